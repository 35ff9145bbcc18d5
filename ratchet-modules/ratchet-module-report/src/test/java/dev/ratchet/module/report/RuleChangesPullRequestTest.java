package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noise section's proposals as pull requests on an alert-rules source in the GitHub emulator: the rules are found
 * by name across files and groups, the drafted diff touches only the changed lines, and the pull request is opened
 * only after a person's yes under the report, with the edited file in it.
 */
class RuleChangesPullRequestTest {

    /** PodCrashLooping (for: 10m) and BackupStale (severity: ticket) are here, in two groups, with comments. */
    static final String SEARCH = """
            # Alerts of the search team; owned by #team-search.
            groups:
              - name: search-pods   # pod health
                rules:
                  # see runbooks/pods.md
                  - alert: PodCrashLooping
                    expr: rate(kube_pod_container_status_restarts_total{namespace="search"}[5m]) > 0
                    labels:
                      severity: page    # wakes someone up
                    annotations:
                      summary: "Pod {{ $labels.pod }} is crash looping"

              - name: backups
                rules:
                  - alert: BackupStale
                    expr: time() - backup_last_success_timestamp_seconds > 86400
                    for: 1h
                    labels:
                      severity: page
            """;

    /** HighLatency (keep_firing_for: 30m) is in another file. */
    static final String API = """
            groups:
            - name: api
              rules:
              - alert: HighLatency
                expr: |
                  histogram_quantile(0.99, sum by (le) (rate(http_request_seconds_bucket[5m]))) > 0.5
                for: 5m  # tuned in March
                labels:
                  severity: warning
            """;

    @Test
    void a_yes_under_the_report_opens_pull_requests_whose_files_change_only_the_proposed_lines(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(new Tee(err, logged), true, StandardCharsets.UTF_8));
        try (GitHubEmulator github = GitHubEmulator.start()) {
            Repo repo = github.createRepo("acme/prometheus-rules", "main");
            repo.commit("main")
                    .put("rules/search.yml", SEARCH)
                    .put("rules/api.yaml", API)
                    .put("README.md", "# Rules\n")
                    .push();
            Files.writeString(dir.resolve("token"), github.token());
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(
                    sources,
                    "sources:\n  - id: alert-rules\n    kind: github\n    repo: acme/prometheus-rules\n    api_url: "
                            + github.apiUrl() + "\n    token_file: token\n    write: true\n    alert_rules: true\n");
            ClassifierStandIn classifier = new ClassifierStandIn();
            try (TestBot bot = TestBot.with(classifier, new ReportModule())
                    .clock(SeededMonth.CLOCK)
                    .set("docs.sources-file", sources.toString())
                    .start()) {
                new SeededMonth(CHANNEL).store(bot, classifier);
                bot.refreshDocs();

                // the drafts, through the tool: each rule found by name, JobLate's change is a route, not a rule edit
                RuleChanges.Draft draft = (RuleChanges.Draft) bot.callTool("alert_rule_changes", "{}");
                assertThat(draft.alerts())
                        .extracting(
                                RuleChanges.AlertChange::alert,
                                RuleChanges.AlertChange::path,
                                RuleChanges.AlertChange::edited)
                        .containsExactly(
                                org.assertj.core.api.Assertions.tuple("PodCrashLooping", "rules/search.yml", true),
                                org.assertj.core.api.Assertions.tuple("HighLatency", "rules/api.yaml", true),
                                org.assertj.core.api.Assertions.tuple("JobLate", null, false),
                                org.assertj.core.api.Assertions.tuple("BackupStale", "rules/search.yml", true));
                assertThat(draft.alerts().get(2).note())
                        .isEqualTo("no rule named `JobLate` in the alert-rules source(s) alert-rules (2 rule file(s)):"
                                + " nothing drafted");
                assertThat(draft.files())
                        .extracting(RuleChanges.FileChange::path)
                        .containsExactly("rules/search.yml", "rules/api.yaml");
                assertThat(AlertRuleEditorTest.changedLines(draft.files().get(0).diff()))
                        .containsExactly(
                                "+        for: 10m", "-          severity: page", "+          severity: ticket");
                assertThat(AlertRuleEditorTest.changedLines(draft.files().get(1).diff()))
                        .containsExactly("+    keep_firing_for: 30m");
                assertThat(repo.pullRequests()).isEmpty(); // drafting writes nothing

                // the report, then the drafts under it asking for a yes
                ReportModule.PostedReport posted =
                        (ReportModule.PostedReport) bot.callTool("post_channel_report", "{\"days\": 7}");
                TestBot.Sent report = new TestBot.Sent(CHANNEL, posted.ts(), posted.ts());
                String offer = bot.awaitReply(report);
                assertThat(offer)
                        .contains("+        for: 10m")
                        .contains("+    keep_firing_for: 30m")
                        .contains("Reply `yes` in this thread to open a pull request per file");
                assertThat(repo.pullRequests()).isEmpty();

                bot.reply(report, "yes");
                List<String> replies = bot.awaitReplies(report, 2);
                assertThat(repo.pullRequests()).hasSize(2);
                Map<String, Repo.PullRequest> byFile = new java.util.HashMap<>();
                for (Repo.PullRequest pr : repo.pullRequests()) {
                    byFile.put(pr.title().contains("HighLatency") ? "rules/api.yaml" : "rules/search.yml", pr);
                }
                Repo.PullRequest search = byFile.get("rules/search.yml");
                assertThat(search.title()).isEqualTo("Alert rules: tune PodCrashLooping, BackupStale");
                assertThat(search.head()).startsWith("ratchet/alert-rules-");
                assertThat(search.body()).contains("- `PodCrashLooping` on search: `for: 10m`");
                assertThat(repo.file(search.head(), "rules/search.yml"))
                        .contains(draft.files().get(0).newContent());
                assertThat(repo.file(byFile.get("rules/api.yaml").head(), "rules/api.yaml"))
                        .contains(draft.files().get(1).newContent());
                assertThat(repo.file("main", "rules/search.yml")).contains(SEARCH);
                assertThat(replies.get(1))
                        .contains("Opened the pull request for `rules/search.yml`: " + search.htmlUrl());

                // a second yes opens nothing more
                bot.awaitHandled(bot.reply(report, "yes"));
                assertThat(repo.pullRequests()).hasSize(2);
                assertThat(bot.repliesTo(report)).hasSize(2);

                // the token is in no post and no log line
                assertThat(bot.botPosts())
                        .allSatisfy(p -> assertThat(p.toString()).doesNotContain(github.token()));
                assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(github.token());
            }
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void without_an_alert_rules_source_the_drafts_say_what_to_configure() throws Exception {
        ClassifierStandIn classifier = new ClassifierStandIn();
        try (TestBot bot = TestBot.with(classifier, new ReportModule())
                .clock(SeededMonth.CLOCK)
                .start()) {
            new SeededMonth(CHANNEL).store(bot, classifier);
            Object text = bot.callTool("alert_rule_changes", "{\"format\": \"text\"}");
            assertThat(((Map<?, ?>) text).get("text").toString())
                    .startsWith("Alert rule changes: no alert-rules source is configured: add a git or github source"
                            + " with alert_rules: true");
        }
    }

    /** Writes to both streams. */
    static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
