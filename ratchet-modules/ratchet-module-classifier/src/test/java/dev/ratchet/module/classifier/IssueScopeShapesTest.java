package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 58 and 59 (2026-12-06: the issue's tools in renderings nobody here had read), written
 * here in other words than theirs: a test notification behind markup, a group notification counting alerts both firing
 * and resolved over two lines, the Nagios family's notification types that change no state, a card whose buttons say
 * it was resolved, and what the poster's history must not take for a new alert.
 */
class IssueScopeShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Classification> alert(MessageView view) {
        return builtin.classify(view).filter(Classification::isAlert);
    }

    static MessageView attachment(String username, String colour, String title, String text) {
        Map<String, Object> att = new LinkedHashMap<>();
        att.put("color", colour);
        att.put("title", title);
        att.put("text", text);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("subtype", "bot_message");
        message.put("username", username);
        message.put("text", "");
        message.put("attachments", List.of(att));
        return MessageView.ofSlack(message);
    }

    @Test
    void a_test_notification_behind_markup_or_named_notification_test_opens_nothing() {
        assertThat(alert(MessageView.ofText(
                        "Observer",
                        true,
                        "*TRIGGERED*: _Test notification_\nSent to check this destination.\n*Priority*: HIGH")))
                .isEmpty();
        assertThat(alert(attachment("Dashboards", "#D63232", "🔥 1 alert(s) firing", "*Notification test*")))
                .isEmpty();
        // the same card with an alert's name in it fires
        assertThat(alert(attachment(
                                "Dashboards",
                                "#D63232",
                                "🔥 1 alert(s) firing",
                                "*Orders backlog above 900*\norders-worker has 1204 jobs waiting (threshold 900)."))
                        .map(Classification::action))
                .contains(Action.OPEN);
    }

    @Test
    void a_group_counting_alerts_both_firing_and_resolved_on_two_lines_is_an_update() {
        assertThat(alert(attachment(
                        "Dashboards",
                        "#D63232",
                        "🔥 2 alert(s) firing\n✅ 1 alert(s) resolved",
                        "*Orders backlog above 900*\n\n*Cart p95 above 2s*\n\n*Disk 91% on db-7*")))
                .isEmpty();
    }

    @Test
    void the_nagios_familys_notification_types_that_change_no_state_open_and_close_nothing() {
        assertThat(alert(attachment(
                        "checkmk",
                        "#00CC00",
                        "Service DOWNTIMEEND notification",
                        "Host: ws-12\nService: CPU load\nState: OK")))
                .isEmpty();
        assertThat(alert(MessageView.ofText(
                        "icinga2",
                        true,
                        "CUSTOM(Author: ana, Message: router swap at 22:00): Host gw-3 is still in state UP. Plugin"
                                + " output: PING OK - Packet loss = 0%")))
                .isEmpty();
    }

    static MessageView card(String colour, String status, String... buttons) {
        List<Map<String, Object>> elements = new java.util.ArrayList<>();
        for (String b : buttons) {
            elements.add(Map.of("type", "button", "text", Map.of("type", "plain_text", "text", b)));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("bot_id", "B-PAGER");
        message.put("text", "");
        message.put("bot_profile", Map.of("id", "B-PAGER", "name", "Pager"));
        message.put(
                "blocks",
                List.of(
                        Map.of(
                                "type",
                                "section",
                                "text",
                                Map.of(
                                        "type",
                                        "mrkdwn",
                                        "text",
                                        "*#17 ReplicaLagHigh* via Prometheus\n*Severity*: critical\n*Status*: " + status
                                                + "\nReplica pg-2 is 48s behind.")),
                        Map.of("type", "actions", "elements", elements)));
        message.put("attachments", List.of(Map.of("color", colour, "text", "", "fallback", "")));
        return MessageView.ofSlack(message);
    }

    @Test
    void a_card_that_offers_to_undo_its_resolve_is_resolved_though_its_body_shows_it_firing() {
        assertThat(alert(card("#e01e5a", "firing", "Acknowledge", "Resolve", "Silence"))
                        .map(Classification::action))
                .contains(Action.OPEN);
        Classification resolved = alert(card("#2eb886", "firing", "Unresolve", "Add resolution notes"))
                .orElseThrow();
        assertThat(resolved.action()).isEqualTo(Action.CLOSE);
        assertThat(resolved.alert())
                .isEqualTo(alert(card("#e01e5a", "firing", "Resolve"))
                        .orElseThrow()
                        .alert());
        assertThat(alert(card("#2eb886", "firing", "Reopen")).map(Classification::action))
                .contains(Action.CLOSE);
        // a card offering both is no resolved one
        assertThat(alert(card("#e01e5a", "firing", "Resolve", "Reopen")).map(Classification::action))
                .contains(Action.OPEN);
    }

    /** Reads {@code texts} in order as the module does: the recognisers, else the history; the last one's decision. */
    private Optional<Classification> last(PosterHistory history, String poster, List<MessageView> views) {
        Optional<Classification> decided = Optional.empty();
        for (MessageView v : views) {
            decided = builtin.classify(v).filter(Classification::isAlert);
            if (decided.isEmpty()) {
                decided = history.recall(poster, v);
            }
            history.learn(poster, v, decided);
        }
        return decided.filter(Classification::isAlert);
    }

    @Test
    void the_posters_history_lends_no_alert_template_to_a_test_notification() {
        MessageView first = attachment(
                "Dashboards", "#D63232", "🔥 1 alert(s) firing", "*Orders backlog above 900*\norders-worker waits.");
        MessageView second =
                attachment("Dashboards", "#D63232", "🔥 1 alert(s) firing", "*Cart p95 above 2s*\ncart-api is slow.");
        MessageView test = attachment("Dashboards", "#D63232", "🔥 1 alert(s) firing", "*Notification test*");
        assertThat(last(new PosterHistory(builtin), "dash", List.of(first, second, test)))
                .isEmpty();
    }
}
