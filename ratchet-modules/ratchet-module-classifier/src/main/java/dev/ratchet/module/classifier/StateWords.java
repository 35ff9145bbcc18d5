package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An alert's state in the words of the languages most used at work, as a bot writes it in its leading tag: critical,
 * warning, alarm, error, failure, down, not responding, no data (an open); resolved, recovered, restored, fixed, back to
 * normal, responding again (a close); still active, acknowledged, escalated, raised (an update that changes no state).
 *
 * <p>Written from the languages themselves, not from any set's lines: English, the Romance languages (Spanish,
 * Portuguese, Galician, Catalan, French, Italian, Romanian), the Germanic ones (German, Dutch, Afrikaans,
 * Luxembourgish, Swedish, Norwegian, Danish, Icelandic), the Slavic ones (Polish, Czech, Slovak, Slovenian, Croatian,
 * Serbian and Bosnian in both scripts, Macedonian, Bulgarian, Russian, Ukrainian, Belarusian), the Baltic and
 * Finno-Ugric ones (Lithuanian, Latvian, Estonian, Finnish, Hungarian), Greek, Albanian, Maltese, the Celtic ones
 * (Welsh, Irish, Scottish Gaelic, Breton), te reo Maori, Samoan, Basque, Turkish, Azerbaijani, Kazakh, Uzbek, Tajik, Georgian, Armenian, Arabic,
 * Hebrew, Persian, Urdu, Hindi, Bengali, Marathi, Tamil, Telugu, Thai, Vietnamese, Indonesian and Malay, Tagalog,
 * Swahili, isiZulu, Chinese, Japanese and Korean; and since the move to the file, about a hundred more, from Amharic,
 * Hausa, Yoruba and Malagasy to Burmese, Khmer, Sinhala, Pashto, Kyrgyz, Mongolian, Javanese, Quechua, Tongan,
 * Faroese, Esperanto and Yiddish (the file names each). A word people use in passing for something else is left out
 * when it is short and common (Tagalog "mali", wrong; Swahili "sawa", fine; Welsh "iawn", very): the tag position makes the rest safe.
 *
 * <p>Looked up whole (one phrase of up to five words), accents and case ignored, apostrophes unified. The words live
 * in {@code state-words.tsv} beside this class (language, kind, phrase; its header says what is left out and why), read
 * once when the class loads; {@code StateWordsLexiconTest} checks its shape.
 */
final class StateWords {

    private StateWords() {}

    private static final Pattern ACCENTS = Pattern.compile("[\\x{0300}-\\x{036F}]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

    /** One row of the lexicon: the language it is written in, the list it belongs to, the phrase. */
    record Entry(String language, String kind, String phrase, boolean uncertain, boolean exact) {}

    /** The lists a row may belong to, in the order their words are taken when a phrase is in more than one. */
    static final List<String> KINDS = List.of(
            "open", "close", "update", "condition-open", "condition-close", "incident", "opened", "maintenance");

    /** The lexicon's rows, read once from {@code state-words.tsv} beside this class, in the file's order. */
    static final List<Entry> LEXICON = load();

    private static List<Entry> load() {
        try (InputStream in = StateWords.class.getResourceAsStream("state-words.tsv")) {
            if (in == null) {
                throw new IllegalStateException("state-words.tsv is missing beside StateWords");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Entry> rows = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 3 || f.length > 4 || !KINDS.contains(f[1]) || f[2].isBlank()) {
                    throw new IllegalStateException("state-words.tsv line " + n + " is no row: " + line);
                }
                rows.add(new Entry(
                        f[0],
                        f[1],
                        f[2],
                        f.length == 4 && f[3].startsWith("?"),
                        f.length == 4 && f[3].startsWith("=")));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The phrases of one list, in the file's order. */
    static List<String> phrases(String kind) {
        return LEXICON.stream()
                .filter(e -> e.kind().equals(kind))
                .map(Entry::phrase)
                .toList();
    }

    private static final Map<String, Action> WORDS = new HashMap<>();

    /**
     * Phrases looked up as written, their letters kept (a fourth column starting with "="): folded, they are another
     * language's word of another meaning (Danish and Norwegian LØST, resolved, is English LOST).
     */
    private static final Map<String, Action> EXACT = new HashMap<>();

    static {
        put("open", Action.OPEN);
        put("close", Action.CLOSE);
        put("update", Action.NONE);
    }

    private static void put(String kind, Action action) {
        for (Entry e : LEXICON) {
            if (!e.kind().equals(kind)) {
                continue;
            }
            if (e.exact()) {
                EXACT.putIfAbsent(exactKey(e.phrase()), action);
                continue;
            }
            String k = key(e.phrase());
            if (!k.isEmpty()) {
                WORDS.putIfAbsent(k, action);
            }
        }
    }

    /** A phrase as written, in capitals, its spaces single: the key of {@link #EXACT}. */
    static String exactKey(String phrase) {
        String s = Normalizer.normalize(phrase.strip(), Normalizer.Form.NFC);
        return SPACES.matcher(s).replaceAll(" ").toUpperCase(Locale.ROOT);
    }

    /**
     * What a title says of a thing after a dash, in the same languages: too high, too low, lost, stopped, on battery (an
     * open); back, again, in range, running again (a close); still (an update). Read only in a bot's title of the shape
     * "thing — condition" ("Cámara C3 — temperatura alta", "GEN-1 — disel yn isel", "UPS-WH1 — balik sa mains").
     */
    private static final Map<String, Action> CONDITIONS = new HashMap<>();

    static {
        // as the lists held in code did: an empty phrase (a condition of no letters) reads as an open
        CONDITIONS.put("", Action.OPEN);
        for (String w : phrases("condition-open")) {
            CONDITIONS.putIfAbsent(key(w), Action.OPEN);
        }
        for (String w : phrases("condition-close")) {
            CONDITIONS.putIfAbsent(key(w), Action.CLOSE);
        }
    }

    /**
     * What a title's condition after its dash says: the longest phrase of its words that either lexicon knows, read
     * from its first words and its last ("temperatura alta", "yn ôl ar lif ymlaen", "balik sa mains"), or null. A word
     * for still makes it an update.
     */
    static Action condition(String phrase) {
        return condition(phrase, false);
    }

    /** The same, only from a phrase ending the words when {@code endOnly} ("Prif gyflenwad yn ôl — …"). */
    static Action condition(String phrase, boolean endOnly) {
        String[] words =
                key(phrase).replaceAll("[^\\p{L}\\p{M}\\p{N}' -]", " ").strip().split("\\s+");
        if (words.length == 0 || words.length > 8) {
            return null;
        }
        for (int n = Math.min(3, words.length); n >= 1; n--) {
            for (int i = 0; i + n <= words.length; i++) {
                if (WORDS.get(String.join(" ", Arrays.copyOfRange(words, i, i + n))) == Action.NONE) {
                    return Action.NONE; // still so, anywhere in it ("ALHAALLA edelleen …", "tumataas pa rin")
                }
            }
        }
        for (int n = Math.min(4, words.length); n >= 1; n--) {
            for (int i = 0; i + n <= words.length; i++) {
                if ((i != 0 && i + n != words.length && n < 2) || (endOnly && i + n != words.length)) {
                    continue; // a lone word in the middle says little ("ar lif")
                }
                String p = String.join(" ", Arrays.copyOfRange(words, i, i + n));
                Action a = WORDS.get(p);
                Action c = CONDITIONS.get(p);
                if (c != null) {
                    return c;
                }
                if (a != null) {
                    return a;
                }
            }
        }
        // a state word closing the phrase in another gender or case than the lexicon's ("synchronizace obnovena")
        Action a = otherEnding(words[words.length - 1]);
        return a == Action.OPEN || a == Action.CLOSE ? a : null;
    }

    /**
     * The state phrase leading a value, its first words up to three, that the lexicon says opens or closes ("Stängd"
     * of "Stängd av Cecilia Holm", "Çözüldü"), or null; with {@code wordsAfter}, only when more words follow it.
     */
    static String leadingPhrase(String value, boolean wordsAfter) {
        String[] words = value.replaceAll("[*_`~]", " ").strip().split("\\s+");
        for (int n = Math.min(3, wordsAfter ? words.length - 1 : words.length); n >= 1; n--) {
            String phrase = String.join(" ", Arrays.copyOfRange(words, 0, n));
            Action a = of(phrase);
            if (a == Action.OPEN || a == Action.CLOSE) {
                return phrase;
            }
        }
        return null;
    }

    /** A word's last letter when it is a vowel, the ending a gender or number changes ("obnovena", "obnoveno"). */
    private static final Pattern VOWEL_ENDING = Pattern.compile("[AEIOUYАЕИОУЫЭЮЯІЇЄΑΕΗΙΟΥΩ]$");

    /**
     * What a word of six letters or more says when only its last vowel differs from a state word's ("OBNOVENA" for
     * "OBNOVENO", "ВІДНОВЛЕНА" for "ВІДНОВЛЕНО"), or null: the stem must be a whole known word less its last letter,
     * so a plural or a suffix ("ALERTS") is no match.
     */
    static Action otherEnding(String word) {
        String k = key(word);
        if (k.length() < 6 || !VOWEL_ENDING.matcher(k).find()) {
            return null;
        }
        return STEMS.get(k.substring(0, k.length() - 1));
    }

    /**
     * Maintenance, planned work, in the same languages: a notice of it is no alert, whatever state word it carries
     * ("Rhybudd gwaith cynnal a chadw — Western Power", "Aviso de mantemento programado").
     */
    static final Pattern MAINTENANCE = Pattern.compile("(?iu)(?<![\\p{L}])(?:"
            + phrases("maintenance").stream().map(Pattern::quote).collect(Collectors.joining("|"))
            + ")");

    /** A phrase as it is looked up: capitals, no Latin, Greek or Cyrillic accents, one kind of apostrophe. */
    static String key(String phrase) {
        String s = Normalizer.normalize(phrase.strip(), Normalizer.Form.NFD);
        s = ACCENTS.matcher(s).replaceAll("");
        s = s.replace('’', '\'')
                .replace('‘', '\'')
                .replace('ʼ', '\'')
                .replace('ʻ', '\'')
                .replace('ı', 'i')
                .replace('İ', 'I');
        s = s.replace("Ł", "L")
                .replace("ł", "l")
                .replace("Đ", "D")
                .replace("đ", "d")
                .replace("Ħ", "H")
                .replace("ħ", "h");
        s = s.replace("Ø", "O").replace("ø", "o").replace("\u200C", " ");
        s = SPACES.matcher(s).replaceAll(" ");
        return s.toUpperCase(Locale.ROOT);
    }

    /**
     * What an inflected word says, for languages that add a case ending to a state word ("გაფრთხილებიდან", from a
     * warning): a known word of six letters or more, less its last letter, leading the word; null when none does.
     */
    static Action inflected(String word) {
        String k = key(word);
        for (int n = k.length() - 1; n >= 5; n--) {
            Action a = STEMS.get(k.substring(0, n));
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /**
     * Every one-word state word of six letters or more by its stem (less its last letter), for {@link #inflected}; a
     * stem two words of different states share says nothing, so it is left out (none does today). Built once: the
     * lookup used to walk every word for every stem, and took the first in hash order.
     */
    private static final Map<String, Action> STEMS = stems();

    private static Map<String, Action> stems() {
        Map<String, Action> stems = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        WORDS.forEach((w, action) -> {
            if (w.length() >= 6 && w.indexOf(' ') < 0) {
                Action before = stems.putIfAbsent(w.substring(0, w.length() - 1), action);
                if (before != null && before != action) {
                    ambiguous.add(w.substring(0, w.length() - 1));
                }
            }
        });
        stems.keySet().removeAll(ambiguous);
        return Map.copyOf(stems);
    }

    /** The word for an incident, as a bot numbers one ("Incident #12", "Инцидент №27", "Isigameko 31"). */
    private static final Set<String> INCIDENT =
            phrases("incident").stream().map(StateWords::key).collect(Collectors.toUnmodifiableSet());

    /** Whether a word is the word for an incident in one of the languages above, accents and case ignored. */
    static boolean incident(String word) {
        String k = key(word);
        return INCIDENT.contains(k);
    }

    /** The word for opened, created (an incident's first post): "opened", "ашылды", "kuvuliwe". */
    private static final Pattern OPENED = Pattern.compile("(?iu)"
            + phrases("opened").stream()
                    .map(w -> w.endsWith("*")
                            ? Pattern.quote(w.substring(0, w.length() - 1)) + "\\p{L}*"
                            : Pattern.quote(w))
                    .collect(Collectors.joining("|")));

    /** Whether a phrase after an incident's number says it was opened. */
    static boolean opened(String phrase) {
        return OPENED.matcher(phrase.strip()).matches();
    }

    /** What a phrase says: open, close, none (an update), or null when it is no state word. */
    /** What is neither a letter nor a mark at a word's ends: a vowel sign ends "इशारा", a colon or emoji ends no word. */
    private static final Pattern EDGES = Pattern.compile("^[^\\p{L}]+|[^\\p{L}\\p{M}]+$");

    /** {@code s} without what is neither a letter nor a (combining) mark at its ends: "🔴 KRIT:" is "KRIT". */
    static String trimmed(String s) {
        return EDGES.matcher(s).replaceAll("");
    }

    static Action of(String phrase) {
        Action exact = EXACT.get(exactKey(phrase));
        return exact != null ? exact : WORDS.get(key(phrase));
    }

    /** What {@code phrase} says as a state in the lexicon, else as an English state word; null for neither. */
    static Action ofOrEnglish(String phrase) {
        Action a = of(phrase);
        return a != null ? a : GenericWords.englishState(phrase);
    }

    /**
     * Whether a note's word is an open state in capitals, a case ending after a hyphen left out, wherever the note's
     * verb stands ("(UYARI-dan yükseldi)", "(VAROITUS-tasolta nostettu)"): the state the alert was raised from.
     */
    static boolean capitalOpenWord(String word) {
        String w = trimmed(word)
                .replaceAll("-\\p{Ll}{1,8}$", "")
                .replaceAll("^\\p{Ll}{1,4}-(?=\\p{Lu})", ""); // a prefix before it: "ku-ISEXWAYISO"
        return w.length() >= 3
                && w.codePoints().anyMatch(Character::isUpperCase)
                && w.equals(w.toUpperCase(Locale.ROOT))
                && of(w) == Action.OPEN;
    }
}
