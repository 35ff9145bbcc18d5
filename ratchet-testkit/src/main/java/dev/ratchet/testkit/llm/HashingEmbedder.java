package dev.ratchet.testkit.llm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Deterministic stand-in embeddings: words and their character trigrams hashed into a fixed number of dimensions
 * (the "hashing trick", with a hashed sign so collisions cancel rather than pile up), then L2-normalised. Texts that
 * share words, or word stems, come out closer by cosine than unrelated texts; the same text always gives the same
 * vector, on any JVM.
 */
final class HashingEmbedder {

    /** Words that every English sentence shares; counting them would make unrelated texts look alike. */
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "is", "are", "was", "were", "be", "been", "of", "to", "in", "on", "at", "by", "for",
            "with", "and", "or", "but", "it", "its", "this", "that", "as", "from", "i", "we", "you", "he", "she",
            "they", "do", "does", "did", "has", "have", "had", "not", "so");

    private static final float WORD_WEIGHT = 1.0f;
    private static final float TRIGRAM_WEIGHT = 0.35f;

    private HashingEmbedder() {}

    static float[] embed(String text, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("an embedding needs at least one dimension, not " + dimension);
        }
        float[] vector = new float[dimension];
        List<String> words = words(text);
        if (words.isEmpty()) {
            // Punctuation or whitespace only: still a stable, non-zero vector of its own.
            add(vector, "t:" + text, WORD_WEIGHT);
        }
        for (String word : words) {
            add(vector, "w:" + word, WORD_WEIGHT);
            String padded = "^" + word + "$";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                add(vector, "g:" + padded.substring(i, i + 3), TRIGRAM_WEIGHT);
            }
        }
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        if (norm == 0) {
            // Every feature cancelled out in a tiny dimension; any fixed unit vector keeps the contract.
            vector[0] = 1;
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static List<String> words(String text) {
        List<String> all = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                all.add(w);
            }
        }
        List<String> content = all.stream().filter(w -> !STOPWORDS.contains(w)).toList();
        return content.isEmpty() ? all : content;
    }

    private static void add(float[] vector, String feature, float weight) {
        long h = mix(fnv1a(feature.getBytes(StandardCharsets.UTF_8)));
        int index = (int) Long.remainderUnsigned(h >>> 1, vector.length);
        vector[index] += (h & 1) == 0 ? weight : -weight;
    }

    private static long fnv1a(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser, so that similar features land far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
