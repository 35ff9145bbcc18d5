package dev.ratchet.core.docs;

import java.io.IOException;
import java.time.Instant;

/** The Git host asked us to wait (HTTP 429, or 403 with its rate limit spent); the refresh is queued again for then. */
public final class RateLimitedException extends IOException {

    private final Instant retryAt;

    RateLimitedException(String message, Instant retryAt) {
        super(message);
        this.retryAt = retryAt;
    }

    /** When the host allows requests again. */
    public Instant retryAt() {
        return retryAt;
    }
}
