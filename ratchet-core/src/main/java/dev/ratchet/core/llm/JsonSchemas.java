package dev.ratchet.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ratchet.core.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** JSON Schema (draft 2020-12) checks of LLM answers and tool arguments, with compiled schemas cached. */
final class JsonSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {}

    /** The schema as an object tree; throws IllegalArgumentException naming the problem when it is not JSON. */
    static JsonNode parse(String schema) {
        try {
            return Json.MAPPER.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the JSON schema is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Problems of {@code answer} against {@code schema}: empty when valid. */
    static List<String> problems(String schema, String answer) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(stripFences(answer));
        } catch (JsonProcessingException e) {
            return List.of("the answer is not JSON: " + e.getOriginalMessage());
        }
        if (node == null) {
            return List.of("the answer is empty");
        }
        JsonSchema compiled = CACHE.computeIfAbsent(schema, s -> FACTORY.getSchema(parse(s)));
        Set<ValidationMessage> messages = compiled.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Models like to wrap JSON in a Markdown code fence even in JSON mode. */
    static String stripFences(String answer) {
        String s = answer == null ? "" : answer.strip();
        if (s.startsWith("```")) {
            int firstNewline = s.indexOf('\n');
            int lastFence = s.lastIndexOf("```");
            if (firstNewline > 0 && lastFence > firstNewline) {
                return s.substring(firstNewline + 1, lastFence).strip();
            }
        }
        return s;
    }
}
