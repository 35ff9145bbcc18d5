package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 91, 94, 103, 106, 108, 114 and 115 (2026-12-07, fourth session), written here in other
 * words than theirs: a state word closing a title in another gender than the lexicon's; a lexicon word in brackets in
 * mixed case leading a bot's line; a card's labelled status line with who set it after the state; and a status page
 * posting under a name that says so in another language or word order.
 */
class EndingsAndStatusPostersShapesTest {

    @Test
    void a_state_word_in_another_gender_closing_a_title() {
        // Czech OBNOVENO in the lexicon, OBNOVENA (feminine) in the title; Ukrainian ВІДНОВЛЕНО / ВІДНОВЛЕНА
        assertThat(Shapes.rulesAction(
                        "cenik-hlidac", "✅ cenik-hlidac: synchronizace cen obnovena — 312 položek přeceněno"))
                .contains(Action.CLOSE);
        assertThat(Shapes.rulesAction(
                        "sklad-monitor", "✅ sklad-monitor: синхронізація залишків відновлена — 120 позицій"))
                .contains(Action.CLOSE);
        // a plural is no other ending: "alerts" is not "alerta"
        assertThat(action("relay", ":test_tube: relay self-test passed (v2.3) — no alerts"))
                .isEmpty();
    }

    @Test
    void a_lexicon_word_in_brackets_in_mixed_case() {
        assertThat(action("kolejka-bot", "[Rozwiązany] Kolejka płatności rośnie · payments-worker"))
                .contains(Action.CLOSE);
        assertThat(action("coada-bot", "[Avertizare] Coada de plăți crește · payments-worker"))
                .contains(Action.OPEN);
    }

    @Test
    void a_cards_status_line_with_who_set_it() {
        Map<String, Object> card = Map.of(
                "type", "message",
                "bot_id", "B01",
                "username", "hlidac-relay",
                "text", "Upozornění #8812: Fronta objednávek roste",
                "blocks",
                        List.of(
                                Map.of(
                                        "type",
                                        "section",
                                        "text",
                                        Map.of(
                                                "type",
                                                "mrkdwn",
                                                "text",
                                                "*Upozornění #8812*\nFronta objednávek roste")),
                                Map.of(
                                        "type",
                                        "context",
                                        "elements",
                                        List.of(
                                                Map.of("type", "mrkdwn", "text", "Priorita: *P3*"),
                                                Map.of(
                                                        "type",
                                                        "mrkdwn",
                                                        "text",
                                                        "Stav: *Vyřešeno* uživatelem Jana Nováková")))));
        assertThat(Shapes.BUILTIN
                        .classify(MessageView.ofSlack(card))
                        .filter(Classification::isAlert)
                        .map(Classification::action))
                .contains(Action.CLOSE);
    }

    @Test
    void a_status_page_named_in_another_language_or_order() {
        assertThat(action("Estado Pagosya", "[Resuelto] Demoras en la acreditación de transferencias"))
                .isEmpty();
        assertThat(action("Stato PagaFacile", "[Risolto] Ritardi negli accrediti con carta"))
                .isEmpty();
        assertThat(action("Status Telekomo", "[Resolved] SMS delivery delays to Telekomo numbers"))
                .isEmpty();
        // a status page tool that also sends its monitors' alerts names the alert
        assertThat(action("Status Acme Dairy", "🚨 Alert Triggered\nAlert shop-api for STATUS DOWN TRIGGERED"))
                .contains(Action.OPEN);
    }
}
