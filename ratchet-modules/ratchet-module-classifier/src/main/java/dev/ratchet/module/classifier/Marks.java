package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a status mark or an attachment's colour says: the colour a mark leading a line signals (a cross or a red
 * circle, a check mark, a green heart), an amber one, and whether a card's bar agrees with a state. Used by
 * {@link GenericRecogniser}'s readers where a bot writes its state as a mark or a colour rather than a word.
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
            String c = LearnedRecogniser.emojiColour(code);
            return c.equals("red") || c.equals("green") ? c : null;
        }
        String sym = m.group("sym");
        if (m.group("sym2") != null
                && !LearnedRecogniser.symbolColour(m.group("sym2")).equals("other")) {
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
        String c = LearnedRecogniser.symbolColour(sym);
        return c.equals("red") || c.equals("green") ? c : null;
    }

    /** "amber" when an amber or orange mark (a warning) leads {@code raw}, else null. */
    static String markAmber(String raw) {
        Matcher m = MARK_LEAD.matcher(raw);
        if (!m.find()) {
            return null;
        }
        String c = m.group("code") != null
                ? LearnedRecogniser.emojiColour(m.group("code"))
                : LearnedRecogniser.symbolColour(m.group("sym"));
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
}
