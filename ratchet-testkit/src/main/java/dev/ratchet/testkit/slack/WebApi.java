package dev.ratchet.testkit.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ratchet.testkit.slack.Workspace.Channel;
import dev.ratchet.testkit.slack.Workspace.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Slack's Web API ({@code /api/<method>}) over the emulated workspace. */
final class WebApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(WebApi.class);
    /** Slack's 2025 page cap for conversations.history/replies of non-Marketplace apps. */
    static final int NON_MARKETPLACE_PAGE = 15;

    private static final Set<String> NON_MARKETPLACE_METHODS = Set.of("conversations.history", "conversations.replies");

    /** A Slack error answer, thrown to leave a method early. */
    private static final class SlackError extends RuntimeException {
        SlackError(String error) {
            super(error, null, false, false);
        }
    }

    private record Answer(int status, Map<String, Object> body, Map<String, String> headers) {}

    private final Workspace workspace;
    private final String botToken;
    private final String appToken;
    private final Supplier<String> socketUrl;
    /** Delivers events produced by the bot's own calls; runs inside the workspace lock to keep ts order. */
    private final Consumer<List<Map<String, Object>>> emit;

    private final List<ApiCall> calls = new ArrayList<>();
    private final Map<String, int[]> failNext = new HashMap<>();
    private final Map<String, int[]> loseAnswers = new HashMap<>();
    private final Map<String, Integer> failNextRetryAfter = new HashMap<>();
    private final Map<String, Long> lastAccepted = new HashMap<>();
    private Duration nonMarketplaceInterval;
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();

    WebApi(
            Workspace workspace,
            String botToken,
            String appToken,
            Supplier<String> socketUrl,
            Consumer<List<Map<String, Object>>> emit) {
        this.workspace = workspace;
        this.botToken = botToken;
        this.appToken = appToken;
        this.socketUrl = socketUrl;
        this.emit = emit;
    }

    // ---------------------------------------------------------------- controls

    synchronized void loseAnswersNext(String method, int times) {
        loseAnswers.put(method, new int[] {times});
    }

    synchronized void failNext(String method, int times, int retryAfterSeconds) {
        failNext.put(method, new int[] {times});
        failNextRetryAfter.put(method, retryAfterSeconds);
    }

    synchronized void nonMarketplaceLimits(Duration minInterval) {
        this.nonMarketplaceInterval = minInterval;
        lastAccepted.clear();
    }

    synchronized void forgetCalls() {
        calls.clear();
    }

    synchronized List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    /** A Socket Mode ticket is good for one connection. */
    boolean redeemTicket(String ticket) {
        return tickets.remove(ticket);
    }

    // ---------------------------------------------------------------- HTTP

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = serve(exchange);
            } catch (RuntimeException e) {
                // A bug here must show as a failed call in the test, not as a hung or reset connection.
                log.error(
                        "Slack emulator failed on {}", exchange.getRequestURI().getPath(), e);
                answer = new Answer(500, Map.of("ok", false, "error", "internal_error"), Map.of());
            }
            byte[] bytes = Json.write(answer.body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            answer.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status, bytes.length);
            if (Boolean.TRUE.equals(answer.body.get("ok"))
                    && loseAnswer(exchange.getRequestURI().getPath())) {
                // the call was carried out, and the connection drops before its answer's body: the caller cannot
                // tell whether it was
                try {
                    exchange.getResponseBody().close();
                } catch (IOException expected) {
                    // "insufficient bytes written": the connection is closed, as wanted
                }
                return;
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The Web API method a request's path names: {@code /api/chat.postMessage} is {@code chat.postMessage}. */
    private static String methodOf(String path) {
        return path.substring(path.indexOf("/api/") + "/api/".length());
    }

    private synchronized boolean loseAnswer(String path) {
        return takeOne(loseAnswers, methodOf(path));
    }

    /** Whether {@code method} has a turn left in {@code counters} (failNext's, loseAnswersNext's), taking it. */
    private static boolean takeOne(Map<String, int[]> counters, String method) {
        int[] left = counters.get(method);
        if (left != null && left[0] > 0) {
            left[0]--;
            return true;
        }
        return false;
    }

    private Answer serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = methodOf(path);
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(exchange.getRequestURI().getRawQuery(), params);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/json") && !body.isBlank()) {
            Map<String, Object> json;
            try {
                json = Json.readMap(body);
            } catch (IllegalArgumentException e) {
                return error("invalid_json");
            }
            json.forEach((k, v) -> {
                if (v != null) {
                    params.put(k, v instanceof String s ? s : Json.write(v));
                }
            });
        } else {
            parseForm(body, params);
        }
        String token = params.remove("token");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            token = authorization.substring("Bearer ".length()).trim();
        }
        ApiCall.Token kind = token == null || token.isEmpty()
                ? ApiCall.Token.NONE
                : token.equals(botToken)
                        ? ApiCall.Token.BOT
                        : token.equals(appToken) ? ApiCall.Token.APP : ApiCall.Token.INVALID;
        Answer answer = answer(method, params, kind);
        synchronized (this) {
            calls.add(new ApiCall(
                    method,
                    params,
                    kind,
                    Boolean.TRUE.equals(answer.body.get("ok")) ? null : (String) answer.body.get("error")));
        }
        return answer;
    }

    private static void parseForm(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }

    private Answer answer(String method, Map<String, String> params, ApiCall.Token token) {
        if (token == ApiCall.Token.NONE) {
            return error("not_authed");
        }
        if (token == ApiCall.Token.INVALID) {
            return error("invalid_auth");
        }
        Answer limited = rateLimit(method);
        if (limited != null) {
            return limited;
        }
        if (token == ApiCall.Token.APP
                && !Set.of("auth.test", "apps.connections.open", "api.test").contains(method)) {
            return error("not_allowed_token_type");
        }
        try {
            Map<String, Object> body = switch (method) {
                case "api.test" -> ok();
                case "auth.test" -> authTest(token);
                case "apps.connections.open" -> connectionsOpen(token);
                case "conversations.info" -> conversationsInfo(params);
                case "conversations.history" -> conversationsHistory(params);
                case "conversations.replies" -> conversationsReplies(params);
                case "conversations.members" -> conversationsMembers(params);
                case "users.conversations" -> usersConversations(params);
                case "users.info" -> usersInfo(params);
                case "users.lookupByEmail" -> usersLookupByEmail(params);
                case "usergroups.users.list" -> userGroupsUsersList(params);
                case "chat.postMessage" -> chatPostMessage(params);
                case "chat.update" -> chatUpdate(params);
                case "chat.getPermalink" -> chatGetPermalink(params);
                case "reactions.add" -> reaction(params, true);
                case "reactions.remove" -> reaction(params, false);
                case "bots.info" -> botsInfo(params);
                default -> throw new SlackError("unknown_method");
            };
            return new Answer(
                    200,
                    body,
                    method.equals("auth.test") && token == ApiCall.Token.BOT
                            ? Map.of("x-oauth-scopes", String.join(",", workspace.botScopes))
                            : Map.of());
        } catch (SlackError e) {
            return error(e.getMessage());
        }
    }

    private synchronized Answer rateLimit(String method) {
        if (takeOne(failNext, method)) {
            return ratelimited(failNextRetryAfter.get(method));
        }
        if (nonMarketplaceInterval != null && NON_MARKETPLACE_METHODS.contains(method)) {
            long now = System.nanoTime();
            Long last = lastAccepted.get(method);
            if (last != null) {
                long remaining = last + nonMarketplaceInterval.toNanos() - now;
                if (remaining > 0) {
                    int seconds = (int) Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
                    return ratelimited(seconds);
                }
            }
            lastAccepted.put(method, now);
        }
        return null;
    }

    private static Answer ratelimited(int retryAfterSeconds) {
        return new Answer(
                429,
                Map.of("ok", false, "error", "ratelimited"),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    private static Answer error(String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error", error);
        return new Answer(200, body, Map.of());
    }

    private static Map<String, Object> ok() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        return body;
    }

    // ---------------------------------------------------------------- methods

    private Map<String, Object> authTest(ApiCall.Token token) {
        Map<String, Object> body = ok();
        body.put("url", "https://" + workspace.teamDomain + ".slack.com/");
        body.put("team", workspace.teamName);
        body.put("team_id", workspace.teamId);
        if (token == ApiCall.Token.BOT) {
            body.put("user", workspace.botName);
            body.put("user_id", workspace.botUserId);
            body.put("bot_id", workspace.botId);
        } else {
            body.put("app_id", workspace.appId);
        }
        body.put("is_enterprise_install", false);
        return body;
    }

    private Map<String, Object> connectionsOpen(ApiCall.Token token) {
        if (token != ApiCall.Token.APP) {
            throw new SlackError("not_allowed_token_type");
        }
        String ticket = UUID.randomUUID().toString();
        tickets.add(ticket);
        Map<String, Object> body = ok();
        body.put("url", socketUrl.get() + "/link/?ticket=" + ticket + "&app_id=" + workspace.appId);
        return body;
    }

    private Channel channel(Map<String, String> params) {
        Channel c;
        synchronized (workspace) {
            c = workspace.channel(params.get("channel"));
        }
        if (c == null) {
            throw new SlackError("channel_not_found");
        }
        return c;
    }

    private Map<String, Object> conversationsInfo(Map<String, String> params) {
        synchronized (workspace) {
            Map<String, Object> body = ok();
            body.put("channel", workspace.channelJson(channel(params)));
            return body;
        }
    }

    private Map<String, Object> conversationsMembers(Map<String, String> params) {
        synchronized (workspace) {
            Channel c = channel(params);
            Page<String> page = page(new ArrayList<>(c.members), params, 100);
            Map<String, Object> body = ok();
            body.put("members", page.items);
            body.put("response_metadata", Map.of("next_cursor", page.nextCursor));
            return body;
        }
    }

    private Map<String, Object> conversationsHistory(Map<String, String> params) {
        synchronized (workspace) {
            Channel c = channel(params);
            if (!workspace.botIsMember(c)) {
                throw new SlackError("not_in_channel");
            }
            Window window = Window.of(params);
            List<Message> newestFirst = new ArrayList<>();
            for (Message m : c.messages.descendingMap().values()) {
                if (window.contains(m.ts)) {
                    newestFirst.add(m);
                }
            }
            int limit = limit(params, 100, 999);
            return tsPage(newestFirst, params, limit, true, "messages");
        }
    }

    private Map<String, Object> conversationsReplies(Map<String, String> params) {
        synchronized (workspace) {
            Channel c = channel(params);
            if (!workspace.botIsMember(c)) {
                throw new SlackError("not_in_channel");
            }
            String ts = params.get("ts");
            Message parent = ts == null ? null : workspace.threadParent(c, ts);
            if (parent == null) {
                throw new SlackError("thread_not_found");
            }
            Window window = Window.of(params);
            List<Message> thread = new ArrayList<>();
            thread.add(parent);
            for (Message r : parent.replies.values()) {
                if (window.contains(r.ts)) {
                    thread.add(r);
                }
            }
            int limit = limit(params, 1000, 1000);
            return tsPage(thread, params, limit, false, "messages");
        }
    }

    /**
     * A page of messages in the order given. The cursor names the ts the next page starts at, which keeps paging
     * stable while messages are added, as Slack's {@code next_ts:} cursors do.
     */
    private Map<String, Object> tsPage(
            List<Message> ordered, Map<String, String> params, int limit, boolean descending, String field) {
        int start = 0;
        String cursor = params.get("cursor");
        if (cursor != null && !cursor.isEmpty()) {
            String from = decodeCursor(cursor, "next_ts:");
            start = ordered.size();
            for (int i = 0; i < ordered.size(); i++) {
                int cmp = Workspace.TS_ORDER.compare(ordered.get(i).ts, from);
                if (descending ? cmp <= 0 : cmp >= 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = Math.min(ordered.size(), start + limit);
        List<Map<String, Object>> messages = new ArrayList<>();
        boolean withMetadata =
                "true".equals(params.get("include_all_metadata")) || "1".equals(params.get("include_all_metadata"));
        for (Message m : ordered.subList(start, end)) {
            Map<String, Object> copy = Json.copy(m.json);
            if (!withMetadata) {
                // as Slack does: a message's metadata is shown only to a reader that asks for it
                copy.remove("metadata");
            }
            messages.add(copy);
        }
        boolean hasMore = end < ordered.size();
        Map<String, Object> body = ok();
        body.put(field, messages);
        body.put("has_more", hasMore);
        body.put("pin_count", 0);
        body.put(
                "response_metadata",
                Map.of("next_cursor", hasMore ? encodeCursor("next_ts:" + ordered.get(end).ts) : ""));
        return body;
    }

    private int limit(Map<String, String> params, int byDefault, int max) {
        int limit = byDefault;
        String raw = params.get("limit");
        if (raw != null && !raw.isBlank()) {
            try {
                limit = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw new SlackError("invalid_limit");
            }
            if (limit <= 0) {
                limit = byDefault;
            }
        }
        limit = Math.min(limit, max);
        synchronized (this) {
            if (nonMarketplaceInterval != null) {
                limit = Math.min(limit, NON_MARKETPLACE_PAGE);
            }
        }
        return limit;
    }

    /** oldest/latest/inclusive as conversations.history reads them. */
    private record Window(String oldest, String latest, boolean inclusive) {
        static Window of(Map<String, String> params) {
            String oldest = params.get("oldest");
            String latest = params.get("latest");
            boolean inclusive = "true".equals(params.get("inclusive")) || "1".equals(params.get("inclusive"));
            return new Window(
                    oldest == null || oldest.isBlank() ? null : oldest,
                    latest == null || latest.isBlank() ? null : latest,
                    inclusive);
        }

        boolean contains(String ts) {
            try {
                if (oldest != null) {
                    int cmp = Workspace.TS_ORDER.compare(ts, oldest);
                    if (inclusive ? cmp < 0 : cmp <= 0) {
                        return false;
                    }
                }
                if (latest != null) {
                    int cmp = Workspace.TS_ORDER.compare(ts, latest);
                    return inclusive ? cmp <= 0 : cmp < 0;
                }
                return true;
            } catch (NumberFormatException e) {
                throw new SlackError("invalid_ts_" + (oldest != null ? "oldest" : "latest"));
            }
        }
    }

    private record Page<T>(List<T> items, String nextCursor) {}

    /** Offset paging, for lists that are not ordered by ts. */
    private static <T> Page<T> page(List<T> all, Map<String, String> params, int byDefault) {
        int limit = byDefault;
        try {
            if (params.get("limit") != null && !params.get("limit").isBlank()) {
                limit = Math.max(1, Integer.parseInt(params.get("limit").trim()));
            }
        } catch (NumberFormatException e) {
            throw new SlackError("invalid_limit");
        }
        int start = 0;
        String cursor = params.get("cursor");
        if (cursor != null && !cursor.isEmpty()) {
            try {
                start = Integer.parseInt(decodeCursor(cursor, "offset:"));
            } catch (NumberFormatException e) {
                throw new SlackError("invalid_cursor");
            }
        }
        int end = Math.min(all.size(), start + limit);
        List<T> items = start >= all.size() ? List.of() : all.subList(start, end);
        return new Page<>(List.copyOf(items), end < all.size() ? encodeCursor("offset:" + end) : "");
    }

    private static String encodeCursor(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor, String prefix) {
        try {
            String value = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!value.startsWith(prefix)) {
                throw new SlackError("invalid_cursor");
            }
            return value.substring(prefix.length());
        } catch (IllegalArgumentException e) {
            throw new SlackError("invalid_cursor");
        }
    }

    private Map<String, Object> usersConversations(Map<String, String> params) {
        String userId = params.getOrDefault("user", workspace.botUserId);
        Set<String> types =
                Set.of(params.getOrDefault("types", "public_channel").split(","));
        synchronized (workspace) {
            if (workspace.user(userId) == null) {
                throw new SlackError("user_not_found");
            }
            List<Map<String, Object>> channels = new ArrayList<>();
            for (Channel c : workspace.channels()) {
                String type = switch (c.kind) {
                    case PUBLIC -> "public_channel";
                    case PRIVATE -> "private_channel";
                    case IM -> "im";
                };
                if (types.contains(type) && c.members.contains(userId)) {
                    channels.add(workspace.channelJson(c));
                }
            }
            Page<Map<String, Object>> page = page(channels, params, 100);
            Map<String, Object> body = ok();
            body.put("channels", page.items);
            body.put("response_metadata", Map.of("next_cursor", page.nextCursor));
            return body;
        }
    }

    private Map<String, Object> usersInfo(Map<String, String> params) {
        synchronized (workspace) {
            Map<String, Object> user = params.get("user") == null ? null : workspace.user(params.get("user"));
            if (user == null) {
                throw new SlackError("user_not_found");
            }
            Map<String, Object> body = ok();
            body.put("user", Json.copy(user));
            return body;
        }
    }

    /** As Slack: {@code usergroup} required, the member ids in {@code users}, {@code no_such_subteam} otherwise. */
    private Map<String, Object> userGroupsUsersList(Map<String, String> params) {
        synchronized (workspace) {
            String group = params.get("usergroup");
            if (group == null || group.isEmpty()) {
                throw new SlackError("invalid_arguments");
            }
            List<String> members = workspace.userGroupMembers(group);
            if (members == null) {
                throw new SlackError("no_such_subteam");
            }
            Map<String, Object> body = ok();
            body.put("users", new ArrayList<>(members));
            return body;
        }
    }

    private Map<String, Object> usersLookupByEmail(Map<String, String> params) {
        synchronized (workspace) {
            String email = params.get("email");
            Map<String, Object> user = email == null ? null : workspace.userByEmail(email);
            if (user == null) {
                throw new SlackError("users_not_found");
            }
            Map<String, Object> body = ok();
            body.put("user", Json.copy(user));
            return body;
        }
    }

    private Map<String, Object> chatPostMessage(Map<String, String> params) {
        String target = params.get("channel");
        if (target != null && (target.startsWith("U") || target.startsWith("W"))) {
            // as Slack does: a user id as the channel posts in the bot's direct message with that person
            synchronized (workspace) {
                if (workspace.user(target) != null) {
                    params = new java.util.LinkedHashMap<>(params);
                    params.put("channel", workspace.directMessageWith(target).id);
                }
            }
        }
        Object blocks = jsonParam(params, "blocks");
        Object attachments = jsonParam(params, "attachments");
        Object metadata = jsonParam(params, "metadata");
        if (metadata != null
                && !(metadata instanceof Map<?, ?> meta
                        && meta.get("event_type") instanceof String type
                        && !type.isBlank()
                        && meta.get("event_payload") instanceof Map<?, ?>)) {
            throw new SlackError("invalid_metadata_format");
        }
        String text = params.get("text");
        if ((text == null || text.isEmpty()) && blocks == null && attachments == null) {
            throw new SlackError("no_text");
        }
        synchronized (workspace) {
            Channel c = channel(params);
            if (!workspace.botIsMember(c)) {
                throw new SlackError("not_in_channel");
            }
            String threadTs = params.get("thread_ts");
            if (threadTs != null && threadTs.isEmpty()) {
                threadTs = null;
            }
            if (threadTs != null) {
                if (!threadTs.matches("\\d+\\.\\d+")) {
                    throw new SlackError("invalid_thread_ts");
                }
                Message parent = workspace.threadParent(c, threadTs);
                if (parent == null) {
                    throw new SlackError("thread_not_found");
                }
                threadTs = parent.ts;
            }
            Message m = workspace.storeBotMessage(c, text, blocks, attachments, threadTs, params.get("username"));
            emit.accept(workspace.postedEvents(m));
            if (metadata != null) {
                // after the event: the message event carries no metadata here (an app reads it with
                // include_all_metadata)
                m.json.put("metadata", metadata);
            }
            Map<String, Object> body = ok();
            body.put("channel", c.id);
            body.put("ts", m.ts);
            body.put("message", Json.copy(m.json));
            return body;
        }
    }

    private Map<String, Object> chatUpdate(Map<String, String> params) {
        synchronized (workspace) {
            Channel c = channel(params);
            Message m = params.get("ts") == null ? null : workspace.message(c, params.get("ts"));
            if (m == null) {
                throw new SlackError("message_not_found");
            }
            if (!workspace.botUserId.equals(m.json.get("user"))) {
                throw new SlackError("cant_update_message");
            }
            Object blocks = jsonParam(params, "blocks");
            if (blocks != null) {
                m.json.put("blocks", blocks);
            }
            String text = params.getOrDefault("text", String.valueOf(m.json.get("text")));
            emit.accept(workspace.edit(m, text, workspace.botUserId));
            Map<String, Object> body = ok();
            body.put("channel", c.id);
            body.put("ts", m.ts);
            body.put("text", text);
            body.put("message", Json.copy(m.json));
            return body;
        }
    }

    private Map<String, Object> chatGetPermalink(Map<String, String> params) {
        synchronized (workspace) {
            Channel c = channel(params);
            Message m = params.get("message_ts") == null ? null : workspace.message(c, params.get("message_ts"));
            if (m == null) {
                throw new SlackError("message_not_found");
            }
            Map<String, Object> body = ok();
            body.put("channel", c.id);
            String link =
                    "https://" + workspace.teamDomain + ".slack.com/archives/" + c.id + "/p" + m.ts.replace(".", "");
            if (m.parent != null) {
                link += "?thread_ts=" + m.parent.ts + "&cid=" + c.id;
            }
            body.put("permalink", link);
            return body;
        }
    }

    private Map<String, Object> reaction(Map<String, String> params, boolean add) {
        synchronized (workspace) {
            Channel c = channel(params);
            Message m = params.get("timestamp") == null ? null : workspace.message(c, params.get("timestamp"));
            if (m == null) {
                throw new SlackError("message_not_found");
            }
            String name = params.get("name");
            if (name == null || name.isBlank()) {
                throw new SlackError("invalid_name");
            }
            List<Map<String, Object>> events = workspace.react(m, workspace.botUserId, name, add);
            if (events.isEmpty() && workspace.botIsMember(c)) {
                throw new SlackError(add ? "already_reacted" : "no_reaction");
            }
            emit.accept(events);
            return ok();
        }
    }

    private Map<String, Object> botsInfo(Map<String, String> params) {
        synchronized (workspace) {
            Map<String, Object> bot = params.get("bot") == null ? null : workspace.bot(params.get("bot"));
            if (bot == null) {
                throw new SlackError("bot_not_found");
            }
            Map<String, Object> body = ok();
            body.put("bot", bot);
            return body;
        }
    }

    private static Object jsonParam(Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Json.read(raw);
        } catch (IllegalArgumentException e) {
            throw new SlackError("invalid_" + name);
        }
    }
}
