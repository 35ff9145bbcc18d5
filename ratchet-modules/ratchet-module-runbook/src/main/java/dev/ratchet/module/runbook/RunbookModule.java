package dev.ratchet.module.runbook;

import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.spi.kit.LlmFallback;
import dev.ratchet.spi.kit.ModelText;
import dev.ratchet.spi.kit.Schema;
import dev.ratchet.spi.kit.SlackIds;
import dev.ratchet.spi.kit.ToolInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When an alert fires in a live message, a runbook in its thread: built from how people handled the past occurrences
 * of the same service and alert (their thread replies, not the bot's), with the LLM when there is one (overview,
 * historical root causes, resolution steps, and queries for recent activity) and extractively when there is none
 * (past occurrences and the replies that carried commands or resolutions), followed by recent related activity.
 *
 * <p>It reads the alert events the classifier records (an {@link AlertEvent.Action#OPEN}), so it runs in the REACT stage
 * after classification. History never gets a runbook (live events only), and a retried job finds its post by key.
 *
 * <p>With {@code group-window} set, alerts of one service firing in a channel within the window of each other share one
 * runbook: the first gets its own at once (no wait when it fires alone); each later one gets a one-line pointer in its
 * thread and queues the job {@code group-runbook} (deduplicated per group) that, when the first's window has passed,
 * posts the group in the first's thread once. An alert whose handler runs before the classifier recorded an earlier
 * one of its group gets its own runbook, as without grouping.
 */
public final class RunbookModule implements RatchetModule {

    static final ConfigOption<Duration> LOOKBACK = ConfigOption.duration("lookback", Duration.ofDays(90))
            .describedAs("how far back to look for past occurrences of an alert");
    static final ConfigOption<Integer> OCCURRENCES =
            ConfigOption.integer("occurrences", 5, 1, 20).describedAs("past occurrences used for a runbook");
    static final ConfigOption<Duration> RECENT = ConfigOption.duration("recent-window", Duration.ofDays(7))
            .describedAs("window of the recent activity shown with a runbook");
    /** Alerts of one service firing within this long of the first share one grouped runbook; zero for off. */
    static final ConfigOption<Duration> GROUP_WINDOW = ConfigOption.duration("group-window", Duration.ZERO)
            .orWord("off", Duration.ZERO)
            .describedAs("alerts of one service firing in a channel within this long of the first get one grouped "
                    + "runbook in the first's thread and a one-line pointer each; off (the default) for a runbook per "
                    + "alert");

    /** The job posting a group's runbook once its window has passed. */
    static final String GROUP_JOB = "group-runbook";
    /** Alerts listed in one grouped runbook; a storm beyond this is counted. */
    static final int MAX_GROUP = 20;

    /** The LLM's runbook, and the queries for recent activity; its JSON Schema is derived from it. */
    record Generated(
            String overview,
            @Schema(name = "root_causes", maxItems = 5) List<String> rootCauses,
            @Schema(minItems = 1, maxItems = 10) List<String> steps,
            @Schema(name = "lexical_query") String lexicalQuery,
            @Schema(name = "semantic_query") String semanticQuery) {}

    /** Replies worth quoting when there is no LLM: commands, code, and words of resolution. */
    private static final Pattern USEFUL = Pattern.compile(
            "`|\\b(kubectl|restart|rollback|roll back|rolled back|revert|scaled?|fixed|resolved|"
                    + "root cause|caused by|because|freed|rotated|failover|drained|increased|decreased|patched)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern CHANNEL_ID = SlackIds.CHANNEL_ID;
    private static final Pattern TS = Pattern.compile("\\d{1,12}\\.\\d{1,6}");

    private ModuleContext ctx;
    private Duration lookback;
    private int occurrences;
    private Duration recent;
    private Duration groupWindow;

    @Override
    public String id() {
        return "runbook";
    }

    /** {@code classifier}: the alerts the classifier records start it, and their past occurrences are what it reads. */
    @Override
    public Set<String> requires() {
        return Set.of("classifier");
    }

    @Override
    public String description() {
        return "when an alert fires: a runbook from past occurrences and recent activity, in its thread";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(LOOKBACK, OCCURRENCES, RECENT, GROUP_WINDOW);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        this.lookback = context.config().get(LOOKBACK);
        this.occurrences = context.config().get(OCCURRENCES);
        this.recent = context.config().get(RECENT);
        this.groupWindow = context.config().get(GROUP_WINDOW);
        // alerts opening only: other messages get no job (onMessage returns on them at once)
        context.on(
                "alert-opened",
                Subscription.to(EventType.MESSAGE)
                        .when(e -> e.live()
                                && !e.message().deleted()
                                && opened(e.message()).isPresent()),
                this::onMessage);
        context.job(GROUP_JOB, RetryPolicy.DEFAULT, this::postGroup);
        context.tool(ToolInputs.tool(
                "alert_runbook",
                "The runbook for one alert message (channel id and message ts): how its past occurrences were handled, the likely "
                        + "root causes and steps, and recent related activity. Read-only: it does not post.",
                RunbookInput.class,
                List.of("give me the runbook for this alert", "how did we fix DiskFull last time?"),
                false,
                (input, call) -> {
                    Message alert = firing(input.channel(), input.ts())
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "no stored message " + input.ts() + " in " + input.channel()));
                    // the result is shown where the tool was called: it quotes only what that channel may see
                    String audience = call.channelId() == null ? alert.channelId() : call.channelId();
                    if (!ctx.messages().visibleIn(alert.channelId(), audience)) {
                        throw new IllegalArgumentException("the alert is in a private channel or a DM;"
                                + " ask for its runbook in that conversation");
                    }
                    return summary(build(alert, audience));
                }));
        // GET computes the runbook of an alert message; POST also posts it in the alert's thread, once
        context.route(HttpMethod.GET, "channels/{channel}/alerts/{ts}", request -> route(request, false));
        context.route(HttpMethod.POST, "channels/{channel}/alerts/{ts}", request -> route(request, true));
    }

    private RouteHandler.Response route(RouteHandler.Request request, boolean post) throws Exception {
        String channel = request.pathParams().get("channel");
        String ts = request.pathParams().get("ts");
        if (!CHANNEL_ID.matcher(channel).matches()) {
            throw new IllegalArgumentException(
                    "channel '" + channel + "' is not a channel id; give its id, such as C0123ABC");
        }
        if (!TS.matcher(ts).matches()) {
            throw new IllegalArgumentException("ts '" + ts
                    + "' is not a Slack message ts; give the alert message's ts, such as 1700000000.000100");
        }
        Optional<Message> alert = firing(channel, ts);
        if (alert.isEmpty()) {
            return new RouteHandler.Response(
                    404,
                    Map.of(
                            "error",
                            Map.of("code", "not_found", "message", "no stored message " + ts + " in " + channel)));
        }
        Runbook runbook = build(alert.get());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel", channel);
        out.put("ts", ts);
        out.putAll(summary(runbook));
        out.put("blocks", JsonText.parse(runbook.blocks()));
        if (post) {
            // the live handler's key: an alert that already got its runbook keeps that one, and POST twice posts once
            SlackService.PostedMessage posted = ctx.slack()
                    .post(
                            postKey(channel, ts),
                            new SlackService.Post(channel, ts, runbook.fallback(), runbook.blocks()));
            out.put("posted", Map.of("channel", posted.channelId(), "ts", posted.ts(), "thread_ts", ts));
        }
        return RouteHandler.Response.ok(out);
    }

    /**
     * The stored message at {@code ts}, if any.
     *
     * @throws IllegalArgumentException when it is not an alert the classifier recognised as firing
     */
    private Optional<Message> firing(String channel, String ts) {
        Optional<Message> alert = ctx.messages().get(channel, ts);
        if (alert.isPresent() && opened(alert.get()).isEmpty()) {
            throw new IllegalArgumentException(
                    "message " + ts + " is not an alert the classifier recognised as firing");
        }
        return alert;
    }

    /** The alert a message opened, if it opened one. */
    private Optional<AlertEvent> opened(Message message) {
        return ctx.alerts().of(message).filter(e -> e.action() == AlertEvent.Action.OPEN);
    }

    /** The runbook to post in the alert's own channel. */
    private Runbook build(Message alert) {
        return build(alert, alert.channelId());
    }

    /** The runbook shown in {@code audience}: it quotes only messages that channel may see. */
    private Runbook build(Message alert, String audience) {
        AlertEvent opened = opened(alert).orElseThrow();
        return build(alert, opened.service(), opened.alert(), audience);
    }

    /** The runbook as plain text, for tools and the API. */
    private static Map<String, Object> summary(Runbook runbook) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", runbook.fallback());
        out.put("text", plain(runbook.blocks()));
        return out;
    }

    /** The tool's input: the alert message. */
    public record RunbookInput(String channel, String ts) {}

    /** Block Kit as plain text, links as "label (url)", for tools and the terminal. */
    static String plain(String blocksJson) {
        StringBuilder out = new StringBuilder();
        for (Object block : (List<?>) JsonText.parse(blocksJson)) {
            Map<?, ?> b = (Map<?, ?>) block;
            Object text = b.get("text") instanceof Map<?, ?> t ? t.get("text") : null;
            if (b.get("elements") instanceof List<?> elements) {
                for (Object e : elements) {
                    if (e instanceof Map<?, ?> el && el.get("text") != null) {
                        text = el.get("text");
                    }
                }
            }
            if (text != null) {
                String line = String.valueOf(text)
                        .replaceAll("<([^|>]+)\\|([^>]+)>", "$2 ($1)")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&");
                out.append(line).append("\n\n");
            }
        }
        return out.toString().strip();
    }

    void onMessage(ChannelEvent event) throws Exception {
        Message alert = event.message();
        if (!event.live() || alert.deleted() || opened(alert).isEmpty()) {
            return;
        }
        AlertEvent opened = opened(alert).orElseThrow();
        Optional<AlertEvent> first = groupWindow.isZero() ? Optional.empty() : groupFirst(opened);
        if (first.isPresent()) {
            joinGroup(alert, opened, first.get());
            return;
        }
        Runbook runbook = build(alert);
        ctx.slack()
                .post(
                        postKey(alert.channelId(), alert.ts()),
                        new SlackService.Post(alert.channelId(), alert.ts(), runbook.fallback(), runbook.blocks()));
    }

    /**
     * The first alert of the group {@code opened} belongs to, when that is another alert: the earliest open of the
     * same service in the channel within the window before it, and before that one's own window, and so on (a storm
     * that keeps firing stays one group). Empty for an alert without a service, or the first of its group.
     */
    private Optional<AlertEvent> groupFirst(AlertEvent opened) {
        if (opened.service().isBlank()) {
            return Optional.empty();
        }
        AlertEvent first = opened;
        for (int hops = 0; hops < MAX_GROUP; hops++) {
            Optional<AlertEvent> earlier = earliestBefore(first);
            if (earlier.isEmpty()) {
                break;
            }
            first = earlier.get();
        }
        return first == opened ? Optional.empty() : Optional.of(first);
    }

    /** The earliest open of the same service and channel within the window before {@code e} (not {@code e}). */
    private Optional<AlertEvent> earliestBefore(AlertEvent e) {
        String channel = e.message().channelId();
        return ctx
                .alerts()
                .inChannel(
                        channel,
                        AlertEvent.Action.OPEN,
                        e.at().minus(groupWindow),
                        e.at().plusSeconds(1),
                        MAX_GROUP * 5)
                .stream()
                .filter(o -> o.service().equals(e.service()) && earlier(o, e))
                .findFirst();
    }

    /** Whether {@code a} was posted before {@code b}: Slack ts order, which is time order within a channel. */
    private static boolean earlier(AlertEvent a, AlertEvent b) {
        return new java.math.BigDecimal(a.message().ts())
                        .compareTo(new java.math.BigDecimal(b.message().ts()))
                < 0;
    }

    /**
     * {@code alert} fired with others: a one-line pointer in its thread (under the alert's runbook key, so a retry,
     * another process or the API's POST finds it done), and the group's runbook queued for when the first alert's
     * window has passed (deduplicated per group, so the group's other alerts queue it once).
     */
    private void joinGroup(Message alert, AlertEvent opened, AlertEvent first) throws Exception {
        String channel = alert.channelId();
        String firstTs = first.message().ts();
        String link = BlockKit.link(ctx.slack().permalink(channel, firstTs), "the first alert's thread");
        String name = opened.alert().isBlank() ? "this alert" : opened.alert();
        String text = BlockKit.escape(name) + " is firing together with "
                + BlockKit.escape(first.alert().isBlank() ? "another alert" : first.alert()) + " on "
                + BlockKit.escape(opened.service()) + ": one runbook for them all in " + link + ".";
        ctx.slack().post(postKey(channel, alert.ts()), new SlackService.Post(channel, alert.ts(), text, null));
        Duration wait = Duration.between(ctx.clock().instant(), first.at().plus(groupWindow));
        ctx.jobs()
                .enqueueIn(
                        wait.isNegative() ? Duration.ZERO : wait,
                        GROUP_JOB,
                        "group:" + channel + ":" + firstTs,
                        Map.of("channel", channel, "ts", firstTs));
    }

    /**
     * The group job: in the first alert's thread, once ({@code runbook:group:} key), the alerts firing together and a
     * runbook summary of each other alert name (the first's own runbook is already in the thread).
     */
    private void postGroup(Map<String, Object> params) throws Exception {
        String channel = String.valueOf(params.get("channel"));
        String ts = String.valueOf(params.get("ts"));
        Optional<Message> firstMessage = ctx.messages().get(channel, ts);
        Optional<AlertEvent> first = firstMessage.flatMap(this::opened);
        if (first.isEmpty() || firstMessage.get().deleted()) {
            return; // edited into something else or deleted since: nothing to group under
        }
        List<AlertEvent> members = new ArrayList<>();
        Instant end = first.get().at().plus(groupWindow);
        for (AlertEvent o : ctx.alerts()
                .inChannel(channel, AlertEvent.Action.OPEN, first.get().at(), end.plusSeconds(1), MAX_GROUP * 5)) {
            if (o.service().equals(first.get().service())
                    && !earlier(o, first.get())
                    && (members.isEmpty()
                            || !o.at().isAfter(
                                            members.get(members.size() - 1).at().plus(groupWindow)))) {
                members.add(o);
            }
        }
        if (members.size() < 2) {
            return;
        }
        String service = first.get().service();
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (AlertEvent m : members.subList(0, Math.min(MAX_GROUP, members.size()))) {
            String name = m.alert().isBlank() ? "alert" : m.alert();
            lines.add("• "
                    + BlockKit.link(ctx.slack().permalink(channel, m.message().ts()), name)
                    + " fired " + m.at().toString().substring(11, 19) + " UTC");
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (members.size() > MAX_GROUP) {
            lines.add("…and " + (members.size() - MAX_GROUP) + " more");
        }
        String title = members.size() + " alerts firing together on " + service;
        BlockKit blocks = BlockKit.empty().header(title).section(String.join("\n", lines));
        List<String> summaries = new ArrayList<>();
        String firstName = first.get().alert().isBlank() ? "alert" : first.get().alert();
        for (String name : names) {
            if (name.equals(firstName)) {
                continue;
            }
            AlertEvent m = members.stream()
                    .filter(x -> name.equals(x.alert().isBlank() ? "alert" : x.alert()))
                    .findFirst()
                    .orElseThrow();
            Optional<Message> message = ctx.messages().get(channel, m.message().ts());
            if (message.isPresent()) {
                summaries.add("• "
                        + BlockKit.escape(build(message.get(), service, m.alert(), channel)
                                .fallback()));
            }
        }
        blocks = blocks.section("*Runbook*\nThe runbook of " + BlockKit.escape(firstName) + " is above in this thread."
                + (summaries.isEmpty() ? "" : " The others:\n" + String.join("\n", summaries)));
        blocks = blocks.divider()
                .context("Posted by Ratchet's *runbook* module: alerts of one service within " + groupWindow.toSeconds()
                        + "s of each other share one runbook.");
        String text = title + ": " + String.join(", ", names);
        ctx.slack()
                .post(
                        "runbook:group:" + channel + ":" + ts,
                        new SlackService.Post(channel, ts, BlockKit.escape(text), blocks.toJson()));
    }

    /** One runbook per alert message, whether the live event or the API asked for it ("runbook:" + the event's key). */
    private static String postKey(String channel, String ts) {
        return "runbook:message:" + channel + ":" + ts;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A past occurrence: the alert message and what people said in its thread. */
    record Occurrence(Message alert, List<Message> humanReplies) {}

    record Runbook(String fallback, String blocks) {}

    Runbook build(Message alert, String service, String alertName, String audience) {
        Instant now = alert.postedAt();
        List<Occurrence> past = pastOccurrences(alert, service, alertName, now, audience);
        Generated generated = null;
        String offReason = null;
        boolean trimmed = false;
        if (ctx.llm().chatAvailable()) {
            try {
                generated = ctx.llm().json("runbook", prompt(alert, service, alertName, past), Generated.class);
                trimmed = ctx.llm().lastPromptTrimmed();
            } catch (LlmUnavailableException e) {
                // the post says only why in general words: the detail may name the endpoint, quote the provider or
                // the schema violation
                offReason = LlmFallback.logged(
                                ctx.logger(), "runbook for " + alertName + " falls back to extractive", e)
                        .text();
            }
        } else {
            offReason = LlmFallback.before(ctx.llm()).text();
        }
        String lexical = generated != null ? generated.lexicalQuery() : (service + " " + alertName).trim();
        String semantic = generated != null ? generated.semanticQuery() : alert.text();
        List<MessageService.SearchHit> activity = lexical.isBlank()
                ? List.of()
                : ctx.messages()
                        .searchVisibleIn(
                                audience,
                                new MessageService.Search(
                                        lexical,
                                        semantic.isBlank() ? null : semantic,
                                        List.of(),
                                        now.minus(recent),
                                        now.plusSeconds(1),
                                        5,
                                        false));

        BlockKit blocks = BlockKit.empty()
                .header("Runbook: " + (alertName.isBlank() ? "alert" : alertName)
                        + (service.isBlank() ? "" : " (" + service + ")"));
        StringBuilder fallback =
                new StringBuilder("Runbook for " + alertName + (service.isBlank() ? "" : " on " + service));
        if (generated != null) {
            // the model's words: no broadcasts, no mentions the alert did not make, links show their target
            Set<String> mentions = ModelText.mentionsIn(alert.text());
            String overview = ModelText.neutralise(generated.overview(), mentions);
            blocks = blocks.section("*Overview*\n" + overview);
            List<String> causes = generated.rootCauses();
            if (!causes.isEmpty()) {
                blocks = blocks.section("*Historical root causes*\n" + bullets(causes, mentions));
            }
            List<String> steps = generated.steps();
            blocks = blocks.section("*Resolution steps*\n" + numbered(steps, mentions));
            if (trimmed) {
                blocks = blocks.section(
                        "_Some past occurrences were left out of what the model read, to fit its context window._");
            }
            fallback.append(": ").append(overview);
        } else {
            blocks = blocks.section("_" + BlockKit.escape(capitalised(offReason))
                    + ", showing the extractive runbook: what people did the last times this alert fired._");
            // the same fix given for several occurrences is one line, with how often it helped
            java.util.Map<String, String> quoted = new java.util.LinkedHashMap<>();
            java.util.Map<String, Integer> times = new java.util.HashMap<>();
            for (Occurrence o : past) {
                for (Message reply : o.humanReplies()) {
                    if (!USEFUL.matcher(reply.text()).find()) {
                        continue;
                    }
                    String same = reply.text().strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
                    if (quoted.containsKey(same)) {
                        times.merge(same, 1, Integer::sum);
                    } else if (quoted.size() < 6) {
                        quoted.put(
                                same,
                                "• " + BlockKit.escape(who(reply)) + ": " + quote(reply.text()) + " ("
                                        + BlockKit.link(ctx.slack().permalink(reply.channelId(), reply.ts()), "link")
                                        + ")");
                        times.put(same, 1);
                    }
                }
            }
            List<String> quotes = new ArrayList<>();
            quoted.forEach(
                    (same, line) -> quotes.add(line + (times.get(same) > 1 ? " (" + times.get(same) + "×)" : "")));
            blocks = blocks.section(
                    quotes.isEmpty()
                            ? "*What helped before*\nNo past replies with commands or resolutions."
                            : "*What helped before*\n" + String.join("\n", quotes));
            fallback.append(" — extractive: ").append(offReason);
        }
        if (past.isEmpty()) {
            blocks = blocks.section("*Past occurrences*\nNone in the last " + lookback.toDays() + " days.");
        } else {
            List<String> lines = new ArrayList<>();
            for (Occurrence o : past) {
                lines.add("• "
                        + BlockKit.link(
                                ctx.slack()
                                        .permalink(
                                                o.alert().channelId(), o.alert().ts()),
                                o.alert().postedAt().toString().substring(0, 16).replace('T', ' ') + " UTC")
                        + " — " + o.humanReplies().size() + " human repl"
                        + (o.humanReplies().size() == 1 ? "y" : "ies"));
            }
            blocks = blocks.section("*Past occurrences*\n" + String.join("\n", lines));
        }
        if (!activity.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (MessageService.SearchHit hit : activity) {
                Message m = hit.message();
                lines.add("• " + BlockKit.link(ctx.slack().permalink(m.channelId(), m.ts()), who(m)) + ": "
                        + quote(m.text()));
            }
            blocks = blocks.section("*Recent activity*\n" + String.join("\n", lines));
        }
        blocks = blocks.divider()
                .context("Posted by Ratchet's *runbook* module. Was this useful? React with :+1: or :-1:.");
        return new Runbook(fallback.toString(), blocks.toJson());
    }

    /** The most past firings read for a runbook: those it quotes are the newest this channel may see among them. */
    static final int MAX_PAST_FIRINGS = 500;

    /**
     * The past firings read first: the newest few, which are the ones quoted unless many are gone or hidden from this
     * channel; only then are {@link #MAX_PAST_FIRINGS} read. An alert that fired thousands of times read its 500 newest
     * firings' rows at every firing (`bench reply`: the runbook's largest statement but the search), to quote five.
     */
    static int firstPastFirings(int occurrences) {
        return Math.min(MAX_PAST_FIRINGS, Math.max(20, occurrences * 4));
    }

    private List<Occurrence> pastOccurrences(
            Message alert, String service, String alertName, Instant now, String audience) {
        int first = firstPastFirings(occurrences);
        List<AlertEvent> newest = ctx.alerts()
                .occurrences(service, alertName, AlertEvent.Action.OPEN, null, now.minus(lookback), now, first);
        List<Occurrence> past = pastOccurrences(alert, newest, audience);
        if (past.size() < occurrences && newest.size() == first && first < MAX_PAST_FIRINGS) {
            // too few of the newest could be quoted here, and there are older ones: the same walk over as many as
            // before
            List<AlertEvent> more = ctx.alerts()
                    .occurrences(
                            service,
                            alertName,
                            AlertEvent.Action.OPEN,
                            null,
                            now.minus(lookback),
                            now,
                            MAX_PAST_FIRINGS);
            past = pastOccurrences(alert, more, audience);
        }
        return past;
    }

    /** The newest {@code occurrences} of {@code earlier} (oldest first) this channel may see, with their threads. */
    private List<Occurrence> pastOccurrences(Message alert, List<AlertEvent> earlier, String audience) {
        List<Occurrence> past = new ArrayList<>();
        int i = earlier.size() - 1; // newest first
        while (past.size() < occurrences && i >= 0) {
            // the next ones this channel may see, as many as are still wanted, their threads read with one query (a
            // thread whose message is gone since it was read is skipped, and the next ones read)
            List<MessageRef> batch = new ArrayList<>();
            for (; i >= 0 && batch.size() < occurrences - past.size(); i--) {
                AlertEvent e = earlier.get(i);
                if (e.message().ts().equals(alert.ts())
                        && e.message().channelId().equals(alert.channelId())) {
                    continue;
                }
                // a private channel's or a DM's firings are quoted (and given to the model) only in that conversation
                if (!ctx.messages().visibleIn(e.message().channelId(), audience)) {
                    continue;
                }
                batch.add(e.message());
            }
            Map<MessageRef, List<Message>> threads = ctx.messages().threads(batch);
            for (MessageRef ref : batch) {
                List<Message> thread = threads.getOrDefault(ref, List.of());
                if (thread.isEmpty()) {
                    continue; // its message is gone since it was read
                }
                List<Message> humans = thread.stream()
                        .skip(1)
                        .filter(r -> r.botId().isEmpty() && !r.deleted())
                        .toList();
                past.add(new Occurrence(thread.get(0), humans));
            }
        }
        return past;
    }

    /**
     * The prompt from parts, so that fitting it into a small context window leaves out the oldest past occurrences
     * whole (they are messages of their own between the instructions and the request) rather than cutting the middle
     * of one big message: the instructions, then each past occurrence oldest first, then the alert now firing.
     */
    List<ChatMessage> prompt(Message alert, String service, String alertName, List<Occurrence> past) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(
                "You write concise runbooks for on-call engineers from how past occurrences of an alert were handled. "
                        + "Use only facts from the history; when it is empty, say so and give careful generic first steps. "
                        + "Also give a short keyword query (lexical_query) and a one-sentence description (semantic_query) to find "
                        + "recent related messages."));
        for (int i = past.size() - 1; i >= 0; i--) { // past is newest first
            Occurrence o = past.get(i);
            StringBuilder history =
                    new StringBuilder("Past occurrence at " + o.alert().postedAt() + ", and what people replied:\n");
            if (o.humanReplies().isEmpty()) {
                history.append("(no replies)\n");
            }
            for (Message r : o.humanReplies()) {
                history.append("- ")
                        .append(who(r))
                        .append(": ")
                        .append(oneLine(ctx.slack().readable(r.text())))
                        .append('\n');
            }
            messages.add(ChatMessage.user(history.toString()));
        }
        messages.add(ChatMessage.user("Alert now firing (service: " + service + ", alert: " + alertName + "):\n"
                + ctx.slack().readable(alert.text()) + "\n\n"
                + (past.isEmpty()
                        ? "Past occurrences: (none)"
                        : "The past occurrences are in the messages above, oldest first.")
                + "\nWrite the runbook for it."));
        return messages;
    }

    private String who(Message m) {
        return m.userId()
                .map(ctx.slack()::displayName)
                .or(() -> m.attrs().get("username") == null
                        ? m.botId().map(ctx.slack()::displayName)
                        : Optional.of(String.valueOf(m.attrs().get("username"))))
                .orElse("someone");
    }

    /**
     * Someone's Slack text quoted in the runbook, on one line: readable and escaped again rather than Slack's own mrkdwn,
     * because a quoted {@code <@U123>} or {@code <!here>} would notify those people each time a runbook quotes it.
     */
    private String quote(String slackText) {
        return oneLine(BlockKit.escape(ctx.slack().readable(slackText)));
    }

    /** {@code text} on one line, at most 200 characters (an escape or a link is never cut). */
    private static String oneLine(String text) {
        return BlockKit.truncate(text.replace('\n', ' ').strip(), 200);
    }

    private static String bullets(List<String> items, Set<String> mentions) {
        StringBuilder b = new StringBuilder();
        items.forEach(
                i -> b.append("• ").append(ModelText.neutralise(i, mentions)).append('\n'));
        return b.toString().stripTrailing();
    }

    private static String numbered(List<String> items, Set<String> mentions) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            b.append(i + 1)
                    .append(". ")
                    .append(ModelText.neutralise(items.get(i), mentions))
                    .append('\n');
        }
        return b.toString().stripTrailing();
    }
}
