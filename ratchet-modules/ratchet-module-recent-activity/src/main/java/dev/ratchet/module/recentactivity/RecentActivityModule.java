package dev.ratchet.module.recentactivity;

import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.SlackUnavailableException;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.SlackIds;
import dev.ratchet.spi.kit.ToolInputs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Recent activity: the messages of the last days most relevant to an alert or a question, found by hybrid search
 * (full-text and embeddings, fused by reciprocal rank) and leaving out what bots posted (alerts themselves, the bot's
 * own posts), so that what people said and did comes first. Exposed as the {@code search_messages} tool, which the
 * {@code commands} agent, the runbook module and {@code ratchet search} use.
 *
 * <p>When an alert fires (the classifier's {@code open}) and the {@code runbook} module is not enabled, the activity
 * is posted in the alert's thread on its own, as the Go Ratchet did; with the runbook module it is part of the
 * runbook's post instead. One post per alert: its key is the alert's, shared with {@code POST
 * /api/modules/recent-activity/channels/{channel}/alerts/{ts}}, so a redelivered event, a retried run or a later POST
 * finds it already posted. Nothing is posted when nothing relevant was said.
 */
public final class RecentActivityModule implements RatchetModule {

    static final ConfigOption<Duration> WINDOW = ConfigOption.duration("window", Duration.ofDays(7))
            .validatedBy(d -> d.toHours() >= 1, "at least 1h")
            .describedAs("how far back recent activity looks by default");
    static final ConfigOption<Integer> LIMIT =
            ConfigOption.integer("limit", 10, 1, 100).describedAs("results returned by default");

    /** The tool's input. */
    public record SearchInput(
            String query,
            Optional<String> channel,
            Optional<Integer> days,
            Optional<Integer> limit,
            Optional<Boolean> includeBots) {}

    /** One result, with names instead of ids. */
    public record Result(
            String channel,
            String ts,
            String threadTs,
            String author,
            String text,
            String postedAt,
            double score,
            int lexicalRank,
            int semanticRank) {}

    private static final Pattern CHANNEL_ID = SlackIds.CHANNEL_ID;
    private static final Pattern TS = Pattern.compile("\\d{1,12}\\.\\d{1,6}");
    /** The runbook module's tool: when it is registered, the runbook's post carries the recent activity. */
    static final String RUNBOOK_TOOL = "alert_runbook";

    private ModuleContext ctx;

    @Override
    public String id() {
        return "recent-activity";
    }

    /** {@code classifier}: the classifier embeds the messages (the semantic half of the search) and records the alerts it looks around. */
    @Override
    public Set<String> requires() {
        return Set.of("classifier");
    }

    @Override
    public String description() {
        return "hybrid lexical + semantic search of recent messages relevant to an alert or a question";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(WINDOW, LIMIT);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        Duration window = context.config().get(WINDOW);
        int limit = context.config().get(LIMIT);
        // alerts opening, when the runbook (which quotes this module's search) is not enabled: other messages get no
        // job (onMessage returns on them at once)
        context.on(
                "alert-opened",
                Subscription.to(EventType.MESSAGE).when(e -> e.live() && !runbookEnabled() && opens(e.message())),
                event -> onMessage(event, window, limit));
        context.tool(ToolInputs.tool(
                "search_messages",
                "Search recent Slack messages (people's, not bots') relevant to a question or an alert, by words and by meaning. "
                        + "Returns the best matches with channel, author, time and text. Use it to find what happened recently about a "
                        + "service, an error or an incident.",
                SearchInput.class,
                List.of(
                        "what happened to db-1 this week?",
                        "any recent discussion about the payments outage?",
                        "search for disk full"),
                false,
                // the results are shown where the tool was called: only what that channel may see, and not the
                // conversation the request is in (its own message would be the best hit) nor the bot's own posts
                (input, call) -> {
                    // the bot is known only with Slack; a call from the CLI or the API has no conversation to leave out
                    SlackService.BotIdentity me = call.threadTs() == null ? null : botOrNull(context);
                    return search(
                            input.query(),
                            input.channel().orElse(null),
                            call.channelId(),
                            input.days()
                                    .map(d -> Duration.ofDays(Math.max(1, d)))
                                    .orElse(window),
                            input.limit().orElse(limit),
                            input.includeBots().orElse(false),
                            context.clock(),
                            m -> inConversation(m, call) || toOrByTheBot(m, me));
                }));
        context.route(HttpMethod.GET, "search", request -> {
            Map<String, Object> page = new LinkedHashMap<>(); // the API's list shape; one page: the best hits
            page.put(
                    "items",
                    search(
                            request.query("q")
                                    .filter(q -> !q.isBlank())
                                    .orElseThrow(() -> new IllegalArgumentException(
                                            "the query parameter q is required, e.g. q=disk%20full")),
                            request.query("channel")
                                    .map(RecentActivityModule::channelId)
                                    .orElse(null),
                            // a named channel: what it may see, its own messages (the operator's API, else)
                            request.query("channel")
                                    .map(RecentActivityModule::channelId)
                                    .orElse(null),
                            request.query("days")
                                    .map(d -> Duration.ofDays(number("days", d, 365)))
                                    .orElse(window),
                            request.query("limit")
                                    .map(l -> number("limit", l, 100))
                                    .orElse(limit),
                            false,
                            context.clock()));
            page.put("next_cursor", null);
            return RouteHandler.Response.ok(page);
        });
        // GET: the activity before an alert message; POST: also posted in the alert's thread, once
        context.route(
                HttpMethod.GET, "channels/{channel}/alerts/{ts}", request -> forAlert(request, window, limit, false));
        context.route(
                HttpMethod.POST, "channels/{channel}/alerts/{ts}", request -> forAlert(request, window, limit, true));
    }

    /** Hits asked for beyond the limit, so that leaving some out still fills it. */
    private static final int LEFT_OUT_MARGIN = 10;

    private static SlackService.BotIdentity botOrNull(ModuleContext context) {
        try {
            return context.slack().bot();
        } catch (SlackUnavailableException e) {
            return null;
        }
    }

    /** Whether a message is in the thread (or is the message) a tool call came from. */
    static boolean inConversation(Message m, Tool.ToolCall call) {
        if (call.threadTs() == null || !m.channelId().equals(call.channelId())) {
            return false;
        }
        return call.threadTs().equals(m.ts())
                || m.threadTs().filter(call.threadTs()::equals).isPresent();
    }

    /**
     * Whether a message is one of the bot's own posts (runbooks, answers) or a request to it: never evidence of what
     * people did, and a request shares the words of the search it asks for.
     */
    static boolean toOrByTheBot(Message m, SlackService.BotIdentity me) {
        if (me == null) {
            return false;
        }
        return m.userId().filter(me.userId()::equals).isPresent()
                || m.botId().filter(me.botId()::equals).isPresent()
                || m.text().contains("<@" + me.userId() + ">")
                || m.text().contains("<@" + me.userId() + "|");
    }

    private RouteHandler.Response forAlert(RouteHandler.Request request, Duration window, int limit, boolean post)
            throws Exception {
        String channel = channelId(request.pathParams().get("channel"));
        String ts = request.pathParams().get("ts");
        if (!TS.matcher(ts).matches()) {
            throw new IllegalArgumentException("ts '" + ts
                    + "' is not a Slack message ts; give the alert message's ts, such as 1700000000.000100");
        }
        Optional<Message> found = ctx.messages().get(channel, ts);
        if (found.isEmpty()) {
            return new RouteHandler.Response(
                    404,
                    Map.of(
                            "error",
                            Map.of("code", "not_found", "message", "no stored message " + ts + " in " + channel)));
        }
        Message alert = found.get();
        String query = query(alert);
        List<Result> results = forAlert(alert, query, window, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel", channel);
        out.put("ts", ts);
        out.put("query", query);
        out.put("results", results);
        if (post) {
            SlackService.PostedMessage posted = post(alert, results, window);
            out.put("posted", Map.of("channel", posted.channelId(), "ts", posted.ts(), "thread_ts", ts));
        }
        return RouteHandler.Response.ok(out);
    }

    /** A live message: when it opens an alert and no runbook will carry its activity, the activity in its thread. */
    void onMessage(ChannelEvent event, Duration window, int limit) throws SlackUnavailableException {
        Message m = event.message();
        if (!opens(m) || !event.live() || runbookEnabled()) {
            return;
        }
        List<Result> results = forAlert(m, query(m), window, limit);
        if (results.isEmpty()) {
            return; // an empty post in every alert's thread would be noise
        }
        post(m, results, window);
    }

    private boolean opens(Message m) {
        return ctx.alerts()
                .of(m)
                .filter(e -> e.action() == AlertEvent.Action.OPEN)
                .isPresent();
    }

    private boolean runbookEnabled() {
        return ctx.tools().stream().anyMatch(t -> t.name().equals(RUNBOOK_TOOL));
    }

    /** The classifier's service and alert name find what people said about them; unclassified, the text itself. */
    private String query(Message alert) {
        return ctx.alerts()
                .of(alert)
                .map(c -> c.service() + " " + c.alert())
                .orElseGet(() -> ctx.slack().readable(alert.text()));
    }

    /** The activity before {@code alert}, as shown (and posted) in its thread: only what its channel may see. */
    private List<Result> forAlert(Message alert, String query, Duration window, int limit) {
        return search(
                query, null, alert.channelId(), window, limit, false, Clock.fixed(alert.postedAt(), ZoneOffset.UTC));
    }

    /** The post key of an alert's activity: one post per alert, whether the live handler or the API posts it. */
    static String postKey(String channel, String ts) {
        return "recent-activity:alert:" + channel + ":" + ts;
    }

    private SlackService.PostedMessage post(Message alert, List<Result> results, Duration window)
            throws SlackUnavailableException {
        StringBuilder text = new StringBuilder("*Recent activity* related to this alert");
        if (results.isEmpty()) {
            text.append(": nothing in the last ").append(window.toDays()).append(" days.");
        }
        for (Result r : results) {
            // readable and escaped again rather than Slack's own mrkdwn: a quoted <@U123> or <!channel> would notify
            // those people each time activity is posted; truncate never cuts an escape in two
            String line = BlockKit.escape(r.text().replace('\n', ' ').strip()); // readable already
            text.append("\n• ")
                    .append(BlockKit.link(ctx.slack().permalink(r.channel(), r.ts()), r.author()))
                    .append(": ")
                    .append(BlockKit.truncate(line, 200));
        }
        return ctx.slack()
                .post(
                        postKey(alert.channelId(), alert.ts()),
                        SlackService.Post.reply(alert.channelId(), alert.ts(), text.toString()));
    }

    private static int number(String name, String text, int max) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + max + ", not '" + text + "'");
    }

    private static String channelId(String text) {
        if (!CHANNEL_ID.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "channel '" + text + "' is not a channel id; give its id, such as C0123ABC");
        }
        return text;
    }

    /**
     * The search behind the tool: newest window of {@code window}, best {@code limit} hits, of {@code channel} (null:
     * all), keeping only what may be shown in {@code visibleIn} (its own and public channels' messages; null: no
     * restriction, for the operator's CLI and API).
     */
    public List<Result> search(
            String query,
            String channel,
            String visibleIn,
            Duration window,
            int limit,
            boolean includeBots,
            Clock clock) {
        return search(query, channel, visibleIn, window, limit, includeBots, clock, null);
    }

    /** {@link #search} without the messages {@code leaveOut} (null: none) matches, still up to {@code limit} of them. */
    List<Result> search(
            String query,
            String channel,
            String visibleIn,
            Duration window,
            int limit,
            boolean includeBots,
            Clock clock,
            Predicate<Message> leaveOut) {
        Instant now = clock.instant();
        int wanted = Math.min(100, Math.max(1, limit));
        MessageService.Search search = new MessageService.Search(
                query,
                null,
                channel == null ? List.of() : List.of(channel),
                now.minus(window),
                now.plusSeconds(1),
                Math.min(100, wanted + (leaveOut == null ? 0 : LEFT_OUT_MARGIN)),
                includeBots);
        List<MessageService.SearchHit> hits = visibleIn == null
                ? ctx.messages().search(search)
                : ctx.messages().searchVisibleIn(visibleIn, search);
        SlackService slack = ctx.slack();
        List<Result> results = new ArrayList<>();
        for (MessageService.SearchHit hit : hits) {
            Message m = hit.message();
            if (results.size() == wanted) {
                break;
            }
            if (leaveOut != null && leaveOut.test(m)) {
                continue;
            }
            String author = m.userId()
                    .map(slack::displayName)
                    .or(() -> Optional.ofNullable((String) m.attrs().get("username")))
                    .or(() -> m.botId().map(slack::displayName))
                    .orElse("someone");
            // readable text: for the LLM (tool results), the API and the posted lines alike
            results.add(new Result(
                    m.channelId(),
                    m.ts(),
                    m.threadTs().orElse(null),
                    author,
                    slack.readable(m.text()),
                    m.postedAt().toString(),
                    Math.round(hit.score() * 10_000) / 10_000.0,
                    hit.lexicalRank(),
                    hit.semanticRank()));
        }
        return results;
    }
}
