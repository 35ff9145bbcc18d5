package dev.ratchet.spi;

/**
 * How a failing handler or job is retried. Retries wait exponentially longer (3 s, 9 s, 27 s, ...); a run that
 * has used up its retries is marked failed, stays visible in the jobs dashboard and no longer holds back the
 * event's later stages.
 *
 * @param maxRetries how many times to retry after the first failure, 0 to 20
 * @since 0.1
 */
public record RetryPolicy(int maxRetries) {

    /** Three retries: enough for a transient Slack or LLM failure, quick to give up on a bug. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3);

    /** Never retried. */
    public static final RetryPolicy NONE = new RetryPolicy(0);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 20, was " + maxRetries);
        }
    }
}
