package dev.ratchet.core.slack;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import java.time.Duration;
import java.util.List;
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
public record SlackSettings(
        String botToken,
        String appToken,
        String signingSecret,
        boolean socketMode,
        String apiUrl,
        String eventsHost,
        int eventsPort,
        int onboardMessages,
        int pageSize,
        Duration historyInterval) {

    public static final ConfigOption<String> SLACK_BOT_TOKEN = ConfigOption.string("slack.bot-token", null)
            .secret()
            .validatedBy(t -> t.startsWith("xoxb-"), "a bot token starting with xoxb-")
            .describedAs("Slack bot token (xoxb-...)");
    public static final ConfigOption<String> SLACK_APP_TOKEN = ConfigOption.string("slack.app-token", null)
            .secret()
            .validatedBy(t -> t.startsWith("xapp-"), "an app-level token starting with xapp-")
            .describedAs("Slack app-level token for Socket Mode (xapp-...)");
    public static final ConfigOption<String> SLACK_SIGNING_SECRET = ConfigOption.string("slack.signing-secret", null)
            .secret()
            .describedAs("Slack signing secret, for HTTP Events API mode");

    public static final ConfigOption<String> SLACK_MODE = ConfigOption.oneOf("slack.mode", "socket", "socket", "http")
            .describedAs(
                    "socket (Socket Mode, needs the app token) or http (Events API requests signed with the signing secret)");
    public static final ConfigOption<String> SLACK_API_URL = ConfigOption.string(
                    "slack.api-url", "https://slack.com/api/")
            .validatedBy(u -> u.startsWith("http://") || u.startsWith("https://"), "an http(s) URL")
            .describedAs("base URL of the Slack Web API (a Slack emulator in tests)");
    public static final ConfigOption<String> SLACK_EVENTS_ADDRESS = ConfigOption.string(
                    "slack.events-address", "127.0.0.1:3000")
            .validatedBy(a -> a.matches("[^:]+:\\d{1,5}"), "host:port")
            .describedAs("where HTTP mode listens for Slack's event requests (path /slack/events)");
    public static final ConfigOption<Integer> SLACK_ONBOARD_MESSAGES = ConfigOption.integer(
                    "slack.onboard-messages", 1000, 0, 100_000)
            .describedAs("how many past messages of a channel onboarding fetches");
    public static final ConfigOption<Integer> SLACK_HISTORY_PAGE_SIZE = ConfigOption.integer(
                    "slack.history-page-size", 200, 1, 1000)
            .describedAs(
                    "messages per conversations.history / replies request (Slack caps non-Marketplace apps at 15)");
    public static final ConfigOption<Duration> SLACK_HISTORY_INTERVAL = ConfigOption.duration(
                    "slack.history-interval", Duration.ZERO)
            .describedAs(
                    "pause between history requests of one channel or thread (1m for non-Marketplace apps since 2025)");

    /** The {@code slack.*} options. */
    public static List<ConfigOption<?>> options() {
        return List.of(
                SLACK_BOT_TOKEN,
                SLACK_APP_TOKEN,
                SLACK_SIGNING_SECRET,
                SLACK_MODE,
                SLACK_API_URL,
                SLACK_EVENTS_ADDRESS,
                SLACK_ONBOARD_MESSAGES,
                SLACK_HISTORY_PAGE_SIZE,
                SLACK_HISTORY_INTERVAL);
    }

    /**
     * The settings, or empty when no bot token is configured (Slack off).
     *
     * @throws StartupException when the mode's other credential is missing
     */
    public static Optional<SlackSettings> from(RatchetConfig config) {
        Optional<String> bot = config.find(SLACK_BOT_TOKEN);
        if (bot.isEmpty()) {
            return Optional.empty();
        }
        boolean socket = config.get(SLACK_MODE).equals("socket");
        String app = config.find(SLACK_APP_TOKEN).orElse(null);
        String secret = config.find(SLACK_SIGNING_SECRET).orElse(null);
        String url = config.get(SLACK_API_URL);
        String[] address = config.get(SLACK_EVENTS_ADDRESS).split(":");
        return Optional.of(new SlackSettings(
                bot.get(),
                app,
                secret,
                socket,
                url.endsWith("/") ? url : url + "/",
                address[0],
                Integer.parseInt(address[1]),
                config.get(SLACK_ONBOARD_MESSAGES),
                config.get(SLACK_HISTORY_PAGE_SIZE),
                config.get(SLACK_HISTORY_INTERVAL)));
    }

    /**
     * Checks the credential the mode needs to receive events: the app-level token in Socket Mode, the signing secret
     * in HTTP mode. Only a process that receives events ({@code run}) needs it; posting needs the bot token alone, so
     * {@code worker} and the one-shot commands do not check.
     *
     * @throws StartupException naming the missing setting and where to find its value
     */
    public void requireEventCredentials() {
        if (socketMode && appToken == null) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "slack.mode is socket but slack.app-token is not set: set RATCHET_SLACK_APP_TOKEN "
                            + "to the app-level token (xapp-..., scope connections:write), or set RATCHET_SLACK_MODE=http with RATCHET_SLACK_SIGNING_SECRET");
        }
        if (!socketMode && signingSecret == null) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "slack.mode is http but slack.signing-secret is not set: set RATCHET_SLACK_SIGNING_SECRET "
                            + "(Slack app settings, Basic Information, Signing Secret)");
        }
    }

    @Override
    public String toString() {
        return "SlackSettings[" + (socketMode ? "socket" : "http " + eventsHost + ":" + eventsPort) + ", api " + apiUrl
                + "]";
    }
}
