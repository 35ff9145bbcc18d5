package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ratchet report}, {@code ratchet alerts} and {@code ratchet handoff} share: Ratchet started with the
 * report module, the channel named as a person would, the report module's tool called on it and its answer printed as
 * readable text under a title line, or as JSON.
 */
final class ReportTools {

    private ReportTools() {}

    /** Ratchet, started; a StartupException (exit 5) naming {@code command} when the report module is not enabled. */
    static Ratchet start(RatchetCommand root, String command) {
        Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC());
        if (!ratchet.modules().isEnabled("report")) {
            ratchet.close();
            throw new StartupException(
                    StartupException.MODULE,
                    "ratchet " + command + " needs the report module; it is not enabled (see 'ratchet modules')");
        }
        return ratchet;
    }

    /** The channel's id for {@code --channel} as given (#name, name or id); exit 2 listing the known ones. */
    static String channel(Ratchet ratchet, String given) {
        return ChannelArg.resolve(ratchet.storage().directory(), given, "--channel", false);
    }

    /** The tool's arguments: the channel, {@code extra}, and {@code format=text} unless JSON is wanted. */
    static Map<String, Object> args(String channel, Map<String, Object> extra, boolean json) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("channel", channel);
        args.putAll(extra);
        if (!json) {
            args.put("format", "text");
        }
        return args;
    }

    /** Prints {@code result}: as JSON, or "{@code title} #channel, {@code period}" and its text indented. */
    static void print(
            PrintWriter out,
            Ratchet ratchet,
            String channel,
            String title,
            String period,
            Object result,
            boolean json) {
        if (json) {
            out.println(Json.writeOutput(result));
            return;
        }
        out.println(title + " "
                + ratchet.directory()
                        .channel(channel)
                        .map(a -> "#" + a.getOrDefault("name", channel))
                        .orElse(channel)
                + ", " + period);
        out.println(DemoCommand.indent(ModuleTools.text(result)));
    }
}
