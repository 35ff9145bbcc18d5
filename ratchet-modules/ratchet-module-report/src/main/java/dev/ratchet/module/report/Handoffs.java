package dev.ratchet.module.report;

import dev.ratchet.module.report.ShiftHandoff.OpenAlert;
import dev.ratchet.module.report.ShiftHandoff.ResolvedAlert;
import dev.ratchet.module.report.ShiftHandoff.UnansweredQuestion;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.AlertService;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.Question;
import dev.ratchet.spi.QuestionService;
import dev.ratchet.spi.SlackService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a {@link ShiftHandoff} from the alerts and questions the classifier module recorded ({@link AlertService},
 * {@link QuestionService}) and the alerts' threads. Blocks on the database; make one per digest (it remembers the
 * names it looked up).
 */
final class Handoffs {

    /** Alerts still open that fired up to this long before the shift are handed over too. */
    static final Duration OPEN_LOOKBACK = Duration.ofDays(7);

    static final int MAX = 1000;
    private static final int TEXT_LENGTH = 150;

    private final MessageService messages;
    private final AlertService alerts;
    private final QuestionService questions;
    private final SlackService slack;
    private final Set<String> botUsers;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    Handoffs(
            MessageService messages,
            AlertService alerts,
            QuestionService questions,
            SlackService slack,
            Set<String> botUsers) {
        this.messages = messages;
        this.alerts = alerts;
        this.questions = questions;
        this.slack = slack;
        this.botUsers = botUsers;
    }

    ShiftHandoff handoff(String channel, Instant since, Instant until, ZoneId zone) {
        List<OpenAlert> open = new ArrayList<>();
        List<OpenAlert> openBefore = new ArrayList<>();
        for (AlertEvent e : alerts.open(channel, since.minus(OPEN_LOOKBACK), until, MAX)) {
            // open at the end of the shift: a close paired after it does not count (a digest made later for the
            // same shift reads the same); deleted alerts are gone
            Optional<Message> m = messages.get(channel, e.message().ts());
            if (m.isEmpty() || m.get().deleted()) {
                continue;
            }
            OpenAlert a = openAlert(e, m.get());
            (e.at().isBefore(since) ? openBefore : open).add(a);
        }
        // alerts resolved after the shift ended were still open at its end
        for (AlertEvent e : alerts.inChannel(channel, AlertEvent.Action.OPEN, since.minus(OPEN_LOOKBACK), until, MAX)) {
            // resolved in place (its message edited): at the edit, its open time plus the duration
            Optional<Instant> resolvedAt = e.resolvedInPlace()
                    ? e.duration().map(d -> e.at().plus(d))
                    : e.pairedTs().map(ts -> Instant.ofEpochSecond(seconds(ts)));
            if (resolvedAt.isPresent() && !resolvedAt.get().isBefore(until)) {
                messages.get(channel, e.message().ts())
                        .filter(m -> !m.deleted())
                        .ifPresent(m -> (e.at().isBefore(since) ? openBefore : open).add(openAlert(e, m)));
            }
        }
        open.sort(Comparator.comparing(OpenAlert::ts));
        openBefore.sort(Comparator.comparing(OpenAlert::ts));

        List<ResolvedAlert> resolved = new ArrayList<>();
        for (AlertEvent close : alerts.inChannel(channel, AlertEvent.Action.CLOSE, since, until, MAX)) {
            messages.get(channel, close.message().ts())
                    .filter(m -> !m.deleted())
                    .ifPresent(m -> resolved.add(resolvedAlert(channel, close, m)));
        }
        // and the opens resolved in place (their own message edited into the resolution) during the shift
        for (AlertEvent e : alerts.inChannel(channel, AlertEvent.Action.OPEN, since.minus(OPEN_LOOKBACK), until, MAX)) {
            Optional<Instant> at = e.resolvedInPlace() ? e.duration().map(d -> e.at().plus(d)) : Optional.empty();
            if (at.isPresent() && !at.get().isBefore(since) && at.get().isBefore(until)) {
                messages.get(channel, e.message().ts())
                        .filter(m -> !m.deleted())
                        .ifPresent(m -> resolved.add(resolvedAlert(channel, e, m, at.get())));
            }
        }
        resolved.sort(Comparator.comparing(ResolvedAlert::resolvedAt));

        List<UnansweredQuestion> unanswered = new ArrayList<>();
        for (Question q : questions.inChannel(channel, since, until, true, MAX)) {
            String text = messages.get(channel, q.message().ts())
                    .map(m -> ChannelReporter.excerpt(slack.readable(m.text()), TEXT_LENGTH))
                    .orElse("");
            unanswered.add(new UnansweredQuestion(
                    q.message().ts(),
                    q.at().truncatedTo(ChronoUnit.SECONDS).toString(),
                    q.askedBy().isEmpty() ? "someone" : name(q.askedBy()),
                    text,
                    slack.permalink(channel, q.message().ts())));
        }
        return new ShiftHandoff(
                channel, since.toString(), until.toString(), zone.getId(), open, openBefore, resolved, unanswered);
    }

    private OpenAlert openAlert(AlertEvent e, Message m) {
        List<String> repliedBy = new ArrayList<>(new LinkedHashSet<>(people(m.channelId(), m.ts(), null)));
        return new OpenAlert(
                service(e),
                alert(e),
                e.priority().orElse(null),
                m.ts(),
                time(m),
                ChannelReporter.excerpt(slack.readable(m.text()), TEXT_LENGTH),
                List.copyOf(repliedBy),
                slack.permalink(m.channelId(), m.ts()));
    }

    /**
     * Who resolved it: a person who posted the resolution; else the last person to reply in the alert's thread
     * before it resolved; else a person who reacted to the alert; else the tool that posted the resolution.
     */
    private ResolvedAlert resolvedAlert(String channel, AlertEvent close, Message closeMessage) {
        return resolvedAlert(channel, close, closeMessage, closeMessage.postedAt());
    }

    /**
     * {@code close} is a close, or an open resolved in place ({@code closeMessage} its own, edited, message); either
     * resolved at {@code resolvedAt}.
     */
    private ResolvedAlert resolvedAlert(String channel, AlertEvent close, Message closeMessage, Instant resolvedAt) {
        Optional<Message> opened = close.resolvedInPlace()
                ? Optional.of(closeMessage)
                : close.pairedTs().flatMap(ts -> messages.get(channel, ts));
        String by;
        String how;
        if (person(closeMessage)) {
            by = name(closeMessage.userId().get());
            how = "resolved";
        } else {
            Optional<String> replied = opened.flatMap(o -> {
                List<String> people = people(channel, o.ts(), resolvedAt);
                return people.isEmpty() ? Optional.empty() : Optional.of(people.get(people.size() - 1));
            });
            Optional<String> reacted = opened.flatMap(this::reactor);
            if (replied.isPresent()) {
                by = replied.get();
                how = "replied";
            } else if (reacted.isPresent()) {
                by = reacted.get();
                how = "reacted";
            } else {
                by = author(closeMessage);
                how = "tool";
            }
        }
        Message linked = opened.orElse(closeMessage);
        return new ResolvedAlert(
                service(close),
                alert(close),
                opened.map(Message::ts).orElse(closeMessage.ts()),
                opened.map(Handoffs::time).orElse(null),
                resolvedAt.truncatedTo(ChronoUnit.SECONDS).toString(),
                by,
                how,
                slack.permalink(channel, linked.ts()));
    }

    /** The names of the people who replied in a thread, in order, before {@code until} (null for no bound). */
    private List<String> people(String channel, String threadTs, Instant until) {
        List<String> people = new ArrayList<>();
        for (Message reply : messages.thread(channel, threadTs)) {
            if (!reply.ts().equals(threadTs)
                    && person(reply)
                    && !reply.deleted()
                    && (until == null || !reply.postedAt().isAfter(until))) {
                String name = name(reply.userId().get());
                people.remove(name);
                people.add(name);
            }
        }
        return people;
    }

    /** A person who reacted to the message ({@code attrs.reactions}: name → user ids), not Ratchet itself. */
    private Optional<String> reactor(Message m) {
        if (m.attrs().get("reactions") instanceof Map<?, ?> reactions) {
            for (Object users : reactions.values()) {
                if (users instanceof List<?> list) {
                    for (Object u : list) {
                        if (u != null && !botUsers.contains(u.toString())) {
                            return Optional.of(name(u.toString()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean person(Message m) {
        return m.botId().isEmpty()
                && m.userId().isPresent()
                && !botUsers.contains(m.userId().get());
    }

    /** The tool that posted a message: its bot's name, else the name it posted under, else its id. */
    private String author(Message m) {
        Optional<String> username = Optional.ofNullable(m.attrs().get("username"))
                .map(String::valueOf)
                .filter(u -> !u.isBlank());
        return m.botId()
                .map(id -> {
                    String name = name(id);
                    return name.equals(id) ? username.orElse(id) : name;
                })
                .or(() -> username)
                .or(() -> m.userId().map(this::name))
                .orElse("the alerting tool");
    }

    /** A message's time to the second, as the digest shows it. */
    private static String time(Message m) {
        return m.postedAt().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String name(String id) {
        return names.computeIfAbsent(id, slack::displayName);
    }

    private static String service(AlertEvent e) {
        return e.service().isBlank() ? "unknown" : e.service();
    }

    private static String alert(AlertEvent e) {
        return e.alert().isBlank() ? service(e) : e.alert();
    }

    private static long seconds(String ts) {
        int dot = ts.indexOf('.');
        return Long.parseLong(dot < 0 ? ts : ts.substring(0, dot));
    }
}
