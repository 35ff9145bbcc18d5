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

    static AlertEvent named(String ts, AlertEvent.Action action, String service, String alert) {
        return new AlertEvent(
                new MessageRef("C1", ts),
                Instant.ofEpochSecond(new BigDecimal(ts).longValue()),
                action,
                service,
                alert,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "generic",
                "builtin");
    }

    @Test
    void a_close_named_differently_from_its_open_pairs_by_alike_names() {
        AlertEvent pool = named("1700000000.000100", AlertEvent.Action.OPEN, "", "Pool eu-west-pool is unhealthy");
        AlertEvent other = named("1700000100.000100", AlertEvent.Action.OPEN, "", "Disk full on db-2");
        AlertEvent close = named("1700000900.000100", AlertEvent.Action.CLOSE, "", "Pool eu-west-pool is healthy");
        assertThat(Pairing.similarOpenFor(close, List.of(pool, other))).contains(pool);
        AlertEvent uptime = named("1700000000.000100", AlertEvent.Action.OPEN, "", "Uptime alert: api.acme.io");
        AlertEvent up = named("1700000900.000100", AlertEvent.Action.CLOSE, "", "api.acme.io is up");
        assertThat(Pairing.similarOpenFor(up, List.of(uptime))).contains(uptime);
        AlertEvent inc = named("1700000000.000100", AlertEvent.Action.OPEN, "", "Incident Initiated: INC-1043");
        AlertEvent res = named("1700000900.000100", AlertEvent.Action.CLOSE, "", "Incident Resolved: INC-1043");
        assertThat(Pairing.similarOpenFor(res, List.of(inc))).contains(inc);
    }

    @Test
    void different_alerts_of_one_host_do_not_pair_by_alike_names() {
        AlertEvent cpu = named("1700000000.000100", AlertEvent.Action.OPEN, "web-01", "High CPU");
        AlertEvent disk = named("1700000900.000100", AlertEvent.Action.CLOSE, "web-01", "Disk almost full");
        assertThat(Pairing.similarOpenFor(disk, List.of(cpu))).isEmpty();
        AlertEvent later = named("1700001000.000100", AlertEvent.Action.OPEN, "", "Pool eu-west-pool is unhealthy");
        AlertEvent close = named("1700000900.000100", AlertEvent.Action.CLOSE, "", "Pool eu-west-pool is healthy");
        assertThat(Pairing.similarOpenFor(close, List.of(later)))
                .as("an open after the close")
                .isEmpty();
    }

    /** {@code open} once the close at {@code closeTs} resolved it. */
    static AlertEvent pairedWith(AlertEvent open, String closeTs) {
        return new AlertEvent(
                open.message(),
                open.at(),
                open.action(),
                open.service(),
                open.alert(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(closeTs),
                open.source(),
                open.method());
    }

    @Test
    void a_close_named_in_words_of_its_own_resolves_its_integrations_only_open() {
        AlertEvent down = named("1700000000.000100", AlertEvent.Action.OPEN, "shop.example.com", "HTTP 502");
        AlertEvent back = named("1700000900.000100", AlertEvent.Action.CLOSE, "", "after 4 minutes of downtime");
        assertThat(Pairing.closeResolves(back, List.of(), () -> List.of(down), o -> true))
                .contains(down);
        assertThat(Pairing.closeResolves(back, List.of(), () -> List.of(down), o -> false))
                .as("another integration's open")
                .isEmpty();
    }

    @Test
    void a_close_with_two_candidates_or_plainly_another_alerts_names_resolves_nothing() {
        AlertEvent down = named("1700000000.000100", AlertEvent.Action.OPEN, "shop.example.com", "HTTP 502");
        AlertEvent slow = named("1700000100.000100", AlertEvent.Action.OPEN, "api.example.com", "slow responses");
        AlertEvent back = named("1700000900.000100", AlertEvent.Action.CLOSE, "", "after 4 minutes of downtime");
        assertThat(Pairing.closeResolves(back, List.of(), () -> List.of(down, slow), o -> true))
                .as("which of two")
                .isEmpty();
        AlertEvent apdex = named("1700000000.000100", AlertEvent.Action.OPEN, "web-portal", "Apdex below 0.7");
        AlertEvent host = named("1700000900.000100", AlertEvent.Action.CLOSE, "ip-10-2-3-4", "Host not reporting");
        assertThat(Pairing.closeResolves(host, List.of(), () -> List.of(apdex), o -> true))
                .as("both named, no word shared")
                .isEmpty();
        AlertEvent paired = pairedWith(down, "1700000500.000100");
        assertThat(Pairing.closeResolves(back, List.of(), () -> List.of(paired), o -> true))
                .as("an open already resolved")
                .isEmpty();
    }

    @Test
    void an_open_of_the_closes_own_names_is_never_passed_over_for_the_only_open() {
        AlertEvent same = named("1700000000.000100", AlertEvent.Action.OPEN, "db-2", "Disk full");
        AlertEvent closedSame = pairedWith(same, "1700000400.000100");
        AlertEvent other = named("1700000100.000100", AlertEvent.Action.OPEN, "db-3", "CPU high");
        AlertEvent close = named("1700000900.000100", AlertEvent.Action.CLOSE, "db-2", "Disk full");
        assertThat(Pairing.closeResolves(close, List.of(closedSame), () -> List.of(other), o -> true))
                .as("its names' open was resolved by another close: nothing, not the only other open")
                .isEmpty();
    }
}
