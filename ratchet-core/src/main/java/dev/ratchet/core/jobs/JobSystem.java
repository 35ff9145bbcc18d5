package dev.ratchet.core.jobs;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.jobrunr.scheduling.JobBuilder.aJob;
import static org.jobrunr.scheduling.RecurringJobBuilder.aRecurringJob;

import dev.ratchet.core.Json;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.JobKeyRepository;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.core.storage.QueueFlags;
import dev.ratchet.spi.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr on Ratchet's PostgreSQL database, its tables in their own schema ({@code <schema>_jobs}).
 *
 * <p>Every process can enqueue; a process started with a job server also runs jobs. JobRunr finds work by polling
 * (every 5 s at the least, which makes a job wait 2.5 s on average). For live events the process that stored the
 * event wakes its own job server right after the commit ({@link #wake()}), so the job starts within milliseconds
 * while the job row stays the durable record: if this process dies before running it, any other job server picks
 * it up at its next poll.
 */
public final class JobSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobSystem.class);
    /** How often the watchdog checks that the job server runs. */
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    private final Database db;
    private final Registrations registrations;
    private final StorageProvider storage;
    private final JobRequestScheduler scheduler;
    private final EventDispatcher dispatcher;
    private final MessageRepository messages;
    private final ScheduledExecutorService waker;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicBoolean secondLookPending = new AtomicBoolean();
    private final Map<Class<?>, Object> handlers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private BackgroundJobServer server;
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private int workers;
    private Duration pollInterval;
    private boolean closed;
    // set by the watchdog thread only; read by readiness
    private volatile Instant stoppedAt;
    private int notRunningTicks;

    /**
     * Connects JobRunr to the database, creating or upgrading its tables. Does not start a job server.
     *
     * @throws StartupException if JobRunr cannot create its tables
     */
    public JobSystem(Database db, Registrations registrations) {
        this(db, registrations, RatchetMetrics.disabled());
    }

    /**
     * @param metrics where module runs are counted and timed
     * @throws StartupException if JobRunr cannot create its tables
     */
    public JobSystem(Database db, Registrations registrations, RatchetMetrics metrics) {
        this.db = db;
        this.registrations = registrations;
        this.messages = new MessageRepository(db);
        try {
            PostgresStorageProvider provider = new PostgresStorageProvider(
                    db.jobsDataSource(), db.settings().jobsSchema() + ".", DatabaseOptions.CREATE);
            provider.setJobMapper(new JobMapper(new JacksonJsonMapper()));
            this.storage = provider;
        } catch (RuntimeException e) {
            throw new StartupException(
                    StartupException.DATABASE,
                    "cannot set up the job tables in schema "
                            + db.settings().jobsSchema() + " on "
                            + db.settings().safeUrl() + ": " + e.getMessage()
                            + ". Run 'ratchet migrate' first; the user needs CREATE rights on the database.",
                    e);
        }
        this.scheduler = new JobRequestScheduler(storage);
        QueueFlags flags = new QueueFlags(db);
        this.dispatcher = new EventDispatcher(registrations, this, new ModuleRunRepository(db), flags);
        handlers.put(EventJobHandler.class, new EventJobHandler(db, registrations, dispatcher, this, metrics));
        handlers.put(
                ModuleBatchHandler.class,
                new ModuleBatchHandler(db, messages, registrations, dispatcher, this, flags, metrics));
        handlers.put(
                QueuedRunsSafetyNet.class,
                new QueuedRunsSafetyNet(db, new ModuleRunRepository(db), registrations, this));
        handlers.put(ModuleJobHandler.class, new ModuleJobHandler(registrations, metrics));
        handlers.put(ModuleStateCleanup.class, new ModuleStateCleanup(db));
        handlers.put(VectorListsMaintenance.class, new VectorListsMaintenance(db));
        this.waker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratchet-job-waker");
            t.setDaemon(true);
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratchet-job-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    public StorageProvider storage() {
        return storage;
    }

    /** The ids of the recurring jobs registered in the database (by every process sharing it), sorted. */
    public java.util.List<String> recurringJobIds() {
        return storage.getRecurringJobs().stream()
                .map(r -> r.getId().trim())
                .sorted()
                .toList();
    }

    /**
     * Registers the {@code ratchet_jobs} gauges (JobRunr's counts by state) and, for the modules with event handlers,
     * {@code ratchet_jobs_by_module}. Call once, after the modules started.
     */
    public void registerGauges(RatchetMetrics metrics) {
        new JobGauges(storage, db)
                .register(
                        metrics,
                        registrations.handlers().stream()
                                .map(Registrations.Handler::moduleId)
                                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Starts this process's job server with a 30 s shutdown grace; see {@link #startServer(int, Duration, Duration)}. */
    public void startServer(int workers, Duration pollInterval) {
        startServer(workers, pollInterval, Duration.ofSeconds(30));
    }

    /**
     * Starts this process's job server and registers the modules' recurring schedules and core's
     * {@link ModuleStateCleanup}, {@link QueuedRunsSafetyNet} and {@link VectorListsMaintenance}.
     *
     * @param workers       worker threads
     * @param pollInterval  how often to look for work enqueued by other processes (at least 5 s)
     * @param shutdownGrace how long {@link #close()} lets running jobs finish before handing them back
     */
    public synchronized void startServer(int workers, Duration pollInterval, Duration shutdownGrace) {
        if (server != null) {
            return;
        }
        this.shutdownGrace = shutdownGrace;
        this.workers = workers;
        this.pollInterval = pollInterval;
        server = newServer();
        for (Registrations.Schedule s : registrations.schedules()) {
            String name = s.moduleId() + "." + s.jobName();
            ModuleJobRequest request = new ModuleJobRequest(s.moduleId(), s.jobName(), Json.write(s.params()));
            var builder = aRecurringJob()
                    .withId(recurringId(name))
                    .withName(name)
                    .withJobRequest(request)
                    .withLabels("module:" + s.moduleId());
            builder = s.cronOrInterval().startsWith("P")
                    ? builder.withInterval(Duration.parse(s.cronOrInterval()))
                    : builder.withCron(s.cronOrInterval());
            scheduler.createRecurrently(builder);
        }
        scheduleRecurring(ModuleStateCleanup.ID, ModuleStateCleanup.INTERVAL, new ModuleStateCleanup.Request());
        scheduleRecurring(QueuedRunsSafetyNet.ID, QueuedRunsSafetyNet.INTERVAL, new QueuedRunsSafetyNet.Request());
        scheduleRecurring(
                VectorListsMaintenance.ID, VectorListsMaintenance.INTERVAL, new VectorListsMaintenance.Request());
        log.info("job server started: {} workers, polling every {}s", workers, pollInterval.toSeconds());
        watchdog.scheduleWithFixedDelay(this::watch, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), MILLISECONDS);
    }

    /**
     * How many poll intervals a running job may go without its server marking it alive before JobRunr takes it for
     * orphaned (failed, then retried elsewhere). JobRunr's default, 4 (20 s at a 5 s poll), was passed under load: an
     * import embedding 100,000 messages on two busy cores starved the server's steward for over 20 s, JobRunr failed and
     * re-enqueued a job that was still running, then met its own concurrent update and stopped the server ("too many
     * processing exceptions"). 12 polls (60 s at 5 s) is the wait before a dead process's job is retried.
     */
    static final int SERVER_TIMEOUT_POLLS = 12;

    /** A started job server on {@link #storage}, with the settings of {@link #startServer}. */
    private BackgroundJobServer newServer() {
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type.cast(handlers.get(type));
            }
        };
        BackgroundJobServer s = new BackgroundJobServer(
                storage,
                new JacksonJsonMapper(),
                activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName(serverName())
                        .andWorkerCount(workers)
                        .andPollInterval(pollInterval)
                        .andServerTimeoutPollIntervalMultiplicand(SERVER_TIMEOUT_POLLS)
                        // JobRunr waits this less one second for running jobs, then interrupts them
                        .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(shutdownGrace.plusSeconds(1)));
        s.start();
        return s;
    }

    /**
     * Keeps the job server alive. JobRunr's ServerZooKeeper shuts the server down for good when the database fails
     * for longer than the pool's connection timeout ("An unrecoverable error occurred"); then module jobs would stay
     * enqueued until a restart. The watchdog notices the stop and, once the database answers again, starts a new
     * server on the same storage (running jobs of the old one were failed and retried by JobRunr).
     */
    private void watch() {
        BackgroundJobServer current;
        synchronized (this) {
            if (closed || server == null) {
                return;
            }
            current = server;
        }
        try {
            if (current.isRunning()) {
                notRunningTicks = 0;
                return;
            }
            if (stoppedAt == null) {
                if (++notRunningTicks < 2) {
                    return; // a start or stop in progress is a short transition; a stop lasts
                }
                stoppedAt = Instant.now();
                if (db.isHealthy()) {
                    log.warn("the job server stopped (JobRunr stops it after errors it cannot resolve, such as a job"
                            + " updated by two servers at once; see the error before this); restarting it");
                } else {
                    log.warn(
                            "the job server stopped (JobRunr stops it when the database at {} fails for longer than"
                                    + " the connection timeout); module jobs wait until it runs again. Restarting it"
                                    + " as soon as the database answers",
                            db.settings().safeUrl());
                }
            }
            if (!db.isHealthy()) {
                return;
            }
            synchronized (this) {
                if (closed || server != current) {
                    return;
                }
                server = newServer();
            }
            log.info(
                    "job server restarted: the database answers again, {} s after the job server stopped",
                    Duration.between(stoppedAt, Instant.now()).toSeconds());
            stoppedAt = null;
            notRunningTicks = 0;
        } catch (RuntimeException e) {
            log.warn(
                    "could not restart the job server yet, trying again in {} s: {}",
                    WATCH_EVERY.toSeconds(),
                    e.toString());
        }
    }

    public synchronized boolean serverRunning() {
        return server != null && server.isRunning();
    }

    /**
     * Whether the job server was started and is not running now (JobRunr stopped it on a database failure): the
     * watchdog restarts it once the database answers.
     */
    public synchronized boolean serverRecovering() {
        return !closed && server != null && (stoppedAt != null || !server.isRunning());
    }

    /**
     * Looks for enqueued work now instead of at the next poll. Best effort and cheap: requests made while one is
     * pending are coalesced.
     *
     * <p>JobRunr's steward fetches new work when a worker turns idle; an occupied/idle pair is that signal with no
     * net change to its worker count. The fetch is skipped when another fetch holds the steward's lock, and that
     * fetch may have queried before our commit, so a second look follows shortly after: without it about one wake in
     * a few hundred waited for the next poll (measured with {@code ratchet bench jobs}).
     */
    public void wake() {
        BackgroundJobServer s;
        synchronized (this) {
            s = server;
        }
        if (s == null || !wakePending.compareAndSet(false, true)) {
            return;
        }
        waker.execute(() -> {
            wakePending.set(false);
            onboard(s);
        });
        // one second look at a time: a look still to come runs after this wake's commit, so it covers this wake too
        // (a look per wake made about half of the waker's fetches, each a transaction that found nothing)
        if (secondLookPending.compareAndSet(false, true)) {
            waker.schedule(
                    () -> {
                        secondLookPending.set(false);
                        onboard(s);
                    },
                    50,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * How long the job of a batch queue fed by a live event (its embedding, the enrichment of the bot's own post) waits
     * before it is enqueued, so that the events stored meanwhile share it. At 20 events a second each queue's job took
     * one or two messages: a JobRunr job, its mark turned off under the queues' exclusive lock (which the storing
     * transactions then waited for) and the batch's own reads and updates, about a fifth of an event's statements.
     */
    static final Duration GATHER = Duration.ofMillis(500);

    /** The batch queues whose job waits to be enqueued ({@link #enqueueGathered}), with what enqueues it. */
    private final Map<String, Runnable> gathering = new ConcurrentHashMap<>();

    /**
     * Enqueues a batch queue's job {@link #GATHER} from now, on the waker's thread, unless one is waiting already.
     * Called by the storing transaction that turned the queue's mark on: its rows are durable, so a job lost with this
     * process is made up for as when the job itself is lost (the mark counts as off after ten seconds, and the safety
     * nets enqueue one for what waits longer); {@link #close()} enqueues those still waiting.
     */
    void enqueueGathered(String key, Runnable enqueue) {
        if (gathering.putIfAbsent(key, enqueue) != null) {
            return;
        }
        try {
            waker.schedule(() -> enqueueGathered(key), GATHER.toMillis(), MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            gathering.remove(key);
            enqueue.run();
        }
    }

    private void enqueueGathered(String key) {
        Runnable enqueue = gathering.remove(key);
        if (enqueue == null) {
            return;
        }
        try {
            enqueue.run();
        } catch (RuntimeException e) {
            log.warn(
                    "could not enqueue the batch job of {} now ({}); the next stored message or the safety net will",
                    key,
                    e.toString());
        }
    }

    private static void onboard(BackgroundJobServer s) {
        var steward = s.getJobSteward();
        steward.notifyThreadOccupied();
        steward.notifyThreadIdle();
    }

    /**
     * Makes {@code handler} run the job requests whose handler class is {@code type}; for core jobs (onboarding,
     * backfill). Register before {@link #startServer}.
     */
    public <H extends JobRequestHandler<?>> void registerHandler(Class<H> type, H handler) {
        handlers.put(type, handler);
    }

    /**
     * Enqueues a job request, joining the caller's transaction if there is one.
     *
     * @param dedupKey when not null, a request with the same key that was enqueued before is not enqueued again
     * @return whether it was enqueued
     */
    public boolean enqueue(
            JobRequest request, String name, String dedupKey, Duration delay, int retries, String label) {
        boolean enqueued = db.transaction(() -> {
            if (dedupKey != null && !new JobKeyRepository(db).claim(dedupKey)) {
                return false;
            }
            var builder = aJob().withId(UUID.randomUUID())
                    .withName(name)
                    .withAmountOfRetries(retries)
                    .withLabels(label)
                    .withJobRequest(request);
            if (delay != null && !delay.isZero() && !delay.isNegative()) {
                builder = builder.scheduleIn(delay);
            }
            scheduler.create(builder);
            return true;
        });
        if (enqueued && (delay == null || delay.isZero())) {
            wake();
        }
        return enqueued;
    }

    /**
     * Runs {@code request} every {@code interval}, once per interval across all processes (a JobRunr recurring job).
     * {@code name} may hold any characters; the job's id is it made acceptable to JobRunr.
     */
    public void scheduleRecurring(String name, Duration interval, JobRequest request) {
        scheduler.createRecurrently(aRecurringJob()
                .withId(recurringId(name))
                .withName(name)
                .withInterval(interval)
                .withJobRequest(request)
                .withLabels("core"));
    }

    /** Enqueues the job of a module handler for an event; joins the caller's transaction if there is one. */
    void enqueueEvent(Registrations.Handler handler, String eventKey) {
        scheduler.create(eventJob(handler, eventKey));
    }

    /**
     * Enqueues the jobs of several handlers for one event, saved with one batch (a REACT stage of three handlers took
     * three inserts, one round trip each); joins the caller's transaction if there is one.
     */
    void enqueueEvents(java.util.List<Registrations.Handler> handlers, String eventKey) {
        if (handlers.size() == 1) {
            enqueueEvent(handlers.get(0), eventKey);
        } else if (!handlers.isEmpty()) {
            scheduler.create(handlers.stream().map(h -> eventJob(h, eventKey)));
        }
    }

    private static org.jobrunr.scheduling.JobBuilder eventJob(Registrations.Handler handler, String eventKey) {
        return aJob().withId(UUID.randomUUID())
                .withName(handler.moduleId() + ":" + handler.name() + " " + eventKey)
                .withAmountOfRetries(handler.subscription().retry().maxRetries())
                .withLabels("module:" + handler.moduleId())
                .withJobRequest(new EventJob(handler.moduleId(), handler.name(), eventKey));
    }

    /**
     * Enqueues the job that runs a handler's queued runs in batches ({@link ModuleBatchJob}); joins the caller's
     * transaction if there is one.
     */
    void enqueueBatch(String moduleId, String handler) {
        enqueue(
                new ModuleBatchJob(moduleId, handler),
                moduleId + ":" + handler + " batch",
                null,
                Duration.ZERO,
                3,
                "module:" + moduleId);
    }

    /**
     * Enqueues the next attempt of a run that failed in a batch, due after {@code delay}, with JobRunr retrying it
     * {@code retries} more times; joins the caller's transaction.
     */
    void enqueueEventRetry(Registrations.Handler handler, String eventKey, Duration delay, int retries) {
        enqueueEventRetry(UUID.randomUUID(), handler, eventKey, delay, retries);
    }

    /** {@link #enqueueEventRetry(Registrations.Handler, String, Duration, int)} as the job {@code id}. */
    void enqueueEventRetry(UUID id, Registrations.Handler handler, String eventKey, Duration delay, int retries) {
        scheduler.create(aJob().withId(id)
                .withName(handler.moduleId() + ":" + handler.name() + " " + eventKey)
                .withAmountOfRetries(Math.max(0, retries))
                .withLabels("module:" + handler.moduleId())
                .scheduleIn(delay)
                .withJobRequest(new EventJob(handler.moduleId(), handler.name(), eventKey)));
    }

    /**
     * Whether the JobRunr job {@code id} is still to run or running (awaiting, scheduled, enqueued, processing); a job
     * that succeeded, failed for good or was deleted (or is no longer stored) is not.
     */
    boolean active(UUID id) {
        try {
            org.jobrunr.jobs.states.StateName state = storage.getJobById(id).getState();
            return state == org.jobrunr.jobs.states.StateName.AWAITING
                    || state == org.jobrunr.jobs.states.StateName.SCHEDULED
                    || state == org.jobrunr.jobs.states.StateName.ENQUEUED
                    || state == org.jobrunr.jobs.states.StateName.PROCESSING;
        } catch (org.jobrunr.storage.JobNotFoundException e) {
            return false;
        }
    }

    /** The recurring job that gives lost runs a job again; public for tests, which run it when they choose. */
    public QueuedRunsSafetyNet safetyNet() {
        return (QueuedRunsSafetyNet) handlers.get(QueuedRunsSafetyNet.class);
    }

    /** The {@link Jobs} service of one module. */
    public Jobs jobsOf(String moduleId) {
        return new Jobs() {
            @Override
            public void enqueue(String name, String dedupKey, Map<String, Object> params) {
                enqueueIn(Duration.ZERO, name, dedupKey, params);
            }

            @Override
            public void enqueueIn(Duration delay, String name, String dedupKey, Map<String, Object> params) {
                Registrations.ModuleJob job = registrations
                        .job(moduleId, name)
                        .orElseThrow(() -> new IllegalArgumentException("module '" + moduleId + "' has no job '" + name
                                + "'; register it with ctx.job(\"" + name + "\", ...) in start()"));
                Map<String, Object> data = new java.util.LinkedHashMap<>(params == null ? Map.of() : params);
                // the enqueuing span's trace, for the job's span to be its child (taken out before the module sees it)
                dev.ratchet.core.ops.Tracing.traceparent().ifPresent(t -> data.put(ModuleJobHandler.TRACEPARENT, t));
                JobSystem.this.enqueue(
                        new ModuleJobRequest(moduleId, name, Json.write(data)),
                        moduleId + ":" + name + (dedupKey == null ? "" : " " + dedupKey),
                        dedupKey == null ? null : moduleId + ":" + name + ":" + dedupKey,
                        delay,
                        job.retry().maxRetries(),
                        "module:" + moduleId);
            }
        };
    }

    /**
     * Stops the job server, if one runs: it takes no new jobs, and those running get the shutdown grace to finish.
     * A job still running after it is interrupted, and JobRunr marks it failed ("background job server has stopped"),
     * which its retry policy turns into a retry that any job server picks up: the job is handed back. A job whose
     * process dies outright stays "processing" until another server finds its server's heartbeat gone and does the
     * same. Then closes JobRunr's storage. Blocks for at most about twice the grace.
     */
    @Override
    public synchronized void close() {
        closed = true;
        for (String key : java.util.List.copyOf(gathering.keySet())) {
            enqueueGathered(key); // the batch jobs still waiting to be enqueued, for any job server to run
        }
        watchdog.shutdownNow();
        if (server != null) {
            int running = server.getJobSteward().getJobsInProgress().size();
            log.info(
                    "stopping the job server: no new jobs; {} running, waiting up to {}s for them",
                    running,
                    shutdownGrace.toSeconds());
            server.stop();
            server = null;
            log.info("job server stopped");
        }
        waker.shutdownNow();
        storage.close();
    }

    /** host:pid, so the dashboard tells processes on different machines (or containers) apart. */
    private static String serverName() {
        String host = System.getenv("HOSTNAME"); // set in containers; avoids a name lookup
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return "ratchet@" + host + ":" + ProcessHandle.current().pid();
    }

    /** JobRunr accepts only {@code [A-Za-z0-9-_(),.]} in recurring job ids (a ':' fails the server's start). */
    static String recurringId(String name) {
        return name.replaceAll("[^\\dA-Za-z\\-_(),.]", "_");
    }
}
