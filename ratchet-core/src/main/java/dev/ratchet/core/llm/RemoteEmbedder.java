package dev.ratchet.core.llm;

import dev.ratchet.spi.LlmUnavailableException;
import java.util.List;

/** Embeddings from an OpenAI-compatible {@code /embeddings} endpoint ({@code embedding.provider=openai}). */
public final class RemoteEmbedder implements Embedder {

    private final OpenAiBackend backend;
    private final String model;
    private volatile int dimension = -1;

    public RemoteEmbedder(OpenAiBackend backend, String model) {
        this.backend = backend;
        this.model = model;
    }

    @Override
    public List<float[]> embed(List<String> texts) throws LlmUnavailableException {
        List<float[]> vectors = backend.embed("core", model, texts);
        if (!vectors.isEmpty()) {
            dimension = vectors.get(0).length;
        }
        return vectors;
    }

    @Override
    public int dimension() throws LlmUnavailableException {
        if (dimension < 0) {
            embed(List.of("dimension probe"));
        }
        return dimension;
    }

    @Override
    public String model() {
        return model;
    }
}
