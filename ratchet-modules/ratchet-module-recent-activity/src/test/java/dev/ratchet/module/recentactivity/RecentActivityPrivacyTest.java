package dev.ratchet.module.recentactivity;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Search results shown in a channel (the search_messages tool called there, activity posted under an alert, the API
 * with a channel named) hold only that channel's and public channels' messages: a private channel's and a DM's only
 * in themselves.
 */
class RecentActivityPrivacyTest {

    @Test
    void private_channel_and_dm_messages_reach_only_themselves() throws Exception {
        try (TestBot bot = TestBot.with(new RecentActivityModule())
                .api()
                .slack(slack -> {
                    slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
                    slack.addUser("U_BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C_PUB2", "db-team");
                    slack.addPrivateChannel("C_SECRET", "sec-incident");
                    slack.addDirectMessage("D_ALICE", "U_ALICE");
                    slack.botJoins("C_PUB2");
                    slack.botJoins("C_SECRET");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            String secret = slack.post("C_SECRET", "U_BOB", "DiskFull db-1: the hunter2 volume is full, do not share");
            String dm = slack.post("D_ALICE", "U_ALICE", "DiskFull db-1 dmonly note about my disk");
            String open = slack.post("C_PUB2", "U_BOB", "DiskFull db-1 publicnote: logs grow fast");
            String publicAlert =
                    slack.postAsIntegration(CHANNEL, "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            String privateAlert =
                    slack.postAsIntegration("C_SECRET", "B_AM", "alertmanager", "[FIRING:1] DiskFull db-1", List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.message("C_SECRET", secret).isPresent()
                            && bot.message("D_ALICE", dm).isPresent()
                            && bot.message("C_PUB2", open).isPresent()
                            && bot.message(CHANNEL, publicAlert).isPresent()
                            && bot.message("C_SECRET", privateAlert).isPresent());

            // the tool, called from the public test channel (as the commands agent calls it there)
            String anywhere = TestBot.json(bot.callTool("search_messages", "{\"query\": \"DiskFull db-1\"}"));
            assertThat(anywhere)
                    .contains("publicnote")
                    .doesNotContain("hunter2")
                    .doesNotContain("dmonly");
            // naming the private channel does not open it
            String named = TestBot.json(
                    bot.callTool("search_messages", "{\"query\": \"DiskFull db-1\", \"channel\": \"C_SECRET\"}"));
            assertThat(named).doesNotContain("hunter2");

            // activity posted under a public alert, and under the private channel's own alert
            TestBot.RouteAnswer posted = bot.api(
                    HttpMethod.POST, "/api/modules/recent-activity/channels/" + CHANNEL + "/alerts/" + publicAlert);
            assertThat(posted.status()).as(posted.json()).isEqualTo(200);
            assertThat(posted.json())
                    .contains("publicnote")
                    .doesNotContain("hunter2")
                    .doesNotContain("dmonly");
            assertThat(String.valueOf(slack.repliesIn(CHANNEL, publicAlert)))
                    .contains("publicnote")
                    .doesNotContain("hunter2")
                    .doesNotContain("dmonly");
            TestBot.RouteAnswer inPrivate =
                    bot.api(HttpMethod.POST, "/api/modules/recent-activity/channels/C_SECRET/alerts/" + privateAlert);
            assertThat(inPrivate.status()).as(inPrivate.json()).isEqualTo(200);
            assertThat(String.valueOf(slack.repliesIn("C_SECRET", privateAlert)))
                    .contains("hunter2")
                    .contains("publicnote")
                    .doesNotContain("dmonly");

            // the JSON API with a channel named answers what that channel may see
            TestBot.RouteAnswer api = bot.api(HttpMethod.GET, "/api/search?q=DiskFull%20db-1&channel=" + CHANNEL);
            assertThat(api.status()).as(api.json()).isEqualTo(200);
            assertThat(api.json()).doesNotContain("hunter2").doesNotContain("dmonly");
            TestBot.RouteAnswer route =
                    bot.api(HttpMethod.GET, "/api/modules/recent-activity/search?q=DiskFull%20db-1&channel=" + CHANNEL);
            assertThat(route.status()).as(route.json()).isEqualTo(200);
            assertThat(route.json()).doesNotContain("hunter2").doesNotContain("dmonly");
        }
    }
}
