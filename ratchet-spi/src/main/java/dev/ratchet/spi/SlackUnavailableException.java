package dev.ratchet.spi;

/**
 * Slack is not configured, not reachable, or refused a call. The message says which and what to do.
 *
 * @since 0.1
 */
public class SlackUnavailableException extends RatchetException {
    public SlackUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SlackUnavailableException(String message) {
        super(message, null);
    }
}
