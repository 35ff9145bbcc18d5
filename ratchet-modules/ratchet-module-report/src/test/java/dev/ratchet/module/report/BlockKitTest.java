package dev.ratchet.module.report;

import dev.ratchet.spi.JsonText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BlockKitTest {

    @Test
    void ampersands_and_angle_brackets_are_escaped_for_slack() {
        assertThat(BlockKit.escape("p99 > 2s & errors < 1% for <@U1>")).isEqualTo("p99 &gt; 2s &amp; errors &lt; 1% for &lt;@U1&gt;");
        assertThat(BlockKit.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(BlockKit.escape(null)).isEmpty();
        assertThat(BlockKit.escape("plain *bold* text")).isEqualTo("plain *bold* text");
    }

    @Test
    void blocks_are_a_json_array_that_reads_back_to_the_same_text() {
        String quoted = "disk \"97%\" on db-1\n\\var\\log";
        String json = new BlockKit().header("Report").section("*Per alert*\n" + BlockKit.escape(quoted))
                .fields(List.of("*Firings*\n3", "*Resolved*\n2")).divider().context("times in UTC").toJson();

        @SuppressWarnings("unchecked") List<Map<String, Object>> blocks = (List<Map<String, Object>>) JsonText.parse(json);
        assertThat(blocks).extracting(b -> b.get("type")).containsExactly("header", "section", "section", "divider", "context");
        assertThat(blocks.get(0).get("text")).isEqualTo(Map.of("type", "plain_text", "text", "Report", "emoji", true));
        assertThat(blocks.get(1).get("text")).isEqualTo(Map.of("type", "mrkdwn", "text", "*Per alert*\n" + quoted));
        assertThat((List<?>) blocks.get(2).get("fields")).hasSize(2);
        assertThat(blocks.get(4).get("elements")).isEqualTo(List.of(Map.of("type", "mrkdwn", "text", "times in UTC")));
    }

    @Test
    void escaped_text_survives_json_encoding_unchanged() {
        String json = new BlockKit().section(BlockKit.escape("a < b & c > d")).toJson();
        assertThat(json).contains("a &lt; b &amp; c &gt; d").doesNotContain("a < b");
    }

    @Test
    void long_sections_are_cut_at_a_line_break_within_slack_limits() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 5000; i++) {
            text.append("• line ").append(i).append(" &amp; more\n");
        }
        String json = new BlockKit().section(text.toString()).toJson();
        @SuppressWarnings("unchecked") List<Map<String, Map<String, String>>> blocks = (List<Map<String, Map<String, String>>>) JsonText.parse(json);
        String kept = blocks.get(0).get("text").get("text");
        assertThat(kept.length()).isLessThanOrEqualTo(BlockKit.MAX_SECTION);
        assertThat(kept).endsWith(" more…");
    }

    @Test
    void a_cut_never_splits_an_escape() {
        String text = "x".repeat(95) + "&amp;" + "y".repeat(20);
        assertThat(BlockKit.cut(text, 98)).isEqualTo("x".repeat(95) + "…");
    }

    @Test
    void more_than_ten_fields_and_fifty_blocks_are_dropped_rather_than_refused_by_slack() {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            fields.add("f" + i);
        }
        BlockKit kit = new BlockKit().fields(fields);
        for (int i = 0; i < 60; i++) {
            kit.divider();
        }
        @SuppressWarnings("unchecked") List<Map<String, Object>> blocks = (List<Map<String, Object>>) JsonText.parse(kit.toJson());
        assertThat(blocks).hasSize(BlockKit.MAX_BLOCKS);
        assertThat((List<?>) blocks.get(0).get("fields")).hasSize(BlockKit.MAX_FIELDS);
    }

    @Test
    void empty_text_becomes_a_space_because_slack_refuses_empty_text_objects() {
        assertThat(new BlockKit().section("").toJson()).contains("\"text\":\" \"");
    }
}
