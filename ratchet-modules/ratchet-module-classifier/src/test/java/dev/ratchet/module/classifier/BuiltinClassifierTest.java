package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltinClassifierTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Classification classify(String username, String text) {
        return builtin.classify(username, text).orElseThrow(() -> new AssertionError("not recognised: " + text));
    }

    @Test
    void alertmanager_default_title_opens_with_alert_service_and_severity_from_the_labels() {
        Classification c = classify(
                "Alertmanager",
                "[FIRING:2] HighLatency (api prod critical)\n • *service:* `api`\n • *severity:* `critical`");
        assertThat(c.annotation())
                .isEqualTo(Map.of(
                        "action",
                        "open",
                        "service",
                        "api",
                        "alert",
                        "HighLatency",
                        "priority",
                        "critical",
                        "source",
                        "alertmanager",
                        "method",
                        "builtin"));
    }

    @Test
    void alertmanager_title_alone_gives_the_service_from_the_common_label_values() {
        Classification c = classify("Alertmanager", "[RESOLVED] HighLatency (api prod critical)");
        assertThat(c.action()).isEqualTo(Action.CLOSE);
        assertThat(c.alert()).isEqualTo("HighLatency");
        assertThat(c.service()).isEqualTo("api");
        assertThat(c.priority()).contains("critical");
    }

    @Test
    void slack_links_and_emoji_do_not_hide_the_status() {
        Classification c =
                classify("Alertmanager", ":fire: <https://am.example.com/#/alerts|[FIRING:1] DiskFull (db-1 warning)>");
        assertThat(c.action()).isEqualTo(Action.OPEN);
        assertThat(c.alert()).isEqualTo("DiskFull");
    }

    @Test
    void grafana_unified_alert_is_told_from_alertmanager_by_its_poster() {
        Classification c = classify(
                "Grafana",
                "[FIRING:1] HighCPU Infra (api critical)\nLabels:\n - alertname = High CPU\n - service = api");
        assertThat(c.source()).isEqualTo("grafana");
        assertThat(c.alert()).isEqualTo("High CPU");
    }

    @Test
    void grafana_legacy_alerting_and_ok_open_and_close() {
        assertThat(classify("Grafana", "[Alerting] Login errors").action()).isEqualTo(Action.OPEN);
        assertThat(classify("Grafana", "[OK] Login errors").action()).isEqualTo(Action.CLOSE);
        assertThat(builtin.classify("ci", "[OK] build passed")).isEmpty();
    }

    @Test
    void datadog_recovery_carries_priority_service_tag_and_stated_duration() {
        Classification c =
                classify("Datadog", "Recovered: [P2] Kafka consumer lag\nservice:billing-worker\nduration: 12m");
        assertThat(c.annotation())
                .containsEntry("action", "close")
                .containsEntry("service", "billing-worker")
                .containsEntry("alert", "Kafka consumer lag")
                .containsEntry("priority", "P2")
                .containsEntry("duration_seconds", 720L);
    }

    @Test
    void datadog_renotification_is_recognised_as_no_change() {
        assertThat(classify("Datadog", "Re-Triggered: [P1] High error rate").action())
                .isEqualTo(Action.NONE);
    }

    @Test
    void pagerduty_acknowledgement_neither_opens_nor_closes() {
        assertThat(classify("PagerDuty", "Triggered #4521: Pool exhausted\nService: orders")
                        .action())
                .isEqualTo(Action.OPEN);
        assertThat(classify("PagerDuty", "Acknowledged #4521: Pool exhausted by Alice")
                        .action())
                .isEqualTo(Action.NONE);
        Classification resolved = classify("PagerDuty", "Resolved #4521: Pool exhausted\nService: orders");
        assertThat(resolved.alert()).isEqualTo("Pool exhausted");
        assertThat(resolved.service()).isEqualTo("orders");
    }

    @Test
    void opsgenie_close_by_a_person_keeps_the_alert_name() {
        Classification c =
                classify("Opsgenie", "[Opsgenie] Alert closed by Dave Smith: #12 Nightly backup failed (P3)");
        assertThat(c.action()).isEqualTo(Action.CLOSE);
        assertThat(c.alert()).isEqualTo("Nightly backup failed");
        assertThat(c.priority()).contains("P3");
    }

    @Test
    void cloudwatch_subject_and_chatbot_card_give_the_alarm_name() {
        assertThat(classify("AWS Chatbot", "ALARM: \"checkout-5xx\" in US East (N. Virginia)")
                        .alert())
                .isEqualTo("checkout-5xx");
        Classification ok = classify(
                "AWS Chatbot",
                "CloudWatch Alarm | api-p99 | us-east-1 | Account: 1\nAlarm state changed from ALARM to OK");
        assertThat(ok.action()).isEqualTo(Action.CLOSE);
        assertThat(ok.alert()).isEqualTo("api-p99");
    }

    @Test
    void sentry_new_issue_opens_and_resolution_closes_with_the_project_as_service() {
        Classification open = classify("Sentry", "New issue: KeyError: 'currency'\nProject: billing\nLevel: error");
        Classification close =
                classify("Sentry", "Issue marked as resolved by Hana: KeyError: 'currency'\nProject: billing");
        assertThat(open.alert()).isEqualTo(close.alert()).isEqualTo("KeyError: 'currency'");
        assertThat(open.service()).isEqualTo(close.service()).isEqualTo("billing");
    }

    @Test
    void new_relic_close_with_stated_duration() {
        Classification c = classify(
                "New Relic", "Incident closed: Apdex low\nCondition: Apdex low\nEntity: web\nDuration: 18 minutes");
        assertThat(c.durationSeconds()).contains(1080L);
        assertThat(c.service()).isEqualTo("web");
    }

    @Test
    void deploy_and_ci_bots_naming_a_tool_are_not_alerts() {
        assertThat(builtin.classify("github", "Triggered workflow deploy-datadog-agent on main"))
                .isEmpty();
        assertThat(builtin.classify("github", "Resolved conflicts in sentry-sdk upgrade PR #991"))
                .isEmpty();
        assertThat(builtin.classify("deploybot", "Deploying api: FIRING up the canary"))
                .isEmpty();
        assertThat(builtin.classify("x", "")).isEmpty();
    }

    @Test
    void annotation_leaves_out_what_is_unknown() {
        Classification c =
                new Classification(Action.OPEN, "", "Disk", Optional.empty(), Optional.empty(), "grafana", "builtin");
        assertThat(c.annotation())
                .isEqualTo(Map.of(
                        "action", "open", "service", "", "alert", "Disk", "source", "grafana", "method", "builtin"));
    }

    @Test
    void a_tools_test_notification_opens_nothing_while_an_alert_named_after_tests_still_does() {
        assertThat(builtin.classify("Alertmanager", "[FIRING:1] Test Alert (kafka warning)\nalertname=\"Test Alert\""))
                .map(Classification::action)
                .contains(Action.NONE);
        assertThat(builtin.classify("Uptime", "This is a test notification from your monitor: Homepage is down")
                        .filter(Classification::isAlert))
                .isEmpty();
        assertThat(builtin.classify("Alertmanager", "[FIRING:1] TestSuiteLatency (ci-runner warning)"))
                .map(Classification::action)
                .contains(Action.OPEN);
    }
}
