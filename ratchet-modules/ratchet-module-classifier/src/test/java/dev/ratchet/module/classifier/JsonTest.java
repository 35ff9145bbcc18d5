package dev.ratchet.module.classifier;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void object_with_every_kind_of_value_is_read() {
        Map<String, Object> o = Json.parseObject(" {\"a\": \"x\\n\\\"y\\\" \\u00e9\", \"n\": 330, \"f\": 1.5e1, \"t\": true, \"no\": null,"
                + " \"l\": [1, \"two\", {}], \"o\": {\"k\": false}} ");
        assertThat(o).containsEntry("a", "x\n\"y\" é").containsEntry("n", 330L).containsEntry("f", 15.0)
                .containsEntry("t", true).containsEntry("no", null).containsEntry("l", List.of(1L, "two", Map.of()))
                .containsEntry("o", Map.of("k", false));
    }

    @Test
    void written_json_reads_back_the_same() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", "Alert\"manager\\");
        m.put("text", "[FIRING:1] A\n\ttab \u0001 control");
        m.put("n", 42L);
        m.put("list", List.of(true, "x"));
        assertThat(Json.parseObject(Json.write(m))).isEqualTo(m);
    }

    @Test
    void malformed_or_trailing_text_is_refused_with_its_position() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).hasMessageContaining("character 6");
        assertThatThrownBy(() -> Json.parse("{} extra")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> Json.parse("{\"a\": \"unterminated")).hasMessageContaining("end of input");
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void deep_nesting_is_refused_instead_of_overflowing_the_stack() {
        assertThatThrownBy(() -> Json.parse("[".repeat(10_000))).hasMessageContaining("nested deeper");
    }
}
