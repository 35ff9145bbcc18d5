package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import dev.ratchet.spi.BotActivity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link BotActivity} over {@code bot_posts} (joined to the stored message for its reactions) and {@code llm_calls}. */
public final class StoredBotActivity implements BotActivity {

    private final Database db;

    public StoredBotActivity(Database db) {
        this.db = db;
    }

    @Override
    public List<BotPost> posts(Instant since, Instant until) {
        return db.withHandle(h -> h.createQuery("""
                        select p.module_id, p.channel_id, p.ts, p.thread_ts, p.posted_at, m.attrs -> 'reactions' as reactions
                          from bot_posts p left join messages m on m.channel_id = p.channel_id and m.ts = p.ts
                         where p.ts is not null and p.posted_at >= :since and p.posted_at < :until
                         order by p.posted_at""")
                .bind("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .bind("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                .map((rs, ctx) -> new BotPost(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        reactions(rs.getString(6))))
                .list());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> reactions(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        Json.readMap(json).forEach((k, v) -> out.put(k, v instanceof List<?> l ? (List<String>) l : List.of()));
        return out;
    }

    @Override
    public List<LlmUsage> llmUsage(Instant since, Instant until) {
        return db.withHandle(h -> h.createQuery("""
                        select module_id, model, kind, count(*), count(error),
                               coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0)
                          from llm_calls where created_at >= :since and created_at < :until
                         group by module_id, model, kind order by module_id, model, kind""")
                .bind("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .bind("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                .map((rs, ctx) -> new LlmUsage(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list());
    }
}
