package dev.ratchet.core.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ratchet.core.Json;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.ops.LogThrottle;
import dev.ratchet.core.storage.DatabaseUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP mode: receives Slack's Events API requests at {@code POST /slack/events}, refuses any whose signature does
 * not check out (401, nothing stored), and hands the rest to the Bolt app, whose answer (after the event is stored)
 * is Slack's acknowledgement. The JDK's HTTP server is enough here and keeps Jetty versions out of the way of the
 * JSON API's server.
 *
 * <p>Hostile clients: the signature's headers are checked before the body is read (401 at once when missing,
 * malformed or stale), a body over 1 MiB is refused (413), and the body must arrive within {@link #BODY_READ_TIME}
 * (else 408 and the connection is closed); the pool has more threads than a few stalled clients can hold. A signed
 * request that is not a JSON object with a {@code type} gets 400; a signed {@code event_callback} of the wrong shape
 * gets 200 and is dropped (counted as {@code ratchet_events_malformed_total}), never stored, so that Slack does not
 * retry a poison event.
 */
final class EventsHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventsHttpServer.class);
    // anyone can send refused or stalled requests: their WARN lines are bounded so they cannot flood the log
    private final LogThrottle refusals = LogThrottle.perMinute();
    private final LogThrottle stalls = LogThrottle.perMinute();
    static final String PATH = "/slack/events";
    private static final int MAX_BODY = 1 << 20;
    /** Slack's events are a few KiB, sent at once; a client that takes longer holds a thread for nothing. */
    static final Duration BODY_READ_TIME = Duration.ofSeconds(10);
    /** Threads for requests: many more than the handful of clients that may stall one each for BODY_READ_TIME. */
    private static final int THREADS = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService deadlines;
    private final SignatureCheck signatures;
    private final SlackRequestParser parser;
    private final App app;
    private final EventIngestor ingestor;

    EventsHttpServer(SlackSettings settings, App app, EventIngestor ingestor, Clock clock) {
        this.signatures = new SignatureCheck(settings.signingSecret(), clock);
        this.parser = new SlackRequestParser(app.config());
        this.app = app;
        this.ingestor = ingestor;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.eventsHost(), settings.eventsPort()), 256);
        } catch (BindException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "slack.events-address " + settings.eventsHost() + ":" + settings.eventsPort()
                            + " is in use or not available (" + e.getMessage()
                            + "); set RATCHET_SLACK_EVENTS_ADDRESS to a free host:port");
        } catch (IOException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "cannot listen on " + settings.eventsHost() + ":" + settings.eventsPort() + ": " + e.getMessage());
        }
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "ratchet-slack-events");
            t.setDaemon(true);
            return t;
        });
        deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratchet-slack-events-deadlines");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (RuntimeException | IOException e) {
                log.warn("Slack event request failed: {}", EventIngestor.describe(e));
            }
        });
        server.start();
        log.info("listening for Slack events on http://{}:{}{}", settings.eventsHost(), port(), PATH);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "POST only");
            return;
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Slack-Signature");
        if (declaredLength(exchange) > MAX_BODY) {
            send(exchange, 413, "text/plain", "request too large");
            return;
        }
        String problem = signatures.headerProblem(timestamp, signature);
        if (problem != null) {
            refuse(exchange, problem);
            return;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            return; // too slow: answered 408 already
        }
        if (body.length > MAX_BODY) {
            send(exchange, 413, "text/plain", "request too large");
            return;
        }
        problem = signatures.problem(timestamp, signature, body);
        if (problem != null) {
            refuse(exchange, problem);
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).contains("application/x-www-form-urlencoded")) {
            Map<String, Object> payload;
            try {
                payload = Json.readMap(text);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "text/plain", "not a JSON object");
                return;
            }
            if (payload == null || !(payload.get("type") instanceof String type) || type.isBlank()) {
                send(exchange, 400, "text/plain", "no 'type'");
                return;
            }
            if ("event_callback".equals(type) && ingestor.dropIfMalformed(payload)) {
                send(exchange, 200, "text/plain", "");
                return;
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(Map.of())
                    .requestBody(text)
                    .headers(new RequestHeaders(headers))
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
        } catch (RuntimeException e) {
            log.warn("could not parse a signed Slack request: {}", EventIngestor.describe(e));
            request = null;
        }
        if (request == null) {
            send(exchange, 400, "text/plain", "not a Slack request");
            return;
        }
        Response response;
        try {
            response = app.run(request);
        } catch (Exception e) {
            if (databaseUnavailable(e)) {
                log.warn("could not store a Slack event, the database is unreachable; Slack will retry it");
                exchange.getResponseHeaders().set("Retry-After", "5");
                send(exchange, 503, "text/plain", "database unavailable; retry");
                return;
            }
            log.warn("could not store a Slack event; Slack will retry it: {}", EventIngestor.describe(e));
            send(exchange, 500, "text/plain", "not stored; retry");
            return;
        }
        String type = response.getContentType() == null ? "text/plain" : response.getContentType();
        send(exchange, response.getStatusCode(), type, response.getBody() == null ? "" : response.getBody());
    }

    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the JDK server refuses such a request itself
        }
    }

    private void refuse(HttpExchange exchange, String problem) throws IOException {
        refusals.admit()
                .ifPresent(leftOut -> log.warn(
                        "refused a Slack event request from {}: {}{}",
                        exchange.getRemoteAddress().getAddress().getHostAddress(),
                        problem,
                        leftOut == 0 ? "" : " (and " + leftOut + " more refused since the last such line)"));
        send(exchange, 401, "text/plain", "invalid request signature");
    }

    /**
     * The body, at most {@code MAX_BODY + 1} bytes, or null when it did not arrive within {@link #BODY_READ_TIME}:
     * then 408 is answered and the reading thread is interrupted, which closes the connection (the JDK server reads
     * from an interruptible channel) and frees the thread.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        Thread reader = Thread.currentThread();
        AtomicBoolean settled = new AtomicBoolean();
        Object reading = new Object();
        boolean[] inRead = {true};
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    if (!settled.compareAndSet(false, true)) {
                        return;
                    }
                    stalls.admit()
                            .ifPresent(leftOut -> log.warn(
                                    "Slack event request from {}: body not received within {} s; answered 408{}",
                                    exchange.getRemoteAddress().getAddress().getHostAddress(),
                                    BODY_READ_TIME.toSeconds(),
                                    leftOut == 0 ? "" : " (and " + leftOut + " more since the last such line)"));
                    try {
                        // A body length, and no close: closing would wait for the rest of the request body.
                        byte[] answer = "request body not received in time".getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "text/plain");
                        exchange.getResponseHeaders().set("Connection", "close");
                        exchange.sendResponseHeaders(408, answer.length);
                        OutputStream out = exchange.getResponseBody();
                        out.write(answer);
                        out.flush();
                    } catch (IOException | RuntimeException e) {
                        log.debug("answering 408: {}", e.toString());
                    }
                    synchronized (reading) {
                        if (inRead[0]) {
                            reader.interrupt();
                        }
                    }
                },
                BODY_READ_TIME.toMillis(),
                TimeUnit.MILLISECONDS);
        byte[] body;
        try {
            body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            if (settled.get()) {
                return null;
            }
            throw e;
        } finally {
            synchronized (reading) {
                inRead[0] = false;
            }
            deadline.cancel(false);
            if (settled.get()) {
                Thread.interrupted(); // the deadline's interrupt, if it came: not for the next request
            }
        }
        return settled.compareAndSet(false, true) ? body : null;
    }

    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        deadlines.shutdownNow();
    }
}
