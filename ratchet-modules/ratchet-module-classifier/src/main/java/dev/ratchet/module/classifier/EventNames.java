package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook's event name that a relay prints beside what it relays ("`incident.triggered` · PagerDuty webhook v3",
 * "*Event:* incident.acknowledged", "incident.priority_updated #40152 …"): the event the tool sent says the state, in
 * lower case, a noun and a dot before it. A relay that shows every event alike (the same 🚨 card for a trigger, an
 * acknowledgement and a resolve) says it nowhere else.
 */
final class EventNames {

    private EventNames() {}

    /** A dotted event name of an alerting tool's webhook: the thing, a dot, what happened to it. */
    private static final Pattern EVENT = Pattern.compile(
            // (what happened is a past participle or a ping: "incident.io" is a product, not an event)
            // (PagerDuty's v2 webhooks name the event by its verb: "incident.resolve", "incident.trigger")
            "(?<![\\w.])(?<name>(?:incident|alert|alarm|issue|monitor|pagey"
                    // (a provider's downtime webhook: Razorpay's "payment.downtime.started")
                    + "|(?:[a-z_]+\\.)?(?:downtime|outage))\\.(?<what>(?:[a-z_]+\\.)?[a-z_]*(?:ed|ping)"
                    + "|trigger|acknowledge|unacknowledge|resolve|assign|escalate|delegate|annotate))"
                    + "(?![\\w.]|\\.\\w)");

    /** A provider's downtime or outage event: "payment.downtime.started", "…resolved", "…updated". */
    private static final Pattern DOWNTIME_EVENT =
            Pattern.compile("(?:[a-z_]+\\.)?(?:downtime|outage)\\.(?<what>[a-z_]+)");

    /**
     * A Common Alerting Protocol (OASIS CAP 1.2) message relayed by its type and status: "CAP Alert (Actual): …" opens,
     * "CAP Cancel (Actual): …" closes; an Update, an Ack, an Error, or any status but Actual (Exercise, Test, System,
     * Draft) changes nothing.
     */
    private static final Pattern CAP_MESSAGE = Pattern.compile(
            "(?i)^\\W*CAP(?:\\s+1\\.[12])?\\s+(?<type>Alert|Update|Cancel|Ack|Error)\\s*\\((?<status>[A-Za-z]+)\\)\\s*[:—–-]");

    /**
     * A device's or a stream's event under its namespaced name, what happened to it last: "`video.live_stream.connected`",
     * "Microsoft.Devices.DeviceDisconnected", "`$SYS/brokers/emqx@eu1/alarms/activate`", leading the text or set as
     * code. A connection lost or an alarm raised opens; the connection back or the alarm cleared closes.
     */
    private static final Pattern NAMESPACED = Pattern.compile(
            // (leading the text, or set as code: a name in a sentence is no event)
            "(?:^[^\\p{L}\\p{N}$`]{0,8}|`)(?<name>[$\\p{L}][\\w$@-]*(?:[./][\\w$@-]+)+)(?=[`*_]|\\s|$)");

    /** A CloudEvents type's version after what happened: "keda.scaledobject.failed.v1". */
    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\.v\\d+(?:\\w*)$");

    /**
     * A resource's event that failed or is healthy again, a build's or a deploy's aside: "keda.scaledobject.failed.v1"
     * opens; "pipeline.failed", "deployment.failed" are CI's and deploys'. ("ready" is no close: "video.asset.ready" is
     * a media asset's lifecycle.)
     */
    private static final Pattern RESOURCE_STATE = Pattern.compile(
            "(?i)(?!.*(?:build|pipeline|deploy|workflow|job|run|check|release|test|task|sync|rollout|commit|push|merge))"
                    + ".*\\.(?<what>(?<open>failed|unhealthy|degraded)|(?<close>healthy|recovered))");

    /** The last word of a namespaced event that says a connection's or an alarm's state. */
    private static final Pattern CONNECTION = Pattern.compile(
            "(?:.*[./_](?=\\p{Ll})|.*\\p{Ll}(?=\\p{Lu}))(?<what>(?<open>[Dd]isconnected|[Uu]nreachable|[Oo]ffline)"
                    + "|(?<close>[Cc]onnected|[Rr]eachable|[Oo]nline|[Rr]econnected))");

    /** An alarm's event in a namespace of alarms: "…/alarms/activate", "alarm.deactivated". */
    private static final Pattern ALARM_SWITCH =
            Pattern.compile("(?i).*alarms?[./](?:.*[./])?(?<what>(?<open>activated?)|(?<close>deactivated?))");

    // (Sentry's "issue.unresolved": an issue resolved before is open again)
    private static final Pattern OPENS =
            Pattern.compile("trigger|triggered|opened|created|fired|firing|reopened|unresolved");
    private static final Pattern CLOSES = Pattern.compile("resolve|resolved|closed|recovered");

    /** An event a message names, as it names it, and the action it stands for. */
    record Event(String name, Action action, boolean alertingTool) {

        Event(String name, Action action) {
            this(name, action, false);
        }

        /** The same event, said by an alerting tool's numbered alert ("PagerDuty #9152 triggered — …"). */
        Event fromAlertingTool() {
            return new Event(name, action, true);
        }
    }

    /** The keys a relay prints a webhook's action under: "Action: assigned", "Event: resolved". */
    private static final Set<String> ACTION_KEYS = Set.of("action", "event", "event type", "webhook action");

    /** A webhook's action as one word: what alerting tools' webhooks send (Sentry's, Opsgenie's, Grafana OnCall's). */
    private static final Pattern ACTION_WORD = Pattern.compile(
            "(?i)(?<open>create|created|trigger|triggered|open|opened|fire|fired|firing|reopen|reopened|unresolved)"
                    + "|(?<close>close|closed|resolve|resolved|recover|recovered)"
                    + "|(?<none>acknowledge|acknowledged|unacknowledge|unacknowledged|ack|unack|assign|assigned"
                    + "|unassign|unassigned|addnote|add\\s?note|note|escalate|escalated|snooze|snoozed|ignore|ignored"
                    + "|archive|archived|comment|commented|take\\s?ownership|delete|deleted|update|updated|silence"
                    + "|silenced|mute|muted)");

    /** A line leading with a webhook's action, in markup or beside other labels: "_Action: resolved | Status: …_". */
    private static final Pattern ACTION_LINE = Pattern.compile(
            "(?im)^[\\W_]*(?<key>action|event)[*_]*\\s*:[*_]*\\s*(?<word>\\p{L}[\\p{L} ]{1,20}?)\\s*(?:[|·•,;_*]|$)");

    /**
     * A tool's tag, then its webhook's action and a separator or a priority: "[Opsgenie] Create · #1423 · P1 · …",
     * "[Opsgenie] Create P2: …".
     */
    private static final Pattern TAG_THEN_ACTION = Pattern.compile(
            "^\\W*\\[[^\\]\\n]{2,30}\\]\\s+(?<word>\\p{Lu}\\p{L}{1,20})(?:\\s+[·•|–—-]\\s+\\S|\\s+P[0-5]:\\s"
                    // (or the alert's number and its priority: "[opsgenie] Create #902 P2 …")
                    + "|\\s+#\\d{1,7}\\s+P[0-5]\\s)");

    /** The incident and alerting tools' names (see {@link #ALERTING_TOOL}), in lower case. */
    private static final String ALERTING_TOOLS =
            "pagerduty|opsgenie|datadog|grafana|alertmanager|prometheus|cloudwatch|sentry|new relic|newrelic|zabbix"
                    + "|nagios|icinga|splunk|victorops|incident\\.io|firehydrant|rootly|better ?stack|pingdom|uptime kuma"
                    + "|squadcast|ilert|xmatters|dynatrace|appdynamics|checkly|statuscake|site24x7|prtg|checkmk";

    /**
     * A tool's name unbracketed, then its webhook's action: marked and before a separator, with an alert's number or
     * priority further on ("Opsgenie *Create* · P2 · #1187 …"), before the alert's number ("Opsgenie Close #2231:
     * …"), or an action's API name before a colon ("Opsgenie AddNote: …").
     */
    private static final Pattern NAME_THEN_ACTION = Pattern.compile(
            // (an alerting tool's name may be written in lower case: "opsgenie · Close")
            "^\\W*(?<tool>\\p{Lu}[\\p{L}.]{1,20}(?:\\s\\p{Lu}[\\p{L}.]{1,20})?|(?:" + ALERTING_TOOLS
                    + ")(?![\\p{L}.]))\\s+(?:[*_]?(?<word>\\p{Lu}\\p{L}{1,20})[*_]?\\s+[·•|–—-]\\s+"
                    + "(?=[^\\n]*(?:#\\d|\\bP[0-5]\\b))|(?<word2>\\p{Lu}\\p{L}{1,20})\\s+#\\d{1,7}\\b"
                    // an action's own name, as the tool's API spells it, before a colon: "Opsgenie AddNote: …"
                    + "|(?<word3>(?-i:Create|Close|Acknowledge|UnAcknowledge|Unacknowledge|AddNote|Assign|Escalate"
                    + "|Resolve|Trigger|Snooze|TakeOwnership)):\\s"
                    // the action after a separator, alone or before a colon: "Opsgenie · Close: …", "New Relic ·
                    // CLOSED: …"
                    + "|[·•|›▸»]\\s+(?<word4>\\p{Lu}\\p{L}{1,20})(?::\\s|\\s*(?:\\n|$))"
                    // a word in the template's language ("action"), then the API's action marked up, ending the line:
                    // "Opsgenie veiksmas *Create*"
                    + "|\\p{L}{3,20}\\s+[*_`]?(?<word5>(?-i:Create|Close|Acknowledge|UnAcknowledge|AddNote|Assign|Escalate"
                    + "|Resolve|Trigger|Snooze|TakeOwnership))[*_`]?\\s*(?:\\n|$))");

    /**
     * A tool's name, its alert's id and the state in capitals before a colon: "New Relic #a1f3 CLOSED: Apdex …",
     * "Opsgenie #2231 RESOLVED: …".
     */
    private static final Pattern NAME_ID_STATE =
            Pattern.compile("^\\W*(?<tool>\\p{Lu}[\\p{L}.]{1,20}(?:\\s\\p{Lu}[\\p{L}.]{1,20})?)\\s+#[\\w-]{1,12}"
                    // (its priority and a dash before the state: "*Opsgenie #2207 · P2* — Відкрито")
                    + "(?:\\s*[·|]\\s*P[0-5][*_]*\\s+[—–]\\s+|\\s+"
                    // (or a middle dot before its action: "*Opsgenie #921* · Create")
                    + "|[*_]?\\s+·\\s+)"
                    // (a status mark before the state: "PagerDuty #5521 ✅ MEGOLDVA — …")
                    + "(?:[\\p{So}\\p{Sk}\\x{FE0F}]+\\s+)?[*_]?"
                    // (two words in capitals: "PagerDuty #5521 🚨 ÚJ INCIDENS — …", a new incident)
                    + "(?:(?<word>(?-i:\\p{Lu}{4,15}|\\p{Lu}{2,15}\\s\\p{Lu}{3,15}))|(?<toolWord>\\p{L}[\\p{L}\\p{M}]{3,20}))[*_]?"
                    // then a colon, a dash, or nothing more: "Opsgenie #3341 Open"
                    + "(?::\\s|\\s+[—–]\\s|[ \\t]*(?:\\n|$))");

    /**
     * The incident and alerting tools whose numbered alert a state in any case may follow ("PagerDuty #4812 resolved:
     * …"); another name's "#55 closed:" is a ticket's or an order's.
     */
    private static final Pattern ALERTING_TOOL = Pattern.compile("(?i)" + ALERTING_TOOLS);

    private static final Pattern LED_BY_ALERTING_TOOL =
            Pattern.compile("(?i)^(?:[\\W&&[^\\n]]|:[a-z0-9_+-]+:)*(?:" + ALERTING_TOOLS + ")(?![\\p{L}])");

    /**
     * The short names relays give the alerting tools, in capitals: "NR P2 · …", "PD #5510", "NR CLOSED — …" (PagerDuty,
     * Opsgenie, New Relic, Datadog, Alertmanager, CloudWatch, Grafana).
     */
    static final String ALERTING_TOOL_SHORT_NAMES = "PD|OG|NR|DD|AM|CW|GF";

    /** The alerting and incident tools' names, as a regex alternation (lower case). */
    static String alertingTools() {
        return ALERTING_TOOLS;
    }

    /** Whether the text's first line leads with an incident or alerting tool's name: "Opsgenie Create #118 …". */
    static boolean ledByAlertingTool(String text) {
        return LED_BY_ALERTING_TOOL.matcher(text.strip()).find();
    }

    /**
     * A tool's name, the kind of thing its webhook is about and the action: "Sentry issue · created: ValueError …",
     * "PagerDuty incident *resolved* · #6120 …".
     */
    private static final Pattern NAME_KIND_ACTION = Pattern.compile(
            "^\\W*(?<tool>\\p{Lu}[\\p{L}.]{1,20})\\s+(?:issue|incident|alert|alarm)\\s+(?:[·•|]\\s+)?[*_]?"
                    + "(?<word>\\p{Ll}{4,15})[*_]?\\s*[:·•|]");

    /** The shapes of a tool's name before its action, tried in order, each with the groups its action may be in. */
    /**
     * An alerting tool's name, a word for "action" and the API's action marked up, as one segment of a relay's line
     * between separators (its markup is gone from the text read): ":bell: *OpsBoard* (Budibase) · Opsgenie action
     * *Create* · [P3] #2318 …".
     */
    private static final Pattern SEGMENT_TOOL_ACTION = Pattern.compile("(?i)(?:^|[·•|]\\s+)(?<tool>" + ALERTING_TOOLS
            + ")\\s+\\p{L}{3,20}\\s+[*_`]?(?<word>(?-i:Create|Close|Acknowledge|UnAcknowledge|AddNote|Assign|Escalate"
            + "|Resolve|Trigger|Snooze|TakeOwnership))[*_`]?\\s*(?:[·•|]|\\n|$)");

    private static final List<Map.Entry<Pattern, List<String>>> TOOL_ACTIONS = List.of(
            Map.entry(NAME_THEN_ACTION, List.of("word", "word2", "word3", "word4", "word5")),
            Map.entry(NAME_ID_STATE, List.of("word", "toolWord")),
            Map.entry(NAME_KIND_ACTION, List.of("word")),
            Map.entry(SEGMENT_TOOL_ACTION, List.of("word")));

    /** Trackers and code hosts: their issues and items are no alerts, whatever action they name. */
    private static final Pattern TRACKER = Pattern.compile(
            "(?i)jira|github|gitlab|linear|youtrack|asana|trello|clickup|shortcut|bugzilla|redmine|zendesk|freshdesk"
                    + "|monday|notion|bitbucket|gitea");

    /**
     * A webhook's action as its API names it, alone on the first line, the alert under it: "*Create*" over an
     * Opsgenie alert's card.
     */
    private static final Pattern ACTION_ALONE = Pattern.compile(
            "^[*_]?(?<word>Create|Close|Acknowledge|UnAcknowledge|AddNote|Assign|Escalate|Resolve|Trigger|Snooze"
                    + "|TakeOwnership)[*_]?\\s*\\n\\s*\\S");

    /**
     * A webhook's action in brackets leading the text, a verb in capitals first, maybe after the tool's bracketed name:
     * "[Close] Battery swap …", "[Opsgenie][Create] #4821 …".
     */
    private static final Pattern BRACKETED_ACTION = Pattern.compile(
            "^\\W*(?:\\[\\p{Lu}[\\p{L}.]{1,20}\\]\\s*)?\\[(?<word>(?-i:\\p{Lu})\\p{Ll}{2,15})\\]\\s*\\S");

    /**
     * The one event a message names: a dotted event name, else a webhook's action under its key or after a tool's tag
     * leading the text; null when it names none or several.
     */
    static Event of(String text, Map<String, String> labels) {
        Matcher cap = CAP_MESSAGE.matcher(text.strip());
        if (cap.find()) {
            String type = cap.group("type").toLowerCase(Locale.ROOT);
            Action a = !cap.group("status").equalsIgnoreCase("actual")
                    ? Action.NONE
                    : type.equals("alert") ? Action.OPEN : type.equals("cancel") ? Action.CLOSE : Action.NONE;
            return new Event("CAP " + cap.group("type") + " (" + cap.group("status") + ")", a);
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = EVENT.matcher(text);
        while (m.find()) {
            names.add(m.group("name"));
        }
        if (names.isEmpty()) {
            Event namespaced = namespaced(text);
            if (namespaced != null) {
                return namespaced;
            }
            for (String key : ACTION_KEYS) {
                String v = labels.get(key);
                Event e = v == null ? null : word(key + ": ", v.strip().split("\\s*[|·•,;]\\s*|\\s+by\\s+", 2)[0]);
                if (e != null) {
                    return e;
                }
            }
            Matcher line = ACTION_LINE.matcher(text);
            if (line.find()) {
                Event e = word(line.group("key") + ": ", line.group("word"));
                if (e != null) {
                    return e;
                }
            }
            String stripped = text.strip();
            Matcher tag = TAG_THEN_ACTION.matcher(stripped);
            if (tag.find()) {
                return word("", tag.group("word"));
            }
            for (Map.Entry<Pattern, List<String>> shape : TOOL_ACTIONS) {
                Event e = namedToolAction(shape.getKey().matcher(stripped), shape.getValue());
                if (e != null) {
                    return e;
                }
            }
            Matcher alone = ACTION_ALONE.matcher(stripped);
            if (alone.find()) {
                return word("", alone.group("word"));
            }
            Matcher bracket = BRACKETED_ACTION.matcher(stripped);
            if (bracket.find()) {
                // a bracketed state leading the text in the template's language too: "[Stängd] Opsgenie-larm #5144"
                Event e = wordAnyLanguage(bracket.group("word"));
                if (e != null) {
                    return e;
                }
            }
            return gloss(stripped.split("\n", 2)[0]);
        }
        if (names.size() != 1) {
            return null;
        }
        String name = names.iterator().next();
        String what = name.substring(name.indexOf('.') + 1);
        Matcher downtime = DOWNTIME_EVENT.matcher(name);
        if (downtime.matches()) {
            String w = downtime.group("what");
            return new Event(
                    name,
                    w.equals("started")
                            ? Action.OPEN
                            : CLOSES.matcher(w).matches() || w.equals("ended") ? Action.CLOSE : Action.NONE);
        }
        Action a = OPENS.matcher(what).matches()
                ? Action.OPEN
                : CLOSES.matcher(what).matches() ? Action.CLOSE : Action.NONE;
        return new Event(name, a);
    }

    /** The one connection's or alarm's event a text names under a namespace; null when it names none or several. */
    private static Event namespaced(String text) {
        Event found = null;
        Matcher m = NAMESPACED.matcher(text);
        while (m.find()) {
            String name = m.group("name");
            String bare = VERSION_SUFFIX.matcher(name).replaceFirst("");
            Matcher c = CONNECTION.matcher(bare);
            if (!c.matches()) {
                c = ALARM_SWITCH.matcher(bare);
                if (!c.matches()) {
                    c = RESOURCE_STATE.matcher(bare);
                    if (!c.matches()) {
                        continue;
                    }
                }
            }
            Event e = new Event(name, c.group("open") != null ? Action.OPEN : Action.CLOSE);
            if (found != null && !found.equals(e)) {
                return null;
            }
            found = e;
        }
        return found;
    }

    /**
     * The action a line says after a tool's name ({@code tool} group; a tracker's or code host's name says none), from
     * the first of {@code words} its match filled; null when the line does not match or names no action.
     */
    private static Event namedToolAction(Matcher m, List<String> words) {
        if (!m.find() || TRACKER.matcher(m.group("tool")).matches()) {
            return null;
        }
        boolean alerting = ALERTING_TOOL.matcher(m.group("tool")).matches();
        for (String g : words) {
            if (m.group(g) != null) {
                if (g.equals("toolWord") && !alerting) {
                    return null;
                }
                // after a tool's name, the template's word in another language too: "PagerDuty #4812 rozwiązany: …"
                Event e = wordAnyLanguage(m.group(g));
                return e != null && alerting ? e.fromAlertingTool() : e;
            }
        }
        return null;
    }

    /**
     * A localised template's first line glossing its state with the tool's own English word in brackets: "🔴 Datadog:
     * Laukaistu (Triggered)", "Opsgenie · suljettu (Close) `#318`", "🟡 Проблему підтверджено (ACKNOWLEDGED)".
     */
    private static final Pattern GLOSS = Pattern.compile(
            "^(?<before>[^\\n()]{2,80}?)\\s\\((?<word>[A-Za-z][A-Za-z_]{1,20})\\)(?:$|[\\s*_`·•|:,—–-])");

    /** A letter no English word is written with: the text before a gloss is in another language. */
    private static final Pattern NOT_ENGLISH_LETTER = Pattern.compile("[\\p{L}&&[^A-Za-z]]");

    /** A warning's transition, as a tool names it: no alert of its own (Datadog's "Warn"). */
    private static final Pattern WARNING = Pattern.compile("(?i)warn|warning");

    /** The state a localised first line's English gloss names, as its event; null when it has none. */
    private static Event gloss(String line) {
        Matcher g = GLOSS.matcher(line);
        if (!g.find() || !localised(g.group("before"))) {
            return null;
        }
        String w = g.group("word");
        Event e = WARNING.matcher(w).matches() ? new Event(w, Action.NONE) : word("", w);
        if (e == null) {
            Action a = GenericWords.englishState(w.replace('_', ' '));
            e = a == null || GenericWords.WEAK.contains(w.toLowerCase(java.util.Locale.ROOT)) ? null : new Event(w, a);
        }
        return e;
    }

    /**
     * Whether words are in another language than English: a letter English has not, or a last word the lexicon holds
     * ("Datadog: Laukaistu"); after English words a bracketed word is a note ("(`warning`)", "(Monitoring)").
     */
    private static boolean localised(String words) {
        if (NOT_ENGLISH_LETTER.matcher(words).find()) {
            return true;
        }
        String[] w = words.replaceAll("[*_`]", " ").strip().split("\\s+");
        String last = w[w.length - 1];
        return GenericWords.englishState(last) == null && StateWords.of(last) != null;
    }

    /**
     * The action of a webhook's action word, or of a state word of the lexicon in a language not English ("rozwiązany",
     * "Stängd"); null when it is neither.
     */
    private static Event wordAnyLanguage(String word) {
        Event e = word("", word);
        String w = word.strip();
        Action said = e == null && GenericWords.englishState(w) == null ? StateWords.of(w) : null;
        if (e == null
                && said == null
                && (StateWords.opened(w)
                        || StateSentences.NEW_NOUN_ANY.matcher(w).find())) {
            said = Action.OPEN; // the word for opened, or a new incident: "Відкрито", "ÚJ INCIDENS"
        }
        return e != null || said == null ? e : new Event(w, said);
    }

    /** The action of a webhook's action word, named as {@code lead} and the word; null when it is no such word. */
    private static Event word(String lead, String word) {
        Matcher w = ACTION_WORD.matcher(word.strip());
        if (!w.matches()) {
            return null;
        }
        Action a = w.group("open") != null ? Action.OPEN : w.group("close") != null ? Action.CLOSE : Action.NONE;
        return new Event(lead + word.strip(), a);
    }
}
