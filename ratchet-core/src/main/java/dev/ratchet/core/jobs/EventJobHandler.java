package dev.ratchet.core.jobs;

import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.core.storage.ModuleRunRepository.Claim;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.Message;
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

    EventJobHandler(Database db, Registrations registrations, EventDispatcher dispatcher, RatchetMetrics metrics) {
        this.metrics = metrics;
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
            return;
        }
        runClaimed(job, handler, claim.get().claim(), claim.get().message());
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

    private void runClaimed(EventJob job, Registrations.Handler handler, Claim claimed, Optional<Message> stored)
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
                finish(job, claim.get().stage(), "done", "skipped: message deleted");
                metrics.moduleRun(job.moduleId(), job.handler(), "skipped", System.nanoTime() - t0);
                return;
            }
            invoke(handler, job.eventKey(), claim.get().event(), channelEvent(ref, message));
        } catch (Exception | LinkageError e) {
            boolean final_ =
                    claim.get().attempts() > handler.subscription().retry().maxRetries();
            finish(job, claim.get().stage(), final_ ? "failed" : "retrying", e.toString());
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
            throw e;
        }
        finish(job, claim.get().stage(), "done", null);
        metrics.moduleRun(job.moduleId(), job.handler(), "ok", System.nanoTime() - t0);
    }

    /**
     * The note on a run of a retired handler ({@link Registrations#retired}): finished as skipped, which also releases
     * the event's reactions if it was an enrichment, and its job succeeds.
     */
    static final String RETIRED = "skipped: handler retired";

    private void finish(EventJob job, String stage, String state, String error) {
        if (!"ENRICH".equals(stage)) {
            // nothing waits for a REACT or BACKGROUND run: one statement, no lock
            runs.finish(job.eventKey(), job.moduleId(), job.handler(), state, error);
            return;
        }
        boolean released = db.transaction(() -> {
            // Serialise the finishes of one event's runs: otherwise two ENRICH runs finishing together each see the
            // other unfinished and neither releases the REACT stage.
            runs.lockEvent(job.eventKey());
            List<ModuleRunRepository.Released> waiting = runs.finishEnrich(
                    job.eventKey(), job.moduleId(), job.handler(), state, error, !"retrying".equals(state));
            return dispatcher.enqueueReleased(job.eventKey(), waiting) > 0;
        });
        if (released) {
            dispatcher.wake();
        }
    }
}
