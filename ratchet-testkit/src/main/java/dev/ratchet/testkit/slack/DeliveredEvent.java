package dev.ratchet.testkit.slack;

import java.util.Map;

/**
 * An Events API event the emulator delivered to the app, over Socket Mode or HTTP, as seen at the moment of asking.
 *
 * @param eventId  the {@code event_id}, which stays the same across retries
 * @param type     the inner event's {@code type}, such as {@code message} or {@code reaction_added}
 * @param callback the whole {@code event_callback} payload
 * @param attempts how many times it was sent: 1, plus one per retry
 * @param status   whether the app acknowledged it
 */
public record DeliveredEvent(String eventId, String type, Map<String, Object> callback, int attempts, Status status) {

    /** Where a delivery stands. */
    public enum Status {
        /** Sent (or waiting for a Socket Mode connection) and not acknowledged yet. */
        PENDING,
        /** Acknowledged: an envelope ack, or a 2xx answer over HTTP. */
        ACKED,
        /** Not acknowledged after the last retry; Slack gives up on it too. */
        ABANDONED
    }

    /** The inner event ({@code callback.event}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> event() {
        return (Map<String, Object>) callback.get("event");
    }
}
