package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.api.ApiServer;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.FaultProxy;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database outage longer than the pool's 10 s connection timeout, through a {@link FaultProxy} in front of
 * PostgreSQL: JobRunr stops its job server then; Ratchet must start it again once the database is back, /readyz must
 * show the outage and the recovery, and Slack events during the outage must get a non-200 quickly so Slack retries.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class DatabaseOutageTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageTest.class);
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    static final Set<String> handled = ConcurrentHashMap.newKeySet();
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper mapper = new ObjectMapper();

    /** Records the ts of every live message it is given, as a module job. */
    static final class Recorder implements RatchetModule {
        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on(
                    "record",
                    Subscription.to(EventType.MESSAGE),
                    e -> handled.add(e.message().ts()));
        }
    }

    record Ready(int status, JsonNode body) {
        String check(String name) {
            return body.path("checks").path(name).asText();
        }
    }

    @Test
    void job_server_and_readiness_recover_after_an_outage_longer_than_the_connection_timeout(TestDatabase db)
            throws Exception {
        try (FaultProxy proxy = FaultProxy.to("127.0.0.1", 5432);
                SlackEmulator slack = SlackEmulator.start()) {
            slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addChannel("C_OUT", "outage");
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("db.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name());
            flags.put("db.pool-size", "6");
            flags.put("llm.url", "off");
            flags.put("jobs.workers", "2");
            flags.put("jobs.shutdown-grace", "2s");
            flags.put("api.address", "127.0.0.1:0");
            flags.putAll(TestBot.httpSlackFlags(slack));
            try (Ratchet ratchet = Ratchet.start(
                    db.config(flags),
                    ModuleRegistry.of(List.of(new Recorder())).enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                ratchet.startJobServer();
                ratchet.startSlackEvents();
                ApiServer api = ratchet.startApi(ApiServer.Scope.FULL).orElseThrow();
                URI readyz = URI.create("http://127.0.0.1:" + api.port() + "/readyz");
                slack.deliverEventsTo(URI.create("http://127.0.0.1:"
                        + ratchet.slack().orElseThrow().connection().eventsPort() + "/slack/events"));
                slack.botJoins("C_OUT");

                String before = slack.post("C_OUT", "U_ALICE", "before the outage");
                await("the module job of a message before the outage")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> handled.contains(before));
                assertThat(ready(readyz).status()).isEqualTo(200);

                Instant cut = Instant.now();
                proxy.cut();
                Ready down = await("/readyz to report the database unreachable")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> ready(readyz), r -> r.status() == 503);
                assertThat(down.check("database")).isEqualTo("unreachable");

                // an event during the outage: refused at once, so Slack delivers it again
                String duringTs = Instant.now().getEpochSecond() + ".000100";
                String during = callback(slack, duringTs, "during the outage");
                long sent = System.nanoTime();
                int refused = slack.sendSigned(during, Instant.now().getEpochSecond(), null);
                Duration refusedIn = Duration.ofNanos(System.nanoTime() - sent);
                assertThat(refused).as("status of an event during the outage").isEqualTo(503);
                assertThat(refusedIn)
                        .as("time to refuse an event during the outage")
                        .isLessThan(Duration.ofSeconds(2));

                // JobRunr gives up on its job server once the pool's 10 s connection timeout passed
                Ready stopped = await("the job server to stop on the database failure")
                        .atMost(Duration.ofSeconds(45))
                        .until(() -> ready(readyz), r -> !r.check("jobs").equals("ok"));
                assertThat(stopped.status()).isEqualTo(503);
                assertThat(stopped.check("database")).isEqualTo("unreachable");
                await().atMost(OUTAGE)
                        .until(() -> Duration.between(cut, Instant.now()).compareTo(OUTAGE) >= 0);

                Instant restored = Instant.now();
                proxy.restore();
                Duration outage = Duration.between(cut, restored);
                await("/readyz to report ready again after the database came back")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> ready(readyz).status() == 200);
                Duration readyAgain = Duration.between(restored, Instant.now());
                assertThat(ratchet.jobs().serverRunning()).isTrue();

                String after = slack.post("C_OUT", "U_ALICE", "after the outage");
                await("the module job of a message after the outage")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> handled.contains(after));
                Duration handledAgain = Duration.between(restored, Instant.now());
                // Slack's retry of the event refused during the outage
                assertThat(slack.sendSigned(during, Instant.now().getEpochSecond(), null))
                        .isEqualTo(200);
                await("the module job of the event refused during the outage, delivered again")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> handled.contains(duringTs));
                assertThat(stopped.check("jobs"))
                        .as("/readyz's jobs check during the outage")
                        .contains("restarting when the database answers");
                log.info(
                        "outage {} ms; an event refused with 503 in {} ms during it; /readyz ready {} ms after the"
                                + " restore; a new event handled {} ms after it",
                        outage.toMillis(),
                        refusedIn.toMillis(),
                        readyAgain.toMillis(),
                        handledAgain.toMillis());
            }
        }
    }

    static String callback(SlackEmulator slack, String ts, String text) {
        return Json.write(slack.eventCallback(
                "EvOUT" + ts.replace(".", ""),
                Map.of(
                        "type",
                        "message",
                        "channel",
                        "C_OUT",
                        "user",
                        "U_ALICE",
                        "text",
                        text,
                        "ts",
                        ts,
                        "event_ts",
                        ts,
                        "channel_type",
                        "channel")));
    }

    static Ready ready(URI readyz) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Ready(response.statusCode(), mapper.readTree(response.body()));
    }
}
