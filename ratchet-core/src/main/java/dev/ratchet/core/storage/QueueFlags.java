package dev.ratchet.core.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The marks in {@code settings} that keep a burst of stored messages from enqueuing a job each: one per kind of batch
 * job (the embedding queue, each handler's queued runs). Storing a message asks for the job of every queue it feeds; a
 * queue whose mark is off turns it on and enqueues its job (in the storing transaction), one whose job is enqueued
 * and not started enqueues nothing. The job turns the mark off as it starts ({@link #markIdle}), so that what is
 * stored from then on enqueues the next.
 *
 * <p>A storing transaction takes the queues' advisory lock shared, and {@link #markIdle} takes it exclusively: so a
 * transaction that saw a mark on, and enqueued nothing, has committed before the job that turns it off looks for its
 * rows. The lock and the marks are taken once per transaction, however many messages it stores (an import's day file
 * holds hundreds).
 */
public final class QueueFlags {

    /** The embedding queue's mark. */
    public static final String EMBEDDING = "embedding_queue";

    /** The advisory lock of the queues' marks (an arbitrary constant of Ratchet's; also in V12's ratchet_mark_queued). */
    private static final long QUEUE_LOCK = 7_302_011_501L;

    /** The prefix of a mark's key among what a transaction did once ({@link Database#firstInTransaction}). */
    private static final String DONE_PREFIX = "queue:";

    private final Database db;

    public QueueFlags(Database db) {
        this.db = db;
    }

    /** The mark of a handler's queued runs. */
    public static String ofHandler(String moduleId, String handler) {
        return "module_queue:" + moduleId + ":" + handler;
    }

    /**
     * Turns on the marks of {@code keys} that are off, in the caller's transaction, with one statement (none when this
     * transaction asked for all of them before).
     *
     * <p>A mark on for more than ten seconds counts as off: the job it stood for may have been lost with the process
     * that enqueued it, or be waiting behind busy workers; one job too many finds nothing to do.
     *
     * @return the keys whose mark was off: the caller enqueues their jobs, in the same transaction
     */
    public List<String> markQueued(Collection<String> keys) {
        List<String> ask = new ArrayList<>();
        for (String k : keys) {
            if (db.firstInTransaction(DONE_PREFIX + k)) {
                ask.add(k);
            }
        }
        if (ask.isEmpty()) {
            return List.of();
        }
        // ratchet_mark_queued (V12) takes the lock shared with every other storing transaction first (markIdle waits
        // for all of them to commit), then turns the marks on
        return db.withHandle(h -> h.createQuery("select ratchet_mark_queued(cast(:keys as text[]))")
                .bind("keys", ask.toArray(String[]::new))
                .mapTo(String.class)
                .list());
    }

    /**
     * Whether this transaction asked for the mark of {@code key} already ({@link #markQueued}, or a statement that turned
     * it on itself, {@link #asked}): a second ask would find it on.
     */
    boolean askedInTransaction(String key) {
        return db.doneInTransaction(DONE_PREFIX + key);
    }

    /** Records that this transaction asked for these marks: a statement of its own turned them on ({@link MessageIngest}). */
    void asked(Collection<String> keys) {
        for (String k : keys) {
            db.firstInTransaction(DONE_PREFIX + k);
        }
    }

    /**
     * Turns a mark off: its job started, so what is stored from now on needs another. Waits for the storing
     * transactions in flight (each holds the lock shared): one that saw the mark on, and so enqueued nothing, is
     * committed before the job looks for its rows.
     *
     * <p>Its commit does not wait for the disk ({@link Database#UNFLUSHED_COMMIT}): the lock is held until the commit
     * returns, and every storing transaction (an event's, on its way to its reply) waits for it, 3-15 ms at a time on the
     * shared bench machine while the commit waited for the disk. Lost in a PostgreSQL crash, the mark stays on: it
     * counts as off ten seconds later ({@link #markQueued}), and the queues' recurring runs pick up what it held back.
     */
    public void markIdle(String key) {
        db.inTransaction(h -> {
            h.createQuery("select pg_advisory_xact_lock(" + QUEUE_LOCK + "), " + Database.UNFLUSHED_COMMIT)
                    .mapToMap()
                    .one();
            return h.createUpdate("update settings set value = 'idle' where key = :key")
                    .bind("key", key)
                    .execute();
        });
    }
}
