package dev.ratchet.core.llm;

import dev.ratchet.spi.LlmUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embeddings of search queries, the most recent kept: the same alert firing again searches with the same words
 * (runbook's past occurrences, recent activity), so its query is embedded once rather than on every firing. Keyed by
 * the model and the text; a vector is handed out as a copy.
 */
public final class QueryEmbeddings {

    /** Queries kept (about 1.5 KB each at 384 dimensions). */
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
        String key = embedder.model() + '\n' + text;
        synchronized (recent) {
            float[] known = recent.get(key);
            if (known != null) {
                return known.clone();
            }
        }
        float[] vector = embedder.embed(List.of(text)).get(0);
        synchronized (recent) {
            recent.put(key, vector.clone());
        }
        return vector;
    }
}
