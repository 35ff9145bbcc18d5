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

    private final String moduleId;
    private final LlmRuntime rt;

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
    public String chat(String purpose, List<ChatMessage> messages) throws LlmUnavailableException {
        ChatCompletion completion = complete(purpose, base(messages));
        return text(completion).orElseThrow(() -> new LlmUnavailableException("the model answered with no text"));
    }

    @Override
    public String json(String purpose, List<ChatMessage> messages, String jsonSchema) throws LlmUnavailableException {
        JsonSchemas.parse(
                jsonSchema); // a broken schema is the module's bug: IllegalArgumentException, not a model failure
        List<ChatMessage> withSchema = new ArrayList<>();
        withSchema.add(ChatMessage.system(
                "Answer with one JSON object, and nothing else, valid against this JSON Schema:\n" + jsonSchema));
        withSchema.addAll(messages);
        ChatCompletionCreateParams.Builder params = base(withSchema)
                .responseFormat(ResponseFormatJsonObject.builder().build());
        return validJson(purpose, params, jsonSchema, answer -> List.of());
    }

    /**
     * {@link LlmService#json(String, List, Class)} with the binding to the record checked like the schema: an answer
     * that does not bind is retried, and recorded as an error like any invalid answer.
     */
    @Override
    public <R extends Record> R json(String purpose, List<ChatMessage> messages, Class<R> type)
            throws LlmUnavailableException {
        String schema = ToolInputs.schemaOf(type);
        JsonSchemas.parse(schema);
        List<ChatMessage> withSchema = new ArrayList<>();
        withSchema.add(ChatMessage.system(
                "Answer with one JSON object, and nothing else, valid against this JSON Schema:\n" + schema));
        withSchema.addAll(messages);
        ChatCompletionCreateParams.Builder params = base(withSchema)
                .responseFormat(ResponseFormatJsonObject.builder().build());
        String answer = validJson(purpose, params, schema, valid -> {
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
        if (maxRounds < 1 || maxRounds > 10) {
            throw new IllegalArgumentException("maxRounds must be between 1 and 10, was " + maxRounds);
        }
        Map<String, Tool> byName = new LinkedHashMap<>();
        ChatCompletionCreateParams.Builder params = base(messages);
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
            params.addTool(ChatCompletionFunctionTool.builder()
                    .function(FunctionDefinition.builder()
                            .name(tool.name())
                            .description(tool.description())
                            .parameters(schema.build())
                            .build())
                    .build());
        }
        List<ToolCallRecord> records = new ArrayList<>();
        for (int round = 0; round < maxRounds; round++) {
            ChatCompletion completion = complete(purpose, params);
            ChatCompletionMessage message = completion.choices().get(0).message();
            List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
            if (calls.isEmpty()) {
                return new ToolLoop(text(completion), List.copyOf(records), false);
            }
            params.addMessage(Reasoning.withoutThinking(message)); // thinking is not sent back
            for (ChatCompletionMessageToolCall call : calls) {
                Optional<ChatCompletionMessageFunctionToolCall> function = call.function();
                if (function.isEmpty()) {
                    continue;
                }
                String name = function.get().function().name();
                String arguments = function.get().function().arguments();
                ToolCallRecord record = invoke(byName.get(name), name, arguments, caller);
                records.add(record);
                params.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(function.get().id())
                        .content(record.failed() ? Json.write(Map.of("error", record.result())) : record.result())
                        .build());
            }
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

    private ChatCompletionCreateParams.Builder base(List<ChatMessage> messages) {
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
            ChatCompletion completion = rt.backend.complete(moduleId, purpose, params.build(), invalid);
            if (completion.choices().isEmpty()) {
                throw new LlmUnavailableException("the model returned no choices");
            }
            return completion;
        } catch (LlmUnavailableException e) {
            rt.noteUnreachable(e);
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
