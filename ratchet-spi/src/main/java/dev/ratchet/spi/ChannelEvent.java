package dev.ratchet.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One event in a channel, as handed to an {@link EventHandler}.
 *
 * @param key      the event's identity, stable across retries and redeliveries (for instance
 *                 {@code message:C123:1700000000.000100}); use it to key what the handler produces
 * @param type     what happened
 * @param live     {@code true} for an event received from Slack now, {@code false} for backfilled or imported
 *                 history
 * @param message  the message concerned, as stored when the handler runs (a later edit shows its new text)
 * @param reaction the reaction, for {@link EventType#REACTION_ADDED} and {@link EventType#REACTION_REMOVED}
 * @since 0.1
 */
public record ChannelEvent(String key, EventType type, boolean live, Message message, Optional<Reaction> reaction) {

    public ChannelEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        reaction = reaction == null ? Optional.empty() : reaction;
    }

    /**
     * A reaction on a message.
     *
     * @param name   the emoji name without colons ({@code "+1"})
     * @param userId who reacted
     */
    public record Reaction(String name, String userId) {}
}
