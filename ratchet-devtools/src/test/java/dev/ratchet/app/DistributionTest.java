package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's lib/ (the whole class path of {@code ratchet run}) holds no test kit, emulator or JUnit-adjacent
 * jar: those are in lib/devtools/, for {@code shell} and {@code bench} only. Reads the distribution the reactor built
 * before this module (ratchet-app's package phase); skipped when it is not there.
 */
class DistributionTest {

    static final Path LIB = Path.of("..", "ratchet-app", "target", "ratchet", "lib");

    @Test
    void run_class_path_has_no_test_kit_and_no_junit_adjacent_jar() throws IOException {
        // ratchet-app is packaged before this module's tests in every reactor build: a missing lib/ is a failure
        assertThat(LIB)
                .as("the distribution ratchet-app's package phase builds (build with -pl ratchet-devtools -am)")
                .isDirectory();
        List<String> jars;
        try (Stream<Path> files = Files.list(LIB)) {
            jars = files.filter(p -> p.toString().endsWith(".jar"))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
        assertThat(jars).isNotEmpty();
        assertThat(jars)
                .as("jars in %s", LIB)
                .noneMatch(
                        j -> j.matches(
                                "(ratchet-testkit|ratchet-devtools|junit|opentest4j|apiguardian|awaitility|hamcrest|assertj|jline-reader)-.*"));
        List<String> testkitClasses = new ArrayList<>();
        for (String jar : jars) {
            try (JarFile f = new JarFile(LIB.resolve(jar).toFile())) {
                f.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.startsWith("dev/ratchet/testkit/") || n.startsWith("org/junit/"))
                        .forEach(n -> testkitClasses.add(jar + "!" + n));
            }
        }
        assertThat(testkitClasses).isEmpty();
    }

    @Test
    void bench_dist_lists_the_largest_jars_with_what_needs_them_and_only_this_platforms_natives() {
        assertThat(LIB)
                .as("the distribution ratchet-app's package phase builds")
                .isDirectory();
        DevtoolsCli.Result r = DevtoolsCli.ratchet(
                "bench", "dist", "--top", "40", "--dist", LIB.getParent().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("jars,", "MB on the class path of every command (lib/)")
                .containsPattern(
                        "onnxruntime-[0-9.]+\\.jar  natives \\(uncompressed MB\\): [a-z]+-[a-z0-9_]+ [0-9.]+\\n")
                .containsPattern("onnxruntime-[0-9.]+\\.jar.*\\n +needed by: langchain4j-embeddings <- .*ratchet-core")
                .containsPattern("openai-java-core-[0-9.]+\\.jar\\n +needed by: openai-java .*<- ratchet-core");
    }
}
