package dev.ratchet.core.slack;

import java.time.Duration;
import java.util.Optional;

/** A Slack Web API call that failed: an {@code ok:false} answer, an HTTP error, a rate limit or no answer at all. */
public final class SlackCallException extends Exception {

    private final String method;
    private final String error;
    private final Duration retryAfter;

    SlackCallException(String method, String error, Duration retryAfter, Throwable cause) {
        super(
                "Slack " + method + " failed: " + error
                        + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"),
                cause);
        this.method = method;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public String method() {
        return method;
    }

    /** Slack's error code ({@code channel_not_found}, {@code ratelimited}, ...) or a transport error. */
    public String error() {
        return error;
    }

    /** For HTTP 429: how long Slack asked us to wait. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isRateLimited() {
        return retryAfter != null;
    }

    /**
     * Whether the call may have taken effect although it failed: no answer, a malformed one or a server error (a post
     * may have been posted). An {@code ok:false} answer, a 4xx or a rate limit means it did not.
     */
    public boolean mayHaveTakenEffect() {
        return getCause() != null || error.startsWith("http_5");
    }
}
