package dev.ratchet.core.slack;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.CoreOptions;
import dev.ratchet.core.config.RatchetConfig;

import java.time.Duration;
import java.util.Optional;

/**
 * How to reach Slack. Tokens are kept out of {@link #toString()}.
 *
 * @param botToken        xoxb- token for the Web API
 * @param appToken        xapp- token for Socket Mode
 * @param signingSecret   for verifying HTTP mode requests
 * @param socketMode      Socket Mode (true) or HTTP Events API (false)
 * @param apiUrl          Web API base URL, ending in a slash
 * @param eventsHost      HTTP mode listen host
 * @param eventsPort      HTTP mode listen port (0: any free port)
 * @param onboardMessages past messages fetched per channel at onboarding
 * @param pageSize        messages per history/replies request
 * @param historyInterval pause between history requests of one channel or thread
 */
public record SlackSettings(String botToken, String appToken, String signingSecret, boolean socketMode, String apiUrl,
                            String eventsHost, int eventsPort, int onboardMessages, int pageSize, Duration historyInterval) {

    /**
     * The settings, or empty when no bot token is configured (Slack off).
     *
     * @throws StartupException when the mode's other credential is missing
     */
    public static Optional<SlackSettings> from(RatchetConfig config) {
        Optional<String> bot = config.find("", CoreOptions.SLACK_BOT_TOKEN);
        if (bot.isEmpty()) {
            return Optional.empty();
        }
        boolean socket = config.get("", CoreOptions.SLACK_MODE).equals("socket");
        String app = config.find("", CoreOptions.SLACK_APP_TOKEN).orElse(null);
        String secret = config.find("", CoreOptions.SLACK_SIGNING_SECRET).orElse(null);
        if (socket && app == null) {
            throw new StartupException(StartupException.CONFIG, "slack.mode is socket but slack.app-token is not set: set RATCHET_SLACK_APP_TOKEN "
                    + "to the app-level token (xapp-..., scope connections:write), or set RATCHET_SLACK_MODE=http with RATCHET_SLACK_SIGNING_SECRET");
        }
        if (!socket && secret == null) {
            throw new StartupException(StartupException.CONFIG, "slack.mode is http but slack.signing-secret is not set: set RATCHET_SLACK_SIGNING_SECRET "
                    + "(Slack app settings, Basic Information, Signing Secret)");
        }
        String url = config.get("", CoreOptions.SLACK_API_URL);
        String[] address = config.get("", CoreOptions.SLACK_EVENTS_ADDRESS).split(":");
        return Optional.of(new SlackSettings(bot.get(), app, secret, socket, url.endsWith("/") ? url : url + "/",
                address[0], Integer.parseInt(address[1]), config.get("", CoreOptions.SLACK_ONBOARD_MESSAGES),
                config.get("", CoreOptions.SLACK_HISTORY_PAGE_SIZE), config.get("", CoreOptions.SLACK_HISTORY_INTERVAL)));
    }

    @Override
    public String toString() {
        return "SlackSettings[" + (socketMode ? "socket" : "http " + eventsHost + ":" + eventsPort) + ", api " + apiUrl + "]";
    }
}
