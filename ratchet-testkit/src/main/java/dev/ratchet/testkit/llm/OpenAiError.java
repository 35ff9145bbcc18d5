package dev.ratchet.testkit.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/** An OpenAI error answer, thrown to leave request handling early; rendered as {@code {"error": {...}}}. */
final class OpenAiError extends RuntimeException {

    final int status;
    final String type;
    final String param;
    final String code;
    final Map<String, String> headers;
    /** Azure's own errors (its gateway's, not the model's): {@code {"error": {"code", "message"}}}. */
    private final boolean azure;

    OpenAiError(int status, String type, String message, String param, String code, Map<String, String> headers) {
        this(status, type, message, param, code, headers, false);
    }

    private OpenAiError(
            int status,
            String type,
            String message,
            String param,
            String code,
            Map<String, String> headers,
            boolean azure) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.headers = Map.copyOf(headers);
        this.azure = azure;
    }

    /** An error of Azure OpenAI's own, shaped {@code {"error": {"code", "message"}}} as Azure shapes it. */
    static OpenAiError azure(int status, String code, String message) {
        return new OpenAiError(status, null, message, null, code, Map.of(), true);
    }

    static OpenAiError invalidRequest(String message, String param, String code) {
        return new OpenAiError(400, "invalid_request_error", message, param, code, Map.of());
    }

    /** The error OpenAI answers with this status, in OpenAI's own words where they are known. */
    static OpenAiError forStatus(int status, String message) {
        return switch (status) {
            case 400 -> invalidRequest(message != null ? message : "Bad request (injected by OpenAiStub).", null, null);
            case 401 ->
                new OpenAiError(
                        401,
                        "invalid_request_error",
                        message != null ? message : "Incorrect API key provided.",
                        null,
                        "invalid_api_key",
                        Map.of());
            case 403 ->
                new OpenAiError(
                        403,
                        "invalid_request_error",
                        message != null ? message : "You are not allowed to sample from this model.",
                        null,
                        null,
                        Map.of());
            case 404 ->
                new OpenAiError(
                        404,
                        "invalid_request_error",
                        message != null ? message : "Not found (injected by OpenAiStub).",
                        null,
                        null,
                        Map.of());
            // Retry-After is what clients (openai-java included) wait on; one second keeps retrying tests quick.
            case 429 ->
                new OpenAiError(
                        429,
                        "requests",
                        message != null ? message : "Rate limit reached for requests (injected by OpenAiStub).",
                        null,
                        "rate_limit_exceeded",
                        Map.of("Retry-After", "1"));
            case 503 ->
                new OpenAiError(
                        503,
                        "server_error",
                        message != null ? message : "The engine is currently overloaded, please try again later.",
                        null,
                        null,
                        Map.of());
            default ->
                new OpenAiError(
                        status,
                        status >= 500 ? "server_error" : "invalid_request_error",
                        message != null
                                ? message
                                : status >= 500
                                        ? "The server had an error while processing your request. Sorry about that!"
                                        : "Request failed with status " + status + " (injected by OpenAiStub).",
                        null,
                        null,
                        Map.of());
        };
    }

    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        if (azure) {
            error.put("code", code);
            error.put("message", getMessage());
            return Map.of("error", error);
        }
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }
}
