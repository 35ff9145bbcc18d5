package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import dev.ratchet.spi.ModuleStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ModuleStore} over the module_state table. A value stored with a ttl has an {@code expires_at} (the
 * database's clock plus the ttl); from then on reads skip it and writes treat it as absent, until
 * {@link #deleteExpired} removes the row.
 */
public final class StoredModuleState implements ModuleStore {

    // a row is live while this holds; expired rows wait for deleteExpired
    private static final String LIVE = "(expires_at is null or expires_at > now())";

    private final Database db;
    private final String moduleId;

    public StoredModuleState(Database db, String moduleId) {
        this.db = db;
        this.moduleId = moduleId;
    }

    /** One stored value, with when it expires (none: never). */
    public record Entry(String key, Map<String, Object> value, Optional<java.time.Instant> expiresAt) {}

    /**
     * The entries whose key starts with {@code keyPrefix}, most recently written first, expired ones not yet deleted
     * included: for tests and diagnostics, which look beneath {@link #get}.
     */
    public java.util.List<Entry> entries(String keyPrefix) {
        return db.withHandle(h -> h.createQuery("""
                        select key, value, expires_at from module_state
                         where module_id = :m and starts_with(key, :p) order by updated_at desc, key""")
                .bind("m", moduleId)
                .bind("p", keyPrefix)
                .map((rs, ctx) -> new Entry(
                        rs.getString("key"),
                        Json.readMap(rs.getString("value")),
                        Optional.ofNullable(rs.getObject("expires_at", java.time.OffsetDateTime.class))
                                .map(java.time.OffsetDateTime::toInstant)))
                .list());
    }

    @Override
    public Optional<Map<String, Object>> get(String key) {
        return db.withHandle(
                h -> h.createQuery("select value from module_state where module_id = :m and key = :k and " + LIVE)
                        .bind("m", moduleId)
                        .bind("k", key)
                        .mapTo(String.class)
                        .findOne()
                        .map(Json::readMap));
    }

    @Override
    public void put(String key, Map<String, Object> value) {
        upsert(key, value, null);
    }

    @Override
    public void put(String key, Map<String, Object> value, Duration ttl) {
        upsert(key, value, millis(ttl));
    }

    @Override
    public boolean putIfAbsent(String key, Map<String, Object> value) {
        return insertIfAbsent(key, value, null);
    }

    @Override
    public boolean putIfAbsent(String key, Map<String, Object> value, Duration ttl) {
        return insertIfAbsent(key, value, millis(ttl));
    }

    @Override
    public void delete(String key) {
        db.withHandle(h -> h.createUpdate("delete from module_state where module_id = :m and key = :k")
                .bind("m", moduleId)
                .bind("k", key)
                .execute());
    }

    /**
     * Deletes expired values of every module, at most {@code batch} rows a transaction so a large backlog neither
     * holds long locks nor blocks writers; returns how many it deleted. Safe to run in several processes at once.
     */
    public static int deleteExpired(Database db, int batch) {
        int total = 0;
        int deleted;
        do {
            deleted =
                    db.withHandle(h -> h.createUpdate("""
                            delete from module_state where ctid in (
                              select ctid from module_state where expires_at <= now() limit :batch for update skip locked)""").bind("batch", batch).execute());
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    private void upsert(String key, Map<String, Object> value, Long ttlMillis) {
        db.withHandle(h -> h.createUpdate("""
                        insert into module_state (module_id, key, value, expires_at)
                        values (:m, :k, cast(:v as jsonb), now() + interval '1 millisecond' * cast(:ttl as double precision))
                        on conflict (module_id, key) do update set value = excluded.value, expires_at = excluded.expires_at, updated_at = now()""")
                .bind("m", moduleId)
                .bind("k", key)
                .bind("v", Json.write(value))
                .bind("ttl", ttlMillis)
                .execute());
    }

    private boolean insertIfAbsent(String key, Map<String, Object> value, Long ttlMillis) {
        // an expired row is replaced as if absent; the where clause makes a live one win, so exactly one caller stores
        return db.withHandle(h -> h.createUpdate("""
                        insert into module_state (module_id, key, value, expires_at)
                        values (:m, :k, cast(:v as jsonb), now() + interval '1 millisecond' * cast(:ttl as double precision))
                        on conflict (module_id, key) do update set value = excluded.value, expires_at = excluded.expires_at, updated_at = now()
                         where module_state.expires_at is not null and module_state.expires_at <= now()""")
                        .bind("m", moduleId)
                        .bind("k", key)
                        .bind("v", Json.write(value))
                        .bind("ttl", ttlMillis)
                        .execute())
                == 1;
    }

    private static long millis(Duration ttl) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("a ModuleStore ttl must be longer than zero, got " + ttl
                    + "; use put/putIfAbsent without a ttl for a value that never expires");
        }
        return ttl.toMillis();
    }
}
