package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module in a real Ratchet: PostgreSQL with pgvector, JobRunr, the Slack emulator and the OpenAI stub. */
class ClassifierModuleTest {

    @TempDir
    Path dir;

    /** A bot with the classifier, generation and embeddings on the LLM stub, the workspace arranged, and more settings. */
    static TestBot start(Consumer<SlackEmulator> workspace, Consumer<OpenAiStub> llm, Map<String, String> more) {
        TestBot.Builder builder = TestBot.with(new ClassifierModule())
                .slack(workspace)
                .llm(llm)
                .set("embedding.provider", "openai"); // embedding.url is llm.url: the stub
        more.forEach(builder::set);
        return builder.start();
    }

    /** {@code attrs.classifier} of a stored message, empty when it has none. */
    static Optional<Map<String, Object>> annotation(TestBot bot, String channel, String ts) {
        return bot.annotation(channel, ts, "classifier");
    }

    /** Whether the classify handler finished for the message (so an absent annotation is a decision, not a delay). */
    static boolean classified(TestBot bot, String channel, String ts) {
        return bot.moduleRuns(channel, ts).stream()
                .anyMatch(r -> r.moduleId().equals("classifier") && r.handler().equals("classify") && r.done());
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
    void alertmanager_alert_is_classified_embedded_and_paired_with_its_resolution() {
        try (TestBot bot = start(
                slack -> {
                    slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
                    slack.addChannel("C_OPS", "team-ops");
                    slack.botJoins("C_OPS");
                },
                llm -> {},
                Map.of())) {
            SlackEmulator slack = bot.slack();
            String firing = slack.postAsIntegration(
                    "C_OPS",
                    "B_AM",
                    "Alertmanager",
                    "",
                    List.of(
                            attachment(
                                    "[FIRING:1] HighLatency (api prod critical)",
                                    "*Alert:* p99 above 2s\n • *alertname:* `HighLatency`\n • *service:* `api`\n • *severity:* `critical`")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, "C_OPS", firing).isPresent());
            assertThat(annotation(bot, "C_OPS", firing).orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("service", "api")
                    .containsEntry("alert", "HighLatency")
                    .containsEntry("priority", "critical")
                    .containsEntry("source", "alertmanager")
                    .containsEntry("method", "builtin");
            // embeddings come from a background batch job (the model loads on its first use, and a message missed by
            // a job is picked up by the recurring run within a minute): wait long enough for a loaded machine
            await().atMost(Duration.ofSeconds(90)).until(() -> bot.embedded("C_OPS", firing));

            // a person quoting it, replying in its thread, is embedded but never classified
            String quote = slack.post("C_OPS", "U_ALICE", "[FIRING:1] HighLatency (api prod critical) -- looking");
            String reply = slack.reply("C_OPS", firing, "U_ALICE", "rolling back the api deploy");
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> classified(bot, "C_OPS", quote)
                            && bot.embedded("C_OPS", quote)
                            && bot.embedded("C_OPS", reply));
            assertThat(annotation(bot, "C_OPS", quote)).isEmpty();
            assertThat(annotation(bot, "C_OPS", reply)).isEmpty();

            String resolved = slack.postAsIntegration(
                    "C_OPS",
                    "B_AM",
                    "Alertmanager",
                    "",
                    List.of(attachment(
                            "[RESOLVED] HighLatency (api prod critical)",
                            " • *service:* `api`\n • *severity:* `critical`")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, "C_OPS", firing)
                            .map(a -> a.containsKey("closed_ts"))
                            .orElse(false));
            long expected = Pairing.secondsBetween(firing, resolved);
            assertThat(annotation(bot, "C_OPS", firing).orElseThrow())
                    .containsEntry("closed_ts", resolved)
                    .containsEntry("duration_seconds", (int) expected);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> annotation(bot, "C_OPS", resolved)
                            .map(a -> a.containsKey("opened_ts"))
                            .orElse(false));
            assertThat(annotation(bot, "C_OPS", resolved).orElseThrow())
                    .containsEntry("action", "close")
                    .containsEntry("opened_ts", firing)
                    .containsEntry("duration_seconds", (int) expected)
                    .containsEntry("alert", "HighLatency")
                    .containsEntry("service", "api");
        }
    }

    @Test
    void a_re_notification_of_an_alert_still_open_is_no_new_alert_and_one_after_its_close_is() {
        try (TestBot bot = start(
                slack -> {
                    slack.addChannel("C_REP", "team-rep");
                    slack.botJoins("C_REP");
                },
                llm -> {},
                Map.of())) {
            SlackEmulator slack = bot.slack();
            java.util.function.Function<String, String> fire = detail -> slack.postAsIntegration(
                    "C_REP",
                    "B_AM",
                    "Alertmanager",
                    "",
                    List.of(attachment(
                            "[FIRING:1] DiskFull (db-1 critical)",
                            "*Alert:* " + detail + "\n • *alertname:* `DiskFull`\n • *service:* `db-1`")));
            String first = fire.apply("disk 93% used");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, "C_REP", first).isPresent());
            // the repeat interval's re-notification, another value: the same alert, still open
            String again = fire.apply("disk 97% used");
            // another alert of the same poster in between is a new one
            String other = slack.postAsIntegration(
                    "C_REP",
                    "B_AM",
                    "Alertmanager",
                    "",
                    List.of(attachment(
                            "[FIRING:1] HighLatency (api critical)",
                            "*Alert:* p99 above 2s\n • *alertname:* `HighLatency`\n • *service:* `api`")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> classified(bot, "C_REP", again) && classified(bot, "C_REP", other));
            assertThat(annotation(bot, "C_REP", again))
                    .as("a repeat is not recorded")
                    .isEmpty();
            assertThat(annotation(bot, "C_REP", other).orElseThrow()).containsEntry("action", "open");

            String resolved = slack.postAsIntegration(
                    "C_REP",
                    "B_AM",
                    "Alertmanager",
                    "",
                    List.of(attachment(
                            "[RESOLVED] DiskFull (db-1 critical)",
                            " • *alertname:* `DiskFull`\n • *service:* `db-1`")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, "C_REP", first)
                            .map(a -> resolved.equals(a.get("closed_ts")))
                            .orElse(false));
            // firing again after its close: a new alert
            String later = fire.apply("disk 95% used");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, "C_REP", later).isPresent());
            assertThat(annotation(bot, "C_REP", later).orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("alert", "DiskFull");
        }
        // with the window off every notification is an alert
        try (TestBot bot = start(
                slack -> {
                    slack.addChannel("C_REP", "team-rep");
                    slack.botJoins("C_REP");
                },
                llm -> {},
                Map.of("classifier.repeat-window", "off"))) {
            SlackEmulator slack = bot.slack();
            List<String> both = List.of("disk 93% used", "disk 97% used").stream()
                    .map(detail -> slack.postAsIntegration(
                            "C_REP",
                            "B_AM",
                            "Alertmanager",
                            "",
                            List.of(attachment("[FIRING:1] DiskFull (db-1 critical)", "*Alert:* " + detail))))
                    .toList();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> both.stream()
                            .allMatch(ts -> annotation(bot, "C_REP", ts).isPresent()));
        }
    }

    @Test
    void custom_format_is_classified_by_the_binary_and_a_hanging_binary_leaves_it_unclassified() throws Exception {
        Path bin = ExternalClassifierTest.script(dir, "classify", """
                input=$(cat)
                case "$input" in
                  *HANG*) exec sleep 60 ;;
                  *'BATCH FAILED'*) echo '{"action":"open_incident","service":"batch","alert":"NightlyJob","priority":"LOW"}' ;;
                  *) echo '{"action":"none"}' ;;
                esac""");
        try (TestBot bot = start(
                slack -> {
                    slack.addChannel("C_BATCH", "batch");
                    slack.botJoins("C_BATCH");
                },
                llm -> {},
                Map.of(
                        "classifier.incident-classification-binary",
                        bin.toString(),
                        "classifier.binary-timeout",
                        "1s"))) {
            SlackEmulator slack = bot.slack();
            String custom = slack.postAsIntegration(
                    "C_BATCH", "B_CRON", "cron-reporter", "BATCH FAILED: nightly-export exit 2", null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, "C_BATCH", custom).isPresent());
            assertThat(annotation(bot, "C_BATCH", custom).orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("service", "batch")
                    .containsEntry("alert", "NightlyJob")
                    .containsEntry("priority", "LOW")
                    .containsEntry("method", "binary");

            String hanging = slack.postAsIntegration("C_BATCH", "B_CRON", "cron-reporter", "HANG forever", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> classified(bot, "C_BATCH", hanging));
            assertThat(annotation(bot, "C_BATCH", hanging)).isEmpty();
        }
    }

    @Test
    void llm_fallback_classifies_a_bot_message_nothing_else_recognises() {
        try (TestBot bot = start(
                slack -> {
                    slack.addChannel("C_LLM", "llm");
                    slack.botJoins("C_LLM");
                },
                llm -> {
                    // the most recently registered matching rule answers: the catch-all first
                    llm.onChat()
                            .whenJsonRequested()
                            .reply("{\"action\":\"none\",\"service\":\"\",\"alert\":\"\",\"priority\":\"\"}");
                    llm.onChat()
                            .whenLastUserMessageContains("its primary part ways")
                            .whenJsonRequested()
                            .reply(
                                    "{\"action\":\"open\",\"service\":\"postgres\",\"alert\":\"ReplicationBroken\",\"priority\":\"\"}");
                },
                Map.of("classifier.llm-fallback", "true"))) {
            SlackEmulator slack = bot.slack();
            // words no rule and no learned weight takes for an alert ("pg-2 standby lost its primary link" the
            // learned stage reads as an open since it learned every blind set)
            String odd = slack.postAsIntegration(
                    "C_LLM", "B_PG", "pg-watch", "pg-2: the standby and its primary part ways", null);
            String chatter = slack.postAsIntegration("C_LLM", "B_PG", "pg-watch", "vacuum finished on pg-2", null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, "C_LLM", odd).isPresent());
            assertThat(annotation(bot, "C_LLM", odd).orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("service", "postgres")
                    .containsEntry("alert", "ReplicationBroken")
                    .containsEntry("method", "llm")
                    .doesNotContainKey("priority");
            await().atMost(Duration.ofSeconds(30)).until(() -> classified(bot, "C_LLM", chatter));
            assertThat(annotation(bot, "C_LLM", chatter)).isEmpty();
        }
    }

    @Test
    void binary_that_is_not_executable_fails_start_naming_the_setting() throws Exception {
        Path notExecutable = java.nio.file.Files.writeString(dir.resolve("classify.sh"), "echo");
        assertThatThrownBy(() -> start(
                                slack -> {},
                                llm -> {},
                                Map.of("classifier.incident-classification-binary", notExecutable.toString()))
                        .close())
                .hasMessageContaining("classifier.incident-classification-binary")
                .hasMessageContaining("not executable")
                .hasMessageContaining("RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY")
                .hasMessageContaining("chmod +x");
    }
}
