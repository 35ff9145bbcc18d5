package dev.ratchet.core.config;

import dev.ratchet.spi.ConfigOption;

import java.time.Duration;
import java.util.List;

/** The options of Ratchet's core, set with {@code RATCHET_<KEY>} or {@code --set <key>=...}. */
public final class CoreOptions {

    private CoreOptions() {
    }

    public static final ConfigOption<String> DB_URL = ConfigOption.string("db.url", "jdbc:postgresql://127.0.0.1:5432/ratchet")
            .validatedBy(u -> u.startsWith("jdbc:postgresql://"), "a jdbc:postgresql:// URL")
            .describedAs("JDBC URL of the PostgreSQL (15+, with pgvector) database");
    public static final ConfigOption<String> DB_USER = ConfigOption.string("db.user", "postgres")
            .describedAs("database user");
    public static final ConfigOption<String> DB_PASSWORD = ConfigOption.string("db.password", "").secret()
            .describedAs("database password");
    public static final ConfigOption<String> DB_SCHEMA = ConfigOption.string("db.schema", "ratchet")
            .validatedBy(s -> s.matches("[a-z_][a-z0-9_]*"), "a lower-case SQL identifier")
            .describedAs("schema holding Ratchet's tables (JobRunr's go in <schema>_jobs)");
    public static final ConfigOption<Integer> DB_POOL_SIZE = ConfigOption.integer("db.pool-size", 12, 2, 200)
            .describedAs("database connections per process");

    public static final ConfigOption<Integer> EMBEDDING_DIMENSION = ConfigOption.integer("embedding.dimension", 384, 8, 4096)
            .describedAs("vector dimension of message and document embeddings; fixed when the database is created");

    public static final ConfigOption<Duration> JOBS_POLL_INTERVAL = ConfigOption.duration("jobs.poll-interval", Duration.ofSeconds(5))
            .validatedBy(d -> d.compareTo(Duration.ofSeconds(5)) >= 0, "at least 5s (JobRunr's smallest)")
            .describedAs("how often job servers look for work enqueued by other processes");
    public static final ConfigOption<Integer> JOBS_WORKERS = ConfigOption.integer("jobs.workers", 8, 1, 256)
            .describedAs("job worker threads per process (jobs mostly wait on Slack and the LLM)");

    public static final ConfigOption<String> LOG_LEVEL = ConfigOption.oneOf("log.level", "info", "error", "warn", "info", "debug", "trace")
            .describedAs("log level");

    public static final ConfigOption<String> SLACK_BOT_TOKEN = ConfigOption.string("slack.bot-token", null).secret()
            .validatedBy(t -> t.startsWith("xoxb-"), "a bot token starting with xoxb-")
            .describedAs("Slack bot token (xoxb-...)");
    public static final ConfigOption<String> SLACK_APP_TOKEN = ConfigOption.string("slack.app-token", null).secret()
            .validatedBy(t -> t.startsWith("xapp-"), "an app-level token starting with xapp-")
            .describedAs("Slack app-level token for Socket Mode (xapp-...)");
    public static final ConfigOption<String> SLACK_SIGNING_SECRET = ConfigOption.string("slack.signing-secret", null).secret()
            .describedAs("Slack signing secret, for HTTP Events API mode");

    public static final ConfigOption<String> LLM_URL = ConfigOption.string("llm.url", "http://localhost:11434/v1")
            .describedAs("OpenAI-compatible endpoint");
    public static final ConfigOption<String> LLM_MODEL = ConfigOption.string("llm.model", "qwen2.5:7b")
            .describedAs("chat model");
    public static final ConfigOption<String> LLM_API_KEY = ConfigOption.string("llm.api-key", null).secret()
            .describedAs("API key for the LLM endpoint");

    public static List<ConfigOption<?>> all() {
        return List.of(DB_URL, DB_USER, DB_PASSWORD, DB_SCHEMA, DB_POOL_SIZE, EMBEDDING_DIMENSION, JOBS_POLL_INTERVAL,
                JOBS_WORKERS, LOG_LEVEL, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, LLM_URL, LLM_MODEL, LLM_API_KEY);
    }
}
