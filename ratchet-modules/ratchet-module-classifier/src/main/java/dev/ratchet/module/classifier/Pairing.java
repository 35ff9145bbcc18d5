package dev.ratchet.module.classifier;

import dev.ratchet.spi.Message;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which open a close resolves, and the reverse, over the classifier's annotations. Pure: the module fetches the
 * candidates with {@code MessageService.annotatedBy} and writes the result.
 *
 * <p>A close resolves the latest earlier open of the same service and alert in its channel that no other close
 * resolved. An open that was already paired with this very close still counts, so that handling a message twice (a
 * retry, an edit) pairs it the same way. When an open is classified after its close (backfill runs messages in
 * parallel), the open looks forward for the earliest unpaired close with no fresher open in between.
 */
final class Pairing {

    private Pairing() {
    }

    /** The open that {@code close} resolves, among {@code opens} of its service and alert. */
    static Optional<Message> openFor(Message close, List<Message> opens) {
        return opens.stream()
                .filter(o -> compareTs(o.ts(), close.ts()) < 0)
                .filter(o -> pairedWith(o, "closed_ts").map(ts -> ts.equals(close.ts())).orElse(true))
                .max(Comparator.comparing(o -> new BigDecimal(o.ts())));
    }

    /**
     * The close that resolves {@code open}, among {@code closes} of its service and alert posted after it, given the
     * other {@code opens} of that service and alert posted after it.
     */
    static Optional<Message> closeFor(Message open, List<Message> closes, List<Message> opens) {
        Optional<Message> close = closes.stream()
                .filter(c -> compareTs(c.ts(), open.ts()) > 0)
                .filter(c -> pairedWith(c, "opened_ts").map(ts -> ts.equals(open.ts())).orElse(true))
                .min(Comparator.comparing(c -> new BigDecimal(c.ts())));
        if (close.isEmpty()) {
            return close;
        }
        // a fresher open between them that this close could resolve is the close's own partner
        boolean fresherOpen = opens.stream().anyMatch(o -> !o.ts().equals(open.ts())
                && compareTs(o.ts(), open.ts()) > 0 && compareTs(o.ts(), close.get().ts()) < 0
                && pairedWith(o, "closed_ts").map(ts -> ts.equals(close.get().ts())).orElse(true));
        return fresherOpen ? Optional.empty() : close;
    }

    /** Whole seconds from one Slack ts to a later one, never negative. */
    static long secondsBetween(String fromTs, String toTs) {
        BigDecimal d = new BigDecimal(toTs).subtract(new BigDecimal(fromTs));
        return Math.max(0, d.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /** Orders Slack timestamps numerically ("1700000000.000100"). */
    static int compareTs(String a, String b) {
        return new BigDecimal(a).compareTo(new BigDecimal(b));
    }

    /** The ts this message's classifier annotation says it is paired with ({@code closed_ts} or {@code opened_ts}). */
    static Optional<String> pairedWith(Message m, String key) {
        return annotation(m).map(a -> a.get(key)).filter(Objects::nonNull).map(Object::toString);
    }

    /** The classifier's annotation of a message, if it has one. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> annotation(Message m) {
        return m.attrs().get(ClassifierModule.ID) instanceof Map<?, ?> a ? Optional.of((Map<String, Object>) a) : Optional.empty();
    }
}
