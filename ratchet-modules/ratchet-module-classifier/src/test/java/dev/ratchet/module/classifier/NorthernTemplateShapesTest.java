package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 98 and 101 (2026-12-08: a Rotterdam team's Dutch templates, a Warsaw team's Polish ones,
 * nobody here had read), written here in other words than theirs: a state in capitals, then the one it was ("staat op
 * *ALARM* (was OK)"); a tool's name joined to the alert's noun ("New Relic-issue geopend: …"); Polish ROZWIĄZANY (and
 * the lexicon's POWRÓT DO NORMY), a report's "zgłoszenie AKTYWNE", Dutch GESLOTEN; a test alert named in one word in any language
 * ("TestowyAlarm").
 */
class NorthernTemplateShapesTest {

    @Test
    void a_state_in_capitals_then_the_one_it_was() {
        assertThat(action("alarmbel", "🔔 Alarm `orders-dlq-diepte` (eu-west-1) staat op *ALARM* (was OK)"))
                .contains(Action.OPEN);
        assertThat(action("alarmbel", "Alarm `orders-dlq-diepte` (eu-west-1) staat op *OK* (was ALARM)"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_tools_name_joined_to_the_alerts_noun() {
        assertThat(action("relay", "Grafana-melding geopend: *Wachtrij facturen te lang*"))
                .contains(Action.OPEN);
        assertThat(action("relay", "Grafana-melding gesloten: *Wachtrij facturen te lang*"))
                .contains(Action.CLOSE);
    }

    @Test
    void polish_resolved_and_back_to_normal() {
        assertThat(action("dyzurny", "Incydent #5120 rozwiązany: Kolejka płatności zablokowana"))
                .contains(Action.CLOSE);
        assertThat(action("dyzurny", "🔔 *Grafana — zgłoszenie AKTYWNE* (KRYTYCZNY)"))
                .contains(Action.OPEN);
        assertThat(action("portal", "Alarm rozwiązany: zasilanie szafy R4 poniżej progu"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_test_alert_named_in_one_word_is_no_alert() {
        assertThat(action("relay", "🔥 *[ALARM] TestowyAlarm* — aktywne: 1")).isEmpty();
        assertThat(action("relay", "🔥 [FIRING:1] TestMeldung — staging")).isEmpty();
        // a real alert whose name merely starts with the word stays one
        assertThat(action("relay", "🔥 [FIRING:1] TestRunnerQueueBacklog — ci")).contains(Action.OPEN);
    }
}
