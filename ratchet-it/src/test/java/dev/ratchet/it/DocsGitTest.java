package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A git documentation source: cloned from a file:// URL, fetched on refresh, re-indexed from the diff between commits. */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsGitTest {

    @Test
    void second_refresh_rechunks_only_the_changed_files_and_removes_the_deleted_ones(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path work = dir.resolve("handbook");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            write(work, "README.md", "# Handbook\n\nNot under docs/, so not indexed.\n");
            write(
                    work,
                    "docs/databases.md",
                    "# Databases\n\n## Disk full\n\nRun `logrotate -f` when db-1 runs out of disk.\n");
            write(work, "docs/office.md", "# Office\n\nLunch is served at noon.\n");
            write(work, "docs/onboarding.md", "# Onboarding\n\nNew hires get a laptop on day one.\n");
            String first = commit(git, "first");

            Path sources = dir.resolve("sources.yaml");
            Files.writeString(
                    sources,
                    "sources:\n  - id: handbook\n    kind: git\n    url: " + work.toUri()
                            + "\n    branch: main\n    path: docs\n"
                            + "    web_url: https://git.example.com/handbook/blob/{revision}/{path}\n");
            try (Ratchet ratchet = Ratchet.start(
                    db.config(Map.of(
                            "llm.url",
                            "off",
                            "docs.sources-file",
                            sources.toString(),
                            "docs.cache-dir",
                            dir.resolve("cache").toString())),
                    ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                DocsSources.Source source = ratchet.docs().sources().get(0);
                var initial = ratchet.docs().refresh(source);
                assertThat(initial.documents()).isEqualTo(3);
                assertThat(initial.changed()).isEqualTo(3);
                Map<String, List<Long>> before = chunkIds(db);
                assertThat(before).containsOnlyKeys("docs/databases.md", "docs/office.md", "docs/onboarding.md");
                assertThat(ratchet.docs()
                                .search("the database server has no space left", 1)
                                .get(0)
                                .url())
                        .isEqualTo("https://git.example.com/handbook/blob/" + first + "/docs/databases.md");

                write(work, "docs/office.md", "# Office\n\nLunch is served at one.\n");
                write(work, "docs/vpn.md", "# VPN\n\nConnect with WireGuard.\n");
                git.rm().addFilepattern("docs/onboarding.md").call();
                String second = commit(git, "second");

                var update = ratchet.docs().refresh(source);
                assertThat(update.changed()).isEqualTo(2);
                assertThat(update.removed()).isEqualTo(1);
                assertThat(update.documents()).isEqualTo(3);
                Map<String, List<Long>> after = chunkIds(db);
                assertThat(after).containsOnlyKeys("docs/databases.md", "docs/office.md", "docs/vpn.md");
                assertThat(after.get("docs/databases.md")).isEqualTo(before.get("docs/databases.md")); // untouched rows
                assertThat(after.get("docs/office.md")).doesNotContainAnyElementsOf(before.get("docs/office.md"));
                long deletedRows =
                        TestSql.of(db).number("select count(*) from docs_documents where path = 'docs/onboarding.md'");
                assertThat(deletedRows).isZero();
                assertThat(ratchet.docs()
                                .document("handbook", "docs/office.md")
                                .orElseThrow()
                                .revision())
                        .isEqualTo(second);
                assertThat(ratchet.docs()
                                .document("handbook", "docs/databases.md")
                                .orElseThrow()
                                .revision())
                        .isEqualTo(first);

                var again = ratchet.docs().refresh(source);
                assertThat(again.changed()).isZero();
                Map<String, Object> status = ratchet.docs().status().get(0);
                assertThat(status)
                        .containsEntry("kind", "git")
                        .containsEntry("revision", second)
                        .containsEntry("documents", 3L)
                        .containsEntry("chunks", 3L)
                        .containsEntry("error", "");
                assertThat(String.valueOf(status.get("location")))
                        .contains(work.toUri().toString())
                        .contains("(main)");
            }
        }
    }

    @Test
    void a_missing_branch_is_an_error_in_status_that_names_the_fix(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path work = dir.resolve("repo");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            write(work, "a.md", "# A\n");
            commit(git, "first");
        }
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(
                sources, "sources:\n  - id: repo\n    kind: git\n    url: " + work.toUri() + "\n    branch: trunk\n");
        try (Ratchet ratchet = Ratchet.start(
                db.config(Map.of(
                        "llm.url",
                        "off",
                        "docs.sources-file",
                        sources.toString(),
                        "docs.cache-dir",
                        dir.resolve("cache").toString())),
                ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            assertThatThrownBy(() ->
                            ratchet.docs().refresh(ratchet.docs().sources().get(0)))
                    .hasMessageContaining("trunk");
            assertThat(String.valueOf(ratchet.docs().status().get(0).get("error")))
                    .contains("git source repo")
                    .contains("branch");
        }
    }

    @Test
    void a_password_in_the_url_or_an_unset_token_variable_is_refused_at_start(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(
                sources, "sources:\n  - id: repo\n    kind: git\n    url: https://bot:hunter2@git.example.com/r.git\n");
        assertThatThrownBy(() -> DocsSources.read(sources))
                .hasMessageContaining("sources[0] (repo)")
                .hasMessageContaining("token_env")
                .hasMessageNotContaining("hunter2");
        Files.writeString(
                sources,
                "sources:\n  - id: repo\n    kind: git\n    url: https://git.example.com/r.git\n    token_env: DOCS_TOKEN\n");
        assertThatThrownBy(() -> DocsSources.read(sources, dir, name -> null))
                .hasMessageContaining("DOCS_TOKEN, which is not set");
        assertThat(DocsSources.read(sources, dir, name -> "s3cret").get(0).token())
                .hasToString("token from the environment variable DOCS_TOKEN");
    }

    static void write(Path root, String path, String content) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }

    static String commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit()
                .setMessage(message)
                .setAuthor("Ada", "ada@example.com")
                .setCommitter("Ada", "ada@example.com")
                .setSign(false)
                .call()
                .getName();
    }

    /** Chunk row ids per document path. */
    static Map<String, List<Long>> chunkIds(TestDatabase db) {
        Map<String, List<Long>> ids = new TreeMap<>();
        TestSql.of(db)
                .rows(
                        "select d.path, c.id from docs_chunks c join docs_documents d on d.id = c.document_id order by c.id")
                .forEach(r -> ids.computeIfAbsent((String) r.get("path"), k -> new java.util.ArrayList<>())
                        .add(((Number) r.get("id")).longValue()));
        return ids;
    }
}
