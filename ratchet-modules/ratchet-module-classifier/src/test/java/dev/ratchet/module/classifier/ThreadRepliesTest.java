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
 * A bot's reply in a thread is read as any bot message is: bridges thread an alert's repeats and resolve under its
 * first message, and apps post their updates there. A person's reply is never read as an alert, nor anything Ratchet
 * itself posts, in a thread or not.
 */
class ThreadRepliesTest {

    @Test
    void a_bots_resolve_in_the_alerts_thread_closes_it_and_people_and_ratchet_are_never_alerts() {
        try (TestBot bot = ClassifierModuleTest.start(
                slack -> {
                    slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
                    slack.addChannel("C_ALERTS", "team-alerts");
                    slack.botJoins("C_ALERTS");
                },
                llm -> {},
                Map.of("classifier.embed", "false"))) {
            SlackEmulator slack = bot.slack();
            String firing = slack.postAsIntegration(
                    "C_ALERTS",
                    "B_BRIDGE",
                    "alert-bridge",
                    "",
                    List.of(ClassifierModuleTest.attachment(
                            "[FIRING:1] DiskAlmostFull db-3", "/var is 96% full on db-3")));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.annotation(bot, "C_ALERTS", firing)
                            .isPresent());

            String person =
                    slack.reply("C_ALERTS", firing, "U_ALICE", "[RESOLVED] DiskAlmostFull db-3, I cleaned it up");
            String own = slack.postAsIntegration(
                    "C_ALERTS",
                    slack.botId(),
                    "alert-bridge", // under any name: what tells it is Ratchet's bot id
                    "",
                    List.of(ClassifierModuleTest.attachment("[FIRING:1] DiskAlmostFull db-9", "/var is 97% full")));
            Map<String, Object> green = new java.util.LinkedHashMap<>(
                    ClassifierModuleTest.attachment("[RESOLVED] DiskAlmostFull db-3", "/var is 61% full on db-3"));
            green.put("color", "good");
            String resolved =
                    slack.replyAsIntegration("C_ALERTS", firing, "B_BRIDGE", "alert-bridge", "", List.of(green));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.annotation(bot, "C_ALERTS", resolved)
                            .map(a -> a.containsKey("opened_ts"))
                            .orElse(false));
            assertThat(ClassifierModuleTest.annotation(bot, "C_ALERTS", resolved)
                            .orElseThrow())
                    .containsEntry("action", "close")
                    .containsEntry("opened_ts", firing);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.classified(bot, "C_ALERTS", person)
                            && ClassifierModuleTest.classified(bot, "C_ALERTS", own));
            assertThat(ClassifierModuleTest.annotation(bot, "C_ALERTS", person))
                    .as("a person's reply")
                    .isEmpty();
            assertThat(ClassifierModuleTest.annotation(bot, "C_ALERTS", own))
                    .as("Ratchet's own post")
                    .isEmpty();
        }
    }

    @Test
    void a_hubs_bare_check_mark_in_an_alerts_thread_resolves_that_alert_and_no_other() {
        try (TestBot bot = ClassifierModuleTest.start(
                slack -> {
                    slack.addChannel("C_HUB", "store-alerts");
                    slack.botJoins("C_HUB");
                },
                llm -> {},
                Map.of("classifier.embed", "false"))) {
            SlackEmulator slack = bot.slack();
            String first = slack.postAsIntegration(
                    "C_HUB",
                    "B_HUB",
                    "alert-hub",
                    "",
                    List.of(ClassifierModuleTest.attachment(
                            "[FIRING:1] QueueDepthHigh price-push", "price-push queue holds 9,120 messages")));
            String second = slack.postAsIntegration(
                    "C_HUB",
                    "B_HUB",
                    "alert-hub",
                    "",
                    List.of(ClassifierModuleTest.attachment(
                            "[FIRING:1] CertExpiringSoon shop-web", "certificate expires in 6 days")));
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            ClassifierModuleTest.annotation(bot, "C_HUB", first).isPresent()
                                    && ClassifierModuleTest.annotation(bot, "C_HUB", second)
                                            .isPresent());
            // the hub marks the first alert resolved with nothing but a check mark in its thread
            String check =
                    slack.replyAsIntegration("C_HUB", first, "B_HUB", "alert-hub", ":white_check_mark:", List.of());

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ClassifierModuleTest.annotation(bot, "C_HUB", check)
                            .map(a -> a.containsKey("opened_ts"))
                            .orElse(false));
            assertThat(ClassifierModuleTest.annotation(bot, "C_HUB", check).orElseThrow())
                    .containsEntry("action", "close")
                    .containsEntry("opened_ts", first);
            assertThat(ClassifierModuleTest.annotation(bot, "C_HUB", second).orElseThrow())
                    .as("the other alert still firing")
                    .doesNotContainKey("closed_ts");
        }
    }
}
