package dev.ratchet.spi;

import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.spi.kit.ToolInputs;
import java.util.List;

/**
 * Language models and embeddings. Every call is recorded (module, purpose, model, request, response, tokens,
 * latency, error) so that feedback on what the bot posted can be traced to the exact prompt and answer: calls made
 * while an {@link EventHandler} runs are linked to its event and to what the module posts for it. Methods block and
 * may be called from any thread; each module has a limit on concurrent calls and, optionally, a daily token budget,
 * after which calls fail fast with {@link LlmUnavailableException} until the next UTC day.
 *
 * @since 0.1
 */
public interface LlmService {

    /** Whether a chat model is configured; when false, {@link #chat} and {@link #json} fail fast. */
    boolean chatAvailable();

    /**
     * Whether a chat model is configured at all ({@code llm.url} is not {@code off}), reachable or not: tells "no LLM
     * configured" from "the LLM is unavailable" when {@link #chatAvailable()} is false (see
     * {@link dev.ratchet.spi.kit.LlmFallback}). The default, for implementations predating it, is
     * {@link #chatAvailable()}.
     *
     * @since 0.2
     */
    default boolean chatConfigured() {
        return chatAvailable();
    }

    /**
     * A plain chat completion.
     *
     * @param purpose a short label for the recorded call ({@code "runbook"})
     * @throws LlmUnavailableException when no chat model is configured or reachable, or the budget is spent
     */
    String chat(String purpose, List<ChatMessage> messages) throws LlmUnavailableException;

    /**
     * A completion whose answer is JSON valid against {@code jsonSchema}; an invalid answer is retried a bounded
     * number of times with the validation error fed back, and is never returned as if valid.
     *
     * @return the validated JSON text
     * @throws LlmAnswerInvalidException when no valid answer came within the retries
     * @throws LlmUnavailableException as {@link #chat}
     */
    String json(String purpose, List<ChatMessage> messages, String jsonSchema) throws LlmUnavailableException;

    /**
     * {@link #json(String, List, String)} with the schema derived from a record type ({@link ToolInputs#schemaOf}:
     * one property per component, {@link dev.ratchet.spi.kit.Schema} keywords honoured), returning the validated answer
     * as that record. Blocks like {@link #chat}; any thread.
     *
     * @throws LlmAnswerInvalidException when no valid answer came within the retries, or the valid answer does not
     *                                   bind to {@code type}
     * @throws LlmUnavailableException   as {@link #chat}
     * @throws IllegalArgumentException  when {@code type} has a component {@link ToolInputs} cannot express
     * @since 0.2
     */
    default <R extends Record> R json(String purpose, List<ChatMessage> messages, Class<R> type)
            throws LlmUnavailableException {
        String answer = json(purpose, messages, ToolInputs.schemaOf(type));
        try {
            return ToolInputs.read(type, JsonText.parseObject(answer));
        } catch (IllegalArgumentException e) {
            throw new LlmAnswerInvalidException(
                    "the model's answer for " + purpose + " does not fit " + type.getSimpleName() + ": "
                            + e.getMessage(),
                    answer);
        }
    }

    /**
     * A tool-calling loop: the model may call any of {@code tools} (their arguments validated against each tool's
     * input schema), the results are fed back, and this repeats until the model answers in text or
     * {@code maxRounds} rounds have run. Tools that {@link Tool#writes() write} are not offered here; confirming
     * them is the caller's business.
     *
     * @param caller    who asked, passed to the tools
     * @param maxRounds at most this many model calls (1 to 10)
     * @throws LlmUnavailableException as {@link #chat}
     */
    ToolLoop runTools(String purpose, List<ChatMessage> messages, List<Tool> tools, Tool.ToolCall caller, int maxRounds)
            throws LlmUnavailableException;

    /**
     * The outcome of {@link #runTools}.
     *
     * @param answer         the model's final text, or empty when the loop stopped at its bound
     * @param calls          the tool calls made, in order
     * @param stoppedAtBound whether the loop ran out of rounds before the model answered
     */
    record ToolLoop(java.util.Optional<String> answer, List<ToolCallRecord> calls, boolean stoppedAtBound) {}

    /**
     * One tool call of a loop.
     *
     * @param tool      the tool's name
     * @param arguments the arguments as JSON text
     * @param result    the result as JSON text, or the error message when {@code failed}
     * @param failed    whether the tool (or its arguments) failed
     */
    record ToolCallRecord(String tool, String arguments, String result, boolean failed) {}

    /**
     * Whether the prompt of the last {@link #chat}, {@link #json} or {@link #runTools} call made on the current thread
     * through this service was trimmed to fit the model's context window (older material left out), so that what the
     * module posts from the answer can say so. False before any call; the default, for implementations that never
     * trim, is always false.
     *
     * @since 0.2
     */
    default boolean lastPromptTrimmed() {
        return false;
    }

    /** The model answering chat requests, or empty when generation is off. */
    java.util.Optional<String> chatModel();

    /** The embedding model's name and dimension, e.g. {@code bge-small-en-v1.5-q (384)}. */
    String embeddingModel();

    /**
     * Embeddings of the given texts, one vector per text, in order, with the database's dimension. Works without a
     * chat model (the default model runs in-process).
     */
    List<float[]> embed(List<String> texts) throws LlmUnavailableException;

    /**
     * One message of a chat.
     *
     * @param role {@code system}, {@code user} or {@code assistant}
     */
    record ChatMessage(String role, String content) {
        public static ChatMessage system(String content) {
            return new ChatMessage("system", content);
        }

        public static ChatMessage user(String content) {
            return new ChatMessage("user", content);
        }
    }
}
