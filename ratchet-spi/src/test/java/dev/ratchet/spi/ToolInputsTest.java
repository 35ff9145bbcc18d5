package dev.ratchet.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolInputsTest {

    enum Scope { CHANNEL, WORKSPACE }

    record SearchInput(String query, Optional<String> channel, Optional<Integer> days, Scope scope, List<String> services, boolean exact) {
    }

    record Unsupported(Map<String, String> map) {
    }

    @Test
    void schema_lists_every_component_and_requires_the_non_optional_ones() {
        assertThat(ToolInputs.schemaOf(SearchInput.class)).isEqualTo("{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
                + "\"query\": {\"type\": \"string\"}, \"channel\": {\"type\": \"string\"}, \"days\": {\"type\": \"integer\"}, "
                + "\"scope\": {\"type\": \"string\", \"enum\": [\"CHANNEL\", \"WORKSPACE\"]}, "
                + "\"services\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}, \"exact\": {\"type\": \"boolean\"}}, "
                + "\"required\": [\"query\", \"scope\", \"services\", \"exact\"]}");
    }

    @Test
    void arguments_become_the_record() throws Exception {
        Tool tool = ToolInputs.tool("search_messages", "Search.", SearchInput.class, List.of(), false,
                (input, call) -> input.query() + "|" + input.channel().orElse("-") + "|" + input.days().orElse(0) + "|" + input.scope()
                        + "|" + input.services() + "|" + input.exact());
        Object result = tool.function().call(Map.of("query", "db", "days", 7.0, "scope", "WORKSPACE", "services", List.of("api"), "exact", true),
                new Tool.ToolCall("C1", "1.0", "U1"));
        assertThat(result).isEqualTo("db|-|7|WORKSPACE|[api]|true");
    }

    @Test
    void unsupported_component_types_are_refused_with_the_component_named() {
        assertThatThrownBy(() -> ToolInputs.schemaOf(Unsupported.class)).hasMessageContaining("Unsupported.map");
    }
}
