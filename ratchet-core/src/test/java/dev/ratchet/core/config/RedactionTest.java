package dev.ratchet.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.storage.DatabaseSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void userinfo_of_a_url_is_masked_and_the_rest_kept() {
        assertThat(Redaction.redact("chat request to http://user:PASSWORD@llm.internal:8080/v1 failed: HTTP 500"))
                .isEqualTo("chat request to http://***@llm.internal:8080/v1 failed: HTTP 500");
        assertThat(Redaction.redact("jdbc:postgresql://ratchet:PASSWORD@db:5432/ratchet"))
                .isEqualTo("jdbc:postgresql://***@db:5432/ratchet");
        assertThat(Redaction.redact("{\"m\":\"to http:\\/\\/user:PASSWORD@llm\\/v1\"}"))
                .isEqualTo("{\"m\":\"to http:\\/\\/***@llm\\/v1\"}");
    }

    @Test
    void password_like_parameters_are_masked() {
        assertThat(Redaction.redact("jdbc:postgresql://db/ratchet?user=r&password=PASSWORD&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/ratchet?user=r&password=***&ssl=true");
        assertThat(Redaction.redact("https://api.example/v1?api_key=PASSWORD"))
                .isEqualTo("https://api.example/v1?api_key=***");
        assertThat(Redaction.redact("jdbc:sqlserver://db;sslpassword=PASSWORD;x=1"))
                .isEqualTo("jdbc:sqlserver://db;sslpassword=***;x=1");
    }

    @Test
    void slack_tokens_whole_or_cut_are_masked() {
        assertThat(Redaction.redact("token: xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp, app xapp-1-A0-123-abc"))
                .isEqualTo("token: xoxb-***, app xapp-***");
        assertThat(Redaction.redact("Sending with token xoxp-12345678901..."))
                .isEqualTo("Sending with token xoxp-***...");
    }

    @Test
    void a_json_log_line_stays_json() {
        String line = "{\"formattedMessage\":\"GET http://api/v1\",\"mdc\":\"a@b\",\"x\":\"?password=pw\\\"\"}";
        assertThat(Redaction.redact(line))
                .isEqualTo("{\"formattedMessage\":\"GET http://api/v1\",\"mdc\":\"a@b\",\"x\":\"?password=***\\\"\"}");
    }

    @Test
    void text_without_credentials_is_unchanged() {
        assertThat(Redaction.redact("http://localhost:11434/v1")).isEqualTo("http://localhost:11434/v1");
        assertThat(Redaction.redact("alice@example.com wrote http://x/y?q=1"))
                .isEqualTo("alice@example.com wrote http://x/y?q=1");
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    void settings_show_urls_without_passwords() {
        RatchetConfig config = RatchetConfig.of(Map.of(
                "llm.url", "http://user:PASSWORD@llm.internal/v1",
                "db.url", "jdbc:postgresql://user:PASSWORD@db/ratchet?password=PASSWORD"));
        assertThat(LlmSettings.from(config).toString())
                .doesNotContain("PASSWORD")
                .contains("llm.internal");
        assertThat(DatabaseSettings.from(config).toString()).doesNotContain("PASSWORD");
    }
}
