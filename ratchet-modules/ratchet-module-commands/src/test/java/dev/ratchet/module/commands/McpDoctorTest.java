package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP lines of {@code ratchet doctor}: each server started, its tools listed, closed again. */
class McpDoctorTest {

    @Test
    void a_server_that_starts_lists_its_tools_and_one_that_does_not_says_what_to_fix(@TempDir Path dir)
            throws Exception {
        Path tickets = dir.resolve("tickets.txt");
        Map<String, Object> servers = new LinkedHashMap<>();
        servers.put("tickets", TicketServer.entry(tickets, Map.of("TICKETS_TOKEN", "${TOKEN}")));
        servers.put(
                "broken", Map.of("command", dir.resolve("no-such-mcp-server").toString()));
        Path file = Workspace.mcpServersFile(dir, servers);

        List<McpDoctor.Line> lines =
                McpDoctor.check(file.toString(), Duration.ofSeconds(30), Map.of("TOKEN", "s3cret")::get);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).name()).isEqualTo("mcp tickets");
        assertThat(lines.get(0).ok()).isTrue();
        assertThat(lines.get(0).detail())
                .contains("2 tools (tickets__lookup_service_owner, tickets__create_ticket)")
                .doesNotContain("s3cret");
        assertThat(lines.get(1).name()).isEqualTo("mcp broken");
        assertThat(lines.get(1).ok()).isFalse();
        assertThat(lines.get(1).detail()).contains("no-such-mcp-server").contains("(servers file " + file + ")");
        // closed again: the stdio server's process ended
        assertThat(TicketServer.running(tickets)).isFalse();

        assertThat(McpDoctor.check("", Duration.ofSeconds(1), n -> null)).isEmpty();
        List<McpDoctor.Line> missing =
                McpDoctor.check(dir.resolve("nope.json").toString(), Duration.ofSeconds(1), n -> null);
        assertThat(missing).singleElement().satisfies(l -> {
            assertThat(l.ok()).isFalse();
            assertThat(l.detail()).contains("nope.json").contains("RATCHET_COMMANDS_MCP_SERVERS");
        });
    }
}
