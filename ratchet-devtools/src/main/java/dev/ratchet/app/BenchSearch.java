package dev.ratchet.app;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.SearchBench;
import dev.ratchet.core.storage.SearchCut;
import dev.ratchet.core.storage.SearchSettings;
import dev.ratchet.spi.MessageService.Search;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet bench search}: hybrid search's latency over 1 day, 7 days, 30 days and all time, next to the Go
 * Ratchet v0.0.11 query shape on the same data and queries, and the semantic half's recall against an exact k-NN.
 */
@Command(
        name = "search",
        header = "Measure hybrid search at history sizes, beside the Go query shape.",
        footer = {"", "Example:", "  ratchet bench search --generate 1000000 --keep"},
        mixinStandardHelpOptions = true,
        description = {
            "Measure hybrid search (as the bot runs it) over 1 day, 7 days, 30 days and all time: p50/p95, the Go",
            "Ratchet v0.0.11 query shape on the same data and queries with the speed-up, and the semantic half's",
            "recall@10 against an exact k-NN over the window. Queries are 2-3 words and the embedding of stored",
            "messages. Runs on the configured database and schema, or with --generate N on N generated messages (one",
            "a minute, ops vocabulary, 384-d embeddings) in its own schema (ratchet_bench_search), dropped afterwards",
            "unless --keep; a kept schema holding N generated messages is reused."
        })
final class BenchSearch implements Callable<Integer> {

    static final String SCHEMA = "ratchet_bench_search";
    /** Searches run before each window's timed ones, with queries of their own. */
    static final int WARMUPS = 10;
    /** At most this many rounds of the warm-up searches, until the JIT is done with the search path. */
    static final int WARMUP_ROUNDS = 8;

    private final Map<String, Integer> warmupRounds = new java.util.LinkedHashMap<>();

    private static long compilationMs(java.lang.management.CompilationMXBean compiler) {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime()
                : 0;
    }
    /**
     * How many times each window's queries are searched again, back to back, for the CPU per search (the bench process
     * and its PostgreSQL backends, from /proc: {@link BenchCpu}), the figure that holds under load where latency is
     * mostly the wait for a core.
     */
    static final int CPU_ROUNDS = 2;

    private static final List<Map.Entry<String, Duration>> WINDOWS = List.of(
            Map.entry("1 day", Duration.ofDays(1)),
            Map.entry("7 days", Duration.ofDays(7)),
            Map.entry("30 days", Duration.ofDays(30)),
            Map.entry("all time", Duration.ofDays(365L * 100)));
    /** {@code --windows}' names of {@link #WINDOWS}. */
    private static final Map<String, String> WINDOW_NAMES =
            Map.of("1d", "1 day", "7d", "7 days", "30d", "30 days", "all", "all time");

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--generate",
            paramLabel = "N",
            description = "Generate N messages (at least 100) into schema " + SCHEMA + " and search those.")
    Long generate;

    @Option(names = "--keep", description = "Keep the generated schema for another run (reused when it holds N).")
    boolean keep;

    @Option(names = "--queries", defaultValue = "15", description = "Queries per window (default 15).")
    int queries;

    @Option(names = "--limit", defaultValue = "10", description = "Hits per search (default 10).")
    int limit;

    @Option(
            names = "--windows",
            split = ",",
            paramLabel = "W",
            defaultValue = "1d,7d,30d,all",
            description = "Windows to time, of 1d, 7d, 30d and all (default all four; all time's Go shape takes minutes"
                    + " at a million messages).")
    List<String> windows;

    @Option(
            names = "--each",
            description = "Also print each query's words and times (hybrid, Go shape, semantic half), slowest first.")
    boolean each;

    @Override
    public Integer call() {
        check(generate == null || generate >= 100, "--generate must be at least 100, e.g. --generate 1000000");
        for (String w : windows) {
            check(
                    WINDOW_NAMES.containsKey(w),
                    "--windows takes 1d, 7d, 30d and all, comma-separated; '" + w + "' is none");
        }
        check(queries >= 1, "--queries must be at least 1, e.g. --queries 15");
        check(limit >= 1 && limit <= 100, "--limit must be between 1 and 100, e.g. --limit 10");
        check(!keep || generate != null, "--keep goes with --generate N");
        PrintWriter out = spec.commandLine().getOut();
        Logging.quietUnlessLevelAsked(bench.root, spec);
        RatchetConfig config = bench.root.config();
        boolean ownSchema = generate != null
                && !bench.root.settings.containsKey("db.schema")
                && !bench.root.environment.containsKey("RATCHET_DB_SCHEMA");
        if (ownSchema) {
            config = config.withFlags(Map.of("db.schema", SCHEMA));
        }
        DatabaseSettings dbSettings = DatabaseSettings.from(config);
        double loadBefore = load();
        try (Database db = Database.connect(dbSettings)) {
            if (generate != null) {
                db.migrate();
            } else if (db.pendingMigrations() > 0) {
                throw new StartupException(
                        1,
                        "schema " + dbSettings.schema() + " has " + db.pendingMigrations()
                                + " pending migration(s): run 'ratchet migrate' first, or search a generated history"
                                + " with --generate N");
            }
            SearchBench data = new SearchBench(db);
            if (generate != null) {
                SearchBench.Counts counts = data.counts();
                if (counts.messages() == generate && counts.generated() == generate) {
                    out.printf("reusing %d generated messages in schema %s%n", generate, dbSettings.schema());
                } else {
                    long t0 = System.nanoTime();
                    data.generate(generate, Instant.now(), dbSettings.embeddingDimension());
                    out.printf(
                            "generated %d messages in schema %s in %.1f s (indexes rebuilt, analysed)%n",
                            generate, dbSettings.schema(), (System.nanoTime() - t0) / 1e9);
                }
            }
            SearchBench.Counts counts = data.counts();
            Optional<Instant> newest = data.newest();
            if (counts.embedded() == 0 || newest.isEmpty()) {
                throw new StartupException(
                        1,
                        "no messages with embeddings in schema " + dbSettings.schema()
                                + " to search; run with --generate N (e.g. --generate 100000) for a generated history");
            }
            out.printf(
                    "bench search: %d messages (%d with embeddings) in schema %s, newest %s; %d queries (2-3 words and"
                            + " the embedding of a stored message), limit %d%n",
                    counts.messages(), counts.embedded(), dbSettings.schema(), newest.get(), queries, limit);
            out.printf(
                    "machine: %d cores, load %.2f; %s%n",
                    Runtime.getRuntime().availableProcessors(), loadBefore, data.server());
            out.printf("indexes: %s%n", String.join(", ", data.indexes()));
            out.flush();
            run(out, db, data, config, newest.get());
        } finally {
            if (ownSchema && !keep) {
                try (Database db = Database.connect(dbSettings)) {
                    db.dropSchemas(SCHEMA, SCHEMA + "_jobs");
                }
            }
        }
        return 0;
    }

    private void run(PrintWriter out, Database db, SearchBench data, RatchetConfig config, Instant newest) {
        MessageRepository repository = new MessageRepository(db);
        SearchSettings settings = SearchSettings.from(config);
        // as the bot runs it: its floor and, with --set search.relevance-cut=on, the cut (whose evidence the hits'
        // statement then reads)
        HybridSearch hybrid = new HybridSearch(db, repository, settings.maxDistance(), true, settings.relevanceCut());
        HybridSearch unfloored = new HybridSearch(db, repository, HybridSearch.NO_FLOOR);
        // the same search with both rankings in one statement on one connection: what ranking beside saves
        HybridSearch oneConnection =
                new HybridSearch(db, repository, settings.maxDistance(), false, settings.relevanceCut());
        List<SearchBench.Sample> samples = data.samples(queries, 42);
        Random random = new Random(42);
        List<String> texts = samples.stream().map(s -> words(s.text(), random)).toList();
        List<SearchBench.Sample> warmups = data.samples(WARMUPS, 7);
        List<String> warmupTexts =
                warmups.stream().map(w -> words(w.text(), random)).toList();
        Instant until = newest.plusSeconds(1);
        out.printf(
                "relevance cut %s%n",
                settings.relevanceCut() > SearchCut.OFF ? "at p >= " + settings.relevanceCut() : "off");
        out.println("window     messages  hybrid p50 / p95 ms  Go shape p50 / p95 ms  speed-up p50 / p95  recall@10"
                + "  semantic half p50 ms  one connection p50 / p95 ms  CPU ms/search (bench + PostgreSQL; JIT)");
        for (Map.Entry<String, Duration> window : WINDOWS) {
            if (windows.stream().noneMatch(w -> WINDOW_NAMES.get(w).equals(window.getKey()))) {
                continue;
            }
            Instant since = until.minus(window.getValue());
            long size = data.windowSize(since, until);
            List<Search> searches = texts.stream()
                    .map(t -> new Search(t, null, List.of(), since, until, limit, true))
                    .toList();
            // warm-up, with queries of their own (so the timed ones find no pages their own earlier run read): the
            // statements' plans, the JIT's compiled search path, as in a bot that has been running
            // statements' plans, the JIT's compiled search path, as in a bot that has been running: rounds of them
            // until
            // the JIT compiles for under a tenth of a round's time (at most WARMUP_ROUNDS). With one round, at load 30
            // on
            // two cores, the compiler threads took ~10 ms of CPU a timed search and waited for a core beside it.
            var compiler = ManagementFactory.getCompilationMXBean();
            int rounds = 0;
            while (rounds < WARMUP_ROUNDS) {
                rounds++;
                long compiled0 = compilationMs(compiler);
                long round0 = System.nanoTime();
                for (int i = 0; i < warmups.size(); i++) {
                    hybrid.search(
                            new Search(warmupTexts.get(i), null, List.of(), since, until, limit, true),
                            Optional.of(warmups.get(i).embedding()));
                }
                if ((compilationMs(compiler) - compiled0) * 10 < (System.nanoTime() - round0) / 1e6) {
                    break;
                }
            }
            warmupRounds.put(window.getKey(), rounds);
            List<Double> ours = new ArrayList<>();
            List<Double> go = new ArrayList<>();
            List<Double> semantic = new ArrayList<>();
            List<Double> along = new ArrayList<>();
            double recall = 0;
            // where each timed search's wall clock went: the backends of the connections the warm-up opened
            BenchWaits waits =
                    new BenchWaits(BenchCpu.take(List.of(ProcessHandle.current().pid()))
                            .backends()
                            .keySet());
            List<BenchWaits.Search> spent = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                float[] v = samples.get(i).embedding();
                // alternating which runs first, so that pages one reads do not favour the other
                if (i % 2 == 1) {
                    long ta = System.nanoTime();
                    oneConnection.search(searches.get(i), Optional.of(v));
                    along.add((System.nanoTime() - ta) / 1e6);
                }
                BenchWaits.Snapshot w0 = waits.take();
                long t0 = System.nanoTime();
                hybrid.search(searches.get(i), Optional.of(v));
                ours.add((System.nanoTime() - t0) / 1e6);
                spent.add(BenchWaits.between(w0, waits.take()));
                if (i % 2 == 0) {
                    long ta = System.nanoTime();
                    oneConnection.search(searches.get(i), Optional.of(v));
                    along.add((System.nanoTime() - ta) / 1e6);
                }
                long t1 = System.nanoTime();
                data.goShape(texts.get(i), v, since, until, limit);
                go.add((System.nanoTime() - t1) / 1e6);
                long t2 = System.nanoTime();
                List<String> half = unfloored.semanticHalf(searches.get(i), v);
                semantic.add((System.nanoTime() - t2) / 1e6);
                recall += recall(half, data.exactNearest(v, since, until, 10));
            }
            if (each) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < ours.size(); i++) {
                    order.add(i);
                }
                order.sort((x, y) -> Double.compare(ours.get(y), ours.get(x)));
                for (int i : order) {
                    out.printf(
                            "  %-9s %8.1f ms  Go shape %8.1f ms  semantic half %6.1f ms  \"%s\"%n",
                            window.getKey(), ours.get(i), go.get(i), semantic.get(i), texts.get(i));
                }
            }
            // CPU per search as the bot runs it: the same queries again, back to back, between two readings of /proc
            // (the bench process, the beside thread included, and the PostgreSQL backends of its connections)
            BenchCpu.Snapshot c0 = BenchCpu.self(true);
            for (int r = 0; r < CPU_ROUNDS; r++) {
                for (int i = 0; i < samples.size(); i++) {
                    hybrid.search(searches.get(i), Optional.of(samples.get(i).embedding()));
                }
            }
            BenchCpu.Used cpu = BenchCpu.between(c0, BenchCpu.self(true));
            int cpuSearches = CPU_ROUNDS * samples.size();
            // the JIT's compiler threads apart: a bot that has run for a while has compiled the search path, a bench
            // of a few dozen searches per window has not (they took 4-9 ms of a search's 9-14 ms here)
            double jit = cpu.threads().entrySet().stream()
                            .filter(e -> e.getKey().contains("CompilerThre"))
                            .mapToLong(Map.Entry::getValue)
                            .sum()
                    / 1e6
                    / cpuSearches;
            double client = cpu.processMsPer(cpuSearches) - jit;
            double p50 = BenchCommand.percentile(ours, 50);
            double p95 = BenchCommand.percentile(ours, 95);
            double goP50 = BenchCommand.percentile(go, 50);
            double goP95 = BenchCommand.percentile(go, 95);
            out.printf(
                    "%-9s %9d  %8.1f / %-8.1f  %10.1f / %-9.1f  %8s / %-8s  %9.2f  %20.1f  %12.1f / %-8.1f  %.1f (%.1f +"
                            + " %.1f; JIT %.1f)%n",
                    window.getKey(),
                    size,
                    p50,
                    p95,
                    goP50,
                    goP95,
                    String.format("%.1fx", goP50 / p50),
                    String.format("%.1fx", goP95 / p95),
                    recall / samples.size(),
                    BenchCommand.percentile(semantic, 50),
                    BenchCommand.percentile(along, 50),
                    BenchCommand.percentile(along, 95),
                    client + cpu.postgresMsPer(cpuSearches),
                    client,
                    cpu.postgresMsPer(cpuSearches),
                    jit);
            out.printf("  CPU by thread (%s), ms/search: %s%n", window.getKey(), cpu.threadsPer(cpuSearches));
            out.printf(
                    "  where the time went (%s; %d warm-up round(s)), mean %s%n",
                    window.getKey(),
                    warmupRounds.get(window.getKey()),
                    BenchWaits.mean(spent).describe());
            for (BenchWaits.Search slow : BenchWaits.slowest(spent, 2)) {
                out.printf("    slow one %s%n", slow.describe());
            }
            out.flush();
        }
        out.printf("load %.2f at the end%n", load());
    }

    /** The share of the exact top 10 that the semantic half's first 10 holds (1 when the window has none). */
    static double recall(List<String> found, List<String> exact) {
        if (exact.isEmpty()) {
            return 1;
        }
        Set<String> top = new HashSet<>(found.subList(0, Math.min(10, found.size())));
        return exact.stream().filter(top::contains).count() / (double) exact.size();
    }

    /** Two or three distinct words of a message's text, as someone searching for it might type. */
    static String words(String text, Random random) {
        List<String> all =
                new ArrayList<>(new LinkedHashSet<>(List.of(text.trim().split("\\s+"))));
        int n = Math.min(all.size(), 2 + random.nextInt(2));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            picked.add(all.remove(random.nextInt(all.size())));
        }
        return String.join(" ", picked);
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
