package dev.ratchet.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Small persistent state owned by one module: cursors, settings, last-seen marks. Values are JSON objects (maps of
 * plain values). Safe from any thread; each call is its own transaction.
 *
 * <p>Records that are only needed for a while (a claim, a pending confirmation, a per-thread result) should be
 * stored with a time to live ({@link #put(String, Map, Duration)}, {@link #putIfAbsent(String, Map, Duration)}):
 * once it has passed, the key reads as absent and core deletes the row in the background.
 *
 * @since 0.1
 */
public interface ModuleStore {

    /** The value stored under {@code key}, empty when there is none or it expired. */
    Optional<Map<String, Object>> get(String key);

    /** Stores {@code value} under {@code key}, replacing any value (and its expiry): it never expires. */
    void put(String key, Map<String, Object> value);

    /**
     * Stores {@code value} under {@code key}, replacing any value, until {@code ttl} from now has passed; from then on
     * {@link #get} returns empty and {@link #putIfAbsent} treats the key as absent.
     *
     * <p>The default, for stores written before 0.2, ignores {@code ttl} and calls {@link #put(String, Map)}, so the
     * value never expires there.
     *
     * @param ttl how long the value lives; positive
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @since 0.2
     */
    default void put(String key, Map<String, Object> value, Duration ttl) {
        requirePositive(ttl);
        put(key, value);
    }

    /**
     * Stores {@code value} only if {@code key} is absent; returns whether it did. Use it to do something once
     * across processes. A key whose value expired counts as absent.
     */
    boolean putIfAbsent(String key, Map<String, Object> value);

    /**
     * Like {@link #putIfAbsent(String, Map)}, and the value stored expires after {@code ttl} as with
     * {@link #put(String, Map, Duration)}. A key whose value expired counts as absent, so once the ttl has passed
     * the same key can be claimed again: choose a ttl longer than any retry that must find the claim.
     *
     * <p>The default, for stores written before 0.2, ignores {@code ttl} and calls {@link #putIfAbsent(String, Map)}.
     *
     * @param ttl how long the value lives; positive
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     * @since 0.2
     */
    default boolean putIfAbsent(String key, Map<String, Object> value, Duration ttl) {
        requirePositive(ttl);
        return putIfAbsent(key, value);
    }

    void delete(String key);

    private static void requirePositive(Duration ttl) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("a ModuleStore ttl must be longer than zero, got " + ttl
                    + "; use put/putIfAbsent without a ttl for a value that never expires");
        }
    }
}
