package dev.ratchet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.api.ApiSettings;
import dev.ratchet.core.docs.DocsSettings;
import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.slack.SlackSettings;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.spi.ConfigOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Go Ratchet v0.0.11 {@code .env}, as a Go user has it, read unchanged. */
class GoEnvFileTest {

    static final String GO_ENV = """
            RATCHET_DATABASE_HOST=db.internal
            RATCHET_DATABASE_PORT=6543
            RATCHET_DATABASE_USER=ratchet_app
            RATCHET_DATABASE_PASS=db-pass-4f9a
            RATCHET_DATABASE_NAME=ratchet_prod
            RATCHET_DATABASE_DISABLE_TLS=false
            RATCHET_OPENAI_API_KEY=sk-go-key-77c1
            RATCHET_OPENAI_URL=https://api.openai.com/v1/
            RATCHET_OPENAI_MODEL=gpt-4o-mini
            RATCHET_OPENAI_EMBEDDING_MODEL=text-embedding-3-small
            RATCHET_SLACK_BOT_TOKEN=xoxb-1-go-bot-token
            RATCHET_SLACK_APP_TOKEN=xapp-1-go-app-token
            RATCHET_SLACK_DEV_CHANNEL=ratchet-test
            RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY=/usr/local/bin/classify
            RATCHET_DOCUMENTATION=/etc/ratchet/docs.yaml
            RATCHET_HTTP_ADDR=127.0.0.1:5001
            RATCHET_CHANNEL_MONITOR_CONFIG_FILE=/etc/ratchet/monitors.yaml
            RATCHET_DEV_MODE=false
            RATCHET_SENTRY_DSN=https://abc123@o1.ingest.sentry.io/2
            """;

    static final Set<String> SECRETS =
            Set.of("db-pass-4f9a", "sk-go-key-77c1", "xoxb-1-go-bot-token", "xapp-1-go-app-token", "abc123");

    static final ConfigOption<String> MONITOR_FILE = ConfigOption.string("file", null);
    static final ConfigOption<String> CLASSIFIER_BINARY = ConfigOption.string("incident-classification-binary", null);

    static RatchetConfig load(Path dir, String text, Map<String, String> environment) throws IOException {
        Path dotenv = dir.resolve(".env");
        Files.writeString(dotenv, text);
        return RatchetConfig.load(Map.of(), environment, dotenv);
    }

    @Test
    void go_env_file_resolves_to_the_same_settings(@TempDir Path dir) throws IOException {
        RatchetConfig config = load(dir, GO_ENV, Map.of());

        DatabaseSettings db = DatabaseSettings.from(config);
        assertThat(db.url()).isEqualTo("jdbc:postgresql://db.internal:6543/ratchet_prod?sslmode=require");
        assertThat(db.user()).isEqualTo("ratchet_app");
        assertThat(db.password()).isEqualTo("db-pass-4f9a");

        LlmSettings llm = LlmSettings.from(config);
        assertThat(llm.url()).contains("https://api.openai.com/v1/");
        assertThat(llm.model()).isEqualTo("gpt-4o-mini");
        assertThat(llm.apiKey()).isEqualTo("sk-go-key-77c1");
        assertThat(llm.embeddingRemote()).isTrue();
        assertThat(llm.embeddingModel()).isEqualTo("text-embedding-3-small");
        assertThat(llm.embeddingUrl()).isEqualTo("https://api.openai.com/v1/");

        SlackSettings slack = SlackSettings.from(config).orElseThrow();
        assertThat(slack.botToken()).isEqualTo("xoxb-1-go-bot-token");
        assertThat(slack.appToken()).isEqualTo("xapp-1-go-app-token");
        assertThat(slack.socketMode()).isTrue();

        ApiSettings api = ApiSettings.from(config);
        assertThat(api.host()).isEqualTo("127.0.0.1");
        assertThat(api.port()).isEqualTo(5001);

        assertThat(DocsSettings.from(config).sourcesFile()).contains(Path.of("/etc/ratchet/docs.yaml"));
        assertThat(config.find("channel-monitor.", MONITOR_FILE)).contains("/etc/ratchet/monitors.yaml");
        assertThat(config.find("classifier.", CLASSIFIER_BINARY)).contains("/usr/local/bin/classify");
        assertThat(config.problems("", CoreOptions.all())).isEmpty();
    }

    @Test
    void each_go_name_gives_one_notice_naming_the_new_key_and_no_secret(@TempDir Path dir) throws IOException {
        RatchetConfig config = load(dir, GO_ENV, Map.of());

        String all = String.join("\n", config.notices());
        assertThat(config.notices()).allMatch(n -> !n.contains("\n"));
        assertThat(all)
                .contains("RATCHET_OPENAI_API_KEY in " + dir.resolve(".env") + " (the Go Ratchet's name) is read as "
                        + "llm.api-key; rename it RATCHET_LLM_API_KEY")
                .contains("RATCHET_OPENAI_URL", "RATCHET_LLM_URL")
                .contains("RATCHET_OPENAI_MODEL", "RATCHET_LLM_MODEL")
                .contains("RATCHET_OPENAI_EMBEDDING_MODEL", "RATCHET_EMBEDDING_MODEL", "embedding.dimension")
                .contains("RATCHET_DATABASE_USER", "RATCHET_DB_USER")
                .contains("RATCHET_DATABASE_PASS", "RATCHET_DB_PASSWORD")
                .contains("RATCHET_DATABASE_HOST, RATCHET_DATABASE_PORT, RATCHET_DATABASE_NAME, "
                        + "RATCHET_DATABASE_DISABLE_TLS (the Go Ratchet's names) make db.url "
                        + "jdbc:postgresql://db.internal:6543/ratchet_prod with TLS required")
                .contains("RATCHET_DOCUMENTATION", "RATCHET_DOCS_SOURCES_FILE")
                .contains("RATCHET_HTTP_ADDR", "RATCHET_API_ADDRESS")
                .contains("RATCHET_CHANNEL_MONITOR_CONFIG_FILE", "RATCHET_CHANNEL_MONITOR_FILE")
                .contains("RATCHET_SENTRY_DSN", "is ignored")
                .contains("RATCHET_DEV_MODE", "RATCHET_SLACK_DEV_CHANNEL");
        for (String secret : SECRETS) {
            assertThat(all).doesNotContain(secret);
        }

        Set<String> known = new HashSet<>();
        CoreOptions.all().forEach(o -> known.add(o.key()));
        RatchetConfig.Unknown unknown = config.unknownKeys(known, Set.of("channel-monitor.", "classifier."));
        assertThat(unknown.warnings()).isEmpty();
    }

    @Test
    void new_name_wins_over_the_go_name_and_the_notice_says_so(@TempDir Path dir) throws IOException {
        RatchetConfig config = load(
                dir,
                "RATCHET_OPENAI_MODEL=qwen2.5:7b\nRATCHET_DATABASE_HOST=old-db\n",
                Map.of("RATCHET_LLM_MODEL", "llama3.1:8b", "RATCHET_DB_URL", "jdbc:postgresql://new-db:5432/r"));

        assertThat(LlmSettings.from(config).model()).isEqualTo("llama3.1:8b");
        assertThat(DatabaseSettings.from(config).url()).isEqualTo("jdbc:postgresql://new-db:5432/r");
        assertThat(config.notices())
                .anySatisfy(n -> assertThat(n)
                        .startsWith("RATCHET_OPENAI_MODEL")
                        .contains("is ignored: llm.model is also set")
                        .contains("wins"))
                .anySatisfy(
                        n -> assertThat(n).startsWith("RATCHET_DATABASE_HOST").contains("ignored: db.url is also set"));
    }

    @Test
    void go_database_defaults_fill_what_the_file_leaves_out(@TempDir Path dir) throws IOException {
        RatchetConfig config = load(dir, "RATCHET_DATABASE_HOST=pg\n", Map.of());
        DatabaseSettings db = DatabaseSettings.from(config);
        assertThat(db.url()).isEqualTo("jdbc:postgresql://pg:5432/ratchet?sslmode=disable");
        assertThat(db.user()).isEqualTo("postgres");
        assertThat(db.password()).isEqualTo("password");
        assertThat(String.join("\n", config.notices()))
                .contains("without TLS")
                .contains("the Go Ratchet's default")
                .doesNotContain("=password");
    }

    @Test
    void go_listen_address_on_every_interface_is_read_as_such(@TempDir Path dir) throws IOException {
        RatchetConfig config = load(dir, "RATCHET_HTTP_ADDR=:5001\n", Map.of());
        ApiSettings api = ApiSettings.from(config);
        assertThat(api.host()).isEqualTo("0.0.0.0");
        assertThat(api.port()).isEqualTo(5001);
    }

    @Test
    void unreadable_go_value_names_the_variable(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, "RATCHET_DATABASE_DISABLE_TLS=maybe\n", Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("RATCHET_DATABASE_DISABLE_TLS")
                .hasMessageContaining("true (no TLS) or false");
    }

    @Test
    void without_go_names_there_are_no_notices() {
        RatchetConfig config = RatchetConfig.load(Map.of(), Map.of("RATCHET_LLM_MODEL", "x"), null);
        assertThat(config.notices()).isEmpty();
        assertThat(config.find(DatabaseSettings.DB_URL))
                .isEqualTo(Optional.of("jdbc:postgresql://127.0.0.1:5432/ratchet"));
    }
}
