package dev.ratchet.module.commands;

import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the tool closest to a request without a chat model: the request and each tool's description and examples are
 * embedded (in-process by default), and a tool scores the best cosine similarity between the request and any of its
 * texts. Tool embeddings are computed once per tool text and kept, since tools do not change while Ratchet runs.
 */
final class ToolMatcher {

    /**
     * The best tool and its score.
     *
     * @param tool  the tool
     * @param score the cosine similarity, -1 to 1
     */
    record Match(Tool tool, double score) {}

    private final LlmService llm;
    private final Map<String, List<float[]>> cache = new ConcurrentHashMap<>();

    ToolMatcher(LlmService llm) {
        this.llm = llm;
    }

    /** The most similar of {@code tools} to {@code request}, if any tools are given. */
    Optional<Match> best(String request, List<Tool> tools) throws LlmUnavailableException {
        if (tools.isEmpty()) {
            return Optional.empty();
        }
        float[] query = llm.embed(List.of(request)).get(0);
        Match best = null;
        for (Tool tool : tools) {
            double score = -1;
            for (float[] v : vectors(tool)) {
                score = Math.max(score, cosine(query, v));
            }
            if (best == null || score > best.score()) {
                best = new Match(tool, score);
            }
        }
        return Optional.of(best);
    }

    private List<float[]> vectors(Tool tool) throws LlmUnavailableException {
        List<String> texts = new ArrayList<>();
        texts.add(tool.description());
        texts.addAll(tool.examples());
        String key = tool.name() + "\u0000" + String.join("\u0000", texts);
        List<float[]> vectors = cache.get(key);
        if (vectors == null) {
            vectors = llm.embed(texts);
            cache.put(key, vectors);
        }
        return vectors;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
