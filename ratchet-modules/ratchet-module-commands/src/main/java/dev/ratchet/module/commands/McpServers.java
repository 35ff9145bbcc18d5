package dev.ratchet.module.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.spi.JsonText;
import dev.ratchet.spi.Tool;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * name and what to fix, and left out, so the bot works with the rest. A server that announces that its tool list
 * changed is listed again. Each tool is exposed as {@code <server>__<tool>} in snake_case (the charset both Ratchet and
 * OpenAI function names accept), with the server's input schema as it is; it {@link Tool#writes() writes} unless the
 * server marks it {@code readOnlyHint: true}. Thread-safe: tools are read by job threads while notifications update
 * them.
 */
final class McpServers implements AutoCloseable {

    /** Exposed tool names are at most this long (OpenAI's function name limit, and {@link Tool}'s). */
    static final int MAX_NAME = 64;
    private static final int STDERR_LINES = 5;

    /**
     * What one server is doing, for logs and the "what I can do" list.
     *
     * @param name    the server's name in the file
     * @param where   its command or URL (never its arguments, environment or headers)
     * @param tools   the exposed names of its tools, empty when it is not connected
     * @param problem why it is not connected, or null when it is
     */
    record Status(String name, String where, List<String> tools, String problem) {
        boolean connected() {
            return problem == null;
        }
    }

    /** A tool call the server answered with {@code isError: true}; its message is the server's text. */
    static final class McpToolError extends Exception {
        McpToolError(String message) {
            super(message);
        }
    }

    private final List<Connection> connections;

    private McpServers(List<Connection> connections) {
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
     * @param environment where {@code ${NAME}} references are looked up ({@code System::getenv})
     */
    static McpServers connect(List<McpServersFile.Server> servers, Duration timeout, Function<String, String> environment,
                              System.Logger log) {
        ObjectMapper objectMapper = new ObjectMapper();
        McpJsonMapper json = new JacksonMcpJsonMapper(objectMapper);
        McpSchemaValidator validator = new McpSchemaValidator(objectMapper);
        List<Connection> connections = servers.stream().map(s -> new Connection(s, log)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, servers.size())), r -> {
            Thread t = new Thread(r, "ratchet-commands-mcp-connect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> started = connections.stream()
                    .map(c -> CompletableFuture.runAsync(() -> c.open(json, validator, timeout, environment), pool)).toList();
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
        for (Connection c : connections) {
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
        for (Connection c : connections) {
            for (Tool t : c.tools) {
                if (names.add(t.name())) {
                    tools.add(t);
                }
            }
        }
        return tools;
    }

    /** Every configured server and whether it is connected. */
    List<Status> statuses() {
        return connections.stream().map(Connection::status).toList();
    }

    /** Closes every client, which ends the stdio servers' processes. Never throws. */
    @Override
    public void close() {
        connections.forEach(Connection::close);
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

    /** A Ratchet tool that calls {@code tool} on {@code client}. */
    static Tool tool(String server, McpSchema.Tool tool, McpSyncClient client) {
        String description = firstNonBlank(tool.description(), tool.title(), tool.annotations() == null ? null : tool.annotations().title(), tool.name());
        Map<String, Object> schema = tool.inputSchema() == null ? Map.of("type", "object") : tool.inputSchema();
        boolean readOnly = tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
        return new Tool(exposedName(server, tool.name()), description, JsonText.write(schema), List.of(), !readOnly,
                (arguments, call) -> result(client.callTool(new McpSchema.CallToolRequest(tool.name(), arguments))));
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

    // ------------------------------------------------------------------------------------------ one server

    private static final class Connection {

        private final McpServersFile.Server server;
        private final System.Logger log;
        private final Deque<String> stderr = new ArrayDeque<>();
        private volatile McpSyncClient client;
        private volatile List<Tool> tools = List.of();
        private volatile String problem = "not started";
        private boolean gaveUp; // guarded by this: the wait for it timed out, so a late success must not count

        Connection(McpServersFile.Server server, System.Logger log) {
            this.server = server;
            this.log = log;
        }

        void open(McpJsonMapper json, McpSchemaValidator validator, Duration timeout, Function<String, String> env) {
            McpSyncClient c = null;
            try {
                c = McpClient.sync(transport(json, env)).clientInfo(new McpSchema.Implementation("ratchet", "0.1"))
                        .requestTimeout(timeout).initializationTimeout(timeout).jsonSchemaValidator(validator)
                        .toolsChangeConsumer(changed -> {
                            tools = adapt(changed);
                            log.log(System.Logger.Level.INFO, "MCP server '" + server.name() + "' changed its tools: "
                                    + String.join(", ", tools.stream().map(Tool::name).toList()));
                        })
                        .build();
                client = c;
                c.initialize();
                List<McpSchema.Tool> listed = new ArrayList<>();
                String cursor = null;
                do {
                    McpSchema.ListToolsResult page = c.listTools(cursor);
                    listed.addAll(page.tools());
                    cursor = page.nextCursor();
                } while (cursor != null && !cursor.isEmpty());
                List<Tool> adapted = adapt(listed);
                synchronized (this) {
                    if (!gaveUp) {
                        tools = adapted;
                        problem = null;
                    }
                }
            } catch (Exception | LinkageError e) {
                fail(describe(e));
            }
        }

        private McpClientTransport transport(McpJsonMapper json, Function<String, String> env) {
            String name = server.name();
            if (server.stdio()) {
                String command = McpServersFile.expand(server.command(), env, name, "command");
                if (!runnable(command)) {
                    // otherwise the client waits out the whole initialization timeout for a process that never started
                    throw new IllegalStateException("the command '" + command + "' is not "
                            + (command.contains("/") ? "an executable file" : "found on the PATH") + " of Ratchet");
                }
                ServerParameters.Builder p = ServerParameters.builder(command);
                for (String arg : server.args()) {
                    p.arg(McpServersFile.expand(arg, env, name, "an argument"));
                }
                server.env().forEach((k, v) -> p.addEnvVar(k, McpServersFile.expand(v, env, name, "env " + k)));
                StdioClientTransport t = new StdioClientTransport(p.build(), json);
                t.setStdErrorHandler(line -> {
                    synchronized (stderr) {
                        stderr.addLast(line);
                        if (stderr.size() > STDERR_LINES) {
                            stderr.removeFirst();
                        }
                    }
                    log.log(System.Logger.Level.DEBUG, "MCP server '" + name + "' stderr: " + line);
                });
                return t;
            }
            URI url = URI.create(McpServersFile.expand(server.url(), env, name, "url"));
            HttpRequest.Builder request = HttpRequest.newBuilder();
            server.headers().forEach((k, v) -> request.header(k, McpServersFile.expand(v, env, name, "header " + k)));
            String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            return HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getRawAuthority())
                    .endpoint(endpoint).requestBuilder(request).jsonMapper(json).build();
        }

        private static boolean runnable(String command) {
            if (command.contains("/") || command.contains(java.io.File.separator)) {
                return Files.isExecutable(Path.of(command));
            }
            String path = System.getenv("PATH");
            for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && (Files.isExecutable(Path.of(dir, command)) || Files.isExecutable(Path.of(dir, command + ".exe")))) {
                    return true;
                }
            }
            return false;
        }

        private List<Tool> adapt(List<McpSchema.Tool> listed) {
            McpSyncClient c = client;
            List<Tool> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (McpSchema.Tool t : listed) {
                Tool tool = tool(server.name(), t, c);
                if (!names.add(tool.name())) {
                    log.log(System.Logger.Level.WARNING, "MCP server '" + server.name() + "': tool '" + t.name() + "' is left out, its name "
                            + tool.name() + " is taken by another of its tools");
                    continue;
                }
                out.add(tool);
            }
            return List.copyOf(out);
        }

        /** An error as the operator should read it: what failed and what to do. */
        private String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root instanceof java.util.concurrent.TimeoutException
                    ? "it did not complete the MCP handshake (initialize, list tools) in time"
                    : root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
            String fix = e instanceof IllegalStateException && message.contains("set the environment variable")
                    ? ""
                    : server.stdio()
                    ? "; check that '" + server.command() + "' runs and speaks MCP on stdin/stdout (run it by hand), or remove '"
                      + server.name() + "' from the servers file"
                    : "; check that the URL answers MCP Streamable HTTP and that the headers authorize Ratchet, or remove '"
                      + server.name() + "' from the servers file";
            String lastErr;
            synchronized (stderr) {
                lastErr = stderr.isEmpty() ? "" : "; its last stderr line: " + stderr.peekLast();
            }
            return message + lastErr + fix;
        }

        void fail(String why) {
            synchronized (this) {
                if (problem == null || gaveUp) {
                    return; // connected after all, or already failed
                }
                gaveUp = true;
                problem = why;
                tools = List.of();
            }
            close();
        }

        Status status() {
            String p = problem;
            return new Status(server.name(), server.where(), p == null ? tools.stream().map(Tool::name).toList() : List.of(), p);
        }

        void close() {
            McpSyncClient c = client;
            client = null;
            if (c != null) {
                try {
                    c.closeGracefully();
                } catch (RuntimeException e) {
                    log.log(System.Logger.Level.DEBUG, "closing MCP server '" + server.name() + "': " + e);
                } finally {
                    c.close();
                }
            }
        }
    }
}
