package dev.ratchet.module.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.spi.JsonText;
import dev.ratchet.spi.Tool;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The external MCP servers of the servers file, connected, and their tools as Ratchet {@link Tool}s for the agent.
 *
 * <p>{@link #connect} starts every server at once (a stdio server's program as a child process, or a Streamable HTTP
 * session), initializes it and lists its tools, waiting at most the timeout; a server that fails is logged with its
 * name and what to fix (a stdio program that exits early, at once, with its exit code and last stderr lines), and
 * left out, so the bot works with the rest. A server that announces that its tool list
 * changed is listed again. Each tool is exposed as {@code <server>__<tool>} in snake_case (the charset both Ratchet and
 * OpenAI function names accept), with the server's input schema as it is; it {@link Tool#writes() writes} unless the
 * server marks it {@code readOnlyHint: true}. A server whose connection is lost later is reconnected on the next call
 * of one of its tools ({@link McpConnection}). Thread-safe: tools are read by job threads while notifications update
 * them.
 */
final class McpServers implements AutoCloseable {

    /** Exposed tool names are at most this long (OpenAI's function name limit, and {@link Tool}'s). */
    static final int MAX_NAME = 64;

    /**
     * What one server is doing, for logs and the "what I can do" list.
     *
     * @param name    the server's name in the file
     * @param where   its command or URL (never its arguments, environment or headers)
     * @param tools   the exposed names of its tools, empty when it is not connected
     * @param problem why it is not connected, or null when it is
     * @param lost    why its connection was lost after it connected (it is reconnected on the next call of one of its
     *                tools), or null while it is up
     */
    record Status(String name, String where, List<String> tools, String problem, String lost) {
        boolean connected() {
            return problem == null;
        }
    }

    /** A tool call that could not reach the server, even after reconnecting; its message names the server and why. */
    static final class McpServerUnavailable extends Exception {
        McpServerUnavailable(String message) {
            super(message);
        }
    }

    /** A tool call the server answered with {@code isError: true}; its message is the server's text. */
    static final class McpToolError extends Exception {
        McpToolError(String message) {
            super(message);
        }
    }

    private final List<McpConnection> connections;

    private McpServers(List<McpConnection> connections) {
        this.connections = connections;
    }

    /** No servers. */
    static McpServers none() {
        return new McpServers(List.of());
    }

    /**
     * Connects to every server of {@code servers} in parallel, each bounded by {@code timeout}, and returns once all
     * are connected or have failed.
     *
     * @param timeout           how long a server may take to start, and a tool call to answer
     * @param reconnectInterval the least time between two reconnects of one server (doubling while they fail)
     * @param environment       where {@code ${NAME}} references are looked up ({@code System::getenv})
     */
    static McpServers connect(List<McpServersFile.Server> servers, Duration timeout, Duration reconnectInterval,
                              Function<String, String> environment, System.Logger log) {
        ObjectMapper objectMapper = new ObjectMapper();
        McpConnection.Settings settings = new McpConnection.Settings(new JacksonMcpJsonMapper(objectMapper),
                new McpSchemaValidator(objectMapper), timeout, reconnectInterval, environment, log);
        List<McpConnection> connections = servers.stream().map(s -> new McpConnection(s, settings)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, servers.size())), r -> {
            Thread t = new Thread(r, "ratchet-commands-mcp-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> started = connections.stream()
                    .map(c -> CompletableFuture.runAsync(c::open, pool)).toList();
            long deadline = System.nanoTime() + timeout.plusSeconds(5).toNanos();
            for (int i = 0; i < started.size(); i++) {
                try {
                    started.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    connections.get(i).fail("it did not initialize within " + timeout.toSeconds() + " s");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (McpConnection c : connections) {
            Status s = c.status();
            if (s.connected()) {
                log.log(System.Logger.Level.INFO, "MCP server '" + s.name() + "' (" + s.where() + ") connected with "
                        + s.tools().size() + " tools: " + String.join(", ", s.tools()));
            } else {
                log.log(System.Logger.Level.WARNING, "MCP server '" + s.name() + "' (" + s.where() + ") is skipped: " + s.problem());
            }
        }
        return new McpServers(connections);
    }

    /** The tools of the connected servers, in file order; a name already taken by an earlier tool is left out. */
    List<Tool> tools() {
        List<Tool> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (McpConnection c : connections) {
            for (Tool t : c.tools()) {
                if (names.add(t.name())) {
                    tools.add(t);
                }
            }
        }
        return tools;
    }

    /** Every configured server and whether it is connected. */
    List<Status> statuses() {
        return connections.stream().map(McpConnection::status).toList();
    }

    /** Closes every client, which ends the stdio servers' processes. Never throws. */
    @Override
    public void close() {
        connections.forEach(McpConnection::close);
    }

    // ------------------------------------------------------------------------------------------ names and results

    /** {@code <server>__<tool>} in snake_case, at most {@link #MAX_NAME} characters (a hash keeps cut names apart). */
    static String exposedName(String server, String tool) {
        String s = snake(server);
        String name = (Character.isLetter(s.charAt(0)) ? s : "mcp_" + s) + "__" + snake(tool);
        if (name.length() <= MAX_NAME) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((server + "\u0000" + tool).getBytes(StandardCharsets.UTF_8));
            return name.substring(0, MAX_NAME - 9) + "_" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String snake(String text) {
        String s = text.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        return s.isEmpty() ? "x" : s;
    }

    /** A Ratchet tool that calls {@code tool} through {@code connection}. */
    static Tool tool(String server, McpSchema.Tool tool, McpConnection connection) {
        String description = firstNonBlank(tool.description(), tool.title(), tool.annotations() == null ? null : tool.annotations().title(), tool.name());
        Map<String, Object> schema = tool.inputSchema() == null ? Map.of("type", "object") : tool.inputSchema();
        boolean readOnly = tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
        return new Tool(exposedName(server, tool.name()), description, JsonText.write(schema), List.of(), !readOnly,
                (arguments, call) -> connection.call(tool.name(), arguments, !readOnly));
    }

    private static String firstNonBlank(String... texts) {
        for (String t : texts) {
            if (t != null && !t.isBlank()) {
                return t.trim();
            }
        }
        return "";
    }

    /**
     * What the model (or Slack) sees of a tool's result: its text content; with structured content, a map of both.
     *
     * @throws McpToolError with the text content when the server says the call failed ({@code isError})
     */
    static Object result(McpSchema.CallToolResult result) throws McpToolError {
        String text = text(result.content());
        if (Boolean.TRUE.equals(result.isError())) {
            throw new McpToolError(text.isBlank() ? "the tool failed without saying why" : text);
        }
        if (result.structuredContent() == null) {
            return text;
        }
        if (text.isBlank()) {
            return result.structuredContent();
        }
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("text", text);
        both.put("structured_content", result.structuredContent());
        return both;
    }

    private static String text(List<McpSchema.Content> content) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content c : content == null ? List.<McpSchema.Content>of() : content) {
            if (c instanceof McpSchema.TextContent t) {
                parts.add(t.text());
            } else if (c instanceof McpSchema.EmbeddedResource r && r.resource() instanceof McpSchema.TextResourceContents t) {
                parts.add(t.text());
            } else if (c instanceof McpSchema.ResourceLink l) {
                parts.add("(resource " + l.uri() + ")");
            } else if (c instanceof McpSchema.ImageContent i) {
                parts.add("(an image, " + i.mimeType() + ", left out)");
            } else {
                parts.add("(" + c.type() + " content left out)");
            }
        }
        return String.join("\n", parts);
    }
}
