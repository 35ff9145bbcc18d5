package dev.ratchet.core;

/**
 * A reason Ratchet cannot start or finish a command that an operator can act on: a bad config value, an unreachable
 * database, a broken plugin jar. The message is shown as it is, without a stack trace, so it must name the thing
 * and the fix, and never contain a secret.
 */
public class StartupException extends RuntimeException {

    /** Exit codes, documented in the README. */
    public static final int CONFIG = 3;

    public static final int DATABASE = 4;
    public static final int MODULE = 5;

    private final int exitCode;

    public StartupException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public StartupException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
