package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    @Test
    void a_scheduled_period_is_whole_days_so_a_retry_later_that_day_reports_the_same_period() {
        ReportPeriod first = ReportPeriod.wholeDaysBefore(Instant.parse("2026-03-16T09:00:03Z"), 7);
        ReportPeriod retry = ReportPeriod.wholeDaysBefore(Instant.parse("2026-03-16T09:05:30Z"), 7);
        assertThat(first).isEqualTo(retry);
        assertThat(first.since()).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
        assertThat(first.until()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
        assertThat(first.key()).isEqualTo("7d-2026-03-16");
    }

    @Test
    void a_period_ending_now_shares_the_key_of_that_days_scheduled_report() {
        ReportPeriod now = ReportPeriod.endingAt(Instant.parse("2026-03-16T15:20:00.123Z"), 7);
        assertThat(now.until()).isEqualTo(Instant.parse("2026-03-16T15:20:00Z"));
        assertThat(now.key())
                .isEqualTo(ReportPeriod.wholeDaysBefore(Instant.parse("2026-03-16T09:00:00Z"), 7)
                        .key());
    }

    @Test
    void days_outside_one_to_ninety_are_refused() {
        assertThatThrownBy(() -> ReportPeriod.endingAt(Instant.now(), 0)).hasMessageContaining("between 1 and 90");
        assertThatThrownBy(() -> ReportPeriod.endingAt(Instant.now(), 91)).hasMessageContaining("between 1 and 90");
    }

    @Test
    void durations_read_like_a_person_would_write_them() {
        assertThat(Durations.format(40)).isEqualTo("40s");
        assertThat(Durations.format(720)).isEqualTo("12m");
        assertThat(Durations.format(3900)).isEqualTo("1h 5m");
        assertThat(Durations.format(7200)).isEqualTo("2h");
        assertThat(Durations.format(2 * 86400 + 3 * 3600 + 59)).isEqualTo("2d 3h");
    }
}
