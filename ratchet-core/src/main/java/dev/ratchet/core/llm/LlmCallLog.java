package dev.ratchet.core.llm;

import dev.ratchet.core.Json;
import dev.ratchet.core.jobs.CurrentEvent;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Every LLM and embedding request, in {@code llm_calls}: the module, purpose, model, the request and response as JSON,
 * tokens, latency and error, and the event being handled (so a later post and its 👍/👎 can be joined to it).
 * Recording never fails a call: a row that cannot be written is logged.
 */
public final class LlmCallLog {

    private static final Logger log = LoggerFactory.getLogger(LlmCallLog.class);

    private final Database db;
    private final RatchetMetrics metrics;

    public LlmCallLog(Database db) {
        this(db, RatchetMetrics.disabled());
    }

    public LlmCallLog(Database db, RatchetMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    /** One recorded call. */
    public record Call(String moduleId, String purpose, String kind, String model, Object request, Object response,
                       Integer promptTokens, Integer completionTokens, long latencyMillis, String error) {
    }

    public void record(Call call) {
        metrics.llmCall(call.moduleId(), call.model(), call.error() == null ? "ok" : "error", call.promptTokens(), call.completionTokens(),
                call.latencyMillis());
        Optional<EventRef> event = CurrentEvent.get();
        try {
            db.withHandle(h -> h.createUpdate("""
                            insert into llm_calls (team_id, module_id, purpose, kind, model, request, response, prompt_tokens,
                                                   completion_tokens, latency_ms, error, event_key, channel_id)
                            values (:team, :module, :purpose, :kind, :model, cast(:request as jsonb), cast(:response as jsonb), :prompt,
                                    :completion, :latency, :error, :event, :channel)""")
                    .bind("team", event.map(EventRef::teamId).orElse(null))
                    .bind("module", call.moduleId()).bind("purpose", call.purpose()).bind("kind", call.kind()).bind("model", call.model())
                    .bind("request", Json.write(call.request())).bind("response", call.response() == null ? null : Json.write(call.response()))
                    .bind("prompt", call.promptTokens()).bind("completion", call.completionTokens())
                    .bind("latency", (int) Math.min(Integer.MAX_VALUE, call.latencyMillis())).bind("error", call.error())
                    .bind("event", event.map(EventRef::key).orElse(null)).bind("channel", event.map(EventRef::channelId).orElse(null))
                    .execute());
        } catch (RuntimeException e) {
            log.warn("could not record an LLM call of {}: {}", call.moduleId(), e.getMessage());
        }
    }

    /** Tokens spent today (UTC) by a module, or in a channel when {@code channelId} is given. */
    public long tokensToday(String moduleId, String channelId) {
        String where = channelId == null ? "module_id = :key" : "channel_id = :key";
        return db.withHandle(h -> h.createQuery("select coalesce(sum(coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0)), 0) "
                        + "from llm_calls where " + where + " and created_at >= :day")
                .bind("key", channelId == null ? moduleId : channelId)
                .bind("day", LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC))
                .mapTo(Long.class).one());
    }
}
