package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.docs.Documentation;
import dev.ratchet.core.docs.RateLimitedException;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.DocsService;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A github documentation source against the GitHub emulator: the tree first, then the compare API, pull requests. */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsGitHubTest {

    static GitHubEmulator github;
    static Repo repo;
    static Repo runbooks;
    static Ratchet ratchet;

    @BeforeAll
    static void start(TestDatabase db, @TempDir Path dir) throws Exception {
        github = GitHubEmulator.start();
        repo = github.createRepo("acme/handbook", "main");
        runbooks = github.createRepo("acme/runbooks", "main");
        Files.writeString(dir.resolve("token"), github.token() + "\n");
        Files.writeString(dir.resolve("wrong-token"), "ghp_revoked\n");
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(sources, """
                sources:
                  - id: handbook
                    kind: github
                    repo: acme/handbook
                    path: docs
                    api_url: %s
                    token_file: token
                    write: true
                  - id: runbooks
                    kind: github
                    repo: acme/runbooks
                    api_url: %s
                    token_file: token
                    write: true
                  - id: revoked
                    kind: github
                    repo: acme/handbook
                    api_url: %s
                    token_file: wrong-token
                """.formatted(github.apiUrl(), github.apiUrl(), github.apiUrl()));
        ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off", "docs.sources-file", sources.toString())),
                ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (ratchet != null) {
            ratchet.close();
        }
        github.close();
    }

    static DocsSources.Source source(String id) {
        return ratchet.docs().sources().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    static List<String> requestsSince(int n) {
        return github.requests().subList(n, github.requests().size());
    }

    @Test
    void first_refresh_reads_the_tree_later_ones_only_what_the_compare_api_lists() throws Exception {
        String first = repo.commit("main")
                .put("README.md", "# Not documentation under docs/\n")
                .put(
                        "docs/databases.md",
                        "# Databases\n\n## Disk full\n\nRun `logrotate -f` when db-1 runs out of disk.\n")
                .put("docs/office.md", "# Office\n\nLunch is served at noon.\n")
                .put("docs/onboarding.md", "# Onboarding\n\nNew hires get a laptop on day one.\n")
                .push();

        int n = github.requests().size();
        var initial = ratchet.docs().refresh(source("handbook"));
        assertThat(initial.documents()).isEqualTo(3);
        assertThat(requestsSince(n))
                .anyMatch(r -> r.startsWith("GET /repos/acme/handbook/git/trees/" + first + "?recursive=1"))
                .filteredOn(r -> r.contains("/git/blobs/"))
                .hasSize(3);
        DocsService.DocHit hit = ratchet.docs()
                .search("the database server has no space left", 1)
                .get(0);
        assertThat(hit.url()).isEqualTo(github.webUrl() + "/acme/handbook/blob/" + first + "/docs/databases.md");

        String second = repo.commit("main")
                .put("docs/office.md", "# Office\n\nLunch is served at one.\n")
                .put("docs/vpn.md", "# VPN\n\nConnect with WireGuard.\n")
                .delete("docs/onboarding.md")
                .put("README.md", "# Changed\n")
                .push();
        n = github.requests().size();
        var update = ratchet.docs().refresh(source("handbook"));
        assertThat(update.changed()).isEqualTo(2);
        assertThat(update.removed()).isEqualTo(1);
        List<String> requests = requestsSince(n);
        assertThat(requests)
                .contains("GET /repos/acme/handbook/compare/" + first + "..." + second)
                .noneMatch(r -> r.contains("/git/trees/"));
        assertThat(requests)
                .filteredOn(r -> r.contains("/git/blobs/"))
                .hasSize(2); // office and vpn; not README (outside docs/)
        assertThat(ratchet.docs().document("handbook", "docs/onboarding.md")).isEmpty();
        assertThat(ratchet.docs()
                        .document("handbook", "docs/office.md")
                        .orElseThrow()
                        .content())
                .contains("at one");
        assertThat(ratchet.docs()
                        .document("handbook", "docs/office.md")
                        .orElseThrow()
                        .revision())
                .isEqualTo(second);

        n = github.requests().size();
        assertThat(ratchet.docs().refresh(source("handbook")).changed()).isZero();
        assertThat(requestsSince(n)).containsExactly("GET /repos/acme/handbook/branches/main");
        Map<String, Object> status = ratchet.docs().status().stream()
                .filter(r -> r.get("id").equals("handbook"))
                .findFirst()
                .orElseThrow();
        assertThat(status)
                .containsEntry("kind", "github")
                .containsEntry("revision", second)
                .containsEntry("documents", 3L)
                .containsEntry("error", "");
    }

    @Test
    void a_rejected_token_is_a_clear_error_in_status_without_the_token() {
        assertThatThrownBy(() -> ratchet.docs().refresh(source("revoked"))).hasMessageContaining("401");
        String error = String.valueOf(ratchet.docs().status().stream()
                .filter(r -> r.get("id").equals("revoked"))
                .findFirst()
                .orElseThrow()
                .get("error"));
        assertThat(error)
                .contains("github source revoked")
                .contains("401 Unauthorized")
                .contains("token_file")
                .contains("is wrong or expired; replace it")
                .doesNotContain("ghp_revoked");
    }

    @Test
    void a_spent_rate_limit_says_when_the_refresh_runs_again() {
        github.rateLimitNext(1, 120);
        assertThatThrownBy(() -> ratchet.docs().refresh(source("handbook")))
                .isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("rate limited by GitHub (403) until")
                .hasMessageContaining("the refresh runs again then")
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAt())
                        .isAfter(java.time.Instant.now().plusSeconds(60)));
    }

    @Test
    void a_rate_limited_refresh_job_is_queued_again_for_the_reset_time_instead_of_failing(TestDatabase db)
            throws Exception {
        github.rateLimitNext(1, 600);
        ratchet.docs().new Refresher()
                .run(new Documentation.RefreshJob("handbook")); // as the job server runs it: no exception
        assertThat(String.valueOf(ratchet.docs().status().stream()
                        .filter(r -> r.get("id").equals("handbook"))
                        .findFirst()
                        .orElseThrow()
                        .get("error")))
                .contains("rate limited by GitHub");
        long scheduled = TestSql.of(db)
                .number(
                        "select count(*) from " + db.settings().jobsSchema()
                                + ".jobrunr_jobs where state = 'SCHEDULED' and jobsignature like '%Refresher%' and scheduledat > now() + interval '500 seconds'");
        assertThat(scheduled).isEqualTo(1);
    }

    @Test
    void a_proposed_change_is_a_branch_a_commit_and_one_pull_request() throws Exception {
        String base = runbooks.commit("main")
                .put("docs/runbook.md", "# Runbook\n\nRestart the pool.\n")
                .push();
        assertThat(ratchet.docs().canProposeChanges("runbooks")).isTrue();
        assertThat(ratchet.docs().canProposeChanges("revoked")).isFalse(); // no write: true

        DocsService.ChangeRequest pr = ratchet.docs()
                .proposeChange(
                        "runbooks",
                        "docs/runbook.md",
                        base,
                        "# Runbook\n\nRestart the pool.\nThen check the WAL archive.\n",
                        "ratchet/docs-c1-1700000000",
                        "Docs: WAL archive",
                        "From a thread");
        assertThat(pr.created()).isTrue();
        assertThat(pr.url())
                .isEqualTo(github.webUrl() + "/acme/runbooks/pull/"
                        + runbooks.pullRequests().size());
        assertThat(runbooks.file("ratchet/docs-c1-1700000000", "docs/runbook.md"))
                .contains("# Runbook\n\nRestart the pool.\nThen check the WAL archive.\n");
        assertThat(runbooks.file("main", "docs/runbook.md")).contains("# Runbook\n\nRestart the pool.\n");

        int branches = runbooks.branches().size();
        DocsService.ChangeRequest again = ratchet.docs()
                .proposeChange(
                        "runbooks",
                        "docs/runbook.md",
                        base,
                        "# Runbook\n\nRestart the pool.\nThen check the WAL archive.\n",
                        "ratchet/docs-c1-1700000000",
                        "Docs: WAL archive",
                        "From a thread");
        assertThat(again.created()).isFalse();
        assertThat(again.url()).isEqualTo(pr.url());
        assertThat(runbooks.pullRequests())
                .filteredOn(p -> p.head().equals("ratchet/docs-c1-1700000000"))
                .hasSize(1);
        assertThat(runbooks.branches()).hasSize(branches);
    }
}
