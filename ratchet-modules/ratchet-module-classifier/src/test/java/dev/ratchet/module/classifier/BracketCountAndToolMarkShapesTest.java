package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 126 and 128 (2026-12-07, fourth session: a Budapest team's Hungarian templates, a
 * Copenhagen team's Danish ones), written here in other words than theirs: a bracketed state with Alertmanager's count
 * after a colon, marked up after its bracket; an alerting tool's numbered alert, a status mark and the state before a
 * dash or ending the line; a tool's name, a status mark and the state in capitals before a bracketed priority.
 */
class BracketCountAndToolMarkShapesTest {

    @Test
    void a_bracketed_state_with_a_count_marked_up_after_its_bracket() {
        assertThat(Shapes.rulesAction("relay", "*[HÄLYTYS:2]* `QueueLagHigh` — tilaus-api"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", "*[LUKKET]* `QueueLagHigh` — ordre-api"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_numbered_alert_a_mark_and_its_state() {
        assertThat(Shapes.rulesAction("relay", "PagerDuty #7721 ✅ RATKAISTU — *tilaus-api*: 5xx-osuus 9 %"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("relay", "Opsgenie #4411 Closed")).contains(Action.CLOSE);
    }

    @Test
    void a_tools_name_a_mark_and_the_state_before_a_priority() {
        assertThat(Shapes.rulesAction("relay", "Opsgenie 🟩 LUKKET [P2] Ordrekøen står stille (#512)"))
                .contains(Action.CLOSE);
    }
}
