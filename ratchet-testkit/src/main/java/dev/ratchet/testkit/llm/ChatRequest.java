package dev.ratchet.testkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code POST /v1/chat/completions} request as the stub parsed it: what rule predicates see and what
 * {@link OpenAiStub#chatRequests()} returns for assertions on prompts. Immutable; the typed accessors cover what tests
 * usually ask about, {@link #json()} has everything else.
 */
public final class ChatRequest {

    /**
     * One message of the conversation.
     *
     * @param role       {@code system}, {@code developer}, {@code user}, {@code assistant}, {@code tool} or
     *                   {@code function}
     * @param content    the text; content parts are joined, and a message without content (an assistant message that
     *                   only calls tools) has {@code ""}; never {@code null}
     * @param toolCalls  the function calls of an assistant message, otherwise empty
     * @param toolCallId the call a {@code tool} message answers, otherwise {@code null}
     * @param name       the optional {@code name} field, or {@code null}
     */
    public record Message(String role, String content, List<ToolCall> toolCalls, String toolCallId, String name) {

        public Message {
            Objects.requireNonNull(role, "role");
            content = content == null ? "" : content;
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /**
     * A function the client offered in {@code tools}.
     *
     * @param name        the function's name
     * @param description its description, or {@code null}
     * @param parameters  its JSON Schema as JSON text, or {@code null}
     */
    public record Tool(String name, String description, String parameters) {}

    /**
     * The requested {@code response_format}.
     *
     * @param type       {@code text}, {@code json_object} or {@code json_schema}
     * @param schemaName {@code json_schema.name} for {@code json_schema}, otherwise {@code null}
     * @param schema     {@code json_schema.schema} as JSON text for {@code json_schema}, otherwise {@code null}
     */
    public record ResponseFormat(String type, String schemaName, String schema) {

        /** Whether the client asked for JSON ({@code json_object} or {@code json_schema}). */
        public boolean json() {
            return "json_object".equals(type) || "json_schema".equals(type);
        }
    }

    private final ObjectNode json;
    private final String model;
    private final List<Message> messages;
    private final List<Tool> tools;
    private final boolean truncated;

    private ChatRequest(ObjectNode json) {
        this(json, false);
    }

    private ChatRequest(ObjectNode json, boolean truncated) {
        this.json = json;
        this.truncated = truncated;
        this.model = json.path("model").isTextual() ? json.get("model").asText() : null;
        this.messages = parseMessages(json.path("messages"));
        this.tools = parseTools(json.path("tools"));
    }

    /** Parses a request body; anything not shaped like OpenAI's becomes an {@link OpenAiError}. */
    static ChatRequest parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw OpenAiError.invalidRequest("The request body must be a JSON object.", null, null);
        }
        return new ChatRequest(object.deepCopy());
    }

    /** This request as a {@link ServerProfile} changed it before the model saw it. */
    ChatRequest changed(ObjectNode body, boolean cut) {
        return new ChatRequest(body, truncated || cut);
    }

    /**
     * Whether the server silently dropped the start of the prompt to fit its context window (an {@linkplain
     * ServerProfile#ollama() Ollama} profile): the model answered what it saw, not what was sent. Only the request
     * rules see (and {@link OpenAiStub#truncatedRequests()}) can be truncated; recorded requests are as sent.
     */
    public boolean truncated() {
        return truncated;
    }

    /** The requested model, or {@code null} when the request named none (the stub answers 400 then). */
    public String model() {
        return model;
    }

    /** The conversation, in order. */
    public List<Message> messages() {
        return messages;
    }

    /** The functions offered in {@code tools}, in order; empty when none. */
    public List<Tool> tools() {
        return tools;
    }

    /** Whether a function named {@code name} is offered in {@code tools}. */
    public boolean offersTool(String name) {
        return tools.stream().anyMatch(t -> t.name().equals(name));
    }

    /**
     * The {@code tool_choice}: {@code "auto"}, {@code "none"} or {@code "required"} as sent, or the function's name when
     * the client forced one ({@code {"type":"function","function":{"name":...}}}); empty when absent.
     */
    public Optional<String> toolChoice() {
        JsonNode choice = json.path("tool_choice");
        if (choice.isTextual()) {
            return Optional.of(choice.asText());
        }
        JsonNode name = choice.path("function").path("name");
        return name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
    }

    /** The {@code response_format}, empty when absent. */
    public Optional<ResponseFormat> responseFormat() {
        JsonNode format = json.path("response_format");
        if (!format.isObject()) {
            return Optional.empty();
        }
        JsonNode schema = format.path("json_schema");
        return Optional.of(new ResponseFormat(
                format.path("type").asText(null),
                schema.path("name").isTextual() ? schema.get("name").asText() : null,
                schema.has("schema") ? schema.get("schema").toString() : null));
    }

    /** The {@code temperature}, empty when absent. */
    public Optional<Double> temperature() {
        JsonNode t = json.path("temperature");
        return t.isNumber() ? Optional.of(t.asDouble()) : Optional.empty();
    }

    /** {@code max_completion_tokens}, or else the older {@code max_tokens}; empty when neither is sent. */
    public Optional<Integer> maxTokens() {
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            if (json.path(field).isIntegralNumber()) {
                return Optional.of(json.get(field).asInt());
            }
        }
        return Optional.empty();
    }

    /** Whether the client asked to stream ({@code "stream": true}), which the stub refuses. */
    public boolean stream() {
        return json.path("stream").asBoolean(false);
    }

    /** The content of the last {@code user} message, empty when there is none. */
    public Optional<String> lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return Optional.of(messages.get(i).content());
            }
        }
        return Optional.empty();
    }

    /** The content of the first {@code system} (or {@code developer}) message, empty when there is none. */
    public Optional<String> systemPrompt() {
        return messages.stream()
                .filter(m -> m.role().equals("system") || m.role().equals("developer"))
                .map(Message::content)
                .findFirst();
    }

    /**
     * The content of the last {@code tool} message that answers a call of the function {@code toolName}, empty when
     * there is none. A tool message names its call, not the function, so the function is found through the
     * assistant message that made the call (or the tool message's own {@code name}, when sent).
     */
    public Optional<String> toolResult(String toolName) {
        Map<String, String> functionByCallId = new HashMap<>();
        String found = null;
        for (Message m : messages) {
            m.toolCalls().forEach(call -> functionByCallId.put(call.id(), call.name()));
            if (m.role().equals("tool")) {
                String function = m.name() != null ? m.name() : functionByCallId.get(m.toolCallId());
                if (toolName.equals(function)) {
                    found = m.content();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** A copy of the whole request body, for what the typed accessors do not cover. */
    public JsonNode json() {
        return json.deepCopy();
    }

    JsonNode node() {
        return json;
    }

    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", " + messages.size() + " messages, last user message="
                + lastUserMessage().map(ChatRequest::abbreviate).orElse("(none)") + "]";
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? "\"" + oneLine + "\"" : "\"" + oneLine.substring(0, 200) + "...\"";
    }

    // ---------------------------------------------------------------- parsing

    private static List<Message> parseMessages(JsonNode array) {
        List<Message> out = new ArrayList<>();
        if (!array.isArray()) {
            return List.of();
        }
        for (JsonNode m : array) {
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode call : m.path("tool_calls")) {
                JsonNode function = call.path("function");
                JsonNode arguments = function.path("arguments");
                calls.add(new ToolCall(
                        call.path("id").asText(null),
                        function.path("name").asText(""),
                        arguments.isTextual()
                                ? arguments.asText()
                                : arguments.isMissingNode() ? "" : arguments.toString()));
            }
            out.add(new Message(
                    m.path("role").asText(""),
                    text(m.path("content")),
                    calls,
                    m.path("tool_call_id").asText(null),
                    m.path("name").asText(null)));
        }
        return List.copyOf(out);
    }

    /** Content is a string or an array of parts; only the text parts matter to a stub. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static List<Tool> parseTools(JsonNode array) {
        List<Tool> out = new ArrayList<>();
        for (JsonNode tool : array) {
            JsonNode function = tool.path("function");
            out.add(new Tool(
                    function.path("name").asText(""),
                    function.path("description").asText(null),
                    function.has("parameters") ? function.get("parameters").toString() : null));
        }
        return List.copyOf(out);
    }
}
