package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 146 and 149 (2026-12-07, fifth session: a Bratislava team's Slovak templates, a city's
 * traffic management centre), written here in other words than theirs: the always-firing Watchdog (or InfoInhibitor)
 * whatever words say it fires; one segment of a line drawn with middle dots that is a state in capitals (not ending
 * the line, where it is a status's); a template's word as people write it between a tool's angles.
 */
class WatchdogAndSegmentShapesTest {

    @Test
    void the_always_firing_alert_is_no_incident_whatever_words_say_it_fires() {
        assertThat(Shapes.rulesAction("am-relay", "FIRING: Watchdog")).isEmpty();
        assertThat(Shapes.rulesAction("am-relay", "🔥 *[DISPARADO]* `InfoInhibitor` · severity: none"))
                .isEmpty();
    }

    @Test
    void one_segment_between_middle_dots_is_the_state() {
        assertThat(Shapes.rulesAction("signals", "Signals North · SI 4410 Elm St · ALARM ON · Lamp failure (red)"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("signals", "Signals North · SI 4410 Elm St · ALARM OFF · Lamp failure (red)"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("heartbeat", "Heartbeat *relay-2* · last ping 1 min · OK"))
                .isEmpty();
    }

    @Test
    void a_templates_word_between_a_tools_angles() {
        assertThat(Shapes.rulesAction("sentry-relay", "Sentry › rozwiązany › *SHOP-WEB-1A* TypeError: x is undefined"))
                .contains(Action.CLOSE);
    }
}
