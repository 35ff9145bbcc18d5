package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule edits on the text: only the changed lines differ; comments, blank lines and indentation stay as they were. */
class AlertRuleEditorTest {

    static final String RULES = """
            # Search team alerts. Owned by #team-search.
            groups:
              - name: search-pods   # pod health
                interval: 1m
                rules:
                  # restarts: see the runbook
                  - alert: PodCrashLooping
                    expr: rate(kube_pod_container_status_restarts_total{namespace="search"}[5m]) > 0
                    labels:
                      severity: page    # wakes someone up
                    annotations:
                      summary: "Pod {{ $labels.pod }} is crash looping"

                  - alert: SearchLatencyHigh
                    expr: |
                      histogram_quantile(0.99,
                        sum by (le) (rate(search_request_seconds_bucket[5m]))) > 0.5
                    for: 5m   # was 2m until March
                    labels:
                      severity: warning
              - name: search-disk
                rules:
                  - alert: DiskAlmostFull
                    expr: node_filesystem_avail_bytes / node_filesystem_size_bytes * 100 < 10
                    for: 15m
            ---
            groups:
              - name: other-doc
                rules:
                  - {alert: FlowStyled, expr: up == 0}
            """;

    @Test
    void a_rule_is_found_by_name_in_any_group_and_document() {
        assertThat(AlertRuleEditor.find(RULES, "PodCrashLooping")).hasSize(1);
        assertThat(AlertRuleEditor.find(RULES, "DiskAlmostFull")).hasSize(1);
        assertThat(AlertRuleEditor.find(RULES, "FlowStyled")).hasSize(1);
        assertThat(AlertRuleEditor.find(RULES, "Nope")).isEmpty();
    }

    @Test
    void for_is_added_after_expr_where_absent_and_the_diff_has_that_one_line() {
        AlertRuleEditor.Edit edit =
                AlertRuleEditor.setField(RULES, "PodCrashLooping", null, "for", "10m", List.of("expr"));
        assertThat(edit.applied()).isTrue();
        assertThat(edit.text()).contains("""
                                expr: rate(kube_pod_container_status_restarts_total{namespace="search"}[5m]) > 0
                                for: 10m
                                labels:
                                  severity: page    # wakes someone up
                        """);
        assertThat(changedLines(AlertRuleEditor.diff("rules/search.yml", RULES, edit.text())))
                .containsExactly("+        for: 10m");
    }

    @Test
    void for_is_changed_where_present_keeping_its_comment() {
        AlertRuleEditor.Edit edit =
                AlertRuleEditor.setField(RULES, "SearchLatencyHigh", null, "for", "10m", List.of("expr"));
        assertThat(changedLines(AlertRuleEditor.diff("r.yml", RULES, edit.text())))
                .containsExactly("-        for: 5m   # was 2m until March", "+        for: 10m   # was 2m until March");
    }

    @Test
    void keep_firing_for_goes_after_for_and_after_a_block_expr() {
        AlertRuleEditor.Edit edit = AlertRuleEditor.setField(
                RULES, "SearchLatencyHigh", null, "keep_firing_for", "30m", List.of("for", "expr"));
        assertThat(edit.text()).contains("    for: 5m   # was 2m until March\n        keep_firing_for: 30m\n");
        AlertRuleEditor.Edit noFor = AlertRuleEditor.setField(
                RULES.replace("        for: 5m   # was 2m until March\n", ""),
                "SearchLatencyHigh",
                null,
                "keep_firing_for",
                "30m",
                List.of("for", "expr"));
        assertThat(noFor.text())
                .contains("> 0.5\n        keep_firing_for: 30m\n        labels:\n          severity: warning");
    }

    @Test
    void the_threshold_of_a_trailing_comparison_is_moved_to_fire_less() {
        assertThat(changedLines(AlertRuleEditor.diff(
                        "r.yml",
                        RULES,
                        AlertRuleEditor.raiseThreshold(RULES, "SearchLatencyHigh", null)
                                .text())))
                .containsExactly(
                        "-            sum by (le) (rate(search_request_seconds_bucket[5m]))) > 0.5",
                        "+            sum by (le) (rate(search_request_seconds_bucket[5m]))) > 0.625");
        assertThat(changedLines(AlertRuleEditor.diff(
                        "r.yml",
                        RULES,
                        AlertRuleEditor.raiseThreshold(RULES, "DiskAlmostFull", null)
                                .text())))
                .containsExactly(
                        "-        expr: node_filesystem_avail_bytes / node_filesystem_size_bytes * 100 < 10",
                        "+        expr: node_filesystem_avail_bytes / node_filesystem_size_bytes * 100 < 8");
        String quoted = RULES.replace(
                "expr: rate(kube_pod_container_status_restarts_total{namespace=\"search\"}[5m]) > 0",
                "expr: 'sum(rate(errors[5m])) >= 40'  # errors per second");
        assertThat(AlertRuleEditor.raiseThreshold(quoted, "PodCrashLooping", null)
                        .text())
                .contains("expr: 'sum(rate(errors[5m])) >= 50'  # errors per second");
    }

    @Test
    void an_expr_without_a_trailing_number_is_left_alone_with_a_reason() {
        String noNumber = RULES.replace("[5m]) > 0\n", "[5m]) > on() group_left vector(1)\n");
        AlertRuleEditor.Edit edit = AlertRuleEditor.raiseThreshold(noNumber, "PodCrashLooping", null);
        assertThat(edit.applied()).isFalse();
        assertThat(edit.note()).contains("does not end in a comparison with a number");
    }

    @Test
    void the_severity_label_is_lowered_in_place() {
        AlertRuleEditor.Edit edit = AlertRuleEditor.setSeverity(RULES, "PodCrashLooping", null, "ticket");
        assertThat(changedLines(AlertRuleEditor.diff("r.yml", RULES, edit.text())))
                .containsExactly(
                        "-          severity: page    # wakes someone up",
                        "+          severity: ticket    # wakes someone up");
        AlertRuleEditor.Edit added = AlertRuleEditor.setSeverity(RULES, "DiskAlmostFull", null, "ticket");
        assertThat(changedLines(AlertRuleEditor.diff("r.yml", RULES, added.text())))
                .containsExactly("+        labels:", "+          severity: ticket");
    }

    @Test
    void of_two_rules_with_one_name_the_one_about_the_service_is_edited() {
        String two = RULES + """
                ---
                groups:
                  - name: checkout
                    rules:
                      - alert: PodCrashLooping
                        expr: rate(kube_pod_container_status_restarts_total{namespace="checkout"}[5m]) > 0
                """;
        assertThat(changedLines(AlertRuleEditor.diff(
                        "r.yml",
                        two,
                        AlertRuleEditor.setField(two, "PodCrashLooping", "checkout", "for", "10m", List.of("expr"))
                                .text())))
                .containsExactly("+        for: 10m");
        assertThat(AlertRuleEditor.setField(two, "PodCrashLooping", "checkout", "for", "10m", List.of("expr"))
                        .text())
                .endsWith("{namespace=\"checkout\"}[5m]) > 0\n        for: 10m\n");
        assertThat(AlertRuleEditor.setField(two, "PodCrashLooping", "search", "for", "10m", List.of("expr"))
                        .text())
                .contains("{namespace=\"search\"}[5m]) > 0\n        for: 10m\n");
    }

    @Test
    void a_flow_style_rule_is_not_edited() {
        AlertRuleEditor.Edit edit = AlertRuleEditor.setField(RULES, "FlowStyled", null, "for", "10m", List.of("expr"));
        assertThat(edit.applied()).isFalse();
        assertThat(edit.note()).contains("flow style");
    }

    /** The diff's added and removed lines, without the file headers. */
    static List<String> changedLines(String diff) {
        return diff.lines()
                .filter(l -> (l.startsWith("+") || l.startsWith("-")) && !l.startsWith("+++") && !l.startsWith("---"))
                .toList();
    }
}
