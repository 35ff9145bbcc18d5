package dev.ratchet.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import dev.ratchet.core.Json;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** {@code response_format: json_schema} for a caller's schema, strict where OpenAI's strict mode can express it. */
final class StructuredOutput {

    /** Keywords strict mode refuses (OpenAI's structured outputs subset); a schema using one is sent non-strict. */
    private static final Set<String> NOT_STRICT = Set.of(
            "minLength",
            "maxLength",
            "patternProperties",
            "unevaluatedProperties",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "oneOf",
            "allOf",
            "not",
            "if",
            "then",
            "else",
            "dependentRequired",
            "dependentSchemas",
            "contains",
            "uniqueItems",
            "default");

    private StructuredOutput() {}

    /** The formats made, by purpose and schema (openai-java's models are immutable): a module asks with the same
     * few on every event. */
    private static final Map<java.util.List<String>, ResponseFormatJsonSchema> FORMATS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** At most this many formats are kept; past it the cache starts again (purposes and schemas are a module's few). */
    private static final int KEPT = 256;

    static ResponseFormatJsonSchema jsonSchema(String purpose, String schema) {
        java.util.List<String> key = java.util.List.of(purpose, schema);
        ResponseFormatJsonSchema made = FORMATS.get(key);
        if (made == null) {
            made = make(purpose, schema);
            if (FORMATS.size() >= KEPT) {
                FORMATS.clear();
            }
            FORMATS.put(key, made);
        }
        return made;
    }

    private static ResponseFormatJsonSchema make(String purpose, String schema) {
        JsonNode root = JsonSchemas.parse(schema);
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder body = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            body.putAdditionalProperty(
                    f.getKey(), JsonValue.from(Json.MAPPER.convertValue(f.getValue(), Object.class)));
        }
        String name = purpose.replaceAll("[^a-zA-Z0-9_-]", "_");
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(name.isEmpty() ? "answer" : name.substring(0, Math.min(64, name.length())))
                        .schema(body.build())
                        .strict(strictAllowed(root))
                        .build())
                .build();
    }

    /**
     * Whether strict mode can take {@code schema} as it is: every object closes its properties
     * ({@code additionalProperties: false}) and requires all of them, and no keyword outside strict mode's subset is
     * used. Strict mode would otherwise refuse the request, or (when made to fit) ask for more than the caller did.
     */
    static boolean strictAllowed(JsonNode schema) {
        if (schema.isArray()) {
            for (JsonNode item : schema) {
                if (!strictAllowed(item)) {
                    return false;
                }
            }
            return true;
        }
        if (!schema.isObject()) {
            return true;
        }
        Iterator<String> names = schema.fieldNames();
        while (names.hasNext()) {
            if (NOT_STRICT.contains(names.next())) {
                return false;
            }
        }
        JsonNode properties = schema.path("properties");
        if (properties.isObject() || "object".equals(schema.path("type").asText())) {
            if (!schema.path("additionalProperties").isBoolean()
                    || schema.path("additionalProperties").asBoolean()) {
                return false;
            }
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            Iterator<String> props = properties.fieldNames();
            while (props.hasNext()) {
                if (!required.contains(props.next())) {
                    return false;
                }
            }
            for (JsonNode p : properties) {
                if (!strictAllowed(p)) {
                    return false;
                }
            }
        }
        for (String nested : new String[] {"items", "anyOf", "$defs", "definitions"}) {
            JsonNode n = schema.path(nested);
            if (n.isObject() && nested.startsWith("$") || nested.equals("definitions")) {
                for (JsonNode d : n) {
                    if (!strictAllowed(d)) {
                        return false;
                    }
                }
            } else if (!n.isMissingNode() && !strictAllowed(n)) {
                return false;
            }
        }
        return true;
    }
}
