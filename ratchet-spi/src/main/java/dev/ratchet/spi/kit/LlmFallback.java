package dev.ratchet.spi.kit;

import dev.ratchet.spi.LlmAnswerInvalidException;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;

/**
 * Why a module answers without generation, in the words every module shows: no LLM is configured, the LLM is
 * unavailable (unreachable, failing, or its budget spent), or the model answered but its answer could not be used. The
 * detail (an endpoint, a provider's error, a schema violation) belongs in the module's log, never in a post.
 *
 * <pre>{@code
 * LlmFallback why = null;
 * if (!ctx.llm().chatAvailable()) {
 *     why = LlmFallback.before(ctx.llm());
 * } else try {
 *     answer = ctx.llm().json("runbook", messages, Generated.class);
 * } catch (LlmUnavailableException e) {
 *     why = LlmFallback.of(e);
 *     log.log(WARNING, "falls back to extractive: " + e.getMessage());
 * }
 * ... "_" + why.text() + ", showing the extractive version._"
 * }</pre>
 *
 * @since 0.2
 */
public enum LlmFallback {
    /** {@code llm.url} is {@code off}. */
    NOT_CONFIGURED("generation is off (no LLM configured)"),
    /** An LLM is configured but did not answer, failed, or its daily budget is spent. */
    UNAVAILABLE("the LLM is unavailable"),
    /** The model answered, but not with an answer that could be used (invalid against the schema). */
    ANSWER_UNUSABLE("the model's answer could not be used");

    private final String text;

    LlmFallback(String text) {
        this.text = text;
    }

    /** Lower-case words for a note ("generation is off (no LLM configured)"); capitalise with {@link #sentence()}. */
    public String text() {
        return text;
    }

    /** {@link #text()} with a capital first letter. */
    public String sentence() {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Why, when {@link LlmService#chatAvailable()} said no before any call. */
    public static LlmFallback before(LlmService llm) {
        return llm.chatConfigured() ? UNAVAILABLE : NOT_CONFIGURED;
    }

    /** Why, from the exception a call threw. */
    public static LlmFallback of(LlmUnavailableException e) {
        return e instanceof LlmAnswerInvalidException ? ANSWER_UNUSABLE : UNAVAILABLE;
    }

    /** Why, from the exception a call threw, telling "not configured" apart for a call made anyway. */
    public static LlmFallback of(LlmService llm, Exception e) {
        if (e instanceof LlmAnswerInvalidException) {
            return ANSWER_UNUSABLE;
        }
        return llm.chatConfigured() ? UNAVAILABLE : NOT_CONFIGURED;
    }
}
