package dev.ratchet.core.llm;

import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;

import java.util.List;

/**
 * The {@link LlmService} of a process with generation off: every call fails fast with a typed error, so modules
 * fall back to what they can do without a model.
 */
public final class DisabledLlm implements LlmService {

    private final String reason;

    public DisabledLlm(String reason) {
        this.reason = reason;
    }

    @Override
    public boolean chatAvailable() {
        return false;
    }

    @Override
    public String chat(String purpose, List<ChatMessage> messages) throws LlmUnavailableException {
        throw new LlmUnavailableException("generation is off: " + reason);
    }

    @Override
    public String json(String purpose, List<ChatMessage> messages, String jsonSchema) throws LlmUnavailableException {
        throw new LlmUnavailableException("generation is off: " + reason);
    }

    @Override
    public List<float[]> embed(List<String> texts) throws LlmUnavailableException {
        throw new LlmUnavailableException("embeddings are off: " + reason);
    }
}
