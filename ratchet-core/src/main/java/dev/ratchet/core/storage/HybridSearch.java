package dev.ratchet.core.storage;

import com.pgvector.PGvector;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Hybrid search over messages: a lexical ranking of the window's newest matches (from a newest-first index-only scan,
 * the full-text GIN index, or on a long window the GIN index ANDed with the window's newest slice) and a semantic ranking ({@code embedding <=> query}): an exact sort of a small window, the
 * binary codes of V11 ({@code message_codes}) for a week or so, the IVFFlat index of V9 ({@link VectorLists} keeps it)
 * for larger windows, or the binary codes again while there is none (the messages have no HNSW index since V20); each limited to the window and fused by reciprocal rank ({@code 1 / (60 + rank)} summed
 * over the lists). A search is one to three statements: its {@link Plan} (none when a search of the same span counted
 * its window in the last minute and the lexemes are not needed or known), both rankings in one (on a second connection
 * beside past {@link #EXACT_WINDOW}), each returning its candidates' rows, so the hits need no statement of their own
 * (with the relevance cut, one more reads their evidence). On a window of more than {@link #EXACT_WINDOW} messages the semantic scan uses pgvector's
 * iterative index scan so that the window's filter does not starve it of results; on a smaller one it sorts the window.
 *
 * <p>The lexical ranking takes the messages sharing a word with the query ({@code tsv @@} the query's words OR-ed), keeps
 * those having as many of the query's distinct words as the best-matching message has, and orders them by
 * {@code ts_rank_cd}. So when some message has all the words, only such messages rank ({@code plainto_tsquery}'s AND),
 * and when none does, the best partial matches do; a message sharing one common word ("access", "api") with a query of
 * several is no longer fused in beside ones sharing more. {@code SearchRelevanceTest} measured this against the OR of
 * all matches, AND falling back to OR, thresholds on {@code ts_rank_cd} (relative to the best, or normalised) and on the
 * share of the query's words, and weighting the fused score by that share: with the default floor it gave precision@5
 * 0.55 (0.46 before) and recall@5 0.85 (0.83), the best precision of the rules keeping recall; "rank at least 0.7 x the
 * best" measured the same but depends on message length and word proximity, where a count of words does not.
 *
 * <p>Both the messages' words ({@code tsv}) and the query's are read through V16's {@code search_text}: CamelCase names
 * split into their words (an alert's "KubeNodeNotReady" is found by "node not ready"; the name as written stays) and a
 * few ops abbreviations and synonyms written one way ("database" as "db", "pg" as "postgres", "ssl" as "tls", "npe" as
 * "null pointer exception", ...). {@code MessageSearchRelevanceTest}: recall@5 0.94 -> 0.95 without the cut
 * (88 -> 89 of 94), the cut unchanged (refitted: leave-one-query-out 0.80 / 0.87); {@code SearchRelevanceTest}
 * unchanged (0.55 / 0.85).
 *
 * <p>The hits are threads: of a thread's messages (a top-level message and its replies) only the best-ranked is a hit,
 * and the next thread takes the place of the others, in the statement that reads the hits' rows (the fused candidates
 * in order, the first of each thread kept: {@code ROWS}). That statement reads the rows
 * of the best {@code 4 x limit} candidates (at most 200) by key instead of {@code limit}; on the fixture below the
 * fifth thread came 10th at the latest. An incident's alert and its triage replies share words and meaning, and
 * without it they filled the hits with one conversation several times.
 * {@code MessageSearchRelevanceTest} (521 messages in 157 threads, relevance judged per thread) measured recall@5 0.87
 * before and 0.93 after on its tuning queries, precision@5 0.28 and 0.30; {@code SearchRelevanceTest}'s messages are
 * not in threads, and its figures are unchanged.
 *
 * <p>With {@code search.relevance-cut=on} the hits the evidence model of {@link SearchCut} finds unlikely to be
 * relevant are left out, so a search may return fewer than its limit: the evidence (each candidate's distance to the
 * query, the query's words each hit's thread holds, the distance to the mean of its thread's embeddings) is read by
 * the statement that reads the hits' rows, for twice the limit's threads so that the next threads take the places of
 * those left out, no further round trip; without it that statement reads neither.
 *
 * <p>The semantic ranking has a relevance floor ({@code search.max-distance}): a message whose cosine distance to the
 * query is {@code maxDistance} or more is left out of it, since the nearest neighbours of a query with no related
 * message are unrelated messages, and fusing them in puts noise among the hits. The floor never drops a message the
 * lexical ranking found. The default comes from {@code SearchRelevanceTest}, which measures precision and recall@5
 * on a labelled fixture for several floors: see {@link #DEFAULT_MAX_DISTANCE}.
 */
public final class HybridSearch {

    /** The RRF constant from Cormack et al.; it damps the weight of the very first ranks. */
    private static final int K = 60;

    /** A cosine distance no pair reaches (they lie in [0, 2]): no floor. */
    public static final double NO_FLOOR = 2.0;

    /**
     * The default floor, measured by {@code SearchRelevanceTest} on {@code search/relevance.json} with bge-small (whose
     * range is compressed: related query/message pairs lie at 0.07-0.44, mostly below 0.37, unrelated ones at 0.27-0.70,
     * mostly above 0.39). Of no floor, 0.25-0.50 and "within best + 0.05/0.1", 0.35 gave the best precision@5 (0.55,
     * against 0.36 with no floor) that kept recall@5 at 0.83 or more (0.85, against 0.90 with no floor, which fills the
     * hits with nearest neighbours: 15 for the three queries with nothing related, 1 at 0.35); tighter floors lose
     * related paraphrases, looser ones and the relative rules let unrelated messages through when nothing related exists.
     */
    public static final double DEFAULT_MAX_DISTANCE = 0.35;

    private final Database db;
    private final MessageRepository messages;
    private final double maxDistance;
    private final boolean beside;
    /** The relevance cut's probability threshold ({@link SearchCut#OFF}: no cut). */
    private final double cut;

    /** Hybrid search with no floor on the semantic ranking. */
    public HybridSearch(Database db, MessageRepository messages) {
        this(db, messages, NO_FLOOR);
    }

    /** Hybrid search whose semantic ranking keeps only messages closer than {@code maxDistance} (cosine, 0 to 2). */
    public HybridSearch(Database db, MessageRepository messages, double maxDistance) {
        this(db, messages, maxDistance, true);
    }

    /**
     * As {@link #HybridSearch(Database, MessageRepository, double)}; {@code beside} false ranks a large window's
     * meaning in the lexical ranking's statement instead of beside it on a second connection (the same hits, one
     * connection: {@code HybridSearchBesideTest} compares both).
     */
    public HybridSearch(Database db, MessageRepository messages, double maxDistance, boolean beside) {
        this(db, messages, maxDistance, beside, SearchCut.BY_DEFAULT);
    }

    /**
     * As {@link #HybridSearch(Database, MessageRepository, double, boolean)}; {@code cut} whether hits the evidence
     * model finds unlikely to be relevant are left out ({@link SearchCut}).
     */
    public HybridSearch(Database db, MessageRepository messages, double maxDistance, boolean beside, double cut) {
        if (!(maxDistance > 0 && maxDistance <= NO_FLOOR)) {
            throw new IllegalArgumentException(
                    "search.max-distance must be above 0 and at most 2 (2 or off: no floor), was " + maxDistance);
        }
        this.db = db;
        this.messages = messages;
        this.maxDistance = maxDistance;
        this.beside = beside;
        this.cut = cut;
    }

    /**
     * Parses {@code search.max-distance}: a cosine distance above 0 and at most 2, or {@code off} for none (2).
     *
     * @throws IllegalArgumentException naming the setting and what it takes
     */
    public static double maxDistance(String setting) {
        String v = setting == null ? "" : setting.trim();
        if (v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none")) {
            return NO_FLOOR;
        }
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d <= NO_FLOOR) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("search.max-distance '" + setting
                + "' is not a cosine distance above 0 and at most 2 (e.g. 0.4), or off");
    }

    /** The semantic ranking's floor: messages at this cosine distance or farther are left out of it. */
    public double maxDistance() {
        return maxDistance;
    }

    private record Key(String channel, String ts) {}

    /**
     * Who will see the results: null {@code visibleIn} for no restriction (the operator's API and CLI), else only
     * messages of {@code visibleIn} and, unless {@code sameChannelOnly}, of public channels
     * ({@link DirectoryRepository#PUBLIC_CHANNEL_IDS}).
     */
    public record Audience(String visibleIn, boolean sameChannelOnly) {
        /** No restriction. */
        public static final Audience ANYONE = new Audience(null, false);
    }

    /**
     * Runs {@code search}; {@code queryVector} is the embedding of its semantic text, or empty to rank lexically only.
     */
    public List<SearchHit> search(Search search, Optional<float[]> queryVector) {
        return search(search, Audience.ANYONE, queryVector);
    }

    /** Runs {@code search} keeping only what {@code audience} may see (filtered in SQL, so the limit still fills). */
    public List<SearchHit> search(Search search, Audience audience, Optional<float[]> queryVector) {
        boolean cutting = cut > SearchCut.OFF && queryVector.isPresent(); // without a vector, no distance to weigh
        return SearchCut.cut(
                        scored(search, audience, queryVector, cutting), cutting ? cut : SearchCut.OFF, search.limit())
                .stream()
                .map(Scored::hit)
                .toList();
    }

    /**
     * A hit with the evidence of its relevance, as {@link SearchCut} weighs it.
     *
     * @param position     its place among the hits, from 1
     * @param distance     its message's cosine distance to the query, NaN without a query vector or an embedding
     * @param bestDistance the least distance among the candidates read, NaN when none has one
     * @param words        the query's distinct words, stemmed ({@code to_tsvector('english', text)})
     * @param messageWords those its message holds
     * @param threadWords  those its thread (the top-level message and its replies) holds
     * @param holding      for each of the query's words, how many of the candidates read hold it
     * @param candidates   how many candidates were read (the best {@code 4 x limit} of the fused list, at most 200)
     * @param threadDistance the cosine distance from the query to the mean of its thread's embeddings (the message's
     *                       own distance for a message with no replies), NaN without
     * @param nextDistance the distance of the next thread's best-ranked message among the candidates (the hit after
     *                     it, shown or not), NaN when there is none
     */
    public record Evidence(
            int position,
            double distance,
            double bestDistance,
            List<String> words,
            Set<String> messageWords,
            Set<String> threadWords,
            Map<String, Integer> holding,
            int candidates,
            double threadDistance,
            double nextDistance) {}

    /** A hit and its evidence. */
    public record Scored(SearchHit hit, Evidence evidence) {}

    /**
     * The hits of {@code search} before the relevance cut ({@link SearchCut}), each with the evidence the cut weighs: read
     * by the statement that reads the hits' rows, no further round trip. Up to {@link SearchCut#READ} x its limit
     * threads: the cut keeps the first {@code limit} of those it finds likely relevant.
     */
    public List<Scored> scored(Search search, Audience audience, Optional<float[]> queryVector) {
        return scored(search, audience, queryVector, true);
    }

    /**
     * {@code s} limited to the channel its results are shown in when the audience sees that channel only
     * ({@code search.quote-from=same-channel}) and {@code s} names no channels or names it: the same messages, and the
     * window is then sized, ranked and planned as that channel's (recent activity's channel searches), not as every
     * channel's with the audience's condition left to filter the rows read. A channel's 30 days at 1 M (2,160 of
     * 43,200 messages, load 16-19) took 0.9-1.0 s p50 as all channels' (the IVFFlat scan reading up to
     * {@link #MAX_PROBES} lists to find 40 of the channel's), the channel's own being sorted exactly.
     */
    private static Search sameChannel(Search s, Audience a) {
        if (a.visibleIn() == null
                || !a.sameChannelOnly()
                || (!s.channelIds().isEmpty() && !s.channelIds().equals(List.of(a.visibleIn())))) {
            return s;
        }
        return new Search(
                s.text(), s.semanticText(), List.of(a.visibleIn()), s.since(), s.until(), s.limit(), s.includeBots());
    }

    /**
     * The hits, with their evidence when {@code evidence} (else its words are empty and its distances NaN). Without the
     * evidence the rankings' statements return their candidates' rows too ({@link #withRows}), and the hits are chosen
     * from them here: no statement for the rows.
     */
    private List<Scored> scored(Search given, Audience audience, Optional<float[]> queryVector, boolean evidence) {
        Search search = sameChannel(given, audience);
        int candidates = Math.min(200, search.limit() * 4);
        Map<Key, int[]> ranks = new LinkedHashMap<>();
        List<String> lexemes = new ArrayList<>();
        Map<Key, Read> read = evidence ? null : new java.util.concurrent.ConcurrentHashMap<>();
        db.withHandle(h -> {
            Plan planned = plan(h, search, audience, evidence);
            // the semantic ranking rides along with the lexical ranking's first query: one round trip for both; past
            // a day's window each takes 5-20 ms, so it runs beside it on a second connection instead
            Companion semantic = queryVector
                    .map(v -> semanticQuery(h, search, audience, v, candidates, planned, read))
                    .orElse(null);
            CompletableFuture<List<Key>> running = null;
            if (this.beside
                    && semantic != null
                    && planned.windowSize() > EXACT_WINDOW
                    && planned.listsSet() // so every connection has the IVFFlat settings (LIST_OPTIONS)
                    && !db.inOpenTransaction()) {
                Companion alone = semantic;
                running = CompletableFuture.supplyAsync(() -> db.withHandle(alone.alone::apply), BESIDE);
                semantic = null;
            }
            Plan plan = withLexemes(h, search, planned);
            lexemes.addAll(plan.lexemes());
            List<Key> lexical = lexical(h, search, audience, candidates, plan, semantic, read);
            for (int i = 0; i < lexical.size(); i++) {
                ranks.computeIfAbsent(lexical.get(i), k -> new int[2])[0] = i + 1;
            }
            if (semantic != null || running != null) {
                List<Key> keys = running != null ? joined(running) : semantic.keys(h, search, audience);
                for (int i = 0; i < keys.size(); i++) {
                    ranks.computeIfAbsent(keys.get(i), k -> new int[2])[1] = i + 1;
                }
            }
            return null;
        });
        List<Map.Entry<Key, int[]>> fused = new ArrayList<>(ranks.entrySet());
        fused.sort(Comparator.comparingDouble((Map.Entry<Key, int[]> e) -> -score(e.getValue()))
                .thenComparing(e -> e.getKey().ts()));
        // one hit per thread, its best-ranked message: a second reply of a thread shown tells the reader nothing new;
        // the rows read are the best `candidates` (4 x limit) of the fused list, not all of it (up to twice as many)
        List<Map.Entry<Key, int[]>> best = fused.subList(0, Math.min(candidates, fused.size()));
        if (best.isEmpty()) {
            return List.of();
        }
        if (read != null) {
            return shown(best, search.limit(), read, ranks);
        }
        // with the evidence, SearchCut.READ x limit threads are read, so that the hits the cut leaves out make room for
        // the next threads'
        return rows(
                best,
                evidence ? SearchCut.READ * search.limit() : search.limit(),
                evidence ? lexemes : List.of(),
                evidence ? queryVector : Optional.empty(),
                ranks);
    }

    /*
     * Tried and not kept (branch msg19, 2026-12-06): the fused candidates ranked again with the lexical side taken per
     * thread (for each of the 4 x limit candidates, how many of the query's distinct words its thread, root and
     * replies together, holds; one more statement a search). MessageSearchRelevanceTest without the cut, P@5 / R@5 /
     * MRR: tuning 0.31 / 0.94 / 0.89 -> 0.32 / 0.97 / 0.94, held out 0.27 / 0.85 / 0.96 -> 0.27 / 0.85 / 1.00, held-out
     * 2 the same, held-out 3 0.31 / 0.78 / 0.87 -> 0.32 / 0.80 / 0.89; with the cut two held-out parts lost precision.
     * Its cost, in 3 + 2 interleaved pairs of `bench search --generate 100000 --keep --windows 1d,7d --queries 30`
     * (load 2-3.8): PostgreSQL CPU a search 1 day 2.0-2.8 -> 5.0-6.2 ms, 7 days 5.2-6.2 -> 11.0-12.7 ms, p50 about
     * twice. A recall point on some parts was not worth twice the database's work a search. Also measured on the
     * tuning queries and not taken (a replay with the cut refitted leave-one-query-out, relevant/returned at
     * precision 0.8 against 81/101): the window ranked per thread by its messages' least or mean distance (79-81),
     * fusion weights 1.5 or 2 on either side or K 10-120 (80-82), the fused score's gap to the best hit or margin
     * over the next as cut features (75-81), adjacent query words in the thread (80), a hit in both rankings (76).
     */

    /**
     * The candidates' rows in fused order, a thread's best-ranked message kept ({@code nth} 1) up to {@code :limit}
     * threads, with what the cut weighs: each candidate's distance to the query and the query's words it holds, and for
     * the hits the query's words their thread holds and the distance from the query to the mean of their thread's
     * embeddings (both read from the thread's messages by {@code messages_thread}, in this statement). Without the cut, no vector and no
     * words are given: the distance is null and the arrays are empty.
     */
    private static final String ROWS = """
            with ranked as materialized (
              select m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at, k.ord,
                     row_number() over (partition by m.channel_id, coalesce(m.parent_ts, m.ts) order by k.ord) as nth,
                     {distance} as distance,
                     array(select w from unnest(tsvector_to_array(m.tsv)) as w
                            where w = any(cast(:words as text[]))) as words
                from unnest(cast(:channels as text[]), cast(:tss as text[])) with ordinality as k(channel_id, ts, ord)
                join messages m on m.channel_id = k.channel_id and m.ts = k.ts),
            shown as (
              select channel_id, ts, coalesce(parent_ts, ts) as root from ranked where nth = 1 order by ord limit :limit)
            select r.*, s.ts is not null as shown,
                   case when s.ts is not null and cardinality(cast(:words as text[])) > 0 then array(
                     select distinct w from messages t, unnest(tsvector_to_array(t.tsv)) as w
                      where t.channel_id = s.channel_id and (t.ts = s.root or t.parent_ts = s.root)
                        and w = any(cast(:words as text[]))) end as thread_words,
                   case when s.ts is not null then (
                     select {thread_distance} from messages t
                      where t.channel_id = s.channel_id and (t.ts = s.root or t.parent_ts = s.root)) end
                     as thread_distance
              from ranked r left join shown s on s.channel_id = r.channel_id and s.ts = r.ts
             order by r.ord""";

    /**
     * The hits' rows without the cut's evidence: only the first of each thread, up to {@code :limit}, come back (as
     * {@code ROWS} would mark them shown), with neither distances nor words, so that the default search reads and
     * sends no more than the rows it returns.
     */
    private static final String SHOWN_ROWS = """
            select team_id, channel_id, ts, parent_ts, attrs, posted_at from (
              select m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at, k.ord,
                     row_number() over (partition by m.channel_id, coalesce(m.parent_ts, m.ts) order by k.ord) as nth
                from unnest(cast(:channels as text[]), cast(:tss as text[])) with ordinality as k(channel_id, ts, ord)
                join messages m on m.channel_id = k.channel_id and m.ts = k.ts) as ranked
             where nth = 1
             order by ord
             limit :limit""";

    /**
     * A candidate's row as a ranking's statement returned it ({@link #withRows}): a {@link Message} is made only of
     * those shown.
     */
    private record Read(String team, String parent, String attrs, OffsetDateTime posted) {}

    /**
     * The rankings' rows of the candidates and {@code rows} of them per key: {@code sql}'s rows (a key's
     * {@code channel_id, ts} first) in its order, each with its message's columns, read by key in the same statement.
     */
    static String withRows(String sql) {
        return "select r.*, m.team_id, m.parent_ts, m.attrs::text as attrs, m.posted_at from (\n"
                + "select q.*, row_number() over () as ord from (\n" + sql + "\n) as q) as r\n"
                + " join messages m on m.channel_id = r.channel_id and m.ts = r.ts order by r.ord";
    }

    private static void keep(Map<Key, Read> rows, Key key, java.sql.ResultSet rs) throws SQLException {
        if (rows != null) {
            rows.put(
                    key,
                    new Read(
                            rs.getString("team_id"),
                            rs.getString("parent_ts"),
                            rs.getString("attrs"),
                            rs.getObject("posted_at", OffsetDateTime.class)));
        }
    }

    /**
     * The first {@code limit} threads' best-ranked candidates of {@code best} (fused order), from the rows the rankings
     * returned: what {@link #SHOWN_ROWS} reads, without its statement.
     */
    private static List<Scored> shown(
            List<Map.Entry<Key, int[]>> best, int limit, Map<Key, Read> read, Map<Key, int[]> ranks) {
        Set<Key> threads = new java.util.HashSet<>();
        List<Scored> hits = new ArrayList<>();
        for (Map.Entry<Key, int[]> e : best) {
            Key key = e.getKey();
            Read r = read.get(key);
            if (r == null || !threads.add(new Key(key.channel(), r.parent() != null ? r.parent() : key.ts()))) {
                continue;
            }
            Message m = MessageRepository.message(r.team(), key.channel(), key.ts(), r.parent(), r.attrs(), r.posted());
            hits.add(unweighed(m, e.getValue(), hits.size() + 1, best.size()));
            if (hits.size() == limit) {
                break;
            }
        }
        return hits;
    }

    /** A hit with no evidence read (no cut): its place among the hits and how many candidates there were. */
    private static Scored unweighed(Message m, int[] rank, int position, int candidates) {
        return new Scored(
                new SearchHit(m, score(rank), rank[0], rank[1]),
                new Evidence(
                        position,
                        Double.NaN,
                        Double.NaN,
                        List.of(),
                        Set.of(),
                        Set.of(),
                        Map.of(),
                        candidates,
                        Double.NaN,
                        Double.NaN));
    }

    private List<Scored> rows(
            List<Map.Entry<Key, int[]>> best,
            int limit,
            List<String> words,
            Optional<float[]> queryVector,
            Map<Key, int[]> ranks) {
        record Row(
                Message message,
                boolean shown,
                boolean first,
                double distance,
                Set<String> words,
                Set<String> threadWords,
                double threadDistance) {}
        if (words.isEmpty() && queryVector.isEmpty()) {
            // no cut: the first `limit` threads' rows, as before the cut existed (measured: the evidence statement
            // sent all 4 x limit candidates' rows and lengthened the 30-day p95 at 1 M)
            List<Message> shown = db.withHandle(h -> h.createQuery(SHOWN_ROWS)
                    .bind(
                            "channels",
                            best.stream().map(e -> e.getKey().channel()).toArray(String[]::new))
                    .bind("tss", best.stream().map(e -> e.getKey().ts()).toArray(String[]::new))
                    .bind("limit", limit)
                    .map(MessageRepository.MAPPER)
                    .list());
            List<Scored> hits = new ArrayList<>();
            for (Message m : shown) {
                hits.add(unweighed(m, ranks.get(new Key(m.channelId(), m.ts())), hits.size() + 1, best.size()));
            }
            return hits;
        }
        List<Row> rows = db.withHandle(h -> {
            Query q = h.createQuery(ROWS.replace(
                                    "{distance}",
                                    queryVector.isPresent() ? "m.embedding <=> cast(:v as vector)" : "null")
                            .replace(
                                    "{thread_distance}",
                                    queryVector.isPresent() ? "avg(t.embedding) <=> cast(:v as vector)" : "null"))
                    .bind(
                            "channels",
                            best.stream().map(e -> e.getKey().channel()).toArray(String[]::new))
                    .bind("tss", best.stream().map(e -> e.getKey().ts()).toArray(String[]::new))
                    .bind("words", words.toArray(String[]::new))
                    .bind("limit", limit);
            queryVector.ifPresent(v -> q.bind("v", new PGvector(v)));
            return q.map((rs, ctx) -> {
                        double d = rs.getDouble("distance");
                        boolean none = rs.wasNull();
                        double t = rs.getDouble("thread_distance");
                        boolean noThread = rs.wasNull();
                        return new Row(
                                MessageRepository.MAPPER.map(rs, ctx),
                                rs.getBoolean("shown"),
                                rs.getInt("nth") == 1,
                                none ? Double.NaN : d,
                                Set.of(strings(rs.getArray("words"))),
                                Set.of(strings(rs.getArray("thread_words"))),
                                noThread ? Double.NaN : t);
                    })
                    .list();
        });
        Map<String, Integer> holding = new LinkedHashMap<>();
        for (String w : words) {
            holding.put(
                    w, (int) rows.stream().filter(r -> r.words().contains(w)).count());
        }
        double bestDistance = rows.stream()
                .mapToDouble(Row::distance)
                .filter(d -> !Double.isNaN(d))
                .min()
                .orElse(Double.NaN);
        // each thread's best-ranked candidate in fused order: a hit's next is the one after it, shown or not
        List<Row> firsts = rows.stream().filter(Row::first).toList();
        List<Scored> hits = new ArrayList<>();
        for (int i = 0; i < firsts.size(); i++) {
            Row r = firsts.get(i);
            if (!r.shown()) {
                continue;
            }
            double next = i + 1 < firsts.size() ? firsts.get(i + 1).distance() : Double.NaN;
            Message m = r.message();
            int[] rank = ranks.get(new Key(m.channelId(), m.ts()));
            hits.add(new Scored(
                    new SearchHit(m, score(rank), rank[0], rank[1]),
                    new Evidence(
                            hits.size() + 1,
                            r.distance(),
                            bestDistance,
                            List.copyOf(words),
                            r.words(),
                            r.threadWords(),
                            holding,
                            rows.size(),
                            r.threadDistance(),
                            next)));
        }
        return hits;
    }

    /**
     * The semantic half of {@link #search} as it runs there (same window, candidates and floor), as {@code channel/ts}
     * nearest first: {@code ratchet bench search} compares it with an exact k-NN over the window.
     */
    public List<String> semanticHalf(Search search, float[] queryVector) {
        int candidates = Math.min(200, search.limit() * 4);
        return db.inTransaction(h ->
                semantic(h, search, Audience.ANYONE, queryVector, candidates, plan(h, search, Audience.ANYONE, false))
                        .stream()
                        .map(k -> k.channel() + "/" + k.ts())
                        .toList());
    }

    /**
     * Where the semantic ranking of a window past a day runs beside the lexical one: a thread per core, daemon, so
     * that two searches at once still rank in parallel and a stopping JVM does not wait for them.
     */
    private static final ExecutorService BESIDE =
            Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "ratchet-search-semantic");
                t.setDaemon(true);
                return t;
            });

    private static List<Key> joined(CompletableFuture<List<Key>> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static double score(int[] r) {
        return (r[0] > 0 ? 1.0 / (K + r[0]) : 0) + (r[1] > 0 ? 1.0 / (K + r[1]) : 0);
    }

    /**
     * The window's conditions on a message's key and time: time, channels, who may see them. Columns of
     * {@code messages_posted_at_words}, so a scan of that index checks them without reading the table.
     */
    private static final String WINDOW_KEYS = """
             and posted_at >= :since and posted_at < :until
             and (cardinality(cast(:channels as text[])) = 0 or channel_id = any(cast(:channels as text[])))
             and (cast(:visible as text) is null or channel_id = cast(:visible as text)
                  or (not :same_only and channel_id in (%s)))
            """.formatted(DirectoryRepository.PUBLIC_CHANNEL_IDS);

    /**
     * The window's conditions on a message's attributes: no deleted messages, bots' posts only if asked, never this
     * bot's own posts ({@code own}: what modules posted, which quote the messages they found and so would be found
     * with them, as a second copy) nor Slack's notices that someone joined or left a channel (their text, "<@U1> has
     * joined the channel", is near the meaning of questions about people and teams). The history of {@code
     * MessageSearchRelevanceTest} has neither, so its figures do not move; {@code SearchTest} holds it.
     */
    private static final String WINDOW_ATTRS = """
             and not coalesce((attrs ->> 'deleted')::boolean, false)
             and (:bots or attrs ->> 'bot_id' is null)
             and attrs ->> 'own' is null
             and coalesce(attrs ->> 'subtype', '') not in ('channel_join', 'channel_leave', 'group_join', 'group_leave')
            """;

    /**
     * The window's conditions: time, channels, who may see them, no deleted messages, bots' posts only if asked, not this
     * bot's own posts nor join/leave notices.
     */
    private static final String WINDOW = WINDOW_KEYS + WINDOW_ATTRS;

    /**
     * The query's words AND-ed. Where a statement tests or ranks row by row (the newest-first scan, the rankings), it is
     * written {@code (select ...)}: an InitPlan, computed once. The window's statements up to {@link #PREPARED_SPAN}
     * are prepared, and PostgreSQL's generic plan for them (from the sixth run on) parsed the query's text again for
     * every row: ~7 µs a row, 10-15 ms of a runbook's search over a week of ~2,000 messages, twice with the "any
     * word" ranking (a custom plan folds it into a constant). The GIN paths keep it inline, for the planner's
     * estimate of how many rows match, and evaluate it once per scan as an index condition anyway.
     */
    private static final String ALL_WORDS = "plainto_tsquery('english', search_text(:text))";

    /** The query's words OR-ed: {@code plainto_tsquery} joins them with AND. */
    private static final String ANY_WORD =
            "cast(replace(cast(plainto_tsquery('english', search_text(:text)) as text), '&', '|') as tsquery)";

    /**
     * How many of the most recent matches the lexical ranking ranks. Ranking every match of a common word over years
     * of history reads every matching row; the newest {@code POOL} are what a search for recent or past occurrences
     * wants. They are read newest first along {@code messages_posted_at_words}, a scan that stops at the {@code POOL}th
     * match (or from the GIN index when the words are rare).
     */
    static final int POOL = 200;

    /**
     * The newest {@link #POOL} messages of the window matching {@code {match}}, as (channel_id, ts, posted_at, tsv, how
     * many there are): among the window's newest {@link #NEWEST_SCAN} messages (or more), read from {@code
     * messages_posted_at_words} in time order, a cost that does not depend on how rare the words are. The window's
     * conditions on attributes (no bots' posts unless asked, no deleted messages) apply here, before ranking: applied
     * after, a bot's alert holding every word of the query would be the only "best" match and then be dropped, leaving
     * nothing (RecentActivityRouteTest).
     */
    private static final String RECENT_NEWEST = """
            select channel_id, ts, posted_at, tsv, count(*) over () as found from (
              select r.channel_id, r.ts, r.posted_at, r.tsv from (
                select channel_id, ts, posted_at, tsv from messages
                 where true""" + WINDOW_KEYS + """
                 order by posted_at desc
                 limit :scan) as r
               where r.tsv @@ (select {match})
                 and exists (select from messages m where m.channel_id = r.channel_id and m.ts = r.ts""" + WINDOW_ATTRS + """
                 )
               order by r.posted_at desc
               limit :pool) as newest""";

    /**
     * The same over the whole window, when its newest messages held fewer than {@link #POOL} matches: the words are
     * rare, so from the GIN index. The order is written so that no index gives it: a backward scan of the window
     * looking for rare words would read it all.
     */
    private static final String RECENT_INDEXED = """
            select channel_id, ts, posted_at, tsv, 0 as found from messages
             where tsv @@ {match}""" + WINDOW + """
             order by posted_at + interval '0 s' desc
             limit :pool""";

    /**
     * The newest {@link #POOL} matches of the window's newest slice ({@code posted_at >= :slice}), the slice chosen to
     * hold about {@link #SLICE_MARGIN} x {@code POOL} of them by the statistics: the GIN index's bitmap ANDed with the slice's from the {@code posted_at} index, so
     * that only the slice's matches are read from the table, as (channel_id, ts, posted_at, tsv, how many, at most
     * {@code POOL}). Used on long windows for words too common to read every match's row and too rare to find
     * {@code POOL} of them soon newest first ({@link #lexical(Handle, String, String, Search, Audience, int, Plan,
     * Companion)}).
     */
    private static final String RECENT_SLICE = """
            select channel_id, ts, posted_at, tsv, count(*) over () as found from (
              select channel_id, ts, posted_at, tsv from messages
               where tsv @@ {match} and posted_at >= :slice""" + WINDOW + """
               order by posted_at + interval '0 s' desc
               limit :pool) as sliced""";

    /**
     * Of the recent messages having all the query's words (already within the window's conditions, attributes
     * included), the best {@code :k} by {@code ts_rank_cd}.
     */
    private static final String LEXICAL_ALL = ("""
            select channel_id, ts, found from ({recent}
            ) as recent
             order by ts_rank_cd(tsv, (select {match})) desc, posted_at desc
             limit :k""").replace("{match}", ALL_WORDS);

    /**
     * When no message has all the words: of the recent messages sharing a word with the query, those having as many of
     * its distinct words as the best-matching one, by {@code ts_rank_cd}.
     */
    private static final String LEXICAL_SOME = ("""
            select channel_id, ts, found from (
              select channel_id, ts, posted_at, rank, found, words, max(words) over () as most from (
                select channel_id, ts, posted_at, ts_rank_cd(tsv, (select {match})) as rank, found,
                       (select count(*) from unnest((select tsvector_to_array(to_tsvector('english', search_text(:text))))) as word
                         where word = any(tsvector_to_array(tsv))) as words
                  from ({recent}
                  ) as recent
              ) as matching
            ) as ranked
             where words = most
             order by rank desc, posted_at desc
             limit :k""").replace("{match}", ANY_WORD);

    /**
     * The lexical ranking: the messages having all the query's words, or when none has, those having the most of them.
     * The same list as ranking every match by how many words it has, then by {@code ts_rank_cd} among the best, without
     * counting words for each match: a message has all of them exactly when it matches their AND.
     */
    private static List<Key> lexical(
            Handle h, Search s, Audience a, int k, Plan plan, Companion companion, Map<Key, Read> rows) {
        if (plan.windowSize() <= EXACT_WINDOW && newestFirst(plan, ALL_WORDS) && newestFirst(plan, ANY_WORD)) {
            // a window the newest-first scan covers whole, both rankings from it: one statement, one scan
            return lexical(h, LEXICAL_COVERED, s, a, k, NEWEST_SCAN, null, null, new ArrayList<>(), companion, rows);
        }
        List<Key> all = lexical(h, LEXICAL_ALL, ALL_WORDS, s, a, k, plan, companion, rows);
        return all.isEmpty() ? lexical(h, LEXICAL_SOME, ANY_WORD, s, a, k, plan, null, rows) : all;
    }

    /**
     * The window's messages for {@link #LEXICAL_COVERED}, newest first, within all the window's conditions (attributes
     * too: the window is small, read from the table anyway, and a bot's post or a deleted message is left out as it is
     * read instead of looked up again for each match).
     */
    private static final String COVERED_SCAN = """
            select channel_id, ts, posted_at, tsv from messages
             where true""" + WINDOW + """
             order by posted_at desc
             limit :scan""";

    /** {@link #RECENT_NEWEST} over {@code scanned} ({@link #LEXICAL_COVERED}): the newest {@code POOL} matches. */
    private static final String COVERED_NEWEST = """
            select channel_id, ts, posted_at, tsv, count(*) over () as found from (
              select channel_id, ts, posted_at, tsv from scanned
               where tsv @@ (select {match})
               order by posted_at desc
               limit :pool) as newest""";

    /**
     * The lexical ranking of a window of at most {@link #EXACT_WINDOW} messages in one statement: the window read once
     * ({@link #COVERED_SCAN}), {@link #LEXICAL_ALL} over its newest matches of all the words, and only when that finds
     * none (the one-time filter of its branch: it is not run otherwise) {@link #LEXICAL_SOME} over its newest matches
     * of any word. The same lists as the two statements {@link #lexical(Handle, Search, Audience, int, Plan, Companion,
     * Map)} runs on a larger window, where each reads its own matches from an index.
     */
    private static final String LEXICAL_COVERED = "with scanned as materialized (\n" + COVERED_SCAN
            + "\n), lexical_all as materialized (\n"
            + LEXICAL_ALL.replace("{recent}", COVERED_NEWEST.replace("{match}", ALL_WORDS))
            + "\n)\nselect channel_id, ts, found from lexical_all\nunion all\nselect channel_id, ts, found from (\n"
            + LEXICAL_SOME.replace("{recent}", COVERED_NEWEST.replace("{match}", ANY_WORD))
            + "\n) as some_words where not exists (select from lexical_all)";

    /**
     * {@link #LEXICAL_COVERED} and {@link #SEMANTIC_EXACT} in one statement over one read of the window, where the two
     * read it twice: {@code scanned} carries each message's distance to the query ({@code :v}) and the semantic ranking
     * sorts it from there. The window is read oldest first, as the separate exact sort read it (a forward scan of
     * {@code messages_posted_at}), so that messages at the same distance (an alert firing again with the same text)
     * come in the same order from the top-N sort and the fused hits are the same; the lexical ranking sorts its matches
     * newest first anyway. Its limit ({@link #NEWEST_SCAN}) never binds on a window counted at most
     * {@link #EXACT_WINDOW} (were 7,000 messages to arrive within the count's minute, it would keep the oldest 12,000).
     * At 100 k generated messages, a day (1,440): 783-915 buffers a statement before, 411-543 after, EXPLAIN ANALYZE
     * median 4.0-6.2 ms before, 3.4-4.5 after (4 queries, 5 alternating runs each, load 4-5); {@code bench search
     * --windows 1d --queries 30}, 4 alternating pairs at load 5-8: PostgreSQL CPU a search 2.7 ms before in each, 2.2-2.3
     * after. Read newest first with the window's order reversed for the sort, it took more CPU than before (2.8-3.0 ms
     * against 2.3-2.5); sorted from the newest-first read as is, ties came in another order and {@code
     * MessageSearchRelevanceTest}'s cut figures moved (0.80 / 0.87 to 0.81 / 0.88).
     */
    private static final String COVERED_BOTH = replaceOnce(
                    replaceOnce(
                            LEXICAL_COVERED,
                            "with scanned as materialized (\n" + COVERED_SCAN,
                            "with scanned as materialized (\n"
                                    + replaceOnce(
                                            replaceOnce(
                                                    COVERED_SCAN,
                                                    "select channel_id, ts, posted_at, tsv from messages",
                                                    "select channel_id, ts, posted_at, tsv, embedding <=> :v as distance"
                                                            + " from messages"),
                                            "order by posted_at desc\nlimit :scan",
                                            "order by posted_at\nlimit :scan")),
                    "\n)\nselect channel_id, ts, found from lexical_all\nunion all",
                    "\n), lexical as materialized (\nselect channel_id, ts, found from lexical_all\nunion all")
            + """

            ), nearest as materialized (
              select channel_id, ts, distance from scanned
               where distance is not null
               order by distance + 0
               limit :k)
            select 0 as list, channel_id, ts, found from lexical
            union all select 1, channel_id, ts, 0 from (
              select channel_id, ts from nearest where distance < :max order by distance) as semantic""";

    /**
     * Whether {@link #lexical(Handle, String, String, Search, Audience, int, Plan, Companion, Map)} takes the
     * newest-first scan for {@code match} on a window it covers ({@link #EXACT_WINDOW}): the same choice.
     */
    private static boolean newestFirst(Plan plan, String match) {
        double window = plan.window();
        double matches = Math.max(1, Math.min(window, plan.matches(match.equals(ALL_WORDS))));
        double scan = Math.min(window, POOL * window / matches);
        return window <= SMALL_WINDOW || scan <= plan.gin(match, matches).cost();
    }

    /**
     * How much reading a message's row from the table (a random page, for the GIN path) costs against checking one more
     * index entry in the newest-first scan (an index-only scan): measured ~33 µs and ~1.25 µs at 1 M messages on 2
     * loaded cores with the default 128 MB of shared buffers.
     */
    static final int ROW_READ_COST = 25;

    /**
     * Windows of more than this many messages (about 70 days at one a minute) may take the newest slice from the GIN
     * index ({@link #RECENT_SLICE}) for words of middling frequency; shorter ones are ranked as before.
     */
    static final int SLICE_WINDOW = 100_000;

    /**
     * What a slice's index entry costs, put into a bitmap from {@code messages_posted_at} (no visibility check, no
     * words read), against an entry of the newest-first scan: 60,000 took 5 ms at 1 M messages on 2 cores at load 2,
     * the scan's 22 ms.
     */
    static final double SLICE_ENTRY_COST = 0.25;

    /**
     * How many times {@link #POOL} matches the slice is expected to hold: 1.25, so that it holds {@code POOL} but when
     * the estimate is a fifth too high (250 expected, a standard deviation of ~16 where words are independent).
     */
    static final double SLICE_MARGIN = 1.25;

    /**
     * What an entry of the words' posting lists costs in the GIN index's bitmap against an entry of the newest-first
     * scan: ~0.04 µs (three words' 216,000 postings, as {@link Plan#postings} counts them, 9 ms at load 2).
     */
    static final double GIN_ITEM_COST = 0.1;

    /**
     * Ranks {@code sql} over the newest {@link #POOL} matches of the window, found the cheaper way for the words at hand
     * by an estimate of how many messages of the window match ({@link Plan}: {@code pg_stats} of {@code tsv}, as the
     * planner estimates it): common words by scanning the window newest first ({@link #RECENT_NEWEST}, index-only,
     * stopping at the {@code POOL}th match), rare ones from the GIN index ({@link #RECENT_INDEXED}, which reads each
     * match's row). The scan reads about {@code POOL x window / matches} index entries, the GIN path {@code matches}
     * rows at {@link #ROW_READ_COST} each and the words' postings at {@link #GIN_ITEM_COST} ({@link Plan#postings}):
     * common words found together in few messages cost the GIN path their long posting lists (a week's "redis timeout"
     * at 1 M, 129 matches: 12,276 postings, 22-50 ms in {@code EXPLAIN ANALYZE} at load 4-5, where reading all 10,080
     * of the week's entries newest first took 8.5 ms). A scan planned to reach the window's end reads it to the end
     * (no limit), so that fewer than {@code POOL} matches are all the window's and need no GIN path after it; one that
     * ends short of {@code POOL} matches before (an estimate too high) goes on from the GIN index.
     *
     * <p>On a window of more than {@link #SLICE_WINDOW} messages a third way is weighed, for the words in between, which
     * over all time at a million messages took 60-110 ms either way at load 5-10 (one heap page a match, or 50,000 to
     * 120,000 index entries): the GIN index ANDed with the window's newest slice expected to hold {@link #SLICE_MARGIN}
     * x {@code POOL} matches ({@link #RECENT_SLICE}), a bitmap of the slice's {@code posted_at} entries at
     * {@link #SLICE_ENTRY_COST} each, the words' postings at {@link #GIN_ITEM_COST}, and the slice's matches' rows. It
     * ranks the slice's newest {@code POOL} matches, the same as the other ways unless the slice held fewer (an estimate
     * too high, as for words that go together more often than chance): then those, if at least {@code k}, else the
     * window's from the GIN index. Rare words (fewer matches than ~1,500 at a million) still take the GIN path over the
     * whole window, so a past occurrence of them is found however old.
     */
    private static List<Key> lexical(
            Handle h,
            String sql,
            String match,
            Search s,
            Audience a,
            int k,
            Plan plan,
            Companion companion,
            Map<Key, Read> rows) {
        List<Long> found = new ArrayList<>();
        double window = plan.window();
        double matches = Math.max(1, Math.min(window, plan.matches(match.equals(ALL_WORDS))));
        double scan = Math.min(window, POOL * window / matches);
        boolean covers = plan.windowSize() <= EXACT_WINDOW; // counted, so a scan of NEWEST_SCAN reads all of it
        List<Key> keys = List.of();
        if (window > SLICE_WINDOW && matches > POOL) {
            // the newest slice expected to hold SLICE_MARGIN x POOL matches, so that it nearly always holds the POOL
            // newest (the same pool as the other paths): its index entries into a bitmap, ANDed with the words'
            Gin gin = plan.gin(match, SLICE_MARGIN * POOL);
            double entries = Math.min(window, SLICE_MARGIN * scan);
            double sliced = SLICE_ENTRY_COST * entries + gin.cost();
            Optional<java.time.Instant> slice = plan.sliceSince(s, entries / window);
            if (slice.isPresent()
                    && sliced < Math.min(scan, plan.gin(match, matches).cost())) {
                Optional<String> indexed = gin.indexed();
                keys = lexical(
                        h,
                        sql.replace("{recent}", indexedBy(RECENT_SLICE, match, indexed)),
                        s,
                        a,
                        k,
                        0,
                        slice.get(),
                        indexed.orElse(null),
                        found,
                        companion,
                        rows);
                if (!found.isEmpty() && found.get(0) >= Math.min(POOL, k)) {
                    return keys;
                }
                // the slice held fewer than k (an estimate too high): the whole window from the GIN index
                return wholeWindow(h, sql, match, s, a, k, plan, found, companion, rows);
            }
        }
        double indexed = plan.gin(match, matches).cost();
        if (window <= SMALL_WINDOW || scan <= indexed) {
            double planned = Math.max(NEWEST_SCAN, 2 * scan);
            // a scan planned to read the whole window reads it to its end, so that fewer than POOL matches are all
            // of them and need no GIN path after it
            boolean whole = !covers && planned >= window;
            long limit = covers ? NEWEST_SCAN : whole ? Long.MAX_VALUE : (long) planned;
            keys = lexical(
                    h,
                    sql.replace("{recent}", RECENT_NEWEST.replace("{match}", match)),
                    s,
                    a,
                    k,
                    limit,
                    null,
                    null,
                    found,
                    companion,
                    rows);
            if (covers || whole || (!found.isEmpty() && found.get(0) >= POOL)) {
                return keys;
            }
        }
        return wholeWindow(h, sql, match, s, a, k, plan, found, companion, rows);
    }

    /** The window's newest matches from the GIN index over the whole window. */
    private static List<Key> wholeWindow(
            Handle h,
            String sql,
            String match,
            Search s,
            Audience a,
            int k,
            Plan plan,
            List<Long> found,
            Companion companion,
            Map<Key, Read> rows) {
        Optional<String> indexed = plan.gin(match, Math.max(1, Math.min(plan.window(), plan.matches(true))))
                .indexed();
        return lexical(
                h,
                sql.replace("{recent}", indexedBy(RECENT_INDEXED, match, indexed)),
                s,
                a,
                k,
                0,
                null,
                indexed.orElse(null),
                found,
                companion,
                rows);
    }

    /**
     * {@code recent}, a GIN path, with its index condition on the query's {@code indexed} words ({@link
     * Plan#gin}) and all of them checked on each row read, or on all of them when {@code indexed} is empty. The check
     * reads the query's words from an InitPlan ({@code (select ...)}, computed once): a window of up to {@link
     * #PREPARED_SPAN} is prepared, and PostgreSQL's generic plan for it computed {@code search_text} and
     * {@code plainto_tsquery} again for each row read (~0.06-0.18 ms a row at load 10-20: a 30-day "api rollback
     * error" at 1 M under {@code plan_cache_mode = force_generic_plan}, its 807 rows read in 48-147 ms, 1.4-17 ms with
     * the InitPlan, in three runs each).
     */
    private static String indexedBy(String recent, String match, Optional<String> indexed) {
        return recent.replace(
                "{match}",
                indexed.map(q -> "cast(:indexed as tsquery) and coalesce(tsv, cast('' as tsvector)) @@ (select " + match
                                + ")")
                        .orElse(match));
    }

    /**
     * Runs a lexical ranking ({@code channel_id, ts, found}); the first one run also runs {@code companion}'s query, in
     * the same statement, keeping its keys in it. With {@code rows}, the statement returns the candidates' rows too
     * ({@link #withRows}), kept there by key.
     */
    private static List<Key> lexical(
            Handle h,
            String sql,
            Search s,
            Audience a,
            int k,
            long scan,
            java.time.Instant slice,
            String indexed,
            List<Long> found,
            Companion companion,
            Map<Key, Read> rows) {
        found.clear();
        boolean along = companion != null && companion.keys == null && companion.sql != null;
        boolean once = along && sql.equals(LEXICAL_COVERED) && companion.sql.equals(SEMANTIC_EXACT);
        String ranking = once
                ? COVERED_BOTH
                : along
                        ? "with lexical as materialized (\n" + sql + "\n), semantic as materialized (\n" + companion.sql
                                + "\n)"
                                + " select 0 as list, channel_id, ts, found from lexical"
                                + " union all select 1, channel_id, ts, 0 from semantic"
                        : sql;
        String statement = rows != null ? withRows(ranking) : ranking;
        Query q = window(h.createQuery(spanned(statement, s, a)), s, a)
                .bind("text", s.text())
                .bind("k", k)
                .bind("pool", POOL);
        if (scan > 0) {
            q.bind("scan", scan);
        }
        if (slice != null) {
            q.bind("slice", utc(slice));
        }
        if (indexed != null) {
            q.bind("indexed", indexed);
        }
        if (!along) {
            return q.map((rs, ctx) -> {
                        found.add(rs.getLong(3));
                        Key key = new Key(rs.getString(1), rs.getString(2));
                        keep(rows, key, rs);
                        return key;
                    })
                    .list();
        }
        companion.binds.accept(q);
        List<Key> lexical = new ArrayList<>();
        List<Key> semantic = new ArrayList<>();
        q.map((rs, ctx) -> {
                    Key key = new Key(rs.getString(2), rs.getString(3));
                    keep(rows, key, rs);
                    if (rs.getInt(1) == 0) {
                        found.add(rs.getLong(4));
                        lexical.add(key);
                    } else {
                        semantic.add(key);
                    }
                    return key;
                })
                .list();
        companion.keys = semantic;
        return lexical;
    }

    /**
     * The semantic ranking's query, run along with the lexical ranking's first ({@code sql} and {@code binds}), or
     * ({@code sql} null) by {@link #keys} on its own.
     */
    private static final class Companion {
        final String sql;
        final java.util.function.Consumer<Query> binds;
        final java.util.function.Function<Handle, List<Key>> alone;
        List<Key> keys;

        Companion(
                String sql,
                java.util.function.Consumer<Query> binds,
                java.util.function.Function<Handle, List<Key>> alone) {
            this.sql = sql;
            this.binds = binds;
            this.alone = alone;
        }

        List<Key> keys(Handle h, Search s, Audience a) {
            if (keys == null) {
                keys = alone.apply(h);
            }
            return keys;
        }
    }

    private static Query window(Query q, Search s, Audience a) {
        return windowKeys(q, s, a).bind("bots", s.includeBots());
    }

    /**
     * Every statement over a window is planned for its own values: pgjdbc prepares a statement on the server from its
     * fifth use, and PostgreSQL may then plan it once for any values (a generic plan), which takes a window's time
     * bounds for 0.5 % of the table. Over all time at 1 M the GIN path's generic plan ANDed a bitmap of all 1,000,000
     * {@code posted_at} entries (149 ms, lossy) with the words' 326 postings (4 ms): the bench's slowest all-time
     * query in every run, 64-330 ms where psql's custom plan took 15. Unprepared, each execution is planned with its
     * values (planning ~1 ms). Only windows longer than {@link #PREPARED_SPAN}: shorter ones measured no such plan, and
     * a day's p95 rose from 10.3-10.6 to 12.5-20.5 ms with every statement unprepared (1 M, load 1.4-2.1).
     */
    private static final StatementCustomizer CUSTOM_PLANS = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
            if (stmt.isWrapperFor(PGStatement.class)) {
                stmt.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
        }
    };

    /** Windows up to this long keep pgjdbc's prepared statements ({@link #CUSTOM_PLANS}). */
    static final java.time.Duration PREPARED_SPAN = java.time.Duration.ofDays(31);

    /**
     * Whether {@code s}'s statements are sent unprepared: a window longer than {@link #PREPARED_SPAN}, or a search
     * limited to channels (or to the channel its results are shown in, {@code search.quote-from=same-channel}). The
     * window's channel conditions are written for any list ({@code cardinality(:channels) = 0 or channel_id =
     * any(:channels)}); a custom plan folds them into {@code channel_id = any('{C}')}, which
     * {@code messages_channel_posted_at} gives, and a generic plan cannot: from a statement's sixth use on a connection
     * (recent activity's searches of an alert's channel, each a week of it) it read the whole window through
     * {@code messages_posted_at} and left out the other channels' rows. At 1 M (time-ordered), a channel's week
     * under {@code force_generic_plan}: 10,080 rows read for its 504, 2,580 buffers against 513.
     */
    private static boolean unprepared(Search s, Audience a) {
        return java.time.Duration.between(s.since(), s.until()).compareTo(PREPARED_SPAN) > 0
                || !s.channelIds().isEmpty()
                || (a.visibleIn() != null && a.sameChannelOnly());
    }

    /**
     * {@code sql} as sent over {@code s}'s window: past {@link #PREPARED_SPAN} with a comment of its own. pgjdbc keeps a
     * connection's statements by their text, and one a shorter window's searches prepared on the server from its fifth
     * use stays prepared: {@link #CUSTOM_PLANS}'s threshold 0 then still runs it by name, and the server's generic plan
     * with it. At 1 M, all time searched after 30 days in the same process ran 14 of its ~60 statements on the generic
     * plan (77-132 ms each at load 3, the bitmap of every {@code posted_at} entry): PostgreSQL CPU 43-45 ms a search
     * against 19-20 ms with all time searched alone.
     */
    private static String spanned(String sql, Search s, Audience a) {
        return unprepared(s, a) ? sql + "\n/* unprepared, planned for its window */" : sql;
    }

    private static Query windowKeys(Query q, Search s, Audience a) {
        if (unprepared(s, a)) {
            q.addCustomizer(CUSTOM_PLANS);
        }
        return q.bind("visible", a.visibleIn())
                .bind("same_only", a.sameChannelOnly())
                .bind("since", utc(s.since()))
                .bind("until", utc(s.until()))
                .bind("channels", s.channelIds().toArray(String[]::new));
    }

    /**
     * Windows of at most this many messages are ranked exactly: a distance sort over the window, read from the
     * {@code posted_at} index (1 day is ~1.4 k messages at one a minute). Larger ones are ranked from the binary codes
     * or the IVFFlat index. The exact sort reads every row of the window, 1.7 kB each with the embedding: at a million
     * messages on 2 loaded cores it took 110-160 ms at 7 days (10 k rows) where the IVFFlat scan took ~60 ms.
     */
    static final int EXACT_WINDOW = 5_000;

    /**
     * The lexical ranking's newest-first scan reads at least this many of the window's newest messages before it turns
     * to the GIN index, and covers windows this small whole.
     */
    static final int NEWEST_SCAN = 12_000;

    /**
     * Windows of at most this many messages are always scanned newest first: reading them whole costs about what the
     * GIN path's fixed part does. Larger ones, a week included, take the GIN path when the words are rare in them: a
     * week's newest-first scan for three words found together twice read all 10,080 entries (31 ms, each index entry
     * carrying its message's words), where the GIN index ANDed with the time index read 150 entries and 2 rows (6 ms).
     */
    static final int SMALL_WINDOW = 2_000;

    /**
     * The window's messages, ignoring who may see them, counted up to {@code :cap} (an index-only scan), and the query's
     * words as lexemes: one statement, so that a search's plan costs one round trip.
     */
    private static final String WINDOW_SIZE = """
            select (select count(*) from (
                      select from messages
                       where posted_at >= :since and posted_at < :until
                         and (cardinality(cast(:channels as text[])) = 0 or channel_id = any(cast(:channels as text[])))
                       limit :cap) as w),
                   tsvector_to_array(to_tsvector('english', search_text(:text))),
                   coalesce(current_setting('ivfflat.probes', true), '') = '%d'
                     and coalesce(current_setting('ivfflat.max_probes', true), '') = '%d'""".formatted(HybridSearch.PROBES, HybridSearch.MAX_PROBES);

    /**
     * What the planner knows of {@code messages} ({@code pg_class}, {@code pg_stats}) and whether V9's IVFFlat index
     * exists and is valid (one being built concurrently, or left by a failed build, is not): read at most once a {@link #STATS_TTL_NANOS} per {@code HybridSearch} instead of on each search.
     */
    private static final String STATS = """
            select (select reltuples from pg_class where oid = to_regclass('messages')),
                   (select array(select cast(extract(epoch from b) as float8)
                                   from unnest(cast(cast(histogram_bounds as text) as timestamptz[])) as b)
                      from pg_stats where schemaname = current_schema() and tablename = 'messages'
                                      and attname = 'posted_at'),
                   (select cast(cast(most_common_vals as text) as text[])
                      from pg_stats where schemaname = current_schema() and tablename = 'messages'
                                      and attname = 'channel_id'),
                   (select cast(most_common_freqs as float8[])
                      from pg_stats where schemaname = current_schema() and tablename = 'messages'
                                      and attname = 'channel_id'),
                   (select cast(cast(most_common_elems as text) as text[])
                      from pg_stats where schemaname = current_schema() and tablename = 'messages' and attname = 'tsv'),
                   (select cast(most_common_elem_freqs as float8[])
                      from pg_stats where schemaname = current_schema() and tablename = 'messages' and attname = 'tsv'),
                   exists (select from pg_index i join pg_class c on c.oid = i.indexrelid
                            where i.indrelid = to_regclass('messages') and c.relname = 'messages_embedding_ivf'
                              and i.indisvalid)""";

    /** How long {@link #STATS} is reused: statistics change with {@code analyze}, the IVFFlat index with {@link VectorLists}. */
    static final long STATS_TTL_NANOS = 60_000_000_000L;

    /** The planner's statistics of {@code messages}, as {@link #STATS} reads them. */
    private record Stats(
            long readAt,
            double rows,
            double[] timeBounds,
            Map<String, Double> channels,
            double otherChannel,
            Map<String, Double> words,
            double otherWord,
            boolean lists) {

        /** The share of messages posted in [since, until), from the histogram (evenly spread within each bucket). */
        double timeShare(double since, double until) {
            if (timeBounds.length < 2) {
                return 1;
            }
            int buckets = timeBounds.length - 1;
            double share = 0;
            for (int i = 0; i < buckets; i++) {
                double lo = timeBounds[i];
                double hi = timeBounds[i + 1];
                double overlap = Math.min(hi, until) - Math.max(lo, since);
                if (overlap > 0) {
                    share += hi > lo ? overlap / (hi - lo) : 1;
                }
            }
            return Math.min(1, share / buckets);
        }

        double channelShare(List<String> ids) {
            if (ids.isEmpty()) {
                return 1;
            }
            return Math.min(
                    1,
                    ids.stream()
                            .mapToDouble(c -> channels.getOrDefault(c, otherChannel))
                            .sum());
        }

        /**
         * The time from which [t, until) holds {@code share} of the messages by the histogram (evenly spread within each
         * bucket): the newest buckets first. Messages newer than the histogram's last bound are not in it, so the slice
         * always reaches back into its last bucket. Negative infinity when the histogram does not hold that much.
         */
        double sinceHolding(double until, double share) {
            if (timeBounds.length < 2) {
                return Double.NEGATIVE_INFINITY;
            }
            int buckets = timeBounds.length - 1;
            double need = share * buckets;
            for (int i = buckets - 1; i >= 0; i--) {
                double lo = timeBounds[i];
                double width = timeBounds[i + 1] - lo;
                double hi = Math.min(timeBounds[i + 1], until);
                if (hi <= lo || width <= 0) {
                    continue;
                }
                double held = (hi - lo) / width;
                if (need <= held) {
                    return hi - need * width;
                }
                need -= held;
            }
            return Double.NEGATIVE_INFINITY;
        }

        /** A word's share of messages as the planner takes it for {@code tsv @@}: its frequency, or half the least. */
        double wordShare(String lexeme) {
            return words.getOrDefault(lexeme, otherWord);
        }
    }

    private volatile Stats stats;

    private Stats stats(Handle h) {
        Stats known = stats;
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < STATS_TTL_NANOS) {
            return known;
        }
        Stats read = h.createQuery(STATS)
                .map((rs, ctx) -> {
                    double rows = rs.getDouble(1);
                    double[] bounds = doubles(rs.getArray(2));
                    String[] channelIds = strings(rs.getArray(3));
                    double[] channelFreqs = doubles(rs.getArray(4));
                    Map<String, Double> channels = new HashMap<>();
                    double listed = 0;
                    for (int i = 0; i < Math.min(channelIds.length, channelFreqs.length); i++) {
                        channels.put(channelIds[i], channelFreqs[i]);
                        listed += channelFreqs[i];
                    }
                    String[] elems = strings(rs.getArray(5));
                    double[] elemFreqs = doubles(rs.getArray(6));
                    Map<String, Double> words = new HashMap<>();
                    for (int i = 0; i < Math.min(elems.length, elemFreqs.length); i++) {
                        words.put(elems[i], elemFreqs[i]);
                    }
                    // most_common_elem_freqs ends with the least and greatest frequency and the null share;
                    // the planner takes a word not listed as half the least (DEFAULT_TS_MATCH_SEL 0.005 at most)
                    double otherWord = elemFreqs.length > elems.length && elems.length > 0
                            ? Math.min(0.005, elemFreqs[elems.length] / 2)
                            : 0.005;
                    return new Stats(
                            now,
                            Math.max(0, rows),
                            bounds,
                            channels,
                            channelIds.length == 0 ? 0.01 : Math.max(0.001, (1 - listed) / 10),
                            words,
                            otherWord,
                            rs.getBoolean(7));
                })
                .one();
        stats = read;
        return read;
    }

    private static double[] doubles(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) {
            return new double[0];
        }
        Object[] values = (Object[]) array.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? 0 : ((Number) values[i]).doubleValue();
        }
        return out;
    }

    private static String[] strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    /**
     * What a search needs to choose its paths: the window's size counted up to {@code EXACT_WINDOW + 1} (counting a week's
     * 10,080 entries took 8-10 ms on 2 loaded cores, 5,001 about 1 ms; past that the statistics estimate it), and the
     * planner's statistics to estimate a larger window and how many of its messages have the query's words;
     * {@code lexemes} null while they are still to be read ({@link #withLexemes}).
     */
    private record Plan(long windowSize, double estimatedWindow, List<String> lexemes, Stats stats, boolean listsSet) {

        /** The window's size: counted when small, else estimated (at least the count). */
        double window() {
            return Math.max(windowSize, estimatedWindow);
        }

        /** How many messages of the window have all the query's words ({@code all}) or any of them. */
        double matches(boolean all) {
            if (lexemes.isEmpty()) {
                return 0;
            }
            double share = 1;
            for (String word : lexemes) {
                share *= all ? stats.wordShare(word) : 1 - stats.wordShare(word);
            }
            return window() * (all ? share : 1 - share);
        }

        /**
         * About how many postings the GIN index reads for the query's words ({@code all}: AND-ed, when the commonest
         * word's list is mostly skipped, read a tenth; else OR-ed, all of them), over the whole table.
         */
        double postings(boolean all) {
            double sum = 0;
            double most = 0;
            for (String word : lexemes) {
                double share = stats.wordShare(word);
                sum += share;
                most = Math.max(most, share);
            }
            return stats.rows() * (all && lexemes.size() > 1 ? sum - 0.9 * most : sum);
        }

        /**
         * What a GIN path reading {@code rows} rows with all the query's words in the index reads instead when it
         * leaves out the commonest ({@code match} {@link #ALL_WORDS}): the index ANDs the words' posting lists, each
         * read almost whole however few messages have all of them (at 1 M "kill error job", 2,006 matches, took 25-30
         * ms of GIN bitmap with "error", in 75 % of messages, and 3-13 without); a word left out is checked on each
         * row read instead, which reads {@code 1 / share} times the rows. A word is left out, commonest first and one
         * kept, while its postings at {@link #GIN_ITEM_COST} cost more than those extra rows at {@link #ROW_READ_COST}.
         */
        Gin gin(String match, double rows) {
            boolean all = match.equals(ALL_WORDS);
            List<String> kept = new ArrayList<>(new java.util.LinkedHashSet<>(lexemes));
            kept.sort(Comparator.comparingDouble(stats::wordShare).reversed());
            double read = Math.max(1, rows);
            int dropped = 0;
            while (all && kept.size() - dropped > 1) {
                double share = stats.wordShare(kept.get(dropped));
                if (!(share > 0) || GIN_ITEM_COST * stats.rows() * share <= ROW_READ_COST * read * (1 / share - 1)) {
                    break;
                }
                read /= share;
                dropped++;
            }
            if (dropped == 0) {
                return new Gin(Optional.empty(), read, postings(all));
            }
            StringBuilder q = new StringBuilder();
            double postings = 0;
            for (String word : kept.subList(dropped, kept.size())) {
                postings += stats.rows() * stats.wordShare(word);
                q.append(q.length() == 0 ? "" : " & ")
                        .append('\'')
                        .append(word.replace("\\", "\\\\").replace("'", "''"))
                        .append('\'');
            }
            return new Gin(Optional.of(q.toString()), read, postings);
        }

        /**
         * The start of the newest slice of {@code s}'s window holding {@code fraction} of its messages, by the
         * histogram of {@code posted_at}; empty when that is the whole window.
         */
        Optional<java.time.Instant> sliceSince(Search s, double fraction) {
            double since = s.since().getEpochSecond();
            double until = s.until().getEpochSecond();
            double t = stats.sinceHolding(until, fraction * stats.timeShare(since, until));
            if (!(t > since) || fraction >= 1) {
                return Optional.empty();
            }
            return Optional.of(java.time.Instant.ofEpochMilli((long) Math.floor(t * 1000)));
        }
    }

    /**
     * A GIN path's words: those the index reads as a {@code tsquery} ({@code indexed}, empty for all of them), the rows
     * it reads and the postings.
     */
    private record Gin(Optional<String> indexed, double rows, double postings) {
        double cost() {
            return ROW_READ_COST * rows + GIN_ITEM_COST * postings;
        }
    }

    /**
     * How long a window's count is reused for a window of the same length and channels ending at most this long
     * after (or before) the counted one: a day's window gains and loses a minute's messages in that time, and a count
     * a little off changes no result (a window counted at most {@link #EXACT_WINDOW} is sorted exactly and scanned
     * newest first up to {@link #NEWEST_SCAN}, whatever it holds).
     */
    static final long COUNT_TTL_NANOS = STATS_TTL_NANOS;

    private record Counted(long size, long until, long readAt) {}

    private record Span(List<String> channels, long millis) {}

    /** The windows' counts, by length and channels ({@link #COUNT_TTL_NANOS}); cleared past 64 entries. */
    private final Map<Span, Counted> counts = new java.util.concurrent.ConcurrentHashMap<>();

    /** The query texts' lexemes, the last 512, as {@link #WINDOW_SIZE} or {@link #LEXEMES} read them. */
    private final Map<String, List<String>> lexemeCache =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                    return size() > 512;
                }
            });

    /**
     * Whether every connection has search's IVFFlat settings as startup options ({@link Database#connect}'s, where the
     * URL has no {@code options} of its own): known after the first plan statement that found them on its connection.
     */
    private volatile boolean listsEverywhere;

    /** The query's words as lexemes, alone: for a window whose count is known. */
    private static final String LEXEMES = "select tsvector_to_array(to_tsvector('english', search_text(:text)))";

    /**
     * The search's plan. With the window's count known from a search of the same span in the last minute, no
     * statement at all unless the lexemes are needed (the lexical path's choice past {@link #SMALL_WINDOW}, the cut's
     * evidence) and not known from the same text searched before, then {@link #LEXEMES} alone; else
     * {@link #WINDOW_SIZE}.
     */
    private Plan plan(Handle h, Search s, Audience a, boolean evidence) {
        Stats known = stats(h);
        long now = System.nanoTime();
        long until = s.until().toEpochMilli();
        Span span = new Span(List.copyOf(s.channelIds()), until - s.since().toEpochMilli());
        Counted counted = counts.get(span);
        if (listsEverywhere
                && counted != null
                && now - counted.readAt() < COUNT_TTL_NANOS
                && Math.abs(until - counted.until()) < COUNT_TTL_NANOS / 1_000_000) {
            double estimated = estimate(known, s, counted.size());
            boolean lexemesUsed = evidence || Math.max(counted.size(), estimated) > SMALL_WINDOW;
            // null: to be read (withLexemes), after the semantic ranking has set off beside
            List<String> lexemes = lexemesUsed ? lexemeCache.get(s.text()) : List.of();
            return new Plan(counted.size(), estimated, lexemes, known, true);
        }
        // a channel's count from messages_channel_posted_at: planned for its channels, as the window's statements are
        Query sized = h.createQuery(s.channelIds().isEmpty() ? WINDOW_SIZE : spanned(WINDOW_SIZE, s, a));
        if (!s.channelIds().isEmpty()) {
            sized.addCustomizer(CUSTOM_PLANS);
        }
        Plan plan = sized.bind("since", utc(s.since()))
                .bind("until", utc(s.until()))
                .bind("channels", s.channelIds().toArray(String[]::new))
                .bind("cap", EXACT_WINDOW + 1)
                .bind("text", s.text())
                .map((rs, ctx) -> {
                    long size = rs.getLong(1);
                    return new Plan(
                            size, estimate(known, s, size), List.of(strings(rs.getArray(2))), known, rs.getBoolean(3));
                })
                .one();
        if (plan.listsSet() && !listsEverywhere) {
            try {
                String url = h.getConnection().getMetaData().getURL();
                listsEverywhere = url == null || !url.contains("options=");
            } catch (SQLException e) {
                // stays false: the plan statement keeps checking each connection
            }
        }
        if (counts.size() > 64) {
            counts.clear();
        }
        counts.put(span, new Counted(plan.windowSize(), until, now));
        lexemeCache.put(s.text(), plan.lexemes());
        return plan;
    }

    /** {@code plan} with the query's lexemes, read by {@link #LEXEMES} when it has none yet (null). */
    private Plan withLexemes(Handle h, Search s, Plan plan) {
        if (plan.lexemes() != null) {
            return plan;
        }
        List<String> lexemes = h.createQuery(LEXEMES)
                .bind("text", s.text())
                .map((rs, ctx) -> List.of(strings(rs.getArray(1))))
                .one();
        lexemeCache.put(s.text(), lexemes);
        return new Plan(plan.windowSize(), plan.estimatedWindow(), lexemes, plan.stats(), plan.listsSet());
    }

    /** The window's size: the count when it is at most {@link #EXACT_WINDOW}, else from the statistics. */
    private static double estimate(Stats known, Search s, long size) {
        return size <= EXACT_WINDOW
                ? size
                : known.rows()
                        * known.timeShare(s.since().getEpochSecond(), s.until().getEpochSecond())
                        * known.channelShare(s.channelIds());
    }

    /**
     * The k nearest messages of the window, then those closer than the floor: exactly on a small window, from the
     * binary codes or the IVFFlat index on a large one. The floor sits outside a materialized CTE, as pgvector advises
     * for distance filters: inside, the executor would keep the iterative index scan going looking for k rows that
     * pass it.
     */
    private List<Key> semantic(Handle h, Search s, Audience a, float[] vector, int k, Plan plan) {
        return semanticQuery(h, s, a, vector, k, plan, null).keys(h, s, a);
    }

    /**
     * The semantic ranking's query for the window at hand: an exact sort of a small window, the binary codes of a
     * mid-sized one, the IVFFlat index for larger ones, or the binary codes again while there is no IVFFlat index
     * (below {@link VectorLists#DEFAULT_MIN_ROWS} embedded messages, or until its job has run): their cost grows with the
     * embedded messages of the window, which are few then.
     */
    private Companion semanticQuery(
            Handle h, Search s, Audience a, float[] vector, int k, Plan plan, Map<Key, Read> rows) {
        boolean exact = plan.windowSize() <= EXACT_WINDOW;
        String sql;
        if (exact) {
            sql = SEMANTIC_EXACT;
        } else if (plan.window() <= CODES_WINDOW // window() is at least the count, which stops at EXACT_WINDOW + 1
                || !plan.stats().lists()) {
            sql = SEMANTIC_CODES;
        } else {
            if (!plan.listsSet()) {
                // for the connection: only this search reads an IVFFlat index, and a setting kept saves a round trip
                settings(
                        h,
                        false,
                        "ivfflat.probes",
                        PROBES,
                        "ivfflat.iterative_scan",
                        "relaxed_order",
                        "ivfflat.max_probes",
                        MAX_PROBES);
            }
            sql = (unprepared(s, a) ? SEMANTIC_LISTS_PLANNED : SEMANTIC_LISTS)
                    .replace("{dim}", Integer.toString(vector.length));
        }
        java.util.function.Consumer<Query> binds = q -> {
            q.bind("v", new PGvector(vector)).bind("max", maxDistance);
            if (sql.equals(SEMANTIC_CODES)) {
                q.bind("n", Math.max(RERANK, k));
            }
        };
        return new Companion(sql, binds, t -> {
            Query q = window(t.createQuery(spanned(rows != null ? withRows(sql) : sql, s, a)), s, a)
                    .bind("k", k);
            binds.accept(q);
            return q.map((rs, ctx) -> {
                        Key key = new Key(rs.getString(1), rs.getString(2));
                        keep(rows, key, rs);
                        return key;
                    })
                    .list();
        });
    }

    /** Sets settings (name, value, ...) for the transaction or the session, in one statement: one round trip. */
    private static void settings(Handle h, boolean local, Object... nameValues) {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < nameValues.length; i += 2) {
            sql.append(i == 0 ? "" : ", ")
                    .append("set_config('")
                    .append(nameValues[i])
                    .append("', '")
                    .append(nameValues[i + 1])
                    .append("', ")
                    .append(local)
                    .append(") as s")
                    .append(i);
        }
        h.createQuery(sql.toString()).mapToMap().list();
    }

    /**
     * The IVFFlat lists read per search: 5 of 1,000. At a million messages 10 measured recall@10 0.99 at 30 days and
     * over all time (the exact top 10 among the 40 re-ranked candidates), 30 1.00 at three times the cost; reading the
     * lists is most of the statement (at 30 days 8 of its 9.5 ms before the first row, ~1,000 index pages, then ~800
     * rows checked against the window in 1.4 ms). 20 queries in psql at 1 M (load 12-17, alternating): 30 days recall
     * 1.000 with 3, 5 and 10, server time p50 / p95 7.4 / 12.3 ms with 5 against 18.3 / 34.0 with 10 (2: 11.4 / 22.4,
     * the iterative scan reading more lists to fill the window); all time 0.985 with 5 against 1.000 with 10, 6.3 /
     * 14.8 against 14.1 / 23.7 ms.
     */
    static final int PROBES = 5;

    /**
     * How many lists the iterative scan may read when the window's filter leaves too few candidates in the first
     * {@link #PROBES} (a window holding a few percent of the messages): a tenth of 1,000.
     */
    static final int MAX_PROBES = 100;

    /**
     * The IVFFlat settings search reads, as a connection's startup options ({@link Database#connect} gives them to
     * every connection): {@link #PROBES} lists, the iterative scan, at most {@link #MAX_PROBES} lists.
     */
    static final String LIST_OPTIONS = "-c ivfflat.probes=" + PROBES + " -c ivfflat.iterative_scan=relaxed_order"
            + " -c ivfflat.max_probes=" + MAX_PROBES;

    /**
     * The window's conditions as {@link #SEMANTIC_LISTS} writes them: its time as an expression no index gives. With
     * {@code posted_at} in time order on disk (as ingestion stores it: correlation 1), the generic plan of a prepared
     * window (from its sixth run, estimating ~5,000 rows for any range) read the month from {@code messages_posted_at}
     * and sorted it, 43,200 rows at a million messages: 30 days p50 213 ms instead of ~20 (bench search on time-ordered
     * data); the window's filter belongs on the lists as they are read.
     */
    private static final String WINDOW_UNINDEXED_TIME = replaceOnce(
            WINDOW,
            "posted_at >= :since and posted_at < :until",
            "posted_at + interval '0 seconds' >= :since and posted_at + interval '0 seconds' < :until");

    /** {@code text} with {@code target} replaced; fails at class load when a statement this rewrites has changed. */
    private static String replaceOnce(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("the statement this rewrites no longer holds: " + target);
        }
        return text.replace(target, replacement);
    }

    /**
     * The k nearest messages of the window from {@code messages_embedding_ivf} (the window's filter applied as the
     * lists are read, more lists read while too few pass it), re-ranked by the exact distance of the full-precision
     * embedding: the index orders by the halfvec's distance.
     */
    private static final String SEMANTIC_LISTS = """
            with nearest as materialized (
              select channel_id, ts, embedding <=> :v as distance from messages
               where embedding is not null""" + WINDOW_UNINDEXED_TIME + """
               order by cast(embedding as halfvec({dim})) <=> cast(cast(:v as vector) as halfvec({dim}))
               limit :k)
            select channel_id, ts from nearest where distance < :max order by distance""";

    /**
     * {@link #SEMANTIC_LISTS} for a statement sent unprepared ({@link #unprepared}), planned for its own values: its
     * time as the window writes it, so that the planner counts the window's rows from {@code posted_at}'s statistics.
     * The unindexed expression is there for the generic plan of a prepared window; planned for its values, it was
     * taken for 0.5 % of the table, and with a channel's share and the attributes' (V18) the planner expected a few
     * hundred of a channel's 50,000 messages over all time and sorted all 50,000 read from {@code
     * messages_channel_posted_at} (1 M messages, 20 channels, psql: 500-850 ms, 49,000 buffers) instead of reading
     * the IVFFlat lists until 40 pass: 15.7 ms over all time, 9.5 ms over 400 days.
     */
    private static final String SEMANTIC_LISTS_PLANNED = SEMANTIC_LISTS.replace(WINDOW_UNINDEXED_TIME, WINDOW);

    /**
     * Windows of more than {@link #EXACT_WINDOW} and at most this many messages (a week at one a minute is ~10,000) are
     * ranked from {@code message_codes} (V11): the window's binary codes in time order from its index, sorted by
     * Hamming distance to the query's code, the closest {@link #RERANK} re-ranked by the exact distance of their
     * embeddings. Its cost grows with the window, the IVFFlat scan's shrinks as the window grows (fewer rows checked
     * against it a candidate kept): at a million messages on 2 cores at load 30 (psql, 8 queries, p50), 7 days took 41
     * ms this way, 143 ms from the IVFFlat index and 270 ms sorted exactly; 30 days 127 ms this way, 64 ms from the
     * IVFFlat index. Recall@10 against the exact sort was 1.00 for both, re-ranking 100, 200 or 400.
     */
    static final int CODES_WINDOW = 20_000;

    /** How many of the window's messages closest by binary code are re-ranked by the exact distance. */
    static final int RERANK = 200;

    /**
     * The k nearest messages of the window: the {@code :n} closest by binary code (an index-only scan of {@code
     * message_codes_window} over the window), then by the exact distance of their embeddings, read by key. The query's
     * code is an InitPlan ({@code (select ...)}): the statement is prepared, and the generic plan PostgreSQL may take
     * from its sixth run computed {@code binary_quantize} of the query again for each of the window's codes (7 days
     * at 1 M, psql, {@code plan_cache_mode = force_generic_plan}: 20-24 ms, 2.6-6.7 with the InitPlan, 2.4 custom).
     */
    private static final String SEMANTIC_CODES = """
            with coded as materialized (
              select channel_id, ts from message_codes
               where true""" + WINDOW_KEYS + """
               order by code <~> (select binary_quantize(cast(:v as vector)))
               limit :n),
            nearest as materialized (
              select m.channel_id, m.ts, m.embedding <=> :v as distance
                from coded join messages m using (channel_id, ts)
               where m.embedding is not null""" + WINDOW_ATTRS + """
               order by distance
               limit :k)
            select channel_id, ts from nearest where distance < :max order by distance""";

    private static final String NEAREST = """
            with nearest as materialized (
              select channel_id, ts, embedding <=> :v as distance from messages
               where embedding is not null""" + WINDOW + """
               order by {order}
               limit :k)
            select channel_id, ts from nearest where distance < :max order by distance""";

    /** The window sorted by distance itself ({@code + 0}: an order no index gives, should one be made again). */
    private static final String SEMANTIC_EXACT = NEAREST.replace("{order}", "(embedding <=> :v) + 0");

    private static OffsetDateTime utc(java.time.Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /**
     * The query plans of both rankings, to check they use the indexes; the semantic one as a window longer than
     * {@link #CODES_WINDOW} reads it: from the IVFFlat index when there is one, else from the binary codes.
     */
    public String explain(Search s, float[] vector) {
        return db.inTransaction(h -> {
            String lexical = String.join(
                    "\n",
                    window(
                                    h.createQuery("explain "
                                            + LEXICAL_ALL.replace(
                                                    "{recent}", RECENT_INDEXED.replace("{match}", ALL_WORDS))),
                                    s,
                                    Audience.ANYONE)
                            .bind("text", s.text())
                            .bind("k", 20)
                            .bind("pool", POOL)
                            .mapTo(String.class)
                            .list());
            boolean lists =
                    h.createQuery(STATS).map((rs, ctx) -> rs.getBoolean(7)).one();
            String sql =
                    lists ? SEMANTIC_LISTS_PLANNED.replace("{dim}", Integer.toString(vector.length)) : SEMANTIC_CODES;
            Query q = window(h.createQuery("explain " + sql), s, Audience.ANYONE)
                    .bind("v", new PGvector(vector))
                    .bind("k", 20)
                    .bind("max", maxDistance);
            if (!lists) {
                q.bind("n", RERANK);
            }
            String semantic = String.join("\n", q.mapTo(String.class).list());
            return lexical + "\n---\n" + semantic;
        });
    }
}
