package dev.ratchet.testkit;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.core.storage.Storage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh database on the local PostgreSQL, made for one test class with Ratchet's migrations applied, and dropped
 * after it. Obtain it as a parameter of a test, a constructor or a {@code @BeforeAll} method of a class extended
 * with {@link RatchetDatabaseExtension}.
 */
public final class TestDatabase {

    private final String name;
    private final DatabaseSettings settings;
    private final Database database;
    private final Storage storage;

    TestDatabase(String name, DatabaseSettings settings, Database database) {
        this.name = name;
        this.settings = settings;
        this.database = database;
        this.storage = new Storage(database);
    }

    /** The database's name ({@code rt_<class>_<random>}). */
    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return settings.url();
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** A pool on the database, shared by the test class; closed by the extension. */
    public Database database() {
        return database;
    }

    /** The repositories over the database: rows a test stores or checks go through them. */
    public Storage storage() {
        return storage;
    }

    /** The flags that point Ratchet at this database ({@code db.url}, {@code db.user}, ...). */
    public Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("db.url", settings.url());
        flags.put("db.user", settings.user());
        if (!settings.password().isEmpty()) {
            flags.put("db.password", settings.password());
        }
        flags.put("db.schema", settings.schema());
        return flags;
    }

    /** A configuration for this database plus {@code more} flags. */
    public RatchetConfig config(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(flags());
        all.putAll(more);
        return RatchetConfig.of(all);
    }
}
