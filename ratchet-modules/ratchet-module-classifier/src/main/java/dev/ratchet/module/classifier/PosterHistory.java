package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a channel's own history says of a bot message no recogniser knows: the same poster's earlier messages and what
 * the classifier decided about them. Bots render from templates, so once the recognisers have taken one message of a
 * poster's template for an alert, its other messages of the same <em>shape</em> (the first lines with names, ids and
 * numbers masked, the leading emoji's and the attachment's colour, the field keys) are the same kind; a message of the
 * poster that names the one alert of it still open, in the colour of an all-clear (a green emoji or attachment where
 * the alert had none or a red one), is that alert's close; and a poster the recognisers have known as an alerting one
 * gets the learned stage at {@link #ALERTER_THRESHOLD}, its record standing for the evidence its words lack.
 *
 * <p>Only the classifier's own decisions feed it, never a label, and only the recognisers' count as evidence for a
 * template (its own and the LLM's do not, so it cannot feed itself): a template is an alert's when the recognisers took
 * a message of it for an open (or a close) and never for anything else. People are never read (the caller classifies
 * bot messages only); a deploy, CI or digest bot whose messages the recognisers never took for an alert has no template
 * to lend, and what the generic recogniser keeps out as a look-alike stays out. Memory is bounded: {@link #MAX_POSTERS}
 * posters, {@link #MAX_TEMPLATES} templates and {@link #MAX_OPEN} open alerts each, the least recently seen forgotten
 * first. The module rebuilds one per message from the channel's stored messages and alert events; the evaluation keeps
 * one per labelled file.
 */
final class PosterHistory {

    /** The {@code method} of the recognisers' decisions, the only ones that are evidence for a template. */
    static final String RECOGNISERS = "builtin";

    /** The {@code method} of what history decided. */
    static final String METHOD = "history";

    static final int MAX_POSTERS = 256;
    static final int MAX_TEMPLATES = 64;
    static final int MAX_OPEN = 32;
    /** The alerts the recognisers found of a poster before it counts as an alerting one. */
    static final int ALERTER_ALERTS = 2;
    /**
     * The learned stage's threshold for an alerting poster's messages, the poster's record standing for the evidence
     * its words lack. It equals the stage's own ({@link LearnedRecogniser#THRESHOLD}) since the stage learned every
     * blind set (2026-12-07): a lower one (0.4 against the stage's 0.5 then) found 9 alerts more and 6 more false on the
     * history rows of GeneralisationTest, and fresh sets 183 and 184 fell. So this path finds nothing the recognisers
     * did not, except where they were not all asked (an external classifier that failed, behind the specific ones).
     */
    static final double ALERTER_THRESHOLD = LearnedRecogniser.THRESHOLD;
    /** The tokens of a first line a shape keeps. */
    private static final int SHAPE_TOKENS = 20;
    /** The template's own words a text shape needs to tell one template from another. */
    private static final int MIN_LITERALS = 2;

    private static final Pattern MARKUP = Pattern.compile("[*_~`>]+");
    private static final Pattern LINK = Pattern.compile("<(?:https?|mailto):[^>|]*(?:\\|([^>]*))?>|\\bhttps?://\\S+");
    private static final Pattern MENTION = Pattern.compile("<[@#!][^>]*>");
    private static final Pattern EMOJI_NAME = Pattern.compile(":[a-z0-9_+-]+:");
    private static final Pattern LEADING_EMOJI = Pattern.compile("^\\W{0,3}?(?::([a-z0-9_+-]+):|(\\p{So}))");
    /** A name of a thing: a host, a check, a table (letters with digits or inner punctuation: db-3, orders.daily). */
    private static final Pattern ENTITY =
            Pattern.compile("\\p{L}[\\p{L}\\p{N}]*(?:[-_.:/@][\\p{L}\\p{N}]+)+|\\p{L}{2,}\\p{N}+[\\p{L}\\p{N}]*");

    /** The recognisers as an alerting poster's messages are read, and the alert's names read. */
    private final BuiltinClassifier alerting;

    /** @param recognisers the recognisers, whose learned stage is read at {@link #ALERTER_THRESHOLD} */
    PosterHistory(BuiltinClassifier recognisers) {
        this.alerting = recognisers.forAlertingPosters();
    }

    private final Map<String, Poster> posters = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Poster> eldest) {
            return size() > MAX_POSTERS;
        }
    };

    /** What the recognisers decided about one template of a poster. */
    private static final class Evidence {
        int open, close, other;
    }

    /**
     * An alert of the poster still open: what names it, the colour it was posted in, and the word values of its
     * key=value line ("สถานะ=ล้มเหลว", "state=FAILED").
     */
    private record Open(Set<String> entities, String colour, Map<String, String> words, String[] tag, String line) {}

    /**
     * The bracketed state tag leading a line and the host after it ("[KRITIČNO] erp-db01 · …" gives "kritično" and
     * "erp-db01"), or null; a tag with a number in it is a reminder's ("[STILL ACTIVE 35 min]"), none.
     */
    static String[] leadTag(MessageView view) {
        Matcher m = LEAD_TAG.matcher(firstLine(view));
        if (!m.find() || !ENTITY.matcher(m.group(2)).matches()) {
            return null;
        }
        return new String[] {
            m.group(1).strip().toLowerCase(Locale.ROOT), m.group(2).toLowerCase(Locale.ROOT)
        };
    }

    private static final Pattern LEAD_TAG =
            Pattern.compile("^[^\\p{L}\\p{N}\\[]*\\[([^\\[\\]\\p{Nd}]{2,30})\\]\\s+([^\\s·•|:]+)");

    /**
     * Whether a line led by a state tag names a host whose alerts of the poster still open were all posted under
     * another tag, its measurement back within each one's limit ("[OPOZORILO] scada-hmi02 · cpu_load 7,8 (meja 6)",
     * then "[V REDU] scada-hmi02 · cpu_load 5 min 2,1"): its state changed, the alert ended, in whatever language the
     * tags are.
     */
    private static boolean tagChanged(Poster p, String[] tag, String line) {
        if (tag == null) {
            return false;
        }
        int named = 0;
        for (Open o : p.open) {
            if (o.tag() != null && o.tag()[1].equals(tag[1])) {
                if (o.tag()[0].equals(tag[0]) || !Boolean.TRUE.equals(Thresholds.backWithinLimit(o.line(), line))) {
                    // the same state said again, or a measurement still past the open's limit under another tag
                    // ("[RIASZTÁS] web-03: CPU 97% (küszöb: 90%)", then "[MÉG MINDIG HIBÁS] web-03: CPU 95%")
                    return false;
                }
                named++;
            }
        }
        return named > 0;
    }

    /** A key=value pair of a line, the value bare or quoted. */
    private static final Pattern PAIR = Pattern.compile(
            "(?<![^\\s])(?<key>\\p{L}[\\p{L}\\p{M}\\p{N}_.-]{0,30})=(?<value>\"[^\"\\n]*\"|[^\\s=]+)(?!\\S)");
    /** A value in words: letters only, no number, time or path. */
    private static final Pattern WORD_VALUE = Pattern.compile("[\\p{L}\\p{M}]{2,30}");

    /** The first line's key=value pairs, when it has two or more; empty otherwise. */
    static Map<String, String> pairs(MessageView view) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(firstLine(view));
        while (m.find()) {
            out.putIfAbsent(m.group("key").toLowerCase(Locale.ROOT), m.group("value"));
        }
        return out.size() >= 2 ? out : Map.of();
    }

    /** The pairs whose value is a word: the state a key=value line gives, in whatever language. */
    private static Map<String, String> wordValues(Map<String, String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        pairs.forEach((k, v) -> {
            if (WORD_VALUE.matcher(v).matches()) {
                out.put(k, v.toLowerCase(Locale.ROOT));
            }
        });
        return out;
    }

    /**
     * Whether a key=value line of the poster names the one alert of it still open by the value of a key the open's
     * line had too ("job=stock_sync_sap"), and gives another word under a key whose word the open's line gave
     * ("สถานะ=ล้มเหลว", then "สถานะ=สำเร็จ"): its state changed, the alert ended.
     */
    private static boolean stateChanged(Poster p, Map<String, String> pairs) {
        if (pairs.isEmpty()) {
            return false;
        }
        Map<String, String> words = wordValues(pairs);
        Open found = null;
        for (Open o : p.open) {
            boolean same = false;
            for (Map.Entry<String, String> e : pairs.entrySet()) {
                if (!words.containsKey(e.getKey())
                        && !o.words().containsKey(e.getKey())
                        && o.entities().contains(e.getValue().toLowerCase(Locale.ROOT))) {
                    same = true;
                }
            }
            if (same) {
                if (found != null && !found.words().equals(o.words())) {
                    return false; // two open alerts of that name in other states: not telling which ended
                }
                found = o; // (the same alert said again while open: one)
            }
        }
        if (found == null) {
            return false;
        }
        for (Map.Entry<String, String> e : found.words().entrySet()) {
            String now = words.get(e.getKey());
            if (now != null && !now.equals(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static final class Poster {
        final Map<String, Evidence> templates = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Evidence> eldest) {
                return size() > MAX_TEMPLATES;
            }
        };
        final Deque<Open> open = new ArrayDeque<>();
        /** What the recognisers decided about the poster's messages: alerts, and anything else they recognised. */
        int alerts, others;
    }

    /**
     * What the poster's history says of a bot message nothing recognised: an open or close when its template is one
     * the recognisers took for that and nothing else; a close of the one alert of the poster still open that it names,
     * in an all-clear's colour; for a poster the recognisers have known as an alerting one (at least
     * {@link #ALERTER_ALERTS} alerts, more than anything else they recognised of it), what the learned stage says at
     * {@link #ALERTER_THRESHOLD}; empty otherwise, and for what the generic recogniser keeps out as a look-alike (a
     * deploy, a build, a digest) or a message that names nothing.
     */
    Optional<Classification> recall(String poster, MessageView view) {
        if (INFO_MARK.matcher(firstLine(view)).find()) {
            // an information mark leading the line ("[khalti] ℹ️ …: daily report"): the poster says it is no alert
            return Optional.empty();
        }
        // a reply in an alert's thread answers that alert: its update or its close, never an alert of its own
        boolean reply = view.fields().containsKey(MessageView.REPLY_TO);
        Optional<Classification> byTemplate = recallByTemplate(poster, view);
        if (byTemplate.isPresent()) {
            return byTemplate.filter(c -> !reply || c.action() != Action.OPEN);
        }
        Poster p = posters.get(poster);
        if (p == null || p.alerts < ALERTER_ALERTS || p.alerts <= p.others) {
            return Optional.empty();
        }
        // a poster the recognisers have known as an alerting one: the learned stage at a lower threshold
        boolean firstTry = KeyValueStates.firstTryRun(pairs(view), firstLine(view));
        return alerting.classify(view)
                .filter(Classification::isAlert)
                .filter(c -> !(firstTry && c.action() == Action.CLOSE)) // a first try's pass ends no failure
                .filter(c -> !reply || c.action() != Action.OPEN)
                // an open naming the poster's one alert still open is its update, as by template
                .filter(c -> c.action() != Action.OPEN || !namesOpen(p, entities(view)))
                .map(c -> new Classification(
                        c.action(), c.service(), c.alert(), c.priority(), c.durationSeconds(), "history", METHOD));
    }

    /** An information mark leading a line, after a relay's bracketed tag: "ℹ️", ":information_source:". */
    private static final Pattern INFO_MARK =
            Pattern.compile("^\\s*(?:\\[[^\\]\\n]{1,30}\\]\\s*)?(?:ℹ\\x{FE0F}?|:information_source:)");

    private Optional<Classification> recallByTemplate(String poster, MessageView view) {
        if (poster == null || poster.isBlank()) {
            return Optional.empty();
        }
        Poster p = posters.get(poster);
        if (p == null) {
            return Optional.empty();
        }
        Set<String> entities = entities(view);
        // a run report that passed at its first try ("job=x state=OK attempt=1/1 took=26m") ends no failure: at most
        // an open of the template
        boolean firstTry = KeyValueStates.firstTryRun(pairs(view), firstLine(view));
        for (String shape : shapes(view)) {
            Evidence e = p.templates.get(shape);
            if (e == null || e.other > 0 || (e.open > 0) == (e.close > 0)) {
                continue;
            }
            if (e.open > 0) {
                // naming the one alert of the poster still open, it is that alert's update or renotification
                // ("INC-231: … (Identified)" after "INC-231: … (Investigating)"), not a new alert
                return namesOpen(p, entities) ? Optional.empty() : classification(Action.OPEN, view);
            }
            if (firstTry) {
                continue;
            }
            // a close closes something: an alert of the poster still open that it names (a routine success of the
            // same template, after the alert closed, is none)
            if (closesOpen(p, entities)) {
                return classification(Action.CLOSE, view);
            }
        }
        if (firstTry) {
            return Optional.empty();
        }
        if (green(view) && namesOpen(p, entities)) {
            return classification(Action.CLOSE, view);
        }
        if (stateChanged(p, pairs(view))) {
            return classification(Action.CLOSE, view);
        }
        if (tagChanged(p, leadTag(view), firstLine(view))) {
            return classification(Action.CLOSE, view);
        }
        return Optional.empty();
    }

    /**
     * Learns what the classifier decided about a poster's bot message ({@code decided} empty: nothing recognised it,
     * which is no evidence either way).
     */
    void learn(String poster, MessageView view, Optional<Classification> decided) {
        if (poster == null || poster.isBlank() || decided.isEmpty()) {
            return;
        }
        Classification c = decided.get();
        Poster p = posters.computeIfAbsent(poster, k -> new Poster());
        if (RECOGNISERS.equals(c.method())) {
            if (c.isAlert()) {
                p.alerts++;
            } else {
                p.others++;
            }
            for (String shape : shapes(view)) {
                Evidence e = p.templates.computeIfAbsent(shape, k -> new Evidence());
                switch (c.action()) {
                    case OPEN -> e.open++;
                    case CLOSE -> e.close++;
                    default -> e.other++;
                }
            }
        }
        if (c.action() == Action.OPEN) {
            Set<String> entities = entities(view);
            addNames(entities, c);
            if (!entities.isEmpty()) {
                Map<String, String> pairs = pairs(view);
                pairs.values().forEach(v -> entities.add(v.toLowerCase(Locale.ROOT)));
                p.open.addLast(new Open(entities, colour(view), wordValues(pairs), leadTag(view), firstLine(view)));
                while (p.open.size() > MAX_OPEN) {
                    p.open.removeFirst();
                }
            }
        } else if (c.action() == Action.CLOSE) {
            Set<String> entities = entities(view);
            addNames(entities, c);
            p.open.removeIf(o -> !disjoint(o.entities(), entities));
        }
    }

    /** Whether {@code entities}, naming something, name the poster's one alert still open. */
    private static boolean namesOpen(Poster p, Set<String> entities) {
        return !entities.isEmpty() && closesOpen(p, entities);
    }

    /**
     * Whether one alert of the poster is still open that {@code entities} name (when they name nothing: whether any
     * is).
     */
    private static boolean closesOpen(Poster p, Set<String> entities) {
        if (entities.isEmpty()) {
            return !p.open.isEmpty();
        }
        // exactly one: a name several open alerts share is the template's ("v1/pods"), not the alert's
        List<Open> named = new ArrayList<>();
        for (Open o : p.open) {
            if (!o.colour().equals("green") && !disjoint(o.entities(), entities)) {
                named.add(o);
            }
        }
        if (named.size() <= 1) {
            return named.size() == 1;
        }
        // several: a name they all share is the host's or the template's ("erp-1"); the one open it names by a name of
        // its own alone is the one it closes
        Set<String> shared = new HashSet<>(named.get(0).entities());
        named.forEach(o -> shared.retainAll(o.entities()));
        int own = 0;
        for (Open o : named) {
            Set<String> mine = new HashSet<>(o.entities());
            mine.removeAll(shared);
            if (!disjoint(mine, entities)) {
                own++;
            }
        }
        return own == 1;
    }

    private static final Pattern GREEN_EMOJI =
            Pattern.compile("green|check_mark|white_check|heavy_check|ballot_box_with_check|sunny|recovered");

    /**
     * Posted in an all-clear's colour: a leading green or check-mark emoji (or one the card keeps in a place of its own:
     * a rich text's emoji element), or a green attachment; or said at a level below a failure's: a syslog line of
     * notice or info, a time range closed at the line's end.
     */
    static boolean green(MessageView view) {
        String first = firstLine(view);
        int severity = PlacedState.syslogSeverity(first);
        if (severity == 5 || severity == 6 || PlacedState.closedRange(first)) {
            return true;
        }
        Matcher m = LEADING_EMOJI.matcher(leadOrText(view).strip().toLowerCase(Locale.ROOT));
        if (m.find()) {
            return m.group(1) != null ? GREEN_EMOJI.matcher(m.group(1)).find() : "✅🟢✔💚☑".contains(m.group(2));
        }
        for (String raw : view.colours()) {
            return Marks.colour(raw).equals("green");
        }
        return false;
    }

    /**
     * The template's shapes a message has: its text's ({@link #shape}: informative when it keeps at least two of the
     * template's own words) and, for a message with fields, its structure (colour and field keys).
     */
    static List<String> shapes(MessageView view) {
        List<String> out = new ArrayList<>(2);
        String text = shape(view);
        String words = text.substring(text.lastIndexOf('|') + 1);
        // a template has a constant part and a variable one: lines with nothing variable are a title every message
        // of the poster carries ("Message meets Alert condition"), which tells nothing of this one
        if (literals(words) >= MIN_LITERALS && (" " + words + " ").contains(" # ")) {
            out.add("t:" + text);
        }
        Set<String> keys = cardKeys(view);
        if (keys.size() >= 2) {
            out.add("f:" + colour(view) + "|" + String.join(",", keys));
        }
        return out;
    }

    /** The template's own words in a shape's text: the tokens with a letter that are not masked. */
    private static int literals(String shapeText) {
        int n = 0;
        for (String t : shapeText.split(" ")) {
            if (!t.equals("#") && t.codePoints().anyMatch(Character::isLetter)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The message as history's {@code action}, named as the generic recogniser names it; empty for a look-alike and for
     * a tool's test notification (rendered with its alerts' template, "🔥 1 alert(s) firing … Notification test").
     */
    private Optional<Classification> classification(Action action, MessageView view) {
        return alerting.names(view)
                .filter(n -> !BuiltinClassifier.testNotification(view, n.alert()))
                .map(n -> {
                    String line = firstLine(view);
                    String alert =
                            n.alert().isBlank() ? (line.length() > 120 ? line.substring(0, 120) : line) : n.alert();
                    return new Classification(
                            action,
                            n.service(),
                            alert,
                            n.priority(),
                            Durations.statedIn(view.text()).filter(d -> action == Action.CLOSE),
                            "history",
                            METHOD);
                });
    }

    private static void addNames(Set<String> entities, Classification c) {
        for (String name : List.of(c.service(), c.alert())) {
            Matcher m = ENTITY.matcher(name);
            while (m.find()) {
                entities.add(m.group().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return false;
            }
        }
        return true;
    }

    /** The names of things in the message's first line (hosts, checks, tables), lower-cased. */
    static Set<String> entities(MessageView view) {
        Set<String> out = new TreeSet<>();
        String line = clean(firstLine(view));
        Matcher m = ENTITY.matcher(line);
        while (m.find()) {
            String e = m.group().toLowerCase(Locale.ROOT).replaceAll("[.:/]+$", "");
            if (e.length() >= 3) {
                out.add(e);
            }
        }
        Matcher n = NUMBERED.matcher(line);
        while (n.find()) {
            out.add(n.group()); // "#5120": an incident's number names it in whatever language the words around it are
        }
        // a job's name joined by underscores, in code ("`nightly_export`", the markup no part of it) or written plain
        // (an underscore inside a word is no italics: "सफळ: tally_export", "Trabaho: inventory_sync", "कार्य:
        // cane_weigh_sync", "Hojii: sync_gatii": four job runners' lines in blind sets 45 and 46, whose close by a
        // green
        // card or mark named no entity once the underscores were dropped)
        Matcher id = UNDERSCORED.matcher(firstLine(view).replace('`', ' '));
        while (id.find()) {
            out.add(id.group().toLowerCase(Locale.ROOT));
        }
        if (out.isEmpty()) {
            // nothing named by its shape: the thing a title is about, before its dash or colon ("Dipòsit de Pals —
            // nivell baix", then "Dipòsit de Pals — nivell recuperat"; "Konabari: …")
            Matcher s = SUBJECT.matcher(line);
            if (s.find()) {
                out.add(s.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** An identifier joined by underscores: "milk_import", "pos_sync". */
    private static final Pattern UNDERSCORED =
            Pattern.compile("(?<![\\p{L}\\p{N}_])\\p{L}[\\p{L}\\p{N}]*(?:_[\\p{L}\\p{N}]+)+");

    /** What a title is about: a capitalised name of one to four words before a dash or a colon. */
    private static final Pattern SUBJECT = Pattern.compile(
            "^\\W*(\\p{Lu}[\\p{L}\\p{M}'’-]{2,20}(?:\\s[\\p{L}\\p{M}'’-]{1,20}){0,3})(?:\\s+[—–]\\s|:\\s)");

    /** An incident's or ticket's number: "#5120". */
    private static final Pattern NUMBERED = Pattern.compile("(?<![\\w#&])#\\d{3,}(?![\\w-])");

    /** The keys of a card's fields, sorted, without the thread a reply answers (a reply is the same template). */
    private static Set<String> cardKeys(MessageView view) {
        Set<String> keys = new TreeSet<>(view.fields().keySet());
        keys.remove(MessageView.REPLY_TO);
        return keys;
    }

    /**
     * The template a message was rendered from: its leading emoji, its attachment's colour, its field keys and its
     * first line with names, ids and numbers masked.
     */
    static String shape(MessageView view) {
        StringBuilder sb = new StringBuilder();
        sb.append(colour(view)).append('|');
        sb.append(String.join(",", cardKeys(view))).append('|');
        String line = clean(headLines(view));
        List<String> tokens = new ArrayList<>();
        for (String t : line.split("\\s+")) {
            if (t.isEmpty()) {
                continue;
            }
            String masked = t.matches(".*\\p{N}.*") || ENTITY.matcher(t).find() && !t.matches("[\\p{L}]+\\p{P}?")
                    ? "#"
                    : t.toLowerCase(Locale.ROOT);
            if (masked.equals("#")
                    && !tokens.isEmpty()
                    && tokens.get(tokens.size() - 1).equals("#")) {
                continue;
            }
            tokens.add(masked);
            if (tokens.size() >= SHAPE_TOKENS) {
                break;
            }
        }
        return sb.append(String.join(" ", tokens)).toString();
    }

    /**
     * What a message's colour is read from: the line a state kept in a place of its own (a rich text's emoji element)
     * leads for the rules, else its text.
     */
    private static String leadOrText(MessageView view) {
        String lead = view.fields().get(MessageView.STATE_LEAD);
        return lead != null ? lead : view.text();
    }

    /** The colour a message is posted in: its leading emoji's, else its attachment's: red, amber, green or none. */
    static String colour(MessageView view) {
        Matcher m = LEADING_EMOJI.matcher(leadOrText(view).strip().toLowerCase(Locale.ROOT));
        if (m.find()) {
            String c = m.group(1) != null ? Marks.emojiColour(m.group(1)) : Marks.symbolColour(m.group(2));
            if (!c.equals("other")) {
                return c;
            }
        }
        for (String raw : view.colours()) {
            String c = Marks.colour(raw);
            if (c.equals("red") || c.equals("green") || c.equals("amber")) {
                return c;
            }
        }
        return "";
    }

    /** The first line, and the second when the first has fewer than four words (a constant title, a bare tag). */
    private static String headLines(MessageView view) {
        List<String> lines = new ArrayList<>();
        for (String line : view.text().split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
                if (lines.size() == 2) {
                    break;
                }
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        return String.join(" / ", lines);
    }

    private static String firstLine(MessageView view) {
        for (String line : view.text().split("\n")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }

    private static String clean(String line) {
        // a link's label is the template's text ("[prod.crm] sync ➛ FAILED"), its address a name
        String t = LINK.matcher(line).replaceAll(r -> r.group(1) != null ? Matcher.quoteReplacement(r.group(1)) : "#");
        t = MENTION.matcher(t).replaceAll("@");
        t = MARKUP.matcher(t).replaceAll(" ");
        return t.strip();
    }

    /** Distinct poster keys seen, for tests. */
    int posters() {
        return posters.size();
    }

    /** Templates of a poster that hold evidence, for tests. */
    Set<String> templates(String poster) {
        Poster p = posters.get(poster);
        return p == null ? Set.of() : new HashSet<>(p.templates.keySet());
    }
}
