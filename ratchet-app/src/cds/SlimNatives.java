import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Slims the jars of the folder given: removes native debug symbols (Windows .pdb, macOS .dSYM bundles, which no JVM
 * ever loads: 63 MB of onnxruntime's jar) and the native libraries of platforms other than those asked for, from
 * onnxruntime ({@code ai/onnxruntime/native/<os>-<arch>/}) and DJL's tokenizers ({@code native/lib/<os>-<arch>/}),
 * which ship Linux, macOS and Windows on x64 and arm64 (together 90 MB uncompressed, 49 MB of the distribution).
 *
 * <p>Run by ratchet-app's package phase as a single-file program ({@code java SlimNatives.java LIB_DIR PLATFORMS}),
 * before the class-data archive is trained (it records jar sizes). PLATFORMS: {@code auto} (the platform of the JVM
 * that builds, so a Docker build for arm64 keeps linux-aarch64), {@code all} (keep every platform), or a comma list
 * of {@code linux-x64}, {@code linux-aarch64}, {@code osx-x64}, {@code osx-aarch64}, {@code win-x64}.
 */
public class SlimNatives {
    private static final Pattern PLATFORM_DIR =
            Pattern.compile("^(?:ai/onnxruntime/native|native/lib)/((linux|osx|win)-(x64|x86_64|aarch64))/");

    public static void main(String[] args) throws IOException {
        String asked = args.length > 1 ? args[1].trim() : "auto";
        Set<String> keep = asked.equals("all")
                ? null
                : Set.copyOf(List.of((asked.isEmpty() || asked.equals("auto") ? host() : asked).split("\\s*,\\s*")));
        List<Path> jars;
        try (var files = Files.list(Path.of(args[0]))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            try (ZipFile in = new ZipFile(jar.toFile())) {
                if (in.stream().noneMatch(e -> drop(e.getName(), keep))) {
                    continue;
                }
            }
            Path slimmed = jar.resolveSibling(jar.getFileName() + ".tmp");
            long before = Files.size(jar);
            int debug = 0;
            Set<String> platforms = new java.util.TreeSet<>();
            try (ZipFile in = new ZipFile(jar.toFile());
                    ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(slimmed))) {
                for (ZipEntry e : java.util.Collections.list(in.entries())) {
                    String name = e.getName();
                    if (drop(name, keep)) {
                        if (isDebugSymbols(name)) {
                            debug++;
                        } else {
                            platforms.add(platform(name));
                        }
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
            Files.move(slimmed, jar, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(
                    "[ratchet] %s: %d debug-symbol entries removed%s, %d -> %d KB%n",
                    jar.getFileName(),
                    debug,
                    platforms.isEmpty() ? "" : ", natives of " + String.join(", ", platforms) + " removed (kept: " + keep + ")",
                    before >> 10,
                    Files.size(jar) >> 10);
        }
    }

    private static boolean drop(String name, Set<String> keep) {
        if (isDebugSymbols(name)) {
            return true;
        }
        String platform = platform(name);
        return keep != null && platform != null && !keep.contains(platform);
    }

    /** The platform of a native library entry in onnxruntime's naming (x86_64 is x64), or null. */
    private static String platform(String name) {
        Matcher m = PLATFORM_DIR.matcher(name);
        return m.find() ? m.group(2) + "-" + (m.group(3).equals("x86_64") ? "x64" : m.group(3)) : null;
    }

    /** The building JVM's platform, in onnxruntime's naming. */
    private static String host() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : "linux";
        String a = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x64";
        return o + "-" + a;
    }

    private static boolean isDebugSymbols(String name) {
        return name.endsWith(".pdb") || name.contains(".dSYM/");
    }
}
