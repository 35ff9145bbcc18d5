package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP servers that fail: a stdio program that exits before the handshake, a server that fails its first start and is
 * started again (in the background, on demand, once at a time), a server process that dies and is reconnected, one that
 * cannot be reconnected, and secrets in what is reported about them.
 */
class McpServerFailuresTest {

    static final Tool.ToolCall CALL = new Tool.ToolCall("C1", "1.0", "U1");
    // long enough that a server reported at once cannot have been reported by the timeout
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    static McpServers connect(
            Path dir, Map<String, Object> servers, Map<String, String> environment, Duration reconnectInterval)
            throws Exception {
        return McpServersTest.connect(dir, servers, environment, TIMEOUT, reconnectInterval);
    }

    static void kill(Path tickets, McpServers mcp) throws Exception {
        ProcessHandle.of(TicketServer.pid(tickets)).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> mcp.statuses().get(0).lost() != null);
    }

    @Test
    void a_program_that_exits_before_the_handshake_fails_with_its_exit_code_and_stderr_not_the_timeout(
            @TempDir Path dir) throws Exception {
        try (McpServers mcp =
                connect(dir, Map.of("boom", EarlyExit.entry(List.of("--verbose"))), Map.of(), Duration.ofSeconds(30))) {
            McpServers.Status boom = mcp.statuses().get(0);
            assertThat(boom.connected()).isFalse();
            assertThat(boom.problem())
                    .contains("it exited with code 3")
                    .contains("its last stderr lines: boom: started with --verbose")
                    .contains("before it completed the MCP handshake")
                    .contains("remove 'boom' from the servers file")
                    .doesNotContain("in time")
                    .doesNotContain("within");
            assertThat(mcp.tools()).isEmpty();
        }
    }

    @Test
    void a_killed_server_is_reconnected_on_the_next_call_which_then_succeeds(@TempDir Path dir) throws Exception {
        Path tickets = dir.resolve("tickets.txt");
        try (McpServers mcp = connect(
                dir,
                Map.of("tickets", TicketServer.entry(tickets, Map.of("TICKETS_TOKEN", "t"))),
                Map.of(),
                Duration.ofMinutes(10))) {
            long first = TicketServer.pid(tickets);
            Tool lookup = McpServersTest.tool(mcp, "tickets__lookup_service_owner");

            kill(tickets, mcp);
            assertThat(mcp.statuses().get(0).lost()).startsWith("it exited with code ");
            assertThat(mcp.statuses().get(0).tools())
                    .as("its tools stay offered, so that a call reconnects it")
                    .hasSize(2);

            assertThat(lookup.function().call(Map.of("service", "search"), CALL))
                    .asString()
                    .contains("search is owned by team-discovery");
            assertThat(TicketServer.pid(tickets)).isNotEqualTo(first);
            assertThat(TicketServer.running(tickets)).isTrue();
            assertThat(mcp.statuses().get(0).lost()).isNull();
            assertThat(TicketServer.starts(tickets)).isEqualTo(2);

            // a writing tool, known lost before the call: nothing can have run, so the call is made after the
            // reconnect;
            // the interval paces reconnects, so reconnecting again within it is refused, naming the server
            kill(tickets, mcp);
            assertThatThrownBy(() -> McpServersTest.tool(mcp, "tickets__create_ticket")
                            .function()
                            .call(Map.of("service", "billing", "title", "late"), CALL))
                    .isInstanceOf(McpServers.McpServerUnavailable.class)
                    .hasMessageContaining("MCP server 'tickets' is down (it exited with code")
                    .hasMessageContaining("the next reconnect is tried in about");
            assertThat(TicketServer.starts(tickets)).isEqualTo(2);
            assertThat(tickets).doesNotExist();
        }
    }

    @Test
    void a_writing_call_on_a_lost_server_runs_once_after_the_reconnect(@TempDir Path dir) throws Exception {
        Path tickets = dir.resolve("tickets.txt");
        try (McpServers mcp = connect(
                dir,
                Map.of("tickets", TicketServer.entry(tickets, Map.of("TICKETS_TOKEN", "t"))),
                Map.of(),
                Duration.ofMinutes(10))) {
            kill(tickets, mcp);
            Object created = McpServersTest.tool(mcp, "tickets__create_ticket")
                    .function()
                    .call(Map.of("service", "billing", "title", "late"), CALL);
            assertThat(created).isEqualTo("created TICKET-1");
            assertThat(Files.readAllLines(tickets)).containsExactly("TICKET-1 billing: late");
        }
    }

    @Test
    void a_server_that_cannot_be_reconnected_is_reported_by_name_and_not_started_again_within_the_interval(
            @TempDir Path dir) throws Exception {
        Path tickets = dir.resolve("tickets.txt");
        try (McpServers mcp =
                connect(dir, Map.of("tickets", TicketServer.entryOnce(tickets)), Map.of(), Duration.ofMinutes(10))) {
            Tool lookup = McpServersTest.tool(mcp, "tickets__lookup_service_owner");
            kill(tickets, mcp);

            assertThatThrownBy(() -> lookup.function().call(Map.of("service", "billing"), CALL))
                    .isInstanceOf(McpServers.McpServerUnavailable.class)
                    .hasMessageContaining("MCP server 'tickets' is down (it exited with code")
                    .hasMessageContaining("reconnecting failed: it exited with code 4")
                    .hasMessageContaining("refusing to start again")
                    .hasMessageContaining("the next reconnect is tried in about 1200 s");
            assertThat(TicketServer.starts(tickets)).isEqualTo(2);

            assertThatThrownBy(() -> lookup.function().call(Map.of("service", "billing"), CALL))
                    .isInstanceOf(McpServers.McpServerUnavailable.class)
                    .hasMessageContaining("and could not be reconnected; the next reconnect is tried in about");
            assertThat(TicketServer.starts(tickets))
                    .as("no start within the interval")
                    .isEqualTo(2);
        }
    }

    @Test
    void a_server_that_fails_its_first_start_is_started_again_in_the_background_and_its_tools_join(@TempDir Path dir)
            throws Exception {
        Path tickets = dir.resolve("tickets.txt");
        try (McpServers mcp = connect(
                dir, Map.of("flaky", TicketServer.entryFailingFirst(tickets)), Map.of(), Duration.ofSeconds(1))) {
            McpServers.Status down = mcp.statuses().get(0);
            assertThat(down.connected()).isFalse();
            assertThat(down.problem()).contains("it exited with code 5").contains("failing the first start on purpose");
            assertThat(down.nextTry()).isNotNull();
            assertThat(mcp.tools()).isEmpty();

            // nothing asks for the tools here: only the background retry can start it
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> mcp.statuses().get(0).connected());
            assertThat(mcp.statuses().get(0).nextTry()).isNull();
            assertThat(mcp.statuses().get(0).problem()).isNull();
            Tool lookup = McpServersTest.tool(mcp, "flaky__lookup_service_owner");
            assertThat(lookup.function().call(Map.of("service", "billing"), CALL))
                    .asString()
                    .contains("billing is owned by team-payments");
            assertThat(TicketServer.starts(tickets)).isEqualTo(2);
        }
        assertThat(TicketServer.running(tickets)).isFalse();
    }

    @Test
    void commands_listing_tools_at_once_start_a_server_that_is_down_only_once(@TempDir Path dir) throws Exception {
        Path tickets = dir.resolve("tickets.txt");
        try (McpServers mcp = connect(
                dir, Map.of("flaky", TicketServer.entryFailingFirst(tickets)), Map.of(), Duration.ofSeconds(1))) {
            assertThat(mcp.statuses().get(0).connected()).isFalse();
            ExecutorService commands = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> asking = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    asking.add(commands.submit(() -> {
                        while (mcp.toolsRetryingDown(McpServers.ON_DEMAND_WAIT).isEmpty()) {
                            Thread.onSpinWait();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : asking) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                commands.shutdownNow();
            }
            assertThat(mcp.tools()).extracting(Tool::name).contains("flaky__lookup_service_owner");
            // the first start failed, the next one succeeded: a second start in parallel would have made it three
            assertThat(TicketServer.starts(tickets)).isEqualTo(2);
        }
    }

    @Test
    void a_server_that_never_starts_shows_its_next_try_and_close_stops_the_retries(@TempDir Path dir) throws Exception {
        McpServers mcp = connect(dir, Map.of("boom", EarlyExit.entry(List.of())), Map.of(), Duration.ofMinutes(10));
        Instant next;
        try {
            next = mcp.statuses().get(0).nextTry();
            assertThat(next)
                    .isBetween(
                            Instant.now().plus(Duration.ofMinutes(9)),
                            Instant.now().plus(Duration.ofMinutes(10)));
            assertThat(McpServers.nextTryText(next, Instant.now())).matches("next try at \\d\\d:\\d\\d:\\d\\d UTC");
            // not due yet: a command does not start it again
            assertThat(mcp.toolsRetryingDown(McpServers.ON_DEMAND_WAIT)).isEmpty();
            assertThat(mcp.statuses().get(0).nextTry()).isEqualTo(next);
        } finally {
            mcp.close();
        }
        assertThat(mcp.retriesStopped()).isTrue();
        assertThat(mcp.statuses().get(0).nextTry()).isNull();
    }

    @Test
    void expanded_secrets_in_arguments_are_redacted_from_what_is_reported(@TempDir Path dir) throws Exception {
        Map<String, Object> servers = Map.of("leaky", EarlyExit.entry(List.of("--token", "${LEAKY_TOKEN}")));
        try (McpServers mcp = connect(dir, servers, Map.of("LEAKY_TOKEN", "s3cr3t-value"), Duration.ofSeconds(30))) {
            assertThat(mcp.statuses().get(0).problem())
                    .contains("boom: started with --token ${LEAKY_TOKEN}")
                    .doesNotContain("s3cr3t");
        }
    }
}
