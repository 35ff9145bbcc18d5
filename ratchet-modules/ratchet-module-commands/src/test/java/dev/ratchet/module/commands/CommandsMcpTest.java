package dev.ratchet.module.commands;

import static dev.ratchet.module.commands.Workspace.ALICE;
import static dev.ratchet.module.commands.Workspace.botReplies;
import static dev.ratchet.module.commands.Workspace.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.ChatReply;
import dev.ratchet.testkit.llm.ChatRequest;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tools of an external MCP server ({@link TicketServer}, a child process over stdio) in the agent loop of a real
 * Ratchet, through the Slack emulator and the LLM stub; a second configured server cannot start, and a third fails
 * its first start and joins later without a restart.
 */
class CommandsMcpTest {

    static final String OPS = "C0MCPOPS1";
    static final String HELP = "C0MCPHELP";
    static final String LOOKUP = "tickets__lookup_service_owner";
    static final String CREATE = "tickets__create_ticket";
    static final String FLAKY_LOOKUP = "flaky__lookup_service_owner";

    static Path tickets;
    static Path flaky;
    static SlackEmulator slack;
    static OpenAiStub llm;
    static TestBot bot;
    static CommandsModule commands;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("ratchet-mcp");
        tickets = dir.resolve("tickets.txt");
        flaky = dir.resolve("flaky.txt");
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("broken", Map.of("command", "ratchet-no-such-mcp-server"));
        servers.put("tickets", TicketServer.entry(tickets, Map.of("TICKETS_TOKEN", "${TICKETS_TOKEN}")));
        servers.put("flaky", TicketServer.entryFailingFirst(flaky));
        Path file = Workspace.mcpServersFile(dir, servers);

        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("commands.mcp-servers", file.toString());
        flags.put("commands.allow", HELP + "=" + LOOKUP + ",*=*");
        flags.put("commands.mcp-reconnect-interval", "1s"); // so that flaky is started again soon
        commands = new CommandsModule(Map.of("TICKETS_TOKEN", "t0ken")::get);
        bot = Workspace.startWithCommands(flags, commands, OPS, HELP);
        slack = bot.slack();
        llm = bot.llm();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) {
            bot.close();
            // stop() closed the client, which ended the server's process
            assertThat(TicketServer.running(tickets)).isFalse();
            assertThat(TicketServer.running(flaky)).isFalse();
        }
    }

    static List<ChatRequest> loopRequestsFor(String request) {
        return llm.chatRequests().stream()
                .filter(r -> !r.tools().isEmpty())
                .filter(r -> r.lastUserMessage().map(m -> m.contains(request)).orElse(false))
                .toList();
    }

    @Test
    void who_owns_billing_makes_the_agent_call_the_read_only_mcp_tool_and_answers_with_its_result() {
        llm.onChat()
                .whenToolOffered(LOOKUP)
                .whenLastUserMessageContains("who owns billing")
                .replyWithToolCall(LOOKUP, "{\"service\": \"billing\"}");
        llm.onChat().whenToolResultPresent(LOOKUP).replyWith(r -> {
            Map<String, Object> result =
                    JsonText.parseObject(r.toolResult(LOOKUP).orElseThrow());
            Map<?, ?> owner = (Map<?, ?>) result.get("structured_content");
            return ChatReply.text(
                    "Billing is owned by *" + owner.get("team") + "*; on call: " + owner.get("on_call") + ".");
        });

        String ask = slack.post(OPS, ALICE, mention(slack) + " who owns billing?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask)).containsExactly("Billing is owned by *team-payments*; on call: dana.");
        List<ChatRequest> loop = loopRequestsFor("who owns billing");
        assertThat(loop).hasSize(2);
        // the MCP tool's input schema is passed through; its writing tool is not offered to the loop
        ChatRequest.Tool offered = loop.get(0).tools().stream()
                .filter(t -> t.name().equals(LOOKUP))
                .findFirst()
                .orElseThrow();
        assertThat(offered.description()).isEqualTo("Finds the team that owns a service and who is on call for it.");
        assertThat(JsonText.parseObject(offered.parameters())).containsEntry("required", List.of("service"));
        assertThat(loop.get(0).offersTool(CREATE)).isFalse();
        assertThat(loop.get(1).toolResult(LOOKUP).orElseThrow()).contains("billing is owned by team-payments");
    }

    @Test
    void a_writing_mcp_tool_waits_for_the_requesters_yes_and_runs_only_then() throws Exception {
        llm.onChat()
                .whenJsonRequested()
                .whenLastUserMessageContains("open a ticket")
                .reply("{\"tool\": \"" + CREATE
                        + "\", \"arguments\": {\"service\": \"billing\", \"title\": \"invoices are late\"}}");

        String ask = slack.post(OPS, ALICE, mention(slack) + " open a ticket for billing: invoices are late");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> botReplies(slack, OPS, ask).size() == 1);
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("I will run `" + CREATE + "`")
                .contains("invoices are late")
                .contains("reply `yes` in this thread to confirm");
        assertThat(tickets).doesNotExist();

        slack.reply(OPS, ask, ALICE, "yes");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botReplies(slack, OPS, ask).size() == 2);
        assertThat(botReplies(slack, OPS, ask).get(1))
                .contains("Ran `" + CREATE + "`")
                .contains("created TICKET-1");
        // it ran once, in the server, with the secret from the environment reference
        assertThat(Files.readAllLines(tickets)).containsExactly("TICKET-1 billing: invoices are late");

        // the server added close_ticket and said its tool list changed: the agent sees it without a restart
        await().atMost(Duration.ofSeconds(30))
                .until(() -> commands.allowedTools(OPS).stream()
                        .anyMatch(t -> t.name().equals("tickets__close_ticket")));
    }

    @Test
    void the_channel_allowlist_applies_to_mcp_tools_by_their_exposed_name() {
        llm.onChat().whenLastUserMessageContains("anything new").reply("Nothing new.");

        String ask = slack.post(HELP, ALICE, mention(slack) + " anything new?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, HELP, ask).isEmpty());
        List<ChatRequest> requests = llm.chatRequests().stream()
                .filter(r ->
                        r.lastUserMessage().map(m -> m.contains("anything new")).orElse(false))
                .toList();
        // only the read-only lookup is allowed here: no write tool, so no plan either
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).tools()).extracting(ChatRequest.Tool::name).containsExactly(LOOKUP);
    }

    @Test
    void after_the_servers_process_dies_the_next_command_reconnects_it_and_gets_its_answer() throws Exception {
        long before = TicketServer.pid(tickets);
        ProcessHandle.of(before).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> commands.mcpServers().get(1).lost() != null);
        llm.onChat()
                .whenToolOffered(LOOKUP)
                .whenLastUserMessageContains("who owns search")
                .replyWithToolCall(LOOKUP, "{\"service\": \"search\"}");
        llm.onChat()
                .whenToolResultPresent(LOOKUP)
                .whenLastUserMessageContains("who owns search")
                .replyWith(r ->
                        ChatReply.text("From the tool: " + r.toolResult(LOOKUP).orElseThrow()));

        String ask = slack.post(OPS, ALICE, mention(slack) + " who owns search?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0)).contains("search is owned by team-discovery");
        assertThat(TicketServer.pid(tickets)).isNotEqualTo(before);
        assertThat(TicketServer.running(tickets)).isTrue();
        assertThat(commands.mcpServers().get(1).lost()).isNull();
    }

    @Test
    void a_server_that_cannot_start_is_reported_and_the_others_tools_still_work() {
        assertThat(commands.mcpServers())
                .extracting(McpServers.Status::name)
                .containsExactly("broken", "tickets", "flaky");
        assertThat(commands.mcpServers().get(0).problem())
                .contains("'ratchet-no-such-mcp-server' is not found on the PATH");
        assertThat(commands.mcpServers().get(1).connected()).isTrue();

        String ask = slack.post(OPS, ALICE, mention(slack));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("`" + LOOKUP + "` — Finds the team")
                .contains("`" + CREATE + "` — Opens a ticket in the team's tracker. _(asks for confirmation)_")
                .containsPattern("MCP server `broken` are missing: it did not start \\(see the bot's log\\); "
                        + "(next try at \\d\\d:\\d\\d:\\d\\d UTC|it is being started again now)\\._");
    }

    @Test
    void a_server_that_failed_its_first_start_joins_without_a_restart_and_the_agent_uses_its_tool() throws Exception {
        assertThat(Path.of(flaky + ".failed-first"))
                .as("its first start failed")
                .exists();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> commands.allowedTools(OPS).stream()
                        .anyMatch(t -> t.name().equals(FLAKY_LOOKUP)));
        assertThat(commands.mcpServers().get(2).connected()).isTrue();
        llm.onChat()
                .whenToolOffered(FLAKY_LOOKUP)
                .whenLastUserMessageContains("which team has search")
                .replyWithToolCall(FLAKY_LOOKUP, "{\"service\": \"search\"}");
        llm.onChat()
                .whenToolResultPresent(FLAKY_LOOKUP)
                .whenLastUserMessageContains("which team has search")
                .replyWith(r -> ChatReply.text(
                        "Flaky says: " + r.toolResult(FLAKY_LOOKUP).orElseThrow()));

        String ask = slack.post(OPS, ALICE, mention(slack) + " flaky, which team has search?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .startsWith("Flaky says:")
                .contains("search is owned by team-discovery");
        assertThat(TicketServer.starts(flaky)).isEqualTo(2);
    }
}
