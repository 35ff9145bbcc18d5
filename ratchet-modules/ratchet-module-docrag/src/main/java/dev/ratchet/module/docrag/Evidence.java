package dev.ratchet.module.docrag;

import dev.ratchet.spi.DocsService;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much of a question's wording a document's passages share: the question's content words (no stop words), each
 * matched by a light stem ({@link #stem}), as a fraction.
 */
record Evidence(Map<String, Set<String>> words) {

    private static final Set<String> STOP = Set.of(
            "a",
            "an",
            "the",
            "is",
            "am",
            "were",
            "been",
            "are",
            "was",
            "be",
            "to",
            "of",
            "in",
            "on",
            "for",
            "and",
            "or",
            "do",
            "does",
            "did",
            "i",
            "we",
            "you",
            "my",
            "our",
            "it",
            "its",
            "how",
            "what",
            "whats",
            "when",
            "where",
            "who",
            "why",
            "which",
            "can",
            "could",
            "should",
            "would",
            "will",
            "need",
            "there",
            "this",
            "that",
            "with",
            "at",
            "by",
            "from",
            "as",
            "me",
            "us",
            "any",
            "anything",
            "get",
            "got",
            "some",
            "someone",
            "vs",
            "now",
            "so",
            "if",
            "not",
            "no",
            "yes",
            "ok",
            "pls",
            "please",
            "hey",
            "hi",
            "thanks",
            "have",
            "has",
            "just",
            "about",
            "into",
            "up",
            "out",
            "s",
            "t",
            "im",
            "ppl",
            "thing",
            "stuff",
            "way",
            "much",
            "many",
            "new",
            "all",
            "one",
            "next",
            "last",
            "here",
            "like",
            "want",
            "know",
            "tell",
            "anyone");

    /**
     * The question's content words by stem, each with the stems that also count as it: its own, and those of what
     * {@link OpsVocabulary} spells it out as ("revert" is found on a page that says "rollback").
     */
    static Evidence of(String question) {
        Map<String, Set<String>> words = new LinkedHashMap<>();
        for (String w : tokens(question)) {
            if (STOP.contains(w) || w.length() < 2) {
                continue;
            }
            Set<String> alternatives = words.computeIfAbsent(stem(w), k -> new HashSet<>(Set.of(k)));
            for (String e : OpsVocabulary.meaning(w)) {
                if (!STOP.contains(e) && e.length() >= 2) {
                    alternatives.add(stem(e));
                }
            }
        }
        return new Evidence(words);
    }

    static List<String> tokens(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"));
    }

    /**
     * A light stemmer: an inflection ({@code -ing}, {@code -ed}, {@code -es}, {@code -s}, not {@code -ss}) and a
     * final {@code e} dropped, then the first six letters (deploy/deploys/deployment, queue/queued, alert/alerts). Five
     * letters alone (the earlier rule) made "interview" match "internal" and missed "queued" against "queue".
     */
    static String stem(String w) {
        for (String suffix : INFLECTIONS) {
            if (w.endsWith(suffix) && !w.endsWith("ss") && w.length() - suffix.length() >= 3) {
                w = w.substring(0, w.length() - suffix.length());
                break;
            }
        }
        if (w.endsWith("e") && w.length() > 3) {
            w = w.substring(0, w.length() - 1);
        }
        return w.length() > 6 ? w.substring(0, 6) : w;
    }

    private static final List<String> INFLECTIONS = List.of("ing", "ed", "es", "s");

    /**
     * A passage's sentences: its paragraphs, list items and table rows (a hard-wrapped line continues its sentence),
     * each split after a full stop, question or exclamation mark followed by a capital, a digit or code.
     */
    static List<String> sentences(String text) {
        List<String> out = new java.util.ArrayList<>();
        for (String block : text.split("\\n\\s*\\n|\\n(?=\\s*(?:[-*+]|\\d+[.)]|\\|)\\s)")) {
            String joined = block.replaceAll("\\s+", " ").strip();
            for (String s : joined.split("(?<=[.!?])\\s+(?=[A-Z0-9`\"(*])")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** The stems of a text's words, as the question's words are matched against them. */
    static Set<String> stems(String text) {
        return tokens(text).stream().map(Evidence::stem).collect(Collectors.toSet());
    }

    /** The question's words (by stem) that a text with these {@link #stems} holds, itself or what it stands for. */
    List<String> sharedWith(Set<String> present) {
        return words.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(present::contains))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Each question word's rarity over some documents (their {@link #stems}): ln((n + 1) / (df + 0.5)), df the number
     * of documents holding it, or, when it stands for other words too, the commonest of them. A word no document holds
     * weighs ln(2n + 2); one every document holds about 0.
     */
    Map<String, Double> idf(Collection<Set<String>> documents) {
        Map<String, Double> idf = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : words.entrySet()) {
            long df = documentFrequency(e.getValue(), documents);
            idf.put(e.getKey(), Math.log((documents.size() + 1) / (df + 0.5)));
        }
        return idf;
    }

    /** How many of these documents hold a word, by the form of it (its stems) the most of them hold. */
    private static long documentFrequency(Set<String> stems, Collection<Set<String>> documents) {
        return stems.stream()
                .mapToLong(
                        stem -> documents.stream().filter(d -> d.contains(stem)).count())
                .max()
                .orElse(0);
    }

    /**
     * The question's word the fewest of these documents hold (at least one; the first in the question on a tie, a
     * word counted as in {@link #idf}), or null when they hold none.
     */
    String rarest(Collection<Set<String>> documents) {
        String rarest = null;
        long fewest = Long.MAX_VALUE;
        for (Map.Entry<String, Set<String>> e : words.entrySet()) {
            long df = documentFrequency(e.getValue(), documents);
            if (df > 0 && df < fewest) {
                fewest = df;
                rarest = e.getKey();
            }
        }
        return rarest;
    }

    /**
     * A page's words (stems) in order as {@link #bm25} counts them: its title line three times, its other headings
     * twice, the rest once ({@code title} three times first when the text has no {@code # } title line).
     */
    static List<String> terms(String title, String text) {
        List<String> out = new java.util.ArrayList<>();
        List<String> lines = text.lines().toList();
        if (lines.stream().noneMatch(l -> l.startsWith("# "))) {
            for (int k = 0; k < 3; k++) {
                tokens(title).forEach(t -> out.add(stem(t)));
            }
        }
        for (String line : lines) {
            int times = line.startsWith("# ") ? 3 : line.startsWith("#") ? 2 : 1;
            for (int k = 0; k < times; k++) {
                tokens(line).forEach(t -> out.add(stem(t)));
            }
        }
        return out;
    }

    /**
     * Okapi BM25 (k1 1.2, b 0.75) of each page for the question's words (a word found as itself or what it stands
     * for), document frequencies and the mean length over these pages (their {@link #terms}).
     */
    <K> Map<K, Double> bm25(Map<K, List<String>> pages) {
        int n = pages.size();
        double avgLen = pages.values().stream().mapToInt(List::size).average().orElse(1);
        Map<K, Set<String>> present = new LinkedHashMap<>();
        pages.forEach((k, t) -> present.put(k, new HashSet<>(t)));
        Map<String, Double> idf = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : words.entrySet()) {
            long df = present.values().stream()
                    .filter(p -> e.getValue().stream().anyMatch(p::contains))
                    .count();
            idf.put(e.getKey(), Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        Map<K, Double> scores = new LinkedHashMap<>();
        pages.forEach((k, t) -> {
            double s = 0;
            for (Map.Entry<String, Set<String>> e : words.entrySet()) {
                long tf = t.stream().filter(e.getValue()::contains).count();
                if (tf > 0) {
                    s += idf.get(e.getKey()) * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * t.size() / Math.max(1, avgLen)));
                }
            }
            scores.put(k, s);
        });
        return scores;
    }

    /** The fraction of the question's words that {@code shared} (from {@link #sharedWith}) is; 0 when it has none. */
    double share(List<String> shared) {
        return words.isEmpty() ? 0 : (double) shared.size() / words.size();
    }

    /** The fraction of the question's words found in the passages (their heading paths included); 0 when it has none. */
    double agreement(List<DocsService.DocHit> passages) {
        if (words.isEmpty()) {
            return 0;
        }
        Set<String> present = passages.stream()
                .flatMap(p -> tokens(p.heading() + " " + p.text()).stream())
                .map(Evidence::stem)
                .collect(Collectors.toSet());
        return (double) words.values().stream()
                        .filter(alternatives -> alternatives.stream().anyMatch(present::contains))
                        .count()
                / words.size();
    }
}
