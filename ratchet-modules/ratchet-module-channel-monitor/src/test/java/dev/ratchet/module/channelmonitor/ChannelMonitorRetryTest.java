package dev.ratchet.module.channelmonitor;

import static dev.ratchet.module.channelmonitor.ChannelMonitorModuleTest.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed Slack post is retried as a post: the LLM is not asked again and the executable not run again. */
class ChannelMonitorRetryTest {

    @TempDir
    Path dir;

    Path monitorFile(Path executable) throws Exception {
        return Files.writeString(
                dir.resolve("monitors.yaml"), """
                deploys:
                  channel_id: C0RETRY01
                  prompt: "Does this ask for a deploy? {{text}}"
                %s  executable: %s
                """.formatted(ChannelMonitorModuleTest.SCHEMA, executable));
    }

    @Test
    void a_failed_post_is_retried_without_asking_the_llm_or_running_the_executable_again() throws Exception {
        Path runs = dir.resolve("runs.txt");
        Path answer = script(dir, "answer.sh", """
                cat > /dev/null
                echo run >> '%s'
                echo '{"channel_messages": [{"channel_id": "C0RETRY01", "text": "deploy request noted"}]}'""".formatted(runs));
        try (TestBot bot = ChannelMonitorModuleTest.start(
                monitorFile(answer),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addUser("U0BOB", "bob", "Bob Jones", "bob@example.com");
                    slack.addChannel("C0RETRY01", "deploys");
                    slack.botJoins("C0RETRY01");
                },
                llm -> llm.onChat().whenJsonRequested().reply("{\"deploy\": true, \"service\": \"api\"}"))) {
            SlackEmulator slack = bot.slack();
            // more rate limits in a row than a post waits out: the run fails and its job is retried
            slack.failNext("chat.postMessage", 5, 1);
            slack.post("C0RETRY01", "U0BOB", "please deploy api");

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> slack.botPosts().stream().anyMatch(p -> "deploy request noted".equals(p.get("text"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> ChannelMonitorModuleTest.idle(bot));

            assertThat(bot.moduleRuns(ChannelMonitorModule.ID))
                    .as("the first run failed on the post and was retried")
                    .anySatisfy(r -> assertThat(r.attempts()).isGreaterThan(1));
            assertThat(slack.botPosts()).hasSize(1);
            assertThat(Files.readAllLines(runs)).as("executable runs").hasSize(1);
            assertThat(bot.llm().chatRequests()).as("LLM calls").hasSize(1);
            assertThat(bot.llmCalls(ChannelMonitorModule.ID)).hasSize(1);
        }
    }

    @Test
    void a_dry_run_without_an_llm_says_generation_is_off_once() throws Exception {
        Path answer = script(dir, "answer.sh", "cat > /dev/null; echo '{}'");
        try (TestBot bot = ChannelMonitorModuleTest.start(
                monitorFile(answer),
                new ChannelMonitorModule(),
                slack -> {
                    slack.addChannel("C0RETRY01", "deploys");
                    slack.botJoins("C0RETRY01");
                },
                null)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>)
                    bot.callTool("channel_monitor_test", "{\"slug\": \"deploys\", \"text\": \"please deploy api\"}");
            assertThat(result.get("valid")).isEqualTo(false);
            assertThat(String.valueOf(result.get("error")))
                    .contains("generation is off")
                    .doesNotContain("generation is off: generation is off");
        }
    }
}
