package dev.ratchet.testkit.llm;

/** The OpenAI endpoints {@link OpenAiStub} serves, for targeting injected failures and filtering recorded requests. */
public enum Endpoint {
    /** {@code POST /v1/chat/completions}. */
    CHAT_COMPLETIONS("POST", "/v1/chat/completions"),
    /** {@code POST /v1/embeddings}. */
    EMBEDDINGS("POST", "/v1/embeddings"),
    /** {@code GET /v1/models} and {@code GET /v1/models/{id}}. */
    MODELS("GET", "/v1/models"),
    /** Ollama's {@code POST /api/show}: served only under an {@linkplain ServerProfile#ollama() Ollama profile}. */
    OLLAMA_SHOW("POST", "/api/show"),
    /** Ollama's {@code POST /api/generate}, answered only as the preload (no prompt) under an Ollama profile. */
    OLLAMA_GENERATE("POST", "/api/generate");

    private final String method;
    private final String path;

    Endpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** The HTTP method, such as {@code POST}. */
    public String method() {
        return method;
    }

    /** The path below the server root, such as {@code /v1/embeddings}. */
    public String path() {
        return path;
    }

    /** The endpoint serving {@code method} on {@code path}, or {@code null} when there is none. */
    static Endpoint of(String method, String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Endpoint e : values()) {
            boolean pathMatches = p.equals(e.path) || (e == MODELS && p.startsWith(e.path + "/"));
            if (pathMatches && e.method.equalsIgnoreCase(method)) {
                return e;
            }
        }
        return null;
    }
}
