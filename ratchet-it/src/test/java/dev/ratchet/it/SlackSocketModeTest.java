package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.slack.ModuleSlack;
import dev.ratchet.core.slack.SlackIntegration;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Stage;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Bolt Socket Mode client against the Slack emulator: events stored once and acknowledged, edits, deletes,
 * reactions, the bot's own posts, onboarding with thread backfill, 429s, and Slack's non-Marketplace limits.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class SlackSocketModeTest {

    static final Queue<String> seen = new ConcurrentLinkedQueue<>();
    static final Queue<String> enriched = new ConcurrentLinkedQueue<>();
    static SlackEmulator slack;
    static Ratchet ratchet;
    static MessageRepository messages;

    /** Replies "ack" in the thread of every live top-level message containing "ping"; records every event. */
    static final class Echo implements RatchetModule {
        @Override
        public String id() {
            return "echo";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on(
                    "see",
                    Subscription.to(
                            EventType.MESSAGE,
                            EventType.THREAD_REPLY,
                            EventType.MESSAGE_EDITED,
                            EventType.MESSAGE_DELETED,
                            EventType.REACTION_ADDED,
                            EventType.REACTION_REMOVED),
                    e -> {
                        seen.add(e.type() + " " + e.message().channelId() + " "
                                + e.message().ts());
                        if (e.type() == EventType.MESSAGE && e.message().text().contains("ping")) {
                            ctx.slack()
                                    .post(
                                            "pong:" + e.key(),
                                            SlackService.Post.reply(
                                                    e.message().channelId(),
                                                    e.message().ts(),
                                                    "pong"));
                        }
                    });
            ctx.on(
                    "index",
                    Subscription.to(EventType.MESSAGE, EventType.THREAD_REPLY)
                            .inStage(Stage.ENRICH)
                            .includingBackfill(),
                    e -> enriched.add(
                            e.message().channelId() + " " + e.message().ts() + (e.live() ? " live" : " history")));
        }
    }

    @BeforeAll
    static void start(TestDatabase db) {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
        slack.addChannel("C_OPS", "team-ops");
        slack.botJoins("C_OPS");
        Map<String, String> flags = TestBot.slackFlags(slack);
        flags.put("slack.history-page-size", "5");
        ratchet = Ratchet.start(
                db.config(flags),
                ModuleRegistry.of(List.of(new Echo())).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        messages = ratchet.storage().messages();
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.connectionCount() == 1);
    }

    @AfterAll
    static void stop() {
        ratchet.close();
        slack.close();
    }

    /** A module "echo" posting through {@code integration} with its own connection pool, as a second worker would. */
    static ModuleSlack echoModule(Database database, SlackIntegration integration) {
        return new ModuleSlack("echo", database, integration.api(), ratchet.directory(), integration.connection());
    }

    static int count(String sql) {
        return TestSql.of(ratchet).count(sql);
    }

    static List<String> seen(String channel, String ts) {
        return seen.stream().filter(s -> s.endsWith(" " + channel + " " + ts)).toList();
    }

    @Test
    void posted_message_is_stored_once_and_acknowledged() {
        String ts = slack.post("C_OPS", "U_ALICE", "the deploy is stuck");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.get("C_OPS", ts).isPresent());
        slack.awaitAcked(Duration.ofSeconds(10));
        Message m = messages.get("C_OPS", ts).orElseThrow();
        assertThat(m.text()).isEqualTo("the deploy is stuck");
        assertThat(m.userId()).contains("U_ALICE");
        assertThat(m.teamId()).isEqualTo(slack.teamId());
        await().atMost(Duration.ofSeconds(20)).until(() -> seen("C_OPS", ts).size() == 1);
        assertThat(count("select count(*) from messages where channel_id = 'C_OPS' and ts = '" + ts + "'"))
                .isEqualTo(1);
    }

    @Test
    void same_event_delivered_four_times_is_stored_once_and_enqueued_once() throws InterruptedException {
        String ts = String.format("%d.000042", Instant.now().getEpochSecond() - 5);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("channel", "C_OPS");
        event.put("user", "U_BOB");
        event.put("text", "duplicate delivery");
        event.put("ts", ts);
        event.put("event_ts", ts);
        event.put("channel_type", "channel");
        String eventId = slack.deliver(event, 4);
        slack.awaitAcked(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> seen("C_OPS", ts).size() == 1);
        Thread.sleep(500);
        assertThat(count("select count(*) from messages where ts = '" + ts + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from slack_events where event_id = '" + eventId + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from module_runs where event_key = 'message:C_OPS:" + ts
                        + "' and module_id = 'echo' and handler = 'see'"))
                .isEqualTo(1);
        assertThat(seen("C_OPS", ts)).hasSize(1);
    }

    @Test
    void edit_delete_and_reactions_update_the_stored_message() {
        String ts = slack.post("C_OPS", "U_ALICE", "restart the workers");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.get("C_OPS", ts).isPresent());
        slack.edit("C_OPS", ts, "restart the API workers");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.get("C_OPS", ts).orElseThrow().edited());
        assertThat(messages.get("C_OPS", ts).orElseThrow().text()).isEqualTo("restart the API workers");

        slack.react("C_OPS", ts, "U_BOB", "+1");
        slack.react("C_OPS", ts, "U_ALICE", "+1");
        slack.react("C_OPS", ts, "U_BOB", "eyes");
        slack.unreact("C_OPS", ts, "U_BOB", "eyes");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Map.of("+1", List.of("U_BOB", "U_ALICE"))
                        .equals(messages.get("C_OPS", ts).orElseThrow().attrs().get("reactions")));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> seen("C_OPS", ts).size() == 6); // REACT runs after a delete are skipped
        slack.delete("C_OPS", ts);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.get("C_OPS", ts).orElseThrow().deleted());
        await().atMost(Duration.ofSeconds(20)).until(() -> seen("C_OPS", ts).size() == 7);
        assertThat(seen("C_OPS", ts))
                .extracting(s -> s.split(" ")[0])
                .containsExactlyInAnyOrder(
                        "MESSAGE",
                        "MESSAGE_EDITED",
                        "REACTION_ADDED",
                        "REACTION_ADDED",
                        "REACTION_ADDED",
                        "REACTION_REMOVED",
                        "MESSAGE_DELETED");
    }

    @Test
    void a_post_claim_left_by_a_crash_is_waited_for_and_taken_over_rather_than_failing_the_attempt(TestDatabase db)
            throws Exception {
        String ts = slack.post("C_OPS", "U_ALICE", "a message a crashed worker was answering");
        String key = "crashed:" + ts;
        // claimed 90 s ago and never posted: its worker died between the claim and Slack's answer. Taken over at two
        // minutes; before, the attempt gave up after 10 s of waiting ("being sent by another worker")
        TestSql.of(ratchet)
                .execute(
                        "insert into bot_posts (module_id, post_key, channel_id, thread_ts, attrs, created_at)"
                                + " values (?, ?, ?, ?, '{}'::jsonb, now() - interval '90 seconds')",
                        "echo",
                        key,
                        "C_OPS",
                        ts);
        SlackIntegration integration = ratchet.slack().orElseThrow();
        try (Database database = Database.connect(DatabaseSettings.from(db.config(TestBot.slackFlags(slack))))) {
            ModuleSlack echo = echoModule(database, integration);
            SlackService.PostedMessage posted =
                    echo.post(key, SlackService.Post.reply("C_OPS", ts, "answered after the takeover"));
            assertThat(slack.repliesIn("C_OPS", ts))
                    .extracting(m -> m.get("text"))
                    .containsExactly("answered after the takeover");
            assertThat(count("select count(*) from bot_posts where module_id = 'echo' and post_key = '" + key
                            + "' and ts = '" + posted.ts() + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void a_crashed_attempt_whose_post_slack_accepted_is_found_by_its_metadata_and_not_posted_again(TestDatabase db)
            throws Exception {
        String ts = slack.post("C_OPS", "U_ALICE", "a message whose answer landed just before its worker was killed");
        String key = "landed:" + ts;
        SlackIntegration integration = ratchet.slack().orElseThrow();
        try (Database database = Database.connect(DatabaseSettings.from(db.config(TestBot.slackFlags(slack))))) {
            ModuleSlack echo = echoModule(database, integration);
            SlackService.PostedMessage first =
                    echo.post(key, SlackService.Post.reply("C_OPS", ts, "the answer Slack accepted"));
            // the worker was killed after Slack's answer, before it recorded the ts: the claim is left unposted, and
            // is taken over two minutes later by a retry whose text differs (an LLM answers differently)
            TestSql.of(ratchet)
                    .execute(
                            "update bot_posts set ts = null, posted_at = null, created_at = now() - interval '3 minutes'"
                                    + " where module_id = 'echo' and post_key = ?",
                            key);
            SlackService.PostedMessage again =
                    echo.post(key, SlackService.Post.reply("C_OPS", ts, "a second answer that must not show"));
            assertThat(again).isEqualTo(first);
            assertThat(slack.repliesIn("C_OPS", ts))
                    .extracting(m -> m.get("text"))
                    .containsExactly("the answer Slack accepted");
            assertThat(count("select count(*) from bot_posts where module_id = 'echo' and post_key = '" + key
                            + "' and ts = '" + first.ts() + "' and first_claimed_at is not null"))
                    .isEqualTo(1);
            // the metadata is there for a reader that asks for it, and only then
            Map<String, Object> asked = integration
                    .api()
                    .call(
                            "conversations.replies",
                            Map.of("channel", "C_OPS", "ts", ts, "include_all_metadata", "true"));
            assertThat(asked.toString()).contains("ratchet_post").contains(key);
            Map<String, Object> plain =
                    integration.api().call("conversations.replies", Map.of("channel", "C_OPS", "ts", ts));
            assertThat(plain.toString()).doesNotContain("ratchet_post");
        }
    }

    @Test
    void a_post_whose_answer_was_lost_is_found_by_its_metadata_rather_than_failed_and_posted_again(TestDatabase db)
            throws Exception {
        String ts = slack.post("C_OPS", "U_ALICE", "a message answered while the network dropped Slack's answer");
        String key = "lost:" + ts;
        SlackIntegration integration = ratchet.slack().orElseThrow();
        try (Database database = Database.connect(DatabaseSettings.from(db.config(TestBot.slackFlags(slack))))) {
            ModuleSlack echo = echoModule(database, integration);
            // Slack posts it, and the connection drops before its answer: the attempt cannot tell it was posted
            slack.loseAnswersNext("chat.postMessage", 1);
            SlackService.PostedMessage posted =
                    echo.post(key, SlackService.Post.reply("C_OPS", ts, "posted once whatever the network did"));
            assertThat(slack.repliesIn("C_OPS", ts))
                    .extracting(m -> m.get("ts"), m -> m.get("text"))
                    .containsExactly(
                            org.assertj.core.api.Assertions.tuple(posted.ts(), "posted once whatever the network did"));
            // a retry of the job finds it recorded
            assertThat(echo.post(key, SlackService.Post.reply("C_OPS", ts, "a retry's text")))
                    .isEqualTo(posted);
            assertThat(slack.repliesIn("C_OPS", ts)).hasSize(1);
        }
    }

    @Test
    void bot_reply_is_posted_once_in_the_thread_and_its_own_post_is_stored_but_not_reacted_to() {
        String ts = slack.post("C_OPS", "U_ALICE", "ping");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.repliesIn("C_OPS", ts).size() == 1);
        Map<String, Object> reply = slack.repliesIn("C_OPS", ts).get(0);
        assertThat(reply.get("text")).isEqualTo("pong");
        String replyTs = (String) reply.get("ts");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messages.get("C_OPS", replyTs).isPresent());
        assertThat(messages.get("C_OPS", replyTs).orElseThrow().botId()).contains(slack.botId());
        // the post's ts is recorded right after Slack accepted it
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from bot_posts where module_id = 'echo' and ts = '" + replyTs + "'")
                        == 1);
        // the bot's own post gets enrichment (history-like), never the REACT handler
        await().atMost(Duration.ofSeconds(20)).until(() -> enriched.contains("C_OPS " + replyTs + " history"));
        assertThat(seen("C_OPS", replyTs)).isEmpty();
        // nor embedded: marked own, it is not in the embedding queue's index (V14), the person's message is
        assertThat(count("select count(*) from messages where channel_id = 'C_OPS' and ts = '" + replyTs
                        + "' and attrs ->> 'own' = 'true'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from messages where channel_id = 'C_OPS' and ts = '" + ts
                        + "' and attrs ->> 'own' is null"))
                .isEqualTo(1);
    }

    @Test
    void joining_a_channel_onboards_its_history_and_threads_with_enrichment_only() {
        slack.addChannel("C_HIST", "team-help");
        Instant base = Instant.now().minus(Duration.ofDays(2));
        for (int i = 0; i < 12; i++) {
            slack.seed(
                    "C_HIST",
                    i % 2 == 0 ? "U_ALICE" : "U_BOB",
                    "old question " + i + " ping",
                    base.plusSeconds(i * 60L));
        }
        String parent = slack.seed("C_HIST", "U_ALICE", "is the VPN down?", base.plusSeconds(3600));
        for (int i = 0; i < 7; i++) {
            slack.seedReply("C_HIST", parent, "U_BOB", "reply " + i, base.plusSeconds(3700 + i));
        }
        slack.failNext("conversations.history", 1, 1); // a 429 midway is waited out
        slack.botJoins("C_HIST");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("select count(*) from messages where channel_id = 'C_HIST'") == 20
                        && "done".equals(onboarding("C_HIST").get("state")));
        assertThat(onboarding("C_HIST")).containsEntry("fetched", 13).containsEntry("threads", 1);
        assertThat(messages.thread("C_HIST", parent)).hasSize(8);
        assertThat(ratchet.directory().channel("C_HIST").orElseThrow()).containsEntry("name", "team-help");
        assertThat(slack.calls("conversations.history"))
                .hasSizeGreaterThanOrEqualTo(4); // 13 messages, 5 a page, plus the 429
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        enriched.stream().filter(s -> s.startsWith("C_HIST ")).count() == 20);
        assertThat(enriched.stream().filter(s -> s.startsWith("C_HIST "))).allMatch(s -> s.endsWith(" history"));
        assertThat(seen.stream().filter(s -> s.contains(" C_HIST "))).isEmpty();
        assertThat(slack.botPosts().stream().filter(p -> "C_HIST".equals(p.get("channel"))))
                .isEmpty(); // "ping" in history gets no pong
    }

    @Test
    void onboarding_works_under_the_non_marketplace_limits() {
        slack.addChannel("C_SLOW", "slow-channel");
        Instant base = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < 20; i++) {
            slack.seed("C_SLOW", "U_ALICE", "note " + i, base.plusSeconds(i));
        }
        slack.nonMarketplaceLimits(Duration.ofMillis(1500));
        try {
            slack.botJoins("C_SLOW");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "done".equals(onboarding("C_SLOW").get("state")));
            assertThat(count("select count(*) from messages where channel_id = 'C_SLOW'"))
                    .isEqualTo(20);
        } finally {
            slack.marketplaceLimits();
        }
    }

    @Test
    void signed_but_malformed_events_are_acknowledged_and_never_stored() {
        int messagesBefore = count("select count(*) from messages");
        double malformedBefore = malformedCount();
        List<String> ids = new java.util.ArrayList<>();
        // (no event without a type here: Bolt's Socket Mode parser fails on it before Ratchet sees it)
        Object[][] poison = {
            {"channel", "{a=1}"},
            {"channel", ""},
            {"channel", "true"},
            {"channel", 1.0e308},
            {"channel", Map.of("a", 1)},
            {"ts", "abc"},
            {"ts", "NaN"},
            {"ts", "1e309"},
            {"ts", null},
            {"user", List.of()}
        };
        for (Object[] field : poison) {
            String ts = String.format("%d.%06d", Instant.now().getEpochSecond(), ids.size() + 500);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "message");
            event.put("channel", "C_OPS");
            event.put("user", "U_ALICE");
            event.put("text", "poison ping");
            event.put("ts", ts);
            event.put("event_ts", ts);
            event.put((String) field[0], field[1]);
            event.values().removeIf(java.util.Objects::isNull);
            ids.add(slack.deliver(event));
        }
        slack.awaitAcked(Duration.ofSeconds(15)); // acknowledged at once, so Slack does not retry a poison event
        assertThat(slack.deliveredEvents().stream().filter(d -> ids.contains(d.eventId())))
                .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
        assertThat(count("select count(*) from messages")).isEqualTo(messagesBefore);
        assertThat(count("select count(*) from slack_events where event_id in ('" + String.join("','", ids) + "')"))
                .isZero();
        assertThat(malformedCount() - malformedBefore).isEqualTo(poison.length);
        assertThat(slack.botPosts())
                .noneMatch(p -> !String.valueOf(p.get("channel")).startsWith("C_"));
    }

    static double malformedCount() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?m)^ratchet_events_malformed_total ([0-9.eE+-]+)$")
                .matcher(ratchet.metrics().scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static Map<String, Object> onboarding(String channel) {
        Object o = ratchet.directory().channel(channel).orElse(Map.of()).get("onboarding");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
        return m;
    }
}
