package dev.ratchet.module.docupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.commands.CommandsModule;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "@ratchet update the docs with this" in a Slack thread, through the commands agent: after the requester's yes, a pull
 * request on the (emulated) GitHub whose file is the edited document, linked in the reply, and a retry opens no second
 * one; on a plain git source, a branch pushed to the remote and its merge request page linked.
 */
class DocupdatePullRequestTest {

    static final String OPS = "C0TEAMOPS";
    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";
    static final String ONBOARDING = "# Onboarding\n\nNew hires get a laptop on day one.\n";
    static final String DATABASES = "# Databases\n\n## Disk full\n\nRun `logrotate -f /etc/logrotate.conf`.\n";
    static final String EDITED =
            DATABASES + "If that is not enough, expire old WAL archives with `pgbackrest expire`.\n";

    @Test
    void a_confirmed_update_request_opens_one_pull_request_and_links_it(@TempDir Path dir) throws Exception {
        try (GitHubEmulator github = GitHubEmulator.start()) {
            Repo repo = github.createRepo("acme/handbook", "main");
            String base = repo.commit("main")
                    .put("docs/onboarding.md", ONBOARDING)
                    .put("docs/databases.md", DATABASES)
                    .push();
            Files.writeString(dir.resolve("token"), github.token());
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(
                    sources,
                    "sources:\n  - id: handbook\n    kind: github\n    repo: acme/handbook\n    api_url: "
                            + github.apiUrl() + "\n    token_file: token\n    write: true\n");
            DocupdateModule docupdate = new DocupdateModule();
            try (TestBot bot = start(sources, docupdate)) {
                SlackEmulator slack = bot.slack();
                OpenAiStub llm = bot.llm();
                String thread = askAndConfirm(
                        slack, () -> assertThat(repo.pullRequests()).isEmpty()); // nothing written before the yes
                assertThat(repo.pullRequests()).hasSize(1);
                Repo.PullRequest pr = repo.pullRequests().get(0);
                assertThat(pr.base()).isEqualTo("main");
                assertThat(pr.head()).startsWith("ratchet/docs-c0teamops-");
                assertThat(pr.title()).isEqualTo("Docs: Add the WAL archive cleanup");
                assertThat(pr.body())
                        .contains("Proposed by Ratchet from a Slack thread: https://")
                        .contains("Requested by alice.");
                assertThat(repo.file(pr.head(), "docs/databases.md")).contains(EDITED);
                assertThat(repo.file("main", "docs/databases.md")).contains(DATABASES);
                assertThat(repo.branches().get(pr.head())).isNotEqualTo(base);
                assertThat(botReplies(slack, thread).get(1))
                        .contains("Proposed the change to `docs/databases.md` on branch `" + pr.head() + "`: "
                                + pr.htmlUrl())
                        .contains("+If that is not enough, expire old WAL archives with `pgbackrest expire`.");

                // a retried job (or a second request in the thread) links the same pull request without asking the LLM
                // again
                int edits = llm.chatRequests().size();
                DocupdateModule.Proposal again = docupdate.openPullRequest(OPS, thread, ALICE);
                assertThat(again.pullRequestUrl()).isEqualTo(pr.htmlUrl());
                assertThat(botReplies(slack, thread).get(1))
                        .contains(again.toSlack()); // the same reply, from the store
                assertThat(repo.pullRequests()).hasSize(1);
                assertThat(llm.chatRequests()).hasSize(edits);
            }
        }
    }

    @Test
    void on_a_plain_git_source_a_confirmed_request_pushes_a_branch_and_links_its_merge_request_page(@TempDir Path dir)
            throws Exception {
        Path remote = dir.resolve("handbook.git");
        Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        Path work = dir.resolve("work");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(work.resolve("docs"));
            Files.writeString(work.resolve("docs/onboarding.md"), ONBOARDING);
            Files.writeString(work.resolve("docs/databases.md"), DATABASES);
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("first")
                    .setAuthor("Ada", "ada@example.com")
                    .setCommitter("Ada", "ada@example.com")
                    .setSign(false)
                    .call();
            git.push().setRemote(remote.toUri().toString()).add("main").call();
        }
        Path sources = dir.resolve("sources.yaml");
        // another id than the GitHub test's: the database is the class's, and a document keeps its revision while
        // unchanged
        Files.writeString(
                sources,
                "sources:\n  - id: wiki\n    kind: git\n    url: " + remote.toUri() + "\n    write: true\n"
                        + "    change_url: https://gitlab.example.com/acme/handbook/-/merge_requests/new?merge_request[source_branch]={branch}\n");
        try (TestBot bot = start(
                        sources,
                        new DocupdateModule(),
                        "docs.cache-dir",
                        dir.resolve("cache").toString());
                Repository repo = Git.open(remote.toFile()).getRepository()) {
            SlackEmulator slack = bot.slack();
            String thread = askAndConfirm(
                    slack,
                    () -> assertThat(repo.getRefDatabase().getRefsByPrefix("refs/heads/ratchet/"))
                            .isEmpty());
            List<Ref> pushed = repo.getRefDatabase().getRefsByPrefix("refs/heads/ratchet/");
            assertThat(pushed).hasSize(1);
            String branch = pushed.get(0).getName().substring("refs/heads/".length());
            assertThat(branch).startsWith("ratchet/docs-c0teamops-");
            try (RevWalk walk = new RevWalk(repo);
                    TreeWalk file = TreeWalk.forPath(
                            repo,
                            "docs/databases.md",
                            walk.parseCommit(pushed.get(0).getObjectId()).getTree())) {
                assertThat(new String(repo.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(EDITED);
            }
            assertThat(botReplies(slack, thread).get(1))
                    .contains("Proposed the change to `docs/databases.md` on branch `" + branch + "`: "
                            + "https://gitlab.example.com/acme/handbook/-/merge_requests/new?merge_request[source_branch]="
                            + branch)
                    .contains("+If that is not enough, expire old WAL archives with `pgbackrest expire`.");
        }
    }

    /** A bot with docupdate and the commands agent on the emulated Slack and LLM, its one source refreshed. */
    static TestBot start(Path sources, DocupdateModule docupdate, String... more) throws Exception {
        TestBot.Builder builder = TestBot.with(docupdate, new CommandsModule())
                .set("docs.sources-file", sources.toString())
                .slack(slack -> {
                    slack.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
                    slack.addUser(BOB, "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel(OPS, "team-ops");
                    slack.botJoins(OPS);
                })
                .llm(llm -> {
                    llm.defaultReply("I am not sure what you mean.");
                    llm.onChat()
                            .whenJsonRequested()
                            .whenLastUserMessageContains("update the docs with this")
                            .reply("{\"tool\": \"open_doc_pull_request\", \"arguments\": {}}");
                    llm.onChat()
                            .whenAnyMessageContains("You maintain the team's documentation")
                            .reply("{\"summary\": \"Add the WAL archive cleanup\", \"new_content\": " + json(EDITED)
                                    + "}");
                });
        for (int i = 0; i < more.length; i += 2) {
            builder.set(more[i], more[i + 1]);
        }
        TestBot bot = builder.start();
        try {
            bot.refreshDocs();
            return bot;
        } catch (Exception | Error e) {
            bot.close();
            throw e;
        }
    }

    /** The thread's conversation up to Alice's yes, checking the agent asks first; the thread, with the bot's two replies. */
    static String askAndConfirm(SlackEmulator slack, Check beforeYes) throws Exception {
        String thread = slack.post(OPS, ALICE, "db-1 disk full again, logrotate did not free enough");
        slack.reply(OPS, thread, BOB, "expired old WAL archives with pgbackrest expire, 40G free");
        slack.reply(OPS, thread, ALICE, "<@" + slack.botUserId() + "> update the docs with this");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> botReplies(slack, thread).size() == 1);
        assertThat(botReplies(slack, thread).get(0))
                .contains("I will run `open_doc_pull_request`")
                .contains("reply `yes`");
        beforeYes.run();
        slack.reply(OPS, thread, ALICE, "yes");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> botReplies(slack, thread).size() == 2);
        return thread;
    }

    /** An assertion that may throw. */
    interface Check {
        void run() throws Exception;
    }

    static List<String> botReplies(SlackEmulator slack, String thread) {
        return slack.repliesIn(OPS, thread).stream()
                .filter(r -> slack.botId().equals(r.get("bot_id")))
                .map(r -> String.valueOf(r.get("text")))
                .toList();
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
