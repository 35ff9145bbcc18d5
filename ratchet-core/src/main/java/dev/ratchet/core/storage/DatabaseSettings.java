package dev.ratchet.core.storage;

import dev.ratchet.core.config.CoreOptions;
import dev.ratchet.core.config.RatchetConfig;

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
public record DatabaseSettings(String url, String user, String password, String schema, int poolSize, int embeddingDimension) {

    public static DatabaseSettings from(RatchetConfig config) {
        return new DatabaseSettings(config.get("", CoreOptions.DB_URL), config.get("", CoreOptions.DB_USER),
                config.find("", CoreOptions.DB_PASSWORD).orElse(""), config.get("", CoreOptions.DB_SCHEMA),
                config.get("", CoreOptions.DB_POOL_SIZE), config.get("", CoreOptions.EMBEDDING_DIMENSION));
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
