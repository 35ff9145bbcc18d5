package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 74, 76 and 77 (2026-12-07: an ML platform, alerts through incident platforms' routes, a
 * Microsoft shop's flows, nobody here had read), written here in other words than theirs: a test told by a card's field
 * or a bare "test", the always-firing Watchdog named in a group key, a tool's name in brackets that only starts with a
 * state word, a tally of things resolved, a person stopping a job, a Windows service's end and start, a health colour's
 * change, a tracker's work item, a tool's name before its webhook's action, restored uptime and detected drift; and the
 * evaluation pairing a close with the open of its names whoever posted it, as the module does.
 */
class PlatformShapesTest {

    @Test
    void a_test_said_in_a_cards_field_or_a_bare_test_opens_nothing() {
        MessageView card = MessageView.ofSlack(Map.of(
                "type", "message",
                "subtype", "bot_message",
                "username", "monitor-relay",
                "text", "",
                "attachments",
                        List.of(Map.of(
                                "color", "danger",
                                "title", "Fired · Sev2 · Disk queue length",
                                "fields",
                                        List.of(Map.of(
                                                "title", "Origin", "value", "Log query · test notification"))))));
        assertThat(Shapes.BUILTIN.classify(card).filter(Classification::isAlert))
                .isEmpty();
        assertThat(action("sns-relay", "testing\n🔴 ALARM")).isEmpty();
        // a real alarm beside the same state line
        assertThat(action("sns-relay", "orders-api: 5xx above 2% for 5 minutes\n🔴 ALARM"))
                .contains(Action.OPEN);
    }

    @Test
    void the_always_firing_watchdog_named_in_a_group_key_is_no_alert() {
        assertThat(action(
                        "workflow",
                        "Prometheus notification\nStatus: firing\nGroup key: {}:{alertname=\"Watchdog\", env=\"stg\"}"))
                .isEmpty();
        assertThat(
                        action(
                                "workflow",
                                "Prometheus notification\nStatus: firing\nGroup key: {}:{alertname=\"KafkaLagHigh\", env=\"stg\"}"))
                .contains(Action.OPEN);
    }

    @Test
    void a_tools_bracketed_name_starting_with_a_state_word_is_no_state() {
        assertThat(action("mail-relay", "[New Relic] Closed issue: Error rate above 3% for Billing API"))
                .isNotEqualTo(Optional.of(Action.OPEN));
        // a state word filling the bracket with the alert's noun is one
        assertThat(action("uptime", "[New Incident] on billing-web https://billing.example/health"))
                .contains(Action.OPEN);
    }

    @Test
    void a_tally_of_things_resolved_is_no_close() {
        assertThat(action("Annotator", "Queue *intent-v9*: 500 of 500 reviewed · 7 issues resolved"))
                .isEmpty();
    }

    @Test
    void a_person_stopping_a_job_is_no_failure_and_windows_services_end_and_start() {
        assertThat(action("Batch Jobs", "Job `bf_2231` (reindex) STOPPED by Marta (replaced by bf_2240)"))
                .isEmpty();
        assertThat(action("event-forwarder", "The Windows Update service terminated unexpectedly."))
                .contains(Action.OPEN);
        assertThat(action("event-forwarder", "The Windows Update service entered the running state."))
                .contains(Action.CLOSE);
    }

    @Test
    void a_health_colours_change_says_the_state() {
        assertThat(action("es-watch", "Cluster logs-prod health changed from green to yellow (2 unassigned shards)"))
                .contains(Action.OPEN);
        assertThat(action("es-watch", "Cluster logs-prod health changed from yellow to green"))
                .contains(Action.CLOSE);
        // worse or better while still unhealthy: the same alert
        assertThat(action("es-watch", "Cluster logs-prod health changed from yellow to red"))
                .isEmpty();
    }

    @Test
    void a_trackers_work_item_is_no_alert_whatever_state_it_moved_to() {
        assertThat(action("Boards", "Work item *Task 812* _Alert routing rule_ changed state New → Resolved by Ivo"))
                .isEmpty();
    }

    @Test
    void a_tools_name_before_its_webhooks_action_says_the_state() {
        assertThat(action("relay", "Zenduty *Create* · P1 · #44 Card authorisations failing"))
                .contains(Action.OPEN);
        assertThat(action("relay", "Zenduty Close #44: Card authorisations failing"))
                .contains(Action.CLOSE);
        // a tracker's item is no alert
        assertThat(action("relay", "GitLab Close #12: flaky login test")).isEmpty();
    }

    @Test
    void restored_uptime_closes_and_detected_drift_opens() {
        assertThat(action("uptime-bot", "Uptime restored for https://shop.example/health"))
                .contains(Action.CLOSE);
        assertThat(action("model-watch", "Prediction drift detected: churn-v4 PSI 0.31 above 0.2"))
                .contains(Action.OPEN);
    }

    @Test
    void the_evaluation_pairs_a_close_with_the_open_of_its_names_whoever_posted_it() {
        Repeats.Tracker tracker = new Repeats.Tracker(Duration.ofHours(4));
        Classification open = new Classification(
                Action.OPEN, "api", "5xx above 1%", Optional.empty(), Optional.empty(), "generic", "builtin");
        Classification close = new Classification(
                Action.CLOSE, "api", "5xx above 1%", Optional.empty(), Optional.empty(), "generic", "builtin");
        java.util.Set<String> words = Repeats.words("api: 5xx above 1% of requests for 3 of 5 minutes");
        assertThat(tracker.apply(new Repeats.Seen(100, "Alarm", words, "api", "5xx above 1%"), Optional.of(open)))
                .isPresent();
        assertThat(tracker.apply(new Repeats.Seen(200, "OK", words, "api", "5xx above 1%"), Optional.of(close)))
                .isPresent();
        // firing again after its close (posted under the alarm's name, the close under another): a new alert
        assertThat(tracker.apply(new Repeats.Seen(300, "Alarm", words, "api", "5xx above 1%"), Optional.of(open)))
                .isPresent();
    }

    @Test
    void a_bots_bare_check_mark_in_a_thread_closes_and_the_evaluation_pairs_it_with_the_thread() {
        java.util.Map<String, Object> reply = new java.util.LinkedHashMap<>(java.util.Map.of(
                "type", "message",
                "bot_id", "B_HUB",
                "username", "alert-hub",
                "text", ":white_check_mark:",
                "ts", "1700000100.000200",
                "thread_ts", "1700000000.000100"));
        assertThat(Shapes.BUILTIN.classify(MessageView.ofSlack(reply)).map(Classification::action))
                .contains(Action.CLOSE);
        // the same mark posted on its own says nothing
        reply.remove("thread_ts");
        assertThat(Shapes.BUILTIN.classify(MessageView.ofSlack(reply)).filter(Classification::isAlert))
                .isEmpty();

        Repeats.Tracker tracker = new Repeats.Tracker(Duration.ofHours(4));
        Classification open = new Classification(
                Action.OPEN, "price-push", "QueueDepthHigh", Optional.empty(), Optional.empty(), "generic", "builtin");
        Classification close =
                new Classification(Action.CLOSE, "", "", Optional.empty(), Optional.empty(), "generic", "builtin");
        java.util.Set<String> words = Repeats.words("QueueDepthHigh price-push queue holds 9,120 messages");
        tracker.apply(new Repeats.Seen(100, "hub", words, "price-push", "QueueDepthHigh"), Optional.of(open));
        tracker.apply(new Repeats.Seen(150, "hub", java.util.Set.of(), "", "", 100), Optional.of(close));
        // firing again after the check mark closed it: a new alert, no repeat
        assertThat(tracker.apply(
                        new Repeats.Seen(200, "hub", words, "price-push", "QueueDepthHigh"), Optional.of(open)))
                .isPresent();
    }
}
