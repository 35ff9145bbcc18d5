package dev.ratchet.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored messages of the channels the bot is in. Reads only: messages are written by ingestion. Methods query
 * the database, may block briefly, and may be called from any thread.
 *
 * @since 0.1
 */
public interface MessageService {

    /** One message, deleted ones included (check {@link Message#deleted()}). */
    Optional<Message> get(String channelId, String ts);

    /** A thread: its parent first, then the replies in order. Empty if the parent is not stored. */
    List<Message> thread(String channelId, String threadTs);

    /** The top-level messages of a channel posted in {@code [from, to)}, oldest first, at most {@code limit}. */
    List<Message> window(String channelId, Instant from, Instant to, int limit);

    /**
     * Sets module-owned attributes on a stored message; keys are stored under the module's id
     * ({@code attrs.<module-id>.<key>}), so modules never overwrite each other's or Slack's fields. Idempotent.
     */
    void annotate(String channelId, String ts, java.util.Map<String, Object> attrs);
}
