package dev.ratchet.module.channelmonitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a monitor's executable once: without a shell (the path is the program, the message never reaches a command
 * line), JSON on stdin, at most {@code timeout} (then it is killed with its children), stdout read only up to a limit,
 * so a hung or chatty program cannot hold a job worker or fill the heap. The same approach as the classifier module's
 * external classifier. Thread-safe.
 */
final class MonitorExecutable {

    /** Why a run gave no usable output: what the operator reads in the warning. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private static final int MAX_STDERR_BYTES = 4096;

    private final Path executable;
    private final List<String> args;
    private final Duration timeout;
    private final int maxOutputBytes;
    private final Path workingDirectory;

    MonitorExecutable(Path executable, List<String> args, Duration timeout, int maxOutputBytes, Path workingDirectory) {
        this.executable = executable;
        this.args = List.copyOf(args);
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Runs the program with {@code input} on stdin. Blocks up to the timeout.
     *
     * @return its stdout
     * @throws Failure when it could not start, overran the timeout (it is then killed), exited non-zero or wrote more
     *                 than the limit
     */
    String run(String input) throws Failure, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        // Ratchet's own settings (tokens, keys) are not the program's business
        builder.environment().keySet().removeIf(k -> k.startsWith("RATCHET_"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failure("could not run " + executable + ": " + e.getMessage());
        }
        // threads of their own, not the common pool: on a small machine that pool has one thread, and concurrent runs
        // would wait for each other's output; stdin too, since a program that never reads would block a large write
        CompletableFuture<byte[]> stdout = new CompletableFuture<>();
        CompletableFuture<byte[]> stderr = new CompletableFuture<>();
        start("channel-monitor-stdout", () -> stdout.complete(readLimited(process.getInputStream(), maxOutputBytes, false)));
        start("channel-monitor-stderr", () -> stderr.complete(readLimited(process.getErrorStream(), MAX_STDERR_BYTES, true)));
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        start("channel-monitor-stdin", () -> {
            try (OutputStream os = process.getOutputStream()) {
                os.write(in);
            } catch (IOException e) {
                // a program that exits without reading its input is judged by its answer, not by the broken pipe
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new Failure(executable + " did not finish within " + human(timeout) + "; killed it");
            }
            byte[] out;
            try {
                out = stdout.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new Failure(executable + " left its output open after exiting");
            }
            if (process.exitValue() != 0) {
                throw new Failure(executable + " exited with status " + process.exitValue() + lastLine(stderr));
            }
            if (out == null) {
                throw new Failure(executable + " wrote more than " + maxOutputBytes + " bytes on stdout");
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
            // children first: a shell script's `sleep` would otherwise outlive it and keep the pipes open
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
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

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
