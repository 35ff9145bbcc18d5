package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.StartupException;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.JsonText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TestBot runs a whole Ratchet on the emulated workspace around a module, and reports clearly when it cannot. */
class TestBotTest {

    static TestBot bot;

    @BeforeAll
    static void start() {
        bot = TestBot.with(new EchoModule())
                .set("echo.prefix", "you said:")
                .timeout(Duration.ofSeconds(10))
                .start();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void a_message_gets_the_modules_reply_in_its_thread() {
        TestBot.Sent hello = bot.say("echo hello there");

        assertThat(bot.awaitReply(hello)).isEqualTo("you said: hello there");
        assertThat(bot.botPosts())
                .filteredOn(p -> hello.ts().equals(p.get("thread_ts")))
                .hasSize(1);
    }

    @Test
    void a_reply_in_the_thread_is_answered_after_it_in_the_same_thread() {
        TestBot.Sent first = bot.say("echo one");
        bot.awaitReply(first);

        TestBot.Sent second = bot.reply(first, "echo two");

        assertThat(second.thread()).isEqualTo(first.ts());
        assertThat(bot.awaitReply(second)).isEqualTo("you said: two");
        assertThat(bot.repliesTo(first)).containsExactly("you said: one", "you said: two");
    }

    @Test
    void a_reaction_reaches_the_module() {
        TestBot.Sent message = bot.say("nice work everyone");
        bot.awaitHandled(message);

        bot.react(message, "tada");

        assertThat(bot.awaitBotPost(p -> String.valueOf(p.get("text")).contains(":tada:")))
                .isEqualTo("thanks for the :tada:");
    }

    @Test
    void a_message_the_module_ignores_gets_no_reply_once_its_handlers_are_done() {
        TestBot.Sent chatter = bot.say("just chatting");

        bot.awaitHandled(chatter);

        assertThat(bot.repliesTo(chatter)).isEmpty();
    }

    @Test
    void waiting_in_vain_says_what_the_handlers_did() {
        TestBot.Sent doomed = bot.say("please explode");

        assertThatThrownBy(() -> bot.awaitReply(doomed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("reply to 'please explode'")
                .hasMessageContaining(
                        "echo:explode failed after 1 attempt(s): java.lang.IllegalStateException: boom, as asked")
                .hasMessageContaining("echo:echo done");
    }

    @Test
    void a_tool_is_called_with_its_arguments_checked_against_its_schema() throws Exception {
        assertThat(bot.callTool("echo_text", "{\"text\": \"hi\", \"times\": 3}"))
                .isEqualTo(Map.of("echo", "hi hi hi", "asked_by", TestBot.USER));

        assertThatThrownBy(() -> bot.callTool("echo_text", "{\"text\": \"hi\"}"))
                .hasMessageContaining("do not fit its input schema")
                .hasMessageContaining("times");
        assertThatThrownBy(() -> bot.callTool("echo_txt", "{}"))
                .hasMessageContaining("no enabled module registered the tool 'echo_txt'")
                .hasMessageContaining("echo_text");
    }

    @Test
    void a_route_is_answered_as_the_json_api_answers_it() {
        TestBot.RouteAnswer word = bot.route(HttpMethod.GET, "/api/modules/echo/echo/ratchet?loud=yes");
        assertThat(word.status()).isEqualTo(200);
        assertThat(JsonText.parseObject(word.json())).isEqualTo(Map.of("word", "ratchet", "loud", "yes"));
        assertThat(bot.route(HttpMethod.POST, "/api/modules/echo/refuse", "nope"))
                .isEqualTo(new TestBot.RouteAnswer(400, "{\"error\":\"refused: nope\"}"));
        assertThat(bot.route(HttpMethod.GET, "/api/modules/echo/missing").status())
                .isEqualTo(404);
    }

    @Test
    void history_is_stored_as_onboarding_stores_it_and_what_the_module_did_is_readable() throws Exception {
        String past = "1700000000.000100";
        bot.history(TestBot.CHANNEL, TestBot.historic(past, null, TestBot.USER, "echo from the past"));
        assertThat(bot.message(TestBot.CHANNEL, past))
                .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("echo from the past"));
        assertThat(bot.messages(TestBot.CHANNEL)).extracting(Message::ts).contains(past);
        assertThat(bot.annotation(TestBot.CHANNEL, past, "echo")).isEmpty();

        TestBot.Sent live = bot.say("echo now");
        bot.awaitReply(live);
        bot.awaitHandled(live);
        assertThat(bot.moduleRuns(live.channel(), live.ts()))
                .filteredOn(r -> r.handler().equals("echo"))
                .singleElement()
                .satisfies(r -> assertThat(r.done()).isTrue());
        assertThat(bot.moduleRuns("echo"))
                .isNotEmpty()
                .allMatch(r -> r.moduleId().equals("echo"));

        assertThat(bot.modules()).singleElement().isInstanceOf(EchoModule.class);
        assertThat(bot.startedModules()).containsExactly("echo");
        assertThat(bot.handlers("echo")).containsExactly("echo", "thanks", "explode");
        assertThat(bot.tools("echo")).extracting(Tool::name).containsExactly("echo_text");
        assertThat(bot.tools("nobody")).isEmpty();
        assertThat(bot.handle(HttpMethod.GET, "/api/modules/echo/echo/ratchet", "")
                        .body())
                .isEqualTo(Map.of("word", "ratchet", "loud", "no"));
        assertThatThrownBy(() -> bot.handle(HttpMethod.POST, "/api/modules/echo/refuse", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refused: nope");
        assertThat(TestBot.slackFlags(bot.slack()))
                .containsOnlyKeys("slack.bot-token", "slack.app-token", "slack.api-url");
    }

    @Test
    void a_module_in_a_plugin_jar_is_loaded_with_its_own_class_loader(@TempDir Path dir) {
        Path jar = ModuleJar.named("shout")
                .source("com.acme.shout.ShoutModule", """
                        package com.acme.shout;
                        import dev.ratchet.spi.*;
                        public class ShoutModule implements RatchetModule {
                            public String id() { return "shout"; }
                            public void start(ModuleContext ctx) {
                                ctx.on("shout", Subscription.to(EventType.MESSAGE), e -> {
                                    if (e.message().isFromBot()) return;
                                    ctx.slack().post("shout:" + e.key(), SlackService.Post.reply(e.message().channelId(), e.message().ts(),
                                            e.message().text().toUpperCase() + " (from " + getClass().getClassLoader().getName() + ")"));
                                });
                            }
                        }
                        """)
                .provider("com.acme.shout.ShoutModule")
                .writeTo(dir);

        try (TestBot shouting = TestBot.builder().plugin(jar).start()) {
            assertThat(shouting.awaitReply(shouting.say("hello"))).isEqualTo("HELLO (from plugin:shout.jar)");
        }
    }

    @Test
    void a_misspelt_setting_fails_the_start_naming_the_key() {
        assertThatThrownBy(() ->
                        TestBot.with(new EchoModule()).set("echo.prefx", "hi").start())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("echo.prefx")
                .hasMessageContaining("echo.prefix");
    }

    @Test
    void an_unknown_module_id_names_the_modules_found() {
        assertThatThrownBy(() -> TestBot.with("ecoh").start())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("no module 'ecoh'");
    }
}
