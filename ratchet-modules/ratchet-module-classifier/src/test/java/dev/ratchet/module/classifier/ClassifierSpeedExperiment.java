package dev.ratchet.module.classifier;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * How long the built-in recognisers and the question classifier take per message, on every fixture message (bot ones
 * through the recognisers, all through the question classifier) and on the texts of {@code ratchet bench embed}'s
 * generated export. Not a test (no assertion, not run by default): {@code -Dtest=ClassifierSpeedExperiment}.
 */
class ClassifierSpeedExperiment {

    static final String[] FILES = {
        "alerts", "tools", "heldout", "blind", "adversarial", "blind2a", "blind2b", "blind3a", "blind3b", "blind4a",
        "blind4b", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13",
        "blind14"
    };

    @Test
    void speed() throws Exception {
        List<MessageView> views = new ArrayList<>();
        for (String f : FILES) {
            try (var in = new InputStreamReader(
                    Objects.requireNonNull(getClass().getResourceAsStream("/fixtures/" + f + ".jsonl")),
                    StandardCharsets.UTF_8)) {
                ClassifierEval.read(in).forEach(l -> views.add(l.message()));
            }
        }
        List<MessageView> bench = new ArrayList<>();
        String[] services = {"api", "checkout", "db-1", "payments"};
        String[] alerts = {"HighLatency", "DiskFull", "HighErrorRate", "PodCrashLooping", "OOMKilled"};
        for (int i = 0; i < 200; i++) {
            String s = services[i % services.length];
            bench.add(MessageView.ofText(
                    "alertmanager",
                    true,
                    (i % 2 == 0 ? "[FIRING:1] " : "[RESOLVED] ") + alerts[i % alerts.length] + " (" + s
                            + " critical)\n • *service:* `" + s + "`\n • *severity:* `critical`"));
        }
        BuiltinClassifier builtin = new BuiltinClassifier();
        QuestionClassifier questions = new QuestionClassifier();
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            int n = 0;
            for (int k = 0; k < 5; k++) {
                for (MessageView v : views) {
                    if (v.bot()) {
                        builtin.classify(v);
                        n++;
                    }
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < 5; k++) {
                for (MessageView v : bench) {
                    builtin.classify(v);
                }
            }
            long t2 = System.nanoTime();
            for (int k = 0; k < 5; k++) {
                for (MessageView v : views) {
                    questions.classify(v.text(), v.bot());
                }
            }
            long t3 = System.nanoTime();
            System.out.printf(
                    "round %d: builtin %.1f us/bot message (%d fixture), %.1f us/bench alert; questions %.1f us/message%n",
                    round,
                    (t1 - t0) / 1e3 / n,
                    n / 5,
                    (t2 - t1) / 1e3 / (5 * bench.size()),
                    (t3 - t2) / 1e3 / (5 * views.size()));
        }
    }
}
