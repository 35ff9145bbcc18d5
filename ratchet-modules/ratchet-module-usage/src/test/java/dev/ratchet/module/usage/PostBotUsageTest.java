package dev.ratchet.module.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Posting the usage report to a channel (once per period) and serving it at {@code GET /summary}. */
class PostBotUsageTest {

    @Test
    @SuppressWarnings("unchecked")
    void usage_is_posted_as_blocks_with_a_text_fallback_once_per_channel_and_period_and_served_as_json()
            throws Exception {
        try (TestBot bot = TestBot.with(new UsageModule())
                .slack(slack -> {
                    slack.addChannel("C_OPS", "team-ops");
                    slack.botJoins("C_OPS");
                })
                .start()) {
            Tool post = bot.tools("usage").stream()
                    .filter(t -> t.name().equals("post_bot_usage"))
                    .findFirst()
                    .orElseThrow();
            assertThat(post.writes()).isTrue();
            assertThat(post.inputSchema())
                    .contains("\"channel\"")
                    .contains("\"days\"")
                    .contains("\"required\": [\"channel\"]");
            Tool.ToolCall caller = new Tool.ToolCall("C_OPS", null, "U_ALICE");

            UsageModule.PostedUsage first =
                    (UsageModule.PostedUsage) post.function().call(Map.of("channel", "C_OPS"), caller);
            UsageModule.PostedUsage again =
                    (UsageModule.PostedUsage) post.function().call(Map.of("channel", "C_OPS", "days", 7), caller);

            assertThat(again.ts()).isEqualTo(first.ts());
            assertThat(first.period()).matches("\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2}");
            assertThat(bot.botPosts()).singleElement().satisfies(p -> {
                assertThat(p.get("channel")).isEqualTo("C_OPS");
                assertThat((String) p.get("text"))
                        .startsWith("Bot usage, last 7 days")
                        .contains("0 posts in 0 channels");
                assertThat((List<Map<String, Object>>) p.get("blocks"))
                        .extracting(b -> b.get("type"))
                        .startsWith("header", "context", "section")
                        .contains("divider");
            });
            assertThat(catchThrowable(() -> post.function().call(Map.of("channel", "#team-ops"), caller)))
                    .hasMessageContaining("channel must be a Slack channel id");

            RouteHandler.Response response = bot.handle(HttpMethod.GET, "/api/modules/usage/summary?days=3", "");
            assertThat(response.status()).isEqualTo(200);
            UsageReport report = (UsageReport) response.body();
            assertThat(report.days()).isEqualTo(3);
            assertThat(report.postsByModule())
                    .containsExactly(new UsageReport.ModulePosts("usage", 1)); // its own post, counted once
            assertThat(report.postsByChannel()).containsExactly(new UsageReport.ChannelPosts("C_OPS", 1));
            assertThat(catchThrowable(() -> bot.handle(HttpMethod.GET, "/api/modules/usage/summary?days=week", "")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("days must be a whole number");
        }
    }
}
