package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 64 and 65 (2026-12-07: relays and automation paths between the tools and Slack, and
 * community templates nobody here had read), written here in other words than theirs: a webhook's action printed as a
 * label or after the tool's tag, the tool named "New Relic" in a relay's headline, a person's test run of a flow and a
 * step's sample data, a status label in Spanish, and a bot's count of how often an alert fired.
 */
class RelayShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Classification> alert(String poster, String text) {
        return builtin.classify(MessageView.ofText(poster, true, text)).filter(Classification::isAlert);
    }

    Optional<Action> action(String poster, String text) {
        return alert(poster, text).map(Classification::action);
    }

    @Test
    void a_webhooks_action_as_a_label_says_the_state_whatever_the_card_shows() {
        String card = ":red_circle: *KeyError: 'sku' in cart.add*\n_Action: %s | Status: %s_\n*Project:* shop-api";
        assertThat(action("errors-relay", String.format(card, "created", "unresolved")))
                .contains(Action.OPEN);
        assertThat(alert("errors-relay", String.format(card, "assigned", "unresolved")))
                .isEmpty();
        assertThat(action("errors-relay", String.format(card, "resolved", "resolved")))
                .contains(Action.CLOSE);
    }

    @Test
    void a_webhooks_action_after_the_tools_tag_says_the_state() {
        assertThat(action("ops-relay", "[Opsgenie] Create · #88 · P2 · Queue stuck on mq-3 — source: Zabbix"))
                .contains(Action.OPEN);
        assertThat(action("ops-relay", "[Opsgenie] Close · #88 · P2 · Queue stuck on mq-3 — closed by Zabbix"))
                .contains(Action.CLOSE);
        assertThat(alert("ops-relay", "[Opsgenie] AddNote · #88 · P2 · Queue stuck on mq-3 — note by Ana"))
                .isEmpty();
    }

    @Test
    void the_tool_named_new_relic_in_a_relays_headline_is_not_a_new_issue() {
        assertThat(action(
                        "NR via Zapier", "🟢 *New Relic issue CLOSED*\nError rate > 2% for cart-api\nDuration: 12 min"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_persons_test_run_of_a_flow_and_a_steps_sample_data_open_nothing() {
        assertThat(alert("Alerts (Make)", "🔴 *Datadog monitor ALERT*\ntest from Make — please ignore\nPriority: P3"))
                .isEmpty();
        assertThat(alert(
                        "Opsgenie via Pipedream",
                        ":rotating_light: *New Opsgenie alert*\n*Title:* Sample alert\n*Team:* Sample team"))
                .isEmpty();
    }

    @Test
    void a_status_label_in_spanish_is_read() {
        assertThat(action(
                        "relay-ia",
                        "⚠️ *Alerta sin enriquecer*\nOrigen: prometheus\nHost: api-pagos:8080\nAlerta: HighErrorRate\n"
                                + "Estado: resolved"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_bots_count_of_how_often_an_alert_fired_is_no_alert() {
        assertThat(alert("alert-stats", "This alert fired 5 times in the past 14 days (median duration 9 min)."))
                .isEmpty();
    }
}
