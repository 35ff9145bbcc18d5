package dev.ratchet.core.jobs;

import dev.ratchet.core.Json;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.spi.Stage;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a stored event into module work: one module_runs row and one durable job per interested handler, written in
 * the caller's transaction, so the work exists if and only if the event was stored.
 *
 * <p>ENRICH handlers are enqueued at once; REACT handlers wait until every ENRICH run of the event has finished
 * (or given up), then the run that finished last enqueues them. A redelivered event finds its rows and enqueues
 * nothing.
 */
public final class EventDispatcher {

    private final Registrations registrations;
    private final JobSystem jobs;
    private final ModuleRunRepository runs;
    private volatile Consumer<EventRef> onStored = e -> {};

    EventDispatcher(Registrations registrations, JobSystem jobs, ModuleRunRepository runs) {
        this.registrations = registrations;
        this.jobs = jobs;
        this.runs = runs;
    }

    /**
     * Sets what else happens, in the same transaction, for every event dispatched: core's own work on stored messages
     * (embeddings), which is not a module handler's job per event.
     */
    public void onStored(Consumer<EventRef> hook) {
        this.onStored = hook;
    }

    /**
     * Records and enqueues the work for {@code event}; call it inside the transaction that stored the event
     * ({@code Database#transaction}). Call {@link #wake()} after that transaction commits, for live
     * events, so the work starts at once instead of at the next poll.
     *
     * @return how many jobs were enqueued now (0 for a redelivered event)
     */
    public int dispatch(EventRef event) {
        List<Registrations.Handler> interested = registrations.handlers().stream()
                .filter(x -> x.wants(event.type(), event.live()))
                .toList();
        boolean enrichFirst = interested.stream().anyMatch(x -> x.subscription().stage() == Stage.ENRICH);
        onStored.accept(event);
        String eventJson = Json.write(event.toMap());
        int enqueued = 0;
        for (Registrations.Handler x : interested) {
            boolean now = !enrichFirst || x.subscription().stage() != Stage.REACT;
            boolean inserted = runs.insert(
                    event.key(),
                    x.moduleId(),
                    x.name(),
                    x.subscription().stage().name(),
                    now ? "enqueued" : "waiting",
                    eventJson);
            if (inserted && now) {
                jobs.enqueueEvent(x, event.key());
                enqueued++;
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
        runs.lockEvent(event.key());
        return dispatch(event) + releaseReactStage(event.key());
    }

    /**
     * Enqueues the waiting REACT runs of an event once none of its ENRICH runs is unfinished. Exactly one caller wins
     * the update, so each is enqueued once.
     */
    int releaseReactStage(String eventKey) {
        int unfinished = runs.unfinishedEnrichRuns(eventKey);
        if (unfinished > 0) {
            return 0;
        }
        List<ModuleRunRepository.Released> released = runs.releaseWaiting(eventKey);
        for (ModuleRunRepository.Released r : released) {
            registrations.handler(r.moduleId(), r.handler()).ifPresent(x -> jobs.enqueueEvent(x, eventKey));
        }
        return released.size();
    }

    /** Asks this process's job server to look for new work now. */
    public void wake() {
        jobs.wake();
    }
}
