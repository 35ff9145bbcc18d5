package dev.ratchet.core.modules;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.Levenshtein;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.RatchetModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every module found, which of them are enabled, and their lifecycle.
 *
 * <p>Discovery is not enabling (the lesson of JDBI's implicit plugin installation): {@link #discover} finds all
 * modules, {@link #enable} picks the ones the operator named, {@link #validateConfig} checks all of their
 * configuration before {@link #start} starts any, and {@link #stop} stops them in reverse order.
 */
public final class ModuleRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModuleRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<String, FoundModule> found;
    private final List<FoundModule> enabled = new ArrayList<>();
    private final List<FoundModule> started = new ArrayList<>();

    private ModuleRegistry(Map<String, FoundModule> found) {
        this.found = found;
    }

    /**
     * Finds the modules on the application class path and in each plugin.
     *
     * @throws StartupException for a module that cannot be instantiated, an invalid id, or two modules with one id
     */
    public static ModuleRegistry discover(ClassLoader application, List<PluginLoader.Plugin> plugins) {
        List<FoundModule> all = new ArrayList<>();
        all.addAll(load(application, "classpath", null));
        for (PluginLoader.Plugin plugin : plugins) {
            all.addAll(load(plugin.loader(), plugin.jar().toString(), plugin.loader()));
        }
        return fromFound(all);
    }

    private static ModuleRegistry fromFound(List<FoundModule> all) {
        Map<String, FoundModule> byId = new LinkedHashMap<>();
        for (FoundModule m : all) {
            String id;
            try {
                id = m.module().id();
            } catch (RuntimeException e) {
                throw new StartupException(StartupException.MODULE, "module " + m.describe() + " failed in id(): " + e);
            }
            if (id == null || !ID.matcher(id).matches()) {
                throw new StartupException(
                        StartupException.MODULE,
                        "module " + m.describe() + " has the id '" + id
                                + "'; a module id must be kebab-case ([a-z][a-z0-9-]*). Fix the module's id().");
            }
            FoundModule previous = byId.putIfAbsent(id, m);
            if (previous != null) {
                throw new StartupException(
                        StartupException.MODULE,
                        "two modules have the id '" + id + "': " + previous.describe() + " and " + m.describe()
                                + ". Remove one of them from the class path or plugins folder.");
            }
        }
        return new ModuleRegistry(byId);
    }

    /**
     * A registry of given module instances, for tests and embedding; the same id and duplicate checks apply.
     */
    public static ModuleRegistry of(List<? extends RatchetModule> modules) {
        List<FoundModule> all =
                modules.stream().map(m -> new FoundModule(m, "given")).collect(Collectors.toList());
        return fromFound(all);
    }

    /**
     * Loads the providers of {@code loader}; for a plugin, only those defined by the plugin's own loader, since its
     * parent's providers (the class path's) are visible through it too.
     */
    private static List<FoundModule> load(ClassLoader loader, String source, ClassLoader onlyFrom) {
        List<FoundModule> result = new ArrayList<>();
        var providers = ServiceLoader.load(RatchetModule.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<RatchetModule> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                throw new StartupException(
                        StartupException.MODULE,
                        "cannot load a module listed in " + source
                                + " (META-INF/services/" + RatchetModule.class.getName() + "): " + rootMessage(e)
                                + ". Check the class exists, is public and has a public no-argument constructor.",
                        e);
            }
            if (onlyFrom != null && provider.type().getClassLoader() != onlyFrom) {
                continue;
            }
            try {
                result.add(new FoundModule(provider.get(), source));
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new StartupException(
                        StartupException.MODULE,
                        "cannot create module " + provider.type().getName() + " from " + source + ": " + rootMessage(e)
                                + ". Is it built against this version of ratchet-spi?",
                        e);
            }
        }
        return result;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }

    /** All modules found, by id in discovery order. */
    public Collection<FoundModule> found() {
        return found.values();
    }

    /** The enabled modules in start order. */
    public List<FoundModule> enabled() {
        return List.copyOf(enabled);
    }

    public boolean isEnabled(String id) {
        return enabled.stream().anyMatch(m -> m.id().equals(id));
    }

    /**
     * Enables modules: those named in {@code only} in that order (all found, in discovery order, when {@code only}
     * is empty), minus those in {@code disabled}.
     *
     * @throws StartupException naming any id that was not found, with the closest found id
     */
    public ModuleRegistry enable(List<String> only, List<String> disabled) {
        enableIgnoringRequirements(only, disabled);
        checkRequirements();
        return this;
    }

    /**
     * {@link #enable} without refusing an enabled module whose {@link RatchetModule#requires() needs} are not enabled:
     * for tests that drive a module alone or give a stand-in for what it needs.
     */
    public ModuleRegistry enableIgnoringRequirements(List<String> only, List<String> disabled) {
        checkKnown(only, "--modules");
        checkKnown(disabled, "--disable");
        Set<String> off = new HashSet<>(disabled);
        List<String> order = only.isEmpty() ? List.copyOf(found.keySet()) : List.copyOf(new LinkedHashSet<>(only));
        enabled.clear();
        for (String id : order) {
            if (!off.contains(id)) {
                enabled.add(found.get(id));
            }
        }
        return this;
    }

    /**
     * The ids of the modules {@code m} needs enabled beside it, sorted.
     *
     * @throws StartupException when the module fails to say
     */
    public static List<String> requirements(FoundModule m) {
        Set<String> needs;
        try {
            needs = m.module().requires();
        } catch (RuntimeException | LinkageError e) {
            throw new StartupException(
                    StartupException.MODULE, "module '" + m.id() + "' failed to say which modules it needs: " + e);
        }
        return needs == null ? List.of() : needs.stream().sorted().toList();
    }

    /** Refuses enabled modules whose needs are not enabled, every one at once, each with the fix. */
    private void checkRequirements() {
        List<String> problems = new ArrayList<>();
        for (FoundModule m : enabled) {
            for (String need : requirements(m)) {
                if (!isEnabled(need)) {
                    problems.add(m.id() + " needs " + need + ": add it or drop " + m.id()
                            + (found.containsKey(need)
                                    ? ""
                                    : " (no module '" + need + "' was found; add its jar with --plugins DIR)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupException(StartupException.CONFIG, String.join("\n", problems));
        }
    }

    private void checkKnown(List<String> ids, String flag) {
        for (String id : ids) {
            if (!found.containsKey(id)) {
                String closest = found.keySet().stream()
                        .min(Comparator.comparingInt(k -> Levenshtein.distance(k, id)))
                        .orElse(null);
                String hint = closest != null && Levenshtein.distance(closest, id) <= 3
                        ? " Did you mean '" + closest + "'?"
                        : "";
                throw new StartupException(
                        StartupException.CONFIG,
                        flag + ": no module '" + id + "' was found." + hint
                                + " Found: " + (found.isEmpty() ? "none" : String.join(", ", found.keySet()))
                                + ". Run 'ratchet modules' to list them; add plugin jars with --plugins DIR.");
            }
        }
    }

    /**
     * Validates the core options and the enabled modules' options, and rejects unknown {@code --set} keys; warns about
     * unknown {@code RATCHET_*} variables. Reports every problem at once.
     *
     * @throws StartupException listing every problem, one per line
     */
    public void validateConfig(RatchetConfig config, List<ConfigOption<?>> coreOptions) {
        List<String> problems = new ArrayList<>(config.problems("", coreOptions));
        for (FoundModule m : found.values()) {
            if (isEnabled(m.id())) {
                problems.addAll(config.problems(m.id() + ".", options(m)));
            }
        }
        config.notices().forEach(n -> log.warn("{}", n));
        RatchetConfig.Unknown unknown = config.unknownKeys(knownKeys(coreOptions), Set.of());
        unknown.warnings().forEach(w -> log.warn("{}", w));
        problems.addAll(unknown.errors());
        if (!problems.isEmpty()) {
            throw new StartupException(
                    StartupException.CONFIG, "invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Rejects {@code --set} keys that neither the core nor any module found (enabled or not) declares: the check every
     * command makes, whether or not it starts Ratchet; a key of a found module is valid everywhere.
     *
     * @throws StartupException listing the unknown keys, each with the closest known one
     */
    public void checkKeys(RatchetConfig config, List<ConfigOption<?>> coreOptions) {
        List<String> errors =
                config.unknownKeys(knownKeys(coreOptions), Set.of()).errors();
        if (!errors.isEmpty()) {
            throw new StartupException(
                    StartupException.CONFIG, "invalid configuration:\n  " + String.join("\n  ", errors));
        }
    }

    /** The keys of the core options and of every found module's options. */
    private Set<String> knownKeys(List<ConfigOption<?>> coreOptions) {
        Set<String> known = new HashSet<>();
        coreOptions.forEach(o -> known.add(o.key()));
        for (FoundModule m : found.values()) {
            options(m).forEach(o -> known.add(m.id() + "." + o.key()));
        }
        return known;
    }

    static List<ConfigOption<?>> options(FoundModule m) {
        try {
            List<ConfigOption<?>> options = m.module().configOptions();
            return options == null ? List.of() : options;
        } catch (RuntimeException e) {
            throw new StartupException(
                    StartupException.MODULE, "module '" + m.id() + "' failed to declare its configuration: " + e);
        }
    }

    /**
     * Starts the enabled modules in order. If one fails, those already started are stopped in reverse order and the
     * failure is thrown.
     *
     * @param contexts makes the context of each module; {@link ModuleScope#seal()} is called after its start
     */
    public void start(Function<FoundModule, ModuleScope> contexts) {
        for (FoundModule m : enabled) {
            ModuleScope ctx = contexts.apply(m);
            try {
                m.module().start(ctx);
            } catch (Exception | LinkageError e) {
                stop();
                String why = e instanceof StartupException
                        ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                throw new StartupException(
                        StartupException.MODULE, "module '" + m.id() + "' failed to start: " + why, e);
            } finally {
                ctx.seal();
            }
            started.add(m);
            log.info("started module {} {}", m.id(), m.module().version());
        }
    }

    /** Stops the started modules in reverse start order; a module that throws is logged and the rest still stop. */
    public void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            FoundModule m = started.get(i);
            try {
                m.module().stop();
                log.info("stopped module {}", m.id());
            } catch (RuntimeException | LinkageError e) {
                log.warn("module {} failed to stop cleanly", m.id(), e);
            }
        }
        started.clear();
    }

    /** Ids of the started modules in start order. */
    public List<String> startedIds() {
        return started.stream().map(FoundModule::id).collect(Collectors.toUnmodifiableList());
    }
}
