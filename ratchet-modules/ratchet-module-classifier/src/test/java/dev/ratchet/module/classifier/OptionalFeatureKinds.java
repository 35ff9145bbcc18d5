package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kinds of feature measured for the learned stage ({@link LearnedRecogniser}) beside the shipped ones and not shipped:
 * {@code char} (character 3- and 4-grams of the headline's words), {@code where} (words of the last line, the buttons
 * and the field names), {@code pos} (the colour of an emoji opening the message or its last line), {@code shape}
 * (numbers with their units and comparisons as shapes: "95%", "12 min", "-12.8°C", "> 90"), {@code struct} (how many
 * fields, lines, a code block, a link) and {@code lex} (below). Measured leave-one-set-out over blind sets 29-40
 * ({@code LearnedFeaturesExperiment}, rules then the model, pooled P / R / F1): none 0.883 / 0.929 / 0.906; struct
 * 0.886 / 0.934 / 0.909; where 0.885 / 0.927 / 0.906; pos and shape 0.883 / 0.929 / 0.906 and 0.881 / 0.932 / 0.906;
 * where, pos and struct 0.882 / 0.934 / 0.907; char (headline 3-4-grams, twice the features) 0.864 / 0.938 / 0.900.
 * None is shipped: struct's +0.003 is within noise, and on set 42, never tuned on, the model with struct scored 0.52
 * against 0.57 without (2026-12-06).
 *
 * <p>{@code lex} (the state words of {@link StateWords} as their class and place, so that a state word of a
 * language no fixture has would weigh what its class weighs) was measured and is not shipped (2026-12-06).
 * Leave-one-set-out over sets 29-41 ({@code -Dratchet.classifier.held='29|3\d|4[01]'}), rules then the model,
 * pooled P / R / F1: base 0.893 / 0.938 / 0.915, lex 0.890 / 0.934 / 0.912 (noise); the model alone on the held-out
 * set: base 0.901 / 0.523 / 0.662, lex 0.896 / 0.618 / 0.731, recall up on 12 of 13 sets. With the colour beside the
 * headline's class ({@code lexcol}, sets 29-40) 0.883 / 0.929 / 0.906 against 0.887 / 0.935 / 0.910 base; with the
 * headline, tag, conditions and field values only ({@code lexmin}) model alone 0.899 / 0.616 / 0.731. But shipped
 * (retrained with it), the unseen sets, never tuned on, all fell (GeneralisationTest stateless P / R / F1): 42 0.93 /
 * 0.41 / 0.57 -> 0.90 / 0.31 / 0.46, 43 0.83 / 0.43 / 0.57 -> 0.82 / 0.39 / 0.53 (under its floor 0.57), 44 0.75 /
 * 0.11 / 0.18 -> 0.67 / 0.11 / 0.18, 45 0.96 / 0.50 / 0.66 -> 0.92 / 0.46 / 0.61; sets up to 41 unchanged. The
 * likely reason: StateWords' languages were chosen knowing the languages of sets up to 41, so leave-one-set-out the
 * lexicon still covers the held-out set's state words, and the model learns to lean on {@code lex:} features and
 * less on the colours, emoji and layout words; on a set whose words the lexicon lacks those features stay silent
 * and the model is less sure than without them. Nor did a larger lexicon turn it around: with the StateWords of
 * branch lexicon at e517bbe8 (96 languages more, not merged here) the stateless F1 with the shipped model was 42
 * 0.58, 43 0.57, 44 0.18, 45 0.73, and with a model retrained with lex 0.53, 0.53, 0.21, 0.70.
 */
final class OptionalFeatureKinds {

    private OptionalFeatureKinds() {}

    /** The shipped features of a message with the optional kinds {@code kinds} beside them. */
    static Set<String> features(MessageView view, Set<String> kinds) {
        Set<String> f = new LinkedHashSet<>(LearnedRecogniser.features(view));
        if (!kinds.isEmpty()) {
            String text = LearnedRecogniser.text(view);
            optional(view, kinds, view.text(), text, LearnedRecogniser.headlines(view, text), f);
        }
        return f;
    }

    private static final Pattern NUMBER_UNIT = Pattern.compile(
            "([<>≥≤]=?\\s*)?(-)?\\d+(?:[.,]\\d+)?\\s*(%|°\\s?[cf]\\b|ms\\b|s\\b|secs?\\b|seconds?\\b|mins?\\b|minutes?\\b"
                    + "|h\\b|hrs?\\b|hours?\\b|d\\b|days?\\b|[kmgtp]i?b\\b|[kmgtp]i?b/s\\b|bytes?\\b|req/s\\b|rps\\b|ops\\b"
                    + "|/\\s*\\d+|x\\b|kw\\b|mw\\b|v\\b|bar\\b|psi\\b|ppm\\b|db\\b|dbm\\b|mbps\\b|gbps\\b|°)?");

    private static void optional(
            MessageView view, Set<String> kinds, String raw, String text, List<String> headlines, Set<String> f) {
        if (kinds.contains("char")) {
            for (String h : headlines) {
                for (String w : LearnedRecogniser.words(h)) {
                    if (w.length() < 3 || Character.isDigit(w.charAt(0))) {
                        continue;
                    }
                    String p = "^" + w + "$";
                    for (int n = 3; n <= 4; n++) {
                        for (int i = 0; i + n <= p.length(); i++) {
                            f.add("hc:" + p.substring(i, i + n));
                        }
                    }
                }
            }
        }
        String[] lines = text.strip().split("\n");
        String last = lines.length > 1 ? lines[lines.length - 1] : "";
        if (kinds.contains("where")) {
            for (String w : LearnedRecogniser.words(last)) {
                f.add("ll:" + w);
            }
            for (String b : view.buttons()) {
                for (String w : LearnedRecogniser.words(SlackText.normalise(b).toLowerCase(Locale.ROOT))) {
                    f.add("b:" + w);
                }
            }
            for (String k : view.fields().keySet()) {
                for (String w : LearnedRecogniser.words(k.toLowerCase(Locale.ROOT))) {
                    f.add("fw:" + w);
                }
            }
        }
        if (kinds.contains("pos")) {
            String first = raw.strip().toLowerCase(Locale.ROOT);
            Matcher e = LearnedRecogniser.EMOJI.matcher(first);
            if (e.lookingAt()) {
                f.add("e0:" + Marks.emojiColour(e.group(1)));
            } else if (!first.isEmpty()
                    && LearnedRecogniser.SYMBOL
                            .matcher(first.substring(0, first.offsetByCodePoints(0, 1)))
                            .matches()) {
                f.add("e0:" + Marks.symbolColour(first.substring(0, first.offsetByCodePoints(0, 1))));
            }
            String rawLast = raw.strip();
            int nl = rawLast.lastIndexOf('\n');
            if (nl >= 0) {
                String l = rawLast.substring(nl + 1).toLowerCase(Locale.ROOT);
                Matcher le = LearnedRecogniser.EMOJI.matcher(l);
                while (le.find()) {
                    f.add("el:" + Marks.emojiColour(le.group(1)));
                }
                Matcher ls = LearnedRecogniser.SYMBOL.matcher(l);
                while (ls.find()) {
                    f.add("el:" + Marks.symbolColour(ls.group()));
                }
            }
        }
        if (kinds.contains("shape")) {
            Matcher m = NUMBER_UNIT.matcher(text);
            while (m.find()) {
                String unit = m.group(3) == null ? "" : m.group(3).replaceAll("\\s+", "");
                if (unit.startsWith("/")) {
                    unit = "/0";
                }
                String shape = (m.group(1) == null ? "" : m.group(1).strip().substring(0, 1))
                        + (m.group(2) == null ? "" : "-")
                        + "0"
                        + unit;
                f.add("n:" + shape);
                if (m.group(1) != null) {
                    f.add("n:cmp");
                }
            }
        }
        if (kinds.contains("lex")) {
            lex(view, kinds, text, headlines, last, f);
        }
        if (kinds.contains("struct")) {
            int nf = view.fields().size();
            f.add("nf:" + (nf == 0 ? "0" : nf <= 2 ? "1-2" : nf <= 5 ? "3-5" : "6+"));
            int nl = lines.length;
            f.add("nl:" + (nl <= 1 ? "1" : nl <= 3 ? "2-3" : nl <= 8 ? "4-8" : "9+"));
            if (raw.contains("```")) {
                f.add("s:code");
            }
            if (raw.contains("<http") || raw.contains("http://") || raw.contains("https://")) {
                f.add("s:link");
            }
            if (!view.buttons().isEmpty()) {
                f.add("s:buttons");
            }
            if (!view.titles().isEmpty()) {
                f.add("s:title");
            }
        }
    }

    /** A word for the state lexicon: letters and their marks (Devanagari, Thai vowel signs), apostrophes, hyphens. */
    private static final Pattern LEX_WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N}'’-]*");

    /** Scripts written without spaces between words: a state word is looked for inside their runs. */
    private static final Pattern UNSPACED = Pattern.compile(
            "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}\\p{IsLao}\\p{IsKhmer}\\p{IsMyanmar}]");

    /**
     * The {@code lex} kind: the state words of {@link StateWords} (any of its languages) in a message's places, as
     * their class and place, not as the words: {@code lex:open@head} (a word for an open in a title or one of the
     * first three lines), {@code lex:close@tag} (the first headline's first words), {@code @last}, {@code @fk}
     * (field names), {@code @fv} (short field values), {@code @btn}, {@code @text}; {@code lexc:} what {@link
     * StateWords#condition} reads of a headline's part after a dash or colon ("temperatura alta"); with {@code lexcol}
     * also the headline's class with the message's colour ({@code lex:close@head+green}); with {@code lexmin} only the
     * headline, tag, condition and field values. A word the model never saw,
     * in a language no fixture has, then weighs what the words of its class weigh.
     */
    private static void lex(
            MessageView view, Set<String> kinds, String text, List<String> headlines, String last, Set<String> f) {
        Set<String> head = new LinkedHashSet<>();
        for (String h : headlines) {
            head.addAll(states(h, 12));
        }
        head.forEach(a -> f.add("lex:" + a + "@head"));
        if (!headlines.isEmpty()) {
            List<String> first = lexWords(headlines.get(0));
            String tag = String.join(" ", first.subList(0, Math.min(3, first.size())));
            for (String a : states(tag, 3)) {
                f.add("lex:" + a + "@tag");
            }
            for (String h : headlines) {
                String[] parts = h.split("\\s[—–-]\\s|:\\s|\\|", 2);
                if (parts.length == 2) {
                    Action c = StateWords.condition(parts[1]);
                    if (c != null) {
                        f.add("lexc:" + name(c) + "@head");
                    }
                }
            }
        }
        if (kinds.contains("lexmin")) {
            for (Map.Entry<String, String> kv : view.fields().entrySet()) {
                String v = SlackText.normalise(kv.getValue()).toLowerCase(Locale.ROOT);
                states(v, 8).forEach(a -> f.add("lex:" + a + "@fv"));
            }
            return;
        }
        states(last, 12).forEach(a -> f.add("lex:" + a + "@last"));
        for (Map.Entry<String, String> kv : view.fields().entrySet()) {
            states(kv.getKey().toLowerCase(Locale.ROOT), 6).forEach(a -> f.add("lex:" + a + "@fk"));
            String v = SlackText.normalise(kv.getValue()).toLowerCase(Locale.ROOT);
            states(v, 8).forEach(a -> f.add("lex:" + a + "@fv"));
        }
        for (String b : view.buttons()) {
            states(b.toLowerCase(Locale.ROOT), 6).forEach(a -> f.add("lex:" + a + "@btn"));
        }
        states(text, LearnedRecogniser.MAX_TEXT_WORDS).forEach(a -> f.add("lex:" + a + "@text"));
        if (kinds.contains("lexcol")) {
            Set<String> colours = new LinkedHashSet<>();
            view.colours().forEach(c -> colours.add(Marks.colour(c)));
            Matcher e = LearnedRecogniser.EMOJI.matcher(view.text().toLowerCase(Locale.ROOT));
            while (e.find()) {
                colours.add(Marks.emojiColour(e.group(1)));
            }
            Matcher s = LearnedRecogniser.SYMBOL.matcher(view.text());
            while (s.find()) {
                colours.add(Marks.symbolColour(s.group()));
            }
            colours.remove("other");
            for (String a : head) {
                if (colours.isEmpty()) {
                    f.add("lex:" + a + "@head+none");
                }
                for (String c : colours) {
                    f.add("lex:" + a + "@head+" + c);
                }
            }
        }
    }

    private static String name(Action a) {
        return a == Action.NONE ? "update" : a == Action.OPEN ? "open" : "close";
    }

    private static List<String> lexWords(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = LEX_WORD.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * The state classes ({@code open}, {@code close}, {@code update}) of the phrases of one to three words in the
     * first {@code max} words of {@code s}, longest first and not overlapping; inside runs of unspaced scripts, any
     * known phrase of two to six characters.
     */
    static Set<String> states(String s, int max) {
        Set<String> out = new LinkedHashSet<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        List<String> w = lexWords(s);
        if (w.size() > max) {
            w = w.subList(0, max);
        }
        int i = 0;
        while (i < w.size()) {
            int took = 0;
            for (int n = Math.min(3, w.size() - i); n >= 1 && took == 0; n--) {
                Action a = StateWords.of(String.join(" ", w.subList(i, i + n)));
                if (a != null) {
                    out.add(name(a));
                    took = n;
                }
            }
            if (took == 0) {
                String word = w.get(i);
                if (UNSPACED.matcher(word).find()) {
                    int[] cp = word.codePoints().toArray();
                    for (int a = 0; a < cp.length; a++) {
                        for (int n = Math.min(6, cp.length - a); n >= 2; n--) {
                            Action x = StateWords.of(new String(cp, a, n));
                            if (x != null) {
                                out.add(name(x));
                                a += n - 1;
                                break;
                            }
                        }
                    }
                }
                took = 1;
            }
            i += took;
        }
        return out;
    }
}
