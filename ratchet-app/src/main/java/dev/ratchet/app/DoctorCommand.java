package dev.ratchet.app;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.docs.DocsDoctor;
import dev.ratchet.core.docs.DocsSettings;
import dev.ratchet.core.llm.LlmDoctor;
import dev.ratchet.core.llm.LlmRuntime;
import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.slack.SlackApi;
import dev.ratchet.core.slack.SlackCallException;
import dev.ratchet.core.slack.SlackConnection;
import dev.ratchet.core.slack.SlackManifest;
import dev.ratchet.core.slack.SlackSettings;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.core.storage.LlmCallRepository;
import dev.ratchet.module.commands.McpDoctor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet doctor}: checks what a running Ratchet needs, one line each with the fix, and exits non-zero when
 * something is broken. Read-only but for the calls it records in {@code llm_calls} (module {@code doctor}).
 */
@Command(
        name = "doctor",
        header = "Check the configuration, database, Slack token, LLM server, embedding model, docs and MCP servers.",
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
            "schema version), the Slack bot token (auth.test) and its scopes against the app manifest's, the LLM server",
            "(reachable, the model present, its context window, how it answers JSON, tool calling, the latency of a",
            "tiny call, problems it had since start), the embedding model, each documentation source (reachable, its",
            "last refresh) and each MCP server of the commands module (started, its tools listed, closed again)."
        })
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            description =
                    "The Slack app manifest whose bot scopes the token should have (default: the app-manifest.yaml "
                            + "Ratchet ships).")
    Path manifest;

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
            checks.addAll(slack(config, manifest));
            try (LlmRuntime llm = new LlmRuntime(LlmSettings.from(config), db, Clock.systemUTC())) {
                checks.addAll(LlmDoctor.check(llm));
            }
            checks.add(llmErrors(db));
            checks.addAll(DocsDoctor.check(DocsSettings.from(config), db));
        }
        checks.addAll(mcp(config));
        return report(out, checks);
    }

    /**
     * What went wrong with the LLM in the last 24 hours, as {@code ratchet run} recorded it in {@code llm_calls} (each
     * error names its fix); the checks above say whether it still does.
     */
    private static LlmDoctor.Check llmErrors(Database db) {
        List<LlmCallRepository.ErrorGroup> errors = new LlmCallRepository(db)
                .recentErrors(java.time.Instant.now().minus(java.time.Duration.ofHours(24)), 3);
        if (errors.isEmpty()) {
            return new LlmDoctor.Check("llm errors", true, "no failed LLM calls in the last 24 h");
        }
        StringBuilder detail = new StringBuilder("in the last 24 h (the checks above say whether it lasts): ");
        for (int i = 0; i < errors.size(); i++) {
            LlmCallRepository.ErrorGroup e = errors.get(i);
            detail.append(i == 0 ? "" : "; ")
                    .append(e.calls())
                    .append(" call(s), latest ")
                    .append(e.latest().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    .append(": ")
                    .append(e.error());
        }
        return new LlmDoctor.Check("llm errors", true, detail.toString());
    }

    /** The MCP servers of {@code commands.mcp-servers}, started and closed again, when the commands module is on. */
    private List<LlmDoctor.Check> mcp(RatchetConfig config) {
        if (root.disabled.contains("commands") || !root.modules.isEmpty() && !root.modules.contains("commands")) {
            return List.of();
        }
        String file;
        java.time.Duration timeout;
        try {
            file = config.get("commands.", McpDoctor.SERVERS);
            timeout = config.get("commands.", McpDoctor.TIMEOUT);
        } catch (StartupException e) {
            return List.of(new LlmDoctor.Check("mcp servers", false, e.getMessage()));
        }
        return McpDoctor.check(file, timeout, System::getenv).stream()
                .map(l -> new LlmDoctor.Check(l.name(), l.ok(), l.detail()))
                .toList();
    }

    /** The bot token, with {@code auth.test}, and its scopes against those of the app manifest. */
    private static List<LlmDoctor.Check> slack(RatchetConfig config, Path manifest) {
        Optional<SlackSettings> settings;
        try {
            settings = SlackSettings.from(config);
        } catch (StartupException e) {
            return List.of(new LlmDoctor.Check("slack", false, e.getMessage()));
        }
        if (settings.isEmpty()) {
            return List.of(new LlmDoctor.Check(
                    "slack",
                    true,
                    "no bot token (RATCHET_SLACK_BOT_TOKEN): the bot works on imported history only, posting nothing"));
        }
        SlackApi api = new SlackApi(settings.get());
        List<LlmDoctor.Check> checks = new ArrayList<>();
        try {
            Map<String, Object> auth = new SlackConnection(settings.get(), api).authenticate();
            checks.add(new LlmDoctor.Check(
                    "slack",
                    true,
                    "workspace " + auth.get("team") + " (" + auth.get("team_id") + ") as " + auth.get("user")));
        } catch (StartupException e) {
            return List.of(new LlmDoctor.Check("slack", false, e.getMessage()));
        }
        checks.add(scopes(api, manifest));
        return checks;
    }

    /** The token's granted scopes (auth.test's x-oauth-scopes) against the bot scopes the manifest asks for. */
    private static LlmDoctor.Check scopes(SlackApi api, Path manifest) {
        String source = manifest == null ? "app-manifest.yaml" : manifest.toString();
        Set<String> wanted;
        try {
            String yaml;
            if (manifest != null) {
                yaml = Files.readString(manifest, StandardCharsets.UTF_8);
            } else {
                try (InputStream in = DoctorCommand.class.getResourceAsStream("app-manifest.yaml")) {
                    if (in == null) {
                        return new LlmDoctor.Check(
                                "slack scopes",
                                true,
                                "not checked: no app-manifest.yaml in this build; give --manifest FILE");
                    }
                    yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            wanted = SlackManifest.botScopes(yaml);
        } catch (IOException | IllegalArgumentException e) {
            return new LlmDoctor.Check(
                    "slack scopes",
                    false,
                    source + ": " + e.getMessage() + "; give the app's manifest with --manifest FILE");
        }
        Optional<Set<String>> granted;
        try {
            granted = api.grantedScopes();
        } catch (SlackCallException e) {
            return new LlmDoctor.Check("slack scopes", false, "auth.test failed: " + e.error());
        }
        if (granted.isEmpty()) {
            return new LlmDoctor.Check(
                    "slack scopes", true, "not checked: Slack sent no x-oauth-scopes header with auth.test");
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(granted.get());
        Set<String> extra = new TreeSet<>(granted.get());
        extra.removeAll(wanted);
        String more = extra.isEmpty() ? "" : " (and " + String.join(", ", extra) + ", which Ratchet does not use)";
        if (missing.isEmpty()) {
            return new LlmDoctor.Check(
                    "slack scopes",
                    true,
                    "the token has the " + wanted.size() + " scopes " + source + " asks for" + more);
        }
        return new LlmDoctor.Check(
                "slack scopes",
                false,
                "the token lacks " + String.join(", ", missing) + " that " + source + " asks for: add "
                        + (missing.size() == 1 ? "it" : "them")
                        + " to the Slack app (OAuth & Permissions, Bot Token Scopes, or update the app from the "
                        + "manifest) and reinstall the app to the workspace" + more);
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
