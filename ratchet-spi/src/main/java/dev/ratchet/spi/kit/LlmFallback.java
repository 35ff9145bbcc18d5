package dev.ratchet.spi.kit;

import dev.ratchet.spi.LlmAnswerInvalidException;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

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
 *     why = LlmFallback.logged(ctx.logger(), "runbook for " + name + " falls back to extractive", e);
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

    /** What each logger last said about an unavailable LLM, so that a reason it said already is not said again. */
    private static final Map<System.Logger, String> SAID = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Why, from the exception a call threw, logging the detail once: an answer that could not be used is about this
     * call and is logged as a warning each time; an unavailable LLM (unreachable, a refused key, a spent budget) is a
     * state of the server that Ratchet's core already logs once until it answers again, so each logger (a module's, per
     * process) warns about a reason the first time and says it again only at debug level, until the reason changes.
     *
     * @param logger the module's logger
     * @param doing what fell back, e.g. {@code "runbook for disk full falls back to extractive"}
     * @since 0.2
     */
    public static LlmFallback logged(System.Logger logger, String doing, LlmUnavailableException e) {
        LlmFallback why = of(e);
        String reason = String.valueOf(e.getMessage());
        boolean repeat = why == UNAVAILABLE && shape(reason).equals(SAID.put(logger, shape(reason)));
        if (repeat) {
            logger.log(System.Logger.Level.DEBUG, doing + ": " + reason);
        } else {
            logger.log(
                    System.Logger.Level.WARNING,
                    doing + ": " + reason
                            + (why == UNAVAILABLE
                                    ? " (said once until the reason changes; 'ratchet doctor' checks it)"
                                    : ""));
        }
        return why;
    }

    /** The reason without its figures (a reset time, a token count), which change from call to call. */
    private static String shape(String reason) {
        return reason.replaceAll("\\d+", "#");
    }

    /** Why, from the exception a call threw, telling "not configured" apart for a call made anyway. */
    public static LlmFallback of(LlmService llm, Exception e) {
        if (e instanceof LlmAnswerInvalidException) {
            return ANSWER_UNUSABLE;
        }
        return llm.chatConfigured() ? UNAVAILABLE : NOT_CONFIGURED;
    }
}
