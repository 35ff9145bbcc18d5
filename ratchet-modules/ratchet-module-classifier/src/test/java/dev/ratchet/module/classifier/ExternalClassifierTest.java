package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.module.classifier.Classification.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external classifier contract against real processes: shell scripts written here, run without a shell. */
class ExternalClassifierTest {

    @TempDir
    Path dir;

    /** Writes an executable script. */
    static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    ExternalClassifier classifier(Path binary, Duration timeout) {
        return new ExternalClassifier(binary, timeout, 4096);
    }

    @Test
    void go_binary_reads_the_message_on_stdin_and_its_open_incident_becomes_the_classification() throws Exception {
        // answers as the Go Ratchet v0.0.11's binaries do, and only when it got the JSON on stdin
        Path bin = script(dir, "classify", """
                input=$(cat)
                case "$input" in
                  *'"username":"custom-bot"'*'QUEUE STUCK'*) echo '{"action":"open_incident","alert":"QueueStuck","service":"billing","priority":"HIGH"}' ;;
                  *) echo '{"action":"none"}' ;;
                esac""");
        Classification c =
                classifier(bin, Duration.ofSeconds(10)).classify("custom-bot", "QUEUE STUCK firing \"quoted\"");
        assertThat(c.annotation())
                .containsEntry("action", "open")
                .containsEntry("service", "billing")
                .containsEntry("alert", "QueueStuck")
                .containsEntry("priority", "HIGH")
                .containsEntry("source", "binary")
                .containsEntry("method", "binary")
                .doesNotContainKey("duration_seconds");
        assertThat(classifier(bin, Duration.ofSeconds(10))
                        .classify("other", "hello")
                        .action())
                .isEqualTo(Action.NONE);
    }

    @Test
    void go_close_incident_duration_is_nanoseconds_as_a_number_or_a_go_duration_text() throws Exception {
        record Case(String duration, long seconds) {}
        List<Case> cases = List.of(
                new Case("5400000000000", 5400),
                new Case("90000000000", 90),
                new Case("\"1h30m\"", 5400),
                new Case("\"90s\"", 90),
                new Case("\"1h2m3.5s\"", 3724),
                new Case("\"2500ms\"", 3),
                new Case("\"300ms\"", 0));
        for (Case k : cases) {
            Path bin = script(
                    dir,
                    "close-" + cases.indexOf(k),
                    "cat >/dev/null; echo '{\"action\":\"close_incident\",\"alert\":\"A\",\"service\":\"s\",\"duration\":"
                            + k.duration() + "}'");
            Classification c = classifier(bin, Duration.ofSeconds(10)).classify("u", "t");
            assertThat(c.action()).as(k.duration()).isEqualTo(Action.CLOSE);
            assertThat(c.durationSeconds()).as(k.duration()).contains(k.seconds());
        }
    }

    @Test
    void ratchets_own_open_and_close_words_stay_accepted_as_aliases() throws Exception {
        Path open = script(
                dir, "open", "cat >/dev/null; echo '{\"action\":\"open\",\"alert\":\"A\",\"priority\":\"LOW\"}'");
        Path close = script(
                dir, "close", "cat >/dev/null; echo '{\"action\":\"close\",\"alert\":\"A\",\"duration\":\"5m30s\"}'");
        assertThat(classifier(open, Duration.ofSeconds(10)).classify("u", "t").annotation())
                .containsEntry("action", "open")
                .containsEntry("priority", "LOW");
        assertThat(classifier(close, Duration.ofSeconds(10)).classify("u", "t").durationSeconds())
                .contains(330L);
    }

    @Test
    void priority_is_read_on_an_open_only_and_duration_on_a_close_only() throws Exception {
        // Go writes every field of its struct; the ones that do not apply are not part of the answer
        Path open = script(
                dir,
                "open-with-duration",
                "cat >/dev/null; echo '{\"action\":\"open_incident\",\"alert\":\"A\",\"service\":\"s\",\"priority\":\"LOW\",\"duration\":0}'");
        Path close = script(
                dir,
                "close-with-priority",
                "cat >/dev/null; echo '{\"action\":\"close_incident\",\"alert\":\"A\",\"service\":\"s\",\"priority\":\"\",\"duration\":\"1m\"}'");
        Classification o = classifier(open, Duration.ofSeconds(10)).classify("u", "t");
        assertThat(o.priority()).contains("LOW");
        assertThat(o.durationSeconds()).isEmpty();
        Classification c = classifier(close, Duration.ofSeconds(10)).classify("u", "t");
        assertThat(c.priority()).isEmpty();
        assertThat(c.durationSeconds()).contains(60L);
    }

    @Test
    void unknown_action_or_priority_is_an_error_naming_the_binary_and_the_field() throws Exception {
        Path action = script(dir, "fire", "cat >/dev/null; echo '{\"action\":\"fire\"}'");
        assertThatThrownBy(() -> classifier(action, Duration.ofSeconds(10)).classify("u", "t"))
                .hasMessageContaining(action.toString())
                .hasMessageContaining("answered action \"fire\"")
                .hasMessageContaining("open_incident");
        Path priority = script(
                dir, "p1", "cat >/dev/null; echo '{\"action\":\"open_incident\",\"alert\":\"A\",\"priority\":\"P1\"}'");
        assertThatThrownBy(() -> classifier(priority, Duration.ofSeconds(10)).classify("u", "t"))
                .hasMessageContaining(priority.toString())
                .hasMessageContaining("answered priority \"P1\"; expected \"HIGH\" or \"LOW\"");
    }

    @Test
    void bare_binary_name_is_looked_up_on_the_path() throws Exception {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path found = script(bin, "my-classifier", "echo '{\"action\":\"none\"}'");
        assertThat(ExternalClassifier.locate("my-classifier", dir.resolve("elsewhere") + ":" + bin))
                .isEqualTo(found);
        assertThat(ExternalClassifier.locate(found.toString(), "")).isEqualTo(found);
        assertThatThrownBy(() -> ExternalClassifier.locate("no-such-classifier", bin.toString()))
                .hasMessageContaining(
                        "no-such-classifier is not an executable file in any directory of the PATH (" + bin + ")");
    }

    @Test
    void hanging_binary_is_killed_at_the_timeout_and_reported() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path bin = script(dir, "hang", "echo $$ > " + pidFile + "\nexec sleep 60");
        assertThatThrownBy(() -> classifier(bin, Duration.ofMillis(500)).classify("u", "t"))
                .isInstanceOf(ExternalClassifier.Failure.class)
                .hasMessageContaining("did not answer within 500ms; killed it");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        // destroyForcibly has been asked; the process is gone once the kernel reaps it
        assertThat(ProcessHandle.of(pid)
                        .map(p -> p.onExit().join())
                        .map(ProcessHandle::isAlive)
                        .orElse(false))
                .isFalse();
    }

    @Test
    void child_of_a_hanging_binary_is_killed_too() throws Exception {
        Path pidFile = dir.resolve("child");
        Path bin = script(dir, "forks", "sleep 60 &\necho $! > " + pidFile + "\nwait");
        assertThatThrownBy(() -> classifier(bin, Duration.ofMillis(500)).classify("u", "t"))
                .hasMessageContaining("killed it");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(child)
                        .map(p -> p.onExit().join())
                        .map(ProcessHandle::isAlive)
                        .orElse(false))
                .isFalse();
    }

    @Test
    void output_beyond_the_limit_is_refused() throws Exception {
        Path bin = script(dir, "chatty", "cat >/dev/null; head -c 100000 /dev/zero | tr '\\\\0' 'x'");
        assertThatThrownBy(() -> classifier(bin, Duration.ofSeconds(10)).classify("u", "t"))
                .hasMessageContaining("more than 4096 bytes");
    }

    @Test
    void non_json_answers_bad_actions_and_failures_are_reported() throws Exception {
        assertThatThrownBy(() -> classifier(script(dir, "text", "echo open"), Duration.ofSeconds(10))
                        .classify("u", "t"))
                .hasMessageContaining("did not answer a JSON object");
        assertThatThrownBy(() -> classifier(script(dir, "bad", "echo '{\"action\":\"fire\"}'"), Duration.ofSeconds(10))
                        .classify("u", "t"))
                .hasMessageContaining("answered action \"fire\"");
        assertThatThrownBy(() -> classifier(script(dir, "fails", "exit 3"), Duration.ofSeconds(10))
                        .classify("u", "t"))
                .hasMessageContaining("exited with status 3");
        assertThatThrownBy(() -> classifier(
                                script(
                                        dir,
                                        "dur",
                                        "echo '{\"action\":\"close_incident\",\"alert\":\"A\",\"duration\":\"soonish\"}'"),
                                Duration.ofSeconds(10))
                        .classify("u", "t"))
                .hasMessageContaining("answered duration \"soonish\"");
    }

    @Test
    void message_text_never_reaches_a_shell() throws Exception {
        Path marker = dir.resolve("pwned");
        Path bin = script(dir, "safe", "cat >/dev/null; echo '{\"action\":\"none\"}'");
        classifier(bin, Duration.ofSeconds(10)).classify("u; touch " + marker, "$(touch " + marker + ")");
        assertThat(marker).doesNotExist();
    }

    @Test
    void missing_or_non_executable_binary_is_named_as_such() throws IOException {
        assertThat(ExternalClassifier.problemWith(dir.resolve("nope"))).contains("no such file");
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        assertThat(ExternalClassifier.problemWith(plain)).contains("not executable");
        assertThat(ExternalClassifier.problemWith(dir)).contains("not a regular file");
    }
}
