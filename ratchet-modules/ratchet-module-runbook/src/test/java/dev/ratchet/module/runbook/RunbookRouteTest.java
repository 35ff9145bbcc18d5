package dev.ratchet.module.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.module.runbook.RunbookModuleTest.FakeClassifier;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runbook over the JSON API, extractive (no LLM): GET computes it, POST posts it once in the alert's thread. */
class RunbookRouteTest {

    static final String OPS = "C0RBROUTE1";
    static final String ROUTE = "/api/modules/runbook/channels/";

    @Test
    void get_computes_the_runbook_post_posts_it_once_in_the_alerts_thread_and_bad_requests_get_json_errors()
            throws Exception {
        try (TestBot bot =
                TestBot.with(new FakeClassifier(), new RunbookModule()).api().start()) {
            SlackEmulator slack = bot.slack();
            String past = RunbookModuleTest.seedHistory(slack, OPS);
            // an alert of an hour ago, from history: onboarding stores it without a live runbook
            String alert = slack.seedIntegration(
                    OPS,
                    "B_AM",
                    "alertmanager",
                    "[FIRING:1] DiskFull db-1",
                    List.of(),
                    Instant.now().minus(Duration.ofHours(1)));
            slack.botJoins(OPS);
            // both alerts classified, and the past one's thread (two replies) backfilled: the runbook quotes it
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> RunbookModuleTest.firing(bot, OPS) == 2
                            && bot.messages(OPS).size() == 4);

            TestBot.RouteAnswer get = bot.api(HttpMethod.GET, ROUTE + OPS + "/alerts/" + alert);
            assertThat(get.status()).as(get.json()).isEqualTo(200);
            JsonNode runbook = get.tree();
            assertThat(runbook.get("ts").asText()).isEqualTo(alert);
            assertThat(runbook.get("text").asText())
                    .contains("Generation is off (no LLM configured), showing the extractive runbook")
                    .contains("bob: freed 20G")
                    .contains("archives/" + OPS + "/p" + past.replace(".", ""));
            assertThat(runbook.has("posted")).isFalse();
            assertThat(slack.callCount("chat.postMessage")).isZero();

            List<JsonNode> posted = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                TestBot.RouteAnswer post = bot.api(HttpMethod.POST, ROUTE + OPS + "/alerts/" + alert);
                assertThat(post.status()).as(post.json()).isEqualTo(200);
                posted.add(post.tree().get("posted"));
            }
            assertThat(posted).extracting(p -> p.get("thread_ts").asText()).containsOnly(alert);
            assertThat(posted.get(1).get("ts")).isEqualTo(posted.get(0).get("ts"));
            assertThat(slack.callCount("chat.postMessage")).isEqualTo(1);
            assertThat(slack.repliesIn(OPS, alert)).singleElement().satisfies(reply -> {
                assertThat(reply.get("ts")).isEqualTo(posted.get(0).get("ts").asText());
                assertThat(reply.get("text").toString()).startsWith("Runbook for DiskFull on db-1");
            });

            assertError(
                    bot.api(HttpMethod.GET, ROUTE + OPS + "/alerts/yesterday"),
                    400,
                    "bad_request",
                    "ts 'yesterday' is not a Slack message ts");
            assertError(
                    bot.api(HttpMethod.POST, ROUTE + "ops/alerts/" + alert),
                    400,
                    "bad_request",
                    "channel 'ops' is not a channel id");
            assertError(
                    bot.api(HttpMethod.GET, ROUTE + OPS + "/alerts/1700000000.000100"),
                    404,
                    "not_found",
                    "no stored message 1700000000.000100 in " + OPS);
            String looking = slack.repliesIn(OPS, past).get(0).get("ts").toString(); // Alice's "looking": not an alert
            assertError(
                    bot.api(HttpMethod.POST, ROUTE + OPS + "/alerts/" + looking),
                    400,
                    "bad_request",
                    "is not an alert the classifier recognised as firing");
            assertThat(slack.callCount("chat.postMessage")).isEqualTo(1);
        }
    }

    @Test
    void post_for_an_alert_that_already_got_its_runbook_live_returns_that_post() throws Exception {
        try (TestBot bot =
                TestBot.with(new FakeClassifier(), new RunbookModule()).api().start()) {
            String alert = bot.slack()
                    .postAsIntegration(TestBot.CHANNEL, "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            String live = bot.awaitReply(new TestBot.Sent(TestBot.CHANNEL, alert, alert));

            TestBot.RouteAnswer post = bot.api(HttpMethod.POST, ROUTE + TestBot.CHANNEL + "/alerts/" + alert);
            assertThat(post.status()).as(post.json()).isEqualTo(200);
            Map<String, Object> reply =
                    bot.slack().repliesIn(TestBot.CHANNEL, alert).get(0);
            assertThat(post.tree().at("/posted/ts").asText()).isEqualTo(reply.get("ts"));
            assertThat(reply.get("text")).isEqualTo(live);
            assertThat(bot.slack().callCount("chat.postMessage")).isEqualTo(1);
        }
    }

    static void assertError(TestBot.RouteAnswer answer, int status, String code, String message) {
        assertThat(answer.status()).as(answer.json()).isEqualTo(status);
        assertThat(answer.tree().at("/error/code").asText()).isEqualTo(code);
        assertThat(answer.tree().at("/error/message").asText()).contains(message);
    }
}
