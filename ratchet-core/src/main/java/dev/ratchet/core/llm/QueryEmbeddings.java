package dev.ratchet.core.llm;

import dev.ratchet.spi.LlmUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embeddings of search queries and of the messages core embedded last, the most recent kept: the same alert
 * firing again searches with the same words (runbook's past occurrences, recent activity), so its query is embedded
 * once rather than on every firing. Core's message embedding ({@link MessageEmbedding}) shares it both ways: an alert
 * whose text the runbook searched with (its semantic query without an LLM is the alert's text) is not run through the
 * model again for the stored message, and a message whose text was embedded before (an alert firing again with the
 * same text, a question asked again) takes the vector it got then. The embedder runs each text alone (one sentence per
 * call, {@link LocalEmbedder}), so a text's vector does not depend on what else was embedded with it, and the one
 * kept is the one the model gives. Keyed by the model and the text; a vector is handed out as a copy.
 */
public final class QueryEmbeddings {

    /** Texts kept (about 1.5 KB each at 384 dimensions, with the key's text). */
    public static final int CAPACITY = 512;

    private final Embedder embedder;
    private final Map<String, float[]> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CAPACITY;
        }
    };

    public QueryEmbeddings(Embedder embedder) {
        this.embedder = embedder;
    }

    /** The query's vector, embedded now or remembered from an earlier query of the same text and model. */
    public float[] embed(String text) throws LlmUnavailableException {
        Optional<float[]> known = known(text);
        if (known.isPresent()) {
            return known.get();
        }
        float[] vector = embedder.embed(List.of(text)).get(0);
        remember(text, vector);
        return vector;
    }

    /** The vector kept for {@code text} (a copy), when it was embedded lately with this embedder's model. */
    public Optional<float[]> known(String text) {
        synchronized (recent) {
            float[] known = recent.get(key(text));
            return known == null ? Optional.empty() : Optional.of(known.clone());
        }
    }

    /**
     * Keeps {@code vector} as {@code text}'s, embedded by this embedder's model elsewhere (a stored message's batch);
     * a null vector (a text the embedder refused) is not kept.
     */
    public void remember(String text, float[] vector) {
        if (text == null || vector == null) {
            return;
        }
        synchronized (recent) {
            recent.put(key(text), vector.clone());
        }
    }

    private String key(String text) {
        return embedder.model() + '\n' + text;
    }
}
