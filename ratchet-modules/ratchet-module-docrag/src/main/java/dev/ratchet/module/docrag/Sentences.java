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

    /** Sentence and word vectors kept (about 1.5 KB each at 384 dimensions: 24 MB at most). */
    static final int CAPACITY = 16384;

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
     * ([0]) and alone ([1]), and the sum ([2]) and number ([3]) of its sentences' similarities embedded alone (for the
     * page's mean, {@code DocragModule.RankedDoc#sentenceMean}). When embeddings fail
     * (the search needed them, so rarely), the chunk's own similarity stands for every sentence.
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
                closest.put(h, new double[] {1 - h.distance(), 1 - h.distance(), 1 - h.distance(), 1});
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
            double bareSum = 0;
            List<String> own = sentences.get(h);
            if (!own.isEmpty()) {
                headedBest = -1;
                bareBest = -1;
                for (String s : own) {
                    headedBest = Math.max(headedBest, dot(q, found.get(headed(h, s))));
                    double bare = dot(q, found.get(s));
                    bareBest = Math.max(bareBest, bare);
                    bareSum += bare;
                }
            }
            closest.put(h, new double[] {headedBest, bareBest, bareSum, own.size()});
        }
        return closest;
    }

    /**
     * How much of the question a page leaves unsaid: each of the question's words ({@link Evidence#of}, by its typed
     * form; not {@link Evidence#FILLER}) that the page does not hold ({@link Evidence#sharedWith} its {@code pageStems}) counts 1 - the cosine
     * similarity of its vector to that of the page's closest word, so a word the page words differently ("revert"
     * against "rollback", a typo) counts little and one it has nothing near ("mongodb", "euros") counts nearly 1. Words
     * are embedded alone, once each (kept with the sentences); 0 when the question has no such word or embeddings fail.
     */
    double unmatched(LlmService llm, Evidence question, String questionText, Set<String> pageStems, String pageText) {
        List<String> shared = question.sharedWith(pageStems);
        Set<String> asked = new LinkedHashSet<>();
        for (String w : Evidence.tokens(questionText)) {
            String stem = Evidence.stem(w);
            if (word(w)
                    && !Evidence.FILLER.contains(w)
                    && question.words().containsKey(stem)
                    && !shared.contains(stem)) {
                asked.add(w);
            }
        }
        if (asked.isEmpty()) {
            return 0;
        }
        Set<String> page = new LinkedHashSet<>();
        for (String t : Evidence.tokens(pageText)) {
            if (word(t)) {
                page.add(t);
            }
        }
        if (page.isEmpty()) {
            return asked.size();
        }
        Map<String, float[]> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (vectors) {
            for (Set<String> words : List.of(asked, page)) {
                for (String w : words) {
                    float[] v = vectors.get(w);
                    if (v != null) {
                        found.put(w, v);
                    } else if (!found.containsKey(w)) {
                        missing.add(w);
                        found.put(w, null);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> embedded;
            try {
                embedded = llm.embed(missing);
            } catch (LlmUnavailableException | RuntimeException e) {
                return 0;
            }
            for (int i = 0; i < missing.size(); i++) {
                found.put(missing.get(i), unit(embedded.get(i)));
            }
            synchronized (vectors) {
                for (String w : missing) {
                    vectors.put(w, found.get(w));
                }
            }
        }
        double unmatched = 0;
        for (String w : asked) {
            float[] v = found.get(w);
            double closest = -1;
            for (String t : page) {
                closest = Math.max(closest, dot(v, found.get(t)));
            }
            unmatched += 1 - closest;
        }
        return unmatched;
    }

    /** A word worth matching: two characters or more, not a number alone. */
    private static boolean word(String token) {
        return token.length() >= 2 && !token.chars().allMatch(Character::isDigit);
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
