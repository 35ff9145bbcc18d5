package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGvector;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.SearchCut;
import dev.ratchet.core.storage.SearchSettings;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The semantic ranking's relevance floor and the lexical ranking's rule, measured on the labelled fixture
 * {@code search/relevance.json} (ops and help-channel messages, near-misses among them, and queries with the messages
 * relevant to them). Prints the cosine distance distribution of relevant and irrelevant query/message pairs,
 * precision/recall@5 of the fused ranking for several floors and for several lexical rules; holds the default's figures
 * above what was measured, with a margin.
 *
 * <p>Measured with bge-small-en-v1.5-q (20 queries x 62 messages): relevant pairs p50 0.26, p90 0.37, max 0.44;
 * irrelevant pairs min 0.27, p10 0.39, p50 0.47. With the lexical ranking of the messages having the most of the
 * query's words, precision/recall@5: no floor 0.36/0.90 (15 hits for the three queries with no related message); 0.30
 * 0.71/0.73; 0.35 0.55/0.85 (1 such hit); 0.38 0.41/0.90 (6); 0.40 0.36/0.88; 0.45 and 0.50 as no floor; best + 0.1
 * 0.45/0.73 (15 such hits: when nothing is related the best match is itself noise). 0.35 is the best precision of the
 * floors that keep recall at 0.83 or more, so it is the default. {@code min(0.35, best + 0.1)} measured 0.63/0.75 here
 * and was not taken: it loses recall, and where a message is repeated nearly verbatim (a pasted alert, a re-asked
 * question) the best distance is near 0, and the relative part would then drop every paraphrase from the semantic ranking.
 *
 * <p>Lexical rules at floor 0.35 (the query's words OR-ed, as before: 0.46/0.83): AND, falling back to OR when it finds
 * nothing 0.52/0.85 (when it finds fewer than 2 or 3, as OR); {@code ts_rank_cd} at least 0.5 / 0.7 x the best
 * 0.52/0.88, 0.55/0.85; normalised ({@code |32}) at least 0.1-0.2 0.55/0.78; at least half / two thirds of the query's
 * words 0.52/0.80, 0.55/0.78; the fused score weighted by that share 0.48/0.85; as many words as the best match (taken)
 * 0.55/0.85, and so with the weight too.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class SearchRelevanceTest {

    /**
     * Held for the default floor and lexical rule: the measured figures (precision 0.55, recall 0.85, 1 hit over the three
     * queries with no related message) with a margin (recall: one relevant message fewer).
     */
    static final double PRECISION_FLOOR = 0.50;

    static final double RECALL_FLOOR = 0.82;
    static final int NOISE_CEILING = 2;

    /**
     * The relevance cut ({@code search.relevance-cut=on}, off by default; see SearchCut) measured here: precision@5
     * 0.96 (23/24), recall@5 0.58 (23/40), from 0.55 (34/62) and 0.85 (the previous model, distance, gap and words
     * over the first five hits: 0.79 (26/33) and 0.65): its second to fifth hits are often further messages about the
     * query's problem at the distances of unrelated threads in {@code MessageSearchRelevanceTest} (0.29-0.41, sharing
     * none of its words), which the cut leaves out. Its queries are in the model's fit. Held at the measured figures.
     */
    static final double CUT_PRECISION_FLOOR = 0.95;

    static final double CUT_RECALL_FLOOR = 0.57;

    static final String CHANNEL = "C-REL";
    static final Instant NOW = Instant.now();
    static final AtomicReference<ModuleContext> ctx = new AtomicReference<>();
    static Ratchet ratchet;
    static MessageService messages;
    static MessageRepository repo;
    static final Map<String, String> textById = new LinkedHashMap<>();
    static final Map<String, String> idByTs = new HashMap<>();
    static final List<Query> queries = new ArrayList<>();

    record Query(String text, Set<String> relevant, float[] vector) {}

    record Figures(String rule, int returned, int relevantReturned, int relevantTotal, int noiseOnUnrelatedQueries) {
        double precision() {
            return returned == 0 ? 1.0 : (double) relevantReturned / returned;
        }

        double recall() {
            return relevantTotal == 0 ? 1.0 : (double) relevantReturned / relevantTotal;
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

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start(TestDatabase db) throws IOException {
        ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off")),
                ModuleRegistry.of(List.of(new Searcher())).enable(List.of(), List.of()),
                Clock.systemUTC());
        messages = ctx.get().messages();
        repo = ratchet.storage().messages();
        // SearchCutExperiment starts this fixture again in the same JVM
        textById.clear();
        idByTs.clear();
        queries.clear();
        Map<String, Object> fixture;
        try (InputStream in =
                Objects.requireNonNull(SearchRelevanceTest.class.getResourceAsStream("/search/relevance.json"))) {
            fixture = JsonText.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ((Map<String, Object>) fixture.get("messages")).forEach((id, text) -> textById.put(id, (String) text));
        LocalEmbedder embedder = new LocalEmbedder();
        List<String> ids = new ArrayList<>(textById.keySet());
        List<float[]> vectors = embedder.embed(ids.stream().map(textById::get).toList());
        ratchet.storage().transaction(() -> {
            for (int i = 0; i < ids.size(); i++) {
                String ts = (NOW.getEpochSecond() - 7200 + i * 60L) + ".000000";
                idByTs.put(ts, ids.get(i));
                repo.upsert("T1", CHANNEL, ts, null, Map.of("text", textById.get(ids.get(i)), "user", "U" + (i % 7)));
            }
            return null;
        });
        for (int i = 0; i < ids.size(); i++) {
            messages.setEmbedding(CHANNEL, (NOW.getEpochSecond() - 7200 + i * 60L) + ".000000", vectors.get(i));
        }
        List<Map<String, Object>> qs = (List<Map<String, Object>>) fixture.get("queries");
        List<float[]> qv =
                embedder.embed(qs.stream().map(q -> (String) q.get("query")).toList());
        for (int i = 0; i < qs.size(); i++) {
            queries.add(new Query(
                    (String) qs.get(i).get("query"),
                    Set.copyOf((List<String>) qs.get(i).get("relevant")),
                    qv.get(i)));
        }
        TestSql.of(ratchet).execute("vacuum analyze messages");
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    static Search search(String text) {
        return new Search(text, null, List.of(CHANNEL), NOW.minusSeconds(86400), NOW.plusSeconds(60), 5, false);
    }

    /** Cosine distance from the query to every fixture message, by id. */
    static Map<String, Double> distances(Query q) {
        Map<String, Double> d = new HashMap<>();
        TestSql.of(ratchet)
                .rows(
                        "select ts, embedding <=> ? as distance from messages where channel_id = ?",
                        new PGvector(q.vector()),
                        CHANNEL)
                .forEach(r -> d.put(idByTs.get((String) r.get("ts")), ((Number) r.get("distance")).doubleValue()));
        return d;
    }

    /** Precision and recall@5 of the fused ranking when each query's floor is {@code floor(best distance)}. */
    static Figures measure(String rule, DoubleUnaryOperator floor) {
        int returned = 0, relevantReturned = 0, relevantTotal = 0, noise = 0;
        for (Query q : queries) {
            double best = distances(q).values().stream()
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElse(2);
            double max = Math.min(HybridSearch.NO_FLOOR, floor.applyAsDouble(best));
            List<SearchHit> hits =
                    ratchet.storage().hybridSearch(max).search(search(q.text()), Optional.of(q.vector()));
            for (SearchHit hit : hits) {
                returned++;
                if (q.relevant().contains(idByTs.get(hit.message().ts()))) {
                    relevantReturned++;
                }
            }
            if (q.relevant().isEmpty()) {
                noise += hits.size();
            }
            relevantTotal += Math.min(5, q.relevant().size());
        }
        return new Figures(rule, returned, relevantReturned, relevantTotal, noise);
    }

    static String quantiles(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        StringBuilder s = new StringBuilder(String.format("n=%4d", v.size()));
        for (double p : new double[] {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1}) {
            s.append(String.format("  p%-3d %.3f", (int) (p * 100), v.get((int) Math.round(p * (v.size() - 1)))));
        }
        return s.toString();
    }

    @Test
    void default_floor_raises_precision_over_no_floor_and_keeps_most_of_its_recall() {
        List<Double> relevant = new ArrayList<>();
        List<Double> irrelevant = new ArrayList<>();
        for (Query q : queries) {
            distances(q).forEach((id, d) -> (q.relevant().contains(id) ? relevant : irrelevant).add(d));
        }
        System.out.println("search relevance, semantic arm (cosine distance, bge-small-en-v1.5-q), " + queries.size()
                + " queries x " + textById.size() + " messages");
        System.out.println("  relevant pairs   " + quantiles(relevant));
        System.out.println("  irrelevant pairs " + quantiles(irrelevant));
        List<Figures> rules = List.of(
                measure("none", best -> HybridSearch.NO_FLOOR),
                measure("< 0.25", best -> 0.25),
                measure("< 0.28", best -> 0.28),
                measure("< 0.30", best -> 0.30),
                measure("< 0.32", best -> 0.32),
                measure("< 0.35", best -> 0.35),
                measure("< 0.38", best -> 0.38),
                measure("< 0.40", best -> 0.40),
                measure("< 0.45", best -> 0.45),
                measure("< 0.50", best -> 0.50),
                measure("< best + 0.05", best -> best + 0.05),
                measure("< best + 0.10", best -> best + 0.10),
                measure("< min(0.35, b+0.1)", best -> Math.min(0.35, best + 0.10)));
        for (Query q : queries) {
            Map<String, Double> d = distances(q);
            List<String> got = messages.search(search(q.text())).stream()
                    .map(h -> idByTs.get(h.message().ts())
                            + (h.lexicalRank() > 0 ? "L" : "")
                            + (h.semanticRank() > 0 ? "S" : ""))
                    .toList();
            System.out.printf(
                    "  %-28s best %.3f  relevant %s  hits %s  nearest irrelevant %s%n",
                    q.text(),
                    d.values().stream().mapToDouble(x -> x).min().orElse(2),
                    q.relevant().stream()
                            .map(id -> id + String.format("=%.3f", d.get(id)))
                            .toList(),
                    got,
                    d.entrySet().stream()
                            .filter(e -> !q.relevant().contains(e.getKey()))
                            .sorted(Map.Entry.comparingByValue())
                            .limit(3)
                            .map(e -> e.getKey() + String.format("=%.3f", e.getValue()))
                            .toList());
        }
        System.out.println("  rule             precision@5  recall@5  hits  hits for queries with no related message");
        for (Figures f : rules) {
            System.out.printf(
                    "  %-16s %11.2f  %8.2f  %4d  %d%n",
                    f.rule(), f.precision(), f.recall(), f.returned(), f.noiseOnUnrelatedQueries());
        }
        Figures none = rules.get(0);
        Figures chosen = measure("default", best -> HybridSearch.DEFAULT_MAX_DISTANCE);
        assertThat(chosen.precision())
                .as("precision@5 of the default floor")
                .isGreaterThanOrEqualTo(PRECISION_FLOOR)
                .isGreaterThan(none.precision());
        // no floor finds a few more related paraphrases (0.90), at the price of filling every query's hits with
        // neighbours
        assertThat(chosen.recall()).as("recall@5 of the default floor").isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(chosen.noiseOnUnrelatedQueries())
                .as("hits for the queries with no related message")
                .isLessThanOrEqualTo(NOISE_CEILING)
                .isLessThan(none.noiseOnUnrelatedQueries());
    }

    @Test
    void the_relevance_cut_raises_precision_and_costs_recall_here() {
        int returned = 0, relevantReturned = 0, relevantTotal = 0;
        HybridSearch cut = ratchet.storage().hybridSearch(HybridSearch.DEFAULT_MAX_DISTANCE, SearchCut.THRESHOLD);
        for (Query q : queries) {
            List<SearchHit> hits = cut.search(search(q.text()), HybridSearch.Audience.ANYONE, Optional.of(q.vector()));
            returned += hits.size();
            relevantReturned += (int) hits.stream()
                    .filter(h -> q.relevant().contains(idByTs.get(h.message().ts())))
                    .count();
            relevantTotal += Math.min(5, q.relevant().size());
        }
        Figures figures = new Figures("cut", returned, relevantReturned, relevantTotal, 0);
        System.out.printf(
                "search.relevance-cut=on: precision@5 %.2f (%d/%d), recall@5 %.2f (%d/%d)%n",
                figures.precision(), relevantReturned, returned, figures.recall(), relevantReturned, relevantTotal);
        assertThat(figures.precision()).isGreaterThanOrEqualTo(CUT_PRECISION_FLOOR);
        assertThat(figures.recall()).isGreaterThanOrEqualTo(CUT_RECALL_FLOOR);
    }

    @Test
    void an_unrelated_message_no_longer_appears_for_a_query_that_has_related_ones() {
        Query oom = queries.stream()
                .filter(q -> q.text().equals("pods OOMKilled"))
                .findFirst()
                .orElseThrow();
        String coffee = textById.get("m37"); // "the coffee machine on floor 2 is broken again", at 0.37 from the query
        List<String> unfloored =
                ratchet.storage().hybridSearch().search(search(oom.text()), Optional.of(oom.vector())).stream()
                        .map(h -> h.message().text())
                        .toList();
        List<String> floored = messages.search(search(oom.text())).stream()
                .map(h -> h.message().text())
                .toList();
        assertThat(unfloored)
                .as("without a floor the nearest neighbours fill up the hits")
                .contains(coffee);
        assertThat(floored).doesNotContain(coffee).startsWith(textById.get("m22"));
    }

    @Test
    void a_query_with_no_related_message_returns_only_lexical_matches() {
        for (String text : List.of("terraform state lock", "kubernetes ingress upgrade")) {
            Query q = queries.stream()
                    .filter(x -> x.text().equals(text))
                    .findFirst()
                    .orElseThrow();
            assertThat(q.relevant()).isEmpty();
            assertThat(ratchet.storage().hybridSearch().search(search(q.text()), Optional.of(q.vector())))
                    .as("no floor: the nearest neighbours of '%s'", q.text())
                    .isNotEmpty();
            assertThat(messages.search(search(q.text())))
                    .as("'%s' with the default floor", q.text())
                    .allMatch(h -> h.lexicalRank() > 0);
        }
    }

    @Test
    void a_message_found_by_words_is_kept_however_far_its_meaning() {
        // "the printer ... is out of paper" shares only "paper" with the query and is far from it in meaning
        Search s = search("paper cuts in the budget");
        List<SearchHit> hits = ratchet.storage()
                .hybridSearch(0.05)
                .search(
                        s,
                        Optional.of(new LocalEmbedder().embed(List.of(s.text())).get(0)));
        assertThat(hits).extracting(h -> h.message().text()).containsExactly(textById.get("m41"));
        assertThat(hits.get(0).semanticRank()).isZero();
    }

    @Test
    void max_distance_setting_takes_a_distance_or_off_and_names_itself_when_wrong() {
        assertThat(HybridSearch.maxDistance("0.4")).isEqualTo(0.4);
        assertThat(HybridSearch.maxDistance("off")).isEqualTo(HybridSearch.NO_FLOOR);
        assertThat(HybridSearch.maxDistance("2")).isEqualTo(HybridSearch.NO_FLOOR);
        assertThat(SearchSettings.SEARCH_MAX_DISTANCE.defaultValue()).contains(HybridSearch.DEFAULT_MAX_DISTANCE);
        assertThat(SearchSettings.SEARCH_MAX_DISTANCE.parse("off")).isEqualTo(HybridSearch.NO_FLOOR);
        for (String bad : List.of("0", "-0.1", "2.5", "close")) {
            assertThatThrownBy(() -> SearchSettings.SEARCH_MAX_DISTANCE.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 0 and 2")
                    .hasMessageContaining("off");
            assertThatThrownBy(() -> HybridSearch.maxDistance(bad)).hasMessageContaining("search.max-distance");
        }
    }

    /** A message the query's words OR-ed match: its {@code ts_rank_cd}, normalised ({@code |32}) too, and how many of the query's words it has. */
    record Lexical(String id, double rank, double normalisedRank, int words, int queryWords) {
        boolean allWords() {
            return words == queryWords;
        }

        double coverage() {
            return (double) words / queryWords;
        }
    }

    /** A rule for the lexical ranking: which OR matches it keeps (given the semantic ranking's ids), and whether their weight is their coverage. */
    record LexicalRule(String name, BiFunction<List<Lexical>, List<String>, List<Lexical>> keep, boolean weighted) {
        static LexicalRule keeping(String name, BiPredicate<Lexical, List<Lexical>> keep) {
            return new LexicalRule(
                    name,
                    (lexical, semantic) ->
                            lexical.stream().filter(l -> keep.test(l, lexical)).toList(),
                    false);
        }
    }

    static List<Lexical> anyWord(String text) {
        return TestSql.of(ratchet).rows("""
                        select ts, ts_rank_cd(tsv, q) as rank, ts_rank_cd(tsv, q, 32) as rank32,
                               (select count(*) from unnest(words) as w where w = any(tsvector_to_array(tsv))) as matched, cardinality(words) as word_count
                          from messages, (select cast(replace(cast(plainto_tsquery('english', search_text(?)) as text), '&', '|') as tsquery) as q,
                                                 tsvector_to_array(to_tsvector('english', search_text(?))) as words) as query
                         where channel_id = ? and tsv @@ q
                         order by 2 desc, posted_at desc""", text, text, CHANNEL).stream()
                .map(r -> new Lexical(
                        idByTs.get((String) r.get("ts")),
                        ((Number) r.get("rank")).doubleValue(),
                        ((Number) r.get("rank32")).doubleValue(),
                        ((Number) r.get("matched")).intValue(),
                        ((Number) r.get("word_count")).intValue()))
                .toList();
    }

    static List<String> nearest(Query q, double max) {
        PGvector v = new PGvector(q.vector());
        return TestSql.of(ratchet)
                .strings(
                        "select ts from messages where channel_id = ? and embedding <=> ? < ? order by embedding <=> ? limit 20",
                        CHANNEL,
                        v,
                        max,
                        v)
                .stream()
                .map(idByTs::get)
                .toList();
    }

    /**
     * Precision and recall@5 of a lexical rule fused with the semantic ranking at {@code floor}, the fusion done here as
     * HybridSearch does it (reciprocal rank, k=60, ties to the older message), so that rules HybridSearch does not
     * implement can be measured; the test checks it gives HybridSearch's own figures for the rule HybridSearch uses.
     */
    static Figures measure(LexicalRule rule, double floor) {
        int returned = 0, relevantReturned = 0, relevantTotal = 0, noise = 0;
        for (Query q : queries) {
            List<String> semantic = nearest(q, floor);
            List<Lexical> lexical = rule.keep().apply(anyWord(q.text()), semantic);
            Map<String, Double> score = new HashMap<>();
            for (int i = 0; i < lexical.size(); i++) {
                score.merge(
                        lexical.get(i).id(),
                        (rule.weighted() ? lexical.get(i).coverage() : 1.0) / (60 + i + 1),
                        Double::sum);
            }
            for (int i = 0; i < semantic.size(); i++) {
                score.merge(semantic.get(i), 1.0 / (60 + i + 1), Double::sum);
            }
            List<String> top = score.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(5)
                    .map(Map.Entry::getKey)
                    .toList();
            returned += top.size();
            relevantReturned +=
                    (int) top.stream().filter(q.relevant()::contains).count();
            noise += q.relevant().isEmpty() ? top.size() : 0;
            relevantTotal += Math.min(5, q.relevant().size());
        }
        return new Figures(rule.name(), returned, relevantReturned, relevantTotal, noise);
    }

    @Test
    void lexical_ranking_of_the_most_matched_words_raises_precision_and_keeps_recall() {
        List<LexicalRule> rules = new ArrayList<>(List.of(LexicalRule.keeping("any word (before)", (l, all) -> true)));
        for (int n : new int[] {1, 2, 3}) {
            rules.add(new LexicalRule(
                    "all words, any if < " + n,
                    (lexical, semantic) ->
                            lexical.stream().filter(Lexical::allWords).count() >= n
                                    ? lexical.stream().filter(Lexical::allWords).toList()
                                    : lexical,
                    false));
        }
        for (double f : new double[] {0.3, 0.5, 0.7}) {
            rules.add(LexicalRule.keeping(
                    "rank >= " + f + " x best",
                    (l, all) -> l.rank() >= f * all.get(0).rank()));
        }
        for (double r : new double[] {0.1, 0.15, 0.2}) {
            rules.add(LexicalRule.keeping("rank|32 >= " + r, (l, all) -> l.normalisedRank() >= r));
        }
        for (double c : new double[] {0.5, 0.67}) {
            rules.add(LexicalRule.keeping("words >= " + c + " of query", (l, all) -> l.coverage() >= c));
            rules.add(LexicalRule.keeping("words >= " + c + " x most", (l, all) -> l.words() >= c * most(all)));
        }
        rules.add(new LexicalRule("any word, weight words/query", (lexical, semantic) -> lexical, true));
        rules.add(new LexicalRule(
                "lexical-only: all words",
                (lexical, semantic) -> lexical.stream()
                        .filter(l -> l.allWords() || semantic.contains(l.id()))
                        .toList(),
                false));
        rules.add(new LexicalRule(
                "lexical-only: most words",
                (lexical, semantic) -> lexical.stream()
                        .filter(l -> l.words() == most(lexical) || semantic.contains(l.id()))
                        .toList(),
                false));
        LexicalRule chosen = LexicalRule.keeping("most words (HybridSearch)", (l, all) -> l.words() == most(all));
        rules.add(new LexicalRule("most words, weight words/query", chosen.keep(), true));
        rules.add(chosen);
        System.out.println("search relevance, lexical arm, fused with the semantic arm at < "
                + HybridSearch.DEFAULT_MAX_DISTANCE + " (at < 0.30 / 0.38 / none for the chosen rule)");
        System.out.println(
                "  lexical rule                    precision@5  recall@5  hits  hits for queries with no related message");
        List<Figures> figures = new ArrayList<>();
        for (LexicalRule rule : rules) {
            figures.add(measure(rule, HybridSearch.DEFAULT_MAX_DISTANCE));
        }
        for (double floor : new double[] {0.30, 0.38, HybridSearch.NO_FLOOR}) {
            figures.add(measure(
                    new LexicalRule(chosen.name().replace("HybridSearch", "< " + floor), chosen.keep(), false), floor));
        }
        for (Figures f : figures) {
            System.out.printf(
                    "  %-31s %11.2f  %8.2f  %4d  %d%n",
                    f.rule(), f.precision(), f.recall(), f.returned(), f.noiseOnUnrelatedQueries());
        }
        Figures before = figures.get(0);
        Figures modelled = figures.get(rules.size() - 1);
        Figures real = measure("default", best -> HybridSearch.DEFAULT_MAX_DISTANCE);
        assertThat(List.of(real.returned(), real.relevantReturned(), real.noiseOnUnrelatedQueries()))
                .as("the fusion modelled here gives HybridSearch's own figures")
                .isEqualTo(
                        List.of(modelled.returned(), modelled.relevantReturned(), modelled.noiseOnUnrelatedQueries()));
        assertThat(real.precision()).isGreaterThan(before.precision());
        assertThat(real.recall()).isGreaterThanOrEqualTo(before.recall());
        assertThat(real.noiseOnUnrelatedQueries()).isLessThanOrEqualTo(before.noiseOnUnrelatedQueries());
    }

    static int most(List<Lexical> lexical) {
        return lexical.stream().mapToInt(Lexical::words).max().orElse(0);
    }

    @Test
    void a_message_sharing_one_of_several_words_with_the_query_is_left_out_of_the_lexical_ranking() {
        Query vpn = queries.stream()
                .filter(q -> q.text().equals("vpn access"))
                .findFirst()
                .orElseThrow();
        List<String> hits = messages.search(search(vpn.text())).stream()
                .map(h -> idByTs.get(h.message().ts()))
                .toList();
        // "rotate the aws access keys before friday" shares only "access"; "vpn access for the new contractor?" has
        // both
        assertThat(hits).startsWith("m11").contains("m10").doesNotContain("m60");
    }
}
