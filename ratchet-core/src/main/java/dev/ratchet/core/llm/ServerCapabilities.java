package dev.ratchet.core.llm;

import com.openai.errors.BadRequestException;
import dev.ratchet.spi.LlmUnavailableException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the chat server and model turned out to support, learnt from their answers once and remembered for the life of
 * the process: which {@code response_format} it takes, and whether it calls tools. OpenAI, Ollama 0.5 or later, vLLM
 * and LM Studio take {@code json_schema}; older servers only {@code json_object}; some neither. Ollama refuses
 * {@code tools} for a model without a tool template (400 "does not support tools"), vLLM without
 * {@code --enable-auto-tool-choice}, and some servers drop them silently. Each downgrade is logged once, naming the
 * server and model. Thread-safe.
 */
final class ServerCapabilities {

    private static final Logger log = LoggerFactory.getLogger(ServerCapabilities.class);

    /** How a JSON answer is asked for, best first. */
    enum JsonMode {
        /** {@code response_format: json_schema}, strict where the schema allows. */
        SCHEMA,
        /** {@code response_format: json_object}. */
        OBJECT,
        /** No {@code response_format}: the schema in the prompt, the answer validated. */
        PROMPT;

        JsonMode next() {
            return this == SCHEMA ? OBJECT : PROMPT;
        }
    }

    /** Whether the model calls tools natively. */
    enum Tools {
        UNKNOWN,
        NATIVE,
        /** Refused or ignored: tool loops run on a JSON plan prompt. */
        PROMPTED
    }

    private final String server;
    private final String model;
    private volatile JsonMode json = JsonMode.SCHEMA;
    private volatile Tools tools = Tools.UNKNOWN;

    ServerCapabilities(String server, String model) {
        this.server = server;
        this.model = model;
    }

    JsonMode json() {
        return json;
    }

    Tools tools() {
        return tools;
    }

    /** {@code refused} was answered to {@code mode}: use the next mode from now on. */
    synchronized JsonMode jsonRefused(JsonMode mode, String reason) {
        if (json == mode) {
            json = mode.next();
            log.warn(
                    "the LLM server {} does not take {} for model {} ({}); asking for JSON with {} from now on",
                    server,
                    mode == JsonMode.SCHEMA ? "response_format json_schema" : "response_format json_object",
                    model,
                    reason,
                    json == JsonMode.OBJECT ? "json_object" : "the schema in the prompt only");
        }
        return json;
    }

    void toolsNative() {
        tools = Tools.NATIVE;
    }

    synchronized void toolsUnsupported(String reason) {
        if (tools != Tools.PROMPTED) {
            tools = Tools.PROMPTED;
            log.warn(
                    "model {} at {} does not call tools ({}); the commands agent plans with JSON prompts instead "
                            + "(pick a model with tool support, such as qwen2.5:7b or llama3.1:8b, for better answers)",
                    model,
                    server,
                    reason);
        }
    }

    /** Whether {@code e} is the server refusing the request's {@code response_format}. */
    static boolean refusesFormat(LlmUnavailableException e) {
        String m = badRequest(e);
        return m != null && (m.contains("response_format") || m.contains("json_schema") || m.contains("json_object"));
    }

    /** Whether {@code e} is the server refusing {@code tools} for this model. */
    static boolean refusesTools(LlmUnavailableException e) {
        String m = badRequest(e);
        return m != null
                && (m.contains("does not support tools")
                        || m.contains("enable-auto-tool-choice")
                        || (m.contains("tool") && m.contains("not support")));
    }

    private static String badRequest(LlmUnavailableException e) {
        return e.getCause() instanceof BadRequestException b && b.getMessage() != null
                ? b.getMessage().toLowerCase(Locale.ROOT)
                : null;
    }
}
