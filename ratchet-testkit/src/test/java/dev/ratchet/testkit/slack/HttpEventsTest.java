package dev.ratchet.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Events API over HTTP: signed POSTs to the app's Request URL, retried when not answered with a 2xx. */
class HttpEventsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private SlackEmulator slack;
    private RecordingEndpoint endpoint;

    @BeforeEach
    void start() {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addChannel("C_OPS", "team-ops");
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        slack.close();
    }

    private void listen(RecordingEndpoint.Responder responder) throws Exception {
        endpoint = RecordingEndpoint.start(responder);
        slack.deliverEventsTo(endpoint.uri());
    }

    private static String hmac(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0="
                + HexFormat.of()
                        .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signed_http_delivery_carries_a_valid_hmac_signature() throws Exception {
        listen((request, i) -> RecordingEndpoint.Answer.ok());
        slack.botJoins("C_OPS");

        slack.post("C_OPS", "U_ALICE", "hello over http");

        slack.awaitAcked(PATIENCE);
        List<RecordingEndpoint.Received> received = endpoint.received();
        assertThat(received).hasSize(2);
        for (RecordingEndpoint.Received request : received) {
            String timestamp = request.header("X-Slack-Request-Timestamp");
            assertThat(Long.parseLong(timestamp))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
            assertThat(request.header("X-Slack-Signature"))
                    .isEqualTo(hmac(slack.signingSecret(), timestamp, request.body()));
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("X-Slack-Retry-Num")).isNull();
        }
        // HTTP deliveries run concurrently, as Slack's do, so their order is not given.
        Map<String, Object> callback = received.stream()
                .map(r -> Json.readMap(r.body()))
                .filter(c -> ((Map<?, ?>) c.get("event")).get("type").equals("message"))
                .findFirst()
                .orElseThrow();
        assertThat(callback)
                .containsEntry("type", "event_callback")
                .containsEntry("team_id", slack.teamId())
                .containsEntry("api_app_id", slack.appId());
        assertThat(callback.get("event_id")).asString().startsWith("Ev");
        assertThat(callback.get("event"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("text", "hello over http");
    }

    @Test
    void failed_http_delivery_is_retried_with_retry_headers_and_the_same_event_id() throws Exception {
        listen((request, i) ->
                i < 3 ? new RecordingEndpoint.Answer(500, "text/plain", "boom") : RecordingEndpoint.Answer.ok());

        slack.botJoins("C_OPS");

        slack.awaitAcked(PATIENCE);
        List<RecordingEndpoint.Received> received = endpoint.received();
        assertThat(received).hasSize(4);
        assertThat(received).extracting(r -> r.header("X-Slack-Retry-Num")).containsExactly(null, "1", "2", "3");
        assertThat(received)
                .extracting(r -> r.header("X-Slack-Retry-Reason"))
                .containsExactly(null, "http_error", "http_error", "http_error");
        assertThat(received)
                .extracting(r -> Json.readMap(r.body()).get("event_id"))
                .containsOnly(slack.deliveredEvents().get(0).eventId());
        assertThat(slack.deliveredEvents().get(0).attempts()).isEqualTo(4);
    }

    @Test
    void unanswered_http_delivery_is_retried_with_reason_http_timeout() throws Exception {
        slack.ackTimeout(Duration.ofMillis(300));
        CountDownLatch released = new CountDownLatch(1);
        listen((request, i) -> {
            if (i == 0) {
                // Answer only after the emulator has given up waiting and retried.
                released.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                released.countDown();
            }
            return RecordingEndpoint.Answer.ok();
        });

        slack.botJoins("C_OPS");

        await().atMost(PATIENCE).until(() -> endpoint.received().size() >= 2);
        assertThat(endpoint.received().get(1).header("X-Slack-Retry-Num")).isEqualTo("1");
        assertThat(endpoint.received().get(1).header("X-Slack-Retry-Reason")).isEqualTo("http_timeout");
        slack.awaitAcked(PATIENCE);
    }

    @Test
    void bad_or_stale_signatures_are_refused_by_a_bolt_app_in_http_mode() throws Exception {
        List<MessageEvent> seen = new CopyOnWriteArrayList<>();
        App app = new App(slack.appConfig());
        app.event(MessageEvent.class, (req, ctx) -> {
            seen.add(req.getEvent());
            return ctx.ack();
        });
        listen(boltEndpoint(app));
        String body = Json.write(Map.of(
                "type",
                "event_callback",
                "team_id",
                slack.teamId(),
                "api_app_id",
                slack.appId(),
                "event_id",
                "Ev0000000001",
                "event_time",
                1,
                "event",
                Map.of(
                        "type",
                        "message",
                        "channel",
                        "C_OPS",
                        "user",
                        "U_ALICE",
                        "text",
                        "hi",
                        "ts",
                        "1700000000.000100",
                        "event_ts",
                        "1700000000.000100",
                        "channel_type",
                        "channel")));
        long now = Instant.now().getEpochSecond();

        assertThat(slack.sendSigned(body, now, "v0=" + "0".repeat(64))).isEqualTo(401);
        assertThat(slack.sendSigned(body, now, "")).isEqualTo(401);
        assertThat(slack.sendSigned(body, now - 600, null)).isEqualTo(401);
        assertThat(seen).isEmpty();
        assertThat(slack.sendSigned(body, now, null)).isEqualTo(200);
        assertThat(seen).extracting(MessageEvent::getText).containsExactly("hi");
    }

    @Test
    void emulator_signatures_are_accepted_by_bolts_verifier() {
        long now = Instant.now().getEpochSecond();
        SlackSignature.Verifier verifier =
                new SlackSignature.Verifier(new SlackSignature.Generator(slack.signingSecret()));

        assertThat(verifier.isValid(Long.toString(now), "{\"a\":1}", slack.sign(now, "{\"a\":1}")))
                .isTrue();
        assertThat(verifier.isValid(Long.toString(now), "{\"a\":2}", slack.sign(now, "{\"a\":1}")))
                .isFalse();
    }

    @Test
    void bolt_app_in_http_mode_receives_posted_messages_and_answers_url_verification() throws Exception {
        List<MessageEvent> seen = new CopyOnWriteArrayList<>();
        App app = new App(slack.appConfig());
        app.event(MessageEvent.class, (req, ctx) -> {
            seen.add(req.getEvent());
            return ctx.ack();
        });
        app.event(com.slack.api.model.event.MemberJoinedChannelEvent.class, (req, ctx) -> ctx.ack());
        listen(boltEndpoint(app));

        String answer = slack.urlVerification(endpoint.uri());
        slack.botJoins("C_OPS");
        slack.post("C_OPS", "U_ALICE", "over http");

        assertThat(answer).startsWith("challenge-");
        slack.awaitAcked(PATIENCE);
        assertThat(seen).extracting(MessageEvent::getText).containsExactly("over http");
    }

    /** What an app's HTTP server does with Bolt: parse the request, run the app, answer with its response. */
    private static RecordingEndpoint.Responder boltEndpoint(App app) {
        SlackRequestParser parser = new SlackRequestParser(app.config());
        return (received, i) -> {
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri("/slack/events")
                    .queryString(Map.of())
                    .headers(new RequestHeaders(received.headers()))
                    .requestBody(received.body())
                    .remoteAddress("127.0.0.1")
                    .build());
            Response response = app.run(request);
            return new RecordingEndpoint.Answer(
                    response.getStatusCode(), response.getContentType(), response.getBody());
        };
    }
}
