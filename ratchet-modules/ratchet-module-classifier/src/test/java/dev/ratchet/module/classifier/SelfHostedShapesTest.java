package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind set 69 (2026-12-07: a startup's self-hosted tools and relays nobody here had read), written
 * here in other words than its own: a group's title counting none still active, a status page's component outage, and
 * a notifier's test about its example service.
 */
class SelfHostedShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Action> action(String poster, String text) {
        return builtin.classify(MessageView.ofText(poster, true, text))
                .filter(Classification::isAlert)
                .map(Classification::action);
    }

    @Test
    void a_groups_title_counting_none_still_active_is_its_close() {
        assertThat(action(
                        "AlertManager", "KubePodCrashLooping| [ACTIVE:0, RESOLVED:2]  | CRI:3\n• pod api-7 restarting"))
                .contains(Action.CLOSE);
        // some still active: no close
        assertThat(action(
                        "AlertManager", "KubePodCrashLooping| [ACTIVE:1, RESOLVED:1]  | CRI:3\n• pod api-7 restarting"))
                .isNotEqualTo(Optional.of(Action.CLOSE));
    }

    @Test
    void a_status_pages_component_outage_and_a_notifiers_example_service_are_no_alerts() {
        assertThat(action(
                        "status-feed",
                        "Incident *Checkout slow* — status: *Identified* · component Payments: Partial Outage"))
                .isEmpty();
        assertThat(action("uptime-notifier", "Example Service is down: connection refused"))
                .isEmpty();
        // a real service going down is an alert
        assertThat(action("uptime-notifier", "Checkout API is down: connection refused"))
                .contains(Action.OPEN);
    }
}
