package dev.ratchet.spi;

/**
 * Handles one channel event for one module.
 *
 * <p>Runs on a job worker thread, possibly in another process than the one that received the event, and possibly
 * more than once for the same event (a retry after a failure or a crash): make it idempotent, for instance by
 * posting through {@link SlackService} with a post key, which finds an earlier post instead of posting twice.
 * It may block (Slack and LLM calls do). Throwing marks this run failed and schedules a retry per the
 * subscription's {@link RetryPolicy}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EventHandler {
    void handle(ChannelEvent event) throws Exception;
}
