package dev.ratchet.module.recentactivity;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RatchetDatabaseExtension.class)
class RecentActivityModuleTest {

    @Test
    @SuppressWarnings("unchecked")
    void search_messages_tool_finds_peoples_relevant_messages_by_name(TestDatabase db) throws Exception {
        try (Ratchet ratchet = Ratchet.start(db.config(Map.of("llm.url", "off")),
                ModuleRegistry.of(List.of(new RecentActivityModule())).enable(List.of(), List.of()), Clock.systemUTC())) {
            MessageRepository repo = new MessageRepository(ratchet.database());
            long now = Instant.now().getEpochSecond();
            List<String> texts = List.of("rolled back the payments deploy, errors gone", "payments API returning 502s &amp; timeouts after deploy, <@U-ALICE> is on it",
                    "anyone up for lunch?", "[FIRING:1] PaymentsErrors payments 5xx rate high");
            List<float[]> vectors = new LocalEmbedder().embed(texts);
            ratchet.database().inTransaction(h -> {
                ratchet.directory().upsertUser(h, "T1", Map.of("id", "U-ALICE", "name", "alice", "real_name", "Alice Smith"));
                repo.upsert(h, "T1", "C-PAY", (now - 300) + ".000000", null, Map.of("text", texts.get(0), "user", "U-ALICE"));
                repo.upsert(h, "T1", "C-PAY", (now - 600) + ".000000", null, Map.of("text", texts.get(1), "user", "U-ALICE"));
                repo.upsert(h, "T1", "C-PAY", (now - 900) + ".000000", null, Map.of("text", texts.get(2), "user", "U-ALICE"));
                repo.upsert(h, "T1", "C-PAY", (now - 700) + ".000000", null, Map.of("text", texts.get(3), "bot_id", "B-AM", "username", "alertmanager"));
                return null;
            });
            String[] ts = {(now - 300) + ".000000", (now - 600) + ".000000", (now - 900) + ".000000", (now - 700) + ".000000"};
            for (int i = 0; i < ts.length; i++) {
                repo.setEmbedding("C-PAY", ts[i], vectors.get(i));
            }
            Registrations.RegisteredTool tool = ratchet.registrations().tools().stream()
                    .filter(t -> t.tool().name().equals("search_messages")).findFirst().orElseThrow();
            assertThat(tool.moduleId()).isEqualTo("recent-activity");
            assertThat(tool.tool().inputSchema()).contains("\"query\"");

            List<RecentActivityModule.Result> results = (List<RecentActivityModule.Result>) tool.tool().function()
                    .call(Map.of("query", "payments errors after the deploy", "limit", 3), new Tool.ToolCall("C-PAY", null, "U-ALICE"));
            assertThat(results).isNotEmpty();
            assertThat(results).extracting(RecentActivityModule.Result::text).doesNotContain(texts.get(3)); // the alert itself is left out
            // Slack's markup comes back readable (for the LLM, the API and posted lines alike)
            String readable = "payments API returning 502s & timeouts after deploy, @Alice Smith is on it";
            assertThat(results.get(0).text()).isIn(texts.get(0), readable);
            assertThat(results).extracting(RecentActivityModule.Result::text).contains(readable);
            assertThat(results.get(0).author()).isEqualTo("Alice Smith");
            assertThat(results).extracting(RecentActivityModule.Result::text).last().isNotEqualTo(texts.get(0));
        }
    }
}
