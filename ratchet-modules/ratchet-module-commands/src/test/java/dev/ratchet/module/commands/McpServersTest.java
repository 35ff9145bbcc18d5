package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.JsonText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP client side against a real MCP server, {@link TicketServer}, started as a child process over stdio. */
class McpServersTest {

    static final System.Logger LOG = System.getLogger("ratchet.commands.test");

    static McpServers connect(Path dir, Map<String, Object> servers, Map<String, String> environment) throws Exception {
        return connect(dir, servers, environment, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    static McpServers connect(
            Path dir,
            Map<String, Object> servers,
            Map<String, String> environment,
            Duration timeout,
            Duration reconnectInterval)
            throws Exception {
        return McpServers.connect(
                McpServersFile.read(Workspace.mcpServersFile(dir, servers)),
                timeout,
                reconnectInterval,
                environment::get,
                LOG);
    }

    static Tool tool(McpServers mcp, String name) {
        return mcp.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void tools_are_exposed_with_the_server_prefix_their_schema_and_whether_they_write_and_the_process_ends_on_close(
            @TempDir Path dir) throws Exception {
        Path tickets = dir.resolve("tickets.txt");
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("tickets", TicketServer.entry(tickets, Map.of("TICKETS_TOKEN", "${TOKEN}")));
        try (McpServers mcp = connect(dir, servers, Map.of("TOKEN", "s3cret"))) {
            assertThat(TicketServer.running(tickets)).isTrue();
            assertThat(mcp.statuses()).singleElement().satisfies(s -> {
                assertThat(s.connected()).isTrue();
                assertThat(s.tools()).containsExactly("tickets__lookup_service_owner", "tickets__create_ticket");
            });
            Tool lookup = tool(mcp, "tickets__lookup_service_owner");
            assertThat(lookup.writes()).isFalse();
            assertThat(lookup.description()).isEqualTo("Finds the team that owns a service and who is on call for it.");
            assertThat(JsonText.parseObject(lookup.inputSchema())).containsEntry("required", List.of("service"));
            assertThat(tool(mcp, "tickets__create_ticket").writes()).isTrue();

            // text and structured content (checked against the output schema by our validator) come back together
            Object owner = lookup.function().call(Map.of("service", "billing"), new Tool.ToolCall("C1", "1.0", "U1"));
            assertThat(owner)
                    .isEqualTo(Map.of(
                            "text",
                            "billing is owned by team-payments; on call: dana",
                            "structured_content",
                            Map.of("service", "billing", "team", "team-payments", "on_call", "dana")));
            // isError becomes a failure carrying the server's text
            assertThatThrownBy(() ->
                            lookup.function().call(Map.of("service", "nope"), new Tool.ToolCall("C1", "1.0", "U1")))
                    .isInstanceOf(McpServers.McpToolError.class)
                    .hasMessage("no service named nope");
        }
        assertThat(TicketServer.running(tickets)).isFalse();
    }

    @Test
    void a_server_that_cannot_start_is_skipped_with_its_name_and_the_fix_and_the_others_work(@TempDir Path dir)
            throws Exception {
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put(
                "broken", Map.of("command", dir.resolve("no-such-mcp-server").toString()));
        servers.put("needs-secret", Map.of("command", "true", "env", Map.of("API_KEY", "${MISSING_API_KEY}")));
        servers.put("tickets", TicketServer.entry(dir.resolve("tickets.txt"), Map.of()));
        try (McpServers mcp = connect(dir, servers, Map.of())) {
            assertThat(mcp.statuses())
                    .extracting(McpServers.Status::name)
                    .containsExactly("broken", "needs-secret", "tickets");
            McpServers.Status broken = mcp.statuses().get(0);
            assertThat(broken.connected()).isFalse();
            assertThat(broken.problem())
                    .contains("no-such-mcp-server")
                    .contains("is not an executable file")
                    .contains("remove 'broken' from the servers file");
            McpServers.Status secret = mcp.statuses().get(1);
            assertThat(secret.problem())
                    .contains("${MISSING_API_KEY}")
                    .contains("set the environment variable MISSING_API_KEY");
            assertThat(mcp.statuses().get(2).connected()).isTrue();
            assertThat(mcp.tools())
                    .extracting(Tool::name)
                    .containsExactly("tickets__lookup_service_owner", "tickets__create_ticket");
        }
    }

    @Test
    void
            a_streamable_http_server_is_used_with_its_header_token_and_a_wrong_token_fails_that_server_without_showing_any_secret(
                    @TempDir Path dir) throws Exception {
        try (HttpTicketServer http = HttpTicketServer.start("h77p-t0ken", dir.resolve("tickets.txt"))) {
            Map<String, Object> servers = new LinkedHashMap<>();
            servers.put(
                    "ops-http", Map.of("url", http.url(), "headers", Map.of("Authorization", "Bearer ${OPS_TOKEN}")));
            servers.put(
                    "wrong-token",
                    Map.of(
                            "url",
                            http.url() + "?key=${URL_KEY}",
                            "headers",
                            Map.of("Authorization", "Bearer ${WRONG_TOKEN}")));
            try (McpServers mcp = connect(
                    dir,
                    servers,
                    Map.of("OPS_TOKEN", "h77p-t0ken", "WRONG_TOKEN", "n0t-the-t0ken", "URL_KEY", "url-k3y-value"))) {
                assertThat(mcp.statuses().get(0).connected()).isTrue();
                Object owner = tool(mcp, "ops_http__lookup_service_owner")
                        .function()
                        .call(Map.of("service", "search"), new Tool.ToolCall("C1", "1.0", "U1"));
                assertThat(owner).asString().contains("search is owned by team-discovery");

                McpServers.Status wrong = mcp.statuses().get(1);
                assertThat(wrong.connected()).isFalse();
                assertThat(wrong.problem())
                        .contains("the server refused Ratchet's credentials (HTTP 401)")
                        .contains("check the headers of 'wrong-token'")
                        .doesNotContain("n0t-the-t0ken")
                        .doesNotContain("url-k3y-value");
                assertThat(http.refused()).isPositive();
            }
        }
    }

    @Test
    void exposed_names_are_snake_case_within_64_characters() {
        assertThat(McpServers.exposedName("GitHub", "searchIssues")).isEqualTo("git_hub__search_issues");
        assertThat(McpServers.exposedName("my.server", "get-file")).isEqualTo("my_server__get_file");
        assertThat(McpServers.exposedName("9lives", "x")).isEqualTo("mcp_9lives__x");
        String a = McpServers.exposedName("tickets", "a".repeat(80) + "1");
        String b = McpServers.exposedName("tickets", "a".repeat(80) + "2");
        assertThat(a).hasSize(64).isNotEqualTo(b);
        assertThat(new Tool(a, "d", "{}", List.of(), false, (x, c) -> "ok").name())
                .isEqualTo(a);
    }
}
