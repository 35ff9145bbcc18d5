package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultTextTest {

    final ResultText text = new ResultText((channel, ts) -> "https://slack.test/" + channel + "/" + ts, id -> "#ops");

    record Counted(String channel, Optional<String> ts, List<Integer> counts) {}

    record Posted(String channel, String ts, Map<String, Object> report) {}

    record Hit(String channel, String ts, String author, String text, String postedAt, double score) {}

    @Test
    void strings_are_shown_as_they_are() {
        assertThat(text.render("restarted api")).isEqualTo("restarted api");
        assertThat(text.render(Map.of("text", "the report\nin lines"))).isEqualTo("the report\nin lines");
    }

    @Test
    void records_and_maps_are_shown_as_labelled_lines_never_as_json_and_escaped() {
        assertThat(text.render(new Counted("C1", Optional.empty(), List.of(1, 2))))
                .isEqualTo("*Channel*: C1\n*Counts*: 2\n    • 1\n    • 2");
        assertThat(text.render(Map.of("never_acted_on", "<b>"))).isEqualTo("*Never acted on*: &lt;b&gt;");
    }

    @Test
    void what_a_tool_posted_is_a_link_to_the_post() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("totals", Map.of("firings", 3));
        assertThat(text.render(new Posted("C1", "1700000000.000100", report)))
                .isEqualTo("posted <https://slack.test/C1/1700000000.000100|in #ops>.");
    }

    @Test
    void messages_are_counted_and_listed_by_author_time_and_text_linked_to_them() {
        String shown = text.render(List.of(
                new Hit("C1", "1.1", "alice", "db-1 disk {full}\nagain", "2026-12-01T10:00:00Z", 0.5),
                new Hit("C1", "1.2", "bob", "rotated logs", "2026-12-01T11:00:00Z", 0.4)));
        assertThat(shown)
                .isEqualTo(
                        "2 results:\n• <https://slack.test/C1/1.1|alice> (2026-12-01 10:00 UTC): db-1 disk {full} again"
                                + "\n• <https://slack.test/C1/1.2|bob> (2026-12-01 11:00 UTC): rotated logs");
        assertThat(text.render(List.of())).isEqualTo("_Nothing found._");
    }

    @Test
    void a_result_recorded_as_json_is_rendered_the_same_way() {
        assertThat(text.renderJson("[{\"id\": \"INC-1\", \"title\": \"api latency\"}]"))
                .isEqualTo("1 result:\n• id: INC-1 · title: api latency");
    }

    @Test
    void long_results_are_cut_and_say_so() {
        String cut = text.render("x".repeat(10_000));
        assertThat(cut).hasSizeLessThanOrEqualTo(SlackText.MAX_RESULT).endsWith("(cut, 10000 characters in all)");
    }
}
