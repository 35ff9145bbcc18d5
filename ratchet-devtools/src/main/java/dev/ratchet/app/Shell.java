package dev.ratchet.app;

import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The conversation of {@code ratchet shell}: each line typed is posted as the shell's user into the current channel or
 * thread of the emulated workspace, and lines starting with {@code /} move around or act (react, post an alert).
 */
final class Shell {

    static final String HELP = """
            Type a message to post it as you in the current channel or thread: @ratchet (or @bot) mentions the bot,
            @name a person, #name a channel of this session, and \\n is a line break.
              /thread [TS]    enter the thread of the channel's last top-level message, or of message TS
              /top            back to the channel's top level
              /channel NAME   go to channel NAME (a stored channel of that name, with its history, or a new one)
              /react EMOJI    react to the bot's last post here, e.g. /react 👍 (or :+1:, 👎, :eyes:); 👍/👎 label its answer
              /unreact EMOJI  take back your EMOJI from the bot's latest post you reacted to with it (here first)
              /alert TEXT     post TEXT as Alertmanager in the channel, e.g. /alert [FIRING:1] DiskFull (db-1 critical)
              //TEXT          post a message that starts with /
              /help           this list
              /quit           leave (so does Ctrl-D)""";

    /** Emoji typed as characters, by their Slack names. */
    private static final Map<String, String> EMOJI = Map.of(
            "👍",
            "+1",
            "👎",
            "-1",
            "👀",
            "eyes",
            "✅",
            "white_check_mark",
            "❤️",
            "heart",
            "❤",
            "heart",
            "🎉",
            "tada",
            "🙏",
            "pray",
            "🔥",
            "fire",
            "😄",
            "smile");

    private final SlackEmulator slack;
    private final ShellWorkspace workspace;
    private final ShellConsole console;
    private final ShellFeed feed;
    private final String user;
    private String channel;
    private String thread; // null at the channel's top level

    Shell(
            SlackEmulator slack,
            ShellWorkspace workspace,
            ShellConsole console,
            ShellFeed feed,
            String user,
            String channel) {
        this.slack = slack;
        this.workspace = workspace;
        this.console = console;
        this.feed = feed;
        this.user = user;
        this.channel = channel;
    }

    /** Reads and acts on lines until {@code /quit} or the end of input. */
    void run() throws IOException {
        run(null);
    }

    /**
     * Reads and plays lines until the end of input or {@code /quit}.
     *
     * @param settle with piped input, how long to wait after each line for the bot to finish reacting to it before the
     *               next line is played (so that a script's {@code /react} finds the post its {@code /alert} caused);
     *               null for a person at a terminal, who waits by themselves
     */
    void run(java.time.Duration settle) throws IOException {
        String line;
        while ((line = console.readLine(prompt())) != null) {
            try {
                if (!handle(line.strip())) {
                    return;
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                console.print("! " + e.getMessage());
            }
            if (settle != null) {
                try {
                    if (!feed.drain(settle)) {
                        console.print("(went on after waiting " + settle + " for the bot; --wait gives it longer)");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    String prompt() {
        return "#" + workspace.name(channel) + (thread == null ? "" : " thread " + thread) + "> ";
    }

    /** @return false to leave */
    boolean handle(String line) {
        if (line.isEmpty()) {
            return true;
        }
        if (line.startsWith("//")) {
            post(line.substring(1));
            return true;
        }
        if (!line.startsWith("/")) {
            post(line);
            return true;
        }
        String[] words = line.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "/quit", "/exit" -> {
                return false;
            }
            case "/help" -> console.print(HELP);
            case "/thread" -> enterThread(arg);
            case "/top" -> {
                thread = null;
                console.print("(top level of #" + workspace.name(channel) + ")");
            }
            case "/channel" -> switchChannel(arg);
            case "/react" -> react(arg);
            case "/unreact" -> unreact(arg);
            case "/alert" -> alert(arg);
            default ->
                console.print("! unknown command " + words[0]
                        + "; /help lists the commands (//TEXT posts a message starting with /)");
        }
        return true;
    }

    private void post(String typed) {
        String text = workspace.mrkdwn(typed);
        String ts = thread == null ? slack.post(channel, user, text) : slack.reply(channel, thread, user, text);
        if (!console.interactive()) { // a transcript for scripts; on a terminal the typed line is already there
            console.print(feed.where(channel, Map.of("ts", ts, "thread_ts", thread == null ? ts : thread)) + " @"
                    + workspace.name(user) + ": " + workspace.readable(text).replace("\n", "\n    "));
        }
    }

    private void enterThread(String ts) {
        String parent;
        if (ts.isEmpty()) {
            List<Map<String, Object>> top = slack.messagesIn(channel);
            if (top.isEmpty()) {
                throw new IllegalStateException(
                        "#" + workspace.name(channel) + " has no message yet to open a thread on; post one first");
            }
            parent = String.valueOf(top.get(top.size() - 1).get("ts"));
        } else {
            Map<String, Object> message;
            try {
                message = slack.message(channel, ts);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("no message " + ts + " in #" + workspace.name(channel)
                        + "; use the ts shown in [#channel ts ...], or /thread alone for the last message");
            }
            parent = String.valueOf(message.getOrDefault("thread_ts", ts));
        }
        thread = parent;
        console.print("(in the thread of " + parent + " in #" + workspace.name(channel) + "; /top goes back)");
    }

    private void switchChannel(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("/channel needs a name, e.g. /channel team-ops");
        }
        channel = workspace.channel(name, user);
        thread = null;
        console.print("(in #" + workspace.name(channel)
                + (workspace.stored(channel) ? ", a channel stored in the database" : "") + ")");
    }

    private void react(String emoji) {
        String name = reactionName(emoji);
        String[] post = feed.lastPost(channel)
                .orElseThrow(() -> new IllegalStateException("the bot has not posted yet; nothing to react to"));
        slack.react(post[0], post[1], user, name);
        console.print("(reacted :" + name + ": to the bot's post " + post[1] + " in " + placeName(post[0]) + ")");
    }

    private void unreact(String emoji) {
        String name = reactionName(emoji);
        String[] post = feed.lastReacted(channel, user, name)
                .orElseThrow(() -> new IllegalStateException("you have not reacted :" + name
                        + ": to a post of the bot; /react " + emoji.strip() + " adds it"));
        slack.unreact(post[0], post[1], user, name);
        console.print(
                "(removed your :" + name + ": from the bot's post " + post[1] + " in " + placeName(post[0]) + ")");
    }

    static String reactionName(String emoji) {
        String e = emoji.strip();
        Optional<String> named = Optional.ofNullable(EMOJI.get(e));
        if (named.isPresent()) {
            return named.get();
        }
        String name = e.startsWith(":") && e.endsWith(":") && e.length() > 2 ? e.substring(1, e.length() - 1) : e;
        if (!name.matches("[a-z0-9_+'-]+")) {
            throw new IllegalArgumentException(
                    "/react and /unreact need an emoji: 👍, 👎 or a Slack name such as :+1:, :eyes:, :tada: (got '"
                            + emoji + "')");
        }
        return name;
    }

    private void alert(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(
                    "/alert needs the alert's text, e.g. /alert [FIRING:1] DiskFull (db-1 critical)");
        }
        String ts = slack.postAsIntegration(
                channel,
                ShellWorkspace.ALERT_BOT_ID,
                ShellWorkspace.ALERT_BOT_NAME,
                text.replace("\\n", "\n"),
                List.of());
        console.print("[#" + workspace.name(channel) + " ts " + ts + "] @" + ShellWorkspace.ALERT_BOT_NAME + ": "
                + text.replace("\\n", "\n    ")
                + (thread == null ? "" : "\n(alerts are posted at the channel's top level)"));
    }

    private String placeName(String channelId) {
        String name = workspace.name(channelId);
        return name == null ? "a direct message" : "#" + name;
    }
}
