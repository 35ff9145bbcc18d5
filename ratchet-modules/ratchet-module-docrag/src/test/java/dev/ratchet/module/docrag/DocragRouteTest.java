package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/modules/docrag/answer?q=...} over HTTP, with the documentation of a folder source and the LLM stub. */
class DocragRouteTest {

    @Test
    void answer_cites_the_right_document_says_it_does_not_know_otherwise_and_needs_q(@TempDir Path dir)
            throws Exception {
        try (TestBot bot = TestBot.with(new DocragModule())
                .llm(
                        stub -> stub.onChat()
                                .whenAnyMessageContains("db-1")
                                .reply(
                                        "{\"known\": true, \"answer\": \"Run logrotate -f and expire old WAL archives [1].\", \"sources\": [1]}"))
                .set("docs.sources-file", DocragModuleTest.handbook(dir).toString())
                .api()
                .start()) {
            bot.refreshDocs();

            TestBot.RouteAnswer known = bot.api(
                    HttpMethod.GET,
                    "/api/modules/docrag/answer?q=what%20do%20I%20do%20when%20db-1%20is%20out%20of%20disk%20space%3F");
            assertThat(known.status()).as(known.json()).isEqualTo(200);
            JsonNode answer = known.tree();
            assertThat(answer.get("known").asBoolean()).isTrue();
            assertThat(answer.get("generated").asBoolean()).isTrue();
            assertThat(answer.get("text").asText()).contains("logrotate -f");
            assertThat(answer.get("sources")).singleElement().satisfies(source -> {
                assertThat(source.get("path").asText()).isEqualTo("z-databases.md");
                assertThat(source.get("url").asText())
                        .isEqualTo("https://git.example.com/handbook/blob/main/z-databases.md");
            });

            TestBot.RouteAnswer unknown =
                    bot.api(HttpMethod.GET, "/api/modules/docrag/answer?q=what%20is%20the%20capital%20of%20France%3F");
            assertThat(unknown.status()).as(unknown.json()).isEqualTo(200);
            assertThat(unknown.tree().get("known").asBoolean()).isFalse();
            assertThat(unknown.tree().get("text").asText()).startsWith("I don't know");

            for (String query : new String[] {"", "?q=", "?q=%20%20"}) {
                TestBot.RouteAnswer missing = bot.api(HttpMethod.GET, "/api/modules/docrag/answer" + query);
                assertThat(missing.status()).as(missing.json()).isEqualTo(400);
                assertThat(missing.tree().at("/error/code").asText()).isEqualTo("bad_request");
                assertThat(missing.tree().at("/error/message").asText()).contains("the query parameter q is required");
            }
            assertThat(bot.slack().callCount("chat.postMessage")).isZero();
        }
    }
}
