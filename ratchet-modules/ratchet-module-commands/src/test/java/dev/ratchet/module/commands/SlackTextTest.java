package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackTextTest {

    record Posted(String channel, Optional<String> ts, List<Integer> counts) {}

    @Test
    void strings_are_shown_as_they_are() {
        assertThat(SlackText.result("restarted api")).isEqualTo("restarted api");
    }

    @Test
    void records_maps_and_lists_are_shown_as_json_in_a_code_block_with_slack_characters_escaped() {
        assertThat(SlackText.result(new Posted("C1", Optional.empty(), List.of(1, 2))))
                .isEqualTo("```{\"channel\":\"C1\",\"ts\":null,\"counts\":[1,2]}```");
        assertThat(SlackText.result(Map.of("a", "<b>"))).isEqualTo("```{\"a\":\"&lt;b&gt;\"}```");
    }

    @Test
    void long_results_are_cut_and_say_so() {
        String cut = SlackText.result("x".repeat(10_000));
        assertThat(cut).hasSizeLessThanOrEqualTo(SlackText.MAX_RESULT).endsWith("(cut, 10000 characters in all)");
    }
}
