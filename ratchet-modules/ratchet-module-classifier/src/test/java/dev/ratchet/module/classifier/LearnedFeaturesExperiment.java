package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.ClassifierEval.Labelled;
import dev.ratchet.module.classifier.ClassifierEval.Tally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Feature sets of the learned stage measured leave-one-SET-out: for each blind set 29-40 (homegrown bots in new
 * languages and tools whose state sits in new places), a model trained on {@link LearnedModelTest#TRAINING} without
 * that set scores it, after the rules, as {@code GeneralisationTest}'s stateless column does ({@code new
 * BuiltinClassifier(Set.of(), model)}). Unlike leave-tools-out, the held-out set's languages, writers and layouts are
 * new too, which is what the unseen sets (41 and later, never read here) bring. A measurement, not a test: run only
 * when named, e.g. {@code -Dtest=LearnedFeaturesExperiment -Dratchet.classifier.kinds='base;char;where'} (each variant
 * a comma-separated list of {@link LearnedRecogniser#features(MessageView, Set)}'s optional kinds, "base" for none).
 */
class LearnedFeaturesExperiment {

    /** The blind sets held out one at a time: those of the model's training from 29 to 40. */
    static final List<String> HELD_OUT = LearnedModelTest.TRAINING.stream()
            .filter(f ->
                    f.matches("blind(" + System.getProperty("ratchet.classifier.held", "29|3\\d|40") + ")\\.jsonl"))
            .toList();

    @Test
    void feature_sets_leave_one_set_out() throws IOException {
        Map<String, List<Labelled>> bySet = new LinkedHashMap<>();
        for (String f : LearnedModelTest.TRAINING) {
            bySet.put(f, GeneralisationTest.load(f));
        }
        // the rules' answers do not depend on the model: asked once per held-out message
        Map<MessageView, Optional<Classification>> rules = new IdentityHashMap<>();
        BuiltinClassifier rulesOnly = new BuiltinClassifier(Set.of("learned"), null);
        for (String s : HELD_OUT) {
            for (Labelled l : bySet.get(s)) {
                rules.put(l.message(), rulesOnly.classify(l.message()));
            }
        }
        double l2 =
                Double.parseDouble(System.getProperty("ratchet.classifier.l2", String.valueOf(LearnedModelTest.L2)));
        double threshold = Double.parseDouble(
                System.getProperty("ratchet.classifier.threshold", String.valueOf(LearnedRecogniser.THRESHOLD)));
        StringBuilder report = new StringBuilder();
        for (String variant :
                System.getProperty("ratchet.classifier.kinds", "base").split(";")) {
            long t0 = System.nanoTime();
            Set<String> kinds = variant.equals("base") ? Set.of() : Set.of(variant.split(","));
            Map<MessageView, Set<String>> features = new IdentityHashMap<>();
            for (List<Labelled> list : bySet.values()) {
                for (Labelled l : list) {
                    if (l.message().bot()) {
                        features.put(l.message(), LearnedRecogniser.features(l.message(), kinds));
                    }
                }
            }
            List<Tally> tallies = new ArrayList<>();
            List<Tally> alone = new ArrayList<>();
            StringBuilder rows = new StringBuilder();
            int size = 0;
            for (String held : HELD_OUT) {
                List<LearnedRecogniser.Example> examples = new ArrayList<>();
                bySet.forEach((file, list) -> {
                    if (!file.equals(held)) {
                        for (Labelled l : list) {
                            if (l.message().bot()) {
                                examples.add(new LearnedRecogniser.Example(features.get(l.message()), l.action()));
                            }
                        }
                    }
                });
                LearnedRecogniser model = LearnedRecogniser.train(
                                examples, LearnedModelTest.MIN_COUNT, LearnedModelTest.EPOCHS, l2)
                        .withThreshold(threshold)
                        .withFeatures(m -> features.computeIfAbsent(m, v -> LearnedRecogniser.features(v, kinds)));
                size = Math.max(size, model.size());
                BuiltinClassifier withModel = new BuiltinClassifier(Set.of(), model);
                Tally t = ClassifierEval.score(bySet.get(held), m -> {
                            Optional<Classification> r = rules.get(m);
                            return r != null && r.isPresent() ? r : withModel.classify(m);
                        })
                        .overall();
                tallies.add(t);
                // the model alone on the held-out set: what it carries to a set whose words it never saw, rules aside
                Tally a = ClassifierEval.score(
                                bySet.get(held),
                                m -> m.bot()
                                        ? model.recognise(m, BuiltinClassifier.normalise(m.text()), labelsOf(m))
                                                .map(GenericRecogniser.Finding::classification)
                                        : Optional.empty())
                        .overall();
                alone.add(a);
                rows.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.3f | %.3f | %.3f | alone %.3f | %.3f | %.3f |%n",
                        variant,
                        held.replace(".jsonl", ""),
                        t.precision(),
                        t.recall(),
                        t.f1(),
                        a.precision(),
                        a.recall(),
                        a.f1()));
            }
            Tally pooled = ClassifierEval.sum(tallies);
            Tally pooledAlone = ClassifierEval.sum(alone);
            String line = String.format(
                    Locale.ROOT,
                    "POOLED | %s | l2 %.0e | thr %.2f | P %.3f | R %.3f | F1 %.3f | alone P %.3f | R %.3f | F1 %.3f"
                            + " | features %d | %.0f s%n",
                    variant,
                    l2,
                    threshold,
                    pooled.precision(),
                    pooled.recall(),
                    pooled.f1(),
                    pooledAlone.precision(),
                    pooledAlone.recall(),
                    pooledAlone.f1(),
                    size,
                    (System.nanoTime() - t0) / 1e9);
            System.out.print(rows);
            System.out.print(line);
            report.append(rows).append(line);
        }
        Files.writeString(Path.of("target/classifier-features-report.md"), report);
    }

    private static java.util.Map<String, String> labelsOf(MessageView m) {
        java.util.Map<String, String> labels = BuiltinClassifier.labels(BuiltinClassifier.normalise(m.text()));
        m.fields()
                .forEach((k, v) ->
                        labels.putIfAbsent(k, BuiltinClassifier.normalise(v).strip()));
        return labels;
    }
}
