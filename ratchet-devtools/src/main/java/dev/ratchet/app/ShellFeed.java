package dev.ratchet.app;

import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.testkit.slack.ApiCall;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints what the bot does in the emulated workspace as it happens: its posts and thread replies in every channel and
 * direct message, its edits and its reactions. The emulator records them; this follows its records.
 */
final class ShellFeed implements AutoCloseable {

    private final SlackEmulator slack;
    private final ShellWorkspace workspace;
    private final ShellConsole console;
    private final ModuleRunRepository runs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ratchet-shell-feed");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> lastPostByChannel = new ConcurrentHashMap<>();
    private volatile String lastPost; // "channel ts"
    private int posts;
    private int updates;
    private int reactions;

    ShellFeed(SlackEmulator slack, ShellWorkspace workspace, ShellConsole console, ModuleRunRepository runs) {
        this.slack = slack;
        this.workspace = workspace;
        this.console = console;
        this.runs = runs;
    }

    void start() {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        poll();
                    } catch (RuntimeException e) {
                        console.print("(could not show the bot's latest activity: " + e.getMessage()
                                + ")"); // and keep following
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
    }

    /** Prints whatever the bot did since the last call. */
    synchronized void poll() {
        List<Map<String, Object>> all = slack.botPosts();
        while (posts < all.size()) {
            Map<String, Object> post = all.get(posts++); // counted first: one bad record is reported once
            String channel = String.valueOf(post.get("channel"));
            String ts = String.valueOf(post.get("ts"));
            lastPostByChannel.put(channel, ts);
            lastPost = channel + " " + ts;
            console.print(render(channel, post, ""));
        }
        List<ApiCall> edits = slack.calls("chat.update");
        while (updates < edits.size()) {
            ApiCall edit = edits.get(updates++);
            if (edit.ok()) {
                console.print(render(
                        edit.param("channel"), slack.message(edit.param("channel"), edit.param("ts")), " (edited)"));
            }
        }
        List<ApiCall> added = slack.calls("reactions.add");
        while (reactions < added.size()) {
            ApiCall r = added.get(reactions++);
            if (r.ok()) {
                console.print(where(r.param("channel"), slack.message(r.param("channel"), r.param("timestamp")))
                        + " @ratchet reacted :" + r.param("name") + ":");
            }
        }
    }

    private String render(String channel, Map<?, ?> message, String note) {
        String text = ShellText.message(message, workspace::readable);
        return where(channel, message) + " @ratchet" + note + ": " + text.replace("\n", "\n    ");
    }

    /** {@code [#ops ts 1.2]} for a top-level message, {@code [#ops thread 1.2]} for a reply, {@code [DM]}. */
    String where(String channel, Map<?, ?> message) {
        String name = workspace.name(channel);
        String place = name != null ? "#" + name : channel.startsWith("D") ? "DM" : channel;
        Object thread = message.get("thread_ts");
        Object ts = message.get("ts");
        return thread != null && !thread.equals(ts)
                ? "[" + place + " thread " + thread + "]"
                : "[" + place + " ts " + ts + "]";
    }

    /** The bot's latest post in {@code channel}, else anywhere, as {@code {channel, ts}}. */
    Optional<String[]> lastPost(String channel) {
        poll();
        String ts = lastPostByChannel.get(channel);
        if (ts != null) {
            return Optional.of(new String[] {channel, ts});
        }
        String any = lastPost;
        return any == null ? Optional.empty() : Optional.of(any.split(" ", 2));
    }

    /**
     * The bot's latest post that {@code user} reacted to with {@code name}, in {@code channel} first, else anywhere, as
     * {@code {channel, ts}}: what {@code /unreact} takes the reaction back from.
     */
    Optional<String[]> lastReacted(String channel, String user, String name) {
        List<Map<String, Object>> posts = slack.botPosts();
        Optional<String[]> anywhere = Optional.empty();
        for (int i = posts.size() - 1; i >= 0; i--) {
            Map<String, Object> post = posts.get(i);
            if (post.get("reactions") instanceof List<?> reactions
                    && reactions.stream()
                            .anyMatch(r -> r instanceof Map<?, ?> m
                                    && name.equals(m.get("name"))
                                    && m.get("users") instanceof List<?> users
                                    && users.contains(user))) {
                String[] found = {String.valueOf(post.get("channel")), String.valueOf(post.get("ts"))};
                if (found[0].equals(channel)) {
                    return Optional.of(found);
                }
                anywhere = anywhere.or(() -> Optional.of(found));
            }
        }
        return anywhere;
    }

    /**
     * Waits until the bot has finished what this session started (every event acknowledged, no module run of the
     * session's workspace waiting, queued or running), then prints the rest. A run waiting to be retried after a
     * failure is not waited for.
     *
     * @return false when {@code timeout} passed first
     */
    boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                int delivered = slack.deliveredEvents().size();
                slack.awaitAcked(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (busyRuns() == 0 && slack.deliveredEvents().size() == delivered) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100);
            }
        } catch (AssertionError e) {
            return false; // some event was not acknowledged in time
        } finally {
            poll();
        }
    }

    private int busyRuns() {
        return runs.countBusyOfTeam(slack.teamId());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
