package dev.ratchet.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockKitTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(BlockKit kit) {
        return (List<Map<String, Object>>) JsonText.parse(kit.toJson());
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> block) {
        return ((Map<String, String>) block.get("text")).get("text");
    }

    @Test
    void blocks_are_a_json_array_that_reads_back_to_the_same_text() {
        String quoted = "disk \"97%\" on db-1\n\\var\\log\tü 👍";
        BlockKit kit = BlockKit.empty()
                .header("Report")
                .section("*Per alert*\n" + BlockKit.escape(quoted))
                .section("*Totals*", List.of("*Firings*\n3", "*Resolved*\n2"))
                .fields(List.of("a", "b"))
                .divider()
                .context("times in UTC", "by Ratchet");

        List<Map<String, Object>> blocks = parse(kit);
        assertThat(blocks)
                .extracting(b -> b.get("type"))
                .containsExactly("header", "section", "section", "section", "divider", "context");
        assertThat(blocks.get(0).get("text")).isEqualTo(Map.of("type", "plain_text", "text", "Report", "emoji", true));
        assertThat(blocks.get(1).get("text")).isEqualTo(Map.of("type", "mrkdwn", "text", "*Per alert*\n" + quoted));
        assertThat(blocks.get(2).get("text")).isEqualTo(Map.of("type", "mrkdwn", "text", "*Totals*"));
        assertThat(blocks.get(2).get("fields"))
                .isEqualTo(List.of(
                        Map.of("type", "mrkdwn", "text", "*Firings*\n3"),
                        Map.of("type", "mrkdwn", "text", "*Resolved*\n2")));
        assertThat(blocks.get(3)).doesNotContainKey("text").containsKey("fields");
        assertThat(blocks.get(4)).isEqualTo(Map.of("type", "divider"));
        assertThat(blocks.get(5).get("elements"))
                .isEqualTo(List.of(
                        Map.of("type", "mrkdwn", "text", "times in UTC"),
                        Map.of("type", "mrkdwn", "text", "by Ratchet")));
        assertThat(kit).hasToString(kit.toJson());
    }

    @Test
    void an_empty_builder_writes_an_empty_array_and_empty_lists_add_no_block() {
        assertThat(BlockKit.empty().toJson()).isEqualTo("[]");
        assertThat(BlockKit.empty().fields(List.of()).context().toJson()).isEqualTo("[]");
        assertThat(parse(BlockKit.empty().section("x", List.of())))
                .singleElement()
                .satisfies(b -> assertThat(b).doesNotContainKey("fields"));
    }

    @Test
    void the_builder_is_immutable_so_a_shared_prefix_can_be_reused() {
        BlockKit start = BlockKit.empty().header("Weekly report");
        BlockKit withSection = start.section("one");
        BlockKit withDivider = start.divider();

        assertThat(parse(start)).hasSize(1);
        assertThat(parse(withSection)).extracting(b -> b.get("type")).containsExactly("header", "section");
        assertThat(parse(withDivider)).extracting(b -> b.get("type")).containsExactly("header", "divider");
    }

    @Test
    void user_text_is_escaped_and_markup_is_not() {
        assertThat(BlockKit.escape("p99 > 2s & errors < 1% for <@U1> <!channel>"))
                .isEqualTo("p99 &gt; 2s &amp; errors &lt; 1% for &lt;@U1&gt; &lt;!channel&gt;");
        assertThat(BlockKit.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(BlockKit.escape("plain *bold* _it_ `code`")).isEqualTo("plain *bold* _it_ `code`");
        assertThat(BlockKit.escape(null)).isEmpty();

        String json = BlockKit.empty()
                .section("*" + BlockKit.escape("a < b & c > d") + "* <@U1>")
                .toJson();
        assertThat(json).contains("*a &lt; b &amp; c &gt; d* <@U1>").doesNotContain("a < b");
    }

    @Test
    void links_escape_their_label_and_keep_the_url_in_one_piece() {
        assertThat(BlockKit.link("https://ex.com/p?a=1&b=2", "Databases > Disk full & more"))
                .isEqualTo("<https://ex.com/p?a=1&b=2|Databases &gt; Disk full &amp; more>");
        assertThat(BlockKit.link("https://ex.com/a b|c<d>", "x")).isEqualTo("<https://ex.com/a%20b%7Cc%3Cd%3E|x>");
        assertThat(BlockKit.link("https://ex.com", null)).isEqualTo("<https://ex.com>");
        assertThat(BlockKit.link("https://ex.com", "")).isEqualTo("<https://ex.com>");
        assertThatThrownBy(() -> BlockKit.link(" ", "label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a URL");
    }

    @Test
    void long_sections_are_cut_at_a_line_break_and_marked() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 5000; i++) {
            text.append("• line ").append(i).append(" &amp; more\n");
        }
        String kept = text(parse(BlockKit.empty().section(text.toString())).get(0));
        assertThat(kept).hasSizeLessThanOrEqualTo(BlockKit.MAX_TEXT_CHARS).endsWith(" more…");
        assertThat(text.toString()).startsWith(kept.substring(0, kept.length() - 1) + "\n");
    }

    @Test
    void text_without_breaks_is_cut_at_the_limit() {
        String kept = text(parse(BlockKit.empty().section("x".repeat(5000))).get(0));
        assertThat(kept).isEqualTo("x".repeat(BlockKit.MAX_TEXT_CHARS - 1) + "…");
        assertThat(BlockKit.truncate("abcdef", 6)).isEqualTo("abcdef");
        assertThat(BlockKit.truncate("abcdef", 4)).isEqualTo("abc…");
        assertThat(BlockKit.truncate("one two three four", 12)).isEqualTo("one two…");
    }

    @Test
    void a_cut_never_splits_an_escape_a_link_or_an_emoji() {
        assertThat(BlockKit.truncate("x".repeat(95) + "&amp;" + "y".repeat(20), 98))
                .isEqualTo("x".repeat(95) + "…");
        assertThat(BlockKit.truncate("x".repeat(60) + "<https://example.com/a/long/path|label>" + "y".repeat(10), 80))
                .isEqualTo("x".repeat(60) + "…");
        assertThat(BlockKit.truncate("ab👍cd", 4)).isEqualTo("ab…");
        assertThat(BlockKit.truncate("x".repeat(60) + " a < b " + "y".repeat(30), 70))
                .isEqualTo("x".repeat(60) + " a < b…");
    }

    @Test
    void truncate_rejects_a_limit_below_one() {
        assertThatThrownBy(() -> BlockKit.truncate("abc", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxChars must be at least 1");
        assertThat(BlockKit.truncate("abc", 1)).isEqualTo("…");
    }

    @Test
    void headers_are_one_line_of_at_most_150_characters() {
        Map<String, Object> header = parse(BlockKit.empty().header("Runbook:\n  DiskFull " + "h".repeat(200)))
                .get(0);
        assertThat(text(header))
                .startsWith("Runbook: DiskFull hhh")
                .hasSize(BlockKit.MAX_HEADER_CHARS)
                .endsWith("…");
    }

    @Test
    void fields_are_cut_to_2000_characters_and_continue_in_sections_of_ten() {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            fields.add("f" + i);
        }
        fields.set(0, "z".repeat(2500));
        List<Map<String, Object>> blocks = parse(BlockKit.empty().section("*Totals*", fields));

        assertThat(blocks).hasSize(3);
        assertThat(blocks).extracting(b -> ((List<?>) b.get("fields")).size()).containsExactly(10, 10, 3);
        assertThat(text(blocks.get(0))).isEqualTo("*Totals*");
        assertThat(blocks.get(1)).doesNotContainKey("text");
        @SuppressWarnings("unchecked")
        Map<String, String> first =
                (Map<String, String>) ((List<?>) blocks.get(0).get("fields")).get(0);
        assertThat(first.get("text")).hasSize(BlockKit.MAX_FIELD_CHARS).endsWith("…");
        assertThat((List<?>) blocks.get(2).get("fields")).last().isEqualTo(Map.of("type", "mrkdwn", "text", "f22"));
    }

    @Test
    void context_elements_beyond_ten_continue_in_another_context_block() {
        String[] elements = new String[12];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = "e" + i;
        }
        assertThat(parse(BlockKit.empty().context(elements)))
                .extracting(b -> ((List<?>) b.get("elements")).size())
                .containsExactly(10, 2);
    }

    @Test
    void beyond_fifty_blocks_the_last_one_says_how_many_were_left_out() {
        BlockKit kit = BlockKit.empty();
        for (int i = 0; i < 60; i++) {
            kit = kit.section("s" + i);
        }
        List<Map<String, Object>> blocks = parse(kit);
        assertThat(blocks).hasSize(BlockKit.MAX_BLOCKS);
        assertThat(text(blocks.get(48))).isEqualTo("s48");
        assertThat(blocks.get(49).get("type")).isEqualTo("context");
        assertThat(blocks.get(49).get("elements").toString()).contains("11 more blocks left out");

        BlockKit exactly = BlockKit.empty();
        for (int i = 0; i < BlockKit.MAX_BLOCKS; i++) {
            exactly = exactly.divider();
        }
        assertThat(parse(exactly))
                .hasSize(BlockKit.MAX_BLOCKS)
                .allSatisfy(b -> assertThat(b.get("type")).isEqualTo("divider"));
    }

    @Test
    void empty_text_becomes_a_space_because_slack_refuses_empty_text_objects() {
        assertThat(BlockKit.empty().section("").toJson())
                .isEqualTo("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\" \"}}]");
        assertThat(text(parse(BlockKit.empty().header("")).get(0))).isEqualTo(" ");
    }

    @Test
    void null_text_is_refused_naming_what_was_null() {
        assertThatThrownBy(() -> BlockKit.empty().section(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("section text");
        assertThatThrownBy(() -> BlockKit.empty().fields(java.util.Arrays.asList("a", null)))
                .hasMessageContaining("field");
        assertThatThrownBy(() -> BlockKit.empty().header(null)).hasMessageContaining("header text");
    }
}
