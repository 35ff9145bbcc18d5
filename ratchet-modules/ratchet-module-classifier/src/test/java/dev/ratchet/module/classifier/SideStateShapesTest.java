package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a bot keeps its state beside its card rather than in its text: an attachment's author line or footer, a Block
 * Kit context; a numbered incident opened, updated and closed by the words beside its number; a run's later try; a
 * logger's level. Written in Icelandic, Bulgarian and Persian (languages no blind set's description names).
 */
class SideStateShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Classification classify(MessageView view) {
        return builtin.classify(view).orElseThrow(() -> new AssertionError("not recognised: " + view.text()));
    }

    static MessageView attachment(Map<String, Object> att) {
        return MessageView.ofSlack(Map.of(
                "type",
                "message",
                "subtype",
                "bot_message",
                "username",
                "vaktin",
                "text",
                "",
                "attachments",
                List.of(att)));
    }

    @Test
    void a_state_in_the_footer_after_a_label_leads_the_cards_title() {
        Classification open = classify(attachment(Map.of(
                "color", "danger",
                "title", "db-01 · диск /var",
                "text", "94 % (праг 90 %)",
                "footer", "СЪСТОЯНИЕ: КРИТИЧНО · пазач")));
        assertThat(open.action()).isEqualTo(Action.OPEN);
        assertThat(open.service()).isEqualTo("db-01");
        assertThat(open.alert()).isEqualTo("диск /var");
        Classification close = classify(attachment(Map.of(
                "color",
                "good",
                "title",
                "db-01 · диск /var",
                "text",
                "61 %",
                "footer",
                "СЪСТОЯНИЕ: ВЪЗСТАНОВЕНО · пазач")));
        assertThat(close.action()).isEqualTo(Action.CLOSE);
        assertThat(close.alert()).isEqualTo("диск /var");
        // a raise named in the card's text is the open's update, not a new alert
        assertThat(builtin.classify(attachment(Map.of(
                                "color", "danger",
                                "title", "db-01 · диск /var",
                                "text", "97 % (праг 95 %) · повишено от ПРЕДУПРЕЖДЕНИЕ",
                                "footer", "СЪСТОЯНИЕ: КРИТИЧНО · пазач")))
                        .map(Classification::action)
                        .orElse(Action.NONE))
                .isEqualTo(Action.NONE);
    }

    @Test
    void a_state_in_the_author_line_leads_the_title_a_test_copy_opens_nothing() {
        Classification open = classify(attachment(Map.of(
                "color", "danger", "title", "vefur-01 — diskur /var", "text", "93 %", "author_name", "ALVARLEGT")));
        assertThat(open.action()).isEqualTo(Action.OPEN);
        assertThat(open.service()).isEqualTo("vefur-01");
        Classification close = classify(attachment(
                Map.of("color", "good", "title", "vefur-01 — diskur /var", "text", "52 %", "author_name", "LEYST")));
        assertThat(close.action()).isEqualTo(Action.CLOSE);
        assertThat(MessageView.sideState("ALVARLEGT")).isEqualTo("ALVARLEGT");
        assertThat(MessageView.sideState("Staða: *LEYST* · vaktin")).isEqualTo("LEYST");
        assertThat(MessageView.sideState("dry run — ekki sent")).startsWith("TEST");
        assertThat(MessageView.sideState("vaktin 2.1")).isNull();
        assertThat(builtin.classify(attachment(Map.of(
                                "color", "danger",
                                "title", "prufa-01 — diskur /var",
                                "text", "99 %",
                                "author_name", "dry run — ekki sent")))
                        .map(Classification::action)
                        .orElse(Action.NONE))
                .isEqualTo(Action.NONE);
    }

    @Test
    void a_state_only_in_a_block_kit_context_leads_the_sections_first_line() {
        Map<String, Object> message = Map.of(
                "type", "message",
                "subtype", "bot_message",
                "username", "نگهبان",
                "text", "",
                "blocks",
                        List.of(
                                Map.of(
                                        "type",
                                        "section",
                                        "text",
                                        Map.of("type", "mrkdwn", "text", "`anbar-db` · دیسک\n96 %")),
                                Map.of(
                                        "type",
                                        "context",
                                        "elements",
                                        List.of(Map.of("type", "mrkdwn", "text", "وضعیت: *بحرانی* · نگهبان")))));
        MessageView view = MessageView.ofSlack(message);
        assertThat(view.text()).startsWith("[بحرانی] anbar-db · دیسک");
        Classification c = classify(view);
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("anbar-db");
    }

    @Test
    void a_numbered_incident_names_its_thing_the_words_beside_its_number_say_what_became_of_it() {
        LeadTags.NumberedIncident opened = LeadTags.numberedIncident("Инцидент #77 · Помпа 3 · налягане 2 bar");
        assertThat(opened).isNotNull();
        assertThat(opened.action()).isEqualTo(Action.OPEN);
        assertThat(opened.subject()).isEqualTo("Помпа 3");
        assertThat(LeadTags.numberedIncident("[#77 РЕШЕН] Помпа 3 — работи").action())
                .isEqualTo(Action.CLOSE);
        assertThat(LeadTags.numberedIncident("Инцидент 78 — Помпа 4: ПОТВЪРДЕНО")
                        .action())
                .isEqualTo(Action.NONE);
        // a sentence before the number, a bare count, English tools' own incident posts: not read so
        assertThat(LeadTags.numberedIncident("Огледът на #77 е в петък · Помпа 3"))
                .isNull();
        assertThat(LeadTags.numberedIncident("3 · Помпа 3")).isNull();
        assertThat(LeadTags.numberedIncident("Incident #8841: ACKNOWLEDGEMENT - Checkout"))
                .isNull();
        Classification c = classify(MessageView.ofText("дежурен", true, "Инцидент #77 · Помпа 3 · налягане 2 bar"));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("Помпа 3");
        assertThat(c.alert()).isEmpty();
    }

    @Test
    void a_runs_later_try_failing_again_is_an_update_and_a_pass_after_failures_closes() {
        assertThat(TableStates.runCells("afrit_nott | VILLA | tilraun 1/3 · tímamörk")
                        .action())
                .isEqualTo(Action.OPEN);
        assertThat(TableStates.runCells("afrit_nott | VILLA | tilraun 2/3 · tímamörk")
                        .action())
                .isEqualTo(Action.NONE);
        assertThat(TableStates.runCells("afrit_nott | LEYST | tilraun 3/3 · 4 mín")
                        .action())
                .isEqualTo(Action.CLOSE);
        assertThat(TableStates.runCells("afrit_nott | LEYST | 14 GB · 22 mín")).isNull();
        Classification c =
                classify(MessageView.ofText("verk", true, "`afrit_nott` | *VILLA* | tilraun 1/3 · tímamörk"));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.alert()).isEqualTo("afrit_nott");
    }

    @Test
    void a_heartbeats_unit_after_its_heart_is_the_alert_whole_with_no_service() {
        Classification c = classify(MessageView.ofText(
                "пулс", true, "💔 Няма пулс: kantar-3 — последен сигнал преди 40 мин (очакван на 10 мин)"));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.alert()).isEqualTo("kantar-3");
        assertThat(c.service()).isEmpty();
    }

    @Test
    void a_loggers_level_says_whether_its_record_is_an_alert_the_app_posting_it_is_the_service() {
        Classification c =
                classify(MessageView.ofText("pantanir-api", true, "error: tenging við 10.0.0.5:5432 hafnað"));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("pantanir-api");
        assertThat(builtin.classify(
                        MessageView.ofText("pantanir-api", true, "info: pantanir-api 2.0 ræst á gátt 8080")))
                .isEmpty();
        Classification f = classify(MessageView.ofText("fluentd", true, "[vefur-02] FATAL biðröð full, 0 bæti laus"));
        assertThat(f.service()).isEqualTo("vefur-02");
    }
}
