package dev.ratchet.spi;

/**
 * The model answered, but not with JSON valid against the requested schema, even after being shown its mistakes a
 * bounded number of times. The invalid answer is never returned as data; {@link #lastAnswer()} is for logs.
 *
 * @since 0.1
 */
public class LlmAnswerInvalidException extends LlmUnavailableException {

    private final String lastAnswer;

    public LlmAnswerInvalidException(String message, String lastAnswer) {
        super(message);
        this.lastAnswer = lastAnswer;
    }

    /** The last answer the model gave, for diagnostics only. */
    public String lastAnswer() {
        return lastAnswer;
    }
}
