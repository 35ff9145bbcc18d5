package dev.ratchet.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored Slack message.
 *
 * @param teamId    the Slack workspace
 * @param channelId the channel ({@code C...})
 * @param ts        Slack's message timestamp, the message's id within the channel ({@code "1700000000.000100"})
 * @param threadTs  the parent's ts when this is a thread reply; empty for a top-level message
 * @param userId    the author, for messages posted by people
 * @param botId     the bot, for messages posted by bots and integrations
 * @param text      the text, including the text of attachments and blocks for bot messages
 * @param postedAt  when it was posted (from {@code ts})
 * @param edited    whether it was edited after posting
 * @param deleted   whether it was deleted; never reply to a deleted message
 * @param attrs     everything else: reactions, classification, the raw Slack fields. Keys written by modules are
 *                  prefixed with the module id. Read-only.
 * @since 0.1
 */
public record Message(
        String teamId,
        String channelId,
        String ts,
        Optional<String> threadTs,
        Optional<String> userId,
        Optional<String> botId,
        String text,
        Instant postedAt,
        boolean edited,
        boolean deleted,
        Map<String, Object> attrs) {

    public Message {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
        threadTs = threadTs == null ? Optional.empty() : threadTs;
        userId = userId == null ? Optional.empty() : userId;
        botId = botId == null ? Optional.empty() : botId;
        text = text == null ? "" : text;
        // not Map.copyOf: Slack JSON has null values
        attrs = attrs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
    }

    /** Whether this message is a reply inside a thread (not the thread's parent). */
    public boolean isReply() {
        return threadTs.isPresent() && !threadTs.get().equals(ts);
    }

    /** Whether a bot or integration posted it. */
    public boolean isFromBot() {
        return botId.isPresent();
    }

    /**
     * The attribute core sets on the messages Ratchet itself posted ({@code true}), which are stored and enriched but
     * never reacted to.
     *
     * @since 0.2
     */
    public static final String OWN = "own";

    /**
     * Whether Ratchet itself posted it (a runbook, a report, a reply): what it says is never an alert nor a question of
     * the channel's.
     *
     * @since 0.2
     */
    public boolean isOwn() {
        return Boolean.TRUE.equals(attrs.get(OWN));
    }
}
