package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ratchet alerts}: the report module's alert analytics of the demo workspace, as text and as JSON. */
@ExtendWith(RatchetDatabaseExtension.class)
class AlertsCommandTest {

    static TestDatabase db;

    record Result(int code, String out, String err) {}

    static Result ratchet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RatchetCommand.commandLine(Map.of(), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "--set", "llm.url=off"));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void demo(TestDatabase database) {
        db = database;
        Result demo = ratchet("demo");
        assertThat(demo.code()).as(demo.err()).isZero();
    }

    // the demo's three weeks of #team-ops: DiskFull 4 times (Alice after 2 min, resolved after 40 min), HighLatency 3
    // times (5 min, 25 min), PodCrashLooping 3 times (nobody, resolved after 3 min), checkout's error rate twice
    // (10 min, 30 min), the queue backlog once (30 min, still open), CertificateExpiringSoon once (nobody, resolved
    // after 20 h); the hours of day vary with the weekday the demo runs
    @Test
    void prints_the_channel_and_per_alert_figures_of_the_demo_channel() {
        for (String named : List.of("#team-ops", "team-ops", "C_DEMO_OPS")) {
            Result r = ratchet("alerts", "--channel", named, "--since", "30");
            assertThat(r.code()).as(named + ": " + r.err()).isZero();
            assertThat(r.out())
                    .startsWith("Alerts of #team-ops, last 30 day(s)")
                    .contains("14 firings (previous 30 days: 0), 13 resolved, 0 flaps (again within 30m of resolving), "
                            + "4 resolved with nobody acting")
                    .contains("first response median 5m; time to resolve p50 30m, p90 40m;")
                    .contains("- PodCrashLooping              search          fired 3 (new, previous 0), 0 flaps, "
                            + "3 nobody acted, first response n/a, resolve p50 3m p90 3m")
                    .contains("- DiskFull                     db-1            fired 4 (new, previous 0), 0 flaps, "
                            + "0 nobody acted, first response 2m, resolve p50 40m p90 40m")
                    .contains("- CertificateExpiringSoon      edge            fired 1 (new, previous 0), 0 flaps, "
                            + "1 nobody acted, first response n/a, resolve p50 20h p90 20h");
        }
    }

    @Test
    void prints_json_in_the_api_convention() throws Exception {
        Result r = ratchet("alerts", "--channel", "team-ops", "--since", "30", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.get("channel").asText()).isEqualTo("C_DEMO_OPS");
        assertThat(json.get("days").asInt()).isEqualTo(30);
        JsonNode channel = json.get("channel_figures");
        assertThat(channel.get("firings").asInt()).isEqualTo(14);
        assertThat(channel.get("resolved").asInt()).isEqualTo(13);
        assertThat(channel.get("nobody_acted").asInt()).isEqualTo(4);
        assertThat(channel.get("responded").asInt()).isEqualTo(10);
        assertThat(channel.get("median_seconds_to_first_response").asLong()).isEqualTo(300);
        assertThat(channel.get("p50_seconds_to_resolve").asLong()).isEqualTo(1800);
        assertThat(channel.get("p90_seconds_to_resolve").asLong()).isEqualTo(2400);
        assertThat(json.at("/previous/firings").asInt()).isZero();
        assertThat(json.get("alerts"))
                .extracting(a ->
                        a.get("alert").asText() + " " + a.at("/figures/firings").asInt())
                .containsExactly(
                        "DiskFull 4",
                        "HighLatency 3",
                        "PodCrashLooping 3",
                        "High error rate on checkout 2",
                        "Queue backlog 1",
                        "CertificateExpiringSoon 1");
    }

    // PodCrashLooping fired 3 times in the demo, each resolved after 3 min with nobody acting: `for: 10m`
    @Test
    void propose_rules_prints_the_diffs_and_open_pr_opens_the_pull_request(@TempDir Path dir) throws Exception {
        String rules = """
                groups:
                  - name: search
                    rules:
                      # restarts
                      - alert: PodCrashLooping
                        expr: rate(kube_pod_container_status_restarts_total[5m]) > 0   # any restart
                        labels:
                          severity: page
                """;
        try (GitHubEmulator github = GitHubEmulator.start()) {
            Repo repo = github.createRepo("acme/prometheus-rules", "main");
            repo.commit("main").put("search.yml", rules).push();
            Files.writeString(dir.resolve("token"), github.token());
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(
                    sources,
                    "sources:\n  - id: alert-rules\n    kind: github\n    repo: acme/prometheus-rules\n    api_url: "
                            + github.apiUrl() + "\n    token_file: token\n    write: true\n    alert_rules: true\n");
            String set = "docs.sources-file=" + sources;
            Result refreshed = ratchet("--set", set, "docs", "refresh");
            assertThat(refreshed.code()).as(refreshed.err()).isZero();

            Result drafted =
                    ratchet("--set", set, "alerts", "--channel", "team-ops", "--since", "30", "--propose-rules");
            assertThat(drafted.code()).as(drafted.err()).isZero();
            assertThat(drafted.out())
                    .contains("• `PodCrashLooping` on search: `for: 10m` in search.yml")
                    .contains("""
                            @@ -4,6 +4,7 @@
                                   # restarts
                                   - alert: PodCrashLooping
                                     expr: rate(kube_pod_container_status_restarts_total[5m]) > 0   # any restart
                            +        for: 10m
                                     labels:
                                       severity: page
                            """);
            assertThat(repo.pullRequests()).isEmpty();

            Result opened = ratchet(
                    "--set", set, "alerts", "--channel", "team-ops", "--since", "30", "--propose-rules", "--open-pr");
            assertThat(opened.code()).as(opened.err()).isZero();
            assertThat(repo.pullRequests()).hasSize(1);
            Repo.PullRequest pr = repo.pullRequests().get(0);
            assertThat(opened.out()).contains("Opened the pull request for `search.yml`: " + pr.htmlUrl());
            assertThat(repo.file(pr.head(), "search.yml"))
                    .contains(rules.replace("# any restart\n", "# any restart\n        for: 10m\n"));
            assertThat(opened.out() + opened.err()).doesNotContain(github.token());
        }
    }

    @Test
    void an_unknown_channel_or_a_disabled_report_module_says_what_to_do() {
        Result unknown = ratchet("alerts", "--channel", "team-opps");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .isEqualTo("ratchet: --channel: no channel named 'team-opps'; known: #team-help, #team-ops");
        Result disabled = ratchet("--modules", "classifier", "alerts", "--channel", "team-ops");
        assertThat(disabled.code()).as(disabled.err()).isEqualTo(5);
        assertThat(disabled.err()).contains("ratchet alerts needs the report module; it is not enabled");
    }
}
