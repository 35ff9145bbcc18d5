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
        try (Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            if (!ratchet.modules().isEnabled("report")) {
                throw new dev.ratchet.core.StartupException(
                        dev.ratchet.core.StartupException.MODULE,
                        "ratchet report needs the report module; it is not enabled (see 'ratchet modules')");
            }
            channel = ChannelArg.resolve(ratchet.storage().directory(), channel, "--channel", false);
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("channel", channel);
            args.put("days", days);
            if (!json) {
                args.put("format", "text");
            }
            Object report = ModuleTools.call(ratchet, post ? "post_channel_report" : "channel_report", args, "demo");
            if (json) {
                out.println(Json.writeOutput(report));
            } else {
                out.println("Report of "
                        + ratchet.directory()
                                .channel(channel)
                                .map(a -> "#" + a.getOrDefault("name", channel))
                                .orElse(channel)
                        + ", last " + days + " day(s)");
                out.println(DemoCommand.indent(ModuleTools.text(report)));
            }
        }
        return 0;
    }
}
