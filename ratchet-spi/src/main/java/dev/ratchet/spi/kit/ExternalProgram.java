package dev.ratchet.spi.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an operator's program once for a module (a custom classifier, a monitor's action), safely:
 * <ul>
 *   <li>no shell: the path is the program and the arguments are passed as they are, so message text never reaches a
 *       command line;</li>
 *   <li>the input is written on stdin, the answer read from stdout, only up to a limit, so a chatty program cannot
 *       fill the heap;</li>
 *   <li>at most {@code timeout}: then the program is killed with its children (a script's {@code sleep} would
 *       otherwise outlive it and keep the pipes open), so a hung program cannot hold a job worker;</li>
 *   <li>Ratchet's own settings ({@code RATCHET_*}: tokens, keys) are left out of its environment.</li>
 * </ul>
 * Thread-safe; each {@link #run} starts its own process.
 *
 * @since 0.2
 */
public final class ExternalProgram {

    /** Why a run gave no usable answer: {@link #getMessage()} is what an operator reads. */
    public static final class Failure extends Exception {

        /** What went wrong. */
        public enum Kind {
            START,
            TIMEOUT,
            EXIT,
            OUTPUT_TOO_LARGE,
            OUTPUT_LEFT_OPEN
        }

        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private static final int MAX_STDERR_BYTES = 4096;

    private final Path executable;
    private final List<String> args;
    private final Duration timeout;
    private final int maxOutputBytes;
    private final Path workingDirectory;
    private final String threadPrefix;

    /**
     * @param executable       the program
     * @param args             its arguments
     * @param timeout          how long one run may take before it is killed
     * @param maxOutputBytes   stdout beyond this is a failure
     * @param workingDirectory where it runs, or null for Ratchet's own working directory
     * @param name             names the threads that feed and read it (e.g. the module id)
     */
    public ExternalProgram(
            Path executable,
            List<String> args,
            Duration timeout,
            int maxOutputBytes,
            Path workingDirectory,
            String name) {
        this.executable = Objects.requireNonNull(executable, "executable");
        this.args = List.copyOf(args);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxOutputBytes = maxOutputBytes;
        this.workingDirectory = workingDirectory;
        this.threadPrefix = name;
    }

    /** How long one run may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs the program with {@code input} on stdin. Blocks up to the timeout.
     *
     * @return its stdout
     * @throws Failure when it could not start, overran the timeout (it is then killed), exited non-zero (the message
     *                 ends with the last line of its stderr) or wrote more than the limit
     */
    public String run(String input) throws Failure, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().keySet().removeIf(k -> k.startsWith("RATCHET_"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failure(Failure.Kind.START, "could not run " + executable + ": " + e.getMessage());
        }
        // threads of their own, not the common pool: on a small machine that pool has one thread, and concurrent runs
        // would wait for each other's output; stdin too, since a program that never reads would block a large write
        CompletableFuture<byte[]> stdout = new CompletableFuture<>();
        CompletableFuture<byte[]> stderr = new CompletableFuture<>();
        start("stdout", () -> stdout.complete(readLimited(process.getInputStream(), maxOutputBytes, false)));
        start("stderr", () -> stderr.complete(readLimited(process.getErrorStream(), MAX_STDERR_BYTES, true)));
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        start("stdin", () -> {
            try (OutputStream os = process.getOutputStream()) {
                os.write(in);
            } catch (IOException e) {
                // a program that exits without reading its input is judged by its answer, not by the broken pipe
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new Failure(
                        Failure.Kind.TIMEOUT, executable + " did not finish within " + human(timeout) + "; killed it");
            }
            byte[] out;
            try {
                out = stdout.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new Failure(Failure.Kind.OUTPUT_LEFT_OPEN, executable + " left its output open after exiting");
            }
            if (process.exitValue() != 0) {
                throw new Failure(
                        Failure.Kind.EXIT,
                        executable + " exited with status " + process.exitValue() + lastLine(stderr));
            }
            if (out == null) {
                throw new Failure(
                        Failure.Kind.OUTPUT_TOO_LARGE,
                        executable + " wrote more than " + maxOutputBytes + " bytes on stdout");
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            kill(process);
            stdout.cancel(true);
            stderr.cancel(true);
        }
    }

    private static void kill(Process process) {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void start(String stream, Runnable r) {
        Thread t = new Thread(r, threadPrefix + "-" + stream);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Reads a stream up to {@code limit}; past it, null (or, when {@code truncate}, what fit). The rest is drained so
     * the program can exit.
     */
    private static byte[] readLimited(InputStream in, int limit, boolean truncate) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        boolean over = false;
        try (in) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (!over && buf.size() + n > limit) {
                    over = true;
                    if (truncate) {
                        buf.write(chunk, 0, limit - buf.size());
                    }
                }
                if (!over) {
                    buf.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was killed: what was read so far is all there is
        }
        return over && !truncate ? null : buf.toByteArray();
    }

    private static String lastLine(CompletableFuture<byte[]> stderr) {
        byte[] err;
        try {
            err = stderr.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
        String text = new String(err, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        String last = text.substring(text.lastIndexOf('\n') + 1).strip();
        return " (stderr: " + (last.length() > 300 ? last.substring(0, 300) + "…" : last) + ")";
    }

    /** "1s", "500ms": how durations read in its messages. */
    public static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
