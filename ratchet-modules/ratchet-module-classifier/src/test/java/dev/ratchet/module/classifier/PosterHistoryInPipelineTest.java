package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A homegrown bot's message no recogniser knows, read through the real pipeline in the light of the same bot's earlier
 * messages in the channel ({@link PosterHistory}): the sibling of a template the recognisers took for an alert opens
 * one; a person posting the same words, and another bot with no such history, open nothing; with
 * {@code classifier.poster-history} off the sibling stays unknown.
 */
class PosterHistoryInPipelineTest {

    static final String KNOWN = "kühlraum-1 fühler 9.4°C > 8.0°C (15 min)";
    static final String SIBLING = "tiefkühl-1 fühler -12.8°C > -18.0°C (20 min)";
    /**
     * A poster the learned stage never saw: with the fixtures' own "lager-gw", whose alerts it learned, it takes the
     * sibling for an open itself (0.43, since it learned the sets to 193), and the history would have nothing to add.
     */
    static final String POSTER = "kuehlhaus-bot";

    private static TestBot start(boolean history) {
        return TestBot.with(new ClassifierModule())
                .slack(slack -> {
                    slack.addChannel("C_LAGER", "lager-ops");
                    slack.botJoins("C_LAGER");
                })
                .set("classifier.embed", "false")
                .set("classifier.questions", "false")
                .set("classifier.poster-history", String.valueOf(history))
                .start();
    }

    @Test
    void the_sibling_of_a_template_the_recognisers_took_for_an_alert_opens_one_for_that_bot_only() {
        try (TestBot bot = start(true)) {
            SlackEmulator slack = bot.slack();
            String known = slack.postAsIntegration("C_LAGER", "B_LAGER", POSTER, KNOWN, List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.annotation("C_LAGER", known, "classifier").isPresent());
            assertThat(bot.annotation("C_LAGER", known, "classifier").orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("method", "builtin");

            String sibling = slack.postAsIntegration("C_LAGER", "B_LAGER", POSTER, SIBLING, List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            bot.annotation("C_LAGER", sibling, "classifier").isPresent());
            assertThat(bot.annotation("C_LAGER", sibling, "classifier").orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("method", PosterHistory.METHOD);

            // a person saying the same, and another bot that never posted an alert here, open nothing
            String person = slack.post("C_LAGER", "U_ALICE", SIBLING);
            String other = slack.postAsIntegration("C_LAGER", "B_OTHER", "deploy-bot", SIBLING, List.of());
            bot.awaitHandled(new TestBot.Sent("C_LAGER", person, null));
            bot.awaitHandled(new TestBot.Sent("C_LAGER", other, null));
            assertThat(bot.annotation("C_LAGER", person, "classifier")).isEmpty();
            assertThat(bot.annotation("C_LAGER", other, "classifier")).isEmpty();
        }
    }

    @Test
    void with_poster_history_off_the_sibling_stays_unknown() {
        try (TestBot bot = start(false)) {
            SlackEmulator slack = bot.slack();
            String known = slack.postAsIntegration("C_LAGER", "B_LAGER", POSTER, KNOWN, List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.annotation("C_LAGER", known, "classifier").isPresent());
            String sibling = slack.postAsIntegration("C_LAGER", "B_LAGER", POSTER, SIBLING, List.of());
            bot.awaitHandled(new TestBot.Sent("C_LAGER", sibling, null));
            assertThat(bot.annotation("C_LAGER", sibling, "classifier")).isEmpty();
        }
    }
}
