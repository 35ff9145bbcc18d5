package dev.ratchet.core.api;

/**
 * An answer other than success, sent as {@code {"error": {"code": ..., "message": ...}}}. The message is shown to the
 * caller: it names the thing and the fix, and never holds a secret.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
