package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code module_runs} table: one row per (event, module handler), its stage and state. Methods run on the current
 * transaction's handle when called inside {@link Database#transaction}, so dispatch and enqueue commit together.
 */
public final class ModuleRunRepository {

    private final Database db;

    public ModuleRunRepository(Database db) {
        this.db = db;
    }

    /** A run taken by a worker: its attempt count (this one included), its stage and the stored event. */
    public record Claim(int attempts, String stage, Map<String, Object> event) {}

    /** One run as stored: which handler of which module, for which event, its state and its attempts so far. */
    public record Run(String moduleId, String handler, String eventKey, String state, int attempts, String lastError) {}

    /** A queued run taken by a batch job: its event key, attempt count (this one included), stage and stored event. */
    public record BatchClaim(String eventKey, int attempts, String stage, Map<String, Object> event) {}

    /** A run released from waiting: its module and handler. */
    public record Released(String moduleId, String handler) {}

    /** A run to insert for an event: which handler of which module, its stage and its first state. */
    public record NewRun(String moduleId, String handler, String stage, String state) {}

    /**
     * Inserts the runs of one event, each unless the event already has one for its handler, with one statement (an
     * event interests several handlers; a statement each cost a round trip each on the ingestion path).
     *
     * @return the runs inserted, in the order given
     */
    public List<NewRun> insertEach(String eventKey, String eventJson, List<NewRun> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> inserted = new java.util.HashSet<>(db.withHandle(h -> h.createQuery("""
                        insert into module_runs (event_key, module_id, handler, stage, state, event)
                        select :key, r.m, r.h, r.s, r.st, cast(:event as jsonb)
                          from unnest(cast(:modules as text[]), cast(:handlers as text[]), cast(:stages as text[]),
                                      cast(:states as text[])) as r(m, h, s, st)
                        on conflict do nothing
                        returning module_id || '/' || handler""")
                .bind("key", eventKey)
                .bind("event", eventJson)
                .bind("modules", runs.stream().map(NewRun::moduleId).toArray(String[]::new))
                .bind("handlers", runs.stream().map(NewRun::handler).toArray(String[]::new))
                .bind("stages", runs.stream().map(NewRun::stage).toArray(String[]::new))
                .bind("states", runs.stream().map(NewRun::state).toArray(String[]::new))
                .mapTo(String.class)
                .list()));
        return runs.stream()
                .filter(r -> inserted.contains(r.moduleId() + "/" + r.handler()))
                .toList();
    }

    /** Inserts a run unless the event already has one for this handler; whether it was inserted. */
    public boolean insert(
            String eventKey, String moduleId, String handler, String stage, String state, String eventJson) {
        return db.withHandle(h -> h.createUpdate("""
                        insert into module_runs (event_key, module_id, handler, stage, state, event)
                        values (:key, :module, :handler, :stage, :state, cast(:event as jsonb))
                        on conflict do nothing""")
                        .bind("key", eventKey)
                        .bind("module", moduleId)
                        .bind("handler", handler)
                        .bind("stage", stage)
                        .bind("state", state)
                        .bind("event", eventJson)
                        .execute())
                == 1;
    }

    /**
     * Inserts the runs of one handler for several events, as {@link #insert} does each, with one statement.
     *
     * @return the event keys whose run was inserted
     */
    public List<String> insertAll(
            List<String> eventKeys, String moduleId, String handler, String stage, String state, List<String> events) {
        if (eventKeys.isEmpty()) {
            return List.of();
        }
        return db.withHandle(h -> h.createQuery("""
                        insert into module_runs (event_key, module_id, handler, stage, state, event)
                        select r.k, :module, :handler, :stage, :state, cast(r.e as jsonb)
                          from unnest(cast(:keys as text[]), cast(:events as text[])) as r(k, e)
                        on conflict do nothing
                        returning event_key""")
                .bind("keys", eventKeys.toArray(String[]::new))
                .bind("events", events.toArray(String[]::new))
                .bind("module", moduleId)
                .bind("handler", handler)
                .bind("stage", stage)
                .bind("state", state)
                .mapTo(String.class)
                .list());
    }

    /** The handlers ({@code module/handler}) that have a run of the event. */
    public List<String> handlersOf(String eventKey) {
        return db.withHandle(
                h -> h.createQuery("select module_id || '/' || handler from module_runs where event_key = :key")
                        .bind("key", eventKey)
                        .mapTo(String.class)
                        .list());
    }

    /** Takes the event's transaction-scoped advisory lock: serialises the finishes and re-dispatches of one event. */
    public void lockEvent(String eventKey) {
        db.withHandle(h -> h.createQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .bind("key", eventKey)
                .mapTo(String.class)
                .one());
    }

    /**
     * {@link #lockEvent}, in a transaction of the runs' own bookkeeping (a run's finish, the release of its event's REACT
     * runs and their claims) whose commit need not wait for the disk ({@link Database#UNFLUSHED_COMMIT}): lost in a
     * PostgreSQL crash, the run is still running, and its job, run again, does it again.
     */
    public void lockEventUnflushed(String eventKey) {
        db.withHandle(h -> h.createQuery("select pg_advisory_xact_lock(hashtext(:key)), " + Database.UNFLUSHED_COMMIT)
                .bind("key", eventKey)
                .mapTo(String.class)
                .one());
    }

    /** Takes {@link #lockEvent}'s locks of several events, in one order (so that two callers never wait on each other). */
    public void lockEvents(List<String> eventKeys) {
        db.withHandle(h -> h.createQuery("""
                        select count(pg_advisory_xact_lock(l)) from (
                          select distinct hashtext(k) as l from unnest(cast(:keys as text[])) as k order by 1) s""")
                .bind("keys", eventKeys.toArray(String[]::new))
                .mapTo(Integer.class)
                .one());
    }

    /** How many ENRICH runs of the event are neither done nor failed. */
    public int unfinishedEnrichRuns(String eventKey) {
        return db.withHandle(h ->
                h.createQuery("""
                        select count(*) from module_runs
                         where event_key = :key and stage = 'ENRICH' and state not in ('done', 'failed')""").bind("key", eventKey).mapTo(Integer.class).one());
    }

    /** Marks the event's waiting runs enqueued and returns them. */
    public List<Released> releaseWaiting(String eventKey) {
        return db.withHandle(h -> h.createQuery("""
                        update module_runs set state = 'enqueued', updated_at = now()
                         where event_key = :key and state = 'waiting'
                        returning module_id, handler""")
                .bind("key", eventKey)
                .map((rs, ctx) -> new Released(rs.getString(1), rs.getString(2)))
                .list());
    }

    /**
     * Marks the event's waiting runs enqueued, and returns them, if none of its ENRICH runs is unfinished: {@link
     * #unfinishedEnrichRuns} and {@link #releaseWaiting} in one statement. Call it holding {@link #lockEvent}.
     */
    public List<Released> releaseWaitingIfEnriched(String eventKey) {
        return db.withHandle(h -> h.createQuery("""
                        update module_runs set state = 'enqueued', updated_at = now()
                         where event_key = :key and state = 'waiting'
                           and not exists (select from module_runs e
                                            where e.event_key = :key and e.stage = 'ENRICH'
                                              and e.state not in ('done', 'failed'))
                        returning module_id, handler""")
                .bind("key", eventKey)
                .map((rs, ctx) -> new Released(rs.getString(1), rs.getString(2)))
                .list());
    }

    /**
     * Sets an ENRICH run's state and last error, as {@link #finish} does, and, when {@code release} and none of the
     * event's other ENRICH runs is unfinished, marks the event's waiting runs enqueued and returns them: one statement
     * for what took three. Call it holding {@link #lockEvent}.
     */
    public List<Released> finishEnrich(
            String eventKey, String moduleId, String handler, String state, String error, boolean release) {
        return db.withHandle(h -> h.createQuery("""
                        with finished as (
                          update module_runs set state = :state, last_error = :error, claimed_by = null, updated_at = now()
                           where event_key = :key and module_id = :module and handler = :handler
                          returning 1)
                        update module_runs set state = 'enqueued', updated_at = now()
                         where :release and event_key = :key and state = 'waiting'
                           and not exists (select from module_runs e
                                            where e.event_key = :key and e.stage = 'ENRICH'
                                              and e.state not in ('done', 'failed')
                                              and not (e.module_id = :module and e.handler = :handler))
                        returning module_id, handler""")
                .bind("state", state)
                .bind("error", error)
                .bind("key", eventKey)
                .bind("module", moduleId)
                .bind("handler", handler)
                .bind("release", release)
                .map((rs, ctx) -> new Released(rs.getString(1), rs.getString(2)))
                .list());
    }

    /** Marks a run running and counts the attempt; empty when it already finished. */
    public Optional<Claim> claim(String eventKey, String moduleId, String handler) {
        return db.withHandle(h -> h.createQuery("""
                        update module_runs set state = 'running', attempts = attempts + 1, updated_at = now()
                         where event_key = :key and module_id = :module and handler = :handler and state not in ('done', 'failed')
                        returning attempts, stage, event""")
                .bind("key", eventKey)
                .bind("module", moduleId)
                .bind("handler", handler)
                .map((rs, ctx) ->
                        new Claim(rs.getInt("attempts"), rs.getString("stage"), Json.readMap(rs.getString("event"))))
                .findOne());
    }

    /** A claimed run and the stored message of its event (empty when the message is not stored). */
    public record ClaimWithMessage(Claim claim, Optional<dev.ratchet.spi.Message> message) {}

    /**
     * {@link #claim} and the event's message ({@link MessageRepository#get}) read in one statement: each job of an event
     * took two round trips for them. Its commit does not wait for the disk ({@link Database#UNFLUSHED_COMMIT}): a claim
     * lost in a PostgreSQL crash leaves the run as it was, and its job, run again, claims it again.
     */
    public Optional<ClaimWithMessage> claimWithMessage(String eventKey, String moduleId, String handler) {
        return claimWithMessage(eventKey, moduleId, handler, null);
    }

    /**
     * {@link #claimWithMessage}, the run recorded as taken by the job {@code runner} ({@code claimed_by}): the ENRICH job
     * that released it runs it in its own worker, and, run again after its process died, takes it back with {@link
     * #reclaimEvent}; a null {@code runner} leaves {@code claimed_by} as it was.
     */
    public Optional<ClaimWithMessage> claimWithMessage(
            String eventKey, String moduleId, String handler, java.util.UUID runner) {
        return db.withHandle(h -> h.createQuery("""
                        with c as (
                          update module_runs set state = 'running', attempts = attempts + 1, updated_at = now(),
                                 claimed_by = coalesce(cast(:job as uuid), claimed_by)
                           where event_key = :key and module_id = :module and handler = :handler
                             and state not in ('done', 'failed')
                          returning attempts, stage, event)
                        select c.attempts, c.stage, c.event, m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at,
                               """ + Database.UNFLUSHED_COMMIT + """
                          from c left join messages m on m.channel_id = c.event ->> 'channel' and m.ts = c.event ->> 'ts'""")
                .bind("key", eventKey)
                .bind("module", moduleId)
                .bind("handler", handler)
                .bind("job", runner)
                .map((rs, ctx) -> new ClaimWithMessage(
                        new Claim(rs.getInt("attempts"), rs.getString("stage"), Json.readMap(rs.getString("event"))),
                        rs.getString("ts") == null
                                ? Optional.empty()
                                : Optional.of(MessageRepository.MAPPER.map(rs, ctx))))
                .findOne());
    }

    /** When a run was last updated (for a finished run, when it finished), by event and handler. */
    public record Updated(String eventKey, String moduleId, String handler, String stage, java.time.Instant at) {}

    /** The runs of these events with when each was last updated, for reports ({@code ratchet bench reply}). */
    public List<Updated> updated(List<String> eventKeys) {
        return db.withHandle(h -> h.createQuery("""
                        select event_key, module_id, handler, stage, updated_at from module_runs
                         where event_key = any(cast(:keys as text[]))""")
                .bind("keys", eventKeys.toArray(String[]::new))
                .map((rs, ctx) -> new Updated(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list());
    }

    /** A run of an event taken back by the job that had taken it, with the event's message. */
    public record Reclaimed(String moduleId, String handler, ClaimWithMessage claim) {}

    /**
     * The runs of an event that the job {@code runner} took ({@link #claimWithMessage(String, String, String,
     * java.util.UUID)}) and did not finish (its process died while running them), taken again with the attempt counted.
     */
    public List<Reclaimed> reclaimEvent(String eventKey, java.util.UUID runner) {
        return db.withHandle(h -> h.createQuery("""
                        with c as (
                          update module_runs set attempts = attempts + 1, updated_at = now()
                           where claimed_by = :job and event_key = :key and state = 'running'
                          returning module_id, handler, attempts, stage, event)
                        select c.module_id, c.handler, c.attempts, c.stage, c.event,
                               m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at
                          from c left join messages m on m.channel_id = c.event ->> 'channel' and m.ts = c.event ->> 'ts'""")
                .bind("key", eventKey)
                .bind("job", runner)
                .map((rs, ctx) -> new Reclaimed(
                        rs.getString("module_id"),
                        rs.getString("handler"),
                        new ClaimWithMessage(
                                new Claim(
                                        rs.getInt("attempts"),
                                        rs.getString("stage"),
                                        Json.readMap(rs.getString("event"))),
                                rs.getString("ts") == null
                                        ? Optional.empty()
                                        : Optional.of(MessageRepository.MAPPER.map(rs, ctx)))))
                .list());
    }

    /**
     * Takes up to {@code n} of a handler's queued runs for the batch job {@code jobId}, live events first, then the
     * oldest: marks them running, counts the attempt and records the job (so that the job, run again after its
     * process died, takes them back with {@link #reclaim}). Concurrent batch jobs take different runs.
     */
    public List<BatchClaim> claimQueued(String moduleId, String handler, java.util.UUID jobId, int n) {
        return db.withHandle(h -> h.createQuery("""
                        update module_runs r set state = 'running', attempts = r.attempts + 1, updated_at = now(),
                               claimed_by = :job
                          from (select event_key from module_runs
                                 where module_id = :module and handler = :handler and state = 'queued'
                                 order by ((event ->> 'live') = 'true') desc, created_at
                                 limit :n for update skip locked) q
                         where r.event_key = q.event_key and r.module_id = :module and r.handler = :handler
                        returning r.event_key, r.attempts, r.stage, r.event""")
                .bind("module", moduleId)
                .bind("handler", handler)
                .bind("job", jobId)
                .bind("n", n)
                .map(BATCH_CLAIM)
                .list());
    }

    /**
     * The runs the batch job {@code jobId} took and did not finish (its process died while running them), taken again
     * with the attempt counted.
     */
    public List<BatchClaim> reclaim(String moduleId, String handler, java.util.UUID jobId) {
        return db.withHandle(h -> h.createQuery("""
                        update module_runs set attempts = attempts + 1, updated_at = now()
                         where claimed_by = :job and module_id = :module and handler = :handler and state = 'running'
                        returning event_key, attempts, stage, event""")
                .bind("module", moduleId)
                .bind("handler", handler)
                .bind("job", jobId)
                .map(BATCH_CLAIM)
                .list());
    }

    private static final org.jdbi.v3.core.mapper.RowMapper<BatchClaim> BATCH_CLAIM = (rs, ctx) -> new BatchClaim(
            rs.getString("event_key"),
            rs.getInt("attempts"),
            rs.getString("stage"),
            Json.readMap(rs.getString("event")));

    /** Marks a handler's runs of these events done, with one statement. */
    public void finishDone(String moduleId, String handler, List<String> eventKeys) {
        if (eventKeys.isEmpty()) {
            return;
        }
        db.withHandle(h -> h.createUpdate("""
                        update module_runs set state = 'done', last_error = null, claimed_by = null, updated_at = now()
                         where module_id = :module and handler = :handler and event_key = any(cast(:keys as text[]))""")
                .bind("module", moduleId)
                .bind("handler", handler)
                .bind("keys", eventKeys.toArray(String[]::new))
                .execute());
    }

    /** Which of these events have runs waiting for their ENRICH stage to finish. */
    public List<String> withWaitingRuns(List<String> eventKeys) {
        if (eventKeys.isEmpty()) {
            return List.of();
        }
        return db.withHandle(h -> h.createQuery("""
                        select distinct event_key from module_runs
                         where event_key = any(cast(:keys as text[])) and state = 'waiting'""")
                .bind("keys", eventKeys.toArray(String[]::new))
                .mapTo(String.class)
                .list());
    }

    /** A run left {@code running} by the job that took it ({@code claimed_by}), last updated at {@code attempts}. */
    public record Taken(String eventKey, String moduleId, String handler, int attempts, java.util.UUID job) {}

    /**
     * Up to {@code limit} runs left {@code running} by a job that took them ({@code claimed_by}: an ENRICH job running
     * a released REACT run in its own worker, a batch job) and last updated before {@code age} ago; whether their job
     * is still at it is JobRunr's to say.
     */
    public List<Taken> runningTakenBefore(java.time.Duration age, int limit) {
        return db.withHandle(h -> h.createQuery("""
                        select event_key, module_id, handler, attempts, claimed_by from module_runs
                         where state = 'running' and claimed_by is not null
                           and updated_at < now() - cast(:age as interval)
                         order by updated_at limit :limit""")
                .bind("age", age.toMillis() + " milliseconds")
                .bind("limit", limit)
                .map((rs, ctx) -> new Taken(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getObject(5, java.util.UUID.class)))
                .list());
    }

    /**
     * Hands a run left running by the job {@code from} to the job {@code to}, if it is still as {@link
     * #runningTakenBefore} found it; whether it was.
     */
    public boolean handOver(Taken run, java.util.UUID to) {
        return db.withHandle(h -> h.createUpdate("""
                                update module_runs set claimed_by = :to, updated_at = now()
                                 where event_key = :key and module_id = :module and handler = :handler
                                   and state = 'running' and claimed_by = :from""")
                        .bind("to", to)
                        .bind("from", run.job())
                        .bind("key", run.eventKey())
                        .bind("module", run.moduleId())
                        .bind("handler", run.handler())
                        .execute())
                == 1;
    }

    /** The handlers with runs queued for a batch since before {@code age} ago: their batch job may have been lost. */
    public List<Released> queuedOlderThan(java.time.Duration age) {
        return db.withHandle(h -> h.createQuery("""
                        select distinct module_id, handler from module_runs
                         where state = 'queued' and created_at < now() - cast(:age as interval)""")
                .bind("age", age.toSeconds() + " seconds")
                .map((rs, ctx) -> new Released(rs.getString(1), rs.getString(2)))
                .list());
    }

    /** An event as stored with its runs, and its message (empty when the message is not stored). */
    public record EventWithMessage(Map<String, Object> event, Optional<dev.ratchet.spi.Message> message) {}

    /**
     * The stored event of {@code eventKey} and its message as stored now, in one query; empty when the event has no
     * run. The event is a REACT run's when it has one: runs of one key may carry different events (onboarding stored
     * the message as history, enriched with {@code live} false, before its live event added the REACT runs), and a
     * REACT run's filter must see the live event it was dispatched for, not whichever row comes first.
     */
    public Optional<EventWithMessage> eventWithMessage(String eventKey) {
        return db.withHandle(h -> h.createQuery("""
                        select r.event, m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at
                          from (select event from module_runs where event_key = :key
                                 order by stage = 'REACT' desc, (event ->> 'live') = 'true' desc limit 1) r
                          left join messages m on m.channel_id = r.event ->> 'channel' and m.ts = r.event ->> 'ts'""")
                .bind("key", eventKey)
                .map((rs, ctx) -> new EventWithMessage(
                        Json.readMap(rs.getString("event")),
                        rs.getString("ts") == null
                                ? Optional.empty()
                                : Optional.of(MessageRepository.MAPPER.map(rs, ctx))))
                .findOne());
    }

    /** Marks some of an event's runs ({@code moduleId/handler}) done with {@code note}, with one statement. */
    public void finishSkipped(String eventKey, List<String> moduleHandlers, String note) {
        if (moduleHandlers.isEmpty()) {
            return;
        }
        db.withHandle(h -> h.createUpdate("""
                        update module_runs set state = 'done', last_error = :note, claimed_by = null, updated_at = now()
                         where event_key = :key and module_id || '/' || handler = any(cast(:runs as text[]))""")
                .bind("note", note)
                .bind("key", eventKey)
                .bind("runs", moduleHandlers.toArray(String[]::new))
                .execute());
    }

    /**
     * Sets a run's state and last error. Its commit does not wait for the disk ({@link Database#UNFLUSHED_COMMIT}): lost
     * in a PostgreSQL crash, the run is running again, and its job runs it again, as after the bot's crash.
     */
    public void finish(String eventKey, String moduleId, String handler, String state, String error) {
        db.withHandle(h -> h.createQuery("""
                        update module_runs set state = :state, last_error = :error, claimed_by = null, updated_at = now()
                         where event_key = :key and module_id = :module and handler = :handler
                        """ + " returning " + Database.UNFLUSHED_COMMIT)
                .bind("state", state)
                .bind("error", error)
                .bind("key", eventKey)
                .bind("module", moduleId)
                .bind("handler", handler)
                .mapTo(String.class)
                .list());
    }

    /** Unfinished runs counted by {@code module_id/state}. */
    public Map<String, Long> unfinishedByModuleAndState() {
        return db.withHandle(h -> h.createQuery("""
                        select module_id || '/' || state, count(*) from module_runs
                         where state not in ('done', 'failed') group by module_id, state""")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Runs of events whose key matches the SQL {@code like} pattern. */
    public int countWhereEventKeyLike(String pattern) {
        return db.withHandle(h -> h.createQuery("select count(*) from module_runs where event_key like :k")
                .bind("k", pattern)
                .mapTo(Integer.class)
                .one());
    }

    /** Runs of events whose key matches the SQL {@code like} pattern that are neither done nor failed. */
    public int countUnfinishedWhereEventKeyLike(String pattern) {
        return db.withHandle(h -> h.createQuery(
                        "select count(*) from module_runs where event_key like :k and state not in ('done', 'failed')")
                .bind("k", pattern)
                .mapTo(Integer.class)
                .one());
    }

    /** Runs neither done nor failed, of every event. */
    public int countUnfinished() {
        return db.withHandle(
                h -> h.createQuery("select count(*) from module_runs where state not in ('done', 'failed')")
                        .mapTo(Integer.class)
                        .one());
    }

    /** Whether any run is neither done nor failed: read through the index of open runs, what is left, not the table. */
    public boolean anyUnfinished() {
        return db.withHandle(
                h -> h.createQuery("select exists (select 1 from module_runs where state not in ('done', 'failed'))")
                        .mapTo(Boolean.class)
                        .one());
    }

    /** Runs of a team's events still waiting, enqueued, queued for a batch or running. */
    public int countBusyOfTeam(String teamId) {
        return db.withHandle(h ->
                h.createQuery("""
                        select count(*) from module_runs
                         where event ->> 'team' = :team and state in ('waiting', 'enqueued', 'queued', 'running')""").bind("team", teamId).mapTo(Integer.class).one());
    }

    /** One line per run of an event, by module and handler: {@code module:handler state after n attempt(s)[: error]}. */
    public List<String> describe(String eventKey) {
        return db.withHandle(h ->
                h.createQuery("""
                        select module_id || ':' || handler || ' ' || state || ' after ' || attempts || ' attempt(s)'
                               || coalesce(': ' || last_error, '')
                          from module_runs where event_key = :key order by module_id, handler""").bind("key", eventKey).mapTo(String.class).list());
    }

    /** Runs of one event that are neither done nor failed. */
    public int countUnfinished(String eventKey) {
        return db.withHandle(h -> h.createQuery(
                        "select count(*) from module_runs where event_key = :key and state not in ('done', 'failed')")
                .bind("key", eventKey)
                .mapTo(Integer.class)
                .one());
    }

    /** The runs of events whose key matches the SQL {@code like} pattern, by module, handler and event. */
    public List<Run> runsWhereEventKeyLike(String pattern) {
        return runs("event_key like :k", pattern);
    }

    /** The runs of one event, by module and handler. */
    public List<Run> runsOfEvent(String eventKey) {
        return runs("event_key = :k", eventKey);
    }

    /** The runs of one module's handlers, by handler and event. */
    public List<Run> runsOfModule(String moduleId) {
        return runs("module_id = :k", moduleId);
    }

    private List<Run> runs(String where, String value) {
        return db.withHandle(h -> h.createQuery(
                        "select module_id, handler, event_key, state, attempts, last_error from module_runs where "
                                + where + " order by module_id, handler, event_key")
                .bind("k", value)
                .map((rs, ctx) -> new Run(
                        rs.getString("module_id"),
                        rs.getString("handler"),
                        rs.getString("event_key"),
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        rs.getString("last_error")))
                .list());
    }
}
