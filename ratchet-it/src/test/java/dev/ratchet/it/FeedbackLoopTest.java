package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.llm.LlmCallExport;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.LlmAnswerInvalidException;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The feedback loop end to end: a question in Slack, an LLM answer posted in its thread, a 👍 on that answer, and the
 * exported call labelled good; plus a per-channel budget that turns generation off for one channel only.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class FeedbackLoopTest {

    /** Answers every live question in its thread with the LLM, or says generation is off. */
    static final class Answerer implements RatchetModule {
        @Override
        public String id() {
            return "answerer";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on("answer", Subscription.to(EventType.MESSAGE), e -> {
                if (!e.message().text().endsWith("?")) {
                    return;
                }
                String text;
                try {
                    text = ctx.llm()
                            .chat("answer", List.of(ChatMessage.user(e.message().text())));
                } catch (LlmUnavailableException off) {
                    text = "(generation is off: " + off.getMessage() + ")";
                }
                ctx.slack()
                        .post(
                                "answer:" + e.key(),
                                SlackService.Post.reply(
                                        e.message().channelId(), e.message().ts(), text));
            });
        }
    }

    /** Asks for a JSON answer; when the model's answer is invalid, posts an extractive fallback instead. */
    static final class Extractor implements RatchetModule {
        record Answer(String answer) {}

        @Override
        public String id() {
            return "extractor";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on("answer", Subscription.to(EventType.MESSAGE), e -> {
                String text;
                try {
                    text = ctx.llm()
                            .json("answer", List.of(ChatMessage.user(e.message().text())), Answer.class)
                            .answer();
                } catch (LlmAnswerInvalidException invalid) {
                    text = "From the docs: restart with `kubectl rollout restart`."; // the extractive fallback
                }
                ctx.slack()
                        .post(
                                "answer:" + e.key(),
                                SlackService.Post.reply(
                                        e.message().channelId(), e.message().ts(), text));
            });
        }
    }

    @Test
    void invalid_json_answers_are_errors_never_linked_to_the_fallback_post_nor_exported_as_labelled(TestDatabase db) {
        try (SlackEmulator slack = SlackEmulator.start();
                OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addChannel("C_X", "extract");
            slack.botJoins("C_X");
            llm.defaultReply("{}"); // valid JSON, invalid against the schema, every time
            Map<String, String> flags = TestBot.slackFlags(slack);
            flags.put("llm.url", llm.baseUrl());
            try (Ratchet ratchet = Ratchet.start(
                    db.config(flags),
                    ModuleRegistry.of(List.of(new Extractor())).enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                ratchet.startJobServer();
                ratchet.startSlackEvents();
                String question = slack.post("C_X", "U_ALICE", "how do I restart the api?");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> slack.repliesIn("C_X", question).size() == 1);
                String answerTs =
                        (String) slack.repliesIn("C_X", question).get(0).get("ts");
                assertThat(slack.repliesIn("C_X", question).get(0).get("text").toString())
                        .startsWith("From the docs");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> ratchet.storage().messages().exists("C_X", answerTs));
                slack.react("C_X", answerTs, "U_ALICE", "+1");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> TestSql.of(ratchet)
                                        .count(
                                                "select count(*) from messages where channel_id = 'C_X' and ts = ? and attrs -> 'reactions' is not null",
                                                answerTs)
                                == 1);

                List<Map<String, Object>> calls = TestSql.of(ratchet)
                        .rows(
                                "select error, bot_post_id from llm_calls where module_id = 'extractor' and kind = 'chat'");
                assertThat(calls).isNotEmpty().allSatisfy(c -> {
                    assertThat((String) c.get("error")).startsWith("invalid answer: ");
                    assertThat(c.get("bot_post_id")).isNull();
                });
                assertThat(exported(ratchet, "extractor"))
                        .doesNotContain("\"label\"")
                        .doesNotContain("{}");
            }
        }
    }

    @Test
    void thumbs_up_on_an_answer_labels_the_call_that_produced_it(TestDatabase db) {
        try (SlackEmulator slack = SlackEmulator.start();
                OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addChannel("C_Q", "questions");
            slack.addChannel("C_CHEAP", "cheap");
            slack.botJoins("C_Q");
            slack.botJoins("C_CHEAP");
            llm.onChat().whenLastUserMessageContains("restart").reply("Run `kubectl rollout restart deploy/api`.");
            Map<String, String> flags = TestBot.slackFlags(slack);
            flags.put("llm.url", llm.baseUrl());
            flags.put("llm.channel-budgets", "C_CHEAP=1");
            try (Ratchet ratchet = Ratchet.start(
                    db.config(flags),
                    ModuleRegistry.of(List.of(new Answerer())).enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                ratchet.startJobServer();
                ratchet.startSlackEvents();
                String question = slack.post("C_Q", "U_ALICE", "how do I restart the api?");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> slack.repliesIn("C_Q", question).size() == 1);
                String answerTs =
                        (String) slack.repliesIn("C_Q", question).get(0).get("ts");
                assertThat(slack.repliesIn("C_Q", question).get(0).get("text"))
                        .isEqualTo("Run `kubectl rollout restart deploy/api`.");

                // the post is linked to its LLM call right after Slack accepted it, so wait for that commit
                String linked = """
                        select c.event_key, c.channel_id, p.ts from llm_calls c join bot_posts p on p.id = c.bot_post_id
                         where c.module_id = 'answerer' and c.kind = 'chat'""";
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> TestSql.of(ratchet).rows(linked).size() == 1);
                var call = TestSql.of(ratchet).rows(linked).get(0);
                assertThat(call)
                        .containsEntry("event_key", "message:C_Q:" + question)
                        .containsEntry("channel_id", "C_Q")
                        .containsEntry("ts", answerTs);

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> ratchet.storage().messages().exists("C_Q", answerTs));
                slack.react("C_Q", answerTs, "U_ALICE", "+1");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> exported(ratchet).contains("\"label\":\"good\""));
                assertThat(exported(ratchet))
                        .contains("how do I restart the api?")
                        .contains("\"up\":1");

                // the cheap channel's budget is spent by its first answer; the next question there gets no generation
                String first = slack.post("C_CHEAP", "U_ALICE", "can you restart it for me?");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> slack.repliesIn("C_CHEAP", first).size() == 1);
                String second = slack.post("C_CHEAP", "U_ALICE", "and restart the worker?");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> slack.repliesIn("C_CHEAP", second).size() == 1);
                assertThat(slack.repliesIn("C_CHEAP", second).get(0).get("text").toString())
                        .contains("daily token budget of channel C_CHEAP (1 tokens) is spent");
                String elsewhere = slack.post("C_Q", "U_ALICE", "and restart the scheduler?");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> slack.repliesIn("C_Q", elsewhere).size() == 1);
                assertThat(slack.repliesIn("C_Q", elsewhere).get(0).get("text"))
                        .isEqualTo("Run `kubectl rollout restart deploy/api`.");
            }
        }
    }

    static String exported(Ratchet ratchet) {
        return exported(ratchet, "answerer");
    }

    static String exported(Ratchet ratchet, String module) {
        StringWriter out = new StringWriter();
        new LlmCallExport(ratchet.storage().llmCalls())
                .write(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60), module, out);
        return out.toString();
    }
}
