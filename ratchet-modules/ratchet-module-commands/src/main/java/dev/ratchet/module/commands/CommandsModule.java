package dev.ratchet.module.commands;

import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.spi.kit.LlmFallback;
import dev.ratchet.spi.kit.ModelText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code @ratchet <anything>} in natural language: the bot answers in the thread using every enabled module's tools.
 *
 * <p>A live message or thread reply that mentions the bot is a request (the mention stripped). With a chat model, the
 * request, the whole thread as context and a short system prompt go to {@link LlmService#runTools}, bounded by
 * {@code commands.max-rounds}, over the tools allowed in the channel; the answer is posted in the thread, and when the
 * loop ran out of rounds the reply says so and lists the calls made. Without a chat model, the request is matched to
 * the closest tool by embedding similarity (description and examples, threshold {@code commands.match-threshold}); it
 * runs when its arguments can be filled from the request (channel, query), and otherwise the reply lists what the bot
 * can do; either way the reply says that generation is off.
 *
 * <p>Tools that {@link Tool#writes() write} never run straight from a request. With a model, a JSON plan
 * ({@code {tool, arguments}}) decides first whether the request asks for one of them; without one, the closest tool
 * may be one. The bot then posts what it would run and waits: the pending action is kept in the module store, keyed
 * by channel and thread, with the requester and an expiry ({@code commands.confirm-timeout}). Only the requester's
 * {@code yes} (or {@code confirm}) in that thread runs it, exactly once; {@code no} (or {@code cancel}) drops it;
 * anyone else's answer is refused with a note and changes nothing. A yes after the expiry is answered that the request
 * expired and to ask again. The pending action and the claim that makes it run once ({@code ran:<request>}) are
 * stored with a ttl of the timeout plus {@link #RECORDS_KEPT}, so the store forgets them on its own.
 *
 * <p>{@code commands.allow} restricts tools per channel ({@code C0123=search_messages|channel_report,*=*}).
 *
 * <p>Tools of external MCP servers listed in {@code commands.mcp-servers} join the modules' tools as
 * {@code <server>__<tool>} ({@link McpServers}): the same allowlist, the same loop, and the same confirmation for every
 * one the server does not mark {@code readOnlyHint: true}. The servers are connected at start and closed at stop; one
 * that fails to start is started again in the background and when a request lists the tools (waiting at most
 * {@link McpServers#ON_DEMAND_WAIT}), and one whose connection is lost is reconnected on the next call of one of its
 * tools, both paced by {@code commands.mcp-reconnect-interval}.
 *
 * @since 0.1
 */
public final class CommandsModule implements RatchetModule {

    /** Model calls per request. */
    static final ConfigOption<Integer> MAX_ROUNDS = ConfigOption.integer("max-rounds", 5, 1, 10)
            .describedAs("at most this many LLM calls (tool-calling rounds) per @ratchet request");
    /** How long a proposed write action waits for the requester's yes. */
    static final ConfigOption<Duration> CONFIRM_TIMEOUT = ConfigOption.duration(
                    "confirm-timeout", Duration.ofMinutes(10))
            .describedAs(
                    "how long an action that changes something (a write tool) waits for the requester's 'yes' in the thread; "
                            + "a later 'yes' is told the request expired and to ask again")
            .validatedBy(d -> !d.isZero(), "longer than zero");
    /** Tools per channel. */
    static final ConfigOption<List<String>> ALLOW = ConfigOption.list("allow", List.of())
            .describedAs(
                    "tools allowed per channel, channel=tool|tool entries with * for any (C0123ABC=search_messages|channel_report,*=*); "
                            + "empty allows every tool everywhere")
            .validatedBy(Allowlist::valid, Allowlist.REQUIREMENT);
    /** Similarity a tool needs to be picked without a chat model. */
    // 0.7, not 0.5: the in-process bge-small-en-v1.5 gives unrelated requests ("tell me a joke", "what's the weather")
    // 0.54 to 0.58 against ops tools and paraphrases 0.75 and more (CommandsWithoutLlmTest), so 0.5 would run a tool
    // for anything
    static final ConfigOption<Double> MATCH_THRESHOLD = ConfigOption.decimal("match-threshold", 0.7, 0, 1)
            .describedAs(
                    "without a chat model: the cosine similarity (0 to 1) between a request and a tool's description or examples "
                            + "needed to run that tool; below it the bot lists what it can do");

    /** The MCP servers file. */
    static final ConfigOption<String> MCP_SERVERS = ConfigOption.string("mcp-servers", "")
            .describedAs(
                    "a JSON or YAML file of external MCP servers whose tools the agent may use, in the common mcpServers shape "
                            + "(name: {command, args, env} or {url, headers}; values may reference ${ENV_VARS}); empty for none");
    /** How long an MCP server may take to start, and a tool call to answer. */
    static final ConfigOption<Duration> MCP_TIMEOUT = ConfigOption.duration("mcp-timeout", Duration.ofSeconds(30))
            .describedAs(
                    "how long an MCP server may take to start and list its tools, and a call of one of its tools to answer")
            .validatedBy(d -> !d.isZero(), "longer than zero");

    /** The least time between two reconnects of one MCP server. */
    static final ConfigOption<Duration> MCP_RECONNECT_INTERVAL = ConfigOption.duration(
                    "mcp-reconnect-interval", Duration.ofSeconds(30))
            .describedAs(
                    "an MCP server whose connection is lost (its process exited, its HTTP endpoint went away) is reconnected on the "
                            + "next call of one of its tools, at most once per this interval, which doubles while reconnects fail (up to 16 times); "
                            + "one that failed to start is started again in the background this long after the failure (doubling likewise) and "
                            + "when a request lists the tools")
            .validatedBy(d -> !d.isZero(), "longer than zero");

    static final Set<String> YES = Set.of("yes", "y", "confirm", "confirmed", "yes please", "go", "go ahead", "do it");
    static final Set<String> NO = Set.of("no", "n", "cancel", "stop", "abort", "nope");
    private static final int MAX_CONTEXT_CHARS = 8_000;
    /**
     * How long a pending action and its run-once claim are kept after the confirmation timeout: a late yes within it
     * is told the request expired (later it is an ordinary message), and the claim outlives any retry of the yes.
     */
    static final Duration RECORDS_KEPT = Duration.ofDays(3);

    // where ${NAME} in the MCP servers file is looked up; tests pass their own instead of the process environment
    private final Function<String, String> environment;

    // the tools this module registers itself, kept out of what the agent is offered; none yet
    private final Set<String> ownTools = Set.of();

    // set once in start(), read by job threads
    private volatile ModuleContext ctx;
    private volatile int maxRounds;
    private volatile Duration confirmTimeout;
    private volatile Allowlist allowlist;
    private volatile double threshold;
    private volatile ToolMatcher matcher;
    private volatile McpServers mcp = McpServers.none();
    private volatile ResultText results;

    /** The module as the launcher creates it, reading {@code ${NAME}} references from the process environment. */
    public CommandsModule() {
        this(System::getenv);
    }

    CommandsModule(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String id() {
        return "commands";
    }

    @Override
    public String description() {
        return "@ratchet in natural language: an LLM tool-calling loop over every module's tools, write tools after confirmation";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(
                MAX_ROUNDS, CONFIRM_TIMEOUT, ALLOW, MATCH_THRESHOLD, MCP_SERVERS, MCP_TIMEOUT, MCP_RECONNECT_INTERVAL);
    }

    @Override
    public void start(ModuleContext ctx) {
        this.ctx = ctx;
        this.maxRounds = ctx.config().get(MAX_ROUNDS);
        this.confirmTimeout = ctx.config().get(CONFIRM_TIMEOUT);
        this.allowlist = Allowlist.parse(ctx.config().get(ALLOW));
        this.threshold = ctx.config().get(MATCH_THRESHOLD);
        this.matcher = new ToolMatcher(ctx.llm());
        this.results = ResultText.of(ctx.slack());
        String serversFile = ctx.config().get(MCP_SERVERS).trim();
        if (!serversFile.isEmpty()) {
            List<McpServersFile.Server> servers;
            try {
                servers = McpServersFile.read(Path.of(serversFile));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("commands.mcp-servers: " + e.getMessage(), e);
            }
            this.mcp = McpServers.connect(
                    servers,
                    ctx.config().get(MCP_TIMEOUT),
                    ctx.config().get(MCP_RECONNECT_INTERVAL),
                    environment,
                    ctx.logger());
        }
        // a person's mention, or a yes/no in a thread: other messages get no job (onMessage returns on them at once)
        ctx.on(
                "command",
                Subscription.to(EventType.MESSAGE, EventType.THREAD_REPLY).when(CommandsModule::mayBeForTheBot),
                this::onMessage);
        // the raw result of a tool run from a request, which the post shows only rendered for people
        ctx.route(HttpMethod.GET, "results/{channel}/{ts}", request -> {
            String channel = request.pathParams().get("channel");
            String ts = request.pathParams().get("ts");
            return ctx.store()
                    .get(resultKey(channel, ts))
                    .map(RouteHandler.Response::ok)
                    .orElseGet(() -> new RouteHandler.Response(
                            404,
                            Map.of(
                                    "error",
                                    Map.of(
                                            "code",
                                            "not_found",
                                            "message",
                                            "no tool result for the request " + ts + " in " + channel
                                                    + " (results are kept " + RECORDS_KEPT.toDays() + " days)"))));
        });
    }

    @Override
    public void stop() {
        mcp.close(); // ends the stdio servers' processes
    }

    /** The external MCP servers and whether each is connected. */
    List<McpServers.Status> mcpServers() {
        return mcp.statuses();
    }

    /** Handles one live message or thread reply: a confirmation of a pending action, a request, or nothing. */
    /**
     * Whether {@link #onMessage} may act on an event: a live message of a person (not a bot's or an integration's)
     * that mentions someone, or a reply that is a yes or a no (to a pending action). Without the bot's identity at
     * hand, any mention passes; onMessage checks it is the bot's.
     */
    static boolean mayBeForTheBot(ChannelEvent event) {
        Message m = event.message();
        if (!event.live() || m.deleted() || m.userId().isEmpty() || m.isFromBot()) {
            return false;
        }
        if (m.text().contains("<@")) {
            return true;
        }
        String word = m.text()
                .replaceAll("\\s+", " ")
                .trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[.!` ]+$", "")
                .replaceAll("^[` ]+", "");
        return m.isReply() && (YES.contains(word) || NO.contains(word));
    }

    void onMessage(ChannelEvent event) throws Exception {
        Message m = event.message();
        if (!event.live() || m.deleted() || m.userId().isEmpty() || m.isFromBot()) {
            return; // history, deleted, or posted by a bot or integration (the bot's own replies included)
        }
        SlackService.BotIdentity bot = ctx.slack().bot();
        if (m.userId().get().equals(bot.userId())) {
            return;
        }
        Pattern mention = Pattern.compile("<@" + Pattern.quote(bot.userId()) + "(?:\\|[^>]*)?>");
        boolean mentioned = mention.matcher(m.text()).find();
        String request = mention.matcher(m.text())
                .replaceAll(" ")
                .replaceAll("\\s+", " ")
                .trim();
        String thread = m.threadTs().orElse(m.ts());
        String word =
                request.toLowerCase(Locale.ROOT).replaceAll("[.!` ]+$", "").replaceAll("^[` ]+", "");
        if ((YES.contains(word) || NO.contains(word)) && (mentioned || m.isReply())) {
            Optional<Map<String, Object>> pending = ctx.store().get(pendingKey(m.channelId(), thread));
            if (pending.isPresent()) {
                answerPending(event, thread, pending.get(), YES.contains(word));
                return;
            }
        }
        if (!mentioned) {
            return;
        }
        Tool.ToolCall caller =
                new Tool.ToolCall(m.channelId(), thread, m.userId().get());
        List<Tool> tools = allowedTools(m.channelId());
        if (request.isEmpty()) {
            post(
                    event,
                    thread,
                    "Ask me something, such as `@" + bot.name() + " what happened to db-1 today?`\n" + toolList(tools));
            return;
        }
        LlmFallback why = LlmFallback.before(ctx.llm());
        if (ctx.llm().chatAvailable()) {
            try {
                answerWithModel(event, caller, bot, request, tools);
                return;
            } catch (LlmUnavailableException e) {
                why = LlmFallback.logged(
                        ctx.logger(), "the LLM failed for " + event.key() + ", answering without it", e);
            }
        }
        answerWithoutModel(event, caller, request, tools, why);
    }

    /**
     * The tools of every enabled module, minus this module's, then those of the MCP servers (by their exposed names; a
     * name a module's tool already has is left out), allowed in {@code channel}.
     */
    List<Tool> allowedTools(String channel) {
        List<Tool> tools = new ArrayList<>(
                ctx.tools().stream().filter(t -> !ownTools.contains(t.name())).toList());
        Set<String> names = new HashSet<>(tools.stream().map(Tool::name).toList());
        mcp.toolsRetryingDown(McpServers.ON_DEMAND_WAIT).stream()
                .filter(t -> names.add(t.name()))
                .forEach(tools::add);
        return tools.stream().filter(t -> allowlist.allows(channel, t.name())).toList();
    }

    // ------------------------------------------------------------------------------------------ with a model

    private void answerWithModel(
            ChannelEvent event, Tool.ToolCall caller, SlackService.BotIdentity bot, String request, List<Tool> tools)
            throws Exception {
        String context = threadContext(event.message(), caller.threadTs());
        List<Tool> writes = tools.stream().filter(Tool::writes).toList();
        if (!writes.isEmpty()) {
            Optional<Plan> plan = plan(bot, caller, request, context, writes);
            if (plan.isPresent()) {
                propose(event, caller, plan.get().tool(), plan.get().arguments(), "");
                return;
            }
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemPrompt(bot, caller)));
        if (!context.isEmpty()) {
            messages.add(ChatMessage.user("The thread so far, for context:\n" + context));
        }
        messages.add(ChatMessage.user(request));
        LlmService.ToolLoop loop = ctx.llm()
                .runTools(
                        "commands",
                        messages,
                        tools.stream().filter(t -> !t.writes()).toList(),
                        caller,
                        maxRounds);
        boolean trimmed = ctx.llm().lastPromptTrimmed();
        String answer;
        if (loop.stoppedAtBound()) {
            answer = boundReply(loop);
        } else {
            // the model's words: no broadcasts, no mentions the request did not make, links show their target
            answer = ModelText.neutralise(
                    loop.answer().filter(a -> !a.isBlank()).orElse("I have no answer to that."),
                    requestMentions(event.message(), caller.threadTs()));
        }
        if (trimmed) {
            answer += "\n_Part of the thread was left out of what the model read, to fit its context window._";
        }
        post(event, caller.threadTs(), BlockKit.truncate(answer, SlackText.MAX_POST));
    }

    /** The users and groups mentioned in the request and its thread: those the answer may mention in turn. */
    private Set<String> requestMentions(Message request, String thread) {
        Set<String> ids = new HashSet<>(ModelText.mentionsIn(request.text()));
        for (Message m : ctx.messages().thread(request.channelId(), thread)) {
            ids.addAll(ModelText.mentionsIn(m.text()));
        }
        return ids;
    }

    private String systemPrompt(SlackService.BotIdentity bot, Tool.ToolCall caller) {
        return "You are " + bot.name() + ", a Slack bot that helps an on-call team. "
                + ctx.slack().displayName(caller.userId())
                + " asked you something in channel " + caller.channelId()
                + " (its id; use it for tools that take a channel). "
                + "Be brief. Use the tools to get facts rather than guessing, and say so when they do not have the answer. "
                + "Answer in Slack mrkdwn: *bold*, _italic_, `code`, bullet lists with •; no Markdown headings or tables. "
                + "Today is " + ctx.clock().instant().toString().substring(0, 10) + " (UTC).";
    }

    private String boundReply(LlmService.ToolLoop loop) {
        StringBuilder b = new StringBuilder("I stopped after ")
                .append(maxRounds)
                .append(maxRounds == 1 ? " round" : " rounds")
                .append(" without a final answer (the limit is `commands.max-rounds`). What I called:");
        for (LlmService.ToolCallRecord call : loop.calls()) {
            b.append("\n• `")
                    .append(call.tool())
                    .append("` ")
                    .append(argumentsText(call.arguments()))
                    // the error itself stays in the log and the recorded call: it may quote a schema or a provider
                    .append(call.failed() ? " (failed)" : "");
        }
        if (loop.calls().isEmpty()) {
            b.append(" nothing.");
        }
        loop.calls().stream()
                .filter(c -> !c.failed())
                .reduce((a, c) -> c)
                .ifPresent(last -> b.append("\nThe last result, from `")
                        .append(last.tool())
                        .append("`:\n")
                        .append(results.renderJson(last.result())));
        return b.toString();
    }

    /** A tool call's JSON arguments for people, as {@link #withArguments}. */
    private static String argumentsText(String json) {
        try {
            return withArguments(JsonText.parseObject(json));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** A write tool the model chose for a request, with its arguments. */
    record Plan(Tool tool, Map<String, Object> arguments) {}

    /**
     * Asks the model whether the request asks for one of the write tools; empty when it does not (or gave no
     * usable plan, in which case the request goes to the read-only tool loop).
     */
    @SuppressWarnings("unchecked")
    private Optional<Plan> plan(
            SlackService.BotIdentity bot, Tool.ToolCall caller, String request, String context, List<Tool> writes)
            throws LlmUnavailableException {
        StringBuilder actions = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Tool t : writes) {
            names.add(t.name());
            actions.append("\n- ")
                    .append(t.name())
                    .append(": ")
                    .append(t.description())
                    .append("\n  arguments (JSON Schema): ")
                    .append(t.inputSchema());
        }
        names.add("none");
        StringBuilder enumList = new StringBuilder();
        for (String n : names) {
            enumList.append(enumList.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(n)
                    .append('"');
        }
        String schema =
                "{\"type\": \"object\", \"properties\": {\"tool\": {\"type\": \"string\", \"enum\": [" + enumList
                        + "]}, " + "\"arguments\": {\"type\": \"object\"}}, \"required\": [\"tool\", \"arguments\"]}";
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(
                "You plan actions for " + bot.name() + ", a Slack bot. Decide whether the request asks for an action "
                        + "that changes something outside this conversation, among these actions:" + actions
                        + "\nIf it asks for one, answer its name as tool and its arguments, filled from the request and the thread; the request's "
                        + "channel id is " + caller.channelId()
                        + ". If it asks a question, asks for information to be shown here, or matches "
                        + "none of the actions, answer {\"tool\": \"none\", \"arguments\": {}}."));
        if (!context.isEmpty()) {
            messages.add(ChatMessage.user("The thread so far, for context:\n" + context));
        }
        messages.add(ChatMessage.user(request));
        Map<String, Object> answer;
        try {
            answer = JsonText.parseObject(ctx.llm().json("commands-plan", messages, schema));
        } catch (dev.ratchet.spi.LlmAnswerInvalidException | IllegalArgumentException e) {
            ctx.logger()
                    .log(
                            System.Logger.Level.INFO,
                            "no usable action plan, answering with read-only tools: " + e.getMessage());
            return Optional.empty();
        }
        String name = String.valueOf(answer.get("tool"));
        Optional<Tool> tool = writes.stream().filter(t -> t.name().equals(name)).findFirst();
        Map<String, Object> args = answer.get("arguments") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        return tool.map(t -> new Plan(t, args));
    }

    // ------------------------------------------------------------------------------------------ without a model

    private void answerWithoutModel(
            ChannelEvent event, Tool.ToolCall caller, String request, List<Tool> tools, LlmFallback fallback)
            throws Exception {
        // the detail stays in the log: it may name the endpoint, quote the provider's error or a schema violation
        String note = "_" + fallback.sentence() + ", so I matched your request to the closest tool._\n";
        Optional<ToolMatcher.Match> best;
        try {
            best = matcher.best(request, tools);
        } catch (LlmUnavailableException e) {
            ctx.logger().log(System.Logger.Level.WARNING, "embedding the request failed: " + e.getMessage());
            best = Optional.empty();
        }
        best.ifPresent(b -> ctx.logger()
                .log(
                        System.Logger.Level.INFO,
                        String.format(
                                Locale.ROOT,
                                "closest tool to %s: %s, similarity %.3f (threshold %.2f)",
                                event.key(),
                                b.tool().name(),
                                b.score(),
                                threshold)));
        String why = " no tool matches that request closely enough. ";
        if (best.isPresent() && best.get().score() >= threshold) {
            Tool tool = best.get().tool();
            Map<String, Object> args =
                    ToolArguments.of(tool).fillTrivially(ToolArguments.subject(request, tool), caller.channelId());
            why = " `" + tool.name() + "` is the closest tool, but it needs "
                    + String.join(
                            ", ",
                            ToolArguments.of(tool).required().stream()
                                    .map(a -> "`" + a + "`")
                                    .toList())
                    + ", which I cannot fill in without generation. ";
            if (args != null) {
                if (tool.writes()) {
                    propose(event, caller, tool, args, note);
                    return;
                }
                post(
                        event,
                        caller.threadTs(),
                        SlackText.cut(
                                note + "`" + tool.name() + "`: " + run(tool, args, caller, event.message()),
                                SlackText.MAX_POST));
                return;
            }
        }
        String intro = "_" + fallback.sentence() + "_, and";
        post(event, caller.threadTs(), SlackText.cut(intro + why + toolList(tools), SlackText.MAX_POST));
    }

    /** The tools as a Slack list, and the MCP servers that are not connected, for when a request cannot be served. */
    String toolList(List<Tool> tools) {
        StringBuilder b =
                new StringBuilder(tools.isEmpty() ? "No tools are available in this channel." : "What I can do here:");
        for (Tool t : tools) {
            b.append("\n• `")
                    .append(t.name())
                    .append("` — ")
                    .append(BlockKit.escape(firstSentence(t.description())))
                    .append(t.writes() ? " _(asks for confirmation)_" : "");
        }
        for (McpServers.Status s : mcp.statuses()) {
            if (!s.connected()) {
                b.append("\n_The tools of MCP server `")
                        .append(s.name())
                        .append("` are missing: it did not start (see the bot's log); ")
                        .append(McpServers.nextTryText(s.nextTry(), Instant.now()))
                        .append("._");
            } else if (s.lost() != null) {
                b.append("\n_MCP server `")
                        .append(s.name())
                        .append("` is down; it is reconnected when one of its tools is used._");
            }
        }
        return b.toString();
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        String s = end < 0 ? text : text.substring(0, end + 1);
        return SlackText.cut(s, 200);
    }

    /**
     * Runs a tool for the message {@code asking}: its result rendered for people, the raw result kept for the API
     * ({@link #resultKey}).
     */
    private String run(Tool tool, Map<String, Object> args, Tool.ToolCall caller, Message asking) {
        Object result;
        try {
            result = tool.function().call(args, caller);
        } catch (LlmUnavailableException e) {
            // a tool that needs the LLM: the detail (endpoint, provider error, schema violation) stays in the log
            ctx.logger().log(System.Logger.Level.WARNING, "tool " + tool.name() + " failed: " + e);
            return "it could not answer: " + LlmFallback.of(e).text() + ".";
        } catch (Exception e) {
            ctx.logger().log(System.Logger.Level.WARNING, "tool " + tool.name() + " failed: " + e);
            return "it failed: " + BlockKit.escape(SlackText.cut(String.valueOf(e.getMessage()), 500));
        }
        try {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("tool", tool.name());
            raw.put("arguments", args);
            raw.put("result", SlackText.plain(result));
            raw.put("at", ctx.clock().instant().toString());
            ctx.store().put(resultKey(asking.channelId(), asking.ts()), raw, RECORDS_KEPT);
        } catch (RuntimeException e) {
            ctx.logger().log(System.Logger.Level.WARNING, "the result of " + tool.name() + " was not kept: " + e);
        }
        return results.render(result);
    }

    /** Where the raw result of the tool run for the message {@code ts} is kept. */
    static String resultKey(String channel, String ts) {
        return "result:" + channel + ":" + ts;
    }

    // ------------------------------------------------------------------------------------------ confirmations

    static String pendingKey(String channel, String thread) {
        return "pending:" + channel + ":" + thread;
    }

    /** Remembers a write action for the requester to confirm in the thread, and says so. */
    private void propose(ChannelEvent event, Tool.ToolCall caller, Tool tool, Map<String, Object> proposed, String note)
            throws Exception {
        ToolArguments schema = ToolArguments.of(tool);
        Map<String, Object> args = schema.normalise(proposed, caller.channelId());
        List<String> problems = schema.problems(args);
        if (!problems.isEmpty()) {
            post(
                    event,
                    caller.threadTs(),
                    note + "I would run `" + tool.name() + "`, but " + String.join(", ", problems)
                            + ". Ask again with what is missing.");
            return;
        }
        Instant expires = ctx.clock().instant().plus(confirmTimeout);
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("id", event.key());
        pending.put("tool", tool.name());
        pending.put("arguments", args);
        pending.put("requester", caller.userId());
        pending.put("expires_at", expires.toString());
        ctx.store().put(pendingKey(caller.channelId(), caller.threadTs()), pending, recordTtl());
        post(
                event,
                caller.threadTs(),
                note + "I will run `" + tool.name() + "`" + withArguments(args)
                        + " — reply `yes` in this thread to confirm (or `no` to cancel). Only <@" + caller.userId()
                        + "> can confirm; this expires in "
                        + human(confirmTimeout) + ".");
    }

    /** The arguments of an action for people: " with service `api`, days `7`", nothing for none; never JSON. */
    static String withArguments(Map<String, Object> args) {
        List<String> parts = new ArrayList<>();
        args.forEach((name, value) -> {
            String shown = value instanceof String || value instanceof Number || value instanceof Boolean
                    ? String.valueOf(value)
                    : String.valueOf(SlackText.plain(value)).replace('{', '(').replace('}', ')');
            parts.add(ResultText.label(name).toLowerCase(Locale.ROOT) + " `"
                    + BlockKit.escape(SlackText.cut(shown.replace('`', '\''), 200)) + "`");
        });
        return parts.isEmpty() ? "" : " with " + String.join(", ", parts);
    }

    /** A yes or no in a thread with a pending action. */
    @SuppressWarnings("unchecked")
    private void answerPending(ChannelEvent event, String thread, Map<String, Object> pending, boolean yes)
            throws Exception {
        Message m = event.message();
        String key = pendingKey(m.channelId(), thread);
        String toolName = String.valueOf(pending.get("tool"));
        String requester = String.valueOf(pending.get("requester"));
        if (!requester.equals(m.userId().orElse(""))) {
            post(event, thread, "Only <@" + requester + ">, who asked, can confirm or cancel `" + toolName + "`.");
            return;
        }
        String claimKey = "ran:" + pending.get("id");
        // a retry of the yes that already ran the tool reports it, even once the confirmation has expired since
        Optional<Map<String, Object>> ranByThis =
                ctx.store().get(claimKey).filter(c -> event.key().equals(c.get("event")));
        if (yes && ranByThis.isPresent()) {
            ctx.store().delete(key);
            Object outcome = ranByThis.get().get("outcome");
            post(
                    event,
                    thread,
                    outcome != null
                            ? String.valueOf(outcome)
                            : "`" + toolName
                                    + "` was started but its outcome was not recorded; check before asking again.");
            return;
        }
        Instant expires = Instant.parse(String.valueOf(pending.get("expires_at")));
        if (ctx.clock().instant().isAfter(expires)) {
            ctx.store().delete(key);
            post(
                    event,
                    thread,
                    "The request to run `" + toolName + "` expired: a confirmation is accepted for "
                            + human(confirmTimeout)
                            + " (`commands.confirm-timeout`), so nothing ran. Ask me again to run it.");
            return;
        }
        if (!yes) {
            ctx.store().delete(key);
            post(event, thread, "Cancelled: `" + toolName + "` will not run.");
            return;
        }
        // exactly once: the first yes claims the action; a retry of that same event reports what it recorded
        Map<String, Object> claim = Map.of("event", event.key());
        if (!ctx.store().putIfAbsent(claimKey, claim, recordTtl())) {
            return; // another yes already ran it (this one's own earlier run is reported above)
        }
        Optional<Tool> tool = allowedTools(m.channelId()).stream()
                .filter(t -> t.name().equals(toolName))
                .findFirst();
        String outcome;
        if (tool.isEmpty()) {
            outcome = "`" + toolName + "` is no longer available here, so nothing ran.";
        } else {
            Map<String, Object> args =
                    pending.get("arguments") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
            outcome = SlackText.cut(
                    "Ran `" + toolName + "`: "
                            + run(tool.get(), args, new Tool.ToolCall(m.channelId(), thread, requester), m),
                    SlackText.MAX_POST);
        }
        ctx.store().put(claimKey, Map.of("event", event.key(), "outcome", outcome), recordTtl());
        ctx.store().delete(key);
        post(event, thread, outcome);
    }

    /** The ttl of a pending action and of its claim. */
    private Duration recordTtl() {
        return confirmTimeout.plus(RECORDS_KEPT);
    }

    private static String human(Duration d) {
        if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
            long minutes = d.toMinutes();
            if (minutes % 60 == 0) {
                return (minutes / 60) + (minutes == 60 ? " hour" : " hours");
            }
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return d.toSeconds() + " seconds";
    }

    // ------------------------------------------------------------------------------------------ Slack

    private void post(ChannelEvent event, String thread, String text) throws Exception {
        ctx.slack()
                .post(
                        "commands:" + event.key(),
                        SlackService.Post.reply(event.message().channelId(), thread, text));
    }

    /**
     * The thread before the request, one "name: text" line per message in readable text (people by name, no Slack
     * entities), the most recent kept when long.
     */
    private String threadContext(Message request, String thread) {
        List<String> lines = new ArrayList<>();
        for (Message m : ctx.messages().thread(request.channelId(), thread)) {
            if (m.deleted() || m.ts().equals(request.ts()) || m.text().isBlank()) {
                continue;
            }
            String who = m.userId().or(m::botId).map(ctx.slack()::displayName).orElse("someone");
            lines.add(who + ": " + ctx.slack().readable(m.text()));
        }
        StringBuilder b = new StringBuilder();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (b.length() + lines.get(i).length() > MAX_CONTEXT_CHARS) {
                b.insert(0, "(earlier messages left out)\n");
                break;
            }
            b.insert(0, lines.get(i) + "\n");
        }
        return b.toString().trim();
    }
}
