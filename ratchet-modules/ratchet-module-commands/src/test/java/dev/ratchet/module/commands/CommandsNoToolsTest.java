package dev.ratchet.module.commands;

import static dev.ratchet.module.commands.Workspace.ALICE;
import static dev.ratchet.module.commands.Workspace.botReplies;
import static dev.ratchet.module.commands.Workspace.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.report.ReportModule;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.llm.ServerProfile;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands agent on a model Ollama serves without tool calling (400 "does not support tools"): it runs on JSON
 * plans, and write tools still wait for the requester's yes.
 */
class CommandsNoToolsTest {

    static final String OPS = "C0TEAMOPS";
    static final String HELP = "C0TEAMHELP";

    static TestBot bot;
    static SlackEmulator slack;
    static OpenAiStub llm;
    static OpsActions actions = new OpsActions();

    @BeforeAll
    static void start() {
        bot = TestBot.with(new ReportModule(), actions, new CommandsModule())
                .slack(workspace -> Workspace.seed(workspace, OPS, HELP))
                .llm(stub -> {
                    stub.profile(
                            ServerProfile.ollama().withoutTools("gemma2:2b").numCtx(32_768));
                    stub.onChat()
                            .whenAnyMessageContains("reduce operational toil")
                            .reply("{\"suggestions\": []}");
                    stub.onChat()
                            .whenAnyMessageContains("You plan actions")
                            .reply("{\"tool\": \"none\", \"arguments\": {}}");
                    stub.defaultReply("I am not sure what you mean.");
                })
                .set("llm.model", "gemma2:2b")
                .start();
        slack = bot.slack();
        llm = bot.llm();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void a_question_is_answered_through_a_planned_tool_call() {
        llm.onChat()
                .whenAnyMessageContains("You can call tools")
                .whenLastUserMessageContains("which incidents are open")
                .reply("{\"tool\": \"list_open_incidents\", \"arguments\": {}}");
        llm.onChat()
                .whenAnyMessageContains("You can call tools")
                .when(r -> r.lastUserMessage().orElse("").startsWith("Result of list_open_incidents"))
                .reply("{\"tool\": \"none\", \"answer\": \"INC-1 (api latency) is open, alice is on it.\"}");

        String ask = slack.post(OPS, ALICE, mention(slack) + " which incidents are open?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask)).containsExactly("INC-1 (api latency) is open, alice is on it.");
        // tools were offered once, refused, and never again
        assertThat(llm.chatRequests().stream().filter(r -> !r.tools().isEmpty()).count())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void a_write_tool_is_proposed_and_waits_for_the_requesters_yes() {
        llm.onChat()
                .whenAnyMessageContains("You plan actions")
                .whenLastUserMessageContains("restart the api")
                .reply("{\"tool\": \"restart_service\", \"arguments\": {\"service\": \"api\"}}");

        String ask = slack.post(OPS, ALICE, mention(slack) + " please restart the api service");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> botReplies(slack, OPS, ask).size() == 1);
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("I will run `restart_service` with service `api`")
                .contains("reply `yes` in this thread to confirm");
        assertThat(actions.restarts).isEmpty();

        slack.reply(OPS, ask, ALICE, "yes");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botReplies(slack, OPS, ask).size() == 2);
        assertThat(actions.restarts).containsExactly("api");
    }
}
