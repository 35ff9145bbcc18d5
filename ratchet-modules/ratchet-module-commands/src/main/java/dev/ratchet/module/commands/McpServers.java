package dev.ratchet.module.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.JsonText;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The external MCP servers of the servers file, connected, and their tools as Ratchet {@link Tool}s for the agent.
 *
 * <p>{@link #connect} starts every server at once (a stdio server's program as a child process, or a Streamable HTTP
 * session), initializes it and lists its tools, waiting at most the timeout; a server that fails is logged with its
 * name and what to fix (a stdio program that exits early, at once, with its exit code and last stderr lines), and
 * left out for now, so the bot works with the rest; it is started again in the background with the reconnect backoff and
 * on demand ({@link #toolsRetryingDown}), and its tools join once it is up. A server that announces that its tool list
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
     * @param nextTry when a server that never connected is started again in the background ({@link Instant#MIN} while
     *                a start is under way), or null when it is connected or closed
     */
    record Status(String name, String where, List<String> tools, String problem, String lost, Instant nextTry) {
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

    /** How long a command waits for servers that are down to start again before it goes on without their tools. */
    static final Duration ON_DEMAND_WAIT = Duration.ofSeconds(2);

    private final List<McpConnection> connections;
    private final ExecutorService starts; // null for none()
    private final ScheduledExecutorService timer;

    private McpServers(List<McpConnection> connections, ExecutorService starts, ScheduledExecutorService timer) {
        this.connections = connections;
        this.starts = starts;
        this.timer = timer;
    }

    /** No servers. */
    static McpServers none() {
        return new McpServers(List.of(), null, null);
    }

    /**
     * Connects to every server of {@code servers} in parallel, each bounded by {@code timeout}, and returns once all
     * are connected or have failed.
     *
     * @param timeout           how long a server may take to start, and a tool call to answer
     * @param reconnectInterval the least time between two reconnects of one server (doubling while they fail)
     * @param environment       where {@code ${NAME}} references are looked up ({@code System::getenv})
     */
    static McpServers connect(
            List<McpServersFile.Server> servers,
            Duration timeout,
            Duration reconnectInterval,
            Function<String, String> environment,
            System.Logger log) {
        ObjectMapper objectMapper = new ObjectMapper();
        ExecutorService starts = Executors.newCachedThreadPool(daemon("ratchet-commands-mcp-start"));
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(daemon("ratchet-commands-mcp-retry"));
        McpConnection.Settings settings = new McpConnection.Settings(
                new JacksonMcpJsonMapper(objectMapper),
                new McpSchemaValidator(objectMapper),
                timeout,
                reconnectInterval,
                environment,
                log,
                starts,
                timer);
        List<McpConnection> connections =
                servers.stream().map(s -> new McpConnection(s, settings)).toList();
        List<CompletableFuture<Void>> started =
                connections.stream().map(McpConnection::open).toList();
        long deadline = System.nanoTime() + timeout.plusSeconds(5).toNanos();
        for (int i = 0; i < started.size(); i++) {
            try {
                started.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                connections.get(i).timedOut("it did not initialize within " + timeout.toSeconds() + " s");
            }
        }
        for (McpConnection c : connections) {
            Status s = c.status();
            if (s.connected()) {
                log.log(
                        System.Logger.Level.INFO,
                        "MCP server '" + s.name() + "' (" + s.where() + ") connected with "
                                + s.tools().size() + " tools: " + String.join(", ", s.tools()));
            } else {
                log.log(
                        System.Logger.Level.WARNING,
                        "MCP server '" + s.name() + "' (" + s.where() + ") is skipped for now: " + s.problem()
                                + "; it is started again in the background from " + reconnectInterval.toSeconds()
                                + " s on (doubling up to 16 times) "
                                + "and when a command lists the tools");
            }
        }
        return new McpServers(connections, starts, timer);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The tools of the connected servers, after starting again, at once, every server that never connected and whose
     * last failure is at least the reconnect interval ago (waiting for starts already in flight too), for at most
     * {@code wait}: a start still running then goes on in the background and its tools join a later command.
     */
    List<Tool> toolsRetryingDown(Duration wait) {
        CompletableFuture<?>[] starts = connections.stream()
                .map(c -> c.retry(true))
                .filter(f -> f != null)
                .toArray(CompletableFuture<?>[]::new);
        if (starts.length > 0) {
            try {
                CompletableFuture.allOf(starts).get(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // a failed start is recorded by its connection; a slow one joins a later command
            }
        }
        return tools();
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

    /** Stops the background starts and closes every client, which ends the stdio servers' processes. Never throws. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            starts.shutdownNow();
        }
        connections.forEach(McpConnection::close);
    }

    /** Whether {@link #close} stopped the background starts (for tests). */
    boolean retriesStopped() {
        return timer == null || timer.isShutdown() && starts.isShutdown();
    }

    /** "next try at 14:03:20 UTC" for {@link Status#nextTry}, or that a start is under way. */
    static String nextTryText(Instant nextTry, Instant now) {
        if (nextTry == null || !nextTry.isAfter(now)) {
            return "it is being started again now";
        }
        return "next try at "
                + DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(nextTry) + " UTC";
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
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((server + "\u0000" + tool).getBytes(StandardCharsets.UTF_8));
            return name.substring(0, MAX_NAME - 9) + "_" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String snake(String text) {
        String s = text.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_");
        return s.isEmpty() ? "x" : s;
    }

    /** A Ratchet tool that calls {@code tool} through {@code connection}. */
    static Tool tool(String server, McpSchema.Tool tool, McpConnection connection) {
        String description = firstNonBlank(
                tool.description(),
                tool.title(),
                tool.annotations() == null ? null : tool.annotations().title(),
                tool.name());
        Map<String, Object> schema = tool.inputSchema() == null ? Map.of("type", "object") : tool.inputSchema();
        boolean readOnly = tool.annotations() != null
                && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
        return new Tool(
                exposedName(server, tool.name()),
                description,
                JsonText.write(schema),
                List.of(),
                !readOnly,
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
            } else if (c instanceof McpSchema.EmbeddedResource r
                    && r.resource() instanceof McpSchema.TextResourceContents t) {
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
