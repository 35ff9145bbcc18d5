package dev.ratchet.core.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.request.EventsApiEnvelope;
import com.slack.api.socket_mode.response.AckResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode's Events API envelopes, ingested on a few lanes instead of the client's single thread, each acknowledged
 * after its ingestion committed. The envelopes of one message (the message, its app_mention, edits, deletion,
 * reactions) share a lane, chosen by the message's channel and ts in arrival order, so they are stored in the order
 * Slack sent them, as before; messages of their own go side by side. On one thread a busy workspace queued every event
 * behind the others' transactions: at 30-50 events a second (a bench of alerts and mentions with the bot's own
 * replies) the thread was busy two thirds of the time and the wait was most of the event -> store time.
 */
final class SocketModeLanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketModeLanes.class);

    /** Lanes: a few transactions at once is what the pool (12 connections) spares beside the job workers. */
    static final int LANES = 4;

    private final EventIngestor ingestor;
    private final List<ExecutorService> lanes = new ArrayList<>(LANES);

    SocketModeLanes(EventIngestor ingestor) {
        this.ingestor = ingestor;
        for (int i = 0; i < LANES; i++) {
            String name = "slack-events-" + i;
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /**
     * Called by the client in arrival order: queues the envelope on its message's lane, where it is ingested and then
     * acknowledged. An ingestion failure leaves it unacknowledged, so that Slack delivers it again.
     */
    void accept(SocketModeClient client, EventsApiEnvelope envelope) {
        JsonElement payload = envelope.getPayload();
        String key = key(payload);
        lanes.get(Math.floorMod(key.hashCode(), LANES)).execute(() -> {
            try {
                EventIngestor.Outcome outcome = ingestor.ingest(payload == null ? "null" : payload.toString());
                log.debug("Slack event {}", outcome);
                client.sendSocketModeResponse(new AckResponse(envelope.getEnvelopeId()));
            } catch (RuntimeException e) {
                log.warn(
                        "could not store a Slack event; left unacknowledged so Slack delivers it again: {}",
                        EventIngestor.describe(e));
            }
        });
    }

    /**
     * The message an event is about, as {@code channel:ts}: the message's own ts for a message or a mention, the edited
     * or deleted message's for an edit or a deletion, the reacted-to message's for a reaction; the channel alone for
     * the rest (joins, renames), and "" for what has no channel.
     */
    static String key(JsonElement payload) {
        if (payload == null
                || !payload.isJsonObject()
                || !(payload.getAsJsonObject().get("event") instanceof JsonObject e)) {
            return "";
        }
        if (e.get("item") instanceof JsonObject item) {
            return text(item, "channel") + ":" + text(item, "ts");
        }
        String channel = e.get("channel") instanceof JsonObject c ? text(c, "id") : text(e, "channel");
        String ts = text(e, "deleted_ts");
        if (ts.isEmpty() && e.get("message") instanceof JsonObject changed) {
            ts = text(changed, "ts");
        }
        if (ts.isEmpty()) {
            ts = text(e, "ts");
        }
        return channel + ":" + ts;
    }

    private static String text(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : "";
    }

    /** Stops taking envelopes; those queued get a few seconds (unacknowledged ones Slack delivers again). */
    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdown);
        for (ExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(5, TimeUnit.SECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                lane.shutdownNow();
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
