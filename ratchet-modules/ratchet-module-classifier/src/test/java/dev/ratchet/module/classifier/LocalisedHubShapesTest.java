package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static dev.ratchet.module.classifier.Shapes.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 78 and 79 (2026-12-07: a grocery chain's store systems, a Brazilian fintech localising its
 * templates in its hubs, nobody here had read), written here in other words and languages than theirs: an alert's noun
 * and what happened to it in a localised template, a tool's action under its API name before a colon, and a checklist.
 */
class LocalisedHubShapesTest {

    @Test
    void an_alerts_noun_and_its_state_in_a_localised_template() {
        assertThat(action("alertas", "✅ Alerta cerrada: Latencia del checkout por encima de 800 ms"))
                .contains(Action.CLOSE);
        assertThat(action("alertas", "📟 Incidencia #207 abierta: Cola de pagos sin consumidores"))
                .contains(Action.OPEN);
        assertThat(action("alertas", "[Kibana] Regla *Errores 502 en el balanceador* activa: Document count is 120"))
                .contains(Action.OPEN);
        assertThat(alert("alertas", "[Kibana] Regla *Errores 502 en el balanceador* activa: Document count is 120")
                        .map(Classification::alert))
                .contains("Errores 502 en el balanceador");
        // an update in the team's words is none
        assertThat(action("alertas", "[Opsgenie] Alerta reconhecido · P3 · #90"))
                .isEmpty();
        // English is left to the English readings: a tracker's issue stays out
        assertThat(action("tracker", "Issue #12 opened: add a resolved flag to the form"))
                .isEmpty();
    }

    @Test
    void a_tools_action_under_its_api_name_before_a_colon() {
        assertThat(action("relay", "Opsgenie Close: Store 12 - card terminal offline"))
                .contains(Action.CLOSE);
        assertThat(action("relay", "Opsgenie AddNote: Store 12 - card terminal offline"))
                .isEmpty();
    }

    @Test
    void a_checklist_is_no_alert() {
        assertThat(action("store-ops", ":x: Depot 4 closing checklist incomplete: 2 items failed (dock door 3 open)"))
                .isEmpty();
    }
}
