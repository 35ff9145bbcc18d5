package dev.ratchet.core.docs;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the documentation sources are listed and kept, from {@code docs.*}.
 *
 * @param sourcesFile     the YAML file listing the sources; empty: no documentation
 * @param cacheDir        where git sources are cloned
 * @param refreshInterval how often each source is refreshed
 */
public record DocsSettings(Optional<Path> sourcesFile, Path cacheDir, Duration refreshInterval) {

    public static final ConfigOption<String> DOCS_SOURCES_FILE = ConfigOption.string("docs.sources-file", null)
            .describedAs("YAML file listing documentation sources (see README); none: no documentation");
    public static final ConfigOption<Duration> DOCS_REFRESH_INTERVAL = ConfigOption.duration(
                    "docs.refresh-interval", Duration.ofMinutes(15))
            .validatedBy(d -> d.toSeconds() >= 60, "at least 1m")
            .describedAs("how often documentation sources are refreshed");
    public static final ConfigOption<String> DOCS_CACHE_DIR = ConfigOption.string("docs.cache-dir", null)
            .describedAs("where git documentation sources are cloned (default: <java.io.tmpdir>/ratchet-docs)");

    /** The {@code docs.*} options. */
    public static List<ConfigOption<?>> options() {
        return List.of(DOCS_SOURCES_FILE, DOCS_REFRESH_INTERVAL, DOCS_CACHE_DIR);
    }

    public static DocsSettings from(RatchetConfig config) {
        return new DocsSettings(
                config.find(DOCS_SOURCES_FILE).map(Path::of),
                config.find(DOCS_CACHE_DIR).map(Path::of).orElse(DocsSources.defaultCacheDir()),
                config.get(DOCS_REFRESH_INTERVAL));
    }

    /** The configured sources, with tokens from the process environment; none without a sources file. */
    public List<DocsSources.Source> sources() {
        return sourcesFile
                .map(f -> DocsSources.read(f, cacheDir, System::getenv))
                .orElse(List.of());
    }
}
