package dev.ratchet.testkit.llm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible server on 127.0.0.1 that the real {@code openai-java} client (and any other OpenAI-compatible
 * client) talks to over OpenAI's REST protocol: {@code POST /v1/chat/completions}, {@code POST /v1/embeddings} and
 * {@code GET /v1/models}. Tests script chat answers by matching the request, inject failures, and assert on the
 * prompts that were sent.
 *
 * <pre>{@code
 * try (OpenAiStub llm = OpenAiStub.start()) {
 *     llm.onChat().whenLastUserMessageContains("runbook").reply("{\"overview\": \"Restart the pool.\"}");
 *
 *     OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(llm.baseUrl()).apiKey("sk-test").build();
 *     ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
 *             .model("gpt-4o-mini").addUserMessage("Draft a runbook, as JSON").build());
 *
 *     assertThat(llm.lastChatRequest().lastUserMessage()).contains("Draft a runbook, as JSON");
 * }
 * }</pre>
 *
 * <h2>Chat completions</h2>
 * Answers come from {@link ChatRule}s ({@link #onChat()}); the most recently registered matching rule answers. When
 * none matches: the {@linkplain #defaultReply(String) default reply}, or else 400 with a message that quotes the last
 * user message, so that an unscripted prompt fails loudly. Only one choice is answered, whatever {@code n} says.
 *
 * <h2>Embeddings</h2>
 * Deterministic: words and character trigrams hashed into {@linkplain #embeddingDimension(int) 384 dimensions} (or the
 * request's {@code dimensions}) and L2-normalised, so texts sharing words are closer by cosine than unrelated texts.
 * Both {@code encoding_format}s are served: {@code float} and {@code base64} (little-endian float32, which
 * {@code openai-java} asks for by default and decodes itself). {@link #embed(String)} gives the same vectors to tests.
 *
 * <h2>Like OpenAI</h2>
 * <ul>
 *   <li>Errors are {@code {"error": {"message", "type", "param", "code"}}} with OpenAI's status; 429 carries
 *   {@code Retry-After}.</li>
 *   <li>Requests OpenAI refuses are refused: no model, an unknown model (once {@link #models} are set), no or empty
 *   {@code messages}, an unknown role, a {@code tool} message that answers no call, an assistant's tool calls left
 *   unanswered, a tool name outside {@code ^[a-zA-Z0-9_-]{1,64}$}, {@code json_object} without the word "json" in
 *   the messages, {@code json_schema} without a name, empty embedding inputs.</li>
 *   <li>A text reply longer than {@code max_completion_tokens} (or {@code max_tokens}) is cut there with
 *   {@code finish_reason: length}.</li>
 * </ul>
 *
 * <h2>Unlike OpenAI</h2>
 * <ul>
 *   <li>No streaming: {@code "stream": true} is answered 400.</li>
 *   <li>Tokens are whitespace-separated words, for {@code usage} and {@code max_tokens} alike.</li>
 *   <li>Embedding inputs are strings only, not token arrays.</li>
 * </ul>
 *
 * <p>All methods are thread-safe, and the server answers requests concurrently. The API key is never logged, recorded
 * or shown by {@link #toString()}.
 */
public final class OpenAiStub implements AutoCloseable {

    private final OpenAiApi api = new OpenAiApi();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("openai-stub-worker"));
    private final HttpServer http;

    private OpenAiStub() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", api);
        http.setExecutor(workers);
        http.start();
    }

    /**
     * Starts a stub on a free port of 127.0.0.1: no rules, no API key required, models {@code gpt-4o-mini} and
     * {@code text-embedding-3-small} listed (and any model accepted), 384-dimensional embeddings.
     */
    public static OpenAiStub start() {
        try {
            return new OpenAiStub();
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAI stub could not start", e);
        }
    }

    // ================================================================ client configuration

    /** The base URL for clients, {@code http://127.0.0.1:<port>/v1}, as {@code OpenAIOkHttpClient.Builder#baseUrl} takes it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * The endpoint for Azure OpenAI clients under {@link ServerProfile#azure()}, {@code http://127.0.0.1:<port>}: they
     * add {@code /openai/deployments/{deployment}/…?api-version=…} themselves, as to
     * {@code https://NAME.openai.azure.com}.
     */
    public String azureEndpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The port the stub listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * From now on, requests must carry {@code Authorization: Bearer <key>}; without it they are answered 401 with
     * OpenAI's message, with another key 401 {@code invalid_api_key}. {@code null} lifts the requirement (a wrong key
     * is still refused only while one is required). Under {@link ServerProfile#azure()} the key goes in the
     * {@code api-key} header instead, and one is always required (any, while none is set). The key is never logged.
     */
    public OpenAiStub requireApiKey(String key) {
        if (key != null && key.isBlank()) {
            throw new IllegalArgumentException("an API key cannot be blank");
        }
        api.requireApiKey(key);
        return this;
    }

    /**
     * The models {@code GET /v1/models} lists, in order. Once set, chat and embedding requests for any other model are
     * answered 404 {@code model_not_found}, as OpenAI (and Ollama) do, so list the embedding model too.
     */
    public OpenAiStub models(String... ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("list at least one model");
        }
        api.models(List.of(ids));
        return this;
    }

    /**
     * The longest embedding input accepted, in tokens (whitespace-separated words here); a request with a longer input
     * is answered 400 as OpenAI answers it ("This model's maximum context length is …"). 8192 unless set, as
     * text-embedding-3-small.
     */
    public OpenAiStub embeddingInputLimit(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("an embedding input limit needs at least one token, not " + tokens);
        }
        api.embeddingInputLimit(tokens);
        return this;
    }

    /**
     * The dimension of embeddings for requests that do not ask for one with {@code dimensions}; 384 unless set, as
     * all-MiniLM-L6-v2 and bge-small.
     */
    public OpenAiStub embeddingDimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("an embedding needs at least one dimension, not " + dimension);
        }
        api.embeddingDimension(dimension);
        return this;
    }

    /**
     * The vector {@code /v1/embeddings} answers for {@code text} at the current {@linkplain #embeddingDimension(int)
     * dimension}: unit length, the same on every call and every JVM.
     */
    public float[] embed(String text) {
        return HashingEmbedder.embed(Objects.requireNonNull(text, "text"), api.embeddingDimension());
    }

    /**
     * Behave like another server from now on ({@link ServerProfile}); kept by {@link #reset()}. The default is
     * {@link ServerProfile#openai()}.
     */
    public OpenAiStub profile(ServerProfile profile) {
        api.profile(Objects.requireNonNull(profile, "profile"));
        return this;
    }

    /** The chat requests whose start the server dropped to fit its window, as the model saw them, in arrival order. */
    public List<ChatRequest> truncatedRequests() {
        return api.truncated();
    }

    // ================================================================ scripting chat

    /** Starts a {@link ChatRule}: add conditions, then a reply method registers it. */
    public ChatRule onChat() {
        return new ChatRule(api);
    }

    /** The answer to chat requests that no rule matches, instead of the 400 that names the unmatched prompt. */
    public OpenAiStub defaultReply(String content) {
        return defaultReply(ChatReply.text(content));
    }

    /** Like {@link #defaultReply(String)}, for any reply; {@code null} restores the 400. */
    public OpenAiStub defaultReply(ChatReply reply) {
        api.defaultReply(reply);
        return this;
    }

    // ================================================================ injecting failures

    /**
     * The next {@code times} requests, to any endpoint, are answered HTTP {@code status} with OpenAI's error body for
     * it; 429 carries {@code Retry-After: 1}. They are still recorded. Failures queue: several calls apply one after
     * the other, in the order they were made.
     */
    public OpenAiStub failNext(int times, int status) {
        return addFault(null, times, status);
    }

    /** Like {@link #failNext(int, int)}, only for requests to {@code endpoint}; others are answered as usual. */
    public OpenAiStub failNext(Endpoint endpoint, int times, int status) {
        return addFault(Objects.requireNonNull(endpoint, "endpoint"), times, status);
    }

    /**
     * The next {@code times} requests, to any endpoint, are answered 200 with a body that is not valid JSON (a
     * completion cut off mid-string). Queued with {@link #failNext(int, int)}.
     */
    public OpenAiStub malformedNext(int times) {
        return addFault(null, times, 200);
    }

    /** Like {@link #malformedNext(int)}, only for requests to {@code endpoint}. */
    public OpenAiStub malformedNext(Endpoint endpoint, int times) {
        return addFault(Objects.requireNonNull(endpoint, "endpoint"), times, 200);
    }

    private OpenAiStub addFault(Endpoint endpoint, int times, int status) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times);
        }
        if (status != 200 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
        }
        api.addFault(endpoint, times, status);
        return this;
    }

    // ================================================================ what clients sent

    /** Every request answered so far, in arrival order, failed and refused ones included. */
    public List<RecordedRequest> requests() {
        return api.recorded();
    }

    /**
     * The chat requests with a JSON object body, in arrival order, including those answered with an error (injected,
     * refused, or unmatched); {@link RecordedRequest#status()} on {@link #requests()} tells them apart.
     */
    public List<ChatRequest> chatRequests() {
        return requests().stream().flatMap(r -> r.chat().stream()).toList();
    }

    /**
     * The last chat request, for the common case of asserting on the prompt of the only or latest call.
     *
     * @throws IllegalStateException when no chat request has arrived
     */
    public ChatRequest lastChatRequest() {
        List<ChatRequest> chats = chatRequests();
        if (chats.isEmpty()) {
            throw new IllegalStateException("no chat request has reached " + this);
        }
        return chats.get(chats.size() - 1);
    }

    /** The embeddings requests with well-formed inputs, in arrival order, including those answered with an error. */
    public List<EmbeddingRequest> embeddingRequests() {
        return requests().stream().flatMap(r -> r.embedding().stream()).toList();
    }

    // ================================================================ lifecycle

    /**
     * Forgets the requests recorded so far and keeps the rules: a long benchmark ({@code bench reply}, 10,000 events)
     * would otherwise hold every prompt it was sent.
     */
    public void forgetRequests() {
        api.forgetRequests();
    }

    /**
     * Forgets rules, the default reply, pending failures and recorded requests, for a stub shared by several tests;
     * keeps the API key, models and embedding dimension.
     */
    public void reset() {
        api.reset();
    }

    /** Stops the server; requests in flight, delayed ones included, are dropped. */
    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "OpenAiStub[" + baseUrl() + "]";
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
