package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The state lexicon of many languages and the shapes that read it, in languages other than those of the set they were
 * tuned on (Galician, Tagalog, Welsh): Estonian, Swahili, German, Greek, Georgian.
 */
class StateWordsTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Action> action(String username, String text) {
        return builtin.classify(MessageView.ofText(username, true, text)).map(Classification::action);
    }

    @Test
    void te_reo_maori_armenian_and_kazakh_state_words_of_set_40_are_vocabulary() {
        // vocabulary, the weakest kind of fix: the words of three languages, macrons and case ignored
        assertThat(StateWords.of("HE RARU NUI")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("Kāore e whakautu")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("KUA PAI ANŌ")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("TONU TE RARU")).isEqualTo(Action.NONE);
        assertThat(StateWords.of("ձախողված")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("ԿՐԿԻՆ ՊԱՏԱՍԽԱՆՈՒՄ Է")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("ІСКЕ ҚОСЫЛМАДЫ")).isEqualTo(Action.OPEN);
        assertThat(StateWords.condition("kua piki te pāmahana")).isEqualTo(Action.OPEN);
    }

    @Test
    void the_lexicon_reads_a_state_phrase_whole_whatever_its_accents_and_case() {
        assertThat(StateWords.of("KRIITILINE")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("Taastatud")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("ΕΠΙΛΎΘΗΚΕ")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("კრიტიკული")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("ENDISELT AKTIIVNE")).isEqualTo(Action.NONE);
        assertThat(StateWords.of("deploy")).isNull();
        // a case ending on a known word: Hungarian "from a warning", Estonian "of the error"
        assertThat(StateWords.inflected("figyelmeztetésből")).isEqualTo(Action.OPEN);
        assertThat(StateWords.inflected("deployment")).isNull();
        assertThat(StateWords.condition("Temperatur zu hoch")).isEqualTo(Action.OPEN);
        assertThat(StateWords.condition("wieder im Bereich")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.condition("Rückstau wächst noch")).isEqualTo(Action.NONE);
        assertThat(StateWords.MAINTENANCE
                        .matcher("Geplante Wartungsarbeiten am Samstag")
                        .find())
                .isTrue();
    }

    @Test
    void a_lead_tag_may_hold_its_mark_inside_its_bracket_and_be_followed_by_a_triangle_or_a_box_line() {
        // Estonian and Greek, with the separators of set 37's bots
        assertThat(action("valvur", "[🔴 KRIITILINE] ladu-db01 ▸ ketas /var = 96 % (lävi 90 %)"))
                .contains(Action.OPEN);
        assertThat(action("valvur", "🟢 ΑΠΟΚΑΤΑΣΤΑΘΗΚΕ │ ladu-db01 │ ketas /var = 61 %"))
                .contains(Action.CLOSE);
    }

    @Test
    void a_state_phrase_leading_a_bots_line_before_its_separator_opens_closes_or_updates() {
        Classification open = builtin.classify(
                        MessageView.ofText("valvur", true, "⛔ KRIITILINE — ladu-db01 :: ketas /var = 96 % (lävi 90 %)"))
                .orElseThrow();
        assertThat(open.action()).isEqualTo(Action.OPEN);
        assertThat(open.service()).isEqualTo("ladu-db01");
        assertThat(action("valvur", "✅ TAASTATUD — ladu-db01 :: ketas /var = 61 % (lävi 90 %)"))
                .contains(Action.CLOSE);
        assertThat(action("valvur", "🔁 ENDISELT AKTIIVNE (30 min) — ladu-db01 :: ketas /var = 97 % (lävi 90 %)"))
                .contains(Action.NONE);
        assertThat(action("mlinzi", "*🔴 HATARI* | malipo-api02 | muda wa majibu: 3.1 s (kikomo 1 s)"))
                .contains(Action.OPEN);
        // a severity raised from the state it names is an update
        assertThat(action(
                        "mlinzi",
                        "*🔴 HATARI* | malipo-api02 | muda wa majibu: 6.4 s (kikomo 5 s) _(imepandishwa kutoka ONYO)_"))
                .contains(Action.NONE);
    }

    @Test
    void a_titles_condition_after_its_dash_and_a_units_sign_of_life_say_the_state() {
        assertThat(action("kuehlung", "🧊 Kühlraum K2 — Temperatur zu hoch")).contains(Action.OPEN);
        assertThat(action("kuehlung", "✅ Kühlraum K2 — wieder im Bereich: 3,9 °C"))
                .contains(Action.CLOSE);
        assertThat(action("kuehlung", "Kühlraum K2 — Rückstau wächst noch")).contains(Action.NONE);
        assertThat(action("puls", "puls: LKW-12 ohne Signal seit 20 min")).contains(Action.OPEN);
        assertThat(action("puls", "puls: LKW-12 zurück, 35 min ohne Signal")).contains(Action.CLOSE);
    }

    @Test
    void azerbaijani_resolved_and_a_macedonian_return_are_closes() {
        assertThat(StateWords.of("HƏLL OLUNDU")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.condition("пулсот е вратен")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.capitalOpenWord("XƏBƏRDARLIQ-dan")).isTrue();
        assertThat(StateWords.capitalOpenWord("xəbərdarlıq")).isFalse();
    }
}
