package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Json;
import dev.ratchet.testkit.ModuleJar;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code ratchet} command run in-process, the way picocli's "Testing your application" shows. */
@ExtendWith(RatchetDatabaseExtension.class)
class CommandLineTest {

    static final String MARKER = """
            package com.acme;

            import dev.ratchet.spi.ConfigOption;
            import dev.ratchet.spi.ModuleContext;
            import dev.ratchet.spi.RatchetModule;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            import java.util.List;

            public class MarkerModule implements RatchetModule {
                static final ConfigOption<String> FILE = ConfigOption.string("file", null).required().describedAs("where to write");
                private Path file;

                public String id() { return "acme-marker"; }
                public String description() { return "writes a marker file when started and stopped"; }
                public List<ConfigOption<?>> configOptions() { return List.of(FILE); }

                public void start(ModuleContext ctx) throws Exception {
                    file = Path.of(ctx.config().get(FILE));
                    Files.writeString(file, "started\\n");
                }

                public void stop() {
                    try {
                        Files.writeString(file, "stopped\\n", StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            """;

    static Path plugins;
    static TestDatabase db;

    @BeforeAll
    static void buildPlugin(TestDatabase database, @TempDir Path dir) {
        db = database;
        plugins = dir.resolve("plugins");
        ModuleJar.named("acme-marker")
                .version("2.3.4")
                .source("com.acme.MarkerModule", MARKER)
                .provider("com.acme.MarkerModule")
                .writeTo(plugins);
    }

    record Result(int code, String out, String err) {}

    static Result ratchet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RatchetCommand.commandLine(Map.of(), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static String[] withDb(String... args) {
        List<String> all = new ArrayList<>(List.of("--db-url", db.jdbcUrl()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void help_is_available_on_every_command() {
        Result top = ratchet("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out())
                .contains("run", "worker", "migrate", "modules", "--plugins", "--modules", "--disable", "Exit codes");
        for (String command : List.of(
                "run",
                "worker",
                "migrate",
                "modules",
                "onboard",
                "import",
                "reembed",
                "llm-calls",
                "search",
                "report",
                "alerts",
                "handoff",
                "doctor",
                "tool",
                "monitor",
                "classify",
                "eval",
                "docs",
                "demo")) {
            Result sub = ratchet(command, "--help");
            assertThat(sub.code()).as(command).isZero();
            // a one-line summary, the usage, and an example
            assertThat(sub.out().lines().findFirst().orElse(""))
                    .as(command)
                    .endsWith(".")
                    .doesNotStartWith("Usage");
            assertThat(sub.out())
                    .as(command)
                    .contains("Usage: ratchet " + command)
                    .containsPattern("Examples?:\n  ");
        }
        // the command list: each summary a whole sentence on one line, never cut mid-sentence
        List<String> listed = top.out()
                .lines()
                .dropWhile(l -> !l.equals("Commands:"))
                .skip(1)
                .takeWhile(l -> l.startsWith("  "))
                .toList();
        assertThat(listed).hasSizeGreaterThan(10);
        for (String line : listed) {
            assertThat(line).as("a command's summary in --help").matches("  \\S+\\s+\\S.*\\.");
        }
    }

    @Test
    void modules_lists_a_plugin_jar_found_with_service_loader() {
        Result r = ratchet("--plugins", plugins.toString(), "modules");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .containsPattern("acme-marker\\s+yes\\s+2\\.3\\.4\\s+acme-marker\\.jar\\s+writes a marker file");

        Result disabled =
                ratchet("--plugins", plugins.toString(), "--disable", "acme-marker", "modules", "--json", "--config");
        List<?> rows = Json.MAPPER.convertValue(readJson(disabled.out()), List.class);
        Map<?, ?> row = rows.stream()
                .map(x -> (Map<?, ?>) x)
                .filter(x -> "acme-marker".equals(x.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(rows)
                .anySatisfy(x -> assertThat(((Map<?, ?>) x).get("id"))
                        .isEqualTo("recent-activity")); // built in, on the class path
        assertThat(row.get("id")).isEqualTo("acme-marker");
        assertThat(row.get("enabled")).isEqualTo(false);
        assertThat(row.get("settings").toString()).contains("RATCHET_ACME_MARKER_FILE");
    }

    private static Object readJson(String text) {
        try {
            return Json.MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void run_starts_and_stops_an_enabled_plugin_with_its_config(@TempDir Path tmp) throws IOException {
        Path marker = tmp.resolve("marker.txt");
        Result r = ratchet(withDb(
                "--plugins",
                plugins.toString(),
                "--set",
                "acme-marker.file=" + marker,
                "--set",
                "api.address=127.0.0.1:0",
                "run",
                "--for",
                "PT1S"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(marker)).isEqualTo("started\nstopped\n");
    }

    @Test
    void found_but_disabled_module_is_not_started(@TempDir Path tmp) {
        Path marker = tmp.resolve("marker.txt");
        Result r = ratchet(withDb(
                "--plugins",
                plugins.toString(),
                "--disable",
                "acme-marker",
                "--set",
                "acme-marker.file=" + marker,
                "worker",
                "--for",
                "PT1S"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void missing_required_setting_names_the_variable_to_set() {
        Result r = ratchet(
                withDb("--plugins", plugins.toString(), "--set", "api.address=127.0.0.1:0", "run", "--for", "PT1S"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("acme-marker.file is required").contains("RATCHET_ACME_MARKER_FILE");
        assertThat(r.err().lines().count()).isEqualTo(2); // "invalid configuration:" and the problem
    }

    @Test
    void an_api_beyond_loopback_without_a_token_is_refused_before_the_database_is_touched() {
        // the database cannot be reached: refusing first proves the check runs before anything starts
        Result run = ratchet(
                "--db-url",
                "jdbc:postgresql://127.0.0.1:1/none",
                "--set",
                "api.address=0.0.0.0:0",
                "run",
                "--for",
                "PT1S");
        assertThat(run.code()).as(run.err()).isEqualTo(3);
        assertThat(run.err())
                .contains("api.address is 0.0.0.0:0, beyond loopback")
                .contains("RATCHET_API_TOKEN")
                .doesNotContain("cannot connect to PostgreSQL");
        Result worker = ratchet(
                "--db-url",
                "jdbc:postgresql://127.0.0.1:1/none",
                "--set",
                "api.worker-address=0.0.0.0:0",
                "worker",
                "--for",
                "PT1S");
        assertThat(worker.code()).as(worker.err()).isEqualTo(3);
        assertThat(worker.err()).contains("api.worker-address is 0.0.0.0:0, beyond loopback");
    }

    @Test
    void every_command_checks_set_keys_alike() {
        for (String[] command :
                List.of(new String[] {"migrate"}, new String[] {"modules"}, new String[] {"worker", "--for", "PT1S"})) {
            List<String> args = new ArrayList<>(List.of("--set", "runbok.occurrences=3"));
            args.addAll(List.of(command));
            Result r = ratchet(withDb(args.toArray(String[]::new)));
            assertThat(r.code()).as(String.join(" ", command) + ": " + r.err()).isEqualTo(3);
            assertThat(r.err())
                    .contains("unknown setting --set runbok.occurrences", "did you mean runbook.occurrences?");
        }
        Result valid = ratchet(withDb("--set", "runbook.occurrences=3", "--disable", "runbook", "modules"));
        assertThat(valid.code()).as(valid.err()).isZero();
    }

    @Test
    void a_worker_needs_no_app_token_but_run_in_socket_mode_does() {
        try (dev.ratchet.testkit.slack.SlackEmulator slack = dev.ratchet.testkit.slack.SlackEmulator.start()) {
            // socket mode (the default) with the bot token alone: a worker posts, it receives no events
            Result worker = ratchet(withDb(
                    "--set",
                    "slack.bot-token=" + slack.botToken(),
                    "--set",
                    "slack.api-url=" + slack.apiUrl(),
                    "worker",
                    "--for",
                    "PT1S"));
            assertThat(worker.code()).as(worker.err()).isZero();
        }
        Result run = ratchet(
                "--db-url",
                "jdbc:postgresql://127.0.0.1:1/none",
                "--set",
                "slack.bot-token=xoxb-0000-0000-run",
                "run",
                "--for",
                "PT1S");
        assertThat(run.code()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("slack.app-token is not set").doesNotContain("cannot connect to PostgreSQL");
    }

    @Test
    void bad_input_is_exit_2_in_one_line() {
        Result option = ratchet("modules", "--jsn");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err().strip().lines())
                .singleElement()
                .asString()
                .contains("Unknown option: '--jsn'", "Did you mean --json?", "ratchet modules --help");
        Result tool = ratchet(withDb("--set", "llm.url=off", "tool", "channel_report", "--arg", "channel=nope"));
        assertThat(tool.code()).isEqualTo(2);
        assertThat(tool.err()).doesNotContain("unexpected error");
    }

    @Test
    void mistyped_setting_is_refused_with_a_suggestion() {
        Result r = ratchet(withDb("--set", "db.pool-sise=4", "worker", "--for", "PT1S"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("unknown setting --set db.pool-sise").contains("did you mean db.pool-size?");
    }

    @Test
    void two_modules_with_one_id_are_refused(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("dup");
        Files.createDirectories(dir);
        Files.copy(plugins.resolve("acme-marker.jar"), dir.resolve("a.jar"));
        Files.copy(plugins.resolve("acme-marker.jar"), dir.resolve("b.jar"));
        Result r = ratchet("--plugins", dir.toString(), "modules");
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err())
                .contains("two modules have the id 'acme-marker'")
                .contains("a.jar")
                .contains("b.jar");
    }

    @Test
    void import_reports_counts_and_is_idempotent(@TempDir Path tmp) {
        dev.ratchet.core.slack.SlackExportWriter export = new dev.ratchet.core.slack.SlackExportWriter("T-CLI")
                .user("U-A", "ann", "Ann Lee")
                .channel("C-CLI-OPS", "ops");
        String parent = export.message("ops", java.time.Instant.parse("2026-11-10T10:00:00Z"), "U-A", "is prod down?");
        export.reply("ops", parent, java.time.Instant.parse("2026-11-10T10:05:00Z"), "U-A", "no, a blip");
        Path zip = export.writeZip(tmp.resolve("export.zip"));

        Result first = ratchet(withDb("import", zip.toString()));
        Result second = ratchet(withDb("import", zip.toString()));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("1 channel(s), 1 user(s), 1 day file(s), 2 message(s) (2 new)");
        assertThat(second.out()).contains("2 message(s) (0 new)");
    }

    @Test
    void import_from_a_go_database_prints_progress_lines_and_counts_but_never_the_password() {
        try (dev.ratchet.testkit.GoRatchetDatabase go = dev.ratchet.testkit.GoRatchetDatabase.create()) {
            go.channel("C-CLI-GO", Map.of("name", "go-ops"))
                    .message(
                            "C-CLI-GO",
                            "1762074000.000100",
                            null,
                            Map.of("message", Map.of("text", "deploy?", "user", "U-A")))
                    .message(
                            "C-CLI-GO",
                            "1762074060.000200",
                            "1762074000.000100",
                            Map.of("message", Map.of("text", "go ahead", "user", "U-B"), "reactions", Map.of("+1", 3)));
            Result first = ratchet(withDb("--set", "llm.url=off", "import", "--from-go-db", go.url("pa55word")));
            Result second = ratchet(withDb("--set", "llm.url=off", "import", "--from-go-db", go.url("pa55word")));
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out())
                    .contains("importing 2 message(s)", "imported 2/2 message(s) (100%)")
                    .contains("imported postgresql://postgres@")
                    .contains(
                            "1 channel(s), 2 message(s) (2 new), 1 thread reply(ies), 3 reaction(s), 0 alert event(s)");
            assertThat(second.out()).contains("2 message(s) (0 new)");
            assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain("pa55word");
        }
    }

    @Test
    void import_needs_exactly_one_of_an_export_and_a_go_database() {
        Result none = ratchet(withDb("import"));
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("import needs an EXPORT (.zip or folder) or --from-go-db URL");
        Result both = ratchet(withDb("import", "x.zip", "--from-go-db", "postgresql://u:secret@h/db"));
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("not both").doesNotContain("secret");
        Result mysql = ratchet(withDb("import", "--from-go-db", "mysql://u:secret@h/db"));
        assertThat(mysql.code()).isEqualTo(2);
        assertThat(mysql.err()).contains("is not a PostgreSQL URL").doesNotContain("secret");
    }

    @Test
    void import_of_a_missing_export_is_a_clear_error(@TempDir Path tmp) {
        Result r = ratchet(withDb("import", tmp.resolve("nope.zip").toString()));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("cannot read the export").contains("nope.zip");
    }

    @Test
    void monitor_test_of_a_broken_or_missing_file_is_a_usage_error_naming_the_file(@TempDir Path tmp)
            throws IOException {
        Path broken = tmp.resolve("monitors.yaml");
        Files.writeString(broken, "monitors:\n  - slug: x\n    prompt: [unclosed\n");
        Result r = ratchet(withDb("monitor", "test", broken.toString(), "--slug", "x", "--text", "hi"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .contains("FILE " + broken.toAbsolutePath())
                .contains("not valid YAML")
                .contains("fix the file")
                .doesNotContain("failed to start", "RATCHET_CHANNEL_MONITOR_FILE");
        Result missing =
                ratchet(withDb("monitor", "test", tmp.resolve("none.yaml").toString(), "--slug", "x", "--text", "hi"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("FILE ").contains("none.yaml").contains("cannot read");
    }

    @Test
    void onboard_without_slack_says_what_to_set() {
        Result r = ratchet(withDb("onboard", "C123"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("RATCHET_SLACK_BOT_TOKEN");
    }

    @Test
    void llm_calls_export_writes_jsonl_and_refuses_a_bad_date(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("calls.jsonl");
        Result ok = ratchet(withDb("llm-calls", "export", "--since", "7d", "-o", out.toString()));
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("exported 0 call(s) to " + out);
        assertThat(Files.readString(out)).isEmpty();
        Result bad = ratchet(withDb("llm-calls", "export", "--since", "last tuesday"));
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err()).contains("--since last tuesday").contains("2026-11-01");
    }

    @Test
    void reembed_queues_every_message(@TempDir Path tmp) {
        Result r = ratchet(withDb("--set", "llm.url=off", "reembed"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("embeddings: 384 dimensions (were 384) with bge-small-en-v1.5-q")
                .contains("queued for re-embedding");
    }

    @Test
    void search_runs_the_recent_activity_tool_or_says_to_enable_it() {
        // a channel with no messages: semantic search returns the nearest messages whatever the query, so only an empty
        // window is sure to find nothing
        Result none =
                ratchet(withDb("--set", "llm.url=off", "search", "--channel", "C_EMPTY", "nothing", "like", "this"));
        assertThat(none.code()).as(none.err()).isEqualTo(2);
        assertThat(none.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("ratchet: --channel: no channel named 'C_EMPTY'; known: ");
        Result disabled = ratchet(withDb("--set", "llm.url=off", "--disable", "recent-activity", "search", "db"));
        assertThat(disabled.code()).isEqualTo(5);
        assertThat(disabled.err()).contains("search needs the recent-activity module");
    }

    @Test
    void demo_runs_the_pipeline_end_to_end_and_can_run_again() {
        Result first = ratchet(withDb("--set", "llm.url=off", "demo"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains(
                        "== 1. Importing the sample workspace",
                        "(48 new)",
                        "== 3. Weekly report of #team-ops",
                        "never acted on: CertificateExpiringSoon (edge)",
                        "noise over the last 30 days (rules):",
                        "proposal: `PodCrashLooping` on search: 3 firings in 30 days, 3 resolved within 5m with nobody "
                                + "acting → add `for: 10m`",
                        "open too long: Queue backlog (billing-worker)",
                        "responders: [bob]",
                        "== 4. Runbook for the recurring DiskFull alert",
                        "Generation is off (no LLM configured), showing the extractive runbook",
                        "logrotate -f",
                        "== 5. Search",
                        "== 6. Bot usage",
                        "== 7. Shift hand-off of #team-ops, last 24 hours",
                        "Generation was off");
        Result again = ratchet(withDb("--set", "llm.url=off", "demo"));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("(0 new)").contains("never acted on: CertificateExpiringSoon (edge)");

        // a channel is named the same way everywhere: its id, #name or name
        for (String named : List.of("C_DEMO_OPS", "#team-ops", "team-ops")) {
            Result report = ratchet(withDb("--set", "llm.url=off", "report", "--channel", named));
            assertThat(report.code()).as(named + ": " + report.err()).isZero();
            assertThat(report.out())
                    .contains("Report of #team-ops, last 7 day(s)")
                    .contains("open too long: Queue backlog (billing-worker)");
        }
        Result unknown = ratchet(withDb("--set", "llm.url=off", "report", "--channel", "team-opps"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .isEqualTo("ratchet: --channel: no channel named 'team-opps'; known: #team-help, #team-ops");
        Result help = ratchet(
                withDb("--set", "llm.url=off", "search", "--channel", "#team-help", "--since", "30", "vpn", "access"));
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).contains("#team-help").doesNotContain("#team-ops");
        // every key of every module found is valid for every command: --help's own example
        Result moduleKey = ratchet(
                withDb("--set", "llm.url=off", "--set", "runbook.occurrences=3", "report", "--channel", "team-ops"));
        assertThat(moduleKey.code()).as(moduleKey.err()).isZero();
        // one JSON convention, the API's: snake_case
        Result json = ratchet(withDb("--set", "llm.url=off", "report", "--channel", "team-ops", "--json"));
        assertThat(json.out())
                .contains("\"never_acted_on\"")
                .doesNotContain("neverActedOn")
                .contains("CertificateExpiringSoon");
    }

    @Test
    void migrate_applies_once_and_is_idempotent() {
        Result first = ratchet(withDb("migrate"));
        Result second = ratchet(withDb("migrate"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).isZero();
        assertThat(second.out())
                .contains("at version 22")
                .contains("(0 migration(s) applied now)")
                .contains("job tables in ratchet_jobs");
    }

    @Test
    void go_ratchet_env_file_reaches_the_database_it_names(@TempDir Path dir) throws IOException {
        Path goEnv = dir.resolve(".env");
        Files.writeString(goEnv, """
                RATCHET_DATABASE_HOST=127.0.0.1
                RATCHET_DATABASE_PORT=5432
                RATCHET_DATABASE_USER=postgres
                RATCHET_DATABASE_NAME=%s
                RATCHET_DATABASE_DISABLE_TLS=true
                RATCHET_DEV_MODE=false
                """.formatted(db.name()));
        Result r = ratchet("--env-file", goEnv.toString(), "migrate");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("at version");
        Result wrong =
                ratchet("--env-file", goEnv.toString(), "--set", "db.url=jdbc:postgresql://127.0.0.1:1/x", "migrate");
        assertThat(wrong.code()).as("the new name wins over the Go names").isEqualTo(4);
    }

    @Test
    void missing_database_gives_one_clear_line_and_no_stack_trace() {
        Result r = ratchet("--db-url", "jdbc:postgresql://127.0.0.1:1/ratchet", "migrate");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("ratchet: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/ratchet")
                .contains("Fix:");
    }

    @Test
    void database_password_never_appears_in_errors() {
        Result r = ratchet(
                "--db-url", "jdbc:postgresql://127.0.0.1:1/ratchet", "--set", "db.password=s3cr3t-pw", "migrate");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).doesNotContain("s3cr3t-pw");
    }
}
