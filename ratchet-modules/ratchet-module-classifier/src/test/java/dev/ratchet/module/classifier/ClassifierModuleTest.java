package dev.ratchet.module.classifier;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The module in a real Ratchet: PostgreSQL with pgvector, JobRunr, the Slack emulator and the OpenAI stub. */
@ExtendWith(RatchetDatabaseExtension.class)
class ClassifierModuleTest {

    @TempDir
    Path dir;

    static Map<String, String> flags(SlackEmulator slack, OpenAiStub llm, Map<String, String> more) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("slack.bot-token", slack.botToken());
        flags.put("slack.app-token", slack.appToken());
        flags.put("slack.api-url", slack.apiUrl());
        flags.put("llm.url", llm.baseUrl());
        flags.put("embedding.provider", "openai");
        flags.put("embedding.url", llm.baseUrl());
        flags.putAll(more);
        return flags;
    }

    static Ratchet start(TestDatabase db, Map<String, String> flags) {
        Ratchet ratchet = Ratchet.start(db.config(flags), ModuleRegistry.of(List.of(new ClassifierModule())).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        return ratchet;
    }

    /** {@code attrs.classifier} of a stored message, empty when it has none. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> annotation(Ratchet ratchet, String channel, String ts) {
        String json = ratchet.database().withHandle(h -> h.createQuery(
                "select attrs -> 'classifier' from messages where channel_id = :c and ts = :ts").bind("c", channel).bind("ts", ts)
                .mapTo(String.class).findOne().orElse(null));
        return json == null ? Optional.empty() : Optional.of((Map<String, Object>) (Map<?, ?>) Json.readMap(json));
    }

    static boolean embedded(Ratchet ratchet, String channel, String ts) {
        return ratchet.database().withHandle(h -> h.createQuery(
                "select coalesce(bool_or(embedding is not null), false) from messages where channel_id = :c and ts = :ts")
                .bind("c", channel).bind("ts", ts).mapTo(Boolean.class).one());
    }

    /** Whether the classify handler finished for the message (so an absent annotation is a decision, not a delay). */
    static boolean classified(Ratchet ratchet, String channel, String ts) {
        return ratchet.database().withHandle(h -> h.createQuery(
                "select count(*) from module_runs where module_id = 'classifier' and handler = 'classify' and state = 'done' and event_key like :k")
                .bind("k", "%" + channel + ":" + ts + "%").mapTo(Integer.class).one()) > 0;
    }

    static Map<String, Object> attachment(String title, String text) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("fallback", title);
        a.put("color", "danger");
        a.put("title", title);
        a.put("text", text);
        return a;
    }

    @Test
    void alertmanager_alert_is_classified_embedded_and_paired_with_its_resolution(TestDatabase db) {
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addChannel("C_OPS", "team-ops");
            slack.botJoins("C_OPS");
            try (Ratchet ratchet = start(db, flags(slack, llm, Map.of()))) {
                String firing = slack.postAsIntegration("C_OPS", "B_AM", "Alertmanager", "",
                        List.of(attachment("[FIRING:1] HighLatency (api prod critical)",
                                "*Alert:* p99 above 2s\n • *alertname:* `HighLatency`\n • *service:* `api`\n • *severity:* `critical`")));
                await().atMost(Duration.ofSeconds(30)).until(() -> annotation(ratchet, "C_OPS", firing).isPresent());
                assertThat(annotation(ratchet, "C_OPS", firing).orElseThrow()).containsEntry("action", "open")
                        .containsEntry("service", "api").containsEntry("alert", "HighLatency").containsEntry("priority", "critical")
                        .containsEntry("source", "alertmanager").containsEntry("method", "builtin");
                await().atMost(Duration.ofSeconds(30)).until(() -> embedded(ratchet, "C_OPS", firing));

                // a person quoting it, replying in its thread, is embedded but never classified
                String quote = slack.post("C_OPS", "U_ALICE", "[FIRING:1] HighLatency (api prod critical) -- looking");
                String reply = slack.reply("C_OPS", firing, "U_ALICE", "rolling back the api deploy");
                await().atMost(Duration.ofSeconds(30)).until(() -> classified(ratchet, "C_OPS", quote)
                        && embedded(ratchet, "C_OPS", quote) && embedded(ratchet, "C_OPS", reply));
                assertThat(annotation(ratchet, "C_OPS", quote)).isEmpty();
                assertThat(annotation(ratchet, "C_OPS", reply)).isEmpty();

                String resolved = slack.postAsIntegration("C_OPS", "B_AM", "Alertmanager", "",
                        List.of(attachment("[RESOLVED] HighLatency (api prod critical)", " • *service:* `api`\n • *severity:* `critical`")));
                await().atMost(Duration.ofSeconds(30)).until(() -> annotation(ratchet, "C_OPS", firing).map(a -> a.containsKey("closed_ts")).orElse(false));
                long expected = Pairing.secondsBetween(firing, resolved);
                assertThat(annotation(ratchet, "C_OPS", firing).orElseThrow()).containsEntry("closed_ts", resolved)
                        .containsEntry("duration_seconds", (int) expected);
                await().atMost(Duration.ofSeconds(10)).until(() -> annotation(ratchet, "C_OPS", resolved).map(a -> a.containsKey("opened_ts")).orElse(false));
                assertThat(annotation(ratchet, "C_OPS", resolved).orElseThrow()).containsEntry("action", "close")
                        .containsEntry("opened_ts", firing).containsEntry("duration_seconds", (int) expected)
                        .containsEntry("alert", "HighLatency").containsEntry("service", "api");
            }
        }
    }

    @Test
    void custom_format_is_classified_by_the_binary_and_a_hanging_binary_leaves_it_unclassified(TestDatabase db) throws Exception {
        Path bin = ExternalClassifierTest.script(dir, "classify", """
                input=$(cat)
                case "$input" in
                  *HANG*) exec sleep 60 ;;
                  *'BATCH FAILED'*) echo '{"action":"open","service":"batch","alert":"NightlyJob","priority":"P3"}' ;;
                  *) echo '{"action":"none"}' ;;
                esac""");
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addChannel("C_BATCH", "batch");
            slack.botJoins("C_BATCH");
            try (Ratchet ratchet = start(db, flags(slack, llm, Map.of("classifier.incident-classification-binary", bin.toString(),
                    "classifier.binary-timeout", "1s")))) {
                String custom = slack.postAsIntegration("C_BATCH", "B_CRON", "cron-reporter", "BATCH FAILED: nightly-export exit 2", null);
                await().atMost(Duration.ofSeconds(30)).until(() -> annotation(ratchet, "C_BATCH", custom).isPresent());
                assertThat(annotation(ratchet, "C_BATCH", custom).orElseThrow()).containsEntry("action", "open").containsEntry("service", "batch")
                        .containsEntry("alert", "NightlyJob").containsEntry("priority", "P3").containsEntry("method", "binary");

                String hanging = slack.postAsIntegration("C_BATCH", "B_CRON", "cron-reporter", "HANG forever", null);
                await().atMost(Duration.ofSeconds(30)).until(() -> classified(ratchet, "C_BATCH", hanging));
                assertThat(annotation(ratchet, "C_BATCH", hanging)).isEmpty();
            }
        }
    }

    @Test
    void llm_fallback_classifies_a_bot_message_nothing_else_recognises(TestDatabase db) {
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addChannel("C_LLM", "llm");
            slack.botJoins("C_LLM");
            // the most recently registered matching rule answers: the catch-all first
            llm.onChat().whenJsonRequested().reply("{\"action\":\"none\",\"service\":\"\",\"alert\":\"\",\"priority\":\"\"}");
            llm.onChat().whenLastUserMessageContains("replication broke").whenJsonRequested()
                    .reply("{\"action\":\"open\",\"service\":\"postgres\",\"alert\":\"ReplicationBroken\",\"priority\":\"\"}");
            try (Ratchet ratchet = start(db, flags(slack, llm, Map.of("classifier.llm-fallback", "true")))) {
                String odd = slack.postAsIntegration("C_LLM", "B_PG", "pg-watch", "heads up: replication broke on pg-2", null);
                String chatter = slack.postAsIntegration("C_LLM", "B_PG", "pg-watch", "vacuum finished on pg-2", null);
                await().atMost(Duration.ofSeconds(30)).until(() -> annotation(ratchet, "C_LLM", odd).isPresent());
                assertThat(annotation(ratchet, "C_LLM", odd).orElseThrow()).containsEntry("action", "open").containsEntry("service", "postgres")
                        .containsEntry("alert", "ReplicationBroken").containsEntry("method", "llm").doesNotContainKey("priority");
                await().atMost(Duration.ofSeconds(30)).until(() -> classified(ratchet, "C_LLM", chatter));
                assertThat(annotation(ratchet, "C_LLM", chatter)).isEmpty();
            }
        }
    }

    @Test
    void binary_that_is_not_executable_fails_start_naming_the_setting(TestDatabase db) throws Exception {
        Path notExecutable = java.nio.file.Files.writeString(dir.resolve("classify.sh"), "echo");
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            assertThatThrownBy(() -> start(db, flags(slack, llm, Map.of("classifier.incident-classification-binary", notExecutable.toString()))))
                    .hasMessageContaining("classifier.incident-classification-binary")
                    .hasMessageContaining("not executable")
                    .hasMessageContaining("RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY")
                    .hasMessageContaining("chmod +x");
        }
    }
}
