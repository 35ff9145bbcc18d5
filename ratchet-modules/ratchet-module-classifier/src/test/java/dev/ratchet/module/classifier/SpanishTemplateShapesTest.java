package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 87 and 89 (2026-12-07: a Mexican marketplace's Spanish templates through automation
 * platforms, smart buildings' relays, nobody here had read), written here in other words than theirs: a template's one
 * state word of the lexicon before its colon, a relay's bracketed tool name before the template's state, an alert's noun
 * and its state before a bracketed id or inside bold, and a tool's action before its priority.
 */
class SpanishTemplateShapesTest {

    @Test
    void a_templates_state_word_before_its_colon() {
        assertThat(action("monitoreo", "Problema: Memoria alta en cache-02")).contains(Action.OPEN);
        assertThat(action("monitoreo", "Resuelto en 7m: Memoria alta en cache-02"))
                .contains(Action.CLOSE);
        // a word that is no state before a colon says nothing
        assertThat(action("monitoreo", "Recordatorio: revisión de guardias el lunes"))
                .isEmpty();
    }

    @Test
    void a_relays_bracketed_tool_name_before_the_templates_state() {
        assertThat(action("relay", "[Grafana] Disparada: Latencia p95 del checkout > 2 s"))
                .contains(Action.OPEN);
        assertThat(action("relay", "[Grafana] Recuperada: Latencia p95 del checkout > 2 s"))
                .contains(Action.CLOSE);
    }

    @Test
    void an_alerts_noun_and_state_before_a_bracketed_id_or_in_bold_and_an_action_before_its_priority() {
        assertThat(action("relay", "Opsgenie: alerta creada [2201] Cola de facturas llena · P2"))
                .contains(Action.OPEN);
        assertThat(action("relay", "*Incidente #77 disparado* — Pagos con tarjeta fallando"))
                .contains(Action.OPEN);
        assertThat(action("relay", "[Opsgenie] Create P3: Disk almost full on files-02"))
                .contains(Action.OPEN);
    }
}
