package dev.ratchet.core.storage;

/** The {@code job_keys} table: the dedup keys of enqueued job requests. */
public final class JobKeyRepository {

    private final Database db;

    public JobKeyRepository(Database db) {
        this.db = db;
    }

    /** Records a key; false when it was recorded before (the request was enqueued then). */
    public boolean claim(String key) {
        return db.withHandle(h -> h.createUpdate("insert into job_keys (key) values (:k) on conflict do nothing")
                        .bind("k", key)
                        .execute())
                != 0;
    }
}
