package dev.ratchet.module.usage;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.module.usage.UsageFeedbackTest.Answerer;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /api/modules/usage/?since=} and {@code /summary?days=} over HTTP, counting seeded bot posts and reactions. */
class UsageRouteTest {

    static final String USAGE = "/api/modules/usage/";

    @Test
    void usage_counts_the_bots_posts_and_the_thumbs_on_them_and_refuses_a_bad_period() {
        try (TestBot bot = TestBot.with(new Answerer(), new UsageModule())
                .llm(stub -> stub.defaultReply(UsageFeedbackTest.ANSWER))
                .api()
                .start()) {
            bot.slack().addUser("U0OTHER001", "other", "Other Person", "other@example.com");
            TestBot.Sent first = bot.say("how do I restart the api?");
            TestBot.Sent second = bot.say("is the api down?");
            bot.awaitReply(first);
            bot.awaitReply(second);
            String[] answers =
                    bot.botPosts().stream().map(p -> p.get("ts").toString()).toArray(String[]::new);
            bot.slack().react(CHANNEL, answers[0], TestBot.USER, "+1");
            bot.slack().react(CHANNEL, answers[0], "U0OTHER001", "thumbsup");
            bot.slack().react(CHANNEL, answers[1], "U0OTHER001", "-1");
            bot.slack().react(CHANNEL, answers[1], TestBot.USER, "eyes"); // a reaction, not feedback

            JsonNode usage = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> bot.api(HttpMethod.GET, USAGE + "?since=7d").tree(),
                            u -> u.at("/feedback_by_module/0/up").asLong() == 2
                                    && u.at("/feedback_by_module/0/down").asLong() == 1);
            assertThat(usage.get("days").asInt()).isEqualTo(7);
            assertThat(usage.get("posts").asLong()).isEqualTo(2);
            assertThat(usage.get("posts_by_channel")).singleElement().satisfies(c -> {
                assertThat(c.get("channel_id").asText()).isEqualTo(CHANNEL);
                assertThat(c.get("posts").asLong()).isEqualTo(2);
            });
            assertThat(usage.get("feedback_by_module")).singleElement().satisfies(f -> {
                assertThat(f.get("module_id").asText()).isEqualTo("answerer");
                assertThat(f.get("posts_with_feedback").asLong()).isEqualTo(2);
                assertThat(f.get("feedback_share").asDouble()).isEqualTo(1.0);
            });
            assertThat(usage.get("llm_by_model")).anySatisfy(m -> {
                assertThat(m.get("kind").asText()).isEqualTo("chat");
                assertThat(m.get("calls").asLong()).isEqualTo(2);
            });
            assertThat(usage.toString()).doesNotContain(TestBot.USER, "U0OTHER001"); // counts, never people

            TestBot.RouteAnswer summary = bot.api(HttpMethod.GET, USAGE + "summary?days=1");
            assertThat(summary.status()).as(summary.json()).isEqualTo(200);
            assertThat(summary.tree().get("days").asInt()).isEqualTo(1);
            assertThat(summary.tree().get("feedback_by_module")).isEqualTo(usage.get("feedback_by_module"));
            assertThat(bot.api(HttpMethod.GET, USAGE + "?since=3")
                            .tree()
                            .get("days")
                            .asInt())
                    .isEqualTo(3);

            for (String bad : new String[] {"?since=week", "?since=0d", "?since=400d", "summary?days=-1"}) {
                TestBot.RouteAnswer refused = bot.api(HttpMethod.GET, USAGE + bad);
                assertThat(refused.status()).as(bad + ": " + refused.json()).isEqualTo(400);
                assertThat(refused.tree().at("/error/message").asText()).as(bad).contains("days must be");
            }
            assertThat(bot.slack().callCount("chat.postMessage")).isEqualTo(2); // the answers; usage posted nothing
        }
    }
}
