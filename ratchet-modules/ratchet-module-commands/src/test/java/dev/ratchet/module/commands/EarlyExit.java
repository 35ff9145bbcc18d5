package dev.ratchet.module.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A program that is not an MCP server at all: it writes its arguments to stderr and exits with code 3 at once, as a
 * misconfigured server would ({@code sh -c 'echo boom >&2; exit 3'}, without a shell).
 */
public final class EarlyExit {

    private EarlyExit() {}

    /** A servers-file entry that runs this program with the test classpath and {@code args}. */
    static Map<String, Object> entry(List<String> args) {
        List<String> all = new ArrayList<>(List.of(
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), EarlyExit.class.getName()));
        all.addAll(args);
        return Map.of(
                "command",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "args",
                all);
    }

    public static void main(String[] args) {
        System.err.println("boom: started with " + String.join(" ", args));
        System.exit(3);
    }
}
