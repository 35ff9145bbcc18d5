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
 * The Go Ratchet's external classifier contract (v0.0.11), exactly, so that a binary written for it works unchanged: an
 * executable, run without a shell and with no arguments, reads {@code {"username": ..., "text": ...}} on stdin and
 * answers on stdout
 * {@code {"action": "open_incident"|"close_incident"|"none", "alert", "service", "priority", "duration"}}, where
 * <ul>
 *   <li>{@code action} is also accepted as {@code "open"} / {@code "close"} (Ratchet's own words);</li>
 *   <li>{@code priority} ({@code "HIGH"} or {@code "LOW"}) is read on an open only, and may be absent;</li>
 *   <li>{@code duration} is read on a close only: a JSON number is nanoseconds (Go's {@code time.Duration}), a string
 *       is a Go duration ({@code "1h30m"}, {@code "90s"}, {@code "1h2m3.5s"}, {@code "300ms"}).</li>
 * </ul>
 * Any other action or priority is an error naming the binary and the field, as in Go. Teams use it for their own alert
 * formats.
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
        Action action = actionOf(actionValue)
                .orElseThrow(() -> new Failure(binary + " answered action " + JsonText.write(actionValue)
                        + "; expected \"open_incident\", \"close_incident\" or \"none\" (or \"open\", \"close\")"));
        if (action == Action.NONE) {
            return Classification.none("binary", "binary");
        }
        Optional<String> priority = Optional.empty();
        if (action == Action.OPEN) {
            Object p = answer.get("priority");
            if (p != null && !"".equals(p)) {
                priority = Optional.of(priorityOf(p)
                        .orElseThrow(() -> new Failure(binary + " answered priority " + JsonText.write(p)
                                + "; expected \"HIGH\" or \"LOW\"")));
            }
        }
        Optional<Long> duration = Optional.empty();
        Object d = answer.get("duration");
        if (action == Action.CLOSE && d != null && !"".equals(d)) {
            duration = Durations.ofGo(d);
            if (duration.isEmpty()) {
                throw new Failure(binary + " answered duration " + JsonText.write(d)
                        + "; expected nanoseconds (a JSON number) or a Go duration such as \"1h30m\"");
            }
        }
        return new Classification(
                action, text(answer.get("service")), text(answer.get("alert")), priority, duration, "binary", "binary");
    }

    /** The Go contract's action words ({@code open_incident}, {@code close_incident}, {@code none}) and Ratchet's aliases. */
    static Optional<Action> actionOf(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        return switch (s.trim()) {
            case "open_incident", "open" -> Optional.of(Action.OPEN);
            case "close_incident", "close" -> Optional.of(Action.CLOSE);
            case "none" -> Optional.of(Action.NONE);
            default -> Optional.empty();
        };
    }

    /** The Go contract's priorities, {@code HIGH} and {@code LOW}, stored as Go writes them. */
    static Optional<String> priorityOf(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        return switch (s.trim()) {
            case "HIGH", "LOW" -> Optional.of(s.trim());
            default -> Optional.empty();
        };
    }

    /**
     * The executable a configured value names: a path as it is (relative to the working directory), a bare name looked
     * up on {@code pathVariable} (the {@code PATH}) as Go's {@code exec.LookPath} does.
     *
     * @throws IllegalArgumentException naming what was looked for and where
     */
    static Path locate(String configured, String pathVariable) {
        if (configured.contains("/")) {
            return Path.of(configured);
        }
        List<String> searched = new java.util.ArrayList<>();
        for (String dir : (pathVariable == null ? "" : pathVariable).split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(configured);
            searched.add(dir.isEmpty() ? "." : dir);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(configured + " is not an executable file in any directory of the PATH ("
                + String.join(java.io.File.pathSeparator, searched) + ")");
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
