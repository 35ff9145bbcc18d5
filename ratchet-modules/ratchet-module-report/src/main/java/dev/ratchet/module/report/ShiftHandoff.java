package dev.ratchet.module.report;

import java.util.List;

/**
 * A shift hand-off digest of one channel over {@code [since, until)}: the alerts that fired and are still open (and
 * those still open from before the shift), the alerts resolved and who resolved them, and the questions nobody
 * answered, each with a link to its message. Serialised as the JSON of {@code ratchet handoff --json} and of the
 * {@code shift_handoff} tool.
 *
 * @param channel        the channel id
 * @param since          start, inclusive (ISO-8601 instant)
 * @param until          end, exclusive (ISO-8601 instant)
 * @param timeZone       the channel's time zone, in which the text shows times
 * @param open           fired in the shift and still open, oldest first
 * @param openBefore     fired before the shift (up to {@link Handoffs#OPEN_LOOKBACK} earlier) and still open
 * @param resolved       resolved in the shift, oldest resolution first
 * @param unanswered     questions asked in the shift that nobody answered, oldest first
 * @since 0.2
 */
public record ShiftHandoff(
        String channel,
        String since,
        String until,
        String timeZone,
        List<OpenAlert> open,
        List<OpenAlert> openBefore,
        List<ResolvedAlert> resolved,
        List<UnansweredQuestion> unanswered) {

    /**
     * An alert still open.
     *
     * @param repliedBy the people who replied in its thread (display names), empty when nobody did
     * @since 0.2
     */
    public record OpenAlert(
            String service,
            String alert,
            String priority,
            String ts,
            String firedAt,
            String text,
            List<String> repliedBy,
            String permalink) {}

    /**
     * An alert resolved in the shift.
     *
     * @param firedAt    when it fired, null when the resolution was paired with no firing
     * @param resolvedBy who resolved it: a person's display name, or the tool that posted the resolution
     * @param how        {@code resolved} (a person posted the resolution), {@code replied} (the last person to reply in
     *                   the alert's thread before it resolved), {@code reacted} (a person reacted to the alert) or
     *                   {@code tool} (nobody acted; the tool resolved it)
     * @param permalink  the alert's message (its thread), or the resolution's when there is no firing
     * @since 0.2
     */
    public record ResolvedAlert(
            String service,
            String alert,
            String ts,
            String firedAt,
            String resolvedAt,
            String resolvedBy,
            String how,
            String permalink) {}

    /**
     * A question nobody answered.
     *
     * @since 0.2
     */
    public record UnansweredQuestion(String ts, String askedAt, String askedBy, String text, String permalink) {}

    /** Whether there is nothing to hand over. */
    boolean quiet() {
        return open.isEmpty() && openBefore.isEmpty() && resolved.isEmpty() && unanswered.isEmpty();
    }
}
