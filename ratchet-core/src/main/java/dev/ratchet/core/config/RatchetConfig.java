package dev.ratchet.core.config;

import dev.ratchet.core.StartupException;
import dev.ratchet.spi.ConfigOption;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Ratchet's configuration: raw values from, in increasing precedence, a {@code .env} file, {@code RATCHET_*}
 * environment variables and flags ({@code --set key=value}), read through declared {@link ConfigOption}s.
 *
 * <p>A key {@code runbook.max-threads} is the variable {@code RATCHET_RUNBOOK_MAX_THREADS}. Values are parsed and
 * checked only through an option, so that every error can name the key, where the bad value came from and what a
 * good one looks like; secret values never appear in messages.
 */
public final class RatchetConfig {

    /** Environment variables with this prefix belong to the test kit, not to the application. */
    private static final String TEST_PREFIX = "RATCHET_TEST_";
    /** The prefix of core options' keys: none ({@code db.url}, not {@code <module-id>.db.url}). */
    private static final String NO_PREFIX = "";

    private final Map<String, String> flags;
    private final Map<String, String> env;
    private final Map<String, String> dotenv;
    private final String dotenvName;
    private final GoAliases.Resolved goNames;

    private RatchetConfig(
            Map<String, String> flags, Map<String, String> env, Map<String, String> dotenv, String dotenvName) {
        this.flags = Map.copyOf(flags);
        this.env = env;
        this.dotenv = dotenv;
        this.dotenvName = dotenvName;
        this.goNames = GoAliases.resolve(env, dotenv, dotenvName, this::setByOwnName);
    }

    /**
     * Reads configuration from flags, the process environment and {@code dotenvFile} (ignored when missing).
     *
     * @throws StartupException if the {@code .env} file cannot be parsed
     */
    public static RatchetConfig load(Map<String, String> flags, Map<String, String> environment, Path dotenvFile) {
        Map<String, String> fromFile = new LinkedHashMap<>();
        if (dotenvFile != null && Files.isRegularFile(dotenvFile)) {
            try {
                Path dir = dotenvFile.toAbsolutePath().getParent();
                Dotenv parsed = Dotenv.configure()
                        .directory(dir.toString())
                        .filename(dotenvFile.getFileName().toString())
                        .load();
                for (DotenvEntry e : parsed.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                    fromFile.put(e.getKey(), e.getValue());
                }
            } catch (DotenvException e) {
                throw new StartupException(
                        StartupException.CONFIG,
                        dotenvFile + ": " + e.getMessage()
                                + "; each line must be KEY=VALUE, a comment starting with #, or blank. Fix or remove the file.");
            }
        }
        return new RatchetConfig(flags, environment, fromFile, dotenvFile == null ? ".env" : dotenvFile.toString());
    }

    /** Configuration from flags only (tests, embedded use). */
    public static RatchetConfig of(Map<String, String> flags) {
        return new RatchetConfig(flags, Map.of(), Map.of(), ".env");
    }

    /** The environment variable for a key: {@code runbook.max-threads} → {@code RATCHET_RUNBOOK_MAX_THREADS}. */
    public static String envName(String key) {
        return "RATCHET_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with more flags, which take precedence over the existing ones. */
    public RatchetConfig withFlags(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(flags);
        merged.putAll(more);
        return new RatchetConfig(merged, env, dotenv, dotenvName);
    }

    /** Whether {@code key} has a non-blank value under its own name: a flag, or its variable in either source. */
    private boolean setByOwnName(String key) {
        String name = envName(key);
        return Stream.of(flags.get(key), env.get(name), dotenv.get(name)).anyMatch(RatchetConfig::present);
    }

    /**
     * One line for each Go Ratchet name read (or ignored), naming the key to use instead; never a value. The launcher
     * logs them when it validates the configuration.
     */
    public List<String> notices() {
        return goNames.notices();
    }

    /** Where a key's value comes from, for messages: "--set runbook.x", "RATCHET_X in the environment", ... */
    private Optional<Raw> raw(String key) {
        String name = envName(key);
        if (present(flags.get(key))) {
            return Optional.of(new Raw(flags.get(key), "--set " + key));
        }
        if (present(env.get(name))) {
            return Optional.of(new Raw(env.get(name), name + " in the environment"));
        }
        if (present(dotenv.get(name))) {
            return Optional.of(new Raw(dotenv.get(name), name + " in " + dotenvName));
        }
        GoAliases.Value alias = goNames.values().get(key);
        if (alias != null) {
            return Optional.of(new Raw(alias.value(), alias.source()));
        }
        return Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private record Raw(String value, String source) {}

    /**
     * The value of {@code option} under {@code prefix} ("" for core options, {@code "<module-id>."} for a module's).
     *
     * @throws StartupException if the value is invalid or a required value is missing
     */
    public <T> Optional<T> find(String prefix, ConfigOption<T> option) {
        String key = prefix + option.key();
        Optional<Raw> raw = raw(key).filter(r -> !r.value().isBlank());
        if (raw.isEmpty()) {
            if (option.isRequired() && option.defaultValue().isEmpty()) {
                throw new StartupException(
                        StartupException.CONFIG,
                        key + " is required (" + option.type() + "): set " + envName(key) + " in the environment or "
                                + dotenvName + ", or pass --set " + key + "=...");
            }
            return option.defaultValue();
        }
        try {
            return Optional.of(option.parse(raw.get().value()));
        } catch (IllegalArgumentException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    key + ": " + e.getMessage() + " (from " + raw.get().source() + "). Set it to " + option.type()
                            + ".");
        }
    }

    /**
     * The value of a core option (one without a module prefix), for the subsystems' settings records.
     *
     * @throws StartupException if the value is invalid or a required value is missing
     */
    public <T> Optional<T> find(ConfigOption<T> option) {
        return find(NO_PREFIX, option);
    }

    /**
     * The value of a core option that has a default or is required.
     *
     * @throws StartupException if the value is invalid or missing
     */
    public <T> T get(ConfigOption<T> option) {
        return get(NO_PREFIX, option);
    }

    public <T> T get(String prefix, ConfigOption<T> option) {
        return find(prefix, option)
                .orElseThrow(() -> new StartupException(
                        StartupException.CONFIG,
                        prefix + option.key() + " has no value and no default; set " + envName(prefix + option.key())));
    }

    /** Validates every option, collecting all problems instead of stopping at the first. */
    public List<String> problems(String prefix, Collection<ConfigOption<?>> options) {
        List<String> problems = new ArrayList<>();
        for (ConfigOption<?> option : options) {
            try {
                find(prefix, option);
            } catch (StartupException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /**
     * Keys set by flag, environment or {@code .env} that no known option declares. {@code knownKeys} are full keys;
     * {@code ownedPrefixes} are prefixes (module ids with a dot) whose unknown keys are ignored, for modules found
     * but not enabled.
     */
    public Unknown unknownKeys(Set<String> knownKeys, Set<String> ownedPrefixes) {
        Map<String, String> knownEnv = new LinkedHashMap<>();
        knownKeys.forEach(k -> knownEnv.put(envName(k), k));
        List<String> flagProblems = new ArrayList<>();
        for (String key : new TreeSet<>(flags.keySet())) {
            if (!knownKeys.contains(key) && ownedPrefixes.stream().noneMatch(key::startsWith)) {
                flagProblems.add("unknown setting --set " + key + suggestion(key, knownKeys));
            }
        }
        List<String> envWarnings = new ArrayList<>();
        for (var source : List.of(Map.entry("the environment", env), Map.entry(dotenvName, dotenv))) {
            for (String name : new TreeSet<>(source.getValue().keySet())) {
                if (!name.startsWith("RATCHET_")
                        || name.startsWith(TEST_PREFIX)
                        || knownEnv.containsKey(name)
                        || GoAliases.names().contains(name)) {
                    continue;
                }
                boolean owned = ownedPrefixes.stream()
                        .anyMatch(p -> name.startsWith(envName(p.substring(0, p.length() - 1)) + "_"));
                if (!owned) {
                    envWarnings.add(
                            "unknown setting " + name + " in " + source.getKey() + suggestion(name, knownEnv.keySet()));
                }
            }
        }
        return new Unknown(flagProblems, envWarnings);
    }

    /** Unknown keys: those given as flags are errors, those in the environment or {@code .env} warnings. */
    public record Unknown(List<String> errors, List<String> warnings) {}

    static String suggestion(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = Levenshtein.distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 4) ? "; did you mean " + best + "?" : "";
    }
}
