package dev.ratchet.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.ratchet.core.Json;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.LlmCallRepository;
import dev.ratchet.core.storage.LlmCallRepository.ChatCall;
import dev.ratchet.spi.LlmUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ratchet eval llm}: replays recorded chat calls ({@code llm_calls}) against the configured model, so a team can
 * compare a model with the one it runs on its own history before switching. Each recorded request is sent again, with
 * only the model changed (and the {@code response_format} the server takes); the answers are scored on:
 *
 * <ul>
 *   <li>schema validity, for the calls that asked for JSON (the schema is the one the module gave, from the prompt);
 *   <li>tool-choice agreement with the answers a 👍 labelled (the tools called, or an answer in text; for a model that
 *       plans in JSON, the plan's {@code tool});
 *   <li>latency (p50/p95), the recorded calls' against the replayed ones'.
 * </ul>
 *
 * The replayed calls are recorded under module {@code eval}; calls of {@code eval} and {@code doctor}, and the
 * tool-calling probe, are never replayed.
 */
public final class LlmReplay {

    /** What the prompt of a structured call starts with ({@link ModuleLlm}): the module's schema follows. */
    static final String SCHEMA_PROMPT =
            "Answer with one JSON object, and nothing else, valid against this JSON Schema:\n";

    /** The calls of these modules are checks, not history. */
    private static final Set<String> NOT_REPLAYED = Set.of("eval", "doctor");

    /** A recorded answer's tool choice differing from the replayed one. */
    public record Disagreement(long callId, String moduleId, String purpose, String recorded, String replayed) {
        @Override
        public String toString() {
            return "call " + callId + " (" + moduleId + "/" + purpose + "): recorded " + recorded + ", now " + replayed;
        }
    }

    /** A replayed JSON answer not valid against its schema. */
    public record Invalid(long callId, String moduleId, String purpose, String problem) {
        @Override
        public String toString() {
            return "call " + callId + " (" + moduleId + "/" + purpose + "): " + problem;
        }
    }

    /** The replay's figures. */
    public record Report(
            String model,
            Set<String> recordedModels,
            int replayed,
            int failed,
            String firstFailure,
            int jsonCalls,
            int jsonValid,
            int labelledToolCalls,
            int toolAgreement,
            Optional<Long> recordedP50,
            Optional<Long> recordedP95,
            Optional<Long> replayP50,
            Optional<Long> replayP95,
            List<Disagreement> disagreements,
            List<Invalid> invalid) {}

    private final LlmRuntime rt;
    private final LlmCallRepository calls;

    public LlmReplay(LlmRuntime rt, Database db) {
        this.rt = rt;
        this.calls = new LlmCallRepository(db);
    }

    /**
     * Replays at most {@code limit} successful chat calls of {@code [since, until)}, oldest first, optionally of one
     * module.
     *
     * @throws LlmUnavailableException when generation is off or the server does not answer at all
     */
    public Report run(Instant since, Instant until, String moduleId, int limit) throws LlmUnavailableException {
        rt.requireChat();
        List<ChatCall> recorded = new ArrayList<>();
        calls.chatCalls(since, until, moduleId, c -> {
            if (recorded.size() < limit && !NOT_REPLAYED.contains(c.moduleId()) && !"tool-probe".equals(c.purpose())) {
                recorded.add(c);
            }
        });
        Set<String> models = new TreeSet<>();
        List<Long> recordedMillis = new ArrayList<>();
        List<Long> replayMillis = new ArrayList<>();
        List<Disagreement> disagreements = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        int failed = 0;
        String firstFailure = null;
        int jsonCalls = 0;
        int jsonValid = 0;
        int labelled = 0;
        int agree = 0;
        for (ChatCall call : recorded) {
            models.add(call.model());
            if (call.latencyMillis() != null) {
                recordedMillis.add(call.latencyMillis().longValue());
            }
            ObjectNode request = object(call.requestJson());
            JsonNode answer =
                    object(call.responseJson()).path("choices").path(0).path("message");
            Optional<String> schema = schemaOf(request);
            boolean good = "good".equals(LlmCallExport.label(call.reactionsJson()));
            boolean choosesTools =
                    request.has("tools") || schema.map(LlmReplay::isPlan).orElse(false);
            ChatCompletion completion;
            long t0 = System.nanoTime();
            try {
                completion = send(call.purpose(), request);
            } catch (LlmUnavailableException e) {
                if (failed++ == 0) {
                    firstFailure = "call " + call.id() + ": " + e.getMessage();
                }
                if (schema.isPresent()) {
                    jsonCalls++;
                    invalid.add(new Invalid(call.id(), call.moduleId(), call.purpose(), "failed: " + e.getMessage()));
                }
                if (good && choosesTools) {
                    labelled++;
                    disagreements.add(new Disagreement(
                            call.id(), call.moduleId(), call.purpose(), choice(request, answer), "a failed call"));
                }
                continue;
            }
            replayMillis.add((System.nanoTime() - t0) / 1_000_000);
            String text = Reasoning.of(completion).answer();
            if (schema.isPresent()) {
                jsonCalls++;
                List<String> problems = JsonSchemas.problems(schema.get(), text);
                if (problems.isEmpty()) {
                    jsonValid++;
                } else {
                    invalid.add(new Invalid(call.id(), call.moduleId(), call.purpose(), String.join("; ", problems)));
                }
            }
            if (good && choosesTools) {
                labelled++;
                String before = choice(request, answer);
                String now = choice(request, replayedMessage(completion, text));
                if (before.equals(now)) {
                    agree++;
                } else {
                    disagreements.add(new Disagreement(call.id(), call.moduleId(), call.purpose(), before, now));
                }
            }
        }
        return new Report(
                rt.settings.model(),
                models,
                recorded.size(),
                failed,
                firstFailure,
                jsonCalls,
                jsonValid,
                labelled,
                agree,
                percentile(recordedMillis, 50),
                percentile(recordedMillis, 95),
                percentile(replayMillis, 50),
                percentile(replayMillis, 95),
                disagreements,
                invalid);
    }

    /**
     * Sends a recorded request with the configured model, in the JSON mode the server takes: a refused
     * {@code response_format} is learnt and the request sent again with the next, as modules' calls do.
     */
    private ChatCompletion send(String purpose, ObjectNode recorded) throws LlmUnavailableException {
        ObjectNode request = recorded.deepCopy();
        request.put("model", rt.settings.model());
        request.remove("stream");
        request.remove("stream_options");
        while (true) {
            ServerCapabilities.JsonMode mode = rt.capabilities.json();
            if (request.has("response_format")) {
                String type = request.path("response_format").path("type").asText("");
                if (type.equals("json_schema") && mode != ServerCapabilities.JsonMode.SCHEMA
                        || type.equals("json_object") && mode == ServerCapabilities.JsonMode.PROMPT) {
                    if (mode == ServerCapabilities.JsonMode.OBJECT) {
                        request.putObject("response_format").put("type", "json_object");
                    } else {
                        request.remove("response_format");
                    }
                }
            }
            ChatCompletionCreateParams params;
            try {
                params = ChatCompletionCreateParams.builder()
                        .body(ObjectMappers.jsonMapper()
                                .readValue(
                                        Json.MAPPER.writeValueAsString(request), ChatCompletionCreateParams.Body.class))
                        .build();
            } catch (IOException | RuntimeException e) {
                throw new LlmUnavailableException("the recorded request cannot be sent again: " + e.getMessage(), e);
            }
            try {
                return rt.backend.complete("eval", "replay " + purpose, params, c -> null, null);
            } catch (LlmUnavailableException e) {
                if (!request.has("response_format")
                        || mode == ServerCapabilities.JsonMode.PROMPT
                        || !ServerCapabilities.refusesFormat(e)) {
                    throw e;
                }
                rt.capabilities.jsonRefused(mode, e.getMessage());
            }
        }
    }

    /** The schema a structured call gave: from its prompt, or else its {@code response_format}. */
    static Optional<String> schemaOf(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            String content = m.path("content").asText("");
            if ("system".equals(m.path("role").asText()) && content.startsWith(SCHEMA_PROMPT)) {
                return Optional.of(content.substring(SCHEMA_PROMPT.length()));
            }
        }
        JsonNode format = request.path("response_format");
        if ("json_schema".equals(format.path("type").asText())
                && format.path("json_schema").has("schema")) {
            return Optional.of(format.path("json_schema").path("schema").toString());
        }
        return Optional.empty();
    }

    /** Whether a schema is the JSON plan of a model without tool calling ({@code {"tool", "arguments"}}). */
    private static boolean isPlan(String schema) {
        try {
            return Json.MAPPER.readTree(schema).path("properties").has("tool");
        } catch (IOException e) {
            return false;
        }
    }

    /** The tools an answer called ({@code a+b}), or {@code a text answer}; for a JSON plan, its tool. */
    static String choice(JsonNode request, JsonNode message) {
        if (request.has("tools")) {
            Set<String> names = new TreeSet<>();
            for (JsonNode call : message.path("tool_calls")) {
                names.add(call.path("function").path("name").asText());
            }
            return names.isEmpty() ? "a text answer" : String.join("+", names);
        }
        String content = message.path("content").asText("");
        try {
            String tool = Json.MAPPER
                    .readTree(JsonSchemas.stripFences(
                            Reasoning.split(content, null).answer()))
                    .path("tool")
                    .asText("");
            return tool.isEmpty() || tool.equals("none") ? "a text answer" : tool;
        } catch (IOException e) {
            return "no plan";
        }
    }

    /** The replayed answer as the recorded ones are: content without thinking, and the tool calls. */
    private static JsonNode replayedMessage(ChatCompletion completion, String text) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("content", text);
        var calls = message.putArray("tool_calls");
        for (ChatCompletionMessageToolCall call :
                completion.choices().get(0).message().toolCalls().orElse(List.of())) {
            call.function()
                    .ifPresent(f -> calls.addObject()
                            .putObject("function")
                            .put("name", f.function().name()));
        }
        return message;
    }

    static Optional<Long> percentile(Collection<Long> values, int p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()); // nearest rank
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }

    private static ObjectNode object(String json) {
        try {
            JsonNode node = json == null ? null : Json.MAPPER.readTree(json);
            return node instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
