package dev.ratchet.core.storage;

/** The database cannot be reached now; the work can be tried again later (Slack delivers an event again). */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message) {
        super(message);
    }

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
