package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Json;
import dev.ratchet.core.storage.AlertRepository;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.StoredAlerts;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.AlertEvent.Action;
import dev.ratchet.spi.AlertService;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The core {@link AlertService} over real PostgreSQL: what it writes is the classifier's annotation of old. */
@ExtendWith(RatchetDatabaseExtension.class)
class AlertServiceTest {

    static final Instant FROM = Instant.ofEpochSecond(1_699_990_000);
    static final Instant TO = Instant.ofEpochSecond(1_700_100_000);

    static Database db;
    static MessageRepository messages;
    static AlertService alerts;
    static TestSql sql;

    static final MessageRef OPEN_1 = new MessageRef("C-AL", "1700000000.000100");
    static final MessageRef OTHER_CHANNEL = new MessageRef("C-AL2", "1700000500.000100");
    static final MessageRef CLOSE_1 = new MessageRef("C-AL", "1700000600.000100");
    static final MessageRef OPEN_2 = new MessageRef("C-AL", "1700001000.000100");
    static final MessageRef DISK = new MessageRef("C-AL", "1700002000.000100");
    static final MessageRef CHATTER = new MessageRef("C-AL", "1700003000.000100");

    @BeforeAll
    static void setUp(TestDatabase test) {
        db = test.database();
        sql = TestSql.of(test);
        messages = new MessageRepository(db);
        alerts = new StoredAlerts(new AlertRepository(db));
        for (MessageRef m : List.of(OPEN_1, OTHER_CHANNEL, CLOSE_1, OPEN_2, DISK, CHATTER)) {
            messages.upsert("T1", m.channelId(), m.ts(), null, Map.of("text", "alert " + m.ts(), "bot_id", "B1"));
        }
        alerts.record(event(OPEN_1, Action.OPEN, "api", "HighLatency", "P1", null));
        alerts.record(event(OTHER_CHANNEL, Action.OPEN, "api", "HighLatency", null, null));
        alerts.record(event(CLOSE_1, Action.CLOSE, "api", "HighLatency", null, null));
        alerts.record(event(OPEN_2, Action.OPEN, "api", "HighLatency", null, null));
        alerts.record(event(DISK, Action.OPEN, "db", "DiskFull", "critical", null));
        alerts.pair(OPEN_1, CLOSE_1, Duration.ofSeconds(600));
    }

    static AlertEvent event(MessageRef m, Action action, String service, String alert, String priority, Long seconds) {
        return new AlertEvent(
                m,
                Instant.ofEpochSecond(new BigDecimal(m.ts()).longValue()),
                action,
                service,
                alert,
                Optional.ofNullable(priority),
                Optional.ofNullable(seconds).map(Duration::ofSeconds),
                Optional.empty(),
                "alertmanager",
                "builtin");
    }

    static List<String> ts(List<AlertEvent> events) {
        return events.stream().map(e -> e.message().ts()).toList();
    }

    @Test
    void record_and_pair_write_the_classifier_annotation_layout_that_stored_databases_hold() {
        String json = sql.string(
                "select attrs -> 'classifier' from messages where channel_id = 'C-AL' and ts = ?", OPEN_1.ts());
        assertThat(Json.readMap(json))
                .containsEntry("action", "open")
                .containsEntry("service", "api")
                .containsEntry("alert", "HighLatency")
                .containsEntry("priority", "P1")
                .containsEntry("source", "alertmanager")
                .containsEntry("method", "builtin")
                .containsEntry("closed_ts", CLOSE_1.ts())
                .containsEntry("duration_seconds", 600);
        AlertEvent close = alerts.of(
                        messages.get(CLOSE_1.channelId(), CLOSE_1.ts()).orElseThrow())
                .orElseThrow();
        assertThat(close.action()).isEqualTo(Action.CLOSE);
        assertThat(close.pairedTs()).contains(OPEN_1.ts());
        assertThat(close.duration()).contains(Duration.ofSeconds(600));
    }

    @Test
    void in_channel_lists_a_channels_opens_and_closes_oldest_first() {
        assertThat(ts(alerts.inChannel("C-AL", null, FROM, TO, 100)))
                .containsExactly(OPEN_1.ts(), CLOSE_1.ts(), OPEN_2.ts(), DISK.ts());
        assertThat(ts(alerts.inChannel("C-AL", Action.OPEN, FROM, TO, 100)))
                .containsExactly(OPEN_1.ts(), OPEN_2.ts(), DISK.ts());
        // a limit keeps the latest (every caller looks back from now), still oldest first
        assertThat(ts(alerts.inChannel("C-AL", Action.OPEN, FROM, TO, 2))).containsExactly(OPEN_2.ts(), DISK.ts());
        assertThat(alerts.inChannel("C-AL", null, Instant.ofEpochSecond(1_700_001_500), TO, 100))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.message()).isEqualTo(DISK);
                    assertThat(e.at()).isEqualTo(Instant.ofEpochSecond(1_700_002_000, 100_000));
                    assertThat(e.service()).isEqualTo("db");
                    assertThat(e.alert()).isEqualTo("DiskFull");
                    assertThat(e.priority()).contains("critical");
                    assertThat(e.pairedTs()).isEmpty();
                    assertThat(e.source()).isEqualTo("alertmanager");
                    assertThat(e.method()).isEqualTo("builtin");
                });
    }

    @Test
    void occurrences_are_one_alerts_events_in_one_channel_or_all() {
        assertThat(ts(alerts.occurrences("api", "HighLatency", Action.OPEN, null, FROM, TO, 100)))
                .containsExactly(OPEN_1.ts(), OTHER_CHANNEL.ts(), OPEN_2.ts());
        assertThat(ts(alerts.occurrences("api", "HighLatency", Action.OPEN, "C-AL", FROM, TO, 100)))
                .containsExactly(OPEN_1.ts(), OPEN_2.ts());
        assertThat(ts(alerts.occurrences("api", "HighLatency", Action.CLOSE, "C-AL", FROM, TO, 100)))
                .containsExactly(CLOSE_1.ts());
        assertThat(ts(alerts.occurrences("api", "HighLatency", null, "C-AL", FROM, TO, 100)))
                .containsExactly(OPEN_1.ts(), CLOSE_1.ts(), OPEN_2.ts());
        assertThat(alerts.occurrences("api", "Highlatency", null, null, FROM, TO, 100))
                .isEmpty();
    }

    @Test
    void a_limit_keeps_the_latest_events_still_oldest_first() {
        // the runbook asks for an alert's past firings up to a limit and reads them from the newest end: an alert that
        // fired more often than the limit must give its latest firings, not its first ones
        assertThat(ts(alerts.occurrences("api", "HighLatency", Action.OPEN, null, FROM, TO, 2)))
                .containsExactly(OTHER_CHANNEL.ts(), OPEN_2.ts());
        assertThat(ts(alerts.inChannel("C-AL", Action.OPEN, FROM, TO, 1))).containsExactly(DISK.ts());
    }

    @Test
    void open_lists_the_opens_no_close_resolved_and_recording_again_keeps_the_pairing() {
        alerts.record(event(OPEN_1, Action.OPEN, "api", "HighLatency", "P1", null)); // a retried or edited message
        assertThat(ts(alerts.open("C-AL", FROM, TO, 100))).containsExactly(OPEN_2.ts(), DISK.ts());
        assertThat(alerts.of(messages.get(OPEN_1.channelId(), OPEN_1.ts()).orElseThrow())
                        .orElseThrow()
                        .pairedTs())
                .contains(CLOSE_1.ts());
    }

    @Test
    void a_retracted_alert_is_left_out_and_a_message_never_recorded_stays_unannotated() {
        MessageRef edited = new MessageRef("C-AL3", "1700000000.000200");
        messages.upsert("T1", edited.channelId(), edited.ts(), null, Map.of("text", "FIRING", "bot_id", "B1"));
        alerts.record(event(edited, Action.OPEN, "api", "Flaky", null, null));
        assertThat(alerts.open("C-AL3", FROM, TO, 10)).hasSize(1);
        alerts.retract(edited);
        alerts.retract(CHATTER);
        assertThat(alerts.open("C-AL3", FROM, TO, 10)).isEmpty();
        assertThat(alerts.inChannel("C-AL3", null, FROM, TO, 10)).isEmpty();
        assertThat(alerts.of(messages.get(edited.channelId(), edited.ts()).orElseThrow()))
                .isEmpty();
        assertThat(messages.get(CHATTER.channelId(), CHATTER.ts()).orElseThrow().attrs())
                .doesNotContainKey("classifier");
    }

    @Test
    void limits_are_checked() {
        assertThatThrownBy(() -> alerts.inChannel("C-AL", null, FROM, TO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alerts.open("C-AL", FROM, TO, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
