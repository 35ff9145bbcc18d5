package dev.ratchet.module.commands;

import dev.ratchet.testkit.slack.SlackEmulator;

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

    static String mention(SlackEmulator slack) {
        return "<@" + slack.botUserId() + ">";
    }

    /** The texts the bot replied in a thread, oldest first. */
    static List<String> botReplies(SlackEmulator slack, String channel, String thread) {
        return slack.repliesIn(channel, thread).stream().filter(r -> slack.botId().equals(r.get("bot_id")))
                .map(r -> String.valueOf(r.get("text"))).toList();
    }
}
