package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
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

/** {@code ratchet alerts}: the report module's alert analytics of the demo workspace, as text and as JSON. */
@ExtendWith(RatchetDatabaseExtension.class)
class AlertsCommandTest {

    static TestDatabase db;

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

    @BeforeAll
    static void demo(TestDatabase database) {
        db = database;
        Result demo = ratchet("demo");
        assertThat(demo.code()).as(demo.err()).isZero();
    }

    @Test
    void prints_the_channel_and_per_alert_figures_of_the_demo_channel() {
        Result r = ratchet("alerts", "--channel", "#team-ops", "--since", "30");
        assertThat(r.code()).as(r.err()).isZero();
        System.out.println(r.out());
        assertThat(r.out()).startsWith("Alerts of #team-ops, last 30 day(s)");
    }

    @Test
    void prints_json_in_the_api_convention() throws Exception {
        Result r = ratchet("alerts", "--channel", "team-ops", "--since", "30", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        System.out.println(r.out());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.get("channel").asText()).isEqualTo("C_DEMO_OPS");
    }
}
