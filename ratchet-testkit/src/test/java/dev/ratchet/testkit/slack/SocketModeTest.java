package dev.ratchet.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MemberJoinedChannelEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Bolt {@link SocketModeApp} (Java-WebSocket backend) against the emulator. */
class SocketModeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private SlackEmulator slack;
    private App app;
    private SocketModeApp socketMode;
    private final List<MessageEvent> messages = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addChannel("C_OPS", "team-ops");
        app = new App(slack.appConfig());
        // Bolt leaves events without a handler unacknowledged (404), which Slack then retries.
        app.event(MemberJoinedChannelEvent.class, (req, ctx) -> ctx.ack());
    }

    @AfterEach
    void stop() throws Exception {
        if (socketMode != null) {
            socketMode.close();
        }
        slack.close();
    }

    private void connect() throws Exception {
        socketMode = new SocketModeApp(slack.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
        socketMode.startAsync();
        await().atMost(PATIENCE).until(() -> slack.connectionCount() == 1);
    }

    private void recordMessages() {
        app.event(MessageEvent.class, (req, ctx) -> {
            messages.add(req.getEvent());
            return ctx.ack();
        });
    }

    @Test
    void bolt_app_receives_a_posted_message_through_socket_mode() throws Exception {
        recordMessages();
        slack.botJoins("C_OPS");
        connect();

        String ts = slack.post("C_OPS", "U_ALICE", "hello");

        await().atMost(PATIENCE).until(() -> !messages.isEmpty());
        assertThat(messages).singleElement().satisfies(event -> {
            assertThat(event.getText()).isEqualTo("hello");
            assertThat(event.getUser()).isEqualTo("U_ALICE");
            assertThat(event.getChannel()).isEqualTo("C_OPS");
            assertThat(event.getChannelType()).isEqualTo("channel");
            assertThat(event.getTs()).isEqualTo(ts);
        });
        slack.awaitAcked(PATIENCE);
        assertThat(slack.deliveredEvents())
                .extracting(DeliveredEvent::type)
                .containsExactly("member_joined_channel", "message");
    }

    @Test
    void bolt_starts_with_auth_test_and_opens_connections_with_the_app_token() throws Exception {
        connect();

        assertThat(slack.calls("auth.test"))
                .extracting(ApiCall::token)
                .contains(ApiCall.Token.BOT)
                .allMatch(t -> t == ApiCall.Token.BOT || t == ApiCall.Token.APP);
        // SocketModeApp opens a URL when it builds its client and another when it connects.
        assertThat(slack.calls("apps.connections.open"))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.token()).isEqualTo(ApiCall.Token.APP));
    }

    @Test
    void unacked_envelope_is_redelivered_with_retry_attempt() throws Exception {
        slack.ackTimeout(Duration.ofMillis(300));
        List<String> attempts = new CopyOnWriteArrayList<>();
        app.event(MessageEvent.class, (req, ctx) -> {
            attempts.add(ctx.getRetryNum() + "/" + ctx.getRetryReason());
            // Bolt's SocketModeApp does not ack when a handler answers other than 200.
            return ctx.getRetryNum() == 0 ? Response.builder().statusCode(500).build() : ctx.ack();
        });
        slack.botJoins("C_OPS");
        connect();

        slack.post("C_OPS", "U_ALICE", "are you there?");

        await().atMost(PATIENCE).until(() -> attempts.size() == 2);
        assertThat(attempts).containsExactly("0/", "1/timeout");
        slack.awaitAcked(PATIENCE);
        DeliveredEvent message = slack.deliveredEvents().stream()
                .filter(e -> e.type().equals("message"))
                .findFirst()
                .orElseThrow();
        assertThat(message.attempts()).isEqualTo(2);
        assertThat(message.status()).isEqualTo(DeliveredEvent.Status.ACKED);
    }

    @Test
    void envelope_never_acked_is_given_up_after_three_retries() throws Exception {
        slack.ackTimeout(Duration.ofMillis(200));
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        app.event(MessageEvent.class, (req, ctx) -> {
            attempts.add(ctx.getRetryNum());
            return Response.builder().statusCode(500).build();
        });
        slack.botJoins("C_OPS");
        connect();

        slack.post("C_OPS", "U_ALICE", "anyone?");

        await().atMost(PATIENCE)
                .until(() -> slack.deliveredEvents().get(1).status() == DeliveredEvent.Status.ABANDONED);
        assertThat(attempts).containsExactly(0, 1, 2, 3);
        assertThat(slack.deliveredEvents().get(1).attempts()).isEqualTo(4);
    }

    @Test
    void mention_reaches_the_app_mention_handler_and_its_threaded_answer_is_stored() throws Exception {
        recordMessages();
        app.event(AppMentionEvent.class, (req, ctx) -> {
            ctx.client()
                    .chatPostMessage(r -> r.channel(req.getEvent().getChannel())
                            .threadTs(req.getEvent().getTs())
                            .text("on it"));
            return ctx.ack();
        });
        slack.botJoins("C_OPS");
        connect();

        String ts = slack.post("C_OPS", "U_ALICE", "<@" + slack.botUserId() + "> is prod down?");

        await().atMost(PATIENCE).until(() -> slack.repliesIn("C_OPS", ts).size() == 1);
        assertThat(slack.repliesIn("C_OPS", ts).get(0))
                .containsEntry("text", "on it")
                .containsEntry("user", slack.botUserId());
        // The bot's own reply comes back as an event too, which Bolt ignores and acks.
        await().atMost(PATIENCE).until(() -> slack.deliveredEvents().size() == 4);
        slack.awaitAcked(PATIENCE);
        assertThat(slack.deliveredEvents())
                .extracting(DeliveredEvent::type)
                .containsExactly("member_joined_channel", "message", "app_mention", "message");
        assertThat(messages).extracting(MessageEvent::getUser).containsExactly("U_ALICE");
    }

    @Test
    void bolt_reconnects_after_a_disconnect_message_and_keeps_receiving_events() throws Exception {
        recordMessages();
        slack.botJoins("C_OPS");
        connect();
        int opened = slack.callCount("apps.connections.open");

        slack.disconnect("refresh_requested");

        await().atMost(PATIENCE)
                .until(() -> slack.callCount("apps.connections.open") == opened + 1 && slack.connectionCount() == 1);
        slack.post("C_OPS", "U_ALICE", "still there?");
        await().atMost(PATIENCE).until(() -> messages.size() == 1);
        slack.awaitAcked(PATIENCE);
    }

    @Test
    void events_posted_before_the_app_connects_arrive_once_it_does() throws Exception {
        recordMessages();
        slack.botJoins("C_OPS");
        slack.post("C_OPS", "U_ALICE", "early");

        connect();

        await().atMost(PATIENCE).until(() -> messages.size() == 1);
        slack.awaitAcked(PATIENCE);
    }

    @Test
    void messages_in_channels_without_the_bot_are_stored_but_not_delivered() throws Exception {
        recordMessages();
        connect();

        slack.post("C_OPS", "U_ALICE", "private chatter");
        slack.botJoins("C_OPS");

        await().atMost(PATIENCE).until(() -> slack.deliveredEvents().size() == 1);
        slack.awaitAcked(PATIENCE);
        assertThat(slack.deliveredEvents()).extracting(DeliveredEvent::type).containsExactly("member_joined_channel");
        assertThat(slack.messagesIn("C_OPS")).extracting(m -> m.get("text")).containsExactly("private chatter");
        assertThat(messages).isEmpty();
    }
}
