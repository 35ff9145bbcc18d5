package dev.ratchet.core.llm;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.config.Redaction;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.spi.ConfigOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach the chat model and the embedding model. The API key is kept out of {@link #toString()}.
 *
 * @param url             OpenAI-compatible base URL, or empty when generation is switched off ({@code off})
 * @param model           chat model
 * @param apiKey          API key, possibly empty (Ollama needs none)
 * @param timeout         per request
 * @param maxRetries      retries of a request answered 429 or 5xx, or not answered
 * @param jsonRetries     times a schema-invalid JSON answer is sent back with its errors
 * @param concurrency     concurrent calls per module
 * @param moduleBudgets   daily token budgets by module id
 * @param channelBudgets  daily token budgets by channel id, {@code *} for every channel
 * @param embeddingRemote whether embeddings come from the endpoint ({@code embedding.provider=openai})
 * @param embeddingUrl    embeddings endpoint
 * @param embeddingModel  embedding model name
 * @param dimension       configured embedding dimension
 * @param contextWindow   the chat model's context window in tokens, or 0 to learn it (Ollama) or leave it unbounded
 * @param firstCallTimeout time limit of the first chat request (a cold model loads)
 * @param azure           whether {@code url} is Azure OpenAI ({@code llm.provider}, or its host)
 * @param embeddingAzure  whether {@code embeddingUrl} is Azure OpenAI
 * @param azureApiVersion the {@code api-version} of Azure OpenAI requests ({@code llm.azure-api-version})
 */
public record LlmSettings(
        Optional<String> url,
        String model,
        String apiKey,
        Duration timeout,
        int maxRetries,
        int jsonRetries,
        int concurrency,
        Map<String, Long> moduleBudgets,
        Map<String, Long> channelBudgets,
        boolean embeddingRemote,
        String embeddingUrl,
        String embeddingModel,
        int dimension,
        int contextWindow,
        Duration firstCallTimeout,
        boolean azure,
        boolean embeddingAzure,
        String azureApiVersion) {

    public static final ConfigOption<String> LLM_URL = ConfigOption.string("llm.url", "http://localhost:11434/v1")
            .validatedBy(
                    u -> u.isBlank()
                            || u.equalsIgnoreCase("off")
                            || u.equalsIgnoreCase("none")
                            || u.startsWith("http://")
                            || u.startsWith("https://"),
                    "an http(s) URL, or off")
            .describedAs("OpenAI-compatible endpoint (Ollama, OpenAI, vLLM, LM Studio), an Azure OpenAI resource's "
                    + "endpoint (https://NAME.openai.azure.com), or off to switch generation off");
    public static final ConfigOption<String> LLM_PROVIDER = ConfigOption.oneOf(
                    "llm.provider", "auto", "auto", "openai", "azure")
            .describedAs("how llm.url and embedding.url are spoken to: azure (Azure OpenAI: llm.model and "
                    + "embedding.model are deployment names, the key goes in an api-key header, requests carry "
                    + "llm.azure-api-version), openai (the OpenAI API), or auto: azure for hosts ending in "
                    + ".openai.azure.com or .cognitiveservices.azure.com, openai for the others");
    /** The latest generally available api-version of Azure OpenAI's data plane (inference), as of this release. */
    public static final String AZURE_API_VERSION_DEFAULT = "2024-10-21";

    public static final ConfigOption<String> LLM_AZURE_API_VERSION = ConfigOption.string(
                    "llm.azure-api-version", AZURE_API_VERSION_DEFAULT)
            .validatedBy(v -> v.matches("\\d{4}-\\d{2}-\\d{2}(-preview)?"), "an Azure api-version such as 2024-10-21")
            .describedAs("the api-version of Azure OpenAI requests (llm.provider=azure); json_schema answers need "
                    + "2024-08-01-preview or later");
    public static final ConfigOption<String> LLM_MODEL = ConfigOption.string("llm.model", "qwen2.5:7b")
            .describedAs("chat model (Azure OpenAI: the deployment's name)");
    public static final ConfigOption<String> LLM_API_KEY = ConfigOption.string("llm.api-key", null)
            .secret()
            .describedAs("API key for the LLM endpoint (Azure OpenAI: one of the resource's keys)");

    public static final ConfigOption<Duration> LLM_TIMEOUT = ConfigOption.duration(
                    "llm.timeout", Duration.ofSeconds(120))
            .validatedBy(d -> d.toMillis() >= 100, "at least 100ms")
            .describedAs("time limit of one LLM request");
    public static final ConfigOption<Integer> LLM_MAX_RETRIES = ConfigOption.integer("llm.max-retries", 3, 0, 10)
            .describedAs("retries, with backoff, of an LLM request answered 429 or 5xx or not answered");
    public static final ConfigOption<Integer> LLM_JSON_RETRIES = ConfigOption.integer("llm.json-retries", 2, 0, 5)
            .describedAs("times a schema-invalid JSON answer is sent back with its errors before giving up");
    public static final ConfigOption<Integer> LLM_CONCURRENCY =
            ConfigOption.integer("llm.concurrency", 2, 1, 64).describedAs("concurrent LLM calls per module");
    public static final ConfigOption<List<String>> LLM_MODULE_BUDGETS = ConfigOption.list(
                    "llm.module-budgets", List.of())
            .describedAs("daily token budgets per module, e.g. runbook=50000,report=20000");
    public static final ConfigOption<List<String>> LLM_CHANNEL_BUDGETS = ConfigOption.list(
                    "llm.channel-budgets", List.of())
            .describedAs("daily token budgets per channel, e.g. C0123ABC=10000,*=50000 (* for every channel)");
    public static final ConfigOption<String> EMBEDDING_PROVIDER = ConfigOption.oneOf(
                    "embedding.provider", "local", "local", "openai")
            .describedAs(
                    "local (in-process bge-small-en-v1.5, no server) or openai (an OpenAI-compatible /embeddings endpoint)");
    public static final ConfigOption<String> EMBEDDING_URL = ConfigOption.string("embedding.url", null)
            .describedAs("embeddings endpoint for embedding.provider=openai (default: llm.url)");
    public static final ConfigOption<String> EMBEDDING_MODEL = ConfigOption.string(
                    "embedding.model", "bge-small-en-v1.5-q")
            .describedAs("embedding model name (for openai: the endpoint's model, e.g. nomic-embed-text; on Azure "
                    + "OpenAI the embedding deployment's name)");

    public static final ConfigOption<Duration> LLM_FIRST_CALL_TIMEOUT = ConfigOption.duration(
                    "llm.first-call-timeout", Duration.ofMinutes(5))
            .validatedBy(d -> d.toMillis() >= 100, "at least 100ms")
            .describedAs("time limit of the first chat request, while a local server (Ollama) loads the model; "
                    + "an Ollama model is also loaded in the background at start");
    public static final ConfigOption<Integer> LLM_CONTEXT_WINDOW = ConfigOption.integer(
                    "llm.context-window", 0, 0, 10_000_000)
            .describedAs("the chat model's context window in tokens; 0 asks Ollama (/api/show: num_ctx, else its "
                    + "2048-token default) and leaves other servers unbounded. Prompts are trimmed to fit it, never sent "
                    + "to be truncated");

    /** The {@code llm.*} options and the embedding ones but {@code embedding.dimension} (the database's). */
    public static List<ConfigOption<?>> options() {
        return List.of(
                LLM_URL,
                LLM_PROVIDER,
                LLM_MODEL,
                LLM_API_KEY,
                LLM_AZURE_API_VERSION,
                LLM_TIMEOUT,
                LLM_MAX_RETRIES,
                LLM_JSON_RETRIES,
                LLM_CONCURRENCY,
                LLM_MODULE_BUDGETS,
                LLM_CHANNEL_BUDGETS,
                LLM_CONTEXT_WINDOW,
                LLM_FIRST_CALL_TIMEOUT,
                EMBEDDING_PROVIDER,
                EMBEDDING_URL,
                EMBEDDING_MODEL);
    }

    public static LlmSettings from(RatchetConfig config) {
        String url = config.get(LLM_URL).trim();
        boolean off = url.isEmpty() || url.equalsIgnoreCase("off") || url.equalsIgnoreCase("none");
        boolean remote = config.get(EMBEDDING_PROVIDER).equals("openai");
        String embeddingUrl = config.find(EMBEDDING_URL).orElse(off ? "" : url);
        if (remote && embeddingUrl.isBlank()) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "embedding.provider is openai but no endpoint is set: set RATCHET_EMBEDDING_URL "
                            + "(or RATCHET_LLM_URL), or use RATCHET_EMBEDDING_PROVIDER=local");
        }
        return new LlmSettings(
                off ? Optional.empty() : Optional.of(url),
                config.get(LLM_MODEL),
                config.find(LLM_API_KEY).orElse(""),
                config.get(LLM_TIMEOUT),
                config.get(LLM_MAX_RETRIES),
                config.get(LLM_JSON_RETRIES),
                config.get(LLM_CONCURRENCY),
                budgets(config.get(LLM_MODULE_BUDGETS), "llm.module-budgets"),
                budgets(config.get(LLM_CHANNEL_BUDGETS), "llm.channel-budgets"),
                remote,
                embeddingUrl,
                config.get(EMBEDDING_MODEL),
                config.get(DatabaseSettings.EMBEDDING_DIMENSION),
                config.get(LLM_CONTEXT_WINDOW),
                config.get(LLM_FIRST_CALL_TIMEOUT),
                !off && azure(config.get(LLM_PROVIDER), url),
                remote && azure(config.get(LLM_PROVIDER), embeddingUrl),
                config.get(LLM_AZURE_API_VERSION));
    }

    /**
     * Whether {@code url} is spoken to as Azure OpenAI: {@code llm.provider=azure}, or {@code auto} and a host of
     * Azure OpenAI's ({@code NAME.openai.azure.com}, or {@code NAME.cognitiveservices.azure.com} for a multi-service
     * resource).
     */
    static boolean azure(String provider, String url) {
        return switch (provider) {
            case "azure" -> true;
            case "openai" -> false;
            default -> azureHost(url);
        };
    }

    /** Whether {@code url}'s host is Azure OpenAI's. */
    public static boolean azureHost(String url) {
        try {
            String host = java.net.URI.create(url.trim()).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(java.util.Locale.ROOT);
            return host.endsWith(".openai.azure.com") || host.endsWith(".cognitiveservices.azure.com");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, Long> budgets(List<String> entries, String key) {
        Map<String, Long> budgets = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split("=", 2);
            try {
                long tokens = Long.parseLong(parts.length == 2 ? parts[1].trim() : "x");
                if (tokens < 0) {
                    throw new NumberFormatException();
                }
                budgets.put(parts[0].trim(), tokens);
            } catch (NumberFormatException e) {
                throw new StartupException(
                        StartupException.CONFIG,
                        key + ": '" + entry + "' is not NAME=TOKENS; write e.g. "
                                + (key.contains("module") ? "runbook=50000,report=20000" : "C0123ABC=10000,*=50000"));
            }
        }
        return Map.copyOf(budgets);
    }

    @Override
    public String toString() {
        return "LlmSettings[" + url.map(Redaction::redact).orElse("off")
                + (azure ? " (Azure OpenAI " + azureApiVersion + ")" : "")
                + ", model " + model + ", embeddings "
                + (embeddingRemote ? Redaction.redact(embeddingUrl) : "in-process") + " " + embeddingModel + "]";
    }
}
