package dev.ratchet.core.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Bounds how many lines one kind of event may write to the log per period, so that anyone able to send requests
 * (refused signatures, stalled bodies) cannot flood it: the first {@code perPeriod} events of a period are logged,
 * the rest only counted, and the next line logged says how many were left out. Thread-safe.
 */
public final class LogThrottle {

    private final int perPeriod;
    private final Duration period;
    private final Clock clock;
    private Instant periodStart;
    private int logged;
    private long suppressed;

    public LogThrottle(int perPeriod, Duration period, Clock clock) {
        if (perPeriod < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a throttle logs at least one line per positive period");
        }
        this.perPeriod = perPeriod;
        this.period = period;
        this.clock = clock;
        this.periodStart = clock.instant();
    }

    /** At most 20 lines a minute. */
    public static LogThrottle perMinute() {
        return new LogThrottle(20, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /**
     * Whether this event may be logged; when it may, the number of events left out since the last line logged
     * (0 when none), for the line to mention. Empty: count it and log nothing.
     */
    public synchronized OptionalLong admit() {
        Instant now = clock.instant();
        if (!now.isBefore(periodStart.plus(period))) {
            periodStart = now;
            logged = 0;
        }
        if (logged >= perPeriod) {
            suppressed++;
            return OptionalLong.empty();
        }
        logged++;
        long left = suppressed;
        suppressed = 0;
        return OptionalLong.of(left);
    }
}
