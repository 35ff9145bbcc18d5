package dev.ratchet.app;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.PluginLoader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ratchet}: the top command, holding the options every sub-command shares. */
@Command(
        name = "ratchet",
        mixinStandardHelpOptions = true,
        versionProvider = RatchetCommand.Version.class,
        description = {"Ratchet, an AI Slack bot that reduces operational toil.", ""},
        subcommands = {
            RunCommand.class,
            WorkerCommand.class,
            MigrateCommand.class,
            DoctorCommand.class,
            ModulesCommand.class,
            OnboardCommand.class,
            ImportCommand.class,
            ReembedCommand.class,
            LlmCallsCommand.class,
            SearchCommand.class,
            ReportCommand.class,
            AlertsCommand.class,
            HandoffCommand.class,
            ToolCommand.class,
            MonitorCommand.class,
            ClassifyCommand.class,
            EvalCommand.class,
            DocsCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Settings come from --set, RATCHET_* environment variables and a .env file, in that order.",
            "'ratchet modules --config' lists them.",
            "Exit codes: 0 ok, 1 unexpected error, 2 bad usage, 3 bad configuration,",
            "4 database unavailable, 5 a module failed."
        })
public final class RatchetCommand {

    static final int USAGE_WIDTH = 120;

    final Map<String, String> environment;
    final Path workingDir;

    @Option(
            names = "--modules",
            split = ",",
            paramLabel = "ID",
            scope = ScopeType.INHERIT,
            description = "Enable only these modules, in this order (default: every module found).")
    List<String> modules = new ArrayList<>();

    @Option(
            names = "--disable",
            split = ",",
            paramLabel = "ID",
            scope = ScopeType.INHERIT,
            description = "Do not enable these modules.")
    List<String> disabled = new ArrayList<>();

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Also load module jars from this folder, each with its own class loader.")
    Path plugins;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            scope = ScopeType.INHERIT,
            description = "Set a configuration key, e.g. --set db.pool-size=20 or --set runbook.occurrences=3.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            scope = ScopeType.INHERIT,
            description = "Database URL (same as --set db.url=...; default jdbc:postgresql://127.0.0.1:5432/ratchet).")
    String dbUrl;

    @Option(
            names = "--env-file",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Read settings from this file (default: .env in the working directory, if present).")
    Path envFile;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            scope = ScopeType.INHERIT,
            description = "error, warn, info (default) or debug.")
    String logLevel;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            scope = ScopeType.INHERIT,
            description =
                    "text (default) or json: one JSON object a line (time, level, loggerName, threadName, formattedMessage, throwable).")
    String logFormat;

    RatchetCommand(Map<String, String> environment, Path workingDir) {
        this.environment = environment;
        this.workingDir = workingDir;
    }

    /** A command line ready to execute, with Ratchet's error handling. */
    static CommandLine commandLine(Map<String, String> environment, Path workingDir) {
        CommandLine cl = new CommandLine(new RatchetCommand(environment, workingDir));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof StartupException s) {
                line.getErr().println("ratchet: " + s.getMessage());
                LoggerFactory.getLogger(RatchetCommand.class).debug("details", s);
                return s.exitCode();
            }
            if (e instanceof IllegalArgumentException bad && bad.getMessage() != null) {
                // a value the user gave that the command cannot use (a tool's argument, a slug, a file's content)
                line.getErr().println("ratchet: " + bad.getMessage());
                LoggerFactory.getLogger(RatchetCommand.class).debug("bad input", bad);
                return 2;
            }
            line.getErr()
                    .println("ratchet: unexpected error: " + e + " (run with --log-level debug for the stack trace)");
            LoggerFactory.getLogger(RatchetCommand.class).debug("unexpected error", e);
            return 1;
        });
        cl.setUsageHelpWidth(USAGE_WIDTH); // the descriptions are written in lines of up to 120 characters
        cl.setParameterExceptionHandler((e, args) -> {
            // one line, naming the problem and where the help is, instead of the whole usage
            CommandLine where = e.getCommandLine();
            String hint = e instanceof CommandLine.UnmatchedArgumentException unmatched
                            && !unmatched.getSuggestions().isEmpty()
                    ? " Did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?"
                    : "";
            where.getErr()
                    .println("ratchet: " + e.getMessage().strip() + hint + " (see '"
                            + where.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return cl;
    }

    /**
     * Adds the devtools commands ({@code shell}, {@code bench}) found with {@link ServiceLoader}; those not found get a
     * stand-in that says how to get them.
     */
    static CommandLine withDevCommands(CommandLine cl, InputStream in) {
        List<String> missing = new ArrayList<>(List.of("shell", "bench"));
        for (DevCommands provider : ServiceLoader.load(DevCommands.class, RatchetCommand.class.getClassLoader())) {
            provider.commands(in).forEach(cl::addSubcommand);
            missing.removeAll(provider.names());
        }
        for (String name : missing) {
            cl.addSubcommand(name, new MissingDevCommand());
            cl.getSubcommands()
                    .get(name)
                    .getCommandSpec()
                    .usageMessage()
                    .description(MissingDevCommand.NAMES.get(name));
        }
        cl.setUsageHelpWidth(USAGE_WIDTH); // again, for the commands just added
        return cl;
    }

    /** The configuration from all sources. */
    RatchetConfig config() {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (dbUrl != null) {
            flags.put("db.url", dbUrl);
        }
        if (logLevel != null) {
            flags.put("log.level", logLevel);
        }
        if (logFormat != null) {
            flags.put("log.format", logFormat);
        }
        Path dotenv = envFile != null ? envFile : workingDir.resolve(".env");
        if (envFile != null && !envFile.toFile().isFile()) {
            throw new StartupException(StartupException.CONFIG, "--env-file " + envFile + ": no such file");
        }
        RatchetConfig config = RatchetConfig.load(flags, environment, dotenv);
        // every command checks --set alike, whether or not it starts Ratchet: a key of any module found is valid
        ModuleRegistry.discover(RatchetCommand.class.getClassLoader(), pluginJars())
                .checkKeys(config, CoreOptions.all());
        return config;
    }

    /** Every module found on the class path and in --plugins, with --modules/--disable applied. */
    ModuleRegistry registry() {
        return ModuleRegistry.discover(RatchetCommand.class.getClassLoader(), pluginJars())
                .enable(modules, disabled);
    }

    private List<PluginLoader.Plugin> loadedPlugins;

    /** The --plugins jars, each with its class loader, loaded once per command. */
    private List<PluginLoader.Plugin> pluginJars() {
        if (loadedPlugins == null) {
            loadedPlugins =
                    plugins == null ? List.of() : PluginLoader.load(plugins, RatchetCommand.class.getClassLoader());
        }
        return loadedPlugins;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RatchetCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ratchet " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
        }
    }
}
