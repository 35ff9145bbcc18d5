package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.api.ApiServer;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON API over real HTTP: paging, filters, errors, module routes, metrics, readiness and the jobs dashboard. */
@ExtendWith(RatchetDatabaseExtension.class)
class ApiTest {

    /** A module with routes, as a third party would write it. */
    public static final class Echo implements RatchetModule {
        @Override
        public String id() {
            return "echo";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.route(
                    HttpMethod.GET,
                    "things/{name}",
                    request -> RouteHandler.Response.ok(Map.of(
                            "name",
                            request.pathParams().get("name"),
                            "color",
                            request.query("color").orElse("none"))));
            ctx.route(HttpMethod.POST, "things", request -> {
                throw new IllegalArgumentException("a thing needs a name");
            });
        }
    }

    static final HttpClient http = HttpClient.newHttpClient();
    static final long NOW = Instant.now().getEpochSecond();
    static Ratchet ratchet;
    static ApiServer api;

    @BeforeAll
    static void start(TestDatabase db) {
        ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off", "api.address", "127.0.0.1:0", "api.dashboard", "0")),
                ModuleRegistry.of(List.of(new Echo())).enable(List.of(), List.of()),
                Clock.systemUTC());
        api = ratchet.startApi(ApiServer.Scope.FULL).orElseThrow();
        MessageRepository repo = ratchet.storage().messages();
        ratchet.storage().transaction(() -> {
            // seven people's messages an hour apart, the oldest 10 hours ago
            for (int i = 0; i < 7; i++) {
                repo.upsert("T1", "C_OPS", ts(10 - i), null, Map.of("text", "chatter " + i, "user", "U1"));
            }
            // DiskFull on db-1 fired twice (once resolved, with a thread) and Latency on api once
            repo.upsert(
                    "T1",
                    "C_OPS",
                    ts(30),
                    null,
                    alert("open", "db-1", "DiskFull", Map.of("closed_ts", ts(29), "duration_seconds", 3600)));
            repo.upsert(
                    "T1",
                    "C_OPS",
                    ts(29),
                    null,
                    alert("close", "db-1", "DiskFull", Map.of("opened_ts", ts(30), "duration_seconds", 3600)));
            repo.upsert("T1", "C_OPS", ts(29.5), ts(30), Map.of("text", "freed space with logrotate", "user", "U2"));
            repo.upsert("T1", "C_OPS", ts(20), null, alert("open", "db-1", "DiskFull", Map.of()));
            repo.upsert("T1", "C_OPS", ts(15), null, alert("open", "api", "Latency", Map.of()));
            return null;
        });
    }

    static String ts(double hoursAgo) {
        return (NOW - Math.round(hoursAgo * 3600)) + ".000100";
    }

    static Map<String, Object> alert(String action, String service, String alert, Map<String, Object> more) {
        Map<String, Object> classifier =
                new LinkedHashMap<>(Map.of("action", action, "service", service, "alert", alert));
        classifier.putAll(more);
        return Map.of("text", "[" + action + "] " + alert + " " + service, "bot_id", "B_AM", "classifier", classifier);
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void a_channel_id_is_validated_alike_by_get_and_by_onboard() throws Exception {
        assertThat(get("/api/channels/C_OPS").statusCode()).isEqualTo(200);
        HttpResponse<String> onboard = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/channels/C_OPS/onboard"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // the id is accepted as GET accepts it; what stops it here is that this instance has no Slack
        assertThat(onboard.statusCode()).as(onboard.body()).isNotEqualTo(400);
        assertThat(onboard.body()).contains("Slack is not configured");
        HttpResponse<String> bad = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/channels/team-ops/onboard"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'team-ops' is not a Slack channel id");
    }

    @Test
    void messages_are_paged_with_a_next_cursor_until_the_last_page() throws Exception {
        List<String> seen = new ArrayList<>();
        String path = "/api/channels/C_OPS/messages?classification=unclassified&limit=3";
        int pages = 0;
        while (path != null) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode page = json(r);
            page.get("items").forEach(m -> seen.add(m.get("text").asText()));
            pages++;
            path = page.get("next_cursor").isNull()
                    ? null
                    : "/api/channels/C_OPS/messages?classification=unclassified&limit=3&cursor="
                            + page.get("next_cursor").asText();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .containsExactly(
                        "chatter 6", "chatter 5", "chatter 4", "chatter 3", "chatter 2", "chatter 1", "chatter 0");
    }

    @Test
    void messages_filter_by_time_thread_and_classification() throws Exception {
        JsonNode recent = json(get("/api/channels/C_OPS/messages?since=450m")); // 7.5 hours back
        assertThat(recent.get("items"))
                .extracting(m -> m.get("text").asText())
                .containsExactly("chatter 6", "chatter 5", "chatter 4", "chatter 3");
        JsonNode iso = json(
                get("/api/channels/C_OPS/messages?until=" + Instant.ofEpochSecond(NOW - 25 * 3600) + "&order=asc"));
        assertThat(iso.get("items")).extracting(m -> m.get("ts").asText()).containsExactly(ts(30), ts(29));
        assertThat(iso.get("items").get(0).get("reply_count").asInt()).isEqualTo(1);
        assertThat(iso.get("items").get(0).get("posted_at").asText())
                .isEqualTo(Instant.ofEpochSecond(NOW - 30 * 3600, 100_000).toString());

        JsonNode thread = json(get("/api/channels/C_OPS/messages?order=asc&thread_ts=" + ts(30)));
        assertThat(thread.get("items"))
                .extracting(m -> m.get("text").asText())
                .containsExactly("[open] DiskFull db-1", "freed space with logrotate");
        JsonNode opens = json(get("/api/channels/C_OPS/messages?classification=open"));
        assertThat(opens.get("items"))
                .extracting(m -> m.get("classification").get("alert").asText())
                .containsExactly("Latency", "DiskFull", "DiskFull");
    }

    @Test
    void services_count_alerts_and_past_threads_come_with_their_replies() throws Exception {
        JsonNode services = json(get("/api/channels/C_OPS/services?since=3d"));
        assertThat(services.get("items"))
                .extracting(s -> s.get("service").asText())
                .containsExactly("api", "db-1");
        JsonNode disk = services.get("items").get(1).get("alerts").get(0);
        assertThat(disk.get("alert").asText()).isEqualTo("DiskFull");
        assertThat(disk.get("opens").asInt()).isEqualTo(2);
        assertThat(disk.get("closes").asInt()).isEqualTo(1);
        assertThat(disk.get("unresolved").asInt()).isEqualTo(1);
        assertThat(disk.get("mean_open_seconds").asLong()).isEqualTo(3600);

        JsonNode threads = json(get("/api/channels/C_OPS/alerts/db-1/DiskFull/threads?limit=1"));
        assertThat(threads.get("items")).hasSize(1);
        assertThat(threads.get("items").get(0).get("ts").asText()).isEqualTo(ts(20));
        JsonNode older = json(get("/api/channels/C_OPS/alerts/db-1/DiskFull/threads?limit=1&cursor="
                + threads.get("next_cursor").asText()));
        assertThat(older.get("items").get(0).get("replies"))
                .extracting(r -> r.get("text").asText())
                .containsExactly("freed space with logrotate");
        assertThat(older.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void errors_are_json_with_a_code_and_a_message() throws Exception {
        HttpResponse<String> missing = get("/api/channels/C_NOPE/messages");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(json(missing).at("/error/message").asText()).contains("C_NOPE");

        HttpResponse<String> bad = get("/api/channels/C_OPS/messages?limit=5000");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/error/code").asText()).isEqualTo("bad_request");
        assertThat(json(bad).at("/error/message").asText()).contains("limit must be a whole number from 1 to 200");

        HttpResponse<String> badCursor = get("/api/channels/C_OPS/messages?cursor=zzz");
        assertThat(badCursor.statusCode()).isEqualTo(400);

        HttpResponse<String> method = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/channels"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(json(method).at("/error/code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void a_module_route_answers_under_its_id() throws Exception {
        JsonNode thing = json(get("/api/modules/echo/things/red%20box?color=blue"));
        assertThat(thing.get("name").asText()).isEqualTo("red box");
        assertThat(thing.get("color").asText()).isEqualTo("blue");
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/modules/echo/things"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).at("/error/message").asText()).isEqualTo("a thing needs a name");

        JsonNode modules = json(get("/api/modules"));
        JsonNode echo = modules.get("items").get(0);
        assertThat(echo.get("id").asText()).isEqualTo("echo");
        assertThat(echo.get("started").asBoolean()).isTrue();
        assertThat(echo.get("routes"))
                .extracting(JsonNode::asText)
                .containsExactly("GET /api/modules/echo/things/{name}", "POST /api/modules/echo/things");
    }

    @Test
    void metrics_are_served_in_the_prometheus_text_format() throws Exception {
        get("/api/channels");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .contains("# TYPE ratchet_api_requests_seconds summary")
                .containsPattern(
                        "ratchet_api_requests_seconds_count\\{method=\"GET\",route=\"/api/channels\",status=\"200\"} \\d+");
        JsonNode version = json(get("/version"));
        assertThat(version.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(version.get("java").asText())
                .startsWith(String.valueOf(Runtime.version().feature()));
    }

    @Test
    void metrics_counters_move_when_events_arrive() throws Exception {
        double stored = metric("ratchet_events_ingested_total\\{type=\"message\"}");
        double duplicates = metric("ratchet_events_duplicate_total");
        String event = Json.write(Map.of(
                "type",
                "event_callback",
                "team_id",
                "T1",
                "event_id",
                "EvMETRICS01",
                "event",
                Map.of(
                        "type",
                        "message",
                        "channel",
                        "C_MET",
                        "user",
                        "U1",
                        "text",
                        "disk full on db-2",
                        "ts",
                        ts(0.1))));
        ratchet.ingestor().ingest(event);
        ratchet.ingestor().ingest(event); // Slack's retry of the same event
        assertThat(metric("ratchet_events_ingested_total\\{type=\"message\"}")).isEqualTo(stored + 1);
        assertThat(metric("ratchet_events_duplicate_total")).isEqualTo(duplicates + 1);
    }

    /** A sample's value read from GET /metrics; 0 when the series does not exist yet. */
    static double metric(String series) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$")
                .matcher(get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void readiness_fails_until_the_job_server_runs() throws Exception {
        HttpResponse<String> before = get("/readyz");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(json(before).at("/checks/database").asText()).isEqualTo("ok");
        assertThat(json(before).at("/error/message").asText()).contains("jobs (job server not running)");
        ratchet.startJobServer();
        HttpResponse<String> after = get("/readyz");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("status").asText()).isEqualTo("ready");
        assertThat(json(after).at("/checks/slack").asText()).isEqualTo("not configured");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void the_jobs_dashboard_is_served_on_its_port() throws Exception {
        int port = api.dashboardPort().orElseThrow();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dashboard/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("jobrunr");
        HttpResponse<String> servers = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/servers"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(servers.statusCode()).isEqualTo(200);
    }
}
