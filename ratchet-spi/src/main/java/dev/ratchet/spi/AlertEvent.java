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
 * @param duration how long the alert was open: on a close that states it, and on both sides once paired
 * @param pairedTs once paired, the ts of the other side in the same channel: on an open the close that resolved
 *                 it, on a close the open it resolved; empty while unpaired (an open: still firing)
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

    /** Whether this is an open that no close resolved (yet). @since 0.2 */
    public boolean stillOpen() {
        return action == Action.OPEN && pairedTs.isEmpty();
    }
}
