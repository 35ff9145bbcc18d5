package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.module.classifier.ClassifierModule;
import dev.ratchet.module.runbook.RunbookModule;
import dev.ratchet.module.usage.UsageModule;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operations pipeline with the real modules: history onboarded and classified without replies, a live
 * Alertmanager firing answered once with a runbook citing the past thread, and a 👍 on it counted in usage.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class OperationsEndToEndTest {

    static final String FIRING =
            "[FIRING:1] DiskFull (db-1 critical)\n*Description:* disk usage above 95% on db-1\n • *service:* `db-1`\n • *severity:* `critical`";

    @Test
    void alert_gets_one_runbook_citing_its_past_thread_and_feedback_shows_in_usage(TestDatabase db) throws Exception {
        try (SlackEmulator slack = SlackEmulator.start();
                OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C_E2E", "team-ops");
            Instant then = Instant.now().minus(Duration.ofDays(3));
            String past = slack.seedIntegration("C_E2E", "B_AM", "alertmanager", FIRING, List.of(), then);
            slack.seedReply(
                    "C_E2E", past, "U_BOB", "freed 20G with `logrotate -f /etc/logrotate.conf`", then.plusSeconds(600));
            llm.onChat().whenAnyMessageContains("concise runbooks").reply("""
                    {"overview": "db-1 fills up when logs are not rotated.", "root_causes": ["log rotation disabled"],
                     "steps": ["Run logrotate -f /etc/logrotate.conf"], "lexical_query": "db-1 disk", "semantic_query": "db-1 disk space"}""");
            Map<String, String> flags = TestBot.slackFlags(slack);
            flags.put("llm.url", llm.baseUrl());
            try (Ratchet ratchet = Ratchet.start(
                    db.config(flags),
                    ModuleRegistry.of(List.of(new ClassifierModule(), new RunbookModule(), new UsageModule()))
                            .enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                ratchet.startJobServer();
                ratchet.startSlackEvents();
                slack.botJoins("C_E2E");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> TestSql.of(ratchet)
                                        .count(
                                                "select count(*) from messages where channel_id = 'C_E2E' and attrs -> 'classifier' ->> 'action' = 'open' and embedding is not null")
                                == 1);

                String alert = slack.postAsIntegration("C_E2E", "B_AM", "alertmanager", FIRING, List.of());
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> slack.repliesIn("C_E2E", alert).size() == 1);
                Map<String, Object> runbook = slack.repliesIn("C_E2E", alert).get(0);
                assertThat(String.valueOf(runbook.get("blocks")))
                        .contains("Run logrotate -f")
                        .contains("archives/C_E2E/p" + past.replace(".", ""));
                assertThat(slack.repliesIn("C_E2E", past).stream()
                                .filter(r -> slack.botId().equals(r.get("bot_id"))))
                        .isEmpty();

                slack.react("C_E2E", (String) runbook.get("ts"), "U_BOB", "+1");
                Registrations.RegisteredTool usage = ratchet.registrations().tools().stream()
                        .filter(t -> t.tool().name().equals("bot_usage"))
                        .findFirst()
                        .orElseThrow();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> dev.ratchet.core.Json.write(usage.tool()
                                        .function()
                                        .call(Map.of("days", 1), new Tool.ToolCall(null, null, "test")))
                                .contains("\"up\":1"));
                String report = dev.ratchet.core.Json.write(
                        usage.tool().function().call(Map.of("days", 1), new Tool.ToolCall(null, null, "test")));
                assertThat(report).contains("\"moduleId\":\"runbook\"");
                assertThat(slack.botPosts()).hasSize(1);
            }
        }
    }
}
