package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import org.junit.jupiter.api.Test;

/** The report over the JSON API: GET computes it, POST posts it to the channel once per period. */
class ReportRouteTest {

    static final String OPS = "C0OPSROUTE";

    @Test
    void get_computes_the_report_and_post_posts_it_once() throws Exception {
        SeededWeek week = new SeededWeek(OPS);
        ClassifierStandIn classifier = new ClassifierStandIn();
        try (TestBot bot = TestBot.with(classifier, new ReportModule())
                .slack(slack -> week.seed(slack, "team-ops"))
                .api()
                .start()) {
            week.classify(bot, classifier);
            String path = "/api/modules/report/channels/" + OPS + "?days=7";

            TestBot.RouteAnswer get = bot.api(HttpMethod.GET, path);
            assertThat(get.status()).isEqualTo(200);
            JsonNode report = get.tree();
            assertThat(report.get("never_acted_on"))
                    .extracting(a -> a.get("alert").asText())
                    .containsExactly("DiskFull");
            assertThat(bot.botPosts()).isEmpty();

            for (int i = 0; i < 2; i++) {
                TestBot.RouteAnswer post = bot.api(HttpMethod.POST, path);
                assertThat(post.status()).isEqualTo(200);
                assertThat(post.tree().get("channel").asText()).isEqualTo(OPS);
            }
            assertThat(bot.botPosts()).hasSize(1);
            assertThat(bot.botPosts().get(0).get("text").toString()).contains("Never acted on: db-1 / DiskFull");

            TestBot.RouteAnswer bad = bot.api(HttpMethod.GET, "/api/modules/report/channels/not-a-channel");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.tree().at("/error/message").asText()).contains("is not a channel id");
        }
    }
}
