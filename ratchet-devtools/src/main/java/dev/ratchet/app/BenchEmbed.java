package dev.ratchet.app;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.slack.ExportImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet bench embed}: embeddings at the model's speed. In one run: the raw model loop (the same ONNX model
 * and sentences through langchain4j directly, no Ratchet code), Ratchet's embedder one sentence per call and in
 * batches, the pipeline (a live message stored by the ingestion to its embedding stored by the job server) and the
 * import of a generated Slack export with classification and embeddings, each as a rate beside the raw one.
 */
@Command(
        name = "embed",
        header = "Measure embeddings per second, raw and through the pipeline.",
        footer = {"", "Example:", "  ratchet bench embed --sentences 1000 --import 100000"},
        mixinStandardHelpOptions = true,
        description = {
            "Measure the in-process embedding model: the raw model loop (langchain4j and ONNX Runtime directly, no",
            "Ratchet code), Ratchet's embedder one per call and in batches, the pipeline (live message stored ->",
            "embedding stored, through the ingestion and the job server with the classifier module) and the import",
            "of a generated Slack export (classification and embeddings), as sentences or messages per second and",
            "as a share of the raw rate. Uses its own schema (ratchet_bench) and drops it afterwards."
        })
final class BenchEmbed implements Callable<Integer> {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(60);

    /** Ratchet's embedder as the bench runs it apart from the pipeline: the model's own CPU per text. */
    private LocalEmbedder embedder;
    /** CPU of the model alone per sentence (the embedder's loops), in milliseconds. */
    private double modelMs;

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--sentences",
            defaultValue = "1000",
            description = "Sentences of each model loop and messages of the pipeline run (default 1000).")
    int sentences;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size of the batched loops (default 32).")
    int batch;

    @Option(
            names = "--senders",
            defaultValue = "4",
            description = "Deliveries of the pipeline's messages at once, as Slack sends events over HTTP (default 4;"
                    + " 1: one after the other, as over Socket Mode).")
    int senders;

    @Option(
            names = "--import",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Messages of the generated export imported at the end; 0 skips it (default 2000; the issue's"
                    + " figure is 100000).")
    int importMessages;

    @Override
    public Integer call() throws Exception {
        check(sentences >= 1, "--sentences must be at least 1, e.g. --sentences 1000");
        check(batch >= 1, "--batch must be at least 1, e.g. --batch 32");
        check(senders >= 1, "--senders must be at least 1, e.g. --senders 4");
        check(importMessages >= 0, "--import must be 0 (skip) or more, e.g. --import 100000");
        PrintWriter out = spec.commandLine().getOut();
        Logging.quietUnlessLevelAsked(bench.root, spec);
        List<String> texts = sentences(sentences, new Random(42));
        out.printf(
                "bench embed: model %s, %d sentences of %d-%d words; %d cores, load %.2f%n",
                LocalEmbedder.MODEL,
                sentences,
                texts.stream().mapToInt(BenchEmbed::words).min().orElse(0),
                texts.stream().mapToInt(BenchEmbed::words).max().orElse(0),
                Runtime.getRuntime().availableProcessors(),
                load());
        out.flush();

        // the anchor: the library as its README shows it, with its own defaults
        BgeSmallEnV15QuantizedEmbeddingModel raw = new BgeSmallEnV15QuantizedEmbeddingModel();
        for (int i = 0; i < Math.min(50, texts.size()); i++) {
            raw.embed(texts.get(i)); // warm-up: JIT, ONNX Runtime's first runs
        }
        // the two loops alternate over the same chunks of sentences, so that load drifting during the run (a shared
        // machine) weighs on both alike and their ratio holds
        BenchCpu.Snapshot rawStart = BenchCpu.self(false);
        double[] rawRates = alternating(texts, chunk -> chunk.forEach(raw::embed), chunk -> {
            for (List<String> b : batches(chunk, batch)) {
                raw.embedAll(b.stream().map(TextSegment::from).toList());
            }
        });
        BenchCpu.Used rawCpu = BenchCpu.between(rawStart, BenchCpu.self(false));
        double rawSingle = rawRates[0];
        double rawBatched = rawRates[1];
        double anchor = Math.max(rawSingle, rawBatched);
        out.printf(
                "raw model (langchain4j + ONNX Runtime, no Ratchet code): %.0f/s one per call, %.0f/s embedAll in batches of %d; raw = %.0f/s; CPU %.2f ms/sentence (%.2f cores busy)%n",
                rawSingle, rawBatched, batch, anchor, rawCpu.processMsPer(2 * texts.size()), rawCpu.cores());
        out.flush();

        LocalEmbedder embedder = new LocalEmbedder();
        for (int i = 0; i < Math.min(50, texts.size()); i++) {
            embedder.embed(List.of(texts.get(i)));
        }
        BenchCpu.Snapshot embStart = BenchCpu.self(false);
        double[] rates = alternating(
                texts,
                chunk -> chunk.forEach(t -> embedder.embed(List.of(t))),
                chunk -> batches(chunk, batch).forEach(embedder::embed));
        BenchCpu.Used embCpu = BenchCpu.between(embStart, BenchCpu.self(false));
        modelMs = embCpu.processMsPer(2 * texts.size());
        double single = rates[0];
        double batched = rates[1];
        out.printf(
                "Ratchet embedder: %.0f/s one per call, %.0f/s in batches of %d (batched / one per call = %.2f); %.0f%% of raw; CPU %.2f ms/sentence (%.2f cores busy)%n",
                single,
                batched,
                batch,
                batched / single,
                100 * Math.max(single, batched) / anchor,
                modelMs,
                embCpu.cores());
        out.flush();

        if (bench.root.modules.isEmpty()) {
            bench.root.modules = new ArrayList<>(List.of("classifier")); // what embeds and classifies messages
        }
        RatchetConfig config = bench.root.config().withFlags(Map.of("db.schema", "ratchet_bench"));
        try (Ratchet ratchet = Ratchet.start(config, bench.root.registry(), Clock.systemUTC())) {
            this.embedder = embedder;
            if (!ratchet.modules().isEnabled("classifier")) {
                throw new StartupException(
                        StartupException.MODULE,
                        "bench embed needs the classifier module (it embeds messages); it is not enabled (see"
                                + " 'ratchet modules', or leave out --modules/--disable)");
            }
            ratchet.startJobServer();
            pipeline(out, ratchet, texts, anchor, raw);
            if (importMessages > 0) {
                importExport(out, ratchet, anchor, raw, texts);
            }
        } finally {
            BenchCommand.dropBenchSchema(config);
        }
        // on a shared machine the load drifts during a run: the raw rate again shows by how much
        double rawAgain = rate(texts.size(), () -> texts.forEach(raw::embed));
        out.printf(
                "raw model one per call again at the end: %.0f/s (%+.0f%% against the start); load %.2f%n",
                rawAgain, 100 * (rawAgain / rawSingle - 1), load());
        return 0;
    }

    /**
     * Live messages through the ingestion, one transaction each, delivered by {@link #senders} threads at once (as Slack
     * sends events over HTTP without waiting for the previous answer), while the job server embeds them.
     */
    private void pipeline(
            PrintWriter out,
            Ratchet ratchet,
            List<String> texts,
            double anchor,
            BgeSmallEnV15QuantizedEmbeddingModel raw)
            throws InterruptedException {
        String run = Long.toString(System.currentTimeMillis() / 1000);
        var ingestor = ratchet.ingestor();
        String warm = "CWARM" + run;
        for (int i = 0; i < 20; i++) { // warm-up: the model in this embedder, JIT, pool connections
            ingestor.ingest(payload(warm, i, texts.get(i % texts.size())));
        }
        awaitEmbedded(ratchet, warm, 20);
        awaitRuns(ratchet);
        String channel = "CPIPE" + run;
        double rawBefore = rawSample(raw, texts);
        BenchCpu.Snapshot c0 = BenchCpu.self(true);
        long t0 = System.nanoTime();
        deliver(texts.size(), senders, i -> ingestor.ingest(payload(channel, i, texts.get(i))));
        double stored = (System.nanoTime() - t0) / 1e9;
        BenchCpu.Snapshot[] at = new BenchCpu.Snapshot[2];
        double[] settled = settle(ratchet, Map.of(channel, texts.size()), t0, at);
        BenchCpu.Used cpu = BenchCpu.between(c0, at[0].nanos() > at[1].nanos() ? at[0] : at[1]);
        double seconds = settled[0];
        double rate = texts.size() / seconds;
        double around = (rawBefore + rawSample(raw, texts)) / 2;
        out.printf(
                "pipeline (live message stored -> embedding stored; ingestion, job server, classifier): %d messages stored in %.1f s (%d at once), all embedded after %.1f s: %.0f/s = %.0f%% of raw; raw one per call just before and after it: %.0f/s, pipeline = %.0f%% of that%n",
                texts.size(), stored, senders, seconds, rate, 100 * rate / anchor, around, 100 * rate / around);
        out.printf(
                "  stages: storing %.0f messages/s; all classified after %.1f s; embedding done %.1f s after the last was stored%n",
                texts.size() / stored, settled[1], seconds - stored);
        printCpu(out, "pipeline", cpu, texts.size(), modelMs);
        out.flush();
    }

    /** Runs {@code deliver} on 0..n-1, by {@code senders} threads at once, each taking the next index; rethrows a failure. */
    static void deliver(int n, int senders, java.util.function.IntConsumer deliver) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(
                    () -> {
                        int i;
                        while (failed.get() == null && (i = next.getAndIncrement()) < n) {
                            try {
                                deliver.accept(i);
                            } catch (RuntimeException e) {
                                failed.compareAndSet(null, e);
                            }
                        }
                    },
                    "bench-sender-" + s);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /**
     * The raw model's rate, one per call, on up to 300 of the sentences: measured right beside a pipeline run, since on
     * a shared machine the load drifts between the first loops and the pipeline.
     */
    private static double rawSample(BgeSmallEnV15QuantizedEmbeddingModel raw, List<String> texts) {
        List<String> sample = texts.subList(0, Math.min(300, texts.size()));
        return rate(sample.size(), () -> sample.forEach(raw::embed));
    }

    /** A generated export imported as history: every message classified and embedded by the job server. */
    private void importExport(
            PrintWriter out,
            Ratchet ratchet,
            double anchor,
            BgeSmallEnV15QuantizedEmbeddingModel raw,
            List<String> texts)
            throws Exception {
        Path dir = Files.createTempDirectory("ratchet-bench-export");
        try {
            Generated export = generate(dir, importMessages, new Random(7));
            double rawBefore = rawSample(raw, texts);
            BenchCpu.Snapshot c0 = BenchCpu.self(true);
            long t0 = System.nanoTime();
            ExportImporter importer = new ExportImporter(ratchet.storage(), ratchet.ingestor(), ratchet.directory());
            ExportImporter.Report report = importer.importFrom(dir, "TBENCH", new ExportImporter.Progress() {
                @Override
                public void start(int dayFiles) {}

                @Override
                public void step(String file) {}
            });
            double stored = (System.nanoTime() - t0) / 1e9;
            BenchCpu.Snapshot c1 = BenchCpu.self(true);
            ratchet.jobs().dispatcher().wake();
            BenchCpu.Snapshot[] at = new BenchCpu.Snapshot[2];
            double[] settled = settle(ratchet, export.perChannel(), t0, at);
            double seconds = Math.max(settled[0], settled[1]);
            double rate = report.messages() / seconds;
            double around = (rawBefore + rawSample(raw, texts)) / 2;
            out.printf(
                    "import of a generated export (%d messages, %d alerts, %d thread replies, %d channels): stored in %.1f s, classified and embedded after %.1f s: %.0f messages/s = %.0f%% of raw; raw one per call just before and after it: %.0f/s, import = %.0f%% of that%n",
                    report.messages(),
                    export.alerts(),
                    export.replies(),
                    export.channels().size(),
                    stored,
                    seconds,
                    rate,
                    100 * rate / anchor,
                    around,
                    100 * rate / around);
            out.printf(
                    "  stages: storing %.0f messages/s; all embedded after %.1f s (%.0f/s), all classified after %.1f s (%.0f/s)%n",
                    report.messages() / stored,
                    settled[0],
                    report.messages() / settled[0],
                    settled[1],
                    report.messages() / settled[1]);
            // the model alone on a sample of the export's own texts (longer than the sentences: alerts of three lines)
            List<String> sample =
                    export.texts().subList(0, Math.min(500, export.texts().size()));
            BenchCpu.Snapshot m0 = BenchCpu.self(false);
            sample.forEach(t -> embedder.embed(List.of(t)));
            double exportModelMs = BenchCpu.between(m0, BenchCpu.self(false)).processMsPer(sample.size());
            int n = report.messages();
            BenchCpu.Snapshot last = at[0].nanos() > at[1].nanos() ? at[0] : at[1];
            printCpu(out, "import", BenchCpu.between(c0, last), n, exportModelMs);
            printCpu(out, "  storing", BenchCpu.between(c0, c1), n, 0);
            if (at[1].nanos() < at[0].nanos()) {
                // classification and embedding run side by side until the last is classified, then embedding alone
                printCpu(out, "  stored -> all classified", BenchCpu.between(c1, at[1]), n, Double.NaN);
                printCpu(out, "  all classified -> all embedded", BenchCpu.between(at[1], at[0]), n, Double.NaN);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * CPU per message of a stage: the process (by thread group) and its PostgreSQL backends; with the model's own CPU
     * per message ({@code modelMs}), what else the stage costs beside the model, and that as a share of the model's.
     */
    private static void printCpu(PrintWriter out, String stage, BenchCpu.Used cpu, int n, double modelMs) {
        String besides = "";
        // the model runs on a thread of its own, and ONNX Runtime's threads carry its name (15 characters of it)
        long modelThread = cpu.threads().entrySet().stream()
                .filter(e -> LocalEmbedder.THREAD.startsWith(e.getKey())
                        && e.getKey().length() >= 8)
                .mapToLong(java.util.Map.Entry::getValue)
                .sum();
        if (modelThread > 0 && !Double.isNaN(modelMs)) {
            double model = modelThread / 1e6 / n;
            double other = cpu.processMsPer(n) + cpu.postgresMsPer(n) - model;
            besides = String.format(
                    "; the model's threads %.2f ms, everything else %.2f ms = %.0f%% of the model's",
                    model, other, 100 * other / model);
        } else if (modelMs > 0) {
            double other = cpu.processMsPer(n) + cpu.postgresMsPer(n) - modelMs;
            besides = String.format(
                    "; beside the model (%.2f ms/message alone): %.2f ms = %.0f%% of the model's",
                    modelMs, other, 100 * other / modelMs);
        }
        out.printf(
                "  CPU %s: %.2f ms/message in this process + %.2f ms in PostgreSQL (%.2f cores busy, load %.2f)%s%n"
                        + "    by thread: %s%n",
                stage, cpu.processMsPer(n), cpu.postgresMsPer(n), cpu.cores(), load(), besides, cpu.threadsPer(n));
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /**
     * Waits until every message of these channels is embedded and no module run is unfinished; the seconds since
     * {@code t0} at which each was first seen: {embedded, classified}. Polls what is left through the queues' own
     * indexes (no message waiting for its embedding, no open module run), since counting the embedded messages read
     * every row of the channels each time: at 10,000 messages polled every 20 ms that was a core's worth of the
     * database's time taken from the pipeline it measures. The counts are checked once at the end.
     */
    private double[] settle(Ratchet ratchet, Map<String, Integer> perChannel, long t0, BenchCpu.Snapshot[] at)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        double embedded = -1;
        double classified = -1;
        while (embedded < 0 || classified < 0) {
            if (embedded < 0 && !ratchet.storage().embeddings().anyQueued()) {
                at[0] = BenchCpu.self(true);
                embedded = (System.nanoTime() - t0) / 1e9;
            }
            if (classified < 0 && !ratchet.storage().moduleRuns().anyUnfinished()) {
                at[1] = BenchCpu.self(true);
                classified = (System.nanoTime() - t0) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(
                        1,
                        "the messages were not all embedded and classified within " + SETTLE_TIMEOUT + " ("
                                + ratchet.storage().moduleRuns().countUnfinished() + " module runs left)");
            }
            // every 20 ms at first, then every 100 ms: a long import needs no finer figure
            Thread.sleep(System.nanoTime() - t0 < 30_000_000_000L ? 20 : 100);
        }
        for (var e : perChannel.entrySet()) {
            int done = ratchet.storage().messages().countEmbedded(e.getKey());
            if (done < e.getValue()) {
                throw new StartupException(
                        1,
                        "only " + done + " of " + e.getValue() + " messages of " + e.getKey()
                                + " were embedded and none is left in the embedding queue: the embedder refused some"
                                + " (attrs.embedding_error); see the log");
            }
        }
        return new double[] {embedded, classified};
    }

    private static void awaitEmbedded(Ratchet ratchet, String channel, int n) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int done;
        while ((done = ratchet.storage().messages().countEmbedded(channel)) < n) {
            if (System.nanoTime() > deadline) {
                throw new StartupException(
                        1,
                        "only " + done + " of " + n + " messages of " + channel + " were embedded within "
                                + SETTLE_TIMEOUT + " ("
                                + ratchet.storage().moduleRuns().countUnfinished()
                                + " module runs left)");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitRuns(Ratchet ratchet) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (ratchet.storage().moduleRuns().countUnfinished() > 0) {
            if (System.nanoTime() > deadline) {
                throw new StartupException(1, "module runs were still unfinished after " + SETTLE_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    private static double rate(int n, Runnable loop) {
        long t0 = System.nanoTime();
        loop.run();
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Rounds each loop runs a chunk of the sentences in, alternately (first one, then the other, then the other way). */
    static final int ROUNDS = 6;

    /**
     * The rates of two loops over the same sentences, measured in {@link #ROUNDS} rounds of a chunk each, alternating
     * which goes first: per sentence, over all rounds.
     */
    static double[] alternating(
            List<String> texts,
            java.util.function.Consumer<List<String>> first,
            java.util.function.Consumer<List<String>> second) {
        long[] nanos = new long[2];
        int chunk = Math.max(1, (texts.size() + ROUNDS - 1) / ROUNDS);
        int round = 0;
        for (int from = 0; from < texts.size(); from += chunk, round++) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + chunk));
            for (int k = 0; k < 2; k++) {
                int which = (round + k) % 2;
                long t0 = System.nanoTime();
                (which == 0 ? first : second).accept(part);
                nanos[which] += System.nanoTime() - t0;
            }
        }
        return new double[] {texts.size() / (nanos[0] / 1e9), texts.size() / (nanos[1] / 1e9)};
    }

    private static List<List<String>> batches(List<String> texts, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += size) {
            out.add(texts.subList(i, Math.min(texts.size(), i + size)));
        }
        return out;
    }

    private static int words(String s) {
        return s.split("\\s+").length;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static final String[] SERVICES = {"api", "checkout", "db-1", "payments", "search", "auth", "web", "queue"};
    private static final String[] ALERTS = {"HighLatency", "DiskFull", "HighErrorRate", "PodCrashLooping", "OOMKilled"};
    private static final String[] CHATTER = {
        "looking at it now",
        "rolled back the deploy, latency is back to normal",
        "freed 20G with logrotate, root cause: the rotation cron was disabled",
        "is anyone else seeing timeouts from the payment provider since the last release?",
        "restarted the pods on node 7, they were stuck in CrashLoopBackOff after the config change",
        "the p99 on checkout went above two seconds right after the canary reached fifty percent, so I paused the"
                + " rollout and opened a ticket with the database team to look at the slow query log",
        "ack",
        "can someone review the runbook for the disk alert? step 3 still mentions the old mount point and the"
                + " command to resize the volume changed when we moved to the new storage class last quarter",
        "deployed 4.12.1 to production",
        "who owns the search indexer? its queue has been growing for an hour"
    };

    /** Sentences of the length mix of a real ops channel: mostly short, some alerts, a few long paragraphs. */
    static List<String> sentences(int n, Random random) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(text(i, random));
        }
        return out;
    }

    private static String text(int i, Random random) {
        String service = SERVICES[random.nextInt(SERVICES.length)];
        if (random.nextInt(5) == 0) {
            return "[FIRING:1] " + ALERTS[random.nextInt(ALERTS.length)] + " (" + service + " critical) p99 above "
                    + (1 + random.nextInt(9)) + "s for 5 minutes";
        }
        String line = CHATTER[random.nextInt(CHATTER.length)];
        return random.nextInt(3) == 0 ? line + " on " + service + " (" + i + ")" : line;
    }

    private static String payload(String channel, int i, String text) {
        String ts = (1_700_000_000L + i) + ".000200";
        return Json.write(Map.of(
                "type",
                "event_callback",
                "team_id",
                "TBENCH",
                "api_app_id",
                "ABENCH",
                "event_id",
                "Ev" + channel + "n" + i,
                "event_time",
                1_700_000_000L,
                "event",
                Map.of(
                        "type", "message",
                        "channel", channel,
                        "user", "UBENCH1",
                        "text", text,
                        "ts", ts,
                        "event_ts", ts,
                        "channel_type", "channel")));
    }

    /** What {@link #generate} wrote: channel ids, messages per channel, and how many alerts and replies. */
    record Generated(
            List<String> channels, Map<String, Integer> perChannel, int alerts, int replies, List<String> texts) {}

    /**
     * A Slack export folder of {@code n} messages over 4 channels, one every few minutes: alerts from an alerting bot
     * (firing and resolved), people's messages, and thread replies under some of them, as the export lays them out.
     */
    static Generated generate(Path dir, int n, Random random) throws IOException {
        String run = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase();
        List<String> channels = new ArrayList<>();
        List<Map<String, Object>> listing = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String id = "CIMP" + run + c;
            channels.add(id);
            listing.add(Map.of("id", id, "name", "bench-import-" + run.toLowerCase() + "-" + c));
        }
        Files.writeString(dir.resolve("channels.json"), Json.write(listing));
        Files.writeString(
                dir.resolve("users.json"),
                Json.write(List.of(Map.of("id", "UBENCH1", "team_id", "TBENCH", "name", "alice"))));
        Map<String, Integer> perChannel = new LinkedHashMap<>();
        // channel -> day -> messages
        Map<String, Map<String, List<Map<String, Object>>>> days = new LinkedHashMap<>();
        long start = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        int alerts = 0;
        int replies = 0;
        String[] lastTop = new String[channels.size()];
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = i % channels.size();
            long at = start + 180L * i;
            String ts = at + "." + String.format("%06d", i % 1_000_000);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "message");
            m.put("ts", ts);
            if (lastTop[c] != null && random.nextInt(10) < 3) {
                m.put("user", "UBENCH1");
                m.put("text", CHATTER[random.nextInt(CHATTER.length)]);
                m.put("thread_ts", lastTop[c]);
                m.put("parent_user_id", "UBENCH1");
                replies++;
            } else if (random.nextInt(8) == 0) {
                String alert = ALERTS[random.nextInt(ALERTS.length)];
                String service = SERVICES[random.nextInt(SERVICES.length)];
                m.put("subtype", "bot_message");
                m.put("bot_id", "BBENCHAM");
                m.put("username", "alertmanager");
                m.put(
                        "text",
                        (random.nextBoolean() ? "[FIRING:1] " : "[RESOLVED] ") + alert + " (" + service
                                + " critical)\n • *service:* `" + service + "`\n • *severity:* `critical`");
                lastTop[c] = ts;
                alerts++;
            } else {
                m.put("user", "UBENCH1");
                m.put("text", text(i, random));
                lastTop[c] = ts;
            }
            String day = Instant.ofEpochSecond(at)
                    .atOffset(ZoneOffset.UTC)
                    .toLocalDate()
                    .toString();
            days.computeIfAbsent(channels.get(c), k -> new TreeMap<>())
                    .computeIfAbsent(day, k -> new ArrayList<>())
                    .add(m);
            perChannel.merge(channels.get(c), 1, Integer::sum);
            texts.add((String) m.get("text"));
        }
        for (int c = 0; c < channels.size(); c++) {
            Path folder = dir.resolve((String) listing.get(c).get("name"));
            Files.createDirectories(folder);
            for (var day : days.getOrDefault(channels.get(c), Map.of()).entrySet()) {
                try {
                    Files.writeString(folder.resolve(day.getKey() + ".json"), Json.write(day.getValue()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new Generated(channels, perChannel, alerts, replies, texts);
    }
}
