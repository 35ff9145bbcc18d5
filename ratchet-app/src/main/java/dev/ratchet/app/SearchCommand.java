package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.spi.Tool;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet search}: the recent-activity module's hybrid search from the command line. */
@Command(
        name = "search",
        header = "Search messages by words and by meaning.",
        footer = {"", "Example:", "  ratchet search \"vpn access\" --channel team-help --since 30"},
        mixinStandardHelpOptions = true,
        description = {
            "Search recent messages by words and by meaning (the recent-activity module's search_messages tool).",
            "People's messages only, unless --include-bots."
        })
final class SearchCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "What to look for.")
    List<String> query;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "Only this channel: #name, name or id.")
    String channel;

    @Option(
            names = "--since",
            paramLabel = "DAYS",
            description = "How many days back (default: the module's window, 7).")
    Integer days;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many results (default 10).")
    Integer limit;

    @Option(names = "--include-bots", description = "Also search what bots and integrations posted (alerts).")
    boolean includeBots;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            Registrations.RegisteredTool tool = ratchet.registrations().tools().stream()
                    .filter(t -> t.tool().name().equals("search_messages"))
                    .findFirst()
                    .orElseThrow(() -> new StartupException(
                            StartupException.MODULE,
                            "search needs the recent-activity module; it is not enabled (see 'ratchet modules')"));
            if (channel != null) {
                channel = ChannelArg.resolve(ratchet.storage().directory(), channel, "--channel", false);
            }
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("query", String.join(" ", query));
            if (channel != null) {
                args.put("channel", channel);
            }
            if (days != null) {
                args.put("days", days);
            }
            if (limit != null) {
                args.put("limit", limit);
            }
            args.put("includeBots", includeBots);
            Object result = tool.tool().function().call(args, new Tool.ToolCall(channel, null, "cli"));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.writeOutput(result));
                return 0;
            }
            List<?> rows = Json.OUTPUT.convertValue(result, List.class);
            if (rows.isEmpty()) {
                out.println("no messages match");
            }
            for (Object row : rows) {
                Map<?, ?> r = (Map<?, ?>) row;
                String text = String.valueOf(r.get("text")).replace('\n', ' ');
                String channelName = ratchet.directory()
                        .channel(String.valueOf(r.get("channel")))
                        .map(a -> "#" + a.getOrDefault("name", r.get("channel")))
                        .orElse(String.valueOf(r.get("channel")));
                out.printf(
                        "%-20s %-16s %-18s %s%n",
                        String.valueOf(r.get("posted_at")).substring(0, 19).replace('T', ' '),
                        channelName,
                        r.get("author"),
                        text.length() > 120 ? text.substring(0, 117) + "..." : text);
            }
        }
        return 0;
    }
}
