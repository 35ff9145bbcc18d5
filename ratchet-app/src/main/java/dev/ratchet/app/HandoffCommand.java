package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import java.io.PrintWriter;
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
        try (Ratchet ratchet = ReportTools.start(root, "handoff")) {
            channel = ReportTools.channel(ratchet, channel);
            Object handoff = ModuleTools.call(
                    ratchet, "shift_handoff", ReportTools.args(channel, Map.of("since", since), json), "cli");
            ReportTools.print(out, ratchet, channel, "Hand-off of", "last " + since, handoff, json);
        }
        return 0;
    }
}
