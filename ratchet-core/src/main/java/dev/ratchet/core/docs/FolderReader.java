package dev.ratchet.core.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A local folder: every file, every time; {@link Documentation} skips those whose content did not change. */
final class FolderReader implements SourceReader {

    private final Path root;

    FolderReader(Path root) {
        this.root = root;
    }

    @Override
    public Changes changesSince(String storedRevision) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        return new Changes(null, true, files, List.of(), path -> {
            try {
                return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null; // deleted while we read
            }
        });
    }
}
