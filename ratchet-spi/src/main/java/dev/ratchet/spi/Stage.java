package dev.ratchet.spi;

/**
 * When a handler runs relative to the other handlers of the same event.
 *
 * @since 0.1
 */
public enum Stage {
    /** Adds to the stored message (classification, embedding). Runs first. */
    ENRICH,
    /** Acts on the enriched message (posts a runbook, answers a question). Runs after every ENRICH handler. */
    REACT,
    /**
     * Adds to the stored message what no REACT handler of the same event needs (an embedding for later searches).
     * Runs at once, beside ENRICH, and does not hold REACT handlers back, so replies come sooner. Like ENRICH, it runs
     * again when the message is edited.
     *
     * @since 0.2
     */
    BACKGROUND
}
