package dev.ratchet.it;

import static dev.ratchet.it.DocsGitPushTest.DATABASES;
import static dev.ratchet.it.DocsGitPushTest.EDITED;
import static dev.ratchet.it.DocsGitPushTest.start;
import static dev.ratchet.it.DocsGitTest.chunkIds;
import static dev.ratchet.it.DocsGitTest.commit;
import static dev.ratchet.it.DocsGitTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Ratchet;
import dev.ratchet.spi.DocsService.ChangeRequest;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git source pointed at another repository holding the same files: the full read that follows gives every document
 * the new repository's revision and links, keeps the chunks (nothing is embedded again), and changes are proposed
 * against the new remote.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsSourceMovedTest {

    static final String WEB_URL = "https://git.example.com/handbook/blob/{revision}/{path}";

    @Test
    void after_the_source_moves_unchanged_documents_take_the_new_revision_without_being_embedded_again(
            TestDatabase db, @TempDir Path dir) throws Exception {
        Path oldRemote = remote(dir, "old", "first, in the old home");
        Path newRemote = remote(dir, "new", "first, in the new home");
        String oldHead = head(oldRemote);
        String newHead = head(newRemote);
        assertThat(newHead).isNotEqualTo(oldHead);

        try (Ratchet ratchet = start(db, dir, sources(dir, oldRemote))) {
            ratchet.docs().refresh(ratchet.docs().sources().get(0));
            assertThat(ratchet.docs()
                            .document("handbook", "docs/databases.md")
                            .orElseThrow()
                            .revision())
                    .isEqualTo(oldHead);
        }
        Map<String, List<Long>> before = chunkIds(db);

        try (Ratchet ratchet = start(db, dir, sources(dir, newRemote))) {
            var moved = ratchet.docs().refresh(ratchet.docs().sources().get(0));
            assertThat(moved.documents()).isEqualTo(2);
            assertThat(moved.changed())
                    .as("same content: nothing chunked or embedded again")
                    .isZero();
            assertThat(chunkIds(db)).isEqualTo(before);
            for (String path : List.of("docs/databases.md", "docs/office.md")) {
                var doc = ratchet.docs().document("handbook", path).orElseThrow();
                assertThat(doc.revision()).isEqualTo(newHead);
                assertThat(doc.url()).isEqualTo("https://git.example.com/handbook/blob/" + newHead + "/" + path);
            }
            assertThat(ratchet.docs()
                            .search("the database server has no space left", 1)
                            .get(0)
                            .url())
                    .isEqualTo("https://git.example.com/handbook/blob/" + newHead + "/docs/databases.md");
            assertThat(ratchet.docs().status().get(0)).containsEntry("revision", newHead);

            String base = ratchet.docs()
                    .document("handbook", "docs/databases.md")
                    .orElseThrow()
                    .revision();
            String branch = "ratchet/docs-c0teamops-1700000000-000200";
            ChangeRequest request = ratchet.docs()
                    .proposeChange("handbook", "docs/databases.md", base, EDITED, branch, "Docs: WAL", "body");
            assertThat(request.created()).isTrue();
            try (Repository repo = Git.open(newRemote.toFile()).getRepository();
                    RevWalk walk = new RevWalk(repo)) {
                RevCommit pushed = walk.parseCommit(repo.resolve("refs/heads/" + branch));
                assertThat(pushed.getParents()).extracting(RevCommit::getName).containsExactly(newHead);
                assertThat(DocsGitPushTest.file(repo, pushed, "docs/databases.md"))
                        .isEqualTo(EDITED);
            }
            try (Repository repo = Git.open(oldRemote.toFile()).getRepository()) {
                assertThat(repo.resolve("refs/heads/" + branch))
                        .as("nothing is pushed to the old home")
                        .isNull();
            }
        }
    }

    /** A bare repository whose main branch holds the same two documents, committed with {@code message}. */
    static Path remote(Path dir, String name, String message) throws Exception {
        Path remote = dir.resolve(name + ".git");
        Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        Path work = dir.resolve(name + "-work");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            write(work, "docs/databases.md", DATABASES);
            write(work, "docs/office.md", "# Office\n\nLunch is served at noon.\n");
            commit(git, message);
            git.push().setRemote(remote.toUri().toString()).add("main").call();
        }
        return remote;
    }

    static String head(Path remote) throws Exception {
        try (Repository repo = Git.open(remote.toFile()).getRepository()) {
            return repo.resolve("refs/heads/main").getName();
        }
    }

    static Path sources(Path dir, Path remote) throws Exception {
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(
                sources,
                "sources:\n  - id: handbook\n    kind: git\n    url: " + remote.toUri()
                        + "\n    path: docs\n    write: true\n" + "    web_url: " + WEB_URL + "\n");
        return sources;
    }
}
