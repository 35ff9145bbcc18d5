package dev.ratchet.module.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report as plain text for a terminal (what {@code channel_report} returns with {@code format=text}): the totals,
 * one line per alert, the firings never acted on and open too long, then the suggestions or why there are none. The
 * lines are not indented; a caller that nests the report under a heading indents them itself.
 */
final class ReportText {

    private ReportText() {}

    /** The report's lines, joined by {@code \n}, without a final newline. */
    static String of(ChannelReport report) {
        return String.join("\n", lines(report));
    }

    /** The report's lines. */
    static List<String> lines(ChannelReport report) {
        List<String> lines = new ArrayList<>();
        ChannelReport.Totals totals = report.totals();
        lines.add(format(
                "%s firings of %s alerts; %s resolved, %s never resolved; %s never acted on; %s open too long",
                totals.firings(),
                totals.distinctAlerts(),
                totals.closed(),
                totals.neverClosed(),
                totals.neverActedOn(),
                totals.openTooLong()));
        // columns as wide as their longest entry, so a long alert name does not push its row out of line
        int alertWidth = report.alerts().stream()
                .mapToInt(a -> String.valueOf(a.alert()).length())
                .max()
                .orElse(1);
        int serviceWidth = report.alerts().stream()
                .mapToInt(a -> String.valueOf(a.service()).length())
                .max()
                .orElse(1);
        String row = "- %-" + alertWidth + "s  %-" + serviceWidth + "s  fired %s, mean open %s";
        for (ChannelReport.AlertStats a : report.alerts()) {
            Long mean = a.meanOpenSeconds();
            lines.add(format(row, a.alert(), a.service(), a.firings(), mean == null ? "n/a" : (mean / 60) + " min"));
        }
        for (ChannelReport.AlertOccurrence a : report.neverActedOn()) {
            lines.add(format(
                    "never acted on: %s (%s) at %s, posted by %s", a.alert(), a.service(), a.firedAt(), a.postedBy()));
        }
        for (ChannelReport.AlertOccurrence a : report.openTooLong()) {
            lines.add(format(
                    "open too long: %s (%s) at %s, %s h, responders: %s",
                    a.alert(), a.service(), a.firedAt(), a.openSeconds() / 3600, a.responders()));
        }
        ChannelReport.Questions q = report.questions();
        if (q.asked() > 0) {
            lines.add(format(
                    "questions: %s asked, %s answered, %s unanswered; median time to first answer %s",
                    q.asked(),
                    q.answered(),
                    q.unanswered(),
                    q.medianSecondsToFirstAnswer() == null ? "n/a" : Durations.format(q.medianSecondsToFirstAnswer())));
            for (ChannelReport.UnansweredQuestion u : q.unansweredQuestions()) {
                lines.add(format("unanswered: %s at %s: %s", u.askedBy(), u.askedAt(), u.text()));
            }
        }
        ChannelReport.Noise noise = report.noise();
        if (!noise.alerts().isEmpty()) {
            lines.add(format("noise over the last %s days (%s):", noise.days(), noise.worded()));
            for (ChannelReport.NoisyAlert a : noise.alerts()) {
                lines.add("proposal: " + a.proposal());
            }
            if (noise.note() != null) {
                lines.add(noise.note());
            }
        }
        ChannelReport.Suggestions suggestions = report.suggestions();
        if (suggestions.generated()) {
            for (ChannelReport.Suggestion s : suggestions.items()) {
                lines.add("suggestion: " + s.title() + ": " + s.detail());
            }
        } else {
            lines.add(String.valueOf(suggestions.note()));
        }
        return lines;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
