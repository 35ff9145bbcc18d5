package dev.ratchet.module.report;

import dev.ratchet.module.report.AlertAnalytics.AlertFigures;
import dev.ratchet.module.report.AlertAnalytics.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Alert analytics as plain text for a terminal (what {@code alert_analytics} returns with {@code format=text} and
 * {@code ratchet alerts} prints): the channel's figures against the previous period, then one line per alert.
 */
final class AnalyticsText {

    private AnalyticsText() {}

    static String of(AlertAnalytics a) {
        return String.join("\n", lines(a));
    }

    static List<String> lines(AlertAnalytics a) {
        List<String> lines = new ArrayList<>();
        Figures c = a.channelFigures();
        lines.add(format(
                "%s firings (previous %s days: %s), %s resolved, %s flaps (again within %s of resolving), %s resolved "
                        + "with nobody acting",
                c.firings(),
                a.days(),
                a.previous().firings(),
                c.resolved(),
                c.flaps(),
                Durations.format(a.flapWindowSeconds()),
                c.nobodyActed()));
        lines.add(format(
                "first response median %s; time to resolve p50 %s, p90 %s; %s%% outside working hours (%s)",
                seconds(c.medianSecondsToFirstResponse()),
                seconds(c.p50SecondsToResolve()),
                seconds(c.p90SecondsToResolve()),
                c.outsideWorkingHoursPercent(),
                a.workingHours()));
        int alertWidth =
                a.alerts().stream().mapToInt(x -> x.alert().length()).max().orElse(1);
        int serviceWidth =
                a.alerts().stream().mapToInt(x -> x.service().length()).max().orElse(1);
        String row = "- %-" + alertWidth + "s  %-" + serviceWidth + "s  fired %s (%s, previous %s), %s flaps, "
                + "%s nobody acted, first response %s, resolve p50 %s p90 %s, %s%% out of hours";
        for (AlertFigures x : a.alerts()) {
            Figures f = x.figures();
            lines.add(format(
                    row,
                    x.alert(),
                    x.service(),
                    f.firings(),
                    x.trend(),
                    x.previousFirings(),
                    f.flaps(),
                    f.nobodyActed(),
                    seconds(f.medianSecondsToFirstResponse()),
                    seconds(f.p50SecondsToResolve()),
                    seconds(f.p90SecondsToResolve()),
                    f.outsideWorkingHoursPercent()));
        }
        return lines;
    }

    private static String seconds(Long s) {
        return s == null ? "n/a" : Durations.format(s);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
