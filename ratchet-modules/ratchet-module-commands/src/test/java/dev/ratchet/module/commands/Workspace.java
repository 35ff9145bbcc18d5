package dev.ratchet.module.commands;

import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The emulated workspace the tests talk in. */
final class Workspace {

    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";

    private Workspace() {}

    static void seed(SlackEmulator slack, String... channels) {
        slack.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
        slack.addUser(BOB, "bob", "Bob Jones", "bob@example.com");
        for (String channel : channels) {
            slack.addChannel(channel, channel.toLowerCase());
            slack.botJoins(channel);
        }
    }

    /** Writes {@code servers} (name to entry) as the MCP servers file {@code mcp.json} in {@code dir}. */
    static Path mcpServersFile(Path dir, Map<String, Object> servers) throws IOException {
        return Files.writeString(dir.resolve("mcp.json"), JsonText.write(Map.of("mcpServers", servers)));
    }

    /**
     * A bot running {@code commands} alone with these settings, in the workspace with {@code channels}; the LLM stub
     * plans no write action and answers anything else with a default, unless a test's rule says otherwise.
     */
    static TestBot startWithCommands(Map<String, String> settings, CommandsModule commands, String... channels) {
        TestBot.Builder builder = TestBot.with(commands)
                .slack(slack -> seed(slack, channels))
                .llm(llm -> {
                    llm.onChat().whenJsonRequested().reply("{\"tool\": \"none\", \"arguments\": {}}");
                    llm.defaultReply("I am not sure what you mean.");
                });
        settings.forEach(builder::set);
        return builder.start();
    }

    static String mention(SlackEmulator slack) {
        return "<@" + slack.botUserId() + ">";
    }

    /** The texts the bot replied in a thread, oldest first. */
    static List<String> botReplies(SlackEmulator slack, String channel, String thread) {
        return slack.repliesIn(channel, thread).stream()
                .filter(r -> slack.botId().equals(r.get("bot_id")))
                .map(r -> String.valueOf(r.get("text")))
                .toList();
    }
}
