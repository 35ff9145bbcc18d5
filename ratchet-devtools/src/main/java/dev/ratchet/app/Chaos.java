package dev.ratchet.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.testkit.FaultProxy;
import dev.ratchet.testkit.llm.ChatReply;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaos run behind {@code ratchet bench chaos}: a child {@code ratchet run} process in HTTP Events mode, its
 * database behind a {@link FaultProxy}, Slack and the LLM emulated in this process, and a "Slack" here that delivers
 * a stream of events four times each (concurrent retries) and keeps retrying every event until it is acknowledged.
 * While the stream runs, the database is cut, stalled and slowed, the LLM answers with every malformed kind, the
 * child is killed with SIGKILL and started again, and a seeded corpus of hostile signed requests is sent. Afterwards
 * it checks that every acknowledged event was stored once, every alert got exactly one runbook, no request got a
 * 5xx other than the outage's 503, no row came from invalid input, no secret appears in any log line, response or
 * post, and that the child recovered from every fault; and prints one table.
 */
final class Chaos {

    /** What to run. */
    record Options(
            String dbUrl,
            int events,
            int fuzz,
            long seed,
            Duration outage,
            Duration stall,
            Duration interval,
            String childClassPath,
            Path workDir) {}

    /** One line of the table. */
    record Row(String check, String figure, boolean failed) {}

    /** The run's outcome: the table and, if any, why it failed. */
    record Report(List<Row> rows, List<String> failures) {
        boolean passed() {
            return failures.isEmpty();
        }

        void print(PrintWriter out) {
            int width = rows.stream().mapToInt(r -> r.check().length()).max().orElse(10);
            out.printf("%-" + width + "s  %-7s  %s%n", "check", "verdict", "figure");
            for (Row row : rows) {
                out.printf("%-" + width + "s  %-7s  %s%n", row.check(), row.failed() ? "FAILED" : "ok", row.figure());
            }
            for (String failure : failures) {
                out.println("FAILED: " + failure);
            }
            out.flush();
        }
    }

    static final String SCHEMA = "ratchet_chaos";
    static final String CHANNEL = "C0CHAOS0OPS";
    static final String FUZZ_CHANNEL = "C0CHAOS0FZZ";
    static final String ALICE = "U0CHAOSAL1";
    static final String ALERT_BOT = "B0CHAOSAM1";
    private static final Pattern CHANNEL_ID = Pattern.compile("[CDG][A-Z0-9]{2,}");
    private static final Pattern TS = Pattern.compile("\\d{10}\\.\\d{6}");
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+)(\\?.*)?");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Options options;
    private final PrintWriter progress;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger unreachable = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicLong maxAckMillis = new AtomicLong();
    /** The 5xx answers that were not the outage's 503, kept with what was sent. */
    private final ConcurrentLinkedQueue<String> fivexx = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<String> responses = new ConcurrentLinkedQueue<>();
    private final List<String> faults = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean databaseDown;
    private final ExecutorService copiesPool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chaos-delivery");
        t.setDaemon(true);
        return t;
    });

    Chaos(Options options, PrintWriter progress) {
        this.options = options;
        this.progress = progress;
    }

    /** One event of the stream: a person's message, or an alert from an integration (which must get a runbook). */
    record Event(String ts, String body, boolean alert) {}

    Report run() throws Exception {
        Matcher jdbc = JDBC.matcher(options.dbUrl());
        if (!jdbc.matches()) {
            throw new IllegalArgumentException("--db-url '" + options.dbUrl()
                    + "' is not a PostgreSQL JDBC URL; give one such as jdbc:postgresql://127.0.0.1:5432/ratchet");
        }
        String host = jdbc.group(1);
        int port = jdbc.group(2) == null ? 5432 : Integer.parseInt(jdbc.group(2));
        String database = jdbc.group(3);
        Files.createDirectories(options.workDir());
        dropSchemas();
        String dbPassword = "chaos-db-" + token(20);
        String llmKey = "sk-chaos-" + token(32);
        String llmUrlPassword = "chaos-url-" + token(16);
        long started = System.nanoTime();
        try (FaultProxy proxy = FaultProxy.to(host, port);
                SlackEmulator slack = SlackEmulator.start();
                OpenAiStub llm = OpenAiStub.start()) {
            List<String> secrets = List.of(
                    slack.botToken(), slack.appToken(), slack.signingSecret(), llmKey, dbPassword, llmUrlPassword);
            llm.requireApiKey(llmKey);
            LlmModes modes = new LlmModes();
            llm.onChat().replyWith(modes::answer);
            slack.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
            slack.addChannel(CHANNEL, "chaos-ops");
            slack.addChannel(FUZZ_CHANNEL, "chaos-fuzz");
            slack.botJoins(CHANNEL);
            slack.botJoins(FUZZ_CHANNEL);
            int eventsPort = freePort();
            int apiPort = freePort();
            URI events = URI.create("http://127.0.0.1:" + eventsPort + "/slack/events");
            URI readyz = URI.create("http://127.0.0.1:" + apiPort + "/readyz");
            String llmUrl = llm.baseUrl().replace("://", "://chaos:" + llmUrlPassword + "@");
            Child child = new Child(
                    List.of(
                            "--modules",
                            "classifier,runbook",
                            "--db-url",
                            "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                            "--log-level",
                            "debug",
                            "--set",
                            "db.schema=" + SCHEMA,
                            "--set",
                            "db.pool-size=6",
                            // the stream fires each alert name twice, each to get its runbook: no repeats set aside
                            "--set",
                            "classifier.repeat-window=off",
                            "--set",
                            "jobs.workers=2",
                            "--set",
                            "jobs.shutdown-grace=2s",
                            "--set",
                            "slack.mode=http",
                            "--set",
                            "slack.api-url=" + slack.apiUrl(),
                            "--set",
                            "slack.events-address=127.0.0.1:" + eventsPort,
                            "--set",
                            "api.address=127.0.0.1:" + apiPort,
                            "--set",
                            "llm.url=" + llmUrl,
                            "--set",
                            "llm.timeout=2s",
                            "--set",
                            "llm.max-retries=1"),
                    Map.of(
                            "RATCHET_SLACK_BOT_TOKEN",
                            slack.botToken(),
                            "RATCHET_SLACK_SIGNING_SECRET",
                            slack.signingSecret(),
                            "RATCHET_LLM_API_KEY",
                            llmKey,
                            "RATCHET_DB_PASSWORD",
                            dbPassword));
            child.start(1);
            Duration firstStart = awaitReady(readyz, Duration.ofMinutes(3), child);
            progress.printf("chaos: child ready in %d ms%n", firstStart.toMillis());

            List<Event> stream = events(slack);
            ChaosFuzz fuzzer = new ChaosFuzz(options.seed(), slack.teamId(), slack.appId(), FUZZ_CHANNEL, ALICE);
            List<ChaosFuzz.Input> corpus =
                    fuzzer.generate(options.fuzz(), Instant.now().getEpochSecond() - 7_200);

            ExecutorService senders = Executors.newFixedThreadPool(24);
            List<Future<Boolean>> acks = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<String, Future<Integer>> fuzzAnswers = new LinkedHashMap<>();
            Thread faultScript =
                    new Thread(() -> faultScript(proxy, child, readyz, acks, stream.size()), "chaos-faults");
            faultScript.start();
            int fuzzPerEvent = Math.max(1, (corpus.size() + stream.size() - 1) / stream.size());
            int f = 0;
            for (Event event : stream) {
                acks.add(senders.submit(() -> deliver(slack, events, event.body(), 4)));
                for (int k = 0; k < fuzzPerEvent && f < corpus.size(); k++, f++) {
                    ChaosFuzz.Input input = corpus.get(f);
                    fuzzAnswers.put(f + " " + input.kind(), senders.submit(() -> sendFuzz(slack, events, input)));
                }
                pace(options.interval());
            }
            faultScript.join(Duration.ofMinutes(10).toMillis());
            int acked = 0;
            for (Future<Boolean> ack : acks) {
                acked += ack.get(10, TimeUnit.MINUTES) ? 1 : 0;
            }
            Map<String, Integer> fuzzStatus = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Integer>> answer : fuzzAnswers.entrySet()) {
                fuzzStatus.put(answer.getKey(), answer.getValue().get(10, TimeUnit.MINUTES));
            }
            senders.shutdown();

            // settle: every alert's runbook posted, no module run left behind
            Set<String> alerts = new HashSet<>();
            stream.stream().filter(Event::alert).forEach(e -> alerts.add(e.ts()));
            // A loaded machine (CI runs other suites beside this one) may take minutes more: wait while the runs make
            // progress, and give up only when nothing has moved for a while (or after 15 minutes in all).
            Instant giveUpAt = Instant.now().plus(Duration.ofMinutes(15));
            Instant lastMove = Instant.now();
            long lastAnswered = -1;
            int lastPending = -1;
            while (Instant.now().isBefore(giveUpAt)) {
                long answered = alerts.stream()
                        .filter(ts -> !slack.repliesIn(CHANNEL, ts).isEmpty())
                        .count();
                int pending = pendingRuns();
                if (answered == alerts.size() && pending == 0) {
                    break;
                }
                if (answered != lastAnswered || pending != lastPending) {
                    lastAnswered = answered;
                    lastPending = pending;
                    lastMove = Instant.now();
                } else if (Duration.between(lastMove, Instant.now())
                                .compareTo(pending == 0 ? Duration.ofMinutes(1) : Duration.ofMinutes(3))
                        > 0) {
                    break; // stuck: the report says what is missing
                }
                pace(Duration.ofMillis(500));
            }
            Duration settled = Duration.ofNanos(System.nanoTime() - started);
            collectApiResponses(apiPort);

            // ================================================================ the checks
            List<Row> rows = new ArrayList<>();
            Set<String> stored = storedTs(CHANNEL);
            long lost = stream.stream().filter(e -> !stored.contains(e.ts())).count();
            int missingRunbooks = 0;
            int duplicatePosts = 0;
            List<String> unanswered = new ArrayList<>();
            for (String ts : alerts) {
                int replies = slack.repliesIn(CHANNEL, ts).size();
                missingRunbooks += replies == 0 ? 1 : 0;
                duplicatePosts += Math.max(0, replies - 1);
                if (replies == 0) {
                    unanswered.add(ts);
                }
            }
            long humanReplies = stream.stream()
                    .filter(e -> !e.alert())
                    .mapToLong(e -> slack.repliesIn(CHANNEL, e.ts()).size())
                    .sum();
            int failedRuns = number("select count(*) from module_runs where state = 'failed'");
            int rerun = number("select count(*) from module_runs where attempts > 1");
            double seconds = settled.toMillis() / 1000.0;
            rows.add(row(
                    "load held",
                    String.format(
                            "%d events (%d alerts) × 4 concurrent deliveries, %d requests in all, %d retries; all"
                                    + " acked: %s; slowest ack %d ms; settled in %.0f s",
                            stream.size(),
                            alerts.size(),
                            requests.get(),
                            retries.get(),
                            acked == stream.size(),
                            maxAckMillis.get(),
                            seconds),
                    acked != stream.size(),
                    (stream.size() - acked) + " events were never acknowledged"));
            rows.add(row(
                    "faults survived",
                    String.join("; ", faults) + "; LLM " + modes.summary(),
                    faults.stream().anyMatch(s -> s.contains("NOT")),
                    "a fault was not recovered from: " + faults));
            Map<ChaosFuzz.Expect, int[]> byExpect = new LinkedHashMap<>();
            List<String> fuzzWrong = new ArrayList<>();
            Set<String> fuzzStored = storedTs(FUZZ_CHANNEL);
            for (int i = 0; i < corpus.size(); i++) {
                ChaosFuzz.Input input = corpus.get(i);
                int status = fuzzStatus.get(i + " " + input.kind());
                byExpect.computeIfAbsent(input.expect(), k -> new int[1])[0]++;
                boolean isStored = input.ts() != null && fuzzStored.contains(input.ts());
                String wrong = switch (input.expect()) {
                    case REFUSED -> status != 401 ? "answered " + status + " instead of 401" : null;
                    case DROPPED -> isStored ? "stored" : null;
                    case STORED -> !isStored ? "not stored (answered " + status + ")" : null;
                    case EITHER -> null;
                };
                if (wrong == null && input.expect() != ChaosFuzz.Expect.REFUSED && status == 401) {
                    wrong = "refused as unsigned although it was signed";
                }
                if (wrong != null && fuzzWrong.size() < 20) {
                    fuzzWrong.add("#" + i + " " + input.kind() + ": " + wrong);
                } else if (wrong != null) {
                    fuzzWrong.add("…");
                }
            }
            long fuzzRows = fuzzStored.size();
            long expectedFuzzRows = 0;
            Set<String> allowed = new HashSet<>();
            for (ChaosFuzz.Input input : corpus) {
                if (input.ts() != null
                        && (input.expect() == ChaosFuzz.Expect.STORED || input.expect() == ChaosFuzz.Expect.EITHER)) {
                    allowed.add(input.ts());
                }
                expectedFuzzRows += input.expect() == ChaosFuzz.Expect.STORED ? 1 : 0;
            }
            Set<String> strays = new HashSet<>(fuzzStored);
            strays.removeAll(allowed);
            List<String> badRows = badRows();
            rows.add(row(
                    "inputs tried",
                    String.format(
                            "%d hostile signed/unsigned requests (seed %d): %s; %d fuzz rows stored (%d required)",
                            corpus.size(), options.seed(), expectations(byExpect), fuzzRows, expectedFuzzRows),
                    !fuzzWrong.isEmpty() || !strays.isEmpty() || !badRows.isEmpty(),
                    "hostile inputs handled wrongly: " + fuzzWrong
                            + (strays.isEmpty() ? "" : "; rows from invalid" + " input: " + strays)
                            + (badRows.isEmpty() ? "" : "; malformed rows: " + badRows)));
            rows.add(row(
                    "rows lost",
                    lost + " of " + stream.size() + " acknowledged events not stored; " + missingRunbooks
                            + " alerts without a runbook; " + failedRuns + " module runs failed",
                    lost > 0 || missingRunbooks > 0 || failedRuns > 0,
                    lost + " events lost, " + missingRunbooks + " alerts got no runbook, " + failedRuns
                            + " module runs failed" + whyNoRunbook(unanswered)));
            rows.add(row(
                    "duplicates",
                    duplicatePosts + " extra runbook posts; " + humanReplies + " replies to people's messages; " + rerun
                            + " module runs ran again after an interruption (expected, each posted once)",
                    duplicatePosts > 0 || humanReplies > 0,
                    duplicatePosts + " duplicate posts, " + humanReplies + " unexpected replies"));
            int refused503 = statuses.getOrDefault(503, new AtomicInteger()).get();
            rows.add(row(
                    "5xx",
                    fivexx.size() + " (besides " + refused503 + " × 503 while the database was out, and "
                            + unreachable.get() + " requests while the child was down; all retried); statuses "
                            + new java.util.TreeMap<>(statuses),
                    !fivexx.isEmpty(),
                    "5xx answers: " + fivexx.stream().limit(10).toList()));
            List<String> unsafe = slack.botPosts().stream()
                    .map(Chaos::write)
                    .filter(p -> p.contains("<!channel>") || p.contains("|Slack SSO>") || p.contains("\\u0000"))
                    .map(Chaos::abbreviate)
                    .toList();
            rows.add(row(
                    "unsafe posts",
                    unsafe.size() + " of " + slack.botPosts().size()
                            + " posts carry a broadcast mention, a disguised link or a NUL from the model",
                    !unsafe.isEmpty(),
                    "posts with model text not neutralised: "
                            + unsafe.stream().limit(5).toList()));
            List<String> leaks = scanSecrets(secrets, child, slack);
            rows.add(row(
                    "secrets found",
                    leaks.size() + " in " + child.logLines() + " log lines, " + responses.size() + " responses and "
                            + slack.botPosts().size() + " posts",
                    !leaks.isEmpty(),
                    "secrets leaked: " + leaks));
            Duration finalReady = awaitReady(readyz, Duration.ofSeconds(60), child);
            int pending = pendingRuns();
            rows.add(row(
                    "unrecovered outage",
                    "/readyz 200 at the end after " + finalReady.toMillis() + " ms; " + pending
                            + " module runs not done",
                    pending > 0 || finalReady.compareTo(Duration.ofSeconds(60)) >= 0,
                    pending + " module runs left enqueued or failed after the faults"));
            child.stop();
            copiesPool.shutdownNow();
            return new Report(rows, List.copyOf(failures));
        } finally {
            if (!Boolean.getBoolean("ratchet.chaos.keep")) {
                dropSchemas();
            }
        }
    }

    private Row row(String check, String figure, boolean failed, String failure) {
        if (failed) {
            failures.add(check + ": " + failure);
        }
        return new Row(check, figure, failed);
    }

    private static String expectations(Map<ChaosFuzz.Expect, int[]> byExpect) {
        List<String> parts = new ArrayList<>();
        byExpect.forEach((k, v) -> parts.add(v[0] + " " + k.name().toLowerCase()));
        return String.join(", ", parts);
    }

    // ================================================================ the stream

    private List<Event> events(SlackEmulator slack) {
        List<Event> out = new ArrayList<>(options.events());
        List<String> names = List.of("DiskFull", "HighLatency", "HighErrorRate", "PodCrashLooping", "CertExpiring");
        List<String> services = List.of("db-1", "api", "checkout", "search", "edge");
        for (int i = 0; i < options.events(); i++) {
            boolean alert = i % 3 == 0;
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "message");
            event.put("channel", CHANNEL);
            String ts;
            if (alert) {
                String name = names.get(i / 3 % names.size());
                String service = services.get(i / 15 % services.size());
                String text = "[FIRING:1] " + name + " (" + service + " critical)\n*Description:* " + name + " on "
                        + service + " #" + i + "\n • *service:* `" + service + "`\n • *severity:* `critical`";
                ts = slack.seedIntegration(CHANNEL, ALERT_BOT, "alertmanager", text, List.of(), Instant.now());
                event.put("subtype", "bot_message");
                event.put("bot_id", ALERT_BOT);
                event.put("username", "alertmanager");
                event.put("text", text);
            } else {
                String text =
                        "chaos message " + i + ": checking the " + services.get(i % services.size()) + " dashboards";
                ts = slack.seed(CHANNEL, ALICE, text, Instant.now());
                event.put("user", ALICE);
                event.put("text", text);
            }
            event.put("ts", ts);
            event.put("event_ts", ts);
            event.put("channel_type", "channel");
            String body = write(slack.eventCallback("EvCH" + ts.replace(".", ""), event));
            out.add(new Event(ts, body, alert));
        }
        return out;
    }

    /**
     * Delivers one event as Slack would under load: {@code copies} deliveries at once (the first and its retries
     * racing), then retries every second until one is answered 200 or ten minutes passed.
     */
    private boolean deliver(SlackEmulator slack, URI url, String body, int copies) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> racing = new ArrayList<>();
        AtomicInteger ok = new AtomicInteger();
        for (int c = 0; c < copies; c++) {
            int retryNum = c;
            racing.add(copiesPool.submit(() -> {
                if (send(slack, url, body, null, 0, retryNum, true) == 200) {
                    ok.incrementAndGet();
                }
            }));
        }
        for (Future<?> copy : racing) {
            copy.get();
        }
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(10));
        int attempt = copies;
        while (ok.get() == 0 && Instant.now().isBefore(giveUp)) {
            pace(Duration.ofSeconds(1));
            retries.incrementAndGet();
            if (send(slack, url, body, null, 0, attempt++, true) == 200) {
                ok.incrementAndGet();
            }
        }
        maxAckMillis.accumulateAndGet(
                Duration.ofNanos(System.nanoTime() - start).toMillis(), Math::max);
        return ok.get() > 0;
    }

    /** Sends a hostile input; retried like an event while the child is down or the database is out. */
    private int sendFuzz(SlackEmulator slack, URI url, ChaosFuzz.Input input) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(10));
        int retryNum = 0;
        while (true) {
            int status = send(slack, url, input.body(), input.signature(), input.ageSeconds(), retryNum++, false);
            if ((status != 503 && status != -1) || Instant.now().isAfter(giveUp)) {
                return status;
            }
            retries.incrementAndGet();
            pace(Duration.ofSeconds(1));
        }
    }

    private int send(
            SlackEmulator slack,
            URI url,
            String body,
            String signature,
            long ageSeconds,
            int retryNum,
            boolean wellFormed) {
        long timestamp = Instant.now().getEpochSecond() - ageSeconds;
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature != null ? signature : slack.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (retryNum > 0) {
            request.header("X-Slack-Retry-Num", Integer.toString(Math.min(retryNum, 3)))
                    .header("X-Slack-Retry-Reason", "http_error");
        }
        requests.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            responses.add(status + " " + response.headers().map() + " " + response.body());
            if (status >= 500 && !(status == 503 && databaseDown)) {
                fivexx.add(status + " for " + (wellFormed ? "an event" : "a hostile input") + ": "
                        + abbreviate(response.body()) + " (request " + abbreviate(body) + ")");
            }
            return status;
        } catch (IOException e) {
            unreachable.incrementAndGet();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ================================================================ the faults

    private void faultScript(FaultProxy proxy, Child child, URI readyz, List<Future<Boolean>> acks, int total) {
        try {
            awaitSubmitted(acks, total / 5);
            databaseDown = true;
            proxy.cut();
            pace(options.outage());
            proxy.restore();
            Duration back = awaitReady(readyz, Duration.ofSeconds(90), child);
            databaseDown = false;
            faults.add(recovered("database cut " + options.outage().toSeconds() + " s", back));

            awaitSubmitted(acks, total * 2 / 5);
            databaseDown = true;
            proxy.stall();
            pace(options.stall());
            proxy.restore();
            back = awaitReady(readyz, Duration.ofSeconds(90), child);
            databaseDown = false;
            faults.add(recovered("database stalled " + options.stall().toSeconds() + " s", back));

            awaitSubmitted(acks, total / 2);
            proxy.slow(Duration.ofMillis(25));
            pace(Duration.ofSeconds(5));
            proxy.restore();
            faults.add("database slowed 25 ms a chunk for 5 s");

            awaitSubmitted(acks, total * 7 / 10);
            child.kill();
            child.start(2);
            Duration restarted = awaitReady(readyz, Duration.ofMinutes(3), child);
            faults.add(recovered("kill -9 mid-stream, restarted", restarted));
        } catch (Exception e) {
            faults.add("fault script NOT completed: " + e);
        }
    }

    private String recovered(String fault, Duration back) {
        return back.compareTo(Duration.ofSeconds(90)) >= 0
                ? fault + ": NOT ready again within 90 s"
                : fault + ": ready again in " + back.toMillis() + " ms";
    }

    private static void awaitSubmitted(List<Future<Boolean>> acks, int count) {
        while (size(acks) < count) {
            pace(Duration.ofMillis(50));
        }
    }

    private static int size(List<?> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private Duration awaitReady(URI readyz, Duration atMost, Child child) {
        long start = System.nanoTime();
        Instant until = Instant.now().plus(atMost);
        while (Instant.now().isBefore(until)) {
            if (!child.alive()) {
                throw new IllegalStateException(
                        "the child ratchet exited with " + child.exitCode() + "; its log: " + child.log());
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(readyz)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                responses.add(response.statusCode() + " " + response.body());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pace(Duration.ofMillis(200));
        }
        return atMost;
    }

    /** Reads the API's operational and data endpoints once, for the secrets scan. */
    private void collectApiResponses(int apiPort) {
        for (String path : List.of(
                "/readyz",
                "/healthz",
                "/metrics",
                "/api/channels",
                "/api/channels/" + CHANNEL,
                "/api/channels/" + CHANNEL + "/messages",
                "/api/modules",
                "/api/llm-calls",
                "/api/jobs")) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                responses.add(response.statusCode() + " " + path + " " + response.body());
            } catch (IOException e) {
                responses.add("no answer from " + path);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<String> scanSecrets(List<String> secrets, Child child, SlackEmulator slack) throws IOException {
        List<String> leaks = new ArrayList<>();
        String posts = write(slack.botPosts());
        List<String> needles = new ArrayList<>();
        for (String secret : secrets) {
            needles.add(secret);
            if (secret.length() >= 24) {
                needles.add(secret.substring(0, 16)); // the Slack SDK's debug line printed a token's first 16
            }
        }
        for (String needle : needles) {
            int inLogs = child.countInLogs(needle);
            if (inLogs > 0) {
                leaks.add(inLogs + " log lines hold a secret starting " + needle.substring(0, 4) + "…");
            }
            long inResponses =
                    responses.stream().filter(r -> r.contains(needle)).count();
            if (inResponses > 0) {
                leaks.add(inResponses + " responses hold a secret starting " + needle.substring(0, 4) + "…");
            }
            if (posts.contains(needle)) {
                leaks.add("a post holds a secret starting " + needle.substring(0, 4) + "…");
            }
        }
        return leaks;
    }

    // ================================================================ the database, read directly

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("currentSchema", SCHEMA + ",public");
        return DriverManager.getConnection(options.dbUrl(), props);
    }

    private void dropSchemas() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("drop schema if exists " + SCHEMA + "_jobs cascade");
        }
    }

    private Set<String> storedTs(String channel) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = connect();
                var s = c.prepareStatement("select ts from messages where channel_id = ?")) {
            s.setString(1, channel);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * What the database says about alerts that got no runbook (the first few): the message's classification and each
     * module run of its event (state, attempts, note), so a failure in CI can be read from the report alone.
     */
    private String whyNoRunbook(List<String> unanswered) {
        if (unanswered.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        try (Connection c = connect();
                var s = c.prepareStatement("""
                        select m.ts, coalesce(m.attrs -> 'classifier' ->> 'action', '-'), m.attrs ->> 'deleted',
                               coalesce(string_agg(r.module_id || '/' || r.handler || ' ' || r.state || ' x'
                                   || r.attempts || coalesce(' (' || left(r.last_error, 120) || ')', '')
                                   || ' live=' || coalesce(r.event ->> 'live', '?'), '; '
                                   order by r.created_at), 'no runs')
                          from messages m
                          left join module_runs r on r.event_key = 'message:' || m.channel_id || ':' || m.ts
                         where m.channel_id = ? and m.ts = any (?)
                         group by m.ts, m.attrs order by m.ts""")) {
            s.setString(1, CHANNEL);
            s.setArray(
                    2,
                    c.createArrayOf(
                            "text", unanswered.stream().sorted().limit(5).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ": classified " + rs.getString(2)
                            + ("true".equals(rs.getString(3)) ? ", deleted" : "") + "; runs: " + rs.getString(4));
                }
            }
        } catch (SQLException e) {
            out.add("(could not read them: " + e.getMessage() + ")");
        }
        return "; the first without one: " + String.join(" | ", out);
    }

    /** Messages or channels whose ids could not have come from Slack. */
    private List<String> badRows() throws SQLException {
        List<String> bad = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select channel_id, ts from messages union all"
                        + " select id, '0000000000.000000' from channels")) {
            while (rs.next()) {
                String channel = rs.getString(1);
                String ts = rs.getString(2);
                if (!CHANNEL_ID.matcher(channel).matches() || !TS.matcher(ts).matches()) {
                    bad.add(abbreviate(channel) + "/" + abbreviate(ts));
                }
            }
        }
        return bad;
    }

    private int pendingRuns() {
        try {
            return number("select count(*) from module_runs where state not in ('done', 'failed')");
        } catch (SQLException e) {
            return -1;
        }
    }

    private int number(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // ================================================================ the LLM's misbehaviour

    /** Answers chat requests in turn with each kind of bad answer a server gives, and good ones between. */
    static final class LlmModes {
        private final AtomicInteger turn = new AtomicInteger();
        private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

        ChatReply answer(dev.ratchet.testkit.llm.ChatRequest request) {
            int n = turn.getAndIncrement();
            String mode = switch (n % 9) {
                case 1 -> "429";
                case 2 -> "500";
                case 3 -> "not a completion";
                case 4 -> "not JSON";
                case 5 -> "NUL";
                case 6 -> "mentions";
                case 7 -> "timeout";
                default -> "good";
            };
            served.computeIfAbsent(mode, m -> new AtomicInteger()).incrementAndGet();
            return switch (mode) {
                case "429" -> ChatReply.error(429);
                case "500" -> ChatReply.error(500);
                case "not a completion" -> ChatReply.raw("{\"choices\":\"nope\"}");
                case "not JSON" -> ChatReply.raw("<html>502 Bad Gateway</html>");
                case "NUL" -> ChatReply.text("Check the disk\u0000 usage first.");
                case "mentions" -> ChatReply.text("<!channel> log in at <https://evil.example/sso|Slack SSO> now");
                case "timeout" -> {
                    pace(Duration.ofSeconds(4));
                    yield ChatReply.text("too late");
                }
                default -> ChatReply.text("Check the dashboards, then the recent deploys.");
            };
        }

        String summary() {
            return "answered " + new java.util.TreeMap<>(served);
        }
    }

    // ================================================================ the child process

    /** A {@code ratchet run} in its own JVM, its output in a log file per start. */
    final class Child {
        private final List<String> args;
        private final Map<String, String> environment;
        private final List<Path> logs = new ArrayList<>();
        private Process process;

        Child(List<String> args, Map<String, String> environment) {
            this.args = args;
            this.environment = environment;
        }

        void start(int generation) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx768m");
            command.add("-cp");
            command.add(options.childClassPath());
            command.add(Main.class.getName());
            command.add("run");
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("RATCHET_"));
            builder.environment().putAll(environment);
            Path log = options.workDir().resolve("child-" + generation + ".log");
            builder.redirectOutput(log.toFile());
            logs.add(log);
            process = builder.start();
        }

        boolean alive() {
            return process.isAlive();
        }

        int exitCode() {
            return process.isAlive() ? -1 : process.exitValue();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }

        String log() {
            try {
                String text = Files.readString(logs.get(logs.size() - 1));
                return text.length() > 4_000 ? "…" + text.substring(text.length() - 4_000) : text;
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }

        long logLines() throws IOException {
            long lines = 0;
            for (Path log : logs) {
                try (var stream = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                    lines += stream.count();
                }
            }
            return lines;
        }

        int countInLogs(String needle) throws IOException {
            int count = 0;
            for (Path log : logs) {
                try (var stream = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                    count += (int) stream.filter(line -> line.contains(needle)).count();
                }
            }
            return count;
        }
    }

    // ================================================================ small things

    private static void pace(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "null" : text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
