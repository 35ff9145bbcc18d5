package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet monitor test}: try a channel-monitor entry on a text, without running its executable. */
@Command(
        name = "monitor",
        header = "Work with channel-monitor files.",
        footer = {"", "Example:", "  ratchet monitor test monitors.yaml --slug access-requests --last 20"},
        mixinStandardHelpOptions = true,
        description = "Work with channel-monitor files.",
        subcommands = {MonitorCommand.Test.class})
final class MonitorCommand {

    @ParentCommand
    RatchetCommand root;

    @Command(
            name = "test",
            header = "Try a channel-monitor entry on a text or recent messages.",
            footer = {
                "",
                "Example:",
                "  ratchet monitor test monitors.yaml --slug access-requests --text \"please give me vpn access\""
            },
            mixinStandardHelpOptions = true,
            description = {
                "Show, for one entry of a channel-monitor file and a message text (or the last N stored messages of",
                "its channel), the rendered prompt, the LLM's output and whether it is valid against the entry's",
                "result_schema. The executable is not run."
            })
    static final class Test implements Callable<Integer> {

        @ParentCommand
        MonitorCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The channel-monitor YAML file.")
        Path file;

        @Option(names = "--slug", required = true, description = "The entry to try.")
        String slug;

        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Input input;

        static final class Input {
            @Option(names = "--text", required = true, description = "A message text to try.")
            String text;

            @Option(
                    names = "--last",
                    required = true,
                    paramLabel = "N",
                    description = "Try the last N (1-50) stored messages of the entry's channel instead.")
            Integer last;
        }

        @Override
        public Integer call() throws Exception {
            RatchetCommand root = parent.root;
            root.settings.put("channel-monitor.file", file.toAbsolutePath().toString());
            try (Ratchet ratchet = start(root)) {
                if (!ratchet.modules().isEnabled("channel-monitor")) {
                    throw new StartupException(
                            StartupException.MODULE,
                            "the channel-monitor module is not enabled (see 'ratchet modules')");
                }
                Object result = ModuleTools.call(
                        ratchet,
                        "channel_monitor_test",
                        input.text != null
                                ? Map.of("slug", slug, "text", input.text)
                                : Map.of("slug", slug, "last", input.last),
                        "demo");
                spec.commandLine()
                        .getOut()
                        .println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
                return result instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("valid")) ? 0 : 6;
            }
        }

        /**
         * Starts Ratchet with FILE as the monitor file; a file the module cannot read or parse is this command's
         * argument at fault (a usage error naming FILE), not a module that failed to start.
         */
        private Ratchet start(RatchetCommand root) {
            try {
                return Ratchet.start(root.config(), root.registry(), Clock.systemUTC());
            } catch (StartupException e) {
                // the monitor file's own complaint: the innermost IllegalArgumentException (its cause, if any, is
                // the YAML parser's)
                Throwable why = null;
                for (Throwable t = e.getCause(); t != null && t != why; t = t.getCause()) {
                    if (t instanceof IllegalArgumentException) {
                        why = t;
                    }
                }
                if (why != null && e.getMessage().contains("channel-monitor.file")) {
                    throw new ParameterException(
                            spec.commandLine(), "FILE " + why.getMessage() + "; fix the file and try again", e);
                }
                throw e;
            }
        }
    }
}
