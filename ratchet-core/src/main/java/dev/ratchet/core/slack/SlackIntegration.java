package dev.ratchet.core.slack;

import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that talks to Slack, present when a bot token is configured: the Web API, the bot's identity, the event
 * connection ({@code run} only) and onboarding jobs (every process that runs jobs).
 */
public final class SlackIntegration implements AutoCloseable, EventIngestor.Identity {

    private static final Logger log = LoggerFactory.getLogger(SlackIntegration.class);

    private final SlackSettings settings;
    private final SlackApi api;
    private final SlackConnection connection;
    private Onboarding onboarding;

    public SlackIntegration(SlackSettings settings, RatchetMetrics metrics) {
        this.settings = settings;
        this.api = new SlackApi(settings, metrics);
        this.connection = new SlackConnection(settings, api);
    }

    /** Checks the token and learns the bot's identity; registers the onboarding jobs. */
    public void prepare(Database db, JobSystem jobs, EventIngestor ingestor, SlackDirectory directory) {
        connection.authenticate();
        onboarding = new Onboarding(db, api, settings, ingestor, directory, jobs);
    }

    /** Opens the event connection and onboards the channels the bot is in that were never onboarded. */
    public void startEvents(EventIngestor ingestor, Clock clock) {
        connection.start(ingestor, clock);
        try {
            int started = onboarding.onboardMemberChannels(teamId());
            if (started > 0) {
                log.info("Slack: onboarding {} channel(s) the bot is a member of", started);
            }
        } catch (SlackCallException e) {
            log.warn(
                    "Slack: could not list the bot's channels ({}); channels are onboarded when the bot joins them",
                    e.error());
        }
    }

    public String teamId() {
        return connection.teamId().orElse("");
    }

    public SlackApi api() {
        return api;
    }

    public SlackConnection connection() {
        return connection;
    }

    public Onboarding onboarding() {
        return onboarding;
    }

    public SlackSettings settings() {
        return settings;
    }

    @Override
    public Optional<String> botUserId() {
        return connection.botUserId();
    }

    @Override
    public Optional<String> botId() {
        return connection.botId();
    }

    @Override
    public void close() {
        connection.close();
    }
}
