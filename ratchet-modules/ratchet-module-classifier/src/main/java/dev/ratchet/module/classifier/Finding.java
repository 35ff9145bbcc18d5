package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Optional;

/**
 * What the generic recogniser found and why; {@code lookAlike}: the message says it is something else (a deploy,
 * a build, a ticket, a report), so no later stage should take it for an alert (its classification is then none).
 */
record Finding(Classification classification, List<String> why, boolean lookAlike) {
    Finding(Classification classification, List<String> why) {
        this(classification, why, false);
    }

    /** A finding of {@code action} from the generic recogniser, saying where the state was read. */
    static Finding found(Action action, String service, String alert, String where) {
        return new Finding(
                new Classification(action, service, alert, Optional.empty(), Optional.empty(), "generic", "builtin"),
                List.of("state from " + where));
    }
}
