package dev.ratchet.spi;

import java.util.List;

/**
 * Language models and embeddings. Every call is recorded (module, purpose, model, request, response, tokens,
 * latency, error) so that feedback on what the bot posted can be traced to the exact prompt and answer. Methods
 * block and may be called from any thread.
 *
 * @since 0.1
 */
public interface LlmService {

    /** Whether a chat model is configured; when false, {@link #chat} and {@link #json} fail fast. */
    boolean chatAvailable();

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
     * @throws LlmUnavailableException as {@link #chat}, or when no valid answer came within the retries
     */
    String json(String purpose, List<ChatMessage> messages, String jsonSchema) throws LlmUnavailableException;

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
