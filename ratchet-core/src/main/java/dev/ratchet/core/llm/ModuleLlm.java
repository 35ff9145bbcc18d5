package dev.ratchet.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.ratchet.core.Json;
import dev.ratchet.spi.LlmAnswerInvalidException;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.spi.kit.ToolInputs;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LlmService} for one module: its calls are recorded under its id, limited and budgeted per module. */
final class ModuleLlm implements LlmService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ModuleLlm.class);

    private final String moduleId;
    private final LlmRuntime rt;
    /**
     * Whether a prompt of this module's current call on this thread was trimmed to fit the context window: kept by the
     * runtime, for a module's context may hand out a new service for each use (the call and the question after it).
     */
    private final Trimmed trimmed = new Trimmed();

    private final class Trimmed {
        void set(boolean value) {
            rt.trimmed.get().put(moduleId, value);
        }

        boolean get() {
            return rt.trimmed.get().getOrDefault(moduleId, false);
        }
    }

    ModuleLlm(String moduleId, LlmRuntime rt) {
        this.moduleId = moduleId;
        this.rt = rt;
    }

    @Override
    public boolean chatAvailable() {
        return rt.chatAvailable();
    }

    @Override
    public boolean chatConfigured() {
        return rt.chatConfigured();
    }

    @Override
    public Optional<String> chatModel() {
        return rt.chatAvailable() ? Optional.of(rt.settings.model()) : Optional.empty();
    }

    @Override
    public String embeddingModel() {
        int dim = rt.settings.embeddingRemote() ? rt.settings.dimension() : 384;
        return rt.embedder.model() + " (" + dim + ")";
    }

    @Override
    public boolean lastPromptTrimmed() {
        return trimmed.get();
    }

    @Override
    public String chat(String purpose, List<ChatMessage> messages) throws LlmUnavailableException {
        trimmed.set(false);
        ChatCompletion completion = complete(purpose, base(messages));
        return text(completion).orElseThrow(() -> new LlmUnavailableException("the model answered with no text"));
    }

    @Override
    public String json(String purpose, List<ChatMessage> messages, String jsonSchema) throws LlmUnavailableException {
        trimmed.set(false);
        JsonSchemas.parse(
                jsonSchema); // a broken schema is the module's bug: IllegalArgumentException, not a model failure
        return structured(purpose, messages, jsonSchema, answer -> List.of());
    }

    /**
     * {@link #validJson} with the best {@code response_format} the server takes ({@link ServerCapabilities}): a
     * refusal of one format is learnt once and the request asked again with the next.
     */
    private String structured(
            String purpose,
            List<ChatMessage> messages,
            String jsonSchema,
            java.util.function.Function<String, List<String>> moreProblems)
            throws LlmUnavailableException {
        List<ChatMessage> withSchema = new ArrayList<>();
        withSchema.add(ChatMessage.system(
                "Answer with one JSON object, and nothing else, valid against this JSON Schema:\n" + jsonSchema));
        withSchema.addAll(messages);
        while (true) {
            ServerCapabilities.JsonMode mode = rt.capabilities.json();
            ChatCompletionCreateParams.Builder params = base(withSchema);
            switch (mode) {
                case SCHEMA -> params.responseFormat(StructuredOutput.jsonSchema(purpose, jsonSchema));
                case OBJECT ->
                    params.responseFormat(ResponseFormatJsonObject.builder().build());
                case PROMPT -> {}
            }
            try {
                return validJson(purpose, params, jsonSchema, moreProblems);
            } catch (LlmUnavailableException e) {
                if (mode == ServerCapabilities.JsonMode.PROMPT || !ServerCapabilities.refusesFormat(e)) {
                    throw e;
                }
                rt.capabilities.jsonRefused(mode, e.getMessage());
            }
        }
    }

    /**
     * The JSON Schema of each record type asked for ({@link ToolInputs#schemaOf}, checked to parse), made once: a
     * module asks with the same type on every event, and the reflection and the parse were a share of each call.
     */
    private static final ClassValue<String> SCHEMAS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String schema = ToolInputs.schemaOf(type.asSubclass(Record.class));
            JsonSchemas.parse(schema);
            return schema;
        }
    };

    /**
     * {@link LlmService#json(String, List, Class)} with the binding to the record checked like the schema: an answer
     * that does not bind is retried, and recorded as an error like any invalid answer.
     */
    @Override
    public <R extends Record> R json(String purpose, List<ChatMessage> messages, Class<R> type)
            throws LlmUnavailableException {
        trimmed.set(false);
        String schema = SCHEMAS.get(type);
        String answer = structured(purpose, messages, schema, valid -> {
            try {
                ToolInputs.read(type, JsonText.parseObject(valid));
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of("it does not fit " + type.getSimpleName() + ": " + e.getMessage());
            }
        });
        return ToolInputs.read(type, JsonText.parseObject(answer));
    }

    /**
     * Asks until an answer is valid against {@code jsonSchema} and has no {@code moreProblems}, at most
     * {@code json-retries} + 1 times. Every invalid answer is recorded as an error (with its problems), so it is never
     * linked to the post the module then makes (an extractive fallback, say) nor exported as labelled data.
     */
    private String validJson(
            String purpose,
            ChatCompletionCreateParams.Builder params,
            String jsonSchema,
            java.util.function.Function<String, List<String>> moreProblems)
            throws LlmUnavailableException {
        String answer = "";
        List<String> problems = List.of();
        for (int attempt = 0; attempt <= rt.settings.jsonRetries(); attempt++) {
            List<List<String>> found = new ArrayList<>(1);
            ChatCompletion completion = complete(purpose, params, c -> {
                String text = text(c).orElse("");
                List<String> p = JsonSchemas.problems(jsonSchema, text);
                if (p.isEmpty()) {
                    p = moreProblems.apply(JsonSchemas.stripFences(text));
                }
                found.add(p);
                return p.isEmpty() ? null : "invalid answer: " + String.join("; ", p);
            });
            answer = text(completion).orElse("");
            problems = found.isEmpty() ? JsonSchemas.problems(jsonSchema, answer) : found.get(found.size() - 1);
            if (problems.isEmpty()) {
                return JsonSchemas.stripFences(answer);
            }
            params.addAssistantMessage(answer);
            params.addUserMessage("That answer is not valid against the schema: " + String.join("; ", problems)
                    + ". Answer again with only the corrected JSON object.");
        }
        throw new LlmAnswerInvalidException(
                "the model's answer for " + purpose + " was not valid against its JSON schema after "
                        + (rt.settings.jsonRetries() + 1) + " attempts: " + String.join("; ", problems),
                answer);
    }

    @Override
    public ToolLoop runTools(
            String purpose, List<ChatMessage> messages, List<Tool> tools, Tool.ToolCall caller, int maxRounds)
            throws LlmUnavailableException {
        trimmed.set(false);
        if (maxRounds < 1 || maxRounds > 10) {
            throw new IllegalArgumentException("maxRounds must be between 1 and 10, was " + maxRounds);
        }
        Map<String, Tool> byName = new LinkedHashMap<>();
        ChatCompletionCreateParams.Builder params = base(messages);
        List<ChatCompletionFunctionTool> offered = new ArrayList<>();
        int toolTokens = 0;
        for (Tool tool : tools) {
            if (tool.writes()) {
                continue;
            }
            byName.put(tool.name(), tool);
            FunctionParameters.Builder schema = FunctionParameters.builder();
            Iterator<Map.Entry<String, JsonNode>> fields =
                    JsonSchemas.parse(tool.inputSchema()).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                schema.putAdditionalProperty(
                        f.getKey(), JsonValue.from(Json.MAPPER.convertValue(f.getValue(), Object.class)));
            }
            ChatCompletionFunctionTool function = ChatCompletionFunctionTool.builder()
                    .function(FunctionDefinition.builder()
                            .name(tool.name())
                            .description(tool.description())
                            .parameters(schema.build())
                            .build())
                    .build();
            offered.add(function);
            params.addTool(function);
            toolTokens += rt.context.estimate(tool.name() + " " + tool.description() + " " + tool.inputSchema());
        }
        if (!byName.isEmpty() && rt.capabilities.tools() == ServerCapabilities.Tools.PROMPTED) {
            return plannedTools(purpose, messages, byName, caller, maxRounds);
        }
        List<ToolCallRecord> records = new ArrayList<>();
        List<Object> turns = new ArrayList<>(); // the model's calls (ChatCompletionMessage) and their ToolTurn results
        for (int round = 0; round < maxRounds; round++) {
            ChatCompletion completion;
            try {
                completion = complete(
                        purpose, round == 0 ? params : toolRound(purpose, messages, offered, toolTokens, turns));
            } catch (LlmUnavailableException e) {
                if (round > 0 || byName.isEmpty() || !ServerCapabilities.refusesTools(e)) {
                    throw e;
                }
                rt.capabilities.toolsUnsupported(e.getMessage());
                return plannedTools(purpose, messages, byName, caller, maxRounds);
            }
            ChatCompletionMessage message = completion.choices().get(0).message();
            List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
            if (!calls.isEmpty()) {
                rt.capabilities.toolsNative();
            }
            if (calls.isEmpty()) {
                if (round == 0
                        && !byName.isEmpty()
                        && rt.capabilities.tools() == ServerCapabilities.Tools.UNKNOWN
                        && !callsTools()) {
                    return plannedTools(purpose, messages, byName, caller, maxRounds);
                }
                return new ToolLoop(text(completion), List.copyOf(records), false);
            }
            turns.add(Reasoning.withoutThinking(message)); // thinking is not sent back
            for (ChatCompletionMessageToolCall call : calls) {
                Optional<ChatCompletionMessageFunctionToolCall> function = call.function();
                if (function.isEmpty()) {
                    continue;
                }
                String name = function.get().function().name();
                String arguments = function.get().function().arguments();
                ToolCallRecord record = invoke(byName.get(name), name, arguments, caller);
                records.add(record);
                turns.add(new ToolTurn(
                        function.get().id(),
                        record.failed() ? Json.write(Map.of("error", record.result())) : record.result()));
            }
        }
        return new ToolLoop(Optional.empty(), List.copyOf(records), true);
    }

    /** A tool's result in the conversation of a tool loop. */
    private record ToolTurn(String callId, String content) {}

    /**
     * A later round of the tool loop: the fitted messages, the tools, and the turns so far, the oldest tool results
     * left out (then the newest cut in its middle) when the whole would not fit the context window.
     */
    private ChatCompletionCreateParams.Builder toolRound(
            String purpose,
            List<ChatMessage> messages,
            List<ChatCompletionFunctionTool> offered,
            int toolTokens,
            List<Object> turns)
            throws LlmUnavailableException {
        ChatCompletionCreateParams.Builder params = base(messages);
        offered.forEach(params::addTool);
        List<String> results = new ArrayList<>();
        int callTokens = 0;
        for (Object turn : turns) {
            if (turn instanceof ToolTurn t) {
                results.add(t.content());
            } else if (turn instanceof ChatCompletionMessage m) {
                for (ChatCompletionMessageToolCall call : m.toolCalls().orElse(List.of())) {
                    callTokens += 4
                            + call.function()
                                    .map(f -> rt.context.estimate(f.function().name() + " "
                                            + f.function().arguments()))
                                    .orElse(0);
                }
            }
        }
        List<String> fitted = fittedResults(purpose, messages, toolTokens + callTokens + 4 * results.size(), results);
        int next = 0;
        for (Object turn : turns) {
            if (turn instanceof ToolTurn t) {
                params.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(t.callId())
                        .content(fitted.get(next++))
                        .build());
            } else {
                params.addMessage((ChatCompletionMessage) turn);
            }
        }
        return params;
    }

    /**
     * The tool results of a loop fitted into what the window leaves beside {@code messages} and {@code otherTokens};
     * the same list when they fit or the window is unknown.
     */
    private List<String> fittedResults(
            String purpose, List<ChatMessage> messages, int otherTokens, List<String> results)
            throws LlmUnavailableException {
        Optional<Integer> window = rt.context.tokens();
        if (window.isEmpty() || results.isEmpty()) {
            return results;
        }
        int room = ContextWindow.budget(window.get())
                - rt.context.fit(messages, window.get()).estimate()
                - otherTokens;
        int total = results.stream().mapToInt(rt.context::estimate).sum();
        if (total <= room) {
            return results;
        }
        trimmed.set(true);
        log.info(
                "the tool results of {} ({}) were shortened from about {} tokens to fit the {}-token context window",
                moduleId,
                purpose,
                total,
                window.get());
        return rt.context.fitResults(results, Math.max(0, room));
    }

    /** The tool the probe offers; its name is one no module tool has (module tools carry no such prefix). */
    static final String PROBE_TOOL = "ratchet_probe";

    /**
     * Whether the model calls tools at all, asked once when a first tool-loop round answered in text: a server that
     * drops {@code tools} silently looks the same as a model that chose to answer. The probe offers one tool and forces
     * it ({@code tool_choice}); a server that honours tools must call it. Learnt as {@link ServerCapabilities.Tools};
     * a probe that fails learns nothing and the text answer stands.
     */
    boolean callsTools() {
        ChatCompletionCreateParams.Builder probe = ChatCompletionCreateParams.builder()
                .model(rt.settings.model())
                .addUserMessage("Call the function " + PROBE_TOOL + " with no arguments.")
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder()
                                .name(PROBE_TOOL)
                                .description("Checks that tools can be called.")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty("properties", JsonValue.from(Map.of()))
                                        .build())
                                .build())
                        .build())
                .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.ofNamedToolChoice(
                        com.openai.models.chat.completions.ChatCompletionNamedToolChoice.builder()
                                .function(
                                        com.openai.models.chat.completions.ChatCompletionNamedToolChoice.Function
                                                .builder()
                                                .name(PROBE_TOOL)
                                                .build())
                                .build()));
        try {
            ChatCompletion answer = complete("tool-probe", probe);
            if (answer.choices().get(0).message().toolCalls().orElse(List.of()).isEmpty()) {
                rt.capabilities.toolsUnsupported("it answered a forced tool call in text: the server drops tools");
                return false;
            }
            rt.capabilities.toolsNative();
            return true;
        } catch (LlmUnavailableException e) {
            if (ServerCapabilities.refusesTools(e)) {
                rt.capabilities.toolsUnsupported(e.getMessage());
                return false;
            }
            return true; // unknown still: take the answer as it is, and ask again another time
        }
    }

    /**
     * The tool loop for a model that does not call tools: each round asks for a JSON plan, {@code {"tool", "arguments"}}
     * to call one of the tools or {@code {"tool": "none", "answer"}} to answer; the arguments are validated against
     * the tool's schema like native calls, and the result (or the error) is fed back as the next user message.
     */
    @SuppressWarnings("unchecked")
    private ToolLoop plannedTools(
            String purpose, List<ChatMessage> messages, Map<String, Tool> byName, Tool.ToolCall caller, int maxRounds)
            throws LlmUnavailableException {
        StringBuilder tools = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (Tool t : byName.values()) {
            tools.append("\n- ")
                    .append(t.name())
                    .append(": ")
                    .append(t.description())
                    .append("\n  arguments (JSON Schema): ")
                    .append(t.inputSchema());
            names.append(Json.write(t.name())).append(", ");
        }
        String schema = "{\"type\": \"object\", \"required\": [\"tool\"], \"properties\": {"
                + "\"tool\": {\"type\": \"string\", \"enum\": [" + names + "\"none\"]}, "
                + "\"arguments\": {\"type\": \"object\"}, \"answer\": {\"type\": \"string\"}}}";
        List<ChatMessage> head = new ArrayList<>();
        head.add(ChatMessage.system("You can call tools to get facts. To call one, answer "
                + "{\"tool\": \"<name>\", \"arguments\": {...}} with arguments valid against its schema; you will get its "
                + "result and may call another. When you can answer, answer {\"tool\": \"none\", \"answer\": \"<your answer "
                + "to the user>\"}. The tools:" + tools));
        head.addAll(messages);
        List<String[]> steps = new ArrayList<>(); // {plan, tool name, result}
        List<ToolCallRecord> records = new ArrayList<>();
        for (int round = 0; round < maxRounds; round++) {
            List<ChatMessage> conversation = new ArrayList<>(head);
            if (!steps.isEmpty()) {
                List<ChatMessage> withSchema = new ArrayList<>(head);
                withSchema.add(0, ChatMessage.system(schema));
                int other = 0;
                for (String[] step : steps) {
                    other += rt.context.estimate(step[0]) + rt.context.estimate("Result of " + step[1] + ": ") + 30;
                }
                List<String> fitted = fittedResults(
                        purpose,
                        withSchema,
                        other,
                        steps.stream().map(st -> st[2]).toList());
                for (int i = 0; i < steps.size(); i++) {
                    conversation.add(new ChatMessage("assistant", steps.get(i)[0]));
                    conversation.add(ChatMessage.user("Result of " + steps.get(i)[1] + ": " + fitted.get(i)
                            + "\nAnswer with the next JSON object: another tool call, or the answer."));
                }
            }
            String planned = structured(purpose, conversation, schema, answer -> List.of());
            Map<String, Object> plan = Json.readMap(planned);
            String name = String.valueOf(plan.get("tool"));
            if (name.equals("none")) {
                return new ToolLoop(
                        Optional.ofNullable(plan.get("answer"))
                                .map(String::valueOf)
                                .filter(a -> !a.isBlank()),
                        List.copyOf(records),
                        false);
            }
            String arguments = Json.write(plan.get("arguments") instanceof Map<?, ?> a ? a : Map.of());
            ToolCallRecord record = invoke(byName.get(name), name, arguments, caller);
            records.add(record);
            steps.add(new String[] {
                planned, name, record.failed() ? Json.write(Map.of("error", record.result())) : record.result()
            });
        }
        return new ToolLoop(Optional.empty(), List.copyOf(records), true);
    }

    private static ToolCallRecord invoke(Tool tool, String name, String arguments, Tool.ToolCall caller) {
        if (tool == null) {
            return new ToolCallRecord(name, arguments, "there is no tool named " + name, true);
        }
        List<String> problems =
                JsonSchemas.problems(tool.inputSchema(), arguments == null || arguments.isBlank() ? "{}" : arguments);
        if (!problems.isEmpty()) {
            return new ToolCallRecord(name, arguments, "invalid arguments: " + String.join("; ", problems), true);
        }
        try {
            Object result = tool.function()
                    .call(Json.readMap(arguments == null || arguments.isBlank() ? "{}" : arguments), caller);
            return new ToolCallRecord(name, arguments, result instanceof String s ? s : Json.write(result), false);
        } catch (Exception e) {
            return new ToolCallRecord(name, arguments, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    @Override
    public List<float[]> embed(List<String> texts) throws LlmUnavailableException {
        long t0 = System.nanoTime();
        try {
            List<float[]> vectors = rt.embedder.embed(texts);
            if (!rt.settings.embeddingRemote()) { // remote calls are recorded by the backend
                rt.calls.record(new LlmCallLog.Call(
                        moduleId,
                        "embedding",
                        "embedding",
                        rt.embedder.model(),
                        Map.of(
                                "inputs",
                                texts.size(),
                                "chars",
                                texts.stream()
                                        .mapToInt(t -> t == null ? 0 : t.length())
                                        .sum()),
                        Map.of("vectors", vectors.size()),
                        null,
                        null,
                        (System.nanoTime() - t0) / 1_000_000,
                        null));
            }
            return vectors;
        } catch (RuntimeException e) {
            throw new LlmUnavailableException("embedding failed: " + e.getMessage(), e);
        }
    }

    /** The messages fitted into the model's context window, when it is known ({@link ContextWindow}). */
    private List<ChatMessage> fitted(List<ChatMessage> messages) throws LlmUnavailableException {
        Optional<Integer> window = rt.context.tokens();
        if (window.isEmpty()) {
            return messages;
        }
        ContextWindow.Fitted f = rt.context.fit(messages, window.get());
        if (f.trimmed()) {
            trimmed.set(true);
            log.info(
                    "a prompt of {} was trimmed from about {} to {} tokens to fit the {}-token context window",
                    moduleId,
                    rt.context.estimate(messages),
                    f.estimate(),
                    window.get());
        }
        return f.messages();
    }

    private ChatCompletionCreateParams.Builder base(List<ChatMessage> unfitted) throws LlmUnavailableException {
        List<ChatMessage> messages = fitted(unfitted);
        ChatCompletionCreateParams.Builder params =
                ChatCompletionCreateParams.builder().model(rt.settings.model());
        for (ChatMessage m : messages) {
            switch (m.role()) {
                case "system" -> params.addSystemMessage(m.content());
                case "assistant" -> params.addAssistantMessage(m.content());
                case "user" -> params.addUserMessage(m.content());
                default ->
                    throw new IllegalArgumentException(
                            "unknown chat role '" + m.role() + "'; use system, user or assistant");
            }
        }
        return params;
    }

    private ChatCompletion complete(String purpose, ChatCompletionCreateParams.Builder params)
            throws LlmUnavailableException {
        return complete(purpose, params, c -> null);
    }

    private ChatCompletion complete(
            String purpose,
            ChatCompletionCreateParams.Builder params,
            java.util.function.Function<ChatCompletion, String> invalid)
            throws LlmUnavailableException {
        rt.requireChat();
        rt.checkBudget(moduleId);
        var limit = rt.limit(moduleId);
        try {
            limit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted while waiting for an LLM slot", e);
        }
        try {
            ChatCompletion completion = rt.backend.complete(
                    moduleId,
                    purpose,
                    params.build(),
                    invalid,
                    rt.context.tokens().orElse(null));
            if (completion.choices().isEmpty()) {
                throw new LlmUnavailableException("the model returned no choices");
            }
            rt.noteSuccess();
            return completion;
        } catch (LlmUnavailableException e) {
            rt.noteUnreachable(e);
            rt.noteFailure(e);
            throw e;
        } finally {
            limit.release();
        }
    }

    /** The answer, without a reasoning model's thinking. */
    private static Optional<String> text(ChatCompletion completion) {
        return Optional.of(Reasoning.of(completion).answer()).filter(s -> !s.isBlank());
    }
}
