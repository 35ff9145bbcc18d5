package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert relayed into a ticket system or a board, whose bot then posts the ticket's life to the channel: GLPI's "New
 * ticket: [FIRING:1] …" and "Ticket solved: [RESOLVED] …", a ClickUp "Task created in …: ALARM: …" and "Status changed
 * to closed in …", a Wekan card added to a list and moved to "Closed", an OTRS/Znuny ticket whose State field is new or
 * closed. The ticket opens when the alert fires and is closed when it resolves, so the ticket's event is the alert's;
 * a follow-up, a comment or a move to another list changes nothing. Only a ticket whose subject is an alert counts (a
 * state tag, an alerting tool's number or abbreviation leading it): every other ticket stays a look-alike.
 */
final class TicketRelays {

    private TicketRelays() {}

    /** The ticket's event as the alert's action, the alert (the subject without its tag) and the words said. */
    record Relayed(Action action, String subject, String said) {}

    /** A relay's own bracket before the event: "[GLPI #4412] New ticket: …". */
    private static final String OWN_TAG = "(?:\\[[^\\]\\n]{1,40}\\]\\s*)?";

    private static final String THING = "(?:ticket|issue|task|card|case)";

    /** Where the ticket lives: "in Site IT › AWS alarms". */
    private static final String WHERE = "(?:\\s+(?:in|on|to)\\s+[^:\\n]{1,80}?)?";

    private static final Pattern EVENT_SUBJECT = Pattern.compile("(?i)^" + OWN_TAG
            + "(?<event>new\\s+" + THING + "|" + THING + "\\s+(?:created|opened|added)"
            + "|" + THING + "\\s+(?:solved|closed|resolved|done|completed)"
            + "|status\\s+changed\\s+to\\s+[*_]?(?<status>[\\p{L} ]{2,20}?)[*_]?"
            + "|new\\s+follow-?up|follow-?up\\s+added|new\\s+comment|comment\\s+added)"
            + WHERE + "\\s*[:—–-]\\s+(?<subject>\\S.*)$");

    /** A board's card by its quoted title: "nr-workflow added "…" to "Incoming"", "moved "…" from "A" to "Closed"". */
    private static final Pattern CARD = Pattern.compile("(?i)^\\S{1,40}\\s+(?<event>added|created|moved|archived"
            + "|commented\\s+on)\\s+[\"“](?<subject>[^\"”\\n]{3,200})[\"”]"
            + "(?:\\s+from\\s+[\"“][^\"”\\n]{1,40}[\"”])?(?:\\s+to\\s+[\"“](?<list>[^\"”\\n]{1,40})[\"”])?");

    /**
     * A service desk's record of an alerting tool's alert, by its number: "Ticket *T2027.0042* created from PagerDuty
     * incident #8812 …", "Request *#RQ-30917* from Opsgenie alert #4471 (created) — …", "Incident #102334 logged by
     * Grafana Alerting: [FIRING:1] …", "Ticket *T2027.0042* Complete: PagerDuty incident #8812 *Resolved* — …".
     */
    private static final Pattern DESK_RECORD = Pattern.compile("(?i)^(?:" + THING
            + "|request|incident|call|work\\s+order)\\s*#?[\\w.-]{2,30}\\s+(?:"
            + "(?<created>created|logged|raised|opened)(?:\\s+(?:from|by|for))?|from"
            + "|(?<closed>complete|completed|closed|resolved|solved)\\s*:)\\s+(?<subject>\\S.*)$");

    /** The desk's event in brackets after the tool's alert: "(created)", "(closed)". */
    private static final Pattern BRACKETED_EVENT = Pattern.compile("(?i)\\((?<event>created|closed|resolved)\\)");

    /** A ticket's title led by its number: "Ticket#2030061210000041 — [Opsgenie #318] …". */
    private static final Pattern NUMBERED_TICKET =
            Pattern.compile("(?i)^" + THING + "\\s*#\\s*\\d{3,20}\\s*[:—–-]\\s+(?<subject>\\S.*)$");

    private static final Pattern CLOSED = Pattern.compile(
            "(?i)(?:closed|solved|resolved|done|completed|archived?|fixed)(?:\\s+(?:successful|unsuccessful))?");

    private static final Pattern NEW = Pattern.compile("(?i)new|open(?:ed)?|incoming|triage|inbox|to\\s*do|backlog");

    /** An alerting tool's number or short name and priority leading the subject: "[Opsgenie #318]", "NR P2 ·". */
    private static final Pattern TOOL_LEAD = Pattern.compile("(?i)^\\W{0,3}(?:(?:" + EventNames.alertingTools()
            // (its alert's noun and number between: "PagerDuty incident #8812", "Opsgenie alert <…|#4471>")
            + ")(?:\\s+(?:alerting|alert|incident|alarm|issue))?\\s*(?:[*_]?#\\s*\\d+|<[^|>\\n]{1,200}\\|#\\d+>)"
            // (or its alerting's name and a colon: "Grafana Alerting: [FIRING:1] …")
            + "|(?:" + EventNames.alertingTools() + ")\\s+(?:alerting|alerts?)\\s*:"
            + "|(?-i:"
            + EventNames.ALERTING_TOOL_SHORT_NAMES + ")\\s+(?:P\\d|#\\d+)|(?:ALARM|ALERT|OK)\\s*:)");

    /** A bracketed state leading the subject, a count after it as Alertmanager's: "[FIRING:1] …", "[Triggered] …". */
    private static final Pattern BRACKET_STATE =
            Pattern.compile("^\\[(?<state>\\p{L}[\\p{L} ]{1,20}?)(?::\\s*\\d+)?\\]\\s*(?<rest>\\S.*)$");

    /** A test of the relay: its alerts are none. */
    private static final Pattern TEST = Pattern.compile("(?i)(?<![\\p{L}])test|testalert|TestAlert");

    /** The relayed alert in {@code view}'s first headline, or null when it is no ticket's event about an alert. */
    static Relayed of(MessageView view, String headline) {
        if (!view.bot() || headline == null || headline.isBlank()) {
            return null;
        }
        String line = headline.strip();
        Matcher m = EVENT_SUBJECT.matcher(line);
        if (m.find()) {
            String event = m.group("event").toLowerCase(Locale.ROOT);
            Action action;
            if (m.group("status") != null) {
                action = CLOSED.matcher(m.group("status").strip()).matches() ? Action.CLOSE : Action.NONE;
            } else if (event.contains("follow") || event.contains("comment")) {
                action = Action.NONE;
            } else if (CLOSED.matcher(event.substring(event.lastIndexOf(' ') + 1))
                    .matches()) {
                action = Action.CLOSE;
            } else {
                action = Action.OPEN;
            }
            return relayed(action, m.group("subject"), m.group("event"), view);
        }
        Matcher d = DESK_RECORD.matcher(line);
        if (d.find()) {
            String subject = d.group("subject");
            Matcher b = BRACKETED_EVENT.matcher(subject);
            Action action = d.group("closed") != null
                    ? Action.CLOSE
                    : d.group("created") != null
                            ? Action.OPEN
                            : b.find()
                                    ? (b.group("event").equalsIgnoreCase("created") ? Action.OPEN : Action.CLOSE)
                                    : null;
            Relayed r = action == null ? null : relayed(action, subject, "a service desk's record", view);
            if (r != null) {
                return r;
            }
        }
        Matcher c = CARD.matcher(line);
        if (c.find()) {
            String event = c.group("event").toLowerCase(Locale.ROOT);
            String list = c.group("list") == null ? "" : c.group("list").strip();
            Action action = switch (event) {
                case "archived" -> Action.CLOSE;
                case "added", "created" -> list.isEmpty() || NEW.matcher(list).matches() ? Action.OPEN : Action.NONE;
                case "moved" -> CLOSED.matcher(list).matches() ? Action.CLOSE : Action.NONE;
                default -> Action.NONE;
            };
            return relayed(action, c.group("subject"), event + (list.isEmpty() ? "" : " to \"" + list + "\""), view);
        }
        Matcher n = NUMBERED_TICKET.matcher(line);
        if (n.find()) {
            String state = view.field("state", "status");
            if (state.isEmpty()) {
                return null;
            }
            Action action = CLOSED.matcher(state.strip()).matches()
                    ? Action.CLOSE
                    : state.strip().equalsIgnoreCase("new") ? Action.OPEN : Action.NONE;
            return relayed(action, n.group("subject"), "state " + state.strip(), view);
        }
        return null;
    }

    private static Relayed relayed(Action action, String subject, String said, MessageView view) {
        String s = subject.strip().replaceAll("^[*_`]+|[*_`]+$", "");
        String name = s;
        Matcher b = BRACKET_STATE.matcher(s);
        LeadTags.LeadTag tag;
        if (b.find() && stateWord(b.group("state"))) {
            name = b.group("rest");
        } else if ((tag = LeadTags.leadTag(s)) != null && tag.action() != Action.NONE) {
            name = tag.rest();
        } else if (!TOOL_LEAD.matcher(s).find()) {
            return null;
        }
        if (TEST.matcher(s).find() || TEST.matcher(view.text()).find()) {
            action = Action.NONE; // the relay's test: "[FIRING:1] TestAlert", "contact point test"
        }
        return new Relayed(action, name.strip(), said.strip());
    }

    private static boolean stateWord(String word) {
        Action a = StateWords.ofOrEnglish(word.strip());
        return a != null && a != Action.NONE;
    }
}
