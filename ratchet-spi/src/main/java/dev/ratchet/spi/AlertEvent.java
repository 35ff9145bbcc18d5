package dev.ratchet.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert firing or resolving, as recognised in a message (by the {@code classifier} module) and stored with it.
 * Read and written through {@link AlertService}.
 *
 * @param message  the message that fired or resolved the alert
 * @param at       when that message was posted
 * @param action   {@link Action#OPEN} (the alert fires) or {@link Action#CLOSE} (it resolves)
 * @param service  the service concerned, {@code ""} when the message does not say; never null
 * @param alert    the alert's name; with {@code service} it identifies the alert
 * @param priority the priority or severity as the tool says it ({@code P1}, {@code critical}), if any
 * @param duration how long the alert was open: on a close that states it, and on both sides once paired (on an
 *                 open resolved in place, from its posting to the edit that resolved it, unless the edit states it)
 * @param pairedTs once paired, the ts of the other side in the same channel: on an open the close that resolved
 *                 it, on a close the open it resolved; empty while unpaired (an open: still firing). An open
 *                 {@linkplain #resolvedInPlace() resolved in place} has its own ts: no close exists
 * @param source   which tool rendered the message ({@code alertmanager}, {@code grafana}, ...) or {@code binary}
 *                 / {@code llm}; {@code ""} when unknown
 * @param method   how it was recognised: {@code builtin}, {@code binary} or {@code llm}; {@code ""} when unknown
 * @since 0.2
 */
public record AlertEvent(
        MessageRef message,
        Instant at,
        Action action,
        String service,
        String alert,
        Optional<String> priority,
        Optional<Duration> duration,
        Optional<String> pairedTs,
        String source,
        String method) {

    /** An alert's change of state. @since 0.2 */
    public enum Action {
        OPEN,
        CLOSE
    }

    public AlertEvent {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(action, "action");
        service = service == null ? "" : service;
        alert = alert == null ? "" : alert;
        priority = priority == null ? Optional.empty() : priority;
        duration = duration == null ? Optional.empty() : duration;
        pairedTs = pairedTs == null ? Optional.empty() : pairedTs;
        source = source == null ? "" : source;
        method = method == null ? "" : method;
    }

    /** Whether this is an open that no close resolved (yet), nor an edit in place. @since 0.2 */
    public boolean stillOpen() {
        return action == Action.OPEN && pairedTs.isEmpty();
    }

    /**
     * Whether this is an open resolved in place: its own message was edited into its resolution, as the Slack apps of
     * PagerDuty, Opsgenie or incident.io and bots using {@code chat.update} resolve an alert. It stays an open (it
     * fired), paired with itself ({@code pairedTs} is its own ts), with the {@code duration} from its posting to that
     * edit; no close event exists for it, so read its resolution time as {@code at} plus {@code duration}, not from
     * {@code pairedTs}.
     *
     * @since 0.2
     */
    public boolean resolvedInPlace() {
        return action == Action.OPEN && pairedTs.filter(message.ts()::equals).isPresent();
    }
}
