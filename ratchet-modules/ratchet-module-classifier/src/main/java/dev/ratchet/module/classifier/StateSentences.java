package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences alerting tools write a state change in, read headline by headline: late by so long, in a state,
 * changed from one state to another, entered a state, a state noun; and those that name what is in the state (an
 * alert noun, a rule, a host, "is"). One of {@link GenericRecogniser}'s positions, the third in the order it believes
 * them; it fills the {@link Reading} the positions share.
 */
final class StateSentences {

    private StateSentences() {}

    static final Pattern IS_STATE =
            Pattern.compile("(?i)^" + GenericWords.ACTION_TAKEN + "(?<name>.*?)\\s+(?:(?:is|are|has|have|went|is now"
                    + "|has been|has become|changed to|transitioned to|entered(?: the)?|is experiencing)\\s+|is:\\s*)(?:now\\s+)?(?:been\\s+)?"
                    + "(?:in\\s+)?(?:the\\s+)?[\"“]?(?<state>" + GenericWords.STATE + ")\\b[^\\n]*$");
    private static final Pattern CHANGED = Pattern.compile(
            "(?i)\\b(?:changed|transitioned|went|moved)(?:\\s+(?:its\\s+)?(?:status|state))?\\s+from\\s+"
                    + "(?<from>" + GenericWords.STATE + ")\\s+to\\s+(?<state>" + GenericWords.STATE
                    + ")\\b|\\b(?<from2>" + GenericWords.STATE
                    // "*UP* në *DOWN*" (Spring Boot Admin in Albanian): a short word between two states, the new one in
                    // capitals
                    // (not English "to": Moira's "(OK to WARN)" names no state change of the line)
                    + ")(?:\\s*(?:->|→|=>)\\s*|\\*?\\s+(?!(?i:to)\\s)\\p{Ll}{1,4}\\s+\\*?(?=(?-i:\\p{Lu}{2})))(?<state2>"
                    + GenericWords.STATE + ")\\b"
                    + "|\\bchanged\\s+the\\s+(?:status|state)\\s+of\\s+(?<name3>.{1,160}?)\\s+to\\s+(?<state3>"
                    + GenericWords.STATE
                    + ")\\b"
                    // "Interface \"ge-0/0/3\" changed state to DOWN" (NetXMS)
                    + "|\\bchanged\\s+(?:its\\s+)?(?:state|status)\\s+to\\s+(?<state4>" + GenericWords.STATE + ")\\b"
                    // "staat op *ALARM* (was OK)": a state in capitals, then the one it was, in another language ("is
                    // *DOWN* (was UP)" and a "State: …" field are read as such)
                    + "|(?<![\\p{L}:])(?<!\\bis\\s)(?<!\\bis\\s[*_])(?<!:\\s)(?<!:\\s[*_])[*_]?(?<state5>(?-i:ALARM|ALERT"
                    + "|FIRING|CRITICAL|WARNING|DOWN|PROBLEM|OK|UP|RESOLVED|NORMAL))[*_]?\\s+\\(was\\s+(?-i:[A-Z][A-Z_]+)\\)");
    static final Pattern NOUN_STATE = Pattern.compile("(?i)\\b(?<noun>incident|issue|alert|alarm|problem|monitor"
            + "|check|trigger|rule|violation|anomaly|outage|breach|downtime|uptime|drift|degradation|error|exception|fault|crash)\\s+(?:#?[\\w-]*\\d[\\w-]*\\s+)?"
            // the error's kind in brackets: "SMART error (SmartFail) detected on device: /dev/sdc"
            + "(?:\\([^)\\n]{1,30}\\)\\s+)?(?:is\\s+|was\\s+|has\\s+been\\s+|marked\\s+as\\s+)?"
            + "(?<state>" + GenericWords.STATE
            + ")\\b(?:\\s+(?:at|on|by|in|for)\\b[^:\\n]*)?\\s*[:\\-–]?\\s*(?<rest>.*)$");
    static final Pattern STATE_NOUN = Pattern.compile(
            "(?i)^[\\s>•*-]*(?:\\[[^\\]\\n]{1,40}\\]\\s*)*"
                    + "(?:you\\s+have\\s+)?(?:\\d+\\s+(?=new\\s|triggered\\s))?(?<state>new(?!\\s+relic\\b)|triggered|resolved|closed|recovered|regressed|reactivated|reopened|acknowledged|escalated|updated"
                    + "|mitigated)\\s+(?:[\\w-]+\\s+){0,3}?(?:incident|issue|alert|alarm|problem|error|exception|violation|detection|finding|threat)s?\\b(?:\\s*\\([^)\\n]{1,20}\\))?\\s*[:\\-–]?\\s*(?<rest>.*)$");
    /**
     * A new alert, error or incident in the languages of the lexicon, leading a bot's line: the word for new before the
     * noun ("Nowy błąd w …", "Uusi ongelma: …", "Нова помилка · …", "Nytt fel WEBPLAYER-4JK: …") or after it ("Isu baru
     * — …", "Cảnh báo mới #1187", "Alertă nouă"), what follows naming it. English is {@link #STATE_NOUN}'s.
     */
    static final Pattern NEW_NOUN_ANY = Pattern.compile("(?iu)^[\\s>•*_-]*(?:\\[[^\\]\\n]{1,40}\\]\\s*)*[*_]?"
            // (a tool's name before it: "Opsgenie · uusi hälytys …", "PagerDuty: uusi häiriö #4431")
            + "(?:\\p{Lu}[\\p{L}.]{1,20}(?:\\s\\p{Lu}[\\p{L}.]{1,20})?\\s*[:·•|]\\s+)?"
            + "(?:(?:nowy|nowa|nowe|nový|nová|nové|nuevo|nueva|novo|nova|nouveau|nouvelle|nouvel|nuovo|nuova|neu|neue|neuer"
            + "|neues|nieuw|nieuwe|ny|nytt|nya|nye|uusi|új|yeni|новый|новая|новое|новий|нова|нове|νέο|νέα|νέος|nou|nouă"
            + "|novi|нов|нова)\\s+(?:błąd|incydent|awaria|zdarzenie|chyba|problém|incident|upozornění|výstraha|error"
            + "|incidencia|incidente|alerta|problema|falla|fallo|erro|falha|erreur|alerte|problème|anomalie|errore"
            + "|allarme|fehler|störung|vorfall|alarm|warnung|fout|storing|probleem|fel|larm|ärende|händelse|feil"
            + "|hendelse|fejl|hændelse|hälytys|häiriö|ongelma|virhe|hiba|riasztás|incidens|probléma|hata|uyarı|olay|sorun"
            + "|ошибка|тревога|инцидент|проблема|проблем|авария|помилка|тривога|інцидент|аварія|σφάλμα|συναγερμός"
            + "|περιστατικό|πρόβλημα|eroare|alertă|problemă)"
            + "|(?:isu|insiden|peringatan|galat|masalah|kesalahan)\\s+baru|(?:cảnh báo|sự cố|lỗi)\\s+mới"
            + "|(?:alertă|eroare|problemă)\\s+(?:nouă|nou)|(?:התראה|תקלה|אירוע)\\s+(?:חדשה|חדש)"
            + "|(?:تنبيه|حادث|خطأ|مشكلة)\\s+(?:جديد|جديدة))(?![\\p{L}\\p{M}])[*_]?\\s*[:\\-–—·•|]?\\s*(?<rest>.*)$");

    /**
     * Where a new error is, a preposition and one word, maybe then a colon and what names it: "v eshop-api: TypeError
     * …", or the name on the line under it.
     */
    private static final Pattern WHERE_THEN_NAME = Pattern.compile(
            "(?iu)(?:w|v|ve|in|en|dans|em|no|na|di|i|в|у|σε|στο|στην|de|da)\\s+[`*_]*(?<where>[\\w.-]+)[`*_]*"
                    + "(?:\\s*:\\s+(?<name>\\S.*))?");

    /** States that a transition between makes a telling change ("changed from down to up"); a ticket's are not. */
    private static final Pattern ALERT_TRANSITION_STATE = Pattern.compile(
            "(?i)down|up|ok|critical|warning|warn|alarm|alerting|degraded|unhealthy|healthy|operational|major outage"
                    + "|partial outage|outage|offline|online|failing|passing|normal|performance issues|degraded performance");

    /** A quoted name and its state: {@code Check "Homepage" has failed}, {@code definition 'Too many 5xx' triggered}. */
    private static final Pattern QUOTED_STATE = Pattern.compile("(?i)['‘\"“](?<name>[^'’\"”\\n]{2,120})['’\"”]\\s+"
            + "(?:has\\s+|is\\s+|was\\s+)?(?:now\\s+)?(?<state>" + GenericWords.STATE + ")\\b");

    /**
     * A host, address or URL and its state, as monitoring agents write it: {@code web-01 is critical, disk_space…},
     * {@code web-01 recovered, …}, {@code https://shop.example.com is down}. The name must look like a machine's (a
     * digit, dot, dash, colon or slash in one word), so that "Checkout is down" needs an alert word elsewhere.
     */
    private static final Pattern HOST_STATE =
            Pattern.compile("(?i)^(?:[a-z][\\w.-]{1,30}:\\s+(?=\\S+\\s))?(?:(?:device|host|server|node|site|website|url"
                    + "|endpoint|instance)\\s+)?(?<name>(?:https?://)?[a-z0-9][\\w]*(?:\\d|[.:/-]\\w)[\\w.:/-]*?)"
                    + "(?:\\s*:\\s*(?:performance|latency|response time|availability|health|status|connectivity))?"
                    + "\\s+(?:is\\s+|has\\s+|went\\s+|has\\s+gone\\s+)?(?:now\\s+)?(?<state>" + GenericWords.STATE
                    + ")\\b\\s*[,;:!.-]?"
                    + "(?<rest>.*)$");
    /**
     * A check plugin's output, the Nagios convention Sensu and others keep: {@code SWAP CRITICAL - 4% free},
     * {@code CheckRedisPing CRITICAL: Could not connect}, {@code HTTP OK: 200}. The state in capitals after one word.
     */
    private static final Pattern PLUGIN_OUTPUT = Pattern.compile("(?:^|[\\s:])(?!(?i:is|are|was|were|be|been|now|status"
            + "|state|still|not)\\s)(?<name>[A-Za-z][\\w./-]*)\\s+"
            + "(?<state>CRITICAL|WARNING|OK|DOWN|UP|UNREACHABLE)\\s*(?:[:\\-–]|$)");
    /**
     * A tool's headline that says only that it recovered and who sends it: "Recovery from Monika" (its opening "New
     * Incident from …" is read by the alert's fields, as "New alert from UptimeRobot" is a fallback before its state).
     */
    private static final Pattern STATE_FROM_POSTER =
            Pattern.compile("(?i)^\\W*(?<state>recovery|recovered|resolved|resolution)"
                    + "\\s+(?:notification\\s+|notice\\s+)?from\\s+(?<tool>[^\\n]{2,40}?)\\W*$");
    /**
     * A service and its state as a stream processor words it: "Service disk /data on host es-node-04 is in state
     * critical.", "… is in state expired."
     */
    private static final Pattern IN_STATE = Pattern.compile("(?i)^\\W*(?:service\\s+)?(?<name>[^\\n]{1,80}?)"
            + "(?:\\s+on\\s+(?:host\\s+)?(?<host>[\\w.:-]+))?\\s+(?:is\\s+(?:now\\s+)?in|observed\\s+in|entered|went\\s+into"
            + "|transitioned\\s+to|moved\\s+to)\\s+state\\s+[*_`'\"]?(?<state>[\\w-]+)");
    /** States a scheduler or stream processor names that are no state word: what they amount to. */
    private static final Map<String, String> IN_STATE_WORDS = Map.of(
            "expired", "missing", "crashed", "failed", "timedout", "failed", "timed_out", "failed", "late", "missing");
    /** A thing that is late by so much: "Asset `analytics/daily_revenue` is now 42.00 minutes late." */
    private static final Pattern LATE_BY = Pattern.compile(
            "(?i)^\\W*(?:(?:asset|job|run|flow|task|table|source|file|report|feed|dataset)\\s+)?[`*'\"]?(?<name>[^\\s`*'\"]{2,120})[`*'\"]?"
                    + "\\s+is\\s+(?:now\\s+)?(?<n>\\d+(?:\\.\\d+)?)\\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|days?|[hms])\\s+"
                    + "(?:late|overdue|behind)\\b");
    /**
     * A scheduled job's noun in the few words before what failed: "*Job "ingest" failed*", "Execution of run for
     * "daily_revenue_job" failed", "Execution #4540 of job reindex-search has exceeded its average duration".
     */
    private static final Pattern JOB_NOUN = Pattern.compile(
            "(?i)\\b(?:job|run|execution|flow|task|pipeline|sync|asset|backup|cron)\\b(?:\\s+\\S+){0,3}\\s*$|^(?:\\W*)(?:job|execution|run)\\b");
    /** A job's failure states: a job that ran over its time is one too. */
    private static final Pattern JOB_FAILURE = Pattern.compile("(?i)failed|failing|exceeded|breached");
    /** A fallback that names only the tool: "New alert from UptimeRobot". */
    static final Pattern FROM_TOOL_ONLY = Pattern.compile("(?i)^from\\s+\\S+(?:\\s+\\S+)?$");
    /** A metric and its value in what follows a state ({@code disk_space_usage = 97.1%}): the alarm's name. */
    private static final Pattern METRIC_VALUE = Pattern.compile("(?<name>[A-Za-z][\\w.]*[A-Za-z0-9_])\\s*=\\s*-?\\d");
    /** "Monitor X just entered alert status", "… is in ALARM state". */
    private static final Pattern ENTERED_STATE = Pattern.compile("(?i)^(?<name>.*?)\\s+(?:has\\s+|just\\s+)?"
            + "(?:entered|is\\s+in|went\\s+into|moved\\s+to|changed\\s+to|reporting|reports)\\s+(?:the\\s+|an?\\s+)?"
            + "(?<state>alert|alarm|alerting|triggered|critical|warning|error|failing|ok|normal|resolved|passing)"
            + "\\s+(?:status|state)\\b");
    /** The host a state applies to, right after it: " on orders-db (BACKEND)". */
    private static final Pattern ON_HOST =
            Pattern.compile("^\\s+(?:on|at|for)\\s+([a-z0-9][\\w]*(?:\\d|[.-]\\w)[\\w.-]*)");
    /** "Alert policy fast-burn triggered", "Monitor api-latency resolved": a named alert and a strong state. */
    private static final Pattern NOUN_NAME_STATE =
            Pattern.compile("(?i)\\b(?:alert|alarm|monitor|check|rule|policy|trigger"
                    + "|detector)(?:\\s+(?:policy|rule))?\\s+['\"“]?(?<name>[\\w.:/-]+)['\"”]?\\s+(?:has\\s+been\\s+|was\\s+|is\\s+|has\\s+)?"
                    + "(?<state>triggered|fired|firing|resolved|recovered|cleared|failed|failing)\\b");
    /**
     * "Trigger Queue consumer errors fired in production/orders-worker", "rule Potential SSH Brute Force produced 3
     * alerts": an alert rule named in a few words (bold or quoted in the message), then that it fired.
     */
    private static final Pattern RULE_FIRED = Pattern.compile(
            "(?i)\\b(?:alert|alarm|monitor|rule|trigger|detector)\\s+['\"“]?(?<name>[\\w.:/-]+(?:\\s+[\\w.:/()-]+){0,7}?)['\"”]?\\s+"
                    + "(?:(?:has\\s+)?(?<state>triggered|fired|resolved|recovered)(?=\\s+(?:in|on|for|at)\\b|\\s*[:.!]|\\s*$)"
                    + "|(?:produced|generated|raised|created)\\s+(?:\\d+\\s+)?(?:new\\s+)?(?<made>alerts?|detections?|signals?)\\b)");
    /** "[Logz.io] HIGH - Nginx 5xx spike triggered": a headline ending with a strong state. */
    private static final Pattern TRAILING_STRONG = Pattern.compile(
            "(?i)^(?:\\[[^\\]\\n]{1,40}\\]\\s*)*(?:(?:high|medium|low"
                    + "|critical|warning|info|major|minor|p[0-5]|sev[- ]?\\d)\\s*[-:–|]\\s*)?"
                    // (not an action a tool took on its own: "Self-healing has been triggered", "Reload triggered")
                    + GenericWords.ACTION_TAKEN
                    + "(?<name>\\S.{1,120}?)\\s+(?:has\\s+been\\s+|was\\s+"
                    + "|is\\s+now\\s+|is\\s+|has\\s+)?(?<state>triggered|fired|resolved|recovered|cleared|disconnected|reconnected)\\s*[.!]?$");

    /** A count of things before their state, a tally and no alert's: "… · 3 issues resolved", "12 alerts cleared". */
    private static final Pattern TALLY = Pattern.compile(
            "(?i)(?:^|\\s)\\d+\\s+(?:issues|alerts|alarms|incidents|tickets|items|problems|errors|findings)$");

    /** A health colour's change: "alarm … changed from Green to Yellow", "cluster health status changed from yellow to green". */
    private static final Pattern COLOUR_CHANGE = Pattern.compile(
            "(?i)\\b(?:changed|went|moved|transitioned)(?:\\s+(?:its\\s+)?(?:status|state|health|colou?r))?\\s+from\\s+[*_`]?"
                    + "(?<from>green|yellow|amber|orange|red|gr[ae]y)[*_`]?\\s+to\\s+[*_`]?(?<to>green|yellow|amber|orange|red)\\b");

    /** A tracker's issue id: "#88", "PROJ-12", "!42". */
    private static final Pattern TRACKER_ID = Pattern.compile("(?:#|!)\\d+\\b|\\b[A-Z][A-Z0-9]{1,9}-\\d+\\b");
    /** The states a host can be in by itself; "PROJ-12 created" is a ticket, not a host. */
    private static final Pattern HOST_STATE_WORDS = Pattern.compile(
            "(?i)down|up|up again|back up|back online|critical"
                    + "|crit|warning|warn|recovered|resolved|unreachable|reachable again|ok|offline|unavailable|available again"
                    + "|degraded|failing|unhealthy|healthy again|alarm|problem|not responding|back to normal|normal|needs attention");

    private static final Pattern ALERT_COLON_STATE =
            Pattern.compile("(?i)\\b(?:alert|alarm|status|state)\\s*:\\s*(?<state>" + GenericWords.STATE + ")\\s*$");

    /** Reads the sentences alerting tools use, headline by headline. */
    static void alertSentence(MessageView view, List<String> headlines, boolean alertish, Reading r) {
        // 3. the sentences alerting tools use
        if (r.state == null) {
            for (String line : headlines) {
                if (!GenericWords.ANY_STATE.matcher(line).find()
                        && !ENTERED_STATE.matcher(line).find()
                        && !RULE_FIRED.matcher(line).find()
                        && !COLOUR_CHANGE.matcher(line).find()
                        && !IN_STATE.matcher(line).find()
                        && !LATE_BY.matcher(line).find()
                        && !NEW_NOUN_ANY.matcher(line).find()) {
                    continue; // ("entered alert status" has no state word of its own)
                }
                if (stateSentence(view, alertish, line, r) || namedStateSentence(view, headlines, alertish, line, r)) {
                    break;
                }
            }
        }
    }

    /** A measurement or check that says it came back: "… with metric labels {…} returned to normal with a value …". */
    private static final Pattern RETURNED_TO_NORMAL = Pattern.compile(
            "(?i)^(?<name>\\S.{2,200}?)\\s+(?:has\\s+)?(?:returned|gone\\s+back|come\\s+back)\\s+to\\s+normal\\b");

    /**
     * An issue's identifier, what happened to it, then its title: "KESTRELBY-API-1K was resolved automatically:
     * Downtime detected for …", "Item #481 has been reopened: KeyError …" (error trackers' state changes).
     */
    private static final Pattern ID_WAS_STATE = Pattern.compile(
            "^\\W*?(?<id>[\\w#][\\w.#:/-]{1,60})\\s+(?:was|has\\s+been)\\s+(?<state>resolved|closed|recovered|reopened)"
                    + "(?:\\s+(?:automatically|by\\s+[^:\\n]{1,40}|as\\s+[^:\\n]{1,30}))?\\s*[:\\-–—]\\s+(?<rest>\\S.*)$",
            Pattern.CASE_INSENSITIVE);

    /** A line's words without its markup and the marks leading it. */
    private static String bare(String line) {
        return SlackText.normalise(line)
                .replaceAll("[*_`]", "")
                .replaceFirst("^[^\\p{L}\\p{N}]+", "")
                .strip();
    }

    /** The line of a text after the one a headline was read from ("" when none): what the headline's alert is. */
    private static String lineAfter(String text, String headline) {
        String[] lines = text.split("\n");
        String key = bare(headline);
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!key.isEmpty() && bare(lines[i]).equals(key)) {
                return lines[i + 1].replaceAll("[*_`]", "").strip();
            }
        }
        return "";
    }

    /** Reads one headline by the sentences that say a state change: late, in state, changed, entered, a state noun. */
    private static boolean stateSentence(MessageView view, boolean alertish, String line, Reading r) {
        Matcher colour = COLOUR_CHANGE.matcher(line);
        if (colour.find()) {
            // vCenter's alarms, Elasticsearch's cluster health: a health colour is a state; back to green ends the
            // alert, leaving green starts it, and red to yellow or back is the same alert getting worse or better
            String from = colour.group("from").toLowerCase(Locale.ROOT);
            String to = colour.group("to").toLowerCase(Locale.ROOT);
            r.state = to.equals("green")
                    ? "recovered"
                    : from.equals("green") || from.startsWith("gr")
                            ? "triggered"
                            : to.equals("red") ? "got worse" : "got better";
            r.rest = line.substring(0, colour.start()).strip();
            r.where = "a health colour's change \"" + colour.group().strip() + "\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher normal = RETURNED_TO_NORMAL.matcher(line);
        if (normal.find()) {
            // "CPU utilization for prod fx-worker-3 with metric labels {…} returned to normal with a value of 0.41."
            r.state = "returned to normal";
            r.rest = normal.group("name");
            r.where = "\"returned to normal\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher was = ID_WAS_STATE.matcher(line);
        if (was.find()) {
            // "KESTRELBY-API-1K was resolved automatically: Downtime detected for …": the issue's state, then its title
            r.state = was.group("state");
            r.rest = was.group("rest");
            r.named = true;
            r.where = "\"" + was.group("id") + " was " + r.state + "\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher late = LATE_BY.matcher(line);
        if (late.find()) {
            // "Asset `analytics/daily_revenue` is now 42.00 minutes late."; "… 0.00 minutes late": on time
            // again
            r.state = Thresholds.number(late.group("n")) > 0 ? "missing" : "recovered";
            r.keepName = true;
            r.rest = late.group("name");
            r.named = true;
            r.where = "\"" + late.group("n") + " late\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher ins = IN_STATE.matcher(line);
        String inState = ins.find()
                ? IN_STATE_WORDS.getOrDefault(ins.group("state").toLowerCase(Locale.ROOT), ins.group("state"))
                : null;
        if (inState != null && GenericWords.ANY_STATE.matcher(inState).matches()) {
            // "Service disk /data on host es-node-04 is in state critical." (Riemann's formatter; "expired": no
            // event within its time to live), "Flow run etl-orders/brave-otter observed in state `Crashed`"
            r.state = inState;
            r.keepName = true;
            r.rest = ins.group("name");
            r.named = true;
            if (ins.group("host") != null) {
                r.hostState = ins.group("host");
            }
            r.where = "\"in state " + ins.group("state") + "\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher fp = STATE_FROM_POSTER.matcher(line);
        if (fp.matches()
                && view.username() != null
                && fp.group("tool").strip().equalsIgnoreCase(view.username().strip())) {
            // "Recovery from Monika" posted by Monika: the tool's own headline
            r.state = "recovered";
            r.where = "\"" + Headlines.clip(line) + "\" from its poster";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher c = CHANGED.matcher(line);
        if (c.find()) {
            r.state = c.group("state") != null
                    ? c.group("state")
                    : c.group("state2") != null
                            ? c.group("state2")
                            : c.group("state3") != null
                                    ? c.group("state3")
                                    : c.group("state4") != null ? c.group("state4") : c.group("state5");
            if (c.group("name3") != null) {
                // "changed the status of System.TimeoutException in Shop API to Resolved"
                String[] inApp = c.group("name3").split("\\s+in\\s+", 2);
                r.rest = inApp[0];
                r.named = true;
                if (inApp.length == 2) {
                    r.hostState = inApp[1].replace("*", "").strip();
                }
            } else if (!line.substring(0, c.start()).isBlank()) {
                // "Component Search changed status from Operational to Major Outage": what changed is named
                r.rest = line.substring(0, c.start())
                        .replaceFirst("(?i)^\\W*(?:component|service|monitor|check|status of)\\s+", "");
            }
            r.where = "state change in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            String from = c.group("from") != null ? c.group("from") : c.group("from2");
            r.strong = alertish
                    || (from != null
                            && ALERT_TRANSITION_STATE.matcher(from).matches()
                            && ALERT_TRANSITION_STATE.matcher(r.state).matches())
                    // "changed state to DOWN": the new state in capitals, as a tool prints it
                    || (c.group("state4") != null && r.state.equals(r.state.toUpperCase(Locale.ROOT)));
            return true;
        }
        Matcher e = ENTERED_STATE.matcher(line);
        if (e.find() && !e.group("name").isBlank()) {
            r.state = e.group("state").equalsIgnoreCase("alert") ? "alerting" : e.group("state");
            r.rest = e.group("name").replaceFirst("(?i)^(?:monitor|alert|alarm|check|rule|trigger)\\s+", "");
            r.named = true;
            r.where = "\"entered " + e.group("state") + " state\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher n = STATE_NOUN.matcher(line);
        if (n.find() && !FROM_TOOL_ONLY.matcher(n.group("rest").strip()).matches()) {
            r.state = n.group("state");
            r.rest = n.group("rest");
            r.where = "\"" + r.state + " incident/alert\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher any = NEW_NOUN_ANY.matcher(line);
        if (any.find() && !FROM_TOOL_ONLY.matcher(any.group("rest").strip()).matches()) {
            r.state = "new";
            // "Nová chyba v eshop-api: TypeError …": where it is, then the error that names it
            // ("Nieuwe fout in track-trace-portal" over the error's line: the service, and the name under it)
            Matcher where = WHERE_THEN_NAME.matcher(any.group("rest").strip());
            if (where.matches()) {
                r.rest = where.group("name") == null ? lineAfter(view.text(), line) : where.group("name");
                r.hostState = where.group("where");
            } else {
                r.rest = any.group("rest");
            }
            r.where = "a new alert or error in the template's words in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher a = ALERT_COLON_STATE.matcher(line);
        if (a.find()) {
            r.state = a.group("state");
            r.where = "alert state in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        return false;
    }

    /** Reads one headline by the sentences that name what is in a state: an alert noun, a rule, a host, "is". */
    private static boolean namedStateSentence(
            MessageView view, List<String> headlines, boolean alertish, String line, Reading r) {
        Matcher ns = NOUN_STATE.matcher(line);
        if (ns.find() && !trackerIssue(ns, line)) {
            r.state = ns.group("state");
            r.rest = ns.group("rest");
            r.where = "\"incident/alert " + r.state + "\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher nn = NOUN_NAME_STATE.matcher(line);
        if (nn.find()) {
            r.state = nn.group("state");
            r.rest = nn.group("name");
            r.named = true;
            r.where = "\"alert " + r.rest + " " + r.state + "\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher rf = RULE_FIRED.matcher(line);
        if (rf.find()) {
            r.state = rf.group("state") != null ? rf.group("state") : "triggered";
            r.rest = rf.group("name");
            r.named = true;
            r.where = "\"" + r.rest + " " + (rf.group("state") != null ? r.state : "produced alerts") + "\" in \""
                    + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher ts = TRAILING_STRONG.matcher(line);
        if (ts.find() && !TALLY.matcher(ts.group("name")).find()) {
            r.state = ts.group("state");
            r.rest = ts.group("name");
            r.where = "\"" + r.state + "\" ending \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher qs = QUOTED_STATE.matcher(line);
        if (qs.find()) {
            r.state = qs.group("state");
            r.rest = "'" + qs.group("name") + "'";
            r.named = true;
            Matcher on = ON_HOST.matcher(line.substring(qs.end()));
            if (on.find()) {
                r.hostState = on.group(1); // "'pool exhausted' violated on orders-db"
            }
            r.where = "\"'name' " + r.state + "\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            // "Check 'x' has failed", "'x' is failing" are alerts; "Opportunity 'x' closed", "Meeting 'x' has
            // started" are not: a weak state word needs the name to lead or to follow a word naming an alert
            String before = line.substring(0, qs.start())
                    .replaceAll("[^\\p{L}\\p{N} -]", " ")
                    .strip();
            String lastWord = before.isEmpty() ? "" : before.substring(before.lastIndexOf(' ') + 1);
            r.strong = before.isEmpty()
                    || GenericWords.ALERT_NOUNS.matcher(lastWord).matches()
                    || (JOB_FAILURE.matcher(r.state).matches()
                            && JOB_NOUN.matcher(before).find());
            return true;
        }
        Matcher hs = HOST_STATE.matcher(line);
        if (hs.find() && HOST_STATE_WORDS.matcher(hs.group("state")).matches()) {
            r.state = hs.group("state");
            r.hostState = hs.group("name");
            Matcher metric = METRIC_VALUE.matcher(hs.group("rest"));
            r.rest = metric.find() ? metric.group("name") : hs.group("rest").split(",", 2)[0];
            if (FindingNames.nameFrom(r.rest).isEmpty()) {
                r.rest = r.hostState;
            }
            r.where = "a host's state in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher plugin = PLUGIN_OUTPUT.matcher(line);
        if (plugin.find()) {
            r.state = plugin.group("state");
            String before = line.substring(0, plugin.start()).strip().replaceFirst("[:\\-–]$", "");
            Matcher hc = FindingNames.HOST_SLASH_CHECK.matcher(before);
            if (hc.matches()) {
                r.hostState = hc.group(1);
                r.rest = hc.group(2);
            } else {
                r.rest = plugin.group("name");
            }
            r.where = "a check's output \"" + plugin.group("name") + " " + r.state + "\" in \"" + Headlines.clip(line)
                    + "\"";
            r.matched = line;
            r.strong = true;
            return true;
        }
        Matcher is = IS_STATE.matcher(line);
        if (is.find()
                && !is.group("name").isBlank()
                && !(is.group("state").equalsIgnoreCase("up")
                        && MEASURE.matcher(is.group("name")).find())) {
            r.state = is.group("state");
            r.rest = is.group("name");
            r.where = "\"is " + r.state + "\" in \"" + Headlines.clip(line) + "\"";
            r.matched = line;
            // a colour that agrees (red and "is down", green and "is up") says it is a tool's state
            // (or the emoji leading the message, for the message's first line: ":red_circle: X is now
            // Critical")
            Action said = GenericWords.action(r.state.toLowerCase(Locale.ROOT));
            // or the state in capitals, as a tool prints it ("dc-fra1 is HEALTHY.", "dc-fra1 is *CRITICAL*")
            r.strong = alertish
                    || (JOB_FAILURE.matcher(r.state).matches()
                            && JOB_NOUN.matcher(is.group("name")).find())
                    || Marks.colourAgrees(view, said)
                    || (line.equals(headlines.get(0)) && leadingEmojiAgrees(view.text(), said))
                    || (r.state.length() >= 4 && r.state.equals(r.state.toUpperCase(Locale.ROOT)))
                    || stateUnderSubject(view, headlines, line, is);
            return true;
        }
        return false;
    }

    /**
     * A measurement (on a host) as a sentence's subject: "Postgres commit latency on ledger-db-1 is up" says it rose,
     * not that something came back up.
     */
    private static final Pattern MEASURE = Pattern.compile(
            "(?i)\\b(?:latency|rate|usage|load|errors?|count|traffic|volume|lag|time|cpu|memory|queue|backlog|p\\d{2})"
                    + "(?:\\s+(?:on|of|for|at)\\s+[\\w.:/-]+)?\\s*$");

    /** What may end a sentence after its state: a reason in brackets, a full stop ("is down. (unreachable)"). */
    private static final Pattern STATE_SENTENCE_END =
            Pattern.compile("^\\s*\\.?\\s*(?:\\([^()\\n]{1,40}\\))?\\s*\\.?\\s*$");

    /**
     * Whether a bot's sentence saying a state ("The Media Server is down.") stands under a subject line that is the
     * poster's own name and what it watches ("Tautulli (media-box)", "Notifier · nas-01"): a notification agent's
     * subject and body, the state ending the sentence. A person's or a report's sentence has no such subject.
     */
    private static boolean stateUnderSubject(MessageView view, List<String> headlines, String line, Matcher is) {
        if (!view.bot() || headlines.size() < 2 || line.equals(headlines.get(0))) {
            return false;
        }
        String subject = headlines.get(0).strip();
        int end = Headlines.posterEnd(view, subject, c -> !Character.isLetterOrDigit(c));
        if (end < 0
                || subject.length() - end > 60
                || GenericWords.ANY_STATE.matcher(subject).find()) {
            return false;
        }
        return STATE_SENTENCE_END.matcher(line.substring(is.end("state"))).matches();
    }

    private static final Pattern LEADING_EMOJI = Pattern.compile("^\\W{0,3}?(?::([a-z0-9_+-]+):|(\\p{So}))");

    /** Whether the emoji leading {@code raw} signals {@code action}'s colour: red for an open, green for a close. */
    private static boolean leadingEmojiAgrees(String raw, Action action) {
        Matcher m = LEADING_EMOJI.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return false;
        }
        String colour = m.group(1) != null ? Marks.emojiColour(m.group(1)) : Marks.symbolColour(m.group(2));
        // an amber mark (a warning sign) leading the line agrees with an open as a card's amber bar does
        return (action == Action.OPEN && (colour.equals("red") || colour.equals("amber")))
                || (action == Action.CLOSE && colour.equals("green"));
    }

    /** "Issue #88 closed", "Issue opened": an issue tracker's words, unless a tool says "issue resolved/regressed". */
    private static boolean trackerIssue(Matcher nounState, String line) {
        return nounState.group("noun").equalsIgnoreCase("issue")
                && nounState.group("state").toLowerCase(Locale.ROOT).matches("opened|closed|created|reopened|new")
                && (TRACKER_ID.matcher(line).find() || line.matches("(?is).*\\b(?:by|from)\\s+@?\\p{Lu}.*"));
    }
}
