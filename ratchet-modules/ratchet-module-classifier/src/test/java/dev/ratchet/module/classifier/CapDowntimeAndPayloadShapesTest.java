package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 167 and 168 (2026-12-07, sixth session: a weather service's data centre, a Chennai team's
 * Tamil templates), written here in other words: a Common Alerting Protocol message relayed by its type and status; a
 * payment provider's downtime webhook; a tool's payload pasted in a code block under a label; Tamil triggered and
 * recovered after a tool's name.
 */
class CapDowntimeAndPayloadShapesTest {

    @Test
    void a_cap_message_opens_by_alert_and_closes_by_cancel_when_actual() {
        assertThat(Shapes.rulesAction("cap-gw", "CAP Alert (Actual): FloodGaugeOffline GAUGE-7"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("cap-gw", "CAP Cancel (Actual): FloodGaugeOffline GAUGE-7"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("cap-gw", "CAP Update (Actual): FloodGaugeOffline GAUGE-7"))
                .isEmpty();
        assertThat(Shapes.rulesAction("cap-gw", "CAP Alert (Exercise): FloodGaugeOffline GAUGE-7"))
                .isEmpty();
    }

    @Test
    void a_providers_downtime_webhook_opens_when_started_and_closes_when_resolved() {
        assertThat(Shapes.rulesAction("psp-hook", "*Stripe-ish* `card.downtime.started` — issuer network slow"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("psp-hook", "*Stripe-ish* `card.downtime.resolved` — issuer network back"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("psp-hook", "*Stripe-ish* `card.downtime.updated` — still slow"))
                .isEmpty();
    }

    @Test
    void a_tools_payload_in_a_code_block_under_a_label() {
        String open = "nr:\n```{\n \"issueId\": \"9a1c\",\n \"title\": \"Checkout latency on web-3\","
                + "\n \"priority\": \"CRITICAL\",\n \"state\": \"ACTIVATED\"\n}```";
        assertThat(Shapes.rulesAction("hook-relay", open)).contains(Action.OPEN);
        assertThat(Shapes.rulesAction("hook-relay", open.replace("ACTIVATED", "CLOSED")))
                .contains(Action.CLOSE);
    }

    @Test
    void tamil_triggered_and_recovered_after_a_tools_name() {
        assertThat(Shapes.rulesAction("dd-ta", "Datadog 🚨 தூண்டப்பட்டது | Claims DB CPU above 90% | P2"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("dd-ta", "Datadog ✅ மீண்டது | Claims DB CPU above 90% | P2"))
                .contains(Action.CLOSE);
    }
}
