package dev.ratchet.core.llm;

import dev.ratchet.spi.LlmUnavailableException;
import java.util.List;

/** Turns texts into vectors of a fixed dimension. Thread-safe. */
public interface Embedder {

    /** One vector per text, in order. */
    List<float[]> embed(List<String> texts) throws LlmUnavailableException;

    /** The vector dimension. May load the model or ask the endpoint once. */
    int dimension() throws LlmUnavailableException;

    /** The model's name. */
    String model();
}
