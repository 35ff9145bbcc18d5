package dev.ratchet.core.api;

import dev.ratchet.core.slack.SlackDirectory;
import dev.ratchet.core.slack.SlackIntegration;
import dev.ratchet.core.storage.AlertRepository;
import dev.ratchet.core.storage.DirectoryRepository;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.RouteHandler.Request;
import dev.ratchet.spi.RouteHandler.Response;
import dev.ratchet.spi.SlackUnavailableException;
import dev.ratchet.spi.kit.SlackIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Channels and what happened in them: {@code /api/channels}, one channel, its onboarding, its messages (paged, by time,
 * thread and classification), its services and their alerts (the alert events the classifier module recorded, read
 * through {@link AlertRepository}), and the past occurrences of one alert with their threads.
 */
final class ChannelEndpoints {

    private static final String SELECT =
            "select m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at from messages m\n";

    private final ApiServices services;

    private ChannelEndpoints(ApiServices services) {
        this.services = services;
    }

    static void register(Routes routes, ApiServices services) {
        ChannelEndpoints e = new ChannelEndpoints(services);
        routes.add("GET", "api/channels", e::channels);
        routes.add("GET", "api/channels/{id}", e::channel);
        routes.add("POST", "api/channels/{id}/onboard", e::onboard);
        routes.add("GET", "api/channels/{id}/messages", e::messages);
        routes.add("GET", "api/channels/{id}/services", e::services);
        routes.add("GET", "api/channels/{id}/alerts/{service}/{alert}/threads", e::alertThreads);
    }

    private Response channels(Request request) {
        int limit = Params.limit(request);
        String after = Params.cursor(request).orElse(null);
        List<Map<String, Object>> rows = services.storage().directory().channels(after, limit + 1).stream()
                .map(ChannelEndpoints::channelRow)
                .toList();
        return Response.ok(Params.Page.of(rows, limit, r -> (String) r.get("id")));
    }

    private Response channel(Request request) {
        String id = request.pathParams().get("id");
        return Response.ok(services.storage()
                .directory()
                .channelSummary(id)
                .map(ChannelEndpoints::channelRow)
                .orElseThrow(() -> unknownChannel(id)));
    }

    private static Map<String, Object> channelRow(DirectoryRepository.ChannelSummary c) {
        Map<String, Object> attrs = c.attrs();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", c.id());
        row.put("team_id", c.teamId());
        row.put("name", attrs.get("name"));
        row.put("member", attrs.get("member"));
        row.put("onboarding", attrs.get("onboarding"));
        row.put("messages", c.messages());
        row.put("last_message_at", instant(c.lastMessageAt()));
        row.put("created_at", instant(c.createdAt()));
        return row;
    }

    private Response onboard(Request request) throws SlackUnavailableException {
        String id = request.pathParams().get("id");
        if (!SlackIds.isChannelId(id)) {
            throw ApiException.badRequest("'" + id + "' is not a Slack channel id; give its id, such as C0123ABC");
        }
        SlackIntegration slack = services.slack()
                .orElseThrow(() -> new SlackUnavailableException(
                        "Slack is not configured; set RATCHET_SLACK_BOT_TOKEN to onboard channels"));
        boolean again = Boolean.parseBoolean(Params.text(request, "again").orElse("false"));
        boolean queued = slack.onboarding().onboard(slack.teamId(), id, again);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", id);
        body.put("queued", queued);
        body.put(
                "message",
                queued
                        ? "onboarding queued; GET /api/channels/" + id + " shows its progress"
                        : "already onboarded; POST with ?again=true to fetch its history again");
        return new Response(queued ? 202 : 200, body);
    }

    private Response messages(Request request) {
        String channel = existingChannel(request);
        Instant now = Instant.now();
        int limit = Params.limit(request);
        boolean ascending = switch (Params.text(request, "order").orElse("desc")) {
            case "asc" -> true;
            case "desc" -> false;
            default ->
                throw ApiException.badRequest("order must be asc (oldest first) or desc (newest first, the default)");
        };
        Optional<String> thread = Params.text(request, "thread_ts");
        Optional<String> classification = Params.text(request, "classification")
                .map(c -> AlertRepository.classificationCondition(c)
                        .orElseThrow(() -> ApiException.badRequest("classification must be one of "
                                + String.join(", ", AlertRepository.classifications()) + ", not '" + c + "'")));
        Optional<String> cursor = Params.cursor(request);
        List<Message> rows = services.storage()
                .messages()
                .page(
                        channel,
                        Params.instant(request, "since", now).orElse(Instant.EPOCH),
                        Params.instant(request, "until", now).orElse(now.plusSeconds(60)),
                        thread,
                        classification,
                        cursor,
                        ascending,
                        limit + 1);
        Map<String, Long> replies = thread.isPresent() ? Map.of() : replyCounts(channel, rows);
        SlackDirectory names = services.directory();
        List<Map<String, Object>> items = rows.stream()
                .map(m -> {
                    Map<String, Object> json = message(m, names);
                    if (!thread.isPresent()) {
                        json.put("reply_count", replies.getOrDefault(m.ts(), 0L));
                    }
                    return json;
                })
                .collect(Collectors.toCollection(ArrayList::new));
        return Response.ok(Params.Page.of(items, limit, r -> (String) r.get("ts")));
    }

    private Map<String, Long> replyCounts(String channel, List<Message> parents) {
        if (parents.isEmpty()) {
            return Map.of();
        }
        return services.storage()
                .messages()
                .replyCounts(channel, parents.stream().map(Message::ts).toList());
    }

    private Response services(Request request) {
        String channel = existingChannel(request);
        Instant now = Instant.now();
        Instant since = Params.instant(request, "since", now).orElse(now.minus(java.time.Duration.ofDays(30)));
        Instant until = Params.instant(request, "until", now).orElse(now.plusSeconds(60));
        List<Map<String, Object>> alerts = services.alerts().counts(channel, since, until).stream()
                .map(c -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("service", c.service() == null ? "" : c.service());
                    a.put("alert", c.alert() == null ? "" : c.alert());
                    a.put("opens", c.opens());
                    a.put("closes", c.closes());
                    a.put("unresolved", c.unresolved());
                    a.put("mean_open_seconds", c.meanOpenSeconds() == null ? null : Math.round(c.meanOpenSeconds()));
                    a.put("last_opened_at", c.lastOpenedAt());
                    a.put("priority", c.priority());
                    return a;
                })
                .toList();
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        for (Map<String, Object> a : alerts) {
            Map<String, Object> s = services.computeIfAbsent((String) a.remove("service"), name -> {
                Map<String, Object> service = new LinkedHashMap<>();
                service.put("service", name);
                service.put("opens", 0L);
                service.put("closes", 0L);
                service.put("alerts", new ArrayList<Map<String, Object>>());
                return service;
            });
            s.put("opens", (Long) s.get("opens") + (Long) a.get("opens"));
            s.put("closes", (Long) s.get("closes") + (Long) a.get("closes"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) s.get("alerts");
            list.add(a);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("since", since);
        body.put("until", until);
        body.put("items", new ArrayList<>(services.values()));
        body.put("next_cursor", null);
        return Response.ok(body);
    }

    private Response alertThreads(Request request) {
        String channel = existingChannel(request);
        Instant now = Instant.now();
        int limit = Params.integer(request, "limit", 10, 1, 50);
        Optional<String> cursor = Params.cursor(request);
        List<Message> opens = services.alerts()
                .firings(
                        channel,
                        request.pathParams().get("service"),
                        request.pathParams().get("alert"),
                        Params.instant(request, "since", now).orElse(Instant.EPOCH),
                        Params.instant(request, "until", now).orElse(now.plusSeconds(60)),
                        cursor.orElse(null),
                        limit + 1);
        Map<String, List<Message>> threads = services.alerts()
                .replies(channel, opens.stream().map(Message::ts).toList());
        SlackDirectory names = services.directory();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Message open : opens) {
            Map<String, Object> item = message(open, names);
            item.put(
                    "replies",
                    threads.getOrDefault(open.ts(), List.of()).stream()
                            .map(r -> message(r, names))
                            .toList());
            items.add(item);
        }
        return Response.ok(Params.Page.of(items, limit, r -> (String) r.get("ts")));
    }

    /** The channel of the path, which must be known: a channel row or stored messages. */
    private String existingChannel(Request request) {
        String id = request.pathParams().get("id");
        boolean known = services.storage().directory().channelKnown(id);
        if (!known) {
            throw unknownChannel(id);
        }
        return id;
    }

    private static ApiException unknownChannel(String id) {
        return ApiException.notFound("no channel " + id + " is known: the bot has no messages or info of it "
                + "(GET /api/channels lists the known ones; POST /api/channels/" + id
                + "/onboard fetches its history)");
    }

    /** A message as the API shows it: ids, readable names, text, ISO time, reactions and the classification. */
    static Map<String, Object> message(Message m, SlackDirectory names) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel", m.channelId());
        json.put("ts", m.ts());
        json.put("thread_ts", m.threadTs().orElse(null));
        json.put("user", m.userId().orElse(null));
        json.put("bot_id", m.botId().orElse(null));
        json.put(
                "author",
                m.userId()
                        .map(names::displayName)
                        .or(() -> Optional.ofNullable((String) m.attrs().get("username")))
                        .or(() -> m.botId().map(names::displayName))
                        .orElse(null));
        json.put("text", m.text());
        json.put("posted_at", m.postedAt());
        json.put("edited", m.edited());
        json.put("deleted", m.deleted());
        json.put("reactions", m.attrs().getOrDefault("reactions", Map.of()));
        json.put("classification", AlertRepository.annotation(m));
        return json;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
