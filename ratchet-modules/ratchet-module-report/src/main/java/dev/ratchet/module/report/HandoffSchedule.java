package dev.ratchet.module.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The shift changes of {@code report.handoff-times} ({@code 09:00,21:00}) in a channel's time zone: which slot a run
 * of the hand-off job at some instant belongs to, and the shift that slot closes. The job runs every few minutes; a
 * slot is posted by the first run within {@link #GRACE} after it (the post is keyed by the slot, so later runs, retries
 * and other workers find it posted), and a slot missed for longer (Ratchet was down) is skipped rather than posted
 * late.
 *
 * @param times the shift changes, sorted, at least one
 */
record HandoffSchedule(List<LocalTime> times) {

    /** How long after a shift change its hand-off may still be posted. */
    static final Duration GRACE = Duration.ofHours(1);

    /** The cron the job runs on (UTC): every 5 minutes, so a slot is posted within 5 minutes of the change. */
    static final String CRON = "*/5 * * * *";

    static final String FORMAT = "times of day HH:mm separated by commas, such as 09:00,21:00";

    /** One shift, ending at a shift change. */
    record Shift(Instant since, Instant until) {}

    static HandoffSchedule parse(List<String> times) {
        TreeSet<LocalTime> sorted = new TreeSet<>();
        for (String t : times) {
            try {
                sorted.add(LocalTime.parse(t.trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + t + "' is not a time of day; give " + FORMAT);
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no shift change times; give " + FORMAT);
        }
        return new HandoffSchedule(List.copyOf(sorted));
    }

    static boolean valid(List<String> times) {
        try {
            return times.isEmpty() || parse(times) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The shift whose change is the latest at or before {@code now}, if that change is at most {@link #GRACE} ago. */
    Optional<Shift> due(Instant now, ZoneId zone) {
        Instant change = latestAtOrBefore(now, zone);
        if (Duration.between(change, now).compareTo(GRACE) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Shift(latestAtOrBefore(change.minusSeconds(1), zone), change));
    }

    /** The latest shift change at or before {@code at} in {@code zone}. */
    Instant latestAtOrBefore(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        for (int day = 0; day <= 1; day++) {
            var date = local.toLocalDate().minusDays(day);
            for (int i = times.size() - 1; i >= 0; i--) {
                // atZone resolves a time skipped or repeated by a daylight-saving change to a real instant
                Instant change = date.atTime(times.get(i)).atZone(zone).toInstant();
                if (!change.isAfter(at)) {
                    return change;
                }
            }
        }
        throw new IllegalStateException("no shift change within a day before " + at); // cannot happen: one per day
    }
}
