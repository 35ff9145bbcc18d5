package dev.ratchet.module.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.runbook.RunbookModuleTest.FakeClassifier;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts of one service firing together share one runbook in the first alert's thread; the others get a pointer. */
class RunbookGroupTest {

    static final String OPS = "C_GROUPOPS";

    @Test
    void three_alerts_within_the_window_get_one_grouped_runbook_and_two_pointers() {
        try (TestBot bot = TestBot.with(new FakeClassifier(), new RunbookModule())
                .set("runbook.group-window", "30s")
                .slack(slack -> slack.addChannel(OPS, "team-ops"))
                .slack(slack -> slack.botJoins(OPS))
                .timeout(Duration.ofSeconds(90))
                .start()) {
            SlackEmulator slack = bot.slack();
            String first = fire(bot, slack, "[FIRING:1] HighErrorRate checkout");
            String second = fire(bot, slack, "[FIRING:1] HighLatency checkout");
            String third = fire(bot, slack, "[FIRING:1] PodRestarts checkout");
            // another service in the same window is not part of the group
            String other = fire(bot, slack, "[FIRING:1] DiskFull db-1");

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> slack.repliesIn(OPS, first).size() == 2);
            List<Map<String, Object>> firstThread = slack.repliesIn(OPS, first);
            assertThat(firstThread.get(0).get("text").toString()).startsWith("Runbook for HighErrorRate on checkout");
            assertThat(firstThread.get(1).get("text").toString())
                    .isEqualTo("3 alerts firing together on checkout: HighErrorRate, HighLatency, PodRestarts");
            assertThat(TestBot.json(firstThread.get(1).get("blocks")))
                    .contains("The runbook of HighErrorRate is above in this thread")
                    .contains("Runbook for HighLatency on checkout")
                    .contains("Runbook for PodRestarts on checkout")
                    .doesNotContain("DiskFull");

            for (String follower : List.of(second, third)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> slack.repliesIn(OPS, follower).size() == 1);
                assertThat(slack.repliesIn(OPS, follower).get(0).get("text").toString())
                        .contains("is firing together with HighErrorRate on checkout: one runbook for them all in");
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.repliesIn(OPS, other).size() == 1);
            assertThat(slack.repliesIn(OPS, other).get(0).get("text").toString())
                    .startsWith("Runbook for DiskFull on db-1");

            // the group's job ran for each follower's event at most once: nothing more is posted
            assertThat(bot.botPosts()).hasSize(5);
        }
    }

    /** Posts an alert and waits until the classifier stand-in recorded it, so the next one sees it. */
    private static String fire(TestBot bot, SlackEmulator slack, String text) {
        String ts = slack.postAsIntegration(OPS, "B_AM", "alertmanager", text, List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> bot.alert(OPS, ts).isPresent());
        return ts;
    }
}
