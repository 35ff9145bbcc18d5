package dev.ratchet.core.storage;

import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.MessageService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link MessageService} over the messages table, for one module (its annotations go under its id). */
public final class StoredMessages implements MessageService {

    private final Database db;
    private final MessageRepository repository;
    private final String moduleId;
    private final HybridSearch search;
    private final QueryEmbedder embedder;
    private final int dimension;
    private final DirectoryRepository directory;
    private final boolean sameChannelOnly;

    /** Embeds search text; empty when embeddings are unavailable (search then ranks lexically only). */
    @FunctionalInterface
    public interface QueryEmbedder {
        Optional<float[]> embed(String text);
    }

    /**
     * {@code maxDistance}: the semantic ranking's floor, {@code search.max-distance} (see {@link HybridSearch});
     * {@code sameChannelOnly}: {@code search.quote-from=same-channel} (see {@link SearchSettings}); {@code
     * relevanceCut}: {@code search.relevance-cut}, the cut's probability threshold, {@link SearchCut#OFF} for none (see
     * {@link SearchCut}).
     */
    public StoredMessages(
            Database db,
            MessageRepository repository,
            String moduleId,
            QueryEmbedder embedder,
            int dimension,
            double maxDistance,
            boolean sameChannelOnly,
            double relevanceCut) {
        this.db = db;
        this.directory = new DirectoryRepository(db);
        this.sameChannelOnly = sameChannelOnly;
        this.repository = repository;
        this.moduleId = moduleId;
        this.search = new HybridSearch(db, repository, maxDistance, true, relevanceCut);
        this.embedder = embedder;
        this.dimension = dimension;
    }

    @Override
    public Optional<Message> get(String channelId, String ts) {
        return repository.get(channelId, ts);
    }

    @Override
    public List<Message> thread(String channelId, String threadTs) {
        return repository.thread(channelId, threadTs);
    }

    @Override
    public Map<MessageRef, List<Message>> threads(java.util.Collection<MessageRef> parents) {
        return repository.threads(List.copyOf(parents));
    }

    @Override
    public List<Message> window(String channelId, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        return repository.window(channelId, from, to, limit);
    }

    @Override
    public void setEmbedding(String channelId, String ts, float[] vector) {
        if (vector == null || vector.length != dimension) {
            throw new IllegalArgumentException(
                    "the database holds " + dimension + "-dimension embeddings; this vector has "
                            + (vector == null ? "none" : vector.length) + " (embed with ctx.llm().embed)");
        }
        repository.setEmbedding(channelId, ts, vector);
    }

    @Override
    public List<Message> annotatedBy(
            String namespace, Map<String, Object> match, String channelId, Instant since, Instant until, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        return repository.annotatedBy(namespace, match, channelId, since, until, limit);
    }

    @Override
    public List<SearchHit> search(Search query) {
        return search.search(query, embedder.embed(query.semanticText() != null ? query.semanticText() : query.text()));
    }

    @Override
    public List<SearchHit> searchVisibleIn(String channelId, Search query) {
        if (channelId == null || channelId.isBlank()) {
            throw new IllegalArgumentException("searchVisibleIn needs the channel the results will be shown in");
        }
        return search.search(
                query,
                new HybridSearch.Audience(channelId, sameChannelOnly),
                embedder.embed(query.semanticText() != null ? query.semanticText() : query.text()));
    }

    /** The one quoting rule (see {@link MessageService#visibleIn}); the search applies it in SQL. */
    @Override
    public boolean visibleIn(String sourceChannelId, String channelId) {
        if (sourceChannelId == null || channelId == null) {
            return false;
        }
        return sourceChannelId.equals(channelId) || (!sameChannelOnly && directory.isPublic(sourceChannelId));
    }

    @Override
    public void annotate(String channelId, String ts, Map<String, Object> attrs) {
        db.inTransaction(h -> {
            repository.annotate(h, channelId, ts, moduleId, attrs);
            return null;
        });
    }
}
