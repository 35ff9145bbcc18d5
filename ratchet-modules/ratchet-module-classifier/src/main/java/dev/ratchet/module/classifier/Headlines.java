package dev.ratchet.module.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a bot message that {@link GenericRecogniser} and its readers look for a state in, headline first:
 * attachment titles and the first lines, normalised, without the poster's own name signing them and without the
 * questions that state nothing; and the few small text helpers every reader shares (the first label given, a pattern's
 * first group, the first value not blank, a clipped quote for a reason).
 */
final class Headlines {

    private Headlines() {}

    private static final Pattern RX_2 = Pattern.compile("[\\p{So}\\p{Cs}\\x{FE0F}]");
    private static final Pattern RX_3 = Pattern.compile("[ \\t]+");
    private static final Pattern RX_4 = Pattern.compile("(?<![\\w*])\\*([^*\\s]+)\\*(?![\\w*])");
    /** Longer headlines are cut: tools keep their state near the start, and the patterns stay linear. */
    private static final int MAX_HEADLINE = 300;

    /**
     * Where the poster's own name ends when {@code text} starts with it (after leading characters {@code skipped}
     * accepts), or -1: a name of fewer than three characters, or one as long as the text, signs nothing.
     */
    static int posterEnd(MessageView view, String text, java.util.function.IntPredicate skipped) {
        String poster = view.username() == null ? "" : view.username().strip();
        if (poster.length() < 3 || text.length() <= poster.length()) {
            return -1;
        }
        int start = 0;
        while (start < text.length() && skipped.test(text.charAt(start))) {
            start++;
        }
        return text.regionMatches(true, start, poster, 0, poster.length()) ? start + poster.length() : -1;
    }
    /** A state glued to the severity it ends: Sumo Logic's "ResolvedCritical Alert: …", "ResolvedMissingData". */
    private static final Pattern GLUED_RESOLVED = Pattern.compile("^(\\W*)Resolved(?=[A-Z][a-z])");

    static List<String> headlines(MessageView view, String text) {
        List<String> out = new ArrayList<>();
        for (String t : view.titles()) {
            addLine(out, withoutSignature(view, unglued(SlackText.normalise(t))));
        }
        int n = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            addLine(out, withoutSignature(view, unglued(line)));
            if (++n == 4) {
                break;
            }
        }
        return out;
    }

    private static String unglued(String line) {
        return GLUED_RESOLVED.matcher(line).replaceFirst("$1Resolved: ");
    }

    /**
     * A headline without the poster's own name signing it before a tag ("*SCOM* [Critical] Failed to Connect",
     * "Stackify Retrace *[Warning]* Apdex …" posted by SCOM, Stackify Retrace): the tag leads what the tool says.
     */
    private static String withoutSignature(MessageView view, String line) {
        int end = posterEnd(view, line, c -> c == '*' || c == '_'); // Slack's bold or italics around the name
        if (end < 0) {
            return line;
        }
        int i = end;
        while (i < line.length() && " *_:".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return i > end && i < line.length() && line.charAt(i) == '[' ? line.substring(i) : line;
    }

    private static void addLine(List<String> out, String line) {
        if (line.strip().endsWith("?")) {
            return; // a question ("is this alert resolved now?") states nothing
        }
        // symbols such as 🔴 and ✅ stand where an emoji code would: not part of the words
        String l =
                RX_3.matcher(RX_2.matcher(line).replaceAll(" ")).replaceAll(" ").strip();
        l = GenericWords.HOW_PREFIX.matcher(l).replaceFirst(""); // "Manually resolved: …" is resolved
        // Slack bold around one word: the word ("[zenoss] *CRITICAL* …")
        l = RX_4.matcher(l).replaceAll("$1");
        if (l.length() > MAX_HEADLINE) {
            l = l.substring(0, MAX_HEADLINE);
        }
        if (!l.isEmpty() && !out.contains(l)) {
            out.add(l);
        }
        Matcher tool = GenericWords.TOOL_PREFIX.matcher(l);
        if (tool.find() && !out.contains(l.substring(tool.end()))) {
            out.add(l.substring(tool.end()));
        }
    }

    static String first(Map<String, String> labels, String... keys) {
        for (String k : keys) {
            String v = labels.get(k);
            if (v != null && !v.isBlank()) {
                return SlackText.normalise(v).strip();
            }
        }
        return "";
    }

    static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
