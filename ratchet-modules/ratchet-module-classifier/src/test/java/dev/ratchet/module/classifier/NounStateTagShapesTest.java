package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 128 and 132 (2026-12-07, fifth session: a Danish and a Castilian Spanish team's
 * templates), written here in other words than theirs: a headline tag naming the alert by its noun and then its state
 * ("ALARM OPHØRT", "[ALERTA FINALIZADA]"), where the noun alone reads as a firing; and the always-firing Watchdog
 * under such a localised firing tag, which is no incident.
 */
class NounStateTagShapesTest {

    @Test
    void an_alert_noun_then_its_close_in_a_headline_tag() {
        assertThat(Shapes.rulesAction(
                        "am-relay", ":white_check_mark: *[ALARME RESOLVIDO]* `DiskAlmostFull`\n> /var em 71 %"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("am-relay", "✅ *ALARM BEHOBEN* (2) · Alertmanager"))
                .contains(Action.CLOSE);
    }

    @Test
    void an_alert_noun_then_active_in_a_headline_tag() {
        assertThat(Shapes.rulesAction("am-relay", "🔥 *[ALERTA ATIVA ×2]* `HighLatency`\n> p95 acima de 800 ms"))
                .contains(Action.OPEN);
    }

    @Test
    void the_always_firing_watchdog_under_a_localised_firing_tag_is_no_incident() {
        assertThat(Shapes.rulesAction(
                        "am-relay", "🔥 *[ALERTE ACTIVE ×1]* `Watchdog`\n> toujours active, par conception"))
                .isEmpty();
    }
}
