package dev.ratchet.module.report;

/** Durations as people read them in a report: {@code 2d 3h}, {@code 1h 5m}, {@code 12m}, {@code 40s}. */
final class Durations {

    private Durations() {}

    static String format(long seconds) {
        if (seconds < 60) {
            return Math.max(0, seconds) + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h " + minutes % 60 + "m";
        }
        long days = hours / 24;
        return hours % 24 == 0 ? days + "d" : days + "d " + hours % 24 + "h";
    }
}
