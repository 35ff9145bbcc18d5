package dev.ratchet.testkit;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.Message;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every row {@link TestBot} reads or seeds, in one place: the only testkit class that touches the database directly,
 * so that moving SQL into core's repositories means re-pointing this class and nothing else.
 */
final class StoredRows {

    private final Ratchet ratchet;

    StoredRows(Ratchet ratchet) {
        this.ratchet = ratchet;
    }

    /** Stores Slack messages as history of {@code channel}, as onboarding and an export import do (no live replies). */
    void storeHistory(String teamId, String channel, List<Map<String, Object>> messages) {
        ratchet.database().inTransaction(h -> {
            for (Map<String, Object> m : messages) {
                ratchet.ingestor().storeHistory(h, teamId, channel, m);
            }
            return null;
        });
    }

    Optional<Message> message(String channel, String ts) {
        return new MessageRepository(ratchet.database()).get(channel, ts);
    }

    List<Message> messages(String channel) {
        return ratchet.database().withHandle(h -> h.createQuery("""
                        select team_id, channel_id, ts, parent_ts, attrs, posted_at from messages
                         where channel_id = :c order by posted_at, ts""")
                .bind("c", channel).map(MessageRepository.MAPPER).list());
    }

    boolean embedded(String channel, String ts) {
        return ratchet.database().withHandle(h -> h.createQuery(
                        "select coalesce(bool_or(embedding is not null), false) from messages where channel_id = :c and ts = :ts")
                .bind("c", channel).bind("ts", ts).mapTo(Boolean.class).one());
    }

    /** The runs of module handlers for events whose key names the message (new, edited, reacted to...). */
    List<TestBot.ModuleRun> runsOf(String channel, String ts) {
        return runs("event_key like :k", "%" + channel + ":" + ts + "%");
    }

    List<TestBot.ModuleRun> runsOfModule(String moduleId) {
        return runs("module_id = :k", moduleId);
    }

    List<TestBot.ModuleRun> runsOfEvent(String eventKey) {
        return runs("event_key = :k", eventKey);
    }

    private List<TestBot.ModuleRun> runs(String where, String value) {
        return ratchet.database().withHandle(h -> h.createQuery(
                        "select module_id, handler, event_key, state, attempts, last_error from module_runs where " + where
                                + " order by module_id, handler, event_key")
                .bind("k", value)
                .map((rs, ctx) -> new TestBot.ModuleRun(rs.getString("module_id"), rs.getString("handler"), rs.getString("event_key"),
                        rs.getString("state"), rs.getInt("attempts"), rs.getString("last_error")))
                .list());
    }

    Optional<Object> moduleState(String moduleId, String key) {
        return ratchet.database().withHandle(h -> h.createQuery(
                        "select value::text from module_state where module_id = :m and key = :k")
                .bind("m", moduleId).bind("k", key).mapTo(String.class).findOne()).map(StoredRows::parse);
    }

    /** The module's state entries whose key starts with {@code keyPrefix}, most recently written first. */
    List<TestBot.StateEntry> moduleStateEntries(String moduleId, String keyPrefix) {
        return ratchet.database().withHandle(h -> h.createQuery("""
                        select key, value::text as value, expires_at from module_state
                         where module_id = :m and starts_with(key, :p) order by updated_at desc, key""")
                .bind("m", moduleId).bind("p", keyPrefix)
                .map((rs, ctx) -> new TestBot.StateEntry(rs.getString("key"), parse(rs.getString("value")),
                        Optional.ofNullable(rs.getObject("expires_at", java.time.OffsetDateTime.class)).map(java.time.OffsetDateTime::toInstant)))
                .list());
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored module state is not JSON: " + json, e);
        }
    }

    List<String> recurringJobIds() {
        String schema = ratchet.database().settings().jobsSchema();
        return ratchet.database().withHandle(h -> h.createQuery("select trim(id) from " + schema + ".jobrunr_recurring_jobs order by 1")
                .mapTo(String.class).list());
    }
}
