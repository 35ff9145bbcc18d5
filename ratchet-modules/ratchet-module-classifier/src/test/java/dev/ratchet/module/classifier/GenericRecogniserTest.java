package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.BuiltinClassifier.Recognition;
import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.kit.JsonText;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generic recogniser, the message view it reads, and the families the specific recognisers used to miss. */
class GenericRecogniserTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();
    final BuiltinClassifier specificOnly = new BuiltinClassifier(Set.of("generic"));

    static MessageView slack(String json) {
        return MessageView.ofSlack(JsonText.parseObject(json));
    }

    static MessageView bot(String username, String text) {
        return MessageView.ofText(username, true, text);
    }

    static final String PAGERDUTY_ATTACHMENT = """
            {"bot_id":"B1","bot_profile":{"name":"PagerDuty"},"attachments":[{"color":"#d20000",
             "title":"#4521 Database connection pool exhausted",
             "title_link":"https://acme.pagerduty.com/incidents/Q1",
             "fields":[{"title":"Status","value":"%s"},{"title":"Urgency","value":"High"},
                       {"title":"Service","value":"orders-api"}]}]}""";

    @Test
    void pagerduty_attachment_with_a_status_field_is_recognised_by_the_pagerduty_recogniser() {
        Recognition open = specificOnly
                .recognise(slack(PAGERDUTY_ATTACHMENT.formatted("Triggered")))
                .orElseThrow();
        assertThat(open.recogniser()).isEqualTo("pagerduty");
        assertThat(open.classification().action()).isEqualTo(Action.OPEN);
        assertThat(open.classification().alert()).isEqualTo("Database connection pool exhausted");
        assertThat(open.classification().service()).isEqualTo("orders-api");
        assertThat(specificOnly
                        .classify(slack(PAGERDUTY_ATTACHMENT.formatted("Resolved")))
                        .map(Classification::action))
                .contains(Action.CLOSE);
        assertThat(specificOnly
                        .classify(slack(PAGERDUTY_ATTACHMENT.formatted("Acknowledged")))
                        .map(Classification::action))
                .contains(Action.NONE);
    }

    @Test
    void new_relic_incident_number_opened_and_closed_are_recognised_with_condition_and_entity() {
        Classification open = specificOnly
                .classify(bot(
                        "New Relic",
                        "Incident #90211 opened\nHigh error percentage on checkout-service\nPolicy: Golden signals"))
                .orElseThrow();
        assertThat(open.action()).isEqualTo(Action.OPEN);
        assertThat(open.source()).isEqualTo("newrelic");
        assertThat(open.alert()).isEqualTo("High error percentage");
        assertThat(open.service()).isEqualTo("checkout-service");
        assertThat(specificOnly
                        .classify(bot("New Relic", "Incident #90211 closed\nHigh error percentage on checkout-service"))
                        .map(Classification::action))
                .contains(Action.CLOSE);
    }

    @Test
    void cloudwatch_chatbot_text_rendering_is_recognised_by_the_cloudwatch_recogniser() {
        Classification c = specificOnly
                .classify(bot(
                        "AWS Chatbot",
                        "CloudWatch Alarm: payments-latency-p99 | us-east-1 | Account: 123456789012\n"
                                + "Alarm state changed from OK to ALARM"))
                .orElseThrow();
        assertThat(c.source()).isEqualTo("cloudwatch");
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.alert()).isEqualTo("payments-latency-p99");
    }

    @Test
    void an_unseen_tool_is_recognised_from_a_headline_tag_with_alert_and_service_from_its_fields() {
        MessageView zabbix = slack("""
                {"bot_id":"B2","bot_profile":{"name":"Zabbix"},"attachments":[{"color":"#E97659",
                 "title":"Problem: High CPU utilization (over 90% for 5m)",
                 "fields":[{"title":"Host","value":"app-server-01 [10.0.0.5]"},{"title":"Severity","value":"Average"}]}]}""");
        Recognition r = builtin.recognise(zabbix).orElseThrow();
        assertThat(r.recogniser()).isEqualTo("generic");
        assertThat(r.classification().annotation())
                .isEqualTo(Map.of(
                        "action",
                        "open",
                        "service",
                        "app-server-01",
                        "alert",
                        "High CPU utilization (over 90% for 5m)",
                        "priority",
                        "average",
                        "source",
                        "generic",
                        "method",
                        "builtin"));
        assertThat(r.why()).anyMatch(w -> w.contains("Problem"));
        assertThat(builtin.classify(bot("zabbix", "Resolved in 12m 30s: High CPU utilization (over 90% for 5m)")))
                .get()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(Action.CLOSE);
                    assertThat(c.alert()).isEqualTo("High CPU utilization (over 90% for 5m)");
                    assertThat(c.durationSeconds()).contains(750L);
                });
    }

    @Test
    void an_alert_card_in_an_attachments_blocks_is_read_and_its_update_once_taken_is_not_a_new_alert() {
        // Block Kit inside an attachment (a coloured card), text empty: as an on-call app posts an alert group
        String card = """
                {"bot_id":"B9","bot_profile":{"name":"OnCallApp"},"text":"","attachments":[{"color":"%s","blocks":[
                 {"type":"section","text":{"type":"mrkdwn","text":"*<https://oncall.example/g/42|#42 KafkaConsumerLag>* via Alerting"}},
                 {"type":"section","text":{"type":"mrkdwn","text":"*Status:* %s\\n*Labels:* alertname=KafkaConsumerLag, service=payments-consumer, severity=critical"}}%s]}]}""";
        assertThat(builtin.classify(slack(card.formatted("#E02F44", "Firing", ""))))
                .get()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(Action.OPEN);
                    assertThat(c.service()).isEqualTo("payments-consumer");
                });
        assertThat(builtin.classify(slack(card.formatted("#299C46", "Resolved", ""))))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.CLOSE);
        // the same card once someone acknowledged or silenced it still says "Firing": an update, not a new alert
        String taken =
                ",{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\":eyes: %s by <@U07ALICE>\"}]}";
        // an escalation policy moving on to its next level is an update too
        assertThat(builtin.classify(
                        bot("OnCallApp", "Alert #48230 *Disk full on db-2* escalated to level 2 (DB-Secondary)")))
                .map(Classification::action)
                .contains(Action.NONE);
        for (String how : List.of("Acknowledged", "Silenced")) {
            assertThat(builtin.classify(slack(card.formatted("#F2C94C", "Firing", taken.formatted(how)))))
                    .as(how)
                    .map(Classification::action)
                    .contains(Action.NONE);
        }
    }

    @Test
    void a_red_or_green_emoji_leading_the_message_makes_a_plain_state_word_a_state() {
        assertThat(builtin.classify(bot("Synthetics", ":red_circle: Test *Checkout API - HTTP* is now *Critical*")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.OPEN);
        assertThat(builtin.classify(bot("Synthetics", "✅ Checkout API is now healthy")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.CLOSE);
        // without the emoji (or with one of another colour) "is now critical" is a sentence, not a tool's state
        assertThat(builtin.classify(bot("Synthetics", "Checkout API is now critical"))
                        .filter(Classification::isAlert))
                .isEmpty();
        assertThat(builtin.classify(bot("Synthetics", ":tada: Checkout API is now critical"))
                        .filter(Classification::isAlert))
                .isEmpty();
    }

    @Test
    void a_status_line_without_its_colon_says_the_state_and_a_status_field_says_the_new_one_not_the_old() {
        // PRTG's default text: the sensor as a link, then "Status Down on <time>"
        assertThat(builtin.classify(bot(
                        "prtg-notify",
                        "*PRTG Network Monitor (ACME HQ)*\n<https://prtg.example.com/device.htm?id=2231|core-sw-01 Ping>\n"
                                + "Status Down on 17.02.2026 14:52:09\n```Request timed out```")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.OPEN);
        // "Status: Up (was: Down)" is a recovery
        assertThat(
                        builtin.classify(
                                bot(
                                        "prtg-notify",
                                        "[PRTG Network Monitor (ACME HQ)] sql-03 SQL v2 Up (OK)\nDevice: sql-03\nStatus: Up (was: Down)")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.CLOSE);
    }

    @Test
    void a_tag_after_the_posters_own_name_and_a_component_status_change_are_states() {
        // the tool signs its headline before the tag; the first bracketed state counts when an ordinary word follows
        assertThat(builtin.classify(
                        bot("SCOM", "*SCOM* [Critical] *Failed to Connect to Computer* - WEB07 unreachable")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.OPEN);
        // …but the last tag still says it when it is a state of its own ("[WARN] Snoozed: …" is an update)
        assertThat(builtin.classify(bot("Wavefront", "[WARN] Snoozed: Disk space low"))
                        .filter(Classification::isAlert))
                .isEmpty();
        // a status page's component changing status, its name before the change (posted by Instatus, as blind set 5
        // labels it; a poster named "<someone> Status" posts a vendor's or the company's status notices, look-alikes
        // in the blind sets)
        assertThat(
                        builtin.classify(
                                bot(
                                        "Instatus",
                                        ":large_orange_circle: Component *Search* changed status from *Operational* to *Performance Issues*")))
                .get()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(Action.OPEN);
                    assertThat(c.alert()).isEqualTo("Search");
                });
        assertThat(builtin.classify(
                        bot("Instatus", "Component Search changed status from Performance Issues to Operational")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.CLOSE);
        assertThat(builtin.classify(
                                bot("GitHub Status", "Component Actions changed status from Operational to Degraded"))
                        .filter(Classification::isAlert))
                .isEmpty();
    }

    @Test
    void an_emailed_alert_is_read_from_its_body_with_its_lines_not_the_run_together_preview() {
        MessageView email = slack("""
                {"bot_id":"B0EMAIL","subtype":"file_share","text":"","files":[{"filetype":"email","mode":"email",
                 "subject":"Backup Monitor Alarm: Backup job state - Daily-VMs",
                 "preview":"Alarm: Backup job state Object: Daily-VMs Status: Resolved Time: 9:40 AM",
                 "plain_text":"Alarm: Backup job state\nObject: Daily-VMs\nStatus: Resolved\nTime: 9:40 AM"}]}""");
        assertThat(builtin.classify(email))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.CLOSE);
    }

    @Test
    void a_check_tools_lines_by_state_a_return_to_normal_and_a_crash_that_reappeared() {
        // Munin's mail: the graph in the subject, then its fields by state
        assertThat(builtin.classify(bot(
                        "Munin", "acme :: db-02 :: Load average\n\tCRITICALs: load is 14.20 (outside range [:8]).")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.OPEN);
        assertThat(builtin.classify(bot("Munin", "acme :: db-02 :: Load average\n\tOKs: load is 1.20.")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.CLOSE);
        assertThat(builtin.classify(bot("N-central", "Return to Normal: Acme Corp / ACME-VPN / Connectivity")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.CLOSE);
        assertThat(builtin.classify(bot("Instabug", "Crash reappeared: IllegalStateException in CartRepository.sync")))
                .get()
                .extracting(Classification::action)
                .isEqualTo(Action.OPEN);
        // a numbered offense or case "updated" changes no state
        assertThat(builtin.classify(bot("QRadar", "Offense 4191 updated: Multiple Login Failures for the Same User")))
                .map(Classification::action)
                .contains(Action.NONE);
    }

    @Test
    void a_service_named_by_its_namespace_and_listed_before_other_attributes_is_the_service() {
        // OpenTelemetry / Elastic Common Schema attribute names, and a value with more attributes after a middle dot
        assertThat(
                        builtin.classify(
                                bot(
                                        "LogAlerts",
                                        "Alert firing: Payment gateway 5xx burst\nservice.name: payment-gateway\nhost.name: pay-gw-02")))
                .get()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(Action.OPEN);
                    assertThat(c.service()).isEqualTo("payment-gateway");
                });
        assertThat(builtin.classify(bot(
                        "Tracing",
                        "Alert resolved: High error rate\nservice_name: orders-svc · http.route=GET /api/orders")))
                .get()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(Action.CLOSE);
                    assertThat(c.service()).isEqualTo("orders-svc");
                });
    }

    @Test
    void unseen_tools_sentences_and_block_kit_states_are_recognised() {
        assertThat(action(bot("Nagios", "** PROBLEM Service Alert: web-03/HTTP is CRITICAL **")))
                .isEqualTo(Action.OPEN);
        assertThat(action(bot("Nagios", "** RECOVERY Service Alert: web-03/HTTP is OK **")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(bot("Kibana", "Elastic rule 'APM latency' has recovered for group 'orders'.")))
                .isEqualTo(Action.CLOSE);
        assertThat(action(bot("Better Stack", "New incident: api.example.com"))).isEqualTo(Action.OPEN);
        assertThat(action(bot("Splunk On-Call", "Incident #3401 acknowledged by dana\nCRITICAL: Kube node NotReady")))
                .isEqualTo(Action.NONE);
        // blocks are read even when the message has a text fallback
        MessageView uptime = slack("""
                {"bot_id":"B3","bot_profile":{"name":"Uptime Kuma"},"text":"Uptime Kuma Alert","blocks":[
                 {"type":"header","text":{"type":"plain_text","text":"Uptime Kuma Alert"}},
                 {"type":"section","text":{"type":"mrkdwn","text":"*Message*\\n[Marketing site] [🔴 Down] timeout"}}]}""");
        assertThat(builtin.classify(uptime))
                .get()
                .extracting(Classification::action, Classification::alert)
                .containsExactly(Action.OPEN, "Marketing site");
    }

    @Test
    void an_alert_emailed_to_the_channel_is_read_from_the_email_file() {
        MessageView email = slack("""
                {"bot_id":"B4","bot_profile":{"name":"Email"},"text":"","files":[{"filetype":"email",
                 "subject":"ALARM: \\"nat-gateway-errors\\" in US East (N. Virginia)",
                 "preview":"You are receiving this email because your Amazon CloudWatch Alarm entered the ALARM state"}]}""");
        assertThat(email.titles()).hasSize(1);
        assertThat(builtin.classify(email))
                .get()
                .extracting(Classification::action, Classification::alert)
                .containsExactly(Action.OPEN, "nat-gateway-errors");
    }

    @Test
    void look_alikes_with_state_words_are_kept_out() {
        List<MessageView> lookAlikes = List.of(
                bot("backup-bot", "Nightly backup completed: 214 GB in 38m. Status: OK"),
                bot("Jenkins", "SUCCESS: payments-service » main #882 Back to normal after 1 failure"),
                bot("Jira Cloud", "Dana Lee changed status of OPS-1182 from In Progress to Resolved"),
                bot("Release Bot", "Release notes v5.2.0\n• Resolved: login loop on Safari\n• New: critical tracing"),
                bot("PagerDuty", "Daily digest: 4 incidents triggered, 4 resolved in the last 24h."),
                bot("Slackbot", "Reminder: review the firing alerts dashboard before standup."),
                bot("Workflow Builder", "New incident report submitted by Sam: 'Printer on floor 2 is down'"),
                bot("cron-monitor", "Job nightly-etl finished with status SUCCESS in 41m"),
                slack("""
                        {"bot_id":"B5","bot_profile":{"name":"Deploy Bot"},"text":"Deployment succeeded","blocks":[
                         {"type":"header","text":{"type":"plain_text","text":"Deployment to production"}},
                         {"type":"section","fields":[{"type":"mrkdwn","text":"*Status:*\\nSucceeded"}]}]}"""));
        for (MessageView m : lookAlikes) {
            assertThat(builtin.classify(m).filter(Classification::isAlert))
                    .as(m.text())
                    .isEmpty();
        }
    }

    @Test
    void a_quoted_name_is_not_read_as_a_look_alike_headline_and_a_question_states_nothing() {
        assertThat(builtin.classify(bot("Cronitor", "'daily-report' is failing: Job failed with exit code 1")))
                .get()
                .extracting(Classification::action, Classification::alert)
                .containsExactly(Action.OPEN, "daily-report");
        assertThat(builtin.classify(bot("Google Drive", "Dana commented on 'Postmortem': is this alert resolved now?"))
                        .filter(Classification::isAlert))
                .isEmpty();
    }

    @Test
    void switching_a_tools_recogniser_off_leaves_the_generic_one_to_find_it() {
        MessageView pd = slack(PAGERDUTY_ATTACHMENT.formatted("Triggered"));
        assertThat(new BuiltinClassifier(Set.of("pagerduty")).recognise(pd))
                .get()
                .satisfies(r -> {
                    assertThat(r.recogniser()).isEqualTo("generic");
                    assertThat(r.classification().action()).isEqualTo(Action.OPEN);
                    assertThat(r.classification().alert()).isEqualTo("Database connection pool exhausted");
                });
        assertThat(new BuiltinClassifier(Set.of("pagerduty", "generic")).recognise(pd))
                .isEmpty();
    }

    private Action action(MessageView m) {
        Optional<Classification> c = builtin.classify(m);
        return c.map(Classification::action).orElse(Action.NONE);
    }

    final BuiltinClassifier rulesOnly = new BuiltinClassifier(Set.of("learned"));

    private Optional<Action> rules(MessageView m) {
        return rulesOnly.classify(m).map(Classification::action);
    }

    @Test
    void a_key_value_state_column_is_read_whatever_its_key_is_called() {
        // Polish keys: the state is the one value in capitals; a plain OK run report is no recovery
        Classification open = rulesOnly
                .classify(bot("kopie", "zadanie=kopia-db serwer=db-07 stan=NIEUDANE kod=3"))
                .orElseThrow();
        assertThat(open.action()).isEqualTo(Action.OPEN);
        assertThat(open.alert()).isEqualTo("kopia-db");
        assertThat(open.service()).isEqualTo("db-07");
        assertThat(rules(bot("kopie", "zadanie=kopia-db serwer=db-07 stan=OK czas=3m12s pliki=214")))
                .isNotEqualTo(Optional.of(Action.CLOSE));
        assertThat(rules(bot("kopie", "zadanie=kopia-db serwer=db-07 stan=OK uwaga=\"pierwszy udany po 2 błędach\"")))
                .contains(Action.CLOSE);
        // switches and environments in capitals are no state
        assertThat(rules(bot("kopie", "tryb=ON serwer=db-07 środowisko=PROD"))).isEmpty();
    }

    @Test
    void a_status_mark_leading_a_bot_line_says_its_state() {
        assertThat(rules(bot("latido", "💔 latido perdido: `cola-pagos` — último hace 9 min")))
                .contains(Action.OPEN);
        assertThat(rules(bot("latido", "💚 latido de vuelta: `cola-pagos` (9 min)")))
                .contains(Action.CLOSE);
        // a green check alone is a routine success; it closes when it names the failure it ends
        assertThat(rules(bot("trabajos", "✅ export-facturas terminado (1 790 facturas, 3 min)")))
                .isNotEqualTo(Optional.of(Action.CLOSE));
        assertThat(rules(bot("trabajos", "✓ export-facturas rc=0 2m10s (prev ✗✗)")))
                .contains(Action.CLOSE);
        // a reminder or an escalation led by a red mark is no new alert
        assertThat(rules(bot("trabajos", "❌ export-facturas still failing (3rd run)")))
                .isNotEqualTo(Optional.of(Action.OPEN));
    }

    @Test
    void an_attachment_colour_counts_only_when_the_message_backs_it() {
        String card = """
                {"bot_id":"B9","bot_profile":{"name":"vigia"},"attachments":[{"color":"%s","title":"%s","text":"%s"}]}""";
        assertThat(rules(slack(card.formatted("danger", "Taxa de erro alta – gateway-2", "erro 7,2% (limite 5%)"))))
                .contains(Action.OPEN);
        assertThat(rules(slack(card.formatted("good", "Recuperado – gateway-2", "erro 0,4% (limite 5%)"))))
                .contains(Action.CLOSE);
        // a coloured feed item or report says nothing by its colour
        assertThat(rules(slack(card.formatted("good", "Relatório semanal", "42 pedidos"))))
                .isNotEqualTo(Optional.of(Action.CLOSE));
    }

    @Test
    void a_capital_tag_before_a_host_is_read_by_what_follows_it() {
        assertThat(rules(bot("pinger", "NEDOSIAGALNY rtr-krk-2 (10.9.0.1) – ping 0/5")))
                .contains(Action.OPEN);
        assertThat(rules(bot("pinger", "OSIAGALNY rtr-krk-2 (10.9.0.1) – przerwa 7 min")))
                .contains(Action.CLOSE);
        assertThat(rules(bot("pinger", "[KRYTYCZNY] web-9: wolne miejsce 4 % (limit 10 %)")))
                .contains(Action.OPEN);
    }

    @Test
    void a_code_block_table_with_a_state_column_opens_on_a_failing_row_and_closes_on_ok_was() {
        assertThat(rules(bot("stat", "changes:\n```\nHOST  CHECK  VAL  LIM  STATUS\nq1  lag  90s  60s  FAIL\n```")))
                .contains(Action.OPEN);
        assertThat(rules(bot(
                        "stat",
                        "changes:\n```\nHOST  CHECK  VAL  LIM  STATUS\nq1  lag  2s  60s  ok (was FAIL 9m)\n```")))
                .contains(Action.CLOSE);
        assertThat(rules(bot("stat", "summary:\n```\nHOST  CHECK  VAL  LIM  STATUS\nq1  lag  2s  60s  ok\n```")))
                .isNotEqualTo(Optional.of(Action.CLOSE));
    }

    @Test
    void tools_documented_notifications_awx_harbor_unraid_gitlab_and_kubernetes_events() {
        // AWX: "{{ job_friendly_name }} #{{ job.id }} '{{ job.name }}' {{ job.status }}: {{ url }}"
        String awx = "{\"bot_id\":\"B1\",\"bot_profile\":{\"name\":\"AWX\"},\"attachments\":[{\"color\":\"#439FE0\","
                + "\"text\":\"Workflow Job #77 'db-backup' %s: https://awx.example/#/jobs/workflow/77\"}]}";
        assertThat(rules(slack(awx.formatted("failed")))).contains(Action.OPEN);
        assertThat(rules(slack(awx.formatted("error")))).contains(Action.OPEN);
        assertThat(rules(slack(awx.formatted("successful")))).isNotEqualTo(Optional.of(Action.OPEN));
        assertThat(rules(slack(awx.formatted("running")))).isNotEqualTo(Optional.of(Action.OPEN));
        // Harbor's Slack webhook: the event type in capitals
        String harbor = "*Harbor webhook events*\n*event_type:* %s\n*operator:* robot\n*event_data:*\n```{\"x\": 1}```";
        assertThat(rules(bot("harbor", harbor.formatted("SCANNING_FAILED")))).contains(Action.OPEN);
        assertThat(rules(bot("harbor", harbor.formatted("PUSH_ARTIFACT")))).isEmpty();
        // Unraid: importance, the server in brackets, the subject
        Classification hot = rulesOnly
                .classify(bot("Unraid Server", "*Warning [TOWER] - Disk 2 is hot (55 C)*\n WDC_WD40 (sdb)"))
                .orElseThrow();
        assertThat(hot.action()).isEqualTo(Action.OPEN);
        assertThat(hot.service()).isEqualTo("Disk 2");
        assertThat(rules(bot("Unraid Server", "*Notice [TOWER] - Disk 2 returned to normal temperature*")))
                .contains(Action.CLOSE);
        assertThat(rules(bot("Unraid Server", "*Notice [TOWER] - Parity check finished (0 errors)*")))
                .isNotEqualTo(Optional.of(Action.CLOSE));
        // GitLab's alert management passes the guard that keeps its CI and issues out
        String gitlab = "{\"username\":\"GitLab\",\"text\":\"Alert firing in shop/web\",\"attachments\":[{\"title\":"
                + "\"HighLatency\",\"color\":\"#C95823\",\"fields\":[{\"title\":\"Severity\",\"value\":\"High\"},"
                + "{\"title\":\"Status\",\"value\":\"Triggered\"}]}]}";
        Classification firing = rulesOnly.classify(slack(gitlab)).orElseThrow();
        assertThat(firing.action()).isEqualTo(Action.OPEN);
        assertThat(firing.service()).isEqualTo("shop/web");
        assertThat(rules(bot("GitLab", "shop/web: Pipeline #512 of branch main by Ann failed in 3 min")))
                .isEmpty();
        // a Kubernetes event of type Normal is the cluster at work
        String normal =
                "{\"bot_id\":\"B2\",\"bot_profile\":{\"name\":\"kube-events\"},\"text\":\"Started container web\","
                        + "\"attachments\":[{\"title\":\"Normal: Started\",\"color\":\"good\",\"fields\":[{\"title\":\"object\","
                        + "\"value\":\"Pod/web-5d8-x2\"}]}]}";
        assertThat(rules(slack(normal))).isEmpty();
    }

    @Test
    void a_state_written_by_position_in_a_script_without_capitals_or_in_any_words() {
        // a status line of cells between pipes: the mark gives the state, the cells the host and the check
        Classification cell = rulesOnly
                .classify(bot("raqib", "🔴 حرج | db-7 | disk_used 95% (الحد 90%)"))
                .orElseThrow();
        assertThat(cell.action()).isEqualTo(Action.OPEN);
        assertThat(cell.service()).isEqualTo("db-7");
        assertThat(cell.alert()).isEqualTo("disk_used");
        assertThat(rules(bot("raqib", "🟢 طبيعي | db-7 | disk_used 61%"))).contains(Action.CLOSE);
        // a one-row table whose state cell has no capitals: its value beside its limit says the state
        String table =
                "*تغيير الحالة*\n```\nالحالة    الخادم    الفحص    القيمة    الحد\n%s    db-7    disk_used    %s    90%%\n```";
        assertThat(rules(bot("raqib", table.formatted("حرج", "95%")))).contains(Action.OPEN);
        assertThat(rules(bot("raqib", table.formatted("طبيعي", "40%")))).contains(Action.CLOSE);
        // the same behind a note is a copy, not the alert
        assertThat(rules(bot("raqib", "[تجربة فقط] 🔴 حرج | db-9 | disk_used 99% (الحد 90%)")))
                .isEmpty();
        assertThat(rules(bot("raqib", "[تجربة] " + table.formatted("حرج", "95%"))))
                .isEmpty();
        // a capital tag before a station: the tag measured past a minimum or a maximum beside it
        assertThat(rules(bot("scada", "[HÄLYTYS] PS-4 Vest · paine_meno = 1,2 bar (min. 2,0)")))
                .contains(Action.OPEN);
        assertThat(rules(bot("scada", "[TESTI] ohita · [HÄLYTYS] PS-9 · paine_meno = 0,0 bar (min. 2,0)")))
                .isEmpty();
        // a script's non-zero exit code; a run due and checked later that reports no length did not run
        assertThat(rules(bot("yoru", "job=ledger_close jōtai=shippai exit=2 kaishi=01:00")))
                .contains(Action.OPEN);
        assertThat(rules(bot("yoru", "job=ledger_close jōtai=mijikkō yotei=04:00 kakunin=04:30")))
                .contains(Action.OPEN);
        assertThat(rules(bot("yoru", "job=ledger_close jōtai=seikō kaishi=04:00 owari=04:30 jikan=30m")))
                .isNotEqualTo(Optional.of(Action.OPEN));
        // a red card naming a numbered thing, its details in fields; not one still active
        String card =
                "{\"bot_id\":\"B7\",\"bot_profile\":{\"name\":\"kuehlung\"},\"attachments\":[{\"color\":\"danger\","
                        + "\"title\":\"%s\",\"fields\":[{\"title\":\"Halle\",\"value\":\"B\"}]}]}";
        assertThat(rules(slack(card.formatted("Kühlraum KR-3 zu warm")))).contains(Action.OPEN);
        assertThat(rules(slack(card.formatted("Outage still active: KR-3")))).isNotEqualTo(Optional.of(Action.OPEN));
        // a heartbeat's broken heart and its whole one; a clock before a run that did not come
        assertThat(rules(bot("puls", "💔 queue-poller · no beat 5 min"))).contains(Action.OPEN);
        assertThat(rules(bot("puls", "❤️ queue-poller · back (6 min)"))).contains(Action.CLOSE);
        assertThat(rules(bot("puls", "⏰ meter-read n'a pas tourné (prévu 02:00, vérifié 02:40)")))
                .contains(Action.OPEN);
    }

    @Test
    void shapes_tuned_on_set_34_in_other_languages_and_the_tools_documented_formats() {
        // a bold state, a middle dot, then the host's line with its check: the limit says which way, else the mark
        assertThat(rules(bot("straza", "*🔴 KRITIČNO* · db-3 — disk_data: 95 % (prag 90 %)")))
                .contains(Action.OPEN);
        assertThat(rules(bot("straza", "*🟢 OPORAVLJENO* · db-3 — disk_data: 40 %")))
                .contains(Action.CLOSE);
        assertThat(rules(bot("straza", "*⚫ BEZ ODGOVORA* · gw-2 — ping (3 pokušaja neuspjela)")))
                .contains(Action.OPEN);
        assertThat(rules(bot("straza", "*🟢 ODGOVARA* · gw-2 — ping 9 ms"))).contains(Action.CLOSE);
        // a tag in a script without capitals, digits of that script, how long it lasted as the last segment
        assertThat(rules(bot("prahari", "[गंभीर] app-02 :: disk_/data = ९५% (सीमा ९०%)")))
                .contains(Action.OPEN);
        assertThat(rules(bot("prahari", "[सामान्य] app-02 :: disk_/data = ४०% · अवधि १ घं १० मि")))
                .contains(Action.CLOSE);
        // a capital tag: every packet lost opens, an answer closes; a size as the last segment is no duration
        assertThat(rules(bot("nadzor", "[NEDOSTUPAN] gw-01 · ping 100 % gubitak (3/3)")))
                .contains(Action.OPEN);
        assertThat(rules(bot("nadzor", "[DOSTUPAN] gw-01 · ping 12 ms"))).contains(Action.CLOSE);
        assertThat(rules(bot("nadzor", "[NORMALNO] db-01 · disk_/var 71 % · slobodno 6 GB")))
                .isNotEqualTo(Optional.of(Action.CLOSE));
        // a run's state OK and its length, nothing else, is a report; with a note of what it ends, a close
        assertThat(rules(bot("tarefas", "tarefa=sync_nf estado=OK duracao=41s")))
                .isEmpty();
        // a warning sign naming a thing not heard from for so long
        assertThat(rules(bot("batida", "⚠️ nema otkucaja: kamion-gps-12 (zadnji prije 20 min)")))
                .contains(Action.OPEN);
        // a monitor joining an incident already open is an update
        assertThat(rules(bot("dq", "Another monitor is failing in this incident: *Volume* — 12 rows (expected 900)")))
                .isNotEqualTo(Optional.of(Action.OPEN));
        // a green mark over a numbered incident and how long it lasted closes it
        assertThat(rules(bot("plantao", "✔️ INC-88 encerrado por Ana · duração 40 min")))
                .contains(Action.CLOSE);
        // Xen Orchestra's backup report (xo-server-backup-reports' markdown): a failure opens on the VM, success is a
        // report
        String xo =
                "##  Global status: %s\n\n- **Job ID**: 1\n- **Mode**: delta\n\n---\n\n## 1 Failure\n\n### erp-vm1\n\n"
                        + "- **Error**: VDI_IO_ERROR\n\n---\n\n*xo-server-backup-reports v0.18.4*";
        Classification failed = rulesOnly
                .classify(bot("Xen Orchestra", xo.formatted("failure")))
                .orElseThrow();
        assertThat(failed.action()).isEqualTo(Action.OPEN);
        assertThat(failed.service()).isEqualTo("erp-vm1");
        assertThat(rules(bot(
                        "Xen Orchestra",
                        "## Global status: success\n\n- **Successes**: 3 / 3\n---\n"
                                + "*xo-server-backup-reports v0.18.4*")))
                .isEmpty();
        // Dependency-Track's notification titles: a new vulnerability opens, an analysis decision is a report
        String dt = "{\"bot_id\":\"B1\",\"username\":\"Dependency-Track\",\"attachments\":[{\"color\":\"#36a64f\","
                + "\"title\":\"%s\",\"text\":\"%s\",\"fields\":[{\"title\":\"VulnID\",\"value\":\"CVE-2026-1\"},"
                + "{\"title\":\"Component\",\"value\":\"com.acme : acme-json : 2.1.0\"}]}]}";
        assertThat(rules(slack(dt.formatted("New Vulnerability Identified", "CVE-2026-1"))))
                .contains(Action.OPEN);
        assertThat(rules(slack(dt.formatted("Analysis Decision: Finding Suppressed", "An analysis decision was made"))))
                .isEmpty();
        // a card's message saying it is a test (Kener's trigger test) opens nothing
        assertThat(rules(bot(
                        "status",
                        "Alert Triggered\nAlert shop for STATUS DOWN TRIGGERED at 2026-01-01\n"
                                + "Status:\nTRIGGERED\nMessage:\nTEST - trigger check, ignore")))
                .isNotEqualTo(Optional.of(Action.OPEN));
    }

    @Test
    void set_35_shapes_in_other_languages() {
        // a capital tag, a bar, the host, a guillemet, then the check measured (Polish)
        Classification crit = rulesOnly
                .classify(bot("straznik", "KRYTYCZNY | mag-app01 » czas_http = 8,4 s (próg 3 s)"))
                .orElseThrow();
        assertThat(crit.action()).isEqualTo(Action.OPEN);
        assertThat(crit.service()).isEqualTo("mag-app01");
        assertThat(crit.alert()).isEqualTo("czas_http");
        // how long it lasted as the last segment after the bar shape closes it
        assertThat(rules(bot("straznik", "NAPRAWIONO | mag-app01 » czas_http = 0,6 s · czas 52 min")))
                .contains(Action.CLOSE);
        // a reachability check that gives no round trip says in words it got no answer (Italian)
        Classification silent = rulesOnly
                .classify(bot(
                        "sentinella", "[NON RISPONDE] bilancia-2 · http_salute — 3 controlli di fila senza risposta"))
                .orElseThrow();
        assertThat(silent.action()).isEqualTo(Action.OPEN);
        assertThat(silent.alert()).isEqualTo("http_salute");
        // a ping's loss at zero answers (Italian)
        assertThat(rules(bot("sentinella", "[RIPRISTINATO] plc-gw · ping perdita 0 %")))
                .contains(Action.CLOSE);
        // a certificate's days left under its limit, the unit written once (Czech)
        assertThat(rules(bot("strazce", "[VAROVÁNÍ] portal.example.cz · tls_certifikat vyprší za 9 dnů (limit 14)")))
                .contains(Action.OPEN);
        // a bold state right before the host's line: a red or amber mark opens whichever way the limit reads, a green
        // one closes, a repeat's mark of neither colour says nothing (Turkish)
        assertThat(rules(bot("bekci", "*🔴 KRİTİK* erp-sql01 — `bos_bellek`: 3,1 % (eşik 5 %)")))
                .contains(Action.OPEN);
        assertThat(rules(bot("bekci", "*🟠 UYARI* nas-01 — `raid_durumu`: bozulmuş (disk 1/6 yok)")))
                .contains(Action.OPEN);
        assertThat(rules(bot("bekci", "*🟢 ÇÖZÜLDÜ* erp-sql01 — `bos_bellek`: 22 % · süre 1 sa 40 dk")))
                .contains(Action.CLOSE);
        assertThat(rules(bot("bekci", "*🔁 HÂLÂ AKTİF (1 sa)* erp-sql01 — `bos_bellek`: 2,8 % (eşik 5 %)")))
                .isNotEqualTo(Optional.of(Action.CLOSE));
        // a run report's OK with its length and a note stays out (Spanish note)
        assertThat(rules(bot("tareas", "job=copia_nocturna status=OK duration=41m note=\"todo bien\"")))
                .isEmpty();
        // documented formats: Windmill's schedule handlers, Cerberus's go/no-go report and its start-up notice, a state
        // it is no longer in (Burrow)
        assertThat(rules(bot("Windmill", ":red_circle: Schedule `f/ops/sync_hourly` failed\nScript: `f/ops/sync`")))
                .contains(Action.OPEN);
        assertThat(
                        rules(
                                bot(
                                        "Windmill",
                                        ":large_green_circle: Schedule `f/ops/sync_hourly` recovered after 3 failures\nScript: `f/ops/sync`")))
                .contains(Action.CLOSE);
        assertThat(rules(bot(
                        "cerberus",
                        "Kubernetes control plane is running at https://api.example:6443 In iteration 7, Cerberus found"
                                + " issues in: \n *nodes: worker-2* \n Hence, setting the go/no-go signal to false.")))
                .contains(Action.OPEN);
        assertThat(rules(bot("cerberus", "Cerberus has started monitoring! Kubernetes control plane is running")))
                .isEmpty();
        assertThat(rules(bot("burrow", "A kafka consumer is no longer lagging\nGroup: orders-writer")))
                .contains(Action.CLOSE);
        // IaC drift by an environment or workspace (env0's drift events): found opens, none found closes
        Classification drift = rulesOnly
                .classify(bot("env0", "Drift detected in environment prod-net (project Infra). 2 resources changed"))
                .orElseThrow();
        assertThat(drift.action()).isEqualTo(Action.OPEN);
        assertThat(drift.service()).isEqualTo("prod-net");
        assertThat(rules(bot("env0", "*No drift detected* in environment *prod-net* (project Infra).")))
                .contains(Action.CLOSE);
        // a pictograph, a thing, a dash, a measurement past its limit in the same unit (German)
        Classification room = rulesOnly
                .classify(bot("kuehlhaus", "🌡️ Vorkühlraum VK-2 — Temperatur 6,8 °C (max 4 °C)"))
                .orElseThrow();
        assertThat(room.action()).isEqualTo(Action.OPEN);
        assertThat(room.service()).isEqualTo("Vorkühlraum VK-2");
        // an unknown state's mark over a thing and how long no data came opens (Dutch)
        assertThat(rules(bot("droger", ":grey_question: Droogkamer D1 — geen gegevens van de vochtsensoren 15 min")))
                .contains(Action.OPEN);
        // a line led by the word for escalated is an update (Norwegian), an escalation policy's alert is not
        assertThat(rules(bot("ovn", "🚨 Eskalert til vaktleder <@U1> — 30 min uten bedring")))
                .isNotEqualTo(Optional.of(Action.OPEN));
        // a severity raised with a note of it repeats the open of the same check on the same host (Turkish)
        Repeats.Seen warned = new Repeats.Seen(
                1,
                "bekci",
                Repeats.words("UYARI nas-01 — raid_durumu: bozulmuş (disk 1/6 yok)"),
                "nas-01",
                "raid_durumu");
        Repeats.Seen raised = new Repeats.Seen(
                2,
                "bekci",
                Repeats.words(
                        "KRİTİK nas-01 — raid_durumu: bozulmuş, yeniden oluşturma başarısız (UYARIdan yükseltildi)"),
                "nas-01",
                "raid_durumu");
        assertThat(Repeats.repeats(raised, warned)).isTrue();
    }

    @Test
    void set_38_mechanisms_hold_in_languages_and_tools_no_set_has() {
        // a try counter at its first try is no part of a run's report: a success at the first try stays out, one after
        // failed tries closes (Kazakh keys and notes)
        assertThat(rules(bot(
                        "tapsyrma", "тапсырма=түнгі_көшірме status=OK әрекет=1/1 ұзақтығы=14m ескерту=\"бәрі дұрыс\"")))
                .isNotEqualTo(Optional.of(Action.CLOSE));
        // a capital open state anywhere in a raise note, its case ending after a hyphen left out, is an update (Kazakh)
        assertThat(rules(bot("kuzetshi", "[🔴 СЫНИ] касса-db ➜ диск /var = 97% (шек 90%) _(ЕСКЕРТУ-ден көтерілді)_")))
                .isNotEqualTo(Optional.of(Action.OPEN));
        // the same line without the note opens, the host in Cyrillic and the check after ➜ naming it
        Classification disk = rulesOnly
                .classify(bot("kuzetshi", "[🔴 СЫНИ] касса-db ➜ диск /var = 97% (шек 90%)"))
                .orElseThrow();
        assertThat(disk.action()).isEqualTo(Action.OPEN);
        assertThat(disk.service()).isEqualTo("касса-db");
        assertThat(disk.alert()).isEqualTo("диск /var");
        // a line led by the word for escalated and a person mentioned is an update (Bulgarian)
        assertThat(rules(bot("pazach", "📣 ЕСКАЛИРАНО към <@U0AB12> — няма отговор 15 мин")))
                .isNotEqualTo(Optional.of(Action.OPEN));
        assertThat(GenericRecogniser.updateToPerson("Still <@U1> on it?")).isFalse();
        // a heartbeat unit of any case after a mark: a red mark and how long opens, a word for back or a whole heart
        // closes, a green mark alone says nothing (Kazakh, Armenian)
        Classification silent = rulesOnly
                .classify(bot("puls", "пульс ✗ датчик-ылғал-7 · соңғы сигнал 25 мин бұрын"))
                .orElseThrow();
        assertThat(silent.action()).isEqualTo(Action.OPEN);
        assertThat(silent.alert()).isEqualTo("датчик-ылғал-7");
        assertThat(rules(bot("puls", "пульс ✓ датчик-ылғал-7 · қалпына келді"))).contains(Action.CLOSE);
        assertThat(rules(bot("zark", "♥ gps-ՏՐ-12 · զարկերը վերադարձան"))).contains(Action.CLOSE);
        assertThat(rules(bot("deployer", "✓ api-v2 · deployed in 3 min"))).isNotEqualTo(Optional.of(Action.CLOSE));
        // a tool's word for a problem back after it was resolved is a new alert, not a repeat
        Repeats.Seen first = new Repeats.Seen(
                1, "tracker", Repeats.words("error - Billing::CardDeclined: card declined"), "shop", "");
        Repeats.Seen again = new Repeats.Seen(
                2, "tracker", Repeats.words("reoccurrence - Billing::CardDeclined: card declined"), "shop", "");
        Repeats.Seen same = new Repeats.Seen(
                2, "tracker", Repeats.words("error - Billing::CardDeclined: card declined"), "shop", "");
        assertThat(Repeats.repeats(again, first)).isFalse();
        assertThat(Repeats.repeats(same, first)).isTrue();
        // OpenZFS ZED's Slack subjects: a device fault opens on its pool, a resilver finished clean closes, a clean
        // scrub is a report
        Classification fault = rulesOnly
                .classify(
                        bot(
                                "zed",
                                "*ZFS device fault for pool data0 on fs-9*\nZFS has marked the device as faulted.\n  state: FAULTED\n   pool: data0"))
                .orElseThrow();
        assertThat(fault.action()).isEqualTo(Action.OPEN);
        assertThat(fault.service()).isEqualTo("data0");
        String finished = " event for data0 on fs-9*\n  state: ONLINE\n   scan: done 2T in 03:10:00 with 0 errors\n"
                + "errors: No known data errors";
        assertThat(rules(bot("zed", "*ZFS resilver_finish" + finished))).contains(Action.CLOSE);
        assertThat(rules(bot("zed", "*ZFS scrub_finish" + finished))).isEmpty();
        // names: a check whose name leads with digits ("5xx") after the host; a numbered thing in Cyrillic capitals
        // whole
        Classification rate = rulesOnly
                .classify(bot("kuzetshi", "[🟠 ЕСКЕРТУ] төлем-api ➜ 5xx үлесі = 3.1% (шек 2%)"))
                .orElseThrow();
        assertThat(rate.service()).isEqualTo("төлем-api");
        assertThat(rate.alert()).isEqualTo("5xx үлесі");
        assertThat(AlertNames.serviceFromName(
                                "ЖК-4410 — қозғалтқыш қызып кетті", "", "✅ ЖК-4410 — қозғалтқыш қызып кетті")
                        .service())
                .isEqualTo("ЖК-4410");
        // a gateway available now again closes (pfSense's gateway monitor)
        assertThat(rules(bot(
                        "pfSense",
                        "gw-3.example - MONITOR: WAN2_FIBRE is available now, adding to routing group WANS")))
                .contains(Action.CLOSE);
    }
}
