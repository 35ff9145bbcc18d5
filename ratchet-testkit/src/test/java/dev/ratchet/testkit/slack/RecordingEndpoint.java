package dev.ratchet.testkit.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An app's Events API Request URL on 127.0.0.1 for tests: records every request and answers as told. */
final class RecordingEndpoint implements AutoCloseable {

    /** A request as received; header names in lower case. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    record Answer(int status, String contentType, String body) {
        static Answer ok() {
            return new Answer(200, "text/plain", "");
        }
    }

    @FunctionalInterface
    interface Responder {
        /** {@code index} counts requests from 0. */
        Answer answer(Received request, int index) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingEndpoint(Responder responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slack/events", exchange -> handle(exchange, responder));
        server.setExecutor(executor);
        server.start();
    }

    static RecordingEndpoint start(Responder responder) throws IOException {
        return new RecordingEndpoint(responder);
    }

    private void handle(HttpExchange exchange, Responder responder) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Received request =
                    new Received(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int index;
            synchronized (received) {
                index = received.size();
                received.add(request);
            }
            Answer answer;
            try {
                answer = responder.answer(request, index);
            } catch (Exception e) {
                answer = new Answer(500, "text/plain", e.toString());
            }
            byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
