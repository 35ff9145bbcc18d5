package dev.ratchet.core.llm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default embedder: a quantized bge-small-en-v1.5 (384 dimensions) run in-process by ONNX Runtime, shipped inside
 * a Maven artifact with its tokenizer, so search works with no server and no network. Loaded on first use (under a
 * second here).
 */
public final class LocalEmbedder implements Embedder {

    private static final Logger log = LoggerFactory.getLogger(LocalEmbedder.class);
    public static final String MODEL = "bge-small-en-v1.5-q";

    private volatile BgeSmallEnV15QuantizedEmbeddingModel model;

    private BgeSmallEnV15QuantizedEmbeddingModel loaded() {
        BgeSmallEnV15QuantizedEmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    long t0 = System.nanoTime();
                    model = new BgeSmallEnV15QuantizedEmbeddingModel();
                    log.info("embedding model {} loaded in {} ms", MODEL, (System.nanoTime() - t0) / 1_000_000);
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t == null || t.isBlank() ? " " : t));
        }
        List<Embedding> embeddings = loaded().embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            vectors.add(e.vector());
        }
        return vectors;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String model() {
        return MODEL;
    }
}
