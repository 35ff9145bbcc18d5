package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code ratchet tool}: any enabled module's tool, its arguments typed by the tool's input schema. */
@ExtendWith(RatchetDatabaseExtension.class)
class ToolCommandTest {

    static TestDatabase db;

    @BeforeAll
    static void database(TestDatabase database) {
        db = database;
    }

    record Result(int code, String out, String err) {}

    static Result ratchet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RatchetCommand.commandLine(Map.of(), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "--set", "llm.url=off"));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void calls_a_tool_with_typed_arguments_and_prints_json_or_lines() {
        Result json = ratchet("tool", "bot_usage", "--arg", "days=3", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"posts\" : 0").contains("\"llm_by_model\"");

        Result lines = ratchet("tool", "bot_usage", "--input", "{\"days\": 3}");
        assertThat(lines.code()).as(lines.err()).isZero();
        assertThat(lines.out()).contains("posts: 0");
    }

    @Test
    void a_result_that_is_text_prints_as_it_is() {
        Result text = ratchet("tool", "channel_report", "--arg", "channel=C0NOALERTS", "--arg", "format=text");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out())
                .startsWith("0 firings of 0 alerts; 0 resolved, 0 never resolved; 0 never acted on; 0 open too long"
                        + System.lineSeparator() + "Generation is off")
                .doesNotContain("text:");
    }

    @Test
    void shell_and_bench_without_the_devtools_jar_set_say_how_to_get_it() {
        CommandLine cl = RatchetCommand.withDevCommands(
                RatchetCommand.commandLine(Map.of(), Path.of("")), java.io.InputStream.nullInputStream());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("shell")).isEqualTo(2);
        assertThat(err.toString()).contains("'ratchet shell' ships in the optional devtools jar set (lib/devtools/");
        assertThat(cl.execute("bench", "reply")).isEqualTo(2);
        assertThat(err.toString()).contains("'ratchet bench' ships in the optional devtools jar set");
    }

    @Test
    void an_unknown_tool_lists_the_available_ones() {
        Result r = ratchet("tool", "no_such_tool");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("no tool 'no_such_tool'")
                .contains("available:")
                .contains("bot_usage", "channel_report");
    }

    @Test
    void bad_arguments_name_the_argument_and_the_fix() {
        Result mistyped = ratchet("tool", "bot_usage", "--arg", "days=seven");
        assertThat(mistyped.code()).isEqualTo(2);
        assertThat(mistyped.err())
                .contains("argument 'days' is integer, not 'seven'")
                .contains("days=7");

        Result unknown = ratchet("tool", "bot_usage", "--arg", "weeks=1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("argument 'weeks' is not one of bot_usage's: days");

        Result notPair = ratchet("tool", "bot_usage", "--arg", "days");
        assertThat(notPair.code()).isEqualTo(2);
        assertThat(notPair.err()).contains("--arg 'days' is not key=value");

        Result badJson = ratchet("tool", "bot_usage", "--input", "{days");
        assertThat(badJson.code()).isEqualTo(2);
        assertThat(badJson.err()).contains("--input is not valid JSON");

        Result rejected = ratchet("tool", "channel_report", "--arg", "channel=team-ops");
        assertThat(rejected.code()).isEqualTo(2);
        assertThat(rejected.err()).contains("channel_report: channel 'team-ops' is not a channel id");
    }
}
