package dev.ratchet.module.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the MCP servers file (option {@code commands.mcp-servers}): JSON or YAML in the common {@code mcpServers}
 * shape, a mapping from server name to a stdio server ({@code command}, {@code args}, {@code env}) or a Streamable
 * HTTP server ({@code url}, {@code headers}).
 *
 * <pre>
 * {"mcpServers": {
 *   "tickets": {"command": "tickets-mcp", "args": ["--stdio"], "env": {"TICKETS_TOKEN": "${TICKETS_TOKEN}"}},
 *   "github":  {"url": "https://api.githubcopilot.com/mcp/", "headers": {"Authorization": "Bearer ${GITHUB_TOKEN}"}}
 * }}
 * </pre>
 *
 * Values of {@code env}, {@code headers}, {@code args}, {@code command} and {@code url} may reference environment
 * variables as {@code ${NAME}}, expanded when the server is started ({@link #expand}), so that secrets stay out of the
 * file. Keys other clients use ({@code disabled}, {@code type}, {@code autoApprove}...) are accepted: {@code disabled:
 * true} skips the server, {@code type: sse} is refused (only stdio and Streamable HTTP are supported), the rest is
 * ignored so one file can serve several clients. Every error names the file and the server.
 */
final class McpServersFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,47}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /**
     * One configured server, with {@code ${NAME}} references not yet expanded.
     *
     * @param name    its name in the file, which prefixes its tools' names
     * @param command the program of a stdio server, or null for an HTTP server
     * @param args    the program's arguments
     * @param env     environment variables added to the program's
     * @param url     the Streamable HTTP endpoint, or null for a stdio server
     * @param headers HTTP headers sent with each request
     */
    record Server(
            String name,
            String command,
            List<String> args,
            Map<String, String> env,
            String url,
            Map<String, String> headers) {
        boolean stdio() {
            return command != null;
        }

        /** Where it runs, for logs: the command or URL, never the arguments, environment or headers (they may hold secrets). */
        String where() {
            return stdio() ? "command " + command : "url " + url;
        }
    }

    private McpServersFile() {}

    /**
     * The enabled servers of {@code file}, in file order.
     *
     * @throws IllegalArgumentException naming the file and, for a bad entry, the server and key
     */
    static List<Server> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": cannot read the MCP servers file (" + e.getMessage()
                            + "); fix commands.mcp-servers or create the file",
                    e);
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text); // YAML, and JSON as YAML's flow style
        } catch (YAMLException e) {
            throw new IllegalArgumentException(
                    file + ": not valid JSON or YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (!(root instanceof Map<?, ?> top)
                || !(top.get("mcpServers") instanceof Map<?, ?> || top.get("servers") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(
                    file + ": expected an object with a key mcpServers mapping each server name to "
                            + "{command, args, env} or {url, headers}");
        }
        Map<?, ?> entries = (Map<?, ?>) (top.get("mcpServers") instanceof Map<?, ?> m ? m : top.get("servers"));
        List<Server> servers = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        file + ": server '" + name
                                + "': the name must be letters, digits, '-', '_' or '.', at most 48 characters (it prefixes the tool names)");
            }
            Server server = server(file + ": server '" + name + "'", name, e.getValue());
            if (server != null) {
                servers.add(server);
            }
        }
        return List.copyOf(servers);
    }

    private static Server server(String where, String name, Object value) {
        if (!(value instanceof Map<?, ?> entry)) {
            throw new IllegalArgumentException(where + ": expected {command, args, env} or {url, headers}");
        }
        if (Boolean.TRUE.equals(entry.get("disabled"))) {
            return null;
        }
        String type = entry.get("type") == null
                ? ""
                : String.valueOf(entry.get("type")).toLowerCase(Locale.ROOT);
        if (type.equals("sse")) {
            throw new IllegalArgumentException(
                    where + ": type sse (the deprecated HTTP+SSE transport) is not supported; "
                            + "use the server's Streamable HTTP endpoint with type http");
        }
        Object command = entry.get("command");
        Object url = entry.get("url");
        if ((command == null) == (url == null)) {
            throw new IllegalArgumentException(
                    where + ": set either command (a stdio server) or url (a Streamable HTTP server)");
        }
        if (command != null) {
            if (!(command instanceof String c) || c.isBlank()) {
                throw new IllegalArgumentException(where + ", key 'command': expected the program to run, such as npx");
            }
            return new Server(
                    name,
                    c.trim(),
                    strings(where, "args", entry.get("args")),
                    map(where, "env", entry.get("env")),
                    null,
                    Map.of());
        }
        if (!(url instanceof String u)
                || !(u.startsWith("http://") || u.startsWith("https://") || u.startsWith("${"))) {
            throw new IllegalArgumentException(where + ", key 'url': expected an http:// or https:// URL");
        }
        return new Server(name, null, List.of(), Map.of(), u.trim(), map(where, "headers", entry.get("headers")));
    }

    private static List<String> strings(String where, String key, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)
                || list.stream().anyMatch(x -> x instanceof Map || x instanceof List || x == null)) {
            throw new IllegalArgumentException(where + ", key '" + key + "': expected a list of strings");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static Map<String, String> map(String where, String key, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> raw)
                || raw.values().stream().anyMatch(x -> x instanceof Map || x instanceof List || x == null)) {
            throw new IllegalArgumentException(
                    where + ", key '" + key + "': expected a mapping of names to string values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    /**
     * {@code value} with each {@code ${NAME}} replaced by that environment variable.
     *
     * @throws IllegalStateException naming the variable (never a value) when it is not set
     */
    static String expand(String value, Function<String, String> environment, String server, String key) {
        return expand(value, environment, server, key, new Redactor());
    }

    /** {@link #expand(String, Function, String, String)}, telling {@code seen} each value it put in, to redact it later. */
    static String expand(String value, Function<String, String> environment, String server, String key, Redactor seen) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null) {
                throw new IllegalStateException(key + " of MCP server '" + server + "' references ${" + m.group(1)
                        + "}, which is not set; set the environment variable " + m.group(1) + " for Ratchet");
            }
            seen.expanded(m.group(1), v);
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
