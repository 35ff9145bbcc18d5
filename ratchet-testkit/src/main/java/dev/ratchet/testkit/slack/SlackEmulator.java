package dev.ratchet.testkit.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.AppConfig;
import com.sun.net.httpserver.HttpServer;
import dev.ratchet.testkit.slack.Workspace.Channel;
import dev.ratchet.testkit.slack.Workspace.Kind;
import dev.ratchet.testkit.slack.Workspace.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Slack workspace on 127.0.0.1 that the real Slack clients (Bolt for Java, {@code slack-api-client}) talk to over
 * Slack's own wire protocols: the Web API over HTTP, Socket Mode over a WebSocket, and the Events API as signed HTTP
 * POSTs. Tests arrange the workspace (users, channels, history), act as people in it (post, reply, react, edit,
 * delete), and assert on what the bot did (its posts, its API calls, its acknowledgements).
 *
 * <pre>{@code
 * try (SlackEmulator slack = SlackEmulator.start()) {
 *     slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
 *     slack.addChannel("C_OPS", "team-ops");
 *     slack.botJoins("C_OPS");
 *
 *     App app = new App(slack.appConfig());
 *     app.event(MessageEvent.class, (req, ctx) -> {
 *         ctx.say("seen: " + req.getEvent().getText());
 *         return ctx.ack();
 *     });
 *     SocketModeApp socketMode = new SocketModeApp(slack.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
 *     socketMode.startAsync();
 *
 *     slack.post("C_OPS", "U_ALICE", "hello");
 *     await().until(() -> slack.botPosts().size() == 1);
 * }
 * }</pre>
 *
 * <h2>Like Slack</h2>
 * <ul>
 *   <li>Events are delivered only for channels the bot is a member of ({@link #botJoins}); the message is stored
 *   either way. The bot also receives the message events of its own {@code chat.postMessage} posts (Bolt ignores them
 *   by default).</li>
 *   <li>{@code conversations.history}, {@code conversations.replies} and {@code chat.postMessage} answer
 *   {@code not_in_channel} when the bot is not a member.</li>
 *   <li>{@code chat.postMessage} takes message {@code metadata} ({@code event_type} and {@code event_payload}, else
 *   {@code invalid_metadata_format}); {@code conversations.history} and {@code conversations.replies} show it only
 *   with {@code include_all_metadata=true}.</li>
 *   <li>An event not acknowledged within the ack timeout (3 s unless {@link #ackTimeout(Duration)} says otherwise) is
 *   retried up to 3 times, with the same {@code event_id}.</li>
 * </ul>
 *
 * <h2>Unlike Slack</h2>
 * <ul>
 *   <li>Events produced while no Socket Mode client is connected wait for the first connection instead of failing,
 *   so that a test may post before its app has finished connecting.</li>
 *   <li>HTTP retries follow each other at once, not after minutes.</li>
 * </ul>
 *
 * <p>All methods are thread-safe. Tokens and the signing secret are random per instance and never logged.
 */
public final class SlackEmulator implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String botToken = "xoxb-" + digits(12) + "-" + digits(13) + "-" + secret(12);
    private final String appToken = "xapp-1-A0APP00001-" + digits(13) + "-" + secret(32);
    private final String signingSecret = secret(16);
    private final Workspace workspace = new Workspace(
            "T0EMULATE1", "Emulated Workspace", "emulated", "U0RATCHET1", "B0RATCHET1", "ratchet", "A0APP00001");
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(daemon("slack-emulator-timer"));
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("slack-emulator-worker"));
    private final EventDelivery delivery;
    private final WebApi webApi;
    private final HttpServer http;
    private final SocketModeServer socketMode;

    private SlackEmulator() throws IOException, InterruptedException {
        delivery = new EventDelivery(workspace, signingSecret, secret(12), scheduler, workers);
        webApi = new WebApi(workspace, botToken, appToken, this::socketUrl, this::emit);
        socketMode = new SocketModeServer(
                workspace.appId, webApi::redeemTicket, delivery::onAck, delivery::onConnected, scheduler);
        delivery.attach(socketMode);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/", webApi);
        http.setExecutor(workers);
        http.start();
        try {
            socketMode.startAndWait();
        } catch (RuntimeException | InterruptedException e) {
            http.stop(0);
            throw e;
        }
    }

    /** Starts an empty workspace (only the bot user in it) on free ports of 127.0.0.1. */
    public static SlackEmulator start() {
        try {
            return new SlackEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException("the Slack emulator could not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Slack emulator", e);
        }
    }

    // ================================================================ identity and client configuration

    /** The Web API prefix, {@code http://127.0.0.1:<port>/api/}, for {@link SlackConfig#setMethodsEndpointUrlPrefix}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/";
    }

    private String socketUrl() {
        return "ws://127.0.0.1:" + socketMode.getPort();
    }

    /** The bot token ({@code xoxb-...}); never log it. */
    public String botToken() {
        return botToken;
    }

    /** The app-level token ({@code xapp-...}) for Socket Mode; never log it. */
    public String appToken() {
        return appToken;
    }

    /** The secret Events API requests are signed with; never log it. */
    public String signingSecret() {
        return signingSecret;
    }

    public String teamId() {
        return workspace.teamId;
    }

    /** The bot's user ID, which appears as {@code user} on its messages and in {@code <@...>} mentions. */
    public String botUserId() {
        return workspace.botUserId;
    }

    /** The bot's {@code bot_id} ({@code B...}). */
    public String botId() {
        return workspace.botId;
    }

    public String appId() {
        return workspace.appId;
    }

    /** A client configuration pointed at this emulator; {@code Slack.getInstance(slack.slackConfig())}. */
    public SlackConfig slackConfig() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl());
        // Stats run a background thread per client and are of no use against an emulator.
        config.setStatsEnabled(false);
        return config;
    }

    /**
     * A Bolt configuration for a single-workspace app on this emulator: its bot token, signing secret and a
     * {@link Slack} client pointed here. Use it with {@code new App(slack.appConfig())}.
     */
    public AppConfig appConfig() {
        return AppConfig.builder()
                .slack(Slack.getInstance(slackConfig()))
                .singleTeamBotToken(botToken)
                .signingSecret(signingSecret)
                .build();
    }

    // ================================================================ arranging the workspace

    /**
     * The scopes the bot token was granted, sent in auth.test's {@code x-oauth-scopes} header as Slack does; by
     * default those of Ratchet's app-manifest.yaml. An app installed before a scope was added to it has fewer.
     */
    public SlackEmulator botScopes(String... scopes) {
        workspace.botScopes = List.of(scopes);
        return this;
    }

    /** Adds a person. {@code email} may be null. */
    public SlackEmulator addUser(String id, String name, String realName, String email) {
        synchronized (workspace) {
            workspace.addUser(id, name, realName, email);
        }
        return this;
    }

    /**
     * Adds a user group ({@code S...}, an on-call rota such as {@code @oncall}) with its members, answered by
     * {@code usergroups.users.list}; adding it again replaces its members (the rota changed).
     */
    public SlackEmulator addUserGroup(String id, String... memberIds) {
        synchronized (workspace) {
            workspace.addUserGroup(id, List.of(memberIds));
        }
        return this;
    }

    /** Adds a public channel ({@code C...} by convention), with no members. */
    public SlackEmulator addChannel(String id, String name) {
        return addChannel(id, name, Kind.PUBLIC, null);
    }

    /** Adds a private channel, with no members. */
    public SlackEmulator addPrivateChannel(String id, String name) {
        return addChannel(id, name, Kind.PRIVATE, null);
    }

    /** Adds the direct-message channel ({@code D...}) between {@code userId} and the bot. */
    public SlackEmulator addDirectMessage(String id, String userId) {
        return addChannel(id, null, Kind.IM, userId);
    }

    private SlackEmulator addChannel(String id, String name, Kind kind, String imUser) {
        synchronized (workspace) {
            workspace.addChannel(id, name, kind, imUser);
        }
        return this;
    }

    /** The bot becomes a member; the bot receives {@code member_joined_channel} with itself as {@code user}. */
    public void botJoins(String channel) {
        joins(channel, workspace.botUserId);
    }

    /** The bot leaves; it receives {@code member_left_channel} and no more events of the channel. */
    public void botLeaves(String channel) {
        leaves(channel, workspace.botUserId);
    }

    /** A person joins; {@code member_joined_channel} is delivered if the bot is in the channel. */
    public void joins(String channel, String userId) {
        synchronized (workspace) {
            emit(workspace.join(channel, userId));
        }
    }

    /** A person leaves; {@code member_left_channel} is delivered if the bot is in the channel. */
    public void leaves(String channel, String userId) {
        synchronized (workspace) {
            emit(workspace.leave(channel, userId));
        }
    }

    // ================================================================ acting as people and integrations

    /**
     * {@code userId} posts a top-level message now. Delivers a {@code message} event and, when the text mentions the
     * bot ({@code <@botUserId>}), an {@code app_mention} event.
     *
     * @return the message's ts
     */
    public String post(String channel, String userId, String text) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            Message m = workspace.storeUserMessage(c, userId, text, null, workspace.nextTs());
            emit(workspace.postedEvents(m));
            return m.ts;
        }
    }

    /**
     * {@code userId} replies in the thread of {@code threadTs} (a parent, or one of its replies). Delivers a
     * {@code message} event with {@code thread_ts}; the parent's {@code reply_count} and {@code latest_reply} grow.
     *
     * @return the reply's ts
     */
    public String reply(String channel, String threadTs, String userId, String text) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            Message m = workspace.storeUserMessage(c, userId, text, requireParent(c, threadTs).ts, workspace.nextTs());
            emit(workspace.postedEvents(m));
            return m.ts;
        }
    }

    /**
     * An integration (Alertmanager, Grafana, a webhook) posts: a {@code bot_message} with its {@code bot_id} and
     * {@code username}, the real content often in {@code attachments} (each a map in Slack's attachment shape:
     * {@code fallback}, {@code color}, {@code title}, {@code text}, {@code fields}...). {@code bots.info} knows the
     * integration afterwards.
     *
     * @return the message's ts
     */
    public String postAsIntegration(
            String channel, String botId, String username, String text, List<Map<String, Object>> attachments) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            Message m = workspace.storeIntegrationMessage(c, botId, username, text, attachments, workspace.nextTs());
            emit(workspace.postedEvents(m));
            return m.ts;
        }
    }

    /**
     * An integration posts in the thread of {@code threadTs}, as bridges that thread an alert's repeats and resolve under
     * its first message do: a {@code bot_message} with {@code thread_ts}; the parent's {@code reply_count} grows.
     *
     * @return the reply's ts
     */
    public String replyAsIntegration(
            String channel,
            String threadTs,
            String botId,
            String username,
            String text,
            List<Map<String, Object>> attachments) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            Message m = workspace.storeIntegrationMessage(
                    c, botId, username, text, attachments, requireParent(c, threadTs).ts, workspace.nextTs());
            emit(workspace.postedEvents(m));
            return m.ts;
        }
    }

    /** The message's author edits it; delivers {@code message_changed} with {@code message} and {@code previous_message}. */
    public void edit(String channel, String ts, String newText) {
        synchronized (workspace) {
            Message m = workspace.requireMessage(channel, ts);
            Object author = m.json.containsKey("user") ? m.json.get("user") : m.json.get("bot_id");
            emit(workspace.edit(m, newText, String.valueOf(author)));
        }
    }

    /**
     * The message's author edits it, its text and its attachments (replaced; none when empty), as the Slack apps of
     * PagerDuty or Opsgenie edit an alert into its resolution; delivers {@code message_changed} with {@code message}
     * and {@code previous_message}.
     */
    public void edit(String channel, String ts, String newText, List<Map<String, Object>> attachments) {
        synchronized (workspace) {
            Message m = workspace.requireMessage(channel, ts);
            Object author = m.json.containsKey("user") ? m.json.get("user") : m.json.get("bot_id");
            if (attachments.isEmpty()) {
                m.json.remove("attachments");
            } else {
                List<Map<String, Object>> copies = new ArrayList<>();
                for (int i = 0; i < attachments.size(); i++) {
                    Map<String, Object> a = new LinkedHashMap<>(attachments.get(i));
                    a.putIfAbsent("id", i + 1);
                    copies.add(a);
                }
                m.json.put("attachments", copies);
            }
            emit(workspace.edit(m, newText, String.valueOf(author)));
        }
    }

    /**
     * Deletes a message; delivers {@code message_deleted} with {@code deleted_ts} and {@code previous_message}. A
     * thread parent with replies stays as a tombstone, as in Slack.
     */
    public void delete(String channel, String ts) {
        synchronized (workspace) {
            emit(workspace.delete(workspace.requireMessage(channel, ts)));
        }
    }

    /** {@code userId} adds the reaction {@code name} (without colons, e.g. {@code +1}); delivers {@code reaction_added}. */
    public void react(String channel, String ts, String userId, String name) {
        synchronized (workspace) {
            emit(workspace.react(workspace.requireMessage(channel, ts), userId, name, true));
        }
    }

    /** {@code userId} removes a reaction; delivers {@code reaction_removed}. */
    public void unreact(String channel, String ts, String userId, String name) {
        synchronized (workspace) {
            emit(workspace.react(workspace.requireMessage(channel, ts), userId, name, false));
        }
    }

    // ================================================================ history, without events

    /**
     * Stores a top-level message posted at {@code at} (in the past), delivering no event: history for backfill
     * tests, read back through {@code conversations.history}.
     *
     * @return its ts (at {@code at}, moved by microseconds if that ts is taken)
     */
    public String seed(String channel, String userId, String text, Instant at) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            return workspace.storeUserMessage(c, userId, text, null, workspace.tsAt(at)).ts;
        }
    }

    /**
     * Stores a thread reply posted at {@code at}, delivering no event; it is placed just after the parent if
     * {@code at} is not later than the parent.
     *
     * @return its ts
     */
    public String seedReply(String channel, String threadTs, String userId, String text, Instant at) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            Message parent = requireParent(c, threadTs);
            Instant after = Workspace.instantOf(parent.ts).plusNanos(1_000);
            Instant when = at.isAfter(after) ? at : after;
            return workspace.storeUserMessage(c, userId, text, parent.ts, workspace.tsAt(when)).ts;
        }
    }

    /** Stores an integration's {@code bot_message} posted at {@code at}, delivering no event. */
    public String seedIntegration(
            String channel,
            String botId,
            String username,
            String text,
            List<Map<String, Object>> attachments,
            Instant at) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            return workspace.storeIntegrationMessage(c, botId, username, text, attachments, workspace.tsAt(at)).ts;
        }
    }

    /**
     * Stores {@code count} top-level messages by {@code userId}, texts {@code "message 1"} to {@code "message <count>"},
     * spread evenly over the {@code span} before now, delivering no events.
     *
     * @return their ts, oldest first
     */
    public List<String> seedHistory(String channel, String userId, int count, Duration span) {
        Instant now = Instant.now();
        List<String> ts = new ArrayList<>(count);
        long stepNanos = count == 0 ? 0 : span.toNanos() / count;
        for (int i = 0; i < count; i++) {
            Instant at = now.minus(span).plusNanos(stepNanos * i);
            ts.add(seed(channel, userId, "message " + (i + 1), at));
        }
        return ts;
    }

    private Message requireParent(Channel c, String threadTs) {
        Message parent = workspace.threadParent(c, threadTs);
        if (parent == null) {
            throw new IllegalArgumentException("no message " + threadTs + " in " + c.id + " to reply to");
        }
        return parent;
    }

    // ================================================================ raw delivery

    /**
     * An {@code event_callback} envelope as Slack sends it (team, app, authorizations...), with the given event id and
     * inner event, not delivered: for tests that post it themselves, tamper with it, or sign it
     * ({@link #sendSigned}). The event may be any JSON value, so that malformed events can be built too.
     */
    public Map<String, Object> eventCallback(String eventId, Object event) {
        Map<String, Object> callback = delivery.callback(new LinkedHashMap<>());
        callback.put("event", event);
        callback.put("event_id", eventId);
        return callback;
    }

    /**
     * Delivers {@code event} (the inner event, e.g. {@code {"type":"message",...}}) in a new {@code event_callback}.
     *
     * @return its event_id
     */
    public String deliver(Map<String, Object> event) {
        return deliver(event, 1);
    }

    /**
     * Delivers one {@code event_callback} wrapping {@code event} {@code times} times, each a separate delivery (its own
     * envelope or POST, no retry markers) with the same {@code event_id}: the duplicates Slack occasionally sends.
     *
     * @return the event_id
     */
    public String deliver(Map<String, Object> event, int times) {
        return delivery.deliverCallback(delivery.callback(Json.copy(event)), times);
    }

    /** Delivers an already delivered event again, {@code times} times, with its original {@code event_id}. */
    public void redeliver(String eventId, int times) {
        delivery.redeliver(eventId, times);
    }

    // ================================================================ observing the bot

    /** What the bot posted with {@code chat.postMessage}, oldest first, as stored (plus {@code channel}). */
    public List<Map<String, Object>> botPosts() {
        synchronized (workspace) {
            List<Map<String, Object>> posts = new ArrayList<>();
            for (Message m : workspace.botPosts()) {
                Map<String, Object> post = new LinkedHashMap<>(Json.copy(m.json));
                post.put("channel", m.channel.id);
                posts.add(post);
            }
            return posts;
        }
    }

    /** The replies in the thread of {@code threadTs}, oldest first, the bot's included; the parent is not. */
    public List<Map<String, Object>> repliesIn(String channel, String threadTs) {
        synchronized (workspace) {
            Channel c = workspace.requireChannel(channel);
            return requireParent(c, threadTs).replies.values().stream()
                    .map(r -> Json.copy(r.json))
                    .toList();
        }
    }

    /**
     * Waits until a reply in the thread of {@code threadTs} matches {@code match} (given each reply as stored, to read
     * only), at most {@code timeout}: the first such reply, oldest first, as {@link #repliesIn} gives it, or empty.
     * Woken by each new reply instead of polling, so that a caller waiting for the bot's answer (a benchmark's sender)
     * uses no CPU meanwhile.
     */
    public java.util.Optional<Map<String, Object>> awaitReply(
            String channel, String threadTs, java.util.function.Predicate<Map<String, Object>> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (workspace) {
            while (true) {
                Channel c = workspace.requireChannel(channel);
                for (Message r : requireParent(c, threadTs).replies.values()) {
                    if (match.test(java.util.Collections.unmodifiableMap(r.json))) {
                        return java.util.Optional.of(Json.copy(r.json));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return java.util.Optional.empty();
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(workspace, left);
            }
        }
    }

    /** The channel's top-level messages and thread parents, oldest first, as {@code conversations.history} shows them. */
    public List<Map<String, Object>> messagesIn(String channel) {
        synchronized (workspace) {
            return workspace.requireChannel(channel).messages.values().stream()
                    .map(m -> Json.copy(m.json))
                    .toList();
        }
    }

    /** One message (top-level or reply) as stored, with its reactions and thread fields. */
    public Map<String, Object> message(String channel, String ts) {
        synchronized (workspace) {
            return Json.copy(workspace.requireMessage(channel, ts).json);
        }
    }

    /** Every Web API call answered, oldest first. */
    public List<ApiCall> calls() {
        return webApi.calls();
    }

    /** The calls of one method, oldest first. */
    public List<ApiCall> calls(String method) {
        return webApi.calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** How many times {@code method} was called, rate-limited and failed calls included. */
    public int callCount(String method) {
        return calls(method).size();
    }

    /** Every event delivered so far, oldest first, with its attempts and whether it was acknowledged. */
    public List<DeliveredEvent> deliveredEvents() {
        return delivery.deliveries();
    }

    /**
     * Waits until every event delivered so far is acknowledged.
     *
     * @throws AssertionError if some are still pending after {@code timeout}, or were given up after their retries
     */
    public void awaitAcked(Duration timeout) {
        delivery.awaitAcked(timeout);
    }

    /**
     * Forgets the Web API calls recorded so far and the events already acknowledged, for a long run (a benchmark) whose
     * records would otherwise grow with every event; the workspace (channels, messages, replies) is kept, pending and
     * abandoned deliveries too. {@link #calls()} and {@link #deliveredEvents()} start again from here.
     */
    public void forgetRecords() {
        webApi.forgetCalls();
        delivery.forgetAcked();
    }

    /** Open Socket Mode connections that receive envelopes. */
    public int connectionCount() {
        return socketMode.liveConnections();
    }

    // ================================================================ controls

    /**
     * The next {@code times} calls of {@code method} answer HTTP 429 with {@code Retry-After: retryAfterSeconds} and
     * {@code {"ok":false,"error":"ratelimited"}}.
     */
    public void failNext(String method, int times, int retryAfterSeconds) {
        webApi.failNext(method, times, retryAfterSeconds);
    }

    /**
     * The next {@code times} successful calls of {@code method} are carried out (a post is posted), and their
     * connection drops after the status line, before the answer's body: the caller gets no answer and cannot tell
     * whether the call took effect, as when a network fails at the wrong moment.
     */
    public void loseAnswersNext(String method, int times) {
        webApi.loseAnswersNext(method, times);
    }

    /**
     * Applies Slack's 2025 limits for apps not from the Marketplace to {@code conversations.history} and
     * {@code conversations.replies}: at most 15 messages a page whatever {@code limit} asks, and one call per
     * {@code minInterval} per method (Slack: one minute); a call sooner answers 429 with {@code Retry-After} the
     * seconds left, rounded up.
     */
    public void nonMarketplaceLimits(Duration minInterval) {
        webApi.nonMarketplaceLimits(Objects.requireNonNull(minInterval));
    }

    /** Lifts the limits set with {@link #nonMarketplaceLimits(Duration)}: the app behaves as a Marketplace app again. */
    public void marketplaceLimits() {
        webApi.nonMarketplaceLimits(null);
    }

    /** How long an event may stay unacknowledged before it is retried (Slack: 3 s, the default). */
    public void ackTimeout(Duration timeout) {
        delivery.ackTimeout(timeout);
    }

    /**
     * From now on, delivers events as signed HTTP POSTs to {@code url} (the Events API Request URL) instead of over
     * Socket Mode. A non-2xx answer, or none within the ack timeout, is retried up to 3 times with
     * {@code X-Slack-Retry-Num} and {@code X-Slack-Retry-Reason} ({@code http_error} / {@code http_timeout}).
     */
    public void deliverEventsTo(URI url) {
        delivery.deliverOverHttp(Objects.requireNonNull(url));
    }

    /** From now on, delivers events over Socket Mode again (the default). */
    public void deliverOverSocketMode() {
        delivery.deliverOverHttp(null);
    }

    /**
     * POSTs {@code rawBody} once to the URL given to {@link #deliverEventsTo}, as Slack would but with a chosen
     * timestamp and signature, for tests of request verification.
     *
     * @param timestamp       the {@code X-Slack-Request-Timestamp}, in Unix seconds
     * @param signatureOrNull the {@code X-Slack-Signature} to send; {@code null} to sign correctly (with the given
     *                        timestamp), {@code ""} to send no signature header
     * @return the HTTP status answered
     */
    public int sendSigned(String rawBody, long timestamp, String signatureOrNull) {
        return delivery.post(requireHttpTarget(), rawBody, timestamp, signatureOrNull)
                .statusCode();
    }

    /**
     * Sends the {@code url_verification} request Slack sends when a Request URL is configured, correctly signed.
     *
     * @return the body answered, which should hold the challenge
     */
    public String urlVerification(URI url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", UUID.randomUUID().toString());
        body.put("challenge", "challenge-" + secret(8));
        body.put("type", "url_verification");
        HttpResponse<String> response =
                delivery.post(url, Json.write(body), Instant.now().getEpochSecond(), null);
        return response.body();
    }

    /** The {@code X-Slack-Signature} Slack would send for {@code body} at {@code timestamp}. */
    public String sign(long timestamp, String body) {
        return delivery.sign(timestamp, body);
    }

    /**
     * Sends {@code {"type":"disconnect","reason":reason}} on every Socket Mode connection and closes them shortly
     * after, as Slack does before recycling a server ({@code refresh_requested}, {@code warning},
     * {@code too_many_websockets}). Bolt then opens a new connection through {@code apps.connections.open}.
     */
    public void disconnect(String reason) {
        socketMode.disconnectAll(reason, 1_000);
    }

    private URI requireHttpTarget() {
        URI target = delivery.httpTarget();
        if (target == null) {
            throw new IllegalStateException("call deliverEventsTo(url) first");
        }
        return target;
    }

    private void emit(List<Map<String, Object>> events) {
        events.forEach(delivery::deliver);
    }

    /** Stops both servers; connected clients see their connections close. */
    @Override
    public void close() {
        try {
            socketMode.stop(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "SlackEmulator[" + apiUrl() + ", team " + workspace.teamId + "]";
    }

    // ================================================================ internals

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }

    private static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
