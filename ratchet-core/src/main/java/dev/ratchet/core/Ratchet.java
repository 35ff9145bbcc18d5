package dev.ratchet.core;

import dev.ratchet.core.api.ApiServer;
import dev.ratchet.core.api.ApiServices;
import dev.ratchet.core.api.ApiSettings;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.docs.DocsSettings;
import dev.ratchet.core.docs.Documentation;
import dev.ratchet.core.jobs.JobSettings;
import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.llm.LlmRuntime;
import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.llm.MessageEmbedding;
import dev.ratchet.core.llm.QueryEmbeddings;
import dev.ratchet.core.llm.Reembedding;
import dev.ratchet.core.modules.FoundModule;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.ModuleScope;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.modules.Services;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.slack.DisconnectedSlack;
import dev.ratchet.core.slack.EventIngestor;
import dev.ratchet.core.slack.ModuleSlack;
import dev.ratchet.core.slack.SlackDirectory;
import dev.ratchet.core.slack.SlackIntegration;
import dev.ratchet.core.slack.SlackSettings;
import dev.ratchet.core.storage.AlertRepository;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.SearchSettings;
import dev.ratchet.core.storage.SettingsRepository;
import dev.ratchet.core.storage.Storage;
import dev.ratchet.core.storage.StoredAlerts;
import dev.ratchet.core.storage.StoredBotActivity;
import dev.ratchet.core.storage.StoredMessages;
import dev.ratchet.core.storage.StoredModuleState;
import dev.ratchet.core.storage.StoredQuestions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Ratchet: the database, the job system, and the enabled modules, started in that order and closed in
 * reverse. The launcher's {@code run} and {@code worker} commands, {@code ratchet-testkit} and benchmarks all build
 * it the same way.
 */
public final class Ratchet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ratchet.class);

    private final RatchetConfig config;
    private final ModuleRegistry modules;
    private final Database db;
    private final Storage storage;
    private final Registrations registrations;
    private final JobSystem jobs;
    private final SlackIntegration slack; // null when no bot token is configured
    private final SlackDirectory directory;
    private final EventIngestor ingestor;
    private final LlmRuntime llm;
    private final Reembedding reembedding;
    private final QueryEmbeddings queryEmbeddings;
    private final MessageEmbedding messageEmbedding;
    private final Documentation docs;
    private final RatchetMetrics metrics;
    private final AlertRepository alerts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean receivingSlackEvents;
    private volatile boolean onboardJoinedChannels = true;
    private volatile ApiServer api;

    /**
     * Validates the configuration, connects to the database, applies migrations, sets up the job tables and starts
     * the enabled modules. Does not start a job server: see {@link #startJobServer()}.
     *
     * @throws StartupException with a message an operator can act on
     */
    public static Ratchet start(RatchetConfig config, ModuleRegistry modules, Clock clock) {
        modules.validateConfig(config, CoreOptions.all());
        if (dev.ratchet.core.ops.Tracing.configure(System.getenv())) {
            log.info("tracing on: spans exported as the OTEL_* variables say (README: Tracing)");
        }
        Database db = Database.connect(DatabaseSettings.from(config));
        try {
            db.migrate();
            Registrations registrations = new Registrations();
            RatchetMetrics metrics = new RatchetMetrics();
            JobSystem jobs = new JobSystem(db, registrations, metrics);
            try {
                Ratchet ratchet = new Ratchet(config, modules, db, jobs, registrations, metrics);
                ratchet.startModules(clock);
                jobs.registerGauges(metrics);
                return ratchet;
            } catch (RuntimeException e) {
                jobs.close();
                metrics.close();
                throw e;
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private Ratchet(
            RatchetConfig config,
            ModuleRegistry modules,
            Database db,
            JobSystem jobs,
            Registrations registrations,
            RatchetMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.modules = modules;
        this.db = db;
        this.storage = new Storage(db);
        this.jobs = jobs;
        this.registrations = registrations;
        this.slack = SlackSettings.from(config)
                .map(s -> new SlackIntegration(s, metrics))
                .orElse(null);
        this.directory = new SlackDirectory(db, slack == null ? null : slack.api());
        this.alerts = storage.alerts();
        EventIngestor.Identity identity = slack != null
                ? slack
                : new EventIngestor.Identity() {
                    @Override
                    public Optional<String> botUserId() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> botId() {
                        return Optional.empty();
                    }
                };
        this.ingestor = new EventIngestor(
                db,
                jobs.dispatcher(),
                directory,
                identity,
                channel -> {
                    if (onboardJoinedChannels) {
                        slack.onboarding().onboard(slack.teamId(), channel, false);
                    }
                },
                metrics);
        this.llm = new LlmRuntime(LlmSettings.from(config), db, Clock.systemUTC(), metrics);
        try {
            llm.checkDimension(embeddingDimension(db));
        } catch (RuntimeException e) {
            llm.close();
            throw e;
        }
        llm.probeInBackground(); // /readyz does not wait for an LLM; the first generation waits for its answer
        this.reembedding = new Reembedding(db, llm.embedder(), jobs);
        this.queryEmbeddings = new QueryEmbeddings(llm.embedder());
        this.messageEmbedding = new MessageEmbedding(db, llm, registrations, jobs, queryEmbeddings);
        this.docs = new Documentation(
                db, llm.embedder(), jobs, DocsSettings.from(config).sources());
        if (slack != null) {
            slack.prepare(db, jobs, ingestor, directory);
        }
    }

    private static int embeddingDimension(Database db) {
        return new SettingsRepository(db).embeddingDimension();
    }

    private Optional<float[]> embedQuery(String text) {
        try {
            return Optional.of(queryEmbeddings.embed(text));
        } catch (Exception | LinkageError e) {
            log.debug("search falls back to lexical ranking: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Re-embedding after a change of embedding model. */
    public Reembedding reembedding() {
        return reembedding;
    }

    /** The LLM and embeddings layer. */
    public LlmRuntime llm() {
        return llm;
    }

    private void startModules(Clock clock) {
        MessageRepository messageRepository = new MessageRepository(db);
        int dimension = embeddingDimension(db);
        DisconnectedSlack disconnected = new DisconnectedSlack(
                directory,
                "Slack is not configured; set RATCHET_SLACK_BOT_TOKEN (and RATCHET_SLACK_APP_TOKEN for Socket Mode)");
        SearchSettings search = SearchSettings.from(config);
        // one per module, kept: its search caches the planner's statistics of messages for a minute (HybridSearch), and
        // a module asks ctx.messages() several times per event (a new one each time read those statistics on every
        // search, a plan of pg_stats of ~10 ms in the database per runbook)
        java.util.Map<String, StoredMessages> messageServices = new java.util.concurrent.ConcurrentHashMap<>();
        Services services = new Services(
                id -> slack == null
                        ? disconnected
                        : new ModuleSlack(id, db, slack.api(), directory, slack.connection()),
                id -> messageServices.computeIfAbsent(
                        id,
                        moduleId -> new StoredMessages(
                                db,
                                messageRepository,
                                moduleId,
                                this::embedQuery,
                                dimension,
                                search.maxDistance(),
                                search.sameChannelOnly(),
                                search.relevanceCut())),
                llm::forModule,
                id -> new StoredModuleState(db, id),
                jobs::jobsOf,
                new StoredBotActivity(db),
                docs,
                clock,
                new StoredAlerts(alerts),
                new StoredQuestions(storage.questions()));
        modules.start((FoundModule m) ->
                new ModuleScope(m.id(), m.module().configOptions(), config, registrations, services));
        log.info(
                "modules started: {}",
                modules.startedIds().isEmpty() ? "none" : String.join(", ", modules.startedIds()));
    }

    /**
     * Opens the Slack event connection (Socket Mode or HTTP) and starts onboarding the bot's channels; for
     * {@code ratchet run}. A no-op, with a log line, when Slack is not configured.
     */
    public void startSlackEvents() {
        startSlackEvents(true);
    }

    /**
     * Opens the Slack event connection like {@link #startSlackEvents()}, but this process onboards no channel: neither
     * those the bot is in nor those it joins. For {@code ratchet shell}, whose Slack is an emulator with no history:
     * onboarding a stored channel there would mark it onboarded (and spend its onboarding key), so that a later
     * {@code ratchet run} would never fetch its history from the real Slack.
     */
    public void startSlackEventsWithoutOnboarding() {
        startSlackEvents(false);
    }

    private void startSlackEvents(boolean onboard) {
        onboardJoinedChannels = onboard;
        if (slack == null) {
            log.info(
                    "Slack is not configured (set RATCHET_SLACK_BOT_TOKEN and RATCHET_SLACK_APP_TOKEN); not receiving events");
            return;
        }
        slack.settings().requireEventCredentials();
        if (onboard) {
            slack.startEvents(ingestor, Clock.systemUTC());
        } else {
            slack.connection().start(ingestor, Clock.systemUTC());
        }
        receivingSlackEvents = true;
    }

    /** Whether {@link #startSlackEvents()} opened the event connection (so readiness checks it). */
    public boolean receivingSlackEvents() {
        return receivingSlackEvents;
    }

    /**
     * Starts the HTTP server, after the modules (their routes are registered by then): the whole JSON API on
     * {@code api.address} for {@code FULL}, health and metrics on {@code api.worker-address} for {@code OPS}. Empty
     * when {@code api.enabled} is false or, for {@code OPS}, no worker address is set. Closed first by {@link #close()}.
     *
     * @throws StartupException when the address is beyond loopback without {@code api.token}, or cannot be bound
     */
    public synchronized Optional<ApiServer> startApi(ApiServer.Scope scope) {
        if (api == null && ApiSettings.enabled(config)) {
            (scope == ApiServer.Scope.FULL ? Optional.of(ApiSettings.from(config)) : ApiSettings.forWorker(config))
                    .ifPresent(settings -> api = ApiServer.start(apiServices(), settings, scope));
        }
        llm.startDone(); // the API answers /readyz: the LLM probe held back until now runs
        return Optional.ofNullable(api);
    }

    private ApiServices apiServices() {
        return new ApiServices(
                storage,
                alerts,
                messages(),
                directory,
                Optional.ofNullable(slack),
                this::receivingSlackEvents,
                docs,
                metrics,
                modules,
                registrations,
                jobs);
    }

    /** Stored messages as core reads them (the API's search and listings); annotations would go under "api". */
    public dev.ratchet.spi.MessageService messages() {
        return new StoredMessages(
                db,
                new MessageRepository(db),
                "api",
                this::embedQuery,
                embeddingDimension(db),
                searchMaxDistance(),
                SearchSettings.from(config).sameChannelOnly(),
                SearchSettings.from(config).relevanceCut());
    }

    private double searchMaxDistance() {
        return SearchSettings.from(config).maxDistance();
    }

    /** The alert events the classifier recorded, with the API's views of them. */
    public AlertRepository alerts() {
        return alerts;
    }

    /** The Slack integration, when a bot token is configured. */
    public Optional<SlackIntegration> slack() {
        return Optional.ofNullable(slack);
    }

    /** Stores Slack events and history. */
    public EventIngestor ingestor() {
        return ingestor;
    }

    /** Channels, people and readable names. */
    public SlackDirectory directory() {
        return directory;
    }

    /** The process's metrics registry, scraped by {@code /metrics}. */
    public RatchetMetrics metrics() {
        return metrics;
    }

    /** The indexed documentation. */
    public Documentation docs() {
        return docs;
    }

    /** Starts this process's job server with the configured worker count and poll interval. */
    public void startJobServer() {
        JobSettings settings = JobSettings.from(config);
        jobs.startServer(settings.workers(), settings.pollInterval(), settings.shutdownGrace());
        messageEmbedding.scheduleSafetyNet();
        if (!docs.sources().isEmpty()) {
            docs.refreshAll();
            for (var source : docs.sources()) {
                jobs.scheduleRecurring(
                        "docs-refresh-" + source.id(),
                        DocsSettings.from(config).refreshInterval(),
                        new Documentation.RefreshJob(source.id()));
            }
        }
    }

    /** The repositories over this instance's database, and transactions across them. */
    public Storage storage() {
        return storage;
    }

    public JobSystem jobs() {
        return jobs;
    }

    public Registrations registrations() {
        return registrations;
    }

    public ModuleRegistry modules() {
        return modules;
    }

    public RatchetConfig config() {
        return config;
    }

    /**
     * Stops taking Slack events, then stops the job server (running jobs get {@code jobs.shutdown-grace} to finish,
     * the rest are handed back to other processes), then the LLM clients, the modules in reverse order and the
     * database. Idempotent; logs each step once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ApiServer server = api;
        if (server != null) {
            server.close(); // no requests into what is closing below
        }
        if (slack != null) {
            log.info("stopping: closing the Slack event connection");
            slack.close(); // stop taking events first
        }
        try {
            jobs.close();
            llm.close();
        } finally {
            try {
                modules.stop();
            } finally {
                db.close();
                metrics.close();
                dev.ratchet.core.ops.Tracing.shutdown(); // flushes the last spans
                log.info("stopped: modules, LLM clients and database closed");
            }
        }
    }
}
