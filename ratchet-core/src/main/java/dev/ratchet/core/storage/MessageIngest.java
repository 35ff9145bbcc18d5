package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import dev.ratchet.core.storage.MessageRepository.Upsert;
import dev.ratchet.core.storage.ModuleRunRepository.NewRun;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Slack message event stored with one statement: its event id recorded (a redelivery stores nothing), the message
 * inserted or merged ({@link MessageRepository#upsert}), the event's module runs inserted when the message is new
 * ({@link ModuleRunRepository#insertEach}), and the marks of the batch queues that the new message and those runs feed
 * turned on ({@link QueueFlags#markQueued}). These were four statements of the ingestion path, a round trip each (and
 * on two shared cores each a wait for one), now one data-modifying CTE, in the caller's transaction: all or nothing
 * with the rest of it (the jobs enqueued for the runs, the commit), as before.
 */
public final class MessageIngest {

    private final Database db;
    private final QueueFlags flags;

    public MessageIngest(Database db) {
        this.db = db;
        this.flags = new QueueFlags(db);
    }

    /**
     * What the statement did.
     *
     * @param duplicate the event id was recorded before: nothing was stored
     * @param upsert    what was done to the message (as {@link MessageRepository#upsert} says)
     * @param runs      the runs inserted, in the order given (none unless the message was inserted)
     * @param marked    the queues whose mark was off and is now on: the caller enqueues their jobs
     */
    public record Stored(boolean duplicate, Upsert upsert, List<NewRun> runs, List<String> marked) {}

    /** A message to store: where, its parent's ts (or null) and its attributes. */
    public record Message(String teamId, String channelId, String ts, String parentTs, Map<String, Object> attrs) {}

    /**
     * Stores {@code message} and, when it is new, the runs of its event and the queues' marks, with one statement.
     *
     * @param eventId     the Slack event id to record first (nothing else is written when it was recorded before), or
     *                    null when there is none or the caller recorded it
     * @param eventType   the Slack event's type, recorded with its id
     * @param eventKey    the key of the event the runs are for
     * @param eventJson   the event as the runs store it
     * @param runs        the runs the event wants, each inserted unless the event has one for its handler already
     * @param runQueues   for each of {@code runs}, the batch queue it feeds when inserted ({@link QueueFlags}), or null
     * @param storedQueue the batch queue a new message feeds itself (its embedding), or null
     */
    public Stored store(
            String eventId,
            String eventType,
            Message message,
            String eventKey,
            String eventJson,
            List<NewRun> runs,
            List<String> runQueues,
            String storedQueue) {
        if (runQueues.size() != runs.size()) {
            throw new IllegalArgumentException(runs.size() + " runs, " + runQueues.size() + " queues");
        }
        // the marks this transaction turned on before are not asked again (QueueFlags.markQueued)
        List<String> queues = new ArrayList<>(runQueues.size());
        for (String q : runQueues) {
            queues.add(q == null || flags.askedInTransaction(q) ? null : q);
        }
        String own = storedQueue == null || flags.askedInTransaction(storedQueue) ? null : storedQueue;
        Stored stored = db.withHandle(h -> h.createQuery("""
                        with ev as (
                            insert into slack_events (event_id, team_id, type)
                            select cast(:id as text), :team, :type where cast(:id as text) is not null
                            on conflict do nothing
                            returning 1),
                        m as (
                            insert into messages as m (team_id, channel_id, ts, parent_ts, attrs)
                            select :team, :channel, :ts, :parent, cast(:attrs as jsonb)
                             where cast(:id as text) is null or exists (select from ev)
                            """ + MessageRepository.ON_CONFLICT_MERGE + """
                            returning (xmax = 0) as inserted),
                        w as (
                            select * from unnest(cast(:modules as text[]), cast(:handlers as text[]),
                                                 cast(:stages as text[]), cast(:states as text[]),
                                                 cast(:queues as text[])) as w(m, h, s, st, q)),
                        r as (
                            insert into module_runs (event_key, module_id, handler, stage, state, event)
                            select :key, w.m, w.h, w.s, w.st, cast(:event as jsonb)
                              from w
                             where exists (select from m where m.inserted)
                            on conflict do nothing
                            returning module_id, handler),
                        q as (
                            select ratchet_mark_queued(a.keys) as k
                              from (select array(select cast(:own as text) where cast(:own as text) is not null
                                                    and exists (select from m where m.inserted)
                                                 union all
                                                 select w.q from w join r on r.module_id = w.m and r.handler = w.h
                                                  where w.q is not null) as keys) as a
                             where cardinality(a.keys) > 0)
                        select (select count(*) from ev) as recorded,
                               (select inserted from m) as inserted,
                               array(select module_id || '/' || handler from r) as runs,
                               array(select k from q) as marked""")
                .bind("id", eventId)
                .bind("type", eventType)
                .bind("team", message.teamId())
                .bind("channel", message.channelId())
                .bind("ts", message.ts())
                .bind("parent", message.parentTs())
                .bind("attrs", Json.write(message.attrs()))
                .bind("key", eventKey)
                .bind("event", eventJson)
                .bind("modules", runs.stream().map(NewRun::moduleId).toArray(String[]::new))
                .bind("handlers", runs.stream().map(NewRun::handler).toArray(String[]::new))
                .bind("stages", runs.stream().map(NewRun::stage).toArray(String[]::new))
                .bind("states", runs.stream().map(NewRun::state).toArray(String[]::new))
                .bind("queues", queues.toArray(String[]::new))
                .bind("own", own)
                .map((rs, ctx) -> {
                    boolean duplicate = eventId != null && rs.getLong("recorded") == 0;
                    Object inserted = rs.getObject("inserted");
                    Upsert upsert = duplicate || inserted == null
                            ? Upsert.UNCHANGED
                            : (Boolean) inserted ? Upsert.INSERTED : Upsert.UPDATED;
                    Set<String> done = Set.copyOf(strings(rs.getArray("runs")));
                    List<NewRun> made = runs.stream()
                            .filter(x -> done.contains(x.moduleId() + "/" + x.handler()))
                            .toList();
                    return new Stored(duplicate, upsert, made, strings(rs.getArray("marked")));
                })
                .one());
        if (stored.upsert() == Upsert.INSERTED) {
            // asked in this transaction, whatever their marks said: as QueueFlags.markQueued records them
            List<String> asked = new ArrayList<>(runs.size() + 1);
            if (own != null) {
                asked.add(own);
            }
            for (int i = 0; i < runs.size(); i++) {
                if (queues.get(i) != null && stored.runs().contains(runs.get(i))) {
                    asked.add(queues.get(i));
                }
            }
            flags.asked(asked);
        }
        return stored;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        String[] values = (String[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        Collections.addAll(out, values);
        return out;
    }
}
