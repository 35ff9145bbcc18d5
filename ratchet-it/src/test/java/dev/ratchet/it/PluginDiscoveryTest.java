package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.modules.FoundModule;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.PluginLoader;
import dev.ratchet.testkit.ModuleJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceLoader discovery: the class path, plugin jars with their own class loaders, and broken jars. */
class PluginDiscoveryTest {

    static String module(String pkg, String id) {
        return "package " + pkg + ";\n"
                + "public class Hello implements dev.ratchet.spi.RatchetModule {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String description() { return \"says hello from \" + getClass().getClassLoader().getName(); }\n"
                + "}\n";
    }

    @Test
    void modules_on_the_class_path_are_found() {
        ModuleRegistry registry = ModuleRegistry.discover(getClass().getClassLoader(), List.of());
        // this test class path also holds the built-in modules the end-to-end tests use
        assertThat(registry.found()).extracting(FoundModule::id).contains("classpath-fixture", "classifier", "runbook");
        assertThat(registry.found()).extracting(FoundModule::source).containsOnly("classpath");
    }

    @Test
    void each_plugin_jar_gets_its_own_class_loader_and_class_path_modules_are_not_found_twice(@TempDir Path dir) {
        ModuleJar.named("one")
                .source("com.one.Hello", module("com.one", "hello-one"))
                .provider("com.one.Hello")
                .writeTo(dir);
        ModuleJar.named("two")
                .source("com.two.Hello", module("com.two", "hello-two"))
                .provider("com.two.Hello")
                .writeTo(dir);
        List<PluginLoader.Plugin> plugins = PluginLoader.load(dir, getClass().getClassLoader());
        ModuleRegistry registry = ModuleRegistry.discover(getClass().getClassLoader(), plugins);

        assertThat(registry.found())
                .extracting(FoundModule::id)
                .containsSubsequence("classpath-fixture", "hello-one", "hello-two")
                .doesNotHaveDuplicates();
        FoundModule one = registry.found().stream()
                .filter(m -> m.id().equals("hello-one"))
                .findFirst()
                .orElseThrow();
        FoundModule two = registry.found().stream()
                .filter(m -> m.id().equals("hello-two"))
                .findFirst()
                .orElseThrow();
        assertThat(one.module().getClass().getClassLoader())
                .isNotSameAs(two.module().getClass().getClassLoader());
        assertThat(one.module().description()).isEqualTo("says hello from plugin:one.jar");
        assertThat(one.source()).endsWith("one.jar");
    }

    @Test
    void plugin_reusing_an_id_of_the_class_path_is_refused(@TempDir Path dir) {
        ModuleJar.named("impostor")
                .source("com.evil.Hello", module("com.evil", "classpath-fixture"))
                .provider("com.evil.Hello")
                .writeTo(dir);
        assertThatThrownBy(() -> ModuleRegistry.discover(
                        getClass().getClassLoader(),
                        PluginLoader.load(dir, getClass().getClassLoader())))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("two modules have the id 'classpath-fixture'")
                .hasMessageContaining("impostor.jar");
    }

    @Test
    void services_entry_naming_a_missing_class_names_the_jar_and_the_fix(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("broken.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.ratchet.spi.RatchetModule"));
            out.write("com.nowhere.Missing\n".getBytes());
            out.closeEntry();
        }
        assertThatThrownBy(() -> ModuleRegistry.discover(
                        getClass().getClassLoader(),
                        PluginLoader.load(dir, getClass().getClassLoader())))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("broken.jar")
                .hasMessageContaining("com.nowhere.Missing")
                .hasMessageContaining("public no-argument constructor");
    }

    @Test
    void plugins_folder_that_does_not_exist_is_a_clear_error(@TempDir Path dir) {
        assertThatThrownBy(
                        () -> PluginLoader.load(dir.resolve("nope"), getClass().getClassLoader()))
                .hasMessageContaining("--plugins")
                .hasMessageContaining("no such folder");
    }
}
