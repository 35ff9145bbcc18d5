package dev.ratchet.core.llm;

import dev.ratchet.core.Json;
import dev.ratchet.core.jobs.CurrentEvent;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.LlmCallRepository;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every LLM and embedding request, in {@code llm_calls}: the module, purpose, model, the request and response as JSON,
 * tokens, latency and error, and the event being handled (so a later post and its 👍/👎 can be joined to it).
 * Recording never fails a call: a row that cannot be written is logged.
 */
public final class LlmCallLog {

    private static final Logger log = LoggerFactory.getLogger(LlmCallLog.class);

    private final LlmCallRepository calls;
    private final RatchetMetrics metrics;

    public LlmCallLog(Database db) {
        this(db, RatchetMetrics.disabled());
    }

    public LlmCallLog(Database db, RatchetMetrics metrics) {
        this.calls = new LlmCallRepository(db);
        this.metrics = metrics;
    }

    /**
     * One recorded call; its request and response are values to write as JSON, or JSON text already written
     * ({@link Json.Written}).
     *
     * @param reasoning     a reasoning model's thinking, kept apart from the answer in {@code response}; or null
     * @param contextWindow the context window (tokens) the prompt was fitted to, or null when not known
     */
    public record Call(
            String moduleId,
            String purpose,
            String kind,
            String model,
            Object request,
            Object response,
            Integer promptTokens,
            Integer completionTokens,
            long latencyMillis,
            String error,
            String reasoning,
            Integer contextWindow) {

        public Call(
                String moduleId,
                String purpose,
                String kind,
                String model,
                Object request,
                Object response,
                Integer promptTokens,
                Integer completionTokens,
                long latencyMillis,
                String error) {
            this(
                    moduleId,
                    purpose,
                    kind,
                    model,
                    request,
                    response,
                    promptTokens,
                    completionTokens,
                    latencyMillis,
                    error,
                    null,
                    null);
        }
    }

    public void record(Call call) {
        metrics.llmCall(
                call.moduleId(),
                call.model(),
                call.error() == null ? "ok" : "error",
                call.promptTokens(),
                call.completionTokens(),
                call.latencyMillis());
        Optional<EventRef> event = CurrentEvent.get();
        try {
            calls.insert(new LlmCallRepository.NewCall(
                    event.map(EventRef::teamId).orElse(null),
                    call.moduleId(),
                    call.purpose(),
                    call.kind(),
                    call.model(),
                    Json.writeOnce(call.request()),
                    call.response() == null ? null : Json.writeOnce(call.response()),
                    call.promptTokens(),
                    call.completionTokens(),
                    (int) Math.min(Integer.MAX_VALUE, call.latencyMillis()),
                    call.error(),
                    event.map(EventRef::key).orElse(null),
                    event.map(EventRef::channelId).orElse(null),
                    call.reasoning(),
                    call.contextWindow(),
                    dev.ratchet.core.ops.Tracing.traceId().orElse(null)));
        } catch (RuntimeException e) {
            log.warn("could not record an LLM call of {}: {}", call.moduleId(), e.getMessage());
        }
    }

    /** Tokens spent today (UTC) by a module, or in a channel when {@code channelId} is given. */
    public long tokensToday(String moduleId, String channelId) {
        return calls.tokensSince(
                moduleId,
                channelId,
                LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC));
    }
}
