package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 144 and 145 (2026-12-07, fifth session: a Vilnius team's Lithuanian templates, a
 * broadcaster's master control), written here in other words than theirs: a tool's name, a middle dot and an English
 * state in capitals; an alerting tool's action over a card whose title has a look-alike's word ("poll"); a word in the
 * template's language, then the API's action; a thing, a colon and its state in capitals in the template's language.
 */
class ToolActionAndThingStateShapesTest {

    @Test
    void a_tools_name_a_middle_dot_and_an_english_state_in_capitals() {
        assertThat(Shapes.rulesAction("relay", "Grafana · CLOSED · Checkout p95 > 2 s"))
                .contains(Action.CLOSE);
    }

    @Test
    void an_alerting_tools_action_is_no_look_alike_for_a_word_in_its_title() {
        assertThat(Shapes.rulesAction(
                        "relay", "Opsgenie Create #221 Partner SFTP poll failing on edi-gw-2\nAction: Create"))
                .contains(Action.OPEN);
    }

    @Test
    void a_word_in_the_templates_language_then_the_apis_action() {
        assertThat(Shapes.rulesAction("relay", "Opsgenie akcija *Close*")).contains(Action.CLOSE);
    }

    @Test
    void a_thing_a_colon_and_its_state_in_capitals() {
        assertThat(Shapes.rulesAction("relay", "BankID-inloggning: NERE")).contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", "BankID-inloggning: ÅTERSTÄLLD")).contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("relay", "Rapport: KLAR")).isEmpty();
    }
}
