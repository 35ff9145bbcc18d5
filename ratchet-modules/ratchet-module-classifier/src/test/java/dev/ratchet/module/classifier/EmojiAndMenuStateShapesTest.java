package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a bot keeps its state in a menu or in emoji rather than words: a section's {@code static_select} initial option
 * or {@code overflow} first option, a header block led by a red mark over a list, a history of lights whose last is the
 * state, a bar of squares coloured by it, a failure's line repeated struck through then "→ ✅". Written in German,
 * Spanish and Polish (languages the blind set these shapes were found on does not use); beside each, a look-alike in
 * the same layout that must stay none.
 */
class EmojiAndMenuStateShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Action action(MessageView view) {
        return builtin.classify(view).map(Classification::action).orElse(Action.NONE);
    }

    static MessageView bot(String text, List<Object> blocks) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(
                Map.of("type", "message", "subtype", "bot_message", "username", "wache", "text", text));
        if (blocks != null) {
            m.put("blocks", blocks);
        }
        return MessageView.ofSlack(m);
    }

    static MessageView bot(String text) {
        return bot(text, null);
    }

    static Map<String, Object> option(String text) {
        return Map.of("text", Map.of("type", "plain_text", "text", text), "value", text.toLowerCase());
    }

    static MessageView select(String initial) {
        Map<String, Object> accessory = Map.of(
                "type",
                "static_select",
                "action_id",
                "state",
                "initial_option",
                option(initial),
                "options",
                List.of(option(initial), option("Bestätigen")));
        return bot(
                "Lauf: `rechnungen_export`",
                List.of(Map.of(
                        "type",
                        "section",
                        "text",
                        Map.of("type", "mrkdwn", "text", "*Lauf* `rechnungen_export` · 03:00"),
                        "accessory",
                        accessory)));
    }

    static MessageView overflow(String first) {
        Map<String, Object> accessory = Map.of(
                "type",
                "overflow",
                "action_id",
                "incidente",
                "options",
                List.of(option(first), option("Reconocer (ack)"), option("Cerrar (close)")));
        return bot(
                "Incidente #7",
                List.of(Map.of(
                        "type",
                        "section",
                        "text",
                        Map.of("type", "mrkdwn", "text", "*Incidente #7* · Cámara fría 2"),
                        "accessory",
                        accessory)));
    }

    static MessageView header(String head) {
        Map<String, Object> list = Map.of(
                "type",
                "rich_text",
                "elements",
                List.of(Map.of(
                        "type",
                        "rich_text_list",
                        "style",
                        "bullet",
                        "elements",
                        List.of(Map.of(
                                "type",
                                "rich_text_section",
                                "elements",
                                List.of(Map.of("type", "text", "text", "Urządzenie: pompa-3")))))));
        return bot(
                "Strażnik · pompa-3",
                List.of(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", head)), list));
    }

    @Test
    void a_selects_initial_option_or_an_overflows_first_option_is_the_cards_state() {
        assertThat(action(select("Fehlgeschlagen"))).isEqualTo(Action.OPEN);
        assertThat(action(select("Behoben"))).isEqualTo(Action.CLOSE);
        assertThat(MessageView.optionMark("Pantay (fehlgeschlagen)")).isEqualTo("🔴");
        assertThat(action(overflow("● Estado: ABIERTO"))).isEqualTo(Action.OPEN);
        assertThat(action(overflow("● Estado: RESUELTO"))).isEqualTo(Action.CLOSE);
        // a dry run, an acknowledgement (its capitalised note is a name, not a state) and an action are none
        assertThat(action(select("Probelauf (dry run)"))).isEqualTo(Action.NONE);
        assertThat(action(overflow("● Estado: RECONOCIDO (Marta)"))).isEqualTo(Action.NONE);
        assertThat(action(overflow("Reconocer (ack)"))).isEqualTo(Action.NONE);
    }

    @Test
    void a_header_led_by_a_red_mark_over_a_list_opens() {
        Classification open = builtin.classify(header("🔴 AWARIA")).orElseThrow();
        assertThat(open.action()).isEqualTo(Action.OPEN);
        assertThat(action(header("🟠 OSTRZEŻENIE"))).isEqualTo(Action.OPEN);
        // a plain circle before an open state in capitals (German, Spanish)
        assertThat(action(header("⚫ FEHLGESCHLAGEN"))).isEqualTo(Action.OPEN);
        assertThat(action(header("⚫ SIN RESPUESTA (3 intentos)"))).isEqualTo(Action.OPEN);
        assertThat(action(header("⚪ PRUEBA"))).isEqualTo(Action.NONE);
        // a reminder, a test copy and maintenance stay none
        assertThat(action(header("🔁 NADAL TRWA (30 min)"))).isEqualTo(Action.NONE);
        assertThat(action(header("🧪 TEST — zignoruj"))).isEqualTo(Action.NONE);
        assertThat(action(header("🛠 KONSERWACJA 06:00–08:00"))).isEqualTo(Action.NONE);
    }

    @Test
    void a_lights_history_whose_last_light_changed_is_the_state() {
        assertThat(action(bot("Berlin › Halle 3 › ofen-2\n🟢🟢🔴 · Temperatur · 91 °C (Grenze 80 °C)")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("Berlin › Halle 3 › ofen-2\n🟢🟡🔴 · Temperatur · 93 °C")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("Berlin › Halle 3 › ofen-2\n🔴🔴🟢 · Temperatur · 72 °C")))
                .isEqualTo(Action.CLOSE);
        // the same light throughout is no change; a test's and maintenance's lights are no state
        assertThat(action(bot("Berlin › Halle 3 › ofen-2\n🟢🟢🟢 · Temperatur · 70 °C · täglich")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("Berlin › Halle 3 › ofen-2\n⚪⚪⚪ · Temperatur · Test")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("Berlin › Halle 3 › ofen-2\n🔵🔵🔵 · Temperatur · Wartung 10:00–12:00")))
                .isEqualTo(Action.NONE);
    }

    @Test
    void a_bar_of_squares_coloured_by_the_state_red_opens_green_closes_empty_is_none() {
        assertThat(action(bot("sprężarka-1 · temperatura\n🟥🟥🟥🟥🟥🟥🟥🟥🟥🟥 104 % progu")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("serwer-erp · dysk\n🟧🟧🟧🟧🟧🟧🟧🟧🟧⬜ 92 % progu")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("sprężarka-1 · temperatura\n🟩🟩🟩🟩🟩🟩⬜⬜⬜⬜ 63 % progu")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(bot("prasa-4 · wibracje\n⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜ 0 % progu (kalibracja)")))
                .isEqualTo(Action.NONE);
    }

    @Test
    void a_failures_line_repeated_struck_through_then_a_green_mark_closes() {
        Classification close = builtin.classify(bot("~❌ `exportar_facturas` falló (intento 3/3) · 02:10~ → ✅ 03:05"))
                .orElseThrow();
        assertThat(close.action()).isEqualTo(Action.CLOSE);
        assertThat(close.alert()).contains("exportar_facturas");
        // a struck-through test line with no arrow to a green mark, and a person's struck-through plan, are none
        assertThat(action(bot("~prueba: ❌ `exportar_facturas`~ (test, ignorar)")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("~reinicio a las 10~ → mañana"))).isEqualTo(Action.NONE);
    }

    @Test
    void a_result_number_explained_in_a_footnote_opens_when_its_meaning_is_an_open_state() {
        String legend = "\n\n¹ 0 = erfolgreich · 1 = Warnung · 2 = fehlgeschlagen";
        Classification open = builtin.classify(bot("Job `zaehler_import` · 02:00 · 4 min · Code 2¹" + legend))
                .orElseThrow();
        assertThat(open.action()).isEqualTo(Action.OPEN);
        assertThat(open.alert()).contains("zaehler_import");
        // a success, a summary of counts with no footnoted result, and a footnote for another number are none
        assertThat(action(bot("Job `sms_erinnerung` · 07:00 · 1 min · Code 0¹" + legend)))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("Nachtbericht: 7 Jobs · Code 0: 6 · Code 2: 1" + legend)))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("Job `sms_erinnerung` · 07:00 · 3 Versuche² · Code 0" + legend)))
                .isEqualTo(Action.NONE);
    }
}
