package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 82, 84 and 89 (2026-12-08: fleet relays, a streaming platform's hubs, smart buildings),
 * then 91-93 (an Italian team, a bank's batch channel, a Kubernetes platform channel), written here in other words than
 * theirs: a device's or a stream's event under its namespaced name, leading the text or set as code, says by its last
 * word whether a connection was lost or came back, an alarm was raised or cleared, or a resource failed (a CloudEvents
 * type's version after it); a webhook's API action alone on the first line over the alert's card; a chain of bracketed
 * tags names the alert by the one nearest the state, and a rule's "inactive" closes; a relay's "CloudWatch OK | alarm |
 * …" line; Italian CHIUSO/CHIUSA, IN ALLARME.
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

    @Test
    void a_resources_failure_event_with_its_version_and_a_ci_event_that_is_none() {
        assertThat(action("events", "*autoscaler.target.failed.v2* `/prod/billing/target/invoicer`\nTarget missing"))
                .contains(Action.OPEN);
        assertThat(action("events", "*pipeline.run.failed.v1* `/ci/billing` unit tests exited 1"))
                .isEmpty();
        // a media asset's lifecycle is no close
        assertThat(action("events", "`media.clip.ready` · clip `c-19` ready for playback"))
                .isEmpty();
    }

    @Test
    void an_api_action_alone_over_the_alerts_card() {
        assertThat(action("og-relay", "*Create*\n#5512 Payment queue backlog above 10k"))
                .contains(Action.OPEN);
        assertThat(action("og-relay", "*Close*\n#5512 Payment queue backlog above 10k"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_chain_of_bracketed_tags_names_the_alert_nearest_the_state() {
        var open = Shapes.alert("chatops", "[alertmanager][DiskPressure][firing] node ip-10-0-3-7 has disk pressure");
        assertThat(open.map(Classification::action)).contains(Action.OPEN);
        assertThat(open.map(Classification::alert)).contains("DiskPressure");
        assertThat(action("chatops", "[alertmanager][DiskPressure][inactive] node ip-10-0-3-7 has disk pressure"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_relays_cloudwatch_line_with_the_state_between_pipes() {
        assertThat(action("sns-relay", "CloudWatch ALARM | orders-dlq-depth | us-east-2 | was OK | 14 messages"))
                .contains(Action.OPEN);
        assertThat(action("sns-relay", "CloudWatch OK | orders-dlq-depth | us-east-2 | was ALARM | 0 messages"))
                .contains(Action.CLOSE);
    }

    @Test
    void italian_closed_and_in_alarm() {
        assertThat(action("monitor", "CHIUSA · Latenza checkout su api-02")).contains(Action.CLOSE);
        assertThat(action("monitor", "IN ALLARME :: Coda pagamenti piena su mq-02"))
                .contains(Action.OPEN);
    }
}
