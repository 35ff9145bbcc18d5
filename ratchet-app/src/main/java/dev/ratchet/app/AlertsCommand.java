package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet alerts}: a channel's alert analytics (the report module's alert_analytics tool) in the terminal. */
@Command(
        name = "alerts",
        header = "Print a channel's alert analytics.",
        footer = {
            "",
            "Examples:",
            "  ratchet alerts --channel team-ops --since 30",
            "  ratchet alerts --channel team-ops --propose-rules            # the rule changes as diffs, nothing written",
            "  ratchet alerts --channel team-ops --propose-rules --open-pr  # and open the pull requests"
        },
        mixinStandardHelpOptions = true,
        description = {
            "Print a channel's alert analytics, per alert and for the channel: firings, flaps, resolved with nobody",
            "acting, time to a person's first reply, time to resolve (p50/p90), share fired outside working hours,",
            "and the trend against the previous period of the same length.",
            "With --propose-rules, the noise section's tuning proposals drafted as edits of the alert rule files",
            "(the alert-rules sources: alert_rules: true in docs.sources-file), one unified diff per file; with",
            "--open-pr as well, the pull requests are opened after the diffs are printed."
        })
final class AlertsCommand implements Callable<Integer> {

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

    @Option(names = "--json", description = "Print the analytics as JSON.")
    boolean json;

    @Option(
            names = "--propose-rules",
            description = "Print the noise proposals as diffs of the alert rule files instead of the analytics.")
    boolean proposeRules;

    @Option(
            names = "--open-pr",
            description = "With --propose-rules: after printing the diffs, open a pull request per changed file.")
    boolean openPr;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Ratchet ratchet = ReportTools.start(root, "alerts")) {
            channel = ReportTools.channel(ratchet, channel);
            if (openPr && !proposeRules) {
                throw new dev.ratchet.core.StartupException(
                        ModuleTools.USAGE,
                        "--open-pr opens the pull requests of the drafted rule changes: add --propose-rules");
            }
            if (proposeRules) {
                return rules(ratchet, out);
            }
            Object analytics = ModuleTools.call(
                    ratchet, "alert_analytics", ReportTools.args(channel, Map.of("days", days), json), "cli");
            ReportTools.print(out, ratchet, channel, "Alerts of", "last " + days + " day(s)", analytics, json);
        }
        return 0;
    }

    /** The drafted rule changes, then (with --open-pr) the pull requests. */
    private int rules(Ratchet ratchet, PrintWriter out) throws Exception {
        Map<String, Object> args = ReportTools.args(channel, Map.of("days", days), json);
        Object draft = ModuleTools.call(ratchet, "alert_rule_changes", args, "cli");
        out.println(json ? Json.writeOutput(draft) : ModuleTools.text(draft));
        if (openPr) {
            Object opened = ModuleTools.call(ratchet, "open_alert_rule_pull_requests", args, "the command line");
            out.println(json ? Json.writeOutput(opened) : ModuleTools.text(opened));
        }
        return 0;
    }
}
