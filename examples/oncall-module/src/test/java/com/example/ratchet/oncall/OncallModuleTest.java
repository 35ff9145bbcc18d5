package com.example.ratchet.oncall;

import dev.ratchet.core.StartupException;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The module in a whole Ratchet on the testkit's emulated Slack: found by its id, as an operator enables it. */
class OncallModuleTest {

    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";
    static final String CAROL = "U0CAROL01";

    static TestBot bot;

    @BeforeAll
    static void start() {
        bot = TestBot.with("oncall")
                .set("oncall.rotation", ALICE + "," + BOB + "," + CAROL)
                .set("oncall.start", "2024-01-01T09:00:00Z")
                .clock(Clock.fixed(Instant.parse("2024-01-10T12:00:00Z"), ZoneOffset.UTC))
                .start();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void asking_who_is_on_call_gets_the_answer_in_the_thread() {
        TestBot.Sent question = bot.say("hey, Who is on call this week?");

        assertThat(bot.awaitReply(question)).isEqualTo("<@" + BOB + "> is on call until Mon 15 Jan 09:00 UTC; next is <@" + CAROL + ">.");
    }

    @Test
    void a_question_inside_a_thread_is_answered_in_that_thread() {
        TestBot.Sent alert = bot.say("checkout latency is up again");
        TestBot.Sent question = bot.reply(alert, "who is on call? they should look at this");

        assertThat(bot.awaitReply(question)).startsWith("<@" + BOB + "> is on call");
        assertThat(bot.repliesTo(alert)).hasSize(1);
    }

    @Test
    void other_messages_get_no_answer() {
        TestBot.Sent chatter = bot.say("deploy of checkout finished");

        bot.awaitHandled(chatter);

        assertThat(bot.repliesTo(chatter)).isEmpty();
    }

    @Test
    void the_tool_says_who_is_on_call_now_or_at_a_given_time() throws Exception {
        assertThat(bot.callTool("who_is_on_call", "{}")).isEqualTo(Map.of("user", BOB, "from", "2024-01-08T09:00:00Z",
                "until", "2024-01-15T09:00:00Z", "next", CAROL));
        assertThat(bot.callTool("who_is_on_call", "{\"at\": \"2024-01-16T00:00:00Z\"}")).extracting("user").isEqualTo(CAROL);
    }

    @Test
    void the_route_answers_the_current_shift_and_refuses_a_bad_time() {
        TestBot.RouteAnswer current = bot.route(HttpMethod.GET, "/api/modules/oncall/current");
        assertThat(current.status()).isEqualTo(200);
        assertThat(JsonText.parseObject(current.json())).containsEntry("user", BOB).containsEntry("next", CAROL);

        TestBot.RouteAnswer bad = bot.route(HttpMethod.GET, "/api/modules/oncall/current?at=tomorrow");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()).contains("'tomorrow' is not an ISO-8601 instant");
    }

    @Test
    void a_rotation_of_names_instead_of_user_ids_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> TestBot.with("oncall").set("oncall.rotation", "alice,bob").start())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("oncall.rotation").hasMessageContaining("Slack user ids");
    }

    @Test
    void a_missing_rotation_names_the_variable_to_set() {
        assertThatThrownBy(() -> TestBot.with("oncall").start())
                .isInstanceOf(StartupException.class).hasMessageContaining("RATCHET_ONCALL_ROTATION");
    }
}
