package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 138 and 140 (2026-12-07, fifth session: a Sofia team's Bulgarian templates, a Manila
 * team's Filipino ones), written here in other words than theirs: a tool's name, a middle dot, the template's state as
 * people write it and the alert after another dot (not a warning: "Warn" is no alert of its own there); a tool's name,
 * an angle and its action; a tool's short name and the word for incident before the number and a marked-up state; an
 * alert's noun and its state marked up or hyphenated before a colon.
 */
class MiddotAndMarkedStateShapesTest {

    @Test
    void a_tools_name_a_middle_dot_and_the_templates_state() {
        assertThat(Shapes.rulesAction("relay", "Grafana · Awaria · Zamówienia bez etykiety > 25"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", "Grafana · Rozwiązany · Zamówienia bez etykiety > 25"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("relay", "Datadog · Ostrzeżenie · p95 koszyka > 2 s"))
                .isEmpty();
    }

    @Test
    void a_tools_name_an_angle_and_its_action() {
        assertThat(Shapes.rulesAction("relay", "Opsgenie › Lukket")).contains(Action.CLOSE);
    }

    @Test
    void a_tools_short_name_the_word_for_incident_and_a_marked_up_state() {
        assertThat(Shapes.rulesAction("relay", "OG incydent #5120 *ROZWIĄZANY*: Kolejka zamówień stoi"))
                .contains(Action.CLOSE);
    }

    @Test
    void an_alerts_noun_and_its_state_marked_up_before_a_colon() {
        assertThat(Shapes.rulesAction("relay", "Sentry problém *vyřešeno*: TypeError v košíku"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_state_of_several_words_marked_up_after_an_alerts_noun() {
        assertThat(Shapes.rulesAction(
                        "relay", "Sentry metric alert *W NORMIE*: Za dużo błędów w `koszyk-api` — 3 zdarzenia"))
                .contains(Action.CLOSE);
    }

    @Test
    void an_english_state_marked_up_after_a_noun_in_another_language() {
        assertThat(Shapes.rulesAction(
                        "relay", "Sentry · mittarin hälytys *resolved*: Resolved: Liikaa virheitä kassalla"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction(
                        "relay", "Sentry · mittarin hälytys *critical*: Critical: Liikaa virheitä kassalla"))
                .contains(Action.OPEN);
    }
}
