package dev.ratchet.module.docupdate;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.module.commands.CommandsModule;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "@ratchet update the docs with this" in a Slack thread, through the commands agent: after the requester's yes, a pull
 * request on the (emulated) GitHub whose file is the edited document, linked in the reply; a retry opens no second one.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class DocupdatePullRequestTest {

    static final String OPS = "C0TEAMOPS";
    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";
    static final String DATABASES = "# Databases\n\n## Disk full\n\nRun `logrotate -f /etc/logrotate.conf`.\n";
    static final String EDITED = DATABASES + "If that is not enough, expire old WAL archives with `pgbackrest expire`.\n";

    @Test
    void a_confirmed_update_request_opens_one_pull_request_and_links_it(TestDatabase db, @TempDir Path dir) throws Exception {
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start(); GitHubEmulator github = GitHubEmulator.start()) {
            Repo repo = github.createRepo("acme/handbook", "main");
            String base = repo.commit("main").put("docs/onboarding.md", "# Onboarding\n\nNew hires get a laptop on day one.\n")
                    .put("docs/databases.md", DATABASES).push();
            Files.writeString(dir.resolve("token"), github.token());
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(sources, "sources:\n  - id: handbook\n    kind: github\n    repo: acme/handbook\n    api_url: " + github.apiUrl()
                    + "\n    token_file: token\n    write: true\n");
            slack.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
            slack.addUser(BOB, "bob", "Bob Jones", "bob@example.com");
            slack.addChannel(OPS, "team-ops");
            slack.botJoins(OPS);
            llm.defaultReply("I am not sure what you mean.");
            llm.onChat().whenJsonRequested().whenLastUserMessageContains("update the docs with this")
                    .reply("{\"tool\": \"open_doc_pull_request\", \"arguments\": {}}");
            llm.onChat().whenAnyMessageContains("You maintain the team's documentation")
                    .reply("{\"summary\": \"Add the WAL archive cleanup\", \"new_content\": " + json(EDITED) + "}");

            DocupdateModule docupdate = new DocupdateModule();
            Map<String, String> flags = new java.util.LinkedHashMap<>(Map.of("slack.bot-token", slack.botToken(), "slack.app-token", slack.appToken(),
                    "slack.api-url", slack.apiUrl(), "llm.url", llm.baseUrl(), "docs.sources-file", sources.toString()));
            try (Ratchet ratchet = Ratchet.start(db.config(flags), ModuleRegistry.of(List.of(docupdate, new CommandsModule()))
                    .enable(List.of(), List.of()), Clock.systemUTC())) {
                ratchet.docs().refresh(ratchet.docs().sources().get(0));
                ratchet.startJobServer();
                ratchet.startSlackEvents();

                String thread = slack.post(OPS, ALICE, "db-1 disk full again, logrotate did not free enough");
                slack.reply(OPS, thread, BOB, "expired old WAL archives with pgbackrest expire, 40G free");
                slack.reply(OPS, thread, ALICE, "<@" + slack.botUserId() + "> update the docs with this");
                await().atMost(Duration.ofSeconds(60)).until(() -> botReplies(slack, thread).size() == 1);
                assertThat(botReplies(slack, thread).get(0)).contains("I will run `open_doc_pull_request`").contains("reply `yes`");
                assertThat(repo.pullRequests()).isEmpty(); // nothing written before the yes

                slack.reply(OPS, thread, ALICE, "yes");
                await().atMost(Duration.ofSeconds(60)).until(() -> botReplies(slack, thread).size() == 2);
                assertThat(repo.pullRequests()).hasSize(1);
                Repo.PullRequest pr = repo.pullRequests().get(0);
                assertThat(pr.base()).isEqualTo("main");
                assertThat(pr.head()).startsWith("ratchet/docs-c0teamops-");
                assertThat(pr.title()).isEqualTo("Docs: Add the WAL archive cleanup");
                assertThat(pr.body()).contains("Proposed by Ratchet from a Slack thread: https://").contains("Requested by alice.");
                assertThat(repo.file(pr.head(), "docs/databases.md")).contains(EDITED);
                assertThat(repo.file("main", "docs/databases.md")).contains(DATABASES);
                assertThat(repo.branches().get(pr.head())).isNotEqualTo(base);
                assertThat(botReplies(slack, thread).get(1)).contains("Opened a pull request for `docs/databases.md`: " + pr.htmlUrl())
                        .contains("+If that is not enough, expire old WAL archives with `pgbackrest expire`.");

                // a retried job (or a second request in the thread) links the same pull request without asking the LLM again
                int edits = llm.chatRequests().size();
                DocupdateModule.Proposal again = docupdate.openPullRequest(OPS, thread, ALICE);
                assertThat(again.pullRequestUrl()).isEqualTo(pr.htmlUrl());
                assertThat(repo.pullRequests()).hasSize(1);
                assertThat(llm.chatRequests()).hasSize(edits);
            }
        }
    }

    static List<String> botReplies(SlackEmulator slack, String thread) {
        return slack.repliesIn(OPS, thread).stream().filter(r -> slack.botId().equals(r.get("bot_id"))).map(r -> String.valueOf(r.get("text"))).toList();
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
