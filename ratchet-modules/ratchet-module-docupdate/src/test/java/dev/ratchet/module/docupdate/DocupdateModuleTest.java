package dev.ratchet.module.docupdate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocupdateModuleTest {

    static final String DATABASES = "# Databases\n\n## Disk full\n\nRun `logrotate -f /etc/logrotate.conf`.\n";

    @Test
    void update_request_in_a_thread_yields_a_diff_of_the_right_file(@TempDir Path dir) throws Exception {
        Path docs = Files.createDirectories(dir.resolve("handbook"));
        Files.writeString(docs.resolve("a-onboarding.md"), "# Onboarding\n\nNew hires get a laptop on day one.\n");
        Files.writeString(docs.resolve("z-databases.md"), DATABASES);
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(sources, "sources:\n  - id: handbook\n    kind: folder\n    path: handbook\n");
        DocupdateModule docupdate = new DocupdateModule();
        try (TestBot bot = TestBot.with(docupdate)
                .set("docs.sources-file", sources.toString())
                .llm(
                        stub -> stub.onChat()
                                .whenAnyMessageContains("minimal edit")
                                .reply(
                                        "{\"summary\": \"Add the WAL archive cleanup\", \"new_content\": "
                                                + "\"# Databases\\n\\n## Disk full\\n\\nRun `logrotate -f /etc/logrotate.conf`.\\nIf that is not enough, expire old WAL archives with `pgbackrest expire`.\\n\"}"))
                .slack(slack -> slack.addUser("U1", "alice", "Alice Smith", "alice@example.com"))
                .start()) {
            OpenAiStub llm = bot.llm();
            bot.refreshDocs();
            bot.history(
                    "C1",
                    TestBot.historic(
                            "1700000000.000000", null, "U1", "db-1 disk full again, logrotate did not free enough"),
                    TestBot.historic(
                            "1700000100.000000",
                            "1700000000.000000",
                            "U2",
                            "<@U1> expired old WAL archives with pgbackrest expire, 40G free &amp; &lt; 80% used"),
                    TestBot.historic("1700000200.000000", "1700000000.000000", "U1", "update the docs with this"));

            DocupdateModule.Proposal p = docupdate.propose("C1", "1700000000.000000");
            assertThat(p.path()).isEqualTo("z-databases.md");
            assertThat(p.diff())
                    .contains("--- a/z-databases.md")
                    .contains("+++ b/z-databases.md")
                    .contains("+If that is not enough, expire old WAL archives with `pgbackrest expire`.");
            assertThat(p.summary()).isEqualTo("Add the WAL archive cleanup");
            assertThat(llm.lastChatRequest().lastUserMessage().orElseThrow())
                    .contains(DATABASES.strip())
                    .contains("U2: @" + bot.displayName("U1")
                            + " expired old WAL archives with pgbackrest expire, 40G free & < 80% used"); // readable
            assertThat(bot.displayName("U1")).isEqualTo("alice"); // the directory's name, from Slack
            assertThat(p.pullRequestUrl()).isNull();

            // the write tool on a source without write access: the same diff, and why there is no pull request
            DocupdateModule.Proposal diffOnly = docupdate.openPullRequest("C1", "1700000000.000000", "U1");
            assertThat(diffOnly.pullRequestUrl()).isNull();
            assertThat(diffOnly.note())
                    .isEqualTo("source handbook has no write access configured, so no pull request was opened");
            assertThat(diffOnly.toSlack())
                    .contains("+If that is not enough, expire old WAL archives with `pgbackrest expire`.");
            // the files themselves are never written
            assertThat(Files.readString(docs.resolve("z-databases.md"))).isEqualTo(DATABASES);
        }
    }
}
