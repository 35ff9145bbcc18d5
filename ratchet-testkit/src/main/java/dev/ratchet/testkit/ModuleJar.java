package dev.ratchet.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Builds a module jar at test time from Java source: compiles the sources against the test's class path and writes
 * them, with the {@code META-INF/services} entry, into a jar. For testing plugin loading the way an operator does
 * it ({@code --plugins DIR}) without a separate build.
 *
 * <pre>
 * Path jar = ModuleJar.named("hello").source("com.acme.Hello", "package com.acme; ...").provider("com.acme.Hello").writeTo(dir);
 * </pre>
 */
public final class ModuleJar {

    private static final String SERVICES = "META-INF/services/dev.ratchet.spi.RatchetModule";

    private final String name;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> providers = new ArrayList<>();
    private String version = "1.0.0";

    private ModuleJar(String name) {
        this.name = name;
    }

    /** A jar called {@code <name>.jar}. */
    public static ModuleJar named(String name) {
        return new ModuleJar(name);
    }

    /** Adds a class. */
    public ModuleJar source(String className, String javaSource) {
        sources.put(className, javaSource);
        return this;
    }

    /** Lists a class as a {@code RatchetModule} provider. */
    public ModuleJar provider(String className) {
        providers.add(className);
        return this;
    }

    /** The Implementation-Version in the manifest. */
    public ModuleJar version(String v) {
        this.version = v;
        return this;
    }

    /**
     * Compiles and writes the jar into {@code dir}.
     *
     * @throws IllegalStateException with the compiler's messages when the sources do not compile
     */
    public Path writeTo(Path dir) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the tests on a JDK, not a JRE");
        }
        try {
            Path classes = Files.createTempDirectory("module-jar-classes");
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files =
                    compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
                List<JavaFileObject> units = new ArrayList<>();
                sources.forEach((cls, src) -> units.add(
                        new SimpleJavaFileObject(
                                URI.create("string:///" + cls.replace('.', '/') + ".java"),
                                JavaFileObject.Kind.SOURCE) {
                            @Override
                            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                                return src;
                            }
                        }));
                List<String> options = List.of("--release", "17", "-classpath", System.getProperty("java.class.path"));
                if (!compiler.getTask(null, files, diagnostics, options, null, units)
                        .call()) {
                    throw new IllegalStateException("module sources do not compile: " + diagnostics.getDiagnostics());
                }
            }
            Files.createDirectories(dir);
            Path jar = dir.resolve(name + ".jar");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream jout = new JarOutputStream(out, manifest);
                    Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    jout.putNextEntry(
                            new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, jout);
                    jout.closeEntry();
                }
                if (!providers.isEmpty()) {
                    jout.putNextEntry(new JarEntry(SERVICES));
                    jout.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                    jout.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
