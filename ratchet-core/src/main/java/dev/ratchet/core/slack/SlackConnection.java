package dev.ratchet.core.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.socket_mode.SocketModeClient;
import dev.ratchet.core.StartupException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live link to Slack: Socket Mode (default, Slack's Java client with {@link SocketModeLanes}) or the HTTP Events API
 * (Bolt for Java). Every Events API request goes to the {@link EventIngestor}, and is acknowledged only when the
 * ingestor returned, that is after the event and its module work are committed. An ingestion failure leaves the event
 * unacknowledged so Slack delivers it again.
 */
public final class SlackConnection implements AutoCloseable, EventIngestor.Identity {

    private static final Logger log = LoggerFactory.getLogger(SlackConnection.class);

    private final SlackSettings settings;
    private final SlackApi api;
    private final AtomicReference<Map<String, Object>> identity = new AtomicReference<>();
    private SocketModeClient socketMode;
    private SocketModeLanes lanes;
    private EventsHttpServer http;

    public SlackConnection(SlackSettings settings, SlackApi api) {
        this.settings = settings;
        this.api = api;
    }

    /**
     * Checks the bot token with {@code auth.test} and remembers who the bot is.
     *
     * @throws StartupException when Slack refuses the token or cannot be reached
     */
    public Map<String, Object> authenticate() {
        try {
            Map<String, Object> auth = api.callPatiently("auth.test", Map.of(), 3);
            identity.set(auth);
            log.info(
                    "Slack: connected to workspace {} ({}) as {}",
                    auth.get("team"),
                    auth.get("team_id"),
                    auth.get("user"));
            return auth;
        } catch (SlackCallException e) {
            String fix = e.error().equals("invalid_auth")
                            || e.error().equals("not_authed")
                            || e.error().equals("token_revoked")
                    ? "check RATCHET_SLACK_BOT_TOKEN (Slack app settings, OAuth & Permissions, Bot User OAuth Token)"
                    : "check that " + settings.apiUrl() + " is reachable";
            throw new StartupException(StartupException.CONFIG, "Slack refused auth.test: " + e.error() + "; " + fix);
        }
    }

    @Override
    public Optional<String> botUserId() {
        return Optional.ofNullable(identity.get()).map(a -> (String) a.get("user_id"));
    }

    @Override
    public Optional<String> botId() {
        return Optional.ofNullable(identity.get()).map(a -> (String) a.get("bot_id"));
    }

    public Optional<String> teamId() {
        return Optional.ofNullable(identity.get()).map(a -> (String) a.get("team_id"));
    }

    /**
     * A message's permalink, built from the workspace URL that {@code auth.test} gave (Slack's own format,
     * {@code <workspace>/archives/<channel>/p<ts without the dot>}), so citing a message costs no API call.
     */
    public String permalink(String channelId, String ts) {
        String base = Optional.ofNullable(identity.get())
                .map(a -> (String) a.get("url"))
                .orElse("https://slack.com/");
        return (base.endsWith("/") ? base : base + "/") + "archives/" + channelId + "/p" + ts.replace(".", "");
    }

    public Optional<String> botName() {
        return Optional.ofNullable(identity.get()).map(a -> (String) a.get("user"));
    }

    /** Starts receiving events into {@code ingestor}. */
    public void start(EventIngestor ingestor, Clock clock) {
        AppConfig config = AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret() == null ? "" : settings.signingSecret())
                .slack(api.slack())
                .ignoringSelfEventsEnabled(false) // the bot's own posts are stored too (enrichment only)
                .requestVerificationEnabled(false) // EventsHttpServer checks signatures, in constant time
                .sslCheckEnabled(false)
                .authTestCacheEnabled(true)
                .build();
        App app = new App(config);
        app.use((request, response, chain) -> {
            if (request.getRequestType() == RequestType.Event) {
                EventIngestor.Outcome outcome = ingestor.ingest(request.getRequestBodyAsString());
                log.debug("Slack event {}", outcome);
                return Response.ok();
            }
            return chain.next(request);
        });
        try {
            if (settings.socketMode()) {
                // The envelopes of one message are ingested in arrival order (a reaction and its removal, an edit and a
                // delete must not overtake each other); other messages' side by side, on a few lanes.
                lanes = new SocketModeLanes(ingestor);
                SocketModeClient client =
                        api.slack().socketMode(settings.appToken(), SocketModeClient.Backend.JavaWebSocket);
                client.addEventsApiEnvelopeListener(envelope -> lanes.accept(client, envelope));
                socketMode = client;
                client.connect();
                client.setAutoReconnectEnabled(true);
                log.info("Slack: receiving events over Socket Mode");
            } else {
                http = new EventsHttpServer(settings, app, ingestor, clock);
            }
        } catch (StartupException e) {
            throw e;
        } catch (Exception e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    "cannot open the Slack Socket Mode connection: " + e.getMessage()
                            + "; check RATCHET_SLACK_APP_TOKEN (an xapp- token with connections:write)",
                    e);
        }
    }

    /** The HTTP mode port (useful when configured as 0). */
    public int eventsPort() {
        return http == null ? -1 : http.port();
    }

    public boolean connected() {
        return socketMode != null ? socketMode.verifyConnection() : http != null;
    }

    @Override
    public void close() {
        try {
            if (socketMode != null) {
                socketMode.setAutoReconnectEnabled(false);
                socketMode.close();
            }
        } catch (Exception e) {
            log.debug("closing Socket Mode: {}", e.toString());
        }
        if (lanes != null) {
            lanes.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
