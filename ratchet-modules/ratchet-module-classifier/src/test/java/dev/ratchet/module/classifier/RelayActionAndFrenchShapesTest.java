package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 82, 83 and 84 (2026-12-07: a fleet platform's relays, a French team's templates, a
 * streaming platform's hubs, nobody here had read), written here in other words than theirs: a relay printing the
 * tool's name, a separator and the action, a French template's tag before the colon French spaces, and a card's status
 * on a line of its own under a headline naming an alert.
 */
class RelayActionAndFrenchShapesTest {

    @Test
    void a_tools_name_a_separator_and_its_action() {
        assertThat(action("alertbus", "Zenduty · Close: payment webhook backlog (#771)"))
                .contains(Action.CLOSE);
        assertThat(action("alertbus", "Sumo Logic · RESOLVED: login errors above 5% (WARNING)"))
                .contains(Action.CLOSE);
        assertThat(action("alertbus", "Zenduty · Close\npayment webhook backlog"))
                .contains(Action.CLOSE);
        // a word that is no action says nothing
        assertThat(action("alertbus", "Nightly export · Started: orders to warehouse"))
                .isEmpty();
    }

    @Test
    void a_french_templates_tag_before_its_spaced_colon() {
        assertThat(action("supervision", "Problème : Mémoire saturée sur app-web-04"))
                .contains(Action.OPEN);
        assertThat(action("supervision", "Résolu en 4m 10s : Mémoire saturée sur app-web-04"))
                .contains(Action.CLOSE);
        assertThat(action("supervision", "[Cockpit] Alerte déclenchée : PodRedemarrages (cluster-par-2)"))
                .contains(Action.OPEN);
        // a person's word before an unspaced colon is no tag
        assertThat(action("supervision", "Rappel: revue des alertes jeudi")).isEmpty();
    }

    @Test
    void a_cards_status_line_under_an_alerts_headline() {
        assertThat(action("oncall-hub", "Alert #77: DiskAlmostFull: db-2 /var above 90%\nResolved by Dana Ruiz"))
                .contains(Action.CLOSE);
        assertThat(action("oncall-hub", "Alert #78: DiskAlmostFull: db-3 /var above 90%\nUnacknowledged"))
                .contains(Action.OPEN);
        // a tracker's item closed by someone is no alert's close
        assertThat(action("oncall-hub", "ENG-12: alert routing sends duplicates\nClosed by Sam"))
                .isNotEqualTo(Optional.of(Action.CLOSE));
    }
}
