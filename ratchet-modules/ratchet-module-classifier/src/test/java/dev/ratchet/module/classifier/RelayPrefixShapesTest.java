package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind set 68's misses (2026-12-07: an MSP's NOC relaying many customers' tools into one channel),
 * written here in other words than its: a relay's own segment (a customer's tag and the tool's name) before the tool's
 * state tag, and a severity tag whose line ends in the state.
 */
class RelayPrefixShapesTest {

    @Test
    void a_state_tag_after_a_relays_own_segment_is_read() {
        assertThat(action(
                        "noc-bridge", ":large_green_circle: [acme-prod] Zabbix · [RESOLVED] Disk I/O latency on db-04"))
                .contains(Action.CLOSE);
        assertThat(action("noc-bridge", "*[acme-prod]* Icinga | [PROBLEM] Swap usage on build-7"))
                .contains(Action.OPEN);
        // the relay's segment holds no state of its own, and what follows must be a tool's tag, not a deploy's word
        assertThat(action("noc-bridge", "[acme-prod] Argo CD · [Synced] checkout-api to rev 41c2"))
                .isEmpty();
        // a test copy the relay marks as one stays out
        assertThat(action("noc-bridge", "[TEST] Zabbix · [PROBLEM] Swap usage on build-7"))
                .isEmpty();
    }

    @Test
    void a_severity_tag_gives_way_to_the_state_ending_its_line() {
        assertThat(action("rmm-relay", ":red_circle: [WARNING] till-07: TRIGGERED"))
                .contains(Action.OPEN);
        assertThat(action("rmm-relay", ":large_green_circle: [WARNING] till-07: CLEARED"))
                .contains(Action.CLOSE);
    }
}
