package dev.ratchet.module.commands;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The emulated workspace the tests talk in. */
final class Workspace {

    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";

    private Workspace() {
    }

    static void seed(SlackEmulator slack, String... channels) {
        slack.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
        slack.addUser(BOB, "bob", "Bob Jones", "bob@example.com");
        for (String channel : channels) {
            slack.addChannel(channel, channel.toLowerCase());
            slack.botJoins(channel);
        }
    }

    static Map<String, String> flags(SlackEmulator slack, String llmUrl) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("slack.bot-token", slack.botToken());
        flags.put("slack.app-token", slack.appToken());
        flags.put("slack.api-url", slack.apiUrl());
        flags.put("llm.url", llmUrl);
        return flags;
    }

    /** Writes {@code servers} (name to entry) as the MCP servers file {@code mcp.json} in {@code dir}. */
    static Path mcpServersFile(Path dir, Map<String, Object> servers) throws IOException {
        return Files.writeString(dir.resolve("mcp.json"), JsonText.write(Map.of("mcpServers", servers)));
    }

    /**
     * A Ratchet running {@code commands} alone on {@code flags}, with jobs and Slack events started; the LLM stub plans
     * no write action and answers anything else with a default, unless a test's rule says otherwise.
     */
    static Ratchet startWithCommands(TestDatabase db, OpenAiStub llm, Map<String, String> flags, CommandsModule commands) throws Exception {
        llm.onChat().whenJsonRequested().reply("{\"tool\": \"none\", \"arguments\": {}}");
        llm.defaultReply("I am not sure what you mean.");
        Ratchet ratchet = Ratchet.start(db.config(flags), ModuleRegistry.of(List.of(commands)).enable(List.of(), List.of()), Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        return ratchet;
    }

    static String mention(SlackEmulator slack) {
        return "<@" + slack.botUserId() + ">";
    }

    /** The texts the bot replied in a thread, oldest first. */
    static List<String> botReplies(SlackEmulator slack, String channel, String thread) {
        return slack.repliesIn(channel, thread).stream().filter(r -> slack.botId().equals(r.get("bot_id")))
                .map(r -> String.valueOf(r.get("text"))).toList();
    }
}
