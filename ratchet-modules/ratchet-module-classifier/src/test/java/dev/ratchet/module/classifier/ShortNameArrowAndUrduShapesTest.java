package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 176 and 177 (2026-12-07, sixth session: a Karachi team's Urdu templates, a CDN's network
 * operations), written here in other words: a relay's short name for an alerting tool, then its state between arrows;
 * Urdu new alert and alert closed leading a line.
 */
class ShortNameArrowAndUrduShapesTest {

    @Test
    void a_short_tool_name_then_its_state_between_arrows() {
        assertThat(Shapes.rulesAction("lua-filter", "NR ▸ CLOSED ▸ Apdex below 0.8 on 'shop-web'"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("lua-filter", "PD ▸ TRIGGERED ▸ Apdex below 0.8 on 'shop-web'"))
                .contains(Action.OPEN);
    }

    @Test
    void urdu_new_alert_and_alert_closed_lead_a_line() {
        assertThat(Shapes.rulesAction("og-ur", "🆕 نیا الرٹ: Wallet top-up latency above 3s"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("og-ur", "☑️ الرٹ بند: Wallet top-up latency above 3s"))
                .contains(Action.CLOSE);
    }
}
