package dev.ratchet.spi;

/**
 * The kinds of channel event a module can subscribe to.
 *
 * @since 0.1
 */
public enum EventType {
    /** A new top-level message (including bot messages and thread broadcasts). */
    MESSAGE,
    /** A new reply in a thread. */
    THREAD_REPLY,
    /**
     * A message's text changed; {@link ChannelEvent#message()} holds the new text. {@link Stage#ENRICH} handlers of
     * {@link #MESSAGE} or {@link #THREAD_REPLY} receive it too, so enrichment is redone for the new text.
     */
    MESSAGE_EDITED,
    /**
     * A message was deleted; it stays stored, marked deleted. Never reply to it: REACT handlers of a message that was
     * deleted before they ran are skipped by core.
     */
    MESSAGE_DELETED,
    /** A reaction was added to a message. */
    REACTION_ADDED,
    /** A reaction was removed from a message. */
    REACTION_REMOVED
}
