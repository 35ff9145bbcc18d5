package dev.ratchet.core.jobs;

import dev.ratchet.core.Json;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.core.storage.QueueFlags;
import dev.ratchet.spi.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns a stored event into module work: one module_runs row and one durable job per interested handler, written in
 * the caller's transaction, so the work exists if and only if the event was stored.
 *
 * <p>ENRICH handlers are enqueued at once; REACT handlers wait until every ENRICH run of the event has finished
 * (or given up), then the run that finished last enqueues them. A redelivered event finds its rows and enqueues
 * nothing.
 *
 * <p>The ENRICH and BACKGROUND runs of history, and of live events no REACT handler waits for, are not a JobRunr job
 * each: they are {@code queued}, and one {@link ModuleBatchJob} per handler and burst runs them in batches (a JobRunr
 * job, a claim and a finish per message held an import and the pipeline to a fraction of the embedding model's rate,
 * issue 15). Live events a reply may follow keep a job per run, started within milliseconds and run side by side.
 */
public final class EventDispatcher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventDispatcher.class);

    private final Registrations registrations;
    private final JobSystem jobs;
    private final ModuleRunRepository runs;
    private final QueueFlags flags;
    private volatile Function<EventRef, Optional<String>> onStored = e -> Optional.empty();
    /** The job that drains each batch queue, by its mark's key; enqueued in the storing transaction. */
    private final Map<String, Runnable> queueJobs = new ConcurrentHashMap<>();

    EventDispatcher(Registrations registrations, JobSystem jobs, ModuleRunRepository runs, QueueFlags flags) {
        this.registrations = registrations;
        this.jobs = jobs;
        this.runs = runs;
        this.flags = flags;
    }

    /**
     * Sets what else happens, in the same transaction, for every event dispatched: core's own work on stored messages
     * (embeddings), which is not a module handler's job per event. The hook answers the key of the batch queue
     * ({@link QueueFlags}) the event feeds, if any, whose job ({@link #onQueue}) is enqueued when its mark is off.
     */
    public void onStored(Function<EventRef, Optional<String>> hook) {
        this.onStored = hook;
    }

    /** Sets the job that drains the batch queue {@code key}: enqueued, in the storing transaction, when its mark is off. */
    public void onQueue(String key, Runnable enqueueJob) {
        queueJobs.put(key, enqueueJob);
    }

    /**
     * Records and enqueues the work for {@code event}; call it inside the transaction that stored the event
     * ({@code Database#transaction}). Call {@link #wake()} after that transaction commits, for live
     * events, so the work starts at once instead of at the next poll.
     *
     * @return how many jobs were enqueued now (0 for a redelivered event)
     */
    public int dispatch(EventRef event) {
        return dispatch(event, true);
    }

    /**
     * As {@link #dispatch(EventRef)}; {@code stored} false leaves out core's own work on the stored message
     * ({@link #onStored}: its embedding), for the bot's own posts, which are not embedded.
     */
    public int dispatch(EventRef event, boolean stored) {
        Plan plan = plan(event, stored);
        List<ModuleRunRepository.NewRun> inserted = runs.insertEach(event.key(), plan.eventJson(), plan.runs());
        List<String> queues = new ArrayList<>(2);
        if (plan.storedQueue() != null) {
            queues.add(plan.storedQueue());
        }
        for (int i = 0; i < plan.runs().size(); i++) {
            if (plan.runQueues().get(i) != null && inserted.contains(plan.runs().get(i))) {
                queues.add(plan.runQueues().get(i));
            }
        }
        return dispatched(plan, inserted, queues.isEmpty() ? List.of() : flags.markQueued(queues));
    }

    /**
     * What dispatching an event writes, worked out before the statement that writes it: the event as its runs store it,
     * the runs its interested handlers want (with the batch queue each feeds, or null) and the queue the stored message
     * feeds itself (its embedding, {@link #onStored}), or null. {@link #dispatch} writes it with a statement for the runs
     * and one for the queues' marks; ingestion, with the message itself in one ({@link
     * dev.ratchet.core.storage.MessageIngest}), then hands what was written to {@link #dispatched}.
     */
    public record Plan(
            EventRef event,
            boolean stored,
            String eventJson,
            List<ModuleRunRepository.NewRun> runs,
            List<String> runQueues,
            String storedQueue,
            Map<String, Registrations.Handler> byRun) {}

    /**
     * The plan of {@link #dispatch}ing {@code event}. Calls the {@link #onStored} hook, which for a new message (the
     * only events planned ahead of their storing) only answers its queue.
     */
    public Plan plan(EventRef event, boolean stored) {
        List<Registrations.Handler> interested = registrations.handlers().stream()
                .filter(x -> x.wants(event.type(), event.live()))
                .toList();
        boolean enrichFirst = interested.stream().anyMatch(x -> x.subscription().stage() == Stage.ENRICH);
        boolean replyMayFollow = event.live()
                && interested.stream().anyMatch(x -> x.subscription().stage() == Stage.REACT);
        String storedQueue = stored ? onStored.apply(event).orElse(null) : null;
        String eventJson = Json.write(event.toMap());
        List<ModuleRunRepository.NewRun> wanted = new ArrayList<>(interested.size());
        List<String> runQueues = new ArrayList<>(interested.size());
        Map<String, Registrations.Handler> byRun = new java.util.HashMap<>();
        for (Registrations.Handler x : interested) {
            Stage stage = x.subscription().stage();
            boolean now = !enrichFirst || stage != Stage.REACT;
            boolean batched = now && stage != Stage.REACT && !replyMayFollow;
            wanted.add(new ModuleRunRepository.NewRun(
                    x.moduleId(), x.name(), stage.name(), batched ? "queued" : now ? "enqueued" : "waiting"));
            runQueues.add(batched ? QueueFlags.ofHandler(x.moduleId(), x.name()) : null);
            byRun.put(x.moduleId() + "/" + x.name(), x);
        }
        return new Plan(event, stored, eventJson, wanted, runQueues, storedQueue, byRun);
    }

    /**
     * The rest of {@link #dispatch}, once {@code plan}'s runs are written: the jobs of the runs {@code inserted} (those
     * that start now), and of the batch queues whose mark was off ({@code marked}, as {@link QueueFlags#markQueued}
     * answered); in the same transaction.
     *
     * @return how many runs were started or queued now (0 for a redelivered event)
     */
    public int dispatched(Plan plan, List<ModuleRunRepository.NewRun> inserted, List<String> marked) {
        EventRef event = plan.event();
        List<Registrations.Handler> jobsNow = new ArrayList<>();
        int enqueued = 0;
        for (ModuleRunRepository.NewRun r : inserted) {
            Registrations.Handler x = plan.byRun().get(r.moduleId() + "/" + r.handler());
            if (r.state().equals("queued")) {
                String key = QueueFlags.ofHandler(x.moduleId(), x.name());
                queueJobs.computeIfAbsent(key, k -> () -> jobs.enqueueBatch(x.moduleId(), x.name()));
                enqueued++;
            } else if (r.state().equals("enqueued")) {
                jobsNow.add(x);
                enqueued++;
            }
        }
        jobs.enqueueEvents(startingNow(event.key(), jobsNow), event.key());
        for (String key : marked) {
            Runnable job = queueJobs.get(key);
            if (job == null) {
                continue;
            }
            if (event.live() || !plan.stored()) {
                // no reply waits for this work (a live message's embedding, the enrichment of the bot's own
                // post): its job is enqueued a moment later, so that the events stored meanwhile share it
                jobs.enqueueGathered(key, job);
            } else {
                job.run(); // history: what is read next (an alert's past occurrences) may need it done
            }
        }
        return enqueued;
    }

    /**
     * Records and enqueues the work for events of history (not live: no REACT handler wants them), as
     * {@link #dispatch} does each, with one statement per interested handler (an import's day file); call it inside
     * the transaction that stored them.
     *
     * @return how many runs were started
     */
    public int dispatchHistory(List<EventRef> events) {
        List<String> queues = new ArrayList<>(2);
        Map<Registrations.Handler, List<EventRef>> byHandler = new java.util.LinkedHashMap<>();
        for (EventRef event : events) {
            if (event.live()) {
                throw new IllegalArgumentException("dispatchHistory takes history only, not the live " + event.key());
            }
            onStored.apply(event).filter(k -> !queues.contains(k)).ifPresent(queues::add);
            for (Registrations.Handler x : registrations.handlers()) {
                if (x.wants(event.type(), false)) {
                    byHandler.computeIfAbsent(x, k -> new ArrayList<>()).add(event);
                }
            }
        }
        int enqueued = 0;
        for (var e : byHandler.entrySet()) {
            Registrations.Handler x = e.getKey();
            Stage stage = x.subscription().stage();
            // history has no reply to wait for: REACT handlers never see it, every other run is batched
            if (stage == Stage.REACT) {
                continue;
            }
            List<String> inserted = runs.insertAll(
                    e.getValue().stream().map(EventRef::key).toList(),
                    x.moduleId(),
                    x.name(),
                    stage.name(),
                    "queued",
                    e.getValue().stream().map(r -> Json.write(r.toMap())).toList());
            if (!inserted.isEmpty()) {
                String key = QueueFlags.ofHandler(x.moduleId(), x.name());
                queueJobs.computeIfAbsent(key, k -> () -> jobs.enqueueBatch(x.moduleId(), x.name()));
                queues.add(key);
                enqueued += inserted.size();
            }
        }
        if (!queues.isEmpty()) {
            for (String key : flags.markQueued(queues)) {
                Runnable job = queueJobs.get(key);
                if (job != null) {
                    job.run();
                }
            }
        }
        return enqueued;
    }

    /**
     * Dispatches a live event for a message that was already stored: as history (onboarding fetched it while its
     * live event was on the way) or by an earlier delivery. Runs that exist are left alone (so a duplicate changes
     * nothing); live-only handlers that never ran get their runs now, and when the message's enrichment already
     * finished they start at once. Serialised with the enrichment's finish by the event's lock, so none is stranded.
     *
     * @return how many jobs were enqueued now
     */
    public int dispatchLiveAgain(EventRef event) {
        return dispatchLiveAgain(event, runs.handlersOf(event.key()));
    }

    /**
     * As {@link #dispatchLiveAgain(EventRef)}, with the handlers that have a run of the event ({@code module/handler})
     * read by the caller in this transaction.
     */
    public int dispatchLiveAgain(EventRef event, java.util.Collection<String> handlersWithRuns) {
        // The usual case, a message's app_mention after its message event (or the other way round), finds every run:
        // one read instead of the lock, the inserts that insert nothing, the queue mark and the release.
        java.util.Set<String> existing = new java.util.HashSet<>(handlersWithRuns);
        if (registrations.handlers().stream()
                .filter(x -> x.wants(event.type(), event.live()))
                .allMatch(x -> existing.contains(x.moduleId() + "/" + x.name()))) {
            return 0;
        }
        runs.lockEvent(event.key());
        return dispatch(event) + releaseReactStage(event.key());
    }

    /**
     * Enqueues the waiting REACT runs of an event once none of its ENRICH runs is unfinished. Exactly one caller wins
     * the update, so each is enqueued once.
     */
    int releaseReactStage(String eventKey) {
        return enqueueReleased(eventKey, runs.releaseWaitingIfEnriched(eventKey));
    }

    /**
     * Enqueues the jobs of an event's runs just released from waiting, except those their subscription's filter
     * rejects ({@link dev.ratchet.spi.Subscription#when}), which are finished as skipped; how many were enqueued.
     */
    int enqueueReleased(String eventKey, List<ModuleRunRepository.Released> released) {
        return startReleased(eventKey, released, null).enqueued();
    }

    /** A released run taken by the job that released it, to run in its own worker: its handler and its claim. */
    record Inline(Registrations.Handler handler, ModuleRunRepository.ClaimWithMessage claim) {}

    /** What {@link #startReleased} did: how many jobs it enqueued, and the run left to the caller, if any. */
    record Started(int enqueued, Optional<Inline> inline) {}

    /**
     * As {@link #enqueueReleased}; with a {@code runner} (the id of the ENRICH job whose finish released them), a run
     * that starts alone gets no job of its own: it is claimed for that job ({@code claimed_by}), for the caller to run
     * in its worker once this transaction commits (several still get a job each, to run side by side). One JobRunr job
     * an event fewer (its insert, its fetch and its two state changes) and no second queue wait between the
     * classifier's verdict and the reply; the ENRICH job, run again after its process died, takes the run back ({@link
     * EventJobHandler}).
     */
    Started startReleased(String eventKey, List<ModuleRunRepository.Released> released, java.util.UUID runner) {
        List<Registrations.Handler> handlers = new ArrayList<>(released.size());
        for (ModuleRunRepository.Released r : released) {
            registrations.handler(r.moduleId(), r.handler()).ifPresent(handlers::add);
        }
        List<Registrations.Handler> starting = startingNow(eventKey, handlers);
        Optional<Inline> inline = Optional.empty();
        if (runner != null && starting.size() == 1) {
            Registrations.Handler first = starting.get(0);
            Optional<ModuleRunRepository.ClaimWithMessage> claim =
                    runs.claimWithMessage(eventKey, first.moduleId(), first.name(), runner);
            if (claim.isPresent()) {
                inline = Optional.of(new Inline(first, claim.get()));
                starting = starting.subList(1, starting.size());
            }
        }
        jobs.enqueueEvents(starting, eventKey);
        return new Started(starting.size() + (released.size() - handlers.size()), inline);
    }

    /** The note on a run whose subscription's filter rejected its event. */
    static final String FILTERED = "skipped: filtered by the subscription";

    /**
     * Of the handlers whose runs of an event are about to start, those whose subscription's filter accepts the event
     * (or has none, or throws: the handler decides then); the others' runs are finished as skipped, with one statement.
     * Reads the event and its message only when some handler has a filter. Call it in the transaction that enqueues.
     */
    private List<Registrations.Handler> startingNow(String eventKey, List<Registrations.Handler> handlers) {
        if (handlers.stream().noneMatch(h -> h.subscription().filtered())) {
            return handlers;
        }
        Optional<ModuleRunRepository.EventWithMessage> stored = runs.eventWithMessage(eventKey);
        if (stored.isEmpty() || stored.get().message().isEmpty()) {
            return handlers; // the run's job says what is missing, as without a filter
        }
        dev.ratchet.spi.ChannelEvent event = EventJobHandler.channelEvent(
                EventRef.fromMap(eventKey, stored.get().event()),
                stored.get().message().get());
        List<Registrations.Handler> starting = new ArrayList<>(handlers.size());
        List<String> skipped = new ArrayList<>(handlers.size());
        for (Registrations.Handler h : handlers) {
            if (accepts(h, event)) {
                starting.add(h);
            } else {
                skipped.add(h.moduleId() + "/" + h.name());
            }
        }
        runs.finishSkipped(eventKey, skipped, FILTERED);
        return starting;
    }

    private static boolean accepts(Registrations.Handler h, dev.ratchet.spi.ChannelEvent event) {
        try {
            return h.subscription().filter().test(event);
        } catch (RuntimeException | LinkageError e) {
            log.debug(
                    "{}:{}'s filter failed on {}; starting its run: {}",
                    h.moduleId(),
                    h.name(),
                    event.key(),
                    e.toString());
            return true;
        }
    }

    /** Asks this process's job server to look for new work now. */
    public void wake() {
        jobs.wake();
    }
}
