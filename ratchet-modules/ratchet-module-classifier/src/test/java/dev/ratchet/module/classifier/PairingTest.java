package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.MessageRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairingTest {

    static AlertEvent event(String ts, AlertEvent.Action action, String... pairedTs) {
        long seconds = new BigDecimal(ts).longValue();
        return new AlertEvent(
                new MessageRef("C1", ts),
                Instant.ofEpochSecond(seconds),
                action,
                "api",
                "HighLatency",
                Optional.empty(),
                Optional.empty(),
                pairedTs.length > 0 ? Optional.of(pairedTs[0]) : Optional.empty(),
                "alertmanager",
                "builtin");
    }

    static AlertEvent open(String ts, String... closedTs) {
        return event(ts, AlertEvent.Action.OPEN, closedTs);
    }

    static AlertEvent close(String ts, String... openedTs) {
        return event(ts, AlertEvent.Action.CLOSE, openedTs);
    }

    @Test
    void close_resolves_the_latest_earlier_open_not_yet_closed() {
        AlertEvent older = open("1700000000.000100");
        AlertEvent newer = open("1700000600.000100");
        AlertEvent later = open("1700009000.000100");
        assertThat(Pairing.openFor(close("1700000900.000100"), List.of(older, newer, later)))
                .contains(newer);
    }

    @Test
    void open_already_closed_by_another_close_is_skipped() {
        AlertEvent older = open("1700000000.000100");
        AlertEvent closedElsewhere = open("1700000600.000100", "1700000700.000100");
        assertThat(Pairing.openFor(close("1700000900.000100"), List.of(older, closedElsewhere)))
                .contains(older);
    }

    @Test
    void handling_a_close_twice_pairs_it_with_the_same_open() {
        AlertEvent paired = open("1700000600.000100", "1700000900.000100");
        AlertEvent older = open("1700000000.000100");
        assertThat(Pairing.openFor(close("1700000900.000100", "1700000600.000100"), List.of(older, paired)))
                .contains(paired);
    }

    @Test
    void close_with_no_earlier_open_pairs_with_nothing() {
        assertThat(Pairing.openFor(close("1700000000.000100"), List.of(open("1700000500.000100"))))
                .isEmpty();
    }

    @Test
    void open_classified_after_its_close_finds_the_earliest_unpaired_close() {
        AlertEvent open = open("1700000000.000100");
        AlertEvent first = close("1700000300.000100");
        AlertEvent second = close("1700000400.000100");
        assertThat(Pairing.closeFor(open, List.of(second, first), List.of(open)))
                .contains(first);
    }

    @Test
    void open_does_not_take_a_close_that_a_fresher_open_owns() {
        AlertEvent old = open("1700000000.000100");
        AlertEvent fresher = open("1700000100.000100");
        AlertEvent close = close("1700000300.000100");
        assertThat(Pairing.closeFor(old, List.of(close), List.of(old, fresher))).isEmpty();
        // but a fresher open already closed by an earlier close leaves the next close to the old open
        AlertEvent closedFresher = open("1700000100.000100", "1700000200.000100");
        assertThat(Pairing.closeFor(
                        old,
                        List.of(close("1700000200.000100", "1700000100.000100"), close),
                        List.of(old, closedFresher)))
                .contains(close);
    }

    @Test
    void duration_is_whole_seconds_between_the_two_timestamps() {
        assertThat(Pairing.secondsBetween("1700000000.000100", "1700000330.600000"))
                .isEqualTo(331);
        assertThat(Pairing.secondsBetween("1700000330.000000", "1700000000.000000"))
                .isZero();
    }
}
