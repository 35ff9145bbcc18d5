package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpServersFileTest {

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void the_common_json_shape_is_read_with_stdio_and_http_servers_and_disabled_ones_left_out() throws Exception {
        Path file = write("mcp.json", """
                {"mcpServers": {
                  "tickets": {"command": "tickets-mcp", "args": ["--stdio"], "env": {"TOKEN": "${TICKETS_TOKEN}"}},
                  "github": {"type": "http", "url": "https://api.example.com/mcp/", "headers": {"Authorization": "Bearer ${GITHUB_TOKEN}"}},
                  "old": {"command": "old-mcp", "disabled": true}
                }}""");
        assertThat(McpServersFile.read(file))
                .containsExactly(
                        new McpServersFile.Server(
                                "tickets",
                                "tickets-mcp",
                                List.of("--stdio"),
                                Map.of("TOKEN", "${TICKETS_TOKEN}"),
                                null,
                                Map.of()),
                        new McpServersFile.Server(
                                "github",
                                null,
                                List.of(),
                                Map.of(),
                                "https://api.example.com/mcp/",
                                Map.of("Authorization", "Bearer ${GITHUB_TOKEN}")));
    }

    @Test
    void yaml_works_too() throws Exception {
        Path file = write("mcp.yaml", """
                mcpServers:
                  tickets:
                    command: tickets-mcp
                    args: [--stdio]
                """);
        assertThat(McpServersFile.read(file)).singleElement().satisfies(s -> {
            assertThat(s.stdio()).isTrue();
            assertThat(s.args()).containsExactly("--stdio");
        });
    }

    @Test
    void bad_files_and_entries_are_refused_naming_the_file_the_server_and_the_fix() throws Exception {
        assertThatThrownBy(() -> McpServersFile.read(dir.resolve("missing.json")))
                .hasMessageContaining("missing.json")
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> McpServersFile.read(write("a.json", "{\"servers\": []}")))
                .hasMessageContaining("mcpServers");
        assertThatThrownBy(() -> McpServersFile.read(write("b.json", "{\"mcpServers\": {\"x\": {\"args\": []}}}")))
                .hasMessageContaining("server 'x'")
                .hasMessageContaining("either command")
                .hasMessageContaining("or url");
        assertThatThrownBy(() -> McpServersFile.read(
                        write("c.json", "{\"mcpServers\": {\"x\": {\"type\": \"sse\", \"url\": \"http://h/sse\"}}}")))
                .hasMessageContaining("Streamable HTTP");
        assertThatThrownBy(
                        () -> McpServersFile.read(write("d.json", "{\"mcpServers\": {\"x y\": {\"command\": \"c\"}}}")))
                .hasMessageContaining("server 'x y'")
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> McpServersFile.read(
                        write("e.json", "{\"mcpServers\": {\"x\": {\"command\": \"c\", \"env\": [\"A=1\"]}}}")))
                .hasMessageContaining("key 'env'");
    }

    @Test
    void environment_references_are_expanded_and_a_missing_one_is_named_without_any_value() {
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp_s3cret");
        assertThat(McpServersFile.expand("Bearer ${GITHUB_TOKEN}", env::get, "github", "header Authorization"))
                .isEqualTo("Bearer ghp_s3cret");
        assertThat(McpServersFile.expand("no references, $HOME stays", env::get, "github", "url"))
                .isEqualTo("no references, $HOME stays");
        assertThatThrownBy(() ->
                        McpServersFile.expand("${GITHUB_TOKEN}:${OTHER}", env::get, "github", "header Authorization"))
                .hasMessageContaining("header Authorization of MCP server 'github'")
                .hasMessageContaining("${OTHER}")
                .hasMessageNotContaining("ghp_s3cret");
    }
}
