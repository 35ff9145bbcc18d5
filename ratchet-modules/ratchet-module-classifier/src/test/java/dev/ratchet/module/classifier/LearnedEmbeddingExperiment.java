package dev.ratchet.module.classifier;

import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.module.classifier.ClassifierEval.Labelled;
import dev.ratchet.module.classifier.ClassifierEval.Tally;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An experiment, not a check (CI skips it): do sentence-embedding features (the in-process bge-small-en-v1.5-q of
 * ratchet-core, 384 dimensions) find tools the learned stage never saw better than its word features? Scored as {@link
 * LearnedModelTest} scores the shipped model, leave-tools-out in the same {@value LearnedModelTest#FOLDS} folds, for
 * the words alone (today's model), words + embedding, the embedding alone (logistic regression) and a k-nearest-
 * neighbour vote over the embedding. Run with
 *
 * <pre>
 * ./mvnw -B -ntp -o test -pl ratchet-modules/ratchet-module-classifier -Dtest=LearnedEmbeddingExperiment \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djapicmp.skip=true
 * </pre>
 *
 * It is a measurement, not a test of the build: its name is outside surefire's test patterns, so only a run that
 * names it with {@code -Dtest} runs it (it takes minutes: it embeds every fixture message and trains 10 folds a
 * setting).
 *
 * The fixtures' embeddings are cached in {@code target/classifier-embeddings.tsv} (about a minute to make them).
 * Figures and the decision: {@code src/test/fixtures/EMBEDDINGS.md}.
 */
class LearnedEmbeddingExperiment {

    static final Path CACHE = Path.of("target/classifier-embeddings.tsv");
    static final int DIMENSION = 384;

    /**
     * What is embedded ({@code -Dratchet.classifier.embedText}): {@code full} (poster, headlines, first six lines,
     * fields), {@code head} (headlines and first three lines only), {@code title} (headlines and the first line).
     */
    static final String TEXT = System.getProperty("ratchet.classifier.embedText", "full");

    /** The text embedded for a message: its poster, headlines, first lines and fields, as one short document. */
    static String embeddingText(MessageView view) {
        boolean full = TEXT.equals("full");
        StringBuilder b = new StringBuilder();
        if (full && view.username() != null && !view.username().isBlank()) {
            b.append(view.username().strip()).append(":\n");
        }
        for (String t : view.titles()) {
            if (!t.isBlank()) {
                b.append(SlackText.normalise(t).strip()).append('\n');
            }
        }
        int n = 0;
        for (String line : SlackText.normalise(view.text()).split("\n")) {
            if (!line.isBlank() && n++ < (full ? 6 : TEXT.equals("title") ? 1 : 3)) {
                b.append(line.strip()).append('\n');
            }
        }
        if (full) {
            view.fields().forEach((k, v) -> {
                String value = SlackText.normalise(v).strip().replace('\n', ' ');
                b.append(k.strip())
                        .append(": ")
                        .append(value.length() > 80 ? value.substring(0, 80) : value)
                        .append('\n');
            });
        }
        String s = b.toString();
        return s.length() > 1200 ? s.substring(0, 1200) : s;
    }

    /** Embeddings of the texts, from the cache or made now (and cached), rounded to 3 decimals. */
    static Map<String, double[]> embeddings(List<String> texts) throws IOException {
        Map<String, double[]> cached = new HashMap<>();
        if (Files.exists(CACHE)) {
            for (String line : Files.readAllLines(CACHE)) {
                String[] p = line.split("\t");
                String[] xs = p[1].split(",");
                double[] v = new double[xs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(xs[i]);
                }
                cached.put(p[0], v);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String t : texts) {
            if (!cached.containsKey(hash(t)) && !missing.contains(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            long t0 = System.nanoTime();
            LocalEmbedder embedder = new LocalEmbedder();
            StringBuilder out = new StringBuilder();
            for (int from = 0; from < missing.size(); from += 32) {
                List<String> batch = missing.subList(from, Math.min(missing.size(), from + 32));
                List<float[]> vs = embedder.embed(batch);
                for (int i = 0; i < batch.size(); i++) {
                    double[] v = new double[DIMENSION];
                    StringBuilder line = new StringBuilder(hash(batch.get(i))).append('\t');
                    for (int j = 0; j < DIMENSION; j++) {
                        v[j] = Math.round(vs.get(i)[j] * 1000.0) / 1000.0;
                        line.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", v[j]));
                    }
                    cached.put(hash(batch.get(i)), v);
                    out.append(line).append('\n');
                }
            }
            Files.createDirectories(CACHE.getParent());
            Files.writeString(
                    CACHE,
                    out.toString(),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            System.out.printf(
                    Locale.ROOT, "embedded %d texts in %.1f s%n", missing.size(), (System.nanoTime() - t0) / 1e9);
        }
        Map<String, double[]> byText = new HashMap<>();
        for (String t : texts) {
            byText.put(t, cached.get(hash(t)));
        }
        return byText;
    }

    static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- models

    /** A variant: how it trains on labelled messages into a recogniser. */
    interface Variant {
        LearnedRecogniser train(List<Labelled> labelled);
    }

    /** The embedding of a message, scaled (a unit vector's components are about 1/sqrt(384)). */
    private final Map<String, double[]> vectors = new HashMap<>();

    private double scale = Math.sqrt(DIMENSION);

    double[] dense(MessageView view) {
        double[] v = vectors.get(embeddingText(view));
        if (v == null) {
            throw new IllegalStateException("no embedding for " + embeddingText(view));
        }
        double[] x = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            x[j] = v[j] * scale;
        }
        return x;
    }

    /**
     * Softmax regression as {@link LearnedRecogniser#train} trains it (full batch, AdaGrad from zero, the same rate),
     * over the word features (when {@code words}) and the embedding (when {@code embedding}, L2 {@code denseL2}).
     */
    LearnedRecogniser trainJoint(List<Labelled> labelled, boolean words, boolean embedding, double l2, double denseL2) {
        List<Labelled> bots = labelled.stream().filter(l -> l.message().bot()).toList();
        List<Set<String>> feats = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Labelled l : bots) {
            Set<String> f = words ? LearnedRecogniser.features(l.message()) : Set.of();
            feats.add(f);
            for (String s : f) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        names.add("");
        index.put("", 0);
        counts.forEach((f, c) -> {
            if (c >= LearnedModelTest.MIN_COUNT) {
                index.put(f, names.size());
                names.add(f);
            }
        });
        int n = bots.size();
        int[][] rows = new int[n][];
        double[][] xs = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> r = new ArrayList<>();
            r.add(0);
            for (String f : feats.get(i)) {
                Integer j = index.get(f);
                if (j != null) {
                    r.add(j);
                }
            }
            rows[i] = r.stream().mapToInt(Integer::intValue).sorted().toArray();
            xs[i] = embedding ? dense(bots.get(i).message()) : new double[0];
            labels[i] = bots.get(i).action().ordinal();
        }
        int dims = names.size();
        int dd = embedding ? DIMENSION : 0;
        int classes = 3;
        double[][] w = new double[dims][classes];
        double[][] g2 = new double[dims][classes];
        double[][] v = new double[dd][classes];
        double[][] h2 = new double[dd][classes];
        double rate = 0.5;
        for (int epoch = 0; epoch < LearnedModelTest.EPOCHS; epoch++) {
            double[][] grad = new double[dims][classes];
            double[][] dgrad = new double[dd][classes];
            for (int i = 0; i < n; i++) {
                double[] z = new double[classes];
                for (int j : rows[i]) {
                    for (int k = 0; k < classes; k++) {
                        z[k] += w[j][k];
                    }
                }
                for (int j = 0; j < dd; j++) {
                    for (int k = 0; k < classes; k++) {
                        z[k] += xs[i][j] * v[j][k];
                    }
                }
                double[] p = LearnedRecogniser.softmax(z);
                p[labels[i]] -= 1;
                for (int j : rows[i]) {
                    for (int k = 0; k < classes; k++) {
                        grad[j][k] += p[k];
                    }
                }
                for (int j = 0; j < dd; j++) {
                    for (int k = 0; k < classes; k++) {
                        dgrad[j][k] += p[k] * xs[i][j];
                    }
                }
            }
            for (int j = 0; j < dims; j++) {
                for (int k = 0; k < classes; k++) {
                    double g = grad[j][k] / n + (j == 0 ? 0 : l2 * w[j][k]);
                    g2[j][k] += g * g;
                    w[j][k] -= rate * g / (Math.sqrt(g2[j][k]) + 1e-8);
                }
            }
            for (int j = 0; j < dd; j++) {
                for (int k = 0; k < classes; k++) {
                    double g = dgrad[j][k] / n + denseL2 * v[j][k];
                    h2[j][k] += g * g;
                    v[j][k] -= rate * g / (Math.sqrt(h2[j][k]) + 1e-8);
                }
            }
        }
        Map<String, double[]> weights = new HashMap<>();
        for (int j = 0; j < dims; j++) {
            weights.put(names.get(j), w[j]);
        }
        if (!embedding) {
            return new LearnedRecogniser(weights);
        }
        return new LearnedRecogniser(weights, view -> {
            double[] x = dense(view);
            double[] z = new double[classes];
            for (int j = 0; j < dd; j++) {
                for (int k = 0; k < classes; k++) {
                    z[k] += x[j] * v[j][k];
                }
            }
            return z;
        });
    }

    /**
     * A k-nearest-neighbour vote (cosine over the embedding, each neighbour weighing its similarity), as log
     * probabilities so that the recogniser's softmax gives the vote back.
     */
    LearnedRecogniser knn(List<Labelled> labelled, int k) {
        List<Labelled> bots = labelled.stream().filter(l -> l.message().bot()).toList();
        double[][] xs = new double[bots.size()][];
        int[] labels = new int[bots.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = vectors.get(embeddingText(bots.get(i).message()));
            labels[i] = bots.get(i).action().ordinal();
        }
        Function<MessageView, double[]> vote = view -> {
            double[] q = vectors.get(embeddingText(view));
            double[] sims = new double[xs.length];
            Integer[] order = new Integer[xs.length];
            for (int i = 0; i < xs.length; i++) {
                double s = 0;
                for (int j = 0; j < q.length; j++) {
                    s += q[j] * xs[i][j];
                }
                sims[i] = s;
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
            double[] p = new double[3];
            double sum = 0;
            for (int i = 0; i < Math.min(k, order.length); i++) {
                double wgt = Math.max(1e-6, sims[order[i]]);
                p[labels[order[i]]] += wgt;
                sum += wgt;
            }
            double[] z = new double[3];
            for (int c = 0; c < 3; c++) {
                z[c] = Math.log(Math.max(1e-9, p[c] / sum));
            }
            return z;
        };
        return new LearnedRecogniser(Map.of(), vote);
    }

    // ---------------------------------------------------------------- scoring

    record Scores(Tally rules, Tally withModel, Tally alone, List<Tally> sweepAlone, List<Tally> sweepWith) {}

    static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.8, 0.9};

    @Test
    void embedding_features_leave_tools_out() throws IOException {
        Map<String, List<Labelled>> bySet = new LinkedHashMap<>();
        for (String f : LearnedModelTest.TRAINING) {
            bySet.put(f, GeneralisationTest.load(f));
        }
        Map<String, List<Labelled>> groups = new TreeMap<>();
        bySet.forEach((file, list) -> list.forEach(l -> {
            String key = ClassifierEval.LOOK_ALIKE_TOOLS.contains(l.tool())
                    ? l.tool() + "@" + file.replace(".jsonl", "")
                    : l.tool();
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(l);
        }));
        List<Labelled> all = bySet.values().stream().flatMap(List::stream).toList();
        vectors.putAll(embeddings(all.stream()
                .filter(l -> l.message().bot())
                .map(l -> embeddingText(l.message()))
                .distinct()
                .toList()));
        List<List<Labelled>> ordered = new ArrayList<>(groups.values());

        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("words (today's model)", l -> trainJoint(l, true, false, LearnedModelTest.L2, 0));
        String only = System.getProperty("ratchet.classifier.variants", "");
        // scale:L2 pairs for the embedding beside the words
        for (String pair : System.getProperty("ratchet.classifier.embedGrid", "20:1e-3,20:1e-2")
                .split(",")) {
            double s = Double.parseDouble(pair.split(":")[0]);
            double d = Double.parseDouble(pair.split(":")[1]);
            String name = String.format(Locale.ROOT, "words + embedding %s (x%.0f, L2 %.0e)", TEXT, s, d);
            variants.put(name, l -> {
                scale = s;
                return trainJoint(l, true, true, LearnedModelTest.L2, d);
            });
        }
        variants.put("embedding alone " + TEXT + ", logistic (L2 1e-3)", l -> {
            scale = Math.sqrt(DIMENSION);
            return trainJoint(l, false, true, 0, 1e-3);
        });
        variants.put("embedding alone " + TEXT + ", 5-NN", l -> knn(l, 5));
        variants.put("embedding alone " + TEXT + ", 15-NN", l -> knn(l, 15));

        StringBuilder report = new StringBuilder();
        report.append("\n## Embedding features, leave-tools-out in ")
                .append(LearnedModelTest.FOLDS)
                .append(" folds (")
                .append(groups.size())
                .append(" groups, ")
                .append(all.size())
                .append(" messages)\n\n");
        report.append("| variant | rules P | R | F1 | rules + model P | R | F1 | model alone P | R | F1 |\n");
        report.append("|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder sweeps = new StringBuilder();
        for (Map.Entry<String, Variant> v : variants.entrySet()) {
            if (!only.isEmpty() && !v.getKey().matches(only)) {
                continue;
            }
            long t0 = System.nanoTime();
            Scores s = score(ordered, v.getValue());
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    v.getKey(),
                    s.rules().precision(),
                    s.rules().recall(),
                    s.rules().f1(),
                    s.withModel().precision(),
                    s.withModel().recall(),
                    s.withModel().f1(),
                    s.alone().precision(),
                    s.alone().recall(),
                    s.alone().f1()));
            sweeps.append("\n### ").append(v.getKey()).append(" by threshold (pooled)\n\n");
            sweeps.append(
                    "| threshold | rules + model P | R | F1 | FP | model alone P | R | F1 |\n|---|---|---|---|---|---|---|---|\n");
            for (int t = 0; t < THRESHOLDS.length; t++) {
                Tally w = s.sweepWith().get(t);
                Tally a = s.sweepAlone().get(t);
                sweeps.append(String.format(
                        Locale.ROOT,
                        "| %.1f | %.3f | %.3f | %.3f | %d | %.3f | %.3f | %.3f |%n",
                        THRESHOLDS[t],
                        w.precision(),
                        w.recall(),
                        w.f1(),
                        w.fp,
                        a.precision(),
                        a.recall(),
                        a.f1()));
            }
            System.out.printf(Locale.ROOT, "%s: %.1f s%n", v.getKey(), (System.nanoTime() - t0) / 1e9);
        }
        System.out.println(report);
        System.out.println(sweeps);
        Files.writeString(Path.of("target/classifier-embeddings-report-" + TEXT + ".md"), report + "\n" + sweeps);
    }

    private Scores score(List<List<Labelled>> ordered, Variant variant) {
        List<Tally> rules = new ArrayList<>();
        List<Tally> with = new ArrayList<>();
        List<Tally> alone = new ArrayList<>();
        List<List<Tally>> sweepAlone = new ArrayList<>();
        List<List<Tally>> sweepWith = new ArrayList<>();
        for (int t = 0; t < THRESHOLDS.length; t++) {
            sweepAlone.add(new ArrayList<>());
            sweepWith.add(new ArrayList<>());
        }
        List<Labelled> all = ordered.stream().flatMap(List::stream).toList();
        for (int fold = 0; fold < LearnedModelTest.FOLDS; fold++) {
            Set<Labelled> held = Collections.newSetFromMap(new IdentityHashMap<>());
            List<List<Labelled>> out = new ArrayList<>();
            for (int i = fold; i < ordered.size(); i += LearnedModelTest.FOLDS) {
                out.add(ordered.get(i));
                held.addAll(ordered.get(i));
            }
            LearnedRecogniser without =
                    variant.train(all.stream().filter(l -> !held.contains(l)).toList());
            for (List<Labelled> g : out) {
                String tool = g.get(0).tool();
                rules.add(ClassifierEval.score(g, new BuiltinClassifier(Set.of(tool, "learned"), null)::classify)
                        .overall());
                with.add(ClassifierEval.score(g, new BuiltinClassifier(Set.of(tool), without)::classify)
                        .overall());
                alone.add(alone(g, without));
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    LearnedRecogniser at = without.withThreshold(THRESHOLDS[t]);
                    sweepAlone.get(t).add(alone(g, at));
                    sweepWith
                            .get(t)
                            .add(ClassifierEval.score(g, new BuiltinClassifier(Set.of(tool), at)::classify)
                                    .overall());
                }
            }
        }
        List<Tally> sa = new ArrayList<>();
        List<Tally> sw = new ArrayList<>();
        for (int t = 0; t < THRESHOLDS.length; t++) {
            sa.add(ClassifierEval.sum(sweepAlone.get(t)));
            sw.add(ClassifierEval.sum(sweepWith.get(t)));
        }
        return new Scores(ClassifierEval.sum(rules), ClassifierEval.sum(with), ClassifierEval.sum(alone), sa, sw);
    }

    private static Tally alone(List<Labelled> g, LearnedRecogniser model) {
        return ClassifierEval.score(
                        g,
                        m -> model.recognise(m, SlackText.normalise(m.text()), labels(m))
                                .map(Finding::classification))
                .overall();
    }

    private static Map<String, String> labels(MessageView m) {
        Map<String, String> labels = SlackText.labels(SlackText.normalise(m.text()));
        m.fields()
                .forEach((k, v) -> labels.putIfAbsent(k, SlackText.normalise(v).strip()));
        return labels;
    }
}
