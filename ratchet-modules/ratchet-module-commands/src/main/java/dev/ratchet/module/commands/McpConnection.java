package dev.ratchet.module.commands;

import dev.ratchet.spi.Tool;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One external MCP server of the servers file: its client, its tools, and keeping it connected.
 *
 * <p>{@link #open} starts it at Ratchet's start; if that fails, it is started again in the background, the reconnect
 * interval after the failure and then at doubling intervals (up to 16 times), and on demand when a command lists the
 * tools ({@link #retry}), one start at a time. A stdio server's process is watched: if it exits before the
 * handshake (initialize, list tools) completes, the start fails at once with its exit code and last stderr lines,
 * rather than after the whole timeout; if it exits later, the server is marked lost and its client closed, so that a
 * call waiting on it fails at once. A tool call on a lost server, or one that fails because the connection is gone,
 * reconnects the server (at most once per reconnect interval, the interval doubling while reconnects keep failing) and
 * is retried once; a call of a writing tool is retried only when it cannot have reached the server, since running it
 * twice could do twice what it does. Everything it logs or reports passes the server's {@link Redactor}.
 * Thread-safe: job threads call tools while the process watcher and notifications change the state.
 */
final class McpConnection {

    private static final int STDERR_LINES = 5;
    private static final int MAX_STDERR_CHARS = 200; // of one line in a message
    private static final int MAX_DOUBLINGS = 4;
    // watches processes and waits for their last stderr lines off the JDK's process reaper thread
    private static final ExecutorService WATCHER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ratchet-commands-mcp-watch");
        t.setDaemon(true);
        return t;
    });

    /**
     * What every connection shares: the JSON mapper, the schema validator, the limits, where to log, the executor
     * starts run on and the timer of the background retries (both shut down by {@link McpServers#close}).
     */
    record Settings(
            McpJsonMapper json,
            McpSchemaValidator validator,
            Duration timeout,
            Duration reconnectInterval,
            Function<String, String> environment,
            System.Logger log,
            ExecutorService starts,
            ScheduledExecutorService timer) {}

    private final McpServersFile.Server server;
    private final Settings settings;
    private final Redactor redactor = new Redactor();
    private final Deque<String> stderr = new ArrayDeque<>(); // guarded by itself: the current process's last lines
    private final AtomicLong stderrLines = new AtomicLong();

    private volatile Session session; // the connected client, null until a start succeeds and after close
    private volatile String problem = "not started"; // why the last start failed; null once one succeeded
    private volatile boolean closed;
    private long lastReconnect; // guarded by this: System.nanoTime() of the last reconnect attempt, 0 for none
    private int failedReconnects; // guarded by this: in a row

    // starting a server that never connected; a lock of its own, since reconnect() holds this one while it starts
    private final Object starting = new Object();
    private CompletableFuture<Void> attempt; // guarded by starting: the start in flight, null when none
    private int failedStarts; // guarded by starting: in a row, the first start included
    private Instant lastFailure = Instant.MIN; // guarded by starting: when the last start failed
    private Instant nextTry; // guarded by starting: when the background retry is due, null while up or closed
    private ScheduledFuture<?> pending; // guarded by starting: the background retry on the timer, null when none
    private boolean
            waitedOut; // guarded by starting: connect() stopped waiting for the first start, so its end is logged here

    McpConnection(McpServersFile.Server server, Settings settings) {
        this.server = server;
        this.settings = settings;
    }

    String name() {
        return server.name();
    }

    // ------------------------------------------------------------------------------------------ state

    /** The server's tools, as long as it connected once (also while it is lost: calling one reconnects it). */
    List<Tool> tools() {
        Session s = session;
        return s == null ? List.of() : s.tools;
    }

    McpServers.Status status() {
        Session s = session;
        String p = problem;
        Instant next;
        synchronized (starting) {
            next = s != null || closed ? null : attempt != null ? Instant.MIN : nextTry;
        }
        return new McpServers.Status(
                server.name(),
                server.where(),
                p == null && s != null ? s.tools.stream().map(Tool::name).toList() : List.of(),
                p,
                s == null ? null : s.lost,
                next);
    }

    /** Starts the server for the first time, on the start executor; the future ends when it is up or has failed. */
    CompletableFuture<Void> open() {
        synchronized (starting) {
            return begin(true);
        }
    }

    /**
     * Starts the server again if it never connected and a start is due: in the background at {@link #nextTry} (the
     * reconnect interval after the first failure, doubling with each failure up to 16 times), on demand once the
     * interval has passed since the last failure. Never more than one start at a time: while one is in flight, that
     * one is returned.
     *
     * @return the start in flight, or null when the server is up, closed, or not due
     */
    CompletableFuture<Void> retry(boolean onDemand) {
        if (session != null || closed) {
            return null; // the usual case, without taking the lock
        }
        synchronized (starting) {
            if (attempt != null) {
                return attempt;
            }
            if (session != null || closed || !onDemand && nextTry == null) {
                return null;
            }
            Instant now = Instant.now();
            Instant due = onDemand ? lastFailure.plus(settings.reconnectInterval()) : nextTry;
            if (now.isBefore(due)) {
                if (!onDemand) {
                    scheduleRetry(nextTry); // the timer woke a little early
                }
                return null;
            }
            return begin(false);
        }
    }

    // called holding starting: one pending background retry per server, at the latest time asked for
    private void scheduleRetry(Instant at) {
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            pending = settings.timer()
                    .schedule(
                            () -> retry(false),
                            Duration.between(Instant.now(), at).toMillis() + 1,
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending = null; // the servers are being closed
        }
    }

    // called holding starting; the attempt's own end takes that lock, so it cannot clear attempt before it is set
    private CompletableFuture<Void> begin(boolean first) {
        try {
            attempt = CompletableFuture.runAsync(() -> attemptStart(first), settings.starts());
        } catch (RejectedExecutionException e) {
            attempt = null; // the servers are being closed
        }
        return attempt;
    }

    private void attemptStart(boolean first) {
        Session s = null;
        String why = null;
        try {
            s = start();
        } catch (Exception | LinkageError e) {
            why = describe(e);
        }
        Instant retryAt = null;
        int failures;
        boolean report;
        synchronized (starting) {
            attempt = null;
            report = !first || waitedOut;
            if (closed) {
                if (s != null) {
                    s.close();
                }
                return;
            }
            if (s != null) {
                session = s;
                problem = null;
                nextTry = null;
                failures = failedStarts;
                failedStarts = 0;
            } else {
                problem = redactor.redact(why);
                failures = ++failedStarts;
                lastFailure = Instant.now();
                retryAt = lastFailure.plus(
                        settings.reconnectInterval().multipliedBy(1L << Math.min(failures - 1, MAX_DOUBLINGS)));
                nextTry = retryAt;
                scheduleRetry(retryAt);
            }
        }
        if (s != null && report) {
            settings.log().log(
                    System.Logger.Level.INFO,
                    "MCP server '" + server.name() + "' (" + server.where() + ") is up after "
                            + failures + (failures == 1 ? " failed start" : " failed starts") + "; its "
                            + s.tools.size() + " tools join the loop: "
                            + String.join(", ", s.tools.stream().map(Tool::name).toList()));
        } else if (s == null && report) {
            settings.log().log(
                    System.Logger.Level.WARNING,
                    "MCP server '" + server.name() + "' (" + server.where() + ") still does not start: " + problem
                            + "; the next try is at " + retryAt);
        }
    }

    /** Reports a first start that outlasted its wait as failed with {@code why}, unless it succeeded; it goes on. */
    void timedOut(String why) {
        synchronized (starting) {
            if (session == null && failedStarts == 0) {
                waitedOut = true;
                problem = redactor.redact(why);
            }
        }
    }

    /** Closes the client, which ends a stdio server's process; a start in flight closes what it started. Never throws. */
    void close() {
        Session s;
        synchronized (starting) {
            closed = true;
            nextTry = null;
            s = session;
            session = null;
        }
        if (s != null) {
            s.close();
        }
    }

    // ------------------------------------------------------------------------------------------ calls

    /**
     * Calls {@code tool} on the server, reconnecting it first when it is lost, or once when the call fails because the
     * connection is gone.
     *
     * @throws McpServers.McpToolError          when the server says the call failed
     * @throws McpServers.McpServerUnavailable when the server cannot be reached, naming it and why
     */
    Object call(String tool, Map<String, Object> arguments, boolean writes) throws Exception {
        McpSchema.CallToolRequest request = new McpSchema.CallToolRequest(tool, arguments);
        Session s = session;
        if (s != null && s.lost == null) {
            try {
                return result(s.client.callTool(request));
            } catch (RuntimeException e) {
                if (s.lost == null && !connectionGone(e)) {
                    throw unavailable("the call of " + tool + " on MCP server '" + server.name() + "' failed: "
                            + describeCall(e));
                }
                lost(s, "its connection failed (" + rootMessage(e) + ")");
                if (writes && !undelivered(e)) {
                    throw unavailable("the connection to MCP server '" + server.name()
                            + "' was lost during the call of " + tool + " (" + s.lost
                            + "); the call may have run, so it was not repeated: check before asking again");
                }
            }
        }
        Session fresh = reconnect(s);
        try {
            return result(fresh.client.callTool(request));
        } catch (RuntimeException e) {
            throw unavailable("MCP server '" + server.name() + "' was reconnected, but the call of " + tool
                    + " failed again: " + describeCall(e));
        }
    }

    private Object result(McpSchema.CallToolResult result) throws McpServers.McpToolError {
        try {
            return McpServers.result(result);
        } catch (McpServers.McpToolError e) {
            throw new McpServers.McpToolError(redactor.redact(e.getMessage()));
        }
    }

    private McpServers.McpServerUnavailable unavailable(String message) {
        return new McpServers.McpServerUnavailable(redactor.redact(message));
    }

    /** Whether {@code e} says the connection itself is gone, rather than that the server answered with an error or late. */
    private static boolean connectionGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return false;
            }
            if (t instanceof IOException
                    || t instanceof McpTransportSessionClosedException
                    || t instanceof McpTransportSessionNotFoundException) {
                return true; // EOFException, ConnectException, a broken pipe, a closed or forgotten session
            }
        }
        return false;
    }

    /** Whether {@code e} proves that the request never reached the server, so that repeating it cannot run it twice. */
    private static boolean undelivered(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof McpTransportSessionNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /** Marks {@code s} lost with {@code why} and closes it, once; a later call reconnects. */
    private void lost(Session s, String why) {
        synchronized (s) {
            if (s.lost != null || closed) {
                return;
            }
            s.lost = redactor.redact(why);
        }
        settings.log().log(
                System.Logger.Level.WARNING,
                "MCP server '" + server.name() + "' (" + server.where() + ") is lost: " + s.lost
                        + "; it is reconnected on the next call of one of its tools");
        s.close(); // a call waiting on it fails now rather than at its timeout
    }

    /**
     * The session to retry with: {@code failed}'s replacement when another call made one, else a new one if the pacing
     * allows.
     */
    private synchronized Session reconnect(Session failed) throws McpServers.McpServerUnavailable {
        Session current = session;
        if (closed || current == null) {
            throw unavailable("MCP server '" + server.name() + "' is closed (Ratchet is stopping)");
        }
        if (current != failed && current.lost == null) {
            return current; // another call reconnected it meanwhile
        }
        String down = current.lost == null ? "its connection failed" : current.lost;
        Duration pause = settings.reconnectInterval().multipliedBy(1L << Math.min(failedReconnects, MAX_DOUBLINGS));
        long now = System.nanoTime();
        if (lastReconnect != 0 && now - lastReconnect < pause.toNanos()) {
            long seconds = Math.max(1, (pause.toNanos() - (now - lastReconnect)) / 1_000_000_000L);
            throw unavailable("MCP server '" + server.name() + "' is down (" + down + ")"
                    + (failedReconnects > 0 ? " and could not be reconnected" : "")
                    + "; the next reconnect is tried in about " + seconds
                    + " s, so its tools cannot be used until then");
        }
        lastReconnect = now;
        settings.log().log(
                System.Logger.Level.INFO, "MCP server '" + server.name() + "' is down (" + down + "); reconnecting");
        Session fresh;
        try {
            fresh = start();
        } catch (Exception | LinkageError e) {
            failedReconnects++;
            String why = describe(e);
            Duration next = settings.reconnectInterval().multipliedBy(1L << Math.min(failedReconnects, MAX_DOUBLINGS));
            settings.log().log(
                    System.Logger.Level.WARNING,
                    "MCP server '" + server.name() + "' could not be reconnected: " + why + "; the next attempt is in "
                            + next.toSeconds() + " s at the earliest");
            throw unavailable("MCP server '" + server.name() + "' is down (" + down + ") and reconnecting failed: "
                    + why + "; the next reconnect is tried in about " + next.toSeconds() + " s");
        }
        if (closed) {
            fresh.close();
            throw unavailable("MCP server '" + server.name() + "' is closed (Ratchet is stopping)");
        }
        failedReconnects = 0;
        session = fresh;
        settings.log().log(
                System.Logger.Level.INFO,
                "MCP server '" + server.name() + "' reconnected with " + fresh.tools.size() + " tools");
        return fresh;
    }

    // ------------------------------------------------------------------------------------------ starting

    /** Starts a client (and for stdio its process), initializes it and lists its tools, or throws saying why. */
    private Session start() {
        synchronized (stderr) {
            stderr.clear(); // the lines of an earlier process would mislead
        }
        Session s = new Session();
        McpSyncClient c = McpClient.sync(transport(s))
                .clientInfo(new McpSchema.Implementation("ratchet", "0.1"))
                .requestTimeout(settings.timeout())
                .initializationTimeout(settings.timeout())
                .jsonSchemaValidator(settings.validator())
                .toolsChangeConsumer(changed -> {
                    s.tools = adapt(changed);
                    settings.log().log(
                            System.Logger.Level.INFO,
                            "MCP server '" + server.name() + "' changed its tools: "
                                    + String.join(
                                            ", ",
                                            s.tools.stream().map(Tool::name).toList()));
                })
                .build();
        s.client = c;
        try {
            c.initialize();
            List<McpSchema.Tool> listed = new ArrayList<>();
            String cursor = null;
            do {
                McpSchema.ListToolsResult page = c.listTools(cursor);
                listed.addAll(page.tools());
                cursor = page.nextCursor();
            } while (cursor != null && !cursor.isEmpty());
            s.tools = adapt(listed);
        } catch (RuntimeException e) {
            s.close();
            String exited = s.exited();
            throw exited == null ? e : new Exited(exited, e);
        }
        synchronized (s) {
            if (s.exited != null) {
                s.close();
                throw new Exited(s.exited, null);
            }
            s.ready = true;
        }
        return s;
    }

    /** The process ended before the handshake completed. */
    private static final class Exited extends IllegalStateException {
        Exited(String how, Throwable cause) {
            super(how + ", before it completed the MCP handshake (initialize, list tools)", cause);
        }
    }

    private McpClientTransport transport(Session s) {
        String name = server.name();
        Function<String, String> env = settings.environment();
        if (server.stdio()) {
            String command = McpServersFile.expand(server.command(), env, name, "command", redactor);
            if (!runnable(command)) {
                // otherwise the client waits out the whole initialization timeout for a process that never started
                throw new IllegalStateException("the command '" + command + "' is not "
                        + (command.contains("/") ? "an executable file" : "found on the PATH") + " of Ratchet");
            }
            ServerParameters.Builder p = ServerParameters.builder(command);
            for (String arg : server.args()) {
                p.arg(McpServersFile.expand(arg, env, name, "an argument", redactor));
            }
            server.env().forEach((k, v) -> p.addEnvVar(k, McpServersFile.expand(v, env, name, "env " + k, redactor)));
            WatchedStdioTransport t = new WatchedStdioTransport(p.build(), settings.json(), s::started);
            t.setStdErrorHandler(line -> {
                synchronized (stderr) {
                    stderr.addLast(line);
                    if (stderr.size() > STDERR_LINES) {
                        stderr.removeFirst();
                    }
                }
                stderrLines.incrementAndGet();
                settings.log().log(
                        System.Logger.Level.DEBUG, () -> "MCP server '" + name + "' stderr: " + redactor.redact(line));
            });
            return t;
        }
        URI url = URI.create(McpServersFile.expand(server.url(), env, name, "url", redactor));
        HttpRequest.Builder request = HttpRequest.newBuilder();
        server.headers()
                .forEach((k, v) -> request.header(k, McpServersFile.expand(v, env, name, "header " + k, redactor)));
        String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getRawAuthority())
                .endpoint(endpoint)
                .requestBuilder(request)
                .jsonMapper(settings.json())
                .build();
    }

    private static boolean runnable(String command) {
        if (command.contains("/") || command.contains(java.io.File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()
                    && (Files.isExecutable(Path.of(dir, command))
                            || Files.isExecutable(Path.of(dir, command + ".exe")))) {
                return true;
            }
        }
        return false;
    }

    private List<Tool> adapt(List<McpSchema.Tool> listed) {
        List<Tool> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (McpSchema.Tool t : listed) {
            Tool tool = McpServers.tool(server.name(), t, this);
            if (!names.add(tool.name())) {
                settings.log().log(
                        System.Logger.Level.WARNING,
                        "MCP server '" + server.name() + "': tool '" + t.name() + "' is left out, its name "
                                + tool.name() + " is taken by another of its tools");
                continue;
            }
            out.add(tool);
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------ messages

    /** A start failure as the operator should read it: what failed and what to do, secrets redacted. */
    String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        McpHttpClientTransportAuthorizationException refused = null;
        for (Throwable t = e; t != null && refused == null; t = t.getCause() == t ? null : t.getCause()) {
            refused = t instanceof McpHttpClientTransportAuthorizationException a ? a : null;
        }
        if (refused != null) {
            return redactor.redact("the server refused Ratchet's credentials (HTTP "
                    + (refused.getResponseInfo() == null
                            ? "401/403"
                            : refused.getResponseInfo().statusCode()) + "); check the headers of '"
                    + server.name() + "' in the servers file and the environment variables they reference, or remove '"
                    + server.name()
                    + "' from the servers file");
        }
        String message = e instanceof Exited
                ? e.getMessage()
                : root instanceof TimeoutException
                        ? "it did not complete the MCP handshake (initialize, list tools) in time"
                        : root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
        String fix = e instanceof IllegalStateException && message.contains("set the environment variable")
                ? ""
                : server.stdio()
                        ? "; check that '" + server.command()
                                + "' runs and speaks MCP on stdin/stdout (run it by hand), or remove '" + server.name()
                                + "' from the servers file"
                        : "; check that the URL answers MCP Streamable HTTP and that the headers authorize Ratchet, or remove '"
                                + server.name() + "' from the servers file";
        String lastErr = e instanceof Exited ? "" : lastStderr(1);
        return redactor.redact(message + lastErr + fix);
    }

    private String describeCall(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof TimeoutException
                ? "no answer within " + settings.timeout().toSeconds() + " s (commands.mcp-timeout)"
                : String.valueOf(root.getMessage());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private String lastStderr(int lines) {
        synchronized (stderr) {
            if (stderr.isEmpty()) {
                return "";
            }
            List<String> last = new ArrayList<>(stderr)
                    .subList(Math.max(0, stderr.size() - lines), stderr.size()).stream()
                            .map(l -> l.length() > MAX_STDERR_CHARS ? l.substring(0, MAX_STDERR_CHARS) + "…" : l)
                            .toList();
            return lines == 1
                    ? "; its last stderr line: " + last.get(0)
                    : "; its last stderr lines: " + String.join(" | ", last);
        }
    }

    /** Waits, briefly, until the ended process's remaining stderr lines have been read. */
    private void awaitStderrRead() {
        long seen = -1;
        for (int i = 0; i < 20 && seen != stderrLines.get(); i++) {
            seen = stderrLines.get();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ one client

    /** One client and, for stdio, its process; replaced as a whole when the server is reconnected. */
    private final class Session {
        volatile McpSyncClient client;
        volatile List<Tool> tools = List.of();
        volatile String lost; // why it is unusable after it was ready; null while usable
        private volatile boolean closing;
        private boolean ready; // guarded by this: the handshake completed
        private String exited; // guarded by this: how the process ended, null while it runs

        void started(Process process) {
            process.onExit().thenAcceptAsync(this::ended, WATCHER);
        }

        private void ended(Process process) {
            if (closing) {
                return; // we ended it
            }
            awaitStderrRead();
            String how = "it exited with code " + process.exitValue() + lastStderr(STDERR_LINES);
            boolean wasReady;
            synchronized (this) {
                exited = how;
                wasReady = ready;
            }
            if (wasReady) {
                lost(this, how);
            } else {
                closeClient(); // the handshake waiting on it fails now
            }
        }

        synchronized String exited() {
            return exited;
        }

        void close() {
            closing = true;
            closeClient();
        }

        private void closeClient() {
            McpSyncClient c = client;
            if (c == null) {
                return;
            }
            try {
                c.closeGracefully();
            } catch (RuntimeException e) {
                settings.log().log(
                        System.Logger.Level.DEBUG,
                        () -> "closing MCP server '" + server.name() + "': " + redactor.redact(e.toString()));
            } finally {
                c.close();
            }
        }
    }

    /**
     * The SDK's stdio transport, telling {@code started} its process: the SDK keeps it private (2.1.0), and without it
     * an early exit would only show as a handshake timeout. If a later SDK renames the field, the watch is skipped and
     * the timeouts still apply.
     */
    private static final class WatchedStdioTransport extends StdioClientTransport {
        private final Consumer<Process> started;

        WatchedStdioTransport(ServerParameters params, McpJsonMapper json, Consumer<Process> started) {
            super(params, json);
            this.started = started;
        }

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return super.connect(handler).doOnSuccess(ignored -> {
                Process p = process();
                if (p != null) {
                    started.accept(p);
                }
            });
        }

        private Process process() {
            try {
                Field f = StdioClientTransport.class.getDeclaredField("process");
                f.setAccessible(true);
                return (Process) f.get(this);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
