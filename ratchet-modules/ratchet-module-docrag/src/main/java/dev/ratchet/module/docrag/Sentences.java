package dev.ratchet.module.docrag;

import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How close a question comes to the single closest sentence of a passage, rather than to the whole passage: a chunk's
 * distance averages its sentences, so a page that states the asked fact in one sentence among others it does not need
 * scores like a page that only shares the topic. Each sentence ({@link Evidence#sentences}) is embedded twice, after
 * its heading path (the page and section it belongs to: ranks pages, see {@code DocragModule.RANK_PER_SENTENCE}) and
 * alone (the evidence for "I don't know", {@code DocragModule.PER_SENTENCE}); the question is embedded as searched.
 * One embedding call per question: the question and the sentences not seen before; sentence vectors are kept (least
 * recently used dropped beyond {@value #CAPACITY}), so a handbook's sentences are embedded once.
 */
final class Sentences {

    /** Sentence vectors kept (about 1.5 KB each at 384 dimensions). */
    static final int CAPACITY = 8192;

    private final Map<String, float[]> vectors = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A sentence as embedded for the ranking: after its chunk's heading path. */
    static String headed(DocsService.DocHit hit, String sentence) {
        return hit.heading().isEmpty() ? sentence : hit.heading() + "\n" + sentence;
    }

    /**
     * For each hit, the cosine similarity of {@code query} to its closest sentence embedded after the heading path
     * ([0]) and alone ([1]), then to each of its sentences ({@link Evidence#sentences}, in order) alone ([2...]). When
     * embeddings fail (the search needed them, so rarely), the chunk's own similarity stands for the first two and the
     * rest is left out.
     */
    Map<DocsService.DocHit, double[]> closest(LlmService llm, String query, List<DocsService.DocHit> hits) {
        Map<DocsService.DocHit, List<String>> sentences = new HashMap<>();
        Map<String, float[]> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        synchronized (vectors) {
            for (DocsService.DocHit h : hits) {
                List<String> own = Evidence.sentences(h.text());
                sentences.put(h, own);
                for (String s : own) {
                    for (String text : List.of(headed(h, s), s)) {
                        float[] v = vectors.get(text);
                        if (v != null) {
                            found.put(text, v);
                        } else {
                            missing.add(text);
                        }
                    }
                }
            }
        }
        List<String> batch = new ArrayList<>();
        batch.add(query);
        batch.addAll(missing);
        Map<DocsService.DocHit, double[]> closest = new HashMap<>();
        List<float[]> embedded;
        try {
            embedded = llm.embed(batch);
        } catch (LlmUnavailableException | RuntimeException e) {
            for (DocsService.DocHit h : hits) {
                closest.put(h, new double[] {1 - h.distance(), 1 - h.distance()});
            }
            return closest;
        }
        float[] q = unit(embedded.get(0));
        int i = 1;
        for (String text : missing) {
            found.put(text, unit(embedded.get(i++)));
        }
        synchronized (vectors) {
            for (String text : missing) {
                vectors.put(text, found.get(text));
            }
        }
        for (DocsService.DocHit h : hits) {
            double headedBest = 1 - h.distance();
            double bareBest = 1 - h.distance();
            List<String> own = sentences.get(h);
            double[] out = new double[2 + own.size()];
            if (!own.isEmpty()) {
                headedBest = -1;
                bareBest = -1;
                for (int k = 0; k < own.size(); k++) {
                    String s = own.get(k);
                    headedBest = Math.max(headedBest, dot(q, found.get(headed(h, s))));
                    out[2 + k] = dot(q, found.get(s));
                    bareBest = Math.max(bareBest, out[2 + k]);
                }
            }
            out[0] = headedBest;
            out[1] = bareBest;
            closest.put(h, out);
        }
        return closest;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (n == 0 ? 0 : v[i] / n);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
