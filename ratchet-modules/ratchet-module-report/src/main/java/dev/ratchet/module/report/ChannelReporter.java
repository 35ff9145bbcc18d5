package dev.ratchet.module.report;

import dev.ratchet.module.report.ChannelReport.AlertOccurrence;
import dev.ratchet.module.report.ChannelReport.AlertStats;
import dev.ratchet.module.report.ChannelReport.FrequentAlert;
import dev.ratchet.module.report.ChannelReport.Totals;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.AlertService;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.Question;
import dev.ratchet.spi.QuestionService;
import dev.ratchet.spi.SlackService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a {@link ChannelReport} from the alerts the classifier module recorded as opened ({@link AlertService}: with
 * service, alert, priority, and once resolved the close and the duration) and their threads. Blocks on the database and, for suggestions, the LLM. Make one per report: it
 * remembers the names it looked up, so a person named fifty times is looked up once, and not for longer.
 */
final class ChannelReporter {

    /** More firings than this in one report would be a flood no report fixes; the rest are left out. */
    static final int MAX_FIRINGS = 5000;

    static final int TOP = 5;
    /** Unanswered questions listed in a report. */
    static final int TOP_QUESTIONS = 10;
    /** More questions than this in one report are left out. */
    static final int MAX_QUESTIONS = 5000;

    private static final int TEXT_LENGTH = 150;

    private final MessageService messages;
    private final AlertService alerts;
    private final QuestionService questions;
    private final SlackService slack;
    private final Suggester suggester;
    private final Clock clock;
    private final Duration longOpen;
    private final Duration actGrace;

    ChannelReporter(
            MessageService messages,
            AlertService alerts,
            QuestionService questions,
            SlackService slack,
            Suggester suggester,
            Clock clock,
            Duration longOpen,
            Duration actGrace) {
        this.messages = messages;
        this.alerts = alerts;
        this.questions = questions;
        this.slack = slack;
        this.suggester = suggester;
        this.clock = clock;
        this.longOpen = longOpen;
        this.actGrace = actGrace;
    }

    /** One firing and what its thread says, while the report is made. */
    record Firing(
            Message message,
            String service,
            String alert,
            String priority,
            boolean closed,
            long openSeconds,
            List<Message> thread,
            List<String> responders) {
        String key() {
            return service + " / " + alert;
        }
    }

    ChannelReport report(String channel, ReportPeriod period) {
        Instant now = clock.instant();
        List<Firing> firings = new ArrayList<>();
        for (AlertEvent opened :
                alerts.inChannel(channel, AlertEvent.Action.OPEN, period.since(), period.until(), MAX_FIRINGS)) {
            List<Message> thread = messages.thread(
                    opened.message().channelId(), opened.message().ts());
            if (!thread.isEmpty() && !thread.get(0).deleted()) {
                firings.add(firing(opened, thread, now));
            }
        }

        Map<String, List<Firing>> byAlert = new LinkedHashMap<>();
        for (Firing f : firings) {
            byAlert.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
        }
        List<AlertStats> alerts = new ArrayList<>();
        for (List<Firing> group : byAlert.values()) {
            long closed = group.stream().filter(Firing::closed).count();
            Long mean = closed == 0
                    ? null
                    : Math.round(group.stream()
                            .filter(Firing::closed)
                            .mapToLong(Firing::openSeconds)
                            .average()
                            .orElse(0));
            alerts.add(new AlertStats(
                    group.get(0).service(),
                    group.get(0).alert(),
                    group.size(),
                    (int) closed,
                    group.size() - (int) closed,
                    mean));
        }
        alerts.sort(Comparator.comparingInt(AlertStats::firings)
                .reversed()
                .thenComparing(AlertStats::service)
                .thenComparing(AlertStats::alert));
        List<FrequentAlert> top = alerts.stream()
                .limit(TOP)
                .map(a -> new FrequentAlert(a.service(), a.alert(), a.firings()))
                .toList();

        List<AlertOccurrence> neverActedOn = firings.stream()
                // a firing posted a moment ago has not been ignored yet: people get actGrace to reply
                .filter(f -> f.responders().isEmpty() && !f.message().postedAt().isAfter(now.minus(actGrace)))
                .map(f -> occurrence(f))
                .toList();
        List<AlertOccurrence> openTooLong = firings.stream()
                .filter(f -> f.openSeconds() > longOpen.toSeconds())
                .sorted(Comparator.comparingLong(Firing::openSeconds).reversed())
                .map(f -> occurrence(f))
                .toList();

        int closedCount = (int) firings.stream().filter(Firing::closed).count();
        Totals totals = new Totals(
                firings.size(),
                byAlert.size(),
                closedCount,
                firings.size() - closedCount,
                neverActedOn.size(),
                openTooLong.size());
        ChannelReport.Suggestions suggestions = suggester.suggest(channel, period, alerts, firings, slack);
        return new ChannelReport(
                channel,
                period.key(),
                period.since().toString(),
                period.until().toString(),
                period.days(),
                longOpen.toSeconds(),
                totals,
                alerts,
                neverActedOn,
                openTooLong,
                top,
                suggestions,
                questions(channel, period));
    }

    /** The period's questions: how many were answered, how fast (median), and the unanswered ones. */
    private ChannelReport.Questions questions(String channel, ReportPeriod period) {
        List<Question> asked = questions.inChannel(channel, period.since(), period.until(), false, MAX_QUESTIONS);
        List<Long> seconds = asked.stream()
                .flatMap(q -> q.timeToFirstAnswer().stream())
                .map(Duration::toSeconds)
                .sorted()
                .toList();
        Long median = seconds.isEmpty()
                ? null
                : seconds.size() % 2 == 1
                        ? seconds.get(seconds.size() / 2)
                        : (seconds.get(seconds.size() / 2 - 1) + seconds.get(seconds.size() / 2)) / 2;
        List<ChannelReport.UnansweredQuestion> unanswered = new ArrayList<>();
        int unansweredCount = 0;
        for (Question q : asked) {
            if (q.answered()) {
                continue;
            }
            unansweredCount++;
            if (unanswered.size() < TOP_QUESTIONS) {
                String text = messages.get(q.message().channelId(), q.message().ts())
                        .map(m -> excerpt(slack.readable(m.text()), TEXT_LENGTH))
                        .orElse("");
                unanswered.add(new ChannelReport.UnansweredQuestion(
                        q.message().ts(),
                        q.at().toString(),
                        q.askedBy().isEmpty() ? "someone" : name(q.askedBy()),
                        text));
            }
        }
        return new ChannelReport.Questions(
                asked.size(), asked.size() - unansweredCount, unansweredCount, median, unanswered);
    }

    /** {@code thread}: the alert's message first, then its replies. */
    private Firing firing(AlertEvent c, List<Message> thread, Instant now) {
        Message m = thread.get(0);
        String service = text(c.service(), "unknown");
        String alert = text(c.alert(), text(c.service(), "unknown"));
        String priority = text(c.priority().orElse(null), null);
        boolean closed = c.pairedTs().isPresent();
        long open;
        if (closed && c.duration().isPresent()) {
            open = Math.max(0, c.duration().get().toSeconds());
        } else if (closed && !c.resolvedInPlace()) {
            // closed but the classifier gave no duration: derive it from the two timestamps
            open = Math.max(0, secondsOf(c.pairedTs().get()) - m.postedAt().getEpochSecond());
        } else {
            open = Math.max(0, Duration.between(m.postedAt(), now).toSeconds());
        }
        Set<String> people = new LinkedHashSet<>();
        for (Message reply : thread) {
            // a person's reply: not the alert itself, not deleted, posted by a user and not by a bot or integration
            if (!reply.ts().equals(m.ts())
                    && !reply.deleted()
                    && reply.botId().isEmpty()
                    && reply.userId().isPresent()) {
                people.add(name(reply.userId().get()));
            }
        }
        return new Firing(m, service, alert, priority, closed, open, thread, List.copyOf(people));
    }

    private AlertOccurrence occurrence(Firing f) {
        Message m = f.message();
        String author = m.botId()
                .map(this::name)
                .or(() -> m.userId().map(this::name))
                .orElseGet(() -> text(m.attrs().get("username"), "an integration"));
        return new AlertOccurrence(
                f.service(),
                f.alert(),
                f.priority(),
                m.ts(),
                m.postedAt().toString(),
                author,
                excerpt(slack.readable(m.text()), TEXT_LENGTH),
                f.closed(),
                f.openSeconds(),
                f.responders());
    }

    private final Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    /** The display name of a user or bot id. */
    String name(String id) {
        return names.computeIfAbsent(id, slack::displayName);
    }

    /**
     * {@code text} on one line (an alert's title and details, which integrations put on separate lines, joined by
     * a dash), at most {@code max} characters.
     */
    static String excerpt(String text, int max) {
        String line = String.join(
                " — ",
                text.strip()
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList());
        return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
    }

    private static String text(Object value, String fallback) {
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    private static long secondsOf(String ts) {
        try {
            return (long) Double.parseDouble(ts);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
