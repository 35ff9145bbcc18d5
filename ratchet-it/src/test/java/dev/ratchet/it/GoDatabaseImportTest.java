package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.slack.GoDatabaseImporter;
import dev.ratchet.core.storage.GoDatabaseReader;
import dev.ratchet.module.classifier.ClassifierModule;
import dev.ratchet.spi.Message;
import dev.ratchet.testkit.GoRatchetDatabase;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ratchet import --from-go-db}: a database built with the Go Ratchet v0.0.11 schema, imported twice. */
@ExtendWith(RatchetDatabaseExtension.class)
class GoDatabaseImportTest {

    static final String OPEN = "1762074000.000100";
    static final String REPLY_1 = "1762074060.000200";
    static final String REPLY_2 = "1762074120.000300";
    static final String CLOSE = "1762079400.000400";
    static final String QUESTION = "1762160400.000500";
    static final String ANSWER = "1762160460.000600";

    static GoRatchetDatabase go;
    static Ratchet ratchet;

    @BeforeAll
    static void start(TestDatabase db) {
        go = GoRatchetDatabase.create()
                .channel(
                        "C-GO-OPS",
                        Map.of("name", "team-ops", "onboarding_status", "finished", "doc_responses_enabled", true))
                .channel("C-GO-HELP", Map.of("name", "team-help", "onboarding_status", "started"));
        go.message(
                        "C-GO-OPS",
                        OPEN,
                        null,
                        Map.of(
                                "message",
                                Map.of(
                                        "subtype", "bot_message",
                                        "text", "checkout-api: p99 latency above 2s for 10 minutes",
                                        "bot_id", "B-MON",
                                        "bot_username", "custom-monitor"),
                                "reactions",
                                Map.of("eyes", 2),
                                "incident_action",
                                Map.of(
                                        "action",
                                        "open_incident",
                                        "alert",
                                        "latency high",
                                        "service",
                                        "checkout-api",
                                        "priority",
                                        "HIGH")))
                .message(
                        "C-GO-OPS",
                        REPLY_1,
                        OPEN,
                        Map.of(
                                "message",
                                Map.of("text", "looking, the cache looks cold", "user", "U-ALICE"),
                                "reactions",
                                Map.of("+1", 1)))
                .message(
                        "C-GO-OPS",
                        REPLY_2,
                        OPEN,
                        Map.of("message", Map.of("text", "warmed the cache, latency back to normal", "user", "U-BOB")))
                .message(
                        "C-GO-OPS",
                        CLOSE,
                        null,
                        Map.of(
                                "message",
                                Map.of(
                                        "subtype", "bot_message",
                                        "text", "checkout-api: p99 latency back under 2s",
                                        "bot_id", "B-MON",
                                        "bot_username", "custom-monitor"),
                                "incident_action",
                                Map.of(
                                        "action",
                                        "close_incident",
                                        "alert",
                                        "latency high",
                                        "service",
                                        "checkout-api",
                                        "duration",
                                        "1h30m0s")))
                .message(
                        "C-GO-HELP",
                        QUESTION,
                        null,
                        Map.of(
                                "message",
                                Map.of("text", "how do I get VPN access?", "user", "U-BOB"),
                                "incident_action",
                                Map.of("action", "none")))
                .message(
                        "C-GO-HELP",
                        ANSWER,
                        QUESTION,
                        Map.of("message", Map.of("text", "file a ticket with IT", "user", "U-ALICE")))
                // Go's own embedding (768 dimensions, its model): never read
                .execute(
                        "update messages_v3 set embedding = array_fill(0.5, array[768])::vector where ts = ?", QUESTION)
                .execute("insert into llmusageV1 (input, output, model) values ('{}', '{}', 'qwen2.5:7b')")
                .execute("insert into documentation_docs values ('https://github.com/acme/docs', 'a.md', 'r1', '# A')");
        ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off")),
                ModuleRegistry.of(List.of(new ClassifierModule())).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
    }

    @AfterAll
    static void stop() {
        if (ratchet != null) {
            ratchet.close();
        }
        if (go != null) {
            go.close();
        }
    }

    static int count(String sql) {
        return TestSql.of(ratchet).count(sql);
    }

    static GoDatabaseImporter.Report importOnce(List<String> progress) {
        try (GoDatabaseReader reader = GoDatabaseReader.open(go.url("s3cret-pass"))) {
            assertThat(reader.safeUrl()).doesNotContain("s3cret").endsWith("/" + go.name());
            return new GoDatabaseImporter(ratchet.storage(), ratchet.ingestor(), ratchet.directory())
                    .importFrom(reader, "T-GO", new GoDatabaseImporter.Progress() {
                        @Override
                        public void start(long messages) {
                            progress.add("start " + messages);
                        }

                        @Override
                        public void done(long messages) {
                            progress.add("done " + messages);
                        }
                    });
        }
    }

    record Counts(int channels, int messages, int replies, int alerts, int embedded) {}

    static Counts counts() {
        return new Counts(
                count("select count(*) from channels where id like 'C-GO-%'"),
                count("select count(*) from messages where channel_id like 'C-GO-%'"),
                count("select count(*) from messages where channel_id like 'C-GO-%' and parent_ts is not null"),
                count("select count(*) from messages where channel_id like 'C-GO-%'"
                        + " and attrs -> 'classifier' ->> 'action' in ('open', 'close')"),
                count("select count(*) from messages where channel_id like 'C-GO-%' and embedding is not null"));
    }

    @Test
    void a_go_database_imported_twice_keeps_its_threads_reactions_and_alerts_once() {
        List<String> progress = new ArrayList<>();
        GoDatabaseImporter.Report first = importOnce(progress);
        assertThat(first.problems()).isEmpty();
        assertThat(first.channels()).isEqualTo(2);
        assertThat(first.messages()).isEqualTo(6);
        assertThat(first.newMessages()).isEqualTo(6);
        assertThat(first.threadReplies()).isEqualTo(3);
        assertThat(first.reactions()).isEqualTo(3);
        assertThat(first.alerts()).isEqualTo(2);
        assertThat(first.newAlerts()).isEqualTo(2);
        assertThat(first.llmUsageRows()).isEqualTo(1);
        assertThat(first.documents()).isEqualTo(1);
        assertThat(first.docResponseChannels()).containsExactly("C-GO-OPS");
        assertThat(progress).containsExactly("start 6", "done 6");

        // the enrichment queued like any history: embeddings made with this configuration's model (384 dimensions,
        // not Go's 768), and the classifier keeps (and pairs) what Go classified though it does not recognise the
        // custom monitor itself
        await().atMost(Duration.ofSeconds(120))
                .until(() -> counts().embedded() == 6
                        && count("select count(*) from messages where channel_id = 'C-GO-OPS' and ts = '" + OPEN
                                        + "' and attrs -> 'classifier' ->> 'closed_ts' = '" + CLOSE + "'")
                                == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from module_runs where state not in ('done', 'failed')") == 0);
        Counts before = counts();
        assertThat(before).isEqualTo(new Counts(2, 6, 3, 2, 6));
        assertThat(
                        count(
                                "select count(*) from messages where channel_id like 'C-GO-%' and vector_dims(embedding) = 384"))
                .isEqualTo(6);

        GoDatabaseImporter.Report second = importOnce(new ArrayList<>());
        assertThat(second.messages()).isEqualTo(6);
        assertThat(second.newMessages()).isZero();
        assertThat(second.newAlerts()).isZero();
        assertThat(counts()).isEqualTo(before);
        assertThat(count("select count(*) from module_runs where state not in ('done', 'failed')"))
                .isZero();

        // a thread
        List<Message> thread = ratchet.storage().messages().thread("C-GO-OPS", OPEN);
        assertThat(thread)
                .extracting(Message::text)
                .containsExactly(
                        "checkout-api: p99 latency above 2s for 10 minutes",
                        "looking, the cache looks cold",
                        "warmed the cache, latency back to normal");
        assertThat(thread.get(0).botId()).contains("B-MON");
        assertThat(ratchet.directory().displayName("B-MON")).isEqualTo("custom-monitor");
        // reactions: Go kept counts only
        assertThat(thread.get(0).attrs().get("reactions"))
                .isEqualTo(Map.of("eyes", List.of("go-import-1", "go-import-2")));
        assertThat(thread.get(1).attrs().get("reactions")).isEqualTo(Map.of("+1", List.of("go-import-1")));
        // the alert, as the other modules read it
        var open = ratchet.storage()
                .alerts()
                .find(
                        "C-GO-OPS",
                        "checkout-api",
                        "latency high",
                        dev.ratchet.spi.AlertEvent.Action.OPEN,
                        false,
                        java.time.Instant.EPOCH,
                        java.time.Instant.now(),
                        10)
                .get(0);
        assertThat(open.priority()).contains("HIGH");
        assertThat(open.pairedTs()).contains(CLOSE);
        assertThat(open.duration()).contains(Duration.ofMinutes(90));
        assertThat(open.source()).isEqualTo("go-ratchet");
        assertThat(open.method()).isEqualTo("imported");
        // the channels, with what Go knew of them
        Map<String, Object> ops = ratchet.directory().channel("C-GO-OPS").orElseThrow();
        assertThat(ops).containsEntry("name", "team-ops");
        assertThat(Json.write(ops.get("go_ratchet"))).contains("\"doc_responses_enabled\":true");
        // history is never replied to
        assertThat(count("select count(*) from bot_posts")).isZero();
    }

    @Test
    void a_database_that_is_not_go_ratchets_is_refused_without_its_password(TestDatabase db) {
        String url = "postgresql://postgres:hunter2@" + db.jdbcUrl().substring("jdbc:postgresql://".length());
        assertThatThrownBy(() -> GoDatabaseReader.open(url))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a Go Ratchet v0.0.11 database: it has no channels_v2 table")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> GoDatabaseReader.open("mysql://root:hunter2@db/ratchet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> GoDatabaseReader.open("postgresql://postgres:hunter2@127.0.0.1:1/ratchet"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "cannot connect to the Go Ratchet database postgresql://postgres@127.0.0.1:1/ratchet")
                .hasMessageNotContaining("hunter2");
    }
}
