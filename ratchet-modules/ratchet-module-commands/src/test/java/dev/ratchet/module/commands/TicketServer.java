package dev.ratchet.module.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny MCP server over stdio for the tests, run as a child process ({@code java -cp <test classpath> TicketServer
 * <tickets file>}) and built with the SDK's own server API:
 * <ul>
 *   <li>{@code lookup_service_owner} (read-only): the team owning a service, as text and structured content;</li>
 *   <li>{@code create_ticket} (writes): appends a line to the tickets file, refuses to run without the environment
 *   variable {@code TICKETS_TOKEN}, and after the first ticket adds {@code close_ticket}, announcing that its tool list
 *   changed.</li>
 * </ul>
 * With {@code --once} after the tickets file, a second start (the process id file exists) exits at once with code 4;
 * with {@code --fail-first}, the first start exits at once with code 5 (leaving a marker file), and later ones serve.
 * {@link HttpTicketServer} serves the same tools over Streamable HTTP.
 */
public final class TicketServer {

    static final Map<String, String> OWNERS = Map.of("billing", "team-payments", "search", "team-discovery");
    static final Map<String, String> ON_CALL = Map.of("billing", "dana", "search", "erik");

    private TicketServer() {}

    /** A servers-file entry that runs this server with the test classpath, writing tickets to {@code tickets}. */
    static Map<String, Object> entry(Path tickets, Map<String, String> env) {
        return entry(tickets, env, List.of());
    }

    /** A servers-file entry like {@link #entry}, with {@code --once}: a second start refuses to run, exiting with 4. */
    static Map<String, Object> entryOnce(Path tickets) {
        return entry(tickets, Map.of(), List.of("--once"));
    }

    /** A servers-file entry like {@link #entry}, with {@code --fail-first}: its first start fails, the next ones serve. */
    static Map<String, Object> entryFailingFirst(Path tickets) {
        return entry(tickets, Map.of("TICKETS_TOKEN", "t"), List.of("--fail-first"));
    }

    private static Map<String, Object> entry(Path tickets, Map<String, String> env, List<String> flags) {
        List<String> args = new ArrayList<>(List.of(
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                TicketServer.class.getName(),
                tickets.toString()));
        args.addAll(flags);
        return Map.of(
                "command",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "args",
                args,
                "env",
                env);
    }

    /** Whether the server writing to {@code tickets} is running (it writes its process id beside the tickets at start). */
    static boolean running(Path tickets) throws Exception {
        Path pid = Path.of(tickets + ".pid");
        return Files.exists(pid)
                && ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }

    /** The process id of the server writing to {@code tickets}, as it wrote it at start. */
    static long pid(Path tickets) throws Exception {
        return Long.parseLong(Files.readString(Path.of(tickets + ".pid")).trim());
    }

    /** How many times the server writing to {@code tickets} was started (each start appends a line beside the tickets). */
    static int starts(Path tickets) throws Exception {
        Path starts = Path.of(tickets + ".starts");
        return Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
    }

    public static void main(String[] args) throws Exception {
        Path tickets = Path.of(args[0]);
        Files.writeString(
                Path.of(tickets + ".starts"),
                "started\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (args.length > 1 && args[1].equals("--once") && Files.exists(Path.of(tickets + ".pid"))) {
            System.err.println("tickets: started once already, refusing to start again");
            System.exit(4);
        }
        Path failed = Path.of(tickets + ".failed-first");
        if (args.length > 1 && args[1].equals("--fail-first") && !Files.exists(failed)) {
            Files.writeString(failed, "failed");
            System.err.println("tickets: failing the first start on purpose");
            System.exit(5);
        }
        Files.writeString(
                Path.of(tickets + ".pid"),
                String.valueOf(ProcessHandle.current().pid()));
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        serve(McpServer.sync(new StdioServerTransportProvider(json)), json, tickets);
        new CountDownLatch(1).await(); // serve until the client ends this process
    }

    /** Builds the server on {@code spec} (a stdio or Streamable HTTP one) with the ticket tools, writing to {@code tickets}. */
    static McpSyncServer serve(McpServer.SyncSpecification<?> spec, JacksonMcpJsonMapper json, Path tickets) {
        AtomicInteger created = new AtomicInteger();
        AtomicReference<McpSyncServer> server = new AtomicReference<>();

        McpSchema.Tool lookup = McpSchema.Tool.builder()
                .name("lookup_service_owner")
                .description("Finds the team that owns a service and who is on call for it.")
                .inputSchema(
                        json,
                        "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"}},\"required\":[\"service\"]}")
                .outputSchema(
                        json,
                        "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},\"team\":{\"type\":\"string\"},"
                                + "\"on_call\":{\"type\":\"string\"}},\"required\":[\"service\",\"team\",\"on_call\"]}")
                .annotations(
                        McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        McpSchema.Tool create = McpSchema.Tool.builder()
                .name("create_ticket")
                .description("Opens a ticket in the team's tracker.")
                .inputSchema(
                        json,
                        "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"}},"
                                + "\"required\":[\"service\",\"title\"]}")
                .build();
        McpSchema.Tool close = McpSchema.Tool.builder()
                .name("close_ticket")
                .description("Closes a ticket.")
                .inputSchema(
                        json,
                        "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}")
                .build();

        SyncToolSpecification lookupSpec = new SyncToolSpecification(lookup, (exchange, request) -> {
            String service = String.valueOf(request.arguments().get("service"));
            if (!OWNERS.containsKey(service)) {
                return CallToolResult.builder()
                        .isError(true)
                        .addTextContent("no service named " + service)
                        .build();
            }
            return CallToolResult.builder()
                    .addTextContent(
                            service + " is owned by " + OWNERS.get(service) + "; on call: " + ON_CALL.get(service))
                    .structuredContent(
                            Map.of("service", service, "team", OWNERS.get(service), "on_call", ON_CALL.get(service)))
                    .build();
        });
        SyncToolSpecification createSpec = new SyncToolSpecification(create, (exchange, request) -> {
            if (System.getenv("TICKETS_TOKEN") == null) {
                return CallToolResult.builder()
                        .isError(true)
                        .addTextContent("TICKETS_TOKEN is not set")
                        .build();
            }
            String id = "TICKET-" + created.incrementAndGet();
            try {
                Files.writeString(
                        tickets,
                        id + " " + request.arguments().get("service") + ": "
                                + request.arguments().get("title") + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (Exception e) {
                return CallToolResult.builder()
                        .isError(true)
                        .addTextContent("cannot write the ticket: " + e.getMessage())
                        .build();
            }
            if (created.get() == 1) {
                server.get()
                        .addTool(new SyncToolSpecification(
                                close,
                                (x, r) -> CallToolResult.builder()
                                        .addTextContent("closed")
                                        .build()));
                server.get().notifyToolsListChanged();
            }
            return CallToolResult.builder().addTextContent("created " + id).build();
        });

        server.set(spec.serverInfo("tickets", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .jsonMapper(json)
                .jsonSchemaValidator(new McpSchemaValidator(new ObjectMapper()))
                .tools(lookupSpec, createSpec)
                .build());
        return server.get();
    }
}
