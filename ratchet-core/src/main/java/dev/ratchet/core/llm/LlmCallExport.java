package dev.ratchet.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.core.Json;
import dev.ratchet.core.storage.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private final Database db;

    public LlmCallExport(Database db) {
        this.db = db;
    }

    /** Writes the calls made in {@code [since, until)}, optionally of one module; returns how many. */
    public int write(Instant since, Instant until, String moduleId, Writer out) {
        int[] count = {0};
        db.withHandle(h -> {
            h.createQuery("""
                            select c.id, c.module_id, c.purpose, c.model, c.request, c.response, c.prompt_tokens, c.completion_tokens,
                                   c.latency_ms, c.event_key, c.channel_id, c.created_at, m.attrs -> 'reactions' as reactions
                              from llm_calls c
                              left join bot_posts p on p.id = c.bot_post_id
                              left join messages m on m.channel_id = p.channel_id and m.ts = p.ts
                             where c.kind = 'chat' and c.error is null and c.response is not null
                               and c.created_at >= :since and c.created_at < :until and (cast(:module as text) is null or c.module_id = :module)
                             order by c.id""")
                    .bind("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC)).bind("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                    .bind("module", moduleId)
                    .map((rs, ctx) -> {
                        ObjectNode line = Json.MAPPER.createObjectNode();
                        JsonNode request = readTree(rs.getString("request"));
                        JsonNode response = readTree(rs.getString("response"));
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
                        Map<String, Object> reactions = rs.getString("reactions") == null ? Map.of() : Json.readMap(rs.getString("reactions"));
                        int up = count(reactions, UP);
                        int down = count(reactions, DOWN);
                        line.put("label", up > down ? "good" : down > up ? "bad" : null);
                        line.putObject("feedback").put("up", up).put("down", down);
                        ObjectNode meta = line.putObject("metadata");
                        meta.put("id", rs.getLong("id"));
                        meta.put("module", rs.getString("module_id"));
                        meta.put("purpose", rs.getString("purpose"));
                        meta.put("model", rs.getString("model"));
                        meta.put("created_at", rs.getObject("created_at", OffsetDateTime.class).toInstant().toString());
                        meta.put("prompt_tokens", (Integer) rs.getObject("prompt_tokens"));
                        meta.put("completion_tokens", (Integer) rs.getObject("completion_tokens"));
                        meta.put("latency_ms", (Integer) rs.getObject("latency_ms"));
                        meta.put("event_key", rs.getString("event_key"));
                        meta.put("channel", rs.getString("channel_id"));
                        return line;
                    })
                    .forEach(line -> {
                        try {
                            out.write(Json.MAPPER.writeValueAsString(line));
                            out.write('\n');
                            count[0]++;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            return null;
        });
        return count[0];
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
