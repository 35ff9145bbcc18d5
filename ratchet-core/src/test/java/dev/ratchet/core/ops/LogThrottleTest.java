package dev.ratchet.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void a_flood_logs_the_first_lines_of_each_period_and_then_says_how_many_were_left_out() {
        MovableClock clock = new MovableClock();
        LogThrottle throttle = new LogThrottle(3, Duration.ofMinutes(1), clock);
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(0));
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(0));
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(0));
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.admit()).isEmpty();
        }
        clock.now.set(clock.now.get().plusSeconds(61));
        assertThat(throttle.admit())
                .as("the next line mentions the 1000 left out")
                .isEqualTo(OptionalLong.of(1000));
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void a_throttle_that_logs_nothing_is_refused() {
        assertThatThrownBy(() -> new LogThrottle(0, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogThrottle(1, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
