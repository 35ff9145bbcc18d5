package dev.ratchet.module.classifier;

import dev.ratchet.spi.JsonText;
import dev.ratchet.module.classifier.Classification.Action;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Go Ratchet's external classifier contract: an executable, run without a shell, reads
 * {@code {"username": ..., "text": ...}} on stdin and answers
 * {@code {"action": "open"|"close"|"none", "service", "alert", "priority", "duration"}} on stdout, where
 * {@code duration} is seconds or a Go duration ({@code "5m30s"}). Teams use it for their own alert formats.
 *
 * <p>Each message runs the binary once. It is killed (with its children) when it overruns the timeout, and its output
 * is read only up to a limit, so a hung or chatty binary cannot hold a job worker or fill the heap. Thread-safe.
 */
public final class ExternalClassifier {

    /** Why the binary gave no classification: what the operator reads in the warning. */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final Path binary;
    private final Duration timeout;
    private final int maxOutputBytes;

    /**
     * @param binary         the executable
     * @param timeout        how long one run may take before it is killed
     * @param maxOutputBytes stdout beyond this is an error
     */
    public ExternalClassifier(Path binary, Duration timeout, int maxOutputBytes) {
        this.binary = binary;
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
    }

    /** Why {@code path} cannot be used as the classifier binary, or empty when it can. */
    public static Optional<String> problemWith(Path path) {
        if (!Files.exists(path)) {
            return Optional.of("no such file");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("not a regular file");
        }
        if (!Files.isExecutable(path)) {
            return Optional.of("not executable");
        }
        return Optional.empty();
    }

    /**
     * Runs the binary on one message. Blocks up to the timeout.
     *
     * @return its classification ({@link Action#NONE} when it answered {@code "none"})
     * @throws Failure when it could not run, overran the timeout (it is then killed), exited non-zero, wrote too much
     *                 or answered something that is not the contract's JSON
     */
    public Classification classify(String username, String text) throws Failure, InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("username", username == null ? "" : username);
        input.put("text", text == null ? "" : text);
        Process process;
        try {
            // no shell: the path is the program, and the message never reaches a command line
            process = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new Failure("could not run " + binary + ": " + e.getMessage());
        }
        // a thread of its own, not the common pool: on a small machine that pool has one thread, and concurrent runs
        // would wait for each other's output
        CompletableFuture<byte[]> stdout = new CompletableFuture<>();
        Thread reader = new Thread(() -> stdout.complete(readLimited(process.getInputStream())), "classifier-binary-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(JsonText.write(input).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a binary that exits without reading its input is judged by its answer, not by the broken pipe
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Failure(binary + " did not answer within " + human(timeout) + "; killed it");
            }
            byte[] out;
            try {
                out = stdout.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new Failure(binary + " left its output open after exiting");
            }
            if (out == null) {
                throw new Failure(binary + " wrote more than " + maxOutputBytes + " bytes on stdout");
            }
            if (process.exitValue() != 0) {
                throw new Failure(binary + " exited with status " + process.exitValue());
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            stdout.cancel(true);
        }
    }

    /** Reads a stream up to the limit; null when the limit was passed (the rest is drained so the binary can exit). */
    private byte[] readLimited(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        boolean over = false;
        try (in) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (!over && buf.size() + n > maxOutputBytes) {
                    over = true;
                }
                if (!over) {
                    buf.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was killed: what was read so far is all there is
        }
        return over ? null : buf.toByteArray();
    }

    /** Parses the binary's answer. Package-private for tests. */
    Classification parse(String stdout) throws Failure {
        Map<String, Object> answer;
        try {
            answer = JsonText.parseObject(stdout.trim());
        } catch (IllegalArgumentException e) {
            throw new Failure(binary + " did not answer a JSON object (" + e.getMessage() + ")");
        }
        Object actionValue = answer.get("action");
        Action action = Action.of(actionValue instanceof String s ? s : null)
                .orElseThrow(() -> new Failure(binary + " answered action " + JsonText.write(actionValue) + "; expected \"open\", \"close\" or \"none\""));
        if (action == Action.NONE) {
            return Classification.none("binary", "binary");
        }
        Optional<Long> duration = Optional.empty();
        Object d = answer.get("duration");
        if (d != null && !"".equals(d)) {
            duration = Durations.ofValue(d);
            if (duration.isEmpty()) {
                throw new Failure(binary + " answered duration " + JsonText.write(d) + "; expected seconds or a duration such as \"5m30s\"");
            }
        }
        return new Classification(action, text(answer.get("service")), text(answer.get("alert")),
                Optional.ofNullable(text(answer.get("priority"))).filter(p -> !p.isBlank()), action == Action.CLOSE ? duration : Optional.empty(),
                "binary", "binary");
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Long || v instanceof Double) {
            return v.toString();
        }
        return v instanceof String s ? s : JsonText.write(v);
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Override
    public String toString() {
        return binary.toString();
    }
}
