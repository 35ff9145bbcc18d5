package dev.ratchet.core.jobs;

import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.core.storage.ModuleRunRepository.BatchClaim;
import dev.ratchet.core.storage.QueueFlags;
import dev.ratchet.spi.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler's queued runs ({@link EventDispatcher}) in batches: takes up to {@link #BATCH} of them (live events
 * first, then the oldest; {@code for update skip locked}, so concurrent batch jobs take different ones), reads their
 * messages with one query, runs the handler on each in turn and marks those that succeeded done with one update; after
 * {@link #BATCHES_PER_RUN} batches it hands its worker back by enqueuing the next.
 *
 * <p>A run that fails is retried on its own, as a run of the per-event path is: it is marked {@code retrying} and an
 * {@link EventJob} is scheduled with the handler's remaining retries (or it is marked failed when it has none left); a
 * failed or finished ENRICH run releases its event's waiting REACT runs like one run by {@link EventJobHandler}. When
 * the job's process dies, JobRunr runs the job again and it takes back the runs it had claimed ({@code claimed_by}).
 */
public final class ModuleBatchHandler implements JobRequestHandler<ModuleBatchJob> {

    private static final Logger log = LoggerFactory.getLogger(ModuleBatchHandler.class);
    /** Runs per claim: one query for their messages, one update to finish them. */
    static final int BATCH = 64;
    /** Batches per job, so that a long import does not hold a worker for minutes. */
    static final int BATCHES_PER_RUN = 8;

    private final Database db;
    private final MessageRepository messages;
    private final ModuleRunRepository runs;
    private final Registrations registrations;
    private final EventDispatcher dispatcher;
    private final JobSystem jobs;
    private final QueueFlags flags;
    private final RatchetMetrics metrics;

    ModuleBatchHandler(
            Database db,
            MessageRepository messages,
            Registrations registrations,
            EventDispatcher dispatcher,
            JobSystem jobs,
            QueueFlags flags,
            RatchetMetrics metrics) {
        this.db = db;
        this.messages = messages;
        this.runs = new ModuleRunRepository(db);
        this.registrations = registrations;
        this.dispatcher = dispatcher;
        this.jobs = jobs;
        this.flags = flags;
        this.metrics = metrics;
    }

    @Override
    public void run(ModuleBatchJob job) throws Exception {
        if (registrations.retired(job.moduleId(), job.handler())) {
            skipRetired(job);
            return;
        }
        Registrations.Handler handler = registrations.requireHandler(job.moduleId(), job.handler());
        flags.markIdle(QueueFlags.ofHandler(job.moduleId(), job.handler())); // what is stored from now on: the next job
        JobContext context = jobContext();
        UUID id = context == null || context == JobContext.Null || context.getJobId() == null
                ? UUID.randomUUID()
                : context.getJobId();
        List<BatchClaim> mine = runs.reclaim(job.moduleId(), job.handler(), id);
        if (!mine.isEmpty()) {
            log.info(
                    "{}:{}: running again the {} run(s) this batch job had taken when its process stopped",
                    job.moduleId(),
                    job.handler(),
                    mine.size());
            runBatch(handler, mine);
        }
        for (int b = 0; b < BATCHES_PER_RUN; b++) {
            List<BatchClaim> claimed = runs.claimQueued(job.moduleId(), job.handler(), id, BATCH);
            if (!claimed.isEmpty()) {
                runBatch(handler, claimed);
            }
            if (claimed.size() < BATCH) {
                return; // none left, or the rest are being run by another batch job
            }
        }
        jobs.enqueueBatch(job.moduleId(), job.handler());
    }

    private void runBatch(Registrations.Handler handler, List<BatchClaim> claimed) throws InterruptedException {
        List<EventRef> refs = new ArrayList<>(claimed.size());
        for (BatchClaim c : claimed) {
            refs.add(EventRef.fromMap(c.eventKey(), c.event()));
        }
        Map<String, Message> byKey = new HashMap<>();
        for (Message m : messages.get(
                refs.stream().map(EventRef::channelId).toList(),
                refs.stream().map(EventRef::ts).toList())) {
            byKey.put(m.channelId() + "/" + m.ts(), m);
        }
        List<String> done = new ArrayList<>(claimed.size());
        try {
            for (int i = 0; i < claimed.size(); i++) {
                BatchClaim c = claimed.get(i);
                EventRef ref = refs.get(i);
                long t0 = System.nanoTime();
                try {
                    Message message = byKey.get(ref.channelId() + "/" + ref.ts());
                    if (message == null) {
                        throw new IllegalStateException("message " + ref.channelId() + "/" + ref.ts() + " of event "
                                + ref.key() + " is not stored");
                    }
                    EventJobHandler.invoke(
                            handler, c.eventKey(), c.event(), EventJobHandler.channelEvent(ref, message));
                    done.add(c.eventKey());
                    metrics.moduleRun(handler.moduleId(), handler.name(), "ok", System.nanoTime() - t0);
                } catch (InterruptedException e) {
                    // stopping: this run and the rest stay claimed; JobRunr runs this job again, which takes them back
                    Thread.currentThread().interrupt();
                    throw e;
                } catch (Exception | LinkageError e) {
                    failed(handler, c, e, System.nanoTime() - t0);
                }
            }
        } finally {
            finishDone(handler, done);
        }
    }

    /**
     * Finishes the queued runs of a retired handler ({@link Registrations#retired}) as skipped, releasing the waiting
     * REACT runs of events whose enrichment it was, as the per-event job does.
     */
    private void skipRetired(ModuleBatchJob job) {
        UUID id = UUID.randomUUID();
        List<BatchClaim> claimed;
        while (!(claimed = runs.claimQueued(job.moduleId(), job.handler(), id, BATCH)).isEmpty()) {
            List<BatchClaim> batch = claimed;
            boolean released = db.transaction(() -> {
                runs.lockEvents(batch.stream().map(BatchClaim::eventKey).toList());
                int n = 0;
                for (BatchClaim c : batch) {
                    runs.finish(c.eventKey(), job.moduleId(), job.handler(), "done", EventJobHandler.RETIRED);
                    if ("ENRICH".equals(c.stage())) {
                        n += dispatcher.releaseReactStage(c.eventKey());
                    }
                }
                return n > 0;
            });
            if (released) {
                dispatcher.wake();
            }
        }
    }

    /** Marks runs done, and releases the waiting REACT runs of their events, under the events' locks. */
    private void finishDone(Registrations.Handler handler, List<String> done) {
        if (done.isEmpty()) {
            return;
        }
        boolean released = db.transaction(() -> {
            // serialised with the other finishes and re-dispatches of these events, as EventJobHandler's finish is
            runs.lockEvents(done);
            runs.finishDone(handler.moduleId(), handler.name(), done);
            int n = 0;
            if (handler.subscription().stage() == dev.ratchet.spi.Stage.ENRICH) {
                for (String key : runs.withWaitingRuns(done)) {
                    n += dispatcher.releaseReactStage(key);
                }
            }
            return n > 0;
        });
        if (released) {
            dispatcher.wake();
        }
    }

    private void failed(Registrations.Handler handler, BatchClaim c, Throwable e, long nanos) {
        int maxRetries = handler.subscription().retry().maxRetries();
        boolean final_ = c.attempts() > maxRetries;
        boolean released = db.transaction(() -> {
            runs.lockEvent(c.eventKey());
            runs.finish(c.eventKey(), handler.moduleId(), handler.name(), final_ ? "failed" : "retrying", e.toString());
            if (!final_) {
                // the next attempts as the per-event path makes them: an EventJob, JobRunr retrying it with back-off
                jobs.enqueueEventRetry(
                        handler,
                        c.eventKey(),
                        Duration.ofSeconds((long) Math.min(3600, Math.pow(3, c.attempts()))),
                        maxRetries - c.attempts());
                return false;
            }
            return "ENRICH".equals(c.stage()) && dispatcher.releaseReactStage(c.eventKey()) > 0;
        });
        metrics.moduleRun(handler.moduleId(), handler.name(), final_ ? "failed" : "retrying", nanos);
        if (final_) {
            log.warn(
                    "{}:{} failed for {} after {} attempt(s): {}",
                    handler.moduleId(),
                    handler.name(),
                    c.eventKey(),
                    c.attempts(),
                    e.toString());
        }
        if (released) {
            dispatcher.wake();
        }
    }
}
