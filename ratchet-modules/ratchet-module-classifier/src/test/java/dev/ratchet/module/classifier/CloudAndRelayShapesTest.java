package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 66 and 67 (2026-12-07: a cloud and enterprise APM stack, and relays none of set 64's),
 * written here in other words than theirs: PagerDuty's v2 event verbs and a webhook's action in brackets, a group's
 * alerts listed each with its state, a measurement that "is up", "returned to normal", a card that offers to resolve
 * what it shows, and a relay's test, debug and sample posts.
 */
class CloudAndRelayShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Classification> alert(MessageView view) {
        return builtin.classify(view).filter(Classification::isAlert);
    }

    Optional<Action> action(String poster, String text) {
        return alert(MessageView.ofText(poster, true, text)).map(Classification::action);
    }

    @Test
    void pagerdutys_v2_event_verbs_and_an_action_in_brackets_say_the_state() {
        String incident =
                " <https://x.pagerduty.com/incidents/Q1|#77> Payroll export did not finish · service: Payroll";
        assertThat(action("pd-relay", ":rotating_light: `incident.trigger`" + incident))
                .contains(Action.OPEN);
        assertThat(action("pd-relay", ":white_check_mark: `incident.resolve`" + incident))
                .contains(Action.CLOSE);
        assertThat(action("pd-relay", ":eyes: `incident.acknowledge`" + incident))
                .isEmpty();
        assertThat(action("og-bridge", "[Close] Freezer F-2 offline · P2 · #310 · entity `f-2` · source PRTG"))
                .contains(Action.CLOSE);
        assertThat(action("og-bridge", "[Acknowledge] Freezer F-2 offline · P2 · #310 · by Ana"))
                .isEmpty();
    }

    @Test
    void a_groups_alerts_listed_each_with_its_state_some_resolved_is_an_update() {
        assertThat(action(
                        "am-relay",
                        "*Alerts:*\n• *resolved* - KubeJobFailed - job backup-7 on k8s-2\n"
                                + "• *firing* - KubeJobFailed - job backup-8 on k8s-2\n"))
                .isEmpty();
        assertThat(action("am-relay", "*Alerts:*\n• *firing* - KubeJobFailed - job backup-8 on k8s-2\n"))
                .contains(Action.OPEN);
    }

    @Test
    void a_measurement_that_is_up_rose_and_one_returned_to_normal_closed() {
        Map<String, Object> att = new LinkedHashMap<>();
        att.put("color", "#D63232");
        att.put("title", "🚨 CartWriteLatencyHigh");
        att.put(
                "text",
                "cart p95 write latency is 2.1s (threshold 1s)\nRedis command latency on cache-2 is up since 10:02.");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("subtype", "bot_message");
        m.put("username", "grafana-relay");
        m.put("attachments", List.of(att));
        assertThat(alert(MessageView.ofSlack(m)).map(Classification::action)).contains(Action.OPEN);
        assertThat(action(
                        "Google Cloud Monitoring",
                        "api-pool: latency above 800ms: Request latency for prod api-pool with metric labels "
                                + "{zone=europe-west1-b} returned to normal with a value of 312."))
                .contains(Action.CLOSE);
    }

    @Test
    void a_card_offering_to_resolve_what_it_shows_is_an_open() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("bot_id", "B0TEST");
        m.put("bot_profile", Map.of("id", "B0TEST", "name", "Bugsnag"));
        m.put("text", "Consecutive HTTP calls");
        m.put(
                "blocks",
                List.of(
                        Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*Consecutive HTTP calls*")),
                        Map.of(
                                "type",
                                "actions",
                                "elements",
                                List.of(
                                        Map.of(
                                                "type",
                                                "button",
                                                "text",
                                                Map.of("type", "plain_text", "text", "Resolve")),
                                        Map.of(
                                                "type",
                                                "button",
                                                "text",
                                                Map.of("type", "plain_text", "text", "Ignore"))))));
        assertThat(alert(MessageView.ofSlack(m)).map(Classification::action)).contains(Action.OPEN);
    }

    @Test
    void a_relays_test_run_debug_catch_all_and_test_issue_open_nothing() {
        assertThat(action("Splunk", "testing the alert action from a saved search, please ignore"))
                .isEmpty();
        assertThat(action("sentry-relay", "⚠️ Debug Payload Received\n*Received unknown JSON structure:*"))
                .isEmpty();
        assertThat(action("nr-script", ":red_circle: [New Relic] ACTIVATED · CRITICAL · Test issue from the editor"))
                .isEmpty();
    }
}
