package dev.ratchet.module.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Stage;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.ChatReply;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The runbook module through the Slack emulator and the LLM stub, with a stand-in classifier. */
class RunbookModuleTest {

    /** Stands in for the classifier module: annotates "[FIRING:n] Alert service" messages as it would. */
    static final class FakeClassifier implements RatchetModule {
        static final Pattern FIRING = Pattern.compile("\\[FIRING:\\d+] (\\S+) (\\S+)");
        static final AtomicReference<ModuleContext> ctx = new AtomicReference<>();

        @Override
        public String id() {
            return "classifier";
        }

        @Override
        public void start(ModuleContext context) {
            ctx.set(context);
            context.on(
                    "classify",
                    Subscription.to(EventType.MESSAGE).inStage(Stage.ENRICH).includingBackfill(),
                    e -> {
                        Matcher m = FIRING.matcher(e.message().text());
                        if (e.message().botId().isPresent() && m.find()) {
                            context.alerts()
                                    .record(new AlertEvent(
                                            MessageRef.of(e.message()),
                                            e.message().postedAt(),
                                            AlertEvent.Action.OPEN,
                                            m.group(2),
                                            m.group(1),
                                            Optional.empty(),
                                            Optional.empty(),
                                            Optional.empty(),
                                            "alertmanager",
                                            "builtin"));
                        }
                    });
        }
    }

    /** A channel whose history holds a past DiskFull alert that Bob fixed; the bot joins and onboards it. */
    static String seedHistory(SlackEmulator slack, String channel) {
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
        slack.addChannel(channel, "team-ops");
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        String past = slack.seedIntegration(
                channel, "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of(), twoDaysAgo);
        slack.seedReply(channel, past, "U_ALICE", "looking", twoDaysAgo.plusSeconds(60));
        slack.seedReply(
                channel,
                past,
                "U_BOB",
                "freed 20G with `logrotate -f /etc/logrotate.conf` &amp; restarted postgres, cc <@U_ALICE> <!here>",
                twoDaysAgo.plusSeconds(600));
        return past;
    }

    /** How many stored messages of the channel the classifier annotated as a firing alert. */
    static long firing(TestBot bot, String channel) {
        return bot.messages(channel).stream()
                .map(m -> bot.alert(channel, m.ts()))
                .filter(a -> a.map(e -> e.action() == AlertEvent.Action.OPEN).orElse(false))
                .count();
    }

    @Test
    void firing_alert_gets_exactly_one_runbook_citing_the_past_thread_and_history_gets_none() throws Exception {
        RunbookModule runbook = new RunbookModule();
        try (TestBot bot = TestBot.with(new FakeClassifier(), runbook)
                .llm(stub ->
                        stub.onChat().whenAnyMessageContains("concise runbooks").reply("""
                {"overview": "db-1 runs out of disk when logs are not rotated.",
                 "root_causes": ["log rotation stopped"], "steps": ["Run logrotate -f", "Restart postgres if it stopped"],
                 "lexical_query": "db-1 disk", "semantic_query": "database server disk space problems"}"""))
                .start()) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            String past = seedHistory(slack, "C_OPS");
            slack.botJoins("C_OPS");
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            firing(bot, "C_OPS") == 1 && bot.messages("C_OPS").size() == 3);

            String alert =
                    slack.postAsIntegration("C_OPS", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.repliesIn("C_OPS", alert).size() == 1);
            Map<String, Object> post = slack.repliesIn("C_OPS", alert).get(0);
            String blocks = String.valueOf(post.get("blocks"));
            assertThat(post.get("text").toString()).contains("db-1 runs out of disk");
            assertThat(blocks)
                    .contains("Run logrotate -f")
                    .contains("Past occurrences")
                    .contains("archives/C_OPS/p" + past.replace(".", ""))
                    .contains("runbook")
                    .contains(":+1:");
            // the model reads the history as readable text
            assertThat(llm.lastChatRequest().messages().stream()
                            .map(dev.ratchet.testkit.llm.ChatRequest.Message::content)
                            .collect(java.util.stream.Collectors.joining("\n")))
                    .contains("bob: freed 20G")
                    .contains("logrotate -f")
                    .contains("& restarted postgres, cc @alice @here");

            // a retry of the same event finds the post by its key
            var message = bot.message("C_OPS", alert).orElseThrow();
            runbook.onMessage(
                    new ChannelEvent("message:C_OPS:" + alert, EventType.MESSAGE, true, message, Optional.empty()));
            assertThat(slack.repliesIn("C_OPS", alert)).hasSize(1);
            // the backfilled past alert got no runbook
            assertThat(slack.repliesIn("C_OPS", past).stream()
                            .filter(r -> slack.botId().equals(r.get("bot_id"))))
                    .isEmpty();
            assertThat(slack.botPosts()).hasSize(1);
        }
    }

    @Test
    void a_runbook_prompt_over_a_4k_window_leaves_out_the_oldest_occurrences_whole_and_the_post_says_so() {
        try (TestBot bot = TestBot.with(new FakeClassifier(), new RunbookModule())
                .set("llm.model", "qwen2.5:7b")
                .set("runbook.occurrences", "12")
                .llm(stub -> {
                    stub.profile(dev.ratchet.testkit.llm.ServerProfile.ollama().numCtx(4096));
                    stub.onChat().whenAnyMessageContains("concise runbooks").reply("""
                {"overview": "db-1 runs out of disk when logs are not rotated.",
                 "root_causes": ["log rotation stopped"], "steps": ["Run logrotate -f"],
                 "lexical_query": "db-1 disk", "semantic_query": "database server disk space problems"}""");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C_BIG", "team-big");
            Instant start = Instant.now().minus(Duration.ofDays(12));
            for (int k = 1; k <= 12; k++) { // occurrence 1 is the oldest
                Instant at = start.plus(Duration.ofDays(k - 1));
                String past = slack.seedIntegration(
                        "C_BIG", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of(), at);
                for (int r = 1; r <= 5; r++) {
                    slack.seedReply(
                            "C_BIG",
                            past,
                            "U_BOB",
                            "occurrence-" + k + " step " + r + ": "
                                    + "checked the volume and rotated the logs ".repeat(5),
                            at.plusSeconds(60L * r));
                }
            }
            slack.botJoins("C_BIG");
            // every occurrence classified and its thread backfilled (5 replies each): the prompt is too big only then
            await().atMost(Duration.ofSeconds(90))
                    .until(() ->
                            firing(bot, "C_BIG") == 12 && bot.messages("C_BIG").size() == 12 * 6);

            String alert =
                    slack.postAsIntegration("C_BIG", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> slack.repliesIn("C_BIG", alert).size() == 1);

            String blocks =
                    String.valueOf(slack.repliesIn("C_BIG", alert).get(0).get("blocks"));
            assertThat(blocks)
                    .contains("db-1 runs out of disk") // the model's answer: the prompt kept its instructions
                    .contains("Some past occurrences were left out of what the model read, to fit its context window");
            OpenAiStub llm = bot.llm();
            assertThat(llm.truncatedRequests()).isEmpty(); // Ollama cut nothing
            var request = llm.chatRequests().stream()
                    .filter(q -> q.messages().stream().anyMatch(m -> m.content().contains("concise runbooks")))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            String sent = request.messages().stream()
                    .map(dev.ratchet.testkit.llm.ChatRequest.Message::content)
                    .collect(java.util.stream.Collectors.joining("\n"));
            // the newest occurrences whole, the oldest left out whole, nothing cut in a middle
            assertThat(sent)
                    .contains("occurrence-12 step 5")
                    .contains("occurrence-11 step 1")
                    .doesNotContain("occurrence-1 step")
                    .doesNotContain("left out to fit")
                    .contains("Alert now firing");
            assertThat(request.messages().get(request.messages().size() - 1).content())
                    .contains("Alert now firing");
        }
    }

    @Test
    void a_model_the_server_has_not_pulled_is_never_quoted_in_slack() {
        try (TestBot bot = TestBot.with(new FakeClassifier(), new RunbookModule())
                .set("llm.model", "qwen2.5:7b")
                .set("llm.max-retries", "0")
                .llm(stub -> stub.profile(dev.ratchet.testkit.llm.ServerProfile.ollama())
                        .models("llama3.2:1b"))
                .start()) {
            SlackEmulator slack = bot.slack();
            seedHistory(slack, "C_NOPULL");
            slack.botJoins("C_NOPULL");
            await().atMost(Duration.ofSeconds(60)).until(() -> firing(bot, "C_NOPULL") == 1);
            String alert =
                    slack.postAsIntegration("C_NOPULL", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> slack.repliesIn("C_NOPULL", alert).size() == 1);

            Map<String, Object> post = slack.repliesIn("C_NOPULL", alert).get(0);
            for (String posted : List.of(String.valueOf(post.get("text")), String.valueOf(post.get("blocks")))) {
                assertThat(posted)
                        .doesNotContain(
                                "not found",
                                "ollama pull",
                                "HTTP 404",
                                "qwen2.5",
                                bot.llm().baseUrl());
            }
            assertThat(String.valueOf(post.get("blocks"))).contains("The LLM is unavailable");
        }
    }

    @Test
    void the_models_runbook_pings_nobody_and_shows_where_links_go() {
        try (TestBot bot = TestBot.with(new FakeClassifier(), new RunbookModule())
                .llm(stub ->
                        stub.onChat().whenAnyMessageContains("concise runbooks").reply("""
                {"overview": "<!channel> <!here> db-1 is full, ask <@U_EVE> or <!subteam^S_ALL|@everyone-team>; \
                 sign in at <https://evil.example|Slack SSO> & free space < 10%",
                 "root_causes": ["<!everyone> logs"], "steps": ["Page <@U_EVE>", "Open <https://evil.example/run|the runbook>"],
                 "lexical_query": "db-1 disk", "semantic_query": "disk"}"""))
                .start()) {
            SlackEmulator slack = bot.slack();
            slack.addChannel("C_OPS3", "team-ops3");
            slack.botJoins("C_OPS3");
            String alert =
                    slack.postAsIntegration("C_OPS3", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.repliesIn("C_OPS3", alert).size() == 1);
            Map<String, Object> post = slack.repliesIn("C_OPS3", alert).get(0);
            String text = String.valueOf(post.get("text"));
            String blocks = String.valueOf(post.get("blocks"));
            for (String posted : List.of(text, blocks)) {
                assertThat(posted)
                        .doesNotContain("<!channel>", "<!here>", "<!everyone>", "<@U_EVE>", "<!subteam^")
                        .doesNotContain("|Slack SSO>", "|the runbook>")
                        .contains("@channel @here db-1 is full, ask @U_EVE or @everyone-team")
                        .contains("Slack SSO (<https://evil.example>)")
                        .contains("&amp; free space &lt; 10%");
            }
            assertThat(blocks)
                    .contains("• @everyone logs")
                    .contains("1. Page @U_EVE")
                    .contains("2. Open the runbook (<https://evil.example/run>)");
        }
    }

    @Test
    void without_an_llm_the_runbook_is_extractive_and_says_so() {
        try (TestBot bot =
                TestBot.with(new FakeClassifier(), new RunbookModule()).start()) {
            SlackEmulator slack = bot.slack();
            seedHistory(slack, "C_OPS2");
            slack.botJoins("C_OPS2");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bot.messages("C_OPS2").size() == 3);
            String alert =
                    slack.postAsIntegration("C_OPS2", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.repliesIn("C_OPS2", alert).size() == 1);
            String blocks =
                    String.valueOf(slack.repliesIn("C_OPS2", alert).get(0).get("blocks"));
            assertThat(blocks)
                    .contains("Generation is off (no LLM configured), showing the extractive runbook")
                    .contains("bob: freed 20G")
                    .contains("logrotate -f")
                    .doesNotContain("looking"); // a reply without a command or resolution is not quoted
            // quoted readable and escaped: a quote notifies nobody
            assertThat(blocks)
                    .contains("&amp; restarted postgres, cc @alice @here")
                    .doesNotContain("<@U_ALICE>")
                    .doesNotContain("<!here>");
        }
    }

    @Test
    void the_same_fix_given_for_several_past_occurrences_is_quoted_once_with_how_often() {
        try (TestBot bot =
                TestBot.with(new FakeClassifier(), new RunbookModule()).start()) {
            SlackEmulator slack = bot.slack();
            seedHistory(slack, "C_OPS3");
            Instant oneDayAgo = Instant.now().minus(Duration.ofDays(1));
            String again = slack.seedIntegration(
                    "C_OPS3", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of(), oneDayAgo);
            slack.seedReply(
                    "C_OPS3",
                    again,
                    "U_BOB",
                    "freed 20G with `logrotate -f /etc/logrotate.conf` &amp; restarted postgres, cc <@U_ALICE> <!here>",
                    oneDayAgo.plusSeconds(300));
            slack.botJoins("C_OPS3");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bot.messages("C_OPS3").size() == 5);
            String alert =
                    slack.postAsIntegration("C_OPS3", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.repliesIn("C_OPS3", alert).size() == 1);
            String blocks =
                    String.valueOf(slack.repliesIn("C_OPS3", alert).get(0).get("blocks"));
            assertThat(blocks.split("bob: freed 20G", -1)).hasSize(2); // quoted once
            assertThat(blocks).contains("(2×)");
        }
    }

    /** The runbook of a fresh alert in a seeded channel, as posted: its text and blocks. */
    static String runbookFor(TestBot bot, String channel) {
        SlackEmulator slack = bot.slack();
        seedHistory(slack, channel);
        slack.botJoins(channel);
        await().atMost(Duration.ofSeconds(60)).until(() -> bot.messages(channel).size() == 3);
        String alert = slack.postAsIntegration(channel, "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> slack.repliesIn(channel, alert).size() == 1);
        Map<String, Object> post = slack.repliesIn(channel, alert).get(0);
        return post.get("text") + "\n" + post.get("blocks");
    }

    @Test
    void an_answer_that_is_json_but_not_a_chat_completion_falls_back_to_the_extractive_runbook() {
        try (TestBot bot = TestBot.with(new FakeClassifier(), new RunbookModule())
                .llm(stub -> stub.onChat().reply(ChatReply.raw("{\"choices\":\"nope\"}")))
                .start()) {
            String post = runbookFor(bot, "C_OPS3");
            assertThat(post).contains("showing the extractive runbook").contains("bob: freed 20G");
            // every attempt is recorded as the error it was, none as a success
            assertThat(bot.llmCalls("runbook"))
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.error()).contains("not a chat completion"));
        }
    }

    @Test
    void an_answer_invalid_against_the_schema_says_it_could_not_be_used_not_that_generation_is_off() {
        try (TestBot bot = TestBot.with(new FakeClassifier(), new RunbookModule())
                .llm(stub -> stub.onChat().reply("{\"summary\": \"db-1 is full\"}"))
                .start()) {
            String post = runbookFor(bot, "C_OPS5");
            assertThat(post)
                    .contains("The model's answer could not be used, showing the extractive runbook")
                    .contains("bob: freed 20G")
                    .doesNotContain("$:")
                    .doesNotContain("required property")
                    .doesNotContain("Generation is off");
        }
    }

    @Test
    void a_password_in_the_llm_url_reaches_neither_the_post_nor_the_log() {
        String secret = "S3cretPassw0rd";
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(tee(err, logged), true, StandardCharsets.UTF_8));
        String post;
        String hostAndPort;
        try (OpenAiStub llm = OpenAiStub.start()) {
            llm.onChat().reply(ChatReply.error(500));
            URI base = URI.create(llm.baseUrl());
            hostAndPort = base.getHost() + ":" + base.getPort();
            try (TestBot bot = TestBot.with(new FakeClassifier(), new RunbookModule())
                    .set("llm.url", llm.baseUrl().replace("://", "://ratchet:" + secret + "@"))
                    .set("llm.max-retries", "1")
                    .start()) {
                post = runbookFor(bot, "C_OPS4");
                assertThat(bot.llmCalls("runbook")).isNotEmpty().noneMatch(TestBot.LlmCall::ok);
            }
        } finally {
            System.setErr(err);
        }
        assertThat(post)
                .contains("The LLM is unavailable, showing the extractive runbook")
                .doesNotContain(secret)
                .doesNotContain(hostAndPort)
                .doesNotContain("HTTP 500");
        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("falls back to extractive").doesNotContain(secret);
    }

    /** Writes to both streams: the test's console keeps its output while the test reads what was logged. */
    static OutputStream tee(OutputStream console, ByteArrayOutputStream copy) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
                try {
                    console.write(b);
                } catch (java.io.IOException ignored) {
                    // the console is best effort
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (copy) {
                    copy.write(b, off, len);
                }
                try {
                    console.write(b, off, len);
                } catch (java.io.IOException ignored) {
                    // the console is best effort
                }
            }
        };
    }
}
