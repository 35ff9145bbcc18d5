package dev.ratchet.it;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.classifier.ClassifierModule;
import dev.ratchet.module.recentactivity.RecentActivityModule;
import dev.ratchet.module.runbook.RunbookModule;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.DeliveredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recent activity when an alert fires: its own post in the alert's thread without the runbook module (as the Go Ratchet
 * posted it), one per alert whatever is delivered or run again; inside the runbook's post with it.
 */
class RecentActivityPostTest {

    static final String FIRING = "[FIRING:1] DiskFull (db-1 critical)\n • *service:* `db-1`\n • *severity:* `critical`";

    static String fire(TestBot bot) {
        return bot.slack().postAsIntegration(CHANNEL, "B_AM", "alertmanager", FIRING, List.of());
    }

    @Test
    void without_the_runbook_module_an_alert_gets_one_recent_activity_post_of_its_own() {
        try (TestBot bot = TestBot.with(new ClassifierModule(), new RecentActivityModule())
                .api()
                .start()) {
            TestBot.Sent fix = bot.say("db-1 DiskFull again: freed 20G with logrotate -f, cc <!channel>");
            bot.awaitHandled(fix);

            String alert = fire(bot);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.slack().repliesIn(CHANNEL, alert).size() == 1);
            Map<String, Object> post = bot.slack().repliesIn(CHANNEL, alert).get(0);
            assertThat(post.get("text").toString())
                    .startsWith("*Recent activity* related to this alert")
                    .contains("freed 20G with logrotate -f, cc @channel")
                    .doesNotContain("<!channel>");

            // the alert's event delivered again, and the API asked to post it: still the one post
            String eventId = bot.slack().deliveredEvents().stream()
                    .filter(e -> String.valueOf(e.callback()).contains(alert))
                    .map(DeliveredEvent::eventId)
                    .findFirst()
                    .orElseThrow();
            bot.slack().redeliver(eventId, 2);
            bot.slack().awaitAcked(Duration.ofSeconds(30));
            TestBot.RouteAnswer again =
                    bot.api(HttpMethod.POST, "/api/modules/recent-activity/channels/" + CHANNEL + "/alerts/" + alert);
            assertThat(again.status()).as(again.json()).isEqualTo(200);
            assertThat(again.tree().get("posted").get("ts").asText()).isEqualTo(post.get("ts"));
            bot.awaitHandled(new TestBot.Sent(CHANNEL, alert, alert));
            assertThat(bot.slack().repliesIn(CHANNEL, alert)).hasSize(1);
            assertThat(bot.slack().botPosts()).hasSize(1);

            // a message that opens no alert gets nothing
            TestBot.Sent chatter = bot.say("db-1 looks fine now");
            bot.awaitHandled(chatter);
            assertThat(bot.slack().botPosts()).hasSize(1);
        }
    }

    @Test
    void with_the_runbook_module_the_activity_is_only_in_the_runbooks_post() {
        try (TestBot bot = TestBot.with(new ClassifierModule(), new RunbookModule(), new RecentActivityModule())
                .start()) {
            TestBot.Sent fix = bot.say("db-1 DiskFull again: freed 20G with logrotate -f");
            bot.awaitHandled(fix);

            String alert = fire(bot);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !bot.slack().repliesIn(CHANNEL, alert).isEmpty());
            bot.awaitHandled(new TestBot.Sent(CHANNEL, alert, alert));
            assertThat(bot.moduleRuns(CHANNEL, alert))
                    .anySatisfy(r -> assertThat(r.moduleId()).isEqualTo("recent-activity"))
                    .allMatch(TestBot.ModuleRun::finished);
            assertThat(bot.slack().repliesIn(CHANNEL, alert))
                    .singleElement()
                    .satisfies(runbook -> assertThat(String.valueOf(runbook.get("blocks")))
                            .contains("Recent activity")
                            .contains("logrotate"));
        }
    }
}
