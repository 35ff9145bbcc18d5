package dev.ratchet.module.recentactivity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentActivityModuleTest {

    /** Embeds stored messages with the bot's embedder, as the classifier module would (built elsewhere). */
    static final class EmbedderStandIn implements RatchetModule {
        volatile ModuleContext ctx;

        @Override
        public String id() {
            return "embedder";
        }

        @Override
        public void start(ModuleContext ctx) {
            this.ctx = ctx;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void search_messages_tool_finds_peoples_relevant_messages_by_name() throws Exception {
        EmbedderStandIn embedder = new EmbedderStandIn();
        try (TestBot bot = TestBot.with(new RecentActivityModule(), embedder)
                .slack(slack -> slack.addUser("U-ALICE", "alice", "Alice Smith", "alice@example.com"))
                .start()) {
            long now = Instant.now().getEpochSecond();
            List<String> texts = List.of(
                    "rolled back the payments deploy, errors gone",
                    "payments API returning 502s &amp; timeouts after deploy, <@U-ALICE> is on it",
                    "anyone up for lunch?",
                    "[FIRING:1] PaymentsErrors payments 5xx rate high");
            String[] ts = {
                (now - 300) + ".000000", (now - 600) + ".000000", (now - 900) + ".000000", (now - 700) + ".000000"
            };
            Map<String, Object> alert = TestBot.historic(ts[3], null, "B-AM", texts.get(3));
            alert.put("username", "alertmanager");
            bot.history(
                    "C-PAY",
                    TestBot.historic(ts[0], null, "U-ALICE", texts.get(0)),
                    TestBot.historic(ts[1], null, "U-ALICE", texts.get(1)),
                    TestBot.historic(ts[2], null, "U-ALICE", texts.get(2)),
                    alert);
            List<float[]> vectors = embedder.ctx.llm().embed(texts);
            for (int i = 0; i < ts.length; i++) {
                embedder.ctx.messages().setEmbedding("C-PAY", ts[i], vectors.get(i));
            }
            Tool tool = bot.tools("recent-activity").stream()
                    .filter(t -> t.name().equals("search_messages"))
                    .findFirst()
                    .orElseThrow();
            assertThat(tool.inputSchema()).contains("\"query\"");

            List<RecentActivityModule.Result> results = (List<RecentActivityModule.Result>) tool.function()
                    .call(
                            Map.of("query", "payments errors after the deploy", "limit", 3),
                            new Tool.ToolCall("C-PAY", null, "U-ALICE"));
            assertThat(results).isNotEmpty();
            assertThat(results)
                    .extracting(RecentActivityModule.Result::text)
                    .doesNotContain(texts.get(3)); // the alert itself is left out
            // Slack's markup comes back readable (for the LLM, the API and posted lines alike)
            String alice = bot.displayName("U-ALICE");
            assertThat(alice).isEqualTo("alice"); // the directory's name, from Slack
            String readable = "payments API returning 502s & timeouts after deploy, @" + alice + " is on it";
            assertThat(results.get(0).text()).isIn(texts.get(0), readable);
            assertThat(results).extracting(RecentActivityModule.Result::text).contains(readable);
            assertThat(results.get(0).author()).isEqualTo(alice);
            assertThat(results)
                    .extracting(RecentActivityModule.Result::text)
                    .last()
                    .isNotEqualTo(texts.get(0));
        }
    }
}
