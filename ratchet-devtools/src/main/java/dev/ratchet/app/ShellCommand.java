package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet shell}: the whole bot (every enabled module, the configured database and LLM, a job server) connected
 * over Socket Mode to a Slack emulator running in this process, and a prompt to talk in it as a person.
 */
@Command(
        name = "shell",
        header = "Talk to the bot locally, with no Slack workspace.",
        mixinStandardHelpOptions = true,
        description = {
            "Talk to the bot locally, with no Slack workspace: every line you type is posted as you in a",
            "channel or thread of a Slack emulator running in this process, and the bot's replies are printed as",
            "they arrive. The bot is the real one: enabled modules, the configured database and LLM, a job server.",
            "A channel named like one stored in the database is that channel, so its history is the bot's context.",
            "Reads a terminal with line editing and history, or piped lines (each once the bot has reacted to the last).",
            "Type /help inside for the commands (/thread, /top, /channel, /react, /unreact, /alert, /quit)."
        },
        footer = {
            "",
            "Example:",
            "  ratchet shell --channel team-ops",
            "  #team-ops> @ratchet what alerts fired this week?",
            "  printf '/alert [FIRING:1] DiskFull (db-1)\\n/react 👍\\n' | ratchet shell --channel team-ops"
        })
final class ShellCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--channel",
            paramLabel = "CHANNEL",
            defaultValue = "shell",
            description = "The channel to start in: #name, name or the id of a stored channel (default: shell).")
    String channel;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description =
                    "Who you are in the workspace (default: your login name); a person stored under that name is reused.")
    String user;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "PT2M",
            description =
                    "With piped input: how long to wait after each line for the bot to finish reacting (default PT2M).")
    Duration wait;

    private final InputStream in;

    ShellCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        boolean terminal = in == System.in && isTerminal(System.console());
        Logging.quietUnlessLevelAsked(root, spec);
        String userName = name("--user", user != null ? user : loginName());
        boolean channelById = channel != null && dev.ratchet.spi.kit.SlackIds.isChannelId(channel);
        String channelName = channelById ? channel : name("--channel", channel);
        RatchetConfig base = root.config();
        try (SlackEmulator slack = SlackEmulator.start()) {
            RatchetConfig config = base.withFlags(Map.of(
                    "slack.mode",
                    "socket",
                    "slack.bot-token",
                    slack.botToken(),
                    "slack.app-token",
                    slack.appToken(),
                    "slack.api-url",
                    slack.apiUrl()));
            Ratchet ratchet = Ratchet.start(config, root.registry(), Clock.systemUTC());
            if (channelById) {
                // a channel named by its id, as every command accepts: the shell talks in it under its stored name
                String id = channel;
                channelName = ratchet.storage()
                        .directory()
                        .channel(id)
                        .map(a -> String.valueOf(a.get("name")))
                        .filter(n -> !n.equals("null"))
                        .orElseThrow(() -> {
                            ratchet.close();
                            return new ParameterException(
                                    spec.commandLine(),
                                    "--channel: no stored channel has the id " + id
                                            + "; give a name (#team-ops) to talk in a new channel");
                        });
            }
            // Ctrl-C on piped input ends the process: stop taking events and let running jobs finish, as `run` does
            Thread hook = new Thread(ratchet::close, "ratchet-shell-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                converse(slack, ratchet, terminal, userName, channelName);
            } finally {
                Runtime.getRuntime().removeShutdownHook(hook);
                ratchet.close();
            }
        }
        return 0;
    }

    private void converse(SlackEmulator slack, Ratchet ratchet, boolean terminal, String userName, String channelName)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ShellWorkspace workspace = new ShellWorkspace(slack, ratchet.storage().directory(), ratchet.directory());
        workspace.addStoredPeople();
        String me = workspace.person(userName);
        String start = workspace.channel(channelName, me);
        ratchet.startJobServer();
        // the emulator has no history to onboard, and onboarding a stored channel from it would mark it done
        ratchet.startSlackEventsWithoutOnboarding();
        try (ShellConsole console = terminal ? ShellConsole.terminal() : ShellConsole.plain(in, out);
                ShellFeed feed = new ShellFeed(
                        slack, workspace, console, ratchet.storage().moduleRuns())) {
            console.print(banner(ratchet, userName, channelName, workspace.stored(start)));
            feed.start();
            // piped input is a script: each line is played once the bot has finished reacting to the one before
            new Shell(slack, workspace, console, feed, me, start).run(console.interactive() ? null : wait);
            if (!console.interactive() && !feed.drain(wait)) {
                console.print("(stopped waiting for the bot after " + wait + "; --wait gives it longer)");
            }
            console.print("bye");
        }
    }

    private static String banner(Ratchet ratchet, String user, String channel, boolean stored) {
        var modules = ratchet.modules().startedIds();
        String llm = ratchet.llm().chatAvailable()
                ? "generation on (" + ratchet.llm().chatModel() + ")"
                : "generation off (set RATCHET_LLM_URL for LLM answers)";
        return "Ratchet shell: you are @" + user + " in #" + channel + (stored ? " (stored in the database)" : "")
                + " of an emulated Slack workspace.\n"
                + "Modules: " + (modules.isEmpty() ? "none" : String.join(", ", modules)) + "; " + llm + ".\n"
                + "Mention the bot with @ratchet. /help lists the commands; /quit or Ctrl-D leaves.";
    }

    private String name(String option, String value) {
        try {
            return ShellWorkspace.checkName(option.substring(2), value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** Java 17 has a console only for a terminal; from Java 22 there is always one, which says whether it is. */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22
        }
    }

    private static String loginName() {
        String login =
                System.getProperty("user.name", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        return login.isEmpty() || !Character.isLetterOrDigit(login.charAt(0)) ? "you" : login;
    }
}
