package dev.ratchet.module.docrag;

import dev.ratchet.core.docs.MarkdownChunker;
import dev.ratchet.core.llm.LocalEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (outside surefire's patterns; run with {@code -Dtest=DocsRankingExperiment}): page-ranking
 * variants over the relevance fixture's tuning and first held-out questions only (76 answerable), in memory with the
 * same chunker and embedder but no database, to choose what to build into the search. Never reads held-out parts 2
 * and 3. Per page: best and second chunk similarity (chunks embedded as stored, or with the title as a context line:
 * {@code -Dctx=dash|blank|lines|dot|title2|nosec|dashonly|dashnl|pagehead}), the similarity to an embedding of the
 * page's title and headings ({@code -Dsummary}), of the whole page, of the heading path alone, a query moved towards
 * its 3 nearest chunks, the best chunk less its hubness (mean similarity to its {@code -Dhubk} nearest chunks of
 * other pages), and BM25 over the whole page (title × {@code -DtitleWeight}, headings × {@code
 * -DheadingWeight}), over the title and headings alone and over each chunk. Prints right page first / in the first
 * three for each variant ({@code -Dvariant=} one, {@code -Dmisses=true} its misses, {@code -Dchunk=} chunk size,
 * {@code -Dqform=} the query's form), and with {@code -Dloo=true} a listwise logistic regression over z-scored features
 * scored leave-one-question-out ({@code -Dsets=} feature index lists). Findings (docrag fixture README): every
 * combination is within two questions of the best chunk alone by leave-one-out (65–69 of 76).
 */
class DocsRankingExperiment {

    record Page(String name, String title, List<String> headings, List<MarkdownChunker.Chunk> chunks, String body) {}

    static float[] norm(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        s = Math.sqrt(s);
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (float) (v[i] / s);
        return r;
    }

    static double cos(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : Evidence.tokens(text)) {
            if (w.length() < 2 || STOP.contains(w)) continue;
            out.add(Evidence.stem(w));
        }
        return out;
    }

    static List<String> contentWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}.-]+")) {
            if (w.isEmpty() || STOP.contains(w)) continue;
            out.add(w);
        }
        return out;
    }

    static final java.util.Set<String> STOP = java.util.Set.of(
            "a", "an", "the", "is", "am", "were", "been", "are", "was", "be", "to", "of", "in", "on", "for", "and",
            "or", "do", "does", "did", "i", "we", "you", "my", "our", "it", "its", "how", "what", "whats", "when",
            "where", "who", "why", "which", "can", "could", "should", "would", "will", "need", "there", "this", "that",
            "with", "at", "by", "from", "as", "me", "us", "any", "get", "got", "some", "someone", "vs", "now", "so",
            "if", "not", "no", "ok", "pls", "please", "hey", "hi", "have", "has", "just", "about", "into", "up", "out",
            "s", "t", "im", "ppl", "thing", "stuff", "way", "all", "one", "like", "want", "know", "tell", "anyone",
            "your", "they", "them", "their", "then", "than", "but", "also", "use");

    /** BM25 over documents given as weighted bags of stems. */
    static final class Bm25 {
        final List<Map<String, Double>> tf = new ArrayList<>();
        final Map<String, Integer> df = new HashMap<>();
        final List<Double> len = new ArrayList<>();
        double avg;
        final double k1, b;

        Bm25(List<Map<String, Double>> docs, double k1, double b) {
            this.k1 = k1;
            this.b = b;
            for (Map<String, Double> d : docs) {
                tf.add(d);
                double l = d.values().stream().mapToDouble(x -> x).sum();
                len.add(l);
                for (String w : d.keySet()) df.merge(w, 1, Integer::sum);
            }
            avg = len.stream().mapToDouble(x -> x).average().orElse(1);
        }

        double score(int doc, List<String> query) {
            double s = 0;
            int n = tf.size();
            for (String w : new java.util.LinkedHashSet<>(query)) {
                Double f = tf.get(doc).get(w);
                if (f == null) continue;
                double idf = Math.log(1 + (n - df.get(w) + 0.5) / (df.get(w) + 0.5));
                s += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len.get(doc) / avg));
            }
            return s;
        }
    }

    static Map<String, Double> bag(String text, double weight, Map<String, Double> into) {
        for (String w : words(text)) into.merge(w, weight, Double::sum);
        return into;
    }

    record Q(String file, String alt, String text, String part) {
        boolean right(String p) {
            return p.equals(file) || p.equals(alt);
        }
    }

    /** Per question: each page's signals. */
    record Signals(
            double[] maxCos,
            double[] secondCos,
            double[] summaryCos,
            double[] pageCos,
            double[] bmPage,
            double[] bmChunkMax,
            double[] bmTitle,
            double[] maxCosCtx,
            double[] headCos,
            double[] rocchio) {}

    static int[] order(double[] s) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < s.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -s[i]));
        return java.util.Arrays.stream(idx).mapToInt(i -> i).toArray();
    }

    static double[] rrf(double k, double[] weights, double[]... scores) {
        int n = scores[0].length;
        double[] out = new double[n];
        for (int j = 0; j < scores.length; j++) {
            int[] o = order(scores[j]);
            for (int r = 0; r < n; r++) {
                if (scores[j][o[r]] <= 0 && j > 0 && weights[j] > 0 && isLexical[j]) continue;
                out[o[r]] += weights[j] / (k + r + 1);
            }
        }
        return out;
    }

    static boolean[] isLexical = new boolean[16];

    static double[] z(double[] s) {
        double m = java.util.Arrays.stream(s).average().orElse(0);
        double sd = Math.sqrt(
                java.util.Arrays.stream(s).map(x -> (x - m) * (x - m)).average().orElse(1));
        return java.util.Arrays.stream(s).map(x -> sd == 0 ? 0 : (x - m) / sd).toArray();
    }

    static double[] lin(double[] w, double[]... s) {
        double[] out = new double[s[0].length];
        for (int j = 0; j < s.length; j++) {
            double[] zz = z(s[j]);
            for (int i = 0; i < out.length; i++) out[i] += w[j] * zz[i];
        }
        return out;
    }

    /** Softmax regression over pages (listwise), L2, plain gradient descent; leaves out question {@code skip}. */
    static double[] fit(List<double[][]> feats, List<Integer> gold, int[] fs, int skip) {
        double l2 = Double.parseDouble(System.getProperty("l2", "1"));
        double[] w = new double[fs.length];
        w[0] = 1;
        for (int it = 0; it < 300; it++) {
            double[] grad = new double[fs.length];
            for (int q = 0; q < feats.size(); q++) {
                if (q == skip) continue;
                double[][] x = feats.get(q);
                int n = x[0].length;
                double[] sc = new double[n];
                double mx = -1e9;
                for (int p = 0; p < n; p++) {
                    for (int f = 0; f < fs.length; f++) sc[p] += w[f] * x[fs[f]][p];
                    mx = Math.max(mx, sc[p]);
                }
                double z = 0;
                for (int p = 0; p < n; p++) z += Math.exp(sc[p] - mx);
                for (int p = 0; p < n; p++) {
                    double pr = Math.exp(sc[p] - mx) / z - (p == gold.get(q) ? 1 : 0);
                    for (int f = 0; f < fs.length; f++) grad[f] += pr * x[fs[f]][p];
                }
            }
            for (int f = 0; f < fs.length; f++) w[f] -= 0.01 * (grad[f] + l2 * w[f]);
        }
        return w;
    }

    @Test
    void measure() throws Exception {
        Path fixture = DocsRelevanceTest.fixture();
        List<Q> qs = new ArrayList<>();
        for (String part : List.of("tuning.tsv", "heldout.tsv")) {
            for (DocsRelevanceTest.Question q : DocsRelevanceTest.questions(part)) {
                if (q.answerable()) qs.add(new Q(q.file(), q.alternative(), q.text(), part));
            }
        }
        int chunkSize = Integer.getInteger("chunk", 1200);
        MarkdownChunker chunker = new MarkdownChunker(chunkSize);
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixture.resolve("handbook"))) {
            for (Path p : files.sorted().toList()) {
                String content = Files.readString(p);
                MarkdownChunker.Split split = chunker.split(p.getFileName().toString(), content);
                List<String> headings = new ArrayList<>();
                for (String line : content.split("\n")) {
                    if (line.matches("#{2,6} .*")) headings.add(line.replaceFirst("#+ ", ""));
                }
                String body = content.replaceFirst("(?s)^---.*?\n---\n", "");
                pages.add(new Page(p.getFileName().toString(), split.title(), headings, split.chunks(), body));
            }
        }
        LocalEmbedder emb = new LocalEmbedder();
        int np = pages.size();
        // chunk vectors: as stored (heading path + text) and with the title as a context line
        List<List<float[]>> chunkVec = new ArrayList<>();
        List<List<float[]>> chunkVecCtx = new ArrayList<>();
        List<float[]> summaryVec = new ArrayList<>();
        List<float[]> pageVec = new ArrayList<>();
        List<List<float[]>> headVec = new ArrayList<>();
        String summaryForm = System.getProperty("summary", "lines");
        for (Page p : pages) {
            List<String> texts = p.chunks().stream()
                    .map(c -> (c.heading().isEmpty() ? "" : c.heading() + "\n") + c.text())
                    .toList();
            chunkVec.add(
                    emb.embed(texts).stream().map(DocsRankingExperiment::norm).toList());
            String form = System.getProperty("ctx", "dash");
            List<String> ctx = p.chunks().stream()
                    .map(c -> switch (form) {
                        case "dash" -> p.title() + " — " + c.heading().replace(" > ", " — ") + "\n\n" + c.text();
                        case "blank" -> c.heading() + "\n\n" + c.text();
                        case "lines" -> c.heading().replace(" > ", "\n") + "\n\n" + c.text();
                        case "dot" -> c.heading().replace(" > ", ". ") + ".\n" + c.text();
                        case "title2" -> p.title() + "\n" + c.heading() + "\n" + c.text();
                        case "nosec" -> p.title() + "\n" + c.text();
                        case "dashonly" -> c.heading().replace(" > ", " — ") + "\n\n" + c.text();
                        case "dashnl" -> c.heading().replace(" > ", " — ") + "\n" + c.text();
                        case "pagehead" ->
                            p.title() + " (" + String.join(", ", p.headings()) + ")\n" + c.heading() + "\n" + c.text();
                        default -> throw new IllegalArgumentException(form);
                    })
                    .toList();
            chunkVecCtx.add(
                    emb.embed(ctx).stream().map(DocsRankingExperiment::norm).toList());
            String summary = summaryForm.equals("lines")
                    ? p.title() + "\n" + String.join("\n", p.headings())
                    : p.title() + ": " + String.join(", ", p.headings());
            summaryVec.add(norm(emb.embed(List.of(summary)).get(0)));
            pageVec.add(norm(emb.embed(List.of(p.body())).get(0)));
            headVec.add(
                    emb
                            .embed(p.chunks().stream()
                                    .map(c -> c.heading().isEmpty() ? p.title() : c.heading())
                                    .toList())
                            .stream()
                            .map(DocsRankingExperiment::norm)
                            .toList());
        }
        // lexical indexes
        double tw = Double.parseDouble(System.getProperty("titleWeight", "3"));
        double hw = Double.parseDouble(System.getProperty("headingWeight", "2"));
        List<Map<String, Double>> pageBags = new ArrayList<>();
        List<Map<String, Double>> titleBags = new ArrayList<>();
        List<Map<String, Double>> chunkBags = new ArrayList<>();
        List<Integer> chunkPage = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            Page p = pages.get(i);
            Map<String, Double> bag = new HashMap<>();
            bag(p.body().replaceAll("(?m)^#+ .*$", ""), 1, bag);
            bag(p.title(), tw, bag);
            for (String h : p.headings()) bag(h, hw, bag);
            pageBags.add(bag);
            Map<String, Double> tb = new HashMap<>();
            bag(p.title(), 1, tb);
            for (String h : p.headings()) bag(h, 1, tb);
            titleBags.add(tb);
            for (MarkdownChunker.Chunk c : p.chunks()) {
                chunkBags.add(bag(c.heading() + "\n" + c.text(), 1, new HashMap<>()));
                chunkPage.add(i);
            }
        }
        Bm25 bmPage = new Bm25(pageBags, 1.2, 0.75);
        Bm25 bmTitle = new Bm25(titleBags, 1.2, 0.3);
        Bm25 bmChunk = new Bm25(chunkBags, 1.2, 0.75);

        // hubness of each chunk: mean similarity to its k nearest chunks of other pages (query-independent)
        int hubK = Integer.getInteger("hubk", 10);
        List<List<Double>> hub = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            List<Double> hs = new ArrayList<>();
            for (float[] v : chunkVec.get(i)) {
                List<Double> sims = new ArrayList<>();
                for (int j = 0; j < np; j++) {
                    if (j == i) continue;
                    for (float[] u : chunkVec.get(j)) sims.add(cos(v, u));
                }
                sims.sort(Comparator.reverseOrder());
                hs.add(sims.subList(0, Math.min(hubK, sims.size())).stream()
                        .mapToDouble(x -> x)
                        .average()
                        .orElse(0));
            }
            hub.add(hs);
        }
        Map<Signals, double[][]> cslsOf = new java.util.IdentityHashMap<>();
        double[] betas = {0.25, 0.5, 0.75, 1};
        List<Signals> signals = new ArrayList<>();
        for (Q q : qs) {
            String query = OpsVocabulary.expand(q.text());
            String qf = System.getProperty("qform", "expand");
            float[] qv = switch (qf) {
                case "expand" -> norm(emb.embed(List.of(query)).get(0));
                case "raw" -> norm(emb.embed(List.of(q.text())).get(0));
                case "content" ->
                    norm(emb.embed(List.of(String.join(" ", contentWords(query))))
                            .get(0));
                case "avg" -> {
                    float[] a = norm(emb.embed(List.of(query)).get(0));
                    float[] b = norm(emb.embed(List.of(String.join(" ", contentWords(query))))
                            .get(0));
                    for (int d = 0; d < a.length; d++) a[d] += b[d];
                    yield norm(a);
                }
                case "avgraw" -> {
                    float[] a = norm(emb.embed(List.of(query)).get(0));
                    float[] b = norm(emb.embed(List.of(q.text())).get(0));
                    for (int d = 0; d < a.length; d++) a[d] += b[d];
                    yield norm(a);
                }
                case "prefix" ->
                    norm(emb.embed(List.of("Represent this sentence for searching relevant passages: " + query))
                            .get(0));
                case "statement" ->
                    norm(emb.embed(List.of(query.replaceAll("[?]", "") + ".")).get(0));
                default -> throw new IllegalArgumentException(qf);
            };
            List<String> qw = words(query);
            double[] maxCos = new double[np], second = new double[np], sum = new double[np], pc = new double[np];
            double[] bp = new double[np], bc = new double[np], bt = new double[np], maxCtx = new double[np];
            double[] hc = new double[np], ro = new double[np];
            double[][] cs = new double[betas.length][np];
            // Rocchio: the query moved towards its 3 nearest chunks
            List<float[]> all = new ArrayList<>();
            for (List<float[]> l : chunkVec) all.addAll(l);
            List<float[]> near = all.stream()
                    .sorted(Comparator.comparingDouble(v -> -cos(qv, v)))
                    .limit(3)
                    .toList();
            float[] rq = qv.clone();
            for (float[] v : near) for (int d = 0; d < rq.length; d++) rq[d] += 0.3f * v[d] / near.size();
            rq = norm(rq);
            for (int i = 0; i < np; i++) {
                double best = -1, next = -1, bestCtx = -1;
                for (float[] v : chunkVec.get(i)) {
                    double c = cos(qv, v);
                    if (c > best) {
                        next = best;
                        best = c;
                    } else if (c > next) next = c;
                }
                for (int b = 0; b < betas.length; b++) {
                    double bb = -9;
                    for (int c = 0; c < chunkVec.get(i).size(); c++) {
                        bb = Math.max(
                                bb,
                                cos(qv, chunkVec.get(i).get(c))
                                        - betas[b] * hub.get(i).get(c));
                    }
                    cs[b][i] = bb;
                }
                for (float[] v : chunkVecCtx.get(i)) bestCtx = Math.max(bestCtx, cos(qv, v));
                maxCos[i] = best;
                double h = -1, r = -1;
                for (float[] v : headVec.get(i)) h = Math.max(h, cos(qv, v));
                for (float[] v : chunkVec.get(i)) r = Math.max(r, cos(rq, v));
                hc[i] = h;
                ro[i] = r;
                second[i] = next < 0 ? best : next;
                maxCtx[i] = bestCtx;
                sum[i] = cos(qv, summaryVec.get(i));
                pc[i] = cos(qv, pageVec.get(i));
                bp[i] = bmPage.score(i, qw);
                bt[i] = bmTitle.score(i, qw);
            }
            for (int c = 0; c < chunkBags.size(); c++) {
                int p = chunkPage.get(c);
                bc[p] = Math.max(bc[p], bmChunk.score(c, qw));
            }
            signals.add(new Signals(maxCos, second, sum, pc, bp, bc, bt, maxCtx, hc, ro));
            cslsOf.put(signals.get(signals.size() - 1), cs);
        }

        Map<String, Function<Signals, double[]>> variants = new LinkedHashMap<>();
        variants.put("maxCos", s -> s.maxCos());
        variants.put("maxCosCtx", s -> s.maxCosCtx());
        variants.put("summaryCos", s -> s.summaryCos());
        variants.put("pageCos", s -> s.pageCos());
        variants.put("bm25 page", s -> s.bmPage());
        variants.put("bm25 chunk", s -> s.bmChunkMax());
        variants.put("bm25 title", s -> s.bmTitle());
        variants.put("headCos", s -> s.headCos());
        for (int b = 0; b < betas.length; b++) {
            int bi = b;
            variants.put("csls " + betas[b], s -> cslsOf.get(s)[bi]);
            variants.put(
                    "csls " + betas[b] + " +0.15chunkbm rrf60",
                    s -> rrf(60, new double[] {1, 0.15}, cslsOf.get(s)[bi], s.bmChunkMax()));
        }
        variants.put("rocchio", s -> s.rocchio());
        for (double a : new double[] {0.25, 0.5}) {
            for (double b : new double[] {0, 0.25, 0.5}) {
                variants.put(
                        String.format("lin ctx+%.2f pagebm+%.2f head", a, b),
                        s -> lin(new double[] {1, a, b}, s.maxCosCtx(), s.bmPage(), s.headCos()));
                variants.put(
                        String.format("lin max+%.2f pagebm+%.2f head", a, b),
                        s -> lin(new double[] {1, a, b}, s.maxCos(), s.bmPage(), s.headCos()));
                variants.put(
                        String.format("lin max+%.2f pagebm+%.2f chunkbm", a, b),
                        s -> lin(new double[] {1, a, b}, s.maxCos(), s.bmPage(), s.bmChunkMax()));
            }
        }
        isLexical = new boolean[] {false, true, false, false, false};
        variants.put(
                "rrf60 max+0.15chunkbm (~today)", s -> rrf(60, new double[] {1, 0.15}, s.maxCos(), s.bmChunkMax()));
        for (double k : new double[] {5, 10, 20, 60}) {
            for (double w : new double[] {0.3, 0.5, 1}) {
                variants.put(
                        "rrf" + k + " max+" + w + "pagebm", s -> rrf(k, new double[] {1, w}, s.maxCos(), s.bmPage()));
                variants.put(
                        "rrf" + k + " max+" + w + "sum", s -> rrf(k, new double[] {1, w}, s.maxCos(), s.summaryCos()));
                variants.put(
                        "rrf" + k + " max+" + w + "page", s -> rrf(k, new double[] {1, w}, s.maxCos(), s.pageCos()));
            }
        }
        for (double a : new double[] {0.25, 0.5, 1}) {
            for (double b : new double[] {0, 0.25, 0.5, 1}) {
                for (double c : new double[] {0, 0.25, 0.5}) {
                    variants.put(
                            String.format("lin max+%.2f pagebm+%.2f sum+%.2f page", a, b, c),
                            s -> lin(new double[] {1, a, b, c}, s.maxCos(), s.bmPage(), s.summaryCos(), s.pageCos()));
                }
            }
        }
        for (double a : new double[] {0.25, 0.5, 1}) {
            for (double b : new double[] {0.25, 0.5, 1}) {
                variants.put(
                        String.format("lin max+%.2f pagebm+%.2f title", a, b),
                        s -> lin(new double[] {1, a, b}, s.maxCos(), s.bmPage(), s.bmTitle()));
                variants.put(
                        String.format("lin max+%.2f second+%.2f pagebm", a, b),
                        s -> lin(new double[] {1, a, b}, s.maxCos(), s.secondCos(), s.bmPage()));
            }
        }
        if (Boolean.getBoolean("loo")) {
            String[] names = {
                "maxCos", "second", "summary", "page", "bmPage", "bmChunk", "bmTitle", "ctx", "head", "rocchio"
            };
            List<double[][]> feats = new ArrayList<>();
            List<Integer> gold = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) {
                Signals g = signals.get(i);
                double[][] cols = {
                    z(g.maxCos()),
                    z(g.secondCos()),
                    z(g.summaryCos()),
                    z(g.pageCos()),
                    z(g.bmPage()),
                    z(g.bmChunkMax()),
                    z(g.bmTitle()),
                    z(g.maxCosCtx()),
                    z(g.headCos()),
                    z(g.rocchio())
                };
                feats.add(cols);
                int gi = 0;
                for (int p = 0; p < np; p++)
                    if (pages.get(p).name().equals(qs.get(i).file())) gi = p;
                gold.add(gi);
            }
            StringBuilder lo = new StringBuilder("\nLOO softmax (l2 " + System.getProperty("l2", "1") + ")\n");
            for (String set : System.getProperty(
                            "sets",
                            "0,4;0,7,4;0,4,8;0,4,2;0,4,3;0,4,5;0,1,4;0,4,6;0,9,4;7,4,8;0,3,4,8;0,1,2,3,4,5,6,7,8,9")
                    .split(";")) {
                int[] fs = java.util.Arrays.stream(set.split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
                int c1 = 0, c3 = 0;
                double[] wAll = fit(feats, gold, fs, -1);
                for (int i = 0; i < qs.size(); i++) {
                    double[] w = fit(feats, gold, fs, i);
                    double[] sc = new double[np];
                    for (int p = 0; p < np; p++)
                        for (int f = 0; f < fs.length; f++) sc[p] += w[f] * feats.get(i)[fs[f]][p];
                    int[] o = order(sc);
                    if (qs.get(i).right(pages.get(o[0]).name())) c1++;
                    for (int r = 0; r < 3; r++)
                        if (qs.get(i).right(pages.get(o[r]).name())) {
                            c3++;
                            break;
                        }
                }
                StringBuilder nm = new StringBuilder();
                for (int f = 0; f < fs.length; f++) nm.append(names[fs[f]]).append(String.format("=%.2f ", wAll[f]));
                lo.append(String.format("%-70s LOO top1 %d top3 %d /%d%n", nm, c1, c3, qs.size()));
            }
            System.out.println(lo);
            Files.writeString(Path.of("/tmp/docsrank-loo.txt"), lo);
        }
        boolean showMisses = Boolean.getBoolean("misses");
        String only = System.getProperty("variant");
        StringBuilder out = new StringBuilder("\nvariant | tuning top1 top3 | heldout top1 top3\n");
        for (Map.Entry<String, Function<Signals, double[]>> v : variants.entrySet()) {
            if (only != null && !v.getKey().equals(only)) continue;
            int[] t1 = new int[2], t3 = new int[2], n = new int[2];
            List<String> misses = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) {
                Q q = qs.get(i);
                int part = q.part().equals("tuning.tsv") ? 0 : 1;
                int[] o = order(v.getValue().apply(signals.get(i)));
                n[part]++;
                if (q.right(pages.get(o[0]).name())) t1[part]++;
                else
                    misses.add(q.text() + " (" + q.file() + ") → "
                            + pages.get(o[0]).name() + ", " + pages.get(o[1]).name() + ", "
                            + pages.get(o[2]).name());
                for (int r = 0; r < 3; r++) {
                    if (q.right(pages.get(o[r]).name())) {
                        t3[part]++;
                        break;
                    }
                }
            }
            out.append(String.format(
                    "%-45s | %2d %2d /%d | %2d %2d /%d | %d%n",
                    v.getKey(), t1[0], t3[0], n[0], t1[1], t3[1], n[1], t1[0] + t1[1]));
            if (showMisses) misses.forEach(m -> out.append("    ").append(m).append('\n'));
        }
        Files.writeString(Path.of(System.getProperty("out", "/tmp/docsrank-exp.txt")), out);
        System.out.println(out);
    }
}
