package dev.ratchet.module.commands;

import static dev.ratchet.module.commands.Workspace.ALICE;
import static dev.ratchet.module.commands.Workspace.BOB;
import static dev.ratchet.module.commands.Workspace.botReplies;
import static dev.ratchet.module.commands.Workspace.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.report.ReportModule;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.ChatReply;
import dev.ratchet.testkit.llm.ChatRequest;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The commands module inside a real Ratchet with the report module, through the Slack emulator and the LLM stub. */
class CommandsModuleTest {

    static final String OPS = "C0TEAMOPS";
    static final String HELP = "C0TEAMHELP";
    static final String SUMMARY =
            "*Weekly report for #team-ops*: no alerts fired this week, nothing was left unattended.";

    static TestBot bot;
    static SlackEmulator slack;
    static OpenAiStub llm;
    static OpsActions actions = new OpsActions();
    static ShiftedClock clock = new ShiftedClock();

    /** The system clock moved forward by what a test adds, so a confirmation can expire without waiting for it. */
    static final class ShiftedClock extends Clock {
        final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift.get());
        }
    }

    @BeforeAll
    static void start() {
        bot = TestBot.with(new ReportModule(), actions, new CommandsModule())
                .clock(clock)
                .slack(workspace -> Workspace.seed(workspace, OPS, HELP))
                .llm(stub -> {
                    // general rules first: the most recently registered matching rule answers
                    stub.onChat()
                            .whenAnyMessageContains("reduce operational toil")
                            .reply("{\"suggestions\": []}");
                    stub.onChat().whenJsonRequested().reply("{\"tool\": \"none\", \"arguments\": {}}");
                    stub.defaultReply("I am not sure what you mean.");
                })
                .set("commands.allow", HELP + "=channel_report,*=*")
                .set("commands.confirm-timeout", "5m")
                .start();
        slack = bot.slack();
        llm = bot.llm();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    static List<ChatRequest> requestsFor(String request) {
        return llm.chatRequests().stream()
                .filter(r -> r.lastUserMessage().map(m -> m.contains(request)).orElse(false))
                .toList();
    }

    @Test
    void post_the_weekly_report_makes_the_agent_call_the_report_tool_and_the_report_appears_in_the_thread() {
        llm.onChat()
                .whenToolOffered("channel_report")
                .whenLastUserMessageContains("post the weekly report")
                .replyWithToolCall("channel_report", "{\"channel\": \"" + OPS + "\"}");
        llm.onChat().whenToolResultPresent("channel_report").reply(SUMMARY);

        String ask = slack.post(OPS, ALICE, mention(slack) + " post the weekly report");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask)).containsExactly(SUMMARY);
        List<ChatRequest> loop = requestsFor("post the weekly report").stream()
                .filter(r -> !r.tools().isEmpty())
                .toList();
        assertThat(loop).hasSize(2);
        assertThat(loop.get(0).offersTool("channel_report")).isTrue();
        assertThat(loop.get(0).systemPrompt().orElseThrow()).contains("mrkdwn").contains(OPS);
        // the report itself went back to the model, which summarised it
        assertThat(loop.get(1).toolResult("channel_report").orElseThrow())
                .contains("\"channel\"")
                .contains(OPS);
        // write tools are never offered to the loop
        assertThat(loop.get(0).offersTool("post_channel_report")).isFalse();
        assertThat(loop.get(0).offersTool("restart_service")).isFalse();
        assertThat(loop.get(0).offersTool("list_open_incidents")).isTrue();
    }

    @Test
    void the_models_answer_pings_nobody_the_request_did_not_and_shows_where_links_go() {
        llm.onChat()
                .whenToolOffered("channel_report")
                .whenLastUserMessageContains("who is on call")
                .reply("<!channel> <!here> <!everyone> on call is <@" + BOB + ">, not <@U0EVE0001> or"
                        + " <!subteam^S0ONCALL|@oncall>; sign in at <https://evil.example/login|Slack SSO> & a < b");

        String ask = slack.post(OPS, ALICE, mention(slack) + " who is on call, <@" + BOB + ">?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        String posted = botReplies(slack, OPS, ask).get(0);
        assertThat(posted)
                .doesNotContain("<!channel>", "<!here>", "<!everyone>", "<@U0EVE0001>", "<!subteam^")
                .doesNotContain("|Slack SSO>")
                .contains("@channel @here @everyone on call is <@" + BOB + ">, not @U0EVE0001 or @oncall")
                .contains("Slack SSO (<https://evil.example/login>)")
                .contains("&amp; a &lt; b");
    }

    @Test
    void a_nul_character_in_the_request_or_the_answer_loses_neither_the_message_nor_the_reply() {
        llm.onChat()
                .whenToolOffered("channel_report")
                .whenLastUserMessageContains("nul check")
                .reply("before\u0000after");

        String ask = slack.post(OPS, ALICE, mention(slack) + " nul check\u0000 please");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0)).contains("before").contains("after");
        // the request is stored, its NUL replaced
        assertThat(bot.message(OPS, ask).orElseThrow().text())
                .contains("nul check\uFFFD please")
                .doesNotContain("\u0000");
        // and so is the call that answered it
        TestSql sql = TestSql.of(bot.database());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sql.count(
                                "select count(*) from llm_calls where module_id = 'commands' and response::text like ?",
                                "%before\uFFFDafter%")
                        == 1);
        assertThat(sql.count("select count(*) from bot_posts where channel_id = ? and thread_ts = ?", OPS, ask))
                .isEqualTo(1);
    }

    @Test
    void a_write_tool_waits_for_the_requesters_yes_and_runs_exactly_once() {
        llm.onChat()
                .whenJsonRequested()
                .whenLastUserMessageContains("restart the api")
                .reply("{\"tool\": \"restart_service\", \"arguments\": {\"service\": \"api\"}}");

        String ask = slack.post(OPS, ALICE, mention(slack) + " please restart the api service");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> botReplies(slack, OPS, ask).size() == 1);
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("I will run `restart_service` with service `api`")
                .contains("reply `yes` in this thread to confirm");
        assertThat(actions.restarts).isEmpty();

        slack.reply(OPS, ask, BOB, "yes");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botReplies(slack, OPS, ask).size() == 2);
        assertThat(botReplies(slack, OPS, ask).get(1)).contains("Only <@" + ALICE + ">");
        assertThat(actions.restarts).isEmpty();

        slack.reply(OPS, ask, ALICE, "yes");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botReplies(slack, OPS, ask).size() == 3);
        assertThat(botReplies(slack, OPS, ask).get(2))
                .contains("Ran `restart_service`")
                .contains("rolling restart of api started");
        assertThat(actions.restarts).containsExactly("api");
        // the claim that made it run once is kept for the timeout and three days more, then the store forgets it
        assertThat(secondsToLive("ran:"))
                .isBetween(
                        Duration.ofDays(3).plusMinutes(4).toSeconds(),
                        Duration.ofDays(3).plusMinutes(5).toSeconds());

        // the action is gone: asking again is a new request, and a later yes in the thread is just a message
        slack.reply(OPS, ask, ALICE, mention(slack) + " yes");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botReplies(slack, OPS, ask).size() == 4);
        assertThat(actions.restarts).containsExactly("api");
    }

    @Test
    void a_yes_after_the_confirmation_timeout_runs_nothing_and_says_the_request_expired() {
        llm.onChat()
                .whenJsonRequested()
                .whenLastUserMessageContains("restart the billing")
                .reply("{\"tool\": \"restart_service\", \"arguments\": {\"service\": \"billing\"}}");

        String ask = slack.post(OPS, ALICE, mention(slack) + " restart the billing service");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> botReplies(slack, OPS, ask).size() == 1);
        assertThat(botReplies(slack, OPS, ask).get(0)).contains("this expires in 5 minutes");
        // the pending action outlives its timeout by three days, so that a late yes still gets an answer
        assertThat(secondsToLive("pending:" + OPS + ":" + ask))
                .isBetween(
                        Duration.ofDays(3).plusMinutes(4).toSeconds(),
                        Duration.ofDays(3).plusMinutes(5).toSeconds());

        clock.shift.set(clock.shift.get().plusMinutes(6)); // the yes comes six minutes later
        slack.reply(OPS, ask, ALICE, "yes");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botReplies(slack, OPS, ask).size() == 2);
        assertThat(botReplies(slack, OPS, ask).get(1))
                .contains("The request to run `restart_service` expired")
                .contains("accepted for 5 minutes (`commands.confirm-timeout`)")
                .contains("nothing ran")
                .contains("Ask me again");
        assertThat(actions.restarts).doesNotContain("billing");
        assertThat(bot.moduleState("commands", "pending:" + OPS + ":" + ask)).isEmpty();
    }

    /** Seconds until the commands module's newest value whose key starts with {@code keyPrefix} expires. */
    static long secondsToLive(String keyPrefix) {
        Instant expires =
                bot.moduleStateEntries("commands", keyPrefix).get(0).expiresAt().orElseThrow();
        return Math.round(Duration.between(Instant.now(), expires).toMillis() / 1000.0);
    }

    @Test
    void no_cancels_the_pending_action() {
        llm.onChat()
                .whenJsonRequested()
                .whenLastUserMessageContains("bounce the gateway")
                .reply("{\"tool\": \"restart_service\", \"arguments\": {\"service\": \"gateway\"}}");

        String ask = slack.post(OPS, BOB, mention(slack) + " bounce the gateway");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> botReplies(slack, OPS, ask).size() == 1);
        slack.reply(OPS, ask, BOB, "cancel");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botReplies(slack, OPS, ask).size() == 2);
        assertThat(botReplies(slack, OPS, ask).get(1)).contains("Cancelled");
        assertThat(actions.restarts).doesNotContain("gateway");
    }

    @Test
    void an_answer_that_is_json_but_not_a_chat_completion_falls_back_to_the_closest_tool() {
        llm.onChat()
                .whenLastUserMessageContains("which incidents are open")
                .reply(ChatReply.raw("{\"choices\":\"nope\"}"));

        String ask = slack.post(OPS, ALICE, mention(slack) + " which incidents are open right now?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        URI base = URI.create(llm.baseUrl());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("The LLM is unavailable")
                .contains("`list_open_incidents`")
                .doesNotContain(base.getHost() + ":" + base.getPort())
                .doesNotContain("not a chat completion");
        assertThat(bot.llmCalls("commands"))
                .filteredOn(c -> c.error() != null && c.error().contains("not a chat completion"))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void a_tool_left_out_of_the_channels_allowlist_is_not_offered_there() {
        llm.onChat().whenLastUserMessageContains("how are things").reply("All quiet.");

        String ask = slack.post(HELP, ALICE, mention(slack) + " how are things?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, HELP, ask).isEmpty());
        assertThat(botReplies(slack, HELP, ask)).containsExactly("All quiet.");
        List<ChatRequest> requests = requestsFor("how are things");
        // only channel_report is allowed in HELP: no write tool, so no plan either
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).tools()).extracting(ChatRequest.Tool::name).containsExactly("channel_report");
    }

    @Test
    void a_loop_that_runs_out_of_rounds_says_so_and_lists_what_it_called() {
        llm.onChat()
                .whenToolOffered("list_open_incidents")
                .whenLastUserMessageContains("keep looking")
                .replyWithToolCall("list_open_incidents", "{}");

        String ask = slack.post(OPS, ALICE, mention(slack) + " keep looking for incidents");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, ask).isEmpty());
        assertThat(botReplies(slack, OPS, ask).get(0))
                .contains("I stopped after 5 rounds")
                .contains("`list_open_incidents`")
                .contains("INC-1");
    }

    @Test
    void the_thread_goes_to_the_model_as_readable_text() {
        llm.onChat().whenLastUserMessageContains("what did they decide").reply("They will roll back.");

        String alert = slack.post(OPS, BOB, "p99 &gt; 2s &amp; rising on <https://grafana/d/1|the api dashboard>");
        slack.reply(OPS, alert, BOB, "<@" + ALICE + "> can you check <#" + HELP + "|>? cc <!here>");
        // both stored before the question, so that its thread has them
        await().atMost(Duration.ofSeconds(30))
                .until(() -> bot.messages(OPS).stream()
                                .filter(m -> m.ts().equals(alert)
                                        || m.threadTs().filter(alert::equals).isPresent())
                                .count()
                        == 2);
        slack.reply(OPS, alert, ALICE, mention(slack) + " what did they decide?");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !botReplies(slack, OPS, alert).isEmpty());
        assertThat(botReplies(slack, OPS, alert)).containsExactly("They will roll back.");
        String context = requestsFor("what did they decide").get(0).messages().stream()
                .map(ChatRequest.Message::content)
                .filter(c -> c != null && c.startsWith("The thread so far"))
                .findFirst()
                .orElseThrow();
        String bob = bot.displayName(BOB); // the emulator's display names: "bob", "alice"
        String alice = bot.displayName(ALICE);
        assertThat(alice).isNotEqualTo(ALICE);
        assertThat(context)
                .contains(bob + ": p99 > 2s & rising on the api dashboard (https://grafana/d/1)")
                .contains(bob + ": @" + alice + " can you check #" + HELP.toLowerCase() + "? cc @here")
                .doesNotContain("&amp;")
                .doesNotContain("<@")
                .doesNotContain("what did they decide");
    }
}
