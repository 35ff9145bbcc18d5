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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tools of an MCP server over Streamable HTTP ({@link HttpTicketServer}: the SDK's servlet transport in Jetty, on
 * loopback, behind a bearer token) in the agent loop of a real Ratchet; a second entry for the same server carries a
 * wrong token, and a secret in its URL.
 */
class CommandsMcpHttpTest {

    static final String OPS = "C0MCPHTTP";
    static final String LOOKUP = "ops_http__lookup_service_owner";
    static final String TOKEN = "h77p-s3cret-t0ken";
    static final String WRONG = "wr0ng-s3cret-t0ken";
    static final String URL_KEY = "url-s3cret-k3y";

    static HttpTicketServer http;
    static SlackEmulator slack;
    static OpenAiStub llm;
    static TestBot bot;
    static CommandsModule commands;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("ratchet-mcp-http");
        http = HttpTicketServer.start(TOKEN, dir.resolve("tickets.txt"));
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put(
                "ops-http",
                Map.of(
                        "type",
                        "http",
                        "url",
                        http.url(),
                        "headers",
                        Map.of("Authorization", "Bearer ${OPS_MCP_TOKEN}")));
        servers.put(
                "wrong-token",
                Map.of(
                        "url",
                        http.url() + "?key=${URL_KEY}",
                        "headers",
                        Map.of("Authorization", "Bearer ${WRONG_TOKEN}")));
        Path file = Workspace.mcpServersFile(dir, servers);

        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("commands.mcp-servers", file.toString());
        commands = new CommandsModule(Map.of("OPS_MCP_TOKEN", TOKEN, "WRONG_TOKEN", WRONG, "URL_KEY", URL_KEY)::get);
        bot = Workspace.startWithCommands(flags, commands, OPS);
        slack = bot.slack();
        llm = bot.llm();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        http.close();
    }

    @Test
    void the_agent_calls_a_read_only_tool_over_streamable_http_with_the_expanded_header_token() {
        llm.onChat()
                .whenToolOffered(LOOKUP)
                .whenLastUserMessageContains("who owns search")
                .replyWithToolCall(LOOKUP, "{\"service\": \"search\"}");
        llm.onChat().whenToolResultPresent(LOOKUP).replyWith(r -> {
            Map<String, Object> result =
                    JsonText.parseObject(r.toolResult(LOOKUP).orElseThrow());
            Map<?, ?> owner = (Map<?, ?>) result.get("structured_content");
            return ChatReply.text(
                    "Search is owned by *" + owner.get("team") + "*; on call: " + owner.get("on_call") + ".");
        });

        String ask = slack.post(OPS, ALICE, mention(slack) + " who owns search?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask)).containsExactly("Search is owned by *team-discovery*; on call: erik.");
        ChatRequest second = llm.chatRequests().stream()
                .filter(r -> r.toolResult(LOOKUP).isPresent())
                .findFirst()
                .orElseThrow();
        assertThat(second.toolResult(LOOKUP).orElseThrow()).contains("search is owned by team-discovery");
    }

    @Test
    void a_wrong_token_fails_that_server_by_name_and_no_secret_appears_in_its_report_or_the_bots_reply() {
        assertThat(commands.mcpServers())
                .extracting(McpServers.Status::name)
                .containsExactly("ops-http", "wrong-token");
        McpServers.Status wrong = commands.mcpServers().get(1);
        assertThat(wrong.connected()).isFalse();
        assertThat(wrong.problem())
                .contains("the server refused Ratchet's credentials (HTTP 401)")
                .contains("'wrong-token'")
                .doesNotContain(WRONG)
                .doesNotContain(URL_KEY)
                .doesNotContain(TOKEN);
        assertThat(http.refused()).isPositive();

        String ask = slack.post(OPS, ALICE, mention(slack));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("`" + LOOKUP + "`")
                .contains("MCP server `wrong-token` are missing")
                .doesNotContain(WRONG)
                .doesNotContain(URL_KEY);
    }
}
