package dev.ratchet.module.commands;

import static dev.ratchet.module.commands.Workspace.ALICE;
import static dev.ratchet.module.commands.Workspace.botReplies;
import static dev.ratchet.module.commands.Workspace.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.report.ReportModule;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.ChatReply;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A tool called by the agent answers for the channel of the request: asked in a public channel, a private channel's
 * report does not reach the model or the thread; asked in the private channel itself, it does.
 */
class CommandsPrivacyTest {

    static final String OPS = "C0PUBOPS1";
    static final String SECRET = "C0SECRET1";

    @Test
    void a_tool_result_from_a_private_channel_reaches_only_that_channel() {
        try (TestBot bot = TestBot.with(new ReportModule(), new CommandsModule())
                .slack(slack -> {
                    Workspace.seed(slack, OPS);
                    slack.addPrivateChannel(SECRET, "sec-incident");
                    slack.botJoins(SECRET);
                })
                .llm(stub -> {
                    stub.onChat()
                            .whenAnyMessageContains("reduce operational toil")
                            .reply("{\"suggestions\": []}");
                    stub.onChat().whenJsonRequested().reply("{\"tool\": \"none\", \"arguments\": {}}");
                    stub.onChat()
                            .whenToolOffered("channel_report")
                            .whenLastUserMessageContains("report of the secret channel")
                            .replyWithToolCall("channel_report", "{\"channel\": \"" + SECRET + "\"}");
                    stub.onChat()
                            .whenToolResultPresent("channel_report")
                            .replyWith(r -> ChatReply.text("From the tool: "
                                    + r.toolResult("channel_report").orElseThrow()));
                    stub.defaultReply("I am not sure what you mean.");
                })
                .start()) {
            SlackEmulator slack = bot.slack();

            String outside = slack.post(OPS, ALICE, mention(slack) + " the report of the secret channel please");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !botReplies(slack, OPS, outside).isEmpty());
            assertThat(botReplies(slack, OPS, outside).get(0))
                    .contains("is private or a DM")
                    .doesNotContain("totals");

            String inside = slack.post(SECRET, ALICE, mention(slack) + " the report of the secret channel please");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !botReplies(slack, SECRET, inside).isEmpty());
            assertThat(botReplies(slack, SECRET, inside).get(0))
                    .contains(SECRET)
                    .contains("totals")
                    .doesNotContain("is private or a DM");
        }
    }
}
