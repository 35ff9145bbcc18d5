package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts resolved in place (their own message edited into the resolution, as PagerDuty's or Opsgenie's Slack apps do):
 * the open stays an open paired with itself, and the report reads it as resolved at its posting plus its duration.
 */
class ResolvedInPlaceTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final String ALICE = SeededWeek.ALICE;
    static final String AM = SeededWeek.ALERTMANAGER;

    static TestBot bot;
    static ClassifierStandIn classifier;
    static long seq;
    static String diskFull, latency1, latency2;

    @BeforeAll
    static void start() {
        classifier = new ClassifierStandIn();
        bot = TestBot.with(classifier, new ReportModule())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .set("report.channel-time-zones", CHANNEL + "=Europe/Berlin")
                .set("report.handoff-times", "13:00,01:00")
                .set("report.handoff-channels", CHANNEL)
                .slack(s -> s.addUser(ALICE, "alice", "Alice Smith", "alice@example.com"))
                .start();
        List<Map<String, Object>> history = new ArrayList<>();
        // fired 03:00, Alice replies 03:05, edited into its resolution at 03:20
        diskFull = ts(at("03:00"));
        history.add(TestBot.historic(diskFull, null, AM, "[RESOLVED] DiskFull db"));
        history.add(TestBot.historic(ts(at("03:05")), diskFull, ALICE, "cleaned up the WAL"));
        // fired 09:00, edited into its resolution at 09:10, fired again 09:20 (a flap) and still open
        latency1 = ts(at("09:00"));
        history.add(TestBot.historic(latency1, null, AM, "[RESOLVED] HighLatency api"));
        latency2 = ts(at("09:20"));
        history.add(TestBot.historic(latency2, null, AM, "[FIRING:1] HighLatency api"));
        history.forEach(m -> {
            if (AM.equals(m.get("bot_id"))) {
                m.put("username", "alertmanager");
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object>[] messages = history.toArray(Map[]::new);
        bot.history(CHANNEL, messages);
        var alerts = classifier.ctx.alerts();
        alerts.record(open(diskFull, at("03:00"), "db", "DiskFull"));
        alerts.pair(new MessageRef(CHANNEL, diskFull), new MessageRef(CHANNEL, diskFull), Duration.ofMinutes(20));
        alerts.record(open(latency1, at("09:00"), "api", "HighLatency"));
        alerts.pair(new MessageRef(CHANNEL, latency1), new MessageRef(CHANNEL, latency1), Duration.ofMinutes(10));
        alerts.record(open(latency2, at("09:20"), "api", "HighLatency"));
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void the_service_reads_an_open_resolved_in_place_as_resolved_and_reopen_undoes_it() {
        AlertEvent e = classifier
                .ctx
                .alerts()
                .of(bot.message(CHANNEL, diskFull).orElseThrow())
                .orElseThrow();
        assertThat(e.action()).isEqualTo(AlertEvent.Action.OPEN);
        assertThat(e.resolvedInPlace()).isTrue();
        assertThat(e.stillOpen()).isFalse();
        assertThat(e.pairedTs()).contains(diskFull);
        assertThat(e.duration()).contains(Duration.ofMinutes(20));
        assertThat(classifier.ctx.alerts().open(CHANNEL, at("00:00"), NOW, 100))
                .extracting(a -> a.message().ts())
                .containsExactly(latency2);
        assertThat(classifier.ctx.alerts().inChannel(CHANNEL, AlertEvent.Action.CLOSE, at("00:00"), NOW, 100))
                .isEmpty();
        // reopen leaves an open paired with another message alone, and is a no-op on one still open
        classifier.ctx.alerts().reopen(new MessageRef(CHANNEL, latency2));
        assertThat(classifier.ctx.alerts().open(CHANNEL, at("00:00"), NOW, 100)).hasSize(1);
    }

    @Test
    void analytics_count_the_resolution_in_place_its_time_to_resolve_and_the_flap_after_it() throws Exception {
        AlertAnalytics a = (AlertAnalytics) bot.callTool("alert_analytics", "{\"days\": 1}");
        assertThat(a.channelFigures().firings()).isEqualTo(3);
        assertThat(a.channelFigures().resolved()).isEqualTo(2);
        AlertAnalytics.Figures disk = figures(a, "DiskFull");
        assertThat(disk.resolved()).isEqualTo(1);
        assertThat(disk.p50SecondsToResolve()).isEqualTo(1200L);
        assertThat(disk.responded()).isEqualTo(1);
        AlertAnalytics.Figures latency = figures(a, "HighLatency");
        assertThat(latency.firings()).isEqualTo(2);
        assertThat(latency.resolved()).isEqualTo(1);
        assertThat(latency.p50SecondsToResolve()).isEqualTo(600L);
        assertThat(latency.flaps()).isEqualTo(1);
    }

    @Test
    void the_handoff_lists_it_as_resolved_at_the_edit_and_not_as_open() throws Exception {
        ShiftHandoff h = (ShiftHandoff) bot.callTool("shift_handoff", "{\"since\": \"12h\"}");
        assertThat(h.open()).extracting(ShiftHandoff.OpenAlert::ts).containsExactly(latency2);
        assertThat(h.openBefore()).isEmpty();
        assertThat(h.resolved())
                .extracting(
                        ShiftHandoff.ResolvedAlert::ts,
                        ShiftHandoff.ResolvedAlert::firedAt,
                        ShiftHandoff.ResolvedAlert::resolvedAt,
                        ShiftHandoff.ResolvedAlert::resolvedBy,
                        ShiftHandoff.ResolvedAlert::how)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                diskFull, "2026-11-30T03:00:00Z", "2026-11-30T03:20:00Z", "alice", "replied"),
                        org.assertj.core.groups.Tuple.tuple(
                                latency1, "2026-11-30T09:00:00Z", "2026-11-30T09:10:00Z", "alertmanager", "tool"));
    }

    private static AlertAnalytics.Figures figures(AlertAnalytics a, String alert) {
        return a.alerts().stream()
                .filter(x -> x.alert().equals(alert))
                .findFirst()
                .orElseThrow()
                .figures();
    }

    private static AlertEvent open(String ts, Instant at, String service, String alert) {
        return new AlertEvent(
                new MessageRef(CHANNEL, ts),
                at,
                AlertEvent.Action.OPEN,
                service,
                alert,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "alertmanager",
                "builtin");
    }

    static Instant at(String utcTimeOnTheDay) {
        return Instant.parse("2026-11-30T" + utcTimeOnTheDay + ":00Z");
    }

    private static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", ++seq);
    }
}
