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
            long df = e.getValue().stream()
                    .mapToLong(stem ->
                            documents.stream().filter(d -> d.contains(stem)).count())
                    .max()
                    .orElse(0);
            idf.put(e.getKey(), Math.log((documents.size() + 1) / (df + 0.5)));
        }
        return idf;
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
