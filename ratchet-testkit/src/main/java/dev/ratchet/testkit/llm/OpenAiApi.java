package dev.ratchet.testkit.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ratchet.testkit.llm.RecordedRequest.ApiKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's REST protocol over the scripted state. All state is guarded by this object's monitor; a request holds it
 * while it is matched, answered and recorded, but not while it waits out a {@linkplain ChatRule#delay delay}.
 */
final class OpenAiApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenAiApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> DEFAULT_MODELS = List.of("gpt-4o-mini", "text-embedding-3-small");
    static final int DEFAULT_EMBEDDING_DIMENSION = 384;
    /** A fixed creation time for listed models: they are not created by the test. */
    private static final long MODELS_CREATED = 1_700_000_000L;

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Pattern WORD = Pattern.compile("\\S+");
    /** A chat completion cut off mid-string: what a dropped proxy connection or a broken server leaves. */
    private static final String MALFORMED = "{\"id\": \"chatcmpl-malformed\", \"object\": \"chat.completion\", "
            + "\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"cut off mid";

    /** Azure's content filter verdict on a prompt or an answer that it let through. */
    private static final Map<String, Object> CONTENT_FILTERED_NOTHING = Map.of(
            "hate", Map.of("filtered", false, "severity", "safe"),
            "self_harm", Map.of("filtered", false, "severity", "safe"),
            "sexual", Map.of("filtered", false, "severity", "safe"),
            "violence", Map.of("filtered", false, "severity", "safe"));

    private record Answer(int status, byte[] body, Map<String, String> headers, Duration delay) {

        static Answer json(int status, Object body, Map<String, String> headers) {
            try {
                return new Answer(status, MAPPER.writeValueAsBytes(body), headers, Duration.ZERO);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Answer of(OpenAiError e) {
            return json(e.status, e.body(), e.headers);
        }

        Answer delayed(Duration by) {
            return new Answer(status, body, headers, by);
        }
    }

    private static final class Fault {
        final Endpoint endpoint;
        int remaining;
        final int status;

        Fault(Endpoint endpoint, int remaining, int status) {
            this.endpoint = endpoint;
            this.remaining = remaining;
            this.status = status;
        }

        boolean malformed() {
            return status == 200;
        }
    }

    private String apiKey;
    private List<String> models = DEFAULT_MODELS;
    private boolean modelsConfigured;
    private int embeddingDimension = DEFAULT_EMBEDDING_DIMENSION;
    private final Deque<ChatRule> rules = new ArrayDeque<>();
    private final List<Fault> faults = new ArrayList<>();
    private ChatReply defaultReply;
    private ServerProfile profile = ServerProfile.openai();
    private final List<ChatRequest> truncated = new ArrayList<>();
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private long completionIds;
    private long toolCallIds;

    // ---------------------------------------------------------------- controls

    synchronized void requireApiKey(String key) {
        this.apiKey = key;
    }

    synchronized void models(List<String> ids) {
        this.models = List.copyOf(ids);
        this.modelsConfigured = true;
    }

    synchronized void profile(ServerProfile profile) {
        this.profile = profile;
    }

    synchronized ServerProfile profile() {
        return profile;
    }

    synchronized List<ChatRequest> truncated() {
        return List.copyOf(truncated);
    }

    /** OpenAI's limit of one embedding input, in tokens (the stub's tokens: whitespace-separated words). */
    private int embeddingInputLimit = 8192;

    synchronized void embeddingInputLimit(int tokens) {
        this.embeddingInputLimit = tokens;
    }

    synchronized void embeddingDimension(int dimension) {
        this.embeddingDimension = dimension;
    }

    synchronized int embeddingDimension() {
        return embeddingDimension;
    }

    synchronized void addRule(ChatRule rule) {
        rules.addFirst(rule);
    }

    synchronized void defaultReply(ChatReply reply) {
        this.defaultReply = reply;
    }

    /** {@code status} 200 stands for a malformed body. */
    synchronized void addFault(Endpoint endpoint, int times, int status) {
        faults.add(new Fault(endpoint, times, status));
    }

    synchronized List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    synchronized void forgetRequests() {
        recorded.clear();
        truncated.clear();
    }

    synchronized void reset() {
        rules.clear();
        faults.clear();
        defaultReply = null;
        recorded.clear();
        truncated.clear();
    }

    // ---------------------------------------------------------------- HTTP

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            try {
                com.sun.net.httpserver.Headers headers = exchange.getRequestHeaders();
                answer = answer(
                        method,
                        path,
                        exchange.getRequestURI().getRawQuery(),
                        headers.getFirst("Authorization"),
                        headers.getFirst("api-key"),
                        headers.keySet().stream()
                                .map(h -> h.toLowerCase(Locale.ROOT))
                                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                        body);
            } catch (RuntimeException e) {
                // A bug here must show as a failed call in the test, not as a hung or reset connection.
                log.error("OpenAiStub failed on {} {}", method, path, e);
                answer = Answer.of(internalError("OpenAiStub failed: " + e));
            }
            log.debug("OpenAiStub {} {} -> {}", method, path, answer.status);
            if (!answer.delay.isZero()) {
                try {
                    Thread.sleep(answer.delay.toMillis());
                } catch (InterruptedException e) {
                    // The stub is closing: drop the connection rather than answer late.
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status, answer.body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body);
            }
        }
    }

    private synchronized Answer answer(
            String method,
            String path,
            String query,
            String authorization,
            String apiKeyHeader,
            Set<String> headerNames,
            String body) {
        boolean azure = profile.server == ServerProfile.Server.AZURE;
        AzureRoute route = azure ? AzureRoute.of(method, path, query) : null;
        Endpoint endpoint = azure ? route.endpoint() : Endpoint.of(method, path);
        ApiKey key = azure ? azureKey(apiKeyHeader) : apiKey(authorization);
        ChatRequest chat = null;
        EmbeddingRequest embedding = null;
        Answer answer;
        try {
            if (azure) {
                route.check();
            } else if (endpoint == null
                    || ((endpoint == Endpoint.OLLAMA_SHOW || endpoint == Endpoint.OLLAMA_GENERATE)
                            && profile.server != ServerProfile.Server.OLLAMA)) {
                throw new OpenAiError(
                        404,
                        "invalid_request_error",
                        "Invalid URL (" + method + " " + path + ")",
                        null,
                        null,
                        Map.of());
            }
            // Parsed before authentication and injected failures so that even refused requests are recorded whole.
            OpenAiError unparseable = null;
            try {
                if (endpoint == Endpoint.CHAT_COMPLETIONS) {
                    chat = ChatRequest.parse(azure ? deploymentAsModel(readJson(body), route) : readJson(body));
                } else if (endpoint == Endpoint.EMBEDDINGS) {
                    embedding =
                            parseEmbeddingRequest(azure ? deploymentAsModel(readJson(body), route) : readJson(body));
                }
            } catch (OpenAiError e) {
                unparseable = e;
            }
            if (azure) {
                authenticateAzure(key, authorization);
                requireDeployment(route);
            } else {
                authenticate(key);
            }
            Fault fault = takeFault(endpoint);
            if (fault != null && fault.malformed()) {
                answer = new Answer(200, MALFORMED.getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO);
            } else if (fault != null) {
                throw OpenAiError.forStatus(fault.status, null);
            } else if (unparseable != null) {
                throw unparseable;
            } else {
                answer = switch (endpoint) {
                    case CHAT_COMPLETIONS -> chatCompletion(chat, azure ? route.apiVersion() : null);
                    case EMBEDDINGS -> embeddings(embedding);
                    case MODELS -> models(azure ? path.substring("/openai".length()) : path.substring("/v1".length()));
                    case OLLAMA_SHOW -> ollamaShow(readJson(body));
                    case OLLAMA_GENERATE -> ollamaLoad(readJson(body));
                };
            }
        } catch (OpenAiError e) {
            answer = Answer.of(e);
        }
        recorded.add(new RecordedRequest(
                method, path, query, headerNames, endpoint, body, key, answer.status, chat, embedding));
        return answer;
    }

    // ---------------------------------------------------------------- Azure OpenAI

    /** Azure's 401, for a missing key and a wrong one alike. */
    static final String AZURE_ACCESS_DENIED = "Access denied due to invalid subscription key or wrong API endpoint. "
            + "Make sure to provide a valid key for an active subscription and use a correct regional API endpoint "
            + "for your resource.";

    private static final Pattern AZURE_DEPLOYMENT_PATH =
            Pattern.compile("^/openai/deployments/([^/]+)/(chat/completions|embeddings)/?$");
    private static final Pattern AZURE_API_VERSION = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(-preview)?$");
    /** The first api-version that takes {@code response_format: json_schema} (structured outputs). */
    static final String AZURE_JSON_SCHEMA_SINCE = "2024-08-01";

    /**
     * Where an Azure OpenAI request went: its endpoint (null for a path Azure does not serve here), the deployment
     * its path named (null for {@code /openai/models}) and its {@code api-version} (null when absent).
     */
    private record AzureRoute(Endpoint endpoint, String deployment, String apiVersion) {

        static AzureRoute of(String method, String path, String query) {
            String version = queryParameter(query, "api-version");
            Matcher m = AZURE_DEPLOYMENT_PATH.matcher(path);
            if (m.matches() && method.equalsIgnoreCase("POST")) {
                String deployment = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
                Endpoint e = m.group(2).equals("embeddings") ? Endpoint.EMBEDDINGS : Endpoint.CHAT_COMPLETIONS;
                return new AzureRoute(e, deployment, version);
            }
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (method.equalsIgnoreCase("GET") && (p.equals("/openai/models") || p.startsWith("/openai/models/"))) {
                return new AzureRoute(Endpoint.MODELS, null, version);
            }
            return new AzureRoute(null, null, version);
        }

        /** Azure's answers to a path it does not serve, to no {@code api-version}, and to a malformed one. */
        void check() {
            if (endpoint == null || apiVersion == null || apiVersion.isBlank()) {
                throw OpenAiError.azure(404, "404", "Resource not found");
            }
            if (!AZURE_API_VERSION.matcher(apiVersion).matches()) {
                throw OpenAiError.azure(400, "BadRequest", "API version not supported");
            }
        }
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The body as the deployment serves it: its {@code model}, whatever the client wrote there, is the deployment. */
    private static JsonNode deploymentAsModel(JsonNode body, AzureRoute route) {
        if (body instanceof ObjectNode object) {
            object.put("model", route.deployment());
        }
        return body;
    }

    private ApiKey azureKey(String header) {
        if (header == null || header.isBlank()) {
            return ApiKey.NONE;
        }
        if (apiKey == null) {
            return ApiKey.ACCEPTED;
        }
        return MessageDigest.isEqual(
                        header.strip().getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))
                ? ApiKey.ACCEPTED
                : ApiKey.REJECTED;
    }

    /**
     * Azure takes the key in {@code api-key} only, and always wants one; a bearer token is taken for a Microsoft Entra
     * token, which an API key is not.
     */
    private static void authenticateAzure(ApiKey key, String authorization) {
        if (key == ApiKey.ACCEPTED) {
            return;
        }
        if (key == ApiKey.NONE && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OpenAiError.azure(
                    401,
                    "401",
                    "Unauthorized. Access token is missing, invalid, audience is incorrect "
                            + "(https://cognitiveservices.azure.com), or have expired.");
        }
        throw OpenAiError.azure(401, "401", AZURE_ACCESS_DENIED);
    }

    private void requireDeployment(AzureRoute route) {
        if (route.deployment() != null
                && !profile.deployments.isEmpty()
                && !profile.deployments.containsKey(route.deployment())) {
            throw OpenAiError.azure(
                    404,
                    "DeploymentNotFound",
                    "The API deployment for this resource does not exist. If you created the deployment within the "
                            + "last 5 minutes, please wait a moment and try again.");
        }
    }

    /** The model a deployment runs, as Azure's answers name it. */
    private String servedModel(String model) {
        return profile.server == ServerProfile.Server.AZURE ? profile.deployments.getOrDefault(model, model) : model;
    }

    // ---------------------------------------------------------------- authentication and faults

    private ApiKey apiKey(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return ApiKey.NONE;
        }
        if (apiKey == null) {
            return ApiKey.ACCEPTED;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, apiKey.getBytes(StandardCharsets.UTF_8))
                ? ApiKey.ACCEPTED
                : ApiKey.REJECTED;
    }

    /** OpenAI's 401s, minus the masked key it quotes: a key has no business in a test report. */
    private void authenticate(ApiKey key) {
        if (apiKey == null && key != ApiKey.REJECTED) {
            return;
        }
        if (key == ApiKey.NONE) {
            throw new OpenAiError(
                    401,
                    "invalid_request_error",
                    "You didn't provide an API key. You need to provide "
                            + "your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    null,
                    null,
                    Map.of());
        }
        if (key == ApiKey.REJECTED) {
            throw new OpenAiError(
                    401, "invalid_request_error", "Incorrect API key provided.", null, "invalid_api_key", Map.of());
        }
    }

    private Fault takeFault(Endpoint endpoint) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.endpoint == null || fault.endpoint == endpoint) {
                if (--fault.remaining <= 0) {
                    it.remove();
                }
                return fault;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- chat completions

    private Answer chatCompletion(ChatRequest request, String azureApiVersion) {
        validate(request);
        request = asServed(request, azureApiVersion);
        ChatRule rule = null;
        ChatReply reply;
        try {
            for (ChatRule candidate : rules) {
                if (candidate.matches(request)) {
                    rule = candidate;
                    break;
                }
            }
            reply = rule != null ? rule.answer(request) : defaultReply;
        } catch (RuntimeException e) {
            log.error("OpenAiStub: a chat rule failed on {}", request, e);
            throw internalError("OpenAiStub: " + (rule != null ? rule : "a chat rule") + " failed: " + e);
        }
        java.util.Optional<String> forced = request.toolChoice().filter(request::offersTool);
        if (forced.isPresent() && (reply == null || reply.kind == ChatReply.Kind.TEXT)) {
            // like OpenAI: a function forced by tool_choice is called, whatever the model would have said
            reply = ChatReply.toolCall(forced.get(), "{}");
        }
        if (reply == null) {
            throw new OpenAiError(
                    400,
                    "invalid_request_error",
                    "OpenAiStub: no chat rule matched (" + rules.size()
                            + " registered); last user message: "
                            + request.lastUserMessage()
                                    .map(ChatRequest::abbreviate)
                                    .orElse("(none)")
                            + ". Script an answer with llm.onChat()...reply(...) or set llm.defaultReply(...).",
                    null,
                    "no_rule_matched",
                    Map.of());
        }
        if (reply.kind == ChatReply.Kind.TOOL_CALLS
                && profile.ignoresTools
                && request.tools().isEmpty()) {
            // a model offered no tools (the server dropped them) cannot call one
            reply = ChatReply.text("I cannot call tools here.");
        }
        Duration delay = rule != null ? rule.delay() : Duration.ZERO;
        if (reply.kind == ChatReply.Kind.ERROR) {
            return Answer.of(OpenAiError.forStatus(reply.status, null)).delayed(delay);
        }
        if (reply.kind == ChatReply.Kind.RAW) {
            return new Answer(200, reply.content.getBytes(StandardCharsets.UTF_8), Map.of(), delay);
        }
        return Answer.json(200, completion(request, reply), Map.of()).delayed(delay);
    }

    private Map<String, Object> completion(ChatRequest request, ChatReply reply) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        String finishReason = reply.finishReason;
        int completionTokens;
        if (reply.kind == ChatReply.Kind.TOOL_CALLS) {
            message.put("content", null);
            List<Map<String, Object>> calls = new ArrayList<>();
            completionTokens = 0;
            for (ToolCall call : reply.toolCalls) {
                String id = call.id() != null ? call.id() : "call_stub%06d".formatted(++toolCallIds);
                calls.add(Map.of(
                        "id",
                        id,
                        "type",
                        "function",
                        "function",
                        Map.of("name", call.name(), "arguments", call.arguments())));
                completionTokens += tokens(call.name()) + tokens(call.arguments());
            }
            message.put("tool_calls", calls);
        } else {
            String content = reply.content;
            Integer limit = request.maxTokens().orElse(null);
            if ("stop".equals(finishReason) && limit != null && tokens(content) > limit) {
                content = firstTokens(content, limit);
                finishReason = "length";
            }
            completionTokens = tokens(content);
            message.put("content", content);
        }
        if (profile.thinking == ServerProfile.Thinking.THINK_TAGS) {
            Object content = message.get("content");
            message.put(
                    "content",
                    "<think>\n" + ServerProfile.THOUGHT + "\n</think>\n\n" + (content == null ? "" : content));
        } else if (profile.thinking == ServerProfile.Thinking.REASONING_CONTENT) {
            message.put("reasoning_content", ServerProfile.THOUGHT);
        }
        message.put("refusal", null);
        message.put("annotations", List.of());

        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        if (profile.server == ServerProfile.Server.AZURE) {
            choice.put("content_filter_results", CONTENT_FILTERED_NOTHING);
        }

        // One per message for the role, as real tokenizers spend a few on each message's framing.
        int promptTokens = promptTokens(request);
        completionTokens = Math.max(1, completionTokens);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-stub%06d".formatted(++completionIds));
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", servedModel(request.model()));
        if (profile.server == ServerProfile.Server.AZURE) {
            body.put(
                    "prompt_filter_results",
                    List.of(Map.of("prompt_index", 0, "content_filter_results", CONTENT_FILTERED_NOTHING)));
        }
        body.put("choices", List.of(choice));
        body.put(
                "usage",
                Map.of(
                        "prompt_tokens",
                        promptTokens,
                        "completion_tokens",
                        completionTokens,
                        "total_tokens",
                        promptTokens + completionTokens));
        body.put("system_fingerprint", "fp_ratchet_stub");
        return body;
    }

    /** What OpenAI itself refuses, so that a client bug fails against the stub as it would in production. */
    private void validate(ChatRequest request) {
        JsonNode json = request.node();
        requireModel(request.model());
        if (request.stream()) {
            throw OpenAiError.invalidRequest(
                    "OpenAiStub does not stream: call the non-streaming API " + "(\"stream\": false).",
                    "stream",
                    "unsupported_value");
        }
        JsonNode messages = json.path("messages");
        if (!messages.isArray()) {
            throw OpenAiError.invalidRequest(
                    "Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (messages.isEmpty()) {
            throw OpenAiError.invalidRequest(
                    "Invalid 'messages': empty array. Expected an array with minimum length 1, "
                            + "but got an empty array instead.",
                    "messages",
                    "empty_array");
        }
        validateMessages(request.messages());
        validateTools(json.path("tools"));
        validateResponseFormat(request, json.path("response_format"));
    }

    private static void validateMessages(List<ChatRequest.Message> messages) {
        Set<String> unanswered = new HashSet<>();
        int callsAt = -1;
        for (int i = 0; i < messages.size(); i++) {
            ChatRequest.Message m = messages.get(i);
            String param = "messages.[" + i + "].role";
            if (!ROLES.contains(m.role())) {
                throw OpenAiError.invalidRequest(
                        "Invalid value: '" + m.role() + "'. Supported values are: 'system', "
                                + "'assistant', 'user', 'function', 'tool', and 'developer'.",
                        param,
                        "invalid_value");
            }
            if (m.role().equals("tool")) {
                if (callsAt < 0 || !unanswered.remove(m.toolCallId())) {
                    throw OpenAiError.invalidRequest(
                            "Invalid parameter: messages with role 'tool' must be a response "
                                    + "to a preceeding message with 'tool_calls'.",
                            param,
                            null);
                }
                continue;
            }
            requireAnswered(unanswered, callsAt);
            callsAt = -1;
            if (m.role().equals("assistant") && !m.toolCalls().isEmpty()) {
                callsAt = i;
                m.toolCalls().forEach(call -> unanswered.add(call.id()));
            }
        }
        requireAnswered(unanswered, callsAt);
    }

    private static void requireAnswered(Set<String> unanswered, int callsAt) {
        if (!unanswered.isEmpty()) {
            throw OpenAiError.invalidRequest(
                    "An assistant message with 'tool_calls' must be followed by tool messages "
                            + "responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: "
                            + String.join(", ", unanswered),
                    "messages.[" + callsAt + "].role",
                    null);
        }
    }

    private static void validateTools(JsonNode tools) {
        for (int i = 0; i < tools.size(); i++) {
            JsonNode name = tools.get(i).path("function").path("name");
            if (!tools.get(i).path("type").asText("").equals("function")
                    && !tools.get(i).path("type").isMissingNode()) {
                continue;
            }
            String param = "tools[" + i + "].function.name";
            if (!name.isTextual()) {
                throw OpenAiError.invalidRequest(
                        "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
            }
            if (!TOOL_NAME.matcher(name.asText()).matches()) {
                throw OpenAiError.invalidRequest(
                        "Invalid '" + param + "': string does not match pattern. Expected a "
                                + "string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                        param,
                        "invalid_value");
            }
        }
    }

    private static void validateResponseFormat(ChatRequest request, JsonNode format) {
        if (format.isMissingNode() || format.isNull()) {
            return;
        }
        String type = format.path("type").asText("");
        switch (type) {
            case "text" -> {}
            case "json_object" -> {
                boolean mentionsJson = request.messages().stream()
                        .anyMatch(m -> m.content().toLowerCase(Locale.ROOT).contains("json"));
                if (!mentionsJson) {
                    throw OpenAiError.invalidRequest(
                            "'messages' must contain the word 'json' in some form, to use "
                                    + "'response_format' of type 'json_object'.",
                            "messages",
                            null);
                }
            }
            case "json_schema" -> {
                if (!format.path("json_schema").path("name").isTextual()) {
                    throw OpenAiError.invalidRequest(
                            "Missing required parameter: 'response_format.json_schema.name'.",
                            "response_format.json_schema.name",
                            "missing_required_parameter");
                }
            }
            default ->
                throw OpenAiError.invalidRequest(
                        "Invalid value: '" + type + "'. Supported values are: "
                                + "'json_object', 'json_schema', and 'text'.",
                        "response_format.type",
                        "invalid_value");
        }
    }

    // ---------------------------------------------------------------- embeddings

    private static EmbeddingRequest parseEmbeddingRequest(JsonNode json) {
        if (!json.isObject()) {
            throw OpenAiError.invalidRequest("The request body must be a JSON object.", null, null);
        }
        JsonNode input = json.path("input");
        List<String> inputs = new ArrayList<>();
        if (input.isTextual()) {
            inputs.add(input.asText());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw OpenAiError.invalidRequest(
                            "OpenAiStub embeds strings only, not token arrays: send 'input' "
                                    + "as a string or an array of strings.",
                            "input",
                            "invalid_value");
                }
                inputs.add(item.asText());
            }
        } else {
            throw OpenAiError.invalidRequest(
                    "Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }
        JsonNode dimensions = json.path("dimensions");
        return new EmbeddingRequest(
                json.path("model").asText(null),
                inputs,
                json.path("encoding_format").asText("float"),
                dimensions.isNumber() ? Integer.valueOf(dimensions.asInt()) : null);
    }

    private Answer embeddings(EmbeddingRequest request) {
        requireModel(request.model());
        if (request.inputs().isEmpty() || request.inputs().stream().anyMatch(String::isEmpty)) {
            throw OpenAiError.invalidRequest(
                    "'$.input' is invalid. Please check the API reference: "
                            + "https://platform.openai.com/docs/api-reference.",
                    "input",
                    null);
        }
        int limit;
        synchronized (this) {
            limit = embeddingInputLimit;
        }
        for (String input : request.inputs()) {
            int tokens = input.isBlank() ? 0 : input.strip().split("\\s+").length;
            if (tokens > limit) {
                throw OpenAiError.invalidRequest(
                        "This model's maximum context length is " + limit + " tokens, however you requested " + tokens
                                + " tokens (" + tokens + " in your prompt; 0 for the completion). Please reduce your"
                                + " prompt; or completion length.",
                        null,
                        null);
            }
        }
        boolean base64 = switch (request.encodingFormat()) {
            case "float" -> false;
            case "base64" -> true;
            default ->
                throw OpenAiError.invalidRequest(
                        "Invalid value: '" + request.encodingFormat()
                                + "'. Supported values are: 'float' and 'base64'.",
                        "encoding_format",
                        "invalid_value");
        };
        int dimension = request.dimensions() != null ? request.dimensions() : embeddingDimension;
        if (dimension < 1) {
            throw OpenAiError.invalidRequest(
                    "Invalid 'dimensions': integer below minimum value. Expected a value >= 1, " + "but got "
                            + dimension + " instead.",
                    "dimensions",
                    "integer_below_min_value");
        }
        List<Map<String, Object>> data = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < request.inputs().size(); i++) {
            String text = request.inputs().get(i);
            float[] vector = HashingEmbedder.embed(text, dimension);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", "embedding");
            item.put("index", i);
            item.put("embedding", base64 ? base64(vector) : vector);
            data.add(item);
            tokens += Math.max(1, tokens(text));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        body.put("model", servedModel(request.model()));
        body.put("usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens));
        return Answer.json(200, body, Map.of());
    }

    /** OpenAI's base64 format: the vector's float32 values, little-endian, base64-encoded. */
    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    // ---------------------------------------------------------------- models

    /** {@code path} below the API's root: {@code /models} or {@code /models/{id}}. */
    private Answer models(String path) {
        String prefix = "/models/";
        if (path.startsWith(prefix) && path.length() > prefix.length()) {
            String id = path.substring(prefix.length());
            if (!models.contains(id)) {
                throw modelNotFound(id);
            }
            return Answer.json(200, model(id), Map.of());
        }
        return Answer.json(
                200,
                Map.of(
                        "object",
                        "list",
                        "data",
                        models.stream().map(OpenAiApi::model).toList()),
                Map.of());
    }

    private static Map<String, Object> model(String id) {
        return Map.of("id", id, "object", "model", "created", MODELS_CREATED, "owned_by", "ratchet-testkit");
    }

    private void requireModel(String model) {
        if (model == null || model.isEmpty()) {
            throw OpenAiError.invalidRequest("you must provide a model parameter", null, null);
        }
        if (profile.server == ServerProfile.Server.AZURE) {
            return; // the deployment decides the model: requireDeployment
        }
        if (modelsConfigured && !models.contains(model)) {
            if (profile.server == ServerProfile.Server.OLLAMA) {
                throw new OpenAiError(
                        404,
                        "api_error",
                        "model \"" + model + "\" not found, try pulling it first",
                        null,
                        null,
                        Map.of());
            }
            throw modelNotFound(model);
        }
    }

    // ---------------------------------------------------------------- server profiles

    /**
     * The request as the profile's server hands it to the model, or the server's refusal: unsupported tools and
     * response formats, a prompt over the window (Ollama cuts its start instead).
     */
    private ChatRequest asServed(ChatRequest request, String azureApiVersion) {
        ObjectNode body = (ObjectNode) request.node().deepCopy();
        boolean toolsSent = body.path("tools").isArray() && !body.path("tools").isEmpty();
        if (toolsSent && profile.modelsWithoutTools.contains(request.model())) {
            throw switch (profile.server) {
                case OLLAMA ->
                    new OpenAiError(
                            400,
                            "api_error",
                            "registry.ollama.ai/library/" + request.model() + " does not support tools",
                            null,
                            null,
                            Map.of());
                case VLLM ->
                    OpenAiError.invalidRequest(
                            "\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set",
                            null,
                            null);
                default ->
                    OpenAiError.invalidRequest(
                            "Model " + request.model() + " does not support tools.", "tools", "unsupported_parameter");
            };
        }
        if (toolsSent && profile.ignoresTools) {
            body.remove(List.of("tools", "tool_choice", "parallel_tool_calls"));
        }
        String format = body.path("response_format").path("type").asText("text");
        boolean served = switch (format) {
            case "json_schema" ->
                profile.jsonModes == ServerProfile.JsonModes.SCHEMA_AND_OBJECT
                        || profile.jsonModes == ServerProfile.JsonModes.SCHEMA_ONLY;
            case "json_object" ->
                profile.jsonModes == ServerProfile.JsonModes.SCHEMA_AND_OBJECT
                        || profile.jsonModes == ServerProfile.JsonModes.OBJECT_ONLY;
            default -> true;
        };
        if (served
                && format.equals("json_schema")
                && azureApiVersion != null
                && azureApiVersion.compareTo(AZURE_JSON_SCHEMA_SINCE) < 0) {
            throw OpenAiError.azure(
                    400,
                    "BadRequest",
                    "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and "
                            + "later");
        }
        if (!served) {
            throw profile.server == ServerProfile.Server.LMSTUDIO
                    ? OpenAiError.invalidRequest("'response_format.type' must be 'json_schema' or 'text'", null, null)
                    : OpenAiError.invalidRequest(
                            "Invalid value: '" + format + "'. response_format type '" + format
                                    + "' is not supported by this server.",
                            "response_format.type",
                            "invalid_value");
        }
        Integer window = profile.window();
        boolean cut = false;
        if (window != null) {
            int prompt = promptTokens(request);
            if (prompt > window) {
                switch (profile.server) {
                    case OLLAMA -> {
                        cut = true;
                        dropStart(body, prompt - window);
                    }
                    case VLLM ->
                        throw OpenAiError.invalidRequest(
                                "This model's maximum context length is " + window
                                        + " tokens. However, you requested " + prompt
                                        + " tokens in the messages, Please reduce the length of the messages.",
                                "messages",
                                null);
                    default ->
                        throw OpenAiError.invalidRequest(
                                "This model's maximum context length is " + window
                                        + " tokens. However, your messages resulted in " + prompt
                                        + " tokens. Please reduce the length of the messages.",
                                "messages",
                                "context_length_exceeded");
                }
            }
        }
        ChatRequest served2 = request.changed(body, cut);
        if (cut) {
            truncated.add(served2);
        }
        return served2;
    }

    /** Ollama's truncation: the oldest tokens go, whole messages first, then the start of the next one. */
    private static void dropStart(ObjectNode body, int excess) {
        com.fasterxml.jackson.databind.node.ArrayNode messages =
                (com.fasterxml.jackson.databind.node.ArrayNode) body.path("messages");
        while (excess > 0 && messages.size() > 1) {
            JsonNode first = messages.get(0);
            int t = 1 + tokens(first.path("content").asText(""));
            if (t > excess) {
                String content = first.path("content").asText("");
                Matcher m = WORD.matcher(content);
                int end = 0;
                for (int i = 0; i < excess && m.find(); i++) {
                    end = m.end();
                }
                ((ObjectNode) first).put("content", content.substring(end).strip());
                return;
            }
            messages.remove(0);
            excess -= t;
        }
    }

    /** Ollama's {@code /api/show}: the model's details, its trained context length and the parameters set. */
    private Answer ollamaShow(JsonNode body) {
        String model = body.path("model").asText(body.path("name").asText(""));
        if (model.isEmpty() || (modelsConfigured && !models.contains(model))) {
            return new Answer(
                    404,
                    ("{\"error\":\"model '" + model + "' not found\"}").getBytes(StandardCharsets.UTF_8),
                    Map.of(),
                    Duration.ZERO);
        }
        String arch = model.replaceAll("[^a-z0-9].*", "");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("general.architecture", arch);
        info.put(arch + ".context_length", profile.trainedContext.getOrDefault(model, 32768));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("modelfile", "FROM " + model);
        answer.put("parameters", profile.numCtx != null ? "num_ctx                        " + profile.numCtx : "");
        answer.put("template", "{{ .Prompt }}");
        answer.put("details", Map.of("format", "gguf", "family", arch));
        answer.put("model_info", info);
        answer.put(
                "capabilities",
                profile.modelsWithoutTools.contains(model) ? List.of("completion") : List.of("completion", "tools"));
        return Answer.json(200, answer, Map.of());
    }

    /** Ollama's preload: {@code /api/generate} with a model and no prompt loads it and answers {@code done}. */
    private Answer ollamaLoad(JsonNode body) {
        String model = body.path("model").asText("");
        if (model.isEmpty() || (modelsConfigured && !models.contains(model))) {
            return new Answer(
                    404,
                    ("{\"error\":\"model '" + model + "' not found\"}").getBytes(StandardCharsets.UTF_8),
                    Map.of(),
                    Duration.ZERO);
        }
        return Answer.json(
                200,
                Map.of(
                        "model",
                        model,
                        "created_at",
                        Instant.now().toString(),
                        "response",
                        "",
                        "done",
                        true,
                        "done_reason",
                        "load"),
                Map.of());
    }

    /** The stub's prompt tokens: one per message plus its words and its tool calls'. */
    static int promptTokens(ChatRequest request) {
        int promptTokens = 0;
        for (ChatRequest.Message m : request.messages()) {
            promptTokens += 1 + tokens(m.content());
            for (ToolCall call : m.toolCalls()) {
                promptTokens += tokens(call.name()) + tokens(call.arguments());
            }
        }
        return promptTokens;
    }

    private static OpenAiError modelNotFound(String model) {
        return new OpenAiError(
                404,
                "invalid_request_error",
                "The model `" + model + "` does not exist or you do not have access to it.",
                null,
                "model_not_found",
                Map.of());
    }

    // ---------------------------------------------------------------- small things

    private static JsonNode readJson(String body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw new IllegalArgumentException("empty body");
            }
            return json;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw OpenAiError.invalidRequest(
                    "We could not parse the JSON body of your request. (HINT: This likely "
                            + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but "
                            + "what was sent was not valid JSON.)",
                    null,
                    null);
        }
    }

    /** A stand-in token count: whitespace-separated words. Deterministic, and close enough for budgets in tests. */
    static int tokens(String text) {
        int n = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String firstTokens(String text, int limit) {
        Matcher m = WORD.matcher(text);
        int end = 0;
        for (int i = 0; i < limit && m.find(); i++) {
            end = m.end();
        }
        return text.substring(0, end);
    }

    /** Not retried by clients that honour {@code x-should-retry}: a broken script will not mend itself. */
    private static OpenAiError internalError(String message) {
        return new OpenAiError(500, "server_error", message, null, null, Map.of("x-should-retry", "false"));
    }
}
