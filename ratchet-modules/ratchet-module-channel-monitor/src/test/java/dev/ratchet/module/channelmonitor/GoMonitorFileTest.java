package dev.ratchet.module.channelmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Go Ratchet (v0.0.11) monitor file, run unchanged. */
class GoMonitorFileTest {

    /**
     * The Go README's example entry as it is written there (its trailing spaces too): a {@code text/template} prompt,
     * {@code executable: jq} found on PATH, and a filter reading {@code llm_output} as a string of JSON.
     */
    static final String GO_README_EXAMPLE = """
            channel_monitor_1:
                channel_id: C0123ABC
                prompt: >
                  If the message below the horizontal line is asking a question about the kubernetes cluster, \
            respond with {"help": true}. Otherwise, respond with {"help": false}.
                 \s
                  ---
                  {{.Message.Text}}
                result_schema:\s
                    type: object
                    properties:
                        help:
                            type: boolean
                executable: jq
                executable_args:\s
                    - '(.llm_output | fromjson | .help) as $help | if $help then {"direct_messages": [{"email": \
            "mike@example.com", "text": "User posted message in channel asking about k8s: \\(.message.text)"}]} \
            else {} end'
            """;

    @TempDir
    Path dir;

    @Test
    void the_go_readme_example_runs_unchanged_and_its_dm_arrives() throws Exception {
        assertThat(Path.of("/usr/bin/jq"))
                .as("the Go README's example runs jq: install it (apt-get install jq)")
                .isExecutable();
        Path file = Files.writeString(dir.resolve("channel_monitor.yaml"), GO_README_EXAMPLE);
        try (TestBot bot = TestBot.with(new ChannelMonitorModule())
                .set("channel-monitor.file", file.toString())
                .slack(slack -> {
                    slack.addUser("U0MIKE", "mike", "Mike Ops", "mike@example.com");
                    slack.addUser("U0DEV", "dev", "Dana Dev", "dana@example.com");
                    slack.addChannel("C0123ABC", "k8s-help");
                    slack.botJoins("C0123ABC");
                })
                .llm(llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"help\": false}");
                    llm.onChat()
                            .whenLastUserMessageContains("kubectl")
                            .whenJsonRequested()
                            .reply("{\"help\": true}");
                })
                .start()) {
            SlackEmulator slack = bot.slack();
            String question = "how do I get kubectl access to the prod cluster?";
            slack.post("C0123ABC", "U0DEV", question);
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.botPosts().isEmpty());
            assertThat(slack.botPosts())
                    .singleElement()
                    .satisfies(p -> assertThat(p)
                            .containsEntry("channel", "DU0MIKE")
                            .containsEntry("text", "User posted message in channel asking about k8s: " + question));

            // {{.Message.Text}} was rendered, not sent as literal braces
            assertThat(bot.llm().lastChatRequest().lastUserMessage().orElseThrow())
                    .contains("--- " + question) // the YAML folds the lines, as it did for Go
                    .doesNotContain("{{");

            // a message the model says is no question: jq answers {} and nothing more is posted
            String chatter = slack.post("C0123ABC", "U0DEV", "lunch at noon?");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.moduleRuns("C0123ABC", chatter).stream()
                            .anyMatch(r -> r.moduleId().equals(ChannelMonitorModule.ID) && r.done()));
            assertThat(slack.botPosts()).hasSize(1);
            assertThat(bot.moduleState(ChannelMonitorModule.ID, "last-failure:channel_monitor_1"))
                    .isEmpty();
        }
    }
}
