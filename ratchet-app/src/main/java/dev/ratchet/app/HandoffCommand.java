package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet handoff}: a channel's shift hand-off digest (the report module's shift_handoff tool). */
@Command(
        name = "handoff",
        header = "Print a channel's shift hand-off digest.",
        footer = {"", "Example:", "  ratchet handoff --channel team-ops --since 12h"},
        mixinStandardHelpOptions = true,
        description = {
            "Print what a channel's last shift hands over: the alerts that fired and are still open (and those open",
            "from before), the alerts resolved and who resolved them (a person's reply or reaction, or the tool),",
            "and the questions nobody answered, each with a link. Times in the channel's time zone",
            "(report.time-zone, report.channel-time-zones). Posted on a schedule with report.handoff-times."
        })
final class HandoffCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--channel",
            required = true,
            paramLabel = "CHANNEL",
            description = "The channel: #name, name or id (C0123ABC).")
    String channel;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "12h",
            description = "How far back the shift goes: 12h (default), 90m, 1d.")
    String since;

    @Option(names = "--json", description = "Print the digest as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            if (!ratchet.modules().isEnabled("report")) {
                throw new dev.ratchet.core.StartupException(
                        dev.ratchet.core.StartupException.MODULE,
                        "ratchet handoff needs the report module; it is not enabled (see 'ratchet modules')");
            }
            channel = ChannelArg.resolve(ratchet.storage().directory(), channel, "--channel", false);
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("channel", channel);
            args.put("since", since);
            if (!json) {
                args.put("format", "text");
            }
            Object handoff = ModuleTools.call(ratchet, "shift_handoff", args, "cli");
            if (json) {
                out.println(Json.writeOutput(handoff));
            } else {
                out.println("Hand-off of "
                        + ratchet.directory()
                                .channel(channel)
                                .map(a -> "#" + a.getOrDefault("name", channel))
                                .orElse(channel)
                        + ", last " + since);
                out.println(DemoCommand.indent(ModuleTools.text(handoff)));
            }
        }
        return 0;
    }
}
