package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.ClassifierEval.Labelled;
import dev.ratchet.module.classifier.ClassifierEval.Tally;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The learned stage behind the rules ({@link LearnedRecogniser}): the shipped model is what training on the labelled
 * fixtures gives (retrain with {@code -Dratchet.classifier.train=true}, which rewrites the resource), and its
 * generalisation is measured leave-one-tool-out: each tool (each look-alike file's look-alikes as one group) scored by a
 * model trained without it, with the tool's own recogniser off. Three figures per group: the rules alone, the rules with
 * the model, the model alone. The rules were widened on these fixtures, so only the model-alone column is an unseen-tool
 * estimate; the blind sets written after the model are the honest test.
 */
class LearnedModelTest {

    /**
     * The fixture files the model learns from: every labelled set this repository holds but the blind sets not yet
     * tuned on (42 and later), which stay out until they have been scored. Sets 29-40 joined on 2026-12-06 (the model had
     * been trained up to 28): unseen set 41 went 0.45 -> 0.55 with the same regularisation, 0.66 with {@link #L2} below.
     * Adding the tuned-on sets 42, 43, 44, 48 and 51 was measured on 2026-12-06 (L2 1e-4; stateless F1 on the unseen
     * sets 45, 46, 47, 49, 50, 52, from 0.74 0.70 0.68 0.63 0.98 0.84, mean 0.762) and kept none: all five 0.78 0.69
     * 0.68 0.65 0.98 0.81 (mean 0.765, 52 -0.03); without 42 0.78 0.67 0.68 0.67 0.98 0.81; 44 alone 0.78 0.71 0.68
     * 0.61 0.98 0.84 (mean 0.767, 49 -0.02; at 3e-4, which leave-tools-out preferred by 0.0003, mean 0.742); 42+44
     * 0.78 0.69 0.68 0.63 0.98 0.84 (mean 0.767, 46 under its 0.70 floor); 44+48+51 0.78 0.69 0.68 0.69 0.98 0.81
     * (mean 0.772, 52 -0.03); any set with 48 or 51 cost 52 0.84 -> 0.81; 43 alone, 51 alone, 48+51, 43+44,
     * 43+48+51 lowered the mean. Training on all five also breaks the history floor on 42 (0.95 vs 0.97 stateless).
     * Measured again later that day with every set tuned on by then (42-46, 48, 51, 52) against the seven sets never
     * tuned on (47, 49, 50, 54, 55, 56, 57; F1 per set, then pooled over them): 0.69 0.63 0.98 0.79 0.55 0.98 0.73 ->
     * 0.71 0.63 0.98 0.80 0.55 0.98 0.73, pooled 0.807 (TP 232 FP 16 FN 95) -> 0.811 (TP 234 FP 16 FN 93): two alerts
     * in 1,137 messages, within noise, and the leave-one-tool-out floor of this test fails with it (0.895 against 0.9).
     * Not kept. Measured a third time on 2026-12-07 with the 26 sets read by then (42-46, 48, 51, 52, 58-60, 62-71, 74,
     * 76-79) added, against the 17 never read (47, 49, 50, 54-57, 61, 72, 73, 75, 80-85), each F1 before -> after: 47
     * 0.69 -> 0.63, 49 0.63 -> 0.61, 54 0.79 -> 0.80, 72 0.91 -> 0.95, 73 0.93 -> 0.92, 75 0.91 -> 0.92, 80 0.90 ->
     * 0.88, 81 0.90 -> 0.93, 82 0.81 -> 0.83, 83 0.86 -> 0.82, 84 0.88 -> 0.87, the rest the same; pooled TP 648 FP 43
     * FN 151 (0.870) -> TP 643 FP 40 FN 156 (0.868), and 42's history floor broken. Not kept.
     *
     * <p>These are the fixtures up to set 41; {@link #TRAINING} adds every later blind set up to {@link
     * #LAST_TRAINED_SET}.
     */
    static final List<String> FIXTURES = List.of(
            "alerts.jsonl",
            "tools.jsonl",
            "heldout.jsonl",
            "blind.jsonl",
            "adversarial.jsonl",
            "blind2a.jsonl",
            "blind2b.jsonl",
            "blind3a.jsonl",
            "blind3b.jsonl",
            "blind4a.jsonl",
            "blind4b.jsonl",
            "blind5.jsonl",
            "blind6.jsonl",
            "blind7.jsonl",
            "blind8.jsonl",
            "blind9.jsonl",
            "blind10.jsonl",
            "blind11.jsonl",
            "blind12.jsonl",
            "blind13.jsonl",
            "blind14.jsonl",
            "blind15.jsonl",
            "blind16.jsonl",
            "blind17.jsonl",
            "blind18.jsonl",
            "blind19.jsonl",
            "blind20.jsonl",
            "blind21.jsonl",
            "blind22.jsonl",
            "blind23.jsonl",
            "blind24.jsonl",
            "blind25.jsonl",
            "blind26.jsonl",
            "blind27.jsonl",
            "blind28.jsonl",
            "blind29.jsonl",
            "blind30.jsonl",
            "blind31.jsonl",
            "blind32.jsonl",
            "blind33.jsonl",
            "blind34.jsonl",
            "blind35.jsonl",
            "blind36.jsonl",
            "blind37.jsonl",
            "blind38.jsonl",
            "blind39.jsonl",
            "blind40.jsonl",
            "blind41.jsonl");

    /**
     * The last blind set the shipped model learns from: every registered set from 42 to it joins {@link #FIXTURES}
     * (2026-12-07, seventh session; 27,900 messages). Measured first with {@code LearnedLeaveSetOutExperiment}: each of
     * sets 42-181 scored by a model trained on the fixtures and every other later set but its fold's (10 folds), against
     * the model trained up to 41. On the 61 sets nobody had read, pooled, at the old threshold 0.7: P / R / F1 0.94 /
     * 0.86 / 0.90 -> 0.953 / 0.877 / 0.914 (36 sets up, 11 down; median 0.914 -> 0.928); with {@link
     * LearnedRecogniser#THRESHOLD} at 0.5, 0.945 / 0.906 / 0.925 (TP 2,699, FP 156, FN 280). On the 79 read sets 0.91 ->
     * 0.924. L2 3e-5 gave 0.922 and 3e-4 0.92 or less at every threshold. Sets 182 and later are kept out to be scored
     * on first, as every blind set was.
     *
     * <p>Raised to 193 (2026-12-07, eighth session) once sets 182-193 had been scored on first; leave-sets-out over sets
     * 42-193 (73 unread), the stage trained to 193 without each set: 0.946 / 0.894 / 0.919. Sets 194 and later are kept
     * out to be scored on first.
     */
    static final int LAST_TRAINED_SET = 193;

    /** The files the shipped model learns from: {@link #FIXTURES}, then the blind sets 42-{@value #LAST_TRAINED_SET}. */
    static final List<String> TRAINING = training(FIXTURES);

    private static List<String> training(List<String> fixtures) {
        List<String> files = new ArrayList<>(fixtures);
        GeneralisationTest.BLIND_5_FIRST.keySet().stream()
                .mapToInt(Integer::parseInt)
                .filter(n -> n > 41 && n <= LAST_TRAINED_SET)
                .sorted()
                .forEach(n -> files.add("blind" + n + ".jsonl"));
        return List.copyOf(files);
    }

    static final int MIN_COUNT = 2;
    static final int EPOCHS = 300;
    /**
     * The L2 penalty, chosen when sets 29-40 joined the training (6,657 messages): leave-tools-out over the pool (rules
     * then the model at 0.7), 1e-3 gave P 0.929 R 0.882 F1 0.905, 3e-4 0.926 / 0.889 / 0.907, 1e-4 0.922 / 0.894 /
     * 0.908; on set 41, never trained on, 0.55, 0.61 and 0.66. A lighter penalty trades a little precision for recall
     * on tools never seen, which is where unseen sets fall short (recall 0.31 on 41 before).
     */
    static final double L2 = 1e-4;
    /** Leave-tools-out folds: each tool (and each file's look-alikes) held out of training in exactly one. */
    static final int FOLDS = 10;

    record Group(String name, List<Labelled> messages) {}

    static List<Labelled> training() throws IOException {
        List<Labelled> all = new ArrayList<>();
        for (String f : TRAINING) {
            all.addAll(GeneralisationTest.load(f));
        }
        return all;
    }

    static List<LearnedRecogniser.Example> examples(List<Labelled> labelled) {
        return labelled.stream()
                .filter(l -> l.message().bot())
                .map(l -> new LearnedRecogniser.Example(LearnedRecogniser.features(l.message()), l.action()))
                .toList();
    }

    static LearnedRecogniser train(List<Labelled> labelled) {
        return LearnedRecogniser.train(examples(labelled), MIN_COUNT, EPOCHS, L2);
    }

    @Test
    void shipped_model_is_the_one_the_fixtures_train() throws IOException {
        StringWriter trained = new StringWriter();
        train(training()).write(trained);
        Path source = Path.of("src/main/resources/dev/ratchet/module/classifier", LearnedRecogniser.RESOURCE);
        if (Boolean.getBoolean("ratchet.classifier.train")) {
            Files.writeString(source, trained.toString(), StandardCharsets.UTF_8);
        }
        String shipped;
        try (InputStream in = Objects.requireNonNull(
                LearnedRecogniser.class.getResourceAsStream(LearnedRecogniser.RESOURCE), "model resource")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("ratchet.classifier.train")) {
            shipped = Files.readString(source);
        }
        assertThat(shipped)
                .as("the shipped model is stale: retrain with ./mvnw test -pl ratchet-modules/ratchet-module-classifier"
                        + " -Dtest=LearnedModelTest -Dratchet.classifier.train=true")
                .isEqualTo(trained.toString());
        assertThat(LearnedRecogniser.shipped().size()).isGreaterThan(1000);
    }

    @Test
    void leave_one_tool_out_the_model_finds_tools_it_never_saw_and_keeps_look_alikes_out() throws IOException {
        Map<String, List<Labelled>> bySet = new LinkedHashMap<>();
        for (String f : TRAINING) {
            bySet.put(f, GeneralisationTest.load(f));
        }
        Map<String, Group> groups = new TreeMap<>();
        bySet.forEach((file, list) -> list.forEach(l -> {
            String key = ClassifierEval.LOOK_ALIKE_TOOLS.contains(l.tool())
                    ? l.tool() + "@" + file.replace(".jsonl", "")
                    : l.tool();
            groups.computeIfAbsent(key, k -> new Group(k, new ArrayList<>()))
                    .messages()
                    .add(l);
        }));
        List<Labelled> all = bySet.values().stream().flatMap(List::stream).toList();
        // tools in FOLDS folds (sorted names dealt round), each fold scored by a model trained on the others
        List<Group> ordered = new ArrayList<>(groups.values());
        Map<String, Tally> rules = new LinkedHashMap<>();
        Map<String, Tally> withModel = new LinkedHashMap<>();
        Map<String, Tally> modelAlone = new LinkedHashMap<>();
        double[] thresholds = {0.5, 0.6, 0.7, 0.8, 0.9};
        List<List<Tally>> sweep = new ArrayList<>();
        for (int t = 0; t < thresholds.length; t++) {
            sweep.add(new ArrayList<>());
        }
        List<String> mistakes = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            Set<Labelled> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            List<Group> out = new ArrayList<>();
            for (int i = fold; i < ordered.size(); i += FOLDS) {
                out.add(ordered.get(i));
                held.addAll(ordered.get(i).messages());
            }
            LearnedRecogniser without =
                    train(all.stream().filter(l -> !held.contains(l)).toList());
            for (Group g : out) {
                String tool = g.messages().get(0).tool();
                rules.put(g.name(), score(g, new BuiltinClassifier(Set.of(tool, "learned"), null), null));
                withModel.put(g.name(), score(g, new BuiltinClassifier(Set.of(tool), without), mistakes));
                modelAlone.put(g.name(), alone(g, without));
                for (int t = 0; t < thresholds.length; t++) {
                    sweep.get(t).add(alone(g, without.withThreshold(thresholds[t])));
                }
            }
        }
        System.out.println("\n## Learned stage, leave-tools-out in " + FOLDS + " folds (" + groups.size() + " groups, "
                + all.size() + " messages; each group scored by a model trained without it)\n");
        System.out.println("### Rules alone (the tool's own recogniser off)\n");
        System.out.println(ClassifierEval.table(rules, ClassifierEval.sum(rules.values()), "**all, rules**"));
        System.out.println("### Rules, then the model trained without the group\n");
        System.out.println(
                ClassifierEval.table(withModel, ClassifierEval.sum(withModel.values()), "**all, rules + model**"));
        System.out.println("### The model alone, trained without the group\n");
        System.out.println(
                ClassifierEval.table(modelAlone, ClassifierEval.sum(modelAlone.values()), "**all, model alone**"));
        System.out.println("### The model alone by threshold (pooled)\n");
        Map<String, Tally> byThreshold = new LinkedHashMap<>();
        for (int t = 0; t < thresholds.length; t++) {
            byThreshold.put("p ≥ " + thresholds[t], ClassifierEval.sum(sweep.get(t)));
        }
        System.out.println(ClassifierEval.table(byThreshold, null, ""));
        mistakes.forEach(m -> System.out.println("  loo miss: " + m));

        Tally r = ClassifierEval.sum(rules.values());
        Tally w = ClassifierEval.sum(withModel.values());
        Tally a = ClassifierEval.sum(modelAlone.values());
        assertThat(w.recall()).as("the model adds recall on tools it never saw").isGreaterThan(r.recall());
        // 0.94 since blind sets 26-28 joined the pool (4,623 messages): on it the rules alone were at 0.947 (1,912
        // found, 106 false), so no model could keep the 0.95 the pool of 25 sets held (rules 0.95, with the model
        // 0.950); with the model 0.945 (2,146 found, 126 false). After the tuning on 26 and 28: rules 0.952 (1,971,
        // 99), with the model 0.949 (2,199, 118), recall 0.78 -> 0.87. 0.92 since sets 29-40 joined (6,657 messages):
        // the rules alone are at 0.938 on it (2,818 found, 186 false), with the model 0.922 (3,058, 260), recall 0.82
        // -> 0.89; with the old penalty 0.929 (3,017, 229): no penalty keeps 0.94 on this pool. 0.91 since every blind
        // set to 181 joined (29,590 messages, 2026-12-07) and the threshold went to 0.5: the rules alone are at 0.93
        // on it (8,034 found, 562 false, recall 0.79), with the model 0.917 (8,965, 817, recall 0.88), F1 0.86 -> 0.90.
        // Sets to 193 (31,574 messages, eighth session), threshold 0.4 and the likeliest of the three: rules 0.93
        // (8,431,
        // 610, recall 0.78), with the model 0.913 (9,447, 897, recall 0.88)
        assertThat(w.precision()).as("precision with the model").isGreaterThanOrEqualTo(0.91);
        assertThat(a.precision()).as("the model alone, precision").isGreaterThanOrEqualTo(0.9);
    }

    private static Tally alone(Group g, LearnedRecogniser model) {
        return ClassifierEval.score(
                        g.messages(),
                        m -> model.recognise(m, SlackText.normalise(m.text()), labelsOf(m))
                                .map(Finding::classification))
                .overall();
    }

    private static Tally score(Group g, BuiltinClassifier c, List<String> mistakes) {
        ClassifierEval.Report r = ClassifierEval.score(g.messages(), c::classify);
        if (mistakes != null) {
            mistakes.addAll(r.mistakes());
        }
        return r.overall();
    }

    private static Map<String, String> labelsOf(MessageView m) {
        Map<String, String> labels = SlackText.labels(SlackText.normalise(m.text()));
        m.fields()
                .forEach((k, v) -> labels.putIfAbsent(k, SlackText.normalise(v).strip()));
        return labels;
    }
}
