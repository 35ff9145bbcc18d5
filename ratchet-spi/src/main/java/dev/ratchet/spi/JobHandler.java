package dev.ratchet.spi;

import java.util.Map;

/**
 * The code of a module's background job. Runs on a job worker thread, possibly in another process, possibly more
 * than once (retry after a failure or a crash): make it idempotent. It may block. Throwing fails this run and
 * schedules a retry per the job's {@link RetryPolicy}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface JobHandler {
    /**
     * @param params the parameters given when the job was enqueued or scheduled (plain JSON values)
     */
    void run(Map<String, Object> params) throws Exception;
}
