package dev.ratchet.core.storage;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import java.util.List;

/**
 * Where the database is and how to use it.
 *
 * @param url                JDBC URL
 * @param user               user
 * @param password           password (never logged)
 * @param schema             schema of Ratchet's tables; JobRunr's go in {@code <schema>_jobs}
 * @param poolSize           connections per process
 * @param embeddingDimension vector dimension used when the tables are first created
 */
public record DatabaseSettings(
        String url, String user, String password, String schema, int poolSize, int embeddingDimension) {

    public static final ConfigOption<String> DB_URL = ConfigOption.string(
                    "db.url", "jdbc:postgresql://127.0.0.1:5432/ratchet")
            .validatedBy(u -> u.startsWith("jdbc:postgresql://"), "a jdbc:postgresql:// URL")
            .describedAs("JDBC URL of the PostgreSQL (15+, with pgvector) database");
    public static final ConfigOption<String> DB_USER =
            ConfigOption.string("db.user", "postgres").describedAs("database user");
    public static final ConfigOption<String> DB_PASSWORD =
            ConfigOption.string("db.password", "").secret().describedAs("database password");
    public static final ConfigOption<String> DB_SCHEMA = ConfigOption.string("db.schema", "ratchet")
            .validatedBy(s -> s.matches("[a-z_][a-z0-9_]*"), "a lower-case SQL identifier")
            .describedAs("schema holding Ratchet's tables (JobRunr's go in <schema>_jobs)");
    public static final ConfigOption<Integer> DB_POOL_SIZE =
            ConfigOption.integer("db.pool-size", 12, 2, 200).describedAs("database connections per process");
    /** Declared here because the database fixes it; the embedders read it too ({@code LlmSettings}). */
    public static final ConfigOption<Integer> EMBEDDING_DIMENSION = ConfigOption.integer(
                    "embedding.dimension", 384, 8, 4096)
            .describedAs("vector dimension of message and document embeddings; fixed when the database is created");

    /** The {@code db.*} options and {@code embedding.dimension}. */
    public static List<ConfigOption<?>> options() {
        return List.of(DB_URL, DB_USER, DB_PASSWORD, DB_SCHEMA, DB_POOL_SIZE, EMBEDDING_DIMENSION);
    }

    public static DatabaseSettings from(RatchetConfig config) {
        return new DatabaseSettings(
                config.get(DB_URL),
                config.get(DB_USER),
                config.find(DB_PASSWORD).orElse(""),
                config.get(DB_SCHEMA),
                config.get(DB_POOL_SIZE),
                config.get(EMBEDDING_DIMENSION));
    }

    public String jobsSchema() {
        return schema + "_jobs";
    }

    /** The URL without credentials or parameters, safe to show. */
    public String safeUrl() {
        String u = url.replaceAll("//[^/@]*@", "//");
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + safeUrl() + ", user=" + user + ", schema=" + schema + "]";
    }
}
