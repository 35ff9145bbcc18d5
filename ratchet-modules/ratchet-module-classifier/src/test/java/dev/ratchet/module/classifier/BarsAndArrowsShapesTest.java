package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 164 and 165 (2026-12-07, sixth session: a Nairobi team's Swahili templates, a stadium's
 * event-day channel with alerts relayed as show cues and intercom transcripts), written here in other words: a relay's
 * fields between bars with the tool's short name, state and count in one; a tool's lower-case state between arrows
 * after a bracketed desk; an alerting tool's number then its action after a middle dot.
 */
class BarsAndArrowsShapesTest {

    @Test
    void a_tools_short_name_state_and_count_between_a_relays_bars() {
        assertThat(Shapes.rulesAction(
                        "show-caller", "Q 12 | AM FIRING x2 | TurnstileFeedLag | zone=East | 40 s behind"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "show-caller", "Q 19 | AM RESOLVED x2 | TurnstileFeedLag | zone=East | caught up"))
                .contains(Action.CLOSE);
        // a run report's state between bars stays a run report
        assertThat(Shapes.rulesAction("backup-bot", "`backup_crm` | *USPJEŠNO* | 9 GB · 14 min"))
                .isEmpty();
    }

    @Test
    void a_tools_lower_case_state_between_arrows_after_a_bracketed_desk() {
        assertThat(Shapes.rulesAction("relay", "[OPS DESK] Grafana ▸ firing ▸ Turnstile feed lag — 40 s behind"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", "[OPS DESK] Grafana ▸ resolved ▸ Turnstile feed lag — caught up"))
                .contains(Action.CLOSE);
    }

    @Test
    void an_alerting_tools_number_then_its_action_after_a_middle_dot() {
        assertThat(Shapes.rulesAction("og-relay", "*Opsgenie #5120* · Create\nMalipo ya kadi yanakataliwa"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("og-relay", "*Opsgenie #5120* · Close\nMalipo ya kadi yanakataliwa"))
                .contains(Action.CLOSE);
    }
}
