package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ratchet classify} and {@code ratchet eval classifier}: no database, no Slack, no LLM. */
class ClassifierCommandsTest {

    record Result(int code, String out, String err) {}

    static Result ratchet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RatchetCommand.commandLine(Map.of(), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void classify_explains_which_recogniser_read_which_fields_of_a_slack_message_file(@TempDir Path tmp)
            throws IOException {
        Path file = tmp.resolve("message.json");
        Files.writeString(file, """
                {"type":"message","bot_id":"B1","bot_profile":{"name":"PagerDuty"},"attachments":[{"color":"#d20000",
                 "title":"#4521 Database connection pool exhausted",
                 "fields":[{"title":"Status","value":"Triggered"},{"title":"Service","value":"orders-api"}]}]}""");
        Result r = ratchet("classify", "--explain", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"action\":\"open\"")
                .contains("\"alert\":\"Database connection pool exhausted\"")
                .contains("\"service\":\"orders-api\"")
                .contains("recogniser: pagerduty")
                .contains("field: status = Triggered")
                .contains("title: #4521 Database connection pool exhausted");
    }

    @Test
    void classify_of_a_text_from_an_unseen_tool_says_the_generic_recogniser_found_it_and_why() {
        Result r = ratchet(
                "classify", "--explain", "--username", "Zabbix", "Resolved in 5m: MySQL: Service is down\nHost: db-02");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"action\":\"close\"")
                .contains("\"service\":\"db-02\"")
                .contains("recogniser: generic")
                .contains("why: state \"Resolved\"");
        // a reason reads as a sentence: the place's own article, no "from the a …"
        Result job = ratchet("classify", "--explain", "Backup job nightly-db FAILED on host db-2: disk quota exceeded");
        assertThat(job.out())
                .contains("why: state \"failed\" from a job's failure")
                .doesNotContainPattern("from the (?:a|an|the) ");
        Result none = ratchet("classify", "--explain", "--username", "deploybot", "Deployed api v2 to production");
        assertThat(none.out()).contains("\"action\":\"none\"").contains("none recognised it");
    }

    @Test
    void classify_of_a_missing_or_broken_file_is_a_one_line_usage_error(@TempDir Path tmp) throws IOException {
        Result missing = ratchet("classify", tmp.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("nope.json: no such file");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{not json");
        Result bad = ratchet("classify", broken.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("not a JSON object");
    }

    @Test
    void eval_classifier_prints_per_tool_and_leave_one_out_tables_for_an_operators_labels(@TempDir Path tmp)
            throws IOException {
        Path labels = tmp.resolve("labels.jsonl");
        Files.writeString(labels, """
                {"tool":"pagerduty","action":"open","username":"PagerDuty","bot":true,"text":"Triggered #12: Disk full\\nService: db","alert":"Disk full","service":"db"}
                {"tool":"pagerduty","action":"close","username":"PagerDuty","bot":true,"text":"Resolved #12: Disk full\\nService: db","alert":"Disk full","service":"db"}
                {"tool":"acme-monitor","action":"open","message":{"bot_id":"B9","username":"acme-monitor","attachments":[{"title":"[CRITICAL] queue depth","fields":[{"title":"Service","value":"billing"}]}]},"alert":"queue depth","service":"billing"}
                {"tool":"lookalike","action":"none","username":"Jenkins","bot":true,"text":"Build #4 FAILED on main"}
                {"tool":"lookalike","action":"none","bot":false,"text":"resolved it, thanks"}
                """);
        Result r = ratchet("eval", "classifier", labels.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Classifier on 5 labelled messages")
                .contains("| pagerduty | 2 | 2 | 2 | 0 | 0 | 0 | 1.00 | 1.00 | 1.00 | 1.00 |")
                .contains("| acme-monitor | 1 | 1 | 1 | 0 | 0 | 0 | 1.00 | 1.00 | 1.00 | 1.00 |")
                .contains("| overall | 5 | 3 | 3 | 0 | 0 | 2 | 1.00 | 1.00 | 1.00 | 1.00 |")
                .contains("| overall, with the poster's history | 5 | 3 | 3 | 0 | 0 | 2 | 1.00 | 1.00 | 1.00 | 1.00 |")
                .contains("Leave-one-tool-out");
    }

    @Test
    void eval_classifier_reads_the_file_as_a_channel_so_a_repeat_of_an_open_alert_is_no_new_alert(@TempDir Path tmp)
            throws IOException {
        Path labels = tmp.resolve("repeats.jsonl");
        Files.writeString(labels, """
                {"tool":"alertmanager","action":"open","message":{"ts":"1700000000.000100","bot_id":"B1","username":"alertmanager","text":"[FIRING:1] DiskFull (db-1 critical)\\n*Description:* disk 93% on db-1"},"alert":"DiskFull","service":"db-1"}
                {"tool":"alertmanager","action":"none","message":{"ts":"1700014400.000100","bot_id":"B1","username":"alertmanager","text":"[FIRING:1] DiskFull (db-1 critical)\\n*Description:* disk 97% on db-1"},"note":"the repeat interval's re-notification"}
                {"tool":"alertmanager","action":"open","message":{"ts":"1700014500.000100","bot_id":"B1","username":"alertmanager","text":"[FIRING:1] HighLatency (api critical)\\n*Description:* p99 2.4s on api"},"alert":"HighLatency","service":"api"}
                {"tool":"alertmanager","action":"close","message":{"ts":"1700016000.000100","bot_id":"B1","username":"alertmanager","text":"[RESOLVED] DiskFull (db-1 critical)\\n*Description:* disk 71% on db-1"},"alert":"DiskFull","service":"db-1"}
                {"tool":"alertmanager","action":"open","message":{"ts":"1700020000.000100","bot_id":"B1","username":"alertmanager","text":"[FIRING:1] DiskFull (db-1 critical)\\n*Description:* disk 95% on db-1"},"alert":"DiskFull","service":"db-1","note":"firing again after its close: a new alert"}
                """);
        Result r = ratchet("eval", "classifier", labels.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| overall | 5 | 4 | 4 | 0 | 0 | 1 | 1.00 | 1.00 | 1.00 |");

        Result alone = ratchet("eval", "classifier", labels.toString(), "--repeat-window", "off");
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.out()).contains("| overall | 5 | 4 | 4 | 1 | 0 | 0 | 0.80 | 1.00 | 0.89 |");

        Result bad = ratchet("eval", "classifier", labels.toString(), "--repeat-window", "soon");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--repeat-window").contains("e.g. --repeat-window 12h or off");
    }

    @Test
    void eval_classifier_refuses_a_bad_labels_file_in_one_line(@TempDir Path tmp) throws IOException {
        Path labels = Files.writeString(
                tmp.resolve("labels.jsonl"),
                "{\"tool\":\"x\",\"action\":\"open\",\"text\":\"a\"}\n{\"tool\":\"x\",\"action\":\"maybe\",\"text\":\"b\"}\n");
        Result r = ratchet("eval", "classifier", labels.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("line 2: \"action\" must be open, close or none");
        Result missing = ratchet("eval", "classifier", tmp.resolve("none.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("no such file");
    }
}
