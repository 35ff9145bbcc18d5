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
    REACT
}
