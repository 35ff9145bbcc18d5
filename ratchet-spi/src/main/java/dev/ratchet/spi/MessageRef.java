package dev.ratchet.spi;

import java.util.Objects;

/**
 * Points at one stored Slack message.
 *
 * @param channelId the channel ({@code C...})
 * @param ts        the message's Slack ts, its id within the channel ({@code "1700000000.000100"})
 * @since 0.2
 */
public record MessageRef(String channelId, String ts) {

    public MessageRef {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
    }

    /** The reference of a stored message. @since 0.2 */
    public static MessageRef of(Message message) {
        return new MessageRef(message.channelId(), message.ts());
    }
}
