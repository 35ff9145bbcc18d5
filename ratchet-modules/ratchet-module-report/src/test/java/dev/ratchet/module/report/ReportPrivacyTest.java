package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A private channel's or a DM's report is shown only in that conversation, never where the tool was called. */
class ReportPrivacyTest {

    @Test
    void a_private_channel_or_dm_report_is_refused_outside_it_and_given_inside_it() throws Exception {
        try (TestBot bot = TestBot.with(new ReportModule())
                .slack(slack -> {
                    slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
                    slack.addChannel("C_PUB2", "db-team");
                    slack.addPrivateChannel("C_SECRET", "sec-incident");
                    slack.addDirectMessage("D_ALICE", "U_ALICE");
                    slack.botJoins("C_PUB2");
                    slack.botJoins("C_SECRET");
                })
                .start()) {
            for (String tool : new String[] {
                "channel_report",
                "post_channel_report",
                "alert_analytics",
                "alert_rule_changes",
                "open_alert_rule_pull_requests"
            }) {
                for (String hidden : new String[] {"C_SECRET", "D_ALICE"}) {
                    assertThatThrownBy(() -> bot.callTool(tool, "{\"channel\": \"" + hidden + "\"}"))
                            .as(tool + " of " + hidden + " from a public channel")
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("channel " + hidden + " is private or a DM")
                            .hasMessageContaining("ask for its report in that channel");
                }
            }
            assertThat(bot.slack().botPosts()).isEmpty();

            // in the private channel itself, and a public channel's from anywhere
            Tool report = bot.tools("report").stream()
                    .filter(t -> t.name().equals("channel_report"))
                    .findFirst()
                    .orElseThrow();
            assertThat(report.function()
                            .call(Map.of("channel", "C_SECRET"), new Tool.ToolCall("C_SECRET", null, "U_ALICE")))
                    .isInstanceOf(ChannelReport.class);
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> bot.callTool("channel_report", "{\"channel\": \"C_PUB2\"}") instanceof ChannelReport);
            assertThat(bot.callTool("channel_report", "{\"channel\": \"" + CHANNEL + "\"}"))
                    .isInstanceOf(ChannelReport.class);
        }
    }
}
