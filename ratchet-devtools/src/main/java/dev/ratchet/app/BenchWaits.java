package dev.ratchet.app;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where one search's wall clock went, from {@code /proc/PID/task/TID/schedstat} (nanoseconds on a CPU, and waiting
 * runnable for one, of every thread) of this process and of the PostgreSQL backends of its connections, and from the
 * JVM's collectors and JIT: on a loaded machine a search's latency is mostly the wait for a core, which its CPU time
 * does not show. Taken before and after each timed search; zeros where there is no {@code /proc}.
 */
final class BenchWaits {

    /** Cumulative figures at one moment: nanoseconds, but GC and JIT in milliseconds as the JVM gives them. */
    record Snapshot(
            long nanos,
            long benchCpu,
            long benchWait,
            long jitCpu,
            long jitWait,
            long postgresCpu,
            long postgresWait,
            long gcMs,
            long gcs,
            long jitMs) {}

    /** One search: milliseconds. */
    record Search(
            double wall,
            double benchCpu,
            double benchWait,
            double jitCpu,
            double jitWait,
            double postgresCpu,
            double postgresWait,
            double gcMs,
            long gcs,
            double jitMs) {

        /** On a CPU, bench and PostgreSQL. */
        double cpu() {
            return benchCpu + postgresCpu;
        }

        /** Runnable and waiting for a core, bench and PostgreSQL. */
        double queued() {
            return benchWait + postgresWait;
        }

        String describe() {
            return String.format(
                    "%.1f ms: on CPU %.1f (bench %.1f, PostgreSQL %.1f), waiting for a core %.1f (bench %.1f,"
                            + " PostgreSQL %.1f); JIT compiler threads on CPU %.1f, waiting %.1f; GC %.1f (%d), JIT %.1f",
                    wall,
                    cpu(),
                    benchCpu,
                    postgresCpu,
                    queued(),
                    benchWait,
                    postgresWait,
                    jitCpu,
                    jitWait,
                    gcMs,
                    gcs,
                    jitMs);
        }
    }

    private final Collection<Long> backends;

    /** Watching this process and {@code backends}, the PostgreSQL backends of its connections. */
    BenchWaits(Collection<Long> backends) {
        this.backends = List.copyOf(backends);
    }

    Snapshot take() {
        long[] bench = new long[2];
        long[] compiler = new long[2];
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                // the JIT's compiler threads apart ("C1 CompilerThre", "C2 CompilerThre"): a bot that has run a while
                // has compiled the search path, a bench of a few dozen searches has not
                add(comm(task).contains("CompilerThre") ? compiler : bench, task.resolve("schedstat"));
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        long[] pg = new long[2];
        for (long pid : backends) {
            add(pg, Path.of("/proc/" + pid + "/schedstat"));
        }
        long gcMs = 0;
        long gcs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
            gcs += Math.max(0, gc.getCollectionCount());
        }
        var jit = ManagementFactory.getCompilationMXBean();
        long jitMs = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        return new Snapshot(
                System.nanoTime(), bench[0], bench[1], compiler[0], compiler[1], pg[0], pg[1], gcMs, gcs, jitMs);
    }

    static Search between(Snapshot a, Snapshot b) {
        return new Search(
                (b.nanos() - a.nanos()) / 1e6,
                (b.benchCpu() - a.benchCpu()) / 1e6,
                (b.benchWait() - a.benchWait()) / 1e6,
                (b.jitCpu() - a.jitCpu()) / 1e6,
                (b.jitWait() - a.jitWait()) / 1e6,
                (b.postgresCpu() - a.postgresCpu()) / 1e6,
                (b.postgresWait() - a.postgresWait()) / 1e6,
                b.gcMs() - a.gcMs(),
                b.gcs() - a.gcs(),
                b.jitMs() - a.jitMs());
    }

    /** The searches' means, as one. */
    static Search mean(List<Search> searches) {
        int n = Math.max(1, searches.size());
        return new Search(
                searches.stream().mapToDouble(Search::wall).sum() / n,
                searches.stream().mapToDouble(Search::benchCpu).sum() / n,
                searches.stream().mapToDouble(Search::benchWait).sum() / n,
                searches.stream().mapToDouble(Search::jitCpu).sum() / n,
                searches.stream().mapToDouble(Search::jitWait).sum() / n,
                searches.stream().mapToDouble(Search::postgresCpu).sum() / n,
                searches.stream().mapToDouble(Search::postgresWait).sum() / n,
                searches.stream().mapToDouble(Search::gcMs).sum() / n,
                searches.stream().mapToLong(Search::gcs).sum(),
                searches.stream().mapToDouble(Search::jitMs).sum() / n);
    }

    /** The slowest {@code n} searches, slowest first. */
    static List<Search> slowest(List<Search> searches, int n) {
        List<Search> sorted = new ArrayList<>(searches);
        sorted.sort((x, y) -> Double.compare(y.wall(), x.wall()));
        return sorted.subList(0, Math.min(n, sorted.size()));
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm"));
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** Adds schedstat's first two fields (on CPU, waiting on a run queue; ns) to {@code into}. */
    private static void add(long[] into, Path schedstat) {
        try {
            String[] f = Files.readString(schedstat).trim().split("\\s+");
            into[0] += Long.parseLong(f[0]);
            into[1] += Long.parseLong(f[1]);
        } catch (IOException | RuntimeException gone) {
            // ended meanwhile
        }
    }
}
