package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 69 and 71 (2026-12-07: a startup's self-hosted tools and relays, a mobile studio's
 * channel, nobody here had read), written here in other words than theirs: a group's title counting none still active,
 * a status page's component outage, a notifier's test about its example service, a card of fields naming its alarm
 * whose colour is its state, and a heartbeat's "has not been sent".
 */
class SelfHostedShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Action> action(String poster, String text) {
        return builtin.classify(MessageView.ofText(poster, true, text))
                .filter(Classification::isAlert)
                .map(Classification::action);
    }

    @Test
    void a_groups_title_counting_none_still_active_is_its_close() {
        assertThat(action(
                        "AlertManager", "KubePodCrashLooping| [ACTIVE:0, RESOLVED:2]  | CRI:3\n• pod api-7 restarting"))
                .contains(Action.CLOSE);
        // some still active: no close
        assertThat(action(
                        "AlertManager", "KubePodCrashLooping| [ACTIVE:1, RESOLVED:1]  | CRI:3\n• pod api-7 restarting"))
                .isNotEqualTo(Optional.of(Action.CLOSE));
    }

    @Test
    void a_status_pages_component_outage_and_a_notifiers_example_service_are_no_alerts() {
        assertThat(action(
                        "status-feed",
                        "Incident *Checkout slow* — status: *Identified* · component Payments: Partial Outage"))
                .isEmpty();
        assertThat(action("uptime-notifier", "Example Service is down: connection refused"))
                .isEmpty();
        // a real service going down is an alert
        assertThat(action("uptime-notifier", "Checkout API is down: connection refused"))
                .contains(Action.OPEN);
    }

    @Test
    void a_card_of_fields_naming_its_alarm_takes_its_colours_state() {
        assertThat(builtin.classify(card("danger")).map(Classification::action)).contains(Action.OPEN);
        assertThat(builtin.classify(card("good")).map(Classification::action)).contains(Action.CLOSE);
        assertThat(builtin.classify(card("good")).map(Classification::alert)).contains("orders-dlq-depth");
    }

    static MessageView card(String colour) {
        return MessageView.ofSlack(java.util.Map.of(
                "type",
                "message",
                "subtype",
                "bot_message",
                "username",
                "aws-alarms",
                "text",
                "*AWS CloudWatch Notification*",
                "attachments",
                java.util.List.of(java.util.Map.of(
                        "color",
                        colour,
                        "fields",
                        java.util.List.of(
                                java.util.Map.of("title", "Alarm Name", "value", "orders-dlq-depth", "short", true),
                                java.util.Map.of("title", "Region", "value", "eu-west-1", "short", true))))));
    }

    @Test
    void a_heartbeat_not_sent_is_an_open() {
        assertThat(action(
                        "Opsgenie",
                        "[P3] #88: ledger-sync is expired.\nledger-sync heartbeat has not been sent for 15 minutes."))
                .contains(Action.OPEN);
    }
}
