package dev.ratchet.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.spi.Tool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolInputsTest {

    enum Scope {
        CHANNEL,
        WORKSPACE
    }

    record SearchInput(
            String query,
            Optional<String> channel,
            Optional<Integer> days,
            Scope scope,
            List<String> services,
            boolean exact) {}

    record Unsupported(Map<String, String> map) {}

    record Step(
            @Schema(minLength = 1) String title,
            @Schema(description = "why \"this\"") Optional<String> detail) {}

    record Plan(
            @Schema(name = "root_causes", maxItems = 5) List<String> rootCauses,
            @Schema(minItems = 1, maxItems = 3) List<Step> steps,
            @Schema(minimum = 1) List<Integer> sources) {}

    @Test
    void schema_lists_every_component_and_requires_the_non_optional_ones() {
        assertThat(ToolInputs.schemaOf(SearchInput.class))
                .isEqualTo("{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
                        + "\"query\": {\"type\": \"string\"}, \"channel\": {\"type\": \"string\"}, \"days\": {\"type\": \"integer\"}, "
                        + "\"scope\": {\"type\": \"string\", \"enum\": [\"CHANNEL\", \"WORKSPACE\"]}, "
                        + "\"services\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}, \"exact\": {\"type\": \"boolean\"}}, "
                        + "\"required\": [\"query\", \"scope\", \"services\", \"exact\"]}");
    }

    @Test
    void arguments_become_the_record() throws Exception {
        Tool tool = ToolInputs.tool(
                "search_messages",
                "Search.",
                SearchInput.class,
                List.of(),
                false,
                (input, call) -> input.query() + "|" + input.channel().orElse("-") + "|"
                        + input.days().orElse(0) + "|" + input.scope() + "|" + input.services() + "|" + input.exact());
        Object result = tool.function()
                .call(
                        Map.of(
                                "query",
                                "db",
                                "days",
                                7.0,
                                "scope",
                                "WORKSPACE",
                                "services",
                                List.of("api"),
                                "exact",
                                true),
                        new Tool.ToolCall("C1", "1.0", "U1"));
        assertThat(result).isEqualTo("db|-|7|WORKSPACE|[api]|true");
    }

    @Test
    void unsupported_component_types_are_refused_with_the_component_named() {
        assertThatThrownBy(() -> ToolInputs.schemaOf(Unsupported.class)).hasMessageContaining("Unsupported.map");
    }

    @Test
    void nested_records_and_schema_keywords_are_expressed_and_read() {
        assertThat(ToolInputs.schemaOf(Plan.class))
                .isEqualTo("{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
                        + "\"root_causes\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"maxItems\": 5}, "
                        + "\"steps\": {\"type\": \"array\", \"items\": {\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
                        + "\"title\": {\"type\": \"string\", \"minLength\": 1}, \"detail\": {\"type\": \"string\", \"description\": \"why \\\"this\\\"\"}}, "
                        + "\"required\": [\"title\"]}, \"minItems\": 1, \"maxItems\": 3}, "
                        + "\"sources\": {\"type\": \"array\", \"items\": {\"type\": \"integer\", \"minimum\": 1}}}, "
                        + "\"required\": [\"root_causes\", \"steps\", \"sources\"]}");
        Plan plan = ToolInputs.read(
                Plan.class,
                JsonText.parseObject(
                        "{\"root_causes\": [\"disk\"], \"steps\": [{\"title\": \"free it\"}], \"sources\": [2]}"));
        assertThat(plan)
                .isEqualTo(new Plan(List.of("disk"), List.of(new Step("free it", Optional.empty())), List.of(2)));
        assertThatThrownBy(() -> ToolInputs.read(
                        Plan.class, JsonText.parseObject("{\"root_causes\": [], \"steps\": [1], \"sources\": []}")))
                .hasMessageContaining("'steps' must be an object");
    }
}
