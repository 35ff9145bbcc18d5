package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 155 and 157 (2026-12-07, sixth session: a container port's and a render farm's on-call
 * channels, alerts through integration platforms and chat bridges), written here in other words: a relay's line of
 * segments between separators that carries the tool's state or action in one of them; a relay's short name for the
 * alerting tool before its state; a fallback that is no all-clear.
 */
class RelaySegmentShapesTest {

    @Test
    void a_marked_state_and_its_count_ending_a_segmented_line() {
        assertThat(Shapes.rulesAction("bus-fn", "Grafana · contact point `ops-bus` · *firing* (3)"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("bus-fn", "Grafana · contact point `ops-bus` · *resolved* (3)"))
                .contains(Action.CLOSE);
        // a status ending a line with no count is a heartbeat's, as before
        assertThat(Shapes.rulesAction("bus-fn", "Opsgenie heartbeat *bus-fn* · last ping 2 min · OK"))
                .isEmpty();
    }

    @Test
    void an_alerting_tools_action_as_one_segment_of_a_relays_line() {
        assertThat(Shapes.rulesAction(
                        "Retool", ":bell: *NOC board* (Retool) · Opsgenie event *Create* · [P2] #4410 SFTP drop empty"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction(
                        "Retool", ":bell: *NOC board* (Retool) · Opsgenie event *Close* · [P2] #4410 SFTP drop empty"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction(
                        "Retool",
                        ":bell: *NOC board* (Retool) · Opsgenie event *Acknowledge* · [P2] #4410 SFTP drop empty"))
                .isEmpty();
    }

    @Test
    void a_bracketed_tool_then_its_action_the_alerts_number_and_priority() {
        assertThat(Shapes.rulesAction("irc-bridge", "[opsgenie] Create #77 P3 tape library robot arm stuck"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("irc-bridge", "[opsgenie] Close #77 P3 tape library robot arm stuck"))
                .contains(Action.CLOSE);
    }

    @Test
    void sentrys_unresolved_issue_is_open_again() {
        assertThat(Shapes.rulesAction("flow-bot", "Sentry `issue.unresolved` · *BILLING-9* · KeyError: 'currency'"))
                .contains(Action.OPEN);
    }

    @Test
    void a_relays_short_name_for_the_alerting_tool_before_its_state() {
        assertThat(Shapes.rulesAction("apps-script", ":white_check_mark: NR CLOSED — Apdex below 0.8 on checkout-web"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("apps-script", ":red_circle: PD TRIGGERED — Apdex below 0.8 on checkout-web"))
                .contains(Action.OPEN);
    }

    @Test
    void a_fallback_is_no_all_clear() {
        assertThat(Shapes.rulesAction(
                        "gate-alarms",
                        ":red_circle: BARRIER *B-4* · loop sensor · SIGNAL LOST · lane 4 falls back to manual release"))
                .contains(Action.OPEN);
    }

    @Test
    void dutch_activated_is_an_open() {
        assertThat(Shapes.rulesAction(
                        "ipaas",
                        "New Relic-incident *GEACTIVEERD* · prioriteit KRITIEK\nConditie: schijf nas-02 boven 90%"))
                .contains(Action.OPEN);
    }
}
