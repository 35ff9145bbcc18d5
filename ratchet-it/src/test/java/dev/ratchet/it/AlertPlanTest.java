package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.storage.AlertRepository;
import dev.ratchet.core.storage.Database;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alert lookups read the alerts they return, under the generic plan too. The runbook's past occurrences of one
 * alert (any channel, 90 days) read every alert of every channel in the window from {@code messages_alerts} and kept
 * that alert's; a channel's alerts (the classifier's open ones at each alert, the reports') read every channel's. The
 * statements are now written for the conditions given (no {@code :x is null or}, no containment), which V19's
 * {@code messages_alerts_name} and {@code messages_alerts_channel} give to a plan made for any values. Here each runs a
 * dozen times on one connection with {@code plan_cache_mode = force_generic_plan} (what PostgreSQL may choose from a
 * prepared statement's sixth run), and the indexes it read are counted in the transaction's statistics.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class AlertPlanTest {

    private static final String[] SERVICES = {"api", "checkout", "db-1", "payments", "search", "auth"};
    private static final String[] ALERTS = {"HighLatency", "ErrorRate", "DiskFull", "ReplicaLag"};

    @Test
    void alert_lookups_read_their_own_alerts_on_a_generic_plan(TestDatabase tdb) {
        Database db = tdb.database();
        db.migrate();
        long end = Instant.now().getEpochSecond();
        // 20,000 messages, one a minute in 20 channels (14 days); 3 in 5 of channels C00-C03 an alert's open, of 24
        // alerts, in time order as ingestion stores them
        db.withHandle(h -> h.execute("""
                insert into messages (channel_id, ts, team_id, attrs)
                select 'C' || lpad((g %% 20)::text, 2, '0'), (? - g * 60)::text || '.000100', 'T1',
                       jsonb_build_object('text', 'message ' || g)
                       || case when g %% 20 < 4 and (g / 20) %% 5 < 3 then jsonb_build_object('classifier',
                            jsonb_build_object('action', 'open', 'service', (array%s)[1 + (g / 1000) %% 6],
                                               'alert', (array%s)[1 + (g / 6000) %% 4], 'source', 'test', 'method', 'rule'))
                          else '{}'::jsonb end
                  from generate_series(19999, 0, -1) as g""".formatted(array(SERVICES), array(ALERTS)), end));
        db.withHandle(h -> h.execute("analyze messages"));
        AlertRepository alerts = new AlertRepository(db);
        Instant to = Instant.ofEpochSecond(end + 60);
        Instant from = to.minus(Duration.ofDays(90));

        Map<String, Object> read = db.inTransaction(h -> {
            h.execute("set local plan_cache_mode = force_generic_plan");
            for (int i = 0; i < 12; i++) {
                String service = SERVICES[i % SERVICES.length];
                String alert = ALERTS[i % ALERTS.length];
                List<AlertEvent> past = alerts.find(null, service, alert, AlertEvent.Action.OPEN, false, from, to, 500);
                long expected = h.createQuery("""
                                select count(*) from messages where attrs -> 'classifier' ->> 'service' = ?
                                   and attrs -> 'classifier' ->> 'alert' = ?""")
                        .bind(0, service)
                        .bind(1, alert)
                        .mapTo(Long.class)
                        .one();
                assertThat(past).as("%s %s", service, alert).hasSize((int) expected);
                assertThat(past)
                        .allSatisfy(
                                e -> assertThat(e.service() + " " + e.alert()).isEqualTo(service + " " + alert));
                String channel = "C0" + (i % 4);
                List<AlertEvent> open = alerts.find(
                        channel, null, null, AlertEvent.Action.OPEN, true, to.minus(Duration.ofDays(7)), to, 1000);
                assertThat(open)
                        .as("%s's open alerts", channel)
                        .isNotEmpty()
                        .allSatisfy(e -> assertThat(e.message().channelId()).isEqualTo(channel));
            }
            // the scans of each index of messages in this transaction, not yet in the cumulative statistics
            return h.createQuery("""
                            select coalesce(jsonb_object_agg(c.relname, pg_stat_get_xact_numscans(c.oid)), '{}')::text
                              from pg_index i join pg_class c on c.oid = i.indexrelid
                             where i.indrelid = 'messages'::regclass and pg_stat_get_xact_numscans(c.oid) > 0""")
                    .mapTo(String.class)
                    .map(dev.ratchet.core.Json::readMap)
                    .one();
        });
        assertThat(read)
                .as("the indexes the alert lookups read")
                .containsKeys("messages_alerts_name", "messages_alerts_channel")
                .doesNotContainKeys("messages_alerts", "messages_posted_at", "messages_channel_posted_at");
    }

    private static String array(String[] values) {
        return "['" + String.join("', '", values) + "']";
    }
}
