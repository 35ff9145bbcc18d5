package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.jobs.ModuleStateCleanup;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.StoredModuleState;
import dev.ratchet.spi.ModuleStore;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jobrunr.jobs.RecurringJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The module store on PostgreSQL: values with a ttl, their cleanup, and stores written before ttls existed. */
@ExtendWith(RatchetDatabaseExtension.class)
class ModuleStoreTest {

    static Database db;
    static TestSql sql;

    @BeforeAll
    static void setUp(TestDatabase test) {
        db = test.database();
        sql = TestSql.of(test);
    }

    /** Moves a value's expiry into the past, as if its ttl had run out (no waiting on the clock). */
    static void expire(String module, String key) {
        int rows = sql.execute(
                "update module_state set expires_at = now() - interval '1 second' where module_id = ? and key = ?",
                module,
                key);
        assertThat(rows).as("the row of %s/%s", module, key).isEqualTo(1);
    }

    static long rows(String module) {
        return sql.number("select count(*) from module_state where module_id = ?", module);
    }

    @Test
    void a_value_with_a_ttl_expires_then_and_reads_as_absent() {
        ModuleStore store = new StoredModuleState(db, "ttl-get");
        store.put("claim", Map.of("by", "U1"), Duration.ofDays(3));

        Duration left = Duration.ofSeconds(sql.number(
                "select extract(epoch from expires_at - now())::bigint from module_state where module_id = 'ttl-get'"));
        assertThat(left).isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3));
        assertThat(store.get("claim")).contains(Map.of("by", "U1"));

        expire("ttl-get", "claim");
        assertThat(store.get("claim")).isEmpty();
    }

    @Test
    void an_expired_key_counts_as_absent_for_put_if_absent_and_a_live_one_does_not() {
        ModuleStore store = new StoredModuleState(db, "ttl-claim");
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "first"), Duration.ofHours(1)))
                .isTrue();
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "second"), Duration.ofHours(1)))
                .isFalse();
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "second"))).isFalse();
        assertThat(store.get("ran:E1")).contains(Map.of("event", "first"));

        expire("ttl-claim", "ran:E1");
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "third"), Duration.ofHours(1)))
                .isTrue();
        assertThat(store.get("ran:E1")).contains(Map.of("event", "third"));
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "fourth"))).isFalse();

        // without a ttl the new value never expires
        expire("ttl-claim", "ran:E1");
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "fifth"))).isTrue();
        assertThat(expiresAt("ttl-claim", "ran:E1")).isEmpty();
    }

    @Test
    void a_put_without_a_ttl_never_expires_and_clears_an_earlier_ttl() {
        ModuleStore store = new StoredModuleState(db, "ttl-plain");
        store.put("cursor", Map.of("ts", "1700000000.000100"));
        store.put("result", Map.of("state", "proposed"), Duration.ofMinutes(5));
        store.put("result", Map.of("state", "merged"));

        assertThat(expiresAt("ttl-plain", "cursor")).isEmpty();
        assertThat(expiresAt("ttl-plain", "result")).isEmpty();
        StoredModuleState.deleteExpired(db, 10);
        assertThat(store.get("cursor")).contains(Map.of("ts", "1700000000.000100"));
        assertThat(store.get("result")).contains(Map.of("state", "merged"));
    }

    @Test
    void a_ttl_of_zero_is_refused_with_the_fix() {
        ModuleStore store = new StoredModuleState(db, "ttl-zero");
        assertThatThrownBy(() -> store.put("k", Map.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than zero")
                .hasMessageContaining("without a ttl");
        assertThatThrownBy(() -> store.putIfAbsent("k", Map.of(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than zero");
        assertThat(rows("ttl-zero")).isZero();
    }

    @Test
    void the_cleanup_job_deletes_expired_values_of_every_module_and_nothing_else() {
        ModuleStore a = new StoredModuleState(db, "clean-a");
        ModuleStore b = new StoredModuleState(db, "clean-b");
        for (int i = 0; i < 5; i++) {
            a.put("old-" + i, Map.of("i", i), Duration.ofMinutes(1));
            expire("clean-a", "old-" + i);
        }
        b.put("old", Map.of(), Duration.ofMinutes(1));
        expire("clean-b", "old");
        a.put("live", Map.of(), Duration.ofDays(1));
        b.put("forever", Map.of());

        new ModuleStateCleanup(db).run(new ModuleStateCleanup.Request());

        assertThat(keys("clean-a")).containsExactly("live");
        assertThat(keys("clean-b")).containsExactly("forever");
    }

    @Test
    void expired_values_are_deleted_in_batches_until_none_is_left() {
        ModuleStore store = new StoredModuleState(db, "clean-batches");
        for (int i = 0; i < 7; i++) {
            store.put("k" + i, Map.of(), Duration.ofMinutes(1));
            expire("clean-batches", "k" + i);
        }
        assertThat(StoredModuleState.deleteExpired(db, 3)).isGreaterThanOrEqualTo(7);
        assertThat(rows("clean-batches")).isZero();
    }

    @Test
    void the_job_server_schedules_the_cleanup_hourly() {
        try (JobSystem jobs = new JobSystem(db, new Registrations())) {
            jobs.startServer(1, Duration.ofSeconds(5), Duration.ofSeconds(1));
            List<RecurringJob> recurring = jobs.storage().getRecurringJobs();
            assertThat(recurring)
                    .filteredOn(j -> j.getId().equals(ModuleStateCleanup.ID))
                    .singleElement()
                    .satisfies(j ->
                            assertThat(j.getScheduleExpression()).isEqualTo(ModuleStateCleanup.INTERVAL.toString()));
        }
    }

    /** A store as written against SPI 0.1: none of the ttl methods; the SPI's defaults store without expiry. */
    static final class MapStore implements ModuleStore {
        final Map<String, Map<String, Object>> values = new HashMap<>();

        @Override
        public Optional<Map<String, Object>> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, Map<String, Object> value) {
            values.put(key, value);
        }

        @Override
        public boolean putIfAbsent(String key, Map<String, Object> value) {
            return values.putIfAbsent(key, value) == null;
        }

        @Override
        public void delete(String key) {
            values.remove(key);
        }
    }

    @Test
    void a_store_without_the_ttl_methods_still_works_through_the_defaults() {
        ModuleStore store = new MapStore();
        store.put("result", Map.of("state", "proposed"), Duration.ofDays(30));
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "E1"), Duration.ofDays(3)))
                .isTrue();
        assertThat(store.putIfAbsent("ran:E1", Map.of("event", "E2"), Duration.ofDays(3)))
                .isFalse();

        assertThat(store.get("result")).contains(Map.of("state", "proposed"));
        assertThat(store.get("ran:E1")).contains(Map.of("event", "E1"));
        assertThatThrownBy(() -> store.put("k", Map.of(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<String> expiresAt(String module, String key) {
        List<String> found =
                sql.strings("select expires_at::text from module_state where module_id = ? and key = ?", module, key);
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0));
    }

    private static List<String> keys(String module) {
        return sql.strings("select key from module_state where module_id = ? order by key", module);
    }
}
