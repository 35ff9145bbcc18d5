package dev.ratchet.testkit.slack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Socket Mode endpoint: accepts connections bearing a ticket from apps.connections.open, greets them with
 * {@code hello}, sends each envelope to one connection and hands acks to the delivery.
 */
final class SocketModeServer extends WebSocketServer {

    private static final Logger log = LoggerFactory.getLogger(SocketModeServer.class);

    private final String appId;
    private final Predicate<String> ticketCheck;
    private final Consumer<String> onAck;
    private final Runnable onConnected;
    private final ScheduledExecutorService scheduler;
    private final CountDownLatch started = new CountDownLatch(1);
    /** Connections that get envelopes; one told to disconnect leaves this list at once. */
    private final List<WebSocket> live = new CopyOnWriteArrayList<>();

    private final AtomicInteger next = new AtomicInteger();
    private volatile Exception startFailure;

    SocketModeServer(
            String appId,
            Predicate<String> ticketCheck,
            Consumer<String> onAck,
            Runnable onConnected,
            ScheduledExecutorService scheduler) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.appId = appId;
        this.ticketCheck = ticketCheck;
        this.onAck = onAck;
        this.onConnected = onConnected;
        this.scheduler = scheduler;
        setReuseAddr(true);
        setDaemon(true);
    }

    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS) || startFailure != null) {
            throw new IllegalStateException("the Socket Mode server did not start", startFailure);
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String ticket = ticketOf(handshake.getResourceDescriptor());
        if (ticket == null || !ticketCheck.test(ticket)) {
            // Slack refuses a connection without a fresh ticket from apps.connections.open.
            conn.close(CloseFrame.POLICY_VALIDATION, "invalid ticket");
            return;
        }
        live.add(conn);
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("num_connections", live.size());
        hello.put(
                "debug_info",
                Map.of("host", "slack-emulator", "build_number", 1, "approximate_connection_time", 18060));
        hello.put("connection_info", Map.of("app_id", appId));
        conn.send(Json.write(hello));
        onConnected.run();
    }

    private static String ticketOf(String resource) {
        String query = URI.create(resource).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("ticket=")) {
                return pair.substring("ticket=".length());
            }
        }
        return null;
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Map<String, Object> json;
        try {
            json = Json.readMap(message);
        } catch (IllegalArgumentException e) {
            log.warn("Socket Mode client sent something that is not a JSON object");
            return;
        }
        Object envelopeId = json.get("envelope_id");
        if (envelopeId != null) {
            onAck.accept(envelopeId.toString());
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        live.remove(conn);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
        } else {
            log.debug("Socket Mode connection error: {}", ex.toString());
        }
    }

    /** Sends to one live connection, round robin; false when none could take it. */
    boolean sendToOne(String text) {
        List<WebSocket> candidates = new ArrayList<>(live);
        if (candidates.isEmpty()) {
            return false;
        }
        int start = Math.floorMod(next.getAndIncrement(), candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            WebSocket conn = candidates.get((start + i) % candidates.size());
            if (!conn.isOpen()) {
                continue;
            }
            try {
                conn.send(text);
                return true;
            } catch (WebsocketNotConnectedException e) {
                live.remove(conn);
            }
        }
        return false;
    }

    int liveConnections() {
        return (int) live.stream().filter(WebSocket::isOpen).count();
    }

    /**
     * Tells every connection to go away, as Slack does before it recycles a server. Each is closed after a grace
     * period (Slack keeps it some seconds) so that the client can open its next connection first.
     */
    void disconnectAll(String reason, long graceMillis) {
        List<WebSocket> leaving = new ArrayList<>(live);
        live.removeAll(leaving);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "disconnect");
        message.put("reason", reason);
        message.put("debug_info", Map.of("host", "slack-emulator"));
        String text = Json.write(message);
        for (WebSocket conn : leaving) {
            try {
                conn.send(text);
            } catch (WebsocketNotConnectedException e) {
                continue;
            }
            scheduler.schedule(() -> conn.close(CloseFrame.NORMAL, reason), graceMillis, TimeUnit.MILLISECONDS);
        }
    }
}
