package dev.ratchet.module.report;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.testkit.TestBot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sixty days of a channel's alerts, stored as history and recorded as the classifier would record them (opens, closes,
 * pairs), up to {@link #NOW}, a Monday noon UTC. Over the last 30 days:
 * <ul>
 *   <li>search / PodCrashLooping fires 14 times, at 10:00 UTC on weekdays: 12 resolve after 3 min with nobody acting,
 *       2 resolve after 20 min with Alice replying 2 min after the firing; it fired 4 times in the 30 days before;</li>
 *   <li>api / HighLatency flaps: on two weekdays it fires at 10:00, 10:20 and 10:45, each resolving after 10 min (the
 *       second and third fire 10 and 15 min after the previous resolved): 6 firings, 4 flaps; Bob reacts to one;</li>
 *   <li>batch / JobLate fires 4 times at 02:00 UTC, resolved after 1 h with nobody acting (outside working hours);</li>
 *   <li>db / BackupStale fires 3 times at 11:00 on weekdays, resolved after 2 h, nobody acting;</li>
 *   <li>gateway / CertExpiry fires once at 14:00 on a weekday, Alice replies after 1 h, and it is still open.</li>
 * </ul>
 */
final class SeededMonth {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ALICE = SeededWeek.ALICE;
    static final String BOB = SeededWeek.BOB;
    static final String ALERTMANAGER = SeededWeek.ALERTMANAGER;

    private final String channel;
    private final List<Map<String, Object>> history = new ArrayList<>();
    private final List<Runnable> recordings = new ArrayList<>();
    private ClassifierStandIn classifier;
    private long seq;

    SeededMonth(String channel) {
        this.channel = channel;
    }

    /** Stores the history in {@code bot} and records the alerts through the stand-in's {@code ctx.alerts()}. */
    void store(TestBot bot, ClassifierStandIn classifier) {
        this.classifier = classifier;
        // weekdays at 10:00 UTC, the days before NOW (a Monday): Fri 27, Thu 26, ... skipping weekends
        List<Instant> weekdays = new ArrayList<>();
        for (int d = 1; weekdays.size() < 40; d++) {
            Instant day = NOW.minus(Duration.ofDays(d)).minus(Duration.ofHours(2)); // 10:00 UTC
            int dow = day.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
            if (dow <= 5) {
                weekdays.add(day);
            }
        }
        // PodCrashLooping: 14 firings on the 14 latest weekdays (within 30 days), 2 of them handled by Alice
        for (int i = 0; i < 14; i++) {
            Instant at = weekdays.get(i);
            boolean handled = i == 3 || i == 7;
            String open = fire("search", "PodCrashLooping", at);
            if (handled) {
                reply(open, at.plus(Duration.ofMinutes(2)), ALICE, "looking, the node is short of memory");
            }
            resolve(open, "search", "PodCrashLooping", at, Duration.ofMinutes(handled ? 20 : 3));
        }
        // and 4 firings 35 to 45 days ago (the previous period)
        for (int d : new int[] {35, 38, 41, 45}) {
            Instant at = NOW.minus(Duration.ofDays(d));
            resolve(fire("search", "PodCrashLooping", at), "search", "PodCrashLooping", at, Duration.ofMinutes(3));
        }
        // HighLatency flapping on two weekdays
        for (Instant day : List.of(weekdays.get(15), weekdays.get(16))) {
            for (int minute : new int[] {0, 20, 45}) {
                Instant at = day.plus(Duration.ofMinutes(minute));
                String open = fire("api", "HighLatency", at, minute == 20 && day.equals(weekdays.get(15)));
                resolve(open, "api", "HighLatency", at, Duration.ofMinutes(10));
            }
        }
        // JobLate at 02:00 UTC, 4 nights
        for (int d : new int[] {2, 9, 16, 23}) {
            Instant at = NOW.minus(Duration.ofDays(d)).minus(Duration.ofHours(10));
            resolve(fire("batch", "JobLate", at), "batch", "JobLate", at, Duration.ofHours(1));
        }
        // BackupStale at 11:00 on weekdays
        for (int i : new int[] {1, 5, 9}) {
            Instant at = weekdays.get(i).plus(Duration.ofHours(1));
            resolve(fire("db", "BackupStale", at), "db", "BackupStale", at, Duration.ofHours(2));
        }
        // CertExpiry at 14:00, still open
        Instant cert = weekdays.get(2).plus(Duration.ofHours(4));
        String certTs = fire("gateway", "CertExpiry", cert);
        reply(certTs, cert.plus(Duration.ofHours(1)), ALICE, "renewal ticket filed");

        @SuppressWarnings("unchecked")
        Map<String, Object>[] messages = history.toArray(Map[]::new);
        bot.history(channel, messages);
        recordings.forEach(Runnable::run);
    }

    private String fire(String service, String alert, Instant at) {
        return fire(service, alert, at, false);
    }

    private String fire(String service, String alert, Instant at, boolean bobReacts) {
        String ts = ts(at);
        Map<String, Object> m = TestBot.historic(ts, null, ALERTMANAGER, "[FIRING:1] " + alert + " " + service);
        if (bobReacts) {
            m.put("reactions", List.of(Map.of("name", "eyes", "users", List.of(BOB), "count", 1)));
        }
        history.add(m);
        recordings.add(() -> classifier.ctx.alerts().record(event(ts, at, AlertEvent.Action.OPEN, service, alert)));
        return ts;
    }

    private void resolve(String openTs, String service, String alert, Instant openedAt, Duration after) {
        Instant at = openedAt.plus(after);
        String ts = ts(at);
        history.add(TestBot.historic(ts, null, ALERTMANAGER, "[RESOLVED] " + alert + " " + service));
        recordings.add(() -> {
            classifier.ctx.alerts().record(event(ts, at, AlertEvent.Action.CLOSE, service, alert));
            classifier.ctx.alerts().pair(new MessageRef(channel, openTs), new MessageRef(channel, ts), after);
        });
    }

    private void reply(String parentTs, Instant at, String user, String text) {
        history.add(TestBot.historic(ts(at), parentTs, user, text));
    }

    private AlertEvent event(String ts, Instant at, AlertEvent.Action action, String service, String alert) {
        return new AlertEvent(
                new MessageRef(channel, ts),
                at,
                action,
                service,
                alert,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "alertmanager",
                "builtin");
    }

    /** A unique Slack ts at {@code at} (the sequence number in the micro-seconds keeps equal times apart). */
    private String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", ++seq);
    }
}
