package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 94, 101, 103 and 108 (2026-12-07, fourth session), written here in other words than
 * theirs: an alerting tool's numbered alert and its state in any case or language before a colon; a bracketed state
 * leading the text in the template's language; a card's status field whose key and value are in the template's
 * language; and the alert named under a title that only numbers it.
 */
class ToolNumberedStatesShapesTest {

    private static Optional<Classification> card(String text, Map<String, Object> attachment) {
        Map<String, Object> message = Map.of(
                "type",
                "message",
                "bot_id",
                "B01",
                "username",
                "paivystys-relay",
                "text",
                text,
                "attachments",
                List.of(attachment));
        return Shapes.BUILTIN.classify(MessageView.ofSlack(message)).filter(Classification::isAlert);
    }

    @Test
    void an_alerting_tools_numbered_alert_and_its_state_in_any_case_or_language() {
        assertThat(action("relay", "Opsgenie #3310 closed: Payment queue depth above 10k"))
                .contains(Action.CLOSE);
        assertThat(action("relay", "PagerDuty #7702 chiuso: Coda pagamenti oltre 10k"))
                .contains(Action.CLOSE);
        // another name's numbered item is an order's or a ticket's
        assertThat(action("shop-bot", "Order #3310 closed: two pallets of paper towels"))
                .isEmpty();
    }

    @Test
    void a_bracketed_state_leading_the_text_in_the_templates_language() {
        assertThat(action("paivystys", "[Ratkaistu] Opsgenie-hälytys #881")).contains(Action.CLOSE);
    }

    @Test
    void a_status_field_in_the_templates_language() {
        Optional<Classification> c = card(
                "PagerDuty-tapaus #5521: Lipunmyynnin rajapinta ei vastaa",
                Map.of(
                        "color", "#2eb67d",
                        "title", "#5521 Lipunmyynnin rajapinta ei vastaa",
                        "fields",
                                List.of(
                                        Map.of("title", "Tila", "value", "Ratkaistu", "short", true),
                                        Map.of("title", "Palvelu", "value", "ticket-api", "short", true))));
        assertThat(c.map(Classification::action)).contains(Action.CLOSE);
    }

    @Test
    void the_alert_named_under_a_title_that_only_numbers_it() {
        Map<String, Object> message = Map.of(
                "type", "message",
                "bot_id", "B01",
                "username", "paivystys-relay",
                "text", "PagerDuty #6120 laukesi",
                "blocks",
                        List.of(
                                Map.of(
                                        "type",
                                        "header",
                                        "text",
                                        Map.of("type", "plain_text", "text", "🔴 PagerDuty #6120 laukesi")),
                                Map.of(
                                        "type",
                                        "section",
                                        "text",
                                        Map.of("type", "mrkdwn", "text", "*Lipunmyynnin jono kasvaa*"),
                                        "fields",
                                        List.of(
                                                Map.of("type", "mrkdwn", "text", "*Palvelu*\nticket-queue"),
                                                Map.of("type", "mrkdwn", "text", "*Tila*\nHälytys")))));
        Optional<Classification> c =
                Shapes.BUILTIN.classify(MessageView.ofSlack(message)).filter(Classification::isAlert);
        assertThat(c.map(Classification::action)).contains(Action.OPEN);
        assertThat(c.map(Classification::alert)).contains("Lipunmyynnin jono kasvaa");
    }
}
