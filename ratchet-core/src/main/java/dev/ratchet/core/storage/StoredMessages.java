package dev.ratchet.core.storage;

import dev.ratchet.spi.Message;
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

    public StoredMessages(Database db, MessageRepository repository, String moduleId) {
        this.db = db;
        this.repository = repository;
        this.moduleId = moduleId;
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
    public List<Message> window(String channelId, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        return repository.window(channelId, from, to, limit);
    }

    @Override
    public void annotate(String channelId, String ts, Map<String, Object> attrs) {
        db.inTransaction(h -> {
            repository.annotate(h, channelId, ts, moduleId, attrs);
            return null;
        });
    }
}
