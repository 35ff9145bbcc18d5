package dev.ratchet.testkit.slack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The emulated workspace: users, channels and messages, kept as Slack's own JSON shapes. Every method must be called
 * holding the workspace's monitor ({@code synchronized (workspace)}), because the caller usually has to deliver the
 * resulting event in the same critical section to keep events in {@code ts} order.
 *
 * <p>Methods that change state return the inner Events API event(s) Slack would send, or an empty list when Slack would
 * send none (the bot is not in the channel).
 */
final class Workspace {

    /** Orders {@code "<seconds>.<micros>"} numerically, which string order gets wrong across digit counts. */
    static final Comparator<String> TS_ORDER = Comparator.comparing(BigDecimal::new);

    static final class Message {
        final Channel channel;
        final String ts;
        final Map<String, Object> json;
        final Message parent;
        final NavigableMap<String, Message> replies = new TreeMap<>(TS_ORDER);

        Message(Channel channel, String ts, Map<String, Object> json, Message parent) {
            this.channel = channel;
            this.ts = ts;
            this.json = json;
            this.parent = parent;
        }
    }

    static final class Channel {
        final String id;
        final String name;
        final Kind kind;
        final String imUser;
        final long created = Instant.now().getEpochSecond();
        final Set<String> members = new LinkedHashSet<>();
        /** Top-level messages and thread parents. */
        final NavigableMap<String, Message> messages = new TreeMap<>(TS_ORDER);
        /** Every message, replies included, by ts. */
        final Map<String, Message> all = new HashMap<>();

        Channel(String id, String name, Kind kind, String imUser) {
            this.id = id;
            this.name = name;
            this.kind = kind;
            this.imUser = imUser;
        }
    }

    enum Kind {
        PUBLIC("channel", "C"),
        PRIVATE("group", "G"),
        IM("im", "D");

        /** {@code channel_type} of message events. */
        final String eventType;
        /** {@code channel_type} of member_joined_channel events. */
        final String memberEventType;

        Kind(String eventType, String memberEventType) {
            this.eventType = eventType;
            this.memberEventType = memberEventType;
        }
    }

    final String teamId;
    final String teamName;
    final String teamDomain;
    final String botUserId;
    final String botId;
    final String botName;
    final String appId;

    /**
     * The scopes the bot token was granted, as auth.test's {@code x-oauth-scopes} header says: by default those
     * Ratchet's app-manifest.yaml asks for.
     */
    volatile List<String> botScopes = List.of(
            "app_mentions:read",
            "channels:history",
            "channels:read",
            "chat:write",
            "groups:history",
            "groups:read",
            "im:write",
            "reactions:read",
            "users:read",
            "users:read.email",
            "usergroups:read");

    private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    /** Bots of integrations (bot_message senders), for bots.info. */
    private final Map<String, String> integrations = new LinkedHashMap<>();

    private final List<Message> botPosts = new ArrayList<>();
    private final Set<Long> usedMicros = new HashSet<>();
    private long lastLiveMicros;

    Workspace(
            String teamId,
            String teamName,
            String teamDomain,
            String botUserId,
            String botId,
            String botName,
            String appId) {
        this.teamId = teamId;
        this.teamName = teamName;
        this.teamDomain = teamDomain;
        this.botUserId = botUserId;
        this.botId = botId;
        this.botName = botName;
        this.appId = appId;
        Map<String, Object> bot = user(botUserId, botName, botName, null);
        bot.put("is_bot", true);
        profile(bot).put("bot_id", botId);
        users.put(botUserId, bot);
    }

    // ---------------------------------------------------------------- clock

    /** A new, never used ts at the current time (or just after the last one). */
    String nextTs() {
        Instant now = Instant.now();
        long micros = Math.max(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000, lastLiveMicros + 1);
        while (usedMicros.contains(micros)) {
            micros++;
        }
        lastLiveMicros = micros;
        usedMicros.add(micros);
        return format(micros);
    }

    /** A never used ts at {@code at}, or just after it. */
    String tsAt(Instant at) {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        while (usedMicros.contains(micros)) {
            micros++;
        }
        usedMicros.add(micros);
        return format(micros);
    }

    static String format(long micros) {
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }

    static Instant instantOf(String ts) {
        BigDecimal micros = new BigDecimal(ts).movePointRight(6);
        long m = micros.longValue();
        return Instant.ofEpochSecond(m / 1_000_000L, (m % 1_000_000L) * 1_000L);
    }

    // ---------------------------------------------------------------- users and channels

    void addUser(String id, String name, String realName, String email) {
        users.put(id, user(id, name, realName, email));
    }

    /** User groups ({@code S…}, Slack's "subteams"): id → handle and member ids. */
    private final Map<String, List<String>> userGroups = new LinkedHashMap<>();

    void addUserGroup(String id, List<String> memberIds) {
        userGroups.put(id, List.copyOf(memberIds));
    }

    /** The members of a user group, or null when there is no such group. */
    List<String> userGroupMembers(String id) {
        return userGroups.get(id);
    }

    private Map<String, Object> user(String id, String name, String realName, String email) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("real_name", realName);
        profile.put("display_name", name);
        if (email != null) {
            profile.put("email", email);
        }
        profile.put("team", teamId);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("team_id", teamId);
        user.put("name", name);
        user.put("deleted", false);
        user.put("real_name", realName);
        user.put("tz", "Etc/UTC");
        user.put("tz_label", "Coordinated Universal Time");
        user.put("tz_offset", 0);
        user.put("profile", profile);
        user.put("is_admin", false);
        user.put("is_owner", false);
        user.put("is_bot", false);
        user.put("is_app_user", false);
        user.put("updated", Instant.now().getEpochSecond());
        return user;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> profile(Map<String, Object> user) {
        return (Map<String, Object>) user.get("profile");
    }

    Map<String, Object> user(String id) {
        return users.get(id);
    }

    Map<String, Object> userByEmail(String email) {
        return users.values().stream()
                .filter(u -> email.equalsIgnoreCase((String) profile(u).get("email")))
                .findFirst()
                .orElse(null);
    }

    Channel addChannel(String id, String name, Kind kind, String imUser) {
        if (channels.containsKey(id)) {
            throw new IllegalArgumentException("channel " + id + " exists already");
        }
        Channel channel = new Channel(id, name, kind, imUser);
        channels.put(id, channel);
        if (kind == Kind.IM) {
            channel.members.add(imUser);
            channel.members.add(botUserId);
        }
        return channel;
    }

    /** The bot's direct message with a person, opened on first use (id {@code D} + the user id). */
    Channel directMessageWith(String userId) {
        return channels.values().stream()
                .filter(c -> c.kind == Kind.IM && userId.equals(c.imUser))
                .findFirst()
                .orElseGet(() -> addChannel("D" + userId, null, Kind.IM, userId));
    }

    /** The channel with this ID, or (as chat.postMessage allows) this name, with or without {@code #}. */
    Channel channel(String idOrName) {
        if (idOrName == null) {
            return null;
        }
        Channel byId = channels.get(idOrName);
        if (byId != null) {
            return byId;
        }
        String name = idOrName.startsWith("#") ? idOrName.substring(1) : idOrName;
        return channels.values().stream()
                .filter(c -> name.equals(c.name))
                .findFirst()
                .orElse(null);
    }

    Channel requireChannel(String id) {
        Channel channel = channels.get(id);
        if (channel == null) {
            throw new IllegalArgumentException("no channel " + id + "; add it first with addChannel");
        }
        return channel;
    }

    List<Channel> channels() {
        return List.copyOf(channels.values());
    }

    Map<String, Object> channelJson(Channel c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id);
        json.put("created", c.created);
        json.put("is_archived", false);
        json.put("is_org_shared", false);
        json.put("context_team_id", teamId);
        if (c.kind == Kind.IM) {
            json.put("is_im", true);
            json.put("user", c.imUser);
            json.put("is_open", true);
            return json;
        }
        json.put("name", c.name);
        json.put("name_normalized", c.name);
        json.put("is_channel", true);
        json.put("is_group", false);
        json.put("is_im", false);
        json.put("is_mpim", false);
        json.put("is_private", c.kind == Kind.PRIVATE);
        json.put("is_general", false);
        json.put("is_shared", false);
        json.put("is_ext_shared", false);
        json.put("is_member", c.members.contains(botUserId));
        json.put("num_members", c.members.size());
        json.put("topic", Map.of("value", "", "creator", "", "last_set", 0));
        json.put("purpose", Map.of("value", "", "creator", "", "last_set", 0));
        return json;
    }

    /** Adds a member; the member_joined_channel event, if the bot is (now) in the channel to see it. */
    List<Map<String, Object>> join(String channelId, String userId) {
        Channel c = requireChannel(channelId);
        if (!c.members.add(userId) || !c.members.contains(botUserId)) {
            return List.of();
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "member_joined_channel");
        event.put("user", userId);
        event.put("channel", c.id);
        event.put("channel_type", c.kind.memberEventType);
        event.put("team", teamId);
        event.put("event_ts", nextTs());
        return List.of(event);
    }

    /** Removes a member; the member_left_channel event when the bot sees it (it sees its own leaving). */
    List<Map<String, Object>> leave(String channelId, String userId) {
        Channel c = requireChannel(channelId);
        boolean botSaw = c.members.contains(botUserId);
        if (!c.members.remove(userId) || !botSaw) {
            return List.of();
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "member_left_channel");
        event.put("user", userId);
        event.put("channel", c.id);
        event.put("channel_type", c.kind.memberEventType);
        event.put("team", teamId);
        event.put("event_ts", nextTs());
        return List.of(event);
    }

    boolean botIsMember(Channel c) {
        return c.members.contains(botUserId);
    }

    // ---------------------------------------------------------------- integrations

    void addIntegration(String botId, String username) {
        integrations.putIfAbsent(botId, username);
    }

    /** bots.info's {@code bot} object, or null. */
    Map<String, Object> bot(String id) {
        Map<String, Object> bot = new LinkedHashMap<>();
        bot.put("id", id);
        bot.put("deleted", false);
        bot.put("updated", Instant.now().getEpochSecond());
        bot.put("icons", Map.of());
        if (botId.equals(id)) {
            bot.put("name", botName);
            bot.put("app_id", appId);
            bot.put("user_id", botUserId);
            return bot;
        }
        String name = integrations.get(id);
        if (name == null) {
            return null;
        }
        bot.put("name", name);
        return bot;
    }

    // ---------------------------------------------------------------- messages

    /** Stores a human's message (a reply when {@code threadTs} is set) at {@code ts}. */
    Message storeUserMessage(Channel c, String userId, String text, String threadTs, String ts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "message");
        json.put("user", userId);
        json.put("text", text);
        json.put("ts", ts);
        json.put("team", teamId);
        json.put("client_msg_id", UUID.randomUUID().toString());
        return store(c, json, threadTs);
    }

    Message storeIntegrationMessage(
            Channel c, String botId, String username, String text, List<Map<String, Object>> attachments, String ts) {
        return storeIntegrationMessage(c, botId, username, text, attachments, null, ts);
    }

    /** As above, in the thread of {@code threadTs} when it is not null. */
    Message storeIntegrationMessage(
            Channel c,
            String botId,
            String username,
            String text,
            List<Map<String, Object>> attachments,
            String threadTs,
            String ts) {
        addIntegration(botId, username);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "message");
        json.put("subtype", "bot_message");
        json.put("text", text);
        json.put("ts", ts);
        json.put("bot_id", botId);
        json.put("username", username);
        if (attachments != null && !attachments.isEmpty()) {
            List<Map<String, Object>> copies = new ArrayList<>();
            for (int i = 0; i < attachments.size(); i++) {
                Map<String, Object> a = new LinkedHashMap<>(attachments.get(i));
                a.putIfAbsent("id", i + 1);
                copies.add(a);
            }
            json.put("attachments", copies);
        }
        return store(c, json, threadTs);
    }

    /** Stores what the bot posted through chat.postMessage. */
    Message storeBotMessage(
            Channel c, String text, Object blocks, Object attachments, String threadTs, String username) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "message");
        json.put("user", botUserId);
        json.put("bot_id", botId);
        json.put("app_id", appId);
        json.put("text", text == null ? "" : text);
        String ts = nextTs();
        json.put("ts", ts);
        json.put("team", teamId);
        if (username != null) {
            json.put("username", username);
        }
        if (blocks != null) {
            json.put("blocks", blocks);
        }
        if (attachments != null) {
            json.put("attachments", attachments);
        }
        json.put(
                "bot_profile",
                Map.of("id", botId, "app_id", appId, "name", botName, "deleted", false, "team_id", teamId));
        Message m = store(c, json, threadTs);
        botPosts.add(m);
        return m;
    }

    private Message store(Channel c, Map<String, Object> json, String threadTs) {
        String ts = (String) json.get("ts");
        if (threadTs == null) {
            Message m = new Message(c, ts, json, null);
            c.messages.put(ts, m);
            c.all.put(ts, m);
            return m;
        }
        Message parent = threadParent(c, threadTs);
        if (parent == null) {
            throw new IllegalArgumentException("no message " + threadTs + " in " + c.id + " to reply to");
        }
        json.put("thread_ts", parent.ts);
        Object parentUser = parent.json.get("user");
        if (parentUser != null) {
            json.put("parent_user_id", parentUser);
        }
        Message reply = new Message(c, ts, json, parent);
        parent.replies.put(ts, reply);
        c.all.put(ts, reply);
        refreshThread(parent);
        notifyAll(); // SlackEmulator.awaitReply: a new reply (the caller holds this monitor)
        return reply;
    }

    /** The thread's parent for a ts of the parent or of one of its replies (Slack threads a reply-to-reply). */
    Message threadParent(Channel c, String ts) {
        Message m = c.all.get(ts);
        if (m == null) {
            return null;
        }
        return m.parent != null ? m.parent : m;
    }

    private static void refreshThread(Message parent) {
        if (parent.replies.isEmpty()) {
            for (String key : List.of(
                    "thread_ts",
                    "reply_count",
                    "reply_users_count",
                    "latest_reply",
                    "reply_users",
                    "is_locked",
                    "subscribed")) {
                parent.json.remove(key);
            }
            return;
        }
        Set<String> replyUsers = new LinkedHashSet<>();
        for (Message r : parent.replies.values()) {
            Object who = r.json.containsKey("user") ? r.json.get("user") : r.json.get("bot_id");
            if (who != null) {
                replyUsers.add(who.toString());
            }
        }
        parent.json.put("thread_ts", parent.ts);
        parent.json.put("reply_count", parent.replies.size());
        parent.json.put("reply_users_count", replyUsers.size());
        parent.json.put("latest_reply", parent.replies.lastKey());
        parent.json.put("reply_users", new ArrayList<>(replyUsers));
        parent.json.put("is_locked", false);
        parent.json.put("subscribed", false);
    }

    Message message(Channel c, String ts) {
        return c.all.get(ts);
    }

    Message requireMessage(String channelId, String ts) {
        Message m = message(requireChannel(channelId), ts);
        if (m == null) {
            throw new IllegalArgumentException("no message " + ts + " in " + channelId);
        }
        return m;
    }

    List<Message> botPosts() {
        return List.copyOf(botPosts);
    }

    /** The message event Slack sends for a newly stored message: the message plus where it was posted. */
    Map<String, Object> messageEvent(Message m) {
        Map<String, Object> event = new LinkedHashMap<>(Json.copy(m.json));
        // A new message event never carries thread bookkeeping; Slack adds it to the parent later.
        for (String key : List.of(
                "reply_count",
                "reply_users_count",
                "latest_reply",
                "reply_users",
                "is_locked",
                "subscribed",
                "reactions")) {
            event.remove(key);
        }
        if (m.parent == null) {
            event.remove("thread_ts");
        }
        event.put("channel", m.channel.id);
        event.put("event_ts", m.ts);
        event.put("channel_type", m.channel.kind.eventType);
        return event;
    }

    /** The message event and, when the text mentions the bot outside a DM, the app_mention event. */
    List<Map<String, Object>> postedEvents(Message m) {
        if (!botIsMember(m.channel)) {
            return List.of();
        }
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(messageEvent(m));
        String text = Objects.toString(m.json.get("text"), "");
        boolean mentioned = text.contains("<@" + botUserId + ">") || text.contains("<@" + botUserId + "|");
        if (mentioned
                && m.channel.kind != Kind.IM
                && m.json.get("user") != null
                && !botUserId.equals(m.json.get("user"))) {
            Map<String, Object> mention = new LinkedHashMap<>();
            mention.put("type", "app_mention");
            mention.put("user", m.json.get("user"));
            mention.put("text", text);
            mention.put("ts", m.ts);
            if (m.parent != null) {
                mention.put("thread_ts", m.parent.ts);
            }
            mention.put("team", teamId);
            mention.put("channel", m.channel.id);
            mention.put("event_ts", m.ts);
            events.add(mention);
        }
        return events;
    }

    /** Changes a message's text; the message_changed event. */
    List<Map<String, Object>> edit(Message m, String text, String editor) {
        Map<String, Object> previous = Json.copy(m.json);
        String eventTs = nextTs();
        m.json.put("text", text);
        m.json.put("edited", Map.of("user", editor, "ts", eventTs));
        if (!botIsMember(m.channel)) {
            return List.of();
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", "message_changed");
        event.put("hidden", true);
        event.put("message", Json.copy(m.json));
        event.put("channel", m.channel.id);
        event.put("previous_message", previous);
        event.put("event_ts", eventTs);
        event.put("ts", eventTs);
        event.put("channel_type", m.channel.kind.eventType);
        return List.of(event);
    }

    /**
     * Deletes a message; the message_deleted event. A parent that still has replies stays as a tombstone, as in Slack,
     * so that its thread can still be read.
     */
    List<Map<String, Object>> delete(Message m) {
        Map<String, Object> previous = Json.copy(m.json);
        Channel c = m.channel;
        if (m.parent != null) {
            m.parent.replies.remove(m.ts);
            c.all.remove(m.ts);
            refreshThread(m.parent);
        } else if (m.replies.isEmpty()) {
            c.messages.remove(m.ts);
            c.all.remove(m.ts);
        } else {
            m.json.put("subtype", "tombstone");
            m.json.put("text", "This message was deleted.");
            m.json.put("user", "USLACKBOT");
            m.json.remove("bot_id");
            m.json.remove("attachments");
            m.json.remove("blocks");
        }
        String eventTs = nextTs();
        if (!botIsMember(c)) {
            return List.of();
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", "message_deleted");
        event.put("hidden", true);
        event.put("deleted_ts", m.ts);
        event.put("channel", c.id);
        event.put("previous_message", previous);
        event.put("event_ts", eventTs);
        event.put("ts", eventTs);
        event.put("channel_type", c.kind.eventType);
        return List.of(event);
    }

    /** Adds or removes a reaction; the reaction_added / reaction_removed event, or nothing if nothing changed. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> react(Message m, String userId, String name, boolean add) {
        List<Map<String, Object>> reactions = new ArrayList<>();
        Object stored = m.json.get("reactions");
        if (stored != null) {
            reactions = (List<Map<String, Object>>) stored;
        }
        Map<String, Object> reaction = reactions.stream()
                .filter(r -> name.equals(r.get("name")))
                .findFirst()
                .orElse(null);
        List<String> who = reaction == null ? new ArrayList<>() : (List<String>) reaction.get("users");
        boolean changed = add ? !who.contains(userId) && who.add(userId) : who.remove(userId);
        if (!changed) {
            return List.of();
        }
        if (reaction == null) {
            reaction = new LinkedHashMap<>();
            reaction.put("name", name);
            reaction.put("users", who);
            reactions.add(reaction);
        }
        reaction.put("count", who.size());
        if (who.isEmpty()) {
            reactions.remove(reaction);
        }
        if (reactions.isEmpty()) {
            m.json.remove("reactions");
        } else {
            m.json.put("reactions", reactions);
        }
        if (!botIsMember(m.channel)) {
            return List.of();
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "message");
        item.put("channel", m.channel.id);
        item.put("ts", m.ts);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", add ? "reaction_added" : "reaction_removed");
        event.put("user", userId);
        event.put("reaction", name);
        event.put("item", item);
        Object author = m.json.containsKey("user") ? m.json.get("user") : null;
        if (author != null) {
            event.put("item_user", author);
        }
        event.put("event_ts", nextTs());
        return List.of(event);
    }

    Map<String, String> integrations() {
        return Map.copyOf(integrations);
    }
}
