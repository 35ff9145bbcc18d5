package dev.ratchet.module.commands;

import static dev.ratchet.module.commands.Workspace.ALICE;
import static dev.ratchet.module.commands.Workspace.botReplies;
import static dev.ratchet.module.commands.Workspace.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.recentactivity.RecentActivityModule;
import dev.ratchet.module.report.ReportModule;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the bot posts for a request is written for people: never JSON, a schema error or the request itself. */
class CommandsPostsTest {

    static final String OPS = "C0POSTS01";

    static void assertReadable(String post) {
        assertThat(post).doesNotContain("{").doesNotContain("```").doesNotContain("$:");
    }

    @Test
    void without_an_llm_search_posts_the_hits_for_people_and_neither_the_request_nor_the_bots_posts() {
        try (TestBot bot = TestBot.with(new RecentActivityModule(), new CommandsModule())
                .slack(workspace -> Workspace.seed(workspace, OPS))
                .start()) {
            SlackEmulator slack = bot.slack();
            String fix = slack.post(OPS, ALICE, "db-1 disk full again, cleared /var/log with logrotate");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.message(OPS, fix).isPresent());
            String earlier = slack.post(OPS, ALICE, mention(slack) + " disk full on db-1?");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !botReplies(slack, OPS, earlier).isEmpty());

            String ask = slack.post(OPS, ALICE, mention(slack) + " search disk full");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !botReplies(slack, OPS, ask).isEmpty());

            String reply = botReplies(slack, OPS, ask).get(0);
            assertReadable(reply);
            assertThat(reply)
                    .contains("Generation is off (no LLM configured)")
                    .contains("`search_messages`: 1 result:")
                    .contains("cleared /var/log with logrotate")
                    .contains("alice")
                    .doesNotContain("search disk full") // the request is not a hit
                    .doesNotContain("disk full on db-1?") // nor an earlier request to the bot
                    .doesNotContain("matched your request to the closest tool._\n_"); // nor the bot's reply to it

            // the raw result stays available through the API
            TestBot.RouteAnswer raw = bot.route(HttpMethod.GET, "/api/modules/commands/results/" + OPS + "/" + ask);
            assertThat(raw.status()).isEqualTo(200);
            assertThat(raw.tree().path("tool").asText()).isEqualTo("search_messages");
            assertThat(raw.tree().path("result").get(0).path("ts").asText()).isEqualTo(fix);
        }
    }

    @Test
    void a_confirmed_write_posts_a_summary_with_a_link_not_the_tools_json() {
        try (TestBot bot = TestBot.with(new ReportModule(), new CommandsModule())
                .slack(workspace -> Workspace.seed(workspace, OPS))
                .llm(stub -> {
                    stub.onChat()
                            .whenAnyMessageContains("reduce operational toil")
                            .reply("{\"suggestions\": []}");
                    stub.onChat()
                            .whenJsonRequested()
                            .whenLastUserMessageContains("post the weekly report")
                            .reply("{\"tool\": \"post_channel_report\", \"arguments\": {\"channel\": \"" + OPS
                                    + "\"}}");
                    stub.defaultReply("I am not sure what you mean.");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            String ask = slack.post(OPS, ALICE, mention(slack) + " post the weekly report here");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> botReplies(slack, OPS, ask).size() == 1);
            String proposal = botReplies(slack, OPS, ask).get(0);
            assertReadable(proposal);
            assertThat(proposal).contains("I will run `post_channel_report` with channel `" + OPS + "`");

            String yes = slack.reply(OPS, ask, ALICE, "yes");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> botReplies(slack, OPS, ask).size() == 2);
            String ran = botReplies(slack, OPS, ask).get(1);
            assertReadable(ran);
            assertThat(ran).startsWith("Ran `post_channel_report`: posted <").contains("|in #");
            assertThat(ran.length()).isLessThan(300);

            TestBot.RouteAnswer raw = bot.route(HttpMethod.GET, "/api/modules/commands/results/" + OPS + "/" + yes);
            assertThat(raw.status()).isEqualTo(200);
            assertThat(raw.tree().path("result").path("report").path("totals").isObject())
                    .isTrue();
        }
    }
}
