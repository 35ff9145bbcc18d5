package dev.ratchet.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which channel events a handler receives, and how.
 *
 * @param events   the event types to receive; not empty
 * @param stage    {@link Stage#ENRICH} handlers of an event all finish (or give up) before its
 *                 {@link Stage#REACT} handlers start
 * @param backfill whether the handler also runs on history (onboarding backfill, export import). Handlers that
 *                 post to Slack must leave this {@code false}: history gets enrichment, never replies.
 * @param retry    how often a failing run is retried, with exponential backoff
 * @param filter   which events a {@link Stage#REACT} handler's run is started for ({@link #when}); {@link #ALL} for
 *                 every event of {@code events}. Since 0.2.
 * @since 0.1
 */
public record Subscription(
        Set<EventType> events, Stage stage, boolean backfill, RetryPolicy retry, Predicate<ChannelEvent> filter) {

    /** The filter of a subscription without one: every event. @since 0.2 */
    public static final Predicate<ChannelEvent> ALL = new Predicate<>() {
        @Override
        public boolean test(ChannelEvent event) {
            return true;
        }

        @Override
        public String toString() {
            return "ALL";
        }
    };

    public Subscription {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(retry, "retry");
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one event type");
        }
        events = Set.copyOf(events);
        filter = filter == null ? ALL : filter;
        if (filter != ALL && stage != Stage.REACT) {
            throw new IllegalArgumentException("a filter (when) is for REACT subscriptions; this one is " + stage);
        }
    }

    /** A subscription for every event of {@code events}, as in 0.1. */
    public Subscription(Set<EventType> events, Stage stage, boolean backfill, RetryPolicy retry) {
        this(events, stage, backfill, retry, ALL);
    }

    /** A {@link Stage#REACT} subscription to live events only, with the default retry policy. */
    public static Subscription to(EventType first, EventType... rest) {
        return new Subscription(EnumSet.of(first, rest), Stage.REACT, false, RetryPolicy.DEFAULT);
    }

    /** The same subscription in another stage. */
    public Subscription inStage(Stage newStage) {
        return new Subscription(events, newStage, backfill, retry, filter);
    }

    /** The same subscription, also receiving backfilled and imported history. */
    public Subscription includingBackfill() {
        return new Subscription(events, stage, true, retry, filter);
    }

    /** The same subscription with another retry policy. */
    public Subscription withRetry(RetryPolicy newRetry) {
        return new Subscription(events, stage, backfill, newRetry, filter);
    }

    /**
     * The same {@link Stage#REACT} subscription, started only for the events {@code filter} accepts: core tests it
     * when it would start the handler's run, once the event's ENRICH stage has finished, with the event as the
     * handler would receive it (the message as stored then, with the enrichments' annotations, e.g.
     * {@link ModuleContext#alerts()}{@code .of(message)}). An event it rejects gets no job at all: its run is recorded
     * as done, skipped. Use it for the cheap checks a handler would otherwise return on at once (not an alert, not a
     * mention): a run costs core a durable job, a claim and a finish even when the handler does nothing. The filter
     * must be fast and free of side effects (no LLM or Slack calls, no writes); when it throws, the run is started
     * anyway and the handler decides. Filters of one subscription combine with and.
     *
     * @throws IllegalArgumentException for a stage other than REACT
     * @since 0.2
     */
    public Subscription when(Predicate<ChannelEvent> filter) {
        Objects.requireNonNull(filter, "filter");
        return new Subscription(events, stage, backfill, retry, this.filter == ALL ? filter : this.filter.and(filter));
    }

    /** Whether this subscription starts runs for some events only ({@link #when}). @since 0.2 */
    public boolean filtered() {
        return filter != ALL;
    }
}
