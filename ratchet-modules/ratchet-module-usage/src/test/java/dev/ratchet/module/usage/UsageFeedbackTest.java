package dev.ratchet.module.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.EventType;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check "👍/👎 on a bot post show in usage": a real Ratchet on the Slack emulator and the LLM stub, a module
 * that answers questions with the LLM, people reacting to its answers, and {@code bot_usage} reporting it all.
 */
class UsageFeedbackTest {

    static final String ANSWER = "Restart the api pod.";

    /** Answers every question in its thread with one LLM call (and embeds the question, as retrieval would). */
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
                ctx.llm().embed(List.of(e.message().text()));
                String text = ctx.llm()
                        .chat("answer", List.of(ChatMessage.user(e.message().text())));
                ctx.slack()
                        .post(
                                "answer:" + e.key(),
                                SlackService.Post.reply(
                                        e.message().channelId(), e.message().ts(), text));
            });
        }
    }

    @Test
    void thumbs_up_and_down_on_bot_posts_show_in_usage_with_posts_and_llm_tokens() throws Exception {
        try (TestBot bot = TestBot.with(new Answerer(), new UsageModule())
                .set("llm.model", "stub-chat")
                .llm(llm -> llm.defaultReply(ANSWER))
                .slack(slack -> {
                    slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
                    slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addUser("U_CAROL", "carol", "Carol King", "carol@example.com");
                    slack.addChannel("C_OPS", "team-ops");
                    slack.addChannel("C_HELP", "team-help");
                    slack.botJoins("C_OPS");
                    slack.botJoins("C_HELP");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            String q1 = slack.post("C_OPS", "U_ALICE", "how do I restart the api?");
            String q2 = slack.post("C_OPS", "U_BOB", "is the api down?");
            String q3 = slack.post("C_HELP", "U_CAROL", "who owns the api?");
            String a1 = answerTo(slack, "C_OPS", q1);
            String a2 = answerTo(slack, "C_OPS", q2);
            String a3 = answerTo(slack, "C_HELP", q3);
            for (String[] post :
                    List.of(new String[] {"C_OPS", a1}, new String[] {"C_OPS", a2}, new String[] {"C_HELP", a3})) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> bot.message(post[0], post[1]).isPresent());
            }

            slack.react("C_OPS", a1, "U_ALICE", "+1");
            slack.react("C_OPS", a1, "U_BOB", "thumbsup");
            slack.react("C_OPS", a2, "U_BOB", "-1");
            slack.react("C_HELP", a3, "U_CAROL", "eyes"); // a reaction, but not feedback

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                UsageReport r = usage(bot, Map.of());
                return r.feedbackByModule().size() == 1
                        && r.feedbackByModule().get(0).up() == 2
                        && r.feedbackByModule().get(0).down() == 1;
            });
            UsageReport report = usage(bot, Map.of());

            assertThat(report.days()).isEqualTo(7);
            assertThat(report.posts()).isEqualTo(3);
            assertThat(report.postsByChannel())
                    .containsExactly(
                            new UsageReport.ChannelPosts("C_OPS", 2), new UsageReport.ChannelPosts("C_HELP", 1));
            assertThat(report.postsByModule()).containsExactly(new UsageReport.ModulePosts("answerer", 3));
            assertThat(report.feedbackByModule())
                    .containsExactly(new UsageReport.ModuleFeedback("answerer", 3, 2, 1, 2, 0.667));

            int completion = 3 * ANSWER.split("\\s+").length; // the stub counts words as tokens
            assertThat(report.llmByModel())
                    .filteredOn(u -> u.kind().equals("chat"))
                    .singleElement()
                    .satisfies(u -> {
                        assertThat(u.model()).isEqualTo("stub-chat");
                        assertThat(u.calls()).isEqualTo(3);
                        assertThat(u.errors()).isZero();
                        assertThat(u.completionTokens()).isEqualTo(completion);
                        assertThat(u.promptTokens()).isPositive();
                        assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
                    });
            assertThat(report.llmByModule())
                    .filteredOn(u -> u.moduleId().equals("answerer"))
                    .extracting(UsageReport.ModuleLlmUsage::kind, UsageReport.ModuleLlmUsage::calls)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("chat", 3L),
                            org.assertj.core.groups.Tuple.tuple("embedding", 3L));
            assertThat(report.llmByModel())
                    .filteredOn(u -> u.kind().equals("embedding"))
                    .isNotEmpty();
            assertThat(report.toString()).doesNotContain("U_ALICE", "U_BOB", "U_CAROL");

            // a one-day window still holds them; the tool refuses a period it cannot cover
            assertThat(usage(bot, Map.of("days", 1)).posts()).isEqualTo(3);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> usage(bot, Map.of("days", 0))))
                    .hasMessageContaining("days must be between 1 and 365");
        }
    }

    static String answerTo(SlackEmulator slack, String channel, String question) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.repliesIn(channel, question).size() == 1);
        Map<String, Object> reply = slack.repliesIn(channel, question).get(0);
        assertThat(reply.get("text")).isEqualTo(ANSWER);
        return (String) reply.get("ts");
    }

    static UsageReport usage(TestBot bot, Map<String, Object> arguments) throws Exception {
        Tool tool = bot.tools("usage").stream()
                .filter(t -> t.name().equals("bot_usage"))
                .findFirst()
                .orElseThrow();
        assertThat(tool.writes()).isFalse();
        return (UsageReport) tool.function().call(arguments, new Tool.ToolCall("C_OPS", null, "U_ALICE"));
    }
}
