package dev.ratchet.module.usage;

import dev.ratchet.spi.BotActivity;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.SlackUnavailableException;
import dev.ratchet.spi.kit.ToolInputs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Bot usage: what the bot posted per channel and per module, the 👍/👎 people put on those posts (the feedback loop),
 * and its LLM calls, errors and tokens per model and per module, chat and embeddings apart, over the last days.
 * People never appear in it, only counts. Offered as the read-only {@code bot_usage} tool, the {@code post_bot_usage}
 * tool that posts it to a channel, and the routes {@code GET /api/modules/usage/summary?days=N} and {@code GET /api/modules/usage/?since=7d}.
 */
public final class UsageModule implements RatchetModule {

    static final int MAX_DAYS = 365;
    static final ConfigOption<Integer> DAYS = ConfigOption.integer("days", 7, 1, MAX_DAYS)
            .describedAs("the period a usage report covers by default, in days back from now");

    /** Input of {@code bot_usage}: the period in days back from now (default the {@code days} setting). */
    public record UsageInput(Optional<Integer> days) {}

    /** Input of {@code post_bot_usage}: the channel to post in (an id) and the period in days. */
    public record PostUsageInput(String channel, Optional<Integer> days) {}

    /**
     * What {@code post_bot_usage} did.
     *
     * @param channelId where the report was posted
     * @param ts        the post's ts (the earlier post's when this period was already posted there)
     * @param period    the period posted, {@code <since date>..<until date>} (UTC)
     * @param text      the plain-text summary posted with the blocks
     */
    public record PostedUsage(String channelId, String ts, String period, String text) {}

    private volatile ModuleContext ctx;
    private volatile int defaultDays = 7;

    @Override
    public String id() {
        return "usage";
    }

    @Override
    public String description() {
        return "bot usage: posts per channel and module, thumbs up/down on them, LLM calls and tokens per model";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(DAYS);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        this.defaultDays = context.config().get(DAYS);
        context.tool(ToolInputs.tool(
                "bot_usage",
                "How much the bot was used over the last days (default " + defaultDays
                        + "): its posts per channel and per module, "
                        + "the thumbs up/down people gave them per module and the share of posts that got feedback, and LLM calls, "
                        + "errors and tokens (prompt, completion, total) per model and per module, chat and embeddings separately.",
                UsageInput.class,
                List.of(
                        "how much was the bot used this week?",
                        "bot usage for the last 30 days",
                        "how many tokens did the bot use?",
                        "did people like the bot's answers?"),
                false,
                (input, call) -> report(days(input.days()))));
        context.tool(ToolInputs.tool(
                "post_bot_usage",
                "Post the bot usage report (posts, thumbs up/down, LLM calls and tokens) for the last days (default "
                        + defaultDays
                        + ") to a Slack channel, given by id. Posting the same period to the same channel again does nothing.",
                PostUsageInput.class,
                List.of("post the bot usage report in #team-ops", "share this week's bot usage in the channel"),
                true,
                (input, call) -> post(input.channel(), days(input.days()))));
        context.route(
                HttpMethod.GET,
                "summary",
                request -> RouteHandler.Response.ok(
                        report(days(request.query("days").map(UsageModule::wholeDays)))));
        // GET /api/modules/usage/?since=7d (or a number of days), the same report
        context.route(
                HttpMethod.GET,
                "",
                request -> RouteHandler.Response.ok(report(days(request.query("since")
                        .map(s -> wholeDays(
                                s.strip().endsWith("d")
                                        ? s.strip().substring(0, s.strip().length() - 1)
                                        : s))))));
    }

    private static int wholeDays(String d) {
        try {
            return Integer.parseInt(d.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "days must be a whole number between 1 and " + MAX_DAYS + " (since: 7 or 7d), not '" + d + "'");
        }
    }

    /** The usage of the {@code days} days before now. Queries the database; callable from any thread after start. */
    public UsageReport report(int days) {
        Instant until = clock().instant();
        Instant since = until.minus(Duration.ofDays(days));
        BotActivity activity = context().activity();
        return UsageReport.of(since, until, days, activity.posts(since, until), activity.llmUsage(since, until));
    }

    /**
     * Posts the usage of the {@code days} days before now to {@code channelId}, once per channel and period: the post
     * key is {@code usage:<channel>:<since date>..<until date>}, so a retried call (or a second request the same day)
     * returns the first post instead of posting again.
     *
     * @throws SlackUnavailableException when Slack is not configured or refuses the post (the bot not in the channel)
     */
    public PostedUsage post(String channelId, int days) throws SlackUnavailableException {
        String channel = channelId == null ? "" : channelId.trim();
        if (channel.startsWith("<#") && channel.endsWith(">")) { // a channel mention as Slack sends it: <#C123|name>
            channel = channel.substring(2, channel.length() - 1).split("\\|", 2)[0];
        }
        if (!channel.matches("[A-Z0-9][A-Z0-9_]*")) {
            throw new IllegalArgumentException(
                    "channel must be a Slack channel id such as C0123456789, not '" + channelId + "'");
        }
        UsageReport report = report(days);
        String period = Instant.parse(report.since()).atOffset(ZoneOffset.UTC).toLocalDate() + ".."
                + Instant.parse(report.until()).atOffset(ZoneOffset.UTC).toLocalDate();
        UsageMessage message = UsageMessage.of(report);
        SlackService.PostedMessage posted = context()
                .slack()
                .post(
                        "usage:" + channel + ":" + period,
                        new SlackService.Post(channel, null, message.text(), message.blocksJson()));
        return new PostedUsage(posted.channelId(), posted.ts(), period, message.text());
    }

    private int days(Optional<Integer> requested) {
        int days = requested.orElse(defaultDays);
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", not " + days);
        }
        return days;
    }

    private ModuleContext context() {
        ModuleContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("the usage module has not been started");
        }
        return c;
    }

    private Clock clock() {
        return context().clock();
    }
}
