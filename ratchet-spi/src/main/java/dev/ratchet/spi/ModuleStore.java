package dev.ratchet.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Small persistent state owned by one module: cursors, settings, last-seen marks. Values are JSON objects (maps of
 * plain values). Safe from any thread; each call is its own transaction.
 *
 * @since 0.1
 */
public interface ModuleStore {

    Optional<Map<String, Object>> get(String key);

    void put(String key, Map<String, Object> value);

    /**
     * Stores {@code value} only if {@code key} is absent; returns whether it did. Use it to do something once
     * across processes.
     */
    boolean putIfAbsent(String key, Map<String, Object> value);

    void delete(String key);
}
