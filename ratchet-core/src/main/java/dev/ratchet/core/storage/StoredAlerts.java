package dev.ratchet.core.storage;

import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.AlertService;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link AlertService} over the messages table, one for every module (alerts are not namespaced by module). */
public final class StoredAlerts implements AlertService {

    private final AlertRepository repository;

    public StoredAlerts(AlertRepository repository) {
        this.repository = repository;
    }

    @Override
    public void record(AlertEvent event) {
        // in a module run (the classifier's), the run's own bookkeeping: its commit need not wait for the disk
        repository.record(
                Objects.requireNonNull(event, "event"),
                dev.ratchet.core.jobs.CurrentEvent.get().isPresent());
    }

    @Override
    public void retract(MessageRef message) {
        repository.retract(Objects.requireNonNull(message, "message"));
    }

    @Override
    public void pair(MessageRef open, MessageRef close, Duration duration) {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("a pair needs a duration of 0 or more, was " + duration);
        }
        repository.pair(open, close, duration);
    }

    @Override
    public void reopen(MessageRef open) {
        repository.reopen(Objects.requireNonNull(open, "open"));
    }

    @Override
    public Optional<AlertEvent> of(Message message) {
        return AlertRepository.of(Objects.requireNonNull(message, "message"));
    }

    @Override
    public List<AlertEvent> inChannel(String channelId, AlertEvent.Action action, Instant from, Instant to, int limit) {
        return repository.find(
                Objects.requireNonNull(channelId, "channelId"), null, null, action, false, from, to, checked(limit));
    }

    @Override
    public List<AlertEvent> occurrences(
            String service,
            String alert,
            AlertEvent.Action action,
            String channelId,
            Instant from,
            Instant to,
            int limit) {
        return repository.find(
                channelId,
                Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(alert, "alert"),
                action,
                false,
                from,
                to,
                checked(limit));
    }

    @Override
    public List<AlertEvent> open(String channelId, Instant from, Instant to, int limit) {
        return repository.find(
                Objects.requireNonNull(channelId, "channelId"),
                null,
                null,
                AlertEvent.Action.OPEN,
                true,
                from,
                to,
                checked(limit));
    }

    private static int checked(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        return limit;
    }
}
