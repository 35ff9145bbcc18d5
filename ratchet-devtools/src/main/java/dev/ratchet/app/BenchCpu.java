package dev.ratchet.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time a bench run consumed, read from {@code /proc} before and after it: of the given processes (the bench's,
 * the bot's), of the PostgreSQL backends serving their connections, of the other PostgreSQL processes (WAL writer,
 * checkpointer, other clients' backends, the exited backends the postmaster reaped), of the whole machine, and of
 * their threads by name. CPU time per event depends much less on the machine's load than latency does: on two
 * shared cores the latency of a closed-loop run is mostly the wait for a CPU. Empty figures where there is no /proc.
 * {@code bench reply} prints {@link #report}; {@code bench embed} takes {@link #between} two snapshots of its own
 * process ({@link #self}) and prints its stages' CPU per message from it. The backends are matched by client port: a
 * backend's process title ({@code update_process_title}, on by default) ends with its client's address and port.
 */
final class BenchCpu {

    /** USER_HZ: the unit of /proc's CPU times, 100 on every Linux the JVM runs on. */
    private static final double TICK_MS = 10;

    private static final Pattern CLIENT_PORT = Pattern.compile("\\(([0-9]+)\\)");

    /** What /proc said at one moment; CPU in ticks of {@link #TICK_MS}. */
    record Snapshot(
            long nanos,
            Map<Long, Long> processes,
            Map<Long, Long> backends,
            long otherPostgres,
            long machineBusy,
            long machineAll,
            Map<String, Long> threads) {}

    /**
     * The CPU used between two snapshots, in nanoseconds: the processes' (by thread name) and their PostgreSQL
     * backends'.
     */
    record Used(double seconds, Map<String, Long> threads, long process, long postgres) {
        /** Milliseconds of CPU per item of the processes. */
        double processMsPer(int n) {
            return process / 1e6 / n;
        }

        /** Milliseconds of CPU per item of their PostgreSQL backends. */
        double postgresMsPer(int n) {
            return postgres / 1e6 / n;
        }

        /** Cores busy on average: (processes + PostgreSQL backends) / wall time. */
        double cores() {
            return (process + postgres) / 1e9 / seconds;
        }

        /** The thread names above 2 % of the processes' CPU, as "name ms/item", largest first. */
        String threadsPer(int n) {
            List<String> out = new ArrayList<>();
            threads.entrySet().stream()
                    .filter(e -> e.getValue() > process / 50)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.add(String.format("%s %.2f", e.getKey(), e.getValue() / 1e6 / n)));
            return String.join(", ", out);
        }
    }

    private BenchCpu() {}

    /** This process, with its PostgreSQL backends ({@code withBackends}) or alone (a model loop, no database). */
    static Snapshot self(boolean withBackends) {
        long pid = ProcessHandle.current().pid();
        if (withBackends) {
            return take(List.of(pid));
        }
        long[] machine = machine();
        return new Snapshot(
                System.nanoTime(),
                Map.of(pid, ticks(pid, false)),
                Map.of(),
                0,
                machine[0],
                machine[1],
                threads(List.of(pid)));
    }

    /** The CPU used from {@code a} to {@code b}. */
    static Used between(Snapshot a, Snapshot b) {
        long nanosPerTick = (long) (TICK_MS * 1_000_000);
        Map<String, Long> threads = new java.util.TreeMap<>();
        b.threads().forEach((k, v) -> threads.put(k, (v - a.threads().getOrDefault(k, 0L)) * nanosPerTick));
        long process = 0;
        for (var e : b.processes().entrySet()) {
            process += (e.getValue() - a.processes().getOrDefault(e.getKey(), 0L)) * nanosPerTick;
        }
        long postgres = 0;
        for (var e : b.backends().entrySet()) {
            // a backend that started in between counts whole; one that ended in between is lost (a pool keeps them)
            postgres += (e.getValue() - a.backends().getOrDefault(e.getKey(), 0L)) * nanosPerTick;
        }
        return new Used((b.nanos() - a.nanos()) / 1e9, threads, process, postgres);
    }

    /** CPU ticks of {@code pids}, of the PostgreSQL backends of their connections, and the rest. */
    static Snapshot take(List<Long> pids) {
        Map<Long, Long> processes = new java.util.LinkedHashMap<>(); // in the order given, for the report
        Set<Integer> ports = new HashSet<>();
        for (long pid : pids) {
            processes.put(pid, ticks(pid, false));
            ports.addAll(clientPorts(pid));
        }
        Map<Long, Long> backends = new HashMap<>();
        long other = 0;
        for (long pid : postgresPids()) {
            String cmd = cmdline(pid);
            Matcher m = CLIENT_PORT.matcher(cmd);
            boolean ours = m.find() && ports.contains(Integer.parseInt(m.group(1)));
            long t = ticks(pid, !cmd.startsWith("postgres:")); // the postmaster: with its reaped children
            if (ours) {
                backends.put(pid, t);
            } else if (t > 0) {
                other += t;
            }
        }
        long[] machine = machine();
        return new Snapshot(System.nanoTime(), processes, backends, other, machine[0], machine[1], threads(pids));
    }

    /** The report's lines: CPU ms per event of each part, and the threads that took most, by name. */
    static List<String> report(Snapshot before, Snapshot after, int events, Map<Long, String> names) {
        List<String> out = new ArrayList<>();
        double wallMs = (after.nanos() - before.nanos()) / 1e6;
        StringBuilder b = new StringBuilder();
        double total = 0;
        for (var e : after.processes().entrySet()) {
            double ms = (e.getValue() - before.processes().getOrDefault(e.getKey(), 0L)) * TICK_MS;
            total += ms;
            b.append(String.format("%s %.1f, ", names.getOrDefault(e.getKey(), "pid " + e.getKey()), ms / events));
        }
        double backends = 0;
        for (var e : after.backends().entrySet()) {
            backends += (e.getValue() - before.backends().getOrDefault(e.getKey(), 0L)) * TICK_MS;
        }
        total += backends;
        double other = (after.otherPostgres() - before.otherPostgres()) * TICK_MS;
        double busy = (after.machineBusy() - before.machineBusy()) * TICK_MS;
        double all = (after.machineAll() - before.machineAll()) * TICK_MS;
        out.add(String.format(
                "CPU per event answered, ms: %sPostgreSQL backends of these connections (%d) %.1f; total %.1f ms"
                        + " (%.2f cores over the %.1f s run); other PostgreSQL processes (WAL writer, checkpointer,"
                        + " other clients' and exited backends) %.1f; the machine was busy %.0f%% of its %d cores,"
                        + " this run's part %.0f%%",
                b,
                after.backends().size(),
                backends / events,
                total / events,
                total / wallMs,
                wallMs / 1e3,
                other / events,
                all > 0 ? 100 * busy / all : Double.NaN,
                Runtime.getRuntime().availableProcessors(),
                busy > 0 ? 100 * total / busy : Double.NaN));
        if (!after.threads().isEmpty()) {
            Map<String, Long> delta = new HashMap<>();
            after.threads().forEach((k, v) -> delta.put(k, v - before.threads().getOrDefault(k, 0L)));
            StringBuilder t = new StringBuilder();
            delta.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(14)
                    .forEach(e -> t.append(t.length() == 0 ? "" : ", ")
                            .append(e.getKey())
                            .append(' ')
                            .append(String.format("%.1f", e.getValue() * TICK_MS / events)));
            out.add("  by thread (those alive at the end; pool names' digits as N), ms per event: " + t);
        }
        return out;
    }

    /**
     * The CPU ticks of the processes' threads by name (/proc/PID/task/TID/comm: a Java thread's name cut to 15
     * characters, the JIT compiler and GC threads included), digits as N ("pool-N-thread-N"; but "C2 CompilerThre"); the threads that
     * ended before the snapshot together as "(ended threads)" (what the process used less what its live threads did).
     */
    private static Map<String, Long> threads(List<Long> pids) {
        Map<String, Long> out = new HashMap<>();
        for (long pid : pids) {
            String prefix = pids.size() < 2 ? "" : pid == pids.get(0) ? "bench:" : "bot:";
            long all = ticks(pid, false);
            long live = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks) {
                    try {
                        String name =
                                Files.readString(task.resolve("comm")).trim().replaceAll("(?<![A-Z])[0-9]+", "N");
                        long t = ticks(task, false);
                        live += t;
                        if (t > 0) {
                            out.merge(prefix + name, t, Long::sum);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                continue; // no /proc
            }
            if (all > live) {
                out.merge(prefix + "(ended threads)", all - live, Long::sum);
            }
        }
        return out;
    }

    /** utime + stime of a process, with its reaped children's when asked; 0 if it is gone. */
    private static long ticks(long pid, boolean children) {
        return ticks(Path.of("/proc/" + pid), children);
    }

    private static long ticks(Path proc, boolean children) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the comm: field 3 is f[0]; utime 14, stime 15, cutime 16, cstime 17
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return children ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static List<Long> postgresPids() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals("postgres")) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The local ports of the TCP connections a process holds open (its sockets' inodes looked up in net/tcp). */
    private static Set<Integer> clientPorts(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | RuntimeException closed) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && inodes.contains(f[9])) {
                        String local = f[1];
                        ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        return ports;
    }

    /** Busy and all jiffies of the machine, from /proc/stat's cpu line. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                all += v;
                if (i == 4 || i == 5) { // idle, iowait
                    idle += v;
                }
            }
            return new long[] {all - idle, all};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
