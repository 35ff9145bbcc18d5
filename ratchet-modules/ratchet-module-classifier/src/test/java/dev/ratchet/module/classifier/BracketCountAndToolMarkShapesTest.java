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

    @Test
    void an_alerting_tools_numbered_alert_is_no_look_alike_for_a_word_in_its_title() {
        // "pipeline" keeps CI's posts out; an alerting tool's own numbered alert about a data pipeline is an alert
        assertThat(Shapes.rulesAction(
                        "relay", "PagerDuty #5120 triggered — nightly export pipeline stalled · urgency high"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", "PagerDuty #5120 resolved — nightly export pipeline stalled"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("ci-bot", "Pipeline #5120 failed — main, 3 jobs"))
                .isEmpty();
    }
}
