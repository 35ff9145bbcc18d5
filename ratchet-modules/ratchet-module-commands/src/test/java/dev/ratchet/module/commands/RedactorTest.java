package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void expanded_values_are_put_back_as_their_references_as_they_are_and_url_encoded() {
        Redactor redactor = new Redactor();
        Map<String, String> env = Map.of("KEY", "k3y/with space", "TOKEN", "ghp_abc", "SHORT", "ab");
        String url = McpServersFile.expand("https://h/mcp?key=${KEY}", env::get, "github", "url", redactor);
        McpServersFile.expand("Bearer ${TOKEN}", env::get, "github", "header Authorization", redactor);
        McpServersFile.expand("${SHORT}", env::get, "github", "an argument", redactor);

        assertThat(redactor.redact("POST " + url + " failed")).isEqualTo("POST https://h/mcp?key=${KEY} failed");
        assertThat(redactor.redact("GET https://h/mcp?key=k3y%2Fwith+space and k3y%2Fwith%20space"))
                .isEqualTo("GET https://h/mcp?key=${KEY} and ${KEY}");
        assertThat(redactor.redact("401 for Bearer ghp_abc")).isEqualTo("401 for Bearer ${TOKEN}");
        // too short to be a secret worth garbling every message for
        assertThat(redactor.redact("about")).isEqualTo("about");
        assertThat(redactor.redact(null)).isNull();
    }
}
