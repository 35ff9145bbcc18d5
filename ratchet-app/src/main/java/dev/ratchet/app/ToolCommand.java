package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet tool NAME}: call any enabled module's tool from the terminal. */
@Command(
        name = "tool",
        header = "Call a module's tool and print its result.",
        footer = {"", "Example:", "  ratchet tool channel_report --arg channel=team-ops --arg days=7"},
        mixinStandardHelpOptions = true,
        description = {
            "Call a module's tool (the tools the LLM and the API can call) and print its result.",
            "Arguments are typed by the tool's input schema: --arg days=7 --arg channel=C0123ABC, or --input '{\"days\": 7}'.",
            "An unknown NAME lists the enabled modules' tools."
        })
final class ToolCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The tool's name, such as channel_report.")
    String name;

    @Option(names = "--arg", paramLabel = "KEY=VALUE", description = "One argument; repeat for more.")
    List<String> args = new ArrayList<>();

    @Option(
            names = "--input",
            paramLabel = "JSON",
            description = "The arguments as a JSON object; --arg values override it.")
    String input;

    @Option(names = "--json", description = "Print the result as pretty JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            Map<String, Object> arguments =
                    ModuleTools.arguments(ModuleTools.find(ratchet, name).tool(), input, args);
            Object result = ModuleTools.call(ratchet, name, arguments, "cli");
            if (json) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } else {
                ModuleTools.printReadable(out, result);
            }
        }
        return 0;
    }
}
