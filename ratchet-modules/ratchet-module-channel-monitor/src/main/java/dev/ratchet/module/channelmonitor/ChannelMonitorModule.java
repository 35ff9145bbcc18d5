package dev.ratchet.module.channelmonitor;

import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.LlmAnswerInvalidException;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.SlackUnavailableException;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.ExternalProgram;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.spi.kit.LlmFallback;
import dev.ratchet.spi.kit.ToolInputs;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code channel-monitor} module (the Go Ratchet's channel_monitor): per-channel LLM monitors declared in a YAML
 * file ({@code RATCHET_CHANNEL_MONITOR_FILE}; see {@link MonitorFile} for the format).
 *
 * <p>For each new live message or thread reply in a monitored channel (never the bot's own), each entry of that channel
 * renders its prompt over the message, asks the LLM for JSON valid against its {@code result_schema}, and runs its
 * executable (no shell, a timeout, an output cap) with
 * {@code {"slug","channel_id","slack_ts","llm_output","message":{"text","user","ts","thread_ts"}}} on stdin (the text
 * in Slack's own markup, as {@code {{raw_text}}}; the prompt's {@code {{text}}} and {@code {{thread}}} are readable;
 * an entry whose prompt is a Go Ratchet one, {@code {{.Message.Text}}}, gets {@code llm_output} as a string of JSON, as
 * the Go Ratchet gave it). The
 * executable answers {@code {"direct_messages":[{"email","text"}],"channel_messages":[{"channel_id","text","thread_ts"}]}}
 * ({@code slack_ts}, the Go Ratchet's name, is read as {@code thread_ts}) and the bot posts those, each under a post key derived from the event, the slug and the item's index, so a retried
 * job posts once.
 *
 * <p>Failures of one entry (an invalid LLM answer, an executable that hangs, exits non-zero or answers something that is
 * not that JSON) are logged as warnings naming the slug and the message and kept as the entry's last failure
 * ({@code GET /api/modules/channel-monitor/monitors}); they are not retried. Without a chat model, messages are skipped
 * with one log line per entry per hour. A Slack failure while posting fails the run, which is retried.
 *
 * <p>Tool {@code channel_monitor_test} (read-only) dry-runs an entry's prompt and schema on a text without running the
 * executable; the launcher's {@code ratchet monitor test FILE --slug S --text ...} calls it, and
 * {@code POST /api/modules/channel-monitor/test} runs the same dry run for an entry of the file or a posted one (the Go
 * Ratchet's {@code /channelmonitor/test}).
 */
public final class ChannelMonitorModule implements RatchetModule {

    /** The module id. */
    public static final String ID = "channel-monitor";

    static final ConfigOption<String> FILE = ConfigOption.string("file", null)
            .describedAs(
                    "YAML file of channel monitors, keyed by slug: channel_id, prompt ({{text}} and {{thread}} as readable "
                            + "text with people and channels by name, {{raw_text}} in Slack's own markup, {{user}}, {{user_id}}, "
                            + "{{channel_id}}, {{ts}}), result_schema, executable, executable_args, timeout; "
                            + "a Go Ratchet file ({{.Message.Text}}, {{.Message.User}}) works unchanged; "
                            + "the module does nothing without it");
    static final ConfigOption<Integer> MAX_OUTPUT = ConfigOption.integer(
                    "max-output", 1024 * 1024, 1024, 64 * 1024 * 1024)
            .describedAs("bytes of stdout accepted from a monitor's executable; more is an error");

    static final Duration LLM_OFF_LOG_INTERVAL = Duration.ofHours(1);
    private static final int MAX_THREAD_MESSAGES = 50;
    private static final int MAX_THREAD_CHARS = 16_000;

    private ModuleContext ctx;
    private Path file;
    private final Map<String, Monitor> bySlug = new LinkedHashMap<>();
    private final Map<String, List<Monitor>> byChannel = new LinkedHashMap<>();
    private final Map<String, ExternalProgram> executables = new LinkedHashMap<>();
    private final Map<String, Instant> llmOffLogged = new ConcurrentHashMap<>();
    private volatile SlackService.BotIdentity bot;

    /** Needed by {@link java.util.ServiceLoader}. */
    public ChannelMonitorModule() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Per-channel LLM monitors from a YAML file: prompt, JSON schema and an executable that turns the answer into DMs and posts";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(FILE, MAX_OUTPUT);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        // the Go Ratchet's /channelmonitor/test: works with a posted entry even without a monitor file
        context.route(HttpMethod.POST, "test", this::testRoute);
        Optional<String> configured =
                context.config().find(FILE).map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            context.logger()
                    .log(Level.INFO, "channel-monitor: no monitor file (RATCHET_CHANNEL_MONITOR_FILE); doing nothing");
            return;
        }
        file = Path.of(configured.get()).toAbsolutePath();
        List<Monitor> monitors;
        try {
            monitors = MonitorFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    ID + "." + FILE.key() + ": " + e.getMessage()
                            + ". Fix the entry, or point RATCHET_CHANNEL_MONITOR_FILE at another file.",
                    e);
        }
        int maxOutput = context.config().get(MAX_OUTPUT);
        for (Monitor m : monitors) {
            bySlug.put(m.slug(), m);
            byChannel.computeIfAbsent(m.channelId(), c -> new ArrayList<>()).add(m);
            executables.put(
                    m.slug(),
                    new ExternalProgram(m.executable(), m.args(), m.timeout(), maxOutput, file.getParent(), ID));
        }
        if (monitors.isEmpty()) {
            context.logger().log(Level.WARNING, "channel-monitor: {0} has no entries; doing nothing", file);
            return;
        }
        context.on("monitor", Subscription.to(EventType.MESSAGE, EventType.THREAD_REPLY), this::onMessage);
        context.tool(ToolInputs.tool(
                "channel_monitor_test",
                "Dry-runs one channel monitor on a text, or on the last N stored messages of its channel: renders its prompt, "
                        + "asks the LLM for its JSON and validates it against the monitor's result_schema. Returns the prompt, the "
                        + "LLM output or the error, and whether it is valid. Does not run the monitor's executable and posts nothing.",
                TestInput.class,
                List.of(
                        "test the deploy-requests monitor on 'please deploy api'",
                        "try the deploy-requests monitor on the channel's last 5 messages"),
                false,
                (input, call) -> input.text().isPresent() == input.last().isPresent()
                        ? fail("give either text or last (1 to 50), not both and not neither")
                        : input.text().isPresent()
                                ? test(input.slug(), input.text().get(), call)
                                : testLast(input.slug(), input.last().get())));
        context.route(HttpMethod.GET, "monitors", request -> RouteHandler.Response.ok(status()));
        context.logger()
                .log(
                        Level.INFO,
                        "channel-monitor: {0} monitor(s) from {1}: {2}",
                        monitors.size(),
                        file,
                        String.join(
                                ", ",
                                monitors.stream()
                                        .map(m -> m.slug() + " (" + m.channelId() + ")")
                                        .toList()));
    }

    /** The input of {@code channel_monitor_test}: a text, or how many of the channel's last stored messages. */
    record TestInput(String slug, Optional<String> text, Optional<Integer> last) {}

    private static Map<String, Object> fail(String message) {
        throw new IllegalArgumentException(message);
    }

    void onMessage(ChannelEvent event) throws SlackUnavailableException, InterruptedException {
        Message m = event.message();
        List<Monitor> monitors = byChannel.get(m.channelId());
        if (monitors == null || !event.live() || m.deleted() || isOwn(m)) {
            return;
        }
        SlackUnavailableException slackFailure = null;
        for (Monitor monitor : monitors) {
            try {
                run(monitor, event);
            } catch (SlackUnavailableException e) {
                // the other entries still run; this run fails afterwards and is retried (what was posted is keyed)
                slackFailure = e;
                ctx.logger()
                        .log(
                                Level.WARNING,
                                "channel-monitor: {0}: message {1}/{2}: Slack refused a post: {3}",
                                monitor.slug(),
                                m.channelId(),
                                m.ts(),
                                e.getMessage());
            }
        }
        if (slackFailure != null) {
            throw slackFailure;
        }
    }

    private void run(Monitor monitor, ChannelEvent event) throws SlackUnavailableException, InterruptedException {
        Message m = event.message();
        // a retry after a failed post only posts again: the LLM's answer and the executable's output are kept
        Optional<Map<String, Object>> kept = ctx.store().get(actionsKey(monitor, event));
        if (kept.isPresent() && kept.get().get("stdout") instanceof String keptStdout) {
            post(monitor, event, Actions.parse(keptStdout));
            return;
        }
        String prompt = monitor.prompt().render(variables(m));
        Optional<Map<String, Object>> output = ask(monitor, prompt, m);
        if (output.isEmpty()) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", m.text());
        message.put("user", author(m));
        message.put("ts", m.ts());
        message.put("thread_ts", m.threadTs().orElse(""));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("slug", monitor.slug());
        input.put("channel_id", m.channelId());
        input.put("slack_ts", m.ts());
        // a Go Ratchet entry's executable reads the model's JSON as a string (jq: .llm_output | fromjson)
        input.put("llm_output", monitor.prompt().goStyle() ? JsonText.write(output.get()) : output.get());
        input.put("message", message);
        String stdout;
        try {
            stdout = executables.get(monitor.slug()).run(JsonText.write(input));
        } catch (ExternalProgram.Failure f) {
            report(monitor, m, f.getMessage());
            return;
        }
        Actions actions;
        try {
            actions = Actions.parse(stdout);
        } catch (IllegalArgumentException e) {
            report(monitor, m, monitor.executable() + " " + e.getMessage());
            return;
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("stdout", stdout);
        done.put("at", ctx.clock().instant().toString());
        ctx.store().put(actionsKey(monitor, event), done, ACTIONS_KEPT);
        post(monitor, event, actions);
    }

    /**
     * How long what an entry's executable answered for a message is kept: longer than any retry of the message's run
     * takes, so that a retry after a failed post posts again without asking the LLM or running the executable again.
     */
    static final Duration ACTIONS_KEPT = Duration.ofDays(7);

    static String actionsKey(Monitor monitor, ChannelEvent event) {
        return "actions:" + monitor.slug() + ":" + event.key();
    }

    /** The validated LLM output for a prompt, or empty (already logged) when there is none. */
    private Optional<Map<String, Object>> ask(Monitor monitor, String prompt, Message m) {
        if (!ctx.llm().chatAvailable()) {
            llmOff(monitor, LlmFallback.before(ctx.llm()).text());
            return Optional.empty();
        }
        String answer;
        try {
            answer = ctx.llm().json(purpose(monitor), List.of(ChatMessage.user(prompt)), monitor.schemaJson());
        } catch (LlmAnswerInvalidException e) {
            report(
                    monitor,
                    m,
                    "the LLM's answer is not valid against result_schema, so the executable was not run: "
                            + e.getMessage());
            return Optional.empty();
        } catch (LlmUnavailableException e) {
            llmOff(monitor, e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(JsonText.parseObject(answer));
        } catch (IllegalArgumentException e) {
            report(
                    monitor,
                    m,
                    "the LLM's answer is not a JSON object, so the executable was not run: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void post(Monitor monitor, ChannelEvent event, Actions actions) throws SlackUnavailableException {
        Message m = event.message();
        String key = "channel-monitor:" + monitor.slug() + ":" + event.key();
        for (int i = 0; i < actions.directMessages().size(); i++) {
            Actions.DirectMessage dm = actions.directMessages().get(i);
            Optional<String> user = ctx.slack().userIdByEmail(dm.email());
            if (user.isEmpty()) {
                report(
                        monitor,
                        m,
                        "no Slack member has the email " + dm.email() + "; direct message " + i + " not sent");
                continue;
            }
            // posting to a user id opens the bot's direct message with them
            ctx.slack().post(key + ":dm:" + i, new SlackService.Post(user.get(), null, dm.text(), null));
        }
        for (int i = 0; i < actions.channelMessages().size(); i++) {
            Actions.ChannelMessage cm = actions.channelMessages().get(i);
            // what a private channel's or a DM's message led to is posted only into that conversation
            if (!ctx.messages().visibleIn(m.channelId(), cm.channelId())) {
                report(
                        monitor,
                        m,
                        "channel message " + i + " to " + cm.channelId() + " not posted: " + m.channelId()
                                + " is private or a DM (or not known yet), so what it says is posted only into it;"
                                + " post into " + m.channelId() + " or send a direct message instead");
                continue;
            }
            ctx.slack()
                    .post(key + ":channel:" + i, new SlackService.Post(cm.channelId(), cm.threadTs(), cm.text(), null));
        }
    }

    /** {@code channel_monitor_test}: the prompt, the LLM's output or error, and whether it is valid. Runs nothing else. */
    private Monitor monitor(String slug) {
        Monitor monitor = bySlug.get(slug);
        if (monitor == null) {
            throw new IllegalArgumentException("no channel monitor '" + slug + "' in " + file + "; monitors: "
                    + String.join(", ", bySlug.keySet()));
        }
        return monitor;
    }

    /**
     * The dry run over the channel's last {@code last} stored top-level messages (the bot's own left out), oldest
     * first, with the variables a live run would get.
     */
    Map<String, Object> testLast(Monitor monitor, int last) {
        if (last < 1 || last > 50) {
            throw new IllegalArgumentException("last must be between 1 and 50, got " + last);
        }
        Instant now = ctx.clock().instant();
        List<Message> recent = List.of();
        for (Duration back :
                List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(365))) {
            recent = ctx.messages().window(monitor.channelId(), now.minus(back), now.plusSeconds(60), 10_000).stream()
                    .filter(m -> !m.deleted() && !isOwn(m))
                    .toList();
            if (recent.size() >= last) {
                break;
            }
        }
        List<Object> results = new ArrayList<>();
        for (Message m : recent.subList(Math.max(0, recent.size() - last), recent.size())) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("ts", m.ts());
            one.put("text", m.text());
            one.putAll(dryRun(monitor, variables(m)));
            results.add(one);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("slug", monitor.slug());
        result.put("channel_id", monitor.channelId());
        result.put("messages", results);
        result.put(
                "valid",
                !results.isEmpty()
                        && results.stream().allMatch(r -> Boolean.TRUE.equals(((Map<?, ?>) r).get("valid"))));
        if (results.isEmpty()) {
            result.put(
                    "error",
                    "no stored messages in " + monitor.channelId() + " in the last year; is the bot in that channel?");
        }
        return result;
    }

    /** The tool's dry run of the file's entry {@code slug} on the last {@code last} stored messages. */
    Map<String, Object> testLast(String slug, int last) {
        return testLast(monitor(slug), last);
    }

    /** The tool's dry run of the file's entry {@code slug} on {@code text}, as typed by the tool's caller. */
    Map<String, Object> test(String slug, String text, Tool.ToolCall call) {
        return test(monitor(slug), text, call == null ? null : call.userId());
    }

    Map<String, Object> test(Monitor monitor, String text, String caller) {
        String userId = caller == null ? "" : caller;
        Map<String, String> values = new LinkedHashMap<>();
        // the text as it would arrive from Slack (a request through @ratchet does): readable like a real message's
        values.put("text", ctx.slack().readable(text));
        values.put("raw_text", text);
        values.put("user", userId.isEmpty() ? "" : ctx.slack().displayName(userId));
        values.put("user_id", userId);
        values.put("channel_id", monitor.channelId());
        values.put("ts", "");
        values.put("thread", (userId.isEmpty() ? "someone" : values.get("user")) + ": " + values.get("text"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("slug", monitor.slug());
        result.putAll(dryRun(monitor, values));
        return result;
    }

    /**
     * {@code POST /api/modules/channel-monitor/test}, the Go Ratchet's {@code /channelmonitor/test} as JSON: body
     * {@code {"slug": S}} (an entry of the monitor file) or {@code {"entry": {...} | "yaml"}} (channel_id, prompt and
     * result_schema, not saved), with {@code "text": T} or {@code "last": N}. The same dry run as the
     * {@code channel_monitor_test} tool and {@code ratchet monitor test}: no executable runs, nothing is posted, and only
     * the entry's own channel's messages are read.
     */
    private RouteHandler.Response testRoute(RouteHandler.Request request) {
        Map<String, Object> body;
        try {
            body = request.body().isBlank() ? Map.of() : JsonText.parseObject(request.body());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the body must be a JSON object: " + e.getMessage());
        }
        boolean bySlug = body.get("slug") != null;
        if (bySlug == (body.get("entry") != null)) {
            throw new IllegalArgumentException(
                    "give either slug (an entry of the monitor file) or entry "
                            + "({\"channel_id\", \"prompt\", \"result_schema\"}, or that entry as YAML text), not both and not neither");
        }
        Monitor monitor;
        if (bySlug) {
            if (file == null) {
                throw new IllegalArgumentException("no monitor file is configured (RATCHET_CHANNEL_MONITOR_FILE); "
                        + "post the entry itself as entry");
            }
            monitor = monitor(String.valueOf(body.get("slug")));
        } else {
            monitor = MonitorFile.trial(body.get("entry"));
        }
        Object text = body.get("text");
        Object last = body.get("last");
        if ((text == null) == (last == null)) {
            throw new IllegalArgumentException("give either text (a message to try) or last (1 to 50: the channel's "
                    + "last stored messages), not both and not neither");
        }
        if (text != null) {
            if (!(text instanceof String t) || t.isBlank()) {
                throw new IllegalArgumentException("text must be a non-empty string");
            }
            return RouteHandler.Response.ok(test(monitor, t, null));
        }
        if (!(last instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("last must be a whole number from 1 to 50, not " + JsonText.write(last));
        }
        return RouteHandler.Response.ok(testLast(monitor, n.intValue()));
    }

    /** Prompt, LLM output (or error) and validity of one message; the executable is not run. */
    private Map<String, Object> dryRun(Monitor monitor, Map<String, String> values) {
        String prompt = monitor.prompt().render(values);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("prompt", prompt);
        try {
            String answer = ctx.llm().json(purpose(monitor), List.of(ChatMessage.user(prompt)), monitor.schemaJson());
            result.put("llm_output", JsonText.parse(answer));
            result.put("valid", true);
        } catch (LlmAnswerInvalidException e) {
            result.put("error", e.getMessage());
            result.put("last_answer", e.lastAnswer());
            result.put("valid", false);
        } catch (LlmUnavailableException e) {
            result.put("error", e.getMessage()); // already says that generation is off, and why
            result.put("valid", false);
        }
        return result;
    }

    private Map<String, Object> status() {
        if (file == null) {
            return Map.of("file", "", "monitors", List.of());
        }
        List<Object> list = new ArrayList<>();
        for (Monitor m : bySlug.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("slug", m.slug());
            entry.put("channel_id", m.channelId());
            entry.put("executable", m.executable().toString());
            entry.put("timeout_ms", m.timeout().toMillis());
            entry.put("last_failure", ctx.store().get(failureKey(m)).orElse(null));
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", file.toString());
        body.put("monitors", list);
        return body;
    }

    private static String purpose(Monitor monitor) {
        return ID + ":" + monitor.slug();
    }

    /** How long an entry's last failure is shown in the status; also forgets those of entries since removed. */
    static final Duration FAILURE_KEPT = Duration.ofDays(30);

    static String failureKey(Monitor monitor) {
        return "last-failure:" + monitor.slug();
    }

    /** Logs a failure of one entry on one message and keeps it as the entry's last failure. */
    private void report(Monitor monitor, Message m, String reason) {
        ctx.logger()
                .log(
                        Level.WARNING,
                        "channel-monitor: {0}: message {1}/{2}: {3}",
                        monitor.slug(),
                        m.channelId(),
                        m.ts(),
                        reason);
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("channel_id", m.channelId());
        failure.put("message_ts", m.ts());
        failure.put("reason", reason);
        failure.put("at", ctx.clock().instant().toString());
        try {
            ctx.store().put(failureKey(monitor), failure, FAILURE_KEPT);
        } catch (RuntimeException e) {
            ctx.logger()
                    .log(
                            Level.WARNING,
                            "channel-monitor: {0}: could not record the failure: {1}",
                            monitor.slug(),
                            e.getMessage());
        }
    }

    /** One line per entry per hour (per process), not one per message: an absent LLM is a state, not an event. */
    private void llmOff(Monitor monitor, String reason) {
        Instant now = ctx.clock().instant();
        boolean log = llmOffLogged.compute(
                        monitor.slug(),
                        (slug, last) -> last == null || !now.isBefore(last.plus(LLM_OFF_LOG_INTERVAL)) ? now : last)
                == now;
        if (log) {
            ctx.logger()
                    .log(
                            Level.WARNING,
                            "channel-monitor: {0}: {1}; skipping messages in {2} " + "(said once an hour)",
                            monitor.slug(),
                            reason,
                            monitor.channelId());
        }
    }

    private boolean isOwn(Message m) {
        SlackService.BotIdentity me = bot;
        if (me == null) {
            try {
                me = ctx.slack().bot();
                bot = me;
            } catch (SlackUnavailableException e) {
                return false; // without Slack nothing can be posted anyway
            }
        }
        SlackService.BotIdentity self = me;
        return m.botId().filter(b -> b.equals(self.botId())).isPresent()
                || m.userId().filter(u -> u.equals(self.userId())).isPresent();
    }

    private String author(Message m) {
        return m.userId().or(m::botId).orElse("");
    }

    private String name(Message m) {
        if (m.userId().isPresent()) {
            return ctx.slack().displayName(m.userId().get());
        }
        if (m.attrs().get("username") instanceof String u && !u.isBlank()) {
            return u;
        }
        return m.botId().map(ctx.slack()::displayName).orElse("");
    }

    private Map<String, String> variables(Message m) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("text", ctx.slack().readable(m.text()));
        values.put("raw_text", m.text());
        values.put("user", name(m));
        values.put("user_id", author(m));
        values.put("channel_id", m.channelId());
        values.put("ts", m.ts());
        values.put("thread", thread(m));
        return values;
    }

    /** The thread up to this message, one {@code name: text} line each in readable text (the last ones, when long). */
    private String thread(Message m) {
        List<Message> messages =
                m.threadTs().map(t -> ctx.messages().thread(m.channelId(), t)).orElse(List.of());
        BigDecimal at = ts(m.ts());
        List<Message> upTo = new ArrayList<>(messages.stream()
                .filter(x -> !x.deleted() && ts(x.ts()).compareTo(at) <= 0)
                .toList());
        if (upTo.stream().noneMatch(x -> x.ts().equals(m.ts()))) {
            upTo.add(m);
        }
        List<Message> last = upTo.subList(Math.max(0, upTo.size() - MAX_THREAD_MESSAGES), upTo.size());
        StringBuilder out = new StringBuilder();
        for (Message x : last) {
            out.append(name(x))
                    .append(": ")
                    .append(ctx.slack().readable(x.text()))
                    .append('\n');
        }
        String text = out.toString().strip();
        return text.length() > MAX_THREAD_CHARS ? "…" + text.substring(text.length() - MAX_THREAD_CHARS) : text;
    }

    private static BigDecimal ts(String ts) {
        try {
            return new BigDecimal(ts);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
