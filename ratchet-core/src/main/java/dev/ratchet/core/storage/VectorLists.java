package dev.ratchet.core.storage;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the IVFFlat index of the messages' embeddings ({@code messages_embedding_ivf}, V9's definition) in step with
 * the messages embedded: builds it once {@link #DEFAULT_MIN_ROWS} are, and builds it again when their number has grown
 * {@link #GROWTH} times since (an IVFFlat index learns its lists from the rows present when it is built; rows added
 * later go to the nearest of those lists, which grow uneven). V9 built it only when the migration ran over enough
 * embeddings, so a database that started empty never had it. Every build is {@code create index concurrently} (writes
 * go on); a rebuild builds the new index beside the old one, swaps their names and drops the old one concurrently, so
 * search always has one. Under a session advisory lock: one process at a time. A concurrent build that failed (or whose
 * process died) leaves an INVALID index, which the next run drops.
 *
 * <p>The number of embedded messages is counted in {@code message_codes} (V11: a row for each embedded message, 60
 * bytes instead of the message's 2 kB); the number an index was built over is kept in its comment.
 */
public final class VectorLists {

    /** The index search reads (V9). */
    public static final String INDEX = "messages_embedding_ivf";
    /** Embedded messages needed before the index is built: fewer lists than 10 learn little (V9's threshold). */
    public static final long DEFAULT_MIN_ROWS = 10_000;
    /** The index is rebuilt when the embedded messages are this many times those it was built over. */
    public static final long GROWTH = 4;

    // the advisory lock's key: the two-key form, its class apart from EmbeddingRepository's
    static final int LOCK_CLASS = 0x697666; // "ivf"
    private static final String NEXT = INDEX + "_next";
    private static final String OLD = INDEX + "_old";
    private static final Pattern BUILT_OVER = Pattern.compile("built over (\\d+) embedded messages");
    private static final Logger log = LoggerFactory.getLogger(VectorLists.class);

    private final Database db;
    private final long minRows;

    public VectorLists(Database db) {
        this(db, DEFAULT_MIN_ROWS);
    }

    /** With another threshold than {@link #DEFAULT_MIN_ROWS} (tests). */
    public VectorLists(Database db, long minRows) {
        this.db = db;
        this.minRows = minRows;
    }

    /** What a {@link #maintain} run did. */
    public enum Outcome {
        /** Another process holds the lock. */
        BUSY,
        /** Fewer embedded messages than the threshold, no index. */
        TOO_FEW,
        /** The index is there and the embedded messages have not grown enough to rebuild it. */
        CURRENT,
        /** Built where there was none. */
        BUILT,
        /** Built again over more messages, and swapped in. */
        REBUILT
    }

    /** The index's lists for {@code n} embedded messages: n / 1000, sqrt(n) past a million (V9, pgvector's advice). */
    public static long lists(long n) {
        return n <= 1_000_000 ? Math.max(1, n / 1000) : (long) Math.floor(Math.sqrt(n));
    }

    /** Builds or rebuilds the index when it is due (see the class comment); drops INVALID leftovers first. */
    public Outcome maintain() {
        return db.jdbi().withHandle(h -> {
            boolean locked = h.createQuery("select pg_try_advisory_lock(:c, 0)")
                    .bind("c", LOCK_CLASS)
                    .mapTo(Boolean.class)
                    .one();
            if (!locked) {
                return Outcome.BUSY;
            }
            try {
                return maintain(h);
            } finally {
                h.createQuery("select pg_advisory_unlock(:c, 0)")
                        .bind("c", LOCK_CLASS)
                        .mapTo(Boolean.class)
                        .one();
            }
        });
    }

    private Outcome maintain(Handle h) {
        // under the lock no build of ours is running: an INVALID index of these names is a failed build's, and a
        // valid next or old one a rebuild's that stopped before its end
        for (Index leftover : indexes(h)) {
            if (!leftover.valid() || !leftover.name().equals(INDEX)) {
                long started = System.nanoTime();
                h.execute("drop index concurrently if exists " + leftover.name());
                log.info(
                        "dropped the {} index {} left by a build that did not finish, in {} ms",
                        leftover.valid() ? "valid" : "INVALID",
                        leftover.name(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
        Optional<Index> current =
                indexes(h).stream().filter(i -> i.name().equals(INDEX)).findFirst();
        long n = embedded(h);
        if (current.isEmpty()) {
            if (n < minRows) {
                return Outcome.TOO_FEW;
            }
            long took = build(h, INDEX, n);
            log.info(
                    "built the IVFFlat index {} over {} embedded messages ({} lists) in {} s",
                    INDEX,
                    n,
                    lists(n),
                    String.format(java.util.Locale.ROOT, "%.1f", took / 1e9));
            return Outcome.BUILT;
        }
        long builtOver = current.get().builtOver();
        if (n < GROWTH * Math.max(builtOver, 1) || n < minRows) {
            return Outcome.CURRENT;
        }
        long took = build(h, NEXT, n);
        long swapStarted = System.nanoTime();
        // both names changed in one transaction: search finds an index under the name at every moment
        h.useTransaction(tx -> {
            tx.execute("alter index " + INDEX + " rename to " + OLD);
            tx.execute("alter index " + NEXT + " rename to " + INDEX);
        });
        h.execute("drop index concurrently " + OLD);
        log.info(
                "rebuilt the IVFFlat index {} over {} embedded messages ({} lists; it was built over {}) in {} s,"
                        + " swapped in and the old one dropped in {} ms",
                INDEX,
                n,
                lists(n),
                builtOver,
                String.format(java.util.Locale.ROOT, "%.1f", took / 1e9),
                (System.nanoTime() - swapStarted) / 1_000_000);
        return Outcome.REBUILT;
    }

    /** Builds the index as {@code name} over the embeddings present, concurrently; returns the nanoseconds it took. */
    private static long build(Handle h, String name, long n) {
        int dimension = h.createQuery("select value from settings where key = 'embedding_dimension'")
                .mapTo(Integer.class)
                .one();
        long started = System.nanoTime();
        // the centroids are trained on a sample of 50 rows a list, held in memory (~75 MB at 1,000 lists of 384-d)
        h.execute("set maintenance_work_mem = '512MB'");
        try {
            h.execute("create index concurrently " + name
                    + " on messages using ivfflat ((embedding::halfvec(" + dimension + ")) halfvec_cosine_ops)"
                    + " with (lists = " + lists(n) + ")");
        } finally {
            h.execute("reset maintenance_work_mem");
        }
        h.execute("comment on index " + name + " is 'built over " + n + " embedded messages'");
        return System.nanoTime() - started;
    }

    /** How many messages have an embedding: their binary codes (V11), one row each. */
    static long embedded(Handle h) {
        return h.createQuery("select count(*) from message_codes")
                .mapTo(Long.class)
                .one();
    }

    /** An index of this class's names on {@code messages}. */
    record Index(String name, boolean valid, long builtOver) {}

    /**
     * The indexes named {@link #INDEX} (or its rebuild's names) on the messages. The number of messages an index was
     * built over is its comment's, else (built by V9) the one its lists were chosen for.
     */
    static List<Index> indexes(Handle h) {
        return h.createQuery("""
                        select c.relname, i.indisvalid, obj_description(c.oid, 'pg_class'),
                               (select substring(o from 'lists=(\\d+)') from unnest(c.reloptions) as o
                                 where o like 'lists=%')
                          from pg_index i join pg_class c on c.oid = i.indexrelid
                         where i.indrelid = to_regclass('messages')
                           and c.relname in (:index, :next, :old)
                         order by c.relname""")
                .bind("index", INDEX)
                .bind("next", NEXT)
                .bind("old", OLD)
                .map((rs, ctx) -> {
                    String comment = rs.getString(3);
                    Matcher m = comment == null ? null : BUILT_OVER.matcher(comment);
                    long builtOver;
                    if (m != null && m.find()) {
                        builtOver = Long.parseLong(m.group(1));
                    } else {
                        long lists = rs.getString(4) == null ? 1 : Long.parseLong(rs.getString(4));
                        builtOver = lists <= 1000 ? lists * 1000 : lists * lists;
                    }
                    return new Index(rs.getString(1), rs.getBoolean(2), builtOver);
                })
                .list();
    }
}
