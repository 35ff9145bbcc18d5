package dev.ratchet.core.slack;

import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.SlackUnavailableException;
import java.util.Optional;

/**
 * The {@link SlackService} of a process with no Slack token configured: posts fail fast with a typed error the module
 * can handle; names still resolve from what is stored.
 */
public final class DisconnectedSlack implements SlackService {

    private final SlackDirectory directory;
    private final String reason;

    public DisconnectedSlack(SlackDirectory directory, String reason) {
        this.directory = directory;
        this.reason = reason;
    }

    @Override
    public PostedMessage post(String postKey, Post post) throws SlackUnavailableException {
        throw new SlackUnavailableException("cannot post to " + post.channelId() + ": " + reason);
    }

    @Override
    public String permalink(String channelId, String ts) {
        return "slack://channel?id=" + channelId + "&message=" + ts; // no workspace URL without a Slack connection
    }

    @Override
    public String displayName(String userOrBotId) {
        return directory.displayName(userOrBotId); // names from imports and earlier runs still resolve
    }

    @Override
    public String readable(String slackText) {
        return directory.render(slackText);
    }

    @Override
    public Optional<String> userIdByEmail(String email) throws SlackUnavailableException {
        throw new SlackUnavailableException("cannot look up a user by email: " + reason);
    }

    @Override
    public BotIdentity bot() throws SlackUnavailableException {
        throw new SlackUnavailableException("no bot identity: " + reason);
    }
}
