package dev.ratchet.app;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.llm.LlmDoctor;
import dev.ratchet.core.llm.LlmRuntime;
import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.slack.SlackApi;
import dev.ratchet.core.slack.SlackConnection;
import dev.ratchet.core.slack.SlackSettings;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet doctor}: checks what a running Ratchet needs, one line each with the fix, and exits non-zero when
 * something is broken. Read-only but for the calls it records in {@code llm_calls} (module {@code doctor}).
 */
@Command(
        name = "doctor",
        header = "Check the configuration, database, Slack token, LLM server and embedding model.",
        footer = {
            "",
            "Exit code: 0 when every check passed, 1 when one failed.",
            "",
            "Example:",
            "  ratchet doctor --env-file .env"
        },
        mixinStandardHelpOptions = true,
        description = {
            "One line per check, with the fix when it fails: the configuration, the database (reachable, pgvector,",
            "schema version), the Slack bot token (auth.test), the LLM server (reachable, the model present, its",
            "context window, how it answers JSON, tool calling, the latency of a tiny call) and the embedding model."
        })
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<LlmDoctor.Check> checks = new ArrayList<>();
        RatchetConfig config = root.config();
        List<String> problems = config.problems("", CoreOptions.all());
        if (problems.isEmpty()) {
            checks.add(new LlmDoctor.Check("configuration", true, "valid"));
        } else {
            problems.forEach(p -> checks.add(new LlmDoctor.Check("configuration", false, p)));
            return report(out, checks);
        }
        DatabaseSettings dbSettings = DatabaseSettings.from(config);
        Database db;
        try {
            db = Database.connect(dbSettings);
            if (!db.reachable()) {
                db.close();
                throw new IllegalStateException("no connection");
            }
        } catch (RuntimeException e) {
            checks.add(new LlmDoctor.Check(
                    "database", false, dbSettings.safeUrl() + ": " + e.getMessage() + "; check RATCHET_DB_URL"));
            return report(out, checks);
        }
        try (db) {
            String version = db.schemaVersion();
            int pending = db.pendingMigrations();
            checks.add(new LlmDoctor.Check(
                    "database",
                    pending == 0,
                    dbSettings.safeUrl() + ", schema " + dbSettings.schema() + " at version " + version
                            + (pending == 0 ? "" : "; " + pending + " migration(s) pending: run 'ratchet migrate'")));
            checks.add(db.vectorVersion()
                    .map(v -> new LlmDoctor.Check("pgvector", true, "version " + v))
                    .orElseGet(() -> new LlmDoctor.Check(
                            "pgvector",
                            false,
                            "not installed in this database: run 'ratchet migrate' (it creates the extension), or "
                                    + "install pgvector on the server (scripts/provision-db.sh)")));
            checks.add(slack(config));
            try (LlmRuntime llm = new LlmRuntime(LlmSettings.from(config), db, Clock.systemUTC())) {
                checks.addAll(LlmDoctor.check(llm));
            }
        }
        return report(out, checks);
    }

    /** The bot token, with {@code auth.test}. */
    private static LlmDoctor.Check slack(RatchetConfig config) {
        Optional<SlackSettings> settings;
        try {
            settings = SlackSettings.from(config);
        } catch (StartupException e) {
            return new LlmDoctor.Check("slack", false, e.getMessage());
        }
        if (settings.isEmpty()) {
            return new LlmDoctor.Check(
                    "slack",
                    true,
                    "no bot token (RATCHET_SLACK_BOT_TOKEN): the bot works on imported history only, posting nothing");
        }
        try {
            Map<String, Object> auth = new SlackConnection(settings.get(), new SlackApi(settings.get())).authenticate();
            return new LlmDoctor.Check(
                    "slack",
                    true,
                    "workspace " + auth.get("team") + " (" + auth.get("team_id") + ") as " + auth.get("user"));
        } catch (StartupException e) {
            return new LlmDoctor.Check("slack", false, e.getMessage());
        }
    }

    private static int report(PrintWriter out, List<LlmDoctor.Check> checks) {
        for (LlmDoctor.Check c : checks) {
            out.printf("%-4s %-16s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
        }
        boolean broken = checks.stream().anyMatch(c -> !c.ok());
        out.println(broken ? "something is broken: fix the FAIL lines above" : "all checks passed");
        out.flush();
        return broken ? 1 : 0;
    }
}
