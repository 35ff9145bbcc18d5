package dev.ratchet.module.classifier;

import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the classifier decided about one message.
 *
 * @param action          {@link Action#OPEN} (an alert fires), {@link Action#CLOSE} (it resolves) or
 *                        {@link Action#NONE} (recognised, but not a change of an alert's state)
 * @param service         the service concerned, {@code ""} when the message does not say
 * @param alert           the alert's name; with {@code service} it identifies the alert for pairing
 * @param priority        the priority or severity as the tool says it ({@code P1}, {@code critical}), if any
 * @param durationSeconds for a close, how long the alert was open when the message says so
 * @param source          which tool rendered it ({@code alertmanager}, ...), or {@code binary} / {@code llm}
 * @param method          how it was recognised: {@code builtin}, {@code binary} or {@code llm}
 */
public record Classification(
        Action action,
        String service,
        String alert,
        Optional<String> priority,
        Optional<Long> durationSeconds,
        String source,
        String method) {

    /** An alert's change of state. */
    public enum Action {
        OPEN,
        CLOSE,
        NONE;

        /** The word stored in the annotation ({@code open}, {@code close}, {@code none}). */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code open}, {@code close} or {@code none} (case-insensitive); anything else is empty. */
        public static Optional<Action> of(String word) {
            if (word == null) {
                return Optional.empty();
            }
            return switch (word.trim().toLowerCase(Locale.ROOT)) {
                case "open" -> Optional.of(OPEN);
                case "close" -> Optional.of(CLOSE);
                case "none" -> Optional.of(NONE);
                default -> Optional.empty();
            };
        }
    }

    public Classification {
        Objects.requireNonNull(action, "action");
        service = service == null ? "" : service.strip();
        alert = alert == null ? "" : alert.strip();
        priority = priority == null
                ? Optional.empty()
                : priority.map(String::strip).filter(p -> !p.isEmpty());
        durationSeconds = durationSeconds == null ? Optional.empty() : durationSeconds.filter(d -> d >= 0);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(method, "method");
    }

    /** A message recognised as not changing any alert's state. */
    public static Classification none(String source, String method) {
        return new Classification(Action.NONE, "", "", Optional.empty(), Optional.empty(), source, method);
    }

    /** Whether this opens or closes an alert (and so is stored). */
    public boolean isAlert() {
        return action != Action.NONE;
    }

    /** The alert event this classification of {@code message} records; only for an alert ({@link #isAlert()}). */
    AlertEvent event(Message message) {
        if (!isAlert()) {
            throw new IllegalStateException("a classification as " + action + " records no alert event");
        }
        return new AlertEvent(
                MessageRef.of(message),
                message.postedAt(),
                action == Action.OPEN ? AlertEvent.Action.OPEN : AlertEvent.Action.CLOSE,
                service,
                alert,
                priority,
                durationSeconds.map(Duration::ofSeconds),
                Optional.empty(),
                source,
                method);
    }

    /**
     * The classification as the fields of its annotation ({@code action}, {@code service}, {@code alert},
     * {@code priority} when known, {@code duration_seconds} on a close that states it, {@code source}, {@code method}):
     * what {@link #event} records through {@code AlertService}, in the tests' words.
     */
    public Map<String, Object> annotation() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("action", action.word());
        a.put("service", service);
        a.put("alert", alert);
        priority.ifPresent(p -> a.put("priority", p));
        durationSeconds.ifPresent(d -> a.put("duration_seconds", d));
        a.put("source", source);
        a.put("method", method);
        return a;
    }
}
