package dev.ratchet.module.report;

import static dev.ratchet.spi.kit.BlockKit.escape;

import dev.ratchet.module.report.ChannelReport.AlertOccurrence;
import dev.ratchet.module.report.ChannelReport.AlertStats;
import dev.ratchet.module.report.ChannelReport.FrequentAlert;
import dev.ratchet.module.report.ChannelReport.Suggestion;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.ModelText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@link ChannelReport} as a Slack message: Block Kit blocks and the plain-text fallback Slack shows in
 * notifications and to screen readers.
 *
 * @param text       the fallback text (Slack markup, escaped)
 * @param blocksJson the blocks as a JSON array
 */
record ReportMessage(String text, String blocksJson) {

    /** Lines listed per section before "…and N more": a report is read at a glance. */
    static final int MAX_LINES = 10;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static ReportMessage of(ChannelReport r) {
        BlockKit blocks = BlockKit.empty();
        String period = DAY.format(Instant.parse(r.since())) + " – "
                + DAY.format(Instant.parse(r.until()).minusSeconds(1)) + " (UTC)";
        blocks = blocks.header("Channel report: last " + r.days() + (r.days() == 1 ? " day" : " days"));
        String summary = summary(r);
        // <#C…> is Slack's channel link: Slack shows it as the channel's name
        blocks = blocks.section("<#" + r.channel() + "> · " + period + "\n" + summary);
        ChannelReport.Totals t = r.totals();
        blocks = blocks.fields(List.of(
                "*Firings*\n" + t.firings(),
                "*Distinct alerts*\n" + t.distinctAlerts(),
                "*Resolved*\n" + t.closed(),
                "*Never resolved*\n" + t.neverClosed(),
                "*Never acted on*\n" + t.neverActedOn(),
                "*Open over " + Durations.format(r.longOpenThresholdSeconds()) + "*\n" + t.openTooLong()));

        List<String> plain = new ArrayList<>();
        plain.add("Channel report for <#" + r.channel() + ">, " + period + ": " + summary);
        if (!r.alerts().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (AlertStats a : r.alerts()) {
                lines.add("• *" + escape(a.service() + " / " + a.alert()) + "*: " + a.firings()
                        + plural(a.firings(), " firing")
                        + (a.meanOpenSeconds() == null ? "" : ", mean open " + Durations.format(a.meanOpenSeconds()))
                        + (a.neverClosed() == 0 ? "" : ", " + a.neverClosed() + " never resolved"));
            }
            blocks = blocks.divider();
            blocks = blocks.section("*Per alert*\n" + join(lines));
        }
        if (!r.neverActedOn().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (AlertOccurrence o : r.neverActedOn()) {
                lines.add("• *" + escape(o.service() + " / " + o.alert()) + "* fired "
                        + TIME.format(Instant.parse(o.firedAt())) + " by " + escape(o.postedBy())
                        + (o.text().isEmpty() ? "" : ": “" + escape(o.text()) + "”"));
            }
            blocks = blocks.section("*Never acted on* (no reply from a person)\n" + join(lines));
            plain.add("Never acted on: " + names(r.neverActedOn()) + ".");
        }
        if (!r.openTooLong().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (AlertOccurrence o : r.openTooLong()) {
                lines.add("• *" + escape(o.service() + " / " + o.alert()) + "* fired "
                        + TIME.format(Instant.parse(o.firedAt()))
                        + (o.closed() ? ", resolved after " : ", still open after ") + Durations.format(o.openSeconds())
                        + (o.responders().isEmpty()
                                ? ""
                                : " · handled by " + escape(String.join(", ", o.responders()))));
            }
            blocks = blocks.section(
                    "*Open too long* (over " + Durations.format(r.longOpenThresholdSeconds()) + ")\n" + join(lines));
            plain.add("Open too long: " + names(r.openTooLong()) + ".");
        }
        if (!r.mostFrequent().isEmpty()) {
            List<String> lines = new ArrayList<>();
            int rank = 1;
            for (FrequentAlert f : r.mostFrequent()) {
                lines.add(rank++ + ". " + escape(f.service() + " / " + f.alert()) + ": " + f.firings());
            }
            blocks = blocks.section("*Most frequent*\n" + String.join("\n", lines));
        }
        ChannelReport.Questions q = r.questions();
        if (q.asked() > 0) {
            List<String> lines = new ArrayList<>();
            for (ChannelReport.UnansweredQuestion u : q.unansweredQuestions()) {
                lines.add("• " + escape(u.askedBy()) + ", " + TIME.format(Instant.parse(u.askedAt()))
                        + (u.text().isEmpty() ? "" : ": “" + escape(u.text()) + "”"));
            }
            String line = q.asked() + plural(q.asked(), " question") + " asked, " + q.answered() + " answered"
                    + (q.medianSecondsToFirstAnswer() == null
                            ? ""
                            : " (median time to first answer " + Durations.format(q.medianSecondsToFirstAnswer()) + ")")
                    + ", " + q.unanswered() + " unanswered";
            blocks = blocks.section("*Questions*\n" + line + (lines.isEmpty() ? "" : "\n" + join(lines)));
            plain.add("Questions: " + line + ".");
        }
        ChannelReport.Noise noise = r.noise();
        if (!noise.alerts().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (ChannelReport.NoisyAlert a : noise.alerts()) {
                // the model's words when it worded them: no broadcasts or mentions; the rules' words are ours
                lines.add("• "
                        + ("llm".equals(noise.worded())
                                ? ModelText.neutralise(a.proposal(), Set.of())
                                : escape(a.proposal())));
            }
            blocks = blocks.divider();
            blocks = blocks.section("*Noise and tuning proposals* (last " + noise.days() + " days)\n" + join(lines)
                    + (noise.note() == null ? "" : "\n_" + escape(noise.note()) + "_"));
            plain.add("Noisiest: "
                    + escape(String.join(
                            ", ",
                            noise.alerts().stream()
                                    .map(a -> a.service() + " / " + a.alert())
                                    .toList()))
                    + ".");
        }
        blocks = blocks.divider();
        if (r.suggestions().generated() && !r.suggestions().items().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Suggestion s : r.suggestions().items()) {
                // the model's words: no broadcasts or mentions (a report answers no one), links show their target
                lines.add("• *" + ModelText.neutralise(s.title(), Set.of()) + "*\n"
                        + ModelText.neutralise(s.detail(), Set.of()));
            }
            blocks = blocks.section("*Suggestions to reduce toil*\n" + String.join("\n", lines));
            plain.add("Suggestions: "
                    + ModelText.neutralise(
                            String.join(
                                    "; ",
                                    r.suggestions().items().stream()
                                            .map(Suggestion::title)
                                            .toList()),
                            Set.of())
                    + ".");
        } else if (r.suggestions().generated()) {
            blocks = blocks.section("*Suggestions to reduce toil*\nThe model had none for this period.");
        } else {
            blocks = blocks.section(
                    "*Suggestions to reduce toil*\n" + escape(r.suggestions().note()));
            plain.add(escape(r.suggestions().note()));
        }
        blocks = blocks.context(
                "Made by Ratchet's report module · times in UTC · “acted on” means a person replied in the alert's thread");
        return new ReportMessage(BlockKit.truncate(String.join("\n", plain), BlockKit.MAX_TEXT_CHARS), blocks.toJson());
    }

    private static String summary(ChannelReport r) {
        ChannelReport.Totals t = r.totals();
        if (t.firings() == 0) {
            return "No alerts fired.";
        }
        return "*" + t.firings() + "*" + plural(t.firings(), " firing") + " of *" + t.distinctAlerts() + "*"
                + plural(t.distinctAlerts(), " alert") + "; " + t.neverActedOn() + " never acted on, " + t.openTooLong()
                + " open too long, " + t.neverClosed() + " never resolved.";
    }

    private static String names(List<AlertOccurrence> occurrences) {
        List<String> names = occurrences.stream()
                .map(o -> o.service() + " / " + o.alert())
                .distinct()
                .toList();
        return escape(String.join(", ", names));
    }

    private static String join(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return String.join("\n", lines);
        }
        return String.join("\n", lines.subList(0, MAX_LINES)) + "\n…and " + (lines.size() - MAX_LINES) + " more";
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }
}
