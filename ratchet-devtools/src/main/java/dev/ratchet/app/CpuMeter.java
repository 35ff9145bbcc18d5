package dev.ratchet.app;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.storage.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this process and of the PostgreSQL backends serving it, read from {@code /proc} (Linux; elsewhere every
 * figure is 0): the process's utime+stime, split by thread name, and the utime+stime of the backends whose client is
 * one of this process's TCP connections (found through {@code pg_stat_activity.client_port}), so that a benchmark on
 * a shared machine tells its own CPU apart from what else runs there.
 */
final class CpuMeter implements AutoCloseable {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on Linux). */
    private static final long HZ = 100;

    private final Connection connection;
    private final int ownBackend;
    private final boolean available = Files.isReadable(Path.of("/proc/self/stat"));

    /** A reading: the process's CPU by thread group, and every backend's CPU by pid, in nanoseconds. */
    record Sample(long nanoTime, Map<String, Long> threads, Map<Integer, Long> backends) {
        long process() {
            return threads.values().stream().mapToLong(Long::longValue).sum();
        }

        long postgres() {
            return backends.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Used between two readings, in nanoseconds: the process (by thread group) and its PostgreSQL backends. */
    record Used(double seconds, Map<String, Long> threads, long process, long postgres) {
        /** Milliseconds of CPU per item: process, PostgreSQL. */
        double processMsPer(int n) {
            return process / 1e6 / n;
        }

        double postgresMsPer(int n) {
            return postgres / 1e6 / n;
        }

        /** Cores busy on average: (process + PostgreSQL) / wall time. */
        double cores() {
            return (process + postgres) / 1e9 / seconds;
        }

        /** The thread groups above 2 % of the process's CPU, as "name ms/item", largest first. */
        String threadsPer(int n) {
            List<String> out = new ArrayList<>();
            threads.entrySet().stream()
                    .filter(e -> e.getValue() > process / 50)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.add(String.format("%s %.2f", e.getKey(), e.getValue() / 1e6 / n)));
            return String.join(", ", out);
        }
    }

    CpuMeter(RatchetConfig config) {
        Connection c = null;
        int own = -1;
        if (available) {
            DatabaseSettings s = DatabaseSettings.from(config);
            try {
                c = DriverManager.getConnection(s.url(), s.user(), s.password());
                try (var st = c.createStatement();
                        ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                    rs.next();
                    own = rs.getInt(1);
                }
            } catch (SQLException e) {
                c = null; // PostgreSQL's share is then left out
            }
        }
        this.connection = c;
        this.ownBackend = own;
    }

    Sample sample() {
        long now = System.nanoTime();
        if (!available) {
            return new Sample(now, Map.of(), Map.of());
        }
        return new Sample(now, threads(), backends());
    }

    /** A reading of this process alone (no database yet). */
    static Sample processOnly() {
        long now = System.nanoTime();
        return Files.isReadable(Path.of("/proc/self/stat"))
                ? new Sample(now, threads(), Map.of())
                : new Sample(now, Map.of(), Map.of());
    }

    static Used between(Sample a, Sample b) {
        Map<String, Long> threads = new TreeMap<>();
        for (var e : b.threads().entrySet()) {
            threads.put(e.getKey(), e.getValue() - a.threads().getOrDefault(e.getKey(), 0L));
        }
        long pg = 0;
        for (var e : b.backends().entrySet()) {
            // a backend that started in between counts whole; one that ended in between is lost (a pool keeps them)
            pg += e.getValue() - a.backends().getOrDefault(e.getKey(), 0L);
        }
        long process = threads.values().stream().mapToLong(Long::longValue).sum();
        return new Used((b.nanoTime() - a.nanoTime()) / 1e9, threads, process, pg);
    }

    /** This process's threads' CPU, summed by name with digits dropped (worker-pool-3 and -4 together). */
    private static Map<String, Long> threads() {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String group = name.replaceAll("[-#]?\\d+", "").strip();
                    out.merge(group.isEmpty() ? name : group, ticks(stat), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        // threads that ended since the start: what the process used less what its live threads did
        long all = ticks(readOrEmpty(Path.of("/proc/self/stat")));
        long live = out.values().stream().mapToLong(Long::longValue).sum();
        if (all > live) {
            out.merge("(ended threads)", all - live, Long::sum);
        }
        return out;
    }

    /** utime + stime of a {@code stat} line, in nanoseconds. */
    private static long ticks(String stat) {
        if (stat.isEmpty()) {
            return 0;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / HZ);
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** The CPU of the backends whose client is a TCP connection of this process (but this meter's own). */
    private Map<Integer, Long> backends() {
        if (connection == null) {
            return Map.of();
        }
        Set<Integer> ports = localPorts();
        Map<Integer, Long> out = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(
                "select pid from pg_stat_activity where client_port = any(?) and pid <> ?")) {
            st.setArray(1, connection.createArrayOf("int4", ports.toArray()));
            st.setInt(2, ownBackend);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int pid = rs.getInt(1);
                    String stat = readOrEmpty(Path.of("/proc/" + pid + "/stat"));
                    if (!stat.isEmpty()) {
                        out.put(pid, ticks(stat));
                    }
                }
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return out;
    }

    /** The local ports of this process's TCP sockets (its file descriptors' socket inodes in /proc/net/tcp*). */
    private static Set<Integer> localPorts() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            for (String line : readOrEmpty(Path.of(table)).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && inodes.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing
            }
        }
    }
}
