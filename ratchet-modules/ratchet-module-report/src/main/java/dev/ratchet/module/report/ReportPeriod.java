package dev.ratchet.module.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The period a report covers, {@code [since, until)}, and its key.
 *
 * @param since start, inclusive
 * @param until end, exclusive
 * @param days  length in days
 */
record ReportPeriod(Instant since, Instant until, int days) {

    static final int MAX_DAYS = 90;

    ReportPeriod {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", was " + days);
        }
    }

    /** The {@code days} before {@code now}: what someone asking for a report now wants to see. */
    static ReportPeriod endingAt(Instant now, int days) {
        Instant until = now.truncatedTo(ChronoUnit.SECONDS);
        return new ReportPeriod(until.minus(days, ChronoUnit.DAYS), until, days);
    }

    /**
     * The {@code days} whole UTC days before today: what a scheduled report covers, so that a retry of the job later
     * the same day reports exactly the same messages.
     */
    static ReportPeriod wholeDaysBefore(Instant now, int days) {
        Instant until = now.truncatedTo(ChronoUnit.DAYS);
        return new ReportPeriod(until.minus(days, ChronoUnit.DAYS), until, days);
    }

    /**
     * {@code 7d-2026-03-16}: the length and the UTC date the period ends on. A day's granularity on purpose: a retried
     * job, or a second request the same day, posts nothing new.
     */
    String key() {
        // an end at midnight belongs to the day it starts, so both kinds of period made on one day share a key
        LocalDate end = LocalDate.ofInstant(until, ZoneOffset.UTC);
        return days + "d-" + end;
    }
}
