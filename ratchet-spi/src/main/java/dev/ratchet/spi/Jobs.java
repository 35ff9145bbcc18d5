package dev.ratchet.spi;

import java.time.Duration;
import java.util.Map;

/**
 * Enqueues a module's own background jobs (registered with {@link ModuleContext#job}).
 *
 * @since 0.1
 */
public interface Jobs {

    /**
     * Enqueues a run of job {@code name}. When called from inside an {@link EventHandler} or a job, the enqueue is
     * durable once that call returns.
     *
     * @param dedupKey when not null, enqueuing again with the same name and key is a no-op (so a retried handler
     *                 does not enqueue twice)
     * @param params   plain JSON values (strings, numbers, booleans, lists, maps)
     * @throws IllegalArgumentException if no job {@code name} was registered
     */
    void enqueue(String name, String dedupKey, Map<String, Object> params);

    /** Like {@link #enqueue} but starts no earlier than {@code delay} from now. */
    void enqueueIn(Duration delay, String name, String dedupKey, Map<String, Object> params);
}
