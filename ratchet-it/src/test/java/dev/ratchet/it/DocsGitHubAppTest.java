package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.DocsService;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Go Ratchet's docs sources file, as its users have it ({@code type: github} with GitHub App credentials), read
 * against the GitHub emulator's App emulation: JWT, installation token, documents, pull requests.
 */
@ExtendWith(RatchetDatabaseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocsGitHubAppTest {

    static GitHubEmulator github;
    static GitHubEmulator.App app;
    static Repo handbook;
    static Repo wrongKey;
    static Ratchet ratchet;
    static Path dir;

    /** The Go format: a list of {@code type: github} entries, each with a {@code github:} block. */
    static String goSources(String keyFile, String wrongKeyFile) {
        return """
                sources:
                  - type: github
                    github:
                      app_id: %d
                      installation_id: %d
                      private_key_path: %s
                      github_url: %s
                      owner: acme
                      repo: handbook
                      path: docs
                  - type: github
                    github:
                      app_id: %d
                      installation_id: %d
                      private_key_path: %s
                      github_url: %s
                      owner: acme
                      repo: wrong-key
                      path: docs
                """.formatted(
                        app.appId(),
                        app.installationId(),
                        keyFile,
                        github.webUrl(),
                        app.appId(),
                        app.installationId(),
                        wrongKeyFile,
                        github.webUrl());
    }

    @BeforeAll
    static void start(TestDatabase db, @TempDir Path tmp) throws Exception {
        dir = tmp;
        github = GitHubEmulator.start();
        app = github.createApp(424242, 9191);
        handbook = github.createRepo("acme/handbook", "trunk"); // Go followed the default branch, whatever its name
        wrongKey = github.createRepo("acme/wrong-key", "main");
        app.writePrivateKey(dir.resolve("ratchet.private-key.pem"));
        Files.writeString(dir.resolve("other-app.pem"), GitHubEmulator.unrelatedPrivateKeyPem());
        Path sources = dir.resolve("docs.yaml");
        Files.writeString(sources, goSources("ratchet.private-key.pem", "other-app.pem"));
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

    @Test
    @Order(1) // first: the token is fetched once, then reused
    void the_go_docs_file_reads_the_docs_as_a_github_app_installation_with_one_cached_token() throws Exception {
        String head = handbook.commit("trunk")
                .put("docs/disk.md", "# Disk full\n\nRun `logrotate -f` when db-1 runs out of disk.\n")
                .put("docs/vpn.md", "# VPN\n\nConnect with WireGuard.\n")
                .put("README.md", "# Not under docs/\n")
                .push();
        int issued = github.installationTokensIssued();
        int n = github.requests().size();

        var result = ratchet.docs().refresh(source("handbook"));

        assertThat(result.documents()).isEqualTo(2);
        assertThat(github.requests().subList(n, github.requests().size()))
                .startsWith("POST /app/installations/9191/access_tokens", "GET /repos/acme/handbook")
                .contains("GET /repos/acme/handbook/branches/trunk");
        assertThat(github.installationTokensIssued()).isEqualTo(issued + 1);
        DocsService.DocHit hit =
                ratchet.docs().search("db-1 is out of disk space", 1).get(0);
        assertThat(hit.url()).isEqualTo(github.webUrl() + "/acme/handbook/blob/" + head + "/docs/disk.md");
        assertThat(source("handbook").location()).contains("as GitHub App 424242");

        // the installation token is reused until near its expiry
        handbook.commit("trunk")
                .put("docs/vpn.md", "# VPN\n\nConnect with WireGuard or IPsec.\n")
                .push();
        assertThat(ratchet.docs().refresh(source("handbook")).changed()).isEqualTo(1);
        assertThat(github.installationTokensIssued()).isEqualTo(issued + 1);
    }

    @Test
    void an_installation_token_near_its_expiry_is_replaced() throws Exception {
        github.installationTokenLifetime(Duration.ofMinutes(4)); // under the five minutes' margin: stale at once
        try {
            // the file read again: a source whose App has no token cached yet
            DocsSources.Source fresh =
                    DocsSources.read(dir.resolve("docs.yaml")).get(0);
            int issued = github.installationTokensIssued();
            ratchet.docs().refresh(fresh);
            int afterFirst = github.installationTokensIssued();
            ratchet.docs().refresh(fresh);
            // each request finds the token within five minutes of its expiry, so asks for a new one
            assertThat(afterFirst).isGreaterThan(issued + 1);
            assertThat(github.installationTokensIssued()).isGreaterThan(afterFirst);
        } finally {
            github.installationTokenLifetime(Duration.ofHours(1));
        }
    }

    @Test
    void docupdate_pull_requests_are_opened_as_the_app() throws Exception {
        String base = handbook.commit("trunk")
                .put("docs/runbook.md", "# Runbook\n\nRestart the pool.\n")
                .push();
        assertThat(ratchet.docs().canProposeChanges("handbook")).isTrue();
        DocsService.ChangeRequest pr = ratchet.docs()
                .proposeChange(
                        "handbook",
                        "docs/runbook.md",
                        base,
                        "# Runbook\n\nRestart the pool.\nThen check the WAL archive.\n",
                        "ratchet/docs-app-1",
                        "Docs: WAL archive",
                        "From a thread");
        assertThat(pr.created()).isTrue();
        assertThat(handbook.pullRequests())
                .filteredOn(p -> p.head().equals("ratchet/docs-app-1"))
                .singleElement()
                .satisfies(p -> assertThat(p.base()).isEqualTo("trunk"));
        assertThat(handbook.file("ratchet/docs-app-1", "docs/runbook.md"))
                .contains("# Runbook\n\nRestart the pool.\nThen check the WAL archive.\n");
    }

    @Test
    void a_key_of_another_app_is_an_error_naming_the_source_and_the_fix() {
        assertThatThrownBy(() -> ratchet.docs().refresh(source("wrong-key")))
                .hasMessageContaining("github source wrong-key")
                .hasMessageContaining("401 A JSON web token could not be decoded")
                .hasMessageContaining("other-app.pem is not a key of GitHub App 424242")
                .hasMessageContaining("point private_key_path at it");
        assertThat(github.requests()).noneMatch(r -> r.startsWith("GET /repos/acme/wrong-key"));
    }

    @Test
    void a_file_that_holds_no_private_key_is_refused_at_start_naming_the_source_and_the_fix() throws Exception {
        Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
        Path sources = dir.resolve("bad.yaml");
        Files.writeString(sources, goSources("public.pem", "missing.pem"));
        assertThatThrownBy(() -> DocsSources.read(sources))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("sources[0] (handbook)")
                .hasMessageContaining("public.pem: it holds no unencrypted RSA private key")
                .hasMessageContaining("point private_key_path at the GitHub App's private key");
        Files.writeString(sources, goSources("ratchet.private-key.pem", "missing.pem"));
        assertThatThrownBy(() -> DocsSources.read(sources))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("sources[1] (wrong-key)")
                .hasMessageContaining("missing.pem cannot be read (NoSuchFileException)");
        Files.writeString(
                sources,
                goSources("ratchet.private-key.pem", "other-app.pem")
                        .replace(
                                "app_id: 424242\n      installation_id: 9191\n      private_key_path: ratchet",
                                "app_id: abc\n      installation_id: 9191\n      private_key_path: ratchet"));
        assertThatThrownBy(() -> DocsSources.read(sources))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("sources[0] (handbook): app_id must be a positive number");
    }
}
