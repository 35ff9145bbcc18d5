package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a status mark or an attachment's colour says: the colour an emoji code, a Unicode emoji or a card's colour
 * signals ({@link #emojiColour}, {@link #symbolColour}, {@link #colour}), the colour a mark leading a line signals (a
 * cross or a red circle, a check mark, a green heart), an amber one, and whether a card's bar agrees with a state. Used
 * by {@link GenericRecogniser}'s readers where a bot writes its state as a mark or a colour rather than a word, and by
 * {@link LearnedRecogniser} and {@link PosterHistory} to read colours as their buckets.
 */
final class Marks {

    private Marks() {}

    /** A status mark leading a line: an emoji code or symbol, then what it is about. */
    static final Pattern MARK_LEAD = Pattern.compile("^\\s*(?::(?<code>[a-z0-9_+-]+):|(?<sym>[\\p{So}✓✔✗✘‼]))\\x{FE0F}?"
            + "(?:(?<sym2>[\\p{So}✓✔✗✘‼])\\x{FE0F}?)?\\s*(?<rest>\\S.*)$");

    /**
     * The colour a status mark leading {@code raw} signals: red (a cross, a red circle, a broken heart, a siren),
     * green (a check mark, a green circle), "heart" for a green heart (a heartbeat's return), or null.
     */
    static String markColour(String raw) {
        Matcher m = MARK_LEAD.matcher(raw);
        if (!m.find()) {
            return null;
        }
        if (m.group("code") != null) {
            String code = m.group("code");
            if (code.equals("green_heart")) {
                return "heart";
            }
            String c = emojiColour(code);
            return c.equals("red") || c.equals("green") ? c : null;
        }
        String sym = m.group("sym");
        if (m.group("sym2") != null && !symbolColour(m.group("sym2")).equals("other")) {
            sym = m.group("sym2"); // "🫀❌", "💾✅": what it is about, then its state's mark
        }
        if (sym.equals("💚") || sym.equals("❤")) {
            return "heart"; // a whole heart after a broken one: the heartbeat is back
        }
        if ("✗✘🟥🟧🔻".contains(sym)) { // a red triangle pointing down: down
            return "red";
        }
        if ("✓🟩".contains(sym)) {
            return "green";
        }
        String c = symbolColour(sym);
        return c.equals("red") || c.equals("green") ? c : null;
    }

    /** "amber" when an amber or orange mark (a warning) leads {@code raw}, else null. */
    static String markAmber(String raw) {
        Matcher m = MARK_LEAD.matcher(raw);
        if (!m.find()) {
            return null;
        }
        String c = m.group("code") != null ? emojiColour(m.group("code")) : symbolColour(m.group("sym"));
        return "amber".equals(c) ? c : null;
    }

    /** Whether an attachment's colour agrees with {@code action}: red for an open, green for a close. */
    static boolean colourAgrees(MessageView view, Action action) {
        for (String c : view.colours()) {
            String colour = c.strip().toLowerCase(Locale.ROOT);
            boolean red = colour.equals("danger");
            boolean green = colour.equals("good");
            if (colour.matches("#?[0-9a-f]{6}")) {
                String hex = colour.replace("#", "");
                int r = Integer.parseInt(hex.substring(0, 2), 16);
                int g = Integer.parseInt(hex.substring(2, 4), 16);
                int b = Integer.parseInt(hex.substring(4, 6), 16);
                red = r > g + 64 && r > b + 64;
                green = g > r + 64 && g > b + 32;
            }
            if ((action == Action.OPEN && red) || (action == Action.CLOSE && green)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern RED_EMOJI = Pattern.compile(
            "red|^x$|cross|no_entry|rotating_light|siren|fire|boom|broken_heart|sos|alert|bangbang|exclamation|skull");
    private static final Pattern GREEN_EMOJI =
            Pattern.compile("green|check|^ok|thumbsup|\\+1|tada|sunny|white_circle|relieved|heart$");
    private static final Pattern AMBER_EMOJI = Pattern.compile("warning|orange|yellow|large_orange|hourglass");

    /**
     * An emoji code as the colour it signals ({@code red_circle}, {@code rotating_light}: red; {@code
     * white_check_mark}, {@code large_green_circle}: green; {@code warning}: amber; else other), so that an emoji no
     * fixture has still says what its family says.
     */
    static String emojiColour(String name) {
        if (GREEN_EMOJI.matcher(name).find() && !name.contains("broken")) {
            return "green";
        }
        if (RED_EMOJI.matcher(name).find()) {
            return "red";
        }
        return AMBER_EMOJI.matcher(name).find() ? "amber" : "other";
    }

    /** A Unicode emoji as the colour it signals, as {@link #emojiColour} does for codes. */
    static String symbolColour(String symbol) {
        if ("🔴❌🚨🔥💥💔⛔🆘‼❗☠".contains(symbol)) {
            return "red";
        }
        if ("✅🟢✔💚☑🎉".contains(symbol)) {
            return "green";
        }
        return "⚠🟠🟡⏳".contains(symbol) ? "amber" : "other";
    }

    /** A colour as a bucket: red, green, amber, grey or other. */
    static String colour(String c) {
        String x = c.strip().toLowerCase(Locale.ROOT).replace("#", "");
        switch (x) {
            case "danger":
                return "red";
            case "good":
                return "green";
            case "warning":
                return "amber";
            default:
                break;
        }
        if (!x.matches("[0-9a-f]{6}")) {
            return "other";
        }
        int r = Integer.parseInt(x.substring(0, 2), 16);
        int g = Integer.parseInt(x.substring(2, 4), 16);
        int b = Integer.parseInt(x.substring(4, 6), 16);
        if (Math.abs(r - g) < 30 && Math.abs(g - b) < 30) {
            return "grey";
        }
        if (r > 150 && g < 110 && b < 110) {
            return "red";
        }
        if (g > 120 && r < 150 && b < 150 && g >= r) {
            return "green";
        }
        if (r > 180 && g > 100 && b < 100) {
            return "amber";
        }
        return "other";
    }
}
