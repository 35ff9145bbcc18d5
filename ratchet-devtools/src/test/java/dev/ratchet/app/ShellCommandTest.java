package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.OpenAiStub;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code ratchet shell} driven through its standard input and output, in-process, with the real bot behind it. */
@ExtendWith(RatchetDatabaseExtension.class)
class ShellCommandTest {

    static TestDatabase db;
    static OpenAiStub llm;

    @BeforeAll
    static void start(TestDatabase database) {
        db = database;
        llm = OpenAiStub.start();
        // the commands agent plans with a JSON answer, then answers in its tool loop
        llm.onChat().whenJsonRequested().reply("{\"tool\": \"none\", \"arguments\": {}}");
        llm.onChat().whenLastUserMessageContains("and in this thread?").reply("Still here, in the thread.");
        llm.defaultReply("I search history, write runbooks and report on channels.");
    }

    @AfterAll
    static void stop() {
        llm.close();
    }

    /** The shell on its own thread, typed into line by line. */
    static final class Session {
        final PipedOutputStream keyboard = new PipedOutputStream();
        final StringWriter screen = new StringWriter();
        final StringWriter errors = new StringWriter();
        final CompletableFuture<Integer> exit;

        Session(String... args) throws IOException {
            InputStream in = new PipedInputStream(keyboard, 1 << 16);
            CommandLine cl = shell(in, screen, errors);
            exit = CompletableFuture.supplyAsync(() -> cl.execute(args));
        }

        void type(String line) throws IOException {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        String awaitScreen(String expected) {
            await().atMost(Duration.ofSeconds(90)).until(() -> screen.toString().contains(expected) || exit.isDone());
            assertThat(screen.toString()).as("stderr: %s", errors).contains(expected);
            return screen.toString();
        }
    }

    static CommandLine shell(InputStream in, StringWriter out, StringWriter err) {
        CommandLine cl = RatchetCommand.commandLine(Map.of(), Path.of("")).addSubcommand(new ShellCommand(in));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "shell"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static String tsOf(String screen, String line) {
        Matcher m = Pattern.compile("\\[#shell ts (\\d+\\.\\d+)] " + Pattern.quote(line))
                .matcher(screen);
        assertThat(m.find()).as("a line '%s' in%n%s", line, screen).isTrue();
        return m.group(1);
    }

    @Test
    void a_mention_is_answered_in_its_thread_and_the_conversation_continues_there() throws Exception {
        Session s = new Session(args("--user", "alice", "--set", "llm.url=" + llm.baseUrl()));
        s.awaitScreen("/help lists the commands");

        s.type("@ratchet what can you do?");
        String ask = tsOf(s.awaitScreen("@alice: @ratchet what can you do?"), "@alice: @ratchet what can you do?");
        s.awaitScreen("[#shell thread " + ask + "] @ratchet: I search history, write runbooks and report on channels.");

        s.type("/thread");
        s.awaitScreen("(in the thread of " + ask + " in #shell");
        s.type("@ratchet and in this thread?");
        s.awaitScreen("[#shell thread " + ask + "] @alice: @ratchet and in this thread?");
        s.awaitScreen("[#shell thread " + ask + "] @ratchet: Still here, in the thread.");

        s.type("/react 👍");
        s.awaitScreen("(reacted :+1: to the bot's post");
        // the reaction reached the bot and labels its answer (the feedback loop)
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSql.of(db).count("""
                        select count(*) from messages
                         where parent_ts = ? and attrs ->> 'text' = 'Still here, in the thread.' and attrs -> 'reactions' -> '+1' is not null""", ask) == 1);

        s.type("/unreact :+1:");
        s.awaitScreen("(removed your :+1: from the bot's post");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSql.of(db).count("""
                        select count(*) from messages
                         where parent_ts = ? and attrs ->> 'text' = 'Still here, in the thread.' and attrs -> 'reactions' -> '+1' is null""", ask) == 1);
        s.type("/unreact 👍");
        s.awaitScreen("! you have not reacted :+1: to a post of the bot; /react 👍 adds it");

        s.type("/top");
        s.awaitScreen("(top level of #shell)");
        s.type("/quit");
        assertThat(s.exit.get(60, TimeUnit.SECONDS)).as("stderr: %s", s.errors).isZero();
        assertThat(s.screen.toString()).endsWith("bye" + System.lineSeparator());
    }

    @Test
    void piped_input_is_played_and_the_bot_is_given_time_to_answer_before_exiting() {
        String script = String.join(
                "\n",
                "@bot hello",
                "/nonsense",
                "/channel Not A Name",
                "/thread 123.456",
                "/alert [FIRING:1] DiskFull (db-1 critical)\\n • *service:* `db-1`",
                "");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = shell(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, err)
                .execute(args("--user", "bob", "--set", "llm.url=off"));

        String screen = out.toString();
        assertThat(code).as("stderr: %s", err).isZero();
        String hello = tsOf(screen, "@bob: @ratchet hello");
        // no chat model: the commands module says so and lists what the bot can do, in the mention's thread
        assertThat(screen)
                .contains("[#shell thread " + hello + "] @ratchet: ")
                .contains("Generation is off")
                .contains("What I can do here");
        assertThat(screen)
                .contains("! unknown command /nonsense; /help lists the commands")
                .contains("! channel 'Not A Name' is not a Slack name")
                .contains("! no message 123.456 in #shell")
                .contains("@alertmanager: [FIRING:1] DiskFull (db-1 critical)");
        assertThat(screen).endsWith("bye" + System.lineSeparator());
    }

    @Test
    void a_piped_script_waits_for_the_bot_after_each_line_so_a_react_finds_the_runbook() {
        // the README's own sequence: an alert, then a reaction to the runbook the bot posts for it
        String script =
                String.join("\n", "/alert [FIRING:1] DiskFull (db-1 critical)\\n • *service:* `db-1`", "/react 👍", "");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = shell(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, err)
                .execute(args("--user", "carol", "--channel", "scripted", "--set", "llm.url=off"));

        String screen = out.toString();
        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(screen).doesNotContain("the bot has not posted yet").contains("(reacted :+1: to the bot's post");
    }

    @Test
    void a_stored_channel_never_onboarded_from_slack_is_used_but_left_to_be_onboarded_by_ratchet_run() {
        db.storage().directory().upsertChannel("T0REALTEAM", "C0IMPORTED", Map.of("name", "team-imported"));
        String script = String.join("\n", "hello from the shell", "/channel brand-new", "hi there", "");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = shell(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, err)
                .execute(args("--user", "carol", "--channel", "team-imported", "--set", "llm.url=off"));

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString())
                .contains("in #team-imported (stored in the database)")
                .contains("@carol: hello from the shell");
        Map<String, Object> imported = TestSql.of(db).rows("""
                        select attrs -> 'onboarding' as onboarding,
                               (select count(*) from job_keys where key like 'onboard:C0IMPORTED:%') as keys,
                               (select count(*) from messages where channel_id = 'C0IMPORTED' and attrs ->> 'text' = 'hello from the shell') as typed
                          from channels where id = 'C0IMPORTED'""").get(0);
        assertThat(imported)
                .containsEntry("onboarding", null)
                .containsEntry("keys", 0L)
                .containsEntry("typed", 1L);
        // a channel the shell made up is stored by name, so that the next session finds it (and nothing onboards it)
        int brandNew = TestSql.of(db)
                .count(
                        "select count(*) from channels where attrs ->> 'name' = 'brand-new' and attrs -> 'onboarding' is null");
        assertThat(brandNew).isEqualTo(1);
    }

    @Test
    void a_bad_user_name_is_refused_before_anything_starts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = shell(new ByteArrayInputStream(new byte[0]), out, err).execute(args("--user", "Bob Smith"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--user: user 'Bob Smith' is not a Slack name");
    }

    @Test
    void help_describes_the_shell() {
        StringWriter out = new StringWriter();
        int code = shell(new ByteArrayInputStream(new byte[0]), out, new StringWriter())
                .execute("shell", "--help");
        assertThat(code).isZero();
        assertThat(out.toString())
                .startsWith("Talk to the bot locally, with no Slack workspace.")
                .contains("Usage: ratchet shell", "--channel=CHANNEL", "--user=NAME", "/thread", "Example:");
    }
}
