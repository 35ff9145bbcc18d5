package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP Events API mode: signed requests from the emulator into Bolt through Ratchet's events endpoint. */
@ExtendWith(RatchetDatabaseExtension.class)
class SlackHttpModeTest {

    static SlackEmulator slack;
    static Ratchet ratchet;
    static MessageRepository messages;
    static URI endpoint;

    @BeforeAll
    static void start(TestDatabase db) {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addChannel("C_WEB", "team-web");
        Map<String, String> flags = TestBot.httpSlackFlags(slack);
        ratchet = Ratchet.start(
                db.config(flags), ModuleRegistry.of(List.of()).enable(List.of(), List.of()), Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        messages = ratchet.storage().messages();
        endpoint = URI.create(
                "http://127.0.0.1:" + ratchet.slack().orElseThrow().connection().eventsPort() + "/slack/events");
        slack.deliverEventsTo(endpoint);
        slack.botJoins("C_WEB"); // Slack delivers events of the channels the bot is in
    }

    @AfterAll
    static void stop() {
        ratchet.close();
        slack.close();
    }

    static int count(String sql) {
        return TestSql.of(ratchet).count(sql);
    }

    static String callback(String ts, String text) {
        return Json.write(slack.eventCallback(
                "EvHTTP" + ts.replace(".", ""),
                Map.of(
                        "type",
                        "message",
                        "channel",
                        "C_WEB",
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

    @Test
    void signed_event_is_stored() {
        String ts = slack.post("C_WEB", "U_ALICE", "http mode works");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.get("C_WEB", ts).isPresent());
        slack.awaitAcked(Duration.ofSeconds(10));
        assertThat(messages.get("C_WEB", ts).orElseThrow().text()).isEqualTo("http mode works");
    }

    @Test
    void url_verification_is_answered_with_the_challenge() {
        assertThat(slack.urlVerification(endpoint)).contains("challenge-");
    }

    @Test
    void bad_or_stale_signature_gets_401_and_stores_nothing() {
        long now = Instant.now().getEpochSecond();
        String forged = callback(now + ".000001", "forged");
        assertThat(slack.sendSigned(forged, now, "v0=" + "0".repeat(64))).isEqualTo(401);
        assertThat(slack.sendSigned(forged, now, "")).isEqualTo(401);
        String stale = callback(now + ".000002", "replayed");
        assertThat(slack.sendSigned(stale, now - 600, null)).isEqualTo(401); // correctly signed, 10 minutes old
        assertThat(count("select count(*) from messages where channel_id = 'C_WEB' and ts in ('" + now + ".000001', '"
                        + now + ".000002')"))
                .isZero();
        String genuine = callback(now + ".000003", "genuine");
        assertThat(slack.sendSigned(genuine, now, null)).isEqualTo(200);
        assertThat(count("select count(*) from messages where channel_id = 'C_WEB' and ts = '" + now + ".000003'"))
                .isEqualTo(1);
    }

    @Test
    void slack_retries_of_one_event_store_it_once() {
        String ts = String.format("%d.000077", Instant.now().getEpochSecond() - 3);
        String eventId = slack.deliver(
                Map.of(
                        "type",
                        "message",
                        "channel",
                        "C_WEB",
                        "user",
                        "U_ALICE",
                        "text",
                        "sent four times",
                        "ts",
                        ts,
                        "event_ts",
                        ts,
                        "channel_type",
                        "channel"),
                4);
        slack.awaitAcked(Duration.ofSeconds(10));
        assertThat(count("select count(*) from messages where channel_id = 'C_WEB' and ts = '" + ts + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from slack_events where event_id = '" + eventId + "'"))
                .isEqualTo(1);
    }
}
