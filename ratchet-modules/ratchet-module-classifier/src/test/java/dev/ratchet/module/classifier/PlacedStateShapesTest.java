package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a bot keeps its state in a place of its own ({@link PlacedState}): a status badge's image (alt text, a
 * shields.io badge's message and colour), a runbook's checkboxes, Slack message metadata's event type, a rich text's
 * leading emoji element, an uploaded file's title, a syslog line's PRI, a time range left open or closed, a status
 * board's marked row, hashtags; and daemons' own texts relayed by hook scripts (upsmon, mdadm, keepalived, HAProxy,
 * orchestrator). Written in German, Spanish and Polish (languages the blind set these shapes were found on does not
 * use); beside each, look-alikes in the same layout that must stay none.
 */
class PlacedStateShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Action action(MessageView view) {
        return builtin.classify(view).map(Classification::action).orElse(Action.NONE);
    }

    static MessageView app(String name, String text, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(
                Map.of("type", "message", "bot_id", "B0TEST", "bot_profile", Map.of("name", name), "text", text));
        m.putAll(extra);
        return MessageView.ofSlack(m);
    }

    static MessageView bot(String text) {
        return MessageView.ofText("wache", true, text);
    }

    static Map<String, Object> section(String text) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text));
    }

    // ---------------------------------------------------------------- badges

    static MessageView badge(String line, String url, String alt) {
        return app(
                "wache",
                "Kühlraum",
                Map.of("blocks", List.of(section(line), Map.of("type", "image", "image_url", url, "alt_text", alt))));
    }

    @Test
    void a_badge_image_keeps_the_state_in_its_alt_text_or_its_message_and_colour() {
        // alt text with a label, in any language the lexicon knows
        assertThat(action(badge("*kuehlraum-3* · Temperatur · 9,1 °C", "https://example.org/b.png", "Status: Störung")))
                .isEqualTo(Action.OPEN);
        assertThat(action(badge("*kuehlraum-3* · Temperatur · 3,2 °C", "https://example.org/b.png", "Status: behoben")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(badge("*camara-2* · temperatura", "https://example.org/b.png", "Estado: resuelto")))
                .isEqualTo(Action.CLOSE);
        // a shields.io badge whose words are unknown: its colour
        assertThat(action(badge(
                        "*chlodnia-1* · temperatura · 8 °C",
                        "https://img.shields.io/badge/chlodnia--1-nie%20wiadomo-red",
                        "")))
                .isEqualTo(Action.OPEN);
        assertThat(action(badge(
                        "*chlodnia-1* · temperatura · 3 °C",
                        "https://img.shields.io/badge/chlodnia--1-zielono-brightgreen",
                        "")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(badge(
                        "*chlodnia-1* · temperatura", "https://img.shields.io/badge/chlodnia--1-AWARIA-lightgrey", "")))
                .isEqualTo(Action.OPEN);
    }

    @Test
    void a_badge_of_a_test_maintenance_a_build_or_a_number_stays_none() {
        assertThat(action(badge(
                        "*kuehlraum-3* · Temperatur", "https://example.org/b.png", "Status: Wartung 06:00–08:00")))
                .isEqualTo(Action.NONE);
        assertThat(action(
                        badge("*kuehlraum-3* · Temperatur", "https://example.org/b.png", "Status: TEST — ignorieren")))
                .isEqualTo(Action.NONE);
        assertThat(action(badge(
                        "*rechnungen* · main · #212",
                        "https://img.shields.io/badge/build-passing-brightgreen",
                        "build passing")))
                .isEqualTo(Action.NONE);
        assertThat(action(badge(
                        "*rechnungen* · main · #213",
                        "https://img.shields.io/badge/build-failing-red",
                        "build failing")))
                .isEqualTo(Action.NONE);
        assertThat(action(badge(
                        "*pagos-web* · cobertura", "https://img.shields.io/badge/coverage-87%25-green", "coverage")))
                .isEqualTo(Action.NONE);
        assertThat(action(badge(
                        "*chlodnia-1* · temperatura", "https://img.shields.io/badge/chlodnia--1-konserwacja-blue", "")))
                .isEqualTo(Action.NONE);
        // an image that is no badge (a chart) says nothing
        assertThat(action(badge("*kuehlraum-3* · Temperatur (24 h)", "https://example.org/chart.png", "Diagramm")))
                .isEqualTo(Action.NONE);
    }

    @Test
    void the_lead_names_the_thing_and_its_check() {
        Classification c = builtin.classify(
                        badge("*kuehlraum-3* · Temperatur · 9,1 °C", "https://example.org/b.png", "Status: Störung"))
                .orElseThrow();
        assertThat(c.service()).isEqualTo("kuehlraum-3");
        assertThat(c.alert()).isEqualTo("Temperatur");
        Classification job = builtin.classify(
                        bot("<131>1 2027-05-12T02:10:04+02:00 erp-1 jobs 4231 - - lager_import Abbruch (exit 2)"))
                .orElseThrow();
        assertThat(job.alert()).isEqualTo("lager_import");
        Classification row = builtin.classify(bot(board(
                        "lager-nord     ✅ ok",
                        "lager-sued     ✅ ok",
                        "shop-web       ❌ Störung  ◀",
                        "db-shop        ✅ ok")))
                .orElseThrow();
        assertThat(row.service()).isEqualTo("shop-web");
        assertThat(row.alert()).isEqualTo("status");
    }

    // ---------------------------------------------------------------- checkboxes

    static Map<String, Object> box(String text) {
        return Map.of("text", Map.of("type", "mrkdwn", "text", text), "value", text);
    }

    static MessageView runbook(String line, List<String> options, List<String> ticked) {
        Map<String, Object> boxes = new LinkedHashMap<>(Map.of(
                "type",
                "checkboxes",
                "action_id",
                "runbook",
                "options",
                options.stream().map(PlacedStateShapesTest::box).toList()));
        if (!ticked.isEmpty()) {
            boxes.put(
                    "initial_options",
                    ticked.stream().map(PlacedStateShapesTest::box).toList());
        }
        return app(
                "incidentes",
                line.replace("*", "").split(" · ", 2)[0],
                Map.of("blocks", List.of(section(line), Map.of("type", "actions", "elements", List.of(boxes)))));
    }

    static final List<String> STEPS = List.of("☎️ Reconocido", "🔧 Trabajando", "✅ Resuelto");

    @Test
    void a_runbook_s_checkboxes_open_with_none_ticked_and_close_with_the_last_step() {
        assertThat(action(runbook("*Incidente #12* · Bomba P-3 sin presión", STEPS, List.of())))
                .isEqualTo(Action.OPEN);
        assertThat(action(runbook("*Incidente #12* · Bomba P-3 sin presión", STEPS, List.of("☎️ Reconocido"))))
                .isEqualTo(Action.NONE);
        assertThat(action(runbook("*Incidente #12* · Bomba P-3 sin presión", STEPS, STEPS)))
                .isEqualTo(Action.CLOSE);
        // the last step named by a close word in Polish, no mark
        List<String> kroki = List.of("Przyjęte", "W toku", "Rozwiązane");
        assertThat(action(runbook("*Incydent #4* · Pompa P-1", kroki, List.of())))
                .isEqualTo(Action.OPEN);
        assertThat(action(runbook("*Incydent #4* · Pompa P-1", kroki, kroki))).isEqualTo(Action.CLOSE);
    }

    @Test
    void checkboxes_of_a_poll_or_a_drill_stay_none() {
        // preferences: the last option is no final step
        assertThat(action(runbook("*Benachrichtigung* · Kanal wählen", List.of("E-Mail", "SMS", "Anruf"), List.of())))
                .isEqualTo(Action.NONE);
        // a drill posted with every box ticked
        assertThat(action(runbook("*Incidente #13* · Simulacro (fire drill)", STEPS, STEPS)))
                .isEqualTo(Action.NONE);
    }

    // ---------------------------------------------------------------- message metadata

    static MessageView metadata(String text, String type) {
        return app(
                "zadania",
                text,
                Map.of("metadata", Map.of("event_type", type, "event_payload", Map.of("job", "faktury"))));
    }

    @Test
    void message_metadata_s_event_type_says_the_state_the_text_does_not() {
        assertThat(action(metadata("⚙️ `faktury_eksport` zadanie · 03:00 · log ↗", "job_failed")))
                .isEqualTo(Action.OPEN);
        assertThat(action(metadata("⚙️ `faktury_eksport` zadanie · 03:10 · log ↗", "job.not_started")))
                .isEqualTo(Action.OPEN);
        assertThat(action(metadata("⚙️ `faktury_eksport` zadanie · 03:40 · log ↗", "job_recovered")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(metadata("⚙️ `rechnungen` Lauf · 04:00", "backup_fehlgeschlagen")))
                .isEqualTo(Action.OPEN);
    }

    @Test
    void message_metadata_of_a_success_a_start_or_a_dry_run_stays_none() {
        assertThat(action(metadata("⚙️ `faktury_eksport` zadanie · 05:00 · log ↗", "job_succeeded")))
                .isEqualTo(Action.NONE);
        assertThat(action(metadata("⚙️ `faktury_eksport` zadanie · 05:00 · log ↗", "job_dry_run")))
                .isEqualTo(Action.NONE);
        assertThat(action(metadata("🚀 `pagos-web` despliegue · 05:00", "deploy_started")))
                .isEqualTo(Action.NONE);
    }

    // ---------------------------------------------------------------- rich text's leading emoji

    static MessageView richText(String emoji, String rest) {
        List<Object> runs = List.of(Map.of("type", "emoji", "name", emoji), Map.of("type", "text", "text", rest));
        return app(
                "Auftrag",
                "Auftrag",
                Map.of(
                        "blocks",
                        List.of(Map.of(
                                "type",
                                "rich_text",
                                "elements",
                                List.of(Map.of("type", "rich_text_section", "elements", runs))))));
    }

    @Test
    void a_rich_text_s_leading_emoji_element_opens_and_a_pass_is_left_to_the_history() {
        assertThat(action(richText("x", " lager_abgleich · 02:00 · Versuch 3/3")))
                .isEqualTo(Action.OPEN);
        assertThat(action(richText("no_entry_sign", " eksport_faktur · 04:00 · nie wystartowało")))
                .isEqualTo(Action.OPEN);
        assertThat(action(richText("warning", " sincronizar_pedidos · 06:00 · lento")))
                .isEqualTo(Action.OPEN);
        // a pass alone is no close (nothing failed before, as far as the message says)
        assertThat(action(richText("white_check_mark", " lager_abgleich · 02:40")))
                .isEqualTo(Action.NONE);
        assertThat(action(richText("test_tube", " lager_abgleich · Probelauf (dry run)")))
                .isEqualTo(Action.NONE);
    }

    // ---------------------------------------------------------------- a file's title

    static MessageView upload(String title) {
        return app(
                "Wykres",
                "mlyn-2 ⤵️",
                Map.of("files", List.of(Map.of("name", "chart.png", "title", title, "filetype", "png"))));
    }

    @Test
    void an_uploaded_file_s_title_ends_with_its_state() {
        assertThat(action(upload("mlyn-2 · wibracje · AWARIA"))).isEqualTo(Action.OPEN);
        assertThat(action(upload("mlyn-2 · wibracje · ROZWIĄZANE"))).isEqualTo(Action.CLOSE);
        assertThat(action(upload("Mühle-2 — Vibration — behoben"))).isEqualTo(Action.CLOSE);
        // a report's chart, a title of no state
        assertThat(action(upload("mlyn-2 · wibracje · RAPORT TYGODNIOWY"))).isEqualTo(Action.NONE);
        assertThat(action(upload("mlyn-2 wibracje 2027-05-14"))).isEqualTo(Action.NONE);
    }

    // ---------------------------------------------------------------- syslog

    @Test
    void a_syslog_line_s_pri_is_its_severity() {
        assertThat(action(
                        bot("```<131>1 2027-05-12T02:10:04+02:00 erp-1 jobs 4231 - - lagerimport Abbruch (exit 2)```")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("<130>1 2027-05-12T03:00:02+02:00 erp-1 jobs 4310 - - copia_seguridad no arrancó")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("<12>May 12 06:30:03 erp-1 cennik: brak 2 cen"))).isEqualTo(Action.OPEN);
    }

    @Test
    void a_syslog_line_of_info_or_debug_stays_none() {
        assertThat(action(bot("```<134>1 2027-05-12T06:00:40+02:00 erp-1 jobs 4502 - - sms_versand ok · 412```")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("<135>1 2027-05-12T09:12:00+02:00 erp-1 jobs 4577 - - Probelauf copia --dry-run")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("<14>May 12 06:30:03 erp-1 cennik: zaktualizowano 1200 cen")))
                .isEqualTo(Action.NONE);
    }

    @Test
    void the_history_reads_an_info_line_naming_the_one_open_job_as_its_close() {
        PosterHistory history = new PosterHistory(builtin);
        MessageView failed =
                bot("```<131>1 2027-05-12T02:10:04+02:00 erp-1 jobs 1 - - lager_import Abbruch (exit 2)```");
        MessageView other =
                bot("```<131>1 2027-05-12T02:20:04+02:00 erp-1 jobs 2 - - rechnung_export Abbruch (exit 1)```");
        history.learn("wache", failed, builtin.classify(failed));
        history.learn("wache", other, builtin.classify(other));
        // both opens share the host: the job's name, in code with its underscores, says which one ends
        MessageView passed = bot("```<134>1 2027-05-12T02:45:11+02:00 erp-1 jobs 3 - - lager_import erfolgreich```");
        assertThat(builtin.classify(passed)).isEmpty();
        assertThat(history.recall("wache", passed).map(Classification::action)).contains(Action.CLOSE);
        // an info line of a job that never failed ends nothing
        MessageView routine =
                bot("```<134>1 2027-05-12T06:00:40+02:00 erp-1 jobs 4 - - sms_versand erfolgreich · 412```");
        assertThat(history.recall("wache", routine)).isEmpty();
    }

    // ---------------------------------------------------------------- time ranges

    @Test
    void a_time_range_left_open_opens_and_one_closed_after_an_open_state_closes() {
        assertThat(action(bot("🚚 lager-nord · Strom · Störung 02:10 –"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("🚚 almacen-2 · ping · caído 14:05 —"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("🚚 almacen-2 · ping · caído 14:05 – 14:50 (45 min)")))
                .isEqualTo(Action.CLOSE);
    }

    @Test
    void a_range_still_open_planned_of_no_length_or_a_delivery_stays_none() {
        assertThat(action(bot("🚚 lager-nord · Strom · Störung 02:10 – … (45 min)")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("🚚 magazyn-1 · zasilanie · konserwacja 22:00 – 23:00")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("🚚 magazyn-1 · ping · test 10:00 – 10:00 (0 min)")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("🚚 camion-2 entregó 38 cajas · 14:10 – 19:45 (5 h 35 min)")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("Dyżur: Anna 09:00 –"))).isEqualTo(Action.NONE);
    }

    // ---------------------------------------------------------------- status boards

    static String board(String... rows) {
        return "Statustafel · 08:14\n```\n" + String.join("\n", rows) + "\n```";
    }

    @Test
    void a_status_board_s_marked_row_is_the_change() {
        assertThat(action(bot(board(
                        "lager-nord     ✅ ok",
                        "lager-sued     ✅ ok",
                        "shop-web       ❌ Störung  ◀",
                        "db-shop        ✅ ok"))))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot(board(
                        "lager-nord     ✅ ok",
                        "lager-sued     ⚠️ wolno  ◀",
                        "shop-web       ❌ Störung",
                        "db-shop        ✅ ok"))))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot(board(
                        "lager-nord     ✅ ok",
                        "lager-sued     ✅ ok",
                        "shop-web       ✅ ok  ◀",
                        "db-shop        ❌ Störung"))))
                .isEqualTo(Action.CLOSE);
    }

    @Test
    void a_board_with_no_row_marked_stays_none() {
        assertThat(action(bot(board("lager-nord     ✅ ok", "lager-sued     ✅ ok", "shop-web       ✅ ok"))))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("Estado · 18:00\n```\nalmacen-1   ✅ bien\nalmacen-2   ✅ bien\npagos-web   ✅ bien\n```")))
                .isEqualTo(Action.NONE);
    }

    // ---------------------------------------------------------------- hashtags

    @Test
    void a_hashtag_that_is_a_state_in_any_language_says_it() {
        assertThat(action(bot("kuehlraum-3 · Temperatur · 9,1 °C  #Störung #kuehlraum-3 #hamburg")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("kuehlraum-3 · Temperatur · 3,9 °C  #behoben #kuehlraum-3 #hamburg")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(bot("secadero-1 · humedad · 16 %  #caído #secadero-1")))
                .isEqualTo(Action.OPEN);
    }

    @Test
    void hashtags_of_an_update_maintenance_or_no_state_stay_none() {
        assertThat(action(bot("kuehlraum-3 · Temperatur · 9,6 °C  #Störung #quittiert #kuehlraum-3")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("suszarnia-1 · wilgotność · —  #konserwacja #suszarnia-1 (10:00–12:00)")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("Neue Version 4.2 von shop-web  #release #shop-web")))
                .isEqualTo(Action.NONE);
    }

    // ---------------------------------------------------------------- daemons' own texts

    @Test
    void daemons_texts_relayed_by_hook_scripts() {
        assertThat(action(bot("UPS ups1@localhost on battery"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("UPS ups1@localhost on line power"))).isEqualTo(Action.CLOSE);
        assertThat(action(bot("Communications with UPS ups2@10.0.0.9 lost"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("Communications with UPS ups2@10.0.0.9 established")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(bot("mdadm on db1: DegradedArray event on /dev/md0"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("mdadm on db1: RebuildFinished event on /dev/md0")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(bot("keepalived@lb1: INSTANCE VI_1 → FAULT"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("keepalived@lb1: INSTANCE VI_1 → BACKUP"))).isEqualTo(Action.CLOSE);
        assertThat(action(bot("backend be_api has no server available!"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("Detected DeadMaster on db-a:3306. Affected replicas: 3")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("Recovered from DeadMaster on db-a:3306. Failed: db-a:3306; Successor: db-b:3306")))
                .isEqualTo(Action.CLOSE);
    }

    @Test
    void daemons_notices_of_no_failure_stay_none() {
        assertThat(action(bot("mdadm on db1: TestMessage event on /dev/md0"))).isEqualTo(Action.NONE);
        assertThat(action(bot("mdadm on db1: RebuildStarted event on /dev/md0")))
                .isEqualTo(Action.NONE);
        assertThat(action(bot("keepalived@lb2: INSTANCE VI_1 → MASTER"))).isEqualTo(Action.NONE);
    }

    @Test
    void people_writing_these_shapes_are_no_alert() {
        // the caller classifies bot messages only; the shapes are read from bots alone
        MessageView person = MessageView.ofText("anna", false, "mein Urlaub 14:00 –");
        assertThat(PlacedState.text(person)).isNull();
        MessageView hashtags = MessageView.ofText("jan", false, "#awaria z drukarką, #rozwiązane po 5 min");
        assertThat(PlacedState.text(hashtags)).isNull();
    }
}
