package dev.ratchet.module.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a tool's structured output against its output schema for the MCP client, with the json-schema-validator
 * version the rest of Ratchet uses: the SDK's own validator needs its 2.x line, which cannot share a classpath with
 * core's 1.5 (see the root pom). Draft 2020-12 unless the schema names another with {@code $schema}.
 */
final class McpSchemaValidator implements JsonSchemaValidator {

    private final ObjectMapper mapper;

    McpSchemaValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        try {
            JsonNode schemaNode = mapper.valueToTree(schema);
            SpecVersion.VersionFlag version = schemaNode.has("$schema")
                    ? SpecVersionDetector.detect(schemaNode)
                    : SpecVersion.VersionFlag.V202012;
            JsonNode content = mapper.valueToTree(structuredContent);
            Set<ValidationMessage> problems =
                    JsonSchemaFactory.getInstance(version).getSchema(schemaNode).validate(content);
            if (!problems.isEmpty()) {
                return ValidationResponse.asInvalid("structured content does not match the tool's output schema: "
                        + problems.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; ")));
            }
            return ValidationResponse.asValid(mapper.writeValueAsString(content));
        } catch (Exception e) {
            return ValidationResponse.asInvalid(
                    "cannot check the structured content against the tool's output schema: " + e.getMessage());
        }
    }
}
