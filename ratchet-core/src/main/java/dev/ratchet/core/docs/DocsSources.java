package dev.ratchet.core.docs;

import dev.ratchet.core.StartupException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documentation sources file ({@code docs.sources-file}):
 * <pre>
 * sources:
 *   - id: handbook                 # kebab-case, unique
 *     kind: folder                 # folder (git and github are not supported yet)
 *     path: /srv/handbook          # relative paths are resolved against this file's folder
 *     url: https://github.com/acme/handbook/blob/main/{path}   # optional link template: {path}, {revision}
 * </pre>
 */
public final class DocsSources {

    /** One configured source. */
    public record Source(String id, String kind, Path path, String urlTemplate) {
        public String url(String docPath, String revision) {
            return urlTemplate == null ? null : urlTemplate.replace("{path}", docPath).replace("{revision}", revision == null ? "" : revision);
        }
    }

    private static final Set<String> KEYS = Set.of("id", "kind", "path", "url");

    private DocsSources() {
    }

    /**
     * Reads and checks the file.
     *
     * @throws StartupException naming the file, the entry and the key for any problem
     */
    public static List<Source> read(Path file) {
        String name = "docs.sources-file " + file;
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new StartupException(StartupException.CONFIG, name + ": cannot read it (" + e.getMessage() + "); set RATCHET_DOCS_SOURCES_FILE to a readable YAML file");
        } catch (RuntimeException e) {
            throw new StartupException(StartupException.CONFIG, name + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("sources") instanceof List<?> entries)) {
            throw new StartupException(StartupException.CONFIG, name + ": expected a top-level 'sources:' list");
        }
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = name + ": sources[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> e)) {
                throw new StartupException(StartupException.CONFIG, where + " is not a mapping");
            }
            for (Object key : e.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new StartupException(StartupException.CONFIG, where + ": unknown key '" + key + "'; use " + KEYS);
                }
            }
            String id = string(e, "id", where);
            if (!id.matches("[a-z][a-z0-9-]*") || sources.stream().anyMatch(s -> s.id().equals(id))) {
                throw new StartupException(StartupException.CONFIG, where + ": id '" + id + "' must be kebab-case and unique");
            }
            String kind = string(e, "kind", where + " (" + id + ")");
            if (!kind.equals("folder")) {
                throw new StartupException(StartupException.CONFIG, where + " (" + id + "): kind '" + kind
                        + "' is not supported yet; use 'folder' (a checked-out repository works as a folder)");
            }
            Path path = file.toAbsolutePath().getParent().resolve(string(e, "path", where + " (" + id + ")")).normalize();
            if (!Files.isDirectory(path)) {
                throw new StartupException(StartupException.CONFIG, where + " (" + id + "): path " + path + " is not a folder");
            }
            sources.add(new Source(id, kind, path, e.get("url") == null ? null : String.valueOf(e.get("url"))));
        }
        return List.copyOf(sources);
    }

    private static String string(Map<?, ?> e, String key, String where) {
        Object v = e.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new StartupException(StartupException.CONFIG, where + ": missing key '" + key + "'");
        }
        return String.valueOf(v);
    }
}
