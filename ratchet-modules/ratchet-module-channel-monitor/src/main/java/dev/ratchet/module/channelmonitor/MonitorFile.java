package dev.ratchet.module.channelmonitor;

import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.spi.kit.SlackIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the monitor file: a YAML mapping from slug to entry.
 *
 * <pre>
 * deploy-requests:
 *   channel_id: C0123ABCD
 *   prompt: |
 *     Is {{user}} asking for a deploy? Message: {{text}}   # also {{raw_text}}, {{thread}}, {{user_id}}, {{channel_id}}, {{ts}}
 *     # or, as in a Go Ratchet file: {{.Message.Text}} and {{.Message.User}} (see PromptTemplate)
 *   result_schema:
 *     type: object
 *     properties:
 *       deploy: {type: boolean}
 *       service: {type: string}
 *     required: [deploy, service]
 *   executable: ./notify-deployers.sh      # relative to this file; a bare name (jq) is looked up on PATH first
 *   executable_args: ["--team", "payments"] # optional
 *   timeout: 10s                            # optional, default 10s, at most 5m
 * </pre>
 *
 * Every error names the file, the slug and the key, and says what a valid value is.
 */
final class MonitorFile {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private static final Set<String> REQUIRED = Set.of("channel_id", "prompt", "result_schema", "executable");
    private static final List<String> KNOWN =
            List.of("channel_id", "prompt", "result_schema", "executable", "executable_args", "timeout");
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    // C: public, G: private (legacy), D: direct message; Slack ids are upper-case letters and digits
    private static final Pattern CHANNEL_ID = SlackIds.CHANNEL_ID;
    private static final ConfigOption<Duration> TIMEOUT = ConfigOption.duration("timeout", DEFAULT_TIMEOUT);

    private MonitorFile() {}

    /**
     * The entries of {@code file}, in file order.
     *
     * @throws IllegalArgumentException naming the file, and the slug and key of a bad entry
     */
    static List<Monitor> read(Path file) {
        return read(file, System.getenv("PATH"));
    }

    /**
     * The entries of {@code file}, executables without a slash looked up on {@code path} (the {@code PATH} variable's
     * value) first, then beside the file.
     *
     * @throws IllegalArgumentException naming the file, and the slug and key of a bad entry
     */
    static List<Monitor> read(Path file, String path) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the monitor file (" + e.getMessage() + ")", e);
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(
                    file + ": not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException(file + ": expected a mapping of slug to monitor entry at the top level");
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Monitor> monitors = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String slug = String.valueOf(e.getKey());
            if (!SLUG.matcher(slug).matches()) {
                throw new IllegalArgumentException(file + ": entry '" + slug
                        + "': the slug must be letters, digits, '-', '_' or '.', at most 64 characters");
            }
            monitors.add(entry(file + ": entry '" + slug + "'", dir, slug, e.getValue(), path, false));
        }
        return List.copyOf(monitors);
    }

    /**
     * An entry to try without a file ({@code POST /api/modules/channel-monitor/test}): its {@code channel_id},
     * {@code prompt} and {@code result_schema} checked as in a file, as a mapping or as YAML text; an
     * {@code executable} is neither needed nor run.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    static Monitor trial(Object value) {
        Object entry = value;
        if (value instanceof String yaml) {
            try {
                entry = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            } catch (YAMLException e) {
                throw new IllegalArgumentException(
                        "the posted entry is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
            }
        }
        return entry(TRIAL, null, "posted", entry, null, true);
    }

    private static final String TRIAL = "the posted entry";

    private static Monitor entry(String where, Path dir, String slug, Object value, String path, boolean trial) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(where + ": expected a mapping with keys " + String.join(", ", KNOWN));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        raw.forEach((k, v) -> entry.put(String.valueOf(k), v));
        for (String key : entry.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(
                        where + ": unknown key '" + key + "'; known keys: " + String.join(", ", KNOWN));
            }
        }
        for (String key : KNOWN) {
            if (REQUIRED.contains(key) && entry.get(key) == null && !(trial && key.equals("executable"))) {
                throw new IllegalArgumentException(where + ": missing key '" + key + "'");
            }
        }

        String channelId = String.valueOf(entry.get("channel_id")).trim();
        if (!CHANNEL_ID.matcher(channelId).matches()) {
            throw new IllegalArgumentException(where + ", key 'channel_id': '" + channelId
                    + "' is not a Slack channel id; expected an id such as C0123ABCD (not a #name)");
        }

        if (!(entry.get("prompt") instanceof String promptText) || promptText.isBlank()) {
            throw new IllegalArgumentException(where + ", key 'prompt': expected non-empty text");
        }
        PromptTemplate prompt;
        try {
            prompt = PromptTemplate.of(promptText);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ", key 'prompt': " + ex.getMessage(), ex);
        }

        if (!(entry.get("result_schema") instanceof Map<?, ?> schema)) {
            throw new IllegalArgumentException(
                    where + ", key 'result_schema': expected a JSON Schema object (a YAML mapping), got "
                            + kind(entry.get("result_schema")));
        }
        Object type = schema.get("type");
        if (type != null && !"object".equals(type)) {
            throw new IllegalArgumentException(
                    where + ", key 'result_schema': the model answers one JSON object, so the schema's type must be "
                            + "'object', not " + JsonText.write(plain(type)));
        }
        String schemaJson = JsonText.write(plain(schema));

        if (trial) {
            return new Monitor(slug, channelId, prompt, schemaJson, null, List.of(), DEFAULT_TIMEOUT);
        }
        Path executable =
                executable(where, dir, String.valueOf(entry.get("executable")).trim(), path);

        List<String> args = new ArrayList<>();
        Object rawArgs = entry.get("executable_args");
        if (rawArgs != null) {
            if (!(rawArgs instanceof List<?> list)) {
                throw new IllegalArgumentException(
                        where + ", key 'executable_args': expected a list of strings, got " + kind(rawArgs));
            }
            for (Object a : list) {
                if (a == null || a instanceof Map || a instanceof Collection) {
                    throw new IllegalArgumentException(
                            where + ", key 'executable_args': expected a list of strings, found " + kind(a));
                }
                args.add(String.valueOf(a));
            }
        }

        Duration timeout = DEFAULT_TIMEOUT;
        Object rawTimeout = entry.get("timeout");
        if (rawTimeout != null) {
            try {
                timeout = rawTimeout instanceof Number n
                        ? Duration.ofSeconds(n.longValue())
                        : TIMEOUT.parse(String.valueOf(rawTimeout));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ", key 'timeout': " + ex.getMessage(), ex);
            }
            if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(where + ", key 'timeout': " + rawTimeout
                        + " is out of range; expected more than 0 and at most 5m");
            }
        }
        return new Monitor(slug, channelId, prompt, schemaJson, executable, List.copyOf(args), timeout);
    }

    /**
     * The program an entry runs: a name without a slash is looked up on {@code PATH} as a shell would (the Go Ratchet's
     * rule, e.g. {@code executable: jq}), then beside the monitor file; a path with a slash is taken relative to the
     * monitor file's folder.
     */
    private static Path executable(String where, Path dir, String name, String path) {
        String key = where + ", key 'executable': ";
        if (name.isEmpty()) {
            throw new IllegalArgumentException(key + "expected a program name or path");
        }
        if (!name.contains("/")) {
            for (String folder : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
                if (folder.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(folder).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath().normalize();
                }
            }
            Path beside = dir.resolve(name).normalize();
            if (!Files.exists(beside)) {
                throw new IllegalArgumentException(key + "'" + name + "' is not on PATH (" + path + ") nor beside the"
                        + " monitor file (" + beside + "); install it, or give its path");
            }
            return checked(key, beside);
        }
        return checked(key, dir.resolve(name).normalize());
    }

    private static Path checked(String key, Path executable) {
        if (!Files.exists(executable)) {
            throw new IllegalArgumentException(key + executable + " does not exist");
        }
        if (!Files.isRegularFile(executable)) {
            throw new IllegalArgumentException(key + executable + " is not a regular file");
        }
        if (!Files.isExecutable(executable)) {
            throw new IllegalArgumentException(key + executable + " is not executable (chmod +x)");
        }
        return executable;
    }

    /** YAML values as JSON values: keys as strings, dates and other scalars as text. */
    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Number n) {
            return n instanceof java.math.BigInteger ? n : n.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(MonitorFile::plain).toList();
        }
        return v.toString();
    }

    private static String kind(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof Collection) {
            return "a list";
        }
        return "'" + v + "'";
    }
}
