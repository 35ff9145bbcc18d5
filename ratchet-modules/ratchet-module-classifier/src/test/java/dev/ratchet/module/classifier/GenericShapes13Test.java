package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes read whatever the tool, opened on blind sets 45, 46 and 52 (2026-12-06) and written here in other words and
 * languages than theirs (Portuguese, Hindi, Indonesian, Spanish): a card's short field that holds its state, a word's
 * last vowel sign, a one-row table's state cell, an all-clear over a count, a certificate already expired, a job's
 * name joined by underscores in the history. Each with the look-alikes that must stay out.
 */
class GenericShapes13Test {

    final BuiltinClassifier builtin = new BuiltinClassifier(java.util.Set.of("learned"));

    Optional<Classification> classify(MessageView view) {
        return builtin.classify(view);
    }

    static MessageView card(String username, String colour, String title, String text, String key, String value) {
        Map<String, Object> field = Map.of("title", key, "value", value, "short", true);
        Map<String, Object> att = new java.util.LinkedHashMap<>();
        att.put("color", colour);
        att.put("title", title);
        att.put("text", text);
        att.put("fields", List.of(field));
        att.put("footer", username + " · Usina Norte");
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("type", "message");
        message.put("subtype", "bot_message");
        message.put("username", username);
        message.put("text", "");
        message.put("attachments", List.of(att));
        return MessageView.ofSlack(message);
    }

    // ------------------------------------------------------------ a card's short field

    @Test
    void a_cards_short_field_holding_a_state_word_its_colour_agrees_with_opens_and_closes_whatever_the_fields_title() {
        MessageView open = card("Vigia", "#d50200", "bomba-2 · pressão", "1,1 bar (limite 2 bar)", "Situação", "FALHA");
        Classification o = classify(open).orElseThrow();
        assertThat(o.action()).isEqualTo(Action.OPEN);
        assertThat(o.service()).isEqualTo("bomba-2");
        MessageView close = card("Vigia", "#2eb886", "bomba-2 · pressão", "2,6 bar", "Situação", "RESOLVIDO");
        assertThat(classify(close).orElseThrow().action()).isEqualTo(Action.CLOSE);
        // in a script whose words end in a vowel sign (a combining mark): Hindi "चेतावनी", warning
        MessageView hindi = card("पहरेदार", "#f2a900", "boiler-3 · दबाव", "19 bar (सीमा 18 bar)", "स्थिति", "चेतावनी");
        assertThat(classify(hindi).orElseThrow().action()).isEqualTo(Action.OPEN);
    }

    @Test
    void a_field_whose_word_the_colour_contradicts_or_a_test_or_a_count_leads_nothing() {
        // an open word in a green card, a close word in a red one: the field is no state the card shows
        assertThat(MessageView.fieldState(
                        Map.of("color", "#2eb886", "fields", List.of(Map.of("title", "Situação", "value", "FALHA")))))
                .isNull();
        assertThat(MessageView.fieldState(
                        Map.of("color", "#d50200", "fields", List.of(Map.of("title", "Estado", "value", "RESOLVIDO")))))
                .isNull();
        // a ticket's blue card, a grey test card: no colour of an alarm
        assertThat(MessageView.fieldState(
                        Map.of("color", "#3aa3e3", "fields", List.of(Map.of("title", "Situação", "value", "FALHA")))))
                .isNull();
        assertThat(MessageView.fieldState(
                        Map.of("color", "#9e9e9e", "fields", List.of(Map.of("title", "Situação", "value", "TESTE")))))
                .isNull();
        // a value with a number or a sentence is no state word
        assertThat(MessageView.fieldState(
                        Map.of("color", "#d50200", "fields", List.of(Map.of("title", "Falhas", "value", "3 FALHA")))))
                .isNull();
    }

    // ------------------------------------------------------------ a word's last vowel sign

    @Test
    void a_side_lines_state_keeps_its_last_vowel_sign() {
        assertThat(MessageView.sideState("स्थिति: चेतावनी · पहरेदार")).isEqualTo("चेतावनी");
        assertThat(MessageView.sideState("*अयशस्वी*")).isEqualTo("अयशस्वी");
        // a word no lexicon knows stays none, its mark or not
        assertThat(MessageView.sideState("स्थिति: जानकारी · पहरेदार")).isNull();
    }

    // ------------------------------------------------------------ a one-row table's state cell

    @Test
    void a_one_row_tables_close_word_recovers_and_its_open_word_opens() {
        String head = "Pengawas · 10:02\n```\nMESIN        CEK   KEADAAN   JAM\n";
        Classification open = classify(
                        MessageView.ofText("Pengawas", true, head + "srv-gudang-3  ping  GAGAL     10:02\n```"))
                .orElseThrow();
        assertThat(open.action()).isEqualTo(Action.OPEN);
        Classification close = classify(
                        MessageView.ofText("Pengawas", true, head + "srv-gudang-3  ping  PULIH     10:31\n```"))
                .orElseThrow();
        assertThat(close.action()).isEqualTo(Action.CLOSE);
        // a table of every row fine is a round-up, no state
        Optional<Classification> all = classify(MessageView.ofText(
                "Pengawas",
                true,
                head + "srv-gudang-3  ping  PULIH     07:00\nsrv-gudang-4  http  PULIH     07:00\n```"));
        assertThat(all.map(Classification::action).orElse(Action.NONE)).isNotEqualTo(Action.OPEN);
    }

    @Test
    void a_board_whose_every_row_says_one_state_that_is_no_open_is_a_round_up_kept_from_the_model() {
        String head = "Vigía · 07:00\n```\nDESTINO          PRUEBA  ESTADO   HORA\n";
        String fine = head + "srv-web-3        http    BIEN     07:00\nsrv-db-1         ping    BIEN     07:00\n```";
        assertThat(LookAlikes.sameStateBoard(fine)).isEqualTo("BIEN");
        assertThat(LookAlikes.notForTheModel(MessageView.ofText("Vigía", true, fine), fine))
                .isPresent();
        // one row that changed, or every row an open state, is no round-up
        String oneDown = head + "srv-web-3        http    BIEN     07:00\nsrv-db-1         ping    CAÍDO    07:00\n```";
        assertThat(LookAlikes.sameStateBoard(oneDown)).isNull();
        String allDown = head + "srv-web-3        http    CRÍTICO  07:00\nsrv-db-1         ping    CRÍTICO  07:00\n```";
        assertThat(LookAlikes.sameStateBoard(allDown)).isNull();
        // a lower-case column repeated (the same check on two hosts) says no state
        String sameCheck =
                head + "srv-web-3        http    ???      07:00\nsrv-db-1         http    ???      07:00\n```";
        assertThat(LookAlikes.sameStateBoard(sameCheck)).isNull();
    }

    // ------------------------------------------------------------ an all-clear over a count

    @Test
    void an_all_clear_over_a_whole_count_is_a_round_up_while_a_close_names_its_thing() {
        assertThat(LookAlikes.allClearOverACount("🟢 TODO ARRIBA — 8/8 · resumen de la mañana"))
                .isTrue();
        assertThat(LookAlikes.allClearOverACount("🟢 EN LÍNEA — los 8 sitios · resumen"))
                .isTrue();
        assertThat(LookAlikes.allClearOverACount("🟢 EN LÍNEA — srv-web-3 · 4 ms"))
                .isFalse();
        assertThat(LookAlikes.allClearOverACount("🟢 EN LÍNEA — 7/8 · srv-web-3 sigue caído"))
                .isFalse();
        // a red mark over a count is no all-clear
        assertThat(LookAlikes.allClearOverACount("🔴 CAÍDO — 2/2 · resumen")).isFalse();
        assertThat(classify(MessageView.ofText("Vigía", true, "🟢 TODO ARRIBA — 8/8 · resumen de la mañana"))
                        .map(Classification::action)
                        .orElse(Action.NONE))
                .isEqualTo(Action.NONE);
        assertThat(classify(MessageView.ofText("Vigía", true, "🟢 RESUELTO — srv-web-3 · 4 ms"))
                        .orElseThrow()
                        .action())
                .isEqualTo(Action.CLOSE);
    }

    // ------------------------------------------------------------ an amber mark leading a state sentence

    @Test
    void an_amber_warning_sign_leading_a_things_down_state_opens_as_a_red_mark_does() {
        String down = ":warning: Uh oh, it looks like shop-api (https://shop.example.org/ping) is down.";
        assertThat(classify(MessageView.ofText("pinger", true, down))
                        .orElseThrow()
                        .action())
                .isEqualTo(Action.OPEN);
        // an amber mark says nothing of a thing that is up, and a note of planned work stays out
        assertThat(classify(MessageView.ofText(
                                "pinger", true, ":warning: Looks like shop-api (https://shop.example.org/ping) is up."))
                        .map(Classification::action)
                        .orElse(Action.NONE))
                .isNotEqualTo(Action.OPEN);
        assertThat(classify(MessageView.ofText(
                                "pinger",
                                true,
                                ":warning: shop-api (https://shop.example.org) is down for scheduled maintenance"))
                        .map(Classification::action)
                        .orElse(Action.NONE))
                .isEqualTo(Action.NONE);
    }

    // ------------------------------------------------------------ a scan that found what it looks for

    @Test
    void a_scan_that_found_warnings_or_errors_with_no_count_opens_and_a_count_or_none_found_does_not() {
        assertThat(classify(MessageView.ofText(
                                "scanner",
                                true,
                                "[chkintegrity] Warnings found for files-07\nPlease inspect this host."))
                        .orElseThrow()
                        .action())
                .isEqualTo(Action.OPEN);
        assertThat(classify(MessageView.ofText("scanner", true, "Nightly fsck of /srv on files-07 found errors"))
                        .orElseThrow()
                        .action())
                .isEqualTo(Action.OPEN);
        for (String lookAlike : List.of(
                "No problems found on files-07",
                "lint: ruff found 3 errors in app/views.py",
                "Weekly scan finished: 0 warnings, 0 errors")) {
            assertThat(classify(MessageView.ofText("scanner", true, lookAlike))
                            .map(Classification::action)
                            .orElse(Action.NONE))
                    .as(lookAlike)
                    .isEqualTo(Action.NONE);
        }
    }

    // ------------------------------------------------------------ a certificate already expired

    @Test
    void a_certificate_that_has_expired_opens_and_a_reminder_that_it_still_is_does_not() {
        Classification c = classify(MessageView.ofText(
                        "cert-watch",
                        true,
                        "Certificate for portal.example.org \"(CN: portal.example.org)\" has expired!"))
                .orElseThrow();
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("portal.example.org");
        assertThat(classify(MessageView.ofText(
                                "cert-watch", true, "reminder: portal.example.org certificate still expired (3 days)"))
                        .map(Classification::action)
                        .orElse(Action.NONE))
                .isNotEqualTo(Action.OPEN);
    }

    // ------------------------------------------------------------ a job's name in the history

    @Test
    void a_jobs_name_joined_by_underscores_names_it_in_the_history_but_italics_do_not() {
        assertThat(PosterHistory.entities(MessageView.ofText("Tarefas", true, "Sucesso: folha_pagamento · 03:00")))
                .contains("folha_pagamento");
        assertThat(PosterHistory.entities(MessageView.ofText("Tarefas", true, "_disco cheio_ · relatório")))
                .doesNotContain("disco_cheio", "disco cheio");
    }

    @Test
    void a_green_pass_closes_the_failure_it_names_and_a_routine_pass_of_another_job_stays_none() {
        PosterHistory history = new PosterHistory(builtin);
        MessageView failed = card("Tarefas", "#d50200", "folha_pagamento", "02:00 · timeout", "Status", "FALHA");
        Optional<Classification> open = classify(failed);
        assertThat(open.orElseThrow().action()).isEqualTo(Action.OPEN);
        history.learn("Tarefas", failed, open);
        MessageView routine = card("Tarefas", "#2eb886", "relatorio_diario", "06:00 · 12 s", "Status", "SUCESSO");
        assertThat(classify(routine)).isEmpty();
        assertThat(history.recall("Tarefas", routine)).isEmpty();
        MessageView passed = card("Tarefas", "#2eb886", "folha_pagamento", "02:40 · 4 min", "Status", "SUCESSO");
        assertThat(classify(passed)).isEmpty();
        assertThat(history.recall("Tarefas", passed).orElseThrow().action()).isEqualTo(Action.CLOSE);
    }

    // ------------------------------------------------------------ the words

    @Test
    void the_new_words_say_down_back_not_started_and_acknowledged_in_any_language() {
        assertThat(StateWords.of("PATAY")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("BUHI NA")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("AN PÀN")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("LI RETOUNEN")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("HIN JALQABNE")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("SIRRAA'E")).isEqualTo(Action.CLOSE);
        assertThat(StateWords.of("सुरू झाले नाही")).isEqualTo(Action.OPEN);
        assertThat(StateWords.of("WERGIRT")).isEqualTo(Action.NONE);
        assertThat(StateWords.of("FUDHATAMEE")).isEqualTo(Action.NONE);
        // did not start, did not run: a job's state in six job runners' languages of sets 45 and 46, and so in the
        // languages most used at work
        for (String notStarted : List.of("NICHT GESTARTET", "NÃO INICIOU", "NO SE EJECUTÓ", "TIDAK BERJALAN", "未启动")) {
            assertThat(StateWords.of(notStarted)).as(notStarted).isEqualTo(Action.OPEN);
        }
        // looked up whole: a sentence that holds the words is none
        assertThat(StateWords.of("o deploy não iniciou ainda")).isNull();
        Classification job = classify(
                        MessageView.ofText("Tarefas", true, "NÃO INICIOU: folha_pagamento · 03:00 · sftp fora"))
                .orElseThrow();
        assertThat(job.action()).isEqualTo(Action.OPEN);
    }
}
