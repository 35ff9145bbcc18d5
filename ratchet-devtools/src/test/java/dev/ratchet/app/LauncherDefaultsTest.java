package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ratchet's JVM defaults (the launcher's source, ratchet-app/src/dist/bin/ratchet) against a stand-in JDK whose
 * {@code java} prints the options it was given: each default is left out when JAVA_OPTS sets one of its kind, and
 * {@code bench reply --bot-process} without a distribution ({@link BenchReplyBot#distDefaults}) starts the bot with
 * the same options.
 */
class LauncherDefaultsTest {

    static final Path LAUNCHER = Path.of("..", "ratchet-app", "src", "dist", "bin", "ratchet");

    @TempDir
    Path jdk;

    /** The options bin/ratchet passes to java before -cp, given JAVA_OPTS, with MALLOC_ARENA_MAX last. */
    private List<String> launch(String javaOpts, String javaVersion) throws IOException, InterruptedException {
        Files.createDirectories(jdk.resolve("bin"));
        Path java = jdk.resolve("bin/java");
        Files.writeString(
                java,
                "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"
                        + "printf 'MALLOC_ARENA_MAX=%s\\n' \"${MALLOC_ARENA_MAX:-}\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + javaVersion + "\"\n");
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), "version").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(k -> k.equals("JAVA_TOOL_OPTIONS")
                        || k.equals("JDK_JAVA_OPTIONS")
                        || k.equals("MALLOC_ARENA_MAX")
                        || k.startsWith("RATCHET_"));
        env.put("JAVA_HOME", jdk.toString());
        env.put("RATCHET_CDS", "off");
        if (javaOpts == null) {
            env.remove("JAVA_OPTS");
        } else {
            env.put("JAVA_OPTS", javaOpts);
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<String> lines = Arrays.asList(out.strip().split("\n"));
        List<String> options = new ArrayList<>(lines.subList(0, lines.indexOf("-cp")));
        options.add(lines.get(lines.size() - 1));
        return options;
    }

    private static List<String> expected(List<String> defaults, String javaOpts) {
        List<String> all = new ArrayList<>(defaults);
        if (javaOpts != null) {
            all.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        all.add("MALLOC_ARENA_MAX=2");
        return all;
    }

    @Test
    void without_java_opts_the_serial_collector_keeps_the_heap_near_what_is_live_and_the_c_heap_is_trimmed()
            throws Exception {
        assertThat(launch(null, "17.0.15"))
                .containsExactly(
                        "-Xms64m",
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-XX:MinHeapFreeRatio=10",
                        "-XX:MaxHeapFreeRatio=30",
                        "-XX:-ShrinkHeapInSteps",
                        "-XX:TrimNativeHeapInterval=5000",
                        "MALLOC_ARENA_MAX=2");
        assertThat(launch(null, "17.0.8"))
                .as("a JDK without the trimming is not handed the option")
                .doesNotContain("-XX:TrimNativeHeapInterval=5000")
                .contains("-XX:MaxHeapFreeRatio=30");
    }

    @Test
    void a_setting_in_java_opts_replaces_the_defaults_of_its_kind_only() throws Exception {
        assertThat(launch("-Xmx1g", "17.0.15"))
                .containsExactly(
                        "-XX:+UseSerialGC",
                        "-XX:MinHeapFreeRatio=10",
                        "-XX:MaxHeapFreeRatio=30",
                        "-XX:-ShrinkHeapInSteps",
                        "-XX:TrimNativeHeapInterval=5000",
                        "-Xmx1g",
                        "MALLOC_ARENA_MAX=2");
        assertThat(launch("-XX:+UseG1GC", "17.0.15"))
                .as("another collector: the serial collector's free ratios go with it")
                .containsExactly(
                        "-Xms64m", "-Xmx384m", "-XX:TrimNativeHeapInterval=5000", "-XX:+UseG1GC", "MALLOC_ARENA_MAX=2");
        assertThat(launch("-XX:MinHeapFreeRatio=40", "17.0.15"))
                .as("one free ratio replaces the three (a default maximum below it would stop the JVM)")
                .containsExactly(
                        "-Xms64m",
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-XX:TrimNativeHeapInterval=5000",
                        "-XX:MinHeapFreeRatio=40",
                        "MALLOC_ARENA_MAX=2");
    }

    @Test
    void bench_reply_without_a_distribution_starts_the_bot_with_the_launchers_defaults() throws Exception {
        for (String opts : Arrays.asList(
                null,
                "-Xmx256m",
                "-XX:+UseParallelGC",
                "-XX:MaxHeapFreeRatio=50 -XX:MinHeapFreeRatio=20",
                "-XX:TrimNativeHeapInterval=0")) {
            for (String version : List.of("17.0.15", "17.0.8", "21.0.1", "22")) {
                assertThat(launch(opts, version))
                        .as("JAVA_OPTS %s on %s", opts, version)
                        .isEqualTo(expected(BenchReplyBot.distDefaults(Runtime.Version.parse(version), opts), opts));
            }
        }
    }
}
