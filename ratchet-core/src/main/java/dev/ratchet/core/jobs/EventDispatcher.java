package dev.ratchet.core.jobs;

import dev.ratchet.core.Json;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.spi.Stage;
import org.jdbi.v3.core.Handle;

import java.util.List;

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

    EventDispatcher(Registrations registrations, JobSystem jobs) {
        this.registrations = registrations;
        this.jobs = jobs;
    }

    /**
     * Records and enqueues the work for {@code event} on {@code h}, which must be inside the transaction that stored
     * the event ({@code Database#inTransaction}). Call {@link #wake()} after that transaction commits, for live
     * events, so the work starts at once instead of at the next poll.
     *
     * @return how many jobs were enqueued now (0 for a redelivered event)
     */
    public int dispatch(Handle h, EventRef event) {
        List<Registrations.Handler> interested = registrations.handlers().stream()
                .filter(x -> x.wants(event.type(), event.live())).toList();
        boolean enrichFirst = interested.stream().anyMatch(x -> x.subscription().stage() == Stage.ENRICH);
        String eventJson = Json.write(event.toMap());
        int enqueued = 0;
        for (Registrations.Handler x : interested) {
            boolean now = !enrichFirst || x.subscription().stage() != Stage.REACT;
            int inserted = h.createUpdate("""
                            insert into module_runs (event_key, module_id, handler, stage, state, event)
                            values (:key, :module, :handler, :stage, :state, cast(:event as jsonb))
                            on conflict do nothing""")
                    .bind("key", event.key()).bind("module", x.moduleId()).bind("handler", x.name())
                    .bind("stage", x.subscription().stage().name()).bind("state", now ? "enqueued" : "waiting")
                    .bind("event", eventJson).execute();
            if (inserted == 1 && now) {
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
    public int dispatchLiveAgain(Handle h, EventRef event) {
        h.createQuery("select pg_advisory_xact_lock(hashtext(:key))").bind("key", event.key()).mapTo(String.class).one();
        return dispatch(h, event) + releaseReactStage(h, event.key());
    }

    /**
     * Enqueues the waiting REACT runs of an event once none of its ENRICH runs is unfinished. Exactly one caller wins
     * the update, so each is enqueued once.
     */
    int releaseReactStage(Handle h, String eventKey) {
        int unfinished = h.createQuery("""
                        select count(*) from module_runs
                         where event_key = :key and stage = 'ENRICH' and state not in ('done', 'failed')""")
                .bind("key", eventKey).mapTo(Integer.class).one();
        if (unfinished > 0) {
            return 0;
        }
        List<String[]> released = h.createQuery("""
                        update module_runs set state = 'enqueued', updated_at = now()
                         where event_key = :key and state = 'waiting'
                        returning module_id, handler""")
                .bind("key", eventKey).map((rs, ctx) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        for (String[] r : released) {
            registrations.handler(r[0], r[1]).ifPresent(x -> jobs.enqueueEvent(x, eventKey));
        }
        return released.size();
    }

    /** Asks this process's job server to look for new work now. */
    public void wake() {
        jobs.wake();
    }
}
