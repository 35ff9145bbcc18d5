package dev.ratchet.module.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team's working hours in its time zone ({@code Mon-Fri 09:00-18:00} in {@code Europe/Berlin}): an alert fired
 * outside them woke or interrupted someone. Hours are {@code [start, end)}; a day range wraps ({@code Sun-Thu}).
 *
 * @param days  the working days
 * @param start the start of a working day, inclusive
 * @param end   its end, exclusive; after {@code start}
 * @param zone  the time zone they are in
 */
record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    /** What {@code report.working-hours} takes: a day or a day range, then an hour range. */
    static final String FORMAT = "days and hours such as 'Mon-Fri 09:00-18:00' (or 'Mon-Sat 08-20')";

    private static final Pattern SPEC = Pattern.compile(
            "(?i)\\s*([a-z]{3})(?:\\s*-\\s*([a-z]{3}))?\\s+(\\d{1,2})(?::(\\d{2}))?\\s*-\\s*(\\d{1,2})(?::(\\d{2}))?\\s*");

    WorkingHours {
        days = Set.copyOf(days);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("working hours end before they start: " + start + "-" + end);
        }
    }

    /**
     * Parses {@code Mon-Fri 09:00-18:00}; {@code 24:00} as an end means the end of the day.
     *
     * @throws IllegalArgumentException naming {@link #FORMAT}
     */
    static WorkingHours parse(String spec, ZoneId zone) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not " + FORMAT);
        }
        DayOfWeek first = day(m.group(1), spec);
        DayOfWeek last = m.group(2) == null ? first : day(m.group(2), spec);
        Set<DayOfWeek> days = EnumSet.of(first);
        for (DayOfWeek d = first; d != last; d = d.plus(1)) {
            days.add(d.plus(1));
        }
        LocalTime start = time(m.group(3), m.group(4), spec);
        LocalTime end = time(m.group(5), m.group(6), spec);
        return new WorkingHours(days, start, end, zone);
    }

    /** Whether {@code at} is outside the working hours. */
    boolean outside(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean inDay = !time.isBefore(start) && (end.equals(LocalTime.MAX) || time.isBefore(end));
        return !days.contains(local.getDayOfWeek()) || !inDay;
    }

    /** {@code Mon-Fri 09:00-18:00 Europe/Berlin} (days listed when not a range). */
    String describe() {
        StringBuilder s = new StringBuilder();
        DayOfWeek[] ordered = days.stream().sorted().toArray(DayOfWeek[]::new);
        boolean range = ordered.length > 1
                && ordered[ordered.length - 1].getValue() - ordered[0].getValue() == ordered.length - 1;
        if (range) {
            s.append(name(ordered[0])).append('-').append(name(ordered[ordered.length - 1]));
        } else {
            for (int i = 0; i < ordered.length; i++) {
                s.append(i == 0 ? "" : ",").append(name(ordered[i]));
            }
        }
        String until = end.equals(LocalTime.MAX) ? "24:00" : end.toString();
        return s.append(' ')
                .append(start)
                .append('-')
                .append(until)
                .append(' ')
                .append(zone.getId())
                .toString();
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static DayOfWeek day(String text, String spec) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (name(d).equalsIgnoreCase(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "'" + spec + "': '" + text + "' is not a day (Mon, Tue, ... Sun); give " + FORMAT);
    }

    private static LocalTime time(String hours, String minutes, String spec) {
        int h = Integer.parseInt(hours);
        int min = minutes == null ? 0 : Integer.parseInt(minutes);
        if (h == 24 && min == 0) {
            return LocalTime.MAX;
        }
        if (h > 23 || min > 59) {
            throw new IllegalArgumentException("'" + spec + "': " + hours + ":" + (minutes == null ? "00" : minutes)
                    + " is not a time of day; give " + FORMAT);
        }
        return LocalTime.of(h, min);
    }
}
