package dev.ratchet.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void parses_objects_arrays_strings_numbers_and_literals() {
        Map<String, Object> m = JsonText.parseObject(
                "{\"a\": [1, 2.5, \"x\\n\\\"y\\\" \\u00e9\"], \"b\": {\"c\": true, \"d\": null}, \"e\": -3e2}");
        assertThat(m.get("a")).isEqualTo(List.of(1L, 2.5, "x\n\"y\" é"));
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) m.get("b");
        assertThat(b).containsEntry("c", true).containsEntry("d", null);
        assertThat(m.get("e")).isEqualTo(-300.0);
    }

    @Test
    void writes_what_it_reads() {
        String json = "{\"text\":\"a \\\"quote\\\"\\nline\",\"n\":[1,true,null]}";
        assertThat(JsonText.write(JsonText.parse(json))).isEqualTo(json);
    }

    @Test
    void malformed_json_names_the_position() {
        assertThatThrownBy(() -> JsonText.parse("{\"a\": }")).hasMessageContaining("character 6");
        assertThatThrownBy(() -> JsonText.parse("[1, 2")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> JsonText.parse("{} x")).hasMessageContaining("after the value");
    }
}
