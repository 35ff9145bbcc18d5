package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.SearchCut;
import dev.ratchet.core.storage.StoredMessages;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message search measured on a realistic history (issue 19): an ops team's six weeks in six channels
 * ({@code search/history/history-*.txt}: 521 messages in 157 threads, alerts from several tools with near-duplicate
 * repeats, triage in threads, deploys, questions and answers, chatter) and 90 queries typed as people type them
 * (typos, paraphrases, words the messages do not use, a few with nothing related), each with the threads relevant to
 * it judged by hand before any tuning ({@code tuning.tsv}, 60; {@code heldout.tsv}, 30: every third query, scored only
 * with {@code -Dratchet.relevance.heldout=true}, and its misses never printed); held-out part 2 ({@code heldout2.tsv}, 54
 * queries written later and blind to the code, HELDOUT2.md) only with {@code -Dratchet.relevance.heldout2=true}, its
 * misses never printed either; so held-out part 3 ({@code heldout3.tsv}, 61 queries, HELDOUT3.md) with {@code
 * -Dratchet.relevance.heldout3=true}.
 *
 * <p>Relevance is judged per thread: a thread (a top-level message and its replies) is relevant to a query when it is
 * the conversation the query looks for (the event, the question answered, the discussion). A hit is relevant when its
 * message belongs to a relevant thread that no earlier hit of the same query already showed: a second reply of one
 * thread tells the reader nothing new, so it counts as returned but not relevant. precision@5 is relevant hits over
 * hits returned (summed over the queries, so a query with nothing related costs precision for every hit it returns);
 * recall@5 is the relevant threads found in the first five over {@code min(5, relevant threads)}, summed; MRR is the
 * mean over queries with a relevant thread of 1 / the rank of the first relevant hit (0 when none in the five).
 *
 * <p>Searches go through {@link MessageService#search} as modules and the API call it (the local embedding model, the
 * default floor), over the whole history, bots' posts included (alerts are half of an ops history).
 */
@ExtendWith(RatchetDatabaseExtension.class)
class MessageSearchRelevanceTest {

    /**
     * Floors at the figures measured on the tuning queries with one hit per thread (HybridSearch): precision@5 0.30
     * (87/288), recall@5 0.93 (87/94), MRR 0.89 (0.892); held out 0.26 (37/145) / 0.80 (37/46) / 0.93. Before it
     * (a thread's replies as hits of their own): 0.28 (82/294) / 0.87 (82/94) / 0.89, held out 0.25 (37/146) / 0.80 /
     * 0.93. Losing ground fails.
     *
     * <p>By default the issue's precision@5 of 0.8 is not reached. A ranker that fills the five places cannot pass 0.31 here: the
     * tuning queries have 94 relevant threads (at most five counted per query; 33 queries have one, 3 none) for 300
     * places, the held-out ones 46 for 150. Only a relevance cut returning fewer hits (about 1.8 a query at recall 0.9)
     * gets there; an oracle choosing each query's cut over this ranking would give 0.89 (85/96). No cut measured on
     * what a hit carries does: dropping semantic-only hits farther than 0.28 or than the best distance + 0.1, with or
     * without the lexical-only ones, gave 0.43-0.46 at recall 0.91-0.93 here but cost {@code SearchRelevanceTest}
     * recall 0.85 -> 0.65-0.78 (its relevant paraphrases lie as far from their queries, 0.17-0.34, as the wrong
     * threads' messages here, 0.15-0.35); the best cut keeping that test's figures (semantic-only hits from the first
     * four threads of the semantic ranking) gave 0.35 / 0.90 and was not taken. A thread-grouped ranking measured on
     * branch i19-msg (0.45 / 0.94 tuning, 0.39 / 0.78 held out) was not taken either: it lowered
     * {@code SearchRelevanceTest}'s recall.
     *
     * <p>The relevance cut ({@code search.relevance-cut=on}, SearchCut: a logistic model of a hit's evidence, fitted
     * leave-one-query-out on these tuning queries and {@code SearchRelevanceTest}'s together) is such a cut: see the
     * CUT_ floors. It is off by default because it costs {@code SearchRelevanceTest} recall 0.85 -> 0.58 (precision
     * 0.55 -> 0.96), and no threshold of the models tried kept that recall with a cut worth having.
     *
     * <p>The lexical ranking taken per thread (branch msg19: tuning 0.32 (91/287) / 0.97 / 0.94) raised these floors
     * to 0.31 / 0.96 / 0.93 and was then taken out for its cost (twice the database's CPU a search; see the note in
     * HybridSearch), so they are back at the fused ranking's figures.
     */
    static final double PRECISION_FLOOR = 0.30;

    static final double RECALL_FLOOR = 0.92;
    static final double MRR_FLOOR = 0.89;

    /**
     * Floors at the figures measured with the relevance cut on (SearchCut: distance, gap to the best candidate, the
     * query's words the thread lacks, the margin over the next thread's hit, the distance to the thread's mean
     * embedding; twice the limit's threads weighed, the first five kept are the hits): tuning precision@5 0.81 (82/101),
     * recall@5 0.87 (82/94), MRR 0.91, 1 hit for the three queries with nothing related (15 without the cut);
     * leave-one-query-out (the model fitted without the query scored) 0.80 (82/103) / 0.87 / 0.91. Held out (scored
     * once, after the fit): 0.69 (35/51) / 0.76 (35/46) / 0.96, 3 hits for its queries with nothing related. The previous model
     * (distance, gap, words; the first five threads) gave 0.69 (85/123) / 0.90 / 0.89, held out 0.51 (35/68) / 0.76
     * (35/46) / 0.94. The issue's 0.8 is reached at recall 0.87, not 0.9: see SearchCut.
     *
     * <p>With V16's search_text (CamelCase names split, a few ops synonyms; the model refitted on it): tuning 0.81
     * (83/102) / 0.88 / 0.91, leave-one-query-out 0.80 (82/102) / 0.87, unchanged; held out (scored once, branch
     * msgsrch) 0.74 (37/50) / 0.80 (37/46) / 0.96, and without the cut 0.27 (39/144) / 0.85 (39/46) / 0.96. Floors
     * unchanged.
     *
     * <p>Scored again on branch msgsrch2 (same model, before trying further features in SearchCutExperiment, none
     * taken): tuning 0.80 (82/102) / 0.87 (82/94) / 0.90; held out 0.74 (37/50) / 0.80 (37/46) / 0.96; held-out part 2
     * (its third score, aggregate only) 0.77 (72/94) / 0.78 (72/92) / 0.94, without the cut 0.33 (80/246) / 0.87.
     *
     * <p>The lexical ranking taken per thread (branch msg19, not kept: see HybridSearch) raised tuning with the cut to
     * 0.82 (83/101) / 0.88 (83/94) / 0.91 but held-out parts 1 and 2 lost precision by two and one hits.
     *
     * <p>2026-12-06, late: the same code that scored 0.80 (82/102) in the day's earlier CI runs scores 0.796 (82/103)
     * on the session's fresh machine (an AMD EPYC without AVX-512; pgvector built there from source by
     * provision-db.sh), every run alike (a fresh clone's CI and five runs here, the session's starting commit 2b63d048
     * included): one more hit kept by the cut, the relevant hits unchanged. Nothing in the search reads the clock. The
     * floor is one hit below the figure (0.79) so that a machine does not fail on it.
     *
     * <p>The cause (branch searchcut, 2026-12-07): the embedding model's vectors, not pgvector. ONNX Runtime picks its
     * kernels by the CPU's instruction set, and in the quantised model (activations quantised again before each layer's
     * matrix product) a last-bit float difference can move a value to the next quantisation step: of the 556 distinct
     * texts (messages and tuning queries), 202 embed otherwise without AVX-512 (run under valgrind, which shows
     * programs no AVX-512, on an AVX-512 VNNI EPYC), by up to 0.0023 in cosine (a component by up to 0.018); ONNX
     * Runtime's {@code session.x64quantprecision} (U8U8 products instead of U8S8) changes none of them. With those
     * vectors ({@code CutVectorsExperiment}) the cut scores 82/103, as on the AVX2 machine; with the AVX-512 machine's,
     * 82/102; runs on one machine are bit-identical. The hit kept without AVX-512: t04 for "too many time series"
     * (nothing relevant). Its own distance is the same (0.330866), but h07.1's moves from 0.33798 to 0.32999, ahead of
     * it, so t04 is the fifth hit read instead of the third and the next thread's is a26.1 (0.4700) instead of b12.2
     * (0.4242): margin 0.093 -> 0.139, probability 0.240 -> 0.3225, over the threshold (0.32) by 0.0025. Not pgvector's
     * rounding: its distances differ from the same vectors' in double by 5e-8 at most (four hits checked), and the hit
     * nearest the threshold on the AVX-512 machine (d31.1 for "who is the new person on payments", p 0.309, 0.050 below
     * in log-odds) would need its distance moved by about 0.003. Not a tie: the fused order's ties are broken by ts,
     * which is unique. So the figure depends on the CPU, 0.804 with AVX-512 and 0.796 without, and the floor stays at
     * 0.79: the AVX2 figure with no hit to spare.
     */
    static final double CUT_PRECISION_FLOOR = 0.79;

    static final double CUT_RECALL_FLOOR = 0.87;
    static final double CUT_MRR_FLOOR = 0.90;

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS);
    static final Instant START = NOW.minus(43, ChronoUnit.DAYS);
    static final boolean debug = Boolean.getBoolean("ratchet.relevance.debug");
    static final AtomicReference<ModuleContext> ctx = new AtomicReference<>();
    static Ratchet ratchet;
    static MessageService messages;
    /** The same messages searched with the relevance cut on ({@code search.relevance-cut}, see SearchCut). */
    static MessageService cut;
    /** The thread id of each stored message, by channel/ts. */
    static final Map<String, String> threadOf = new HashMap<>();
    /** The message id (a01, a01.1, ...) of each stored message, by channel/ts. */
    static final Map<String, String> idOf = new HashMap<>();

    static final Map<String, String> textById = new LinkedHashMap<>();

    record Query(String text, Set<String> relevant) {}

    record Score(
            int queries,
            int returned,
            int relevantReturned,
            int relevantTotal,
            double reciprocalRanks,
            int answerable,
            int noise,
            List<String> lines) {
        double precision() {
            return returned == 0 ? 1.0 : (double) relevantReturned / returned;
        }

        double recall() {
            return relevantTotal == 0 ? 1.0 : (double) relevantReturned / relevantTotal;
        }

        double mrr() {
            return answerable == 0 ? 0 : reciprocalRanks / answerable;
        }

        String row(String part) {
            return String.format(
                    "| %-8s | %3d | %5.2f (%d/%d) | %5.2f (%d/%d) | %5.2f | %5d |",
                    part,
                    queries,
                    precision(),
                    relevantReturned,
                    returned,
                    recall(),
                    relevantReturned,
                    relevantTotal,
                    mrr(),
                    noise);
        }
    }

    static final class Searcher implements RatchetModule {
        @Override
        public String id() {
            return "searcher";
        }

        @Override
        public void start(ModuleContext context) {
            ctx.set(context);
        }
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                        MessageSearchRelevanceTest.class.getResourceAsStream(resource), resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    @BeforeAll
    static void start(TestDatabase db) throws IOException {
        ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off")),
                ModuleRegistry.of(List.of(new Searcher())).enable(List.of(), List.of()),
                Clock.systemUTC());
        messages = ctx.get().messages();
        MessageRepository repo = ratchet.storage().messages();
        record Stored(String channel, String ts, String parent, String id, String thread, Map<String, Object> attrs) {}
        List<Stored> stored = new ArrayList<>();
        for (int part = 1; part <= 4; part++) {
            String channel = null, thread = null, rootTs = null;
            long at = 0;
            int reply = 0;
            for (String line : lines("/search/history/history-" + part + ".txt")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("== ")) {
                    String[] f = line.substring(3).trim().split("\\s+");
                    thread = f[0];
                    channel = "C-" + f[1].toUpperCase();
                    String[] hm = f[3].split(":");
                    at = START.plus(Integer.parseInt(f[2]), ChronoUnit.DAYS)
                            .plus(Integer.parseInt(hm[0]), ChronoUnit.HOURS)
                            .plus(Integer.parseInt(hm[1]), ChronoUnit.MINUTES)
                            .getEpochSecond();
                    reply = -1;
                    rootTs = null;
                    continue;
                }
                int colon = line.indexOf(": ");
                String author = line.substring(0, colon);
                String text = line.substring(colon + 2);
                reply++;
                // replies a few minutes apart, varying; a distinct microsecond part keeps every ts unique
                at += reply == 0 ? 0 : 60 + (reply * 53L + stored.size()) % 240;
                String ts = at + String.format(".%06d", stored.size());
                String id = reply == 0 ? thread : thread + "." + reply;
                Map<String, Object> attrs = new HashMap<>();
                attrs.put("text", text);
                if (author.startsWith("bot:")) {
                    attrs.put("bot_id", "B-" + author.substring(4).toUpperCase());
                    attrs.put("username", author.substring(4));
                } else {
                    attrs.put("user", "U-" + author.toUpperCase());
                }
                if (reply == 0) {
                    rootTs = ts;
                } else {
                    attrs.put("thread_ts", rootTs);
                }
                stored.add(new Stored(channel, ts, reply == 0 ? null : rootTs, id, thread, attrs));
                textById.put(id, text);
            }
        }
        ratchet.storage().transaction(() -> {
            for (Stored s : stored) {
                repo.upsert("T1", s.channel(), s.ts(), s.parent(), s.attrs());
                threadOf.put(s.channel() + "/" + s.ts(), s.thread());
                idOf.put(s.channel() + "/" + s.ts(), s.id());
            }
            return null;
        });
        List<float[]> vectors = new LocalEmbedder()
                .embed(stored.stream().map(s -> (String) s.attrs().get("text")).toList());
        for (int i = 0; i < stored.size(); i++) {
            messages.setEmbedding(stored.get(i).channel(), stored.get(i).ts(), vectors.get(i));
        }
        TestSql.of(ratchet).execute("vacuum analyze messages");
        LocalEmbedder queries = new LocalEmbedder();
        cut = new StoredMessages(
                db.database(),
                repo,
                "searcher",
                text -> Optional.of(queries.embed(List.of(text)).get(0)),
                vectors.get(0).length,
                HybridSearch.DEFAULT_MAX_DISTANCE,
                false,
                SearchCut.THRESHOLD);
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    static List<Query> queries(String name) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (String line : lines("/search/history/" + name)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", 2);
            queries.add(new Query(f[1], f[0].equals("-") ? Set.of() : Set.of(f[0].split(" "))));
        }
        return queries;
    }

    static Search search(String text) {
        return new Search(text, null, List.of(), START, NOW.plus(1, ChronoUnit.DAYS), 5, true);
    }

    static Score score(List<Query> queries) {
        return score(queries, messages);
    }

    static Score score(List<Query> queries, MessageService messages) {
        int returned = 0, relevantReturned = 0, relevantTotal = 0, answerable = 0, noise = 0;
        double rr = 0;
        List<String> lines = new ArrayList<>();
        for (Query q : queries) {
            List<SearchHit> hits = messages.search(search(q.text()));
            Set<String> seen = new HashSet<>();
            int first = 0, found = 0;
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < hits.size() && i < 5; i++) {
                SearchHit h = hits.get(i);
                String key = h.message().channelId() + "/" + h.message().ts();
                String thread = threadOf.get(key);
                boolean relevant = q.relevant().contains(thread) && seen.add(thread);
                returned++;
                if (relevant) {
                    found++;
                    if (first == 0) {
                        first = i + 1;
                    }
                }
                shown.add((relevant ? "+" : "-")
                        + idOf.get(key)
                        + (h.lexicalRank() > 0 ? "L" : "")
                        + (h.semanticRank() > 0 ? "S" : ""));
            }
            relevantReturned += found;
            relevantTotal += Math.min(5, q.relevant().size());
            if (q.relevant().isEmpty()) {
                noise += hits.size();
            } else {
                answerable++;
                rr += first == 0 ? 0 : 1.0 / first;
            }
            if (debug || found < Math.min(5, q.relevant().size()) || found < hits.size()) {
                lines.add(String.format("%-55s relevant %-22s hits %s", q.text(), q.relevant(), shown));
            }
        }
        return new Score(queries.size(), returned, relevantReturned, relevantTotal, rr, answerable, noise, lines);
    }

    /** Scores the tuning queries (and the held-out ones when asked) searched by {@code service}; prints the table. */
    static Score measure(String title, MessageService service) throws IOException {
        List<Map.Entry<String, Score>> parts = new ArrayList<>();
        parts.add(Map.entry("tuning", score(queries("tuning.tsv"), service)));
        if (Boolean.getBoolean("ratchet.relevance.heldout")) {
            parts.add(Map.entry("held-out", score(queries("heldout.tsv"), service)));
        }
        if (Boolean.getBoolean("ratchet.relevance.heldout2")) {
            // written blind to the search code (HELDOUT2.md) while the tuning queries were tuned on; misses never shown
            parts.add(Map.entry("held-out 2", score(queries("heldout2.tsv"), service)));
        }
        if (Boolean.getBoolean("ratchet.relevance.heldout3")) {
            // written blind to the search code (HELDOUT3.md) while the tuning queries were tuned on again; misses never
            // shown
            parts.add(Map.entry("held-out 3", score(queries("heldout3.tsv"), service)));
        }
        StringBuilder table = new StringBuilder("\n" + title
                + "\n| part     |   n | precision@5    | recall@5       | MRR   | noise |\n"
                + "|----------|-----|----------------|----------------|-------|-------|\n");
        for (Map.Entry<String, Score> p : parts) {
            table.append(p.getValue().row(p.getKey())).append('\n');
        }
        table.append("(noise: hits for the queries with nothing related)\n");
        // the held-out part's misses are not shown: looking at them would be tuning on it
        for (String line : parts.get(0).getValue().lines()) {
            table.append("  tuning: ").append(line).append('\n');
        }
        System.out.println(table);
        Score tuning = parts.get(0).getValue();
        assertThat(tuning.queries()).isGreaterThanOrEqualTo(60);
        return tuning;
    }

    @Test
    void message_search_finds_the_threads_people_look_for() throws IOException {
        assertThat(threadOf).hasSizeGreaterThanOrEqualTo(500);
        Score tuning = measure("message search (default: no relevance cut)", messages);
        String table = tuning.row("tuning");
        assertThat(tuning.precision()).as(table).isGreaterThanOrEqualTo(PRECISION_FLOOR);
        assertThat(tuning.recall()).as(table).isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(tuning.mrr()).as(table).isGreaterThanOrEqualTo(MRR_FLOOR);
    }

    @Test
    void the_relevance_cut_leaves_out_most_unrelated_threads() throws IOException {
        Score tuning = measure("message search with search.relevance-cut=on", cut);
        String table = tuning.row("tuning");
        assertThat(tuning.precision()).as(table).isGreaterThanOrEqualTo(CUT_PRECISION_FLOOR);
        assertThat(tuning.recall()).as(table).isGreaterThanOrEqualTo(CUT_RECALL_FLOOR);
        assertThat(tuning.mrr()).as(table).isGreaterThanOrEqualTo(CUT_MRR_FLOOR);
    }
}
