package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 122, 126, 133 and 134 (2026-12-07, fifth session), written here in other words than
 * theirs: a tool's name in bold, a separator and an English state in code quotes; a tool's name, a status mark and the
 * template's word for opened in capitals; an alerting tool's numbered alert, its priority, a dash and the state; a new
 * incident in two words in capitals after the number; a numbered incident escalated, whatever its subject says is down.
 */
class ToolThenStateShapesTest {

    @Test
    void a_tools_name_a_separator_and_a_state_in_code_quotes() {
        assertThat(Shapes.rulesAction("relay", ":bell: *Grafana* › `firing` › *DiskAlmostFull* (2)"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", ":bell: *Grafana* › `resolved` › *DiskAlmostFull* (2)"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_tools_name_a_mark_and_the_word_for_opened_in_capitals() {
        assertThat(Shapes.rulesAction("relay", "Opsgenie 🟥 ABIERTA [P3] Cola de pedidos parada (#771)"))
                .contains(Action.OPEN);
    }

    @Test
    void a_numbered_alert_its_priority_a_dash_and_the_state() {
        assertThat(Shapes.rulesAction("relay", "*Opsgenie #3307 · P1* — Abierto"))
                .contains(Action.OPEN);
    }

    @Test
    void a_new_incident_in_two_words_in_capitals_after_the_number() {
        assertThat(Shapes.rulesAction("relay", "PagerDuty #7712 🚨 NOWY INCYDENT — *kasa-api*: 5xx 9%"))
                .contains(Action.OPEN);
    }

    @Test
    void a_numbered_incident_escalated_is_an_update_whatever_its_subject_says() {
        assertThat(Shapes.rulesAction(
                        "relay", "OG-hændelse #5120 eskaleret — Lager-API: kø nede · til Jonas (niveau 2)"))
                .isEmpty();
    }
}
