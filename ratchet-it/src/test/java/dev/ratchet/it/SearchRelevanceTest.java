package dev.ratchet.it;

import com.pgvector.PGvector;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.config.CoreOptions;
import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.JsonText;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The semantic ranking's relevance floor, measured on the labelled fixture {@code search/relevance.json} (ops and
 * help-channel messages, near-misses among them, and queries with the messages relevant to them). Prints the cosine
 * distance distribution of relevant and irrelevant query/message pairs, and precision/recall@5 of the fused ranking for
 * several floors; holds the default floor's figures above what was measured, with a margin.
 *
 * <p>Measured with bge-small-en-v1.5-q (20 queries x 62 messages): relevant pairs p50 0.26, p90 0.37, max 0.44;
 * irrelevant pairs min 0.27, p10 0.39, p50 0.47. precision/recall@5: no floor 0.33/0.83 (15 hits for the three queries
 * with no related message); 0.30 0.53/0.78; 0.35 0.46/0.83 (1 such hit); 0.40 0.33/0.80; 0.45 and 0.50 as no floor;
 * best + 0.1 0.40/0.80 (15 such hits: when nothing is related the best match is itself noise). 0.35 is the best
 * precision of the rules that keep no-floor recall, so it is the default. {@code min(0.35, best + 0.1)} measured
 * 0.50/0.83 here, but was not taken: where a message is repeated nearly verbatim (a pasted alert, a re-asked question)
 * the best distance is near 0, and the relative part would then drop every paraphrase from the semantic ranking.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class SearchRelevanceTest {

    /**
     * Held for the default floor: the measured figures (precision 0.46, recall 0.83, 1 hit over the three queries with
     * no related message) with a margin. Precision stays modest because the lexical ranking, which the floor never
     * touches, brings in messages sharing one word with the query.
     */
    static final double PRECISION_FLOOR = 0.42;
    static final double RECALL_FLOOR = 0.80;
    static final int NOISE_CEILING = 2;

    static final String CHANNEL = "C-REL";
    static final Instant NOW = Instant.now();
    static final AtomicReference<ModuleContext> ctx = new AtomicReference<>();
    static Ratchet ratchet;
    static MessageService messages;
    static MessageRepository repo;
    static final Map<String, String> textById = new LinkedHashMap<>();
    static final Map<String, String> idByTs = new HashMap<>();
    static final List<Query> queries = new ArrayList<>();

    record Query(String text, Set<String> relevant, float[] vector) {
    }

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
        ratchet = Ratchet.start(db.config(Map.of("llm.url", "off")), ModuleRegistry.of(List.of(new Searcher())).enable(List.of(), List.of()), Clock.systemUTC());
        messages = ctx.get().messages();
        repo = new MessageRepository(ratchet.database());
        Map<String, Object> fixture;
        try (InputStream in = Objects.requireNonNull(SearchRelevanceTest.class.getResourceAsStream("/search/relevance.json"))) {
            fixture = JsonText.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ((Map<String, Object>) fixture.get("messages")).forEach((id, text) -> textById.put(id, (String) text));
        LocalEmbedder embedder = new LocalEmbedder();
        List<String> ids = new ArrayList<>(textById.keySet());
        List<float[]> vectors = embedder.embed(ids.stream().map(textById::get).toList());
        ratchet.database().inTransaction(h -> {
            for (int i = 0; i < ids.size(); i++) {
                String ts = (NOW.getEpochSecond() - 7200 + i * 60L) + ".000000";
                idByTs.put(ts, ids.get(i));
                repo.upsert(h, "T1", CHANNEL, ts, null, Map.of("text", textById.get(ids.get(i)), "user", "U" + (i % 7)));
            }
            return null;
        });
        for (int i = 0; i < ids.size(); i++) {
            messages.setEmbedding(CHANNEL, (NOW.getEpochSecond() - 7200 + i * 60L) + ".000000", vectors.get(i));
        }
        List<Map<String, Object>> qs = (List<Map<String, Object>>) fixture.get("queries");
        List<float[]> qv = embedder.embed(qs.stream().map(q -> (String) q.get("query")).toList());
        for (int i = 0; i < qs.size(); i++) {
            queries.add(new Query((String) qs.get(i).get("query"), Set.copyOf((List<String>) qs.get(i).get("relevant")), qv.get(i)));
        }
        ratchet.database().withHandle(h -> {
            h.execute("vacuum analyze messages");
            return null;
        });
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
        return ratchet.database().withHandle(h -> {
            Map<String, Double> d = new HashMap<>();
            h.createQuery("select ts, embedding <=> :v from messages where channel_id = :c")
                    .bind("v", new PGvector(q.vector())).bind("c", CHANNEL)
                    .map((rs, c) -> d.put(idByTs.get(rs.getString(1)), rs.getDouble(2))).list();
            return d;
        });
    }

    /** Precision and recall@5 of the fused ranking when each query's floor is {@code floor(best distance)}. */
    static Figures measure(String rule, DoubleUnaryOperator floor) {
        int returned = 0, relevantReturned = 0, relevantTotal = 0, noise = 0;
        for (Query q : queries) {
            double best = distances(q).values().stream().mapToDouble(Double::doubleValue).min().orElse(2);
            double max = Math.min(HybridSearch.NO_FLOOR, floor.applyAsDouble(best));
            List<SearchHit> hits = new HybridSearch(ratchet.database(), repo, max).search(search(q.text()), Optional.of(q.vector()));
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
        for (double p : new double[]{0, 0.1, 0.25, 0.5, 0.75, 0.9, 1}) {
            s.append(String.format("  p%-3d %.3f", (int) (p * 100), v.get((int) Math.round(p * (v.size() - 1)))));
        }
        return s.toString();
    }

    @Test
    void default_floor_keeps_recall_and_raises_precision_over_no_floor() {
        List<Double> relevant = new ArrayList<>();
        List<Double> irrelevant = new ArrayList<>();
        for (Query q : queries) {
            distances(q).forEach((id, d) -> (q.relevant().contains(id) ? relevant : irrelevant).add(d));
        }
        System.out.println("search relevance, semantic arm (cosine distance, bge-small-en-v1.5-q), " + queries.size() + " queries x "
                + textById.size() + " messages");
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
            List<String> got = messages.search(search(q.text())).stream().map(h -> idByTs.get(h.message().ts()) + (h.lexicalRank() > 0 ? "L" : "") + (h.semanticRank() > 0 ? "S" : "")).toList();
            System.out.printf("  %-28s best %.3f  relevant %s  hits %s  nearest irrelevant %s%n", q.text(), d.values().stream().mapToDouble(x -> x).min().orElse(2),
                    q.relevant().stream().map(id -> id + String.format("=%.3f", d.get(id))).toList(), got,
                    d.entrySet().stream().filter(e -> !q.relevant().contains(e.getKey())).sorted(Map.Entry.comparingByValue()).limit(3)
                            .map(e -> e.getKey() + String.format("=%.3f", e.getValue())).toList());
        }
        System.out.println("  rule             precision@5  recall@5  hits  hits for queries with no related message");
        for (Figures f : rules) {
            System.out.printf("  %-16s %11.2f  %8.2f  %4d  %d%n", f.rule(), f.precision(), f.recall(), f.returned(), f.noiseOnUnrelatedQueries());
        }
        Figures none = rules.get(0);
        Figures chosen = measure("default", best -> HybridSearch.DEFAULT_MAX_DISTANCE);
        assertThat(chosen.precision()).as("precision@5 of the default floor").isGreaterThanOrEqualTo(PRECISION_FLOOR)
                .isGreaterThan(none.precision());
        assertThat(chosen.recall()).as("recall@5 of the default floor").isGreaterThanOrEqualTo(RECALL_FLOOR)
                .isGreaterThanOrEqualTo(none.recall());
        assertThat(chosen.noiseOnUnrelatedQueries()).as("hits for the queries with no related message")
                .isLessThanOrEqualTo(NOISE_CEILING).isLessThan(none.noiseOnUnrelatedQueries());
    }

    @Test
    void an_unrelated_message_no_longer_appears_for_a_query_that_has_related_ones() {
        Query oom = queries.stream().filter(q -> q.text().equals("pods OOMKilled")).findFirst().orElseThrow();
        String coffee = textById.get("m37"); // "the coffee machine on floor 2 is broken again", at 0.37 from the query
        List<String> unfloored = new HybridSearch(ratchet.database(), repo).search(search(oom.text()), Optional.of(oom.vector()))
                .stream().map(h -> h.message().text()).toList();
        List<String> floored = messages.search(search(oom.text())).stream().map(h -> h.message().text()).toList();
        assertThat(unfloored).as("without a floor the nearest neighbours fill up the hits").contains(coffee);
        assertThat(floored).doesNotContain(coffee).startsWith(textById.get("m22"));
    }

    @Test
    void a_query_with_no_related_message_returns_only_lexical_matches() {
        for (String text : List.of("terraform state lock", "kubernetes ingress upgrade")) {
            Query q = queries.stream().filter(x -> x.text().equals(text)).findFirst().orElseThrow();
            assertThat(q.relevant()).isEmpty();
            assertThat(new HybridSearch(ratchet.database(), repo).search(search(q.text()), Optional.of(q.vector())))
                    .as("no floor: the nearest neighbours of '%s'", q.text()).isNotEmpty();
            assertThat(messages.search(search(q.text()))).as("'%s' with the default floor", q.text())
                    .allMatch(h -> h.lexicalRank() > 0);
        }
    }

    @Test
    void a_message_found_by_words_is_kept_however_far_its_meaning() {
        // "the printer ... is out of paper" shares only "paper" with the query and is far from it in meaning
        Search s = search("paper cuts in the budget");
        List<SearchHit> hits = new HybridSearch(ratchet.database(), repo, 0.05).search(s, Optional.of(new LocalEmbedder().embed(List.of(s.text())).get(0)));
        assertThat(hits).extracting(h -> h.message().text()).containsExactly(textById.get("m41"));
        assertThat(hits.get(0).semanticRank()).isZero();
    }

    @Test
    void max_distance_setting_takes_a_distance_or_off_and_names_itself_when_wrong() {
        assertThat(HybridSearch.maxDistance("0.4")).isEqualTo(0.4);
        assertThat(HybridSearch.maxDistance("off")).isEqualTo(HybridSearch.NO_FLOOR);
        assertThat(HybridSearch.maxDistance("2")).isEqualTo(HybridSearch.NO_FLOOR);
        assertThat(CoreOptions.SEARCH_MAX_DISTANCE.parse(CoreOptions.SEARCH_MAX_DISTANCE.defaultValue().orElseThrow()))
                .isEqualTo(String.valueOf(HybridSearch.DEFAULT_MAX_DISTANCE));
        for (String bad : List.of("0", "-0.1", "2.5", "close")) {
            assertThatThrownBy(() -> CoreOptions.SEARCH_MAX_DISTANCE.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 2").hasMessageContaining("off");
            assertThatThrownBy(() -> HybridSearch.maxDistance(bad)).hasMessageContaining("search.max-distance");
        }
    }
}
