package dev.ratchet.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.core.Json;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.LlmCallRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Recorded chat calls as chat-format JSONL, for evals and fine-tuning: one line per successful call with the request's
 * messages plus the model's answer, its metadata, and the feedback on what the bot posted from it (👍 → {@code good},
 * 👎 → {@code bad}, both or neither → no label).
 */
public final class LlmCallExport {

    private static final List<String> UP = List.of("+1", "thumbsup", "white_check_mark", "heavy_check_mark");
    private static final List<String> DOWN = List.of("-1", "thumbsdown", "x");

    private final LlmCallRepository calls;

    public LlmCallExport(Database db) {
        this(new LlmCallRepository(db));
    }

    public LlmCallExport(LlmCallRepository calls) {
        this.calls = calls;
    }

    /** Writes the calls made in {@code [since, until)}, optionally of one module; returns how many. */
    public int write(Instant since, Instant until, String moduleId, Writer out) {
        int[] count = {0};
        calls.chatCalls(since, until, moduleId, call -> {
            ObjectNode line = Json.MAPPER.createObjectNode();
            JsonNode request = readTree(call.requestJson());
            JsonNode response = readTree(call.responseJson());
            ArrayNode messages = line.putArray("messages");
            request.path("messages").forEach(messages::add);
            JsonNode answer = response.path("choices").path(0).path("message");
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            if (answer.hasNonNull("content")) {
                assistant.set("content", answer.get("content"));
            }
            if (answer.has("tool_calls")) {
                assistant.set("tool_calls", answer.get("tool_calls"));
            }
            if (request.has("tools")) {
                line.set("tools", request.get("tools"));
            }
            Map<String, Object> reactions =
                    call.reactionsJson() == null ? Map.of() : Json.readMap(call.reactionsJson());
            int up = count(reactions, UP);
            int down = count(reactions, DOWN);
            line.put("label", label(call.reactionsJson()));
            line.putObject("feedback").put("up", up).put("down", down);
            ObjectNode meta = line.putObject("metadata");
            meta.put("id", call.id());
            meta.put("module", call.moduleId());
            meta.put("purpose", call.purpose());
            meta.put("model", call.model());
            meta.put("created_at", call.createdAt().toString());
            meta.put("prompt_tokens", call.promptTokens());
            meta.put("completion_tokens", call.completionTokens());
            meta.put("latency_ms", call.latencyMillis());
            meta.put("event_key", call.eventKey());
            meta.put("channel", call.channelId());
            try {
                out.write(Json.MAPPER.writeValueAsString(line));
                out.write('\n');
                count[0]++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return count[0];
    }

    /** The label of a post's reactions (JSON, or null): {@code good} for more 👍, {@code bad} for more 👎, or null. */
    static String label(String reactionsJson) {
        Map<String, Object> reactions = reactionsJson == null ? Map.of() : Json.readMap(reactionsJson);
        int up = count(reactions, UP);
        int down = count(reactions, DOWN);
        return up > down ? "good" : down > up ? "bad" : null;
    }

    private static int count(Map<String, Object> reactions, List<String> names) {
        int n = 0;
        for (String name : names) {
            if (reactions.get(name) instanceof List<?> users) {
                n += users.size();
            }
        }
        return n;
    }

    private static JsonNode readTree(String json) {
        try {
            return json == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
