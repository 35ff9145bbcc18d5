package dev.ratchet.module.docrag;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spelling correction of a question against the documentation's own words, for the way people type in Slack
 * ("brekglass", "kafak", "stagign", "severty"): a word of five letters or more that the pages found for the question
 * do not hold is replaced by their most frequent word one typing slip away: two adjacent letters swapped; from six
 * letters, a letter missed or doubled (not the first or the last: "approve" stays, it is not "approved"); from seven,
 * one letter mistyped (not the first or the last: "produce" is not "product"). A word whose stem the pages hold is only
 * completed to a word of the same stem ("pgbouncr" → "pgbouncer", not "spends" → "sends"); words with a meaning in
 * {@link OpsVocabulary} and words with digits are left as typed.
 */
final class Spelling {

    private Spelling() {}

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /**
     * The question with its misspelt words corrected, or the question itself when none is.
     *
     * @param counts how often each word (lower case) occurs in the pages found for the question
     */
    static String correct(String question, Map<String, Integer> counts) {
        java.util.Set<String> stems = new java.util.HashSet<>();
        counts.keySet().forEach(w -> stems.add(Evidence.stem(w)));
        Matcher m = WORD.matcher(question);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            String typed = m.group();
            String w = typed.toLowerCase(Locale.ROOT);
            String fix = null;
            boolean digitsNear = (m.start() > 0 && Character.isDigit(question.charAt(m.start() - 1)))
                    || (m.end() < question.length() && Character.isDigit(question.charAt(m.end())));
            if (w.length() >= 5
                    && !digitsNear
                    && !counts.containsKey(w)
                    && OpsVocabulary.meaning(w).isEmpty()) {
                String stem = Evidence.stem(w);
                boolean known = stems.contains(stem);
                int best = 0;
                for (String c : edits(w)) {
                    Integer n = counts.get(c);
                    if (n != null
                            && c.length() >= 4
                            && (!known || Evidence.stem(c).equals(stem))
                            && (n > best || n == best && c.compareTo(fix) < 0)) {
                        fix = c;
                        best = n;
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(fix == null ? typed : fix));
            changed |= fix != null;
        }
        m.appendTail(out);
        return changed ? out.toString() : question;
    }

    /** The words one typing slip from {@code w} (see the class comment). */
    static java.util.Set<String> edits(String w) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        int n = w.length();
        for (int i = 0; i + 1 < n; i++) {
            out.add(w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2));
        }
        if (n >= 6) {
            for (int i = 1; i < n; i++) {
                for (char c = 'a'; c <= 'z'; c++) {
                    out.add(w.substring(0, i) + c + w.substring(i));
                }
            }
            for (int i = 1; i + 1 < n; i++) {
                out.add(w.substring(0, i) + w.substring(i + 1));
            }
        }
        if (n >= 7) {
            for (int i = 1; i + 1 < n; i++) {
                for (char c = 'a'; c <= 'z'; c++) {
                    out.add(w.substring(0, i) + c + w.substring(i + 1));
                }
            }
        }
        out.remove(w);
        return out;
    }
}
