package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.docrag.EmbeddingModelExperiment.Encoder;
import dev.ratchet.module.docrag.EmbeddingModelExperiment.Model;
import dev.ratchet.module.docrag.EmbeddingModelExperiment.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (outside surefire's patterns; run with {@code -Pembedding-models
 * -Dtest=EmbeddingEnsembleExperiment}): pure semantic page ranking by an ensemble of the in-process embedding models
 * (bge-small-en-v1.5-q, e5-small-v2-q, all-MiniLM-L6-v2-q), each run as {@link EmbeddingModelExperiment} runs it, pages
 * by their best chunk's cosine per model, then fused: reciprocal rank fusion (score Σ 1 / (k + rank), k 10 and 60) and
 * z-scored cosine averaging (each model's 23 page cosines z-scored within the question, averaged), over every pair and
 * the three; ties broken by bge. Right page first / in the first three per part and pooled, paired wins/losses against
 * bge alone (questions only one of the two puts right first) with an exact sign test. "I don't know" is left to bge's
 * distance (unchanged), so only the ranking is measured. Parts: DocsIdkExperiment's (tuning, held-out 1-7, 9-11);
 * part 8 only with {@code -Dheldout8=true} (table only), parts 12 and 13 never read. {@code -Dout=} the report file
 * ({@code /tmp/embedding-ensemble.txt}); {@code -Drounds=} rounds of the query-cost timing (3). Two more methods, each
 * run only with its property: {@link #augment} appends the three models' page scores to DocsIdkExperiment's feature
 * cache, {@link #lopo} fits the page ranking with them leave-one-part-out; {@link #heldout8} scores a held-out part
 * with rankings fitted on the 11 parts.
 *
 * <p>Findings (branch ens19, 2026-12-06; deterministic but the timings). Pure semantic ranking, right page first (in
 * three) of 1383 answerable questions in 11 parts; per part first; paired: questions right first only with it / only
 * with bge; part 8 (table only, {@code -Dheldout8=true}) in the last column:
 *
 * <pre>
 * ranking             top-1         top-3  wins/losses  parts +/-  tun ho1 ho2 ho3 ho4  ho5 ho6 ho7 ho9 ho10 ho11 | ho8
 * bge-q (today)       0.795 (1099)  1292        -          -        45  20  33  52  94  173 162 148 135 122  115 | 162/201
 * e5-q                0.855 (1183)  1315     137/53      11/0       49  22  38  54  105 183 177 153 147 129  126 | 170
 * minilm-q            0.834 (1153)  1310     122/68       9/1       46  20  34  51  98  183 168 153 143 126  131 | 174
 * rrf10 bge+e5        0.831 (1149)  1312      61/11      11/0       (rrf60 the same but top-3 1309)               | 167
 * zavg bge+e5         0.854 (1181)  1321      98/16      10/0       50  21  36  52  100 180 175 157 149 131  130 | 170
 * rrf10 bge+minilm    0.826 (1143)  1316      51/7        9/0       (rrf60 the same but top-3 1315)               | 169
 * zavg bge+minilm     0.853 (1180)  1319      99/18      11/0       48  21  35  53  98  182 169 161 146 133  134 | 174
 * rrf10 e5+minilm     0.864 (1195)  1333     121/25      11/0       (rrf60 1196 / 1332)                           | 177
 * zavg e5+minilm      0.867 (1199)  1339     132/32      10/0       49  21  36  52  101 185 174 162 149 133  137 | 175
 * rrf10 all three     0.866 (1198)  1328     111/12      11/0       46  21  35  53  102 184 174 163 151 134  135 | 176
 * rrf60 all three     0.864 (1195)  1327     109/13      11/0                                                     | 176
 * zavg all three      0.870 (1203)  1332     118/14      11/0       49  21  36  53  101 182 175 163 150 135  138 | 175
 * (raw cosine averages: bge+e5 1155, bge+minilm 1180, e5+minilm 1177, all three 1190)
 * </pre>
 *
 * The z-scored average of the three beats bge alone by 7.5 points pooled (0.03 or more in 10 of 11 parts, not part
 * 3), e5 alone by 1.4; RRF of two models is their mean rank (k changes nothing). Query embedding on one core, ms per
 * question as docrag sends it (3 interleaved rounds): bge-q 5.0-5.1, e5-q 5.3-5.4, MiniLM-q 2.0-2.7.
 *
 * <p>Through the real path, the ensemble replacing the search's meaning leg (EnsembleRelevanceExperiment) gains
 * nothing: right first 1248 → 1249-1252 of 1383, in three 1343 → 1331-1340, false IDK 16 → 18-29. As features of the
 * page ranking instead (each candidate page's best-chunk cosine under bge-q (23), e5-q (24), MiniLM-q (25) over the
 * whole page, appended to the shipped five: the best chunk's place, weight, shared, the closest headed sentence, BM25),
 * fitted leave-one-part-out, ranking alone ({@link #lopo}; right first / in three of 1383, wins/losses against the
 * shipped five):
 *
 * <pre>
 * features                      top-1         top-3  wins/losses (p)     tun ho1 ho2 ho3 ho4 ho5 ho6 ho7 ho9 ho10 ho11
 * shipped 0,1,2,3,8             0.903 (1249)  1358     -                 48  21  37  51  108 188 183 169 157 143  144
 * + distance (4) / bge page 23  1249 / 1250   1357   0/0, 1/0            (controls: bge's own cosine adds nothing)
 * + e5 (24)                     0.914 (1264)  1352   23/8  (0.011)       50  22  38  51  108 190 185 171 156 144  149
 * + minilm (25)                 0.910 (1259)  1359   24/14 (0.14)        50  21  36  54  109 191 182 169 157 144  146
 * + bge, e5 (23,24)             0.918 (1270)  1352   29/8  (7.5e-4)      50  22  38  51  110 191 185 171 156 145  151
 * + bge, minilm (23,25)         0.921 (1274)  1359   36/11 (3.5e-4)      49  21  36  54  113 192 184 170 160 146  149
 * + e5, minilm (24,25)          0.920 (1273)  1358   39/15 (1.5e-3)      51  21  36  54  110 193 186 170 159 144  149
 * + all three (23,24,25)        0.927 (1282)  1359   44/11 (8.7e-6)      51  21  37  53  112 193 186 170 158 148  153
 * + zavg all three (26)         0.912 (1261)  1356   26/14 (0.081)
 * + zavg e5+minilm (27)         0.920 (1272)  1357   38/15 (2.2e-3)
 * + ln 1/place in zavg (28)     0.913 (1263)  1353   24/10 (0.024)
 * all three, no sentence (3)    0.918 (1270)  1361   44/23 (0.014)
 * </pre>
 *
 * With "I don't know" as DocsIdkExperiment scores it (evidence model refitted per fold on bge's distances; right first
 * and answered / in three / IDK right of 481 / false IDK): shipped 1241 / 1343 / 108 / 17; + all three 1271 / 1347 /
 * 112 / 16; + bge, minilm 1264 / 1344 / 113 / 18; + bge, e5 1261 / 1338 / 111 / 17; + e5, minilm 1262 / 1344 / 110 /
 * 17 (per part with all three, LOPO: 51, 21, 37, 53, 112, 193, 185, 170, 154, 146, 149 first; in sample, refitted on
 * all 11: 1275 first, IDK right 110, false IDK 14, against 1242 / 119 / 16 for the shipped five refitted the same
 * way). Cost: passages embedded single-thread (EmbeddingModelExperiment, {@code -Dmodels=bge-q,e5-q,minilm-q}, 3
 * interleaved rounds, load 3-4): bge-q 153 sentences/s (133 153 157), e5-q 153 (150 153 156), MiniLM-q 277 (233 277
 * 357); on the reply path the features cost one e5-q and one MiniLM-q query embedding (5.4 + 2.7 ms) and two more stored
 * vectors read per candidate page's chunk. Thirteen sets were compared on the same 11 parts, so the best is picked with a little optimism; part 8 was not
 * scored through the ranking in that round (see the go/no-go below). Commands: {@code ./mvnw -B -ntp -o test -pl ratchet-modules/ratchet-module-docrag -am
 * -Pembedding-models -Dtest=EmbeddingEnsembleExperiment -Dsurefire.failIfNoSpecifiedTests=false
 * -Djapicmp.skip=true -Dratchet.cds.skip=true} (the table; the profile's jars come from Maven Central once, e.g.
 * {@code dependency:get}); then {@code -Dtest=DocsIdkExperiment -Dcache=/tmp/f.tsv} (collects the features),
 * {@code -Pembedding-models -Dtest='EmbeddingEnsembleExperiment#augment' -Daugment=/tmp/f.tsv}, {@code
 * -Dtest='EmbeddingEnsembleExperiment#lopo' -Dlopo=/tmp/f.tsv.ens -Dsets='0,1,2,3,8;0,1,2,3,8,23,24,25'} and {@code
 * -Dtest=DocsIdkExperiment -Dreuse=true -Dcache=/tmp/f.tsv.ens -Drank='0,1,2,3,8;0,1,2,3,8,23,24,25'}.
 *
 * <p>Go/no-go on part 8, 2026-12-06 (branch ens19b). Held-out part 8 (201 answerable, 79 unanswerable questions),
 * scored once through the ranking ({@link #heldout8}), misses not printed, nothing tuned on it: each ranking fitted
 * once on all 11 parts above (tuning, held-out 1-7, 9-11; the features byte-identical to ens19's cache), and the
 * evidence model (the shipped seven features) with its threshold fitted on them over that ranking, as a
 * leave-one-part-out fold fits them; part 8's features collected by the module as shipped, after the 11 parts, into
 * their own file. Right first / in three of 201 (ranking alone); paired: questions right first only with it / only
 * with the shipped five; with "I don't know": right first and answered / in three and answered / IDK right / false
 * IDK:
 *
 * <pre>
 * ranking features            top-1          top-3       wins/losses (p)  with IDK              wins/losses (p)
 * shipped 0,1,2,3,8 (today)   0.930 (187)    0.975 (196)       -          185 / 193 / 16/79 / 3       -
 * + all three (23,24,25)      0.940 (189)    0.970 (195)   3/1 (0.63)     187 / 192 / 17/79 / 3   3/1 (0.63)
 * + bge, minilm (23,25)       0.930 (187)    0.970 (195)   2/2 (1.0)      185 / 192 / 17/79 / 3   2/2 (1.0)
 * </pre>
 *
 * The three models' cosines gain 2 of 201 first (1.0 point against 2.4 by leave-one-part-out; at that rate 6.4 wins
 * and 1.6 losses were expected) and lose one in three; bge and MiniLM gain nothing. The direction holds for the three,
 * the size is halved and within noise (part 8's baseline, 0.930, has less room than the pooled 0.903), so part 8
 * neither confirms nor refutes the gain. The same fits scored in sample on the 11 parts ({@code -Dscore=} the 11-part
 * cache) reproduce the in-sample figures above (with IDK 1242 / 119 / 16 and 1275 / 110 / 14; bge, minilm 1264 / 125
 * / 17; ranking alone 1250 / 1286 / 1274 first of 1383). Part 8 has now been scored once through these rankings (and once before by pure semantic ranking, the table's
 * last column); parts 12 and 13 were neither read nor scored. Commands (each with {@code ./mvnw -B -ntp -o test -pl
 * ratchet-modules/ratchet-module-docrag -am -Dsurefire.failIfNoSpecifiedTests=false -Djapicmp.skip=true
 * -Dratchet.cds.skip=true}): {@code -Dtest=DocsIdkExperiment -Dcache=/tmp/f.tsv -Dheldout8=/tmp/ho8.tsv} (part 8's
 * features, not in the fit), {@code -Pembedding-models -Dtest='EmbeddingEnsembleExperiment#augment'
 * -Daugment=/tmp/f.tsv} and the same with {@code -Daugment=/tmp/ho8.tsv}, then {@code
 * -Dtest='EmbeddingEnsembleExperiment#heldout8' -Dfit=/tmp/f.tsv.ens -Dscore=/tmp/ho8.tsv.ens} (default {@code
 * -Dsets='0,1,2,3,8;0,1,2,3,8,23,24,25;0,1,2,3,8,23,25'}, report in /tmp/ensemble-heldout8.txt).
 */
class EmbeddingEnsembleExperiment {

    static final List<String> MODEL_NAMES = List.of("bge-q", "e5-q", "minilm-q");

    /** One question's page cosines per model ({@code sims[model][page]}). */
    record Q(String part, DocsRelevanceTest.Question question, double[][] sims) {}

    /** A page ranking from a question's per-model cosines: page indices, best first. */
    interface Ranker {
        Integer[] rank(double[][] sims);
    }

    static Integer[] order(double[] score, double[] tie) {
        Integer[] o = new Integer[score.length];
        for (int i = 0; i < o.length; i++) o[i] = i;
        Arrays.sort(o, (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            return c != 0 ? c : Double.compare(tie[b], tie[a]);
        });
        return o;
    }

    static Ranker single(int m) {
        return sims -> order(sims[m], sims[0]);
    }

    static Ranker rrf(int[] models, int k) {
        return sims -> {
            double[] s = new double[sims[0].length];
            for (int m : models) {
                Integer[] o = order(sims[m], sims[0]);
                for (int r = 0; r < o.length; r++) s[o[r]] += 1.0 / (k + r + 1);
            }
            return order(s, sims[0]);
        };
    }

    static double[] z(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0), var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / x.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = sd == 0 ? 0 : (x[i] - mean) / sd;
        return out;
    }

    static Ranker zavg(int[] models) {
        return sims -> {
            double[] s = new double[sims[0].length];
            for (int m : models) {
                double[] zm = z(sims[m]);
                for (int i = 0; i < s.length; i++) s[i] += zm[i];
            }
            return order(s, sims[0]);
        };
    }

    static Ranker rawavg(int[] models) {
        return sims -> {
            double[] s = new double[sims[0].length];
            for (int m : models) for (int i = 0; i < s.length; i++) s[i] += sims[m][i];
            return order(s, sims[0]);
        };
    }

    /** The page cosines of every question of {@code parts} under one model, in the parts' order. */
    static List<double[]> sims(Encoder e, List<Page> pages, Map<String, List<DocsRelevanceTest.Question>> parts)
            throws Exception {
        List<List<float[]>> vectors = new ArrayList<>();
        for (Page p : pages) {
            List<float[]> vs = new ArrayList<>();
            for (String t : p.chunkTexts()) vs.add(e.passage(t));
            vectors.add(vs);
        }
        List<double[]> out = new ArrayList<>();
        for (List<DocsRelevanceTest.Question> qs : parts.values()) {
            for (DocsRelevanceTest.Question q : qs) {
                float[] qv = e.query(OpsVocabulary.expand(q.text())); // as docrag searches
                double[] best = new double[pages.size()];
                for (int i = 0; i < pages.size(); i++) {
                    best[i] = -2;
                    for (float[] v : vectors.get(i)) best[i] = Math.max(best[i], EmbeddingModelExperiment.cos(qv, v));
                }
                out.add(best);
            }
        }
        return out;
    }

    /**
     * With {@code -Daugment=<DocsIdkExperiment's feature cache>}: appends to each candidate page's ranking features the
     * pure semantic page scores (best chunk over the whole page) of the question as docrag sends it: 23 bge-q cosine, 24
     * e5-q cosine, 25 MiniLM-q cosine, 26 the three z-scored over the 23 pages and averaged, 27 the same over e5 and
     * MiniLM, 28 ln(1 / the page's place in 26's order); written to {@code -Daugmented=} (the cache with {@code .ens}
     * appended) for {@code DocsIdkExperiment -Dreuse=true -Dcache=... -Drank=0,1,2,3,8,26}.
     */
    @Test
    void augment() throws Exception {
        String in = System.getProperty("augment");
        org.junit.jupiter.api.Assumptions.assumeTrue(in != null, "-Daugment=<feature cache>");
        List<Page> pages = EmbeddingModelExperiment.pages();
        List<String> lines = Files.readAllLines(Path.of(in));
        List<String> texts = new ArrayList<>();
        for (String line : lines) if (line.startsWith("Q\t")) texts.add(line.split("\t", -1)[4]);
        Map<String, List<DocsRelevanceTest.Question>> one = new LinkedHashMap<>();
        one.put(
                "all",
                texts.stream()
                        .map(t -> new DocsRelevanceTest.Question("-", "-", t))
                        .toList());
        List<List<double[]>> perModel = new ArrayList<>();
        for (String name : MODEL_NAMES) {
            Model m = EmbeddingModelExperiment.MODELS.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            try (Encoder e = new Encoder(m)) {
                perModel.add(sims(e, pages, one));
            }
        }
        Map<String, Integer> pageIndex = new LinkedHashMap<>();
        for (int i = 0; i < pages.size(); i++) pageIndex.put(pages.get(i).name(), i);
        StringBuilder out = new StringBuilder();
        int qi = -1;
        double[] zall = null, zpair = null;
        int[] place = null;
        for (String line : lines) {
            if (line.startsWith("Q\t")) {
                qi++;
                double[][] s = {
                    perModel.get(0).get(qi),
                    perModel.get(1).get(qi),
                    perModel.get(2).get(qi)
                };
                zall = new double[pages.size()];
                zpair = new double[pages.size()];
                for (int m = 0; m < 3; m++) {
                    double[] z = z(s[m]);
                    for (int i = 0; i < z.length; i++) {
                        zall[i] += z[i] / 3;
                        if (m > 0) zpair[i] += z[i] / 2;
                    }
                }
                Integer[] o = order(zall, s[0]);
                place = new int[pages.size()];
                for (int r = 0; r < o.length; r++) place[o[r]] = r + 1;
                out.append(line).append('\n');
                continue;
            }
            String[] f = line.split("\t", -1);
            Integer p = pageIndex.get(f[1]);
            if (p == null) throw new IllegalStateException("no page " + f[1]);
            f[3] = f[3]
                    + String.format(
                            Locale.ROOT,
                            ",%s,%s,%s,%s,%s,%s",
                            perModel.get(0).get(qi)[p],
                            perModel.get(1).get(qi)[p],
                            perModel.get(2).get(qi)[p],
                            zall[p],
                            zpair[p],
                            -Math.log(place[p]));
            out.append(String.join("\t", f)).append('\n');
        }
        Files.writeString(Path.of(System.getProperty("augmented", in + ".ens")), out);
        System.out.printf("augmented %d questions%n", qi + 1);
    }

    /**
     * With {@code -Dlopo=<augmented feature cache>}: the page ranking alone (DocsIdkExperiment's listwise regression,
     * "I don't know" aside) fitted leave-one-part-out on each of {@code -Dsets=} (feature index lists separated by ';',
     * the first the baseline), right page first / in three of the answerable questions per part and pooled, and the
     * questions each set puts right first that the baseline does not, and the reverse (exact sign test).
     */
    @Test
    void lopo() throws Exception {
        String in = System.getProperty("lopo");
        org.junit.jupiter.api.Assumptions.assumeTrue(in != null, "-Dlopo=<augmented feature cache>");
        List<DocsIdkExperiment.Q> qs = DocsIdkExperiment.load(Path.of(in)).stream()
                .filter(DocsIdkExperiment.Q::answerable)
                .toList();
        int parts = DocsIdkExperiment.PARTS.size();
        StringBuilder out =
                new StringBuilder("| ranking features | top-1 | top-3 | vs first set: wins/losses (sign p) |");
        for (String part : DocsIdkExperiment.PARTS)
            out.append(' ').append(part.replace(".tsv", "")).append(" |");
        out.append('\n');
        boolean[] base = null;
        for (String set :
                System.getProperty("sets", "0,1,2,3,8;0,1,2,3,8,23,24,25").split(";")) {
            int[] fs = Arrays.stream(set.split(",")).mapToInt(Integer::parseInt).toArray();
            boolean[] first = new boolean[qs.size()];
            int t1 = 0, t3 = 0;
            int[] partT1 = new int[parts], partN = new int[parts];
            for (int p = 0; p < parts; p++) {
                int pp = p;
                double[] w = DocsIdkExperiment.fitRanking(
                        qs.stream().filter(q -> q.part() != pp).toList(), fs);
                for (int i = 0; i < qs.size(); i++) {
                    DocsIdkExperiment.Q q = qs.get(i);
                    if (q.part() != p) continue;
                    List<DocsIdkExperiment.Cand> shown = DocsIdkExperiment.shown(q, fs, w);
                    partN[p]++;
                    if (!shown.isEmpty() && shown.get(0).gold()) {
                        first[i] = true;
                        t1++;
                        partT1[p]++;
                    }
                    if (shown.stream().limit(3).anyMatch(DocsIdkExperiment.Cand::gold)) t3++;
                }
            }
            if (base == null) base = first;
            int wins = 0, losses = 0;
            for (int i = 0; i < qs.size(); i++) {
                if (first[i] && !base[i]) wins++;
                if (!first[i] && base[i]) losses++;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f (%d/%d) | %.3f (%d) | %d/%d (%.2g) |",
                    set,
                    (double) t1 / qs.size(),
                    t1,
                    qs.size(),
                    (double) t3 / qs.size(),
                    t3,
                    wins,
                    losses,
                    EmbeddingModelExperiment.signTest(wins, losses)));
            for (int p = 0; p < parts; p++) out.append(String.format(" %d/%d |", partT1[p], partN[p]));
            out.append('\n');
        }
        Files.writeString(Path.of(System.getProperty("out", "/tmp/ensemble-lopo.txt")), out);
        System.out.println(out);
    }

    /**
     * With {@code -Dfit=<augmented feature cache of the 11 parts>} and {@code -Dscore=<augmented cache to score>}: each
     * ranking of {@code -Dsets=} (the first the baseline) fitted once on all of {@code -Dfit}'s parts, and the evidence
     * model ({@code -Didk=}, default the shipped 0,1,2,3,38,56,34) with its threshold fitted on them over that ranking,
     * as {@link DocsIdkExperiment#lopo} fits a fold; then {@code -Dscore}'s questions scored with them: right page first
     * / in three (ranking alone), and with "I don't know" right first and answered / in three and answered / IDK right /
     * false IDK, and the questions each set puts right first that the baseline does not, and the reverse (exact sign
     * test). Only totals are printed, never a question. Used once on held-out part 8 (its cache from {@code
     * DocsIdkExperiment -Dheldout8=}); with {@code -Dscore} = {@code -Dfit} it gives the in-sample figures.
     */
    @Test
    void heldout8() throws Exception {
        String fit = System.getProperty("fit"), score = System.getProperty("score");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                fit != null && score != null, "-Dfit=<11-part cache> -Dscore=<cache to score>");
        List<DocsIdkExperiment.Q> train = DocsIdkExperiment.load(Path.of(fit));
        List<DocsIdkExperiment.Q> test = DocsIdkExperiment.load(Path.of(score));
        int[] idk = Arrays.stream(System.getProperty("idk", "0,1,2,3,38,56,34").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        long answerable = test.stream().filter(DocsIdkExperiment.Q::answerable).count();
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "fitted on %s (%d questions), scored %s (%d questions, %d answerable, %d unanswerable)%n",
                fit,
                train.size(),
                score,
                test.size(),
                answerable,
                test.size() - answerable));
        out.append("| ranking features | top-1 | top-3 | wins/losses (sign p) | with IDK: first / three / IDK right /"
                + " false IDK | wins/losses (sign p) |\n");
        boolean[] base = null, baseIdk = null;
        for (String set : System.getProperty("sets", "0,1,2,3,8;0,1,2,3,8,23,24,25;0,1,2,3,8,23,25")
                .split(";")) {
            int[] fs = Arrays.stream(set.split(",")).mapToInt(Integer::parseInt).toArray();
            double[] rw = DocsIdkExperiment.fitRanking(train, fs);
            DocsIdkExperiment.Model model = DocsIdkExperiment.fitIdk(train, fs, rw, idk);
            boolean[] first = new boolean[test.size()], firstIdk = new boolean[test.size()];
            int t1 = 0, t3 = 0, k1 = 0, k3 = 0, idkRight = 0, falseIdk = 0, unanswerable = 0;
            for (int i = 0; i < test.size(); i++) {
                DocsIdkExperiment.Q q = test.get(i);
                List<DocsIdkExperiment.Cand> shown = DocsIdkExperiment.shown(q, fs, rw);
                boolean known = !shown.isEmpty()
                        && q.searchDistance() < DocsIdkExperiment.MAX
                        && (!DocsIdkExperiment.decided(q)
                                || model.logit(shown.get(0).idk(), idk) >= model.threshold());
                if (!q.answerable()) {
                    unanswerable++;
                    if (!known) idkRight++;
                    continue;
                }
                boolean one = !shown.isEmpty() && shown.get(0).gold();
                boolean three = shown.stream().limit(3).anyMatch(DocsIdkExperiment.Cand::gold);
                first[i] = one;
                firstIdk[i] = one && known;
                if (one) t1++;
                if (three) t3++;
                if (!known) falseIdk++;
                if (known && one) k1++;
                if (known && three) k3++;
            }
            if (base == null) {
                base = first;
                baseIdk = firstIdk;
            }
            int w = 0, l = 0, wi = 0, li = 0;
            for (int i = 0; i < test.size(); i++) {
                if (first[i] && !base[i]) w++;
                if (!first[i] && base[i]) l++;
                if (firstIdk[i] && !baseIdk[i]) wi++;
                if (!firstIdk[i] && baseIdk[i]) li++;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f (%d/%d) | %.3f (%d) | %d/%d (%.2g) | %d / %d / %d/%d / %d/%d | %d/%d (%.2g) |%n",
                    set,
                    (double) t1 / answerable,
                    t1,
                    answerable,
                    (double) t3 / answerable,
                    t3,
                    w,
                    l,
                    EmbeddingModelExperiment.signTest(w, l),
                    k1,
                    k3,
                    idkRight,
                    unanswerable,
                    falseIdk,
                    answerable,
                    wi,
                    li,
                    EmbeddingModelExperiment.signTest(wi, li)));
        }
        Files.writeString(Path.of(System.getProperty("out", "/tmp/ensemble-heldout8.txt")), out);
        System.out.println(out);
    }

    @Test
    void measure() throws Exception {
        List<Model> models = new ArrayList<>();
        for (String name : MODEL_NAMES) {
            Model m = EmbeddingModelExperiment.MODELS.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            assertThat(getClass().getClassLoader().getResource(m.onnx()))
                    .as(m.onnx() + " on the class path (-Pembedding-models)")
                    .isNotNull();
            models.add(m);
        }
        List<Page> pages = EmbeddingModelExperiment.pages();
        List<String> partNames = new ArrayList<>(DocsIdkExperiment.PARTS);
        if (Boolean.getBoolean("heldout8")) partNames.add("heldout8.tsv");
        Map<String, List<DocsRelevanceTest.Question>> parts = new LinkedHashMap<>();
        for (String part : partNames) parts.put(part, DocsRelevanceTest.questions(part));

        List<List<double[]>> perModel = new ArrayList<>();
        for (Model m : models) {
            long t0 = System.nanoTime();
            try (Encoder e = new Encoder(m)) {
                perModel.add(sims(e, pages, parts));
            }
            System.out.printf("%s embedded in %d s%n", m.name(), (System.nanoTime() - t0) / 1_000_000_000);
        }
        List<Q> qs = new ArrayList<>();
        int idx = 0;
        for (var p : parts.entrySet()) {
            for (DocsRelevanceTest.Question q : p.getValue()) {
                double[][] s = new double[models.size()][];
                for (int m = 0; m < models.size(); m++) s[m] = perModel.get(m).get(idx);
                qs.add(new Q(p.getKey(), q, s));
                idx++;
            }
        }

        Map<String, Ranker> rankers = new LinkedHashMap<>();
        rankers.put("bge-q", single(0));
        rankers.put("e5-q", single(1));
        rankers.put("minilm-q", single(2));
        int[][] sets = {{0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};
        String[] setNames = {"bge+e5", "bge+minilm", "e5+minilm", "all3"};
        for (int s = 0; s < sets.length; s++) {
            rankers.put("rrf10 " + setNames[s], rrf(sets[s], 10));
            rankers.put("rrf60 " + setNames[s], rrf(sets[s], 60));
            rankers.put("zavg " + setNames[s], zavg(sets[s]));
            rankers.put("rawavg " + setNames[s], rawavg(sets[s]));
        }

        // per ranker: per question right first / in three (answerable only)
        Map<String, boolean[][]> results = new LinkedHashMap<>();
        List<Q> answerable = qs.stream().filter(q -> q.question().answerable()).toList();
        for (var r : rankers.entrySet()) {
            boolean[][] res = new boolean[answerable.size()][2];
            for (int i = 0; i < answerable.size(); i++) {
                Q q = answerable.get(i);
                Integer[] o = r.getValue().rank(q.sims());
                res[i][0] = q.question().right(pages.get(o[0]).name());
                for (int k = 0; k < 3; k++)
                    res[i][1] |= q.question().right(pages.get(o[k]).name());
            }
            results.put(r.getKey(), res);
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "handbook %d pages, %d chunks; %d questions (%d answerable) in parts %s%n",
                pages.size(),
                pages.stream().mapToInt(p -> p.chunkTexts().size()).sum(),
                qs.size(),
                answerable.size(),
                partNames));
        out.append("\n| ranking | top-1 | top-3 | vs bge: wins/losses (sign p) | parts better/worse top-1 |");
        for (String part : partNames)
            out.append(" ").append(part.replace(".tsv", "")).append(" |");
        out.append('\n');
        boolean[][] base = results.get("bge-q");
        for (var r : results.entrySet()) {
            boolean[][] res = r.getValue();
            int t1 = 0, t3 = 0, w = 0, l = 0;
            for (int i = 0; i < res.length; i++) {
                if (res[i][0]) t1++;
                if (res[i][1]) t3++;
                if (res[i][0] && !base[i][0]) w++;
                if (!res[i][0] && base[i][0]) l++;
            }
            StringBuilder perPart = new StringBuilder();
            int better = 0, worse = 0;
            for (String part : partNames) {
                int n = 0, p1 = 0, b1 = 0;
                for (int i = 0; i < res.length; i++) {
                    if (!answerable.get(i).part().equals(part)) continue;
                    n++;
                    if (res[i][0]) p1++;
                    if (base[i][0]) b1++;
                }
                if (p1 > b1) better++;
                if (p1 < b1) worse++;
                perPart.append(String.format(Locale.ROOT, " %.3f (%d/%d) |", (double) p1 / n, p1, n));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f (%d) | %.3f (%d) | %d/%d (%.2g) | %d/%d |%s%n",
                    r.getKey(),
                    (double) t1 / res.length,
                    t1,
                    (double) t3 / res.length,
                    t3,
                    w,
                    l,
                    EmbeddingModelExperiment.signTest(w, l),
                    better,
                    worse,
                    perPart));
        }

        // the cost of a question on the reply path: one query embedding per model, single-thread, the models
        // interleaved over rounds (the machine is shared); the questions as docrag sends them
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < qs.size() && queries.size() < 200; i += 7)
            queries.add(OpsVocabulary.expand(qs.get(i).question().text()));
        int rounds = Integer.getInteger("rounds", 3);
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Model m : models) {
                try (Encoder e = new Encoder(m)) {
                    for (int i = 0; i < 10; i++) e.run(m.queryPrefix() + queries.get(i));
                    long t0 = System.nanoTime();
                    for (String q : queries) e.run(m.queryPrefix() + q);
                    ms.computeIfAbsent(m.name(), k -> new ArrayList<>())
                            .add((System.nanoTime() - t0) / 1e6 / queries.size());
                }
            }
        }
        out.append(String.format(
                "%nquery embedding, ms per question (%d questions as docrag sends them, 1 thread; each round):%n",
                queries.size()));
        for (var e : ms.entrySet()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-9s median %.1f ms (%s)%n",
                    e.getKey(),
                    EmbeddingModelExperiment.median(e.getValue()),
                    e.getValue().stream()
                            .map(x -> String.format(Locale.ROOT, "%.1f", x))
                            .reduce((a, b) -> a + " " + b)
                            .orElse("")));
        }
        out.append(String.format(
                "load average at the end: %s%n",
                Files.readString(Path.of("/proc/loadavg")).trim()));
        Path file = Path.of(System.getProperty("out", "/tmp/embedding-ensemble.txt"));
        Files.writeString(file, out);
        System.out.println(out);
        assertThat(results).isNotEmpty();
    }
}
