package dev.ratchet.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The events the emulator produces for what people do, read from its delivery record (no client connected). */
class WorkspaceEventsTest {

    private SlackEmulator slack;

    @BeforeEach
    void start() {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addChannel("C_OPS", "team-ops");
        slack.botJoins("C_OPS");
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private List<Map<String, Object>> events() {
        return slack.deliveredEvents().stream().map(DeliveredEvent::event).toList();
    }

    private Map<String, Object> lastEvent() {
        List<Map<String, Object>> events = events();
        return events.get(events.size() - 1);
    }

    @Test
    void bot_joining_emits_member_joined_channel_for_the_bot_user() {
        assertThat(slack.deliveredEvents()).singleElement().satisfies(delivered -> {
            assertThat(delivered.callback())
                    .containsEntry("type", "event_callback")
                    .containsEntry("team_id", slack.teamId())
                    .containsEntry("api_app_id", slack.appId())
                    .containsKeys("event_time", "authorizations");
            assertThat(delivered.eventId()).matches("Ev[0-9A-Z]+");
            assertThat(delivered.event())
                    .containsEntry("type", "member_joined_channel")
                    .containsEntry("user", slack.botUserId())
                    .containsEntry("channel", "C_OPS");
        });
    }

    @Test
    void mentioning_the_bot_emits_a_message_and_an_app_mention() {
        String ts = slack.post("C_OPS", "U_ALICE", "<@" + slack.botUserId() + "> help");

        List<Map<String, Object>> events = events();
        assertThat(events)
                .extracting(e -> e.get("type"))
                .containsExactly("member_joined_channel", "message", "app_mention");
        assertThat(events.get(1))
                .containsEntry("ts", ts)
                .containsEntry("event_ts", ts)
                .containsEntry("channel_type", "channel")
                .containsEntry("team", slack.teamId())
                .doesNotContainKey("thread_ts");
        assertThat(events.get(2))
                .containsEntry("user", "U_ALICE")
                .containsEntry("channel", "C_OPS")
                .containsEntry("ts", ts);
        assertThat(slack.deliveredEvents().get(1).eventId())
                .isNotEqualTo(slack.deliveredEvents().get(2).eventId());
    }

    @Test
    void replies_carry_thread_ts_and_grow_the_parents_reply_count() {
        String parent = slack.post("C_OPS", "U_ALICE", "deploy failed");
        String first = slack.reply("C_OPS", parent, "U_ALICE", "log attached");
        String second = slack.reply("C_OPS", first, "U_ALICE", "reply to a reply joins the thread");

        assertThat(lastEvent())
                .containsEntry("thread_ts", parent)
                .containsEntry("ts", second)
                .containsEntry("parent_user_id", "U_ALICE");
        assertThat(slack.message("C_OPS", parent))
                .containsEntry("reply_count", 2)
                .containsEntry("latest_reply", second)
                .containsEntry("thread_ts", parent);
        assertThat(slack.repliesIn("C_OPS", parent))
                .extracting(m -> m.get("ts"))
                .containsExactly(first, second);
        assertThat(slack.messagesIn("C_OPS")).extracting(m -> m.get("ts")).containsExactly(parent);
    }

    @Test
    void integrations_post_bot_messages_with_attachments() {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("fallback", "[FIRING:1] DiskFull db-1");
        alert.put("color", "danger");
        alert.put("title", "[FIRING:1] DiskFull");
        alert.put("text", "db-1 is at 97%");

        String ts = slack.postAsIntegration("C_OPS", "B_ALERTMGR", "alertmanager", "", List.of(alert));

        assertThat(lastEvent())
                .containsEntry("type", "message")
                .containsEntry("subtype", "bot_message")
                .containsEntry("bot_id", "B_ALERTMGR")
                .containsEntry("username", "alertmanager")
                .containsEntry("ts", ts)
                .doesNotContainKey("user");
        assertThat(lastEvent().get("attachments"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .singleElement()
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("text", "db-1 is at 97%");
    }

    @Test
    void editing_emits_message_changed_with_the_new_and_previous_message() {
        String ts = slack.post("C_OPS", "U_ALICE", "typo");

        slack.edit("C_OPS", ts, "fixed");

        Map<String, Object> event = lastEvent();
        assertThat(event)
                .containsEntry("type", "message")
                .containsEntry("subtype", "message_changed")
                .containsEntry("channel", "C_OPS");
        assertThat(event.get("message"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("ts", ts)
                .containsEntry("text", "fixed")
                .containsKey("edited");
        assertThat(event.get("previous_message"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("text", "typo");
        assertThat(slack.message("C_OPS", ts)).containsEntry("text", "fixed");
    }

    @Test
    void deleting_emits_message_deleted_and_removes_the_message_from_history() {
        String ts = slack.post("C_OPS", "U_ALICE", "oops");

        slack.delete("C_OPS", ts);

        assertThat(lastEvent())
                .containsEntry("subtype", "message_deleted")
                .containsEntry("deleted_ts", ts)
                .containsEntry("hidden", true);
        assertThat(lastEvent().get("previous_message"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("text", "oops");
        assertThat(slack.messagesIn("C_OPS")).isEmpty();
    }

    @Test
    void deleting_a_thread_parent_leaves_a_tombstone_over_its_replies() {
        String parent = slack.post("C_OPS", "U_ALICE", "parent");
        slack.reply("C_OPS", parent, "U_ALICE", "child");

        slack.delete("C_OPS", parent);

        assertThat(slack.messagesIn("C_OPS"))
                .singleElement()
                .satisfies(
                        m -> assertThat(m).containsEntry("subtype", "tombstone").containsEntry("reply_count", 1));
    }

    @Test
    void reacting_emits_reaction_added_and_removed_with_the_item() {
        String ts = slack.post("C_OPS", "U_ALICE", "ship it?");

        slack.react("C_OPS", ts, "U_ALICE", "+1");
        Map<String, Object> added = lastEvent();
        assertThat(slack.message("C_OPS", ts).get("reactions"))
                .isEqualTo(List.of(Map.of("name", "+1", "users", List.of("U_ALICE"), "count", 1)));
        slack.unreact("C_OPS", ts, "U_ALICE", "+1");
        Map<String, Object> removed = lastEvent();

        assertThat(added)
                .containsEntry("type", "reaction_added")
                .containsEntry("user", "U_ALICE")
                .containsEntry("reaction", "+1")
                .containsEntry("item_user", "U_ALICE")
                .containsEntry("item", Map.of("type", "message", "channel", "C_OPS", "ts", ts));
        assertThat(removed).containsEntry("type", "reaction_removed");
        assertThat(slack.message("C_OPS", ts)).doesNotContainKey("reactions");
    }

    @Test
    void deliver_sends_one_event_id_as_many_times_as_asked() {
        String eventId = slack.deliver(
                Map.of(
                        "type",
                        "message",
                        "channel",
                        "C_OPS",
                        "user",
                        "U_ALICE",
                        "text",
                        "dup",
                        "ts",
                        "1700000000.000100"),
                3);
        slack.redeliver(eventId, 1);

        assertThat(slack.deliveredEvents())
                .filteredOn(e -> e.eventId().equals(eventId))
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.event()).containsEntry("text", "dup"));
    }

    @Test
    void seeded_history_delivers_no_events_and_lies_in_the_past() {
        Instant before = Instant.now();

        List<String> ts = slack.seedHistory("C_OPS", "U_ALICE", 10, Duration.ofDays(7));
        String parent = slack.seed("C_OPS", "U_ALICE", "old thread", before.minus(Duration.ofDays(8)));
        String reply = slack.seedReply("C_OPS", parent, "U_ALICE", "old reply", before.minus(Duration.ofDays(9)));

        assertThat(slack.deliveredEvents()).hasSize(1);
        assertThat(ts)
                .allSatisfy(
                        t -> assertThat(new BigDecimal(t)).isLessThan(BigDecimal.valueOf(before.getEpochSecond() + 1)));
        assertThat(new BigDecimal(reply)).isGreaterThan(new BigDecimal(parent));
        assertThat(slack.messagesIn("C_OPS"))
                .extracting(m -> m.get("text"))
                .first()
                .isEqualTo("old thread");
    }

    @Test
    void timestamps_are_unique_and_increasing() {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ts.add(slack.post("C_OPS", "U_ALICE", "m" + i));
        }

        assertThat(ts).doesNotHaveDuplicates().allMatch(t -> t.matches("\\d{10}\\.\\d{6}"));
        assertThat(ts).isSortedAccordingTo((a, b) -> new BigDecimal(a).compareTo(new BigDecimal(b)));
    }

    @Test
    void acting_on_an_unknown_channel_or_message_fails_fast() {
        assertThatThrownBy(() -> slack.post("C_NOPE", "U_ALICE", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C_NOPE");
        assertThatThrownBy(() -> slack.react("C_OPS", "1.000001", "U_ALICE", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awaiting_acks_names_the_events_nobody_acknowledged() {
        assertThatThrownBy(() -> slack.awaitAcked(Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("member_joined_channel");
    }

    @Test
    void secrets_stay_out_of_to_string() {
        assertThat(slack.toString()).doesNotContain(slack.botToken(), slack.appToken(), slack.signingSecret());
    }

    @Test
    void await_reply_returns_a_matching_reply_posted_while_waiting_and_empty_when_none_comes() throws Exception {
        String parent = slack.post("C_OPS", "U_ALICE", "disk full on db-1");
        slack.reply("C_OPS", parent, "U_ALICE", "looking");
        // a reply there already that does not match, none that does: empty at the end of the wait
        assertThat(slack.awaitReply("C_OPS", parent, m -> "fixed".equals(m.get("text")), Duration.ofMillis(50)))
                .isEmpty();
        var waiting = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var found = waiting.submit(
                    () -> slack.awaitReply("C_OPS", parent, m -> "fixed".equals(m.get("text")), Duration.ofMinutes(1)));
            String ts = slack.reply("C_OPS", parent, "U_ALICE", "fixed");
            assertThat(found.get())
                    .hasValueSatisfying(
                            m -> assertThat(m).containsEntry("ts", ts).containsEntry("thread_ts", parent));
        } finally {
            waiting.shutdownNow();
        }
        // one there already: at once, as repliesIn gives it
        assertThat(slack.awaitReply("C_OPS", parent, m -> "fixed".equals(m.get("text")), Duration.ZERO))
                .hasValue(slack.repliesIn("C_OPS", parent).get(1));
    }
}
