package dev.ratchet.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ratchet.core.Json;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackUnavailableException;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API of {@code ratchet run}: channels, messages, services and alerts, search, documentation, LLM usage, the
 * modules and their routes under {@code /api/modules/<id>/}, plus {@code /healthz}, {@code /readyz}, {@code /version}
 * and {@code /metrics}; and, when {@code api.dashboard} is on, JobRunr's dashboard on its own port.
 *
 * <p>The JDK's HTTP server, as for Slack's HTTP events and JobRunr's own dashboard: the API is a few dozen JSON
 * routes on one port, and the JDK server keeps a second HTTP stack (Jetty, Kotlin) out of the distribution.
 *
 * <p>Access: when {@code api.token} is set, every request but {@code /healthz} must present it (Bearer, or Basic with
 * the token as password); with no token the server listens only on a loopback address and refuses to start on any
 * other. Lists are paged alike ({@code limit}, {@code cursor} → {@code next_cursor}), times are ISO-8601, field names
 * snake_case, and errors are {@code {"error": {"code": ..., "message": ...}}}.
 */
public final class ApiServer implements AutoCloseable {

    /** What a server serves. */
    public enum Scope {
        /** Everything: the JSON API, module routes, health, metrics, the dashboard when configured ({@code ratchet run}). */
        FULL,
        /** Health, readiness, version and metrics only ({@code ratchet worker}). */
        OPS
    }

    /** A response body that is not JSON: Prometheus text, for instance. */
    record Text(String contentType, String body) {}

    /** A response body written as it is produced (a JSONL export), with chunked transfer. */
    record Streamed(String contentType, BodyWriter writer) {}

    /** Writes a streamed body. */
    @FunctionalInterface
    interface BodyWriter {
        void write(Writer out) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_BODY = 1 << 20;
    /** Field names in snake_case for records too, so module answers read like core ones. */
    static final ObjectMapper JSON = Json.OUTPUT;

    private final ApiServices services;
    private final ApiSettings settings;
    private final TokenCheck tokens;
    private final Routes routes = new Routes();
    private final HttpServer server;
    private final ExecutorService executor;
    private final JobsDashboard dashboard;

    private ApiServer(ApiServices services, ApiSettings settings, Scope scope) {
        this.services = services;
        this.settings = settings;
        this.tokens = new TokenCheck(settings.token());
        OpsEndpoints.register(routes, services);
        if (scope == Scope.FULL) {
            ChannelEndpoints.register(routes, services);
            CoreEndpoints.register(routes, services);
            for (Registrations.Route r : services.registrations().routes()) {
                routes.add(r.method().name(), "api/modules/" + r.moduleId() + "/" + r.path(), r.handler());
            }
        }
        this.server = bind(settings.addressKey(), settings.host(), settings.port());
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "ratchet-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        JobsDashboard d = null;
        if (scope == Scope.FULL && settings.dashboard().isPresent()) {
            try {
                d = new JobsDashboard(
                        services.jobs().storage(),
                        settings.host(),
                        settings.dashboard().getAsInt(),
                        tokens);
            } catch (RuntimeException e) {
                stopServer();
                throw e;
            }
        }
        this.dashboard = d;
    }

    /**
     * Starts a server; returns once it listens.
     *
     * @throws StartupException when the address is beyond loopback with no token, or cannot be bound
     */
    public static ApiServer start(ApiServices services, ApiSettings settings, Scope scope) {
        settings.requireTokenBeyondLoopback();
        ApiServer api = new ApiServer(services, settings, scope);
        log.info(
                "API listening on http://{}:{}/ ({}{}){}",
                settings.host(),
                api.port(),
                scope == Scope.FULL ? "JSON API, " : "",
                "health, metrics",
                settings.token().isPresent() ? ", token required" : "");
        return api;
    }

    static HttpServer bind(String key, String host, int port) {
        try {
            return HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    key + " " + host + ":" + port + " is in use or not available (" + e.getMessage() + "); set RATCHET_"
                            + key.toUpperCase().replaceAll("[.-]", "_") + " to a free host:port");
        } catch (IOException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "cannot listen on " + host + ":" + port + " (" + key + "): " + e.getMessage());
        }
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The dashboard's port, when it is on. */
    public OptionalInt dashboardPort() {
        return dashboard == null ? OptionalInt.empty() : OptionalInt.of(dashboard.port());
    }

    public ApiSettings settings() {
        return settings;
    }

    private void serve(HttpExchange exchange) {
        long start = System.nanoTime();
        String template = "unmatched";
        int status;
        try (exchange) {
            List<String> segments = segments(exchange.getRequestURI().getRawPath());
            try {
                boolean open = segments.equals(List.of("healthz"));
                if (!open && !tokens.allows(exchange.getRequestHeaders())) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"ratchet\"");
                    throw new ApiException(
                            401,
                            "unauthorized",
                            "this API needs the token set in api.token: send 'Authorization: Bearer <token>'");
                }
                Routes.Match match = routes.find(exchange.getRequestMethod(), segments);
                template = match.route().template();
                RouteHandler.Request request = new RouteHandler.Request(
                        match.params(), query(exchange.getRequestURI().getRawQuery()), body(exchange));
                RouteHandler.Response response = match.route().handler().handle(request);
                status = write(exchange, response == null ? new RouteHandler.Response(204, null) : response);
            } catch (Exception e) {
                status = fail(exchange, e, template);
            }
        } catch (IOException e) {
            status = 499; // the client went away while we answered
            log.debug("API response not sent: {}", e.toString());
        }
        Timer.builder("ratchet.api.requests")
                .description("JSON API requests by route template and status")
                .tag("method", exchange.getRequestMethod())
                .tag("route", template)
                .tag("status", Integer.toString(status))
                .register(services.metrics().registry())
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private int fail(HttpExchange exchange, Exception e, String template) throws IOException {
        ApiException error;
        if (e instanceof ApiException a) {
            error = a;
        } else if (e instanceof IllegalArgumentException) {
            error = ApiException.badRequest(e.getMessage());
        } else if (e instanceof SlackUnavailableException) {
            error = new ApiException(503, "slack_unavailable", e.getMessage());
        } else if (e instanceof LlmUnavailableException) {
            error = new ApiException(503, "llm_unavailable", e.getMessage());
        } else {
            // the exception's text stays in the log: it may name internals the caller should not see
            log.warn("API {} {} failed", exchange.getRequestMethod(), template, e);
            error = new ApiException(
                    500,
                    "internal",
                    "the request failed on the server (" + e.getClass().getSimpleName()
                            + "); the server log has the details");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", error.code());
        detail.put("message", error.getMessage());
        return write(exchange, new RouteHandler.Response(error.status(), Map.of("error", detail)));
    }

    private static int write(HttpExchange exchange, RouteHandler.Response response) throws IOException {
        Object body = response.body();
        int status = response.status();
        if (status == 204 || body == null) {
            exchange.sendResponseHeaders(status == 200 ? 204 : status, -1);
            return status == 200 ? 204 : status;
        }
        if (body instanceof Streamed s) {
            exchange.getResponseHeaders().set("Content-Type", s.contentType());
            exchange.sendResponseHeaders(status, 0);
            try (Writer out = new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8)) {
                s.writer().write(out);
            }
            return status;
        }
        byte[] bytes;
        if (body instanceof Text t) {
            exchange.getResponseHeaders().set("Content-Type", t.contentType());
            bytes = t.body().getBytes(StandardCharsets.UTF_8);
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            bytes = JSON.writeValueAsBytes(body);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    /** The path's segments, each percent-decoded ({@code Queue%20backlog} → {@code Queue backlog}; '+' stays '+'). */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : (rawPath == null ? "" : rawPath).split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the query string is not valid percent-encoding near '" + pair + "'");
            }
        }
        return out;
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(413, "too_large", "request bodies are limited to 1 MiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Stops the dashboard and the server; requests in progress get a second to finish. */
    @Override
    public void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        stopServer();
    }

    private void stopServer() {
        server.stop(1);
        executor.shutdownNow();
    }
}
