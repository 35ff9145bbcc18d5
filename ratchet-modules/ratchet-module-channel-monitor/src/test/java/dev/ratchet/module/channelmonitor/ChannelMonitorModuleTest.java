package dev.ratchet.module.channelmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module in a real Ratchet: PostgreSQL, JobRunr, the Slack emulator, the OpenAI stub and real executables. */
class ChannelMonitorModuleTest {

    static final String SCHEMA = """
              result_schema:
                type: object
                properties:
                  deploy: {type: boolean}
                  service: {type: string}
                required: [deploy, service]
            """;

    @TempDir
    Path dir;

    static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    Path monitors(String yaml) throws IOException {
        return Files.writeString(dir.resolve("monitors.yaml"), yaml);
    }

    /** A monitor file with one entry, {@code deploys}, watching {@code channel} with {@code executable}. */
    Path deploysMonitor(String channel, Path executable, String extra) throws IOException {
        return monitors("""
                deploys:
                  channel_id: %s
                  prompt: |
                    Does {{user}} ({{user_id}}) ask for a deploy in {{channel_id}} at {{ts}}? Message: {{text}}
                    As Slack sent it: {{raw_text}}
                    Thread so far:
                    {{thread}}
                %s  executable: %s
                  executable_args: ["--team", "payments"]
                %s""".formatted(channel, SCHEMA, executable, extra));
    }

    /**
     * A bot with {@code module} watching by {@code file} (none when null), the workspace arranged, and the LLM stub
     * with these rules (generation off when null).
     */
    static TestBot start(
            Path file, ChannelMonitorModule module, Consumer<SlackEmulator> workspace, Consumer<OpenAiStub> llm) {
        TestBot.Builder builder = TestBot.with(module).slack(workspace);
        if (file != null) {
            builder.set("channel-monitor.file", file.toString());
        }
        if (llm != null) {
            builder.llm(llm);
        }
        return builder.start();
    }

    /** Whether the monitor handler finished for the message. */
    static boolean handled(TestBot bot, String channel, String ts) {
        return bot.moduleRuns(channel, ts).stream()
                .anyMatch(r -> r.moduleId().equals(ChannelMonitorModule.ID)
                        && r.handler().equals("monitor")
                        && r.done());
    }

    /** Whether no run of the module is waiting, queued or running. */
    static boolean idle(TestBot bot) {
        return bot.moduleRuns(ChannelMonitorModule.ID).stream().allMatch(TestBot.ModuleRun::finished);
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> lastFailure(TestBot bot, String slug) {
        return bot.moduleState(ChannelMonitorModule.ID, "last-failure:" + slug).map(v -> (Map<String, Object>) v);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void a_channel_monitor_entry_turns_a_matching_message_into_a_dm_to_the_user_found_by_email() throws Exception {
        Path input = dir.resolve("input.json");
        Path args = dir.resolve("args.txt");
        Path notify = script(dir, "notify.sh", """
                echo "$@" > '%s'
                input=$(cat)
                printf '%%s' "$input" > '%s'
                case "$input" in
                  *'"deploy":true'*) echo '{"direct_messages": [{"email": "alice@example.com", "text": "Bob asked for a deploy of api"}]}' ;;
                  *) echo '{}' ;;
                esac""".formatted(args, input));
        ChannelMonitorModule module = new ChannelMonitorModule();
        try (TestBot bot = start(
                deploysMonitor("C0DEPLOY", notify, ""),
                module,
                slack -> {
                    slack.addUser("U0ALICE", "alice", "Alice Smith", "alice@example.com");
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C0DEPLOY", "deploys");
                    slack.botJoins("C0DEPLOY");
                },
                llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"deploy\": false, \"service\": \"\"}");
                    llm.onChat()
                            .whenLastUserMessageContains("please deploy")
                            .whenJsonRequested()
                            .reply("{\"deploy\": true, \"service\": \"api\"}");
                })) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api to prod &amp; tell <@U0ALICE>");
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.botPosts().isEmpty());
            assertThat(slack.botPosts()).hasSize(1);
            assertThat(slack.botPosts().get(0))
                    .containsEntry("channel", "DU0ALICE")
                    .containsEntry("text", "Bob asked for a deploy of api"); // the DM with Alice

            // {{text}} and {{thread}} are readable, {{raw_text}} is Slack's markup
            String alice = bot.displayName("U0ALICE");
            assertThat(alice).isNotEqualTo("U0ALICE");
            assertThat(llm.lastChatRequest().lastUserMessage().orElseThrow())
                    .contains("Message: please deploy api to prod & tell @" + alice + "\n")
                    .contains("As Slack sent it: please deploy api to prod &amp; tell <@U0ALICE>\n")
                    .contains("(U0BOB)")
                    .contains("in C0DEPLOY at " + ts)
                    .contains(": please deploy api to prod & tell @" + alice);
            Map<String, Object> stdin = JsonText.parseObject(Files.readString(input));
            assertThat(stdin)
                    .containsEntry("slug", "deploys")
                    .containsEntry("channel_id", "C0DEPLOY")
                    .containsEntry("slack_ts", ts)
                    .containsEntry("llm_output", Map.of("deploy", true, "service", "api"));
            assertThat(stdin.get("message"))
                    .isEqualTo(Map.of(
                            "text",
                            "please deploy api to prod &amp; tell <@U0ALICE>",
                            "user",
                            "U0BOB",
                            "ts",
                            ts,
                            "thread_ts",
                            ""));
            assertThat(Files.readString(args)).isEqualToIgnoringNewLines("--team payments");

            // a retry of the same event finds the DM by its key
            var message = bot.message("C0DEPLOY", ts).orElseThrow();
            module.onMessage(
                    new ChannelEvent("message:C0DEPLOY:" + ts, EventType.MESSAGE, true, message, Optional.empty()));
            assertThat(slack.botPosts()).hasSize(1);

            // a message the model judges not to match reaches the executable, which posts nothing
            String other = slack.post("C0DEPLOY", "U0ALICE", "lunch anyone?");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled(bot, "C0DEPLOY", other));
            assertThat(slack.botPosts()).hasSize(1);
        }
    }

    @Test
    void channel_messages_are_posted_in_the_given_channel_and_thread_and_the_bots_own_posts_are_not_monitored()
            throws Exception {
        Path calls = dir.resolve("calls.txt");
        Path answer = script(dir, "answer.sh", """
                input=$(cat)
                echo x >> '%s'
                ts=$(printf '%%s' "$input" | sed -n 's/.*"slack_ts":"\\([0-9.]*\\)".*/\\1/p')
                thread=$(printf '%%s' "$input" | sed -n 's/.*"thread_ts":"\\([0-9.]*\\)".*/\\1/p')
                [ -n "$thread" ] || thread=$ts
                echo '{"channel_messages": [{"channel_id": "C0DEPLOY", "text": "on it", "thread_ts": "'"$thread"'"},
                                            {"channel_id": "C0AUDIT", "text": "audit: deploy requested"}]}'""".formatted(calls));
        try (TestBot bot = start(
                deploysMonitor("C0DEPLOY", answer, "  timeout: 20s\n"),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C0DEPLOY", "deploys");
                    slack.addChannel("C0AUDIT", "audit");
                    slack.botJoins("C0DEPLOY");
                    slack.botJoins("C0AUDIT");
                },
                llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
                })) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.botPosts().size() == 2);
            assertThat(slack.repliesIn("C0DEPLOY", ts))
                    .singleElement()
                    .satisfies(
                            r -> assertThat(r).containsEntry("text", "on it").containsEntry("bot_id", slack.botId()));
            assertThat(slack.messagesIn("C0AUDIT"))
                    .singleElement()
                    .satisfies(m -> assertThat(m).containsEntry("text", "audit: deploy requested"));

            // a reply in the thread is monitored too, with the thread so far in the prompt
            String reply = slack.reply("C0DEPLOY", ts, "U0BOB", "also the worker &amp; <#C0AUDIT|> please");
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.botPosts().size() == 4);
            assertThat(llm.lastChatRequest().lastUserMessage().orElseThrow())
                    .contains(": please deploy api\n")
                    .contains(": also the worker & #audit please");
            assertThat(slack.repliesIn("C0DEPLOY", ts))
                    .extracting(r -> r.get("text"))
                    .containsExactly("on it", "also the worker &amp; <#C0AUDIT|> please", "on it");

            // the bot's own replies in the thread did not run the monitor (or it would answer itself forever)
            slack.awaitAcked(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> idle(bot) && handled(bot, "C0DEPLOY", reply));
            assertThat(Files.readAllLines(calls)).hasSize(2);
            assertThat(slack.botPosts()).hasSize(4);
        }
    }

    @Test
    void a_private_channels_monitor_posts_only_into_that_channel() throws Exception {
        Path answer = script(dir, "answer.sh", """
                cat > /dev/null
                echo '{"channel_messages": [{"channel_id": "C0AUDIT", "text": "leaked: deploy requested"},
                                            {"channel_id": "C0SECRET", "text": "kept: deploy requested"}]}'""");
        try (TestBot bot = start(
                deploysMonitor("C0SECRET", answer, "  timeout: 20s\n"),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addPrivateChannel("C0SECRET", "sec-deploys");
                    slack.addChannel("C0AUDIT", "audit");
                    slack.botJoins("C0SECRET");
                    slack.botJoins("C0AUDIT");
                },
                llm -> llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}"))) {
            SlackEmulator slack = bot.slack();
            String ts = slack.post("C0SECRET", "U0BOB", "please deploy api");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled(bot, "C0SECRET", ts));
            assertThat(slack.botPosts())
                    .singleElement()
                    .satisfies(p -> assertThat(p)
                            .containsEntry("channel", "C0SECRET")
                            .containsEntry("text", "kept: deploy requested"));
            assertThat(slack.messagesIn("C0AUDIT")).isEmpty();
            assertThat(lastFailure(bot, "deploys").orElseThrow().get("reason").toString())
                    .contains("channel message 0 to C0AUDIT not posted")
                    .contains("C0SECRET is private or a DM");
        }
    }

    @Test
    void an_executable_that_hangs_is_killed_at_its_timeout_and_reported() throws Exception {
        Path pids = dir.resolve("pids.txt");
        Path hang = script(dir, "hang.sh", """
                cat > /dev/null
                sleep 60 &
                echo "$$ $!" > '%s'
                wait""".formatted(pids));
        try (TestBot bot = start(
                deploysMonitor("C0DEPLOY", hang, "  timeout: 1s\n"),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C0DEPLOY", "deploys");
                    slack.botJoins("C0DEPLOY");
                },
                llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
                })) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled(bot, "C0DEPLOY", ts));
            assertThat(lastFailure(bot, "deploys").orElseThrow())
                    .containsEntry("message_ts", ts)
                    .containsEntry("channel_id", "C0DEPLOY")
                    .hasEntrySatisfying(
                            "reason",
                            r -> assertThat(r.toString())
                                    .contains("hang.sh")
                                    .contains("did not finish within 1s; killed it"));
            String[] shellAndChild = Files.readString(pids).trim().split(" ");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !alive(Long.parseLong(shellAndChild[0])) && !alive(Long.parseLong(shellAndChild[1])));
            assertThat(slack.botPosts()).isEmpty();
        }
    }

    @Test
    void an_executable_that_fails_or_answers_something_else_is_reported_and_posts_nothing() throws Exception {
        Path failing = script(dir, "failing.sh", """
                input=$(cat)
                case "$input" in
                  *'"service":"crash"'*) echo 'token expired' >&2; exit 3 ;;
                  *) echo 'done!' ;;
                esac""");
        try (TestBot bot = start(
                deploysMonitor("C0DEPLOY", failing, ""),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C0DEPLOY", "deploys");
                    slack.botJoins("C0DEPLOY");
                },
                llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
                    llm.onChat()
                            .whenLastUserMessageContains("crash")
                            .whenJsonRequested()
                            .reply("{\"deploy\": true, \"service\": \"crash\"}");
                })) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            String crash = slack.post("C0DEPLOY", "U0BOB", "crash please");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled(bot, "C0DEPLOY", crash));
            assertThat(lastFailure(bot, "deploys").orElseThrow())
                    .containsEntry("message_ts", crash)
                    .hasEntrySatisfying(
                            "reason",
                            r -> assertThat(r.toString())
                                    .contains("exited with status 3")
                                    .contains("token expired"));

            String chatty = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled(bot, "C0DEPLOY", chatty));
            assertThat(lastFailure(bot, "deploys").orElseThrow())
                    .containsEntry("message_ts", chatty)
                    .hasEntrySatisfying(
                            "reason", r -> assertThat(r.toString()).contains("did not answer a JSON object"));
            assertThat(slack.botPosts()).isEmpty();
        }
    }

    @Test
    void schema_invalid_llm_output_is_not_passed_to_the_executable() throws Exception {
        Path ran = dir.resolve("ran.txt");
        Path marker = script(dir, "marker.sh", "cat > '%s'\necho '{}'".formatted(ran));
        try (TestBot bot = start(
                deploysMonitor("C0DEPLOY", marker, ""),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C0DEPLOY", "deploys");
                    slack.botJoins("C0DEPLOY");
                },
                llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"deploy\": \"maybe\"}");
                })) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled(bot, "C0DEPLOY", ts));
            assertThat(lastFailure(bot, "deploys").orElseThrow())
                    .containsEntry("message_ts", ts)
                    .hasEntrySatisfying(
                            "reason", r -> assertThat(r.toString()).contains("not valid against result_schema"));
            assertThat(llm.chatRequests()).hasSizeGreaterThan(1); // the model was shown its mistake first
            assertThat(ran).doesNotExist();
            assertThat(slack.botPosts()).isEmpty();
        }
    }

    @Test
    void without_an_llm_messages_are_skipped_without_running_the_executable() throws Exception {
        Path ran = dir.resolve("ran.txt");
        Path marker = script(dir, "marker.sh", "cat > '%s'\necho '{}'".formatted(ran));
        try (TestBot bot = start(
                deploysMonitor("C0DEPLOY", marker, ""),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C0DEPLOY", "deploys");
                    slack.botJoins("C0DEPLOY");
                },
                null)) {
            SlackEmulator slack = bot.slack();
            String first = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
            String second = slack.post("C0DEPLOY", "U0BOB", "please deploy worker");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> handled(bot, "C0DEPLOY", first) && handled(bot, "C0DEPLOY", second));
            assertThat(ran).doesNotExist();
            assertThat(lastFailure(bot, "deploys")).isEmpty(); // a missing LLM is a state, not a failure per message
            assertThat(slack.botPosts()).isEmpty();
        }
    }

    @Test
    void the_test_tool_renders_the_prompt_and_validates_the_llm_output_without_running_the_executable()
            throws Exception {
        Path ran = dir.resolve("ran.txt");
        Path marker = script(dir, "marker.sh", "cat > '%s'\necho '{}'".formatted(ran));
        ChannelMonitorModule module = new ChannelMonitorModule();
        try (TestBot bot = start(
                deploysMonitor("C0DEPLOY", marker, ""),
                module,
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                },
                llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"deploy\": \"maybe\"}");
                    llm.onChat()
                            .whenLastUserMessageContains("please deploy")
                            .whenJsonRequested()
                            .reply("{\"deploy\": true, \"service\": \"api\"}");
                })) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            Tool.ToolCall call = new Tool.ToolCall("C0OTHER", null, "U0BOB");
            Map<String, Object> valid = module.test("deploys", "please deploy api &amp; <!here>", call);
            assertThat(valid)
                    .containsEntry("valid", true)
                    .containsEntry("llm_output", Map.of("deploy", true, "service", "api"));
            assertThat(valid.get("prompt").toString())
                    .contains("Message: please deploy api & @here\n")
                    .contains("As Slack sent it: please deploy api &amp; <!here>\n")
                    .contains("(U0BOB)")
                    .contains("in C0DEPLOY");

            Map<String, Object> invalid = module.test("deploys", "what is this", call);
            assertThat(invalid).containsEntry("valid", false).doesNotContainKey("llm_output");
            assertThat(invalid.get("error").toString()).contains("not valid");

            assertThatThrownBy(() -> module.test("nope", "x", call))
                    .hasMessageContaining("no channel monitor 'nope'")
                    .hasMessageContaining("deploys");
            assertThat(ran).doesNotExist();
            assertThat(slack.botPosts()).isEmpty();
        }
    }

    @Test
    void the_test_tool_tries_the_last_stored_messages_of_the_channel() throws Exception {
        Path ran = dir.resolve("ran-last.txt");
        Path marker = script(dir, "marker-last.sh", "cat > '%s'\necho '{}'".formatted(ran));
        ChannelMonitorModule module = new ChannelMonitorModule();
        try (TestBot bot = start(
                deploysMonitor("C0LASTN", marker, ""),
                module,
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                },
                llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"deploy\": false, \"service\": \"\"}");
                    llm.onChat()
                            .whenLastUserMessageContains("please deploy")
                            .whenJsonRequested()
                            .reply("{\"deploy\": true, \"service\": \"api\"}");
                })) {
            SlackEmulator slack = bot.slack();
            OpenAiStub llm = bot.llm();
            long now = java.time.Instant.now().getEpochSecond();
            bot.history(
                    "C0LASTN",
                    TestBot.historic((now - 300) + ".000100", null, "U0BOB", "good morning"),
                    TestBot.historic((now - 200) + ".000100", null, "U0BOB", "lunch?"),
                    TestBot.historic((now - 100) + ".000100", null, "U0BOB", "please deploy api"));
            Map<String, Object> result = module.testLast("deploys", 2);
            assertThat(result).containsEntry("valid", true).containsEntry("channel_id", "C0LASTN");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> messages = (List<Map<String, Object>>) result.get("messages");
            assertThat(messages).extracting(m -> m.get("text")).containsExactly("lunch?", "please deploy api");
            assertThat(messages.get(0)).containsEntry("llm_output", Map.of("deploy", false, "service", ""));
            assertThat(messages.get(1)).containsEntry("llm_output", Map.of("deploy", true, "service", "api"));
            assertThat(messages.get(1).get("prompt").toString())
                    .contains("Does bob (U0BOB) ask")
                    .contains("Message: please deploy api");
            assertThatThrownBy(() -> module.testLast("deploys", 0)).hasMessageContaining("between 1 and 50");
            assertThat(ran).doesNotExist();
            assertThat(slack.botPosts()).isEmpty();
        }
    }

    @Test
    void a_bad_entry_fails_start_naming_the_file_the_slug_and_the_key() throws Exception {
        Path ok = script(dir, "ok.sh", "echo '{}'");
        Path file = monitors("""
                deploys:
                  channel_id: C0DEPLOY
                  prompt: "{{text}}"
                %s  executable: %s
                  retries: 3
                """.formatted(SCHEMA, ok));
        assertThatThrownBy(() -> start(file, new ChannelMonitorModule(), slack -> {}, null)
                        .close())
                .hasMessageContaining("channel-monitor.file")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("entry 'deploys'")
                .hasMessageContaining("unknown key 'retries'");
    }

    @Test
    void without_a_file_the_module_is_inert() {
        try (TestBot bot = start(null, new ChannelMonitorModule(), slack -> {}, null)) {
            // started, but no handler runs on messages and no tool is offered (the API can still try a posted entry)
            assertThat(bot.startedModules()).contains(ChannelMonitorModule.ID);
            assertThat(bot.handlers(ChannelMonitorModule.ID)).isEmpty();
            assertThat(bot.tools(ChannelMonitorModule.ID)).isEmpty();
        }
    }
}
