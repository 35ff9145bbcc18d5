package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.AlertEvent;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.ChatRequest;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LLM fallback learns from the workspace: the same template is not asked twice, and the prompt carries the
 * integration's own classified history as few-shot examples.
 */
class LlmFallbackLearningTest {

    static long classifyCalls(TestBot bot) {
        return bot.llmCalls("classifier").stream()
                .filter(c -> c.kind().equals("chat") && c.purpose().equals("classify"))
                .count();
    }

    static boolean classified(TestBot bot, String channel, String ts) {
        return bot.moduleRuns(channel, ts).stream()
                .anyMatch(r -> r.moduleId().equals("classifier") && r.handler().equals("classify") && r.done());
    }

    @Test
    void same_template_is_asked_once_and_the_bots_history_becomes_few_shot_examples() {
        try (TestBot bot = TestBot.with(new ClassifierModule())
                .set("classifier.llm-fallback", "true")
                .set("classifier.embed", "false")
                .set("classifier.questions", "false")
                .slack(s -> {
                    s.addChannel("C_QW", "queues");
                    s.botJoins("C_QW");
                })
                .llm(llm -> {
                    llm.onChat()
                            .whenJsonRequested()
                            .reply("{\"action\":\"none\",\"service\":\"\",\"alert\":\"\",\"priority\":\"\"}");
                    llm.onChat()
                            .whenLastUserMessageContains("QUEUE STUCK")
                            .whenJsonRequested()
                            .reply("{\"action\":\"open\",\"service\":\"billing-worker-7\",\"alert\":\"QueueStuck\","
                                    + "\"priority\":\"\"}");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            String first = slack.postAsIntegration(
                    "C_QW",
                    "B_QW",
                    "queue-watch",
                    "QUEUE STUCK on billing-worker-7 (depth 1532) <https://q.example/7>",
                    null);
            await().atMost(Duration.ofSeconds(30)).until(() -> classified(bot, "C_QW", first));
            assertThat(bot.alert("C_QW", first)).map(AlertEvent::alert).contains("QueueStuck");
            assertThat(classifyCalls(bot)).isEqualTo(1);
            ChatRequest firstPrompt = bot.llm().lastChatRequest();
            assertThat(firstPrompt.messages()).noneMatch(m -> m.role().equals("assistant")); // no history yet

            // the same template, other numbers and link: decided from the cache, no call
            String second = slack.postAsIntegration(
                    "C_QW",
                    "B_QW",
                    "queue-watch",
                    "QUEUE STUCK on billing-worker-3 (depth 88) <https://q.example/3>",
                    null);
            await().atMost(Duration.ofSeconds(30)).until(() -> classified(bot, "C_QW", second));
            assertThat(classifyCalls(bot)).isEqualTo(1);
            AlertEvent cached = bot.alert("C_QW", second).orElseThrow();
            assertThat(cached.action()).isEqualTo(AlertEvent.Action.OPEN);
            assertThat(cached.alert()).isEqualTo("QueueStuck");
            assertThat(cached.service()).isEqualTo("billing-worker-3"); // this message's worker, not the cached one's

            // another template of the same integration: asked, with its classified history as examples
            String third =
                    slack.postAsIntegration("C_QW", "B_QW", "queue-watch", "queue depth normal on all workers", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> classified(bot, "C_QW", third));
            assertThat(classifyCalls(bot)).isEqualTo(2);
            assertThat(bot.alert("C_QW", third)).isEmpty();
            List<ChatRequest.Message> prompt = bot.llm().lastChatRequest().messages();
            assertThat(prompt)
                    .anySatisfy(m -> {
                        assertThat(m.role()).isEqualTo("user");
                        assertThat(m.content()).contains("QUEUE STUCK on billing-worker-");
                    })
                    .anySatisfy(m -> {
                        assertThat(m.role()).isEqualTo("assistant");
                        assertThat(m.content()).contains("\"action\":\"open\"").contains("QueueStuck");
                    });
            assertThat(prompt.get(prompt.size() - 1).content()).contains("queue depth normal on all workers");

            // and its "none" is remembered too
            String fourth =
                    slack.postAsIntegration("C_QW", "B_QW", "queue-watch", "queue depth normal on all workers", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> classified(bot, "C_QW", fourth));
            assertThat(classifyCalls(bot)).isEqualTo(2);
        }
    }

    @Test
    void template_shape_hides_numbers_ids_links_and_mentions() {
        assertThat(LlmClassifier.shape("QUEUE STUCK on worker-7 (depth 1532) <https://q/7|open> by <@U123>"))
                .isEqualTo(LlmClassifier.shape("QUEUE STUCK on worker-12 (depth 8)  <https://q/12|open> by <@U999>"))
                .isEqualTo("QUEUE STUCK on worker-# (depth #) <url> by <mention>");
        assertThat(LlmClassifier.shape("build 3f9a2c1b failed")).isEqualTo("build <id> failed");
        assertThat(LlmClassifier.shape("QUEUE STUCK")).isNotEqualTo(LlmClassifier.shape("QUEUE OK"));
    }
}
