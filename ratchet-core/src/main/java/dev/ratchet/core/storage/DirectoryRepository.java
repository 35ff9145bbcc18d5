package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The channel and user directory: the {@code channels} and {@code users} tables. */
public final class DirectoryRepository {

    private final Database db;

    public DirectoryRepository(Database db) {
        this.db = db;
    }

    /** A channel known by a row or by stored messages, with its message count and latest message. */
    public record ChannelSummary(
            String id,
            String teamId,
            Map<String, Object> attrs,
            long messages,
            OffsetDateTime lastMessageAt,
            OffsetDateTime createdAt) {}

    /** A person (not a bot, not deleted) of the directory. */
    public record Person(String id, String name, String realName, String email) {}

    /** Merges {@code attrs} into a channel's attributes, creating the channel if new. */
    public void upsertChannel(String teamId, String channelId, Map<String, Object> attrs) {
        db.withHandle(h -> h.createUpdate("""
                        insert into channels as c (id, team_id, attrs) values (:id, :team, cast(:attrs as jsonb))
                        on conflict (id) do update set attrs = c.attrs || excluded.attrs, updated_at = now()""")
                .bind("id", channelId)
                .bind("team", teamId)
                .bind("attrs", Json.write(attrs))
                .execute());
    }

    /** A channel's attributes, if stored. */
    public Optional<Map<String, Object>> channel(String channelId) {
        return db.withHandle(h -> h.createQuery("select attrs from channels where id = :id")
                .bind("id", channelId)
                .mapTo(String.class)
                .findOne()
                .map(Json::readMap));
    }

    /** The id of the channel last updated under this name, if any. */
    public Optional<String> channelIdByName(String name) {
        return db.withHandle(h -> h.createQuery(
                        "select id from channels where attrs ->> 'name' = :name order by updated_at desc limit 1")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
    }

    /**
     * The stored channel a person named: its id, {@code #name} or {@code name}. An id-shaped word is taken as an id when
     * a channel or messages have it, otherwise as a name.
     */
    public Optional<String> resolveChannel(String named) {
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        String text = named.strip();
        if (!text.startsWith("#") && channelKnown(text)) {
            return Optional.of(text);
        }
        String name = text.startsWith("#") ? text.substring(1) : text;
        return channelIdByName(name)
                .or(() -> db.withHandle(h -> h.createQuery(
                                "select id from channels where lower(attrs ->> 'name') = lower(:name) order by updated_at desc"
                                        + " limit 1")
                        .bind("name", name)
                        .mapTo(String.class)
                        .findOne()));
    }

    /** The names of the stored channels, sorted, at most {@code limit}. */
    public List<String> channelNames(int limit) {
        return db.withHandle(h -> h.createQuery(
                        "select attrs ->> 'name' from channels where attrs ->> 'name' is not null order by 1 limit :limit")
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }

    /** Merges {@code attrs} into a user's attributes, creating the user if new ({@code teamId} null is stored as ""). */
    public void upsertUser(String teamId, String userId, Map<String, Object> attrs) {
        db.withHandle(h -> h.createUpdate("""
                        insert into users as u (team_id, id, attrs) values (:team, :id, cast(:attrs as jsonb))
                        on conflict (team_id, id) do update set attrs = u.attrs || excluded.attrs, updated_at = now()""")
                .bind("team", teamId == null ? "" : teamId)
                .bind("id", userId)
                .bind("attrs", Json.write(attrs))
                .execute());
    }

    /** A user's attributes (of any team), if stored. */
    public Optional<Map<String, Object>> user(String userId) {
        return db.withHandle(h -> h.createQuery("select attrs from users where id = :id limit 1")
                        .bind("id", userId)
                        .mapTo(String.class)
                        .findOne())
                .map(Json::readMap);
    }

    /** The people stored with a name (no bots, no deleted accounts), one per name, the latest updated. */
    public List<Person> people() {
        return db.withHandle(h -> h.createQuery("""
                        select distinct on (attrs ->> 'name') id, attrs ->> 'name' as name, attrs ->> 'real_name' as real_name,
                               attrs ->> 'email' as email
                          from users
                         where attrs ->> 'name' is not null and coalesce(attrs ->> 'is_bot', 'false') <> 'true'
                           and coalesce(attrs ->> 'deleted', 'false') <> 'true' and id ~ '^[UW]'
                         order by attrs ->> 'name', updated_at desc""")
                .map((rs, ctx) -> new Person(
                        rs.getString("id"), rs.getString("name"), rs.getString("real_name"), rs.getString("email")))
                .list());
    }

    /**
     * The ids of the public channels, as SQL: a channel row saying {@code is_private: false} (from
     * {@code conversations.info} at onboarding or an export's {@code channels.json}), not a DM or group DM
     * ({@code is_im}, {@code is_mpim}, ids {@code D...}) nor a legacy private channel ({@code G...}). A channel with no
     * row or no {@code is_private} is not in it: unknown counts as private.
     */
    static final String PUBLIC_CHANNEL_IDS = """
            select id from channels
             where attrs ->> 'is_private' = 'false'
               and coalesce(attrs ->> 'is_im', 'false') <> 'true'
               and coalesce(attrs ->> 'is_mpim', 'false') <> 'true'
               and id !~ '^[DG]'""";

    /** Whether a channel is public (see {@link #PUBLIC_CHANNEL_IDS}); unknown channels are not. */
    public boolean isPublic(String channelId) {
        return channelId != null
                && db.withHandle(h -> h.createQuery("select exists (" + PUBLIC_CHANNEL_IDS + " and id = :id)")
                        .bind("id", channelId)
                        .mapTo(Boolean.class)
                        .one());
    }

    /** The workspace ids of the stored channels, sorted. */
    public List<String> teamIds() {
        return db.withHandle(h -> h.createQuery("select distinct team_id from channels where team_id <> '' order by 1")
                .mapTo(String.class)
                .list());
    }

    /** Whether a channel is known: a channel row or stored messages. */
    public boolean channelKnown(String channelId) {
        return db.withHandle(h ->
                h.createQuery("""
                        select exists (select 1 from channels where id = :id) or exists (select 1 from messages where channel_id = :id)""").bind("id", channelId).mapTo(Boolean.class).one());
    }

    /** Known channels after {@code after} (null: from the first), by id, at most {@code limit}. */
    public List<ChannelSummary> channels(String after, int limit) {
        return channelSummaries("(cast(:after as text) is null or i.id > :after)", "after", after, limit);
    }

    /** One known channel. */
    public Optional<ChannelSummary> channelSummary(String channelId) {
        return channelSummaries("i.id = :id", "id", channelId, 1).stream().findFirst();
    }

    /** Channels with a row or with messages (live messages may arrive before the channel's info). */
    private List<ChannelSummary> channelSummaries(String where, String name, String value, int limit) {
        // the channels with messages one index probe each (a loose index scan of messages_channel_posted_at), not a
        // distinct over every message's entry: 1 M messages in 20 channels, 1,000,000 entries read for 20 ids
        return db.withHandle(h -> h.createQuery("""
                    with recursive message_channels(id) as (
                        select min(channel_id) from messages
                        union all
                        select (select min(m.channel_id) from messages m where m.channel_id > c.id)
                          from message_channels c where c.id is not null)
                    select i.id, c.team_id, c.attrs, c.created_at,
                           (select count(*) from messages m where m.channel_id = i.id) as messages,
                           (select max(m.posted_at) from messages m where m.channel_id = i.id) as last_message_at
                      from (select id from channels union select id from message_channels where id is not null) i
                      left join channels c on c.id = i.id
                     where""" + " " + where + " order by i.id limit :limit")
                .bind(name, value)
                .bind("limit", limit)
                .map((rs, ctx) -> new ChannelSummary(
                        rs.getString("id"),
                        rs.getString("team_id"),
                        rs.getString("attrs") == null ? Map.of() : Json.readMap(rs.getString("attrs")),
                        rs.getLong("messages"),
                        rs.getObject("last_message_at", OffsetDateTime.class),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list());
    }
}
