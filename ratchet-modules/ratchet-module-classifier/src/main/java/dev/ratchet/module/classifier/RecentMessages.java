package dev.ratchet.module.classifier;

import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageService;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A channel's top-level messages before a moment, newest first, read window by window (the last {@code backs[0]},
 * then back to {@code backs[1]}, ...), each window only when the reader gets to it: what the LLM fallback's examples
 * and the poster's history read of a bot's earlier messages.
 */
final class RecentMessages implements Iterable<Message> {

    private final MessageService messages;
    private final String channel;
    private final Instant until;
    private final List<Duration> backs;
    private final int limit;

    /** {@code backs} growing; at most {@code limit} messages a window (its newest: a window lists oldest first). */
    RecentMessages(MessageService messages, String channel, Instant until, List<Duration> backs, int limit) {
        this.messages = messages;
        this.channel = channel;
        this.until = until;
        this.backs = backs;
        this.limit = limit;
    }

    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            private int next; // the next window's index in backs
            private Instant to = until;
            private List<Message> window = List.of();
            private int i = -1; // the next message's index in window, read from its end

            @Override
            public boolean hasNext() {
                while (i < 0 && next < backs.size()) {
                    Instant from = until.minus(backs.get(next++));
                    window = messages.window(channel, from, to, limit);
                    i = window.size() - 1;
                    to = from;
                }
                return i >= 0;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return window.get(i--);
            }
        };
    }
}
