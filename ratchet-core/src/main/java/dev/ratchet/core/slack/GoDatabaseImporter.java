package dev.ratchet.core.slack;

import dev.ratchet.core.storage.GoDatabaseReader;
import dev.ratchet.core.storage.GoDatabaseReader.GoChannel;
import dev.ratchet.core.storage.GoDatabaseReader.GoMessage;
import dev.ratchet.core.storage.MessageRepository.Upsert;
import dev.ratchet.core.storage.Storage;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.MessageRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the history of a Go Ratchet (v0.0.11) database: its channels, its messages with their threads and
 * reactions, and the classifications it stored as {@code incident_action}, which become alert events
 * ({@code open_incident} → open, {@code close_incident} → close, with {@code source: go-ratchet} and
 * {@code method: imported}). Messages go through the same path as any history ({@link EventIngestor#storeHistory}):
 * stored idempotently, enriched by the job servers (so embeddings are made again with the configured model; Go's
 * are never read), never replied to. An alert event is written only on a message without a classification, so a
 * second run changes nothing and the classifier's own recognition is never overridden.
 *
 * <p>Go kept only a count per reaction, not who reacted: each reaction is stored with that many anonymous entries
 * ({@code go-import-1}, ...), so counts (thumbs up and down in the usage report) stay right.
 */
public final class GoDatabaseImporter {

    private static final Logger log = LoggerFactory.getLogger(GoDatabaseImporter.class);
    private static final int PAGE = 500;
    /** The source and method of an alert event read from the Go database (the classifier keeps such events). */
    public static final String SOURCE = "go-ratchet";

    public static final String METHOD = "imported";

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    /**
     * What an import did.
     *
     * @param reactions    the sum of Go's reaction counts
     * @param alerts       the messages with an open or close {@code incident_action}
     * @param newAlerts    those recorded now (the others already had a classification)
     * @param llmUsageRows {@code llmusageV1} rows, not imported
     * @param documents    {@code documentation_docs} rows, not imported (docs are read again from their sources)
     * @param docResponseChannels channels where Go answered from the docs ({@code doc_responses_enabled})
     */
    public record Report(
            int channels,
            long messages,
            long newMessages,
            long threadReplies,
            long reactions,
            long alerts,
            long newAlerts,
            long llmUsageRows,
            long documents,
            List<String> docResponseChannels,
            List<String> problems) {}

    /** Told about progress: the number of messages first, then the number done after each page. */
    public interface Progress {
        void start(long messages);

        void done(long messages);
    }

    private final Storage storage;
    private final EventIngestor ingestor;
    private final SlackDirectory directory;

    public GoDatabaseImporter(Storage storage, EventIngestor ingestor, SlackDirectory directory) {
        this.storage = storage;
        this.ingestor = ingestor;
        this.directory = directory;
    }

    /**
     * Imports everything {@code go} holds into this database, one transaction per page of messages.
     *
     * @param teamId the Slack workspace id to record (Go's database does not hold it)
     */
    public Report importFrom(GoDatabaseReader go, String teamId, Progress progress) {
        GoDatabaseReader.Counts counts = go.counts();
        List<String> problems = new ArrayList<>();
        List<String> docChannels = new ArrayList<>();
        List<GoChannel> channels = go.channels();
        storage.transaction(() -> {
            for (GoChannel c : channels) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                if (c.attrs().get("name") instanceof String name && !name.isBlank()) {
                    attrs.put("name", name);
                }
                attrs.put("imported", true);
                Map<String, Object> fromGo = new LinkedHashMap<>();
                copy(c.attrs(), fromGo, "onboarding_status");
                copy(c.attrs(), fromGo, "doc_responses_enabled");
                attrs.put("go_ratchet", fromGo);
                directory.upsertChannel(teamId, c.id(), attrs);
                if (Boolean.TRUE.equals(c.attrs().get("doc_responses_enabled"))) {
                    docChannels.add(c.id());
                }
            }
            return null;
        });
        progress.start(counts.messages());
        long messages = 0;
        long fresh = 0;
        long replies = 0;
        long reactions = 0;
        long alerts = 0;
        long newAlerts = 0;
        String afterChannel = null;
        String afterTs = null;
        while (true) {
            List<GoMessage> page = go.messagesAfter(afterChannel, afterTs, PAGE);
            if (page.isEmpty()) {
                break;
            }
            long[] c = storage.transaction(() -> {
                long[] n = new long[6];
                for (GoMessage m : page) {
                    Map<String, Object> slack = slackMessage(m);
                    if (ingestor.storeHistory(teamId, m.channelId(), slack) == Upsert.INSERTED) {
                        n[1]++;
                    }
                    n[0]++;
                    if (slack.containsKey("thread_ts") && !m.ts().equals(slack.get("thread_ts"))) {
                        n[2]++;
                    }
                    if (slack.get("reactions") instanceof List<?> r) {
                        for (Object reaction : r) {
                            n[3] += reaction instanceof Map<?, ?> x && x.get("count") instanceof Number k
                                    ? k.longValue()
                                    : 0;
                        }
                    }
                    Optional<AlertEvent> alert;
                    try {
                        alert = alertEvent(m);
                    } catch (IllegalArgumentException e) {
                        problems.add(
                                m.channelId() + "/" + m.ts() + ": incident_action not imported: " + e.getMessage());
                        continue;
                    }
                    if (alert.isPresent()) {
                        n[4]++;
                        if (storage.alerts().recordIfUnclassified(alert.get())) {
                            n[5]++;
                        }
                    }
                }
                return n;
            });
            messages += c[0];
            fresh += c[1];
            replies += c[2];
            reactions += c[3];
            alerts += c[4];
            newAlerts += c[5];
            GoMessage last = page.get(page.size() - 1);
            afterChannel = last.channelId();
            afterTs = last.ts();
            progress.done(messages);
        }
        log.info(
                "import from the Go Ratchet database {}: {} channel(s), {} message(s) ({} new), {} alert event(s) ({} new)",
                go.safeUrl(),
                channels.size(),
                messages,
                fresh,
                alerts,
                newAlerts);
        return new Report(
                channels.size(),
                messages,
                fresh,
                replies,
                reactions,
                alerts,
                newAlerts,
                counts.llmUsage(),
                counts.documents(),
                List.copyOf(docChannels),
                List.copyOf(problems));
    }

    /** A Go row as a Slack message of the shape history has ({@code ts}, {@code thread_ts}, reactions as a list). */
    static Map<String, Object> slackMessage(GoMessage m) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (m.attrs().get("message") instanceof Map<?, ?> stored) {
            stored.forEach((k, v) -> message.put(String.valueOf(k), v));
        }
        message.put("type", "message");
        message.put("ts", m.ts());
        if (m.parentTs() != null && !m.parentTs().isBlank()) {
            message.put("thread_ts", m.parentTs());
        }
        if (message.get("username") == null) {
            Object name = message.getOrDefault("bot_username", message.get("bot_usernames"));
            if (name instanceof List<?> names && !names.isEmpty()) {
                name = names.get(0);
            }
            if (name instanceof String s && !s.isBlank()) {
                message.put("username", s);
            }
        }
        if (m.attrs().get("reactions") instanceof Map<?, ?> counts) {
            List<Map<String, Object>> list = new ArrayList<>();
            counts.forEach((name, count) -> {
                int n = count instanceof Number c ? c.intValue() : 0;
                List<String> users = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    users.add("go-import-" + i);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", String.valueOf(name));
                r.put("count", n);
                r.put("users", users);
                if (n > 0) {
                    list.add(r);
                }
            });
            message.put("reactions", list);
        }
        return message;
    }

    /**
     * The alert event of a Go row's {@code incident_action}; empty for none.
     *
     * @throws IllegalArgumentException for an action or duration Go itself would refuse
     */
    static Optional<AlertEvent> alertEvent(GoMessage m) {
        if (!(m.attrs().get("incident_action") instanceof Map<?, ?> a) || a.get("action") == null) {
            return Optional.empty();
        }
        AlertEvent.Action action;
        switch (String.valueOf(a.get("action"))) {
            case "open_incident" -> action = AlertEvent.Action.OPEN;
            case "close_incident" -> action = AlertEvent.Action.CLOSE;
            case "none", "" -> {
                return Optional.empty();
            }
            default -> throw new IllegalArgumentException("unknown action " + a.get("action"));
        }
        Optional<String> priority =
                Optional.ofNullable(a.get("priority")).map(Object::toString).filter(p -> !p.isBlank());
        Optional<Duration> duration =
                action == AlertEvent.Action.CLOSE ? goDuration(a.get("duration")) : Optional.empty();
        return Optional.of(new AlertEvent(
                new MessageRef(m.channelId(), m.ts()),
                instant(m.ts()),
                action,
                a.get("service") == null ? "" : a.get("service").toString(),
                a.get("alert") == null ? "" : a.get("alert").toString(),
                priority,
                duration,
                Optional.empty(),
                SOURCE,
                METHOD));
    }

    /** Go's {@code time.Duration} in JSON: a number of nanoseconds, or a string such as {@code "1h30m0s"}. */
    static Optional<Duration> goDuration(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return n.longValue() <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(n.longValue()));
        }
        String s = value.toString().strip();
        if (s.isEmpty() || s.equals("0") || s.equals("0s")) {
            return Optional.empty();
        }
        Matcher part = GO_DURATION_PART.matcher(s);
        double nanos = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            nanos += amount
                    * switch (part.group(2)) {
                        case "ns" -> 1d;
                        case "us", "µs", "μs" -> 1e3;
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            end = part.end();
        }
        if (end != s.length()) {
            throw new IllegalArgumentException("duration " + s + " is not a Go duration such as 1h30m0s");
        }
        return Optional.of(Duration.ofNanos(Math.round(nanos)));
    }

    private static Instant instant(String ts) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            long whole = seconds.longValue();
            return Instant.ofEpochSecond(
                    whole,
                    seconds.subtract(BigDecimal.valueOf(whole))
                            .movePointRight(9)
                            .longValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ts " + ts + " is not a Slack timestamp");
        }
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String key) {
        if (from.get(key) != null) {
            to.put(key, from.get(key));
        }
    }
}
