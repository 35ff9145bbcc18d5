package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.slack.SlackExportWriter;
import dev.ratchet.module.classifier.ClassifierModule;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A classifier binary written for the Go Ratchet v0.0.11 classifies imported history unchanged: {@code ratchet import}
 * with {@code RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY}'s setting, then a job server enriches it.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class GoClassifierImportTest {

    /** Answers exactly as a Go binary does: {@code open_incident} with {@code HIGH}, {@code close_incident} with nanoseconds. */
    static final String GO_BINARY = """
            #!/bin/sh
            input=$(cat)
            case "$input" in
              *'"username":"queue-watch"'*'QUEUE STUCK firing'*)
                echo '{"action":"open_incident","alert":"QueueStuck","service":"billing","priority":"HIGH","duration":0}' ;;
              *'"username":"queue-watch"'*'QUEUE STUCK resolved'*)
                echo '{"action":"close_incident","alert":"QueueStuck","service":"billing","priority":"","duration":5400000000000}' ;;
              *) echo '{"action":"none","alert":"","service":"","priority":"","duration":0}' ;;
            esac
            """;

    @Test
    void go_style_binary_classifies_history_imported_with_ratchet_import(TestDatabase db, @TempDir Path tmp)
            throws IOException {
        Path binary = tmp.resolve("go-classifier");
        Files.writeString(binary, GO_BINARY);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        SlackExportWriter export =
                new SlackExportWriter("T-GO").user("U-A", "ann", "Ann Lee").channel("C-GO-OPS", "ops");
        Instant t = Instant.parse("2026-11-10T10:00:00Z");
        String open =
                export.botMessage("ops", t, "B-QW", "queue-watch", "QUEUE STUCK firing on billing-worker", List.of());
        String chatter =
                export.botMessage("ops", t.plusSeconds(60), "B-QW", "queue-watch", "queue depth 12", List.of());
        String close = export.botMessage(
                "ops", t.plusSeconds(7200), "B-QW", "queue-watch", "QUEUE STUCK resolved on billing-worker", List.of());
        Path zip = export.writeZip(tmp.resolve("export.zip"));
        Map<String, String> settings =
                Map.of("classifier.incident-classification-binary", binary.toString(), "classifier.embed", "false");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the binary named by the Go Ratchet's own environment variable
        CommandLine cl = RatchetCommand.commandLine(
                Map.of("RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY", binary.toString()), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(
                "--db-url",
                db.jdbcUrl(),
                "--modules",
                "classifier",
                "--set",
                "classifier.embed=false",
                "import",
                zip.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("3 message(s) (3 new)");

        // the import enqueued the enrichment; a worker with the same settings runs it
        try (Ratchet worker = Ratchet.start(
                db.config(settings),
                ModuleRegistry.of(List.of(new ClassifierModule())).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            worker.startJobServer();
            TestSql sql = TestSql.of(db);
            String pairedQuery =
                    "select count(*) from messages where channel_id = 'C-GO-OPS' and attrs -> 'classifier' ->> 'opened_ts' is not null";
            await().atMost(Duration.ofSeconds(60)).until(() -> sql.count(pairedQuery) == 1);

            Map<String, Object> opened = annotation(sql, open);
            Map<String, Object> closed = annotation(sql, close);
            assertThat(opened)
                    .containsEntry("action", "open")
                    .containsEntry("alert", "QueueStuck")
                    .containsEntry("service", "billing")
                    .containsEntry("priority", "HIGH")
                    .containsEntry("source", "binary")
                    .containsEntry("closed_ts", close);
            assertThat(closed)
                    .containsEntry("action", "close")
                    .containsEntry("opened_ts", open)
                    .doesNotContainKey("priority");
            // what the binary stated (5400000000000 ns), not the two hours between the messages
            assertThat(((Number) closed.get("duration_seconds")).longValue()).isEqualTo(5400L);
            assertThat(sql.string(
                            "select coalesce(attrs -> 'classifier' ->> 'action', 'unclassified') from messages"
                                    + " where channel_id = 'C-GO-OPS' and ts = ?",
                            chatter))
                    .isEqualTo("unclassified");
        }
    }

    @Test
    void a_go_binary_name_missing_from_the_path_fails_start_naming_the_go_variable(TestDatabase db, @TempDir Path tmp) {
        Path zip = new SlackExportWriter("T-GO2").channel("C-GO-NONE", "none").writeZip(tmp.resolve("empty.zip"));
        StringWriter err = new StringWriter();
        CommandLine cl = RatchetCommand.commandLine(
                Map.of("RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY", "no-such-go-classifier"), Path.of(""));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--db-url", db.jdbcUrl(), "--modules", "classifier", "import", zip.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString())
                .contains("no-such-go-classifier is not an executable file in any directory of the PATH")
                .contains("RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY");
    }

    static Map<String, Object> annotation(TestSql sql, String ts) {
        return Json.readMap(
                sql.string("select attrs -> 'classifier' from messages where channel_id = 'C-GO-OPS' and ts = ?", ts));
    }
}
