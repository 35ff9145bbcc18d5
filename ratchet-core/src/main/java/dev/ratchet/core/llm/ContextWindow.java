package dev.ratchet.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.core.config.Redaction;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat model's context window and the fitting of prompts into it. Ollama's OpenAI-compatible endpoint serves a
 * model with {@code num_ctx} tokens (2048 unless its model file sets more) and silently drops the start of a longer
 * prompt, so a prompt is never sent longer than the window: the least useful parts go first (the oldest messages
 * between the instructions and the request, then the longest remaining message cut in its middle), and what was cut
 * is marked in the text. The window is {@code llm.context-window}, or else, once, what Ollama's {@code /api/show}
 * says, or else unknown (no fitting: OpenAI and vLLM refuse an over-long prompt rather than cut it).
 *
 * <p>Tokens are counted with jtokkit for models it knows OpenAI's encoding of ({@code gpt-4o}: o200k,
 * {@code gpt-4}: cl100k), and estimated for the others: 1 per 3 characters (English prose runs at about 4 with Llama's
 * and Qwen's tokenizers, code and JSON nearer 3). Either way 4 more per message, and a tenth of the window kept as a
 * margin besides room for the answer.
 */
final class ContextWindow {

    private static final Logger log = LoggerFactory.getLogger(ContextWindow.class);
    /** Ollama's default {@code num_ctx}: what its OpenAI endpoint serves when the model file sets none. */
    static final int OLLAMA_DEFAULT = 2048;

    static final String LEFT_OUT = "[… left out to fit the model's context window …]";
    private static final Pattern NUM_CTX = Pattern.compile("(?m)^\\s*num_ctx\\s+(\\d+)");

    private static final com.knuddels.jtokkit.api.EncodingRegistry ENCODINGS =
            com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry();

    private final LlmSettings settings;
    private final java.util.function.ToIntFunction<String> tokens;
    private volatile Optional<Integer> window; // null until learnt
    private volatile boolean ollama; // /api/show answered

    ContextWindow(LlmSettings settings) {
        this.settings = settings;
        this.tokens = counter(settings.model());
        this.window = settings.contextWindow() > 0 ? Optional.of(settings.contextWindow()) : null;
    }

    /** The window in tokens, or empty when unknown (not set, and the server is not Ollama). Asks at most once. */
    Optional<Integer> tokens() {
        Optional<Integer> w = window;
        if (w == null) {
            synchronized (this) {
                if (window == null) {
                    // Azure OpenAI is not Ollama, and its 404 for /api/show ("Resource not found") would read
                    // as Ollama's for a model not pulled
                    window =
                            settings.azure() ? Optional.empty() : settings.url().flatMap(this::askOllama);
                    window.ifPresent(t -> log.info(
                            "the chat model {} serves a context window of {} tokens; prompts are fitted to it "
                                    + "(set llm.context-window, or num_ctx in an Ollama model file, to change it)",
                            settings.model(),
                            t));
                }
                w = window;
            }
        }
        return w;
    }

    /** {@code POST <root>/api/show}: num_ctx from the parameters, else Ollama's default, capped by the model's own. */
    private Optional<Integer> askOllama(String url) {
        String root = url.replaceAll("/+$", "").replaceAll("/v1$", "");
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(root + "/api/show"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    Json.write(Map.of("model", settings.model())), StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() == 404 && answer.body().contains("not found")) {
                log.warn(
                        "the LLM server at {} (Ollama) has no model {}: run `ollama pull {}`, or set RATCHET_LLM_MODEL "
                                + "to a model it has",
                        Redaction.redact(root),
                        settings.model(),
                        settings.model());
            }
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode show = Json.MAPPER.readTree(answer.body());
            if (!show.has("model_info")) {
                return Optional.empty();
            }
            ollama = true;
            Integer trained = null;
            Iterator<Map.Entry<String, JsonNode>> info = show.path("model_info").fields();
            while (info.hasNext()) {
                Map.Entry<String, JsonNode> e = info.next();
                if (e.getKey().endsWith(".context_length") && e.getValue().canConvertToInt()) {
                    trained = e.getValue().asInt();
                }
            }
            Matcher m = NUM_CTX.matcher(show.path("parameters").asText(""));
            int served = m.find() ? Integer.parseInt(m.group(1)) : OLLAMA_DEFAULT;
            return Optional.of(trained == null ? served : Math.min(served, trained));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) { // not Ollama, or not answering: the window stays unknown
            log.debug("no Ollama /api/show at {}: {}", Redaction.redact(root), e.toString());
            return Optional.empty();
        }
    }

    /** Whether the server turned out to be Ollama (its {@code /api/show} answered). */
    boolean ollama() {
        return ollama;
    }

    /**
     * Loads the model into Ollama's memory ({@code POST /api/generate} with no prompt, Ollama's documented preload),
     * so that the first request of a module does not wait for it; logs how long it took, or why it failed.
     */
    void loadModel(Duration limit) {
        String root = settings.url().orElseThrow().replaceAll("/+$", "").replaceAll("/v1$", "");
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> answer = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(root + "/api/generate"))
                                    .timeout(limit)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            Json.write(Map.of("model", settings.model())), StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() == 404) {
                log.warn(
                        "Ollama at {} has no model {}: run `ollama pull {}`, or set RATCHET_LLM_MODEL to a model it has",
                        Redaction.redact(root),
                        settings.model(),
                        settings.model());
            } else if (answer.statusCode() == 200) {
                log.info("model {} loaded in {} ms", settings.model(), (System.nanoTime() - t0) / 1_000_000);
            } else {
                log.info("loading model {} answered HTTP {}", settings.model(), answer.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.info("loading model {} failed: {}", settings.model(), e.toString());
        }
    }

    /** OpenAI's encoding of {@code model} when jtokkit knows it, else the estimate of 3 characters a token. */
    static java.util.function.ToIntFunction<String> counter(String model) {
        Optional<com.knuddels.jtokkit.api.Encoding> encoding;
        try {
            encoding = ENCODINGS.getEncodingForModel(model);
        } catch (RuntimeException e) {
            encoding = Optional.empty();
        }
        if (encoding.isPresent()) {
            com.knuddels.jtokkit.api.Encoding e = encoding.get();
            return text -> e.countTokensOrdinary(text);
        }
        return text -> (text.length() + 2) / 3;
    }

    /** The tokens of {@code messages}, counted or estimated for this model. */
    int estimate(List<ChatMessage> messages) {
        return estimate(messages, tokens);
    }

    static int estimate(List<ChatMessage> messages, java.util.function.ToIntFunction<String> tokens) {
        int t = 0;
        for (ChatMessage m : messages) {
            t += estimate(m.content(), tokens);
        }
        return t;
    }

    static int estimate(String content, java.util.function.ToIntFunction<String> tokens) {
        return 4 + (content == null ? 0 : tokens.applyAsInt(content));
    }

    /** {@link #fit(List, int, java.util.function.ToIntFunction)} with this model's counter. */
    Fitted fit(List<ChatMessage> messages, int window) throws LlmUnavailableException {
        return fit(messages, window, tokens);
    }

    /** The tokens a prompt may take in {@code window}: room for the answer and a margin kept. */
    static int budget(int window) {
        int answer = Math.min(1024, window / 4);
        return Math.max(1, window - answer - window / 10);
    }

    /** {@link #budget(int)} of the known window, or empty when the window is unknown. */
    Optional<Integer> budget() {
        return tokens().map(ContextWindow::budget);
    }

    /** The tokens of one message's content, as {@link #fit} counts them. */
    int estimate(String content) {
        return estimate(content, tokens);
    }

    /**
     * Tool results fitted into {@code room} tokens: the oldest are replaced, one at a time, by a line saying they were
     * left out, then the newest is cut in its middle. The results come back in order; those left alone are the same
     * strings.
     */
    List<String> fitResults(List<String> results, int room) {
        List<String> fitted = new ArrayList<>(results);
        int total = fitted.stream().mapToInt(this::estimate).sum();
        for (int i = 0; i < fitted.size() - 1 && total > room; i++) {
            String shortened = "[… this result (about " + estimate(fitted.get(i)) + " tokens) was left out to fit the "
                    + "model's context window …]";
            total += estimate(shortened) - estimate(fitted.get(i));
            fitted.set(i, shortened);
        }
        if (total > room && !fitted.isEmpty()) {
            int last = fitted.size() - 1;
            String c = fitted.get(last);
            int excessTokens = total - room;
            double perToken = Math.max(1.0, c.length() / (double) Math.max(1, estimate(c)));
            int keep = Math.max(200, c.length() - (int) Math.ceil(excessTokens * perToken) - LEFT_OUT.length() - 6);
            if (keep < c.length()) {
                fitted.set(
                        last, c.substring(0, keep / 2) + "\n" + LEFT_OUT + "\n" + c.substring(c.length() - keep / 2));
            }
        }
        return fitted;
    }

    /** The messages fitted into {@code window}, and whether anything was left out. */
    record Fitted(List<ChatMessage> messages, boolean trimmed, int estimate) {}

    /**
     * {@code messages} trimmed to the window's budget: the oldest messages between the first (instructions) and the
     * last (the request) go first, then the longest message left is cut in its middle, marked {@link #LEFT_OUT}.
     *
     * @throws LlmUnavailableException when even the instructions and the request cannot fit
     */
    static Fitted fit(List<ChatMessage> messages, int window, java.util.function.ToIntFunction<String> tokens)
            throws LlmUnavailableException {
        int budget = budget(window);
        int total = estimate(messages, tokens);
        if (total <= budget) {
            return new Fitted(messages, false, total);
        }
        List<ChatMessage> kept = new ArrayList<>(messages);
        // the instructions are every system message at the start (a JSON call's schema, then the module's own)
        int first = 1;
        while (first < kept.size() - 1 && "system".equals(kept.get(first).role())) {
            first++;
        }
        // the oldest context goes first, whole
        while (total > budget && kept.size() > first + 1) {
            ChatMessage oldest = kept.get(first);
            if (kept.size() == first + 2 && estimate(oldest.content(), tokens) > total - budget + 50) {
                break; // cutting it is enough
            }
            kept.remove(first);
            total -= estimate(oldest.content(), tokens);
        }
        // then the longest message left is cut in its middle, until it fits
        while (total > budget) {
            int longest = 0;
            for (int i = 1; i < kept.size(); i++) {
                if (kept.get(i).content().length() > kept.get(longest).content().length()) {
                    longest = i;
                }
            }
            ChatMessage m = kept.get(longest);
            // characters per token in this message, so that one cut is about enough
            double perToken = Math.max(1.0, m.content().length() / (double) Math.max(1, estimate(m.content(), tokens)));
            int excessChars = (int) Math.ceil((total - budget) * perToken) + LEFT_OUT.length() + 6;
            int keep = m.content().length() - excessChars;
            if (keep < 200) {
                throw new LlmUnavailableException("the prompt (about " + estimate(messages, tokens)
                        + " tokens) cannot be fitted into the model's context window of " + window
                        + " tokens; set llm.context-window higher (and num_ctx in an Ollama model file) or pick a model "
                        + "with a larger context");
            }
            String c = m.content();
            String cut = c.substring(0, keep / 2) + "\n" + LEFT_OUT + "\n" + c.substring(c.length() - keep / 2);
            kept.set(longest, new ChatMessage(m.role(), cut));
            total = estimate(kept, tokens);
        }
        return new Fitted(List.copyOf(kept), true, total);
    }
}
