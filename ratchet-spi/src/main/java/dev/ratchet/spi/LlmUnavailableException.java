package dev.ratchet.spi;

/**
 * No chat model is configured or reachable, or a budget is spent. Thrown fast, so a module can fall back to what
 * it does without generation (statistics, retrieval, extractive answers) and say that generation is off.
 *
 * @since 0.1
 */
public class LlmUnavailableException extends RatchetException {
    public LlmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public LlmUnavailableException(String message) {
        super(message, null);
    }
}
