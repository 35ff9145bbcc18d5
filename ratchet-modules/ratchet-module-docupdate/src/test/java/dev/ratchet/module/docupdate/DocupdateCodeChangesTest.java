package dev.ratchet.module.docupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs from code changes: a commit to a {@code code: true} source that changes what a document describes is posted as
 * a proposed edit, and a person's {@code yes} in its thread opens one pull request on the documentation's repository.
 */
class DocupdateCodeChangesTest {

    static final String OPS = "C0TEAMOPS";
    static final String ALICE = "U0ALICE01";
    static final String DEPLOYS = "# Deploys\n\nA deploy times out after 30 seconds and is rolled back.\n";
    static final String EDITED = "# Deploys\n\nA deploy times out after 60 seconds and is rolled back.\n";

    @Test
    void a_commit_that_changes_documented_behaviour_is_proposed_and_a_yes_opens_one_pull_request(@TempDir Path dir)
            throws Exception {
        try (GitHubEmulator github = GitHubEmulator.start()) {
            Repo handbook = github.createRepo("acme/handbook", "main");
            handbook.commit("main")
                    .put("docs/deploys.md", DEPLOYS)
                    .put("docs/vpn.md", "# VPN\n\nConnect with WireGuard.\n")
                    .push();
            Repo api = github.createRepo("acme/deployer", "main");
            api.commit("main")
                    .put(
                            "deploy/timeout.go",
                            "package deploy\n\n// Timeout of a deploy before it is rolled back.\nconst Timeout = 30 * time.Second\n")
                    .push();
            Files.writeString(dir.resolve("token"), github.token());
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(sources, """
                    sources:
                      - id: handbook
                        kind: github
                        repo: acme/handbook
                        api_url: %s
                        token_file: token
                        write: true
                      - id: deployer
                        kind: github
                        repo: acme/deployer
                        api_url: %s
                        token_file: token
                        code: true
                    """.formatted(github.apiUrl(), github.apiUrl()));
            DocupdateModule docupdate = new DocupdateModule();
            try (TestBot bot = TestBot.with(docupdate)
                    .set("docs.sources-file", sources.toString())
                    .set("docupdate.code-channel", OPS)
                    .slack(slack -> {
                        slack.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
                        slack.addChannel(OPS, "team-ops");
                        slack.botJoins(OPS);
                    })
                    .llm(llm -> llm.onChat()
                            .whenAnyMessageContains("the code diff of new commits")
                            .reply(
                                    "{\"describes_changed_behaviour\": true, \"summary\": \"Deploys now time out after 60"
                                            + " seconds\", \"new_content\": " + DocupdatePullRequestTest.json(EDITED)
                                            + "}"))
                    .start()) {
                bot.refreshDocs();
                SlackEmulator slack = bot.slack();
                assertThat(bot.schedules())
                        .anySatisfy(s -> assertThat(s.jobName()).isEqualTo("code-changes"));

                docupdate.checkCodeChanges(); // the first check notes the head: history is not re-read
                assertThat(bot.botPosts()).isEmpty();

                String before = api.head("main");
                String after = api.commit("main")
                        .put(
                                "deploy/timeout.go",
                                "package deploy\n\n// Timeout of a deploy before it is rolled back.\nconst Timeout = 60 * time.Second\n")
                        .push();
                docupdate.checkCodeChanges();
                docupdate.checkCodeChanges(); // nothing new: no second post
                List<Map<String, Object>> posts = bot.botPosts();
                assertThat(posts).hasSize(1);
                String text = String.valueOf(posts.get(0).get("text"));
                assertThat(text)
                        .contains("Commits `" + before.substring(0, 7) + ".." + after.substring(0, 7) + "` of deployer")
                        .contains("change behaviour that `docs/deploys.md`")
                        .contains("-A deploy times out after 30 seconds and is rolled back.")
                        .contains("+A deploy times out after 60 seconds and is rolled back.")
                        .contains("Reply `yes` in this thread");
                assertThat(handbook.pullRequests()).isEmpty(); // nothing written before a person's yes

                String post = String.valueOf(posts.get(0).get("ts"));
                slack.reply(OPS, post, ALICE, "yes");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> handbook.pullRequests().size() == 1);
                Repo.PullRequest pr = handbook.pullRequests().get(0);
                assertThat(pr.base()).isEqualTo("main");
                assertThat(pr.title()).isEqualTo("Docs: Deploys now time out after 60 seconds");
                assertThat(pr.body()).contains("of deployer").contains("Confirmed by alice.");
                assertThat(handbook.file(pr.head(), "docs/deploys.md")).contains(EDITED);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> slack.repliesIn(OPS, post).stream()
                                .anyMatch(r -> String.valueOf(r.get("text")).contains(pr.htmlUrl())));

                // a second yes: handled, and no second pull request or reply
                int replies = slack.repliesIn(OPS, post).size();
                String again = slack.reply(OPS, post, ALICE, "yes");
                bot.awaitHandled(new TestBot.Sent(OPS, again, post));
                assertThat(bot.moduleRuns(OPS, again))
                        .anySatisfy(r -> assertThat(r.handler()).isEqualTo("code-yes"));
                assertThat(handbook.pullRequests()).hasSize(1);
                assertThat(slack.repliesIn(OPS, post)).hasSize(replies + 1); // the yes itself only
            }
        }
    }

    @Test
    void a_git_code_source_is_compared_through_its_clone(@TempDir Path dir) throws Exception {
        Path remote = dir.resolve("deployer.git");
        Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        Path work = dir.resolve("work");
        try (GitHubEmulator github = GitHubEmulator.start();
                Git git = Git.init()
                        .setDirectory(work.toFile())
                        .setInitialBranch("main")
                        .call()) {
            github.createRepo("acme/handbook", "main")
                    .commit("main")
                    .put("docs/deploys.md", DEPLOYS)
                    .push();
            Files.createDirectories(work.resolve("deploy"));
            String before = commit(git, remote, work, "const Timeout = 30 * time.Second\n");
            Files.writeString(dir.resolve("token"), github.token());
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(sources, """
                    sources:
                      - id: handbook-git
                        kind: github
                        repo: acme/handbook
                        api_url: %s
                        token_file: token
                        write: true
                      - id: deployer-git
                        kind: git
                        url: %s
                        code: true
                    """.formatted(github.apiUrl(), remote.toUri()));
            DocupdateModule docupdate = new DocupdateModule();
            try (TestBot bot = TestBot.with(docupdate)
                    .set("docs.sources-file", sources.toString())
                    .set("docs.cache-dir", dir.resolve("cache").toString())
                    .set("docupdate.code-channel", OPS)
                    .slack(slack -> {
                        slack.addChannel(OPS, "team-ops");
                        slack.botJoins(OPS);
                    })
                    .llm(llm -> llm.onChat()
                            .whenAnyMessageContains("the code diff of new commits")
                            .whenAnyMessageContains("+const Timeout = 60 * time.Second")
                            .reply(
                                    "{\"describes_changed_behaviour\": true, \"summary\": \"Deploys now time out after 60"
                                            + " seconds\", \"new_content\": " + DocupdatePullRequestTest.json(EDITED)
                                            + "}"))
                    .start()) {
                bot.refreshDocs();
                docupdate.checkCodeChanges();
                String after = commit(git, remote, work, "const Timeout = 60 * time.Second\n");
                docupdate.checkCodeChanges();
                assertThat(bot.botPosts())
                        .singleElement()
                        .satisfies(post -> assertThat(String.valueOf(post.get("text")))
                                .contains("Commits `" + before.substring(0, 7) + ".." + after.substring(0, 7)
                                        + "` of deployer-git")
                                .contains("+A deploy times out after 60 seconds and is rolled back."));
            }
        }
    }

    /** Commits {@code deploy/timeout.go} with {@code content} and pushes it; returns the commit id. */
    static String commit(Git git, Path remote, Path work, String content) throws Exception {
        Files.writeString(work.resolve("deploy/timeout.go"), content);
        git.add().addFilepattern(".").call();
        String id = git.commit()
                .setMessage("timeout")
                .setAuthor("Ada", "ada@example.com")
                .setCommitter("Ada", "ada@example.com")
                .setSign(false)
                .call()
                .getName();
        git.push().setRemote(remote.toUri().toString()).add("main").call();
        return id;
    }
}
