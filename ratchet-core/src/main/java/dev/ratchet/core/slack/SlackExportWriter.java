package dev.ratchet.core.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Slack workspace export in Slack's format, for tests and the demo: {@code users.json}, {@code channels.json}
 * and per-channel folders of {@code YYYY-MM-DD.json} arrays in ascending ts, replies flat with {@code thread_ts},
 * parents with {@code reply_count}, bot messages with {@code bot_id}, {@code username} and attachments.
 */
public final class SlackExportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String teamId;
    private final List<Map<String, Object>> users = new ArrayList<>();
    private final Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> messages = new LinkedHashMap<>();

    public SlackExportWriter(String teamId) {
        this.teamId = teamId;
    }

    public SlackExportWriter user(String id, String name, String realName) {
        users.add(Map.of(
                "id",
                id,
                "team_id",
                teamId,
                "name",
                name,
                "real_name",
                realName,
                "deleted",
                false,
                "is_bot",
                false,
                "profile",
                Map.of("real_name", realName, "display_name", name)));
        return this;
    }

    public SlackExportWriter channel(String id, String name) {
        channels.put(
                name,
                Map.of(
                        "id",
                        id,
                        "name",
                        name,
                        "created",
                        1600000000,
                        "is_general",
                        false,
                        "topic",
                        Map.of("value", "", "creator", "", "last_set", 0)));
        messages.put(name, new ArrayList<>());
        return this;
    }

    /** A person's top-level message; returns its ts. */
    public String message(String channelName, Instant at, String userId, String text) {
        Map<String, Object> m = base(at, text);
        m.put("user", userId);
        return add(channelName, m);
    }

    /** A reply in the thread of {@code parentTs}; the parent's reply_count grows. */
    public String reply(String channelName, String parentTs, Instant at, String userId, String text) {
        Map<String, Object> m = base(at, text);
        m.put("user", userId);
        m.put("thread_ts", parentTs);
        m.put("parent_user_id", "");
        for (Map<String, Object> p : messages.get(channelName)) {
            if (parentTs.equals(p.get("ts"))) {
                p.put("thread_ts", parentTs);
                p.put("reply_count", ((Integer) p.getOrDefault("reply_count", 0)) + 1);
                p.put("latest_reply", m.get("ts"));
                m.put("parent_user_id", p.getOrDefault("user", ""));
            }
        }
        return add(channelName, m);
    }

    /** An integration's message (bot_message) with attachments holding the substance. */
    public String botMessage(
            String channelName,
            Instant at,
            String botId,
            String username,
            String text,
            List<Map<String, Object>> attachments) {
        Map<String, Object> m = base(at, text);
        m.put("subtype", "bot_message");
        m.put("bot_id", botId);
        m.put("username", username);
        if (!attachments.isEmpty()) {
            m.put("attachments", attachments);
        }
        return add(channelName, m);
    }

    /**
     * A message as Slack exported it, whatever it holds (an app's blocks, a Slackbot reminder, an edited message with
     * its {@code edited}); it must carry its {@code ts}, which is returned.
     */
    public String exported(String channelName, Map<String, Object> message) {
        if (!(message.get("ts") instanceof String)) {
            throw new IllegalArgumentException("an exported message needs its ts");
        }
        return add(channelName, new LinkedHashMap<>(message));
    }

    private Map<String, Object> base(Instant at, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("text", text);
        m.put("ts", String.format("%d.%06d", at.getEpochSecond(), at.getNano() / 1000));
        return m;
    }

    private String add(String channelName, Map<String, Object> m) {
        List<Map<String, Object>> list = messages.get(channelName);
        if (list == null) {
            throw new IllegalArgumentException(
                    "no channel named " + channelName + "; add it with channel(id, name) first");
        }
        if (list.stream().anyMatch(x -> x.get("ts").equals(m.get("ts")))) {
            throw new IllegalArgumentException("two messages at " + m.get("ts") + " in " + channelName);
        }
        list.add(m);
        return (String) m.get("ts");
    }

    /** Writes the export as a folder. */
    public Path writeFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("users.json").toFile(), users);
            JSON.writeValue(dir.resolve("channels.json").toFile(), List.copyOf(channels.values()));
            for (var e : messages.entrySet()) {
                Path folder = Files.createDirectories(dir.resolve(e.getKey()));
                Map<String, List<Map<String, Object>>> byDay = new TreeMap<>();
                e.getValue().stream()
                        .sorted((a, b) -> Double.compare(
                                Double.parseDouble((String) a.get("ts")), Double.parseDouble((String) b.get("ts"))))
                        .forEach(m -> byDay.computeIfAbsent(day((String) m.get("ts")), d -> new ArrayList<>())
                                .add(m));
                for (var day : byDay.entrySet()) {
                    JSON.writeValue(folder.resolve(day.getKey() + ".json").toFile(), day.getValue());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the export as a zip, as Slack delivers it. */
    public Path writeZip(Path zip) {
        try {
            Path folder = writeFolder(Files.createTempDirectory("slack-export"));
            try (OutputStream out = Files.newOutputStream(zip);
                    ZipOutputStream z = new ZipOutputStream(out);
                    Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    z.putNextEntry(new ZipEntry(folder.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, z);
                    z.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String day(String ts) {
        return Instant.ofEpochSecond((long) Double.parseDouble(ts))
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
    }
}
