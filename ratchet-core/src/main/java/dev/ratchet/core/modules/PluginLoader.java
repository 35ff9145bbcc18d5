package dev.ratchet.core.modules;

import dev.ratchet.core.StartupException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads plugin jars from a folder, each with its own class loader whose parent is the application's: a plugin sees
 * the SPI (and what the application ships) but not the other plugins, so two plugins may bundle clashing
 * libraries.
 */
public final class PluginLoader {

    private PluginLoader() {}

    /** A plugin jar and its class loader. */
    public record Plugin(Path jar, ClassLoader loader) {}

    /**
     * One class loader per {@code *.jar} in {@code dir}, in file-name order.
     *
     * @throws StartupException if {@code dir} is not a readable folder
     */
    public static List<Plugin> load(Path dir, ClassLoader parent) {
        if (!Files.isDirectory(dir)) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "--plugins " + dir + ": no such folder; give a folder holding module jars");
        }
        List<Plugin> plugins = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                plugins.add(new Plugin(
                        jar, new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {toUrl(jar)}, parent)));
            }
        } catch (IOException e) {
            throw new StartupException(
                    StartupException.CONFIG, "--plugins " + dir + ": cannot list it (" + e.getMessage() + ")", e);
        }
        return plugins;
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new StartupException(StartupException.CONFIG, "plugin " + jar + ": not a usable path", e);
        }
    }
}
