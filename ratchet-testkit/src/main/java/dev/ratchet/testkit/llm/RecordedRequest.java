package dev.ratchet.testkit.llm;

import java.util.Optional;
import java.util.Set;

/**
 * One HTTP request the stub answered, kept so that tests can assert on what a client sent. Header values are not
 * kept, their names are; whether an API key came along is, the key itself never.
 */
public final class RecordedRequest {

    /**
     * What the request's {@code Authorization: Bearer} header carried (under {@link ServerProfile#azure()}: its
     * {@code api-key} header).
     */
    public enum ApiKey {
        /** No bearer token (Azure: no {@code api-key}). */
        NONE,
        /** A token the stub accepted: the required key, or any token when none is required. */
        ACCEPTED,
        /** A token other than the required key. */
        REJECTED
    }

    private final String method;
    private final String path;
    private final String query;
    private final Set<String> headerNames;
    private final Endpoint endpoint;
    private final String body;
    private final ApiKey apiKey;
    private final int status;
    private final ChatRequest chat;
    private final EmbeddingRequest embedding;

    RecordedRequest(
            String method,
            String path,
            String query,
            Set<String> headerNames,
            Endpoint endpoint,
            String body,
            ApiKey apiKey,
            int status,
            ChatRequest chat,
            EmbeddingRequest embedding) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headerNames = Set.copyOf(headerNames);
        this.endpoint = endpoint;
        this.body = body;
        this.apiKey = apiKey;
        this.status = status;
        this.chat = chat;
        this.embedding = embedding;
    }

    /** The HTTP method, such as {@code POST}. */
    public String method() {
        return method;
    }

    /** The request path, such as {@code /v1/chat/completions}. */
    public String path() {
        return path;
    }

    /** The query string as sent (still encoded), such as {@code api-version=2024-10-21}; empty when there was none. */
    public String query() {
        return query == null ? "" : query;
    }

    /**
     * The names of the request's headers, lower-cased (such as {@code api-key} or {@code authorization}); their values
     * are not kept.
     */
    public Set<String> headerNames() {
        return headerNames;
    }

    /**
     * The endpoint, empty for a path the stub does not serve (answered 404). Azure's deployment paths are
     * {@link Endpoint#CHAT_COMPLETIONS} and {@link Endpoint#EMBEDDINGS}, {@code /openai/models} is {@link Endpoint#MODELS}.
     */
    public Optional<Endpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** The raw request body, {@code ""} when there was none. */
    public String body() {
        return body;
    }

    /** What the request carried as its API key. */
    public ApiKey apiKey() {
        return apiKey;
    }

    /** The HTTP status the stub answered (200, or the error it answered with, injected ones included). */
    public int status() {
        return status;
    }

    /** The parsed chat request, when this was a chat request with a JSON object body. */
    public Optional<ChatRequest> chat() {
        return Optional.ofNullable(chat);
    }

    /** The parsed embeddings request, when this was an embeddings request with well-formed inputs. */
    public Optional<EmbeddingRequest> embedding() {
        return Optional.ofNullable(embedding);
    }

    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status
                + ", api key " + apiKey + "]";
    }
}
