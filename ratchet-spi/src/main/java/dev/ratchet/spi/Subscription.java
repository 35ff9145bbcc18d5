package dev.ratchet.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which channel events a handler receives, and how.
 *
 * @param events   the event types to receive; not empty
 * @param stage    {@link Stage#ENRICH} handlers of an event all finish (or give up) before its
 *                 {@link Stage#REACT} handlers start
 * @param backfill whether the handler also runs on history (onboarding backfill, export import). Handlers that
 *                 post to Slack must leave this {@code false}: history gets enrichment, never replies.
 * @param retry    how often a failing run is retried, with exponential backoff
 * @since 0.1
 */
public record Subscription(Set<EventType> events, Stage stage, boolean backfill, RetryPolicy retry) {

    public Subscription {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(retry, "retry");
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one event type");
        }
        events = Set.copyOf(events);
    }

    /** A {@link Stage#REACT} subscription to live events only, with the default retry policy. */
    public static Subscription to(EventType first, EventType... rest) {
        return new Subscription(EnumSet.of(first, rest), Stage.REACT, false, RetryPolicy.DEFAULT);
    }

    /** The same subscription in another stage. */
    public Subscription inStage(Stage newStage) {
        return new Subscription(events, newStage, backfill, retry);
    }

    /** The same subscription, also receiving backfilled and imported history. */
    public Subscription includingBackfill() {
        return new Subscription(events, stage, true, retry);
    }

    /** The same subscription with another retry policy. */
    public Subscription withRetry(RetryPolicy newRetry) {
        return new Subscription(events, stage, backfill, newRetry);
    }
}
