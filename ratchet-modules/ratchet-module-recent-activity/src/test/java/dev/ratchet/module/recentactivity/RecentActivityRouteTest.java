package dev.ratchet.module.recentactivity;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recent activity over the JSON API: for an alert (GET computes, POST posts once in its thread) and search. */
class RecentActivityRouteTest {

    static final String ALERTS = "/api/modules/recent-activity/channels/" + CHANNEL + "/alerts/";

    @Test
    void alert_activity_is_computed_by_get_posted_once_by_post_and_searched_with_q() {
        try (TestBot bot = TestBot.with(new RecentActivityModule()).api().start()) {
            TestBot.Sent fix = bot.say("db-1 disk full again, freed 20G with logrotate &amp; restarted, cc <!channel>");
            TestBot.Sent lunch = bot.say("anyone up for lunch?");
            String alert = bot.slack()
                    .postAsIntegration(CHANNEL, "B_AM", "alertmanager", "[FIRING:1] db-1 disk full", List.of());
            bot.awaitHandled(fix);
            bot.awaitHandled(lunch);
            bot.awaitHandled(new TestBot.Sent(CHANNEL, alert, alert));

            TestBot.RouteAnswer get = bot.api(HttpMethod.GET, ALERTS + alert);
            assertThat(get.status()).as(get.json()).isEqualTo(200);
            JsonNode results = get.tree().get("results");
            assertThat(results).isNotEmpty();
            assertThat(results.get(0).get("ts").asText()).isEqualTo(fix.ts());
            assertThat(results.get(0).get("author").asText())
                    .isNotBlank()
                    .isNotEqualTo(TestBot.USER); // a name, not an id
            assertThat(results).extracting(r -> r.get("ts").asText()).doesNotContain(alert); // bots' posts are left out
            assertThat(bot.slack().callCount("chat.postMessage")).isZero();

            List<JsonNode> posted = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                TestBot.RouteAnswer post = bot.api(HttpMethod.POST, ALERTS + alert);
                assertThat(post.status()).as(post.json()).isEqualTo(200);
                posted.add(post.tree().get("posted"));
            }
            assertThat(posted).extracting(p -> p.get("thread_ts").asText()).containsOnly(alert);
            assertThat(posted.get(1).get("ts")).isEqualTo(posted.get(0).get("ts"));
            assertThat(bot.slack().callCount("chat.postMessage")).isEqualTo(1);
            assertThat(bot.slack().repliesIn(CHANNEL, alert))
                    .singleElement()
                    .satisfies(reply -> assertThat(reply.get("text").toString())
                            .startsWith("*Recent activity* related to this alert")
                            .contains(
                                    "freed 20G with logrotate &amp; restarted, cc @channel") // readable, escaped again
                            .doesNotContain("<!channel>")); // so that posting it notifies nobody

            TestBot.RouteAnswer search =
                    bot.api(HttpMethod.GET, "/api/modules/recent-activity/search?q=logrotate&days=3");
            assertThat(search.status()).as(search.json()).isEqualTo(200);
            assertThat(search.tree().get("items"))
                    .extracting(r -> r.get("ts").asText())
                    .containsExactly(fix.ts());
            assertThat(search.tree().get("next_cursor").isNull()).isTrue();

            assertError(
                    bot.api(HttpMethod.GET, "/api/modules/recent-activity/search"),
                    400,
                    "the query parameter q is required");
            assertError(
                    bot.api(HttpMethod.GET, "/api/modules/recent-activity/search?q=%20"),
                    400,
                    "the query parameter q is required");
            assertError(
                    bot.api(HttpMethod.GET, "/api/modules/recent-activity/search?q=disk&days=0"),
                    400,
                    "days must be a whole number from 1 to 365");
            assertError(
                    bot.api(HttpMethod.GET, "/api/modules/recent-activity/search?q=disk&channel=ops"),
                    400,
                    "channel 'ops' is not a channel id");
            assertError(bot.api(HttpMethod.GET, ALERTS + "latest"), 400, "ts 'latest' is not a Slack message ts");
            assertError(
                    bot.api(HttpMethod.POST, "/api/modules/recent-activity/channels/ops/alerts/" + alert),
                    400,
                    "channel 'ops' is not a channel id");
            assertError(
                    bot.api(HttpMethod.POST, ALERTS + "1700000000.000100"),
                    404,
                    "no stored message 1700000000.000100 in " + CHANNEL);
            assertThat(bot.slack().callCount("chat.postMessage")).isEqualTo(1);
        }
    }

    static void assertError(TestBot.RouteAnswer answer, int status, String message) {
        assertThat(answer.status()).as(answer.json()).isEqualTo(status);
        assertThat(answer.tree().at("/error/code").asText()).isEqualTo(status == 404 ? "not_found" : "bad_request");
        assertThat(answer.tree().at("/error/message").asText()).contains(message);
    }
}
