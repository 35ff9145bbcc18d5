package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tool that names an alert's resolve differently from its firing ("Pool eu-west-pool is unhealthy" / "… is
 * healthy") still has the resolve paired with its firing, through the module, when the same integration posted both;
 * another integration's resolve with alike words is not taken for it. A resolve in words of its own ("Back up after 4
 * minutes of downtime") resolves its integration's only alert still firing.
 */
class AlikeNamesPairingTest {

    @Test
    void a_resolve_named_differently_pairs_with_the_same_integrations_firing_only() {
        try (TestBot bot = ClassifierModuleTest.start(
                slack -> {
                    slack.addChannel("C_OPS", "team-ops");
                    slack.botJoins("C_OPS");
                },
                llm -> {},
                Map.of())) {
            SlackEmulator slack = bot.slack();
            String firing = slack.postAsIntegration(
                    "C_OPS", "B_LB", "Load Balancer", ":red_circle: Alert: Pool eu-west-pool is unhealthy", List.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.annotation(bot, "C_OPS", firing)
                            .isPresent());
            assertThat(ClassifierModuleTest.annotation(bot, "C_OPS", firing).orElseThrow())
                    .containsEntry("action", "open");

            // another integration's resolve of a thing with the same words does not close it
            String otherTool = slack.postAsIntegration(
                    "C_OPS", "B_OTHER", "Other Monitor", "Resolved: Pool eu-west-pool is healthy", List.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.classified(bot, "C_OPS", otherTool));
            assertThat(ClassifierModuleTest.annotation(bot, "C_OPS", otherTool).orElseThrow())
                    .containsEntry("action", "close")
                    .doesNotContainKey("opened_ts");

            String resolved = slack.postAsIntegration(
                    "C_OPS",
                    "B_LB",
                    "Load Balancer",
                    ":large_green_circle: Resolved: Pool eu-west-pool is healthy",
                    List.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.annotation(bot, "C_OPS", resolved)
                            .map(a -> a.containsKey("opened_ts"))
                            .orElse(false));
            assertThat(ClassifierModuleTest.annotation(bot, "C_OPS", resolved).orElseThrow())
                    .containsEntry("action", "close")
                    .containsEntry("opened_ts", firing);
            assertThat(ClassifierModuleTest.annotation(bot, "C_OPS", firing).orElseThrow())
                    .containsEntry("closed_ts", resolved);
            // the names differ: only the alike-names fallback could pair them
            assertThat(ClassifierModuleTest.annotation(bot, "C_OPS", resolved)
                            .orElseThrow()
                            .get("alert"))
                    .isNotEqualTo(ClassifierModuleTest.annotation(bot, "C_OPS", firing)
                            .orElseThrow()
                            .get("alert"));
        }
    }

    @Test
    void a_resolve_in_words_of_its_own_pairs_with_its_integrations_only_firing_alert() {
        try (TestBot bot = ClassifierModuleTest.start(
                slack -> {
                    slack.addChannel("C_UP", "team-uptime");
                    slack.botJoins("C_UP");
                },
                llm -> {},
                Map.of())) {
            SlackEmulator slack = bot.slack();
            String firing = slack.postAsIntegration(
                    "C_UP",
                    "B_PING",
                    "Pinger",
                    ":red_circle: checkout.example.com is not responding (HTTP 502 Bad Gateway)",
                    List.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            ClassifierModuleTest.annotation(bot, "C_UP", firing).isPresent());
            assertThat(ClassifierModuleTest.annotation(bot, "C_UP", firing).orElseThrow())
                    .containsEntry("action", "open");

            String back = slack.postAsIntegration(
                    "C_UP", "B_PING", "Pinger", ":large_green_circle: Back up after 4 minutes of downtime", List.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.annotation(bot, "C_UP", back)
                            .map(a -> a.containsKey("opened_ts"))
                            .orElse(false));
            assertThat(ClassifierModuleTest.annotation(bot, "C_UP", back).orElseThrow())
                    .containsEntry("action", "close")
                    .containsEntry("opened_ts", firing);
        }
    }
}
