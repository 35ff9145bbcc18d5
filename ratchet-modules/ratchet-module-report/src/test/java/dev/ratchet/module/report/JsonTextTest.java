package dev.ratchet.module.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {

    @Test
    void strings_are_quoted_with_quotes_backslashes_and_control_characters_escaped() {
        assertThat(JsonText.quote("say \"hi\"\\\n\t\u0001\u2028")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\t\\u0001\\u2028\"");
    }

    @Test
    void maps_lists_numbers_booleans_and_null_are_written_in_order() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", Arrays.asList(true, null, 2.5, "x"));
        assertThat(JsonText.write(m)).isEqualTo("{\"b\":1,\"a\":[true,null,2.5,\"x\"]}");
    }

    @Test
    void what_is_written_parses_back_to_the_same_values() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "a < b & \"c\" \u00e9 \ud83d\ude80\n");
        m.put("n", 42L);
        m.put("list", List.of(Map.of("x", -1.5e3)));
        assertThat(JsonText.parse(JsonText.write(m))).isEqualTo(m);
    }

    @Test
    void escapes_and_whitespace_are_read() {
        assertThat(JsonText.parse(" { \"s\" : \"\\u00e9\\/\\\"\" , \"e\": [ ] , \"o\": {} } "))
                .isEqualTo(Map.of("s", "é/\"", "e", List.of(), "o", Map.of()));
    }

    @Test
    void malformed_json_is_refused_with_the_offset() {
        assertThatThrownBy(() -> JsonText.parse("{\"a\": }")).hasMessageContaining("offset 6");
        assertThatThrownBy(() -> JsonText.parse("{\"a\": 1} x")).hasMessageContaining("after the value");
        assertThatThrownBy(() -> JsonText.parse("[1, 2")).hasMessageContaining("unexpected end");
    }
}
