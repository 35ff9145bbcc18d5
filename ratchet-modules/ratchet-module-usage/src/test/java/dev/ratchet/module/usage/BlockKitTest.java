package dev.ratchet.module.usage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockKitTest {

    @Test
    void quote_escapes_what_json_requires_and_keeps_unicode() {
        assertThat(BlockKit.quote("say \"hi\"\\ now\n\tend\r\b\f")).isEqualTo("\"say \\\"hi\\\"\\\\ now\\n\\tend\\r\\b\\f\"");
        assertThat(BlockKit.quote("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
        assertThat(BlockKit.quote("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
        assertThat(BlockKit.quote("👍 café")).isEqualTo("\"👍 café\"");
        assertThat(BlockKit.quote(null)).isEqualTo("null");
    }

    @Test
    void escape_keeps_slack_control_characters_as_text() {
        assertThat(BlockKit.escape("<!channel> & <@U1> > x")).isEqualTo("&lt;!channel&gt; &amp; &lt;@U1&gt; &gt; x");
    }

    @Test
    void cut_shortens_to_the_limit_without_splitting_an_emoji() {
        assertThat(BlockKit.cut("abcdef", 6)).isEqualTo("abcdef");
        assertThat(BlockKit.cut("abcdef", 4)).isEqualTo("abc…").hasSize(4);
        assertThat(BlockKit.cut("ab👍cd", 4)).isEqualTo("ab…");
    }

    @Test
    void blocks_are_a_json_array_of_slack_block_objects() {
        String json = new BlockKit().header("Usage \"weekly\"").context("period").section("*bold* line\nnext").divider().build();
        assertThat(json).isEqualTo("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"Usage \\\"weekly\\\"\",\"emoji\":true}},"
                + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"period\"}]},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*bold* line\\nnext\"}},"
                + "{\"type\":\"divider\"}]");
    }

    @Test
    void fields_are_split_into_sections_of_ten_and_texts_cut_to_slacks_limits() {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fields.add("f" + i);
        }
        String json = new BlockKit().fields(fields).section("x".repeat(5000)).header("h".repeat(200)).build();
        assertThat(json.split("\"type\":\"section\"", -1)).hasSize(4); // two field sections and one text section
        assertThat(json).contains("\"f9\"}]},{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"f10\"}");
        assertThat(json).contains("x".repeat(2999) + "…\"").doesNotContain("x".repeat(3000));
        assertThat(json).contains("h".repeat(149) + "…\"").doesNotContain("h".repeat(150));
    }

    @Test
    void no_more_than_fifty_blocks_are_built() {
        BlockKit blocks = new BlockKit();
        for (int i = 0; i < 60; i++) {
            blocks.divider();
        }
        assertThat(blocks.build().split("divider", -1)).hasSize(51);
    }
}
