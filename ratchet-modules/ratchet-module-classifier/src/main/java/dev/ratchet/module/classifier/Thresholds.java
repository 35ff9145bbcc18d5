package dev.ratchet.module.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measurement beside its limit, as scripts and monitors write one: whether a value is past the threshold it names
 * ("cpu 97% (threshold 90%)"), whether a limit written beside it is crossed or a later line is back within it, and the
 * numbers as written ("1 240 000", "0,4", digits of any script). Pure; used by {@link GenericRecogniser}, its readers
 * and {@link PosterHistory}.
 */
final class Thresholds {

    private Thresholds() {}

    /** A measurement next to the threshold it crossed: "disk 93% used (threshold 90%)", "48,210 (>10,000)", "4.8s > 2s". */
    /**
     * The word for a threshold or limit in the languages scripts write in: English, German, Dutch, the Nordic
     * languages, French, Italian, Spanish, Portuguese, Polish, Czech, Hungarian, Romanian, Finnish, Turkish,
     * Indonesian and Malay, Vietnamese, Russian, Japanese, Chinese and Korean.
     */
    private static final String THRESHOLD_WORDS =
            "threshold|thresh|crit(?:ical)?|warn(?:ing)?|limite|limit|max|baseline"
                    + "|policy|umbral|límite|schwelle|schwellwert|schwellenwert|grenzwert|grenze|grens|grense|grensen"
                    + "|grenseverdi|gräns|gränsen|gränsvärde|grænse|grænseværdi|drempel|drempelwaarde|seuil|soglia|próg|prog"
                    + "|limiar|eşik|eşiği|esik|ambang|batas|raja|raja-arvo|küszöb|küszöbérték|prag|hranice|mez|ngưỡng|порог"
                    + "|閾値|しきい値|阈值|閾值|임계값|임계치|上限|下限";
    /** A number as scripts write it, thousands apart with spaces ("1 240 000") or marks ("48,210", "1.284.330"). */
    private static final String NUMBER = "\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+(?![\\d.,])|\\d[\\d.,]*";

    static final Pattern OVER_THRESHOLD = Pattern.compile(
            "(?i)^(?<name>.{2,120}?)\\s*"
                    + "(?:(?<value>" + NUMBER + ")[^()（）\\d\\n]{0,40}?[(（]\\s*(?:" + THRESHOLD_WORDS + ")(?![\\p{L}])"
                    + "[^\\d)）\\n]{0,10}(?<limit>" + NUMBER + ")?[^)）\\n]{0,30}[)）]"
                    + "|(?<value2>\\d[\\d.,]*)\\s*[%a-z$]{0,3}\\s*\\(\\s*[<>]=?\\s*\\$?(?<limit2>\\d[\\d.,]*)"
                    + "|(?<value3>\\d[\\d.,]*)\\s*°?[%a-z$]{0,3}\\s+>\\s+\\$?(?<limit3>\\d[\\d.,]*)\\s*°?[%a-z$]{0,3}(?:\\s|$)"
                    // the value and its threshold in one parenthesis: "48/50 in use (96%, warn at 90%)"
                    + "|\\(\\s*(?<value4>\\d[\\d.,]*)\\s*%?\\s*,\\s*(?:threshold|warn(?:ing)?|crit(?:ical)?|limit|limite|próg)(?:\\s+at)?\\s*[:=]?\\s*"
                    + "(?<limit4>\\d[\\d.,]*)"
                    // a key=value line: "verdi=96.4 enhet=C grense=95.0", "p95_wait=95s threshold=30s",
                    // "son_guncelleme=47dk
                    // eşik=15dk"
                    + "|(?<![^\\s])(?<vkey>[\\p{L}][\\p{L}\\w.-]{0,30})=(?<value5>\\d[\\d.,]*)\\p{L}{0,5}(?:\\s+[\\p{L}\\w.-]+=[^\\s=]+){0,4}?\\s+(?:(?!(?i:over|under|above|below|num|count|n)_)[\\p{L}\\w-]*_)?(?:"
                    + THRESHOLD_WORDS + ")\\s*=\\s*(?<limit5>\\d[\\d.,]*))",
            Pattern.UNICODE_CASE);

    /** Whether {@code over} finds a measurement above the threshold it names ("0.4% failures (threshold 1%)" is not). */
    static boolean overThreshold(Matcher over) {
        while (over.find()) {
            String value = null;
            String limit = null;
            for (String[] g : VALUE_LIMIT_GROUPS) {
                if (over.group(g[0]) != null) {
                    value = over.group(g[0]);
                    limit = over.group(g[1]);
                    break;
                }
            }
            if (limit == null) {
                return true;
            }
            try {
                if (number(value) > number(limit)) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return true; // "1.2.3": not a number to compare, the threshold still stated
            }
        }
        return false;
    }

    private static final String[][] VALUE_LIMIT_GROUPS = {
        {"value", "limit"}, {"value2", "limit2"}, {"value3", "limit3"}, {"value4", "limit4"}, {"value5", "limit5"}
    };

    /**
     * Whether a later line's measurement, the last in the unit of an open line's measurement, is back within the limit
     * written beside that ("cpu_load 7,8 (meja 6)", then "cpu_load 5 min 2,1"); null when the open line writes no limit
     * or the later one no measurement in its unit.
     */
    static Boolean backWithinLimit(String openLine, String nowLine) {
        Matcher m = LIMIT_BESIDE.matcher(asciiDigits(openLine));
        if (!m.find()) {
            return null;
        }
        String unit = m.group("unit") == null ? "" : m.group("unit").replace(" ", "");
        String unit2 = m.group("unit2") == null ? "" : m.group("unit2").replace(" ", "");
        if (!unit2.isEmpty() && !unit2.equalsIgnoreCase(unit)) {
            return null;
        }
        try {
            double limit = number(m.group("limit"));
            boolean minimum = false;
            for (String w : m.group("word").replace(".", "").split("\\s")) {
                minimum |= MINIMUM_WORD.matcher(w).matches();
            }
            Double last = null;
            Matcher v = MEASURED.matcher(asciiDigits(nowLine));
            while (v.find()) {
                String u = v.group("unit") == null ? "" : v.group("unit").replace(" ", "");
                if (u.equalsIgnoreCase(unit)) {
                    last = number(v.group("value"));
                }
            }
            return last == null ? null : minimum ? last >= limit : last <= limit;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number and its unit, if it has one: "71 %", "2,1", "4.2%", "5 min". */
    private static final Pattern MEASURED = Pattern.compile(
            "(?<![\\w.,])(?<value>" + NUMBER + ")\\s*(?<unit>%|°\\s?\\p{L}?|\\p{L}{1,4}(?:/\\p{L}{1,2})?)?(?![\\w])");

    /** {@code s} with the decimal digits of any script written as ASCII ones ("৯৩%" as "93%"). */
    static String asciiDigits(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 && Character.isDigit(c)) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) ('0' + Character.digit(c, 10)));
            }
        }
        return b == null ? s : b.toString();
    }

    /** A number as written: "1 240 000", "48,210", "0,4" (a decimal comma), "96.4". */
    static double number(String written) {
        String n = written.replaceAll("[\\s\\u00A0\\u202F]", "");
        n = n.matches("\\d+,\\d{1,2}") ? n.replace(',', '.') : n.replace(",", "");
        return Double.parseDouble(n);
    }

    /**
     * A measurement beside its limit in a parenthesis, in the same unit, whatever word names the limit: "94% (เกณฑ์
     * 90%)", "58 °C (maks. 55)", "2,1 bar (min. 3,0)". A limit called a minimum is crossed from above.
     */
    static final Pattern LIMIT_BESIDE = Pattern.compile("(?<![\\w.,])(?<value>" + NUMBER
            + ")\\s*(?<unit>%|°\\s?\\p{L}?|\\p{L}{1,4}(?:/\\p{L}{1,2})?)?\\s*[(（]\\s*(?<word>\\p{L}[\\p{L}\\p{M}.]{0,14}(?:\\s\\p{L}[\\p{L}\\p{M}.]{1,14})?)\\s*[:=]?\\s*"
            + "(?<limit>" + NUMBER + ")\\s*(?<unit2>%|°\\s?\\p{L}?|\\p{L}{1,4}(?:/\\p{L}{1,2})?)?\\s*[)）]");
    /** What a minimum is called beside a value: its abbreviations in the scripts that write them. */
    private static final Pattern MINIMUM_WORD =
            Pattern.compile("(?iu)m[ií]n(?:im\\p{L}{0,4})?|мин\\p{L}{0,6}|мін\\p{L}{0,6}|下限|最小|최소|(?:ال)?[أا]دنى");

    /**
     * Whether a measurement beside its limit crossed it: true when past it, false when within it, null when the line
     * writes none.
     */
    static Boolean limitCrossed(String line) {
        Matcher r = RANGE_BESIDE.matcher(line);
        if (r.find()) {
            String unit = r.group("unit") == null ? "" : r.group("unit").replace(" ", "");
            String unit2 = r.group("unit2") == null ? "" : r.group("unit2").replace(" ", "");
            if (unit2.isEmpty() || unit2.equalsIgnoreCase(unit)) {
                try {
                    double v = number(r.group("value").replace("-", ""));
                    v = r.group("value").startsWith("-") ? -v : v;
                    double lo = number(r.group("low").replace("-", ""));
                    lo = r.group("low").startsWith("-") ? -lo : lo;
                    double hi = number(r.group("high").replace("-", ""));
                    hi = r.group("high").startsWith("-") ? -hi : hi;
                    return v < lo || v > hi;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        Matcher m = LIMIT_BESIDE.matcher(line);
        while (m.find()) {
            String unit = m.group("unit") == null ? "" : m.group("unit").replace(" ", "");
            String unit2 = m.group("unit2") == null ? "" : m.group("unit2").replace(" ", "");
            if (!unit2.isEmpty() && !unit2.equalsIgnoreCase(unit)) {
                continue;
            }
            try {
                double v = number(m.group("value"));
                double l = number(m.group("limit"));
                boolean minimum = false;
                for (String w : m.group("word").replace(".", "").split("\\s")) {
                    minimum |= MINIMUM_WORD.matcher(w).matches(); // "الحد الأدنى": the limit, the lowest
                }
                return minimum ? v < l : v > l;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
    /** A measurement beside a range it should stay in: "9.5 °C (เกณฑ์ 2–8 °C)". */
    private static final Pattern RANGE_BESIDE =
            Pattern.compile("(?<![\\w.,])(?<value>-?\\d[\\d.,]*)\\s*(?<unit>%|°\\s?\\p{L}?|\\p{L}{1,4})?"
                    + "\\s*[(（]\\s*\\p{L}[\\p{L}\\p{M}.]{0,14}\\s*[:=]?\\s*(?<low>-?\\d[\\d.,]*)\\s*[–—-]\\s*(?<high>-?\\d[\\d.,]*)"
                    + "\\s*(?<unit2>%|°\\s?\\p{L}?|\\p{L}{1,4})?\\s*[)）]");
    /** A run's length as a key=value pair's value: "ใช้เวลา=3m12s", "took=41m", "duration=58s". */
    static final Pattern LENGTH_VALUE = Pattern.compile(
            "(?<![^\\s])[\\p{L}][\\p{L}\\p{M}\\w.-]{0,30}=\\d+(?:[.,]\\d+)?(?:ms|s|m|h|min|sec)(?:\\d+(?:s|m))?(?!\\S)");
}
