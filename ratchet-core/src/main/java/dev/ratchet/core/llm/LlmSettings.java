package dev.ratchet.core.llm;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.CoreOptions;
import dev.ratchet.core.config.RatchetConfig;

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
 */
public record LlmSettings(Optional<String> url, String model, String apiKey, Duration timeout, int maxRetries, int jsonRetries,
                          int concurrency, Map<String, Long> moduleBudgets, Map<String, Long> channelBudgets,
                          boolean embeddingRemote, String embeddingUrl, String embeddingModel, int dimension) {

    public static LlmSettings from(RatchetConfig config) {
        String url = config.get("", CoreOptions.LLM_URL).trim();
        boolean off = url.isEmpty() || url.equalsIgnoreCase("off") || url.equalsIgnoreCase("none");
        boolean remote = config.get("", CoreOptions.EMBEDDING_PROVIDER).equals("openai");
        String embeddingUrl = config.find("", CoreOptions.EMBEDDING_URL).orElse(off ? "" : url);
        if (remote && embeddingUrl.isBlank()) {
            throw new StartupException(StartupException.CONFIG, "embedding.provider is openai but no endpoint is set: set RATCHET_EMBEDDING_URL "
                    + "(or RATCHET_LLM_URL), or use RATCHET_EMBEDDING_PROVIDER=local");
        }
        return new LlmSettings(off ? Optional.empty() : Optional.of(url), config.get("", CoreOptions.LLM_MODEL),
                config.find("", CoreOptions.LLM_API_KEY).orElse(""), config.get("", CoreOptions.LLM_TIMEOUT),
                config.get("", CoreOptions.LLM_MAX_RETRIES), config.get("", CoreOptions.LLM_JSON_RETRIES),
                config.get("", CoreOptions.LLM_CONCURRENCY),
                budgets(config.get("", CoreOptions.LLM_MODULE_BUDGETS), "llm.module-budgets"),
                budgets(config.get("", CoreOptions.LLM_CHANNEL_BUDGETS), "llm.channel-budgets"),
                remote, embeddingUrl, config.get("", CoreOptions.EMBEDDING_MODEL), config.get("", CoreOptions.EMBEDDING_DIMENSION));
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
                throw new StartupException(StartupException.CONFIG, key + ": '" + entry + "' is not NAME=TOKENS; write e.g. "
                        + (key.contains("module") ? "runbook=50000,report=20000" : "C0123ABC=10000,*=50000"));
            }
        }
        return Map.copyOf(budgets);
    }

    @Override
    public String toString() {
        return "LlmSettings[" + url.orElse("off") + ", model " + model + ", embeddings " + (embeddingRemote ? embeddingUrl : "in-process")
                + " " + embeddingModel + "]";
    }
}
