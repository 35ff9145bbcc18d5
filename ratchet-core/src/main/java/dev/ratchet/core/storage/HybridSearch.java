package dev.ratchet.core.storage;

import com.pgvector.PGvector;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import dev.ratchet.spi.Message;
import org.jdbi.v3.core.Handle;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hybrid search over messages: a lexical ranking from the full-text GIN index ({@code tsv @@ query}, the query's words
 * OR-ed so that a message matching some of them still ranks, by {@code ts_rank_cd})
 * and a semantic ranking from the HNSW index ({@code embedding <=> query}), each limited to the window and fused by
 * reciprocal rank ({@code 1 / (60 + rank)} summed over the lists). The semantic scan uses pgvector's iterative index
 * scan so that the window's filter does not starve it of results.
 */
public final class HybridSearch {

    /** The RRF constant from Cormack et al.; it damps the weight of the very first ranks. */
    private static final int K = 60;

    private final Database db;
    private final MessageRepository messages;

    public HybridSearch(Database db, MessageRepository messages) {
        this.db = db;
        this.messages = messages;
    }

    private record Key(String channel, String ts) {
    }

    /**
     * Runs {@code search}; {@code queryVector} is the embedding of its semantic text, or empty to rank lexically only.
     */
    public List<SearchHit> search(Search search, Optional<float[]> queryVector) {
        int candidates = Math.min(200, search.limit() * 4);
        Map<Key, int[]> ranks = new LinkedHashMap<>();
        db.inTransaction(h -> {
            List<Key> lexical = lexical(h, search, candidates);
            for (int i = 0; i < lexical.size(); i++) {
                ranks.computeIfAbsent(lexical.get(i), k -> new int[2])[0] = i + 1;
            }
            if (queryVector.isPresent()) {
                List<Key> semantic = semantic(h, search, queryVector.get(), candidates);
                for (int i = 0; i < semantic.size(); i++) {
                    ranks.computeIfAbsent(semantic.get(i), k -> new int[2])[1] = i + 1;
                }
            }
            return null;
        });
        List<Map.Entry<Key, int[]>> fused = new ArrayList<>(ranks.entrySet());
        fused.sort(Comparator.comparingDouble((Map.Entry<Key, int[]> e) -> -score(e.getValue())).thenComparing(e -> e.getKey().ts()));
        List<SearchHit> hits = new ArrayList<>();
        for (Map.Entry<Key, int[]> e : fused.subList(0, Math.min(search.limit(), fused.size()))) {
            Optional<Message> m = messages.get(e.getKey().channel(), e.getKey().ts());
            m.ifPresent(message -> hits.add(new SearchHit(message, score(e.getValue()), e.getValue()[0], e.getValue()[1])));
        }
        return hits;
    }

    private static double score(int[] r) {
        return (r[0] > 0 ? 1.0 / (K + r[0]) : 0) + (r[1] > 0 ? 1.0 / (K + r[1]) : 0);
    }

    private static final String WINDOW = """
             and posted_at >= :since and posted_at < :until
             and not coalesce((attrs ->> 'deleted')::boolean, false)
             and (:bots or attrs ->> 'bot_id' is null)
             and (cardinality(cast(:channels as text[])) = 0 or channel_id = any(cast(:channels as text[])))
            """;

    private static List<Key> lexical(Handle h, Search s, int k) {
        return h.createQuery("""
                        select channel_id, ts from messages
                         where tsv @@ cast(replace(cast(plainto_tsquery('english', :text) as text), '&', '|') as tsquery)""" + WINDOW + """
                         order by ts_rank_cd(tsv, cast(replace(cast(plainto_tsquery('english', :text) as text), '&', '|') as tsquery)) desc, posted_at desc
                         limit :k""")
                .bind("text", s.text()).bind("k", k).bind("since", utc(s.since())).bind("until", utc(s.until()))
                .bind("bots", s.includeBots()).bind("channels", s.channelIds().toArray(String[]::new))
                .map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2))).list();
    }

    private static List<Key> semantic(Handle h, Search s, float[] vector, int k) {
        h.execute("set local hnsw.iterative_scan = relaxed_order");
        h.execute("set local hnsw.ef_search = " + Math.max(40, k));
        return h.createQuery("""
                        select channel_id, ts from messages
                         where embedding is not null""" + WINDOW + """
                         order by embedding <=> :v
                         limit :k""")
                .bind("v", new PGvector(vector)).bind("k", k).bind("since", utc(s.since())).bind("until", utc(s.until()))
                .bind("bots", s.includeBots()).bind("channels", s.channelIds().toArray(String[]::new))
                .map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2))).list();
    }

    private static OffsetDateTime utc(java.time.Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** The query plans of both rankings, to check they use the indexes. */
    public String explain(Search s, float[] vector) {
        return db.inTransaction(h -> {
            h.execute("set local hnsw.iterative_scan = relaxed_order");
            String lexical = String.join("\n", h.createQuery("explain select channel_id, ts from messages where tsv @@ cast(replace(cast(plainto_tsquery('english', :text) as text), '&', '|') as tsquery)"
                            + WINDOW + " order by ts_rank_cd(tsv, cast(replace(cast(plainto_tsquery('english', :text) as text), '&', '|') as tsquery)) desc limit 20")
                    .bind("text", s.text()).bind("since", utc(s.since())).bind("until", utc(s.until()))
                    .bind("bots", s.includeBots()).bind("channels", s.channelIds().toArray(String[]::new)).mapTo(String.class).list());
            String semantic = String.join("\n", h.createQuery("explain select channel_id, ts from messages where embedding is not null"
                            + WINDOW + " order by embedding <=> :v limit 20")
                    .bind("v", new PGvector(vector)).bind("since", utc(s.since())).bind("until", utc(s.until()))
                    .bind("bots", s.includeBots()).bind("channels", s.channelIds().toArray(String[]::new)).mapTo(String.class).list());
            return lexical + "\n---\n" + semantic;
        });
    }
}
