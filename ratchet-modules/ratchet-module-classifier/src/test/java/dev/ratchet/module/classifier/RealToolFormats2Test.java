package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.RealToolFormatsTest.alert;
import static dev.ratchet.module.classifier.RealToolFormatsTest.bot;
import static dev.ratchet.module.classifier.RealToolFormatsTest.builtin;
import static dev.ratchet.module.classifier.RealToolFormatsTest.classify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * More real tools' Slack renderings as their sources write them (Quay's notification summaries, Skyline's alert
 * comment, StreamAlert's rule title, Cowrie's event records, sitespeed.io's run summary, a host's log line at a failing
 * level as logstash-output-slack relays it), with messages of our own, the look-alikes beside them that must stay none,
 * and the guard that keeps the learned stage off reports and event records that state no state.
 */
class RealToolFormats2Test {

    static MessageView card(String name, String text, List<Map<String, Object>> attachments) {
        return MessageView.ofSlack(
                Map.of("type", "message", "bot_id", "B1", "username", name, "text", text, "attachments", attachments));
    }

    static MessageView quay(String summary, String colour) {
        return card("quayiobot", summary, List.of(Map.of("fallback", summary, "text", summary, "color", colour)));
    }

    @Test
    void quays_vulnerability_summaries_open_at_the_error_and_warning_levels() {
        Classification one =
                classify(quay("High vulnerability detected in repository acme/billing in 2 tags", "warning"));
        assertThat(one.action()).isEqualTo(Action.OPEN);
        assertThat(one.service()).isEqualTo("acme/billing");
        assertThat(one.alert()).isEqualTo("vulnerability_found");
        Classification many = classify(quay(
                "12 Critical and 30 more vulnerabilities were detected in repository acme/base-image in 5 tags",
                "danger"));
        assertThat(many.action()).isEqualTo(Action.OPEN);
        assertThat(many.service()).isEqualTo("acme/base-image");
        // Low is Quay's info level
        assertThat(alert(quay("Low vulnerability detected in repository acme/billing in 1 tags", "#ffffff")))
                .isFalse();
    }

    @Test
    void quays_mirror_fails_and_succeeds_and_its_start_is_no_alert() {
        Classification failed = classify(quay("Repository Mirror failed for acme/mirror-redis", "danger"));
        assertThat(failed.action()).isEqualTo(Action.OPEN);
        assertThat(failed.service()).isEqualTo("acme/mirror-redis");
        assertThat(failed.alert()).isEqualTo("repo_mirror_sync");
        Classification success = classify(quay("Repository Mirror success for acme/mirror-redis", "good"));
        assertThat(success.action()).isEqualTo(Action.CLOSE);
        assertThat(success.service()).isEqualTo("acme/mirror-redis");
        assertThat(alert(quay("Repository Mirror started for acme/mirror-redis", "#ffffff")))
                .isFalse();
    }

    @Test
    void quays_pushes_builds_and_test_notifications_stay_none() {
        assertThat(alert(quay("Repository acme/web updated", "good"))).isFalse();
        assertThat(alert(quay("Build failure for repository acme/web [a1b2c3d]", "danger")))
                .isFalse();
        assertThat(alert(quay("Build succeeded for repository acme/web [a1b2c3d]", "good")))
                .isFalse();
        // Quay's sample data for the Test Notification button
        assertThat(alert(quay("Repository Mirror failed for TEST NOTIFICATION", "danger")))
                .isFalse();
    }

    @Test
    void a_tools_title_with_alert_in_capitals_after_a_dash_opens_on_the_thing_named() {
        Classification c = classify(bot(
                "skyline",
                "*Skyline Mirage - ALERT* on web.api.p95_latency at 168 hours - 912.5 :: <http://g.example/r|graphite"
                        + " image link>"));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("web.api.p95_latency");
        Classification waterfall = classify(
                bot("skyline", "*Skyline Analyzer - WATERFALL ALERT* on queue.depth.orders at 24 hours - 7.0"));
        assertThat(waterfall.action()).isEqualTo(Action.OPEN);
        assertThat(waterfall.service()).isEqualTo("queue.depth.orders");
        // look-alikes: no capital ALERT on a thing
        assertThat(alert(bot("skyline", "Skyline Analyzer - alert settings reloaded")))
                .isFalse();
        assertThat(alert(bot("releases", "Skyline 4.0 - Alert on any metric, now with Slack threads")))
                .isFalse();
    }

    @Test
    void streamalerts_rule_title_names_the_rule_and_the_records_subject() {
        MessageView v = card(
                "StreamAlert",
                "*StreamAlert Rule Triggered: okta_admin_role_granted*",
                List.of(Map.of(
                        "color",
                        "#b22222",
                        "pretext",
                        "*Rule Description:*\nAn admin role was granted\n",
                        "title",
                        "Record:",
                        "text",
                        "*actor:* jdoe\n*org:* acme-corp\n*target:* contractor-7")));
        Classification c = classify(v);
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.alert()).isEqualTo("okta_admin_role_granted");
        assertThat(c.service()).isEqualTo("acme-corp");
    }

    static String cowrie(String event, String message) {
        return "2026-03-01 04:12:09 {\n    \"eventid\": \"" + event + "\",\n    \"message\": \"" + message
                + "\",\n    \"protocol\": \"telnet\",\n    \"sensor\": \"trap-eu-2\",\n    \"session\": \"a1b2c3\",\n"
                + "    \"src_ip\": \"198.51.100.9\"\n}";
    }

    @Test
    void cowries_logins_that_succeed_and_files_brought_open_its_other_events_do_not() {
        Classification login =
                classify(bot("honeypot", cowrie("cowrie.login.success", "login attempt [admin/admin] succeeded")));
        assertThat(login.action()).isEqualTo(Action.OPEN);
        assertThat(login.service()).isEqualTo("trap-eu-2");
        assertThat(login.alert()).isEqualTo("cowrie.login.success");
        assertThat(classify(bot("honeypot", cowrie("cowrie.session.file_upload", "Saved file to var/x")))
                        .action())
                .isEqualTo(Action.OPEN);
        assertThat(alert(bot("honeypot", cowrie("cowrie.login.failed", "login attempt [admin/1234] failed"))))
                .isFalse();
        assertThat(alert(bot("honeypot", cowrie("cowrie.session.connect", "New connection: 198.51.100.9:4410"))))
                .isFalse();
        assertThat(alert(bot("honeypot", cowrie("cowrie.command.input", "CMD: wget http://198.51.100.7/a.sh"))))
                .isFalse();
        assertThat(alert(bot("honeypot", cowrie("cowrie.session.closed", "Connection lost after 12 seconds"))))
                .isFalse();
    }

    static MessageView sitespeed(String text, List<Map<String, Object>> pages) {
        return card("Sitespeed.io", text, pages);
    }

    @Test
    void sitespeeds_summary_is_a_report_unless_a_page_could_not_be_tested() {
        String head = "1 page analyzed for docs.acme.example (3 runs, Firefox/desktop/cable)\n*Site summary*"
                + " (<https://r.example/x/index.html|result>)\nFirst paint: 640\nCoach score: 61\n";
        // a red page because its coach score is under the limit: still a report
        MessageView red = sitespeed(
                head,
                List.of(Map.of(
                        "color",
                        "danger",
                        "text",
                        "https://docs.acme.example/",
                        "fields",
                        List.of(Map.of("title", "Coach score", "value", 61, "short", true)))));
        assertThat(alert(red)).isFalse();
        MessageView green = sitespeed(
                head,
                List.of(Map.of(
                        "color",
                        "good",
                        "text",
                        "https://docs.acme.example/",
                        "fields",
                        List.of(Map.of("title", "Coach score", "value", 97, "short", true)))));
        assertThat(alert(green)).isFalse();
        MessageView error = sitespeed(
                head + "\n1 error(s):\n",
                List.of(Map.of(
                        "color",
                        "danger",
                        "text",
                        "https://docs.acme.example/search",
                        "fields",
                        List.of(Map.of(
                                "title",
                                "browsertime error",
                                "value",
                                "net::ERR_NAME_NOT_RESOLVED",
                                "short",
                                false)))));
        Classification c = classify(error);
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("https://docs.acme.example/search");
    }

    @Test
    void a_hosts_log_line_at_a_failing_level_opens_and_one_saying_it_recovered_does_not() {
        Classification c =
                classify(bot("logstash", "cache-node-4 FATAL: redis-server exited, no space left on device"));
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.service()).isEqualTo("cache-node-4");
        assertThat(classify(bot("logstash", "db-proxy.eu-1 CRITICAL: upstream pool empty"))
                        .service())
                .isEqualTo("db-proxy.eu-1");
        assertThat(alert(bot("logstash", "cache-node-4 ERROR: replica link recovered after 3 retries")))
                .isFalse();
        // not a host: a word in capitals leading the line
        assertThat(alert(bot("logstash", "Deploy ERROR: nothing to roll back"))).isFalse();
    }

    // ---------------------------------------------------------------- the learned stage's guard

    static String text(MessageView v) {
        return SlackText.normalise(v.text());
    }

    @Test
    void the_learned_stage_does_not_read_an_event_record_that_states_no_state() {
        MessageView record = bot(
                "sshd-audit",
                "2026-04-02T07:15:00Z {\n  \"event\": \"auth.attempt\",\n  \"message\": \"password check failed for"
                        + " root, connection refused\",\n  \"src_ip\": \"203.0.113.4\",\n  \"port\": 22\n}");
        assertThat(LookAlikes.notForTheModel(record, text(record))).isPresent();
        // (a rule may still read a state in a record's logged message: "… check failed for root" opens by the rules)
        MessageView connect = bot(
                "tarpit",
                "2026-04-02 07:15:00 {\n    \"event\": \"tarpit.connect\",\n    \"message\": \"New connection:"
                        + " 203.0.113.4:51122 (192.0.2.1:22)\",\n    \"timestamp\": \"2026-04-02T07:14:59Z\"\n}");
        assertThat(LookAlikes.notForTheModel(connect, text(connect))).isPresent();
        assertThat(alert(connect))
                .as(String.valueOf(builtin.recognise(connect)))
                .isFalse();
        MessageView plain =
                bot("audit", "{\n  \"user\": \"ops\",\n  \"action\": \"login\",\n  \"error\": \"timeout\"\n}");
        assertThat(LookAlikes.notForTheModel(plain, text(plain))).isPresent();
        // a record that gives a state, a level or a severity is still read
        for (String key : List.of("severity", "status", "alert_state", "level", "type")) {
            MessageView stated = bot("exporter", "{\n  \"title\": \"disk full\",\n  \"" + key + "\": \"CRITICAL\"\n}");
            assertThat(LookAlikes.notForTheModel(stated, text(stated))).as(key).isEmpty();
        }
    }

    @Test
    void the_learned_stage_does_not_read_a_report_that_counts_no_failure() {
        MessageView crawl = card(
                "crawler",
                "Nightly crawl of 420 pages\n*Link check summary*\nBroken links: 0\nSlowest page: 2.1 s",
                List.of(Map.of("color", "danger", "text", "https://shop.example/")));
        assertThat(LookAlikes.notForTheModel(crawl, text(crawl))).isPresent();
        assertThat(alert(crawl)).isFalse();
        MessageView digest = bot("digest-bot", "Weekly digest\n14 deploys, 3 incidents resolved, 0 open");
        assertThat(LookAlikes.notForTheModel(digest, text(digest))).isPresent();
        // the same report counting a failure is left to the stages behind the rules
        MessageView failing = bot("crawler", "Nightly crawl of 420 pages\n*Link check summary*\n3 failed: see below");
        assertThat(LookAlikes.notForTheModel(failing, text(failing))).isEmpty();
        // a heading naming alerts, or a label before a value, is no report heading
        MessageView alertDigest =
                bot("ntop", "probe-1: 3 new alerts\nAlert digest (last 5 minutes)\n[Error] port scan");
        assertThat(LookAlikes.notForTheModel(alertDigest, text(alertDigest))).isEmpty();
        MessageView label = bot("pager", "Summary:\ncheckout p99 above 2s\nService: checkout");
        assertThat(LookAlikes.notForTheModel(label, text(label))).isEmpty();
    }
}
