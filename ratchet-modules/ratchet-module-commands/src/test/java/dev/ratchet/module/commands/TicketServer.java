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
 */
public final class TicketServer {

    static final Map<String, String> OWNERS = Map.of("billing", "team-payments", "search", "team-discovery");
    static final Map<String, String> ON_CALL = Map.of("billing", "dana", "search", "erik");

    private TicketServer() {
    }

    /** A servers-file entry that runs this server with the test classpath, writing tickets to {@code tickets}. */
    static Map<String, Object> entry(Path tickets, Map<String, String> env) {
        return Map.of("command", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "args", List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), TicketServer.class.getName(),
                        tickets.toString()),
                "env", env);
    }

    /** Whether the server writing to {@code tickets} is running (it writes its process id beside the tickets at start). */
    static boolean running(Path tickets) throws Exception {
        Path pid = Path.of(tickets + ".pid");
        return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).map(ProcessHandle::isAlive).orElse(false);
    }

    public static void main(String[] args) throws Exception {
        Path tickets = Path.of(args[0]);
        Files.writeString(Path.of(tickets + ".pid"), String.valueOf(ProcessHandle.current().pid()));
        ObjectMapper objectMapper = new ObjectMapper();
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(objectMapper);
        AtomicInteger created = new AtomicInteger();
        AtomicReference<McpSyncServer> server = new AtomicReference<>();

        McpSchema.Tool lookup = McpSchema.Tool.builder().name("lookup_service_owner")
                .description("Finds the team that owns a service and who is on call for it.")
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"}},\"required\":[\"service\"]}")
                .outputSchema(json, "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},\"team\":{\"type\":\"string\"},"
                        + "\"on_call\":{\"type\":\"string\"}},\"required\":[\"service\",\"team\",\"on_call\"]}")
                .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
                .build();
        McpSchema.Tool create = McpSchema.Tool.builder().name("create_ticket")
                .description("Opens a ticket in the team's tracker.")
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"}},"
                        + "\"required\":[\"service\",\"title\"]}")
                .build();
        McpSchema.Tool close = McpSchema.Tool.builder().name("close_ticket").description("Closes a ticket.")
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}")
                .build();

        SyncToolSpecification lookupSpec = new SyncToolSpecification(lookup, (exchange, request) -> {
            String service = String.valueOf(request.arguments().get("service"));
            if (!OWNERS.containsKey(service)) {
                return CallToolResult.builder().isError(true).addTextContent("no service named " + service).build();
            }
            return CallToolResult.builder()
                    .addTextContent(service + " is owned by " + OWNERS.get(service) + "; on call: " + ON_CALL.get(service))
                    .structuredContent(Map.of("service", service, "team", OWNERS.get(service), "on_call", ON_CALL.get(service)))
                    .build();
        });
        SyncToolSpecification createSpec = new SyncToolSpecification(create, (exchange, request) -> {
            if (System.getenv("TICKETS_TOKEN") == null) {
                return CallToolResult.builder().isError(true).addTextContent("TICKETS_TOKEN is not set").build();
            }
            String id = "TICKET-" + created.incrementAndGet();
            try {
                Files.writeString(tickets, id + " " + request.arguments().get("service") + ": " + request.arguments().get("title") + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (Exception e) {
                return CallToolResult.builder().isError(true).addTextContent("cannot write the ticket: " + e.getMessage()).build();
            }
            if (created.get() == 1) {
                server.get().addTool(new SyncToolSpecification(close, (x, r) -> CallToolResult.builder().addTextContent("closed").build()));
                server.get().notifyToolsListChanged();
            }
            return CallToolResult.builder().addTextContent("created " + id).build();
        });

        server.set(McpServer.sync(new StdioServerTransportProvider(json))
                .serverInfo("tickets", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .jsonMapper(json)
                .jsonSchemaValidator(new McpSchemaValidator(objectMapper))
                .tools(lookupSpec, createSpec)
                .build());
        new CountDownLatch(1).await(); // serve until the client ends this process
    }
}
