package dev.ratchet.module.classifier;

import dev.ratchet.spi.AlertEvent;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which open a close resolves, and the reverse, over recorded alert events. Pure: the module fetches the candidates
 * with {@code AlertService.occurrences} and writes the result with {@code AlertService.pair}.
 *
 * <p>A close resolves the latest earlier open of the same service and alert in its channel that no other close
 * resolved. An open that was already paired with this very close still counts, so that handling a message twice (a
 * retry, an edit) pairs it the same way. When an open is classified after its close (backfill runs messages in
 * parallel), the open looks forward for the earliest unpaired close with no fresher open in between.
 */
final class Pairing {

    private Pairing() {}

    /** The open that {@code close} resolves, among {@code opens} of its service and alert. */
    static Optional<AlertEvent> openFor(AlertEvent close, List<AlertEvent> opens) {
        return opens.stream()
                .filter(o -> compareTs(ts(o), ts(close)) < 0)
                .filter(o -> o.pairedTs().map(ts -> ts.equals(ts(close))).orElse(true))
                .max(Comparator.comparing(o -> new BigDecimal(ts(o))));
    }

    /**
     * The close that resolves {@code open}, among {@code closes} of its service and alert posted after it, given the
     * other {@code opens} of that service and alert posted after it.
     */
    static Optional<AlertEvent> closeFor(AlertEvent open, List<AlertEvent> closes, List<AlertEvent> opens) {
        Optional<AlertEvent> close = closes.stream()
                .filter(c -> compareTs(ts(c), ts(open)) > 0)
                .filter(c -> c.pairedTs().map(ts -> ts.equals(ts(open))).orElse(true))
                .min(Comparator.comparing(c -> new BigDecimal(ts(c))));
        if (close.isEmpty()) {
            return close;
        }
        // a fresher open between them that this close could resolve is the close's own partner
        boolean fresherOpen = opens.stream()
                .anyMatch(o -> !ts(o).equals(ts(open))
                        && compareTs(ts(o), ts(open)) > 0
                        && compareTs(ts(o), ts(close.get())) < 0
                        && o.pairedTs().map(ts -> ts.equals(ts(close.get()))).orElse(true));
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

    private static String ts(AlertEvent e) {
        return e.message().ts();
    }
}
