package dev.ratchet.testkit.llm;

import java.util.List;

/**
 * A {@code POST /v1/embeddings} request as the stub parsed it, for assertions on what was embedded.
 *
 * @param model          the requested model
 * @param inputs         the texts, in order (a single string input is a list of one)
 * @param encodingFormat {@code float} or {@code base64} as requested; {@code float} when absent, as OpenAI defaults
 *                       (openai-java sends {@code base64} unless told otherwise)
 * @param dimensions     the requested {@code dimensions}, or {@code null} when the stub's own dimension applies
 */
public record EmbeddingRequest(String model, List<String> inputs, String encodingFormat, Integer dimensions) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
    }
}
