package dev.ratchet.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The bot of {@code ratchet bench reply --bot-process}: a {@code ratchet run} in its own process, against the Slack
 * emulator and LLM stub of the bench process, so that its memory is the bot's alone. Started from the distribution's
 * {@code bin/ratchet} (with its JVM defaults) when the bench runs from one, otherwise (a build's test run) as
 * {@code java -cp <this class path> dev.ratchet.app.Main} with the same defaults.
 */
final class BenchReplyBot implements AutoCloseable {

    /**
     * The JVM options bin/ratchet adds before {@code javaOpts} (its JAVA_OPTS), on this JDK: the same rule as the
     * launcher's, each kind of default left out when {@code javaOpts} sets one of that kind (a heap size, a collector,
     * with which the serial collector's free ratios go too, the free ratios, the native heap trimming).
     */
    static List<String> distDefaults(String javaOpts) {
        return distDefaults(Runtime.version(), javaOpts);
    }

    /**
     * bin/ratchet's defaults given JAVA_OPTS {@code javaOpts} (null for none): {@code -Xms64m -Xmx384m}, the serial
     * collector with the old generation kept 10-30 % free and shrunk at once after a full collection, and the native
     * heap trimming on the JDKs that have it (17.0.9+, 21.0.1+, 22+).
     */
    static List<String> distDefaults(Runtime.Version v, String javaOpts) {
        String opts = javaOpts == null ? "" : javaOpts;
        List<String> defaults = new ArrayList<>();
        if (!Pattern.compile("-Xmx|-Xms|MaxHeapSize|InitialHeapSize|MaxRAM")
                .matcher(opts)
                .find()) {
            defaults.addAll(List.of("-Xms64m", "-Xmx384m"));
        }
        if (!Pattern.compile("-XX:[+]Use[A-Za-z0-9]*GC").matcher(opts).find()) {
            defaults.add("-XX:+UseSerialGC");
            if (!Pattern.compile("HeapFreeRatio|ShrinkHeapInSteps")
                    .matcher(opts)
                    .find()) {
                defaults.addAll(
                        List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps"));
            }
        }
        boolean trims =
                v.feature() >= 22 || (v.feature() == 21 && v.update() >= 1) || (v.feature() == 17 && v.update() >= 9);
        if (trims && !opts.contains("TrimNativeHeapInterval")) {
            defaults.add("-XX:TrimNativeHeapInterval=5000");
        }
        return List.copyOf(defaults);
    }

    private final Process process;
    private final Path log;
    private final String how;
    private final int apiPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BenchReplyBot(Process process, Path log, String how, int apiPort) {
        this.process = process;
        this.log = log;
        this.how = how;
        this.apiPort = apiPort;
    }

    /**
     * Starts {@code ratchet <rootArgs> --set api.address=127.0.0.1:<free port> run}.
     *
     * @param dist the distribution (bin/ratchet), or null for this JVM's class path
     * @param javaOpts the child's JAVA_OPTS, or null for none: the bench's own JAVA_OPTS, JAVA_TOOL_OPTIONS and
     *     JDK_JAVA_OPTIONS are not passed on, so that a bench given a larger heap measures a bot with the default one
     * @param environment added to the child's environment (the Slack tokens)
     */
    static BenchReplyBot start(Path dist, String javaOpts, List<String> rootArgs, Map<String, String> environment)
            throws IOException, java.net.URISyntaxException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        String how;
        if (dist != null) {
            command.add(dist.resolve("bin/ratchet").toString());
            how = dist.resolve("bin/ratchet") + " run";
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> defaults = distDefaults(javaOpts);
            command.addAll(defaults);
            if (javaOpts != null) {
                command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
            }
            command.add("-cp");
            command.add(BenchChaos.childClassPath());
            command.add(Main.class.getName());
            how = "java " + String.join(" ", defaults) + (javaOpts == null ? "" : " " + javaOpts) + " -cp <class path> "
                    + Main.class.getName() + " run";
        }
        command.addAll(rootArgs);
        command.add("--set");
        command.add("api.address=127.0.0.1:" + port);
        command.add("run");
        Path log = Files.createTempFile("ratchet-bench-reply-bot", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("JAVA_OPTS");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        if (javaOpts != null && dist != null) {
            env.put("JAVA_OPTS", javaOpts);
        }
        env.putIfAbsent("MALLOC_ARENA_MAX", "2"); // as bin/ratchet does
        env.putAll(environment);
        return new BenchReplyBot(builder.start(), log, how, port);
    }

    /** How the bot was started, for the report. */
    String how() {
        return how;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits until the bot's /readyz answers 200. */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/readyz"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bot (" + how + ") did not answer /readyz 200 within " + timeout
                        + "; its output is in " + log);
            }
            Thread.sleep(100);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Throws, naming the log, if the bot exited. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "the bot (" + how + ") exited with " + process.exitValue() + "; its output is in " + log);
        }
    }

    /**
     * The bot's RSS (VmRSS, RssAnon, RssFile of /proc/PID/status) and what its JVM reports on /metrics (heap used
     * and committed, non-heap committed, direct buffers, threads).
     */
    String memory() {
        Map<String, Long> status = status(process.pid());
        Map<String, Double> m = jvmMetrics();
        long heapCommitted = mb(m.get("heap committed"));
        long nonHeap = mb(m.get("nonheap committed"));
        long direct = mb(m.get("buffers"));
        long anon = status.getOrDefault("RssAnon", -1L);
        return String.format(
                "bot RSS %d MB (VmRSS of the bot process %d: %d MB anonymous, %d MB file-backed); its JVM (/metrics):"
                        + " heap %d MB committed (%d MB used), non-heap %d MB committed (metaspace, class space, code"
                        + " cache), direct buffers %d MB; anonymous memory outside these %d MB (ONNX Runtime, thread"
                        + " stacks, malloc); %d threads",
                status.getOrDefault("VmRSS", -1L),
                process.pid(),
                anon,
                status.getOrDefault("RssFile", -1L),
                heapCommitted,
                mb(m.get("heap used")),
                nonHeap,
                direct,
                heapCommitted < 0 ? -1 : anon - heapCommitted - nonHeap - Math.max(0, direct),
                m.getOrDefault("threads", -1.0).longValue());
    }

    /** The bot's VmRSS in MB, or -1. */
    long rssMegabytes() {
        return status(process.pid()).getOrDefault("VmRSS", -1L);
    }

    private static long mb(Double bytes) {
        return bytes == null ? -1 : (long) (bytes / (1 << 20));
    }

    /** Sums of the JVM gauges of the bot's /metrics (Prometheus text); empty if it does not answer. */
    private Map<String, Double> jvmMetrics() {
        Map<String, Double> out = new HashMap<>();
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                String key = line.startsWith("jvm_memory_used_bytes{")
                        ? (line.contains("area=\"heap\"") ? "heap used" : "nonheap used")
                        : line.startsWith("jvm_memory_committed_bytes{")
                                ? (line.contains("area=\"heap\"") ? "heap committed" : "nonheap committed")
                                : line.startsWith("jvm_buffer_memory_used_bytes{")
                                        ? "buffers"
                                        : line.startsWith("jvm_threads_live_threads") ? "threads" : null;
                if (key != null) {
                    out.merge(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** The kB figures of /proc/PID/status in MB; empty where there is no /proc. */
    static Map<String, Long> status(long pid) {
        Map<String, Long> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.endsWith(" kB")) {
                    int colon = line.indexOf(':');
                    out.put(line.substring(0, colon), Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Map.of();
        }
        return out;
    }

    /** Stops the bot with SIGTERM (its shutdown hook runs), SIGKILL after a minute; keeps the log. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
