package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 102 and 103 (2026-12-08: a Bengaluru team's Hinglish and Devanagari templates, an
 * Istanbul team's Turkish ones, nobody here had read), written here in other words than theirs: a tool's name, its
 * alert's id and the state in capitals before a colon ("New Relic #a1f3 CLOSED: …"); Hinglish "trigger hua", "resolve
 * ho gaya", Hindi "अलर्ट बंद"; Turkish "uyarısı oluşturuldu", "kapatıldı"; a test notification said in the team's
 * language.
 */
class HinglishTurkishShapesTest {

    @Test
    void a_tools_name_its_alerts_id_and_the_state_before_a_colon() {
        assertThat(action("relay", "Datadog #9f2c TRIGGERED: Checkout p95 above 2s"))
                .contains(Action.OPEN);
        assertThat(action("relay", "Datadog #9f2c RESOLVED: Checkout p95 above 2s"))
                .contains(Action.CLOSE);
    }

    @Test
    void hinglish_and_hindi_states() {
        assertThat(action("pager-relay", "🚨 *Grafana #881 trigger hua* — Settlement queue backlog > 5k"))
                .contains(Action.OPEN);
        assertThat(action("pager-relay", "*Grafana #881 resolve ho gaya* — Settlement queue backlog > 5k"))
                .contains(Action.CLOSE);
        assertThat(action("relay", "✔️ *ग्राफाना अलर्ट बंद* [#77] Settlement queue backlog"))
                .contains(Action.CLOSE);
    }

    @Test
    void turkish_alert_created_and_closed() {
        assertThat(action("nobet", "Grafana uyarısı oluşturuldu: *Sepet servisi 5xx* (#318)"))
                .contains(Action.OPEN);
    }

    @Test
    void a_test_notification_in_the_teams_language() {
        assertThat(action("relay", "🔴 Grafana [FIRING] TEST — bu bir deneme bildirimidir"))
                .isEmpty();
        assertThat(action("relay", "🔴 [FIRING:1] Coda piena — notifica di prova, ignorare"))
                .isEmpty();
        assertThat(action("relay", "🔴 [FIRING:1] Kolejka pełna — powiadomienie testowe"))
                .isEmpty();
    }
}
