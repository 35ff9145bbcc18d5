package dev.ratchet.module.report;

import dev.ratchet.module.report.AlertAnalytics.AlertFigures;
import dev.ratchet.module.report.AlertAnalytics.Figures;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.AlertService;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place alert analytics are computed: from the alerts the classifier recorded ({@link AlertService}) and the
 * threads of their messages ({@link MessageService}). Blocks on the database (one thread read per firing). Stateless
 * apart from its settings; safe to share.
 */
final class AlertAnalyzer {

    /** More firings than this in one period would be a flood no figure fixes; the rest are left out. */
    static final int MAX_FIRINGS = ChannelReporter.MAX_FIRINGS;

    private final MessageService messages;
    private final AlertService alerts;
    private final Duration flapWindow;
    private final Duration shortFiring;
    private final Set<String> botUsers;

    /**
     * @param botUsers user ids whose reactions are not a person's (Ratchet's own bot user); replies are told apart by
     *                 their {@code bot_id}
     */
    AlertAnalyzer(
            MessageService messages,
            AlertService alerts,
            Duration flapWindow,
            Duration shortFiring,
            Set<String> botUsers) {
        this.messages = messages;
        this.alerts = alerts;
        this.flapWindow = flapWindow;
        this.shortFiring = shortFiring;
        this.botUsers = Set.copyOf(botUsers);
    }

    /** One firing, as the figures need it. */
    record Firing(
            String service,
            String alert,
            Instant at,
            boolean resolved,
            Long secondsToResolve,
            boolean flap,
            boolean humanReply,
            boolean humanReaction,
            Long secondsToFirstResponse,
            boolean outsideHours) {
        String key() {
            return service + "\u0000" + alert;
        }

        boolean nobodyActed() {
            return resolved && !humanReply && !humanReaction;
        }
    }

    /** The analytics of {@code channel} over {@code period} against the period of the same length before it. */
    AlertAnalytics analyse(String channel, ReportPeriod period, WorkingHours hours) {
        return analyse(channel, period, hours, true);
    }

    /**
     * @param withPrevious whether to read the previous period for the trend too; without it (the noise section,
     *                     which needs no trend) the previous figures are {@link Figures#NONE} and every trend is
     *                     {@code new}, for half the reads
     */
    AlertAnalytics analyse(String channel, ReportPeriod period, WorkingHours hours, boolean withPrevious) {
        Instant previousSince = period.since().minus(Duration.ofDays(period.days()));
        List<Firing> current = firings(channel, period.since(), period.until(), hours);
        List<Firing> before = withPrevious ? firings(channel, previousSince, period.since(), hours) : List.of();

        Map<String, List<Firing>> byAlert = new LinkedHashMap<>();
        current.forEach(
                f -> byAlert.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f));
        Map<String, Integer> previousCount = new HashMap<>();
        before.forEach(f -> previousCount.merge(f.key(), 1, Integer::sum));

        List<AlertFigures> perAlert = new ArrayList<>();
        for (List<Firing> group : byAlert.values()) {
            Firing first = group.get(0);
            int previous = previousCount.getOrDefault(first.key(), 0);
            long quick = group.stream()
                    .filter(f -> f.nobodyActed() && f.secondsToResolve() <= shortFiring.toSeconds())
                    .count();
            perAlert.add(new AlertFigures(
                    first.service(),
                    first.alert(),
                    figures(group),
                    (int) quick,
                    previous,
                    trend(group.size(), previous)));
        }
        perAlert.sort(Comparator.comparingInt((AlertFigures a) -> a.figures().firings())
                .reversed()
                .thenComparing(AlertFigures::service)
                .thenComparing(AlertFigures::alert));
        return new AlertAnalytics(
                channel,
                period.since().toString(),
                period.until().toString(),
                period.days(),
                flapWindow.toSeconds(),
                hours.describe(),
                figures(current),
                figures(before),
                perAlert);
    }

    private static String trend(int now, int before) {
        if (before == 0) {
            return "new";
        }
        return now > before ? "up" : now < before ? "down" : "same";
    }

    /** The firings (opens) of {@code [from, to)} whose message is not deleted, oldest first. */
    List<Firing> firings(String channel, Instant from, Instant to, WorkingHours hours) {
        // the opens of the window before the period too: those resolved in place are resolves a flap follows
        List<AlertEvent> opens =
                alerts.inChannel(channel, AlertEvent.Action.OPEN, from.minus(flapWindow), to, MAX_FIRINGS);
        if (opens.stream().noneMatch(o -> !o.at().isBefore(from))) {
            return List.of();
        }
        // the resolves a flap follows: the closes of the window before the period too, and the opens resolved in
        // place (their message edited into the resolution) at the edit
        Map<String, List<Instant>> resolvedAt = new HashMap<>();
        for (AlertEvent close :
                alerts.inChannel(channel, AlertEvent.Action.CLOSE, from.minus(flapWindow), to, MAX_FIRINGS)) {
            resolvedAt.computeIfAbsent(key(close), k -> new ArrayList<>()).add(close.at());
        }
        for (AlertEvent open : opens) {
            if (open.resolvedInPlace()
                    && open.duration().filter(d -> !d.isZero()).isPresent()) {
                resolvedAt
                        .computeIfAbsent(key(open), k -> new ArrayList<>())
                        .add(open.at().plus(open.duration().get()));
            }
        }
        List<Firing> out = new ArrayList<>();
        for (AlertEvent open : opens) {
            if (open.at().isBefore(from)) {
                continue; // before the period: read for its resolve only
            }
            List<Message> thread =
                    messages.thread(open.message().channelId(), open.message().ts());
            if (thread.isEmpty() || thread.get(0).deleted()) {
                continue;
            }
            out.add(firing(open, thread, resolvedAt.getOrDefault(key(open), List.of()), hours));
        }
        return out;
    }

    private Firing firing(AlertEvent open, List<Message> thread, List<Instant> resolves, WorkingHours hours) {
        Message m = thread.get(0);
        Instant at = open.at();
        boolean resolved = open.pairedTs().isPresent();
        Long toResolve = null;
        if (resolved && open.resolvedInPlace()) {
            // its own message edited into its resolution: the pairedTs is its own, the duration is to the edit
            toResolve = open.duration().map(d -> Math.max(0, d.toSeconds())).orElse(null);
        } else if (resolved) {
            toResolve = open.duration()
                    .map(Duration::toSeconds)
                    .orElseGet(() -> seconds(open.pairedTs().get()) - at.getEpochSecond());
            toResolve = Math.max(0, toResolve);
        }
        boolean flap = resolves.stream().anyMatch(r -> !r.isAfter(at) && !r.isBefore(at.minus(flapWindow)));
        Long firstResponse = null;
        for (Message reply : thread) {
            if (!reply.ts().equals(m.ts())
                    && !reply.deleted()
                    && reply.botId().isEmpty()
                    && reply.userId().isPresent()
                    && !botUsers.contains(reply.userId().get())) {
                long s = Math.max(0, Duration.between(at, reply.postedAt()).toSeconds());
                firstResponse = firstResponse == null ? s : Math.min(firstResponse, s);
            }
        }
        return new Firing(
                text(open.service(), "unknown"),
                text(open.alert(), text(open.service(), "unknown")),
                at,
                resolved,
                toResolve,
                flap,
                firstResponse != null,
                humanReaction(m),
                firstResponse,
                hours.outside(at));
    }

    /** Whether a person (not Ratchet) reacted to the alert's message: {@code attrs.reactions} is name → user ids. */
    private boolean humanReaction(Message m) {
        if (!(m.attrs().get("reactions") instanceof Map<?, ?> reactions)) {
            return false;
        }
        for (Object users : reactions.values()) {
            if (users instanceof List<?> list) {
                for (Object u : list) {
                    if (u != null && !botUsers.contains(u.toString())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static Figures figures(List<Firing> firings) {
        if (firings.isEmpty()) {
            return Figures.NONE;
        }
        List<Long> toResolve = firings.stream()
                .map(Firing::secondsToResolve)
                .filter(s -> s != null)
                .sorted()
                .toList();
        List<Long> toRespond = firings.stream()
                .map(Firing::secondsToFirstResponse)
                .filter(s -> s != null)
                .sorted()
                .toList();
        int outside = (int) firings.stream().filter(Firing::outsideHours).count();
        return new Figures(
                firings.size(),
                toResolve.size(),
                (int) firings.stream().filter(Firing::flap).count(),
                (int) firings.stream().filter(Firing::nobodyActed).count(),
                toRespond.size(),
                median(toRespond),
                percentile(toResolve, 50),
                percentile(toResolve, 90),
                outside,
                (int) Math.round(100.0 * outside / firings.size()));
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p % at or below it. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The median, the mean of the two middle values for an even count (whole seconds, rounded down). */
    static Long median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String key(AlertEvent e) {
        String service = text(e.service(), "unknown");
        return service + "\u0000" + text(e.alert(), service);
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static long seconds(String ts) {
        try {
            return (long) Double.parseDouble(ts);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
