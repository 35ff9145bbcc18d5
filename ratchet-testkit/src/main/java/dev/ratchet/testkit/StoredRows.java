package dev.ratchet.testkit;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.core.storage.Storage;
import dev.ratchet.core.storage.StoredAlerts;
import dev.ratchet.core.storage.StoredModuleState;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.Message;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every row {@link TestBot} reads or seeds, in one place, through core's repositories: the testkit opens no database
 * handle of its own.
 */
final class StoredRows {

    private final Ratchet ratchet;
    private final Storage storage;

    StoredRows(Ratchet ratchet) {
        this.ratchet = ratchet;
        this.storage = ratchet.storage();
    }

    /** Stores Slack messages as history of {@code channel}, as onboarding and an export import do (no live replies). */
    void storeHistory(String teamId, String channel, List<Map<String, Object>> messages) {
        storage.transaction(() -> {
            for (Map<String, Object> m : messages) {
                ratchet.ingestor().storeHistory(teamId, channel, m);
            }
            return null;
        });
    }

    Optional<Message> message(String channel, String ts) {
        return storage.messages().get(channel, ts);
    }

    List<Message> messages(String channel) {
        return storage.messages().ofChannel(channel);
    }

    /** The alert event the classifier recorded for the message, read as modules read it ({@code ctx.alerts()}). */
    Optional<AlertEvent> alert(String channel, String ts) {
        return message(channel, ts).flatMap(new StoredAlerts(storage.alerts())::of);
    }

    /** The question the classifier recorded for the message, read as modules read it ({@code ctx.questions()}). */
    Optional<dev.ratchet.spi.Question> question(String channel, String ts) {
        return message(channel, ts).flatMap(new dev.ratchet.core.storage.StoredQuestions(storage.questions())::of);
    }

    boolean embedded(String channel, String ts) {
        return storage.messages().hasEmbedding(channel, ts);
    }

    /** The runs of module handlers for events whose key names the message (new, edited, reacted to...). */
    List<TestBot.ModuleRun> runsOf(String channel, String ts) {
        return runs(storage.moduleRuns().runsWhereEventKeyLike("%" + channel + ":" + ts + "%"));
    }

    List<TestBot.LlmCall> llmCalls(String moduleId) {
        return storage.llmCalls().ofModule(moduleId).stream()
                .map(c -> new TestBot.LlmCall(c.moduleId(), c.purpose(), c.kind(), c.model(), c.error()))
                .toList();
    }

    List<TestBot.ModuleRun> runsOfModule(String moduleId) {
        return runs(storage.moduleRuns().runsOfModule(moduleId));
    }

    List<TestBot.ModuleRun> runsOfEvent(String eventKey) {
        return runs(storage.moduleRuns().runsOfEvent(eventKey));
    }

    private static List<TestBot.ModuleRun> runs(List<ModuleRunRepository.Run> runs) {
        return runs.stream()
                .map(r -> new TestBot.ModuleRun(
                        r.moduleId(), r.handler(), r.eventKey(), r.state(), r.attempts(), r.lastError()))
                .toList();
    }

    /** A module's stored value, expired or not (the module's own reads skip expired ones). */
    Optional<Object> moduleState(String moduleId, String key) {
        return storage.moduleState(moduleId).entries(key).stream()
                .filter(e -> e.key().equals(key))
                .findFirst()
                .map(StoredModuleState.Entry::value);
    }

    /** The module's state entries whose key starts with {@code keyPrefix}, most recently written first. */
    List<TestBot.StateEntry> moduleStateEntries(String moduleId, String keyPrefix) {
        return storage.moduleState(moduleId).entries(keyPrefix).stream()
                .map(e -> new TestBot.StateEntry(e.key(), e.value(), e.expiresAt()))
                .toList();
    }

    List<String> recurringJobIds() {
        return ratchet.jobs().recurringJobIds();
    }
}
