package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 82, 84 and 89 (2026-12-08: fleet relays, a streaming platform's hubs, smart buildings),
 * written here in other words than theirs: a device's or a stream's event under its namespaced name, leading the text
 * or set as code, says by its last word whether a connection was lost or came back, or an alarm was raised or cleared.
 */
class EventNameShapesTest {

    @Test
    void a_connection_events_namespaced_name_says_its_state() {
        assertThat(action("relay", "`broadcast.encoder.disconnected` · encoder enc-4 (studio B)"))
                .contains(Action.OPEN);
        assertThat(action("relay", "`broadcast.encoder.connected` · encoder enc-4 (studio B)"))
                .contains(Action.CLOSE);
        assertThat(action("hub-relay", "Contoso.Sensors.GatewayOffline — gateway `gw-17` on plant-hub"))
                .contains(Action.OPEN);
        assertThat(action("hub-relay", "Contoso.Sensors.GatewayOnline — gateway `gw-17` on plant-hub"))
                .contains(Action.CLOSE);
    }

    @Test
    void an_alarms_switch_in_a_namespace_of_alarms() {
        assertThat(action("broker-watch", "`$SYS/brokers/node-3/alarms/activate` alarm *too_many_sessions*"))
                .contains(Action.OPEN);
        assertThat(action("broker-watch", "`$SYS/brokers/node-3/alarms/deactivate` alarm *too_many_sessions*"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_name_that_is_no_event_says_nothing() {
        // a metric's name in a sentence, a stack frame, a file
        assertThat(action("relay", "Pool usage of db.pool.connections_online is at 40%, nothing to do"))
                .isEmpty();
        assertThat(action("deploy-bot", "Shipped api 4.2 · see docs/runbooks/offline for the new page"))
                .isEmpty();
    }
}
