package dev.ratchet.module.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A measurement, not shipped: the learned stage as a small "wide and deep" network over the same features as {@link
 * LearnedRecogniser} (a linear part per feature, plus one hidden layer of {@code hidden} ReLU units fed by the sum of the
 * active features' vectors), trained by AdaGrad one example at a time in a seeded order. Does a hidden layer, which can
 * weigh words together (a red colour with a "Status" field, a word in a headline rather than a line), find alerts the
 * linear model misses? {@code LearnedLeaveSetOutExperiment} scores it with {@code -Dratchet.classifier.mlp=H}.
 */
final class LearnedMlp {

    private static final int CLASSES = 3;

    private final Map<String, Integer> index;
    private final double[][] linear; // per feature: open, close, none
    private final double[][] embed; // per feature: hidden
    private final double[] hiddenBias;
    private final double[][] out; // hidden x classes
    private final double[] outBias;

    private LearnedMlp(Map<String, Integer> index, int hidden, long seed) {
        this.index = index;
        int n = index.size();
        this.linear = new double[n][CLASSES];
        this.embed = new double[n][hidden];
        this.hiddenBias = new double[hidden];
        this.out = new double[hidden][CLASSES];
        this.outBias = new double[CLASSES];
        Random r = new Random(seed);
        for (double[] e : embed) {
            for (int h = 0; h < hidden; h++) {
                e[h] = (r.nextDouble() - 0.5) * 0.1;
            }
        }
        for (double[] o : out) {
            for (int k = 0; k < CLASSES; k++) {
                o[k] = (r.nextDouble() - 0.5) * 0.1;
            }
        }
    }

    private int[] rows(Set<String> features) {
        List<Integer> r = new ArrayList<>();
        for (String f : features) {
            Integer j = index.get(f);
            if (j != null) {
                r.add(j);
            }
        }
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The scores (before the softmax) of open, close and none for a message's features. */
    double[] scores(Set<String> features) {
        int[] r = rows(features);
        double[] h = hidden(r);
        return scores(r, h);
    }

    private double[] hidden(int[] r) {
        double[] h = hiddenBias.clone();
        for (int j : r) {
            double[] e = embed[j];
            for (int k = 0; k < h.length; k++) {
                h[k] += e[k];
            }
        }
        for (int k = 0; k < h.length; k++) {
            h[k] = Math.max(0, h[k]);
        }
        return h;
    }

    private double[] scores(int[] r, double[] h) {
        double[] z = outBias.clone();
        for (int j : r) {
            for (int k = 0; k < CLASSES; k++) {
                z[k] += linear[j][k];
            }
        }
        for (int u = 0; u < h.length; u++) {
            if (h[u] != 0) {
                for (int k = 0; k < CLASSES; k++) {
                    z[k] += h[u] * out[u][k];
                }
            }
        }
        return z;
    }

    static LearnedMlp train(
            List<LearnedRecogniser.Example> examples, int minCount, int hidden, int epochs, double rate, double l2) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LearnedRecogniser.Example ex : examples) {
            for (String f : ex.features()) {
                counts.merge(f, 1, Integer::sum);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        counts.forEach((f, c) -> {
            if (c >= minCount) {
                index.put(f, index.size());
            }
        });
        LearnedMlp m = new LearnedMlp(index, hidden, 42);
        int n = index.size();
        double[][] gLinear = new double[n][CLASSES];
        double[][] gEmbed = new double[n][hidden];
        double[] gHiddenBias = new double[hidden];
        double[][] gOut = new double[hidden][CLASSES];
        double[] gOutBias = new double[CLASSES];
        int[][] rows = new int[examples.size()][];
        int[] labels = new int[examples.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = m.rows(examples.get(i).features());
            labels[i] = examples.get(i).label().ordinal();
        }
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random shuffle = new Random(7);
        double eps = 1e-8;
        for (int epoch = 0; epoch < epochs; epoch++) {
            java.util.Collections.shuffle(java.util.Arrays.asList(order), shuffle);
            for (int i : order) {
                int[] r = rows[i];
                double[] h = m.hidden(r);
                double[] p = LearnedRecogniser.softmax(m.scores(r, h));
                p[labels[i]] -= 1; // d loss / d z
                for (int k = 0; k < CLASSES; k++) {
                    gOutBias[k] += p[k] * p[k];
                    m.outBias[k] -= rate * p[k] / (Math.sqrt(gOutBias[k]) + eps);
                }
                double[] dh = new double[hidden];
                for (int u = 0; u < hidden; u++) {
                    if (h[u] == 0) {
                        continue;
                    }
                    for (int k = 0; k < CLASSES; k++) {
                        dh[u] += p[k] * m.out[u][k];
                        double g = p[k] * h[u] + l2 * m.out[u][k];
                        gOut[u][k] += g * g;
                        m.out[u][k] -= rate * g / (Math.sqrt(gOut[u][k]) + eps);
                    }
                }
                for (int u = 0; u < hidden; u++) {
                    if (dh[u] != 0) {
                        gHiddenBias[u] += dh[u] * dh[u];
                        m.hiddenBias[u] -= rate * dh[u] / (Math.sqrt(gHiddenBias[u]) + eps);
                    }
                }
                for (int j : r) {
                    double[] w = m.linear[j];
                    double[] gw = gLinear[j];
                    for (int k = 0; k < CLASSES; k++) {
                        double g = p[k] + l2 * w[k];
                        gw[k] += g * g;
                        w[k] -= rate * g / (Math.sqrt(gw[k]) + eps);
                    }
                    double[] e = m.embed[j];
                    double[] ge = gEmbed[j];
                    for (int u = 0; u < hidden; u++) {
                        if (dh[u] != 0) {
                            double g = dh[u] + l2 * e[u];
                            ge[u] += g * g;
                            e[u] -= rate * g / (Math.sqrt(ge[u]) + eps);
                        }
                    }
                }
            }
        }
        return m;
    }
}
