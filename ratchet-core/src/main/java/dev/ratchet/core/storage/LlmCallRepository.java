package dev.ratchet.core.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/** The {@code llm_calls} table: every LLM and embedding request, with its tokens, latency, error and event. */
public final class LlmCallRepository {

    private final Database db;

    public LlmCallRepository(Database db) {
        this.db = db;
    }

    /** A call to record; request and response are JSON text (the response may be null). */
    public record NewCall(
            String teamId,
            String moduleId,
            String purpose,
            String kind,
            String model,
            String requestJson,
            String responseJson,
            Integer promptTokens,
            Integer completionTokens,
            int latencyMillis,
            String error,
            String eventKey,
            String channelId,
            String reasoning,
            Integer contextWindow,
            String traceId) {

        /** A call with no reasoning, window or trace recorded. */
        public NewCall(
                String teamId,
                String moduleId,
                String purpose,
                String kind,
                String model,
                String requestJson,
                String responseJson,
                Integer promptTokens,
                Integer completionTokens,
                int latencyMillis,
                String error,
                String eventKey,
                String channelId) {
            this(
                    teamId,
                    moduleId,
                    purpose,
                    kind,
                    model,
                    requestJson,
                    responseJson,
                    promptTokens,
                    completionTokens,
                    latencyMillis,
                    error,
                    eventKey,
                    channelId,
                    null,
                    null,
                    null);
        }
    }

    /** Calls, errors, tokens and latency of one group ({@code key} is the model or the module). */
    public record Usage(
            String key,
            String kind,
            long calls,
            long errors,
            long promptTokens,
            long completionTokens,
            Long meanLatencyMillis,
            Long p95LatencyMillis) {}

    /** A successful chat call, with the reactions (JSON, or null) on the post it produced. */
    public record ChatCall(
            long id,
            String moduleId,
            String purpose,
            String model,
            String requestJson,
            String responseJson,
            Integer promptTokens,
            Integer completionTokens,
            Integer latencyMillis,
            String eventKey,
            String channelId,
            Instant createdAt,
            String reactionsJson) {}

    /** One recorded call as tests and operators list it: what was asked, and the error or null when it succeeded. */
    public record RecordedCall(
            long id, String moduleId, String purpose, String kind, String model, String error, Instant createdAt) {}

    /** LLM time of the calls of one event, kind and module. */
    public record EventCalls(String eventKey, String kind, String moduleId, long calls, long millis) {}

    /**
     * Records a call. Its commit does not wait for the disk ({@link Database#UNFLUSHED_COMMIT}): the record of what was
     * asked is not an effect outside the database, and the commit that records a post made with the answer (its
     * {@code bot_posts} row) waits, and so writes this one first; a PostgreSQL crash before that loses the record with
     * the run's other bookkeeping, as if the bot had stopped before the call. Inside a caller's transaction, that
     * transaction's commit decides.
     */
    public void insert(NewCall call) {
        String unflushed = db.inOpenTransaction() ? "1" : Database.UNFLUSHED_COMMIT;
        db.withHandle(h -> h.createQuery("""
                        insert into llm_calls (team_id, module_id, purpose, kind, model, request, response, prompt_tokens,
                                               completion_tokens, latency_ms, error, event_key, channel_id, reasoning,
                                               context_window, trace_id)
                        values (:team, :module, :purpose, :kind, :model, cast(:request as jsonb), cast(:response as jsonb), :prompt,
                                :completion, :latency, :error, :event, :channel, :reasoning, :window, :trace)
                        """ + " returning " + unflushed)
                .bind("team", call.teamId())
                .bind("module", call.moduleId())
                .bind("purpose", call.purpose())
                .bind("kind", call.kind())
                .bind("model", call.model())
                .bind("request", call.requestJson())
                .bind("response", call.responseJson())
                .bind("prompt", call.promptTokens())
                .bind("completion", call.completionTokens())
                .bind("latency", call.latencyMillis())
                .bind("error", call.error())
                .bind("event", call.eventKey())
                .bind("channel", call.channelId())
                .bind("reasoning", call.reasoning())
                .bind("window", call.contextWindow())
                .bind("trace", call.traceId())
                .mapTo(String.class)
                .one());
    }

    /** The calls of one module, oldest first. */
    public List<RecordedCall> ofModule(String moduleId) {
        return db.withHandle(h -> h.createQuery(
                        "select id, module_id, purpose, kind, model, error, created_at from llm_calls where module_id = :m order by id")
                .bind("m", moduleId)
                .map((rs, ctx) -> new RecordedCall(
                        rs.getLong("id"),
                        rs.getString("module_id"),
                        rs.getString("purpose"),
                        rs.getString("kind"),
                        rs.getString("model"),
                        rs.getString("error"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list());
    }

    /** Tokens spent since {@code since} by a module, or in a channel when {@code channelId} is given. */
    public long tokensSince(String moduleId, String channelId, OffsetDateTime since) {
        String where = channelId == null ? "module_id = :key" : "channel_id = :key";
        return db.withHandle(h -> h.createQuery(
                        "select coalesce(sum(coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0)), 0) "
                                + "from llm_calls where " + where + " and created_at >= :day")
                .bind("key", channelId == null ? moduleId : channelId)
                .bind("day", since)
                .mapTo(Long.class)
                .one());
    }

    /**
     * Links the successful calls a module made for an event to the post they produced, so feedback on it labels them.
     * Failed calls, invalid answers included, fed no post and are never linked, nor is the tool-calling probe.
     */
    public void linkToPost(long botPostId, String moduleId, String eventKey) {
        // the probe of whether the model calls tools (purpose tool-probe) is no part of the answer
        db.withHandle(h -> h.createUpdate(
                        "update llm_calls set bot_post_id = :id where module_id = :m and event_key = :event and bot_post_id is null and error is null and purpose <> 'tool-probe'")
                .bind("id", botPostId)
                .bind("m", moduleId)
                .bind("event", eventKey)
                .execute());
    }

    /** Usage grouped by {@code model, kind} or by {@code module_id, kind} over {@code [since, until)}. */
    public List<Usage> usage(boolean byModel, Instant since, Instant until) {
        String groupBy = byModel ? "model, kind" : "module_id, kind";
        return db.withHandle(h -> h.createQuery("select " + groupBy + """
                        , count(*) as calls, count(error) as errors,
                               coalesce(sum(prompt_tokens), 0) as prompt_tokens, coalesce(sum(completion_tokens), 0) as completion_tokens,
                               avg(latency_ms) as mean_latency_ms,
                               percentile_cont(0.95) within group (order by latency_ms) as p95_latency_ms
                          from llm_calls where created_at >= :since and created_at < :until
                         group by""" + " " + groupBy + " order by " + groupBy)
                .bind("since", utc(since))
                .bind("until", utc(until))
                .map((rs, ctx) -> new Usage(
                        rs.getString(1),
                        rs.getString("kind"),
                        rs.getLong("calls"),
                        rs.getLong("errors"),
                        rs.getLong("prompt_tokens"),
                        rs.getLong("completion_tokens"),
                        rounded(rs, "mean_latency_ms"),
                        rounded(rs, "p95_latency_ms")))
                .list());
    }

    private static Long rounded(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(v);
    }

    /** Streams the successful chat calls of {@code [since, until)}, optionally of one module, oldest first. */
    public void chatCalls(Instant since, Instant until, String moduleId, Consumer<ChatCall> each) {
        db.withHandle(h -> {
            h.createQuery("""
                            select c.id, c.module_id, c.purpose, c.model, c.request, c.response, c.prompt_tokens, c.completion_tokens,
                                   c.latency_ms, c.event_key, c.channel_id, c.created_at, m.attrs -> 'reactions' as reactions
                              from llm_calls c
                              left join bot_posts p on p.id = c.bot_post_id
                              left join messages m on m.channel_id = p.channel_id and m.ts = p.ts
                             where c.kind = 'chat' and c.error is null and c.response is not null
                               and c.created_at >= :since and c.created_at < :until and (cast(:module as text) is null or c.module_id = :module)
                             order by c.id""")
                    .bind("since", utc(since))
                    .bind("until", utc(until))
                    .bind("module", moduleId)
                    .map((rs, ctx) -> new ChatCall(
                            rs.getLong("id"),
                            rs.getString("module_id"),
                            rs.getString("purpose"),
                            rs.getString("model"),
                            rs.getString("request"),
                            rs.getString("response"),
                            (Integer) rs.getObject("prompt_tokens"),
                            (Integer) rs.getObject("completion_tokens"),
                            (Integer) rs.getObject("latency_ms"),
                            rs.getString("event_key"),
                            rs.getString("channel_id"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            rs.getString("reactions")))
                    .forEach(each);
            return null;
        });
    }

    /** Failed calls with one error text: how many, and the latest. */
    public record ErrorGroup(String error, long calls, Instant latest) {}

    /**
     * The errors of the calls since {@code since}, latest first, at most {@code limit}: the modules' calls, not those
     * of {@code doctor} or {@code eval}, nor answers that were invalid against their schema (the model's, not the
     * server's).
     */
    public List<ErrorGroup> recentErrors(Instant since, int limit) {
        return db.withHandle(h -> h.createQuery("""
                        select error, count(*) as calls, max(created_at) as latest from llm_calls
                         where error is not null and created_at >= :since and module_id not in ('doctor', 'eval')
                           and error not like 'invalid answer%'
                         group by error order by max(created_at) desc limit :limit""")
                .bind("since", utc(since))
                .bind("limit", limit)
                .map((rs, ctx) -> new ErrorGroup(
                        rs.getString("error"),
                        rs.getLong("calls"),
                        rs.getObject("latest", OffsetDateTime.class).toInstant()))
                .list());
    }

    /** The successful calls in a channel that belong to an event, grouped by event, kind and module. */
    public List<EventCalls> perEvent(String channelId) {
        return db.withHandle(h -> h.createQuery("""
                        select event_key, kind, module_id, count(*) as calls, coalesce(sum(latency_ms), 0) as ms
                          from llm_calls where channel_id = :c and event_key is not null and error is null
                         group by 1, 2, 3""")
                .bind("c", channelId)
                .map((rs, ctx) -> new EventCalls(
                        rs.getString("event_key"),
                        rs.getString("kind"),
                        rs.getString("module_id"),
                        rs.getLong("calls"),
                        rs.getLong("ms")))
                .list());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
