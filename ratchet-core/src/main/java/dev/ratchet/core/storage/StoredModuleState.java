package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import dev.ratchet.spi.ModuleStore;

import java.util.Map;
import java.util.Optional;

/** {@link ModuleStore} over the module_state table. */
public final class StoredModuleState implements ModuleStore {

    private final Database db;
    private final String moduleId;

    public StoredModuleState(Database db, String moduleId) {
        this.db = db;
        this.moduleId = moduleId;
    }

    @Override
    public Optional<Map<String, Object>> get(String key) {
        return db.withHandle(h -> h.createQuery("select value from module_state where module_id = :m and key = :k")
                .bind("m", moduleId).bind("k", key).mapTo(String.class).findOne().map(Json::readMap));
    }

    @Override
    public void put(String key, Map<String, Object> value) {
        db.withHandle(h -> h.createUpdate("""
                        insert into module_state (module_id, key, value) values (:m, :k, cast(:v as jsonb))
                        on conflict (module_id, key) do update set value = excluded.value, updated_at = now()""")
                .bind("m", moduleId).bind("k", key).bind("v", Json.write(value)).execute());
    }

    @Override
    public boolean putIfAbsent(String key, Map<String, Object> value) {
        return db.withHandle(h -> h.createUpdate("""
                        insert into module_state (module_id, key, value) values (:m, :k, cast(:v as jsonb))
                        on conflict (module_id, key) do nothing""")
                .bind("m", moduleId).bind("k", key).bind("v", Json.write(value)).execute()) == 1;
    }

    @Override
    public void delete(String key) {
        db.withHandle(h -> h.createUpdate("delete from module_state where module_id = :m and key = :k")
                .bind("m", moduleId).bind("k", key).execute());
    }
}
