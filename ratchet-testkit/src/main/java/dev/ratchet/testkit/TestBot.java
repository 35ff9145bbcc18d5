package dev.ratchet.testkit;

import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.api.ApiServer;
import dev.ratchet.core.modules.FoundModule;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.PluginLoader;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.Jobs;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A whole Ratchet on an emulated Slack workspace, for behaviour tests of a module in three lines, the way errbot's
 * {@code testbot} is used: start a bot with the module, post a message as a person, assert on the bot's reply.
 *
 * <pre>{@code
 * try (TestBot bot = TestBot.with("oncall").set("oncall.rotation", "U0ALICE01,U0BOB0001").start()) {
 *     TestBot.Sent question = bot.say("who is on call?");
 *     assertThat(bot.awaitReply(question)).contains("<@U0ALICE01>");
 *     assertThat(bot.callTool("who_is_on_call", "{}")).isEqualTo(Map.of("user", "U0ALICE01"));
 * }
 * }</pre>
 *
 * <p>What it starts, all real and on 127.0.0.1: a fresh PostgreSQL database with Ratchet's migrations (or the
 * {@link TestDatabase} given), the {@link SlackEmulator} with one channel ({@link #CHANNEL}) that the bot is in and one
 * person ({@link #USER}), optionally the {@link OpenAiStub} as the LLM (otherwise generation is off), and a Ratchet
 * connected to the emulator over Socket Mode with its job server running, so every handler runs as the durable job it
 * is in production. The modules enabled are exactly those given: instances, ids of modules found on the class path,
 * or plugin jars, loaded each with its own class loader as {@code --plugins DIR} does.
 *
 * <p>Waiting methods poll (no sleeps) for at most {@link #DEFAULT_TIMEOUT} unless {@link Builder#timeout} says
 * otherwise, and fail with what the module's handlers did for the message (state, attempts, last error).
 * Not thread-safe for starting and closing; the acting and observing methods may be called from any thread.
 */
public final class TestBot implements AutoCloseable {

    /** The channel the bot is in and {@link #say} posts to. */
    public static final String CHANNEL = "C0TESTBOT1";
    /** The person {@link #say}, {@link #reply} and {@link #react} act as. */
    public static final String USER = "U0TESTER01";
    /** How long waiting methods wait unless {@link Builder#timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final SlackEmulator slack;
    private final OpenAiStub llm;
    private final TestDatabase database;
    private final boolean ownsDatabase;
    private final Path pluginDir;
    private final Duration timeout;
    private final Ratchet ratchet;
    private final String apiUrl; // null unless built with Builder#api()
    private final HttpClient http; // only with the API: a client keeps a selector thread
    private final StoredRows rows;

    private TestBot(
            SlackEmulator slack,
            OpenAiStub llm,
            TestDatabase database,
            boolean ownsDatabase,
            Path pluginDir,
            Duration timeout,
            Ratchet ratchet,
            String apiUrl) {
        this.slack = slack;
        this.llm = llm;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.pluginDir = pluginDir;
        this.timeout = timeout;
        this.ratchet = ratchet;
        this.apiUrl = apiUrl;
        this.http = apiUrl == null ? null : HttpClient.newHttpClient();
        this.rows = new StoredRows(ratchet);
    }

    /** A bot with these module instances enabled, in this order. */
    public static Builder with(RatchetModule... modules) {
        Builder b = new Builder();
        for (RatchetModule m : modules) {
            b.module(m);
        }
        return b;
    }

    /** A bot with the modules of these ids, found on the class path with {@link java.util.ServiceLoader}, enabled. */
    public static Builder with(String... moduleIds) {
        Builder b = new Builder();
        for (String id : moduleIds) {
            b.module(id);
        }
        return b;
    }

    /** A bot with no module yet: add them with {@link Builder#module} and {@link Builder#plugin}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A message a person posted, to reply to, react to, or wait for the bot's answer to.
     *
     * @param channel the channel
     * @param ts      the message's ts
     * @param thread  the thread it belongs to: its own ts for a top-level message, the parent's for a reply
     */
    public record Sent(String channel, String ts, String thread) {}

    /**
     * What a module route answered: the status and the body as the JSON text a client would read.
     *
     * @param status HTTP status (200, 400 for an {@link IllegalArgumentException}, 404 for no such route, 500 for any
     *               other exception)
     * @param json   the body as JSON; for 400, 404 and 500 {@code {"error": "..."}}, the 500's naming the exception
     */
    public record RouteAnswer(int status, String json) {

        /** The body parsed, to read with {@code at("/error/code")}, {@code get("items")}... */
        public com.fasterxml.jackson.databind.JsonNode tree() {
            try {
                return dev.ratchet.core.Json.MAPPER.readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the answer (" + status + ") is not JSON: " + json, e);
            }
        }
    }

    /**
     * What one module handler did with one event, as the job system records it.
     *
     * @param moduleId  the module
     * @param handler   the handler's name, as given to {@code ctx.on}
     * @param eventKey  the event's key, such as {@code message:C0TESTBOT1:1700000000.000100}
     * @param state     {@code waiting}, {@code queued}, {@code running}, {@code done} or {@code failed}
     * @param attempts  how often it ran
     * @param lastError the last failure, or null
     */
    public record ModuleRun(
            String moduleId, String handler, String eventKey, String state, int attempts, String lastError) {

        /** Whether the handler finished without failing. */
        public boolean done() {
            return "done".equals(state);
        }

        /** Whether the handler finished, succeeded or failed after its retries. */
        public boolean finished() {
            return "done".equals(state) || "failed".equals(state);
        }
    }

    /**
     * One LLM or embedding request a module made, as recorded in {@code llm_calls} (every attempt is one).
     *
     * @param moduleId the module
     * @param purpose  what the module said the call was for
     * @param kind     {@code chat} or {@code embedding}
     * @param model    the model asked
     * @param error    why the attempt failed, or null when it succeeded
     */
    public record LlmCall(String moduleId, String purpose, String kind, String model, String error) {

        /** Whether the attempt succeeded. */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * A job a module asked to run on a schedule ({@code ctx.schedule}).
     *
     * @param moduleId       the module
     * @param jobName        the job's name
     * @param cronOrInterval what the module gave: a 5-field cron or an ISO-8601 duration
     * @param params         the job's parameters
     */
    public record Schedule(String moduleId, String jobName, String cronOrInterval, Map<String, Object> params) {}

    /**
     * One value a module keeps in its state ({@code ctx.store()}).
     *
     * @param key       its key
     * @param value     the value, parsed from its JSON
     * @param expiresAt when it expires, if it does
     */
    public record StateEntry(String key, Object value, Optional<java.time.Instant> expiresAt) {}

    // ================================================================ acting as the person

    /** {@link #USER} posts {@code text} in {@link #CHANNEL}; the bot receives it over Socket Mode. */
    public Sent say(String text) {
        String ts = slack.post(CHANNEL, USER, text);
        return new Sent(CHANNEL, ts, ts);
    }

    /** {@link #USER} posts {@code @bot text} in {@link #CHANNEL} (a mention, delivered as {@code app_mention} too). */
    public Sent mention(String text) {
        return say("<@" + slack.botUserId() + "> " + text);
    }

    /** {@link #USER} replies in the thread of {@code message}. */
    public Sent reply(Sent message, String text) {
        return new Sent(
                message.channel(), slack.reply(message.channel(), message.thread(), USER, text), message.thread());
    }

    /** {@link #USER} adds the reaction {@code emoji} (without colons, e.g. {@code +1}) to {@code message}. */
    public void react(Sent message, String emoji) {
        slack.react(message.channel(), message.ts(), USER, emoji);
    }

    /**
     * Stores messages as {@code channel}'s history, the way onboarding and an export import store what they fetch:
     * handlers subscribed {@code includingBackfill()} get them, nobody gets them as live messages. Each message is
     * Slack's JSON as {@code conversations.history} returns it, as a map: {@code ts} (required), {@code text},
     * {@code user} or {@code bot_id} and {@code username}, {@code thread_ts} for a reply. Returns once they are stored.
     * For history fetched from the emulator instead, seed it there ({@code slack().seed...}) and let the bot join.
     */
    @SafeVarargs
    public final void history(String channel, Map<String, Object>... messages) {
        rows.storeHistory(slack.teamId(), channel, List.of(messages));
    }

    /**
     * One Slack message for {@link #history}: {@code user} (or a bot id starting with {@code B}) posted {@code text}
     * at {@code ts}, in the thread {@code threadTs} when it is not null.
     */
    public static Map<String, Object> historic(String ts, String threadTs, String user, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("ts", ts);
        if (threadTs != null) {
            m.put("thread_ts", threadTs);
        }
        m.put(user.startsWith("B") ? "bot_id" : "user", user);
        m.put("text", text);
        return m;
    }

    // ================================================================ observing the bot

    /**
     * Waits for the bot's first post in {@code message}'s thread after {@code message}, and returns its text.
     *
     * @throws AssertionError if none comes in time, with what the module handlers did with the message
     */
    public String awaitReply(Sent message) {
        return awaitReplies(message, 1).get(0);
    }

    /** Waits until the bot has posted {@code count} times in {@code message}'s thread after it; returns their texts. */
    public List<String> awaitReplies(Sent message, int count) {
        return waitFor(
                        "the bot's " + (count == 1 ? "reply" : count + " replies") + " to '" + text(message) + "'",
                        () -> repliesTo(message),
                        r -> r.size() >= count,
                        message)
                .subList(0, count);
    }

    /** The texts the bot posted so far in {@code message}'s thread after it, oldest first; does not wait. */
    public List<String> repliesTo(Sent message) {
        return botPosts().stream()
                .filter(p -> message.channel().equals(p.get("channel"))
                        && message.thread().equals(p.get("thread_ts"))
                        && Double.parseDouble(String.valueOf(p.get("ts"))) > Double.parseDouble(message.ts()))
                .map(p -> String.valueOf(p.get("text")))
                .toList();
    }

    /**
     * Waits for a post of the bot (anywhere, since it started) that {@code matches}, and returns its text. Each post is
     * Slack's message JSON as a map, plus {@code channel}: {@code text}, {@code ts}, {@code thread_ts}, {@code blocks}...
     */
    public String awaitBotPost(Predicate<Map<String, Object>> matches) {
        return String.valueOf(waitFor(
                        "a post of the bot that matches",
                        () -> botPosts().stream().filter(matches).findFirst(),
                        java.util.Optional::isPresent,
                        null)
                .orElseThrow()
                .get("text"));
    }

    /** Everything the bot posted, oldest first, as Slack stores it (plus {@code channel}). */
    public List<Map<String, Object>> botPosts() {
        return slack.botPosts();
    }

    /**
     * Waits until Ratchet stored {@code message} and every module handler it went to has finished (succeeded, or
     * failed after its retries). Use it before asserting that something did <em>not</em> happen:
     * {@code bot.awaitHandled(m); assertThat(bot.repliesTo(m)).isEmpty();}
     */
    public void awaitHandled(Sent message) {
        waitFor(
                "the handlers of '" + text(message) + "' to finish",
                () -> stored(message) && unfinishedRuns(message) == 0,
                Boolean::booleanValue,
                message);
    }

    /** The message as Ratchet stored it (what a module's {@code ctx.messages().get} returns), if it did. */
    public Optional<Message> message(String channel, String ts) {
        return rows.message(channel, ts);
    }

    /** Every message Ratchet stored of {@code channel}, replies included, oldest first. */
    public List<Message> messages(String channel) {
        return rows.messages(channel);
    }

    /** What the module {@code moduleId} annotated on a stored message ({@code ctx.messages().annotate}), if anything. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> annotation(String channel, String ts, String moduleId) {
        return message(channel, ts)
                .map(m -> m.attrs().get(moduleId))
                .filter(Map.class::isInstance)
                .map(a -> (Map<String, Object>) a);
    }

    /** {@link #annotation(String, String, String)} of a message a person posted. */
    public Optional<Map<String, Object>> annotation(Sent message, String moduleId) {
        return annotation(message.channel(), message.ts(), moduleId);
    }

    /**
     * The alert event the classifier recorded for a stored message (firing or resolving), as modules read it through
     * {@code ctx.alerts()}; empty when the message is not an alert or not classified yet.
     */
    public Optional<dev.ratchet.spi.AlertEvent> alert(String channel, String ts) {
        return rows.alert(channel, ts);
    }

    /**
     * The question the classifier recorded for a stored message (a person asking for help, and its first answer), as
     * modules read it through {@code ctx.questions()}; empty when it asks none or is not classified yet.
     */
    public Optional<dev.ratchet.spi.Question> question(String channel, String ts) {
        return rows.question(channel, ts);
    }

    /** Whether a stored message has an embedding ({@code ctx.messages().setEmbedding}). */
    public boolean embedded(String channel, String ts) {
        return rows.embedded(channel, ts);
    }

    /** The handler runs of the events of a message (posted, replied to, edited, reacted to...), by module and handler. */
    public List<ModuleRun> moduleRuns(String channel, String ts) {
        return rows.runsOf(channel, ts);
    }

    /** Every handler run of one module so far. */
    public List<ModuleRun> moduleRuns(String moduleId) {
        return rows.runsOfModule(moduleId);
    }

    /** The LLM and embedding requests of one module so far, every attempt, oldest first. */
    public List<LlmCall> llmCalls(String moduleId) {
        return rows.llmCalls(moduleId);
    }

    /** A value the module keeps in its state ({@code ctx.store()}), parsed from its JSON (a map, list, string...). */
    public Optional<Object> moduleState(String moduleId, String key) {
        return rows.moduleState(moduleId, key);
    }

    /** The module's state entries whose key starts with {@code keyPrefix}, most recently written first. */
    public List<StateEntry> moduleStateEntries(String moduleId, String keyPrefix) {
        return rows.moduleStateEntries(moduleId, keyPrefix);
    }

    /** What Ratchet calls a person or bot in readable text ({@code @name}): the name a module's output must show. */
    public String displayName(String userOrBotId) {
        return ratchet.directory().displayName(userOrBotId);
    }

    // ================================================================ tools and routes

    /**
     * Calls the tool {@code name} as the {@code commands} agent would: the arguments are checked against the tool's
     * input schema first, and the call comes from {@link #USER} in {@link #CHANNEL}.
     *
     * @param argumentsJson a JSON object
     * @return what the tool returned
     * @throws IllegalArgumentException if no enabled module registered the tool, or the arguments do not fit its schema
     * @throws Exception                what the tool threw
     */
    public Object callTool(String name, String argumentsJson) throws Exception {
        return ModuleCalls.callTool(tool(name), argumentsJson, new Tool.ToolCall(CHANNEL, null, USER));
    }

    /** The tools of the enabled modules, as registered. */
    public List<Tool> tools() {
        return ratchet.registrations().tools().stream()
                .map(Registrations.RegisteredTool::tool)
                .toList();
    }

    /** The tools one module registered. */
    public List<Tool> tools(String moduleId) {
        return ratchet.registrations().tools().stream()
                .filter(t -> t.moduleId().equals(moduleId))
                .map(Registrations.RegisteredTool::tool)
                .toList();
    }

    /** The names of the event handlers one module registered ({@code ctx.on}). */
    public List<String> handlers(String moduleId) {
        return ratchet.registrations().handlers().stream()
                .filter(h -> h.moduleId().equals(moduleId))
                .map(Registrations.Handler::name)
                .toList();
    }

    /** The names of the jobs one module registered ({@code ctx.job}). */
    public List<String> jobs(String moduleId) {
        return ratchet.registrations().jobs().stream()
                .filter(j -> j.moduleId().equals(moduleId))
                .map(Registrations.ModuleJob::name)
                .sorted()
                .toList();
    }

    /** What the module {@code moduleId} gets as {@code ctx.jobs()}: enqueue one of its jobs as it would. */
    public Jobs jobsOf(String moduleId) {
        return ratchet.jobs().jobsOf(moduleId);
    }

    /** The schedules the enabled modules registered, in order. */
    public List<Schedule> schedules() {
        return ratchet.registrations().schedules().stream()
                .map(s -> new Schedule(s.moduleId(), s.jobName(), s.cronOrInterval(), s.params()))
                .toList();
    }

    /** The ids of the recurring jobs the job server holds ({@code module.job}), sorted. */
    public List<String> recurringJobs() {
        return rows.recurringJobIds();
    }

    /** The enabled modules, in order, as instantiated (for a plugin, by its own class loader). */
    public List<RatchetModule> modules() {
        return ratchet.modules().enabled().stream().map(FoundModule::module).toList();
    }

    /** The ids of the modules that started. */
    public List<String> startedModules() {
        return ratchet.modules().startedIds();
    }

    /**
     * Refreshes every documentation source ({@code docs.sources-file}) now and waits for it, as the scheduled refresh
     * would, so that {@code ctx.docs()} finds their passages.
     */
    public void refreshDocs() throws Exception {
        for (var source : ratchet.docs().sources()) {
            ratchet.docs().refresh(source);
        }
    }

    private Tool tool(String name) {
        return tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no enabled module registered the tool '" + name
                        + "'; registered: "
                        + String.join(", ", tools().stream().map(Tool::name).toList())));
    }

    /**
     * Sends a request to a module route in process, as the JSON API will: {@code route(HttpMethod.GET,
     * "/api/modules/oncall/current?days=7")}. The handler's answer is serialised as the API serialises it.
     */
    public RouteAnswer route(HttpMethod method, String pathAndQuery) {
        return route(method, pathAndQuery, "");
    }

    /** {@link #route(HttpMethod, String)} with a request body. */
    public RouteAnswer route(HttpMethod method, String pathAndQuery, String body) {
        return ModuleCalls.route(ratchet.registrations().routes(), method, pathAndQuery, body);
    }

    /**
     * Calls the route's handler as {@link #route} does, but returns its response as the handler built it (the body
     * an object, not yet JSON) and lets its exceptions through, for assertions on the module's own types.
     *
     * @throws IllegalArgumentException if no enabled module has a route for the method and path, or as the handler throws it
     * @throws Exception                what the handler threw
     */
    public RouteHandler.Response handle(HttpMethod method, String pathAndQuery, String body) throws Exception {
        return ModuleCalls.handle(ratchet.registrations().routes(), method, pathAndQuery, body);
    }

    /**
     * The JSON API's base URL, such as {@code http://127.0.0.1:41234} (no trailing slash), for requests of your own.
     *
     * @throws IllegalStateException if the bot was built without {@link Builder#api()}
     */
    public String apiUrl() {
        if (apiUrl == null) {
            throw new IllegalStateException("this bot serves no API; build it with TestBot.with(...).api()");
        }
        return apiUrl;
    }

    /**
     * Sends a request over HTTP to the bot's JSON API, as {@code curl} would: {@code api(HttpMethod.POST,
     * "/api/modules/runbook/channels/C0123ABC/alerts/1700000000.000100")}. Unlike {@link #route}, it goes through the
     * whole server: routing (404, 405), the error shape {@code {"error": {"code": ..., "message": ...}}}, snake_case.
     *
     * @param pathAndQuery the path from the root, with its query string already percent-encoded
     * @throws IllegalStateException if the bot was built without {@link Builder#api()}
     */
    public RouteAnswer api(HttpMethod method, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl() + pathAndQuery))
                .method(method.name(), HttpRequest.BodyPublishers.noBody())
                .timeout(timeout)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new RouteAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + pathAndQuery, e);
        }
    }

    // ================================================================ the parts

    /**
     * The settings that connect a Ratchet to {@code slack} over Socket Mode ({@code slack.bot-token},
     * {@code slack.app-token}, {@code slack.api-url}), in a new map to add more settings to, for tests that start a
     * Ratchet of their own.
     */
    public static Map<String, String> slackFlags(SlackEmulator slack) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("slack.bot-token", slack.botToken());
        flags.put("slack.app-token", slack.appToken());
        flags.put("slack.api-url", slack.apiUrl());
        return flags;
    }

    /**
     * The settings that point a Ratchet at {@code slack} in HTTP Events mode: bot token, signing secret, Web API URL, and
     * an events port chosen by the system ({@code slack.events-address=127.0.0.1:0}); the emulator's
     * {@link SlackEmulator#deliverEventsTo} then needs the port Ratchet bound.
     */
    public static Map<String, String> httpSlackFlags(SlackEmulator slack) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("slack.mode", "http");
        flags.put("slack.bot-token", slack.botToken());
        flags.put("slack.signing-secret", slack.signingSecret());
        flags.put("slack.api-url", slack.apiUrl());
        flags.put("slack.events-address", "127.0.0.1:0");
        return flags;
    }

    /**
     * A value as JSON, written the way Ratchet writes a tool's result for the LLM (the commands agent) and stores
     * values: records and their fields by name, timestamps as ISO-8601 text, {@code Optional} unwrapped.
     */
    public static String json(Object value) {
        return dev.ratchet.core.Json.write(value);
    }

    /** The Slack emulator, to arrange more (people, channels, integrations' posts) or observe API calls. */
    public SlackEmulator slack() {
        return slack;
    }

    /**
     * The LLM stub, to add chat rules or inspect requests.
     *
     * @throws IllegalStateException if the bot was built without {@link Builder#llm()}
     */
    public OpenAiStub llm() {
        if (llm == null) {
            throw new IllegalStateException("this bot has no LLM stub; build it with TestBot.with(...).llm()");
        }
        return llm;
    }

    /** The bot's database (to start a second bot on, or to drop it yourself). */
    public TestDatabase database() {
        return database;
    }

    /** Stops Ratchet, the stub and the emulator; drops the database if this bot created it. */
    @Override
    public void close() {
        try {
            ratchet.close();
        } finally {
            release(llm, slack, ownsDatabase ? database : null, pluginDir);
        }
    }

    private static void release(OpenAiStub llm, SlackEmulator slack, TestDatabase database, Path pluginDir) {
        if (llm != null) {
            llm.close();
        }
        if (slack != null) {
            slack.close();
        }
        try {
            if (database != null) {
                RatchetDatabaseExtension.dispose(database);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(
                    "cannot drop the test database " + database.name() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(pluginDir);
        }
    }

    // ================================================================ waiting, with diagnostics

    private <T> T waitFor(String what, Supplier<T> probe, Predicate<T> done, Sent message) {
        try {
            return await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(probe::get, done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + timeout.toSeconds() + "s for " + what + "; " + diagnose(message), e);
        }
    }

    private String diagnose(Sent message) {
        StringBuilder b = new StringBuilder();
        if (message != null) {
            if (!stored(message)) {
                b.append("Ratchet never stored the message (is the bot connected?); ");
            } else {
                List<String> runs = rows.runsOfEvent(eventKey(message)).stream()
                        .map(r -> r.moduleId() + ":" + r.handler() + " " + r.state() + " after " + r.attempts()
                                + " attempt(s)" + (r.lastError() == null ? "" : ": " + r.lastError()))
                        .toList();
                b.append(
                        runs.isEmpty()
                                ? "no module handler subscribed to it; "
                                : "handlers: " + String.join("; ", runs) + "; ");
            }
        }
        List<String> posts = botPosts().stream()
                .map(p -> p.get("channel") + "/" + p.get("ts") + " '" + p.get("text") + "'")
                .toList();
        return b.append("bot posts so far: ")
                .append(posts.isEmpty() ? "none" : String.join(", ", posts))
                .toString();
    }

    private boolean stored(Sent m) {
        return rows.message(m.channel(), m.ts()).isPresent();
    }

    private int unfinishedRuns(Sent m) {
        return (int) rows.runsOfEvent(eventKey(m)).stream()
                .filter(r -> !r.finished())
                .count();
    }

    private static String eventKey(Sent m) {
        return "message:" + m.channel() + ":" + m.ts(); // EventRef's key of a new message or reply
    }

    private String text(Sent m) {
        return String.valueOf(slack.message(m.channel(), m.ts()).get("text"));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    // ================================================================ building

    /** What the bot starts with. Every method returns this builder; {@link #start()} starts the bot. */
    public static final class Builder {

        private final List<Object> modules = new ArrayList<>(); // RatchetModule, String id, or Path jar/folder
        private final Map<String, String> settings = new LinkedHashMap<>();
        private TestDatabase database;
        private Consumer<OpenAiStub> llmRules;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean api;
        private Consumer<SlackEmulator> workspace = slack -> {};

        private Builder() {}

        /** Enables this module instance. */
        public Builder module(RatchetModule module) {
            modules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        /** Enables the module with this id, found on the class path (its {@code META-INF/services} entry) or in a plugin. */
        public Builder module(String id) {
            modules.add(Objects.requireNonNull(id, "id"));
            return this;
        }

        /**
         * Enables every module in a plugin jar (or in each {@code *.jar} of a folder), loaded with its own class loader
         * whose parent is the test's, exactly as {@code ratchet run --plugins DIR} loads it.
         */
        public Builder plugin(Path jarOrFolder) {
            if (!Files.exists(jarOrFolder)) {
                throw new IllegalArgumentException(
                        "plugin " + jarOrFolder + ": no such file or folder; build the module jar first");
            }
            modules.add(jarOrFolder);
            return this;
        }

        /**
         * Sets a configuration key, as {@code --set key=value} would: a module's ({@code oncall.rotation}) or core's
         * ({@code llm.model}). Unknown keys fail the start, as they do in production.
         */
        public Builder set(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** Uses this database (from {@link RatchetDatabaseExtension}) instead of creating one; it is not dropped on close. */
        public Builder database(TestDatabase db) {
            this.database = db;
            return this;
        }

        /** Starts the {@link OpenAiStub} as the bot's LLM ({@code llm.url}); without it generation is off. */
        public Builder llm() {
            return llm(stub -> {});
        }

        /** Starts the {@link OpenAiStub} with these rules set before Ratchet starts. */
        public Builder llm(Consumer<OpenAiStub> rules) {
            this.llmRules = Objects.requireNonNull(rules);
            return this;
        }

        /** The clock modules get from {@code ctx.clock()}; fix it for answers that depend on the time. */
        public Builder clock(Clock moduleClock) {
            this.clock = Objects.requireNonNull(moduleClock);
            return this;
        }

        /**
         * Also serves the JSON API, as {@code ratchet run} does, on a free loopback port: see {@link TestBot#apiUrl()}
         * and {@link TestBot#api(HttpMethod, String)}.
         */
        public Builder api() {
            this.api = true;
            return this;
        }

        /**
         * Arranges the emulated workspace before Ratchet starts (people, channels the bot is in, their history), so that
         * Ratchet finds it as it would find a workspace it is installed in: onboarding fetches the history of the
         * channels the bot is in. Several calls run in order.
         */
        public Builder slack(Consumer<SlackEmulator> arrange) {
            Objects.requireNonNull(arrange);
            Consumer<SlackEmulator> before = workspace;
            workspace = before.andThen(arrange);
            return this;
        }

        /** How long the waiting methods wait (default {@link #DEFAULT_TIMEOUT}). */
        public Builder timeout(Duration waitAtMost) {
            this.timeout = Objects.requireNonNull(waitAtMost);
            return this;
        }

        /**
         * Starts everything and returns the running bot; close it when done.
         *
         * @throws dev.ratchet.core.StartupException what {@code ratchet run} would report: an invalid setting, an
         *                                           unknown module id, a module whose start failed
         */
        public TestBot start() {
            SlackEmulator slack = null;
            OpenAiStub llm = null;
            TestDatabase db = database;
            Path pluginDir = null;
            try {
                slack = SlackEmulator.start();
                slack.addUser(USER, "tester", "Test Person", "tester@example.com");
                slack.addChannel(CHANNEL, "test-ops");
                slack.botJoins(CHANNEL);
                workspace.accept(slack);
                if (llmRules != null) {
                    llm = OpenAiStub.start();
                    llmRules.accept(llm);
                }
                if (db == null) {
                    db = RatchetDatabaseExtension.create(callerClass());
                }
                pluginDir = copyPlugins();
                Map<String, String> flags = slackFlags(slack);
                flags.put("llm.url", llm == null ? "off" : llm.baseUrl());
                flags.put("db.pool-size", "6");
                flags.put("jobs.workers", "4");
                if (api) {
                    flags.put("api.address", "127.0.0.1:0");
                }
                flags.putAll(settings);
                Ratchet ratchet = Ratchet.start(db.config(flags), registry(pluginDir), clock);
                String apiUrl = null;
                try {
                    ratchet.startJobServer();
                    ratchet.startSlackEvents();
                    if (api) {
                        ApiServer server = ratchet.startApi(ApiServer.Scope.FULL)
                                .orElseThrow(() -> new IllegalStateException(
                                        "the API did not start: api.enabled is false in this bot's settings"));
                        apiUrl = "http://127.0.0.1:" + server.port();
                    }
                } catch (RuntimeException e) {
                    ratchet.close();
                    throw e;
                }
                return new TestBot(slack, llm, db, database == null, pluginDir, timeout, ratchet, apiUrl);
            } catch (RuntimeException e) {
                try {
                    release(llm, slack, database == null ? db : null, pluginDir);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        /** The plugin jars copied into one folder, as an operator lays them out for {@code --plugins}. */
        private Path copyPlugins() {
            List<Path> jars = new ArrayList<>();
            for (Object m : modules) {
                if (m instanceof Path p) {
                    jars.addAll(jarsIn(p));
                }
            }
            if (jars.isEmpty()) {
                return null;
            }
            try {
                Path dir = Files.createTempDirectory("testbot-plugins");
                for (Path jar : jars) {
                    Files.copy(jar, dir.resolve(jar.getFileName()));
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the plugin jars", e);
            }
        }

        private static List<Path> jarsIn(Path p) {
            if (!Files.isDirectory(p)) {
                return List.of(p);
            }
            try (Stream<Path> files = Files.list(p)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            }
        }

        /**
         * The given instances, the ids found by discovery, and the plugins' modules, in the order they were added.
         * Discovery (and its checks of ids and services entries) runs only when an id or a plugin was given.
         */
        private ModuleRegistry registry(Path pluginDir) {
            List<RatchetModule> chosen = new ArrayList<>();
            ModuleRegistry found = null;
            if (modules.stream().anyMatch(m -> !(m instanceof RatchetModule))) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader()
                        : TestBot.class.getClassLoader();
                found = ModuleRegistry.discover(
                        loader, pluginDir == null ? List.of() : PluginLoader.load(pluginDir, loader));
                found.enableIgnoringRequirements(
                        modules.stream()
                                .filter(String.class::isInstance)
                                .map(String.class::cast)
                                .toList(),
                        List.of());
            }
            for (Object m : modules) {
                if (m instanceof RatchetModule module) {
                    chosen.add(module);
                } else if (m instanceof String id) {
                    chosen.add(found.found().stream()
                            .filter(f -> f.id().equals(id))
                            .findFirst()
                            .orElseThrow()
                            .module());
                } else {
                    for (Path jar : jarsIn((Path) m)) {
                        Path copy = pluginDir.resolve(jar.getFileName());
                        List<RatchetModule> inJar = found.found().stream()
                                .filter(f -> f.source().equals(copy.toString()))
                                .map(FoundModule::module)
                                .toList();
                        if (inJar.isEmpty()) {
                            throw new IllegalArgumentException("plugin " + jar
                                    + " holds no module: it needs a class implementing " + RatchetModule.class.getName()
                                    + " listed in META-INF/services/" + RatchetModule.class.getName());
                        }
                        chosen.addAll(inJar);
                    }
                }
            }
            // a module test may drive a module without the modules it needs, or with a stand-in under their id
            return ModuleRegistry.of(chosen).enableIgnoringRequirements(List.of(), List.of());
        }

        /** The test class that built the bot, to name its database. */
        private static Class<?> callerClass() {
            return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                            .filter(c -> c != TestBot.class && c != Builder.class)
                            .findFirst()
                            .orElse(TestBot.class));
        }
    }
}
