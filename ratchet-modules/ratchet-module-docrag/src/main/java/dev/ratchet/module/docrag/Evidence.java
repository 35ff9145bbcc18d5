package dev.ratchet.module.docrag;

import dev.ratchet.spi.DocsService;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much of a question's wording a document's passages share: the question's content words (no stop words), each
 * matched by its first five letters (a poor man's stemmer: deploy/deploys/deployment), as a fraction.
 */
record Evidence(Set<String> words) {

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

    static Evidence of(String question) {
        return new Evidence(tokens(question).stream()
                .filter(w -> !STOP.contains(w) && w.length() >= 2)
                .map(Evidence::stem)
                .collect(Collectors.toSet()));
    }

    static List<String> tokens(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"));
    }

    static String stem(String w) {
        return w.length() > 5 ? w.substring(0, 5) : w;
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
        return (double) words.stream().filter(present::contains).count() / words.size();
    }
}
