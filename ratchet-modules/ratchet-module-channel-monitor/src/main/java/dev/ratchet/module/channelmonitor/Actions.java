package dev.ratchet.module.channelmonitor;

import dev.ratchet.spi.kit.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a monitor's executable asks the bot to post, read from its stdout:
 * {@code {"direct_messages": [{"email", "text"}], "channel_messages": [{"channel_id", "text", "thread_ts"?}]}}; the
 * Go Ratchet's name of the thread, {@code slack_ts}, is read as {@code thread_ts}.
 * Both lists are optional; blank output means nothing to post. The whole answer is checked before anything is posted,
 * so a malformed answer posts nothing.
 *
 * @param directMessages  messages to people, found by email
 * @param channelMessages messages to channels, top-level or in a thread
 */
record Actions(List<DirectMessage> directMessages, List<ChannelMessage> channelMessages) {

    /** At most this many posts of each kind per message, so a runaway program cannot flood Slack. */
    static final int MAX_PER_KIND = 20;

    /** A direct message to the workspace member with {@code email}. */
    record DirectMessage(String email, String text) {}

    /** A post in {@code channelId}, in the thread of {@code threadTs} when not null. */
    record ChannelMessage(String channelId, String text, String threadTs) {}

    /**
     * Reads the executable's stdout.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Actions parse(String stdout) {
        if (stdout.isBlank()) {
            return new Actions(List.of(), List.of());
        }
        Map<String, Object> answer;
        try {
            answer = JsonText.parseObject(stdout.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("did not answer a JSON object (" + e.getMessage() + ")");
        }
        List<DirectMessage> dms = new ArrayList<>();
        for (Map<?, ?> item : items(answer, "direct_messages")) {
            dms.add(new DirectMessage(text(item, "direct_messages", "email"), text(item, "direct_messages", "text")));
        }
        List<ChannelMessage> posts = new ArrayList<>();
        for (Map<?, ?> item : items(answer, "channel_messages")) {
            String threadTs = thread(item, "thread_ts");
            String goThreadTs = thread(item, "slack_ts");
            if (threadTs != null && goThreadTs != null && !threadTs.equals(goThreadTs)) {
                throw new IllegalArgumentException("answered a channel_messages item with thread_ts " + threadTs
                        + " and slack_ts " + goThreadTs + "; give the thread once");
            }
            threadTs = threadTs != null ? threadTs : goThreadTs;
            posts.add(new ChannelMessage(
                    text(item, "channel_messages", "channel_id"), text(item, "channel_messages", "text"), threadTs));
        }
        return new Actions(List.copyOf(dms), List.copyOf(posts));
    }

    /** The thread named by {@code key} ({@code thread_ts}, or the Go Ratchet's {@code slack_ts}), or null. */
    private static String thread(Map<?, ?> item, String key) {
        Object thread = item.get(key);
        if (thread != null && !(thread instanceof String)) {
            throw new IllegalArgumentException(
                    "answered channel_messages[]." + key + " " + JsonText.write(thread) + "; expected a ts string");
        }
        return thread == null || ((String) thread).isBlank() ? null : ((String) thread).strip();
    }

    private static List<Map<?, ?>> items(Map<String, Object> answer, String key) {
        Object v = answer.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(
                    "answered " + key + " as " + JsonText.write(v) + "; expected a list of objects");
        }
        if (list.size() > MAX_PER_KIND) {
            throw new IllegalArgumentException(
                    "answered " + list.size() + " " + key + "; at most " + MAX_PER_KIND + " are posted per message");
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(
                        "answered a " + key + " item " + JsonText.write(o) + "; expected an object");
            }
            out.add(m);
        }
        return out;
    }

    private static String text(Map<?, ?> item, String list, String key) {
        if (!(item.get(key) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(
                    "answered a " + list + " item without " + key + ": " + JsonText.write(item));
        }
        return s.strip();
    }
}
