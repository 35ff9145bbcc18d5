package dev.ratchet.spi;

import java.util.Optional;

/**
 * Slack, as a module may use it. Implementations pace calls to Slack's rate limits and retry on HTTP 429.
 * Methods block while they talk to Slack and may be called from any thread.
 *
 * @since 0.1
 */
public interface SlackService {

    /**
     * Posts a message, at most once per {@code postKey}: if this module already posted with that key (a retried
     * job, a redelivered event), the earlier post is returned and nothing new is posted.
     *
     * @param postKey a key unique within the module for what is being posted, typically derived from
     *                {@link ChannelEvent#key()} ({@code "runbook:" + event.key()})
     * @param post    where and what to post
     * @return the posted (or previously posted) message's channel and ts
     * @throws SlackUnavailableException when Slack is not configured or refuses the post
     */
    PostedMessage post(String postKey, Post post) throws SlackUnavailableException;

    /** A link to a message (a thread's parent links to the thread), for citing past occurrences. */
    String permalink(String channelId, String ts);

    /** The display name of a user or bot id ({@code U…}, {@code B…}), or the id itself if unknown. */
    String displayName(String userOrBotId);

    /** The user id for an email address, when the workspace has such a member. */
    Optional<String> userIdByEmail(String email) throws SlackUnavailableException;

    /** The bot's own identity in the workspace. */
    BotIdentity bot() throws SlackUnavailableException;

    /**
     * A message to post.
     *
     * @param channelId  channel or DM ({@code C…}, {@code D…}) or a user id for a direct message ({@code U…})
     * @param threadTs   the thread to reply in, or null for a top-level post
     * @param text       the plain-text fallback (notifications, screen readers); required
     * @param blocksJson Block Kit blocks as a JSON array, or null
     */
    record Post(String channelId, String threadTs, String text, String blocksJson) {
        public static Post reply(String channelId, String threadTs, String text) {
            return new Post(channelId, threadTs, text, null);
        }
    }

    /** Where a post landed. */
    record PostedMessage(String channelId, String ts) {
    }

    /** The bot's ids and name. */
    record BotIdentity(String teamId, String userId, String botId, String name) {
    }
}
