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

/** {@code ratchet handoff}: the report module's shift hand-off of the demo workspace, as text and as JSON. */
@ExtendWith(RatchetDatabaseExtension.class)
class HandoffCommandTest {

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

    static Result demo;

    @BeforeAll
    static void demo(TestDatabase database) {
        db = database;
        demo = ratchet("demo");
        assertThat(demo.code()).as(demo.err()).isZero();
    }

    // the demo's 30 days of #team-ops: 14 firings, 13 resolved (people replied to DiskFull, HighLatency and the
    // checkout error rate; PodCrashLooping and CertificateExpiringSoon resolved by Alertmanager with nobody acting),
    // the queue backlog still open with Bob's reply; the dates vary with the day the demo runs
    @Test
    void prints_the_hand_off_of_the_demo_channel_named_any_way() {
        for (String named : List.of("#team-ops", "team-ops", "C_DEMO_OPS")) {
            Result r = ratchet("handoff", "--channel", named, "--since", "30d");
            assertThat(r.code()).as(named + ": " + r.err()).isZero();
            assertThat(r.out())
                    .startsWith("Hand-off of #team-ops, last 30d\n   Shift hand-off, ")
                    .contains(
                            "(UTC)\n   Fired and still open (1):\n   - billing-worker / Queue backlog, warning, fired ")
                    .contains("; replied: bob\n     slack://channel?id=C_DEMO_OPS&message=")
                    .contains("   Resolved (13):\n")
                    .contains(" by bob (replied in the thread)\n")
                    .contains(" by carol (replied in the thread)\n")
                    .contains(" by alertmanager (the tool; nobody acted)\n")
                    .doesNotContain("Questions nobody answered");
        }
        assertThat(demo.out()).contains("== 7. Shift hand-off of #team-ops, last 24 hours\n   Shift hand-off, ");
    }

    @Test
    void prints_json_in_the_api_convention() throws Exception {
        Result r = ratchet("handoff", "--channel", "team-ops", "--since", "30d", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.get("channel").asText()).isEqualTo("C_DEMO_OPS");
        assertThat(json.get("time_zone").asText()).isEqualTo("UTC");
        assertThat(json.get("open")).singleElement().satisfies(a -> {
            assertThat(a.get("alert").asText()).isEqualTo("Queue backlog");
            assertThat(a.get("replied_by").toString()).isEqualTo("[\"bob\"]");
            assertThat(a.get("permalink").asText()).startsWith("slack://channel?id=C_DEMO_OPS&message=");
        });
        assertThat(json.get("resolved")).hasSize(13);
        assertThat(json.get("resolved")).extracting(a -> a.get("how").asText()).containsOnly("replied", "tool");
        assertThat(json.get("unanswered")).isEmpty();
    }

    @Test
    void an_unknown_channel_a_bad_since_or_a_disabled_report_module_says_what_to_do() {
        Result unknown = ratchet("handoff", "--channel", "team-opps");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .isEqualTo("ratchet: --channel: no channel named 'team-opps'; known: #team-help, #team-ops");
        Result since = ratchet("handoff", "--channel", "team-ops", "--since", "yesterday");
        assertThat(since.code()).isEqualTo(2);
        assertThat(since.err())
                .contains("shift_handoff: since must be a number of minutes, hours or days such as 12h, 90m or 1d, "
                        + "was 'yesterday'");
        Result disabled = ratchet("--modules", "classifier", "handoff", "--channel", "team-ops");
        assertThat(disabled.code()).as(disabled.err()).isEqualTo(5);
        assertThat(disabled.err()).contains("ratchet handoff needs the report module; it is not enabled");
    }
}
