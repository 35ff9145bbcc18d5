package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.module.channelmonitor.ChannelMonitorModule;
import dev.ratchet.testkit.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Go Ratchet's {@code /channelmonitor/test} as JSON: {@code POST /api/modules/channel-monitor/test} tries an entry of
 * the monitor file (by slug) or a posted one on typed text or on its channel's last stored messages, behind the API's
 * token, reading no other channel and running no executable.
 */
class ChannelMonitorApiTest {

    static final String TOKEN = "channel-monitor-api-test-token";
    static final String TEST = "/api/modules/channel-monitor/test";
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    record Answer(int status, JsonNode body) {}

    static Answer post(TestBot bot, Object body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bot.apiUrl() + TEST))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Json.MAPPER.readTree(r.body()));
    }

    static String ts(long secondsAgo) {
        return (Instant.now().getEpochSecond() - secondsAgo) + ".000100";
    }

    @Test
    void an_entry_is_tried_on_typed_text_or_its_channels_last_messages_and_nothing_runs() throws Exception {
        Path ran = dir.resolve("ran");
        Path notify = dir.resolve("notify.sh");
        Files.writeString(notify, "#!/bin/sh\ntouch '" + ran + "'\necho '{}'\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(dir.resolve("monitors.yaml"), """
                k8s_help:
                  channel_id: C0K8S
                  prompt: |
                    Is this a kubernetes question? Answer {"help": true} or {"help": false}.
                    ---
                    {{.Message.Text}}
                  result_schema: {type: object, properties: {help: {type: boolean}}, required: [help]}
                  executable: %s
                """.formatted(notify));
        try (TestBot bot = TestBot.with(new ChannelMonitorModule())
                .set("channel-monitor.file", file.toString())
                .set("api.token", TOKEN)
                .api()
                .slack(slack -> {
                    slack.addChannel("C0K8S", "k8s-help");
                    slack.addChannel("C0SECRET", "secret-project");
                })
                .llm(llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"help\": false}");
                    llm.onChat()
                            .whenLastUserMessageContains("kubectl")
                            .whenJsonRequested()
                            .reply("{\"help\": true}");
                })
                .start()) {
            String old = ts(600);
            String q = ts(300);
            String lunch = ts(200);
            bot.history(
                    "C0K8S",
                    TestBot.historic(old, null, "U0DEV", "kubectl says forbidden, old news"),
                    TestBot.historic(q, null, "U0DEV", "how do I get kubectl access?"),
                    TestBot.historic(lunch, null, "U0DEV", "lunch?"));
            bot.history("C0SECRET", TestBot.historic(ts(100), null, "U0DEV", "secret kubectl plans"));

            // the API's token is required
            assertThat(post(bot, Map.of("slug", "k8s_help", "last", 2), null).status())
                    .isEqualTo(401);

            // by slug, on the channel's last 2 stored messages: the entry's channel only, oldest first
            Answer last = post(bot, Map.of("slug", "k8s_help", "last", 2), TOKEN);
            assertThat(last.status()).as(last.body().toString()).isEqualTo(200);
            assertThat(last.body().get("channel_id").asText()).isEqualTo("C0K8S");
            List<String> tss = new ArrayList<>();
            last.body().get("messages").forEach(m -> tss.add(m.get("ts").asText()));
            assertThat(tss).containsExactly(q, lunch);
            JsonNode first = last.body().get("messages").get(0);
            assertThat(first.get("prompt").asText()).contains("---\nhow do I get kubectl access?");
            assertThat(first.get("llm_output").get("help").asBoolean()).isTrue();
            assertThat(last.body()
                            .get("messages")
                            .get(1)
                            .get("llm_output")
                            .get("help")
                            .asBoolean())
                    .isFalse();
            assertThat(last.body().get("valid").asBoolean()).isTrue();

            // a posted entry (as YAML, the way Go's page took it) on typed text
            Answer typed = post(
                    bot,
                    Map.of(
                            "entry",
                            "channel_id: C0K8S\nprompt: 'Q: {{ .Message.Text }}'\nresult_schema: {type: object}\n",
                            "text",
                            "kubectl is broken"),
                    TOKEN);
            assertThat(typed.status()).as(typed.body().toString()).isEqualTo(200);
            assertThat(typed.body().get("prompt").asText()).isEqualTo("Q: kubectl is broken");
            assertThat(typed.body().get("llm_output").get("help").asBoolean()).isTrue();

            // a posted entry naming another channel reads that channel's messages, never the monitor's own
            Answer other = post(
                    bot,
                    Map.of(
                            "entry",
                            Map.of(
                                    "channel_id", "C0SECRET",
                                    "prompt", "{{.Message.Text}}",
                                    "result_schema", Map.of("type", "object")),
                            "last",
                            5),
                    TOKEN);
            assertThat(other.status()).as(other.body().toString()).isEqualTo(200);
            assertThat(other.body().get("messages")).hasSize(1);
            assertThat(other.body().toString()).contains("secret kubectl plans").doesNotContain("lunch?");

            // mistakes are a 400 saying what to give
            Answer unknown = post(bot, Map.of("slug", "nope", "last", 1), TOKEN);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body().toString())
                    .contains("no channel monitor 'nope'")
                    .contains("k8s_help");
            Answer neither = post(bot, Map.of("slug", "k8s_help"), TOKEN);
            assertThat(neither.status()).isEqualTo(400);
            assertThat(neither.body().toString()).contains("either text").contains("or last");
            Answer badEntry = post(
                    bot,
                    Map.of(
                            "entry",
                            "channel_id: C0K8S\nprompt: '{{.Message.Channel}}'\nresult_schema: {type: object}\n",
                            "text",
                            "x"),
                    TOKEN);
            assertThat(badEntry.status()).isEqualTo(400);
            assertThat(badEntry.body().toString()).contains("the posted entry").contains("{{.Message.Channel}}");

            assertThat(ran).as("the executable is never run by a test").doesNotExist();
            assertThat(bot.slack().botPosts()).isEmpty();
        }
    }
}
