package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 62 and 63 (2026-12-07: the official Slack apps' current renderings and community
 * templates nobody here had read), written here in other words than theirs: a relay's webhook event name, an alert card
 * posted by a ticketing tool, a cloud's health feed and a status page's update, a tool's sample event, an error
 * tracker's "… was resolved automatically:", a tool's nested payload posted raw, and a host that "needs attention".
 */
class AppsAndTemplatesShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Classification> alert(MessageView view) {
        return builtin.classify(view).filter(Classification::isAlert);
    }

    Optional<Action> action(MessageView view) {
        return alert(view).map(Classification::action);
    }

    static Map<String, Object> section(String mrkdwn) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", mrkdwn));
    }

    static Map<String, Object> buttons(String... labels) {
        return Map.of(
                "type",
                "actions",
                "elements",
                java.util.Arrays.stream(labels)
                        .map(l -> Map.of("type", "button", "text", Map.of("type", "plain_text", "text", l)))
                        .toList());
    }

    static MessageView app(String name, String text, List<Map<String, Object>> blocks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("bot_id", "B0TEST");
        m.put("bot_profile", Map.of("id", "B0TEST", "name", name));
        m.put("username", name);
        m.put("text", text);
        m.put("blocks", blocks);
        return MessageView.ofSlack(m);
    }

    static MessageView relayCard(String event, String title) {
        return app(
                "pd-bridge",
                "Incident for `billing`: " + title,
                List.of(
                        section(":rotating_light: *Incident* for `billing`\n*Event:* " + event + "\n*Title:* " + title),
                        buttons("Acknowledge", "Resolve")));
    }

    @Test
    void a_relays_webhook_event_name_says_the_state_whatever_the_relayed_title_says() {
        String title = "[Triggered] invoice-api p95 above 2s";
        assertThat(action(relayCard("incident.triggered", title))).contains(Action.OPEN);
        assertThat(action(relayCard("incident.resolved", title))).contains(Action.CLOSE);
        assertThat(alert(relayCard("incident.acknowledged", title))).isEmpty();
        assertThat(alert(relayCard("incident.responder.added", title))).isEmpty();
        assertThat(alert(relayCard("pagey.ping", "N/A"))).isEmpty();
        // a product named like an event ("incident.io") is no event: the card's own words still open it
        assertThat(action(MessageView.ofText(
                        "incident.io", true, ":rotating_light: *New incident INC-88: Checkout failing* (incident.io)")))
                .contains(Action.OPEN);
    }

    @Test
    void an_alert_card_posted_by_a_ticketing_tool_is_an_alert_and_its_ticket_is_not() {
        List<Map<String, Object>> card = List.of(
                section(":rotating_light: *<https://x.atlassian.net/jira/ops/alerts/1|#88: Disk full on nas-03>*"),
                section("*Priority:* P2   *Status:* Open   *Responders:* Storage"),
                buttons("Acknowledge", "Close"));
        assertThat(action(app("Jira Service Management", "#88: Disk full on nas-03", card)))
                .contains(Action.OPEN);
        // a ticket moved along: no alert
        assertThat(alert(app(
                        "Jira",
                        "OPS-412: Disk full on nas-03",
                        List.of(section("*OPS-412: Disk full on nas-03*\n*Status:* Open   *Assignee:* Ana")))))
                .isEmpty();
    }

    @Test
    void a_clouds_health_feed_a_status_page_update_and_a_sample_event_are_no_alerts() {
        assertThat(alert(MessageView.ofText(
                        "Azure Service Health", true, "[Resolved] Degraded performance for Storage in West Europe")))
                .isEmpty();
        assertThat(alert(app(
                        "Statuspal",
                        "Status page update: Resolved",
                        List.of(section("*status.example.com* · *Resolved* — Slow logins for some users")))))
                .isEmpty();
        assertThat(alert(app(
                        "error-relay",
                        "",
                        List.of(
                                Map.of(
                                        "type",
                                        "header",
                                        "text",
                                        Map.of("type", "plain_text", "text", "New Error in demo")),
                                section("*Title:*\nThis is an example JavaScript error\n*Environment:* prod")))))
                .isEmpty();
    }

    @Test
    void an_issue_said_resolved_before_its_title_is_a_close() {
        assertThat(action(app(
                        "Bugsink",
                        ":white_check_mark: PAY-2F was resolved automatically: Downtime detected for https://api.example.com/health",
                        List.of())))
                .contains(Action.CLOSE);
    }

    @Test
    void a_tools_nested_payload_posted_raw_is_read_by_its_members() {
        String alarm = "{\"AlarmName\":\"orders-5xx\",\"NewStateValue\":\"%s\",\"OldStateValue\":\"%s\","
                + "\"AlarmArn\":\"arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx\","
                + "\"Trigger\":{\"MetricName\":\"HTTPCode_Target_5XX_Count\",\"Threshold\":50.0}}";
        assertThat(action(MessageView.ofText("sns-relay", true, String.format(alarm, "ALARM", "OK"))))
                .contains(Action.OPEN);
        assertThat(alert(MessageView.ofText("sns-relay", true, String.format(alarm, "OK", "ALARM"))))
                .map(Classification::action)
                .contains(Action.CLOSE);
        assertThat(alert(MessageView.ofText("sns-relay", true, String.format(alarm, "ALARM", "OK")))
                        .map(Classification::alert))
                .contains("orders-5xx");
        // a person pasting the same payload is no alert
        assertThat(alert(MessageView.ofText("ana", false, String.format(alarm, "ALARM", "OK"))))
                .isEmpty();
    }

    @Test
    void a_host_that_needs_attention_is_an_open() {
        assertThat(action(MessageView.ofText(
                        "netdata on cache-04",
                        true,
                        "cache-04 needs attention, `mem.available` (_ram_), *ram available = 6%*")))
                .contains(Action.OPEN);
    }
}
