package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.api.ApiServer;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token rule: beyond loopback the API needs api.token, and then every request but /healthz must present it. */
@ExtendWith(RatchetDatabaseExtension.class)
class ApiTokenTest {

    static final String TOKEN = "s3cret-token-for-the-api-test";
    static final HttpClient http = HttpClient.newHttpClient();

    static Ratchet start(TestDatabase db, Map<String, String> flags) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("llm.url", "off"));
        all.putAll(flags);
        return Ratchet.start(
                db.config(all), ModuleRegistry.of(List.of()).enable(List.of(), List.of()), Clock.systemUTC());
    }

    static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void beyond_loopback_the_token_is_required(TestDatabase db) throws Exception {
        try (Ratchet ratchet =
                start(db, Map.of("api.address", "0.0.0.0:0", "api.token", TOKEN, "api.dashboard", "0"))) {
            ApiServer api = ratchet.startApi(ApiServer.Scope.FULL).orElseThrow();
            HttpResponse<String> none = get(api.port(), "/api/channels", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(Json.readMap(none.body()))
                    .extractingByKey("error")
                    .asString()
                    .contains("code=unauthorized");
            assertThat(none.body()).doesNotContain(TOKEN);
            assertThat(get(api.port(), "/api/channels", "Bearer wrong-token-of-some-length")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(get(api.port(), "/metrics", "Bearer " + TOKEN.substring(1))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(get(api.port(), "/api/channels", "Bearer " + TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(get(api.port(), "/metrics", "Bearer " + TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(get(api.port(), "/healthz", null).statusCode()).isEqualTo(200);

            int dashboard = api.dashboardPort().orElseThrow();
            HttpResponse<String> browser = get(dashboard, "/dashboard/", null);
            assertThat(browser.statusCode()).isEqualTo(401);
            assertThat(browser.headers().firstValue("WWW-Authenticate").orElse(""))
                    .startsWith("Basic");
            String basic =
                    "Basic " + Base64.getEncoder().encodeToString(("ops:" + TOKEN).getBytes(StandardCharsets.UTF_8));
            assertThat(get(dashboard, "/dashboard/", basic).statusCode()).isEqualTo(200);
            assertThat(get(dashboard, "/api/jobs?state=ENQUEUED", null).statusCode())
                    .isEqualTo(401);
            assertThat(get(dashboard, "/api/jobs?state=ENQUEUED", "Bearer " + TOKEN)
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void beyond_loopback_without_a_token_it_refuses_to_start(TestDatabase db) {
        try (Ratchet ratchet = start(db, Map.of("api.address", "0.0.0.0:0"))) {
            assertThatThrownBy(() -> ratchet.startApi(ApiServer.Scope.FULL))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("api.address is 0.0.0.0:0, beyond loopback")
                    .hasMessageContaining("RATCHET_API_TOKEN");
        }
    }

    @Test
    void a_worker_serves_only_health_and_metrics_when_given_an_address(TestDatabase db) throws Exception {
        try (Ratchet ratchet = start(db, Map.of("api.worker-address", "127.0.0.1:0"))) {
            ApiServer ops = ratchet.startApi(ApiServer.Scope.OPS).orElseThrow();
            assertThat(get(ops.port(), "/metrics", null).statusCode()).isEqualTo(200);
            assertThat(get(ops.port(), "/api/channels", null).statusCode()).isEqualTo(404);
        }
        try (Ratchet ratchet = start(db, Map.of())) {
            assertThat(ratchet.startApi(ApiServer.Scope.OPS)).isEmpty();
        }
    }
}
