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

/** {@code ratchet report}: a channel's report (the report module's channel_report tool) in the terminal. */
@Command(
        name = "report",
        header = "Print a channel's alert report.",
        footer = {"", "Example:", "  ratchet report --channel team-ops --since 7"},
        mixinStandardHelpOptions = true,
        description = {
            "Print a channel's alert report: counts and mean open time per alert, alerts never acted on, alerts",
            "open too long, the most frequent ones and, with an LLM, suggestions. --post also posts it to the channel."
        })
final class ReportCommand implements Callable<Integer> {

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

    @Option(names = "--since", paramLabel = "DAYS", defaultValue = "7", description = "How many days back (default 7).")
    int days;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--post", description = "Also post it to the channel (needs Slack).")
    boolean post;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Ratchet ratchet = ReportTools.start(root, "report")) {
            channel = ReportTools.channel(ratchet, channel);
            Object report = ModuleTools.call(
                    ratchet,
                    post ? "post_channel_report" : "channel_report",
                    ReportTools.args(channel, Map.of("days", days), json),
                    "demo");
            ReportTools.print(out, ratchet, channel, "Report of", "last " + days + " day(s)", report, json);
        }
        return 0;
    }
}
