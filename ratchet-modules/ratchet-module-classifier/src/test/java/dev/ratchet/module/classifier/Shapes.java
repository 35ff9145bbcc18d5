package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Optional;

/** What the shapes tests ask of a bot's message: how the built-in recognisers classify it, alerts only. */
final class Shapes {

    private Shapes() {}

    static final BuiltinClassifier BUILTIN = new BuiltinClassifier();

    /** The alert a bot posting as {@code poster} says with {@code text}; empty for none. */
    static Optional<Classification> alert(String poster, String text) {
        return BUILTIN.classify(MessageView.ofText(poster, true, text)).filter(Classification::isAlert);
    }

    /** What that alert does: open or close; empty for no alert. */
    static Optional<Action> action(String poster, String text) {
        return alert(poster, text).map(Classification::action);
    }

    /** The rules alone, the learned stage off: what a shape test asks of the rules themselves. */
    static final BuiltinClassifier RULES = new BuiltinClassifier(java.util.Set.of("learned"));

    /** What the rules alone say a bot posting as {@code poster} does with {@code text}: open or close; empty for none. */
    static Optional<Action> rulesAction(String poster, String text) {
        return RULES.classify(MessageView.ofText(poster, true, text))
                .filter(Classification::isAlert)
                .map(Classification::action);
    }
}
