package dev.ratchet.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The alerts fired and resolved in the channels the bot is in, stored with their messages: the {@code classifier}
 * module records them, other modules (runbook, report, recent-activity) read them. Methods query or update the
 * database, may block briefly, and may be called from any thread. Lists are oldest first and include the events of
 * deleted messages (check the message when that matters); every {@code limit} is 1 to 10,000
 * ({@link IllegalArgumentException} otherwise).
 *
 * @since 0.2
 */
public interface AlertService {

    /**
     * Records that a message fires or resolves an alert: its action, service, alert, priority and source and method,
     * and its duration when present (an absent one keeps any stored before). {@code at} and {@code pairedTs} are not
     * written: the time is the message's, pairing is {@link #pair}'s and survives recording again. Idempotent.
     *
     * @since 0.2
     */
    void record(AlertEvent event);

    /**
     * Records that a message recorded as an alert is not one any more (it was edited). It is left out of every read
     * from then on, until recorded again. Idempotent; a no-op for a message never recorded.
     *
     * @since 0.2
     */
    void retract(MessageRef message);

    /**
     * Pairs an open with the close that resolved it (both recorded, same channel): each gets the other's ts as
     * {@code pairedTs}, and both get {@code duration}. Idempotent.
     *
     * <p>{@code open} and {@code close} may be the same message, an open whose message was edited into its resolution:
     * it is {@linkplain AlertEvent#resolvedInPlace() resolved in place}, stays an open with its own ts as
     * {@code pairedTs} and {@code duration} (from its posting to the edit), and no close is recorded.
     *
     * @since 0.2
     */
    void pair(MessageRef open, MessageRef close, Duration duration);

    /**
     * Undoes a {@linkplain AlertEvent#resolvedInPlace() resolution in place}: the open's message was edited back into
     * firing, so it is unpaired and loses its duration (it is {@linkplain AlertEvent#stillOpen() still open} again).
     * A no-op for any other message (an open paired with another message's close stays paired). Idempotent.
     *
     * @since 0.2
     */
    void reopen(MessageRef open);

    /** The alert event a stored message carries, from the message itself (no query); empty when it carries none. @since 0.2 */
    Optional<AlertEvent> of(Message message);

    /**
     * The alert events of a channel posted in {@code [from, to)}, oldest first; when there are more than {@code limit},
     * the latest {@code limit} (this holds for every list here).
     *
     * @param action only opens or only closes, or null for both
     * @since 0.2
     */
    List<AlertEvent> inChannel(String channelId, AlertEvent.Action action, Instant from, Instant to, int limit);

    /**
     * The occurrences of one alert (exact service and alert name) posted in {@code [from, to)}: for instance its
     * past firings, or the candidates for pairing.
     *
     * @param action    only opens or only closes, or null for both
     * @param channelId a channel, or null for every channel
     * @since 0.2
     */
    List<AlertEvent> occurrences(
            String service,
            String alert,
            AlertEvent.Action action,
            String channelId,
            Instant from,
            Instant to,
            int limit);

    /** The opens of a channel posted in {@code [from, to)} that no close resolved (yet). @since 0.2 */
    List<AlertEvent> open(String channelId, Instant from, Instant to, int limit);
}
