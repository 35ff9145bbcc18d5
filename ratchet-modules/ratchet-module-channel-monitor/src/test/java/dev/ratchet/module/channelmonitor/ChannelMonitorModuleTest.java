package dev.ratchet.module.channelmonitor;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The module in a real Ratchet: PostgreSQL, JobRunr, the Slack emulator, the OpenAI stub and real executables. */
@ExtendWith(RatchetDatabaseExtension.class)
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

    static Map<String, String> flags(SlackEmulator slack, String llmUrl, Path file) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("slack.bot-token", slack.botToken());
        flags.put("slack.app-token", slack.appToken());
        flags.put("slack.api-url", slack.apiUrl());
        flags.put("llm.url", llmUrl);
        flags.put("channel-monitor.file", file.toString());
        return flags;
    }

    static Ratchet start(TestDatabase db, Map<String, String> flags, ChannelMonitorModule module) {
        Ratchet ratchet = Ratchet.start(db.config(flags), ModuleRegistry.of(List.of(module)).enable(List.of(), List.of()), Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        return ratchet;
    }

    /** Whether the monitor handler finished for the message. */
    static boolean handled(Ratchet ratchet, String channel, String ts) {
        return ratchet.database().withHandle(h -> h.createQuery(
                "select count(*) from module_runs where module_id = 'channel-monitor' and handler = 'monitor' and state = 'done' and event_key like :k")
                .bind("k", "%" + channel + ":" + ts + "%").mapTo(Integer.class).one()) > 0;
    }

    /** Whether no run of the module is waiting, queued or running. */
    static boolean idle(Ratchet ratchet) {
        return ratchet.database().withHandle(h -> h.createQuery(
                "select count(*) from module_runs where module_id = 'channel-monitor' and state not in ('done', 'failed')")
                .mapTo(Integer.class).one()) == 0;
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> lastFailure(Ratchet ratchet, String slug) {
        String json = ratchet.database().withHandle(h -> h.createQuery(
                "select value::text from module_state where module_id = 'channel-monitor' and key = :k")
                .bind("k", "last-failure:" + slug).mapTo(String.class).findOne().orElse(null));
        return json == null ? Optional.empty() : Optional.of((Map<String, Object>) (Map<?, ?>) Json.readMap(json));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void a_channel_monitor_entry_turns_a_matching_message_into_a_dm_to_the_user_found_by_email(TestDatabase db) throws Exception {
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
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U0ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C0DEPLOY", "deploys");
            slack.botJoins("C0DEPLOY");
            llm.onChat().whenJsonRequested().reply("{\"deploy\": false, \"service\": \"\"}");
            llm.onChat().whenLastUserMessageContains("please deploy").whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
            ChannelMonitorModule module = new ChannelMonitorModule();
            try (Ratchet ratchet = start(db, flags(slack, llm.baseUrl(), deploysMonitor("C0DEPLOY", notify, "")), module)) {
                String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api to prod &amp; tell <@U0ALICE>");
                await().atMost(Duration.ofSeconds(30)).until(() -> !slack.botPosts().isEmpty());
                assertThat(slack.botPosts()).hasSize(1);
                assertThat(slack.botPosts().get(0)).containsEntry("channel", "DU0ALICE").containsEntry("text", "Bob asked for a deploy of api"); // the DM with Alice

                // {{text}} and {{thread}} are readable, {{raw_text}} is Slack's markup
                String alice = ratchet.directory().displayName("U0ALICE");
                assertThat(alice).isNotEqualTo("U0ALICE");
                assertThat(llm.lastChatRequest().lastUserMessage().orElseThrow())
                        .contains("Message: please deploy api to prod & tell @" + alice + "\n")
                        .contains("As Slack sent it: please deploy api to prod &amp; tell <@U0ALICE>\n")
                        .contains("(U0BOB)").contains("in C0DEPLOY at " + ts).contains(": please deploy api to prod & tell @" + alice);
                Map<String, Object> stdin = Json.readMap(Files.readString(input));
                assertThat(stdin).containsEntry("slug", "deploys").containsEntry("channel_id", "C0DEPLOY").containsEntry("slack_ts", ts)
                        .containsEntry("llm_output", Map.of("deploy", true, "service", "api"));
                assertThat(stdin.get("message")).isEqualTo(Map.of("text", "please deploy api to prod &amp; tell <@U0ALICE>", "user", "U0BOB",
                        "ts", ts, "thread_ts", ""));
                assertThat(Files.readString(args)).isEqualToIgnoringNewLines("--team payments");

                // a retry of the same event finds the DM by its key
                var message = new MessageRepository(ratchet.database()).get("C0DEPLOY", ts).orElseThrow();
                module.onMessage(new ChannelEvent("message:C0DEPLOY:" + ts, EventType.MESSAGE, true, message, Optional.empty()));
                assertThat(slack.botPosts()).hasSize(1);

                // a message the model judges not to match reaches the executable, which posts nothing
                String other = slack.post("C0DEPLOY", "U0ALICE", "lunch anyone?");
                await().atMost(Duration.ofSeconds(30)).until(() -> handled(ratchet, "C0DEPLOY", other));
                assertThat(slack.botPosts()).hasSize(1);
            }
        }
    }

    @Test
    void channel_messages_are_posted_in_the_given_channel_and_thread_and_the_bots_own_posts_are_not_monitored(TestDatabase db) throws Exception {
        Path calls = dir.resolve("calls.txt");
        Path answer = script(dir, "answer.sh", """
                input=$(cat)
                echo x >> '%s'
                ts=$(printf '%%s' "$input" | sed -n 's/.*"slack_ts":"\\([0-9.]*\\)".*/\\1/p')
                thread=$(printf '%%s' "$input" | sed -n 's/.*"thread_ts":"\\([0-9.]*\\)".*/\\1/p')
                [ -n "$thread" ] || thread=$ts
                echo '{"channel_messages": [{"channel_id": "C0DEPLOY", "text": "on it", "thread_ts": "'"$thread"'"},
                                            {"channel_id": "C0AUDIT", "text": "audit: deploy requested"}]}'""".formatted(calls));
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C0DEPLOY", "deploys");
            slack.addChannel("C0AUDIT", "audit");
            slack.botJoins("C0DEPLOY");
            slack.botJoins("C0AUDIT");
            llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
            try (Ratchet ratchet = start(db, flags(slack, llm.baseUrl(), deploysMonitor("C0DEPLOY", answer, "  timeout: 20s\n")),
                    new ChannelMonitorModule())) {
                String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
                await().atMost(Duration.ofSeconds(30)).until(() -> slack.botPosts().size() == 2);
                assertThat(slack.repliesIn("C0DEPLOY", ts)).singleElement().satisfies(r -> assertThat(r).containsEntry("text", "on it")
                        .containsEntry("bot_id", slack.botId()));
                assertThat(slack.messagesIn("C0AUDIT")).singleElement().satisfies(m -> assertThat(m).containsEntry("text", "audit: deploy requested"));

                // a reply in the thread is monitored too, with the thread so far in the prompt
                String reply = slack.reply("C0DEPLOY", ts, "U0BOB", "also the worker &amp; <#C0AUDIT|> please");
                await().atMost(Duration.ofSeconds(30)).until(() -> slack.botPosts().size() == 4);
                assertThat(llm.lastChatRequest().lastUserMessage().orElseThrow()).contains(": please deploy api\n")
                        .contains(": also the worker & #audit please");
                assertThat(slack.repliesIn("C0DEPLOY", ts)).extracting(r -> r.get("text")).containsExactly("on it", "also the worker &amp; <#C0AUDIT|> please", "on it");

                // the bot's own replies in the thread did not run the monitor (or it would answer itself forever)
                slack.awaitAcked(Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30)).until(() -> idle(ratchet) && handled(ratchet, "C0DEPLOY", reply));
                assertThat(Files.readAllLines(calls)).hasSize(2);
                assertThat(slack.botPosts()).hasSize(4);
            }
        }
    }

    @Test
    void an_executable_that_hangs_is_killed_at_its_timeout_and_reported(TestDatabase db) throws Exception {
        Path pids = dir.resolve("pids.txt");
        Path hang = script(dir, "hang.sh", """
                cat > /dev/null
                sleep 60 &
                echo "$$ $!" > '%s'
                wait""".formatted(pids));
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C0DEPLOY", "deploys");
            slack.botJoins("C0DEPLOY");
            llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
            try (Ratchet ratchet = start(db, flags(slack, llm.baseUrl(), deploysMonitor("C0DEPLOY", hang, "  timeout: 1s\n")),
                    new ChannelMonitorModule())) {
                String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
                await().atMost(Duration.ofSeconds(30)).until(() -> handled(ratchet, "C0DEPLOY", ts));
                assertThat(lastFailure(ratchet, "deploys").orElseThrow()).containsEntry("message_ts", ts).containsEntry("channel_id", "C0DEPLOY")
                        .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("hang.sh").contains("did not finish within 1s; killed it"));
                String[] shellAndChild = Files.readString(pids).trim().split(" ");
                await().atMost(Duration.ofSeconds(10)).until(() -> !alive(Long.parseLong(shellAndChild[0])) && !alive(Long.parseLong(shellAndChild[1])));
                assertThat(slack.botPosts()).isEmpty();
            }
        }
    }

    @Test
    void an_executable_that_fails_or_answers_something_else_is_reported_and_posts_nothing(TestDatabase db) throws Exception {
        Path failing = script(dir, "failing.sh", """
                input=$(cat)
                case "$input" in
                  *'"service":"crash"'*) echo 'token expired' >&2; exit 3 ;;
                  *) echo 'done!' ;;
                esac""");
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C0DEPLOY", "deploys");
            slack.botJoins("C0DEPLOY");
            llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
            llm.onChat().whenLastUserMessageContains("crash").whenJsonRequested().reply("{\"deploy\": true, \"service\": \"crash\"}");
            try (Ratchet ratchet = start(db, flags(slack, llm.baseUrl(), deploysMonitor("C0DEPLOY", failing, "")), new ChannelMonitorModule())) {
                String crash = slack.post("C0DEPLOY", "U0BOB", "crash please");
                await().atMost(Duration.ofSeconds(30)).until(() -> handled(ratchet, "C0DEPLOY", crash));
                assertThat(lastFailure(ratchet, "deploys").orElseThrow()).containsEntry("message_ts", crash)
                        .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("exited with status 3").contains("token expired"));

                String chatty = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
                await().atMost(Duration.ofSeconds(30)).until(() -> handled(ratchet, "C0DEPLOY", chatty));
                assertThat(lastFailure(ratchet, "deploys").orElseThrow()).containsEntry("message_ts", chatty)
                        .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("did not answer a JSON object"));
                assertThat(slack.botPosts()).isEmpty();
            }
        }
    }

    @Test
    void schema_invalid_llm_output_is_not_passed_to_the_executable(TestDatabase db) throws Exception {
        Path ran = dir.resolve("ran.txt");
        Path marker = script(dir, "marker.sh", "cat > '%s'\necho '{}'".formatted(ran));
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C0DEPLOY", "deploys");
            slack.botJoins("C0DEPLOY");
            llm.onChat().whenJsonRequested().reply("{\"deploy\": \"maybe\"}");
            try (Ratchet ratchet = start(db, flags(slack, llm.baseUrl(), deploysMonitor("C0DEPLOY", marker, "")), new ChannelMonitorModule())) {
                String ts = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
                await().atMost(Duration.ofSeconds(30)).until(() -> handled(ratchet, "C0DEPLOY", ts));
                assertThat(lastFailure(ratchet, "deploys").orElseThrow()).containsEntry("message_ts", ts)
                        .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("not valid against result_schema"));
                assertThat(llm.chatRequests()).hasSizeGreaterThan(1); // the model was shown its mistake first
                assertThat(ran).doesNotExist();
                assertThat(slack.botPosts()).isEmpty();
            }
        }
    }

    @Test
    void without_an_llm_messages_are_skipped_without_running_the_executable(TestDatabase db) throws Exception {
        Path ran = dir.resolve("ran.txt");
        Path marker = script(dir, "marker.sh", "cat > '%s'\necho '{}'".formatted(ran));
        try (SlackEmulator slack = SlackEmulator.start()) {
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            slack.addChannel("C0DEPLOY", "deploys");
            slack.botJoins("C0DEPLOY");
            try (Ratchet ratchet = start(db, flags(slack, "off", deploysMonitor("C0DEPLOY", marker, "")), new ChannelMonitorModule())) {
                String first = slack.post("C0DEPLOY", "U0BOB", "please deploy api");
                String second = slack.post("C0DEPLOY", "U0BOB", "please deploy worker");
                await().atMost(Duration.ofSeconds(30)).until(() -> handled(ratchet, "C0DEPLOY", first) && handled(ratchet, "C0DEPLOY", second));
                assertThat(ran).doesNotExist();
                assertThat(lastFailure(ratchet, "deploys")).isEmpty(); // a missing LLM is a state, not a failure per message
                assertThat(slack.botPosts()).isEmpty();
            }
        }
    }

    @Test
    void the_test_tool_renders_the_prompt_and_validates_the_llm_output_without_running_the_executable(TestDatabase db) throws Exception {
        Path ran = dir.resolve("ran.txt");
        Path marker = script(dir, "marker.sh", "cat > '%s'\necho '{}'".formatted(ran));
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            llm.onChat().whenJsonRequested().reply("{\"deploy\": \"maybe\"}");
            llm.onChat().whenLastUserMessageContains("please deploy").whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
            ChannelMonitorModule module = new ChannelMonitorModule();
            try (Ratchet ratchet = start(db, flags(slack, llm.baseUrl(), deploysMonitor("C0DEPLOY", marker, "")), module)) {
                Tool.ToolCall call = new Tool.ToolCall("C0OTHER", null, "U0BOB");
                Map<String, Object> valid = module.test("deploys", "please deploy api &amp; <!here>", call);
                assertThat(valid).containsEntry("valid", true).containsEntry("llm_output", Map.of("deploy", true, "service", "api"));
                assertThat(valid.get("prompt").toString()).contains("Message: please deploy api & @here\n")
                        .contains("As Slack sent it: please deploy api &amp; <!here>\n").contains("(U0BOB)").contains("in C0DEPLOY");

                Map<String, Object> invalid = module.test("deploys", "what is this", call);
                assertThat(invalid).containsEntry("valid", false).doesNotContainKey("llm_output");
                assertThat(invalid.get("error").toString()).contains("not valid");

                assertThatThrownBy(() -> module.test("nope", "x", call)).hasMessageContaining("no channel monitor 'nope'").hasMessageContaining("deploys");
                assertThat(ran).doesNotExist();
                assertThat(slack.botPosts()).isEmpty();
            }
        }
    }

    @Test
    void the_test_tool_tries_the_last_stored_messages_of_the_channel(TestDatabase db) throws Exception {
        Path ran = dir.resolve("ran-last.txt");
        Path marker = script(dir, "marker-last.sh", "cat > '%s'\necho '{}'".formatted(ran));
        try (SlackEmulator slack = SlackEmulator.start(); OpenAiStub llm = OpenAiStub.start()) {
            slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
            llm.onChat().whenJsonRequested().reply("{\"deploy\": false, \"service\": \"\"}");
            llm.onChat().whenLastUserMessageContains("please deploy").whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}");
            ChannelMonitorModule module = new ChannelMonitorModule();
            try (Ratchet ratchet = start(db, flags(slack, llm.baseUrl(), deploysMonitor("C0LASTN", marker, "")), module)) {
                long now = java.time.Instant.now().getEpochSecond();
                var repo = new dev.ratchet.core.storage.MessageRepository(ratchet.database());
                ratchet.database().inTransaction(h -> {
                    repo.upsert(h, "T1", "C0LASTN", (now - 300) + ".000100", null, Map.of("text", "good morning", "user", "U0BOB"));
                    repo.upsert(h, "T1", "C0LASTN", (now - 200) + ".000100", null, Map.of("text", "lunch?", "user", "U0BOB"));
                    repo.upsert(h, "T1", "C0LASTN", (now - 100) + ".000100", null, Map.of("text", "please deploy api", "user", "U0BOB"));
                    return null;
                });
                Map<String, Object> result = module.testLast("deploys", 2);
                assertThat(result).containsEntry("valid", true).containsEntry("channel_id", "C0LASTN");
                @SuppressWarnings("unchecked") List<Map<String, Object>> messages = (List<Map<String, Object>>) result.get("messages");
                assertThat(messages).extracting(m -> m.get("text")).containsExactly("lunch?", "please deploy api");
                assertThat(messages.get(0)).containsEntry("llm_output", Map.of("deploy", false, "service", ""));
                assertThat(messages.get(1)).containsEntry("llm_output", Map.of("deploy", true, "service", "api"));
                assertThat(messages.get(1).get("prompt").toString()).contains("Does bob (U0BOB) ask").contains("Message: please deploy api");
                assertThatThrownBy(() -> module.testLast("deploys", 0)).hasMessageContaining("between 1 and 50");
                assertThat(ran).doesNotExist();
                assertThat(slack.botPosts()).isEmpty();
            }
        }
    }

    @Test
    void a_bad_entry_fails_start_naming_the_file_the_slug_and_the_key(TestDatabase db) throws Exception {
        Path ok = script(dir, "ok.sh", "echo '{}'");
        Path file = monitors("""
                deploys:
                  channel_id: C0DEPLOY
                  prompt: "{{text}}"
                %s  executable: %s
                  retries: 3
                """.formatted(SCHEMA, ok));
        try (SlackEmulator slack = SlackEmulator.start()) {
            assertThatThrownBy(() -> start(db, flags(slack, "off", file), new ChannelMonitorModule()))
                    .hasMessageContaining("channel-monitor.file").hasMessageContaining(file.toString())
                    .hasMessageContaining("entry 'deploys'").hasMessageContaining("unknown key 'retries'");
        }
    }

    @Test
    void without_a_file_the_module_is_inert(TestDatabase db) {
        try (SlackEmulator slack = SlackEmulator.start()) {
            Map<String, String> flags = flags(slack, "off", dir.resolve("unused.yaml"));
            flags.remove("channel-monitor.file");
            try (Ratchet ratchet = start(db, flags, new ChannelMonitorModule())) {
                // started, but registers nothing: no handler runs on messages, no tool is offered
                assertThat(ratchet.modules().startedIds()).contains(ChannelMonitorModule.ID);
                assertThat(ratchet.registrations().handlers()).noneMatch(h -> h.moduleId().equals(ChannelMonitorModule.ID));
                assertThat(ratchet.registrations().tools()).noneMatch(t -> t.moduleId().equals(ChannelMonitorModule.ID));
            }
        }
    }
}
