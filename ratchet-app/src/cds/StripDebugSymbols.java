import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Removes native debug symbols (Windows .pdb, macOS .dSYM bundles) from the jars of the folder given: no JVM ever loads them, and
 * onnxruntime's alone are 63 MB of the distribution. Run by ratchet-app's package phase as a single-file program
 * ({@code java StripDebugSymbols.java LIB_DIR}), before the class-data archive is trained (it records jar sizes).
 */
public class StripDebugSymbols {
    public static void main(String[] args) throws IOException {
        java.util.List<Path> jars;
        try (var files = Files.list(Path.of(args[0]))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            try (ZipFile in = new ZipFile(jar.toFile())) {
                if (in.stream().noneMatch(e -> isDebugSymbols(e.getName()))) {
                    continue;
                }
            }
            Path stripped = jar.resolveSibling(jar.getFileName() + ".tmp");
            long before = Files.size(jar);
            int removed = 0;
            try (ZipFile in = new ZipFile(jar.toFile());
                    ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stripped))) {
                for (ZipEntry e : java.util.Collections.list(in.entries())) {
                    String name = e.getName();
                    if (isDebugSymbols(name)) {
                        removed++;
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(e.getTime());
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(
                    "[ratchet] %s: %d debug-symbol entries removed, %d -> %d KB%n",
                    jar.getFileName(), removed, before >> 10, Files.size(jar) >> 10);
        }
    }

    private static boolean isDebugSymbols(String name) {
        return name.endsWith(".pdb") || name.contains(".dSYM/");
    }
}
