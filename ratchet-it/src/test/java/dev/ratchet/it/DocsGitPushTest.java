package dev.ratchet.it;

import static dev.ratchet.it.DocsGitTest.commit;
import static dev.ratchet.it.DocsGitTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.DocsService.ChangeRequest;
import dev.ratchet.spi.RatchetException;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git documentation source with {@code write: true}: a change is a commit on a new branch pushed to the remote (a
 * local bare repository behind a file:// URL, inspected with JGit), idempotent per branch, never over someone's commits.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsGitPushTest {

    static final String DATABASES = "# Databases\n\n## Disk full\n\nRun `logrotate -f` when db-1 runs out of disk.\n";
    static final String EDITED =
            DATABASES + "\nIf that is not enough, expire old WAL archives with `pgbackrest expire`.\n";
    static final String BRANCH = "ratchet/docs-c0teamops-1700000000-000100";

    @Test
    void a_change_is_a_new_branch_on_the_remote_and_proposing_it_again_pushes_nothing(
            TestDatabase db, @TempDir Path dir) throws Exception {
        Path remote = remoteWithHandbook(dir);
        Path sources = sources(
                dir,
                "handbook",
                remote,
                "    change_url: https://gitlab.example.com/ops/handbook/-/merge_requests/new?"
                        + "merge_request[source_branch]={branch}&merge_request[target_branch]={base}\n    author: \"Docs Bot <docs-bot@example.com>\"\n");
        try (Ratchet ratchet = start(db, dir, sources)) {
            String base = refreshedRevision(ratchet, "handbook");
            assertThat(ratchet.docs().canProposeChanges("handbook")).isTrue();

            ChangeRequest request = ratchet.docs()
                    .proposeChange(
                            "handbook",
                            "docs/databases.md",
                            base,
                            EDITED,
                            BRANCH,
                            "Docs: expire WAL archives",
                            "From a Slack thread.");
            assertThat(request)
                    .isEqualTo(new ChangeRequest(
                            "https://gitlab.example.com/ops/handbook/-/merge_requests/new?"
                                    + "merge_request[source_branch]=" + BRANCH + "&merge_request[target_branch]=main",
                            BRANCH,
                            true));

            try (Repository repo = Git.open(remote.toFile()).getRepository();
                    RevWalk walk = new RevWalk(repo)) {
                RevCommit pushed = walk.parseCommit(repo.resolve("refs/heads/" + BRANCH));
                assertThat(pushed.getParents()).extracting(RevCommit::getName).containsExactly(base);
                assertThat(pushed.getAuthorIdent().getName()).isEqualTo("Docs Bot");
                assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo("docs-bot@example.com");
                assertThat(pushed.getFullMessage()).isEqualTo("Docs: expire WAL archives\n\nFrom a Slack thread.\n");
                assertThat(file(repo, pushed, "docs/databases.md")).isEqualTo(EDITED);
                assertThat(file(repo, pushed, "docs/office.md"))
                        .isEqualTo(file(repo, walk.parseCommit(repo.resolve(base)), "docs/office.md"));
                assertThat(repo.resolve("refs/heads/main").getName())
                        .isEqualTo(base); // the followed branch is untouched

                ChangeRequest again = ratchet.docs()
                        .proposeChange(
                                "handbook",
                                "docs/databases.md",
                                base,
                                EDITED,
                                BRANCH,
                                "Docs: expire WAL archives",
                                "From a Slack thread.");
                assertThat(again.created()).isFalse();
                assertThat(again.url()).isEqualTo(request.url());
                assertThat(repo.resolve("refs/heads/" + BRANCH)).isEqualTo(pushed); // no second commit
            }
        }
    }

    @Test
    void a_branch_holding_someone_elses_commits_is_refused_and_left_as_it_is(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path remote = remoteWithHandbook(dir);
        try (Ratchet ratchet = start(db, dir, sources(dir, "wiki", remote, ""))) {
            String base = refreshedRevision(ratchet, "wiki");
            String theirs;
            try (Git git = Git.cloneRepository()
                    .setURI(remote.toUri().toString())
                    .setDirectory(dir.resolve("bob").toFile())
                    .call()) {
                git.checkout().setCreateBranch(true).setName(BRANCH).call();
                write(dir.resolve("bob"), "docs/databases.md", DATABASES + "\nBob's own notes.\n");
                theirs = commit(git, "Bob's work in progress");
                git.push().setRemote("origin").add(BRANCH).call();
            }

            assertThatThrownBy(() -> ratchet.docs()
                            .proposeChange("wiki", "docs/databases.md", base, EDITED, BRANCH, "Docs", "body"))
                    .isInstanceOf(RatchetException.class)
                    .hasMessageContaining("git source wiki: branch " + BRANCH)
                    .hasMessageContaining("already exists with other commits")
                    .hasMessageContaining("never overwrites");
            try (Repository repo = Git.open(remote.toFile()).getRepository()) {
                assertThat(repo.resolve("refs/heads/" + BRANCH).getName()).isEqualTo(theirs);
            }
        }
    }

    @Test
    void without_change_url_the_request_names_the_pushed_branch_only(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path remote = remoteWithHandbook(dir);
        try (Ratchet ratchet = start(db, dir, sources(dir, "runbooks", remote, ""))) {
            String base = refreshedRevision(ratchet, "runbooks");
            ChangeRequest request = ratchet.docs()
                    .proposeChange("runbooks", "docs/new-page.md", base, "# New page\n", BRANCH, "Docs", "body");
            assertThat(request).isEqualTo(new ChangeRequest(null, BRANCH, true));
            try (Repository repo = Git.open(remote.toFile()).getRepository();
                    RevWalk walk = new RevWalk(repo)) {
                RevCommit pushed = walk.parseCommit(repo.resolve("refs/heads/" + BRANCH));
                assertThat(file(repo, pushed, "docs/new-page.md")).isEqualTo("# New page\n");
                assertThat(pushed.getAuthorIdent().toExternalString()).startsWith("Ratchet <ratchet@example.com>");
            }
        }
    }

    @Test
    void write_settings_of_a_git_source_are_checked_when_the_file_is_read(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("sources.yaml");
        String entry = "sources:\n  - id: repo\n    kind: git\n    url: https://git.example.com/r.git\n";
        Files.writeString(sources, entry + "    change_url: https://git.example.com/r/compare/{base}...{branch}\n");
        assertThatThrownBy(() -> DocsSources.read(sources))
                .hasMessageContaining("sources[0] (repo)")
                .hasMessageContaining("change_url is set but write is not true");
        Files.writeString(sources, entry + "    write: true\n");
        assertThatThrownBy(() -> DocsSources.read(sources))
                .hasMessageContaining("write: true needs a token with push access");
        Files.writeString(
                sources,
                entry
                        + "    write: true\n    token_env: T\n    change_url: https://git.example.com/r/merge_requests/new\n");
        assertThatThrownBy(() -> DocsSources.read(sources, dir, name -> "s3cret"))
                .hasMessageContaining("must be an http(s) URL containing {branch}")
                .hasMessageNotContaining("s3cret");
        Files.writeString(sources, entry + "    write: true\n    token_env: T\n    author: ratchet@example.com\n");
        assertThatThrownBy(() -> DocsSources.read(sources, dir, name -> "s3cret"))
                .hasMessageContaining("author 'ratchet@example.com' must be written as Name <email>");
        Files.writeString(sources, entry + "    write: yes please\n");
        assertThatThrownBy(() -> DocsSources.read(sources)).hasMessageContaining("write must be true or false");
        Files.writeString(
                sources,
                entry
                        + "    write: true\n    token_env: T\n    change_url: https://github.com/o/r/compare/{base}...{branch}?expand=1\n");
        DocsSources.Source source =
                DocsSources.read(sources, dir, name -> "s3cret").get(0);
        assertThat(source.write()).isTrue();
        assertThat(source.changeUrl("ratchet/docs-x"))
                .isEqualTo("https://github.com/o/r/compare/main...ratchet/docs-x?expand=1");
    }

    /** A bare repository (the remote) whose main branch holds three documents, pushed from a work clone. */
    static Path remoteWithHandbook(Path dir) throws Exception {
        Path remote = dir.resolve("handbook.git");
        Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        Path work = dir.resolve("alice");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            write(work, "docs/databases.md", DATABASES);
            write(work, "docs/office.md", "# Office\n\nLunch is served at noon.\n");
            commit(git, "first");
            git.push().setRemote(remote.toUri().toString()).add("main").call();
        }
        return remote;
    }

    /** The sources file; each test names its source differently, as the database is the class's. */
    static Path sources(Path dir, String id, Path remote, String more) throws Exception {
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(
                sources,
                "sources:\n  - id: " + id + "\n    kind: git\n    url: " + remote.toUri()
                        + "\n    path: docs\n    write: true\n" + more);
        return sources;
    }

    /** Refreshes the one source; the revision of its docs/databases.md, which changes are based on. */
    static String refreshedRevision(Ratchet ratchet, String id) throws Exception {
        ratchet.docs().refresh(ratchet.docs().sources().get(0));
        return ratchet.docs().document(id, "docs/databases.md").orElseThrow().revision();
    }

    static Ratchet start(TestDatabase db, Path dir, Path sources) {
        return Ratchet.start(
                db.config(Map.of(
                        "llm.url",
                        "off",
                        "docs.sources-file",
                        sources.toString(),
                        "docs.cache-dir",
                        dir.resolve("cache").toString())),
                ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                Clock.systemUTC());
    }

    static String file(Repository repo, RevCommit commit, String path) throws Exception {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
            return tw == null ? null : new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
