package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 134 and 135 (2026-12-07, fifth session: an Oslo power trader's Norwegian templates, a
 * colocation data centre's channel), written here in other words than theirs: Danish and Norwegian "løst" and Swedish
 * "löst" (resolved), which fold to English "lost"; an alert's noun joined to a tool's short name or ending a compound,
 * its state and "in" in the template's language after it; a relay's tool abbreviation before the state in its bracket;
 * a monitor's title led by its tool's "Triggered:" whatever it is about (a ticket queue); an alerting tool's name in
 * lower case before its webhook's action.
 */
class NordicAndToolWordShapesTest {

    @Test
    void lost_as_a_nordic_template_writes_resolved_is_no_english_lost() {
        assertThat(StateWords.of("Løst")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("LÖST")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("LOST")).isNotEqualTo(Action.CLOSE);
        assertThat(Shapes.rulesAction("relay", "✅ Larm löst: Lagerprognos p95 över 3 s"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_tools_short_name_joined_to_the_incidents_noun() {
        assertThat(Shapes.rulesAction("pd-relay", "OG-hendelse #2231 LØST — Ordrekø står stille"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("pd-relay", "OG-hendelse #2231 OPPRETTET — Ordrekø står stille"))
                .contains(Action.OPEN);
    }

    @Test
    void an_alerts_noun_or_compound_then_its_state_and_in() {
        assertThat(Shapes.rulesAction(
                        "sentry-relay", ":white_check_mark: Sentry: fejl løst i *butik-web* — KeyError 'sku'"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction(
                        "sentry-relay", ":white_check_mark: Sentry-lagringsvarsel løst i *kasse-api* — disk 71 %"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_relays_tool_abbreviation_before_the_state_in_its_bracket() {
        assertThat(Shapes.rulesAction(
                        "og-relay", "[OG triggered] #5512 Chiller 3 supply temperature high — Facilities"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("og-relay", "[OG resolved] #5512 Chiller 3 supply temperature high — by Kim"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_monitors_title_led_by_triggered_whatever_it_is_about() {
        assertThat(Shapes.rulesAction("dd-relay", "Triggered: [support] ticket backlog older than 4h"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("helpdesk", "New ticket #4411: printer on floor 3 jammed"))
                .isEmpty();
    }

    @Test
    void an_alerting_tools_name_in_lower_case_before_its_action() {
        assertThat(Shapes.rulesAction("og-relay", "opsgenie · Close\n#6120 Chiller 3 supply temperature high"))
                .contains(Action.CLOSE);
    }
}
