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

    /**
     * Several threads at once: for each of {@code parents} (a thread's parent message), in their order, what
     * {@link #thread} returns for it, an empty list when the parent is not stored; a parent given twice is read once.
     * The default (for implementations predating it) asks {@link #thread} for each; core reads them with one query.
     *
     * @since 0.2
     */
    default java.util.Map<MessageRef, List<Message>> threads(java.util.Collection<MessageRef> parents) {
        java.util.Map<MessageRef, List<Message>> threads = new java.util.LinkedHashMap<>();
        for (MessageRef parent : parents) {
            threads.computeIfAbsent(parent, p -> thread(p.channelId(), p.ts()));
        }
        return threads;
    }

    /** The top-level messages of a channel posted in {@code [from, to)}, oldest first, at most {@code limit}. */
    List<Message> window(String channelId, Instant from, Instant to, int limit);

    /**
     * Sets module-owned attributes on a stored message; keys are stored under the module's id
     * ({@code attrs.<module-id>.<key>}), so modules never overwrite each other's or Slack's fields. Idempotent.
     */
    void annotate(String channelId, String ts, java.util.Map<String, Object> attrs);

    /**
     * Stores the embedding of a message (from {@link LlmService#embed}), replacing any earlier one. Idempotent.
     *
     * @throws IllegalArgumentException when the vector's dimension is not the database's
     * @since 0.1
     */
    void setEmbedding(String channelId, String ts, float[] vector);

    /**
     * Messages that a module annotated with attributes containing {@code match} (every key equal; nested maps
     * compare as subsets), posted in {@code [since, until)}, oldest first. For instance the messages a module marked
     * done: {@code annotatedBy("my-module", Map.of("state", "done"), ...)}. Alerts have their own service,
     * {@link AlertService}.
     *
     * @param channelId a channel, or null for every channel
     * @since 0.1
     */
    List<Message> annotatedBy(
            String moduleId,
            java.util.Map<String, Object> match,
            String channelId,
            Instant since,
            Instant until,
            int limit);

    /**
     * Hybrid search: a lexical ranking (PostgreSQL full text, GIN index) and a semantic one (pgvector: exact, binary
     * codes or an IVFFlat index, by the window's size)
     * of the messages in the window, fused by reciprocal rank. Deleted messages are never returned. Since 0.2 a thread
     * (a top-level message and its replies) gives at most one hit, its best-ranked message; {@link #thread} reads the
     * rest.
     *
     * @since 0.1
     */
    List<SearchHit> search(Search search);

    /**
     * {@link #search(Search)} for results that will be shown in channel {@code channelId}: posted there, or given to a
     * model whose answer is posted there. Returns only messages of that channel and of public channels; a private
     * channel's, a DM's or a group DM's messages are returned only when {@code channelId} is that same conversation, and
     * a channel whose kind is unknown counts as private. The setting {@code search.quote-from=same-channel} narrows it to
     * {@code channelId} alone. Use this, not {@link #search(Search)}, whenever the results reach Slack. The default (for
     * implementations predating it) keeps the hits of {@code channelId} only.
     *
     * @param channelId the channel the results will be shown in
     * @since 0.2
     */
    default List<SearchHit> searchVisibleIn(String channelId, Search search) {
        java.util.Objects.requireNonNull(channelId, "channelId");
        return search(search).stream()
                .filter(hit -> channelId.equals(hit.message().channelId()))
                .toList();
    }

    /**
     * Whether a message of channel {@code sourceChannelId} may be quoted (or summarised) in channel {@code channelId},
     * by the rule of {@link #searchVisibleIn}: the same channel always, a public channel unless
     * {@code search.quote-from=same-channel}, a private channel, DM or unknown channel never. Modules that read other
     * channels' messages by other means (alert occurrences, threads) filter them with this before posting. The default
     * (for implementations predating it) allows the same channel only.
     *
     * @since 0.2
     */
    default boolean visibleIn(String sourceChannelId, String channelId) {
        return sourceChannelId != null && sourceChannelId.equals(channelId);
    }

    /**
     * A search request.
     *
     * @param text        what to look for; used for both rankings unless {@code semanticText} is given
     * @param semanticText a different text for the semantic ranking (a runbook's semantic query), or null
     * @param channelIds  channels to search, empty for all
     * @param since       window start (inclusive)
     * @param until       window end (exclusive)
     * @param limit       at most this many hits (1 to 100)
     * @param includeBots whether messages posted by bots and integrations (alerts, the bot's own posts) count
     * @since 0.1
     */
    record Search(
            String text,
            String semanticText,
            List<String> channelIds,
            Instant since,
            Instant until,
            int limit,
            boolean includeBots) {
        public Search {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a search needs text");
            }
            if (limit < 1 || limit > 100) {
                throw new IllegalArgumentException("limit must be between 1 and 100, was " + limit);
            }
            channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        }
    }

    /**
     * One search result.
     *
     * @param message      the message
     * @param score        its fused score (higher is better)
     * @param lexicalRank  its rank in the lexical list, 0 when not in it
     * @param semanticRank its rank in the semantic list, 0 when not in it
     * @since 0.1
     */
    record SearchHit(Message message, double score, int lexicalRank, int semanticRank) {}
}
