package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@code state-words.tsv}, the alert-state vocabulary StateWords reads, and a few of its words per script
 * read through the classifier as a bot's leading tag.
 */
class StateWordsLexiconTest {

    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(\\+[a-z]{2,3})* \\S.*");

    static final Map<String, Action> ACTION = Map.of(
            "open", Action.OPEN,
            "close", Action.CLOSE,
            "update", Action.NONE,
            "condition-open", Action.OPEN,
            "condition-close", Action.CLOSE);

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Classification> classify(String text) {
        return builtin.classify(MessageView.ofText("watchbot", true, text));
    }

    @Test
    void every_row_names_its_language_by_code_and_name_and_no_language_repeats_a_phrase_in_a_list() {
        assertThat(StateWords.LEXICON).hasSizeGreaterThan(3000);
        List<String> bad = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StateWords.Entry e : StateWords.LEXICON) {
            if (!LANGUAGE.matcher(e.language()).matches()) {
                bad.add("language not 'code Name': " + e);
            }
            if (!e.phrase().strip().equals(e.phrase()) || e.phrase().contains("  ")) {
                bad.add("phrase with stray spaces: " + e);
            }
            if (!seen.add(e.language() + "\t" + e.kind() + "\t" + e.phrase().toLowerCase(Locale.ROOT))) {
                bad.add("repeated in its language and list: " + e);
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void no_phrase_is_in_two_lists_that_say_different_things_whatever_its_language() {
        Map<String, Map<Action, Set<String>>> byKey = new TreeMap<>();
        for (StateWords.Entry e : StateWords.LEXICON) {
            Action a = ACTION.get(e.kind());
            if (a != null) {
                // (a form looked up as written is keyed as written: LØST is no LOST)
                byKey.computeIfAbsent(
                                e.exact() ? StateWords.exactKey(e.phrase()) : StateWords.key(e.phrase()),
                                k -> new TreeMap<>())
                        .computeIfAbsent(a, k -> new TreeSet<>())
                        .add(e.kind() + " in " + e.language());
            }
        }
        List<String> conflicts = new ArrayList<>();
        byKey.forEach((k, v) -> {
            if (v.size() > 1) {
                conflicts.add(k + ": " + v);
            }
        });
        assertThat(conflicts)
                .as("a phrase in two kinds, with the languages that put it there")
                .isEmpty();
    }

    @Test
    void every_language_has_an_open_and_a_close() {
        Map<String, Set<String>> kinds = new TreeMap<>();
        for (StateWords.Entry e : StateWords.LEXICON) {
            for (String code : e.language().split(" ", 2)[0].split("\\+")) {
                if (!code.equals("mul")) {
                    kinds.computeIfAbsent(code, c -> new TreeSet<>()).add(e.kind());
                }
            }
        }
        assertThat(kinds).hasSizeGreaterThan(150);
        List<String> lacking = new ArrayList<>();
        kinds.forEach((code, k) -> {
            if (!k.contains("open") || !k.contains("close")) {
                lacking.add(code + " " + k);
            }
        });
        assertThat(lacking).isEmpty();
    }

    @Test
    void every_phrase_of_the_state_lists_is_read_back_whole_as_its_list_says_unless_an_earlier_list_took_it() {
        List<String> wrong = new ArrayList<>();
        for (StateWords.Entry e : StateWords.LEXICON) {
            Action want = ACTION.get(e.kind());
            if (want != null && !e.kind().startsWith("condition") && StateWords.of(e.phrase()) != want) {
                wrong.add(e + " read as " + StateWords.of(e.phrase()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** language, open tag, close tag: one or two languages of each script. */
    static final String[][] TAGS = {
        {"Amharic (Ethiopic)", "ስህተት", "ተፈትቷል"},
        {"Tigrinya (Ethiopic)", "መጠንቀቕታ", "ተፈቲሑ"},
        {"Somali (Latin)", "DIGNIIN", "LA XALLIYAY"},
        {"Hausa (Latin)", "KUSKURE", "AN GYARA"},
        {"Yoruba (Latin, tone marks)", "ÀṢÌṢE", "TI YANJU"},
        {"Kinyarwanda (Latin)", "IKOSA", "BYAKEMUWE"},
        {"Xhosa (Latin)", "IMPAZAMO", "ISOMBULULIWE"},
        {"Malagasy (Latin)", "FAHADISOANA", "VOAVAHA"},
        {"Haitian Creole (Latin)", "AVÈTISMAN", "REZOUD"},
        {"Turkmen (Latin)", "ÝALŇYŞLYK", "ÇÖZÜLDI"},
        {"Esperanto (Latin)", "ERARO", "SOLVITA"},
        {"Faroese (Latin)", "FEILUR", "LOYST"},
        {"Burmese (Myanmar)", "အမှား", "ဖြေရှင်းပြီး"},
        {"Khmer", "កំហុស", "បានដោះស្រាយ"},
        {"Lao", "ຂໍ້ຜິດພາດ", "ແກ້ໄຂແລ້ວ"},
        {"Sinhala", "දෝෂය", "විසඳා ඇත"},
        {"Nepali (Devanagari)", "गम्भीर", "समाधान भयो"},
        {"Punjabi (Gurmukhi)", "ਚੇਤਾਵਨੀ", "ਹੱਲ ਹੋ ਗਿਆ"},
        {"Gujarati", "ચેતવણી", "ઉકેલાયું"},
        {"Kannada", "ಎಚ್ಚರಿಕೆ", "ಪರಿಹರಿಸಲಾಗಿದೆ"},
        {"Malayalam", "മുന്നറിയിപ്പ്", "പരിഹരിച്ചു"},
        {"Odia", "ଚେତାବନୀ", "ସମାଧାନ ହୋଇଛି"},
        {"Assamese (Bengali script)", "সতৰ্কবাণী", "স্বাভাৱিক"},
        {"Pashto (Arabic script)", "تېروتنه", "حل شو"},
        {"Sorani (Arabic script)", "هەڵە", "چارەسەر کرا"},
        {"Uyghur (Arabic script)", "خاتالىق", "ھەل قىلىندى"},
        {"Kyrgyz (Cyrillic)", "ЭСКЕРТҮҮ", "ЧЕЧИЛДИ"},
        {"Mongolian (Cyrillic)", "АЛДАА", "ШИЙДЭГДСЭН"},
        {"Yiddish (Hebrew script)", "פעלער", "געלייזט"},
        {"Cantonese (Han)", "冇回應", "搞掂"},
        {"Korean (Hangul)", "치명적", "복구 완료"},
        {"Japanese (Kana)", "アラート", "リカバリー"},
    };

    @Test
    void a_bots_leading_state_tag_in_each_script_opens_and_closes_its_alert() {
        List<String> missed = new ArrayList<>();
        for (String[] t : TAGS) {
            Optional<Classification> open = classify("🔴 " + t[1] + " — db-07 :: disk /var = 96 % (90 %)");
            Optional<Classification> close = classify("✅ " + t[2] + " — db-07 :: disk /var = 61 % (90 %)");
            if (open.map(Classification::action).orElse(null) != Action.OPEN
                    || !"db-07".equals(open.map(Classification::service).orElse(null))) {
                missed.add(t[0] + " open " + t[1] + " -> " + open);
            }
            if (close.map(Classification::action).orElse(null) != Action.CLOSE) {
                missed.add(t[0] + " close " + t[2] + " -> " + close);
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void a_short_everyday_word_left_out_of_the_file_is_no_state() {
        // the header's first omission class: words used in passing for something else
        for (String w : List.of("mali", "sawa", "iawn", "dara", "lafiya", "ok", "wrong", "sayop", "rong", "cala")) {
            assertThat(StateWords.of(w)).as(w).isNull();
        }
        // its second and third: lone short words a title's condition could end on, and names
        for (String w : List.of("hou", "gen", "dua", "tale", "wider", "mist", "leech", "mole", "pers", "bali")) {
            assertThat(StateWords.condition(w)).as(w).isNull();
        }
    }
}
