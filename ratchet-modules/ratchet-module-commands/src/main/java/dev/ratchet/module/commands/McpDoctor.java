package dev.ratchet.module.commands;

import dev.ratchet.spi.ConfigOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The MCP part of {@code ratchet doctor}: each server of {@code commands.mcp-servers} started as {@code ratchet run}
 * starts it, its tools listed, and closed again; one line each, with the fix when it fails.
 */
public final class McpDoctor {

    /** One server: whether it connected, and its tools or what to fix. */
    public record Line(String name, boolean ok, String detail) {}

    /** The option naming the servers file, read with the prefix {@code commands.}. */
    public static final ConfigOption<String> SERVERS = CommandsModule.MCP_SERVERS;

    /** How long a server may take to start, read with the prefix {@code commands.}. */
    public static final ConfigOption<Duration> TIMEOUT = CommandsModule.MCP_TIMEOUT;

    private McpDoctor() {}

    /**
     * Starts the servers of {@code serversFile} (blank: none), each within {@code timeout}, and lists their tools.
     *
     * @param environment where {@code ${NAME}} references are looked up ({@code System::getenv})
     */
    public static List<Line> check(String serversFile, Duration timeout, Function<String, String> environment) {
        List<Line> lines = new ArrayList<>();
        if (serversFile == null || serversFile.isBlank()) {
            return lines;
        }
        List<McpServersFile.Server> servers;
        try {
            servers = McpServersFile.read(Path.of(serversFile.trim()));
        } catch (IllegalArgumentException e) {
            lines.add(new Line(
                    "mcp servers",
                    false,
                    "commands.mcp-servers: " + e.getMessage() + "; fix the file or RATCHET_COMMANDS_MCP_SERVERS"));
            return lines;
        }
        System.Logger quiet = System.getLogger("dev.ratchet.module.commands.doctor");
        try (McpServers mcp = McpServers.connect(servers, timeout, Duration.ofHours(1), environment, quiet)) {
            for (McpServers.Status s : mcp.statuses()) {
                lines.add(
                        s.connected()
                                ? new Line(
                                        "mcp " + s.name(),
                                        !s.tools().isEmpty(),
                                        s.where() + ": " + s.tools().size() + " tools"
                                                + (s.tools().isEmpty()
                                                        ? "; the server lists none: check its configuration"
                                                        : " (" + String.join(", ", s.tools()) + ")"))
                                : new Line(
                                        "mcp " + s.name(),
                                        false,
                                        s.where() + ": " + s.problem() + " (servers file " + serversFile.trim() + ")"));
            }
        }
        return lines;
    }
}
