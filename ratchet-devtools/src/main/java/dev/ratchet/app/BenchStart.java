package dev.ratchet.app;

import dev.ratchet.core.storage.DatabaseSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet bench start}: the distribution's {@code bin/ratchet run} (or {@code worker}) started as a child N
 * times and timed from the process start until {@code /readyz} answers 200, beside the JVM start floor (a bare JVM on
 * the same class path that prints hello and exits).
 */
@Command(
        name = "start",
        header = "Measure the time from starting bin/ratchet to /readyz 200.",
        footer = {"", "Example:", "  ratchet bench start --runs 5 --command worker"},
        mixinStandardHelpOptions = true,
        description = {
            "Start the distribution's bin/ratchet run (or worker) as a child --runs times, each until /readyz answers",
            "200 on a free loopback port, then stop it (SIGTERM); print p50/max, and the same for a bare JVM on the",
            "same class path that prints hello and exits (the JVM start floor), with the ratio. The child uses the",
            "schema ratchet_bench_start of --db-url's database (a warm-up run migrates it first) and this process's",
            "environment; the schema is dropped afterwards. Runs with and without the class-data archive",
            "(lib/ratchet.jsa) when the distribution has one."
        })
final class BenchStart implements Callable<Integer> {

    static final String SCHEMA = "ratchet_bench_start";

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "Timed starts of each kind (default 5).")
    int runs;

    @Option(names = "--command", defaultValue = "run", description = "run or worker (default run).")
    String command;

    @Option(
            names = "--dist",
            description = "The distribution folder (bin/ratchet, lib/); default: the one this runs from.")
    Path dist;

    @Option(
            names = "--java-opts",
            paramLabel = "OPTS",
            description = {
                "Also time starts with JAVA_OPTS=OPTS (with the archive), interleaved with the others; repeatable,",
                "e.g. --java-opts '-XX:+UseG1GC -Xmx1g' to compare the collector bin/ratchet leaves out."
            })
    List<String> javaOpts = new ArrayList<>();

    @Option(
            names = "--timeout",
            defaultValue = "PT60S",
            description = "How long one start may take before the bench gives up (default PT60S).")
    Duration timeout;

    /** The anchor: a JVM on the distribution's class path that prints hello and exits. */
    public static final class Hello {
        private Hello() {}

        public static void main(String[] args) {
            System.out.println("hello");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!command.equals("run") && !command.equals("worker")) {
            throw new ParameterException(spec.commandLine(), "--command must be run or worker, e.g. --command worker");
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, e.g. --runs 5");
        }
        Path home = dist != null ? dist : distribution();
        if (home == null || !Files.isExecutable(home.resolve("bin/ratchet"))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no distribution with bin/ratchet"
                            + (home == null ? "" : " in " + home)
                            + "; run this from ratchet-app/target/ratchet/bin/ratchet (./mvnw package) or pass --dist DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        Logging.quietUnlessLevelAsked(bench.root, spec);
        String dbUrl = DatabaseSettings.from(bench.root.config()).url();
        boolean archive = Files.isRegularFile(home.resolve("lib/ratchet.jsa"));
        out.printf(
                "bench start: bin/ratchet %s until /readyz 200, %d runs each; %d cores, load %.2f; java %s; class-data archive: %s%n",
                command,
                runs,
                Runtime.getRuntime().availableProcessors(),
                load(),
                System.getProperty("java.version"),
                archive ? "lib/ratchet.jsa" : "none");
        out.flush();
        try {
            time(home, dbUrl, true, null); // warm-up: migrates the schema, fills the page cache
            List<Double> floor = new ArrayList<>();
            List<Double> started = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<List<Double>> variants = new ArrayList<>();
            javaOpts.forEach(o -> variants.add(new ArrayList<>()));
            for (int i = 0; i < runs; i++) {
                floor.add(hello(home));
                started.add(time(home, dbUrl, true, null));
                if (archive) {
                    plain.add(time(home, dbUrl, false, null));
                }
                for (int v = 0; v < javaOpts.size(); v++) {
                    variants.get(v).add(time(home, dbUrl, true, javaOpts.get(v)));
                }
            }
            double p50Floor = BenchCommand.percentile(floor, 50);
            out.printf("JVM start floor (java -cp lib/* Hello): %s%n", BenchCommand.stats(floor));
            out.printf(
                    "bin/ratchet %s -> /readyz 200%s: %s; %.1fx the floor%n",
                    command,
                    archive ? " (with the archive)" : "",
                    BenchCommand.stats(started),
                    BenchCommand.percentile(started, 50) / p50Floor);
            if (archive) {
                out.printf(
                        "bin/ratchet %s -> /readyz 200 (RATCHET_CDS=off): %s; %.1fx the floor%n",
                        command, BenchCommand.stats(plain), BenchCommand.percentile(plain, 50) / p50Floor);
            }
            for (int v = 0; v < javaOpts.size(); v++) {
                out.printf(
                        "bin/ratchet %s -> /readyz 200 (JAVA_OPTS=%s): %s; %.1fx the floor%n",
                        command,
                        javaOpts.get(v),
                        BenchCommand.stats(variants.get(v)),
                        BenchCommand.percentile(variants.get(v), 50) / p50Floor);
            }
            out.printf("load %.2f at the end%n", load());
        } finally {
            BenchCommand.dropSchemas(bench.root.config(), SCHEMA, SCHEMA + "_jobs");
        }
        return 0;
    }

    /** Milliseconds from starting bin/ratchet until /readyz answers 200; the child is stopped with SIGTERM. */
    private double time(Path home, String dbUrl, boolean withArchive, String javaOptions)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("ratchet-bench-start", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/ratchet").toString(),
                        "--db-url",
                        dbUrl,
                        "--set",
                        "db.schema=" + SCHEMA,
                        "--set",
                        "api.address=127.0.0.1:" + port,
                        "--set",
                        "api.worker-address=127.0.0.1:" + port,
                        command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (!withArchive) {
            builder.environment().put("RATCHET_CDS", "off");
        }
        if (javaOptions != null) {
            builder.environment().put("JAVA_OPTS", javaOptions);
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long t0 = System.nanoTime();
        Process child = builder.start();
        try {
            long deadline = t0 + timeout.toNanos();
            while (true) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        Files.deleteIfExists(log);
                        return (System.nanoTime() - t0) / 1e6;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("bin/ratchet " + command + " did not answer /readyz 200 within "
                            + timeout + (child.isAlive() ? "" : " (it exited " + child.exitValue() + ")")
                            + "; its output is in " + log);
                }
                Thread.sleep(10);
            }
        } finally {
            child.destroy();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
        }
    }

    /** Milliseconds a bare JVM on the distribution's class path takes to print hello and exit. */
    private static double hello(Path home) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = home.resolve("lib/*") + java.io.File.pathSeparator + home.resolve("lib/devtools/*");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(javaBin, "-cp", classPath, Hello.class.getName())
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        double millis = (System.nanoTime() - t0) / 1e6;
        if (!said.equals("hello")) {
            throw new IllegalStateException("the JVM start floor printed '" + said + "' instead of hello");
        }
        return millis;
    }

    /** The distribution folder this runs from (lib/devtools/ratchet-devtools-*.jar), or null. */
    static Path distribution() throws URISyntaxException {
        Path source = Path.of(BenchStart.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path lib = source.getParent();
        if (Files.isRegularFile(source)
                && lib != null
                && lib.getFileName().toString().equals("devtools")) {
            return lib.getParent().getParent();
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** This process's resident set (VmRSS of /proc/self/status) in MB, or -1 where there is no /proc. */
    static long rssMegabytes() {
        return status().getOrDefault("VmRSS", -1L);
    }

    /** The kB figures of /proc/self/status (VmRSS, RssAnon, RssFile, ...) in MB; empty where there is no /proc. */
    static java.util.Map<String, Long> status() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.endsWith(" kB")) {
                    int colon = line.indexOf(':');
                    out.put(line.substring(0, colon), Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return java.util.Map.of();
        }
        return out;
    }
}
