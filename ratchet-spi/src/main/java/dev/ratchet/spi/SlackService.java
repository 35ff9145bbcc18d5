package dev.ratchet.spi;

import dev.ratchet.spi.kit.SlackMarkup;
import java.util.Optional;
import java.util.function.UnaryOperator;

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
     * The user ids of a user group's members ({@code S…}, such as an {@code @oncall} rota), asked of Slack each time
     * (a rota changes): for sending something to whoever is on call now. Blocks while it asks; any thread. The
     * default, for implementations written against 0.1, knows no groups.
     *
     * @throws SlackUnavailableException when Slack is not configured, refuses (no such group, the app lacks
     *                                   {@code usergroups:read}) or cannot be reached
     * @since 0.2
     */
    default java.util.List<String> userGroupMembers(String userGroupId) throws SlackUnavailableException {
        throw new SlackUnavailableException(
                "cannot list the members of user group " + userGroupId + ": this Slack service knows no user groups");
    }

    /**
     * The user ids of a channel's members, asked of Slack each time: for instance to check that a private channel's
     * content goes only to its members. Blocks while it asks; any thread. The default, for implementations written
     * against 0.1, knows no members.
     *
     * @throws SlackUnavailableException when Slack is not configured, refuses or cannot be reached
     * @since 0.2
     */
    default java.util.List<String> channelMembers(String channelId) throws SlackUnavailableException {
        throw new SlackUnavailableException(
                "cannot list the members of " + channelId + ": this Slack service knows no members");
    }

    /**
     * Slack's text made readable, for people and for LLM prompts: {@code <@U123>} becomes {@code @Alice Smith},
     * {@code <#C123|ops>} {@code #ops}, {@code <!here>} {@code @here}, {@code <!subteam^S1|@oncall>} {@code @oncall},
     * {@code <!date^1392734382^{date}|Feb 18>} its fallback {@code Feb 18}, {@code <https://x|the graph>}
     * {@code the graph (https://x)}, and Slack's entities {@code &amp;}, {@code &lt;}, {@code &gt;} the characters
     * people typed. The result is plain text: {@linkplain dev.ratchet.spi.kit.BlockKit#escape(String) escape} it before putting it back into
     * mrkdwn (or keep Slack's own text as it is there, where mentions show natively).
     * <p>
     * Ratchet's implementation names people, bots and channels from what it stored, asking Slack on a miss, so it may
     * block like {@link #displayName(String)}; the default, for implementations written against 0.1, looks nothing
     * up: a mention without a label shows its id ({@code @U123}). Null becomes the empty string. Any thread.
     *
     * @param slackText a message's text as Slack sends it ({@link Message#text()})
     * @since 0.2
     */
    default String readable(String slackText) {
        return readable(slackText, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * {@link #readable(String)} with the given names: {@code userName} turns a user or bot id ({@code U…},
     * {@code W…}, {@code B…}) into a name, {@code channelName} a channel id into a channel name (both return the id
     * when they know nothing); they are called only for mentions that carry no label. For implementations of this
     * interface and for tests; modules call {@link #readable(String)}.
     *
     * @since 0.2
     */
    static String readable(String slackText, UnaryOperator<String> userName, UnaryOperator<String> channelName) {
        return SlackMarkup.readable(slackText, userName, channelName);
    }

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
    record PostedMessage(String channelId, String ts) {}

    /** The bot's ids and name. */
    record BotIdentity(String teamId, String userId, String botId, String name) {}
}
