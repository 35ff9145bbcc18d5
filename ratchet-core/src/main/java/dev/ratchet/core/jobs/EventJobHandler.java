package dev.ratchet.core.jobs;

import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.core.storage.ModuleRunRepository.Claim;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one module handler for one event, keeping its module_runs row in step: a run that already succeeded is not
 * repeated; the last failure of an ENRICH run, like its success, releases the event's waiting REACT runs.
 */
public final class EventJobHandler implements JobRequestHandler<EventJob> {

    private static final Logger log = LoggerFactory.getLogger(EventJobHandler.class);

    private final Database db;
    private final ModuleRunRepository runs;
    private final Registrations registrations;
    private final EventDispatcher dispatcher;
    private final RatchetMetrics metrics;
    private final JobSystem jobs;

    EventJobHandler(
            Database db,
            Registrations registrations,
            EventDispatcher dispatcher,
            JobSystem jobs,
            RatchetMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.db = db;
        this.runs = new ModuleRunRepository(db);
        this.registrations = registrations;
        this.dispatcher = dispatcher;
    }

    @Override
    public void run(EventJob job) throws Exception {
        if (registrations.retired(job.moduleId(), job.handler())) {
            runs.claim(job.eventKey(), job.moduleId(), job.handler())
                    .ifPresent(claim -> finish(job, claim.stage(), "done", RETIRED));
            return;
        }
        Registrations.Handler handler = registrations.requireHandler(job.moduleId(), job.handler());
        Optional<ModuleRunRepository.ClaimWithMessage> claim =
                runs.claimWithMessage(job.eventKey(), job.moduleId(), job.handler());
        if (claim.isEmpty()) {
            log.debug("{}:{} for {} already finished; nothing to do", job.moduleId(), job.handler(), job.eventKey());
            if (handler.subscription().stage() == dev.ratchet.spi.Stage.ENRICH) {
                resumeInline(job);
            }
            return;
        }
        Optional<EventDispatcher.Inline> inline =
                runClaimed(job, handler, claim.get().claim(), claim.get().message());
        if (inline.isPresent()) {
            runInline(job.eventKey(), inline.get());
        }
    }

    /** This job's id in JobRunr; a random one outside a job (a test calling {@link #run} itself). */
    private java.util.UUID jobId() {
        org.jobrunr.jobs.context.JobContext context = jobContext();
        return context == null || context == org.jobrunr.jobs.context.JobContext.Null || context.getJobId() == null
                ? java.util.UUID.randomUUID()
                : context.getJobId();
    }

    /**
     * Runs again the REACT runs this ENRICH job took to run in its worker and did not finish: its process died while
     * running them (JobRunr runs the job again), or stopped it.
     */
    private void resumeInline(EventJob job) throws Exception {
        for (ModuleRunRepository.Reclaimed r : runs.reclaimEvent(job.eventKey(), jobId())) {
            Optional<Registrations.Handler> handler = registrations.handler(r.moduleId(), r.handler());
            if (handler.isEmpty()) {
                continue; // its module is not in this process: the safety net's business, as a job of it would be
            }
            log.info(
                    "{}:{} for {}: running again the run this job had taken when its process stopped",
                    r.moduleId(),
                    r.handler(),
                    job.eventKey());
            runInline(job.eventKey(), new EventDispatcher.Inline(handler.get(), r.claim()));
        }
    }

    /**
     * Runs a REACT run that this job's ENRICH finish released and took ({@link EventDispatcher#startReleased}), as its
     * own job would; a failure is retried as that job's would be, by an {@link EventJob} scheduled with back-off and the
     * handler's remaining retries (as a batch run's is), and does not fail this job, whose run is done; a failure
     * that could not be recorded on the run (the database out) fails this job, whose next attempt takes the run back.
     */
    private void runInline(String eventKey, EventDispatcher.Inline inline) throws Exception {
        Registrations.Handler handler = inline.handler();
        EventJob job = new EventJob(handler.moduleId(), handler.name(), eventKey);
        try {
            runClaimed(job, handler, inline.claim().claim(), inline.claim().message(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (RecordedFailure e) {
            // recorded by runClaimed: retrying (with its retry job) or failed
        }
        // any other failure (the database gone while the run was recorded as retrying, or as done after it ran) leaves
        // the run claimed by this job: it fails this job, which JobRunr runs again, and that run takes the run back
        // (resumeInline) instead of leaving it running for no one
    }

    /** An inline run's failure, recorded on the run (retrying with its own retry job, or failed). */
    private static final class RecordedFailure extends Exception {
        RecordedFailure(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    /**
     * Runs a module handler on the event of one claimed run, in the span of that handler (a child of the event's span
     * when the event carried its traceparent), with the event as {@link CurrentEvent}.
     */
    static void invoke(Registrations.Handler handler, String eventKey, Map<String, Object> event, ChannelEvent e)
            throws Exception {
        Object traceparent = event.get("traceparent");
        io.opentelemetry.api.trace.Span span = dev.ratchet.core.ops.Tracing.span(
                        "module " + handler.moduleId() + ":" + handler.name(),
                        io.opentelemetry.api.trace.SpanKind.CONSUMER)
                .setParent(dev.ratchet.core.ops.Tracing.parent(traceparent == null ? null : traceparent.toString()))
                .setAttribute("ratchet.module", handler.moduleId())
                .setAttribute("ratchet.handler", handler.name())
                .setAttribute("ratchet.event_key", eventKey)
                .startSpan();
        dev.ratchet.core.ops.Tracing.inSpan(span, s -> {
            CurrentEvent.set(EventRef.fromMap(eventKey, event));
            try {
                handler.handler().handle(e);
            } finally {
                CurrentEvent.clear();
            }
            return null;
        });
    }

    /** The event of a run as handlers see it. */
    static ChannelEvent channelEvent(EventRef ref, Message message) {
        Optional<ChannelEvent.Reaction> reaction = Optional.ofNullable(ref.reactionName())
                .map(name -> new ChannelEvent.Reaction(name, ref.reactionUser()));
        return new ChannelEvent(ref.key(), ref.type(), ref.live(), message, reaction);
    }

    private Optional<EventDispatcher.Inline> runClaimed(
            EventJob job, Registrations.Handler handler, Claim claimed, Optional<Message> stored) throws Exception {
        return runClaimed(job, handler, claimed, stored, false);
    }

    /**
     * Runs a claimed run and finishes it; the REACT run the finish of an ENRICH run released for this worker, if any.
     * {@code inline}: the run has no job of its own, so a failure to retry schedules one.
     */
    private Optional<EventDispatcher.Inline> runClaimed(
            EventJob job, Registrations.Handler handler, Claim claimed, Optional<Message> stored, boolean inline)
            throws Exception {
        Optional<Claim> claim = Optional.of(claimed);
        EventRef ref = EventRef.fromMap(job.eventKey(), claim.get().event());
        long t0 = System.nanoTime();
        try {
            Message message = stored.orElseThrow(() -> new IllegalStateException(
                    "message " + ref.channelId() + "/" + ref.ts() + " of event " + ref.key() + " is not stored"));
            if (message.deleted()
                    && "REACT".equals(claim.get().stage())
                    && ref.type() != dev.ratchet.spi.EventType.MESSAGE_DELETED) {
                log.debug("{}:{} skipped for {}: the message was deleted", job.moduleId(), job.handler(), ref.key());
                finish(job, claim.get().stage(), "done", "skipped: message deleted", false);
                metrics.moduleRun(job.moduleId(), job.handler(), "skipped", System.nanoTime() - t0);
                return Optional.empty();
            }
            invoke(handler, job.eventKey(), claim.get().event(), channelEvent(ref, message));
        } catch (Exception | LinkageError e) {
            int maxRetries = handler.subscription().retry().maxRetries();
            boolean final_ = claim.get().attempts() > maxRetries;
            if (inline && !final_) {
                db.transaction(() -> {
                    runs.finish(job.eventKey(), job.moduleId(), job.handler(), "retrying", e.toString());
                    // the next attempts as its own job would make them: JobRunr retrying it with back-off
                    jobs.enqueueEventRetry(
                            handler,
                            job.eventKey(),
                            Duration.ofSeconds((long)
                                    Math.min(3600, Math.pow(3, claim.get().attempts()))),
                            maxRetries - claim.get().attempts());
                    return null;
                });
            } else {
                finish(job, claim.get().stage(), final_ ? "failed" : "retrying", e.toString(), false);
            }
            metrics.moduleRun(job.moduleId(), job.handler(), final_ ? "failed" : "retrying", System.nanoTime() - t0);
            if (final_) {
                log.warn(
                        "{}:{} failed for {} after {} attempt(s): {}",
                        job.moduleId(),
                        job.handler(),
                        ref.key(),
                        claim.get().attempts(),
                        e.toString());
            }
            if (inline) {
                throw new RecordedFailure(e);
            }
            throw e;
        }
        Optional<EventDispatcher.Inline> next = finish(job, claim.get().stage(), "done", null, !inline);
        metrics.moduleRun(job.moduleId(), job.handler(), "ok", System.nanoTime() - t0);
        return next;
    }

    /**
     * The note on a run of a retired handler ({@link Registrations#retired}): finished as skipped, which also releases
     * the event's reactions if it was an enrichment, and its job succeeds.
     */
    static final String RETIRED = "skipped: handler retired";

    private void finish(EventJob job, String stage, String state, String error) {
        finish(job, stage, state, error, false);
    }

    /**
     * Finishes a run; an ENRICH run's finish releases the event's waiting REACT runs. With {@code takeOne}, the first
     * of them that starts is claimed by this job instead of getting a job of its own, and returned for this worker to
     * run ({@link EventDispatcher#startReleased}).
     */
    private Optional<EventDispatcher.Inline> finish(
            EventJob job, String stage, String state, String error, boolean takeOne) {
        if (!"ENRICH".equals(stage)) {
            // nothing waits for a REACT or BACKGROUND run: one statement, no lock
            runs.finish(job.eventKey(), job.moduleId(), job.handler(), state, error);
            return Optional.empty();
        }
        java.util.UUID runner = takeOne ? jobId() : null;
        EventDispatcher.Started started = db.transaction(() -> {
            // Serialise the finishes of one event's runs: otherwise two ENRICH runs finishing together each see the
            // other unfinished and neither releases the REACT stage.
            // the runs' bookkeeping: its commit need not wait for the disk (a REACT run's post records itself with one
            // that does, which writes this one too)
            runs.lockEventUnflushed(job.eventKey());
            List<ModuleRunRepository.Released> waiting = runs.finishEnrich(
                    job.eventKey(), job.moduleId(), job.handler(), state, error, !"retrying".equals(state));
            return dispatcher.startReleased(job.eventKey(), waiting, runner);
        });
        if (started.enqueued() > 0) {
            dispatcher.wake();
        }
        return started.inline();
    }
}
