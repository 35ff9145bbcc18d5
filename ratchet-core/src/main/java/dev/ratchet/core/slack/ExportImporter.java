package dev.ratchet.core.slack;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.MessageRepository.Upsert;
import dev.ratchet.core.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a standard Slack workspace export (a zip or its unpacked folder): {@code users.json} for names,
 * {@code channels.json} (and {@code groups.json}) for channels, and one folder per channel of {@code YYYY-MM-DD.json}
 * arrays of messages, thread replies flat with {@code thread_ts}. Messages go through the same path as onboarding
 * history: stored idempotently, enriched, never replied to. So an import can run twice, or after the bot already saw
 * some of the messages live, without duplicating anything. A malformed file is reported by name and line and the
 * rest is imported; each day file commits on its own.
 */
public final class ExportImporter {

    private static final Logger log = LoggerFactory.getLogger(ExportImporter.class);
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.json");

    /** Something that could not be imported, named by file. */
    public record Problem(String file, String detail) {
        @Override
        public String toString() {
            return file + ": " + detail;
        }
    }

    /** What an import did. */
    public record Report(int channels, int users, int files, int messages, int newMessages, List<Problem> problems) {}

    /** Told about progress, one step per day file. */
    public interface Progress {
        void start(int dayFiles);

        void step(String file);
    }

    private final Storage storage;
    private final EventIngestor ingestor;
    private final SlackDirectory directory;

    public ExportImporter(Database db, EventIngestor ingestor, SlackDirectory directory) {
        this(new Storage(db), ingestor, directory);
    }

    public ExportImporter(Storage storage, EventIngestor ingestor, SlackDirectory directory) {
        this.storage = storage;
        this.ingestor = ingestor;
        this.directory = directory;
    }

    /**
     * Imports {@code export}, a {@code .zip} file or a folder.
     *
     * @param teamId the workspace id to record, or null to take it from {@code users.json}
     * @throws IOException when the export cannot be opened at all
     */
    public Report importFrom(Path export, String teamId, Progress progress) throws IOException {
        if (Files.isRegularFile(export)) {
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + export.toUri()), Map.of())) {
                return importTree(rootOf(zip.getPath("/")), teamId, progress);
            }
        }
        if (!Files.isDirectory(export)) {
            throw new IOException(export + " is neither a Slack export .zip nor its folder");
        }
        return importTree(rootOf(export), teamId, progress);
    }

    /** Exports are sometimes zipped with a top folder: find the folder holding channels.json. */
    private static Path rootOf(Path path) throws IOException {
        if (Files.exists(path.resolve("channels.json"))) {
            return path;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.filter(Files::isDirectory)
                    .filter(d -> Files.exists(d.resolve("channels.json")))
                    .findFirst()
                    .orElse(path);
        }
    }

    private Report importTree(Path root, String givenTeam, Progress progress) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<Map<String, Object>> users = readArray(root.resolve("users.json"), problems);
        String teamId = givenTeam != null
                ? givenTeam
                : users.stream()
                        .map(u -> (String) u.get("team_id"))
                        .filter(t -> t != null && !t.isBlank())
                        .findFirst()
                        .orElse("T_IMPORTED");
        storage.transaction(() -> {
            for (Map<String, Object> u : users) {
                if (u.get("id") != null) {
                    directory.upsertUser(teamId, u);
                }
            }
            return null;
        });

        Map<String, String> folderToId = new LinkedHashMap<>();
        int channels = 0;
        for (String listing : List.of("channels.json", "groups.json")) {
            for (Map<String, Object> ch : readArray(root.resolve(listing), problems)) {
                String id = (String) ch.get("id");
                String name = (String) ch.get("name");
                if (id == null || name == null) {
                    problems.add(new Problem(listing, "a channel without id or name was skipped"));
                    continue;
                }
                folderToId.put(name, id);
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("name", name);
                attrs.put("is_private", listing.equals("groups.json"));
                if (ch.get("topic") instanceof Map<?, ?> topic && topic.get("value") != null) {
                    attrs.put("topic", topic.get("value").toString());
                }
                attrs.put("imported", true);
                storage.transaction(() -> {
                    directory.upsertChannel(teamId, id, attrs);
                    return null;
                });
                channels++;
            }
        }

        List<Path> dayFiles = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String name = folder.getFileName().toString().replace("/", "");
                if (!folderToId.containsKey(name)) {
                    problems.add(new Problem(name + "/", "folder not listed in channels.json or groups.json; skipped"));
                    continue;
                }
                try (Stream<Path> days = Files.list(folder)) {
                    days.filter(p -> DAY.matcher(p.getFileName().toString()).matches())
                            .sorted()
                            .forEach(dayFiles::add);
                }
            }
        }
        progress.start(dayFiles.size());
        int messages = 0;
        int fresh = 0;
        for (Path day : dayFiles) {
            String folder = day.getParent().getFileName().toString().replace("/", "");
            String label = folder + "/" + day.getFileName();
            String channelId = folderToId.get(folder);
            List<Map<String, Object>> dayMessages = readArray(day, problems, label);
            int[] counts = storage.transaction(() -> {
                // the day's messages with one statement, and their runs with one per handler (issue 15)
                List<Map<String, Object>> batch = new ArrayList<>(dayMessages.size());
                for (int i = 0; i < dayMessages.size(); i++) {
                    Map<String, Object> m = dayMessages.get(i);
                    if (m.get("ts") == null) {
                        problems.add(new Problem(label, "message " + (i + 1) + " has no ts; skipped"));
                        continue;
                    }
                    batch.add(m);
                }
                Map<String, Upsert> done = ingestor.storeHistoryAll(teamId, channelId, batch);
                int inserted = (int)
                        done.values().stream().filter(u -> u == Upsert.INSERTED).count();
                return new int[] {batch.size(), inserted};
            });
            messages += counts[0];
            fresh += counts[1];
            progress.step(label);
        }
        log.info(
                "import of {}: {} channel(s), {} user(s), {} day file(s), {} message(s), {} new, {} problem(s)",
                root,
                channels,
                users.size(),
                dayFiles.size(),
                messages,
                fresh,
                problems.size());
        return new Report(channels, users.size(), dayFiles.size(), messages, fresh, List.copyOf(problems));
    }

    private static List<Map<String, Object>> readArray(Path file, List<Problem> problems) {
        return readArray(file, problems, file.getFileName().toString());
    }

    /** The JSON array of objects in {@code file}; empty, with a problem naming the file and line, when malformed. */
    private static List<Map<String, Object>> readArray(Path file, List<Problem> problems, String label) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = Json.MAPPER.readTree(in);
            if (root == null || !root.isArray()) {
                problems.add(new Problem(label, "expected a JSON array"));
                return List.of();
            }
            List<Map<String, Object>> result = new ArrayList<>();
            int index = 0;
            for (JsonNode node : root) {
                index++;
                if (node.isObject()) {
                    result.add(Json.MAPPER.convertValue(node, Json.MAP_TYPE));
                } else {
                    problems.add(new Problem(label, "element " + index + " is not an object; skipped"));
                }
            }
            return result;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Problem(
                    label,
                    (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                            + e.getOriginalMessage() + "; file skipped"));
            return List.of();
        } catch (IOException e) {
            problems.add(new Problem(label, "cannot read: " + e.getMessage()));
            return List.of();
        }
    }
}
