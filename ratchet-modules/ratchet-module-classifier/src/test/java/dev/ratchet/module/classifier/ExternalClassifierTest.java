package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.module.classifier.Classification.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
    void binary_reads_the_message_on_stdin_and_its_answer_becomes_the_classification() throws Exception {
        // echoes the input into the alert name, to prove it got the JSON on stdin
        Path bin = script(dir, "classify", """
                input=$(cat)
                case "$input" in
                  *'"username":"custom-bot"'*'QUEUE STUCK'*) echo '{"action":"close","service":"billing","alert":"QueueStuck","priority":"P2","duration":"5m30s"}' ;;
                  *) echo '{"action":"none"}' ;;
                esac""");
        Classification c =
                classifier(bin, Duration.ofSeconds(10)).classify("custom-bot", "QUEUE STUCK resolved \"quoted\"");
        assertThat(c.annotation())
                .containsEntry("action", "close")
                .containsEntry("service", "billing")
                .containsEntry("alert", "QueueStuck")
                .containsEntry("priority", "P2")
                .containsEntry("duration_seconds", 330L)
                .containsEntry("source", "binary")
                .containsEntry("method", "binary");
        assertThat(classifier(bin, Duration.ofSeconds(10))
                        .classify("other", "hello")
                        .action())
                .isEqualTo(Action.NONE);
    }

    @Test
    void duration_in_seconds_is_accepted() throws Exception {
        Path bin = script(
                dir,
                "seconds",
                "cat >/dev/null; echo '{\"action\":\"close\",\"service\":\"\",\"alert\":\"A\",\"duration\":90}'");
        assertThat(classifier(bin, Duration.ofSeconds(10)).classify("u", "t").durationSeconds())
                .contains(90L);
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
                                        "echo '{\"action\":\"close\",\"alert\":\"A\",\"duration\":\"soonish\"}'"),
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
