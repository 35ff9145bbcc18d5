package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Subscription;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet bench}: measurements whose figures go into notes, never into timed tests. */
@Command(
        name = "bench",
        header = "Measure Ratchet on this machine.",
        footer = {"", "Example:", "  ratchet bench reply --events 50"},
        mixinStandardHelpOptions = true,
        description = "Measure Ratchet on this machine.",
        subcommands = {
            BenchCommand.Jobs.class,
            BenchCommand.Ingest.class,
            BenchEmbed.class,
            BenchReply.class,
            BenchSearch.class,
            BenchChaos.class,
            BenchStart.class,
            BenchDist.class
        })
final class BenchCommand {

    @ParentCommand
    RatchetCommand root;

    /** {@code ratchet bench jobs}: latency from a committed event to its module handler starting, and throughput. */
    @Command(
            name = "jobs",
            header = "Measure event-to-handler latency and job throughput.",
            footer = {"", "Example:", "  ratchet bench jobs --samples 200"},
            mixinStandardHelpOptions = true,
            description = {
                "Measure the time from an event's commit to its module handler starting, with the in-process",
                "wake-up and with JobRunr's polling alone, and the rate of events stored+enqueued and handled.",
                "Uses its own schema (ratchet_bench by default) and drops it afterwards."
            })
    static final class Jobs implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--samples",
                defaultValue = "200",
                description = "Events measured one at a time with the wake-up (default 200).")
        int samples;

        @Option(
                names = "--poll-samples",
                defaultValue = "10",
                description = "Events measured with polling alone (default 10; each waits up to 5 s).")
        int pollSamples;

        @Option(
                names = "--burst",
                defaultValue = "2000",
                description = "Events enqueued back to back for the throughput run (default 2000).")
        int burst;

        private final Map<String, Long> started = new ConcurrentHashMap<>();

        private final class Probe implements RatchetModule {
            @Override
            public String id() {
                return "bench-probe";
            }

            @Override
            public void start(ModuleContext ctx) {
                ctx.on("probe", Subscription.to(EventType.MESSAGE), e -> started.put(e.key(), System.nanoTime()));
            }
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            RatchetConfig config = bench.root.config();
            boolean ownSchema = !bench.root.settings.containsKey("db.schema")
                    && !bench.root.environment.containsKey("RATCHET_DB_SCHEMA");
            if (ownSchema) {
                config = config.withFlags(Map.of("db.schema", "ratchet_bench"));
            }
            Ratchet ratchet = Ratchet.start(
                    config, ModuleRegistry.of(List.of(new Probe())).enable(List.of(), List.of()), Clock.systemUTC());
            try {
                ratchet.startJobServer();
                MessageRepository messages = ratchet.storage().messages();
                String run = Long.toString(System.currentTimeMillis() / 1000);
                // warm-up: class loading, JIT, pool connections
                measure(ratchet, messages, "warm" + run, 20, true);
                List<Double> woken = measure(ratchet, messages, "wake" + run, samples, true);
                List<Double> polled = measure(ratchet, messages, "poll" + run, pollSamples, false);
                out.printf("commit -> handler start, with wake-up (%d events): %s%n", woken.size(), stats(woken));
                out.printf("commit -> handler start, polling only (%d events): %s%n", polled.size(), stats(polled));

                long t0 = System.nanoTime();
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    keys.add(ingest(ratchet, messages, "burst" + run, i));
                }
                double ingestSeconds = (System.nanoTime() - t0) / 1e9;
                ratchet.jobs().dispatcher().wake();
                waitFor(keys, 600_000);
                double totalSeconds = (System.nanoTime() - t0) / 1e9;
                out.printf(
                        "burst of %d events: stored+enqueued at %.0f events/s (one transaction each, one thread); all handled after %.1f s (%.0f events/s)%n",
                        burst, burst / ingestSeconds, totalSeconds, burst / totalSeconds);
            } finally {
                ratchet.close();
                if (ownSchema) {
                    dropBenchSchema(config);
                }
            }
            return 0;
        }

        private String ingest(Ratchet ratchet, MessageRepository messages, String channel, int i) {
            String ts = (1_700_000_000L + i) + ".000000";
            ratchet.storage().transaction(() -> {
                messages.upsert("TBENCH", channel, ts, null, Map.of("text", "bench " + i));
                return ratchet.jobs().dispatcher().dispatch(EventRef.message("TBENCH", channel, ts, false, true));
            });
            return "message:" + channel + ":" + ts;
        }

        private List<Double> measure(Ratchet ratchet, MessageRepository messages, String channel, int n, boolean wake)
                throws InterruptedException {
            List<Double> millis = new ArrayList<>();
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < n; i++) {
                // let the previous job finish (its worker turning idle also fetches work), and for polling spread the
                // arrivals over the poll interval as live events would be
                Thread.sleep(wake ? 100 : 100 + random.nextInt(5_000));
                String key = ingest(ratchet, messages, channel, i);
                long committed = System.nanoTime();
                if (wake) {
                    ratchet.jobs().dispatcher().wake();
                }
                waitFor(List.of(key), 30_000);
                millis.add((started.get(key) - committed) / 1e6);
            }
            return millis;
        }

        private void waitFor(List<String> keys, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            for (String key : keys) {
                while (!started.containsKey(key)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(
                                "event " + key + " was not handled within " + timeoutMillis + " ms");
                    }
                    Thread.sleep(1);
                }
            }
        }
    }

    /** {@code ratchet bench ingest}: Events API payloads stored and their module work enqueued, per second. */
    @Command(
            name = "ingest",
            header = "Measure the ingestion rate.",
            footer = {"", "Example:", "  ratchet bench ingest"},
            mixinStandardHelpOptions = true,
            description = {
                "Measure ingestion: Events API message payloads parsed, deduplicated, stored and their module",
                "work enqueued, one transaction each, by 1 and by N threads (the job server is not started, so only",
                "ingestion is measured). Uses its own schema (ratchet_bench) and drops it afterwards."
            })
    static final class Ingest implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "5000", description = "Events per run (default 5000).")
        int events;

        @Option(names = "--threads", defaultValue = "4", description = "Threads of the concurrent run (default 4).")
        int threads;

        private static final class Listener implements RatchetModule {
            @Override
            public String id() {
                return "bench-listener";
            }

            @Override
            public void start(ModuleContext ctx) {
                ctx.on("listen", Subscription.to(EventType.MESSAGE), e -> {});
            }
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            RatchetConfig config = bench.root.config().withFlags(Map.of("db.schema", "ratchet_bench"));
            try (Ratchet ratchet = Ratchet.start(
                    config,
                    ModuleRegistry.of(List.of(new Listener())).enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                var ingestor = ratchet.ingestor();
                long run = System.currentTimeMillis();
                for (int i = 0; i < 500; i++) { // warm-up
                    ingestor.ingest(payload("W" + run, i));
                }
                for (int t : List.of(1, threads)) {
                    String channel = "B" + run + "x" + t;
                    var pool = java.util.concurrent.Executors.newFixedThreadPool(t);
                    long t0 = System.nanoTime();
                    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
                    for (int w = 0; w < t; w++) {
                        int worker = w;
                        futures.add(pool.submit(() -> {
                            for (int i = worker; i < events; i += t) {
                                ingestor.ingest(payload(channel, i));
                            }
                        }));
                    }
                    for (var f : futures) {
                        f.get();
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    pool.shutdown();
                    int enqueued = ratchet.storage().moduleRuns().countWhereEventKeyLike("%:" + channel + ":%");
                    out.printf(
                            "%d thread(s): %d events stored and %d enqueued in %.2f s: %.0f events/s%n",
                            t, events, enqueued, seconds, events / seconds);
                }
            } finally {
                dropBenchSchema(config);
            }
            return 0;
        }

        private static String payload(String channel, int i) {
            String ts = (1_700_000_000L + i) + ".000100";
            return "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"event_id\":\"Ev" + channel
                    + "n" + i
                    + "\",\"event_time\":1700000000,\"event\":{\"type\":\"message\",\"channel\":\"" + channel
                    + "\",\"user\":\"U1\",\"text\":\"[FIRING:1] HighLatency api-"
                    + i + " p99 above 2s\",\"ts\":\"" + ts + "\",\"event_ts\":\"" + ts
                    + "\",\"channel_type\":\"channel\"}}";
        }
    }

    /** "p50 …, p95 …, max …" of millisecond values (at least one). */
    static String stats(List<Double> values) {
        return String.format(
                "p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                percentile(values, 50), percentile(values, 95), percentile(values, 100));
    }

    /** The nearest-rank percentile {@code p} of {@code values} (at least one). */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    /** Removes what a bench run wrote: its own schema and that schema's job tables. */
    static void dropBenchSchema(RatchetConfig config) {
        dropSchemas(config, "ratchet_bench", "ratchet_bench_jobs");
    }

    /** Removes the named schemas of the configured database. */
    static void dropSchemas(RatchetConfig config, String... schemas) {
        try (var db =
                dev.ratchet.core.storage.Database.connect(dev.ratchet.core.storage.DatabaseSettings.from(config))) {
            db.dropSchemas(schemas);
        }
    }
}
