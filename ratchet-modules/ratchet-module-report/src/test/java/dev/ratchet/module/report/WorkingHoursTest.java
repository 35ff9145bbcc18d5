package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Working hours in a time zone: what counts as an alert fired outside them. */
class WorkingHoursTest {

    static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void the_default_hours_are_weekdays_nine_to_six_and_the_end_is_exclusive() {
        WorkingHours hours = WorkingHours.parse("Mon-Fri 09:00-18:00", UTC);
        assertThat(hours.describe()).isEqualTo("Mon-Fri 09:00-18:00 UTC");
        assertThat(hours.outside(Instant.parse("2026-11-30T09:00:00Z")))
                .as("Monday 09:00")
                .isFalse();
        assertThat(hours.outside(Instant.parse("2026-11-30T17:59:59Z")))
                .as("Monday 17:59")
                .isFalse();
        assertThat(hours.outside(Instant.parse("2026-11-30T18:00:00Z")))
                .as("Monday 18:00")
                .isTrue();
        assertThat(hours.outside(Instant.parse("2026-11-30T08:59:00Z")))
                .as("Monday 08:59")
                .isTrue();
        assertThat(hours.outside(Instant.parse("2026-11-28T12:00:00Z")))
                .as("Saturday noon")
                .isTrue();
    }

    @Test
    void the_channel_time_zone_decides_the_local_day_and_hour() {
        WorkingHours tokyo = WorkingHours.parse("Mon-Fri 09:00-18:00", ZoneId.of("Asia/Tokyo"));
        // Sunday 23:30 UTC is Monday 08:30 in Tokyo (outside), Monday 01:00 UTC is 10:00 there (inside)
        assertThat(tokyo.outside(Instant.parse("2026-11-29T23:30:00Z"))).isTrue();
        assertThat(tokyo.outside(Instant.parse("2026-11-30T01:00:00Z"))).isFalse();
        WorkingHours newYork = WorkingHours.parse("Mon-Fri 09:00-18:00", ZoneId.of("America/New_York"));
        // Monday 10:00 UTC is 05:00 in New York
        assertThat(newYork.outside(Instant.parse("2026-11-30T10:00:00Z"))).isTrue();
    }

    @Test
    void day_ranges_wrap_and_short_hours_are_read() {
        WorkingHours hours = WorkingHours.parse("sun-thu 8-20", UTC);
        assertThat(hours.describe()).isEqualTo("Mon,Tue,Wed,Thu,Sun 08:00-20:00 UTC");
        assertThat(hours.outside(Instant.parse("2026-11-29T10:00:00Z")))
                .as("Sunday")
                .isFalse();
        assertThat(hours.outside(Instant.parse("2026-11-27T10:00:00Z")))
                .as("Friday")
                .isTrue();
        assertThat(WorkingHours.parse("Mon-Sun 00:00-24:00", UTC).outside(Instant.parse("2026-11-28T23:59:00Z")))
                .isFalse();
    }

    @Test
    void a_bad_spec_names_the_format() {
        assertThatThrownBy(() -> WorkingHours.parse("weekdays", UTC))
                .hasMessageContaining("'weekdays' is not days and hours such as 'Mon-Fri 09:00-18:00'");
        assertThatThrownBy(() -> WorkingHours.parse("Mon-Fry 09-18", UTC)).hasMessageContaining("'Fry' is not a day");
        assertThatThrownBy(() -> WorkingHours.parse("Mon-Fri 18-09", UTC))
                .hasMessageContaining("end before they start");
    }
}
