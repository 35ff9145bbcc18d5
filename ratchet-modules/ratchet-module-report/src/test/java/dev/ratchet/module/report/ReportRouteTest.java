package dev.ratchet.module.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.api.ApiServer;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.slack.SlackEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report over the JSON API: GET computes it, POST posts it to the channel once per period. */
@ExtendWith(RatchetDatabaseExtension.class)
class ReportRouteTest {

    static final String OPS = "C0OPSROUTE";

    @Test
    void get_computes_the_report_and_post_posts_it_once(TestDatabase db) throws Exception {
        try (SlackEmulator slack = SlackEmulator.start()) {
            SeededWeek week = new SeededWeek(OPS);
            week.seed(slack, "team-ops");
            Map<String, String> flags = SeededWeek.flagsWithoutLlm(slack);
            flags.put("api.address", "127.0.0.1:0");
            ClassifierStandIn classifier = new ClassifierStandIn();
            try (Ratchet ratchet = Ratchet.start(db.config(flags),
                    ModuleRegistry.of(List.of(classifier, new ReportModule())).enable(List.of(), List.of()), Clock.systemUTC())) {
                ratchet.startJobServer();
                ratchet.startSlackEvents();
                week.classify(ratchet, classifier);
                int port = ratchet.startApi(ApiServer.Scope.FULL).orElseThrow().port();
                HttpClient http = HttpClient.newHttpClient();
                URI uri = URI.create("http://127.0.0.1:" + port + "/api/modules/report/channels/" + OPS + "?days=7");

                HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(get.statusCode()).isEqualTo(200);
                JsonNode report = Json.MAPPER.readTree(get.body());
                assertThat(report.get("never_acted_on")).extracting(a -> a.get("alert").asText()).containsExactly("DiskFull");
                assertThat(slack.botPosts()).isEmpty();

                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(post.statusCode()).isEqualTo(200);
                    assertThat(Json.MAPPER.readTree(post.body()).get("channel").asText()).isEqualTo(OPS);
                }
                assertThat(slack.botPosts()).hasSize(1);
                assertThat(slack.botPosts().get(0).get("text").toString()).contains("Never acted on: db-1 / DiskFull");

                HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/modules/report/channels/not-a-channel")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(Json.MAPPER.readTree(bad.body()).at("/error/message").asText()).contains("is not a channel id");
            }
        }
    }
}
