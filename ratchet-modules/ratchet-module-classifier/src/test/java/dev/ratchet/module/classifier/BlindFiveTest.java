package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.ClassifierEval.Report;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlindFiveTest {
    @Test
    void first_score() throws IOException {
        var lines = GeneralisationTest.load("blind5.jsonl");
        Report rules = ClassifierEval.score(lines, new BuiltinClassifier(Set.of("learned"))::classify);
        Report both = ClassifierEval.score(lines, new BuiltinClassifier()::classify);
        System.out.println(ClassifierEval.table(rules.byTool(), rules.overall(), "**rules 5**"));
        System.out.println(ClassifierEval.table(both.byTool(), both.overall(), "**rules+model 5**"));
        both.mistakes().forEach(m -> System.out.println("  5 miss: " + m));
        var p = ClassifierEval.pairs(lines, new BuiltinClassifier()::classify);
        System.out.println("pairs " + p);
    }
}
