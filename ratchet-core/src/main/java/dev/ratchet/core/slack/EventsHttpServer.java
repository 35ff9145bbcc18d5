package dev.ratchet.core.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.storage.DatabaseUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP mode: receives Slack's Events API requests at {@code POST /slack/events}, refuses any whose signature does
 * not check out (401, nothing stored), and hands the rest to the Bolt app, whose answer (after the event is stored)
 * is Slack's acknowledgement. The JDK's HTTP server is enough here and keeps Jetty versions out of the way of the
 * JSON API's server.
 */
final class EventsHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventsHttpServer.class);
    static final String PATH = "/slack/events";
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;

    EventsHttpServer(SlackSettings settings, App app, Clock clock) {
        SignatureCheck signatures = new SignatureCheck(settings.signingSecret(), clock);
        SlackRequestParser parser = new SlackRequestParser(app.config());
        try {
            server = HttpServer.create(new InetSocketAddress(settings.eventsHost(), settings.eventsPort()), 64);
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
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "ratchet-slack-events");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                handle(exchange, signatures, parser, app);
            } catch (RuntimeException | IOException e) {
                log.warn("Slack event request failed: {}", e.toString());
            }
        });
        server.start();
        log.info("listening for Slack events on http://{}:{}{}", settings.eventsHost(), port(), PATH);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, SignatureCheck signatures, SlackRequestParser parser, App app)
            throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "POST only");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            send(exchange, 413, "text/plain", "request too large");
            return;
        }
        String problem = signatures.problem(
                exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
                exchange.getRequestHeaders().getFirst("X-Slack-Signature"),
                body);
        if (problem != null) {
            log.warn(
                    "refused a Slack event request from {}: {}",
                    exchange.getRemoteAddress().getAddress().getHostAddress(),
                    problem);
            send(exchange, 401, "text/plain", "invalid request signature");
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(exchange.getRequestURI().getPath())
                .queryString(Map.of())
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .headers(new RequestHeaders(headers))
                .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                .build());
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
            log.warn("could not store a Slack event; Slack will retry it: {}", e.toString());
            send(exchange, 500, "text/plain", "not stored; retry");
            return;
        }
        String type = response.getContentType() == null ? "text/plain" : response.getContentType();
        send(exchange, response.getStatusCode(), type, response.getBody() == null ? "" : response.getBody());
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
    }
}
