package dev.ratchet.testkit.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers Events API payloads the way Slack does, over Socket Mode envelopes or signed HTTP POSTs, and retries
 * what is not acknowledged in time. Keeps a record of every delivery for tests.
 */
final class EventDelivery {

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);
    /** Slack retries a failed event up to 3 times. */
    static final int MAX_RETRIES = 3;

    private final class Delivery {
        final String eventId;
        final String envelopeId = UUID.randomUUID().toString();
        final Map<String, Object> callback;
        final String body;
        int attempt;
        String retryReason = "";
        DeliveredEvent.Status status = DeliveredEvent.Status.PENDING;

        Delivery(String eventId, Map<String, Object> callback) {
            this.eventId = eventId;
            this.callback = callback;
            this.body = Json.write(callback);
        }

        DeliveredEvent snapshot() {
            @SuppressWarnings("unchecked")
            Object type = ((Map<String, Object>) callback.get("event")).get("type");
            return new DeliveredEvent(eventId, String.valueOf(type), Json.copy(callback), attempt + 1, status);
        }
    }

    private final Workspace workspace;
    private final String signingSecret;
    private final String verificationToken;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpSenders;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private SocketModeServer socketMode;

    // Guarded by this.
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<String, Delivery> byEnvelope = new HashMap<>();
    private final Map<String, Map<String, Object>> callbacksByEventId = new HashMap<>();
    private final Deque<Delivery> waitingForConnection = new ArrayDeque<>();
    private URI httpTarget;
    private Duration ackTimeout = Duration.ofSeconds(3);

    EventDelivery(
            Workspace workspace,
            String signingSecret,
            String verificationToken,
            ScheduledExecutorService scheduler,
            ExecutorService httpSenders) {
        this.workspace = workspace;
        this.signingSecret = signingSecret;
        this.verificationToken = verificationToken;
        this.scheduler = scheduler;
        this.httpSenders = httpSenders;
    }

    void attach(SocketModeServer server) {
        this.socketMode = server;
    }

    synchronized void ackTimeout(Duration timeout) {
        this.ackTimeout = timeout;
    }

    synchronized Duration ackTimeout() {
        return ackTimeout;
    }

    synchronized void deliverOverHttp(URI target) {
        this.httpTarget = target;
    }

    synchronized URI httpTarget() {
        return httpTarget;
    }

    // ---------------------------------------------------------------- building payloads

    /** Wraps an inner event into the event_callback Slack sends, with a fresh event_id. */
    Map<String, Object> callback(Map<String, Object> event) {
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("token", verificationToken);
        callback.put("team_id", workspace.teamId);
        callback.put("context_team_id", workspace.teamId);
        callback.put("context_enterprise_id", null);
        callback.put("api_app_id", workspace.appId);
        callback.put("event", event);
        callback.put("type", "event_callback");
        callback.put("event_id", newEventId());
        callback.put("event_time", Instant.now().getEpochSecond());
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("enterprise_id", null);
        authorization.put("team_id", workspace.teamId);
        authorization.put("user_id", workspace.botUserId);
        authorization.put("is_bot", true);
        authorization.put("is_enterprise_install", false);
        callback.put("authorizations", List.of(authorization));
        callback.put("is_ext_shared_channel", false);
        callback.put("event_context", "4-" + UUID.randomUUID().toString().replace("-", ""));
        return callback;
    }

    private static String newEventId() {
        StringBuilder id = new StringBuilder("Ev");
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int i = 0; i < 11; i++) {
            id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return id.toString();
    }

    // ---------------------------------------------------------------- delivering

    /** Delivers a new event; its event_id. */
    String deliver(Map<String, Object> event) {
        return deliverCallback(callback(event), 1);
    }

    /** Delivers one event_callback {@code times} times, each a separate delivery with the same event_id. */
    synchronized String deliverCallback(Map<String, Object> callback, int times) {
        String eventId = (String) callback.get("event_id");
        callbacksByEventId.putIfAbsent(eventId, callback);
        for (int i = 0; i < times; i++) {
            Delivery d = new Delivery(eventId, callback);
            deliveries.add(d);
            byEnvelope.put(d.envelopeId, d);
            if (httpTarget != null) {
                URI target = httpTarget;
                httpSenders.execute(() -> sendOverHttp(d, target));
            } else {
                sendEnvelope(d);
            }
        }
        return eventId;
    }

    synchronized String redeliver(String eventId, int times) {
        Map<String, Object> callback = callbacksByEventId.get(eventId);
        if (callback == null) {
            throw new IllegalArgumentException("no event " + eventId + " was delivered");
        }
        return deliverCallback(callback, times);
    }

    private synchronized void sendEnvelope(Delivery d) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("envelope_id", d.envelopeId);
        envelope.put("payload", d.callback);
        envelope.put("type", "events_api");
        envelope.put("accepts_response_payload", false);
        envelope.put("retry_attempt", d.attempt);
        envelope.put("retry_reason", d.retryReason);
        if (socketMode == null || !socketMode.sendToOne(Json.write(envelope))) {
            // Kept until a client connects, so that a test may post before its app has finished connecting.
            waitingForConnection.add(d);
            return;
        }
        int attempt = d.attempt;
        scheduler.schedule(() -> onAckTimeout(d, attempt), ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void onAckTimeout(Delivery d, int attempt) {
        if (d.status != DeliveredEvent.Status.PENDING || d.attempt != attempt) {
            return;
        }
        if (d.attempt >= MAX_RETRIES) {
            abandon(d);
            return;
        }
        d.attempt++;
        d.retryReason = "timeout";
        sendEnvelope(d);
    }

    private void abandon(Delivery d) {
        d.status = DeliveredEvent.Status.ABANDONED;
        log.warn(
                "Slack emulator: event {} ({}) was not acknowledged after {} retries",
                d.eventId,
                d.snapshot().type(),
                MAX_RETRIES);
        notifyAll();
    }

    /** A Socket Mode client connected: send what waited for one. */
    synchronized void onConnected() {
        List<Delivery> waiting = new ArrayList<>(waitingForConnection);
        waitingForConnection.clear();
        waiting.forEach(this::sendEnvelope);
    }

    synchronized void onAck(String envelopeId) {
        Delivery d = byEnvelope.get(envelopeId);
        if (d == null) {
            log.warn("Slack emulator: ack for an unknown envelope");
            return;
        }
        if (d.status == DeliveredEvent.Status.PENDING) {
            d.status = DeliveredEvent.Status.ACKED;
            notifyAll();
        }
    }

    private void sendOverHttp(Delivery d, URI target) {
        while (true) {
            Duration timeout;
            int attempt;
            String reason;
            synchronized (this) {
                timeout = ackTimeout;
                attempt = d.attempt;
                reason = d.retryReason;
            }
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                    .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                    .header("X-Slack-Signature", sign(timestamp, d.body))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body, StandardCharsets.UTF_8));
            if (attempt > 0) {
                request.header("X-Slack-Retry-Num", Integer.toString(attempt));
                request.header("X-Slack-Retry-Reason", reason);
            }
            String failure;
            boolean noRetry = false;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    onHttpAck(d);
                    return;
                }
                failure = "http_error";
                noRetry = response.headers()
                        .firstValue("X-Slack-No-Retry")
                        .map("1"::equals)
                        .orElse(false);
            } catch (HttpTimeoutException e) {
                failure = "http_timeout";
            } catch (IOException e) {
                failure = "http_error";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                if (noRetry || d.attempt >= MAX_RETRIES) {
                    abandon(d);
                    return;
                }
                d.attempt++;
                d.retryReason = failure;
            }
        }
    }

    private synchronized void onHttpAck(Delivery d) {
        d.status = DeliveredEvent.Status.ACKED;
        notifyAll();
    }

    // ---------------------------------------------------------------- signing

    /** {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{body}}, as Slack signs requests. */
    String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** One signed POST, no retries; the HTTP status and body. */
    HttpResponse<String> post(URI target, String body, long timestamp, String signatureOrNull) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(ackTimeout())
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String signature = signatureOrNull == null ? sign(timestamp, body) : signatureOrNull;
        if (!signature.isEmpty()) {
            request.header("X-Slack-Signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST to " + target + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while POSTing to " + target, e);
        }
    }

    // ---------------------------------------------------------------- observing

    /**
     * Forgets the acknowledged deliveries (their records and their callbacks, so they can no longer be redelivered);
     * pending and abandoned ones stay, for {@link #awaitAcked}.
     */
    synchronized void forgetAcked() {
        deliveries.removeIf(d -> {
            if (d.status != DeliveredEvent.Status.ACKED) {
                return false;
            }
            byEnvelope.remove(d.envelopeId);
            callbacksByEventId.remove(d.eventId);
            return true;
        });
    }

    synchronized List<DeliveredEvent> deliveries() {
        return deliveries.stream().map(Delivery::snapshot).toList();
    }

    /** Waits until nothing is pending; throws an AssertionError naming what was not acknowledged. */
    synchronized void awaitAcked(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Delivery> pending = deliveries.stream()
                    .filter(d -> d.status == DeliveredEvent.Status.PENDING)
                    .toList();
            if (pending.isEmpty()) {
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Slack events not acknowledged within " + timeout + ": " + describe(pending));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for acknowledgements", e);
            }
        }
        List<Delivery> abandoned = deliveries.stream()
                .filter(d -> d.status == DeliveredEvent.Status.ABANDONED)
                .toList();
        if (!abandoned.isEmpty()) {
            throw new AssertionError("Slack events never acknowledged (given up after " + MAX_RETRIES + " retries): "
                    + describe(abandoned));
        }
    }

    private static String describe(List<Delivery> ds) {
        return ds.stream()
                .map(d -> d.eventId + " (" + d.snapshot().type() + ")")
                .toList()
                .toString();
    }
}
