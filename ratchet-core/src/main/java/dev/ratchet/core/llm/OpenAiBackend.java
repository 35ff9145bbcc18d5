package dev.ratchet.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.ratchet.core.Json;
import dev.ratchet.core.config.Redaction;
import dev.ratchet.spi.LlmUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible endpoint through the official openai-java client: chat completions and embeddings, each
 * request recorded, retried with exponential backoff (honouring Retry-After) when answered 429 or 5xx or not answered,
 * and translated into {@link LlmUnavailableException}s that say what to fix. The client's own retries are off so that
 * every attempt is visible in {@code llm_calls}.
 *
 * <p>Azure OpenAI is spoken to through openai-java's own Azure support: the model of each request is the deployment
 * ({@code /openai/deployments/{model}/…}), every request carries {@code api-version}, and the key goes in an
 * {@code api-key} header. The path mode is set rather than guessed from the host, so that any URL (a proxy, a test
 * server on loopback) can be Azure when {@code llm.provider=azure} says so.
 */
public final class OpenAiBackend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenAiBackend.class);

    private final String url;
    private final String shownUrl; // without the userinfo or secret parameters: for logs and exceptions
    private final String apiKey;
    private final Duration timeout;
    private volatile OpenAIClient client; // built on first use: its Kotlin and Jackson set-up is not on the start path
    private final int maxRetries;
    private final LlmCallLog calls;
    private volatile Duration firstCallTimeout;
    private volatile boolean warm; // a chat request succeeded: the model is loaded
    private boolean closed; // guarded by this
    private final String azureApiVersion; // null unless Azure OpenAI

    public OpenAiBackend(String url, String apiKey, Duration timeout, int maxRetries, LlmCallLog calls) {
        this(url, apiKey, timeout, maxRetries, calls, null);
    }

    /**
     * @param azureApiVersion the {@code api-version} when {@code url} is an Azure OpenAI resource's endpoint, whose
     *     requests' models are then deployment names; {@code null} for the OpenAI API
     */
    public OpenAiBackend(
            String url, String apiKey, Duration timeout, int maxRetries, LlmCallLog calls, String azureApiVersion) {
        this.url = url;
        this.azureApiVersion = azureApiVersion;
        this.shownUrl = Redaction.redact(azureApiVersion == null ? url : azureRoot(url));
        this.maxRetries = maxRetries;
        this.calls = calls;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    private OpenAIClient client() {
        OpenAIClient c = client;
        if (c == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the LLM client of " + shownUrl + " is closed");
                }
                if (client == null) {
                    OpenAIOkHttpClient.Builder builder =
                            OpenAIOkHttpClient.builder().timeout(timeout).maxRetries(0);
                    String key = apiKey == null || apiKey.isBlank() ? "none" : apiKey; // Ollama, vLLM: any key
                    if (azureApiVersion != null) {
                        builder.baseUrl(azureRoot(url))
                                .credential(com.openai.azure.credential.AzureApiKeyCredential.create(key))
                                .azureServiceVersion(
                                        com.openai.azure.AzureOpenAIServiceVersion.fromString(azureApiVersion))
                                .azureUrlPathMode(com.openai.azure.AzureUrlPathMode.LEGACY);
                    } else {
                        builder.baseUrl(url).apiKey(key);
                    }
                    client = builder.build();
                }
                c = client;
            }
        }
        return c;
    }

    public String url() {
        return url;
    }

    /** Whether this is an Azure OpenAI resource, whose models are deployments. */
    public boolean azure() {
        return azureApiVersion != null;
    }

    /** The {@code api-version} of Azure OpenAI requests, or {@code null} for the OpenAI API. */
    public String azureApiVersion() {
        return azureApiVersion;
    }

    /**
     * An Azure OpenAI resource's endpoint as openai-java takes it, {@code https://NAME.openai.azure.com}: a path from
     * {@code /openai} on (a URL copied from the portal's sample request) and the query are dropped, for the client
     * adds {@code /openai/deployments/{deployment}/…?api-version=…} itself.
     */
    static String azureRoot(String url) {
        String u = url.trim();
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        return u.replaceFirst("(?i)(?<!/)/openai(/.*)?$", "").replaceAll("/+$", "");
    }

    /**
     * The time limit of chat requests until one succeeds: a local server loads the model on the first (tens of
     * seconds for a 7B model from disk), longer than {@code llm.timeout} should allow later.
     */
    public OpenAiBackend firstCallTimeout(Duration limit) {
        this.firstCallTimeout = limit;
        return this;
    }

    /** The URL as logs and errors may show it: credentials in it are masked. */
    public String shownUrl() {
        return shownUrl;
    }

    /** Whether the endpoint answers {@code GET /models}; for the start-up check. */
    public Optional<String> unreachableReason() {
        try {
            client().models().list();
            return Optional.empty();
        } catch (OpenAIException e) {
            return Optional.of(Redaction.redact(reason(e, null, "models")));
        }
    }

    /** The ids {@code GET /models} lists. */
    public List<String> modelIds() throws LlmUnavailableException {
        try {
            List<String> ids = new ArrayList<>();
            client().models().list().autoPager().forEach(m -> ids.add(m.id()));
            return ids;
        } catch (OpenAIException e) {
            throw new LlmUnavailableException(
                    "listing the models of " + shownUrl + " failed: " + Redaction.redact(reason(e, null, "models")), e);
        }
    }

    /** One chat completion, with retries; every attempt recorded under {@code moduleId}/{@code purpose}. */
    public ChatCompletion complete(String moduleId, String purpose, ChatCompletionCreateParams params)
            throws LlmUnavailableException {
        return complete(moduleId, purpose, params, completion -> null);
    }

    /**
     * One chat completion, with retries, whose answer the caller checks before it is recorded: when {@code invalid}
     * names a problem (an answer not valid against the caller's JSON schema), the call is recorded as an error with
     * that problem, so it is never linked to a post nor exported as labelled data; the completion is still returned,
     * for the caller to retry or give up.
     */
    public ChatCompletion complete(
            String moduleId,
            String purpose,
            ChatCompletionCreateParams params,
            java.util.function.Function<ChatCompletion, String> invalid)
            throws LlmUnavailableException {
        return complete(moduleId, purpose, params, invalid, null);
    }

    /** As {@link #complete(String, String, ChatCompletionCreateParams, java.util.function.Function)}, recording the
     * context window the prompt was fitted to. */
    public ChatCompletion complete(
            String moduleId,
            String purpose,
            ChatCompletionCreateParams params,
            java.util.function.Function<ChatCompletion, String> invalid,
            Integer contextWindow)
            throws LlmUnavailableException {
        Object request = written(params._body()); // once for every attempt's record
        return withRetries(
                moduleId,
                purpose,
                "chat",
                params.model().asString(),
                contextWindow,
                request,
                () -> {
                    ChatCompletion c = warm || firstCallTimeout == null
                            ? client().chat().completions().create(params)
                            : client().chat()
                                    .completions()
                                    .create(
                                            params,
                                            com.openai.core.RequestOptions.builder()
                                                    .timeout(firstCallTimeout)
                                                    .build());
                    warm = true;
                    return wellFormed(c);
                },
                completion -> {
                    Reasoning thinking = Reasoning.of(completion);
                    return new Usage(
                            thinking.reasoning() == null ? written(completion) : withoutThinking(completion, thinking),
                            completion.usage().map(u -> (int) u.promptTokens()).orElse(null),
                            completion
                                    .usage()
                                    .map(u -> (int) u.completionTokens())
                                    .orElse(null),
                            invalid.apply(completion),
                            thinking.reasoning());
                });
    }

    /** Embeddings of {@code texts}, as floats (the request asks for floats; base64 answers are decoded by the client). */
    public List<float[]> embed(String moduleId, String model, List<String> texts) throws LlmUnavailableException {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model(model)
                .inputOfArrayOfStrings(texts)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .build();
        CreateEmbeddingResponse response = withRetries(
                moduleId,
                "embedding",
                "embedding",
                model,
                null,
                Map.of(
                        "model",
                        model,
                        "inputs",
                        texts.size(),
                        "chars",
                        texts.stream().mapToInt(String::length).sum()),
                () -> client().embeddings().create(params),
                r -> new Usage(
                        Map.of("vectors", r.data().size()), (int) r.usage().promptTokens(), 0));
        List<float[]> vectors = new ArrayList<>();
        for (var e : response.data()) {
            List<Float> values = e.embedding();
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            vectors.add(v);
        }
        if (vectors.size() != texts.size()) {
            throw new LlmUnavailableException("the embeddings endpoint " + shownUrl + " returned " + vectors.size()
                    + " vectors for " + texts.size() + " texts");
        }
        return vectors;
    }

    /**
     * The completion as recorded when the model thought aloud: the answer alone in {@code content}, the thinking (and
     * the fields that carried it) left out, for {@code llm_calls.reasoning} holds it.
     */
    private static Object withoutThinking(ChatCompletion completion, Reasoning thinking) {
        Object json = toJson(completion);
        if (json instanceof com.fasterxml.jackson.databind.node.ObjectNode root
                && root.path("choices").path(0).path("message")
                        instanceof com.fasterxml.jackson.databind.node.ObjectNode message) {
            if (message.hasNonNull("content")) {
                message.put("content", thinking.answer());
            }
            for (String f : Reasoning.FIELDS) {
                message.remove(f);
            }
        }
        return json;
    }

    /** What is recorded of a completed call; {@code invalid}, when set, is recorded as its error. */
    private record Usage(
            Object response, Integer promptTokens, Integer completionTokens, String invalid, String reasoning) {
        Usage(Object response, Integer promptTokens, Integer completionTokens) {
            this(response, promptTokens, completionTokens, null, null);
        }
    }

    private <T> T withRetries(
            String moduleId,
            String purpose,
            String kind,
            String model,
            Integer contextWindow,
            Object request,
            Supplier<T> call,
            java.util.function.Function<T, Usage> usage)
            throws LlmUnavailableException {
        for (int attempt = 0; ; attempt++) {
            long t0 = System.nanoTime();
            // one span per attempt, a child of the module handler's (or the tool call's) span
            io.opentelemetry.api.trace.Span span = dev.ratchet.core.ops.Tracing.span(
                            "llm " + kind, io.opentelemetry.api.trace.SpanKind.CLIENT)
                    .setAttribute("ratchet.module", moduleId)
                    .setAttribute("ratchet.llm.purpose", purpose)
                    .setAttribute("gen_ai.request.model", model)
                    .setAttribute("ratchet.llm.attempt", attempt)
                    .startSpan();
            try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
                T result = call.get();
                Usage u = usage.apply(result);
                if (u.promptTokens() != null) {
                    span.setAttribute("gen_ai.usage.input_tokens", u.promptTokens());
                }
                if (u.completionTokens() != null) {
                    span.setAttribute("gen_ai.usage.output_tokens", u.completionTokens());
                }
                calls.record(new LlmCallLog.Call(
                        moduleId,
                        purpose,
                        kind,
                        model,
                        request,
                        u.response(),
                        u.promptTokens(),
                        u.completionTokens(),
                        (System.nanoTime() - t0) / 1_000_000,
                        u.invalid(),
                        u.reasoning(),
                        contextWindow));
                span.end();
                return result;
            } catch (OpenAIException e) {
                long millis = (System.nanoTime() - t0) / 1_000_000;
                String reason = Redaction.redact(reason(e, model, kind));
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, reason);
                span.end();
                calls.record(new LlmCallLog.Call(
                        moduleId,
                        purpose,
                        kind,
                        model,
                        request,
                        null,
                        null,
                        null,
                        millis,
                        reason,
                        null,
                        contextWindow));
                if (!retryable(e) || attempt >= maxRetries) {
                    throw new LlmUnavailableException(
                            kind + " request to " + shownUrl + " failed"
                                    + (attempt > 0 ? " after " + (attempt + 1) + " attempts" : "") + ": " + reason,
                            e);
                }
                Duration wait = backoff(e, attempt);
                log.debug( // the problem itself is logged once by the runtime, not per attempt
                        "{} request of {} to {} failed ({}); retrying in {} ms",
                        kind,
                        moduleId,
                        shownUrl,
                        reason,
                        wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LlmUnavailableException("interrupted while retrying an LLM request", ie);
                }
            } catch (RuntimeException e) {
                span.setStatus(
                        io.opentelemetry.api.trace.StatusCode.ERROR,
                        e.getClass().getSimpleName());
                span.end();
                throw e;
            }
        }
    }

    /**
     * The completion, once the parts modules read are there and of the right type: a server that answers 200 with
     * JSON that is not a chat completion ({@code {"choices":"nope"}}, {@code {}}, no message...) is treated as a
     * malformed answer (recorded as an error, retried, then {@link LlmUnavailableException}), never as a success
     * that fails later in the module. openai-java parses lazily, so reading each field is what checks it.
     */
    static ChatCompletion wellFormed(ChatCompletion completion) {
        try {
            List<ChatCompletion.Choice> choices = completion.choices();
            if (choices.isEmpty()) {
                throw new OpenAIInvalidDataException("no choices");
            }
            ChatCompletionMessage message = choices.get(0).message();
            message.content();
            for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
                call.function().ifPresent(f -> {
                    f.id();
                    f.function().name();
                    f.function().arguments();
                });
            }
            completion.usage().ifPresent(u -> {
                u.promptTokens();
                u.completionTokens();
            });
            return completion;
        } catch (OpenAIInvalidDataException e) {
            throw new OpenAIInvalidDataException("not a chat completion: " + e.getMessage(), e);
        } catch (RuntimeException e) { // a shape the client's accessors did not expect
            throw new OpenAIInvalidDataException(
                    "not a chat completion: " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean retryable(OpenAIException e) {
        if (e instanceof RateLimitException
                || e instanceof InternalServerException
                || e instanceof OpenAIIoException
                || e instanceof OpenAIInvalidDataException) {
            return true;
        }
        return e instanceof UnexpectedStatusCodeException u && u.statusCode() >= 500;
    }

    /** 0.5 s, 1 s, 2 s ... with jitter, or what Retry-After asks (capped at a minute). */
    private static Duration backoff(OpenAIException e, int attempt) {
        if (e instanceof OpenAIServiceException s) {
            Optional<String> retryAfter =
                    s.headers().values("Retry-After").stream().findFirst();
            if (retryAfter.isPresent()) {
                try {
                    return Duration.ofMillis(Math.min(
                            60_000, (long) (Double.parseDouble(retryAfter.get().trim()) * 1000)));
                } catch (NumberFormatException ignored) {
                    // an HTTP date: fall back to exponential backoff
                }
            }
        }
        long base = 500L << Math.min(attempt, 6);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
    }

    /**
     * {@link #describe(OpenAIException, String)}, and on Azure OpenAI the deployment a 404 did not find and the
     * setting that names it ({@code RATCHET_LLM_MODEL}, or {@code RATCHET_EMBEDDING_MODEL} for embeddings).
     */
    String reason(OpenAIException e, String model, String kind) {
        if (azure() && e instanceof NotFoundException n) {
            String text = String.valueOf(n.getMessage()).toLowerCase(java.util.Locale.ROOT);
            String setting = "embedding".equals(kind) ? "RATCHET_EMBEDDING_MODEL" : "RATCHET_LLM_MODEL";
            if (model != null && text.contains("deployment")) {
                return "no deployment named " + model + " at " + shownUrl + " (HTTP 404 DeploymentNotFound); set "
                        + setting + " to the deployment name (a deployment created in the last minutes may not "
                        + "answer yet)";
            }
            return "not found (HTTP 404): check that RATCHET_LLM_URL is the resource's endpoint "
                    + "(https://NAME.openai.azure.com) and that llm.azure-api-version (" + azureApiVersion
                    + ") is one Azure OpenAI serves";
        }
        return describe(e, model);
    }

    /** A one-line reason naming the fix; never contains the API key. */
    static String describe(OpenAIException e) {
        return describe(e, null);
    }

    /**
     * A one-line reason naming the fix for a request for {@code model} (null when none); never contains the API key,
     * and quotes the provider's own text only where nothing better is known.
     */
    static String describe(OpenAIException e, String model) {
        if (e instanceof UnauthorizedException || e instanceof PermissionDeniedException) {
            return "the endpoint refused the API key (HTTP " + ((OpenAIServiceException) e).statusCode()
                    + "); check RATCHET_LLM_API_KEY";
        }
        if (e instanceof NotFoundException n) {
            String text = String.valueOf(n.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (model != null && (text.contains("model") || text.contains("pull"))) {
                return "the server has no model " + model + " (HTTP 404): run `ollama pull " + model
                        + "` (Ollama), or set RATCHET_LLM_MODEL to a model it serves";
            }
            return "not found (HTTP 404): is the model pulled and the URL right? (Ollama: ollama pull <model>; URL ends in /v1)";
        }
        if (e instanceof RateLimitException r) {
            return "rate limited (HTTP 429)"
                    + rateLimitReset(r).map(t -> "; the limit resets in " + t).orElse("")
                    + "; lower llm.concurrency or the modules' use, or raise the provider's limit";
        }
        if (e instanceof BadRequestException b) {
            return "bad request (HTTP 400): " + firstLine(b.getMessage());
        }
        if (e instanceof OpenAIServiceException s) {
            return "HTTP " + s.statusCode() + ": " + firstLine(s.getMessage());
        }
        if (e instanceof OpenAIIoException) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "no answer (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())) + ")";
        }
        if (e instanceof OpenAIInvalidDataException) {
            return "malformed answer (" + firstLine(e.getMessage()) + ")";
        }
        return firstLine(e.getMessage());
    }

    /** When a rate limit resets, from OpenAI's {@code x-ratelimit-reset-*} headers or {@code Retry-After}. */
    static Optional<String> rateLimitReset(OpenAIServiceException e) {
        for (String h : List.of("x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "Retry-After")) {
            Optional<String> v = e.headers().values(h).stream().findFirst();
            if (v.isPresent() && !v.get().isBlank()) {
                String t = v.get().trim();
                return Optional.of(t.matches("\\d+(\\.\\d+)?") ? t + "s" : t);
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /**
     * {@code value} (an openai-java model) as the JSON text {@code llm_calls} stores: what {@link Json#write} gives
     * for {@link #toJson}'s tree, written once by the client's mapper with {@link Json}'s escapes (it was written, parsed back into a tree and
     * written again, the request for each attempt's record).
     */
    static Json.Written written(Object value) {
        try {
            return new Json.Written(Json.writeWith(ObjectMappers.jsonMapper(), value));
        } catch (JsonProcessingException e) {
            return new Json.Written(Json.write(Map.of("unserializable", String.valueOf(e.getOriginalMessage()))));
        }
    }

    static Object toJson(Object value) {
        try {
            return Json.MAPPER.readTree(ObjectMappers.jsonMapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return Map.of("unserializable", String.valueOf(e.getOriginalMessage()));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
