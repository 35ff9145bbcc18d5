package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input at the HTTP Events API edge (issue 12, items 3 and 7): signed but malformed payloads get a 400 (not
 * an envelope) or a 200 with the event dropped and counted (never stored, never a 5xx, never a closed connection),
 * and clients that send headers and hold the body neither block intake nor hold a thread for long.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class SlackHostileInputTest {

    static SlackEmulator slack;
    static Ratchet ratchet;
    static URI endpoint;
    static final AtomicInteger seq = new AtomicInteger();

    @BeforeAll
    static void start(TestDatabase db) {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addChannel("C_EDGE", "team-edge");
        Map<String, String> flags = TestBot.httpSlackFlags(slack);
        ratchet = Ratchet.start(
                db.config(flags), ModuleRegistry.of(List.of()).enable(List.of(), List.of()), Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        endpoint = URI.create(
                "http://127.0.0.1:" + ratchet.slack().orElseThrow().connection().eventsPort() + "/slack/events");
        slack.deliverEventsTo(endpoint);
    }

    @AfterAll
    static void stop() {
        ratchet.close();
        slack.close();
    }

    static int count(String sql) {
        return TestSql.of(ratchet).count(sql);
    }

    static double malformedCount() {
        Matcher m = Pattern.compile("(?m)^ratchet_events_malformed_total ([0-9.eE+-]+)$")
                .matcher(ratchet.metrics().scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String ts() {
        return Instant.now().getEpochSecond() + "." + String.format("%06d", seq.incrementAndGet());
    }

    static Map<String, Object> message(String ts, String text) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("channel", "C_EDGE");
        event.put("user", "U_ALICE");
        event.put("text", text);
        event.put("ts", ts);
        event.put("event_ts", ts);
        event.put("channel_type", "channel");
        return event;
    }

    static Map<String, Object> callback(String eventId, Object event) {
        return slack.eventCallback(eventId, event);
    }

    /** A signed callback for a message whose field {@code key} is replaced by {@code value} (removed when null). */
    static String withEventField(String eventId, String key, Object value) {
        Map<String, Object> event = message(ts(), "poison " + eventId);
        if (value == null) {
            event.remove(key);
        } else {
            event.put(key, value);
        }
        return Json.write(callback(eventId, event));
    }

    static String withCallbackField(String eventId, String key, Object value) {
        Map<String, Object> callback = callback(eventId, message(ts(), "poison " + eventId));
        if (value == null) {
            callback.remove(key);
        } else {
            callback.put(key, value);
        }
        return Json.write(callback);
    }

    static int send(String body) {
        return slack.sendSigned(body, Instant.now().getEpochSecond(), null);
    }

    static String eventId() {
        return "EvEDGE"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    @Test
    void signed_but_malformed_events_are_acknowledged_dropped_and_counted_never_stored() {
        int messagesBefore = count("select count(*) from messages");
        int eventsBefore = count("select count(*) from slack_events");
        double malformedBefore = malformedCount();
        Map<String, String> hostile = new LinkedHashMap<>(); // event id -> signed body
        // the cases: no event, an event without type, ts that can never be stored, no team_id, odd ids
        hostile.put("EvNOEVENT1", "{\"type\":\"event_callback\",\"event_id\":\"EvNOEVENT1\"}");
        hostile.put("EvNOEVENT2", "{\"type\":\"event_callback\"}");
        String id = eventId();
        hostile.put(id, withEventField(id, "type", null));
        for (Object badTs : new Object[] {"abc", "NaN", "1e309", "", "1700000000", 1.7e9, List.of(), Map.of("a", 1)}) {
            id = eventId();
            hostile.put(id, withEventField(id, "ts", badTs));
        }
        id = eventId();
        hostile.put(id, withEventField(id, "ts", null));
        for (Object badChannel :
                new Object[] {"", "[]", "{a=1}", "true", "1.0E308", 1.0e308, 42, true, List.of(), Map.of("a", 1)}) {
            id = eventId();
            hostile.put(id, withEventField(id, "channel", badChannel));
        }
        id = eventId();
        hostile.put(id, withEventField(id, "channel", null));
        id = eventId();
        hostile.put(id, withEventField(id, "user", Map.of("id", "U_ALICE")));
        id = eventId();
        hostile.put(id, withEventField(id, "text", Map.of("a", 1)));
        id = eventId();
        hostile.put(id, withEventField(id, "thread_ts", "NaN"));
        id = eventId();
        hostile.put(id, withEventField(id, "type", 7));
        id = eventId();
        hostile.put(id, withCallbackField(id, "team_id", null));
        id = eventId();
        hostile.put(id, withCallbackField(id, "team_id", "{a=1}"));
        id = eventId();
        hostile.put(id, withCallbackField(id, "team_id", 12));
        id = eventId();
        hostile.put(id, withCallbackField(id, "event", List.of("message")));
        id = eventId();
        hostile.put(id, withCallbackField(id, "event", "message"));
        id = eventId();
        Map<String, Object> edit = message(ts(), "x");
        edit.put("subtype", "message_changed");
        edit.put("message", Map.of("ts", "NaN", "text", "edited"));
        hostile.put(id, Json.write(callback(id, edit)));
        id = eventId();
        Map<String, Object> delete = message(ts(), "x");
        delete.put("subtype", "message_deleted");
        delete.put("deleted_ts", "{a=1}");
        hostile.put(id, Json.write(callback(id, delete)));
        id = eventId();
        Map<String, Object> reaction = new LinkedHashMap<>();
        reaction.put("type", "reaction_added");
        reaction.put("user", "U_ALICE");
        reaction.put("reaction", "+1");
        reaction.put("item", Map.of("type", "message", "channel", "{a=1}", "ts", "1700000000.000100"));
        reaction.put("event_ts", "1700000000.000200");
        hostile.put(id, Json.write(callback(id, reaction)));
        id = eventId();
        Map<String, Object> mention = message(ts(), "<@U0BOT> hi");
        mention.put("type", "app_mention");
        mention.put("channel", "true");
        hostile.put(id, Json.write(callback(id, mention)));

        Map<String, Integer> answered = new LinkedHashMap<>();
        hostile.forEach((eventId, body) -> answered.put(eventId, send(body)));

        assertThat(answered)
                .allSatisfy((eventId, status) ->
                        assertThat(status).as("status for %s", eventId).isEqualTo(200));
        assertThat(count("select count(*) from messages")).isEqualTo(messagesBefore);
        assertThat(count("select count(*) from slack_events")).isEqualTo(eventsBefore);
        assertThat(count("select count(*) from messages where channel_id !~ '^[A-Z][A-Za-z0-9_-]+$'"))
                .isZero();
        assertThat(malformedCount() - malformedBefore).isEqualTo(hostile.size());

        String ts = ts();
        assertThat(send(Json.write(callback(eventId(), message(ts, "still works")))))
                .isEqualTo(200);
        assertThat(count("select count(*) from messages where channel_id = 'C_EDGE' and ts = '" + ts + "'"))
                .isEqualTo(1);
    }

    @Test
    void signed_requests_that_are_not_an_envelope_get_400() {
        int eventsBefore = count("select count(*) from slack_events");
        for (String body : List.of(
                "not json",
                "{not json",
                "[]",
                "[1,2]",
                "null",
                "42",
                "\"event_callback\"",
                "{}",
                "{\"type\":5}",
                "{\"type\":\"\"}",
                "{\"type\":null,\"event\":{\"type\":\"message\"}}")) {
            assertThat(send(body)).as("status for %s", body).isEqualTo(400);
        }
        assertThat(count("select count(*) from slack_events")).isEqualTo(eventsBefore);
    }

    /** The request line and headers of a POST whose body is never sent. */
    static Socket holdBody(Map<String, String> headers, long contentLength) throws IOException {
        Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
        StringBuilder head = new StringBuilder("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Content-Type: application/json\r\nContent-Length: ")
                .append(contentLength)
                .append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n{\"type\":"); // a few bytes of body, then nothing
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    static Map<String, String> validLooking() {
        return Map.of(
                "X-Slack-Request-Timestamp",
                Long.toString(Instant.now().getEpochSecond()),
                "X-Slack-Signature",
                "v0=" + "ab".repeat(32));
    }

    /** The status line answered, or null when nothing came within {@code timeout}. */
    static String statusLine(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        try {
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        return line.toString();
    }

    @Test
    void clients_holding_the_body_do_not_stall_signed_events_and_are_answered_408() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                stalled.add(holdBody(validLooking(), 1000));
            }
            String ts = ts();
            long t0 = System.nanoTime();
            assertThat(send(Json.write(callback(eventId(), message(ts, "amid stalled clients")))))
                    .isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(count("select count(*) from messages where channel_id = 'C_EDGE' and ts = '" + ts + "'"))
                    .isEqualTo(1);
            // each stalled client is answered 408 after the read deadline (10 s), freeing its thread
            for (Socket s : stalled) {
                assertThat(statusLine(s, Duration.ofSeconds(20))).startsWith("HTTP/1.1 408");
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void missing_or_stale_signature_headers_and_oversized_bodies_are_refused_before_the_body_is_read()
            throws IOException {
        long now = Instant.now().getEpochSecond();
        try (Socket noHeaders = holdBody(Map.of(), 1000);
                Socket stale = holdBody(
                        Map.of(
                                "X-Slack-Request-Timestamp",
                                Long.toString(now - 600),
                                "X-Slack-Signature",
                                "v0=" + "ab".repeat(32)),
                        1000);
                Socket badSignature = holdBody(
                        Map.of("X-Slack-Request-Timestamp", Long.toString(now), "X-Slack-Signature", "v0="), 1000);
                Socket huge = holdBody(validLooking(), 2L << 20)) {
            assertThat(statusLine(noHeaders, Duration.ofSeconds(3))).startsWith("HTTP/1.1 401");
            assertThat(statusLine(stale, Duration.ofSeconds(3))).startsWith("HTTP/1.1 401");
            assertThat(statusLine(badSignature, Duration.ofSeconds(3))).startsWith("HTTP/1.1 401");
            assertThat(statusLine(huge, Duration.ofSeconds(3))).startsWith("HTTP/1.1 413");
        }
    }
}
