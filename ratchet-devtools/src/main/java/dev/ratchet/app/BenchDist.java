package dev.ratchet.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ratchet bench dist}: the distribution's size, its largest jars and, for each, the chain of jars that needs it
 * up to a Ratchet jar, read from the Maven poms the jars carry (META-INF/maven/.../pom.xml), so it needs neither
 * Maven nor the network.
 */
@Command(
        name = "dist",
        header = "List the distribution's largest jars and what needs them.",
        footer = {"", "Example:", "  ratchet bench dist --top 15"},
        mixinStandardHelpOptions = true,
        description = {
            "Print the distribution's size (lib/, lib/devtools/, the class-data archive), its --top largest jars with",
            "their native libraries by platform, and for each the shortest chain of jars that depends on it up to a",
            "Ratchet jar (from the pom.xml files the jars carry: a jar without one is named by its dependents only)."
        })
final class BenchDist implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--top", defaultValue = "15", description = "How many of the largest jars to list (default 15).")
    int top;

    @Option(
            names = "--dist",
            description = "The distribution folder (bin/ratchet, lib/); default: the one this runs from.")
    Path dist;

    private static final Pattern FILE_NAME = Pattern.compile("^(.+?)-(\\d[^-]*(?:-.*)?)\\.jar$");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern NATIVE = Pattern.compile("\\.(so|dylib|dll|jnilib)$");
    private static final Pattern PLATFORM = Pattern.compile(
            "^(linux|osx|darwin|mac|win|windows|freebsd|openbsd|sunos|aix|dragonflybsd)", Pattern.CASE_INSENSITIVE);

    /** One jar of the distribution. */
    private record Jar(Path path, String artifact, long bytes, Map<String, Long> natives) {}

    @Override
    public Integer call() throws Exception {
        check(top >= 1, "--top must be at least 1, e.g. --top 15");
        Path home = dist != null ? dist : BenchStart.distribution();
        if (home == null || !Files.isDirectory(home.resolve("lib"))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no distribution with lib/" + (home == null ? "" : " in " + home)
                            + "; run this from ratchet-app/target/ratchet/bin/ratchet (./mvnw package) or pass --dist DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Jar> jars = new ArrayList<>();
        Map<String, Set<String>> dependents = new HashMap<>(); // artifactId -> artifactIds that declare it
        for (Path lib : List.of(home.resolve("lib"), home.resolve("lib/devtools"))) {
            if (!Files.isDirectory(lib)) {
                continue;
            }
            List<Path> files;
            try (var list = Files.list(lib)) {
                files = list.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
            for (Path p : files) {
                jars.add(read(p, dependents));
            }
        }
        long run = jars.stream()
                .filter(j -> !j.path().getParent().getFileName().toString().equals("devtools"))
                .mapToLong(Jar::bytes)
                .sum();
        long devtools = jars.stream().mapToLong(Jar::bytes).sum() - run;
        Path archive = home.resolve("lib/ratchet.jsa");
        long archiveBytes = Files.isRegularFile(archive) ? Files.size(archive) : 0;
        out.printf(
                "distribution %s: %d jars, %.1f MB on the class path of every command (lib/), %.1f MB for shell and bench"
                        + " only (lib/devtools/), class-data archive %.1f MB%s%n",
                home,
                jars.size(),
                run / 1e6,
                devtools / 1e6,
                archiveBytes / 1e6,
                archiveBytes == 0 ? " (none: built with -Dratchet.cds.skip or without a database)" : "");
        List<Jar> largest = new ArrayList<>(jars);
        largest.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        out.printf(
                "the %d largest jars (MB, share of lib/), native libraries by platform, and what needs them:%n", top);
        for (Jar j : largest.subList(0, Math.min(top, largest.size()))) {
            out.printf(
                    "%7.1f MB %4.1f%%  %s%s%n           needed by: %s%n",
                    j.bytes() / 1e6,
                    100.0 * j.bytes() / Math.max(1, run),
                    j.path().getFileName(),
                    j.natives().isEmpty() ? "" : "  natives (uncompressed MB): " + natives(j.natives()),
                    neededBy(j.artifact(), dependents));
        }
        return 0;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** Reads a jar's size, the dependencies its pom declares (into {@code dependents}) and its native libraries. */
    private static Jar read(Path path, Map<String, Set<String>> dependents) throws IOException {
        String name = path.getFileName().toString();
        Matcher m = FILE_NAME.matcher(name);
        String artifact = m.matches() ? m.group(1) : name.replaceFirst("\\.jar$", "");
        Map<String, Long> natives = new HashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String entry = e.getName();
                if (entry.startsWith("META-INF/maven/") && entry.endsWith("/pom.xml")) {
                    String pom;
                    try (InputStream in = zip.getInputStream(e)) {
                        pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    String own = ownArtifact(pom);
                    String owner = own != null && entry.contains("/" + own + "/") ? own : artifact;
                    for (String dep : dependencies(pom)) {
                        dependents
                                .computeIfAbsent(dep, k -> new LinkedHashSet<>())
                                .add(owner);
                    }
                } else if (NATIVE.matcher(entry).find()) {
                    String platform = "other";
                    for (String segment : entry.split("/")) {
                        if (PLATFORM.matcher(segment).find()
                                && !NATIVE.matcher(segment).find()) {
                            platform = segment.toLowerCase(java.util.Locale.ROOT);
                            break;
                        }
                    }
                    natives.merge(platform, e.getSize(), Long::sum);
                }
            }
        }
        return new Jar(path, artifact, Files.size(path), natives);
    }

    /** The pom's own artifactId: the first one outside its parent element. */
    private static String ownArtifact(String pom) {
        String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
        Matcher m = ARTIFACT.matcher(withoutParent);
        return m.find() ? m.group(1) : null;
    }

    /** The artifactIds of the pom's runtime dependencies (not test, provided, system or optional ones). */
    private static List<String> dependencies(String pom) {
        String body = pom.replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", "")
                .replaceAll("(?s)<build>.*?</build>", "")
                .replaceAll("(?s)<profiles>.*?</profiles>", "")
                .replaceAll("(?s)<exclusions>.*?</exclusions>", "");
        List<String> out = new ArrayList<>();
        Matcher d = DEPENDENCY.matcher(body);
        while (d.find()) {
            String dep = d.group(1);
            if (dep.matches("(?s).*<scope>\\s*(test|provided|system)\\s*</scope>.*")
                    || dep.matches("(?s).*<optional>\\s*true\\s*</optional>.*")) {
                continue;
            }
            Matcher a = ARTIFACT.matcher(dep);
            if (a.find()) {
                out.add(a.group(1));
            }
        }
        return out;
    }

    /** The shortest chain of dependents from {@code artifact} up to a ratchet-* jar, or its direct dependents. */
    private static String neededBy(String artifact, Map<String, Set<String>> dependents) {
        Map<String, String> via = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(artifact));
        via.put(artifact, null);
        while (!queue.isEmpty()) {
            String a = queue.poll();
            if (a.startsWith("ratchet-") && !a.equals(artifact)) {
                List<String> up = new ArrayList<>(); // a, what it reached the jar through, ..., the jar's dependent
                for (String at = a; at != null && !at.equals(artifact); at = via.get(at)) {
                    up.add(at);
                }
                Collections.reverse(up);
                return String.join(" <- ", up);
            }
            for (String d : dependents.getOrDefault(a, Set.of())) {
                if (!via.containsKey(d)) {
                    via.put(d, a);
                    queue.add(d);
                }
            }
        }
        Set<String> direct = dependents.getOrDefault(artifact, Set.of());
        if (direct.isEmpty() && !artifact.startsWith("ratchet-")) {
            // a jar built without a pom inside (Gradle: openai-java, okhttp, kotlin) is declared under a shorter name
            // by its family's main artifact (openai-java-core by openai-java): follow the longest such name
            String family = dependents.keySet().stream()
                    .filter(a -> artifact.startsWith(a + "-"))
                    .max(java.util.Comparator.comparingInt(String::length))
                    .orElse(null);
            if (family != null) {
                String up = neededBy(family, dependents);
                return family + " (its family's declared artifact)" + (up.startsWith("(") ? "" : " <- " + up);
            }
        }
        return artifact.startsWith("ratchet-")
                ? "(a Ratchet jar)"
                : direct.isEmpty()
                        ? "(no pom in the distribution declares it: its dependents were built without one)"
                        : String.join(", ", direct);
    }

    private static String natives(Map<String, Long> natives) {
        StringBuilder b = new StringBuilder();
        natives.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append(' ')
                        .append(String.format("%.1f", e.getValue() / 1e6)));
        return b.toString();
    }
}
