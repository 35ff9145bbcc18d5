package dev.ratchet.core.config;

import dev.ratchet.core.storage.HybridSearch;
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
    public static final ConfigOption<Duration> JOBS_SHUTDOWN_GRACE = ConfigOption.duration("jobs.shutdown-grace", Duration.ofSeconds(30))
            .describedAs("on SIGTERM/SIGINT, how long running jobs may finish; those still running are handed back to other processes");

    public static final ConfigOption<String> LOG_LEVEL = ConfigOption.oneOf("log.level", "info", "error", "warn", "info", "debug", "trace")
            .describedAs("log level");
    public static final ConfigOption<String> LOG_FORMAT = ConfigOption.oneOf("log.format", "text", "text", "json")
            .describedAs("log lines as text, or json (one object per line: time, level, logger, thread, message, exception)");

    public static final ConfigOption<String> SLACK_BOT_TOKEN = ConfigOption.string("slack.bot-token", null).secret()
            .validatedBy(t -> t.startsWith("xoxb-"), "a bot token starting with xoxb-")
            .describedAs("Slack bot token (xoxb-...)");
    public static final ConfigOption<String> SLACK_APP_TOKEN = ConfigOption.string("slack.app-token", null).secret()
            .validatedBy(t -> t.startsWith("xapp-"), "an app-level token starting with xapp-")
            .describedAs("Slack app-level token for Socket Mode (xapp-...)");
    public static final ConfigOption<String> SLACK_SIGNING_SECRET = ConfigOption.string("slack.signing-secret", null).secret()
            .describedAs("Slack signing secret, for HTTP Events API mode");

    public static final ConfigOption<String> SLACK_MODE = ConfigOption.oneOf("slack.mode", "socket", "socket", "http")
            .describedAs("socket (Socket Mode, needs the app token) or http (Events API requests signed with the signing secret)");
    public static final ConfigOption<String> SLACK_API_URL = ConfigOption.string("slack.api-url", "https://slack.com/api/")
            .validatedBy(u -> u.startsWith("http://") || u.startsWith("https://"), "an http(s) URL")
            .describedAs("base URL of the Slack Web API (a Slack emulator in tests)");
    public static final ConfigOption<String> SLACK_EVENTS_ADDRESS = ConfigOption.string("slack.events-address", "127.0.0.1:3000")
            .validatedBy(a -> a.matches("[^:]+:\\d{1,5}"), "host:port")
            .describedAs("where HTTP mode listens for Slack's event requests (path /slack/events)");
    public static final ConfigOption<Integer> SLACK_ONBOARD_MESSAGES = ConfigOption.integer("slack.onboard-messages", 1000, 0, 100_000)
            .describedAs("how many past messages of a channel onboarding fetches");
    public static final ConfigOption<Integer> SLACK_HISTORY_PAGE_SIZE = ConfigOption.integer("slack.history-page-size", 200, 1, 1000)
            .describedAs("messages per conversations.history / replies request (Slack caps non-Marketplace apps at 15)");
    public static final ConfigOption<Duration> SLACK_HISTORY_INTERVAL = ConfigOption.duration("slack.history-interval", Duration.ZERO)
            .describedAs("pause between history requests of one channel or thread (1m for non-Marketplace apps since 2025)");

    public static final ConfigOption<String> LLM_URL = ConfigOption.string("llm.url", "http://localhost:11434/v1")
            .validatedBy(u -> u.isBlank() || u.equalsIgnoreCase("off") || u.equalsIgnoreCase("none") || u.startsWith("http://") || u.startsWith("https://"),
                    "an http(s) URL, or off")
            .describedAs("OpenAI-compatible endpoint (Ollama, OpenAI, vLLM), or off to switch generation off");
    public static final ConfigOption<String> LLM_MODEL = ConfigOption.string("llm.model", "qwen2.5:7b")
            .describedAs("chat model");
    public static final ConfigOption<String> LLM_API_KEY = ConfigOption.string("llm.api-key", null).secret()
            .describedAs("API key for the LLM endpoint");

    public static final ConfigOption<Duration> LLM_TIMEOUT = ConfigOption.duration("llm.timeout", Duration.ofSeconds(120))
            .validatedBy(d -> d.toMillis() >= 100, "at least 100ms").describedAs("time limit of one LLM request");
    public static final ConfigOption<Integer> LLM_MAX_RETRIES = ConfigOption.integer("llm.max-retries", 3, 0, 10)
            .describedAs("retries, with backoff, of an LLM request answered 429 or 5xx or not answered");
    public static final ConfigOption<Integer> LLM_JSON_RETRIES = ConfigOption.integer("llm.json-retries", 2, 0, 5)
            .describedAs("times a schema-invalid JSON answer is sent back with its errors before giving up");
    public static final ConfigOption<Integer> LLM_CONCURRENCY = ConfigOption.integer("llm.concurrency", 2, 1, 64)
            .describedAs("concurrent LLM calls per module");
    public static final ConfigOption<List<String>> LLM_MODULE_BUDGETS = ConfigOption.list("llm.module-budgets", List.of())
            .describedAs("daily token budgets per module, e.g. runbook=50000,report=20000");
    public static final ConfigOption<List<String>> LLM_CHANNEL_BUDGETS = ConfigOption.list("llm.channel-budgets", List.of())
            .describedAs("daily token budgets per channel, e.g. C0123ABC=10000,*=50000 (* for every channel)");
    public static final ConfigOption<String> EMBEDDING_PROVIDER = ConfigOption.oneOf("embedding.provider", "local", "local", "openai")
            .describedAs("local (in-process bge-small-en-v1.5, no server) or openai (an OpenAI-compatible /embeddings endpoint)");
    public static final ConfigOption<String> EMBEDDING_URL = ConfigOption.string("embedding.url", null)
            .describedAs("embeddings endpoint for embedding.provider=openai (default: llm.url)");
    public static final ConfigOption<String> EMBEDDING_MODEL = ConfigOption.string("embedding.model", "bge-small-en-v1.5-q")
            .describedAs("embedding model name (for openai: the endpoint's model, e.g. nomic-embed-text)");
    /** The semantic ranking's relevance floor; the default is measured, see {@code HybridSearch.DEFAULT_MAX_DISTANCE}. */
    public static final ConfigOption<Double> SEARCH_MAX_DISTANCE = ConfigOption.decimal("search.max-distance", HybridSearch.DEFAULT_MAX_DISTANCE, 0, HybridSearch.NO_FLOOR)
            .validatedBy(d -> d > 0, "a cosine distance above 0 (e.g. 0.4)").orWord("off", HybridSearch.NO_FLOOR).orWord("none", HybridSearch.NO_FLOOR)
            .describedAs("search leaves out of its semantic ranking the messages at this cosine distance from the query or farther"
                    + " (those found by words always stay); 2 or off: no floor");

    public static final ConfigOption<String> DOCS_SOURCES_FILE = ConfigOption.string("docs.sources-file", null)
            .describedAs("YAML file listing documentation sources (see README); none: no documentation");
    public static final ConfigOption<Duration> DOCS_REFRESH_INTERVAL = ConfigOption.duration("docs.refresh-interval", Duration.ofMinutes(15))
            .validatedBy(d -> d.toSeconds() >= 60, "at least 1m").describedAs("how often documentation sources are refreshed");
    public static final ConfigOption<String> DOCS_CACHE_DIR = ConfigOption.string("docs.cache-dir", null)
            .describedAs("where git documentation sources are cloned (default: <java.io.tmpdir>/ratchet-docs)");

    public static final ConfigOption<Boolean> API_ENABLED = ConfigOption.bool("api.enabled", true)
            .describedAs("whether 'ratchet run' serves the JSON API, /healthz, /readyz, /version and /metrics");
    public static final ConfigOption<String> API_ADDRESS = ConfigOption.string("api.address", "127.0.0.1:8080")
            .validatedBy(a -> a.matches(".+:\\d{1,5}"), "host:port, e.g. 127.0.0.1:8080")
            .describedAs("where the JSON API listens; beyond loopback it needs api.token");
    public static final ConfigOption<String> API_TOKEN = ConfigOption.string("api.token", null).secret()
            .validatedBy(t -> t.length() >= 16, "at least 16 characters, e.g. from 'openssl rand -hex 32'")
            .describedAs("bearer token the API requires (always when set; required to listen beyond loopback)");
    public static final ConfigOption<String> API_DASHBOARD = ConfigOption.string("api.dashboard", "off")
            .validatedBy(d -> d.matches("off|on|\\d{1,5}"), "off, on (port 8000) or a port number")
            .describedAs("JobRunr's jobs dashboard on the API's host: off, on (port 8000) or a port; same token rule as the API");
    public static final ConfigOption<String> API_WORKER_ADDRESS = ConfigOption.string("api.worker-address", null)
            .validatedBy(a -> a.matches(".+:\\d{1,5}"), "host:port, e.g. 127.0.0.1:8081")
            .describedAs("where 'ratchet worker' serves /healthz, /readyz, /version and /metrics; unset: not served");

    public static List<ConfigOption<?>> all() {
        return List.of(DB_URL, DB_USER, DB_PASSWORD, DB_SCHEMA, DB_POOL_SIZE, EMBEDDING_DIMENSION, JOBS_POLL_INTERVAL,
                JOBS_WORKERS, LOG_LEVEL, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, SLACK_MODE, SLACK_API_URL,
                SLACK_EVENTS_ADDRESS, SLACK_ONBOARD_MESSAGES, SLACK_HISTORY_PAGE_SIZE, SLACK_HISTORY_INTERVAL, LLM_URL, LLM_MODEL, LLM_API_KEY,
                JOBS_SHUTDOWN_GRACE, LOG_FORMAT,
                LLM_TIMEOUT, LLM_MAX_RETRIES, LLM_JSON_RETRIES, LLM_CONCURRENCY, LLM_MODULE_BUDGETS, LLM_CHANNEL_BUDGETS,
                EMBEDDING_PROVIDER, EMBEDDING_URL, EMBEDDING_MODEL, DOCS_SOURCES_FILE, DOCS_REFRESH_INTERVAL,
                API_ENABLED, API_ADDRESS, API_TOKEN, API_DASHBOARD, API_WORKER_ADDRESS, DOCS_CACHE_DIR,
                SEARCH_MAX_DISTANCE);
    }
}
