package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.kit.ExternalProgram;
import dev.ratchet.spi.kit.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Go Ratchet's external classifier contract: an executable, run without a shell, reads
 * {@code {"username": ..., "text": ...}} on stdin and answers
 * {@code {"action": "open"|"close"|"none", "service", "alert", "priority", "duration"}} on stdout, where
 * {@code duration} is seconds or a Go duration ({@code "5m30s"}). Teams use it for their own alert formats.
 *
 * <p>Each message runs the binary once, through the SPI's {@link ExternalProgram}: no shell, killed (with its
 * children) when it overruns the timeout, output read only up to a limit, Ratchet's own settings left out of its
 * environment. Thread-safe.
 */
public final class ExternalClassifier {

    /** Why the binary gave no classification: what the operator reads in the warning. */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final Path binary;
    private final ExternalProgram program;

    /**
     * @param binary         the executable
     * @param timeout        how long one run may take before it is killed
     * @param maxOutputBytes stdout beyond this is an error
     */
    public ExternalClassifier(Path binary, Duration timeout, int maxOutputBytes) {
        this.binary = binary;
        this.program = new ExternalProgram(binary, List.of(), timeout, maxOutputBytes, null, "classifier-binary");
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
        String out;
        try {
            out = program.run(JsonText.write(input));
        } catch (ExternalProgram.Failure f) {
            // the contract's word: the binary answers a classification
            throw new Failure(
                    f.kind() == ExternalProgram.Failure.Kind.TIMEOUT
                            ? binary + " did not answer within " + ExternalProgram.human(program.timeout())
                                    + "; killed it"
                            : f.getMessage());
        }
        return parse(out);
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
                .orElseThrow(() -> new Failure(binary + " answered action " + JsonText.write(actionValue)
                        + "; expected \"open\", \"close\" or \"none\""));
        if (action == Action.NONE) {
            return Classification.none("binary", "binary");
        }
        Optional<Long> duration = Optional.empty();
        Object d = answer.get("duration");
        if (d != null && !"".equals(d)) {
            duration = Durations.ofValue(d);
            if (duration.isEmpty()) {
                throw new Failure(binary + " answered duration " + JsonText.write(d)
                        + "; expected seconds or a duration such as \"5m30s\"");
            }
        }
        return new Classification(
                action,
                text(answer.get("service")),
                text(answer.get("alert")),
                Optional.ofNullable(text(answer.get("priority"))).filter(p -> !p.isBlank()),
                action == Action.CLOSE ? duration : Optional.empty(),
                "binary",
                "binary");
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

    @Override
    public String toString() {
        return binary.toString();
    }
}
