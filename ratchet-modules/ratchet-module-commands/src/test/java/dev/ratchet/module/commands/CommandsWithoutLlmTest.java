package dev.ratchet.module.commands;

import static dev.ratchet.module.commands.Workspace.ALICE;
import static dev.ratchet.module.commands.Workspace.botReplies;
import static dev.ratchet.module.commands.Workspace.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without a chat model: requests are matched to tools by in-process embeddings. */
class CommandsWithoutLlmTest {

    static final String OPS = "C0NOLLM01";

    static SlackEmulator slack;
    static TestBot bot;
    static OpsActions actions = new OpsActions();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("ratchet-mcp");
        Path servers = Files.writeString(
                dir.resolve("mcp.json"),
                JsonText.write(Map.of(
                        "mcpServers", Map.of("tickets", TicketServer.entry(dir.resolve("tickets.txt"), Map.of())))));
        bot = TestBot.with(actions, new CommandsModule())
                .slack(workspace -> Workspace.seed(workspace, OPS))
                .set("commands.mcp-servers", servers.toString())
                .start();
        slack = bot.slack();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void a_request_close_to_a_tools_description_runs_it_and_says_generation_is_off() {
        String ask = slack.post(OPS, ALICE, mention(slack) + " which incidents are open right now?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("Generation is off")
                .contains("`list_open_incidents`")
                .contains("INC-1");
    }

    @Test
    void an_unrelated_request_lists_what_the_bot_can_do() {
        String ask = slack.post(OPS, ALICE, mention(slack) + " give me a recipe for chocolate cake");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("Generation is off")
                .contains("no tool matches")
                .contains("What I can do here")
                .contains("`list_open_incidents` — Lists the open incidents")
                .contains("`restart_service`");
    }

    @Test
    void a_close_write_tool_whose_arguments_cannot_be_guessed_is_not_run() {
        String ask = slack.post(OPS, ALICE, mention(slack) + " restart the api service");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("`restart_service` is the closest tool, but it needs `service`")
                .contains("What I can do here");
        assertThat(actions.restarts).isEmpty();
    }

    @Test
    void mcp_tools_take_part_in_the_match_by_their_description() {
        String ask = slack.post(
                OPS, ALICE, mention(slack) + " which team owns the search service and who is on call for it?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("`tickets__lookup_service_owner` is the closest tool, but it needs `service`");
    }

    @Test
    void the_default_threshold_separates_paraphrases_from_unrelated_requests_with_the_in_process_embeddings()
            throws Exception {
        ToolMatcher matcher = new ToolMatcher(actions.ctx.llm());
        double threshold = CommandsModule.MATCH_THRESHOLD.defaultValue().orElseThrow();
        for (String related : List.of(
                "is anything on fire at the moment?",
                "who is handling incidents today?",
                "can you bounce the payments pods")) {
            assertThat(matcher.best(related, actions.ctx.tools()).orElseThrow().score())
                    .as(related)
                    .isGreaterThanOrEqualTo(threshold);
        }
        for (String unrelated : List.of(
                "give me a recipe for chocolate cake",
                "what's the weather in Paris tomorrow?",
                "tell me a joke",
                "thanks!")) {
            assertThat(matcher.best(unrelated, actions.ctx.tools())
                            .orElseThrow()
                            .score())
                    .as(unrelated)
                    .isLessThan(threshold);
        }
    }
}
