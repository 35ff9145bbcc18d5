package dev.ratchet.spi;

/**
 * The base of the exceptions Ratchet's services throw to modules. Messages name the thing that failed and the fix,
 * and never contain a secret.
 *
 * @since 0.1
 */
public class RatchetException extends Exception {
    public RatchetException(String message, Throwable cause) {
        super(message, cause);
    }
}
