package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.modules.FoundModule;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.ConfigOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet modules}: what was found, what is enabled, and their settings. Needs no database. */
@Command(
        name = "modules",
        header = "List the modules found, enabled or not.",
        footer = {"", "Example:", "  ratchet modules --plugins plugins --json"},
        mixinStandardHelpOptions = true,
        description = "List the modules found (class path and --plugins): id, enabled, version, source, description.")
final class ModulesCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (one object per module) instead of a table.")
    boolean json;

    @Option(
            names = "--config",
            description = "Also list each enabled module's settings and their environment variables.")
    boolean config;

    @Override
    public Integer call() {
        ModuleRegistry registry = root.registry();
        RatchetConfig cfg = root.config();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (FoundModule m : registry.found()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", m.id());
                row.put("enabled", registry.isEnabled(m.id()));
                row.put("version", m.module().version());
                row.put("source", m.source());
                row.put("requires", ModuleRegistry.requirements(m));
                row.put("description", m.module().description());
                if (config) {
                    row.put("settings", settings(m, cfg));
                }
                rows.add(row);
            }
            out.println(Json.writeOutput(rows));
            return 0;
        }
        if (registry.found().isEmpty()) {
            out.println(
                    "No modules found. Module jars go on the class path (the distribution's lib/) or in a folder given with --plugins DIR.");
            return 0;
        }
        String format = "%-22s %-8s %-16s %-24s %s%n";
        out.printf(format, "ID", "ENABLED", "VERSION", "SOURCE", "DESCRIPTION");
        for (FoundModule m : registry.found()) {
            out.printf(
                    format,
                    m.id(),
                    registry.isEnabled(m.id()) ? "yes" : "no",
                    m.module().version(),
                    shortSource(m.source()),
                    m.module().description());
            List<String> needs = ModuleRegistry.requirements(m);
            if (!needs.isEmpty()) {
                out.printf("    needs: %s%n", String.join(", ", needs));
            }
            if (config && registry.isEnabled(m.id())) {
                for (Map<String, Object> s : settings(m, cfg)) {
                    out.printf("    %-34s %-36s %s%n", s.get("key"), s.get("env"), s.get("description"));
                }
            }
        }
        return 0;
    }

    private static List<Map<String, Object>> settings(FoundModule m, RatchetConfig cfg) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (ConfigOption<?> o : m.module().configOptions()) {
            String key = m.id() + "." + o.key();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("key", key);
            s.put("env", RatchetConfig.envName(key));
            s.put("type", o.type());
            s.put(
                    "default",
                    o.isSecret() ? null : o.defaultValue().map(Object::toString).orElse(null));
            s.put("required", o.isRequired());
            s.put("secret", o.isSecret());
            s.put("description", o.description());
            result.add(s);
        }
        return result;
    }

    private static String shortSource(String source) {
        int slash = source.lastIndexOf('/');
        return slash < 0 ? source : source.substring(slash + 1);
    }
}
