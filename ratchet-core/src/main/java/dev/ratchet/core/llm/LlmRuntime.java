package dev.ratchet.core.llm;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.jobs.CurrentEvent;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every module's {@link LlmService} shares: the endpoint, the embedder, the call log, per-module concurrency
 * limits, daily token budgets, and whether generation is on. Generation is off when {@code llm.url} is {@code off},
 * or when the endpoint did not answer at start; then calls fail fast, and the endpoint is asked again at most once a
 * minute, so an LLM that comes up later is used without a restart.
 */
public final class LlmRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LlmRuntime.class);
    private static final Duration REPROBE = Duration.ofMinutes(1);

    final LlmSettings settings;
    final OpenAiBackend backend; // null when generation is switched off
    final Embedder embedder;
    private final OpenAiBackend embeddingBackend; // when embeddings come from another endpoint than chat
    final LlmCallLog calls;
    /** What the chat server and model support, learnt as they answer. */
    final ServerCapabilities capabilities;
    /** The chat model's context window, prompts fitted to it. */
    final ContextWindow context;

    /** Per thread, the modules whose last call's prompt was trimmed ({@link LlmService#lastPromptTrimmed()}). */
    final ThreadLocal<Map<String, Boolean>> trimmed = ThreadLocal.withInitial(java.util.HashMap::new);

    private final Clock clock;
    private final Map<String, Semaphore> limits = new ConcurrentHashMap<>();
    private final Set<String> budgetWarnings = ConcurrentHashMap.newKeySet();
    private volatile String offReason;
    private volatile Instant lastProbe = Instant.EPOCH;
    private volatile CompletableFuture<Void> startProbe = CompletableFuture.completedFuture(null);

    /**
     * The start probe waits for the process's start to end ({@link #startDone()}), for the first question of
     * generation, or for {@link #PROBE_HOLD}, whichever comes first: on a machine of two cores its work (the OpenAI
     * client's classes, Kotlin's reflection, TLS set-up: about a thousand classes) otherwise competes with start's.
     */
    private final java.util.concurrent.CountDownLatch probeHold = new java.util.concurrent.CountDownLatch(1);

    static final Duration PROBE_HOLD = Duration.ofSeconds(5);

    public LlmRuntime(LlmSettings settings, Database db, Clock clock) {
        this(settings, db, clock, RatchetMetrics.disabled());
    }

    /** @param metrics where each recorded call is also counted */
    public LlmRuntime(LlmSettings settings, Database db, Clock clock, RatchetMetrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.calls = new LlmCallLog(db, metrics);
        this.backend = settings.url()
                .map(u -> new OpenAiBackend(
                                u,
                                settings.apiKey(),
                                settings.timeout(),
                                settings.maxRetries(),
                                calls,
                                settings.azure() ? settings.azureApiVersion() : null)
                        .firstCallTimeout(settings.firstCallTimeout()))
                .orElse(null);
        if (settings.embeddingRemote()
                && (backend == null
                        || !backend.url().equals(settings.embeddingUrl())
                        || backend.azure() != settings.embeddingAzure())) {
            this.embeddingBackend = new OpenAiBackend(
                    settings.embeddingUrl(),
                    settings.apiKey(),
                    settings.timeout(),
                    settings.maxRetries(),
                    calls,
                    settings.embeddingAzure() ? settings.azureApiVersion() : null);
        } else {
            this.embeddingBackend = null;
        }
        this.embedder = settings.embeddingRemote()
                ? new RemoteEmbedder(embeddingBackend != null ? embeddingBackend : backend, settings.embeddingModel())
                : new LocalEmbedder();
        this.offReason = backend == null ? "llm.url is off" : null;
        this.context = new ContextWindow(settings);
        this.capabilities = new ServerCapabilities(backend == null ? "off" : backend.shownUrl(), settings.model());
    }

    /**
     * Checks the database's embedding dimension against the embedder's: a different model needs a re-embed, never a
     * silent mismatch.
     *
     * @throws StartupException naming {@code ratchet reembed} on a mismatch
     */
    public void checkDimension(int databaseDimension) {
        int mine;
        try {
            mine = embedder.dimension(); // asks a remote endpoint once
        } catch (LlmUnavailableException e) {
            log.warn(
                    "cannot check the embedding dimension now ({}); embeddings will fail until the endpoint answers",
                    e.getMessage());
            return;
        }
        if (mine != databaseDimension) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "the database holds " + databaseDimension + "-dimension embeddings but the embedding model "
                            + embedder.model() + " makes " + mine
                            + "-dimension ones. Run 'ratchet reembed' to switch the database to this model "
                            + "(embeddings are recomputed in the background), or configure the previous model again.");
        }
    }

    /** Asks the endpoint once and logs one line saying whether generation is on. */
    public void probe() {
        if (backend == null) {
            log.info("generation is off (llm.url is off): modules work without an LLM");
            return;
        }
        lastProbe = clock.instant();
        Optional<String> problem = backend.unreachableReason();
        offReason = problem.map(p -> "no LLM at " + backend.shownUrl() + " (" + p + ")")
                .orElse(null);
        if (offReason != null) {
            log.warn(
                    "generation is off: {}. Modules work without it; set RATCHET_LLM_URL (or start Ollama) to turn it on",
                    offReason);
        } else {
            log.info("generation is on: {} at {}", settings.model(), backend.shownUrl());
            context.tokens(); // learnt now, on the probe's thread, rather than in the first module's call
        }
    }

    /**
     * {@link #probe()} on a thread of its own, so that start does not wait for the endpoint (an absent one costs a
     * connection timeout and retries). The first question of generation ({@link #chatAvailable()}) waits for this
     * probe's answer, so nothing sees a different state than with a probe on the start path.
     */
    public void probeInBackground() {
        if (backend == null) {
            probe();
            return;
        }
        lastProbe = clock.instant(); // no re-probe while this one runs
        CompletableFuture<Void> done = new CompletableFuture<>();
        startProbe = done;
        Thread thread = new Thread(
                () -> {
                    try {
                        probeHold.await(PROBE_HOLD.toMillis(), TimeUnit.MILLISECONDS);
                        probe();
                    } catch (InterruptedException e) {
                        offReason = "no LLM at " + backend.shownUrl() + " (the probe was interrupted)";
                    } catch (RuntimeException e) { // closed while probing (a stop right after start)
                        offReason = "no LLM at " + backend.shownUrl() + " (" + e.getMessage() + ")";
                        log.debug("the LLM probe ended early: {}", e.toString());
                    } finally {
                        done.complete(null);
                    }
                    if (offReason == null && context.ollama()) {
                        context.loadModel(settings.firstCallTimeout());
                    }
                },
                "ratchet-llm-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Start has ended: the start probe ({@link #probeInBackground()}) runs now if it has not yet. */
    public void startDone() {
        probeHold.countDown();
    }

    /** Waits for the probe {@link #probeInBackground()} started, at most its request timeout and retries. */
    private void awaitStartProbe() {
        probeHold.countDown(); // a question before start ended: the probe answers it now
        CompletableFuture<Void> pending = startProbe;
        if (pending.isDone()) {
            return;
        }
        try {
            pending.get(settings.timeout().toMillis() * (settings.maxRetries() + 1L) + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the probe's own outcome (or none yet) stands: offReason says what is known
        }
    }

    /** The configured chat model ({@code llm.model}), named in banners and reports. */
    public String chatModel() {
        return settings.model();
    }

    public boolean chatAvailable() {
        awaitStartProbe();
        if (backend != null && offReason != null && clock.instant().isAfter(lastProbe.plus(REPROBE))) {
            probe();
        }
        return backend != null && offReason == null;
    }

    /** Whether a chat endpoint is configured ({@code llm.url} is not {@code off}), reachable or not. */
    public boolean chatConfigured() {
        return backend != null;
    }

    void requireChat() throws LlmUnavailableException {
        if (!chatAvailable()) {
            throw new LlmUnavailableException("generation is off: " + offReason);
        }
    }

    /** The problems of the chat server now, by kind, each logged once until a call succeeds again. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    /**
     * What a failed call says about the server, logged once per kind (the model not pulled, the key refused, a rate
     * limit, no answer in time, the server failing) rather than once per call; a call that succeeds clears them.
     */
    void noteFailure(LlmUnavailableException e) {
        String reason = String.valueOf(e.getMessage());
        String kind = problemKind(reason);
        if (kind != null && problems.putIfAbsent(kind, reason) == null) {
            log.warn("LLM problem ({}): {}. Said once until a call succeeds; 'ratchet doctor' checks it", kind, reason);
        }
    }

    /** A call succeeded: the problems are over, said once. */
    void noteSuccess() {
        if (!problems.isEmpty()) {
            log.info("the LLM answers again (after: {})", String.join(", ", problems.keySet()));
            problems.clear();
        }
    }

    /** The server's problems now, each with the reason (which names the fix); empty when the last calls went well. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    static String problemKind(String reason) {
        if (reason.contains("invalid answer")
                || reason.contains("daily token budget")
                || reason.contains("generation is off")) {
            return null; // the model's answer, a budget, or said already
        }
        if (reason.contains("has no model") || reason.contains("HTTP 404")) {
            return "model not found";
        }
        if (reason.contains("refused the API key")) {
            return "API key refused";
        }
        if (reason.contains("rate limited")) {
            return "rate limited";
        }
        if (reason.contains("no answer")) {
            return reason.toLowerCase(java.util.Locale.ROOT).contains("timeout") ? "no answer in time" : "unreachable";
        }
        if (reason.matches("(?s).*HTTP 5\\d\\d.*")) {
            return "server failing";
        }
        return null;
    }

    /** A connection failure turns generation off until the next probe, so that later calls fail fast. */
    void noteUnreachable(LlmUnavailableException e) {
        if (e.getMessage() != null && e.getMessage().contains("no answer")) {
            offReason = "no LLM at " + backend.shownUrl() + " (" + e.getMessage() + ")";
            lastProbe = clock.instant();
        }
    }

    Semaphore limit(String moduleId) {
        return limits.computeIfAbsent(moduleId, m -> new Semaphore(settings.concurrency(), true));
    }

    /** Fails fast when the module's or the current channel's daily budget is spent, saying so once a day. */
    void checkBudget(String moduleId) throws LlmUnavailableException {
        Long moduleBudget = settings.moduleBudgets().get(moduleId);
        if (moduleBudget != null && calls.tokensToday(moduleId, null) >= moduleBudget) {
            throw spent("module " + moduleId, moduleBudget);
        }
        Optional<String> channel = CurrentEvent.get().map(EventRef::channelId);
        if (channel.isPresent()) {
            Long channelBudget = settings.channelBudgets()
                    .getOrDefault(channel.get(), settings.channelBudgets().get("*"));
            if (channelBudget != null && calls.tokensToday(null, channel.get()) >= channelBudget) {
                throw spent("channel " + channel.get(), channelBudget);
            }
        }
    }

    private LlmUnavailableException spent(String who, long budget) {
        String day = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
        if (budgetWarnings.add(who + "@" + day)) {
            log.warn(
                    "the daily token budget of {} ({} tokens) is spent: generation is off for it until 00:00 UTC",
                    who,
                    budget);
        }
        return new LlmUnavailableException("the daily token budget of " + who + " (" + budget
                + " tokens) is spent; generation is off for it until 00:00 UTC");
    }

    /** The service of one module. */
    public LlmService forModule(String moduleId) {
        return new ModuleLlm(moduleId, this);
    }

    public Embedder embedder() {
        return embedder;
    }

    public LlmCallLog calls() {
        return calls;
    }

    @Override
    public void close() {
        probeHold.countDown();
        if (backend != null) {
            backend.close();
        }
        if (embeddingBackend != null) {
            embeddingBackend.close();
        }
    }
}
