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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Documentation sources: refresh only what changed, search over the whole corpus by meaning, status. */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsTest {

    @Test
    void refresh_indexes_changes_only_and_search_ranks_by_meaning_not_by_path(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path docs = Files.createDirectories(dir.resolve("handbook"));
        Files.writeString(docs.resolve("a-onboarding.md"), "# Onboarding\n\nHow to get a laptop and VPN access.\n");
        Files.writeString(docs.resolve("b-office.md"), "# Office\n\nLunch is served at noon in the cafeteria.\n");
        Files.writeString(
                docs.resolve("z-databases.md"),
                "# Databases\n\n## Disk full\n\nWhen db-1 runs out of disk space, run `logrotate -f` and check WAL archives.\n");
        Files.createDirectories(docs.resolve(".git"));
        Files.writeString(docs.resolve(".git/HEAD.md"), "# not documentation");
        Path file = dir.resolve("sources.yaml");
        Files.writeString(
                file,
                "sources:\n  - id: handbook\n    kind: folder\n    path: handbook\n    url: https://git.example.com/handbook/blob/{revision}/{path}\n");

        try (Ratchet ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off", "docs.sources-file", file.toString())),
                ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            var source = ratchet.docs().sources().get(0);
            var first = ratchet.docs().refresh(source);
            assertThat(first.documents()).isEqualTo(3);
            assertThat(first.changed()).isEqualTo(3);

            List<DocsService.DocHit> hits = ratchet.docs().search("the database server has no space left", 3);
            assertThat(hits.get(0).path()).isEqualTo("z-databases.md"); // last in path order, first in meaning
            assertThat(hits.get(0).heading()).isEqualTo("Databases > Disk full");
            assertThat(hits.get(0).url())
                    .startsWith("https://git.example.com/handbook/blob/")
                    .endsWith("/z-databases.md");
            assertThat(hits.get(0).distance())
                    .isLessThan(hits.get(hits.size() - 1).distance());

            Files.writeString(docs.resolve("b-office.md"), "# Office\n\nLunch is served at one in the cafeteria.\n");
            Files.delete(docs.resolve("a-onboarding.md"));
            var second = ratchet.docs().refresh(source);
            assertThat(second.changed()).isEqualTo(1);
            assertThat(second.removed()).isEqualTo(1);
            assertThat(ratchet.docs().document("handbook", "a-onboarding.md")).isEmpty();
            assertThat(ratchet.docs()
                            .document("handbook", "b-office.md")
                            .orElseThrow()
                            .content())
                    .contains("at one");
            // several pages read together (one query), those not stored left out, each as document() reads it
            List<DocsService.Document> read = ratchet.docs()
                    .documents("handbook", List.of("z-databases.md", "a-onboarding.md", "b-office.md", "b-office.md"));
            assertThat(read)
                    .extracting(DocsService.Document::path)
                    .containsExactlyInAnyOrder("z-databases.md", "b-office.md");
            assertThat(read)
                    .filteredOn(d -> d.path().equals("b-office.md"))
                    .containsExactly(
                            ratchet.docs().document("handbook", "b-office.md").orElseThrow());
            assertThat(ratchet.docs().documents("handbook", List.of())).isEmpty();

            Map<String, Object> status = ratchet.docs().status().get(0);
            assertThat(status)
                    .containsEntry("id", "handbook")
                    .containsEntry("documents", 2L)
                    .containsEntry("error", "");
            assertThat((Long) status.get("chunks")).isEqualTo(2L);
        }
    }

    @Test
    void a_bad_sources_file_names_the_entry_and_the_key(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sources.yaml");
        Files.writeString(file, "sources:\n  - id: wiki\n    kind: confluence\n    path: .\n");
        assertThatThrownBy(() -> DocsSources.read(file))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("sources[0] (wiki)")
                .hasMessageContaining("kind 'confluence'");
        Files.writeString(file, "sources:\n  - id: wiki\n    kind: folder\n    pth: .\n");
        assertThatThrownBy(() -> DocsSources.read(file)).hasMessageContaining("unknown key 'pth'");
    }
}
