package dev.ratchet.module.classifier;

import dev.ratchet.spi.Message;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PairingTest {

    static Message msg(String ts, Map<String, Object> classifier) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("classifier", classifier);
        long seconds = new BigDecimal(ts).longValue();
        return new Message("T1", "C1", ts, Optional.empty(), Optional.empty(), Optional.of("B1"), "alert",
                Instant.ofEpochSecond(seconds), false, false, attrs);
    }

    static Message open(String ts, String... closedTs) {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("action", "open", "service", "api", "alert", "HighLatency"));
        if (closedTs.length > 0) {
            a.put("closed_ts", closedTs[0]);
        }
        return msg(ts, a);
    }

    static Message close(String ts, String... openedTs) {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("action", "close", "service", "api", "alert", "HighLatency"));
        if (openedTs.length > 0) {
            a.put("opened_ts", openedTs[0]);
        }
        return msg(ts, a);
    }

    @Test
    void close_resolves_the_latest_earlier_open_not_yet_closed() {
        Message older = open("1700000000.000100");
        Message newer = open("1700000600.000100");
        Message later = open("1700009000.000100");
        assertThat(Pairing.openFor(close("1700000900.000100"), List.of(older, newer, later))).contains(newer);
    }

    @Test
    void open_already_closed_by_another_close_is_skipped() {
        Message older = open("1700000000.000100");
        Message closedElsewhere = open("1700000600.000100", "1700000700.000100");
        assertThat(Pairing.openFor(close("1700000900.000100"), List.of(older, closedElsewhere))).contains(older);
    }

    @Test
    void handling_a_close_twice_pairs_it_with_the_same_open() {
        Message paired = open("1700000600.000100", "1700000900.000100");
        Message older = open("1700000000.000100");
        assertThat(Pairing.openFor(close("1700000900.000100", "1700000600.000100"), List.of(older, paired))).contains(paired);
    }

    @Test
    void close_with_no_earlier_open_pairs_with_nothing() {
        assertThat(Pairing.openFor(close("1700000000.000100"), List.of(open("1700000500.000100")))).isEmpty();
    }

    @Test
    void open_classified_after_its_close_finds_the_earliest_unpaired_close() {
        Message open = open("1700000000.000100");
        Message first = close("1700000300.000100");
        Message second = close("1700000400.000100");
        assertThat(Pairing.closeFor(open, List.of(second, first), List.of(open))).contains(first);
    }

    @Test
    void open_does_not_take_a_close_that_a_fresher_open_owns() {
        Message old = open("1700000000.000100");
        Message fresher = open("1700000100.000100");
        Message close = close("1700000300.000100");
        assertThat(Pairing.closeFor(old, List.of(close), List.of(old, fresher))).isEmpty();
        // but a fresher open already closed by an earlier close leaves the next close to the old open
        Message closedFresher = open("1700000100.000100", "1700000200.000100");
        assertThat(Pairing.closeFor(old, List.of(close("1700000200.000100", "1700000100.000100"), close), List.of(old, closedFresher)))
                .contains(close);
    }

    @Test
    void duration_is_whole_seconds_between_the_two_timestamps() {
        assertThat(Pairing.secondsBetween("1700000000.000100", "1700000330.600000")).isEqualTo(331);
        assertThat(Pairing.secondsBetween("1700000330.000000", "1700000000.000000")).isZero();
    }
}
