package dev.ratchet.module.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.BotActivity.BotPost;
import dev.ratchet.spi.BotActivity.LlmUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageReportTest {

    static final Instant UNTIL = Instant.parse("2024-05-08T09:30:00Z");
    static final Instant SINCE = UNTIL.minusSeconds(7 * 86_400);

    static BotPost post(String module, String channel, Map<String, List<String>> reactions) {
        return new BotPost(module, channel, "1715000000.000100", null, UNTIL.minusSeconds(60), reactions);
    }

    final UsageReport report = UsageReport.of(
            SINCE,
            UNTIL,
            7,
            List.of(
                    post(
                            "runbook",
                            "C_OPS",
                            Map.of("+1", List.of("U_A"), "thumbsup", List.of("U_A", "U_B"), "eyes", List.of("U_C"))),
                    post("runbook", "C_OPS", Map.of("-1", List.of("U_A"), "thumbsdown", List.of("U_B"))),
                    post("runbook", "C_HELP", Map.of("tada", List.of("U_A"))),
                    post("docrag", "C_HELP", Map.of()),
                    post("docrag", "C_OPS", Map.of("+1", List.of("U_C")))),
            List.of(
                    new LlmUsage("runbook", "qwen2.5:7b", "chat", 3, 1, 300, 60),
                    new LlmUsage("docrag", "qwen2.5:7b", "chat", 2, 0, 100, 40),
                    new LlmUsage("docrag", "gpt-4o-mini", "chat", 1, 0, 10, 5),
                    new LlmUsage("docrag", "bge-small", "embedding", 4, 0, 0, 0)));

    @Test
    void posts_are_counted_per_channel_and_per_module_most_first() {
        assertThat(report.posts()).isEqualTo(5);
        assertThat(report.postsByChannel())
                .containsExactly(new UsageReport.ChannelPosts("C_OPS", 3), new UsageReport.ChannelPosts("C_HELP", 2));
        assertThat(report.postsByModule())
                .containsExactly(new UsageReport.ModulePosts("runbook", 3), new UsageReport.ModulePosts("docrag", 2));
        assertThat(report.since()).isEqualTo("2024-05-01T09:30:00Z");
        assertThat(report.until()).isEqualTo("2024-05-08T09:30:00Z");
    }

    @Test
    void thumbs_count_each_person_once_per_post_whatever_alias_they_used() {
        assertThat(report.feedbackByModule())
                .containsExactly(
                        new UsageReport.ModuleFeedback("runbook", 3, 2, 2, 2, 0.667),
                        new UsageReport.ModuleFeedback("docrag", 2, 1, 0, 1, 0.5));
    }

    @Test
    void llm_usage_is_summed_per_model_and_per_module_with_chat_and_embeddings_apart() {
        assertThat(report.llmByModel())
                .containsExactly(
                        new UsageReport.ModelLlmUsage("qwen2.5:7b", "chat", 5, 1, 400, 100, 500),
                        new UsageReport.ModelLlmUsage("bge-small", "embedding", 4, 0, 0, 0, 0),
                        new UsageReport.ModelLlmUsage("gpt-4o-mini", "chat", 1, 0, 10, 5, 15));
        assertThat(report.llmByModule())
                .containsExactly(
                        new UsageReport.ModuleLlmUsage("docrag", "embedding", 4, 0, 0, 0, 0),
                        new UsageReport.ModuleLlmUsage("docrag", "chat", 3, 0, 110, 45, 155),
                        new UsageReport.ModuleLlmUsage("runbook", "chat", 3, 1, 300, 60, 360));
    }

    @Test
    void people_who_reacted_never_appear_in_the_report_or_its_message() {
        UsageMessage message = UsageMessage.of(report);
        for (String user : List.of("U_A", "U_B", "U_C")) {
            assertThat(report.toString()).doesNotContain(user);
            assertThat(message.text() + message.blocksJson()).doesNotContain(user);
        }
    }

    @Test
    void the_message_shows_channels_as_mentions_modules_feedback_and_tokens() {
        UsageMessage message = UsageMessage.of(report);
        assertThat(message.text())
                .startsWith("Bot usage, last 7 days (2024-05-01 09:30 → 2024-05-08 09:30 UTC): ")
                .contains("5 posts in 2 channels by 2 modules; 👍 3 👎 2; 6 LLM calls, 515 tokens.");
        assertThat(message.blocksJson())
                .startsWith("[{\"type\":\"header\"")
                .contains("<#C_OPS>  3")
                .contains("`runbook`  👍 2 · 👎 2 · 67% of 3 posts got feedback")
                .contains("`qwen2.5:7b`  5 calls (1 error), 500 tokens (400 in, 100 out)")
                .contains("*Embeddings per module*\\n`docrag`  4 calls");
    }

    @Test
    void an_empty_period_says_so() {
        UsageReport empty = UsageReport.of(SINCE, UNTIL, 1, List.of(), List.of());
        UsageMessage message = UsageMessage.of(empty);
        assertThat(empty.feedbackByModule()).isEmpty();
        assertThat(message.text()).contains("last 1 day").contains("0 posts in 0 channels by 0 modules");
        assertThat(message.blocksJson()).contains("no LLM or embedding calls in this period");
    }
}
