package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.slack.EventIngestor;
import dev.ratchet.core.slack.EventIngestor.Outcome;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events API payloads into storage and module work, straight into the ingestor (the Bolt layers are tested with the emulator). */
@ExtendWith(RatchetDatabaseExtension.class)
class IngestionTest {

    static final Queue<String> seen = new ConcurrentLinkedQueue<>();
    static final Queue<String> enriched = new ConcurrentLinkedQueue<>();
    static final Queue<String> enrichedWithHistory = new ConcurrentLinkedQueue<>();
    /** What the REACT handler with a filter (live events only, like runbook's) saw. */
    static final Queue<String> seenLive = new ConcurrentLinkedQueue<>();

    static Ratchet ratchet;
    static EventIngestor ingestor;

    static final class Watcher implements RatchetModule {
        @Override
        public String id() {
            return "watcher";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on(
                    "enrich",
                    Subscription.to(EventType.MESSAGE).inStage(dev.ratchet.spi.Stage.ENRICH),
                    e -> enriched.add(e.type() + " " + e.message().channelId() + " "
                            + e.message().ts() + " " + e.message().text()));
            ctx.on(
                    "enrich-history",
                    Subscription.to(EventType.MESSAGE)
                            .inStage(dev.ratchet.spi.Stage.ENRICH)
                            .includingBackfill(),
                    e -> enrichedWithHistory.add(
                            e.message().channelId() + " " + e.message().ts() + " live=" + e.live()));
            ctx.on(
                    "live-only",
                    Subscription.to(EventType.MESSAGE).when(e -> e.live()),
                    e -> seenLive.add(
                            e.message().channelId() + " " + e.message().ts() + " live=" + e.live()));
            ctx.on(
                    "all",
                    Subscription.to(
                            EventType.MESSAGE,
                            EventType.THREAD_REPLY,
                            EventType.MESSAGE_EDITED,
                            EventType.MESSAGE_DELETED,
                            EventType.REACTION_ADDED,
                            EventType.REACTION_REMOVED),
                    e -> seen.add(e.type() + " " + e.message().channelId() + " "
                            + e.message().ts()
                            + e.reaction()
                                    .map(r -> " :" + r.name() + ": by " + r.userId())
                                    .orElse("")));
        }
    }

    @BeforeAll
    static void start(TestDatabase db) {
        ratchet = Ratchet.start(
                db.config(Map.of()),
                ModuleRegistry.of(List.of(new Watcher())).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
        ingestor = ratchet.ingestor();
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    static String callback(String eventId, Map<String, Object> event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("token", "unused");
        payload.put("team_id", "T1");
        payload.put("api_app_id", "A1");
        payload.put("type", "event_callback");
        payload.put("event_id", eventId);
        payload.put("event_time", 1700000000);
        payload.put("event", event);
        return Json.write(payload);
    }

    static Map<String, Object> message(String channel, String ts, String user, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("channel", channel);
        m.put("user", user);
        m.put("text", text);
        m.put("ts", ts);
        m.put("event_ts", ts);
        m.put("channel_type", "channel");
        return m;
    }

    static String id() {
        return "Ev"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    static int count(String sql) {
        return TestSql.of(ratchet).count(sql);
    }

    static List<String> seenIn(String channel) {
        return seen.stream().filter(s -> s.contains(" " + channel + " ")).toList();
    }

    @Test
    void event_delivered_four_times_is_stored_once_and_enqueues_once() throws InterruptedException {
        String body = callback("EvDUP0000001", message("C-DUP", "1700000001.000100", "U1", "db-1 disk full"));
        assertThat(ingestor.ingest(body)).isEqualTo(Outcome.STORED);
        for (int retry = 1; retry <= 3; retry++) {
            assertThat(ingestor.ingest(body)).isEqualTo(Outcome.DUPLICATE);
        }
        // the same message under another event id (e.g. a second connection) adds nothing either
        assertThat(ingestor.ingest(callback(id(), message("C-DUP", "1700000001.000100", "U1", "db-1 disk full"))))
                .isEqualTo(Outcome.STORED);
        await().atMost(Duration.ofSeconds(20)).until(() -> seenIn("C-DUP").size() == 1);
        Thread.sleep(500);
        assertThat(count("select count(*) from messages where channel_id = 'C-DUP'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from module_runs where event_key like '%C-DUP%' and handler = 'all'"))
                .isEqualTo(1);
        assertThat(seenIn("C-DUP")).containsExactly("MESSAGE C-DUP 1700000001.000100");
    }

    @Test
    void app_mention_and_its_message_event_run_the_modules_once_whichever_comes_first() throws InterruptedException {
        Map<String, Object> first = message("C-MEN", "1700000020.000100", "U1", "<@UBOT> who owns billing?");
        Map<String, Object> mention = new LinkedHashMap<>(first);
        mention.put("type", "app_mention");
        mention.remove("channel_type");
        assertThat(ingestor.ingest(callback(id(), mention))).isEqualTo(Outcome.STORED);
        assertThat(ingestor.ingest(callback(id(), first))).isEqualTo(Outcome.STORED);

        Map<String, Object> second = message("C-MEN", "1700000021.000100", "U1", "<@UBOT> post the weekly report");
        Map<String, Object> laterMention = new LinkedHashMap<>(second);
        laterMention.put("type", "app_mention");
        assertThat(ingestor.ingest(callback(id(), second))).isEqualTo(Outcome.STORED);
        String laterMentionCallback = callback(id(), laterMention);
        assertThat(ingestor.ingest(laterMentionCallback)).isEqualTo(Outcome.IGNORED);
        // the mention delivered again under its event id: a duplicate, nothing read or run
        assertThat(ingestor.ingest(laterMentionCallback)).isEqualTo(Outcome.DUPLICATE);

        await().atMost(Duration.ofSeconds(20)).until(() -> seenIn("C-MEN").size() == 2);
        Thread.sleep(500);
        assertThat(seenIn("C-MEN"))
                .containsExactlyInAnyOrder("MESSAGE C-MEN 1700000020.000100", "MESSAGE C-MEN 1700000021.000100");
        assertThat(count("select count(*) from messages where channel_id = 'C-MEN'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from module_runs where event_key like '%C-MEN%' and handler = 'all'"))
                .isEqualTo(2);
    }

    @Test
    void live_event_of_a_message_onboarding_stored_first_still_gets_its_live_handlers_once()
            throws InterruptedException {
        // onboarding fetched the message (history: enrichment only) before its live event arrived
        Map<String, Object> msg = message("C-RACE", "1700000030.000100", "U1", "<@UBOT> is billing down?");
        ratchet.storage().transaction(() -> ingestor.storeHistory("T1", "C-RACE", msg));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> enrichedWithHistory.stream().anyMatch(s -> s.startsWith("C-RACE ")));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        count("select count(*) from module_runs where event_key like '%C-RACE%' and state <> 'done'")
                                == 0);
        assertThat(seenIn("C-RACE")).isEmpty();

        assertThat(ingestor.ingest(callback(id(), msg))).isEqualTo(Outcome.STORED);
        await().atMost(Duration.ofSeconds(20)).until(() -> seenIn("C-RACE").size() == 1);
        // a second delivery under another event id, and its app_mention, change nothing
        ingestor.ingest(callback(id(), msg));
        Map<String, Object> mention = new LinkedHashMap<>(msg);
        mention.put("type", "app_mention");
        ingestor.ingest(callback(id(), mention));
        Thread.sleep(500);
        assertThat(seenIn("C-RACE")).containsExactly("MESSAGE C-RACE 1700000030.000100");
        // a REACT handler whose filter asks for live events is judged on the live event, not on the history run's
        // (the chaos suite lost runbooks of alerts a restarted child's onboarding had stored first)
        await().atMost(Duration.ofSeconds(20)).until(() -> seenLive.stream().anyMatch(s -> s.startsWith("C-RACE ")));
        assertThat(seenLive.stream().filter(s -> s.startsWith("C-RACE ")))
                .containsExactly("C-RACE 1700000030.000100 live=true");
        assertThat(enrichedWithHistory.stream().filter(s -> s.startsWith("C-RACE ")))
                .hasSize(1);
        assertThat(count("select count(*) from module_runs where event_key like '%C-RACE%'"))
                .isEqualTo(4); // enrich-history, enrich, live-only, all
    }

    @Test
    void thread_reply_and_broadcast_are_stored_under_their_parent() {
        ingestor.ingest(callback(id(), message("C-THR", "1700000010.000000", "U1", "deploy failed")));
        Map<String, Object> reply = message("C-THR", "1700000011.000000", "U2", "rolling back");
        reply.put("thread_ts", "1700000010.000000");
        ingestor.ingest(callback(id(), reply));
        Map<String, Object> broadcast = message("C-THR", "1700000012.000000", "U2", "rolled back, all good");
        broadcast.put("thread_ts", "1700000010.000000");
        broadcast.put("subtype", "thread_broadcast");
        ingestor.ingest(callback(id(), broadcast));

        var thread = ratchet.storage().messages().thread("C-THR", "1700000010.000000");
        assertThat(thread)
                .extracting(Message::text)
                .containsExactly("deploy failed", "rolling back", "rolled back, all good");
        assertThat(thread.get(2).attrs()).containsEntry("broadcast", true);
        await().atMost(Duration.ofSeconds(20)).until(() -> seenIn("C-THR").size() == 3);
        assertThat(seenIn("C-THR"))
                .contains("THREAD_REPLY C-THR 1700000011.000000", "THREAD_REPLY C-THR 1700000012.000000");
    }

    @Test
    void edit_updates_the_row_and_delete_marks_it() {
        ingestor.ingest(callback(id(), message("C-ED", "1700000020.000000", "U1", "restart the workers")));
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("type", "message");
        changed.put("subtype", "message_changed");
        changed.put("channel", "C-ED");
        changed.put("event_ts", "1700000030.000000");
        changed.put("ts", "1700000030.000000");
        changed.put(
                "message",
                Map.of(
                        "type",
                        "message",
                        "user",
                        "U1",
                        "text",
                        "restart the API workers",
                        "ts",
                        "1700000020.000000",
                        "edited",
                        Map.of("user", "U1", "ts", "1700000030.000000")));
        changed.put(
                "previous_message",
                Map.of("type", "message", "user", "U1", "text", "restart the workers", "ts", "1700000020.000000"));
        assertThat(ingestor.ingest(callback(id(), changed))).isEqualTo(Outcome.STORED);

        var repo = ratchet.storage().messages();
        Message edited = repo.get("C-ED", "1700000020.000000").orElseThrow();
        assertThat(edited.text()).isEqualTo("restart the API workers");
        assertThat(edited.edited()).isTrue();
        // enrichment of new messages is redone for the edit's text
        await().atMost(Duration.ofSeconds(20))
                .until(() -> enriched.contains("MESSAGE_EDITED C-ED 1700000020.000000 restart the API workers"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> seenIn("C-ED").size() == 2); // before the delete, or they would be skipped

        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("type", "message");
        deleted.put("subtype", "message_deleted");
        deleted.put("channel", "C-ED");
        deleted.put("deleted_ts", "1700000020.000000");
        deleted.put("event_ts", "1700000040.000000");
        deleted.put("ts", "1700000040.000000");
        ingestor.ingest(callback(id(), deleted));
        assertThat(repo.get("C-ED", "1700000020.000000").orElseThrow().deleted())
                .isTrue();
        assertThat(count("select count(*) from messages where channel_id = 'C-ED'"))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> seenIn("C-ED").size() == 3);
        assertThat(seenIn("C-ED"))
                .containsExactlyInAnyOrder(
                        "MESSAGE C-ED 1700000020.000000",
                        "MESSAGE_EDITED C-ED 1700000020.000000",
                        "MESSAGE_DELETED C-ED 1700000020.000000");
    }

    static Map<String, Object> reaction(
            String type, String channel, String ts, String user, String name, String eventTs) {
        return Map.of(
                "type",
                type,
                "user",
                user,
                "reaction",
                name,
                "item_user",
                "U1",
                "item",
                Map.of("type", "message", "channel", channel, "ts", ts),
                "event_ts",
                eventTs);
    }

    @Test
    void reactions_count_up_and_down_per_person() {
        ingestor.ingest(callback(id(), message("C-RX", "1700000050.000000", "U1", "runbook posted")));
        ingestor.ingest(callback(
                id(), reaction("reaction_added", "C-RX", "1700000050.000000", "U2", "+1", "1700000051.000000")));
        ingestor.ingest(callback(
                id(), reaction("reaction_added", "C-RX", "1700000050.000000", "U3", "+1", "1700000052.000000")));
        ingestor.ingest(callback(
                id(),
                reaction(
                        "reaction_added",
                        "C-RX",
                        "1700000050.000000",
                        "U3",
                        "+1",
                        "1700000053.000000"))); // already counted
        ingestor.ingest(callback(
                id(), reaction("reaction_added", "C-RX", "1700000050.000000", "U2", "-1", "1700000054.000000")));
        ingestor.ingest(callback(
                id(), reaction("reaction_removed", "C-RX", "1700000050.000000", "U2", "-1", "1700000055.000000")));

        Message m =
                ratchet.storage().messages().get("C-RX", "1700000050.000000").orElseThrow();
        assertThat(m.attrs().get("reactions")).isEqualTo(Map.of("+1", List.of("U2", "U3")));
        await().atMost(Duration.ofSeconds(20)).until(() -> seenIn("C-RX").size() == 5);
        assertThat(seenIn("C-RX"))
                .containsExactlyInAnyOrder(
                        "MESSAGE C-RX 1700000050.000000",
                        "REACTION_ADDED C-RX 1700000050.000000 :+1: by U2",
                        "REACTION_ADDED C-RX 1700000050.000000 :+1: by U3",
                        "REACTION_ADDED C-RX 1700000050.000000 :-1: by U2",
                        "REACTION_REMOVED C-RX 1700000050.000000 :-1: by U2");
    }

    @Test
    void message_deleted_before_its_reaction_ran_gets_no_reaction() throws InterruptedException {
        var repo = ratchet.storage().messages();
        ratchet.storage().transaction(() -> {
            repo.upsert(
                    "T1", "C-GONE", "1700000070.000000", null, Map.of("text", "oops, wrong channel", "deleted", true));
            return ratchet.jobs()
                    .dispatcher()
                    .dispatch(dev.ratchet.core.jobs.EventRef.message("T1", "C-GONE", "1700000070.000000", false, true));
        });
        ratchet.jobs().dispatcher().wake();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                "select count(*) from module_runs where event_key = 'message:C-GONE:1700000070.000000' and state = 'done'")
                        == 4); // enrich, enrich-history, live-only, all
        assertThat(seenIn("C-GONE")).isEmpty();
        assertThat(enriched).anyMatch(e -> e.startsWith("MESSAGE C-GONE"));
    }

    @Test
    void malformed_payload_is_refused_and_stores_nothing() {
        int before = count("select count(*) from messages");
        // signed by Slack but of a shape that can never be stored: dropped (acknowledged, so never retried)
        assertThat(ingestor.ingest("{\"type\":\"event_callback\",\"event_id\":\"EvBAD\"}"))
                .isEqualTo(Outcome.MALFORMED);
        assertThatThrownBy(() -> ingestor.ingest("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThat(count("select count(*) from messages")).isEqualTo(before);
        assertThat(count("select count(*) from slack_events where event_id = 'EvBAD'"))
                .isZero();
    }

    @Test
    void bot_names_from_messages_render_mentions_readably() {
        Map<String, Object> alert = message("C-NM", "1700000060.000000", null, "");
        alert.remove("user");
        alert.put("subtype", "bot_message");
        alert.put("bot_id", "B-GRAFANA");
        alert.put("username", "Grafana");
        alert.put("attachments", List.of(Map.of("title", "[Alerting] CPU high")));
        ingestor.ingest(callback(id(), alert));
        ratchet.storage().transaction(() -> {
            ratchet.directory()
                    .upsertUser(
                            "T1",
                            Map.of(
                                    "id",
                                    "U-ALICE",
                                    "name",
                                    "alice",
                                    "real_name",
                                    "Alice Smith",
                                    "profile",
                                    Map.of("display_name", "", "real_name", "Alice Smith")));
            return null;
        });
        assertThat(ratchet.directory().displayName("B-GRAFANA")).isEqualTo("Grafana");
        assertThat(ratchet.directory().render("p99 &gt; 2s &amp; rising")).isEqualTo("p99 > 2s & rising");
        assertThat(ratchet.directory()
                        .render("<@U-ALICE> please check <#C-NM|ops> and <https://grafana/d/1|the dashboard>, <!here>"))
                .isEqualTo("@Alice Smith please check #ops and the dashboard (https://grafana/d/1), @here");
        assertThat(ratchet.directory().displayName("U-UNKNOWN")).isEqualTo("U-UNKNOWN");
    }
}
