package dev.ratchet.module.runbook;

import static dev.ratchet.module.runbook.RunbookModuleTest.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A runbook quotes only messages of its own channel and of public channels: a private channel's and a DM's messages
 * (recent activity, past occurrences and their replies) appear in runbooks posted there and nowhere else.
 */
class RunbookPrivacyTest {

    @Test
    void private_channel_and_dm_messages_are_quoted_only_into_themselves() {
        try (TestBot bot = TestBot.with(new RunbookModuleTest.FakeClassifier(), new RunbookModule())
                .slack(slack -> {
                    slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
                    slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C_PUB", "ops");
                    slack.addChannel("C_PUB2", "db-team");
                    // a private channel with a C id, as Slack gives them today: its kind decides, not its id
                    slack.addPrivateChannel("C_SECRET", "sec-incident");
                    slack.addDirectMessage("D_ALICE", "U_ALICE");
                    Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
                    String past = slack.seedIntegration(
                            "C_SECRET", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of(), twoDaysAgo);
                    slack.seedReply(
                            "C_SECRET",
                            past,
                            "U_BOB",
                            "freed it with `rm -rf /srv/private-backups` privatefix",
                            twoDaysAgo.plusSeconds(60));
                    slack.botJoins("C_PUB");
                    slack.botJoins("C_PUB2");
                    slack.botJoins("C_SECRET");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> firing(bot, "C_SECRET") == 1
                            && bot.messages("C_SECRET").size() == 2);
            String secret = slack.post("C_SECRET", "U_BOB", "DiskFull db-1: the hunter2 volume is full, do not share");
            String dm = slack.post("D_ALICE", "U_ALICE", "DiskFull db-1 dmonly note about my disk");
            String open = slack.post("C_PUB2", "U_BOB", "DiskFull db-1 publicnote: logs grow fast");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.message("C_SECRET", secret).isPresent()
                            && bot.message("D_ALICE", dm).isPresent()
                            && bot.message("C_PUB2", open).isPresent());

            String publicAlert =
                    slack.postAsIntegration("C_PUB", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            String publicRunbook = runbook(slack, "C_PUB", publicAlert);
            assertThat(publicRunbook)
                    .contains("publicnote") // a public channel's message is quoted
                    .doesNotContain("hunter2")
                    .doesNotContain("dmonly")
                    .doesNotContain("privatefix")
                    .doesNotContain("C_SECRET")
                    .doesNotContain("D_ALICE");

            // posted into the private channel itself, its own messages are quoted (still not the DM's)
            String privateAlert =
                    slack.postAsIntegration("C_SECRET", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            String privateRunbook = runbook(slack, "C_SECRET", privateAlert);
            assertThat(privateRunbook)
                    .contains("hunter2")
                    .contains("privatefix")
                    .contains("publicnote")
                    .doesNotContain("dmonly");
        }
    }

    /**
     * The runbook reads its alert's newest past firings first ({@link RunbookModule#firstPastFirings}); when too few
     * of those may be quoted in the channel (here all of them fired in a private channel), it reads further back, as
     * before, and quotes the older public one.
     */
    @Test
    void a_public_firing_older_than_the_first_read_is_still_quoted_when_the_newer_ones_are_private() {
        int newerPrivate = RunbookModule.firstPastFirings(1) + 1;
        try (TestBot bot = TestBot.with(new RunbookModuleTest.FakeClassifier(), new RunbookModule())
                .set("runbook.occurrences", "1")
                .slack(slack -> {
                    slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C_PUB", "ops");
                    slack.addPrivateChannel("C_SECRET", "sec-incident");
                    Instant start = Instant.now().minus(Duration.ofDays(3));
                    String old = slack.seedIntegration(
                            "C_PUB", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of(), start);
                    slack.seedReply(
                            "C_PUB",
                            old,
                            "U_BOB",
                            "freed it with `rm -rf /srv/old-logs` publicfix",
                            start.plusSeconds(60));
                    for (int i = 1; i <= newerPrivate; i++) {
                        slack.seedIntegration(
                                "C_SECRET",
                                "B_AM",
                                "alertmanager",
                                "[FIRING:1] DiskFull db-1",
                                List.of(),
                                start.plus(Duration.ofMinutes(10L * i)));
                    }
                    slack.botJoins("C_PUB");
                    slack.botJoins("C_SECRET");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> firing(bot, "C_PUB") == 1 && firing(bot, "C_SECRET") == newerPrivate);
            String alert =
                    slack.postAsIntegration("C_PUB", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            assertThat(runbook(slack, "C_PUB", alert))
                    .contains("publicfix")
                    .contains("1 human reply")
                    .doesNotContain("C_SECRET");
        }
    }

    private static String runbook(SlackEmulator slack, String channel, String alert) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> slack.repliesIn(channel, alert).size() == 1);
        return String.valueOf(slack.repliesIn(channel, alert).get(0).get("blocks"))
                + slack.repliesIn(channel, alert).get(0).get("text");
    }
}
