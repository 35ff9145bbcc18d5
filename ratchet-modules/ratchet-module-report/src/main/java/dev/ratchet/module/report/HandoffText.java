package dev.ratchet.module.report;

import dev.ratchet.module.report.ShiftHandoff.OpenAlert;
import dev.ratchet.module.report.ShiftHandoff.ResolvedAlert;
import dev.ratchet.module.report.ShiftHandoff.UnansweredQuestion;
import dev.ratchet.spi.kit.BlockKit;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ShiftHandoff} as lines: plain text with each link after its line (the terminal, the {@code format=text}
 * tool answer), or Slack mrkdwn with each item linked to its message (the post and the DM). Times in the channel's
 * time zone.
 */
final class HandoffText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private HandoffText() {}

    /** Plain text: each item's link on the line after it. */
    static String of(ShiftHandoff h) {
        return render(h, false);
    }

    /** Slack mrkdwn: each item's name links to its message. */
    static String mrkdwn(ShiftHandoff h) {
        return render(h, true);
    }

    private static String render(ShiftHandoff h, boolean slack) {
        ZoneId zone = ZoneId.of(h.timeZone());
        List<String> lines = new ArrayList<>();
        lines.add((slack ? "*Shift hand-off* for <#" + h.channel() + ">, " : "Shift hand-off, ") + time(h.since(), zone)
                + " to " + time(h.until(), zone) + " (" + zone.getId() + ")");
        if (h.quiet()) {
            lines.add("Nothing fired, resolved or was left unanswered in this shift, and no alert is open.");
            return String.join("\n", lines);
        }
        section(lines, slack, "Fired and still open", h.open().size());
        for (OpenAlert a : h.open()) {
            item(lines, slack, open(a, zone, slack), a.permalink(), name(a.service(), a.alert()));
        }
        section(
                lines,
                slack,
                "Still open from before this shift",
                h.openBefore().size());
        for (OpenAlert a : h.openBefore()) {
            item(lines, slack, open(a, zone, slack), a.permalink(), name(a.service(), a.alert()));
        }
        section(lines, slack, "Resolved", h.resolved().size());
        for (ResolvedAlert a : h.resolved()) {
            String by = switch (a.how()) {
                case "replied" -> " by " + a.resolvedBy() + " (replied in the thread)";
                case "reacted" -> " by " + a.resolvedBy() + " (reacted)";
                case "tool" -> " by " + a.resolvedBy() + " (the tool; nobody acted)";
                default -> " by " + a.resolvedBy();
            };
            String fired = a.firedAt() == null ? "" : "fired " + time(a.firedAt(), zone) + ", ";
            item(
                    lines,
                    slack,
                    "%sresolved %s%s".formatted(fired, time(a.resolvedAt(), zone), esc(by, slack)),
                    a.permalink(),
                    name(a.service(), a.alert()));
        }
        section(lines, slack, "Questions nobody answered", h.unanswered().size());
        for (UnansweredQuestion q : h.unanswered()) {
            item(
                    lines,
                    slack,
                    "asked %s: \"%s\"".formatted(time(q.askedAt(), zone), esc(q.text(), slack)),
                    q.permalink(),
                    q.askedBy());
        }
        return String.join("\n", lines);
    }

    private static String open(OpenAlert a, ZoneId zone, boolean slack) {
        String replied =
                a.repliedBy().isEmpty() ? "nobody replied" : "replied: " + esc(String.join(", ", a.repliedBy()), slack);
        return (a.priority() == null ? "" : esc(a.priority(), slack) + ", ") + "fired " + time(a.firedAt(), zone) + "; "
                + replied;
    }

    private static void section(List<String> lines, boolean slack, String title, int count) {
        if (count > 0) {
            lines.add(slack ? "*" + title + "* (" + count + ")" : title + " (" + count + "):");
        }
    }

    /** {@code - name, detail} and the link: on the next line as text, around the name in Slack. */
    private static void item(List<String> lines, boolean slack, String detail, String permalink, String name) {
        if (slack) {
            lines.add("• <" + permalink + "|" + esc(name, slack) + ">, " + detail);
        } else {
            lines.add("- " + name + ", " + detail);
            lines.add("  " + permalink);
        }
    }

    private static String name(String service, String alert) {
        return service + " / " + alert;
    }

    private static String esc(String text, boolean slack) {
        return slack ? BlockKit.escape(text) : text;
    }

    private static String time(String instant, ZoneId zone) {
        return TIME.format(Instant.parse(instant).atZone(zone));
    }
}
