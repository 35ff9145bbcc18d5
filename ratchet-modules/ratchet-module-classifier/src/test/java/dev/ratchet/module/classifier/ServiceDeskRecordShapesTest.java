package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 170 and 173 (2026-12-07, sixth session: Albanian templates, a law firm whose alerts reach
 * Slack through IT service desks), written here in other words: a service desk's record of an alerting tool's alert,
 * created from it or completed with it; Albanian activated and closed leading a line.
 */
class ServiceDeskRecordShapesTest {

    @Test
    void a_desks_record_created_from_an_alerting_tools_alert_opens_and_its_completion_closes() {
        assertThat(Shapes.rulesAction(
                        "HaloPSA",
                        "Ticket *HX-55102* created from Opsgenie alert #7781: VPN concentrator CPU above 90%"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "HaloPSA", "Ticket *HX-55102* Closed: Opsgenie alert #7781 VPN concentrator CPU above 90%"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction(
                        "TOPdesk", "Incident #40871 logged by Grafana Alerting: [FIRING:1] PrintQueueStuck (floor 4)"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "Freshservice",
                        "Request #SR-1204 from Datadog incident #331 (created) — SAN latency above 20 ms"))
                .contains(Action.OPEN);
        // a desk's record about no alert is a ticket
        assertThat(Shapes.rulesAction("HaloPSA", "Ticket *HX-55103* created from e-mail: new starter laptop"))
                .isEmpty();
    }

    @Test
    void albanian_activated_and_closed_lead_a_line() {
        assertThat(Shapes.rulesAction("nr-sq", "*🟥 AKTIVIZUAR*: _Vonesë > 2s në 'api-pagesa'_"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("nr-sq", "*🟩 MBYLLUR*: _Vonesë > 2s në 'api-pagesa'_"))
                .contains(Action.CLOSE);
    }
}
