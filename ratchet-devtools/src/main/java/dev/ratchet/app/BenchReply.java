package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet bench reply}: the time from a Slack event to the bot's reply in Slack, through the whole bot (Socket
 * Mode, ingestion, the job server, the real modules) with Slack and the LLM emulated in this process. Both ends are
 * read from the emulator's clock: the event's ts is stamped when the message is posted, the reply's ts when the
 * emulator receives the bot's {@code chat.postMessage}. Where the time went is read afterwards from what the bot
 * recorded anyway (JobRunr's job states, {@code llm_calls}, {@code bot_posts}), so measuring adds no work to the path.
 */
@Command(
        name = "reply",
        header = "Measure the time from a Slack event to the bot's reply.",
        footer = {"", "Example:", "  ratchet bench reply --events 50 --concurrency 4 --rate 2,4,8 --duration PT60S"},
        mixinStandardHelpOptions = true,
        description = {
            "Measure the time from a Slack event to the bot's reply (chat.postMessage received by Slack), LLM time",
            "excluded: alerts (classifier, then runbook with recent activity) and @ratchet mentions (commands), through",
            "a Slack emulator and an OpenAI-compatible stub running in this process, with the real Socket Mode client,",
            "job server and modules. Seeds past alert threads first. Uses its own schema (ratchet_bench) and drops it",
            "afterwards. Prints the memory every --checkpoint events and at the end: this process's, or with",
            "--bot-process the bot's alone, the bot then running as a child 'ratchet run'."
        })
final class BenchReply implements Callable<Integer> {

    /** The modules on the two live paths; --modules replaces the list. */
    static final List<String> MODULES = List.of("classifier", "recent-activity", "runbook", "commands");

    private static final String CHANNEL = "C0BENCHOPS";
    private static final String ALERT_BOT_ID = "B0BENCHAM1";
    private static final String ALICE = "U0BENCHAL1";
    private static final String BOB = "U0BENCHBO1";
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
    /** The classifier's setting that sets repeated alerts aside, off here (see where it is set). */
    static final String REPEAT_WINDOW = "classifier.repeat-window";

    /** The alerts fired, each with how it was fixed in the seeded history. */
    private record Alert(String name, String service, String fix) {
        String firing() {
            return "[FIRING:1] " + name + " (" + service + " critical)\n*Description:* " + name + " on " + service
                    + "\n • *service:* `" + service + "`\n • *severity:* `critical`";
        }

        String resolved() {
            return "[RESOLVED] " + name + " (" + service + " critical)\n • *service:* `" + service
                    + "`\n • *severity:* `critical`";
        }
    }

    private static final List<Alert> ALERTS = List.of(
            new Alert(
                    "DiskFull",
                    "db-1",
                    "freed 20G with `logrotate -f /etc/logrotate.conf`; root cause: the rotation cron was disabled"),
            new Alert(
                    "HighLatency",
                    "api",
                    "rolled back with `kubectl rollout undo deploy/api`, latency is back to normal"),
            new Alert(
                    "HighErrorRate",
                    "checkout",
                    "payment provider timeouts again, failed over to the backup provider"));

    private static final List<String> QUESTIONS =
            List.of("what happened to db-1 this week?", "who fixed the api latency last time?", "is checkout healthy?");

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "50", description = "Alerts fired, and as many mentions (default 50).")
    int events;

    @Option(
            names = "--llm-delay",
            paramLabel = "DURATION",
            defaultValue = "PT0S",
            description = "How long the LLM stub takes to answer each chat request (default PT0S).")
    Duration llmDelay;

    @Option(
            names = "--concurrency",
            defaultValue = "1",
            description =
                    "Events in flight at once: each of these senders posts an event and waits for its reply (default 1).")
    int concurrency;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "PT60S",
            description = "How long to wait for one reply before counting it as missing (default PT60S).")
    Duration timeout;

    @Option(
            names = "--rate",
            split = ",",
            paramLabel = "R",
            description = {
                "Sustained mode: events per second (alerts and mentions alternating) fired on a fixed schedule whatever",
                "the replies do (open loop), each rate for --duration, several rates in turn (e.g. --rate 2,4,8); prints",
                "p50/p95/p99 of event -> reply (LLM excluded), the backlog and RSS per rate, and the highest rate held",
                "with p95 <= 250 ms and no backlog growth. The closed-loop run (--events, --concurrency) comes first."
            })
    List<Double> rates = new ArrayList<>();

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "PT60S",
            description = "How long each --rate is held (default PT60S).")
    Duration duration;

    @Option(
            names = "--bot-process",
            description = {
                "Run the bot as a child process ('ratchet run' of the distribution this runs from, or of this class path)",
                "against the emulated Slack and LLM kept in this process, so that the memory printed is the bot's alone",
                "(its VmRSS, and its JVM's pools from its /metrics); the latency report reads the database as before."
            })
    boolean botProcess;

    @Option(
            names = "--bot-java-opts",
            paramLabel = "OPTS",
            description = {
                "JAVA_OPTS of the --bot-process child (default: none, so bin/ratchet's defaults; this process's own",
                "JAVA_OPTS, JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS are not passed on)."
            })
    String botJavaOpts;

    @Option(
            names = "--dist",
            paramLabel = "DIR",
            description = "The distribution whose bin/ratchet --bot-process starts; default: the one this runs from.")
    Path dist;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description = {
                "Alerts fired, and as many mentions, before the timed run, at --concurrency (default 0: three of each,",
                "one at a time, for class loading and connections). The JIT compiles the hot code over the first few",
                "hundred events, with about a third of the CPU of a 100-event run (see the CPU line's compiler",
                "threads); --warmup 300 measures a bot that has been running a while."
            })
    int warmup;

    @Option(
            names = "--checkpoint",
            defaultValue = "1000",
            description = "Print the memory every this many events answered (alerts and mentions, default 1000).")
    int checkpoint;

    /** The p95 a sustained rate must keep, LLM excluded (issue 15). */
    static final double SUSTAINED_P95_MS = 250;

    /** One event fired and what the emulator saw: when it was posted and, unless it timed out, the bot's reply. */
    record Sample(String kind, String ts, String replyTs) {}

    @Override
    public Integer call() throws Exception {
        check(events >= 1, "--events must be at least 1, e.g. --events 100");
        check(concurrency >= 1, "--concurrency must be at least 1, e.g. --concurrency 4");
        check(!llmDelay.isNegative(), "--llm-delay cannot be negative, e.g. --llm-delay PT0.5S");
        check(timeout.toMillis() >= 100, "--timeout must be at least PT0.1S, e.g. --timeout PT60S");
        check(
                rates.stream().allMatch(r -> r > 0 && r <= 1000),
                "--rate must be above 0 and at most 1000, e.g. --rate 2,4,8");
        check(duration.toMillis() >= 1000, "--duration must be at least PT1S, e.g. --duration PT60S");
        check(warmup >= 0, "--warmup cannot be negative, e.g. --warmup 300");
        check(checkpoint >= 1, "--checkpoint must be at least 1, e.g. --checkpoint 1000");
        check(
                botProcess || (botJavaOpts == null && dist == null),
                "--bot-java-opts and --dist go with --bot-process, e.g. --bot-process --bot-java-opts -Xmx256m");
        Path home = null;
        if (botProcess) {
            home = dist != null ? dist : BenchStart.distribution();
            check(
                    dist == null || Files.isExecutable(dist.resolve("bin/ratchet")),
                    "no bin/ratchet in " + dist
                            + "; pass the distribution folder, e.g. --dist ratchet-app/target/ratchet");
        }
        PrintWriter out = spec.commandLine().getOut();
        Logging.quietUnlessLevelAsked(bench.root, spec);
        if (bench.root.modules.isEmpty()) {
            bench.root.modules =
                    new ArrayList<>(MODULES); // the live paths only: other modules would add their own work
        }
        RatchetConfig base = bench.root.config();
        boolean ownSchema = !bench.root.settings.containsKey("db.schema")
                && !bench.root.environment.containsKey("RATCHET_DB_SCHEMA");
        if (ownSchema) {
            base = base.withFlags(Map.of("db.schema", "ratchet_bench"));
        }
        if (!bench.root.settings.containsKey(REPEAT_WINDOW)) {
            // the bench fires its few alerts again and again, each to get its runbook: no repeats set aside
            base = base.withFlags(Map.of(REPEAT_WINDOW, "off"));
        }
        double loadBefore = load();
        try (SlackEmulator slack = SlackEmulator.start();
                OpenAiStub llm = OpenAiStub.start()) {
            answerEverything(llm);
            Map<String, String> flags = new LinkedHashMap<>(Map.of(
                    "slack.mode",
                    "socket",
                    "slack.bot-token",
                    slack.botToken(),
                    "slack.app-token",
                    slack.appToken(),
                    "slack.api-url",
                    slack.apiUrl(),
                    "llm.url",
                    llm.baseUrl()));
            // with --bot-process this process's Ratchet starts no Slack connection and no job server: it migrates the
            // schema, knows the handlers' stages and reads what the bot recorded, for the report
            RatchetConfig own = botProcess ? base.withFlags(Map.of("llm.url", llm.baseUrl())) : base.withFlags(flags);
            BenchReplyBot bot = null;
            try (Ratchet ratchet = Ratchet.start(own, bench.root.registry(), Clock.systemUTC())) {
                for (String needed : List.of("classifier", "runbook", "commands")) {
                    if (!ratchet.modules().isEnabled(needed)) {
                        throw new StartupException(
                                StartupException.MODULE,
                                "bench reply needs the " + needed
                                        + " module; it is not enabled (see 'ratchet modules', or leave out --modules/--disable)");
                    }
                }
                int history = seed(slack);
                if (botProcess) {
                    bot = startBot(home, base, slack, llm);
                    BenchReplyBot started = bot;
                    child = bot;
                    memoryLine = () -> "memory: " + started.memory() + "; " + benchMemory();
                    rss = started::rssMegabytes;
                } else {
                    ratchet.startJobServer();
                    ratchet.startSlackEvents();
                }
                slack.botJoins(CHANNEL);
                settle(ratchet, history);
                out.printf(
                        "bench reply: %d alerts and %d mentions, LLM delay %s, concurrency %d, warm-up %s; %d cores, load"
                                + " %.2f; modules %s%n",
                        events,
                        events,
                        llmDelay,
                        concurrency,
                        warmup == 0 ? "3 of each" : warmup + " of each",
                        Runtime.getRuntime().availableProcessors(),
                        loadBefore,
                        String.join(", ", ratchet.modules().startedIds()));
                out.printf(
                        "history: %d messages, %d past alert threads, onboarded and enriched%n",
                        history, ALERTS.size() * 3);
                if (bot != null) {
                    out.printf(
                            "bot process: pid %d, %s; JAVA_OPTS %s; its output in %s%n",
                            bot.pid(),
                            bot.how(),
                            botJavaOpts == null ? "none (bin/ratchet's defaults)" : botJavaOpts,
                            bot.log());
                    out.println("after onboarding: " + memoryLine.get());
                }
                out.flush();
                // warm-up: class loading, the embedding model, pool connections; with a larger --warmup, the JIT too
                fire(slack, warmup == 0 ? Math.min(3, events) : warmup, warmup == 0 ? 1 : concurrency, null, llm);
                List<Long> pids =
                        new ArrayList<>(List.of(ProcessHandle.current().pid()));
                Map<Long, String> names = new LinkedHashMap<>();
                names.put(
                        pids.get(0), bot == null ? "bench process (the bot, emulated Slack and LLM)" : "bench process");
                if (bot != null) {
                    pids.add(bot.pid());
                    names.put(bot.pid(), "bot process");
                }
                BenchCpu.Snapshot cpuBefore = BenchCpu.take(pids);
                long t0 = System.nanoTime();
                List<Sample> samples = fire(slack, events, concurrency, out, llm);
                double seconds = (System.nanoTime() - t0) / 1e9;
                // the replying jobs record their end just after the post; a run still retrying only leaves its event
                // out
                awaitRuns(ratchet, Duration.ofSeconds(30));
                BenchCpu.Snapshot cpuAfter = BenchCpu.take(pids);
                BenchReplyReport report = new BenchReplyReport(ratchet, CHANNEL, samples);
                report.print(
                        out,
                        "alert -> runbook reply",
                        samples.stream().filter(s -> s.kind().equals("alert")).toList());
                report.print(
                        out,
                        "mention -> commands reply",
                        samples.stream().filter(s -> s.kind().equals("mention")).toList());
                BenchReplyReport.printQueryEmbedding(out, ratchet, ALERTS.get(0).firing());
                out.printf(
                        "%d events in %.1f s (%.1f events/s); load %.2f at the end%n",
                        samples.size(), seconds, samples.size() / seconds, load());
                BenchCpu.report(
                                cpuBefore,
                                cpuAfter,
                                (int) samples.stream()
                                        .filter(s -> s.replyTs() != null)
                                        .count(),
                                names)
                        .forEach(out::println);
                if (!rates.isEmpty()) {
                    sustained(out, slack, ratchet, llm);
                }
                out.println(memoryLine.get());
            } finally {
                if (bot != null) {
                    bot.close();
                }
            }
        } finally {
            if (ownSchema) {
                BenchCommand.dropBenchSchema(base);
            }
        }
        return 0;
    }

    /** The memory line printed at each checkpoint and at the end: this process's, or the bot process's. */
    private Supplier<String> memoryLine = BenchReply::memory;

    /** The RSS in MB printed per sustained rate: this process's, or the bot process's. */
    private LongSupplier rss = BenchStart::rssMegabytes;

    /** The bot process with --bot-process, else null: a reply is not waited for once it has exited. */
    private volatile BenchReplyBot child;

    /**
     * Starts the bot process ({@code ratchet run}) against the emulator and the stub, with the bench's database,
     * schema, modules and --set settings, and waits until it answers /readyz and holds a Socket Mode connection.
     */
    private BenchReplyBot startBot(Path home, RatchetConfig base, SlackEmulator slack, OpenAiStub llm)
            throws Exception {
        List<String> args = new ArrayList<>();
        args.add("--db-url");
        args.add(DatabaseSettings.from(base).url());
        if (!bench.root.modules.isEmpty()) {
            args.add("--modules");
            args.add(String.join(",", bench.root.modules));
        }
        if (!bench.root.disabled.isEmpty()) {
            args.add("--disable");
            args.add(String.join(",", bench.root.disabled));
        }
        if (bench.root.plugins != null) {
            args.add("--plugins");
            args.add(bench.root.plugins.toString());
        }
        Map<String, String> settings = new LinkedHashMap<>(bench.root.settings);
        settings.putIfAbsent(REPEAT_WINDOW, "off");
        settings.put("db.schema", DatabaseSettings.from(base).schema());
        settings.put("slack.mode", "socket");
        settings.put("slack.api-url", slack.apiUrl());
        settings.put("llm.url", llm.baseUrl());
        settings.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        BenchReplyBot bot = BenchReplyBot.start(
                home,
                botJavaOpts,
                args,
                Map.of("RATCHET_SLACK_BOT_TOKEN", slack.botToken(), "RATCHET_SLACK_APP_TOKEN", slack.appToken()));
        try {
            bot.awaitReady(Duration.ofMinutes(3));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (slack.connectionCount() == 0) {
                bot.checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the bot process opened no Socket Mode connection within a minute; its output is in "
                                    + bot.log());
                }
                Thread.sleep(50);
            }
            return bot;
        } catch (Exception | Error e) {
            bot.close();
            throw e;
        }
    }

    /** This process's RSS and heap, with --bot-process: the emulated Slack and LLM, the report's reads. */
    private static String benchMemory() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return String.format(
                "bench process (emulated Slack and LLM, the report's database reads; not the bot): RSS %d MB, heap %d MB"
                        + " used of %d MB committed",
                BenchStart.rssMegabytes(), heap.getUsed() >> 20, heap.getCommitted() >> 20);
    }

    /**
     * The process's RSS and what the JVM can account for: the heap (used, committed), metaspace and compressed class
     * space, the JIT's code cache, direct buffers; the rest is native memory the JVM does not track (ONNX Runtime's
     * model and buffers, thread stacks, malloc arenas, the mapped class-data archive and jars).
     */
    static String memory() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long meta = 0;
        long code = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP) {
                long committed = pool.getUsage().getCommitted();
                if (pool.getName().startsWith("CodeHeap") || pool.getName().equals("Code Cache")) {
                    code += committed;
                } else {
                    meta += committed;
                }
            }
        }
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            direct += pool.getMemoryUsed();
        }
        Map<String, Long> status = BenchStart.status();
        long rss = status.getOrDefault("VmRSS", -1L);
        return String.format(
                "memory: RSS %d MB (VmRSS of this process: the bot, its embedding model, the emulated Slack and LLM;"
                        + " %d MB anonymous, %d MB file-backed: jars, libraries, the class-data archive); the JVM's"
                        + " pools: heap %d MB committed (%d MB used, %d MB max), metaspace and class space %d MB, code"
                        + " cache %d MB, direct buffers %d MB; the rest of the anonymous memory, %d MB, is native (ONNX"
                        + " Runtime, thread stacks, malloc); %d threads",
                rss,
                status.getOrDefault("RssAnon", -1L),
                status.getOrDefault("RssFile", -1L),
                heap.getCommitted() >> 20,
                heap.getUsed() >> 20,
                heap.getMax() >> 20,
                meta >> 20,
                code >> 20,
                direct >> 20,
                status.getOrDefault("RssAnon", -1L) - ((heap.getCommitted() + meta + code + direct) >> 20),
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The stub answers every chat request after the delay: a runbook for the runbook module, prose for the rest. */
    private void answerEverything(OpenAiStub llm) {
        llm.onChat()
                .when(r -> true)
                .delay(llmDelay)
                .reply("db-1 filled its disk twice this week; Bob freed space with logrotate both times.");
        // the commands agent's action plan, when some module offers a write tool
        llm.onChat().whenJsonRequested().delay(llmDelay).reply("{\"tool\": \"none\", \"arguments\": {}}");
        llm.onChat().whenAnyMessageContains("concise runbooks").delay(llmDelay).reply("""
                {"overview": "The alert fired before; it was fixed each time from the thread's steps.",
                 "root_causes": ["log rotation stopped", "a bad deploy"], "steps": ["Check the dashboard", "Apply the fix from the last thread"],
                 "lexical_query": "disk latency errors", "semantic_query": "service degraded after a change"}""");
    }

    /**
     * Three past firings of each alert, each with a triage thread and its resolution, and some chatter, all before
     * the bot joins: onboarding reads them as history.
     *
     * @return how many messages were seeded, replies included
     */
    private static int seed(SlackEmulator slack) {
        slack.addUser(ALICE, "alice", "Alice Smith", "alice@bench.invalid");
        slack.addUser(BOB, "bob", "Bob Jones", "bob@bench.invalid");
        slack.addChannel(CHANNEL, "bench-ops");
        slack.joins(CHANNEL, ALICE);
        slack.joins(CHANNEL, BOB);
        Instant now = Instant.now();
        int seeded = 0;
        for (int week = 1; week <= 3; week++) {
            for (int a = 0; a < ALERTS.size(); a++) {
                Alert alert = ALERTS.get(a);
                Instant at = now.minus(Duration.ofDays(7L * week - a)).minus(Duration.ofHours(week + a));
                String ts = slack.seedIntegration(CHANNEL, ALERT_BOT_ID, "alertmanager", alert.firing(), List.of(), at);
                slack.seedReply(CHANNEL, ts, ALICE, "looking at it", at.plusSeconds(120));
                slack.seedReply(CHANNEL, ts, BOB, alert.fix(), at.plusSeconds(900));
                slack.seedIntegration(
                        CHANNEL, ALERT_BOT_ID, "alertmanager", alert.resolved(), List.of(), at.plusSeconds(1800));
                seeded += 4;
            }
        }
        slack.seedHistory(CHANNEL, ALICE, 20, Duration.ofDays(20));
        return seeded + 20;
    }

    /** Waits until onboarding stored the history and every module run it caused (classification, embeddings) ended. */
    private static void settle(Ratchet ratchet, int history) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int stored;
        while ((stored = ratchet.storage().messages().count(CHANNEL)) < history || !awaitRuns(ratchet, Duration.ZERO)) {
            if (System.nanoTime() > deadline) {
                throw new StartupException(
                        1,
                        "the seeded history was not onboarded and enriched within " + SETTLE_TIMEOUT + " (" + stored
                                + " of " + history + " messages stored, "
                                + ratchet.storage().moduleRuns().countUnfinished() + " module runs left)");
            }
            Thread.sleep(100);
        }
    }

    /** Whether every module run ended within {@code timeout}. */
    private static boolean awaitRuns(Ratchet ratchet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ratchet.storage().moduleRuns().countUnfinished() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * The sustained mode: each rate held for {@link #duration}, open loop, then its figures; at the end the highest rate
     * that kept p95 (LLM excluded) within {@link #SUSTAINED_P95_MS} with every event answered and no backlog growth.
     */
    private void sustained(PrintWriter out, SlackEmulator slack, Ratchet ratchet, OpenAiStub llm) throws Exception {
        out.printf(
                "sustained: open loop, each rate for %ds; held = p95 (LLM excluded) <= %.0f ms, every event answered"
                        + " within %s, unfinished module runs at the end no more than a third of the way in plus one"
                        + " second's arrivals%n",
                duration.toSeconds(), SUSTAINED_P95_MS, timeout);
        out.flush();
        double best = 0;
        for (double rate : rates) {
            awaitRuns(ratchet, Duration.ofSeconds(30)); // each rate starts from an empty queue
            llm.forgetRequests();
            double loadBefore = load();
            List<Integer> backlog = Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
            ExecutorService waiters = Executors.newCachedThreadPool();
            List<Future<Sample>> futures = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger fired = new AtomicInteger();
            int total = (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
            CountDownLatch allFired = new CountDownLatch(total);
            long periodNanos = (long) (1e9 / rate);
            long t0 = System.nanoTime();
            ticker.scheduleAtFixedRate(
                    () -> {
                        int i = fired.getAndIncrement();
                        if (i >= total) {
                            return;
                        }
                        Alert alert = ALERTS.get((i / 2) % ALERTS.size());
                        String question = QUESTIONS.get((i / 2) % QUESTIONS.size());
                        futures.add(waiters.submit(() -> i % 2 == 0
                                ? awaitReply(
                                        slack,
                                        "alert",
                                        slack.postAsIntegration(
                                                CHANNEL, ALERT_BOT_ID, "alertmanager", alert.firing(), List.of()))
                                : awaitReply(
                                        slack,
                                        "mention",
                                        slack.post(CHANNEL, BOB, "<@" + slack.botUserId() + "> " + question))));
                        allFired.countDown();
                    },
                    0,
                    periodNanos,
                    TimeUnit.NANOSECONDS);
            ticker.scheduleAtFixedRate(
                    () -> backlog.add(ratchet.storage().moduleRuns().countUnfinished()), 1, 1, TimeUnit.SECONDS);
            allFired.await();
            double firedSeconds = (System.nanoTime() - t0) / 1e9;
            ticker.shutdownNow();
            List<Sample> samples = new ArrayList<>();
            for (Future<Sample> f : List.copyOf(futures)) {
                samples.add(f.get());
            }
            waiters.shutdownNow();
            awaitRuns(ratchet, Duration.ofSeconds(30));
            BenchReplyReport report = new BenchReplyReport(ratchet, CHANNEL, samples);
            List<Double> ms = report.withoutLlm(samples);
            long missing = samples.stream().filter(x -> x.replyTs() == null).count();
            List<Integer> seen = List.copyOf(backlog);
            int third = seen.isEmpty() ? 0 : seen.get(seen.size() / 3);
            int end = seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
            int peak = seen.stream().mapToInt(Integer::intValue).max().orElse(0);
            double p95 = ms.isEmpty() ? Double.NaN : BenchCommand.percentile(ms, 95);
            boolean held = !ms.isEmpty() && missing == 0 && p95 <= SUSTAINED_P95_MS && end <= third + Math.ceil(rate);
            if (held) {
                best = Math.max(best, rate);
            }
            out.printf(
                    "rate %.1f/s: %d events fired in %.1f s (%.2f/s), %d answered%s; event -> reply, LLM excluded: p50 %.1f ms,"
                            + " p95 %.1f ms, p99 %.1f ms, max %.1f ms; unfinished module runs a third of the way in %d, at"
                            + " the end %d, peak %d; RSS %d MB; load %.2f -> %.2f: %s%n",
                    rate,
                    samples.size(),
                    firedSeconds,
                    samples.size() / firedSeconds,
                    ms.size(),
                    missing > 0 ? " (" + missing + " not within " + timeout + ")" : "",
                    ms.isEmpty() ? Double.NaN : BenchCommand.percentile(ms, 50),
                    p95,
                    ms.isEmpty() ? Double.NaN : BenchCommand.percentile(ms, 99),
                    ms.isEmpty() ? Double.NaN : BenchCommand.percentile(ms, 100),
                    third,
                    end,
                    peak,
                    rss.getAsLong(),
                    loadBefore,
                    load(),
                    held ? "held" : "not held");
            out.flush();
        }
        out.printf(
                best > 0
                        ? "highest rate held: %.1f events/s%n"
                        : "no rate held (p95 <= %2$.0f ms, every event answered, no backlog growth)%n",
                best,
                SUSTAINED_P95_MS);
    }

    /**
     * Fires {@code n} alerts and {@code n} mentions, alternating, from {@code senders} threads; each waits for its reply.
     * With {@code progress}, a line every {@link #checkpoint} events answered: how many, RSS and heap. The LLM stub
     * forgets the requests it recorded, the emulator its calls and acknowledged deliveries, every 100 events, so that
     * in-process RSS is the bot's (and the emulated Slack's, which keeps the channel's messages).
     */
    private List<Sample> fire(SlackEmulator slack, int n, int senders, PrintWriter progress, OpenAiStub llm)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Sample>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Alert alert = ALERTS.get(i % ALERTS.size());
                String question = QUESTIONS.get(i % QUESTIONS.size());
                futures.add(pool.submit(() -> awaitReply(
                        slack,
                        "alert",
                        slack.postAsIntegration(CHANNEL, ALERT_BOT_ID, "alertmanager", alert.firing(), List.of()))));
                futures.add(pool.submit(() -> awaitReply(
                        slack, "mention", slack.post(CHANNEL, BOB, "<@" + slack.botUserId() + "> " + question))));
            }
            List<Sample> samples = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Future<Sample> f : futures) {
                samples.add(f.get());
                if (child != null) {
                    child.checkAlive(); // the bot process exited: say so (and where its output is) at once
                }
                if (samples.size() % 100 == 0) {
                    // the stub's record of every prompt, the emulator's of every call and delivery, are not the bot's
                    llm.forgetRequests();
                    slack.forgetRecords();
                }
                if (progress != null && samples.size() % checkpoint == 0) {
                    progress.printf(
                            "  %d of %d events answered in %.0f s; load %.2f; %s%n",
                            samples.size(), futures.size(), (System.nanoTime() - t0) / 1e9, load(), memoryLine.get());
                    progress.flush();
                }
            }
            return samples;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls the emulator for the bot's first reply in the event's thread; its ts, not the poll, is the measurement. */
    private Sample awaitReply(SlackEmulator slack, String kind, String ts) throws InterruptedException {
        // woken by the emulator at each new reply (it polled every 2 ms: ~3 ms of CPU an event, on the cores the bot
        // needs); with a child bot, in slices so that its exit is noticed
        long deadline = System.nanoTime() + timeout.toNanos();
        String botUser = slack.botUserId();
        String botId = slack.botId();
        while (System.nanoTime() < deadline && (child == null || child.alive())) {
            long slice = Math.min(deadline - System.nanoTime(), child == null ? Long.MAX_VALUE : 200_000_000L);
            Optional<Map<String, Object>> reply = slack.awaitReply(
                    CHANNEL,
                    ts,
                    m -> botUser.equals(m.get("user")) || botId.equals(m.get("bot_id")),
                    Duration.ofNanos(Math.max(0, slice)));
            if (reply.isPresent()) {
                return new Sample(kind, ts, String.valueOf(reply.get().get("ts")));
            }
        }
        return new Sample(kind, ts, null);
    }
}
