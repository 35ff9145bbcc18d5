package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 158 and 159 (2026-12-07, sixth session: a Barcelona ticketing team's Catalan templates, a
 * theme park's channel with alerts forwarded from an on-call phone), written here in other words: a forwarder's header
 * over the message it quotes; an alarm's state in the ISA-18.2 model as SCADA alarm servers print it; a status page's
 * incident event for planned work; Catalan online and assigned.
 */
class ForwardAndAlarmModelShapesTest {

    @Test
    void a_forwarders_header_over_the_quoted_alert_reads_the_alert() {
        // (the header's words are the forwarder's: "on-call" there makes no look-alike of what it quotes)
        assertThat(Shapes.rulesAction(
                        "sms-gateway",
                        "SMS from AWS-NOTIFY (on-call handset)\n>ALARM: \"orders-dlq-depth\" in US East (N. Virginia)"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "sms-gateway",
                        "SMS from AWS-NOTIFY (on-call handset)\n>OK: \"orders-dlq-depth\" in US East (N. Virginia)"))
                .contains(Action.CLOSE);
        // the forwarder's own words under the quote: a human's forward, as before
        assertThat(Shapes.rulesAction("sms-gateway", "Text message from Dana\n>is the build green?"))
                .isEmpty();
    }

    @Test
    void an_alarm_in_the_isa_18_2_model_opens_returns_to_normal_and_is_acknowledged() {
        assertThat(Shapes.rulesAction(
                        "alarm-relay",
                        "[WinCC] In Alarm, Unacknowledged | Boiler 2 | BLR2_DrumLevelLow | drum level below 30%"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "alarm-relay",
                        "[WinCC] In Alarm, Acknowledged | Boiler 2 | BLR2_DrumLevelLow | drum level below 30%"))
                .isEmpty();
        assertThat(Shapes.rulesAction(
                        "alarm-relay",
                        "[WinCC] Normal, Unacknowledged | Boiler 2 | BLR2_DrumLevelLow | drum level 52%"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_status_pages_incident_event_for_planned_work_is_no_alert() {
        assertThat(Shapes.rulesAction(
                        "status-hook",
                        "📢 incident.created · Mantenimiento programado: actualización del clúster, jueves 03:00"))
                .isEmpty();
        assertThat(Shapes.rulesAction("status-hook", "📢 incident.created · Pagos con tarjeta rechazados"))
                .contains(Action.OPEN);
    }

    @Test
    void catalan_online_closes_and_assigned_is_an_update() {
        assertThat(Shapes.rulesAction(
                        "ping-cat", "🔼 EN LÍNIA · Portal de socis (socis.example) · 95 ms · caiguda de 12 min"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("sentry-cat", "Assignada: KeyError: 'preu' in checkout.calcula"))
                .isEmpty();
    }
}
