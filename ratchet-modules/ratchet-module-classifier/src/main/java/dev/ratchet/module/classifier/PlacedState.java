package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a bot keeps its state in a place of its own rather than in its words, read by shape whatever the language: a
 * status badge's image (its alt text, a shields.io badge's message and colour), a runbook's checkboxes (none ticked,
 * or the last step ticked), Slack message metadata's {@code event_type}, a {@code rich_text} block's leading emoji
 * element, an uploaded file's title, a syslog line's PRI (RFC 5424 and 3164), a time range left open or closed, the
 * row of a status board marked as the one that changed, hashtags. Each reading is a mark ("🔴" open, "🟢" close, "✅"
 * a pass the poster's history may read as a failure's close) leading the line that names the thing, or nothing; the
 * state's words are read from {@link StateWords} (any language) and the generic recogniser's English, never a list
 * of one team's words.
 */
final class PlacedState {

    private PlacedState() {}

    /** What a phrase says in any language the lexicon knows, or in English: open, close, none (an update), or null. */
    static Action stateOf(String phrase) {
        if (phrase == null || phrase.isBlank()) {
            return null;
        }
        String p = phrase.strip();
        Action a = StateWords.of(p);
        if (a != null) {
            return a;
        }
        return GenericWords.englishState(p);
    }

    /** A state phrase as its lead mark: "🔴" for an open, "🟢" for a close, null otherwise. */
    private static String mark(Action a) {
        return a == Action.OPEN ? "🔴" : a == Action.CLOSE ? "🟢" : null;
    }

    // ---------------------------------------------------------------- a badge's image

    /** A shields.io badge's path: "/badge/label-message-colour" or "/badge/message-colour". */
    private static final Pattern SHIELDS = Pattern.compile("(?i)^https?://img\\.shields\\.io/badge/(?<path>[^?#]+)");

    /** Badge colours of an alarm (shields' named colours and their aliases, and the hex codes of red and orange). */
    private static final Set<String> RED_BADGE =
            Set.of("red", "critical", "orange", "important", "e05d44", "fe7d37", "ff0000", "d73a49", "ff4136");

    private static final Set<String> GREEN_BADGE = Set.of("brightgreen", "green", "success", "4c1", "97ca00", "2ea44f");

    /** A badge's message saying a run passed or a thing was published: a report, whatever its colour. */
    private static final Pattern BADGE_REPORT = Pattern.compile(
            "(?i)^(?:passing|passed|success|successful|succeeded|built|published|released|stable|up to date|latest"
                    + "|online|active|enabled|maintained|ok)$");

    /** A badge's label naming a build, its tests or a project's metadata: a repository's badge, no alert. */
    private static final Pattern BADGE_OF_A_BUILD = Pattern.compile(
            "(?i)^(?:build|builds|ci|cd|tests?|pipeline|checks?|workflow|coverage|codecov|docs?|documentation|release"
                    + "|version|license|downloads|security|dependencies|deps|vulnerabilities|lint|code quality"
                    + "|quality gate)$");

    /**
     * The state a card keeps only in an image: a status badge's alt text ("Status: CRITICAL", "Estado: resuelto"), else
     * a shields.io badge's message read as a state word, else its colour (red or orange an open, green a close); a
     * badge that says it is a test, maintenance, a run's pass or a number, or whose label names a build or a project's
     * metadata ("build", "tests", "coverage"), is none. The mark leads {@code line} (the
     * card's first section line); null when the card has no badge or none of these says a state.
     */
    static String badge(List<?> blocks, String line) {
        if (line == null) {
            return null;
        }
        for (Object b : blocks) {
            if (!(b instanceof Map<?, ?> block)) {
                continue;
            }
            Map<?, ?> image = "image".equals(block.get("type"))
                    ? block
                    : block.get("accessory") instanceof Map<?, ?> acc && "image".equals(acc.get("type")) ? acc : null;
            if (image == null) {
                continue;
            }
            String alt = image.get("alt_text") instanceof String s ? s : "";
            String url = image.get("image_url") instanceof String u ? u : "";
            if (StateWords.MAINTENANCE.matcher(alt).find()) {
                return null;
            }
            String side = MessageView.sideState(alt);
            if (side != null) {
                if (side.startsWith("TEST — ")) {
                    return null;
                }
                return lead(mark(stateOf(side)), line);
            }
            Matcher m = SHIELDS.matcher(url);
            if (!m.find()) {
                continue;
            }
            String[] seg = m.group("path").replace("--", "\u0000").split("-");
            if (seg.length < 2) {
                continue;
            }
            if (seg.length >= 3
                    && BADGE_OF_A_BUILD
                            .matcher(URLDecoder.decode(seg[0].replace("\u0000", "-"), StandardCharsets.UTF_8)
                                    .replace('_', ' ')
                                    .strip())
                            .matches()) {
                return null;
            }
            String colour =
                    seg[seg.length - 1].replaceAll("\\.(?:svg|png)$", "").toLowerCase(Locale.ROOT);
            String message = URLDecoder.decode(
                            seg[seg.length - 2].replace("\u0000", "-").replace("__", "\u0001"), StandardCharsets.UTF_8)
                    .replace('_', ' ')
                    .replace('\u0001', '_')
                    .strip();
            if (StateWords.MAINTENANCE.matcher(message).find()
                    || BADGE_REPORT.matcher(message).matches()
                    || message.matches(".*\\p{N}.*")
                    || MessageView.sideState(message) != null
                            && MessageView.sideState(message).startsWith("TEST")) {
                return null;
            }
            Action said = stateOf(message);
            if (said != null) {
                return lead(mark(said), line);
            }
            if (RED_BADGE.contains(colour)) {
                return lead("🔴", line);
            }
            if (GREEN_BADGE.contains(colour)) {
                return lead("🟢", line);
            }
            return null;
        }
        return null;
    }

    private static String lead(String mark, String line) {
        return mark == null || line == null || line.isBlank() ? null : mark + " " + named(line);
    }

    /** A job's or check's identifier leading a line, code-quoted or not: "`nightly_export`", "orders.sync". */
    private static final Pattern IDENTIFIER_LEAD = Pattern.compile(
            "^`?(?<id>\\p{L}[\\p{L}\\p{N}]*(?:[_.][\\p{L}\\p{N}]+)+)`?(?:\\s*[·•|:]\\s*|\\s+)(?<rest>\\S.*)$");

    /**
     * A line as the lead names what it is about, for the generic recogniser to read its names: "thing · check · 9.4 °C"
     * reads "thing: check" (a host-like thing, then a check of words), "nightly_export · 02:00" reads "nightly_export:
     * 02:00" (an identifier leading); any other line as it is, its markup dropped.
     */
    static String named(String line) {
        String l = line.replace("*", "").strip();
        String[] seg = TITLE_SEPARATOR.split(l);
        if (seg.length >= 2
                && THING.matcher(seg[0].strip()).matches()
                && !seg[1].strip().isEmpty()
                && !seg[1].matches(".*\\p{N}.*")) {
            return seg[0].strip() + ": " + seg[1].strip();
        }
        Matcher id = IDENTIFIER_LEAD.matcher(l);
        if (id.matches()) {
            return id.group("id") + ": " + id.group("rest").replace("`", "");
        }
        return l;
    }

    // ---------------------------------------------------------------- a runbook's checkboxes

    /**
     * A card whose state is the progress of its runbook's checkboxes, the last option its final step (a green mark, or
     * a close state word: "✅ Resolved", "Erledigt"): none ticked is a new incident (an open), the last step ticked its
     * end (a close), the steps between an update (none). A set of checkboxes whose last option is no final step (a
     * poll, preferences) says nothing: null.
     */
    static String checklist(List<?> blocks, String line) {
        if (line == null) {
            return null;
        }
        for (Object b : blocks) {
            if (!(b instanceof Map<?, ?> block)) {
                continue;
            }
            List<Object> elements = new ArrayList<>();
            if (block.get("elements") instanceof List<?> els) {
                elements.addAll(els);
            }
            if (block.get("accessory") != null) {
                elements.add(block.get("accessory"));
            }
            if (block.get("element") != null) {
                elements.add(block.get("element"));
            }
            for (Object e : elements) {
                if (!(e instanceof Map<?, ?> el)
                        || !"checkboxes".equals(el.get("type"))
                        || !(el.get("options") instanceof List<?> options)
                        || options.size() < 2) {
                    continue;
                }
                String last = optionText(options.get(options.size() - 1));
                if (last == null || !finalStep(last)) {
                    return null;
                }
                Set<String> ticked = new HashSet<>();
                if (el.get("initial_options") instanceof List<?> initial) {
                    for (Object o : initial) {
                        String t = optionText(o);
                        if (t != null) {
                            ticked.add(t);
                        }
                    }
                }
                if (ticked.isEmpty()) {
                    return "🔴 " + line;
                }
                return ticked.contains(last) ? "🟢 " + line : null;
            }
        }
        return null;
    }

    private static String optionText(Object o) {
        return o instanceof Map<?, ?> opt && opt.get("text") instanceof Map<?, ?> t && t.get("text") instanceof String s
                ? s.strip()
                : null;
    }

    /** An option that is a runbook's final step: led by a green mark, or its words a close state. */
    private static boolean finalStep(String label) {
        if ("🟢".equals(MessageView.labelState(label, ""))) {
            return true;
        }
        String words = label.replaceAll("\\([^)]*\\)", "")
                .transform(StateWords::trimmed)
                .strip();
        return stateOf(words) == Action.CLOSE;
    }

    // ---------------------------------------------------------------- a rich_text block's leading emoji

    /**
     * A {@code rich_text} block led by an {@code emoji} element (":x: nightly_export · 02:00"), as an app's run line
     * keeps its state: a red or amber emoji opens ("🔴"), a green one is a pass ("✅": a failure's close only by the
     * poster's history), any other (a test tube, a clock) says nothing. The mark leads the section's text after the
     * emoji; null when the block is no such one.
     */
    static String leadingEmoji(List<?> blocks) {
        for (Object b : blocks) {
            if (!(b instanceof Map<?, ?> block) || !"rich_text".equals(block.get("type"))) {
                continue;
            }
            if (!(block.get("elements") instanceof List<?> sections)
                    || sections.isEmpty()
                    || !(sections.get(0) instanceof Map<?, ?> section)
                    || !(section.get("elements") instanceof List<?> runs)
                    || runs.isEmpty()
                    || !(runs.get(0) instanceof Map<?, ?> first)
                    || !"emoji".equals(first.get("type"))
                    || !(first.get("name") instanceof String name)) {
                return null;
            }
            StringBuilder rest = new StringBuilder();
            for (int i = 1; i < runs.size(); i++) {
                if (runs.get(i) instanceof Map<?, ?> r && r.get("text") instanceof String s) {
                    rest.append(s);
                }
            }
            String line = rest.toString().strip().split("\n", 2)[0].strip();
            if (line.isEmpty()) {
                return null;
            }
            String colour = Marks.emojiColour(name.toLowerCase(Locale.ROOT));
            return switch (colour) {
                case "red", "amber" -> "🔴 " + named(line);
                case "green" -> "✅ " + named(line);
                default -> null;
            };
        }
        return null;
    }

    // ---------------------------------------------------------------- message metadata

    /** English state words that say a thing began rather than failed: no open in an event's type. */
    private static final Set<String> BEGAN = Set.of(
            "started",
            "created",
            "new",
            "open",
            "opened",
            "activated",
            "active",
            "declared",
            "detected",
            "investigating",
            "unknown",
            "missing");

    /**
     * The state an app keeps only in its message's {@code metadata.event_type} ("job_failed", "alert_resolved",
     * "backup.not_started"): the type's last words read as a state (a "not" before a verb opens: "not_started",
     * "not_run"); a type that says a thing began, succeeded or ran dry is none. The mark leads the message's first
     * line, leading symbols dropped; null when there is no such type.
     */
    static String metadata(Map<String, Object> message, String text) {
        if (!(message.get("metadata") instanceof Map<?, ?> meta)
                || !(meta.get("event_type") instanceof String type)
                || text == null
                || text.isBlank()) {
            return null;
        }
        String[] words = type.strip().toLowerCase(Locale.ROOT).split("[_.:/\\s-]+");
        Action said = null;
        for (int n = Math.min(3, words.length); n >= 1 && said == null; n--) {
            String phrase = String.join(" ", java.util.Arrays.copyOfRange(words, words.length - n, words.length));
            if (n == 1 && BEGAN.contains(phrase)) {
                if (words.length >= 2 && words[words.length - 2].equals("not")) {
                    said = Action.OPEN;
                }
                break;
            }
            if (n >= 2 && words[words.length - n].equals("not")) {
                said = Action.OPEN;
                break;
            }
            said = stateOf(phrase);
        }
        String line = text.strip()
                .split("\n", 2)[0]
                .replaceAll("^[^\\p{L}\\p{N}`*_\\[]+", "")
                .strip();
        return lead(mark(said), line);
    }

    // ---------------------------------------------------------------- an uploaded file's title

    /** A title's separators: a middle dot, a bullet, a bar, a dash between spaces. */
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[·•|—–-]\\s+");

    /**
     * The state a bot keeps only in an uploaded file's title ("boiler-1 · pressure · RESOLVED", "db01 — Störung"): its
     * last segment read as a state or a condition in any language; the mark leads the segments before it. Null when the
     * message uploads no such file.
     */
    static String fileTitle(Map<String, Object> message) {
        if (!(message.get("files") instanceof List<?> files)) {
            return null;
        }
        for (Object f : files) {
            if (!(f instanceof Map<?, ?> file)
                    || "email".equals(file.get("filetype"))
                    || !(file.get("title") instanceof String title)) {
                continue;
            }
            String[] seg = TITLE_SEPARATOR.split(title.strip());
            if (seg.length < 2) {
                continue;
            }
            String state = seg[seg.length - 1].strip();
            Action a = stateOf(state);
            if (a == null) {
                a = StateWords.condition(state, true);
            }
            String m = mark(a);
            if (m != null) {
                return m + " " + named(String.join(" · ", java.util.Arrays.copyOf(seg, seg.length - 1)));
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- an attachment's fallback

    /** A fallback led by a state tag in brackets: "[FIRING:2] NodeFilesystemAlmostFull | http://…". */
    private static final Pattern FALLBACK_TAG = Pattern.compile("^\\s*\\[(?<state>\\p{L}+)(?::\\s*\\d+)?\\]");

    /**
     * The state tag of an attachment's fallback kept under a title and text of a team's own ("[FIRING:2]
     * NodeFilesystemAlmostFull | http://…" behind the alerts' summaries and descriptions): a template that rewrites
     * the title and text but keeps the tool's default fallback says the state only there, as Slack shows it in
     * notifications. The fallback up to its link, or null when no attachment's fallback leads with a state tag its
     * title does not already lead with.
     */
    static String fallbackTag(Map<String, Object> message) {
        if (!(message.get("attachments") instanceof List<?> attachments)) {
            return null;
        }
        for (Object a : attachments) {
            if (!(a instanceof Map<?, ?> att)
                    || !(att.get("fallback") instanceof String fallback)
                    || !(att.get("title") instanceof String title)
                    || title.isBlank()) {
                continue;
            }
            Matcher m = FALLBACK_TAG.matcher(fallback);
            if (!m.find() || GenericWords.englishState(m.group("state")) == null) {
                continue;
            }
            Matcher own = FALLBACK_TAG.matcher(title);
            if (own.find() && GenericWords.englishState(own.group("state")) != null) {
                return null; // the title says its state itself
            }
            // the fallback up to its link ("[FIRING:2] NodeFilesystemAlmostFull"), or the tag before the title's first
            // line when the fallback names nothing
            String rest =
                    fallback.substring(m.end()).split("\\s+\\|\\s+|\\n", 2)[0].strip();
            return m.group().strip() + " "
                    + (rest.isEmpty() || rest.startsWith("|") ? title.strip().split("\n", 2)[0] : rest);
        }
        return null;
    }

    // ---------------------------------------------------------------- shapes of a bot's text

    /**
     * What a text shape says: a lead line (null: none, an update or a report), why, and whether the lead stands for the
     * whole text (a board's marked row: the other rows are no news).
     */
    record Placed(String lead, String why, boolean whole) {
        Placed(String lead, String why) {
            this(lead, why, false);
        }
    }

    /** A syslog line's PRI and the rest: RFC 5424 "<131>1 2027-… host app pid msgid - msg", or RFC 3164. */
    private static final Pattern SYSLOG_5424 = Pattern.compile(
            "^<(?<pri>\\d{1,3})>1\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(?:-|(?:\\[[^\\]]*\\])+)\\s*(?<msg>.*)$");

    private static final Pattern SYSLOG_3164 = Pattern.compile(
            "^<(?<pri>\\d{1,3})>[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}\\s+\\S+\\s+[^\\s:]+:\\s*(?<msg>.*)$");

    /** The severity of a bot's syslog line (PRI modulo 8: 0 emergency … 3 error, 4 warning, 6 info, 7 debug), or -1. */
    static int syslogSeverity(String firstLine) {
        Matcher m = syslog(firstLine);
        return m == null ? -1 : Integer.parseInt(m.group("pri")) % 8;
    }

    private static Matcher syslog(String line) {
        String l = line.strip().replaceAll("^`+|`+$", "").strip();
        for (Pattern p : new Pattern[] {SYSLOG_5424, SYSLOG_3164}) {
            Matcher m = p.matcher(l);
            if (m.matches() && Integer.parseInt(m.group("pri")) <= 191) {
                return m;
            }
        }
        return null;
    }

    /** A time of day in any digits: "02:10", "၀၂:၁၀". */
    private static final String TIME = "\\p{Nd}{1,2}:\\p{Nd}{2}";

    /** A line's head, then a time range left open at its end: "… · power cut 02:10 –". */
    private static final Pattern OPEN_RANGE =
            Pattern.compile("^(?<head>.*\\S)\\s+(?<start>" + TIME + ")\\s*[–—-]\\s*$");

    /** The same range still open after so long: "02:10 – … (45 min)". */
    private static final Pattern STILL_RANGE = Pattern.compile(
            "^(?<head>.*\\S)\\s+(?<start>" + TIME + ")\\s*[–—-]\\s*(?:…|\\.\\.\\.|\\?)\\s*(?:\\([^()]*\\))?\\s*$");

    /** A closed range at a line's end, with how long it lasted perhaps: "02:10 – 03:45 (1 h 35 min)". */
    private static final Pattern CLOSED_RANGE = Pattern.compile(
            "^(?<head>.*\\S)\\s+(?<start>" + TIME + ")\\s*[–—-]\\s*(?<end>" + TIME + ")\\s*(?:\\([^()]*\\))?\\s*$");

    /** A name of a thing: letters with digits or inner punctuation ("gps-gateway", "db01", "orders.daily"). */
    private static final Pattern THING = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\p{N}]*(?:[-_.][\\p{L}\\p{N}]+)+|(?<![\\p{L}\\p{N}])\\p{L}{2,}\\p{N}+");

    /** A board's row: a name, two spaces or more, a status mark and its words, the change's marker perhaps. */
    private static final Pattern BOARD_ROW = Pattern.compile(
            "^\\s*(?<name>\\S+(?: \\S+)?)[ \\t]{2,}(?<mark>[\\p{So}✓✔✗✘])\\x{FE0F}?\\s*(?<word>.*?)\\s*(?<arrow>◀\\x{FE0F}?|⬅\\x{FE0F}?|←|<--|<<)?\\s*$");

    /** A hashtag: "#critical", "#wieder-ok". */
    private static final Pattern HASHTAG =
            Pattern.compile("(?<![\\p{L}\\p{N}&#])#(?<tag>\\p{L}[\\p{L}\\p{M}\\p{N}_-]*)");

    /**
     * A bot's text whose state is in a place of its own: a syslog line's PRI (error and worse, or a warning, open; the
     * line's message leads); a time range at a line's end left open (an open), still open after so long (an update),
     * closed after an open state (a close), of no length (a test); a status board's row marked as the one that changed
     * ("tracking-web  ❌ down  ◀"; a board with no row marked, every row green, is a report); hashtags that are a state
     * in any language ("#critical", "#gelöst"). Null when none is.
     */
    static Placed text(MessageView message) {
        if (!message.bot()) {
            return null;
        }
        String text = message.text().strip();
        if (text.isEmpty()) {
            return null;
        }
        String first = text.split("\n", 2)[0];
        Matcher sys = syslog(first);
        if (sys != null) {
            int severity = Integer.parseInt(sys.group("pri")) % 8;
            String msg = sys.group("msg").replaceAll("`+$", "").strip();
            if (severity <= 4 && !msg.isEmpty()) {
                return new Placed(
                        "🔴 " + named(msg),
                        "a syslog line of severity " + severity + " (PRI " + sys.group("pri") + ")");
            }
            return null;
        }
        Placed board = board(text);
        if (board != null) {
            return board;
        }
        Placed range = range(first);
        if (range != null) {
            return range;
        }
        return hashtags(first);
    }

    private static String withoutLeadingSymbols(String head) {
        return head.replaceAll("^[^\\p{L}\\p{N}`*_\\[]+", "").strip();
    }

    private static Placed range(String first) {
        String line = first.strip();
        Matcher open = OPEN_RANGE.matcher(line);
        Matcher still = STILL_RANGE.matcher(line);
        Matcher closed = CLOSED_RANGE.matcher(line);
        Matcher m = open.matches() ? open : still.matches() ? still : closed.matches() ? closed : null;
        if (m == null) {
            return null;
        }
        String head = withoutLeadingSymbols(m.group("head"));
        if (!THING.matcher(head).find()
                || StateWords.MAINTENANCE.matcher(head).find()
                || MessageView.sideState(head) != null
                        && MessageView.sideState(head).startsWith("TEST")) {
            return null;
        }
        if (m == open) {
            return new Placed("🔴 " + named(head), "a time range left open at the line's end");
        }
        if (m == still) {
            return new Placed(null, "a time range still open after so long: an update");
        }
        if (digits(m.group("start")).equals(digits(m.group("end")))) {
            return new Placed(null, "a time range of no length: a test");
        }
        String[] seg = TITLE_SEPARATOR.split(head);
        String condition = seg[seg.length - 1].strip();
        if (seg.length >= 2 && stateOf(condition) == Action.OPEN) {
            return new Placed("🟢 " + named(head), "a time range closed after an open state");
        }
        return null;
    }

    /** A time's digits as ASCII ("၀၂:၁၀" is "02:10"). */
    private static String digits(String time) {
        StringBuilder sb = new StringBuilder();
        time.codePoints()
                .forEach(c -> sb.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c));
        return sb.toString();
    }

    /** Whether a line ends with a closed time range (the end of something that began at its start). */
    static boolean closedRange(String first) {
        Matcher m = CLOSED_RANGE.matcher(first.strip());
        return m.matches()
                && !digits(m.group("start")).equals(digits(m.group("end")))
                && THING.matcher(m.group("head")).find()
                && !StateWords.MAINTENANCE.matcher(m.group("head")).find();
    }

    private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```\\s*\\n?(.*?)```");

    private static Placed board(String text) {
        Matcher block = CODE_BLOCK.matcher(text);
        if (!block.find()) {
            return null;
        }
        List<Matcher> rows = new ArrayList<>();
        for (String l : block.group(1).split("\n")) {
            if (l.isBlank()) {
                continue;
            }
            Matcher r = BOARD_ROW.matcher(l);
            if (!r.matches()) {
                return null;
            }
            rows.add(r);
        }
        if (rows.size() < 3) {
            return null;
        }
        Matcher marked = null;
        boolean allGreen = true;
        for (Matcher r : rows) {
            String colour = MessageView.labelState(r.group("mark"), "");
            if (colour == null) {
                return null; // a row of no status mark: no board of states
            }
            allGreen &= colour.equals("🟢");
            if (r.group("arrow") != null) {
                if (marked != null) {
                    return null; // several rows marked: no one change
                }
                marked = r;
            }
        }
        if (marked == null) {
            return allGreen ? new Placed(null, "a status board, no row marked, every row green: a report") : null;
        }
        String colour = MessageView.labelState(marked.group("mark"), "");
        String title = text.substring(0, block.start()).strip();
        return new Placed(
                colour + " " + marked.group("name") + ": status" + (title.isEmpty() ? "" : "\n" + title),
                "a status board's row marked as the one that changed",
                true);
    }

    private static Placed hashtags(String first) {
        Matcher h = HASHTAG.matcher(first);
        int start = -1;
        String mark = null;
        while (h.find()) {
            String words = h.group("tag").replace('-', ' ').replace('_', ' ').strip();
            if (start < 0) {
                start = h.start();
            }
            if (StateWords.MAINTENANCE.matcher(words).find()) {
                return new Placed(null, "a hashtag of maintenance");
            }
            Action a = stateOf(words);
            if (a == Action.NONE) {
                return new Placed(null, "a hashtag of an update (#" + h.group("tag") + ")");
            }
            if (mark == null && a != null) {
                mark = mark(a);
            }
        }
        if (mark == null || start <= 0) {
            return null;
        }
        String head = first.substring(0, start).strip();
        if (!THING.matcher(head).find()) {
            return null;
        }
        return new Placed(mark + " " + named(withoutLeadingSymbols(head)), "a hashtag that is a state");
    }
}
