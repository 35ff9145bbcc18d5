package dev.ratchet.module.report;

import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Stage;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.Schema;
import dev.ratchet.spi.kit.SlackIds;
import dev.ratchet.spi.kit.ToolInputs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weekly channel report: per alert, how often it fired and how long it stayed open; the alerts nobody acted on
 * and those open too long; the most frequent; and up to three LLM suggestions for reducing toil. Reads the alerts the
 * {@code classifier} module recorded ({@code ctx.alerts()}).
 *
 * <p>The report also has a noise section (the noisiest alerts with a proposed rule change each, {@link NoiseProposer}),
 * made from the alert analytics ({@link AlertAnalyzer}), which are also served on their own. Where an alert-rules source
 * is configured ({@code alert_rules: true} in {@code docs.sources-file}), the proposals are drafted as edits of the
 * rule files ({@link RuleChanges}): a thread reply under the posted report shows the diffs, and a person's {@code yes}
 * there opens the pull requests; the tools {@code alert_rule_changes} (the drafts) and
 * {@code open_alert_rule_pull_requests} (a write tool) do the same on request.
 *
 * <p>Registers the tools {@code channel_report} (returns the report; with {@code format=text} as readable text),
 * {@code post_channel_report} (posts it) and {@code alert_analytics} (the analytics), the
 * job {@code weekly} (posts the report of each configured channel) with a schedule when {@code report.schedule} and
 * {@code report.channels} are set, and the routes {@code GET /api/modules/report/channels/{channel}?days=N} (the report) and {@code POST} (posts it), and
 * {@code GET /api/modules/report/alerts?channel=C0123ABC&since=DAYS} (the analytics).
 *
 * <p>The shift hand-off ({@link Handoffs}): the tool {@code shift_handoff} (what fired and is still open, what was
 * resolved and by whom, the questions nobody answered, over the last hours) and the job {@code handoff}, scheduled
 * every five minutes when {@code report.handoff-times} is set, which posts each channel's digest once per shift
 * change in the channel's time zone and sends it to {@code report.handoff-to} as direct messages.
 *
 * @since 0.1
 */
public final class ReportModule implements RatchetModule {

    private static final Pattern CHANNEL_ID = SlackIds.CHANNEL_ID;

    /** Alerts open longer than this are "open too long". */
    static final ConfigOption<Duration> LONG_OPEN = ConfigOption.duration("long-open", Duration.ofHours(24))
            .describedAs(
                    "an alert open longer than this (still open, or resolved after longer) is reported as open too long");
    /** How long a firing may wait for a person's reply before it counts as never acted on. */
    static final ConfigOption<Duration> ACT_GRACE = ConfigOption.duration("act-grace", Duration.ofMinutes(30))
            .describedAs(
                    "a firing younger than this is not reported as never acted on: people get this long to reply in its thread");
    /** The period a report covers unless asked otherwise. */
    static final ConfigOption<Integer> DAYS = ConfigOption.integer("days", 7, 1, ReportPeriod.MAX_DAYS)
            .describedAs("days a report covers unless the request says otherwise");
    /** When to post the reports of {@link #CHANNELS}; empty for never. */
    static final ConfigOption<String> SCHEDULE = ConfigOption.string("schedule", "")
            .describedAs(
                    "when to post the report of each of report.channels, a 5-field cron in UTC ('0 9 * * MON'); empty for never")
            .validatedBy(
                    s -> s.isBlank() || s.trim().split("\\s+").length == 5,
                    "empty or a 5-field cron expression such as '0 9 * * MON'");
    /** The channels whose reports the schedule posts. */
    static final ConfigOption<List<String>> CHANNELS = ConfigOption.list("channels", List.of())
            .describedAs("channel ids whose report the schedule posts (C0123ABC,C0456DEF)")
            .validatedBy(
                    list -> list.stream().allMatch(c -> CHANNEL_ID.matcher(c).matches()),
                    "channel ids such as C0123ABC");

    /** A firing within this long after the same alert resolved is a flap. */
    static final ConfigOption<Duration> FLAP_WINDOW = ConfigOption.duration("flap-window", Duration.ofMinutes(30))
            .describedAs("an alert that fires again within this long after it resolved is counted as a flap");
    /** A firing resolved within this long with nobody acting is short-lived noise ({@code for:} twice it). */
    static final ConfigOption<Duration> SHORT_FIRING = ConfigOption.duration("short-firing", Duration.ofMinutes(5))
            .describedAs("a firing resolved within this long with nobody acting is short-lived noise; the proposal "
                    + "for such an alert is a 'for:' of twice this");
    /** The days the report's noise section looks back over. */
    static final ConfigOption<Integer> NOISE_DAYS = ConfigOption.integer("noise-days", 30, 1, ReportPeriod.MAX_DAYS)
            .describedAs("days the report's noise section and tuning proposals cover (at least the report's period)");
    /** Fewer firings than this over the noise window is no noise to tune. */
    static final ConfigOption<Integer> NOISE_MIN_FIRINGS = ConfigOption.integer("noise-min-firings", 3, 1, 10_000)
            .describedAs("an alert needs at least this many firings in the noise window to get a tuning proposal");
    /** The time zone of the working hours, unless a channel has its own. */
    static final ConfigOption<String> TIME_ZONE = ConfigOption.string("time-zone", "UTC")
            .describedAs("the time zone of report.working-hours (Europe/Berlin, America/New_York, UTC)")
            .validatedBy(ReportModule::isZone, "a time zone id such as Europe/Berlin or UTC");
    /** The channels whose working hours are in another time zone. */
    static final ConfigOption<List<String>> CHANNEL_TIME_ZONES = ConfigOption.list("channel-time-zones", List.of())
            .describedAs("per-channel time zones of the working hours: C0123ABC=Europe/Berlin,C0456DEF=Asia/Tokyo")
            .validatedBy(
                    list -> list.stream().allMatch(ReportModule::isChannelZone),
                    "channel id = time zone pairs such as C0123ABC=Europe/Berlin");
    /** Working days and hours: an alert outside them is "outside working hours". */
    static final ConfigOption<String> WORKING_HOURS = ConfigOption.string("working-hours", "Mon-Fri 09:00-18:00")
            .describedAs("working days and hours in the channel's time zone; an alert fired outside them counts as "
                    + "outside working hours")
            .validatedBy(ReportModule::isWorkingHours, WorkingHours.FORMAT);

    /** The shift changes at which the hand-off digest is posted; empty for never. */
    static final ConfigOption<List<String>> HANDOFF_TIMES = ConfigOption.list("handoff-times", List.of())
            .describedAs(
                    "shift changes in the channel's time zone (report.time-zone, report.channel-time-zones) at "
                            + "which the shift hand-off of each of report.handoff-channels is posted: 09:00,21:00; empty for never")
            .validatedBy(HandoffSchedule::valid, HandoffSchedule.FORMAT);
    /** The channels whose hand-off the schedule posts; empty for report.channels. */
    static final ConfigOption<List<String>> HANDOFF_CHANNELS = ConfigOption.list("handoff-channels", List.of())
            .describedAs("channel ids whose shift hand-off is posted at report.handoff-times (C0123ABC); empty for "
                    + "report.channels")
            .validatedBy(
                    list -> list.stream().allMatch(c -> CHANNEL_ID.matcher(c).matches()),
                    "channel ids such as C0123ABC");
    /** Who gets the hand-off as a direct message: users or user groups, for every channel or one. */
    static final ConfigOption<List<String>> HANDOFF_TO = ConfigOption.list("handoff-to", List.of())
            .describedAs("the incoming on-call, sent each hand-off as a direct message: user ids (U0123ABC) or user "
                    + "groups (S0123ABC, members asked of Slack at each hand-off), for every channel, or for one "
                    + "channel as C0123ABC=S0123ABC; a private channel's hand-off goes only to its members")
            .validatedBy(
                    list -> list.stream().allMatch(ReportModule::isRecipient),
                    "user or user group ids (U0123ABC, S0123ABC), optionally for one channel: C0123ABC=S0123ABC");

    static final String WEEKLY = "weekly";
    static final String HANDOFF = "handoff";
    private static final Pattern RECIPIENT = Pattern.compile("[UWS][A-Z0-9_]{2,}");
    private static final Pattern SINCE = Pattern.compile("(\\d+)\\s*([mhd])");
    private static final Pattern CHANNEL_LINK = Pattern.compile("<#([^|>]+)(?:\\|[^>]*)?>");

    // set once in start(), read by job, tool and HTTP threads
    private volatile ModuleContext ctx;
    private volatile Duration longOpen;
    private volatile Duration actGrace;
    private volatile int defaultDays;
    private volatile Duration flapWindow;
    private volatile Duration shortFiring;
    private volatile int noiseDays;
    private volatile int noiseMinFirings;
    private volatile String workingHours;
    private volatile ZoneId timeZone;
    private volatile Map<String, ZoneId> channelZones;
    private volatile List<String> handoffTo;
    private volatile List<String> handoffTimes;
    private volatile List<String> handoffChannels;
    private volatile RuleChanges rules;

    /** The tool input of {@code channel_report} and {@code post_channel_report}. */
    record ReportInput(
            Optional<String> channel,
            Optional<Integer> days,

            @Schema(
                    description =
                            "json (the default): the report as data; text: {\"text\": the report as readable lines}")
            Optional<String> format) {}

    /**
     * What {@code post_channel_report} returns.
     *
     * @param channel the channel posted to
     * @param ts      the post's ts (an earlier post's when this period's report was already posted)
     * @param report  the report
     * @since 0.1
     */
    public record PostedReport(String channel, String ts, ChannelReport report) {}

    @Override
    public String id() {
        return "report";
    }

    /** {@code classifier}: a report counts the alerts the classifier records. */
    @Override
    public Set<String> requires() {
        return Set.of("classifier");
    }

    @Override
    public String description() {
        return "Weekly channel report: alert counts and open times, alerts never acted on or open too long, most frequent, LLM suggestions";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(
                LONG_OPEN,
                ACT_GRACE,
                DAYS,
                SCHEDULE,
                CHANNELS,
                FLAP_WINDOW,
                SHORT_FIRING,
                NOISE_DAYS,
                NOISE_MIN_FIRINGS,
                TIME_ZONE,
                CHANNEL_TIME_ZONES,
                WORKING_HOURS,
                HANDOFF_TIMES,
                HANDOFF_CHANNELS,
                HANDOFF_TO);
    }

    /** The tool input of {@code shift_handoff}. */
    record HandoffInput(
            Optional<String> channel,

            @Schema(description = "how far back the shift goes: 12h (the default), 90m, 1d")
            Optional<String> since,

            @Schema(
                    description =
                            "json (the default): the digest as data; text: {\"text\": the digest as readable lines}")
            Optional<String> format) {}

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.longOpen = ctx.config().get(LONG_OPEN);
        this.actGrace = ctx.config().get(ACT_GRACE);
        this.defaultDays = ctx.config().get(DAYS);
        this.flapWindow = ctx.config().get(FLAP_WINDOW);
        this.shortFiring = ctx.config().get(SHORT_FIRING);
        this.noiseDays = ctx.config().get(NOISE_DAYS);
        this.noiseMinFirings = ctx.config().get(NOISE_MIN_FIRINGS);
        this.workingHours = ctx.config().get(WORKING_HOURS);
        this.timeZone = ZoneId.of(ctx.config().get(TIME_ZONE).trim());
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        for (String pair : ctx.config().get(CHANNEL_TIME_ZONES)) {
            int eq = pair.indexOf('=');
            zones.put(
                    pair.substring(0, eq).trim(),
                    ZoneId.of(pair.substring(eq + 1).trim()));
        }
        this.channelZones = Map.copyOf(zones);
        String schedule = ctx.config().get(SCHEDULE).trim();
        List<String> channels = ctx.config().get(CHANNELS);

        ctx.tool(ToolInputs.tool(
                "channel_report",
                "The alert report of a Slack channel over the last days (default 7): firings and mean time open per alert, "
                        + "alerts nobody acted on, alerts open too long, the most frequent, the noisiest alerts "
                        + "with a proposed alert rule change each, suggestions for reducing toil. "
                        + "channel is a channel id (C0123ABC); it defaults to the channel of the request. format text returns "
                        + "{\"text\": the report as readable lines} instead of the data.",
                ReportInput.class,
                List.of(
                        "weekly report for this channel",
                        "which alerts did nobody act on this week?",
                        "what were the noisiest alerts in the last 14 days?"),
                false,
                (input, call) -> {
                    boolean text = text(input.format());
                    ChannelReport report = report(
                            visibleChannel(input.channel(), call),
                            ReportPeriod.endingAt(ctx.clock().instant(), days(input.days())));
                    return text ? asText(report) : report;
                }));
        ctx.tool(ToolInputs.tool(
                "post_channel_report",
                "Posts the alert report of a Slack channel over the last days (default 7) to that channel, once per channel "
                        + "and period: posting again the same day returns the earlier post. channel is a channel id; it "
                        + "defaults to the channel of the request. format text returns {\"text\": the report as readable lines} "
                        + "instead of the post and the data.",
                ReportInput.class,
                List.of("post the weekly report here", "post the report of #team-ops"),
                true,
                (input, call) -> {
                    boolean text = text(input.format());
                    PostedReport posted = post(
                            visibleChannel(input.channel(), call),
                            ReportPeriod.endingAt(ctx.clock().instant(), days(input.days())));
                    return text ? asText(posted.report()) : posted;
                }));

        ctx.tool(ToolInputs.tool(
                "alert_analytics",
                "Alert analytics of a Slack channel over the last days (default 7), per alert (service + name) and for "
                        + "the channel: firings, flaps (fired again soon after resolving), resolved with nobody acting "
                        + "(no reply or reaction from a person), median time to a person's first reply, time to resolve "
                        + "p50/p90, share fired outside working hours, and the trend against the previous period. "
                        + "channel is a channel id (C0123ABC); it defaults to the channel of the request. format text "
                        + "returns {\"text\": the analytics as readable lines} instead of the data.",
                ReportInput.class,
                List.of(
                        "which alerts are noisiest here?",
                        "how often did alerts flap in the last 30 days?",
                        "how fast do we respond to alerts?",
                        "how many alerts fired out of hours this week?"),
                false,
                (input, call) -> {
                    boolean text = text(input.format());
                    AlertAnalytics analytics = analytics(
                            visibleChannel(input.channel(), call),
                            ReportPeriod.endingAt(ctx.clock().instant(), days(input.days())));
                    return text ? Map.of("text", AnalyticsText.of(analytics)) : analytics;
                }));

        ctx.tool(ToolInputs.tool(
                "shift_handoff",
                "The shift hand-off digest of a Slack channel over the last hours (default 12h): the alerts that fired "
                        + "and are still open (and those open from before), the alerts resolved and who resolved them "
                        + "(a person's reply or reaction, or the tool), and the questions nobody answered, each with a "
                        + "link. channel is a channel id (C0123ABC); it defaults to the channel of the request. format "
                        + "text returns {\"text\": the digest as readable lines} instead of the data.",
                HandoffInput.class,
                List.of("what happened on the last shift?", "hand-off for the last 8 hours", "what is still open?"),
                false,
                (input, call) -> {
                    boolean text = text(input.format());
                    Instant until = ctx.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                    ShiftHandoff h =
                            handoff(visibleChannel(input.channel(), call), until.minus(since(input.since())), until);
                    return text ? Map.of("text", HandoffText.of(h)) : h;
                }));

        this.rules = new RuleChanges(ctx);
        if (!ctx.docs().alertRuleSources().isEmpty()) {
            ctx.on(
                    "rules-yes",
                    new Subscription(EnumSet.of(EventType.THREAD_REPLY), Stage.REACT, false, RetryPolicy.DEFAULT),
                    rules::reply);
        }
        ctx.tool(ToolInputs.tool(
                "alert_rule_changes",
                "The noise section's tuning proposals of a Slack channel drafted as edits of the team's alert rule "
                        + "files (the alert-rules sources): per noisy alert where its rule is and what changes, and a "
                        + "unified diff per file. Changes nothing. channel is a channel id (C0123ABC); it defaults to the "
                        + "channel of the request. format text returns {\"text\": the drafts as readable lines}.",
                ReportInput.class,
                List.of("which alert rules should we change?", "draft the alert rule changes for the noise"),
                false,
                (input, call) -> {
                    boolean text = text(input.format());
                    RuleChanges.Draft d = ruleChanges(
                            visibleChannel(input.channel(), call),
                            ReportPeriod.endingAt(ctx.clock().instant(), days(input.days())));
                    return text ? Map.of("text", RuleChanges.text(d, false)) : d;
                }));
        ctx.tool(ToolInputs.tool(
                "open_alert_rule_pull_requests",
                "Opens pull requests with the drafted alert rule changes of a Slack channel's noise section (see "
                        + "alert_rule_changes), one per changed rule file, on the alert-rules source's Git host. "
                        + "channel is a channel id; it defaults to the channel of the request.",
                ReportInput.class,
                List.of("open the pull requests for the alert rule changes"),
                true,
                (input, call) -> {
                    boolean text = text(input.format());
                    RuleChanges.Draft d = ruleChanges(
                            visibleChannel(input.channel(), call),
                            ReportPeriod.endingAt(ctx.clock().instant(), days(input.days())));
                    List<RuleChanges.Opened> opened = rules.open(
                            d,
                            call == null || call.userId() == null
                                    ? null
                                    : call.userId().matches("[UW][A-Z0-9]+")
                                            ? ctx.slack().displayName(call.userId())
                                            : call.userId(),
                            null);
                    return text ? Map.of("text", RuleChanges.text(opened)) : opened;
                }));

        ctx.job(WEEKLY, RetryPolicy.DEFAULT, params -> weekly(params, channels));
        this.handoffTo = ctx.config().get(HANDOFF_TO);
        List<String> handoffTimes = ctx.config().get(HANDOFF_TIMES);
        List<String> handoffChannels = ctx.config().get(HANDOFF_CHANNELS).isEmpty()
                ? channels
                : ctx.config().get(HANDOFF_CHANNELS);
        this.handoffTimes = handoffTimes;
        this.handoffChannels = handoffChannels;
        ctx.job(HANDOFF, RetryPolicy.DEFAULT, params -> handoffs());
        if (!handoffTimes.isEmpty()) {
            if (handoffChannels.isEmpty()) {
                throw new IllegalArgumentException("report.handoff-times is set but there is no channel to hand "
                        + "over: set RATCHET_REPORT_HANDOFF_CHANNELS (or RATCHET_REPORT_CHANNELS) to channel ids "
                        + "(C0123ABC), or unset RATCHET_REPORT_HANDOFF_TIMES");
            }
            ctx.schedule(HANDOFF, HandoffSchedule.CRON, Map.of());
        }
        if (!schedule.isEmpty()) {
            if (channels.isEmpty()) {
                throw new IllegalArgumentException(
                        "report.schedule is set but report.channels is empty: set RATCHET_REPORT_CHANNELS "
                                + "to the channel ids to report on (C0123ABC,C0456DEF), or unset RATCHET_REPORT_SCHEDULE");
            }
            ctx.schedule(WEEKLY, schedule, Map.of());
        }
        // GET computes the report; POST posts it to the channel (once per channel and period) and returns it
        ctx.route(
                HttpMethod.GET,
                "channels/{channel}",
                request -> RouteHandler.Response.ok(
                        report(channelId(request.pathParams().get("channel")), period(request))));
        ctx.route(HttpMethod.GET, "alerts", request -> {
            String channel = request.query("channel")
                    .orElseThrow(
                            () -> new IllegalArgumentException("which channel? add ?channel=C0123ABC (a channel id)"));
            // since=DAYS as on the command line (ratchet alerts --since DAYS); days=N as the report's route has it
            Optional<Integer> days =
                    request.query("since").or(() -> request.query("days")).map(ReportModule::number);
            return RouteHandler.Response.ok(analytics(
                    channelId(channel), ReportPeriod.endingAt(ctx.clock().instant(), days(days))));
        });
        ctx.route(
                HttpMethod.POST,
                "channels/{channel}",
                request -> RouteHandler.Response.ok(
                        post(channelId(request.pathParams().get("channel")), period(request))));
    }

    private ReportPeriod period(RouteHandler.Request request) {
        return ReportPeriod.endingAt(
                ctx.clock().instant(), days(request.query("days").map(ReportModule::number)));
    }

    /** The alert analytics of {@code channel} over {@code period} and the period before it. */
    AlertAnalytics analytics(String channel, ReportPeriod period) {
        return analyzer().analyse(channel, period, hours(channel));
    }

    private AlertAnalyzer analyzer() {
        return new AlertAnalyzer(ctx.messages(), ctx.alerts(), flapWindow, shortFiring, botUsers());
    }

    /** The bot's own user id, whose reactions are not a person acting; none when Slack cannot say. */
    private Set<String> botUsers() {
        try {
            String user = ctx.slack().bot().userId();
            return user == null ? Set.of() : Set.of(user);
        } catch (Exception e) {
            return Set.of();
        }
    }

    /** The working hours of {@code channel}: its own time zone, else {@code report.time-zone}. */
    WorkingHours hours(String channel) {
        return WorkingHours.parse(workingHours, channelZones.getOrDefault(channel, timeZone));
    }

    /** The noise section over {@code noise-days} (at least the report's period) ending when {@code period} ends. */
    private ChannelReport.Noise noise(String channel, ReportPeriod period) {
        int days = Math.max(noiseDays, period.days());
        ReportPeriod window = new ReportPeriod(period.until().minus(Duration.ofDays(days)), period.until(), days);
        return new NoiseProposer(ctx.llm(), ctx.logger(), noiseMinFirings, flapWindow, shortFiring)
                .noise(analyzer().analyse(channel, window, hours(channel), false));
    }

    /** The noise section's proposals of {@code channel} drafted as rule file edits. */
    RuleChanges.Draft ruleChanges(String channel, ReportPeriod period) {
        return rules.draft(channel, noise(channel, period));
    }

    /** The report of {@code channel} over {@code period}. */
    ChannelReport report(String channel, ReportPeriod period) {
        return reportWithoutNoise(channel, period).withNoise(noise(channel, period));
    }

    private ChannelReport reportWithoutNoise(String channel, ReportPeriod period) {
        return new ChannelReporter(
                        ctx.messages(),
                        ctx.alerts(),
                        ctx.questions(),
                        ctx.slack(),
                        new Suggester(ctx.llm(), ctx.logger()),
                        ctx.clock(),
                        longOpen,
                        actGrace)
                .report(channel, period);
    }

    /** Posts the report, once per channel and period key. */
    PostedReport post(String channel, ReportPeriod period) throws Exception {
        ChannelReport report = report(channel, period);
        ReportMessage message = ReportMessage.of(report);
        SlackService.PostedMessage posted = ctx.slack()
                .post(
                        "report:" + channel + ":" + report.periodKey(),
                        new SlackService.Post(channel, null, message.text(), message.blocksJson()));
        rules.offer(posted.channelId(), posted.ts(), report.periodKey(), report.noise());
        return new PostedReport(posted.channelId(), posted.ts(), report);
    }

    /**
     * Posts the report of each channel (params {@code channels}, else option {@code channels}) over whole days, so
     * that a retry reports and keys exactly the same period; a channel that fails does not stop the others, and the
     * retry posts only what is missing.
     */
    private void weekly(Map<String, Object> params, List<String> configured) throws Exception {
        List<String> channels = new ArrayList<>();
        if (params.get("channels") instanceof List<?> list) {
            list.forEach(c -> channels.add(channelId(String.valueOf(c))));
        } else if (params.get("channel") != null) {
            channels.add(channelId(String.valueOf(params.get("channel"))));
        } else {
            channels.addAll(configured);
        }
        if (channels.isEmpty()) {
            ctx.logger()
                    .log(
                            System.Logger.Level.INFO,
                            "no channels to report on; set RATCHET_REPORT_CHANNELS (C0123ABC,C0456DEF)");
            return;
        }
        int days = params.get("days") instanceof Number n ? n.intValue() : defaultDays;
        ReportPeriod period = ReportPeriod.wholeDaysBefore(ctx.clock().instant(), days);
        List<String> failed = new ArrayList<>();
        Exception first = null;
        for (String channel : channels) {
            try {
                post(channel, period);
            } catch (Exception e) {
                ctx.logger()
                        .log(System.Logger.Level.WARNING, "report of " + channel + " not posted: " + e.getMessage());
                failed.add(channel);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IllegalStateException(
                    "the reports of " + String.join(", ", failed) + " were not posted: " + first.getMessage(), first);
        }
    }

    /** The hand-off digest of {@code channel} over {@code [since, until)}, times shown in the channel's zone. */
    ShiftHandoff handoff(String channel, Instant since, Instant until) {
        return new Handoffs(ctx.messages(), ctx.alerts(), ctx.questions(), ctx.slack(), botUsers())
                .handoff(channel, since, until, zone(channel));
    }

    private ZoneId zone(String channel) {
        return channelZones.getOrDefault(channel, timeZone);
    }

    /**
     * The scheduled run: for each channel whose shift changed within {@link HandoffSchedule#GRACE}, posts the shift's
     * digest in the channel and sends it to the incoming on-call, each keyed by channel and shift change, so the runs
     * after it, a retry and other workers post nothing twice. A channel that fails does not stop the others.
     */
    void handoffs() throws Exception {
        List<String> times = handoffTimes;
        List<String> channels = handoffChannels;
        if (times.isEmpty() || channels.isEmpty()) {
            ctx.logger()
                    .log(
                            System.Logger.Level.INFO,
                            "no shift hand-off to post; set RATCHET_REPORT_HANDOFF_TIMES (09:00,21:00) and "
                                    + "RATCHET_REPORT_HANDOFF_CHANNELS (C0123ABC)");
            return;
        }
        HandoffSchedule schedule = HandoffSchedule.parse(times);
        Instant now = ctx.clock().instant();
        List<String> failed = new ArrayList<>();
        Exception first = null;
        for (String channel : channels) {
            Optional<HandoffSchedule.Shift> shift = schedule.due(now, zone(channel));
            if (shift.isEmpty()) {
                continue;
            }
            try {
                postHandoff(channel, shift.get());
            } catch (Exception e) {
                ctx.logger()
                        .log(
                                System.Logger.Level.WARNING,
                                "shift hand-off of " + channel + " not posted: " + e.getMessage());
                failed.add(channel);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IllegalStateException(
                    "the shift hand-offs of " + String.join(", ", failed) + " were not posted: " + first.getMessage(),
                    first);
        }
    }

    /** Posts one shift's digest in the channel and to each incoming on-call person allowed to see it. */
    void postHandoff(String channel, HandoffSchedule.Shift shift) throws Exception {
        ShiftHandoff h = handoff(channel, shift.since(), shift.until());
        String text = HandoffText.mrkdwn(h);
        String key = "handoff:" + channel + ":" + shift.until();
        ctx.slack().post(key, new SlackService.Post(channel, null, text, null));
        List<String> people = recipients(channel);
        if (people.isEmpty()) {
            return;
        }
        // a private channel's (or a DM's) digest goes only to its members: visibleIn is true elsewhere only for a
        // public channel
        if (!ctx.messages().visibleIn(channel, "elsewhere")) {
            Set<String> members = Set.copyOf(ctx.slack().channelMembers(channel));
            List<String> outsiders =
                    people.stream().filter(p -> !members.contains(p)).toList();
            if (!outsiders.isEmpty()) {
                ctx.logger()
                        .log(
                                System.Logger.Level.INFO,
                                "shift hand-off of private channel " + channel + " not sent to " + outsiders
                                        + ": not members of it");
            }
            people = people.stream().filter(members::contains).toList();
        }
        for (String person : people) {
            ctx.slack().post(key + ":dm:" + person, new SlackService.Post(person, null, text, null));
        }
    }

    /** The people {@code report.handoff-to} names for {@code channel}, user groups asked of Slack now. */
    private List<String> recipients(String channel) throws Exception {
        java.util.LinkedHashSet<String> people = new java.util.LinkedHashSet<>();
        for (String entry : handoffTo) {
            int eq = entry.indexOf('=');
            if (eq > 0 && !entry.substring(0, eq).trim().equals(channel)) {
                continue;
            }
            String id = entry.substring(eq + 1).trim();
            if (id.startsWith("S")) {
                people.addAll(ctx.slack().userGroupMembers(id));
            } else {
                people.add(id);
            }
        }
        return List.copyOf(people);
    }

    private static boolean isRecipient(String entry) {
        int eq = entry.indexOf('=');
        String id = entry.substring(eq + 1).trim();
        return RECIPIENT.matcher(id).matches()
                && (eq < 0 || CHANNEL_ID.matcher(entry.substring(0, eq).trim()).matches());
    }

    /** {@code 12h}, {@code 90m}, {@code 2d}: how far back a hand-off goes, up to the report's longest period. */
    static Duration since(Optional<String> since) {
        String s = since.map(String::trim).filter(t -> !t.isEmpty()).orElse("12h");
        Matcher m = SINCE.matcher(s.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "since must be a number of minutes, hours or days such as 12h, 90m or " + "1d, was '" + s + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(Duration.ofDays(ReportPeriod.MAX_DAYS)) > 0) {
            throw new IllegalArgumentException(
                    "since must be more than 0 and at most " + ReportPeriod.MAX_DAYS + "d, was '" + s + "'");
        }
        return d;
    }

    /** Whether the tool input asks for text; checked before the report is made, so a bad format posts nothing. */
    private static boolean text(Optional<String> format) {
        String f = format.map(String::trim).orElse("json");
        return switch (f) {
            case "json", "" -> false;
            case "text" -> true;
            default -> throw new IllegalArgumentException("format must be json or text, was '" + format.get() + "'");
        };
    }

    private static Map<String, String> asText(ChannelReport report) {
        return Map.of("text", ReportText.of(report));
    }

    private int days(Optional<Integer> days) {
        return days.orElse(defaultDays);
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone.trim());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isChannelZone(String pair) {
        int eq = pair.indexOf('=');
        return eq > 0 && CHANNEL_ID.matcher(pair.substring(0, eq).trim()).matches() && isZone(pair.substring(eq + 1));
    }

    private static boolean isWorkingHours(String spec) {
        try {
            WorkingHours.parse(spec, ZoneId.of("UTC"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("days must be a whole number, was '" + text + "'");
        }
    }

    /**
     * The channel to report on, if the tool's result may be shown where it was called: a private channel's or a DM's
     * report only in that conversation (MessageService.visibleIn).
     */
    private String visibleChannel(Optional<String> channel, Tool.ToolCall call) {
        String reported = channel(channel, call);
        if (call != null && call.channelId() != null && !ctx.messages().visibleIn(reported, call.channelId())) {
            throw new IllegalArgumentException("channel " + reported
                    + " is private or a DM (or not known yet): ask for its report in that channel");
        }
        return reported;
    }

    private static String channel(Optional<String> channel, Tool.ToolCall call) {
        if (channel.isPresent() && !channel.get().isBlank()) {
            return channelId(channel.get());
        }
        if (call != null && call.channelId() != null) {
            return call.channelId();
        }
        throw new IllegalArgumentException("which channel? give its id, such as C0123ABC");
    }

    /** A channel id from an id, {@code #C0123ABC} or Slack's link markup {@code <#C0123ABC|name>}. */
    static String channelId(String text) {
        String t = text == null ? "" : text.trim();
        Matcher link = CHANNEL_LINK.matcher(t);
        if (link.matches()) {
            t = link.group(1);
        }
        t = t.startsWith("#") ? t.substring(1) : t;
        if (!CHANNEL_ID.matcher(t).matches()) {
            throw new IllegalArgumentException(
                    "channel '" + text + "' is not a channel id; give its id, such as C0123ABC "
                            + "(in Slack: the channel's details, at the bottom)");
        }
        return t;
    }
}
