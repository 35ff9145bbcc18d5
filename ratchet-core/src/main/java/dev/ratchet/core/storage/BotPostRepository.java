package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code bot_posts} table: what modules posted, keyed by (module, post key) so a retried job does not post twice.
 * A row without a ts is a claim: someone is posting it.
 */
public final class BotPostRepository {

    private final Database db;

    public BotPostRepository(Database db) {
        this.db = db;
    }

    /** Where a post landed. */
    public record Posted(String channelId, String ts) {}

    /** A post in a thread: the thread, the module and when it was claimed. */
    public record ThreadPost(String threadTs, String moduleId, Instant createdAt) {}

    /** Claims a post key; false when another claim or post holds it. */
    public boolean claim(
            String teamId,
            String moduleId,
            String postKey,
            String channelId,
            String threadTs,
            Map<String, Object> attrs) {
        return db.withHandle(h -> h.createUpdate("""
                        insert into bot_posts (team_id, module_id, post_key, channel_id, thread_ts, attrs)
                        values (:team, :module, :key, :channel, :thread, cast(:attrs as jsonb))
                        on conflict (module_id, post_key) do nothing""")
                        .bind("team", teamId)
                        .bind("module", moduleId)
                        .bind("key", postKey)
                        .bind("channel", channelId)
                        .bind("thread", threadTs)
                        .bind("attrs", Json.write(attrs))
                        .execute())
                == 1;
    }

    /** Where the post of this key went, if it was posted. */
    public Optional<Posted> posted(String moduleId, String postKey) {
        return db.withHandle(h -> h.createQuery(
                        "select channel_id, ts from bot_posts where module_id = :m and post_key = :k and ts is not null")
                .bind("m", moduleId)
                .bind("k", postKey)
                .map((rs, ctx) -> new Posted(rs.getString(1), rs.getString(2)))
                .findOne());
    }

    /**
     * Takes over a claim left unposted for over two minutes (a crashed worker): renews its lease and returns when the
     * key was first claimed, so the taker can ask Slack whether the crashed attempt's post landed after all; empty
     * when there is no such claim (posted, fresh, or taken over by another worker first).
     */
    public Optional<Instant> takeOverStaleClaim(String moduleId, String postKey) {
        return db.withHandle(h -> h.createQuery("""
                        update bot_posts b set created_at = now(), first_claimed_at = coalesce(old.first, old.created_at)
                          from (select id, first_claimed_at as first, created_at from bot_posts
                                 where module_id = :m and post_key = :k and ts is null
                                   and created_at < now() - interval '2 minutes'
                                   for update) old
                         where b.id = old.id
                     returning coalesce(old.first, old.created_at)""")
                .bind("m", moduleId)
                .bind("k", postKey)
                .map((rs, ctx) -> rs.getTimestamp(1).toInstant())
                .findOne());
    }

    /** How long ago an unposted claim of this key was made (or last taken over); empty when there is none. */
    public Optional<java.time.Duration> unpostedClaimAge(String moduleId, String postKey) {
        return db.withHandle(h -> h.createQuery("""
                        select cast(extract(epoch from now() - created_at) * 1000 as bigint) from bot_posts
                         where module_id = :m and post_key = :k and ts is null""")
                .bind("m", moduleId)
                .bind("k", postKey)
                .mapTo(Long.class)
                .findOne()
                .map(java.time.Duration::ofMillis));
    }

    /** Drops an unposted claim, so a retry posts. */
    public void releaseClaim(String moduleId, String postKey) {
        db.withHandle(h -> h.createUpdate("delete from bot_posts where module_id = :m and post_key = :k and ts is null")
                .bind("m", moduleId)
                .bind("k", postKey)
                .execute());
    }

    /** Records where a claimed post landed and the event it answered; returns the post's id. */
    public long markPosted(String moduleId, String postKey, String channelId, String ts, String eventKey) {
        return db.withHandle(h -> h.createQuery("""
                        update bot_posts set ts = :ts, channel_id = :channel, posted_at = now(), event_key = :event
                         where module_id = :m and post_key = :k returning id""")
                .bind("ts", ts)
                .bind("channel", channelId)
                .bind("event", eventKey)
                .bind("m", moduleId)
                .bind("k", postKey)
                .mapTo(Long.class)
                .one());
    }

    /** The posts made in threads of a channel, in the order they were claimed. */
    public List<ThreadPost> threadPosts(String channelId) {
        return db.withHandle(h -> h.createQuery(
                        "select thread_ts, module_id, created_at from bot_posts where channel_id = :c and thread_ts is not null order by id")
                .bind("c", channelId)
                .map((rs, ctx) -> new ThreadPost(
                        rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list());
    }
}
