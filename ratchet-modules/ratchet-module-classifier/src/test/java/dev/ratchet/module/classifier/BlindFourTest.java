package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.ClassifierEval.Report;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlindFourTest {
    @Test
    void first_score() throws IOException {
        for (String set : List.of("4a", "4b")) {
            var lines = GeneralisationTest.load("blind" + set + ".jsonl");
            Report rules = ClassifierEval.score(lines, new BuiltinClassifier(Set.of("learned"))::classify);
            Report both = ClassifierEval.score(lines, new BuiltinClassifier()::classify);
            System.out.println("### Blind set " + set + ", rules alone\n");
            System.out.println(ClassifierEval.table(rules.byTool(), rules.overall(), "**rules " + set + "**"));
            System.out.println("### Blind set " + set + ", rules + model\n");
            System.out.println(ClassifierEval.table(both.byTool(), both.overall(), "**rules+model " + set + "**"));
            both.mistakes().forEach(m -> System.out.println("  " + set + " miss: " + m));
        }
    }
}
