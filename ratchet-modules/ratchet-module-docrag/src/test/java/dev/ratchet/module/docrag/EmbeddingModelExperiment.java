package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.ratchet.core.docs.MarkdownChunker;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (outside surefire's patterns; run with {@code -Pembedding-models -Dtest=EmbeddingModelExperiment}, the profile putting the other models on the test class path): the
 * in-process embedding models shipped as Maven artifacts compared on raw semantic retrieval, to choose the default by
 * measurement. Each model is run the same way (its ONNX file and tokenizer read from its jar on the class path, one
 * sentence per call, one intra-op thread, {@code [CLS]} pooling for bge, mean pooling for MiniLM and e5, vectors
 * normalised; checked against langchain4j 1.20's {@link OnnxEmbeddingModel} on the files extracted from the jar), with
 * the query and passage prefixes each model expects (bge also without, as Ratchet runs it).
 *
 * <ul>
 *   <li>docs: docrag's relevance fixture (handbook, tuning and held-out parts 1 to 11; parts 12 and 13 are never read),
 *       chunked as Documentation chunks (MarkdownChunker 1200, heading path line + text), the question expanded as
 *       docrag sends it; a page is ranked by its best chunk's cosine: right page first / in the first three, and the
 *       AUC of the best chunk's similarity for answerable against unanswerable questions.
 *   <li>messages: ratchet-it's search history (history-*.txt, read as MessageSearchRelevanceTest reads it; tuning,
 *       held-out 1 to 3), threads ranked by their best message's cosine: precision@5 / recall@5 / MRR as that test
 *       counts them (one hit per thread), and the AUC of relevant against unrelated threads' similarities among each
 *       query's first ten threads, pooled over the queries (what a distance cut could separate).
 *   <li>speed: sentences/s on the same 200 history messages, single-thread, the models interleaved over rounds (the
 *       machine is shared); load time (jar read, session, tokenizer) and jar size.
 * </ul>
 *
 * Properties: {@code -Dmodels=} names (default all found on the class path), {@code -Drounds=} speed rounds (3),
 * {@code -Dout=} the report file ({@code /tmp/embedding-models.txt}).
 *
 * <p>Findings (branch embmodel; 1584 answerable and 560 unanswerable docs questions in 12 parts, 205 message queries in
 * 4 parts; quality figures are deterministic and came out identical in two runs; speed under a load average of 12 to
 * 21 on 2 cores, so only the ratios mean anything):
 *
 * <pre>
 * model         docs top-1  top-3  AUC-idk | msg P@5  R@5    MRR    AUC   | sent/s  load ms  jar MB
 * bge-q (today)   0.796     0.934  0.761   |   0.285  0.861  0.888  0.890 |  30-32   2400     24.6
 * bge-q+prefix    0.812     0.937  0.742   |   0.287  0.867  0.899  0.881 |  same
 * bge (fp32)      0.800     0.929  0.764   |   0.287  0.867  0.898  0.889 |  12      8700     77.8
 * bge+prefix      0.812     0.941  0.743   |   0.290  0.876  0.909  0.885 |  same
 * minilm          0.844     0.958  0.754   |   0.282  0.853  0.902  0.910 |  26-30   2700-6000 83.1
 * minilm-q        0.838     0.950  0.750   |   0.279  0.844  0.912  0.907 |  68-79   1300     16.4
 * e5-q            0.854     0.950  0.734   |   0.273  0.826  0.886  0.873 |  29-35   2300-2600 24.7
 * </pre>
 *
 * No model is clearly better on both ("clearly": better in the pooled figure by more than the spread of the per-part
 * differences, i.e. the part-to-part range excludes zero, and a paired sign test over the questions agrees). On the
 * docs e5-q (top-1 +6.6 points, better in 12 of 12 parts, 155 questions right only with it against 63, p 4e-10),
 * MiniLM (+4.2, 10 of 12, 145/69) and MiniLM-q (+3.2, 10 of 12, 142/76) are clearly better at ranking pages, though
 * all three separate unanswerable questions worse (AUC -0.9 to -3.2 points, e5-q worse in 11 of 12 parts). On the
 * messages none is: e5-q is worse (R@5 -2.9 points, in 3 of 4 parts, 11 queries finding more against 22), MiniLM and
 * MiniLM-q tie (13/13, 13/15 queries; R@5 per part -7.5 to +3.3) with a slightly better relevant/unrelated AUC
 * (+1.5 to +1.8 points, 3 of 4 parts): the overlap that limits the relevance cut remains. bge's query prefix: docs
 * top-1 +1.4 (6 parts better, 3 worse) at AUC -1.7 (worse in 9 of 12), messages +2 relevant threads: not clear
 * either. The fp32 bge is no better than the quantised one and 2.6 times slower. MiniLM-q is the one worth a full
 * trial (2.3 to 2.5 times faster, a 16 MB jar, docs better, messages even); switching to it would mean: LocalEmbedder
 * (its files, mean pooling) and the embedding.model default, every stored vector re-embedded, and refitting what is
 * calibrated on bge-q distances: HybridSearch.DEFAULT_MAX_DISTANCE, SearchCut's model and threshold, docrag's
 * max-distance-percent, sure-distance-percent and "I don't know" model, the commands module's match-threshold, and the
 * relevance floors of DocsRelevanceTest, MessageSearchRelevanceTest and SearchRelevanceTest, all measured with hybrid
 * search, where the words' ranking may narrow these raw semantic gaps. OpsVocabulary's expansions and the docs tuning
 * part were tuned with bge-q, which favours it here.
 */
class EmbeddingModelExperiment {

    static final String BGE_QUERY = "Represent this sentence for searching relevant passages: ";

    /** One model run one way: its files in the jar, its pooling, its prefixes. */
    record Model(String name, String onnx, String tokenizer, boolean cls, String queryPrefix, String passagePrefix) {}

    static final List<Model> MODELS = List.of(
            new Model("bge-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", true, "", ""),
            new Model(
                    "bge-q+prefix",
                    "bge-small-en-v1.5-q.onnx",
                    "bge-small-en-v1.5-q-tokenizer.json",
                    true,
                    BGE_QUERY,
                    ""),
            new Model("bge", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", true, "", ""),
            new Model("bge+prefix", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", true, BGE_QUERY, ""),
            new Model("minilm", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", false, "", ""),
            new Model("minilm-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", false, "", ""),
            new Model("e5-q", "e5-small-v2-q.onnx", "e5-small-v2-q-tokenizer.json", false, "query: ", "passage: "));

    /** A loaded model: one ONNX session with one intra-op thread, its tokenizer, the vectors made so far. */
    static final class Encoder implements AutoCloseable {
        /** The variant run now: a prefix variant reuses the network's encoder (and its vectors, keyed by text). */
        Model model;

        final OrtEnvironment env = OrtEnvironment.getEnvironment();
        final OrtSession session;
        final HuggingFaceTokenizer tokenizer;
        final boolean typeIds;
        final long loadMillis;
        final Map<String, float[]> cache = new HashMap<>();

        Encoder(Model model) throws Exception {
            this.model = model;
            long t0 = System.nanoTime();
            byte[] onnx = bytes(model.onnx());
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(onnx, options);
            try (InputStream in = stream(model.tokenizer())) {
                tokenizer = HuggingFaceTokenizer.newInstance(
                        in, Map.of("padding", "false", "truncation", "true", "maxLength", "512"));
            }
            typeIds = session.getInputNames().contains("token_type_ids");
            loadMillis = (System.nanoTime() - t0) / 1_000_000;
        }

        float[] embed(String text) throws Exception {
            float[] known = cache.get(text);
            if (known != null) {
                return known;
            }
            float[] v = run(text);
            cache.put(text, v);
            return v;
        }

        /** One sentence, no cache: the vector, normalised. */
        float[] run(String text) throws Exception {
            Encoding enc = tokenizer.encode(text.isBlank() ? " " : text);
            long[] ids = enc.getIds();
            long[] shape = {1, ids.length};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                    OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(enc.getAttentionMask()), shape);
                    OnnxTensor typesT = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape)) {
                inputs.put("input_ids", idsT);
                inputs.put("attention_mask", maskT);
                if (typeIds) {
                    inputs.put("token_type_ids", typesT);
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    OnnxTensor hidden = (OnnxTensor) result.get(0);
                    long[] s = hidden.getInfo().getShape(); // [1, tokens, dims]
                    int dims = (int) s[2];
                    FloatBuffer fb = hidden.getFloatBuffer();
                    float[] v = new float[dims];
                    if (model.cls()) {
                        fb.get(v);
                    } else {
                        // mean over the tokens (no padding: every token counts, [CLS] and [SEP] included)
                        for (int t = 0; t < ids.length; t++) {
                            for (int d = 0; d < dims; d++) {
                                v[d] += fb.get(t * dims + d);
                            }
                        }
                        for (int d = 0; d < dims; d++) {
                            v[d] /= ids.length;
                        }
                    }
                    return norm(v);
                }
            }
        }

        float[] query(String text) throws Exception {
            return embed(model.queryPrefix() + text);
        }

        float[] passage(String text) throws Exception {
            return embed(model.passagePrefix() + text);
        }

        @Override
        public void close() throws ai.onnxruntime.OrtException {
            session.close();
        }
    }

    static InputStream stream(String name) throws Exception {
        InputStream in = EmbeddingModelExperiment.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return in;
    }

    static byte[] bytes(String name) throws Exception {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        }
    }

    /** The size of the jar holding {@code resource}, in MB; -1 when not in a jar. */
    static double jarMb(String resource) throws Exception {
        URL url = EmbeddingModelExperiment.class.getClassLoader().getResource(resource);
        if (url == null || !url.getProtocol().equals("jar")) {
            return -1;
        }
        JarURLConnection c = (JarURLConnection) url.openConnection();
        c.setUseCaches(false);
        return Files.size(Path.of(c.getJarFileURL().toURI())) / 1e6;
    }

    static float[] norm(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        s = Math.sqrt(s);
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / s);
        return v;
    }

    static double cos(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** P(a positive scores above a negative), ties half. */
    static double auc(List<Double> pos, List<Double> neg) {
        if (pos.isEmpty() || neg.isEmpty()) {
            return Double.NaN;
        }
        double[] n = neg.stream().mapToDouble(x -> x).sorted().toArray();
        double wins = 0;
        for (double p : pos) {
            int below = lowerBound(n, p), notAbove = upperBound(n, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) pos.size() * n.length);
    }

    static int lowerBound(double[] a, double x) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] < x) lo = m + 1;
            else hi = m;
        }
        return lo;
    }

    static int upperBound(double[] a, double x) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] <= x) lo = m + 1;
            else hi = m;
        }
        return lo;
    }

    // ---------------------------------------------------------------------------------------------------- docs

    /** The parts tuned on or spent, as DocsIdkExperiment fits on: never the unseen heldout12.tsv, heldout13.tsv. */
    static final List<String> DOC_PARTS = DocsIdkExperiment.PARTS;

    record Page(String name, List<String> chunkTexts) {}

    record DocScore(
            int answerable,
            int top1,
            int top3,
            List<Double> answerableBest,
            List<Double> unanswerableBest,
            List<Boolean> firstRight) {
        double auc() {
            return EmbeddingModelExperiment.auc(answerableBest, unanswerableBest);
        }
    }

    static List<Page> pages() throws Exception {
        MarkdownChunker chunker = new MarkdownChunker(1200); // as Documentation
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(DocsRelevanceTest.fixture().resolve("handbook"))) {
            for (Path p : files.sorted().toList()) {
                MarkdownChunker.Split split = chunker.split(p.getFileName().toString(), Files.readString(p));
                // as Documentation stores and embeds them: the heading path on a line of its own, then the text
                pages.add(new Page(
                        p.getFileName().toString(),
                        split.chunks().stream()
                                .map(c -> (c.heading().isEmpty() ? "" : c.heading() + "\n") + c.text())
                                .toList()));
            }
        }
        return pages;
    }

    static DocScore docs(Encoder e, List<Page> pages, List<DocsRelevanceTest.Question> questions) throws Exception {
        List<List<float[]>> vectors = new ArrayList<>();
        for (Page p : pages) {
            List<float[]> vs = new ArrayList<>();
            for (String t : p.chunkTexts()) vs.add(e.passage(t));
            vectors.add(vs);
        }
        int answerable = 0, top1 = 0, top3 = 0;
        List<Double> ans = new ArrayList<>(), unans = new ArrayList<>();
        List<Boolean> firstRight = new ArrayList<>();
        for (DocsRelevanceTest.Question q : questions) {
            float[] qv = e.query(OpsVocabulary.expand(q.text())); // as docrag searches
            double[] best = new double[pages.size()];
            double top = -2;
            for (int i = 0; i < pages.size(); i++) {
                best[i] = -2;
                for (float[] v : vectors.get(i)) best[i] = Math.max(best[i], cos(qv, v));
                top = Math.max(top, best[i]);
            }
            if (!q.answerable()) {
                unans.add(top);
                continue;
            }
            ans.add(top);
            answerable++;
            Integer[] order = new Integer[pages.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(best[b], best[a]));
            firstRight.add(q.right(pages.get(order[0]).name()));
            if (q.right(pages.get(order[0]).name())) top1++;
            for (int r = 0; r < 3; r++) {
                if (q.right(pages.get(order[r]).name())) {
                    top3++;
                    break;
                }
            }
        }
        return new DocScore(answerable, top1, top3, ans, unans, firstRight);
    }

    // ------------------------------------------------------------------------------------------------ messages

    static final List<String> MESSAGE_PARTS = List.of("tuning.tsv", "heldout.tsv", "heldout2.tsv", "heldout3.tsv");

    record Message(String thread, String text) {}

    record MQuery(String text, Set<String> relevant) {}

    record MsgScore(
            int returned,
            int relevantReturned,
            int relevantTotal,
            double rr,
            int answerable,
            List<Double> relevantSims,
            List<Double> unrelatedSims,
            List<Integer> found) {
        double precision() {
            return (double) relevantReturned / returned;
        }

        double recall() {
            return (double) relevantReturned / relevantTotal;
        }

        double mrr() {
            return rr / answerable;
        }

        double auc() {
            return EmbeddingModelExperiment.auc(relevantSims, unrelatedSims);
        }
    }

    static Path history() throws Exception {
        Path dir = Path.of(System.getProperty(
                "history",
                DocsRelevanceTest.fixture()
                        .resolve("../../../../../ratchet-it/src/test/resources/search/history")
                        .normalize()
                        .toString()));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no message history at " + dir + " (-Dhistory=)");
        }
        return dir;
    }

    /** The history's messages, parsed as MessageSearchRelevanceTest parses them (the thread id, the text). */
    static List<Message> messages() throws Exception {
        List<Message> out = new ArrayList<>();
        for (int part = 1; part <= 4; part++) {
            String thread = null;
            for (String line : Files.readAllLines(history().resolve("history-" + part + ".txt"))) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (line.startsWith("== ")) {
                    thread = line.substring(3).trim().split("\\s+")[0];
                    continue;
                }
                out.add(new Message(thread, line.substring(line.indexOf(": ") + 2)));
            }
        }
        return out;
    }

    static List<MQuery> mqueries(String name) throws Exception {
        List<MQuery> out = new ArrayList<>();
        for (String line : Files.readAllLines(history().resolve(name))) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", 2);
            out.add(new MQuery(f[1], f[0].equals("-") ? Set.of() : Set.of(f[0].split(" "))));
        }
        return out;
    }

    static MsgScore messages(Encoder e, List<Message> messages, List<MQuery> queries) throws Exception {
        List<float[]> vectors = new ArrayList<>();
        for (Message m : messages) vectors.add(e.passage(m.text()));
        int returned = 0, relevantReturned = 0, relevantTotal = 0, answerable = 0;
        double rr = 0;
        List<Double> rel = new ArrayList<>(), unrel = new ArrayList<>();
        List<Integer> foundPerQuery = new ArrayList<>();
        for (MQuery q : queries) {
            float[] qv = e.query(q.text());
            Map<String, Double> best = new LinkedHashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                best.merge(messages.get(i).thread(), cos(qv, vectors.get(i)), Math::max);
            }
            List<Map.Entry<String, Double>> ranked = best.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .toList();
            int found = 0, first = 0;
            for (int r = 0; r < 5; r++) {
                returned++;
                if (q.relevant().contains(ranked.get(r).getKey())) {
                    found++;
                    if (first == 0) first = r + 1;
                }
            }
            for (int r = 0; r < 10; r++) {
                (q.relevant().contains(ranked.get(r).getKey()) ? rel : unrel)
                        .add(ranked.get(r).getValue());
            }
            relevantReturned += found;
            foundPerQuery.add(found);
            relevantTotal += Math.min(5, q.relevant().size());
            if (!q.relevant().isEmpty()) {
                answerable++;
                rr += first == 0 ? 0 : 1.0 / first;
            }
        }
        return new MsgScore(returned, relevantReturned, relevantTotal, rr, answerable, rel, unrel, foundPerQuery);
    }

    // ---------------------------------------------------------------------------------------------------- run

    @Test
    void measure() throws Exception {
        String wanted = System.getProperty("models", "");
        List<Model> models = new ArrayList<>();
        for (Model m : MODELS) {
            if (!wanted.isEmpty() && !Arrays.asList(wanted.split(",")).contains(m.name())) continue;
            if (getClass().getClassLoader().getResource(m.onnx()) == null) {
                System.out.println("skipped " + m.name() + ": " + m.onnx() + " not on the class path");
                continue;
            }
            models.add(m);
        }
        assertThat(models).as("models on the class path").isNotEmpty();
        List<Page> pages = pages();
        Map<String, List<DocsRelevanceTest.Question>> docParts = new LinkedHashMap<>();
        for (String part : DOC_PARTS) docParts.put(part, DocsRelevanceTest.questions(part));
        List<Message> messages = messages();
        Map<String, List<MQuery>> msgParts = new LinkedHashMap<>();
        for (String part : MESSAGE_PARTS) msgParts.put(part, mqueries(part));

        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "handbook %d pages, %d chunks; history %d messages in %d threads%n",
                pages.size(),
                pages.stream().mapToInt(p -> p.chunkTexts().size()).sum(),
                messages.size(),
                messages.stream().map(Message::thread).distinct().count()));
        Map<String, Map<String, DocScore>> docScores = new LinkedHashMap<>();
        Map<String, Map<String, MsgScore>> msgScores = new LinkedHashMap<>();
        Map<String, Double> jar = new LinkedHashMap<>();
        Map<String, Integer> dims = new LinkedHashMap<>();
        Encoder e = null;
        try {
            for (Model m : models) {
                long t0 = System.nanoTime();
                if (e == null || !e.model.onnx().equals(m.onnx())) {
                    if (e != null) e.close();
                    e = new Encoder(m);
                    out.append(String.format(
                            "%s: agrees with langchain4j's OnnxEmbeddingModel, min cosine %.5f%n",
                            m.name(), checkAgainstLangchain4j(e)));
                } else {
                    e.model = m; // same network, other prefixes
                }
                jar.put(m.name(), jarMb(m.onnx()));
                dims.put(m.name(), e.run("hello").length);
                Map<String, DocScore> d = new LinkedHashMap<>();
                for (var p : docParts.entrySet()) d.put(p.getKey(), docs(e, pages, p.getValue()));
                docScores.put(m.name(), d);
                Map<String, MsgScore> s = new LinkedHashMap<>();
                for (var p : msgParts.entrySet()) s.put(p.getKey(), messages(e, messages, p.getValue()));
                msgScores.put(m.name(), s);
                System.out.printf("%s measured in %d s%n", m.name(), (System.nanoTime() - t0) / 1_000_000_000);
            }
        } finally {
            if (e != null) e.close();
        }
        Map<String, List<Double>> rates = speed(models, messages);

        // the summary table: docs and messages pooled over their parts
        out.append(
                "\n| model | dims | docs top-1 | docs top-3 | docs AUC unanswerable | msg P@5 | msg R@5 | msg MRR"
                        + " | msg AUC relevant/unrelated (top 10) | sentences/s (median; each round), 1 thread | load ms (median) | jar MB |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Model m : models) {
            DocScore d = pooledDocs(docScores.get(m.name()).values());
            MsgScore s = pooledMsgs(msgScores.get(m.name()).values());
            List<Double> r = new ArrayList<>(rates.get(m.name()));
            r.sort(null);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.3f (%d/%d) | %.3f (%d) | %.3f | %.3f (%d/%d) | %.3f (%d/%d) | %.3f | %.3f |"
                            + " %.0f (%s) | %.0f | %.1f |%n",
                    m.name(),
                    dims.get(m.name()),
                    (double) d.top1() / d.answerable(),
                    d.top1(),
                    d.answerable(),
                    (double) d.top3() / d.answerable(),
                    d.top3(),
                    d.auc(),
                    s.precision(),
                    s.relevantReturned(),
                    s.returned(),
                    s.recall(),
                    s.relevantReturned(),
                    s.relevantTotal(),
                    s.mrr(),
                    s.auc(),
                    r.get(r.size() / 2),
                    r.stream()
                            .map(x -> String.format(Locale.ROOT, "%.0f", x))
                            .reduce((a, b) -> a + " " + b)
                            .orElse(""),
                    median(rates.get(m.name() + " load")),
                    jar.get(m.name())));
        }
        // per part, and each model's difference from the default (bge-q) per part: the spread across parts
        String base = models.get(0).name();
        out.append("\ndocs per part: top-1 / top-3 / AUC (answerable n, unanswerable n)\n");
        out.append(String.format("%-14s", "part"));
        for (Model m : models) out.append(String.format(" | %-22s", m.name()));
        out.append('\n');
        for (String part : DOC_PARTS) {
            DocScore b = docScores.get(base).get(part);
            out.append(String.format(
                    "%-14s",
                    part.replace(".tsv", "") + " " + b.answerable() + "/"
                            + b.unanswerableBest().size()));
            for (Model m : models) {
                DocScore d = docScores.get(m.name()).get(part);
                out.append(String.format(Locale.ROOT, " | %3d %3d %.3f          ", d.top1(), d.top3(), d.auc()));
            }
            out.append('\n');
        }
        out.append("\nmessages per part: P@5 hits / R@5 of relevant / MRR / AUC\n");
        for (String part : MESSAGE_PARTS) {
            MsgScore b = msgScores.get(base).get(part);
            out.append(String.format("%-14s", part.replace(".tsv", "") + " " + b.relevantTotal()));
            for (Model m : models) {
                MsgScore s = msgScores.get(m.name()).get(part);
                out.append(String.format(
                        Locale.ROOT, " | %3d/%3d %.3f %.3f", s.relevantReturned(), s.returned(), s.mrr(), s.auc()));
            }
            out.append('\n');
        }
        out.append("\ndifference from " + base + " per part: mean, min..max over the parts (docs: 12 parts, rates in"
                + " points of %; messages: 4 parts)\n");
        for (Model m : models) {
            if (m.name().equals(base)) continue;
            List<Double> t1 = new ArrayList<>(), t3 = new ArrayList<>(), da = new ArrayList<>();
            for (String part : DOC_PARTS) {
                DocScore d = docScores.get(m.name()).get(part),
                        b = docScores.get(base).get(part);
                t1.add(100.0 * (d.top1() - b.top1()) / b.answerable());
                t3.add(100.0 * (d.top3() - b.top3()) / b.answerable());
                da.add(100 * (d.auc() - b.auc()));
            }
            List<Double> mr = new ArrayList<>(), mm = new ArrayList<>(), ma = new ArrayList<>();
            for (String part : MESSAGE_PARTS) {
                MsgScore s = msgScores.get(m.name()).get(part),
                        b = msgScores.get(base).get(part);
                mr.add(100 * (s.recall() - b.recall()));
                mm.add(100 * (s.mrr() - b.mrr()));
                ma.add(100 * (s.auc() - b.auc()));
            }
            out.append(String.format(
                    "%-13s docs top-1 %s, top-3 %s, AUC %s | msg R@5 (=P@5 x const) %s, MRR %s, AUC %s%n",
                    m.name(), spread(t1), spread(t3), spread(da), spread(mr), spread(mm), spread(ma)));
            // paired over the questions, all parts pooled: questions only one of the two gets right (docs top-1),
            // queries where one finds more relevant threads in its five (messages); exact two-sided sign test
            List<Boolean> mine = pooledDocs(docScores.get(m.name()).values()).firstRight(),
                    theirs = pooledDocs(docScores.get(base).values()).firstRight();
            int dw = 0, dl = 0;
            for (int i = 0; i < mine.size(); i++) {
                if (mine.get(i) && !theirs.get(i)) dw++;
                if (!mine.get(i) && theirs.get(i)) dl++;
            }
            List<Integer> mf = pooledMsgs(msgScores.get(m.name()).values()).found(),
                    bf = pooledMsgs(msgScores.get(base).values()).found();
            int mw = 0, ml = 0;
            for (int i = 0; i < mf.size(); i++) {
                if (mf.get(i) > bf.get(i)) mw++;
                if (mf.get(i) < bf.get(i)) ml++;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%-13s paired: docs top-1 right only with it %d, only with %s %d (sign test p %.3g); messages"
                            + " queries finding more %d, fewer %d (p %.3g)%n",
                    "",
                    dw,
                    base,
                    dl,
                    signTest(dw, dl),
                    mw,
                    ml,
                    signTest(mw, ml)));
        }
        out.append(String.format(
                "%nload average at the end: %s%n",
                Files.readString(Path.of("/proc/loadavg")).trim()));
        Path file = Path.of(System.getProperty("out", "/tmp/embedding-models.txt"));
        Files.writeString(file, out);
        System.out.println(out);
        assertThat(docScores).hasSize(models.size());
    }

    /** Two-sided exact sign test: the chance of a split at least this uneven of {@code a + b} fair coin tosses. */
    static double signTest(int a, int b) {
        int n = a + b, k = Math.min(a, b);
        if (n == 0) return 1;
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return Math.min(1, 2 * tail);
    }

    static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
        return s;
    }

    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    static String spread(List<Double> xs) {
        double mean = xs.stream().mapToDouble(x -> x).average().orElse(0);
        double min = xs.stream().mapToDouble(x -> x).min().orElse(0);
        double max = xs.stream().mapToDouble(x -> x).max().orElse(0);
        long better = xs.stream().filter(x -> x > 0).count(),
                worse = xs.stream().filter(x -> x < 0).count();
        return String.format(Locale.ROOT, "%+.1f [%+.1f..%+.1f] %d+/%d-", mean, min, max, better, worse);
    }

    static DocScore pooledDocs(Iterable<DocScore> parts) {
        int a = 0, t1 = 0, t3 = 0;
        List<Double> ans = new ArrayList<>(), un = new ArrayList<>();
        List<Boolean> fr = new ArrayList<>();
        for (DocScore d : parts) {
            a += d.answerable();
            t1 += d.top1();
            t3 += d.top3();
            ans.addAll(d.answerableBest());
            un.addAll(d.unanswerableBest());
            fr.addAll(d.firstRight());
        }
        return new DocScore(a, t1, t3, ans, un, fr);
    }

    static MsgScore pooledMsgs(Iterable<MsgScore> parts) {
        int ret = 0, rr = 0, rt = 0, an = 0;
        double rec = 0;
        List<Double> rel = new ArrayList<>(), un = new ArrayList<>();
        List<Integer> found = new ArrayList<>();
        for (MsgScore s : parts) {
            ret += s.returned();
            rr += s.relevantReturned();
            rt += s.relevantTotal();
            an += s.answerable();
            rec += s.rr();
            rel.addAll(s.relevantSims());
            un.addAll(s.unrelatedSims());
            found.addAll(s.found());
        }
        return new MsgScore(ret, rr, rt, rec, an, rel, un, found);
    }

    /**
     * The smallest cosine between this encoder's vectors and those of langchain4j 1.20's {@link OnnxEmbeddingModel}
     * loaded from the model's files extracted from its jar, on a few texts: the way the models are run here is theirs.
     */
    static double checkAgainstLangchain4j(Encoder e) throws Exception {
        Path dir = Files.createTempDirectory("embmodel");
        try {
            Path onnx = dir.resolve(e.model.onnx()), tok = dir.resolve(e.model.tokenizer());
            try (InputStream in = stream(e.model.onnx())) {
                Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
            }
            try (InputStream in = stream(e.model.tokenizer())) {
                Files.copy(in, tok, StandardCopyOption.REPLACE_EXISTING);
            }
            OnnxEmbeddingModel ref = new OnnxEmbeddingModel(
                    onnx, tok, e.model.cls() ? PoolingMode.CLS : PoolingMode.MEAN, Runnable::run);
            double min = 1;
            for (String t : List.of(
                    "db-2 disk full again?",
                    e.model.queryPrefix() + "how do I roll back a deploy",
                    e.model.passagePrefix()
                            + "Deploys > Rollback\nRun `argo rollout undo` and watch the canary for ten minutes.")) {
                float[] a = e.run(t), b = norm(ref.embed(t).content().vector());
                min = Math.min(min, cos(a, b));
            }
            return min;
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    /**
     * Sentences/s per model over the same 200 history messages, one intra-op thread, and its load time (the jar's files
     * read, the session and tokenizer made), the models interleaved over {@code -Drounds} rounds (the machine is
     * shared): each round loads each network afresh, runs 10 warm-up sentences, then times the 200. A prefix variant runs
     * the same network: measured once, its figures shown for both. Rates under "name", load times under "name load".
     */
    static Map<String, List<Double>> speed(List<Model> models, List<Message> messages) throws Exception {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < messages.size() && sentences.size() < 200; i += 2)
            sentences.add(messages.get(i).text());
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, Model> networks = new LinkedHashMap<>(); // onnx file -> its first variant
        for (Model m : models) networks.putIfAbsent(m.onnx(), m);
        int rounds = Integer.getInteger("rounds", 3);
        for (int r = 0; r < rounds; r++) {
            for (Model m : networks.values()) {
                try (Encoder e = new Encoder(m)) {
                    rates.computeIfAbsent(m.name() + " load", k -> new ArrayList<>())
                            .add((double) e.loadMillis);
                    for (int i = 0; i < 10; i++) e.run(sentences.get(i));
                    long t0 = System.nanoTime();
                    for (String s : sentences) e.run(m.passagePrefix() + s);
                    rates.computeIfAbsent(m.name(), k -> new ArrayList<>())
                            .add(sentences.size() / ((System.nanoTime() - t0) / 1e9));
                }
            }
            System.out.printf("speed round %d done%n", r + 1);
        }
        for (Model m : models) {
            Model n = networks.get(m.onnx());
            rates.putIfAbsent(m.name(), rates.get(n.name()));
            rates.putIfAbsent(m.name() + " load", rates.get(n.name() + " load"));
        }
        return rates;
    }
}
