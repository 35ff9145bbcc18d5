package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind set 150 (2026-12-07, fifth session: a Tallinn contractor's Estonian templates), written here
 * in other words than theirs: a status key in the template's language and its state as the last segment of a line drawn
 * with middle dots; a tool's words and a colon before the template's bracketed state.
 */
class KeyedSegmentAndPrefixShapesTest {

    @Test
    void a_status_key_and_its_state_as_a_segment_between_middle_dots() {
        assertThat(Shapes.rulesAction("relay", "Tietopalvelu gw-03 · Aikaleimapalvelu · tila: KORJATTU"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_tools_words_and_a_colon_before_the_bracketed_state() {
        assertThat(Shapes.rulesAction("relay", "Zabbix ilmoitus: [RATKAISTU] levy täynnä db-02"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("relay", "Zabbix ilmoitus: [KRIITTINEN] levy täynnä db-02"))
                .contains(Action.OPEN);
    }
}
