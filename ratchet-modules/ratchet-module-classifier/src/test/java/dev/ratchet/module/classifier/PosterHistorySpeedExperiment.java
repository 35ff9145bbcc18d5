package dev.ratchet.module.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What reading a poster's history costs per message the recognisers do not know, as the module does it without its
 * cache: 60 earlier messages re-read by the recognisers and replayed. Not a test: {@code -Dtest=PosterHistorySpeedExperiment}.
 */
class PosterHistorySpeedExperiment {
    @Test
    void speed() throws Exception {
        BuiltinClassifier builtin = new BuiltinClassifier();
        List<MessageView> views = new ArrayList<>();
        for (var l : GeneralisationTest.load("blind17.jsonl")) {
            if (l.message().bot()) {
                views.add(l.message());
            }
        }
        for (int round = 0; round < 6; round++) {
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = 0;
            for (int k = 0; k + 61 <= views.size(); k += 5) {
                PosterHistory h = new PosterHistory(builtin);
                for (int i = k; i < k + 60; i++) {
                    MessageView v = views.get(i);
                    Optional<Classification> c = builtin.classify(v);
                    h.learn("p", v, c);
                }
                h.recall("p", views.get(k + 60));
                n++;
            }
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
            System.out.printf(
                    "round %d: %d recalls, %.1f ms wall, %.1f ms CPU per recall (60 messages re-read)%n",
                    round, n, (System.nanoTime() - t0) / 1e6 / n, cpu / 1e6 / n);
        }
    }
}
