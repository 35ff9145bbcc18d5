package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static dev.ratchet.module.classifier.Shapes.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 122 and 124 (2026-12-07, fourth session: a Kyiv team's Ukrainian templates, a Helsinki
 * team's Finnish ones), written here in other words than theirs: a localised first line glossing its state with the
 * tool's English word in brackets; and a new alert, error or incident said in the template's language, the word for
 * new before the noun or after it.
 */
class GlossAndNewNounShapesTest {

    @Test
    void a_localised_line_glossing_its_state_in_english() {
        assertThat(Shapes.rulesAction("relay", "🔴 Монітор спрацював на складі (Triggered) · wms-api"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", "✅ Монітор відновився на складі (Recovered) · wms-api"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction("relay", "🟡 Häiriö kuitattu (ACKNOWLEDGED) · lipunmyynti"))
                .isEmpty();
        // after English words a bracketed word is a note, not a gloss
        assertThat(action("relay", "*[prod]* ⚠️ **queue lag above 50k messages** (`warning`)"))
                .isNotEmpty();
    }

    @Test
    void a_new_alert_or_error_in_the_templates_language() {
        assertThat(action("sentry-relay", "🐞 *Nowy błąd*: KeyError: 'iban' in ledger/transfers.py"))
                .contains(Action.OPEN);
        assertThat(action("sentry-relay", "Uusi virhe: NullPointerException in TicketService.refund"))
                .contains(Action.OPEN);
        assertThat(action("sentry-relay", "Lỗi mới — NullPointerException trong VoucherService"))
                .contains(Action.OPEN);
        // where it is, then the error that names it
        assertThat(alert("sentry-relay", "🐞 *Nová chyba* v `pokladna-api`\n*IndexError: list index out of range*")
                        .map(Classification::alert))
                .contains("IndexError: list index out of range");
        // a new notification is no alert
        assertThat(action("relay", "Nieuwe melding van de planning")).isEmpty();
    }

    @Test
    void core_forms_the_lexicon_lacked_and_a_tools_name_before_a_new_alert() {
        // Finnish "uusi hälytys" after the tool's name; SULJETTU, a word of the lexicon, makes the gloss a template's
        assertThat(Shapes.rulesAction("relay", "Opsgenie · uusi hälytys `#42` [P2] Tulostusjono kasvaa"))
                .contains(Action.OPEN);
        assertThat(Shapes.rulesAction("relay", "Opsgenie · suljettu (Close) `#42` — jono tyhjä"))
                .contains(Action.CLOSE);
        // Ukrainian ЗАКРИТО ending a relay's title after its dash
        assertThat(Shapes.rulesAction("relay", "*Opsgenie #31 · P2* — Закрито")).contains(Action.CLOSE);
    }
}
