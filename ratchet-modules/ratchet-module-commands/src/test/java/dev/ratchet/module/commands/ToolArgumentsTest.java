package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.ToolInputs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    record Search(String query, Optional<String> channel, Optional<Integer> days) {}

    record Report(String channel, Optional<Integer> days) {}

    record Restart(String service) {}

    static Tool tool(Class<? extends Record> input) {
        return new Tool("t", "a tool", ToolInputs.schemaOf(input), List.of(), false, (a, c) -> "ok");
    }

    @Test
    void the_query_takes_the_request_and_optional_arguments_stay_absent() {
        assertThat(ToolArguments.of(tool(Search.class)).fillTrivially("db-1 disk", "C1"))
                .isEqualTo(Map.of("query", "db-1 disk"));
    }

    @Test
    void a_required_channel_takes_the_requests_channel() {
        assertThat(ToolArguments.of(tool(Report.class)).fillTrivially("weekly report", "C1"))
                .isEqualTo(Map.of("channel", "C1"));
    }

    @Test
    void other_required_arguments_cannot_be_filled_without_a_model() {
        assertThat(ToolArguments.of(tool(Restart.class)).fillTrivially("restart the api", "C1"))
                .isNull();
    }

    @Test
    void proposed_arguments_lose_unknown_keys_and_report_missing_and_mistyped_ones() {
        ToolArguments args = ToolArguments.of(tool(Report.class));
        Map<String, Object> normalised = args.normalise(Map.of("days", "seven", "colour", "red"), "C1");
        assertThat(normalised).isEqualTo(Map.of("channel", "C1", "days", "seven"));
        assertThat(args.problems(normalised)).containsExactly("`days` must be an integer");
        assertThat(ToolArguments.of(tool(Restart.class)).problems(Map.of())).containsExactly("`service` is missing");
    }

    @Test
    void the_subject_of_a_request_leaves_out_the_words_naming_the_tool() {
        Tool search = new Tool(
                "search_messages", "searches", ToolInputs.schemaOf(Search.class), List.of(), false, (a, c) -> "ok");
        assertThat(ToolArguments.subject("search disk full", search)).isEqualTo("disk full");
        assertThat(ToolArguments.subject("search for disk full", search)).isEqualTo("disk full");
        assertThat(ToolArguments.subject("what happened to db-1", search)).isEqualTo("what happened to db-1");
        assertThat(ToolArguments.subject("search", search)).isEqualTo("search");
    }
}
