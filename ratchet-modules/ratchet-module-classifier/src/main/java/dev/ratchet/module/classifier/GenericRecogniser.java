package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Finding.found;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recogniser behind the tool-specific ones, for alerting tools it has never seen: a bot message whose state is
 * written where alerting tools write it, not anywhere in the text.
 *
 * <p>The state positions, in the order they are believed: a status field or label ({@code Status: Triggered},
 * {@code Current State: ALARM}, {@code State Change: OK -> ALARM}); a tag leading a headline (the first lines, an
 * attachment title, a header block, an email subject), bracketed or not ({@code [FIRING:3] …}, {@code [P1] [Triggered]
 * …}, {@code ** PROBLEM Service Alert: …}, {@code Resolved in 5m: …}, {@code [name] [Down] …}); and the few sentences
 * alerting tools use ({@code … is now RESOLVED}, {@code changed from OK to ALARM}, {@code Incident #12 opened},
 * {@code New incident: …}, {@code Problem has been resolved}, {@code rule 'x' has recovered}). State words that people
 * and other bots also use ({@code OK}, {@code up}, {@code down}, {@code critical}, {@code active}) count only in a tag
 * or a status field, or beside a word that names an alert (alert, alarm, incident, problem, monitor, check, rule…).
 *
 * <p>Look-alikes are kept out by what they say they are: bots of CI, deploys, tickets, code review, chat reminders and
 * stand-ups (by name), and headlines about builds, pipelines, deploys, releases, digests, reports, reminders, on-call
 * hand-offs, maintenance and silences. People are never classified (the caller checks).
 *
 * <p>This class holds the order of the positions and the readers only it uses; the rest stand beside it: the
 * look-alikes in {@link LookAlikes}, the names in {@link FindingNames}, the sentences in {@link StateSentences}, a
 * script's own words in {@link ScriptWords}, key=value lines in {@link KeyValueStates}, cells and tables in
 * {@link TableStates}, lead tags and numbered incidents in {@link LeadTags}; all share {@link GenericWords},
 * {@link Headlines}, {@link Marks}, {@link Thresholds} and the {@link Reading} the positions fill.
 */
final class GenericRecogniser {

    private static final Set<String> STATUS_KEYS = Set.of(
            "status",
            "state",
            // Spanish and Portuguese, French, Italian
            "estado",
            "statut",
            "stato",
            "current state",
            "new state",
            "alert state",
            "alarm state",
            "state change",
            "issue state",
            "incident state",
            "incident status",
            "alert status",
            "event status",
            "monitor status",
            "monitor condition",
            "trigger status",
            // the same key in other languages, its value read in the lexicon ("Durum: Çözüldü", "Stav: Vyřešeno")
            "durum",
            "stav",
            "stan",
            "tila",
            "starea",
            "zustand",
            "toestand",
            "tilstand",
            "tillstånd",
            "állapot",
            "статус",
            "стан",
            "состояние",
            "κατάσταση",
            "trạng thái",
            "상태",
            "状态",
            "状態",
            "מצב",
            "סטטוס",
            "الحالة",
            "स्थिति",
            // Estonian, Lithuanian, Latvian, Serbian/Croatian/Bosnian, Bulgarian, Persian, Tagalog, Malay
            "olek",
            "seisund",
            "būsena",
            "statuss",
            "stanje",
            "стање",
            "състояние",
            "وضعیت",
            "katayuan",
            "keadaan");
    /**
     * The first bracketed state, for a headline whose last tag is followed by an ordinary word that is no state by
     * itself: "[Critical] Failed to Connect to Computer".
     */
    private static final Pattern TAG_FIRST =
            Pattern.compile("(?i)^[\\s>•*#-]*(?<pre>(?:\\[[^\\]\\n]{1,60}\\]\\s*)*?)" + GenericWords.TAG_AFTER_PRE);
    /**
     * A heartbeat or scheduled job that did not report ("Hourly ETL errored", "Heartbeat daily-report missed its ping",
     * "Scheduled task nightly-invoices did not run") or reported again ("… has checked in and is healthy again").
     */
    private static final Pattern HEARTBEAT = Pattern.compile(
            "(?i)^(?:heartbeat\\s+|scheduled\\s+task\\s+|cron\\s+(?:job\\s+)?)?"
                    + "(?<name>[^:\\n]{2,120}?)\\s+(?:(?<open>missed\\s+(?:its|a|the|\\d+)?\\s*(?:pings?|check-?ins?|heartbeats?|runs?)"
                    + "|did\\s+not\\s+(?:run|check\\s+in|report(?:\\s+in)?|start|finish|complete)|has\\s+not\\s+(?:checked|reported)\\s+in"
                    + "|errored|is\\s+late|is\\s+overdue|has\\s+gone\\s+silent"
                    // a heartbeat's own words (Opsgenie's "<name> is expired", "… heartbeat has not been sent for 10m")
                    + "|heartbeat\\s+has\\s+not\\s+been\\s+(?:sent|received)"
                    + "|is\\s+(?:running|taking)\\s+longer\\s+than|has\\s+been\\s+running\\s+(?:for\\s+)?(?:more|longer)\\s+than)"
                    + "|(?<close>(?:has\\s+)?checked\\s+in\\s+(?:again|and\\s+is\\s+(?:healthy|up|ok)(?:\\s+again)?)|is\\s+(?:back|reporting|running)\\s+again))\\b");
    /** A missed check-in named after it: "Missed heartbeat: nightly-backup", "Missed check-in - db-dump". */
    private static final Pattern MISSED_NAMED = Pattern.compile(
            "(?i)^\\W*missed\\s+(?:heartbeat|check-?in|ping|cron\\s+run)s?\\s*[:\\-–]\\s*(?<name>\\S.{0,120}?)\\W*$");
    /** A saved log search that alerts: {@code "Prod 5xx" search found 14 matches}, {@code "Auth failures" search: 31 matches}. */
    private static final Pattern LOG_SEARCH = Pattern.compile(
            "(?i)^(?:\\[[^\\]\\n]{1,30}\\]\\s*)?(?<name>.{1,120}?)\\s+(?:saved\\s+)?search"
                    + "(?:\\s+alert)?\\s*(?:found|:|matched|returned)\\s*\\d[\\d,]*\\s+(?:new\\s+)?(?:matches|matching|events|results|hits|log)");
    /** "Alert for device core-sw1 - Port status up/down": an alert named after the thing it is for. */
    private static final Pattern ALERT_FOR = Pattern.compile("(?i)^(?:alert|alarm|problem)\\s+(?:for|on)\\s+"
            + "(?:device\\s+|host\\s+|server\\s+|node\\s+|service\\s+)?(?<host>\\S+)\\s+[-–:|]\\s*(?<rest>\\S.*)$");
    /**
     * A security engine's decision against an address: "203.0.113.45 will get ban for next 4h for triggering
     * crowdsecurity/ssh-bf on machine 'bastion-01'", "… will get captcha for next 4h …".
     */
    private static final Pattern BAN_DECISION = Pattern.compile(
            "(?i)\\b(?:will\\s+get|gets|got|has\\s+been\\s+given|received)\\s+(?:a\\s+)?(?:ban|captcha|block|throttle)\\s+for\\s+"
                    + "(?:the\\s+)?(?:next\\s+)?\\d+\\s*[smhd]\\w*"
                    + "(?:\\s+for\\s+(?:triggering|violating)\\s+[`'\"]?(?<scenario>[\\w./:-]+))?"
                    + "(?:[^\\n]*?\\bon\\s+machine\\s+['\"`]?(?<machine>[\\w.-]+))?");
    /** A decision field's value that bans or challenges: "ban for 24h", "captcha". */
    private static final Pattern DECISION_VALUE = Pattern.compile("(?i)^\\s*(?:ban|captcha|block)\\b");
    /** An alert's update that changes no state: "… got worse", "… has been acknowledged". */
    private static final Pattern UPDATE = Pattern.compile(
            "(?i)\\b(?:got\\s+(?:worse|better)|has\\s+been\\s+"
                    + "(?:acknowledged|acked|assigned|escalated|snoozed|silenced)|still\\s+(?:firing|triggered|alerting|failed|failing|down|critical|crit)|sigue\\s+(?:en|activ|abiert|fallando)|weiterhin"
                    // French and Italian "still", "reminder", "improving", "partial"
                    + "|toujours|encore|ancora|rappel|promemoria|en\\s+amélioration|in\\s+miglioramento|partiel(?:le)?|parziale|stummgeschaltet|silenciad[oa]"
                    // Portuguese and Polish "still"; "partially recovered"
                    + "|continua|ainda|nadal|wciąż|partially"
                    // Nordic, Turkish, Indonesian, Czech, Finnish, Russian, Japanese, Chinese "still", "ongoing"
                    + "|fortsatt|fremdeles|fortfarande|stadig|hâlâ|devam\\s+ediyor|masih|stále|yhä|всё\\s+ещё|до\\s+сих\\s+пор"
                    // a line led by the word for escalated, in the Latin scripts that borrow it ("Escalated to",
                    // "Eskalēts
                    // uz", "Eskaliert an", "Geëskaleer na", "Escaladé à"), not an escalation policy's name
                    + "|^[^\\p{L}]*(?:ge)?[eéë]s?[ck]al[aeiouyāēëéèí](?!tion|ción|ção|tie|zione)\\p{L}*\\s+(?!polic)"
                    // Vietnamese "still", "reminding again"
                    + "|vẫn|nhắc\\s+lại"
                    + "|まだ|継続中|依然|仍然"
                    // a severity changed, by an arrow between two states: "【警告→障害】", "WARN -> CRIT"
                    + "|(?:警告|障害|注意|异常|warn(?:ing)?|crit(?:ical)?|major|minor)\\s*(?:→|->|=>)\\s*(?:警告|障害|注意|异常|warn(?:ing)?|crit(?:ical)?|major|minor)"
                    // still over the threshold, a retry that failed again, a check that failed again in a row, flapping
                    + "|still\\s+(?:above|over|high|elevated|unavailable|degraded|pending|open|unhealthy|unreachable|missing|not"
                    + "|broken|stuck|growing|rising)"
                    // a severity raised or lowered between two states in capitals, in any language ("OSTRZEŻENIE →
                    // KRYTYCZNY"),
                    // not from a good state ("OK -> CRITICAL" opens)
                    + "|(?<![\\p{L}])(?!(?-i:OK|NORM|UP|RESOLV|RECOVER|CLEAR|GOOD|HEALTHY|GREEN|PASS))(?-i:\\p{Lu}{3,})\\s*(?:→|->|=>)\\s*(?-i:\\p{Lu}{3,})(?![\\p{L}])"
                    // (not the last attempt: "concluded on attempt 3/3" is how it ended)
                    + "|\\b(?:attempt|try|retry|tentativa|próba|forsøk|försök|deneme|percobaan|pokus|yritys|попытка|試行)\\s+([2-9])\\s*/\\s*(?!\\1\\b)\\d+"
                    + "|\\b(?:\\d+(?:st|nd|rd|th)|second|third|fourth)\\s+(?:check|time|run|alert|failure)\\s+in\\s+a\\s+row"
                    // the Nth time in a row in other languages: "2. kez üst üste", "3. gang på rad" (a count, "3回連続",
                    // is how
                    // a check opens)
                    + "|\\d+\\.\\s*(?:kez|kerta|gang|gången|gangen|raz)\\s+(?:üst\\s+üste|på\\s+rad|i\\s+rad|peräkkäin|z\\s+rzędu"
                    + "|di\\s+fila)"
                    + "|flapping\\s*(?:start(?:ed)?|stop(?:ped)?)\\b"
                    // a failure that will be retried is not the last word: "has failed (will retry 1/3)",
                    // "AwaitingRetry"
                    + "|will\\s+(?:be\\s+)?retr(?:y|ied)\\b|awaiting\\s*retry"
                    + "|re-?notif(?:ication|y)"
                    + "|(?:alert|event)s?\\s+(?:(?:was|were|has\\s+been|have\\s+been)\\s+)?(?:added|attached|merged)\\s+(?:to|into)|(?:has\\s+)?occurred\\s+\\d[\\d,]*\\s+times"
                    + "|(?:acknowledged|acked|assigned|snoozed)\\s+by|snoozed\\s+until|is\\s+still\\s+open|escalated\\s+to\\s+(?:level|tier|step)|escalation\\s+(?:step|level|tier)\\s+\\d"
                    + "|(?:offense|incident|alert|alarm|case|issue)\\s+#?\\d+\\s+updated\\b"
                    // a monitor joining an incident already open: "Another monitor is failing in this incident: …"
                    + "|\\b(?:in|to|into)\\s+this\\s+incident\\b"
                    + "|(?:severity|priority|urgency)\\s+(?:raised|lowered|changed|increased|decreased|upgraded|downgraded)"
                    // a group with alerts both firing and resolved: "[FIRING:2, RESOLVED:1]", "🔥 1 alert(s) firing ✅ 1
                    // resolved"
                    + "|firing:\\s*[1-9]\\d*\\s*,\\s*resolved:\\s*[1-9]"
                    // (on one line or the title's next: "🔥 1 alert(s) firing\\n✅ 1 alert(s) resolved")
                    + "|\\b[1-9]\\d*\\s+(?:alert(?:s|\\(s\\))?\\s+)?firing\\b[^\\n]*?(?:\\n[^\\n]*?)?\\b[1-9]\\d*\\s+(?:alert(?:s|\\(s\\))?\\s+)?resolved"
                    + "|\\b[1-9]\\d*\\s+alerts?,\\s*[1-9]\\d*\\s+resolved)\\b"
                    // the notification types of Nagios and the tools that kept them (Icinga, Checkmk, Naemon) that
                    // change
                    // no state, alone or after the object's kind: "DOWNTIMESTART", "Host DOWNTIMESTART notification", a
                    // person's "CUSTOM(Author: …)"
                    + "|^\\W*(?:(?:Host|Service)\\s+)?(?:FLAPPING(?:START|STOP|END|DISABLED)|DOWNTIME(?:START|END|CANCELLED)"
                    + "|ACKNOWLEDGEMENT|(?-i:CUSTOM)(?=\\s*[(:]|\\s+notification))\\b",
            Pattern.UNICODE_CASE);
    /** A check tool's lines by state, in capitals: "CRITICALs: …", "WARNINGs: …", "OKs: …". */
    private static final Pattern PLURAL_STATE = Pattern.compile("^\\s*(?<state>CRITICAL|WARNING|OK)s:\\s+\\S");

    /** Who took an open alert: "Acknowledged by @alice", "Silenced by Carol for 1 hour". */
    private static final Pattern HANDLED_BY =
            Pattern.compile("(?i)\\b(?:acknowledged|acked|silenced|snoozed|muted)\\s+by\\s+\\S+");
    /**
     * A headline that says it is an alert and names it: {@code Splunk Alert: Failed logins}, {@code [ALERT] …}. A tool
     * writes "Alert" as a title, capitalised ("Weather alert: storm tonight" is not one), after at most its own name.
     */
    private static final Pattern ALERT_HEADLINE =
            Pattern.compile("^[\\s>•*#-]*(?:[\\[(]\\s*)?(?:[A-Z][\\w.-]*\\s+){0,4}?(?:[A-Z][a-z]+)?"
                    + "(?:Alert|ALERT|Alarm|ALARM)(?:\\s+#\\d+)?\\s*[\\])]?\\s*[:\\-–|]\\s*(?<rest>\\S.*)$");
    /**
     * A tool's numbered incident leading a headline, its title after: {@code Sentinel incident 4538 (High): …},
     * {@code New Acme incident #12: …}. A number says a tracked incident; what follows names it.
     */
    private static final Pattern NUMBERED_INCIDENT = Pattern.compile(
            "^[\\s>•*#-]*(?:New\\s+)?(?:[A-Z][\\w.-]*\\s+){0,3}"
                    + "(?:[Ii]ncident|[Aa]lert|[Aa]larm)\\s+#?\\d+\\s*(?:\\([^)\\n]{1,20}\\))?\\s*[:\\-–|]\\s*(?<rest>\\S.*)$");
    /** "… via Alert rule: Send a notification for new issues": a notification an alert rule sent, named by its title. */
    private static final Pattern VIA_ALERT_RULE = Pattern.compile(
            "(?i)\\b(?:via|by|from|sent by|triggered by)\\s+(?:the\\s+)?(?:alert|alerting|notification)\\s+rule\\b");
    /** A footer that signs the message as a tool's alert: a line "Splunk Alert", "Alert generated by Splunk". */
    private static final Pattern SIGNATURE =
            Pattern.compile("(?m)^(?:(?:[A-Z][\\w.-]*\\s+){1,2}(?:Alert|Alarm)|Alert generated by\\s+\\S.*)\\s*$");
    /** A state leading a name, written as one word as some tools do ("ResolvedCritical - …", "Critical - …"). */
    private static final Pattern LEADING_STATE = Pattern.compile(
            "^(?<state>resolved|recovered|recovery|cleared|ok|critical"
                    + "|warning|missingdata|missing data|triggered|firing)\\w*\\s*[:\\-–|]\\s*(?<rest>\\S.*)$",
            Pattern.CASE_INSENSITIVE);
    /** A problem back after it was resolved. */
    private static final Pattern REOCCURRED =
            Pattern.compile("(?i)\\b(?:re-?occurr?(?:ed|ing)|recurred|regressed|re-?opened)\\b");
    /** A headline led by a ticket's key ("SR-331 VPN access…"): its Status field is the ticket's. */
    static final Pattern TICKET_LEAD = Pattern.compile("^[A-Z][A-Z0-9]{1,9}-\\d+\\b");
    /**
     * An error tracker's headline: an exception's type leading it, after an optional {@code [project/environment]}
     * ({@code [Billing/production] Stripe::APIConnectionError: Could not connect}).
     */
    private static final Pattern EXCEPTION_HEADLINE =
            Pattern.compile("^(?:\\[(?<project>[^\\]/\\n]{1,60})(?:/[^\\]\\n]*)?\\]\\s*)?"
                    + "(?<name>(?:[A-Z][\\w]*(?:::|\\.))*[A-Z]\\w*(?:Error|Exception|Fault|Timeout|Invalid|Canceled|Cancelled"
                    + "|Failure|Panic))(?:\\s*:\\s*|\\s+in\\s+|$)");
    /** A certificate about to expire: "The SSL certificate of shop.example.com expires in 7 days". */
    private static final Pattern CERT_EXPIRY = Pattern.compile(
            "(?i)\\b(?<name>(?:ssl|tls)\\s+certificate|certificate|certificado|certyfikat"
                    // Swedish, Norwegian, Danish, German, Vietnamese
                    + "|certifikat(?:et)?|sertifikat(?:et)?|zertifikat|(?:ssl|tls)\\s+cert|chứng\\s+chỉ)(?![\\p{L}])"
                    + "(?:\\s+(?:of|for|för)\\s+(?:<[^|>]*\\|)?(?<host>[\\w.-]+\\.[a-z]{2,})>?)?.{0,60}?\\b(?:(?:expires|will expire|is expiring"
                    + "|expiring|vence|expira|wygasa|går\\s+ut|löper\\s+ut|utløper|udløber|läuft\\s+ab|hết\\s+hạn)"
                    + "\\s+(?:in|on|within|em|em até|za|w ciągu|om|i|sau|om\\s+ca)(?![\\p{L}])"
                    // or already past it, said as a state ("Certificate for shop.example "(CN: …)" has expired!", "TLS:
                    // certificate has expired (notAfter …)": ssl-cert-check in set 45, a homegrown TLS check in set 19,
                    // which another reading names), never "still expired", a reminder
                    + "|(?<past>(?:has|have|is)\\s+(?:already\\s+)?expired(?![\\p{L}])))",
            Pattern.UNICODE_CASE);
    /** What follows a check's name when the host follows it: {@code ping4 on app-2}. */
    private static final Pattern CHECK_ON_HOST = Pattern.compile(
            "^(?<check>\\S.*?)\\s+(?:on|at|@)\\s+(?<host>[a-z0-9][\\w]*[\\d.-][\\w.-]*)$", Pattern.CASE_INSENSITIVE);

    private static final Pattern RESOLVED_IN =
            Pattern.compile("(?i)\\b(?:resolved|recovered|closed)\\s+(?:in|after)\\s+" + "(\\d[\\dhmsd ]*[hmsd])\\b");

    Optional<Finding> recognise(MessageView view, String text, Map<String, String> labels) {
        // the headlines every reading below starts from, built once per message
        List<String> headlines = Headlines.headlines(view, text);
        Optional<Finding> relayed = ticketRelay(view, text, labels, headlines);
        if (relayed.isPresent()) {
            return relayed;
        }
        EventNames.Event event = view.bot() ? EventNames.of(text, labels) : null;
        if (event == null) {
            return reading(view, text, labels, headlines);
        }
        if (event.action() == Action.OPEN
                && StateWords.MAINTENANCE
                        .matcher(view.text().strip().split("\n", 2)[0])
                        .find()) {
            // a status page's "incident.created" for planned work: "📢 incident.created · Manteniment programat: …"
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("the webhook's event \"" + event.name() + "\" announces maintenance")));
        }
        if (event.action() == Action.NONE) {
            // an acknowledgement, a note, a new responder, a ping: the relay's card changes no state
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("the webhook's event \"" + event.name() + "\" changes no alert's state")));
        }
        Optional<Finding> f = reading(view, text, labels, headlines);
        if (f.isPresent() && f.get().lookAlike() && !event.alertingTool() && !EventNames.ledByAlertingTool(text)) {
            // (an alerting tool's own numbered alert is no look-alike for a word in its title: "PagerDuty #9152
            // triggered — L1 processing pipeline stalled" is no CI pipeline's; nor is its action under a card led by
            // its
            // name: "Opsgenie Create #118 EAS CAP poll failing" over "Action: Create" is no Slack poll)
            return f;
        }
        // the event the tool sent says the state, whatever the relayed title still says ("[Triggered] …")
        String said = "the webhook's event \"" + event.name() + "\"";
        if (f.isPresent() && f.get().classification().isAlert()) {
            Classification c = f.get().classification();
            if (c.action() == event.action()) {
                return f;
            }
            List<String> why = new ArrayList<>(f.get().why());
            why.add("but " + said + " says " + event.action().name().toLowerCase(Locale.ROOT));
            return Optional.of(new Finding(
                    new Classification(
                            event.action(),
                            c.service(),
                            c.alert(),
                            c.priority(),
                            event.action() == Action.CLOSE ? c.durationSeconds() : Optional.empty(),
                            c.source(),
                            c.method()),
                    why));
        }
        Reading r = new Reading();
        r.state = event.action() == Action.OPEN ? "triggered" : "resolved";
        r.where = "webhook's event \"" + event.name() + "\"";
        r.strong = true;
        r.matched = headlines.isEmpty() ? text : headlines.get(0);
        r.rest = r.matched;
        return finding(view, text, labels, headlines, new ArrayList<>(), r);
    }

    /**
     * An alert relayed into a ticket system or a board: the ticket's event is the alert's, before the ticket's words
     * make it a look-alike.
     */
    private Optional<Finding> ticketRelay(
            MessageView view, String text, Map<String, String> labels, List<String> headlines) {
        TicketRelays.Relayed t = headlines.isEmpty() ? null : TicketRelays.of(view, headlines.get(0));
        if (t == null) {
            return Optional.empty();
        }
        if (t.action() == Action.NONE) {
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("a ticket's event (\"" + Headlines.clip(t.said()) + "\") about the alert \""
                            + Headlines.clip(t.subject()) + "\" changes no alert's state")));
        }
        Reading r = new Reading();
        said(r, t.action(), t.subject(), "a ticket's event \"" + t.said() + "\" about an alert", headlines);
        r.named = true;
        return finding(view, text, labels, headlines, new ArrayList<>(), r);
    }

    /** What the message's text, fields and shape say, without a webhook event name to go by. */
    private Optional<Finding> reading(
            MessageView view, String text, Map<String, String> labels, List<String> headlines) {
        List<String> why = new ArrayList<>();
        if (!documentedAlert(view) && LookAlikes.lookAlike(view, text, headlines)) {
            return Optional.of(new Finding(Classification.none("generic", "builtin"), List.of("a look-alike"), true));
        }
        // a colour alone says little: tickets, builds and deploys are coloured too
        boolean alertish = GenericWords.ALERT_NOUNS
                .matcher(text.length() > 4000 ? text.substring(0, 4000) : text)
                .find();

        Reading r = new Reading();
        Optional<Finding> found;
        found = noneStillActive(view, text, labels, headlines, why);
        if (found.isPresent()) {
            return found;
        }
        found = alertUpdate(view, text, headlines);
        if (found.isPresent()) {
            return found;
        }
        LeadTags.LeadTag leadState = firstLeadTag(view);
        found = leadTagUpdate(leadState);
        if (found.isPresent()) {
            return found;
        }
        found = numberedIncidentFinding(view, text);
        if (found.isPresent()) {
            return found;
        }
        found = alarmStateModel(view, headlines);
        if (found.isPresent()) {
            return found;
        }
        found = toolRecord(view);
        if (found.isPresent()) {
            return found;
        }
        found = headlineState(headlines, r);
        if (found.isPresent()) {
            return found;
        }
        if (leadState != null && leadState.noun()) {
            // "[ALERTA FINALIZADA] …", "ALARM OPHØRT (1) · …": the state after the alert's noun, before the noun alone
            // is read as a firing
            leadPhrase(headlines, leadState, r);
        }
        keyValueLine(text, headlines, r);
        found = importanceSubject(headlines, r);
        if (found.isPresent()) {
            return found;
        }
        toolNotification(view, text, headlines, r);
        driftScheduleOrMark(view, headlines, r);
        statusField(view, labels, headlines, alertish, r);
        statusLine(text, r);
        headlineTag(headlines, alertish, r);
        pluralState(headlines, r);
        missedOrSearch(headlines, r);
        StateSentences.alertSentence(view, headlines, alertish, r);
        statusByLine(view, headlines, r);
        alertHeadline(view, headlines, r);
        decisionField(labels, headlines, r);
        alertRuleNotification(view, text, headlines, r);
        markOverHostLine(view, headlines, r);
        ScriptWords.scriptWords(view, headlines, r);
        if (leadState != null
                && leadState.action() == Action.CLOSE
                && leadState.inCapitals()
                && r.where != null
                && r.where.startsWith(ScriptWords.MEASUREMENT)) {
            // a close in capitals leading the first line or title in the team's language says more than a measurement
            // in the body, which the firing and the resolved message repeat alike ("[ĐÃ KHẮC PHỤC] …" over "p99 1.8s
            // (threshold 1s)")
            r.state = null;
            leadPhrase(headlines, leadState, r);
        }
        capitalTagHost(headlines, r);
        tableRow(view, headlines, r);
        kubernetesEvent(view, headlines, r);
        found = documentedShapes(view, text, headlines, r);
        if (found.isPresent()) {
            return found;
        }
        onCallCard(view, headlines, r);
        warnedThing(view, headlines, r);
        leadPhrase(headlines, leadState, r);
        found = dashTitle(view, headlines, r);
        if (found.isPresent()) {
            return found;
        }
        heartbeatUnit(view, headlines, r);
        markedUnit(view, headlines, r);
        colouredAttachment(view, headlines, r);
        offeredResolve(view, headlines, r);
        localisedNounState(view, headlines, r);
        firstLineState(view, headlines, r);
        if (r.state == null) {
            return Optional.empty();
        }
        leadHostCheck(leadState, r);
        hostFromFirstLine(view, r);
        return finding(view, text, labels, headlines, why, r);
    }

    /**
     * Last: an alert's noun and what happened to it in a localised template's words ("Alerta resolvido: …", "Incidente
     * #4812 aberto: …"), read in the first headline when nothing in English said a state.
     */
    private static void localisedNounState(MessageView view, List<String> headlines, Reading r) {
        if (r.state != null || headlines.isEmpty() || !view.bot()) {
            return;
        }
        // the line as posted: a rule's name in bold is one name ("Regra *Falhas de login* ativa:")
        LeadTags.NounState ns = LeadTags.nounState(view.text().strip().split("\n", 2)[0]);
        if (ns == null) {
            ns = LeadTags.nounState(headlines.get(0));
        }
        if (ns == null) {
            return;
        }
        r.state = switch (ns.action()) {
            case OPEN -> "triggered";
            case CLOSE -> "resolved";
            default -> "acknowledged";
        };
        r.rest = ns.subject();
        r.named = !ns.subject().isEmpty();
        r.where = "an alert's noun and its state \"" + ns.said() + "\" in \"" + Headlines.clip(headlines.get(0)) + "\"";
        r.matched = headlines.get(0);
        r.strong = true;
    }

    /**
     * Last: a thing, a colon and its state in capitals in the template's words ("Smart-ID: SUTRIKIMAS"), else one
     * segment of a bot's line drawn with middle dots that says the state ("SCATS North · SI 2217 · ALARM ON · …", "… ·
     * olek: VIGA").
     */
    private static void firstLineState(MessageView view, List<String> headlines, Reading r) {
        if (r.state != null || headlines.isEmpty() || !view.bot()) {
            return;
        }
        String first = view.text().strip().split("\n", 2)[0];
        LeadTags.ThingState ts = LeadTags.thingState(first);
        if (ts != null && ts.action() != Action.NONE) {
            r.hostState = ts.thing();
            r.keepName = true;
            said(r, ts.action(), ts.thing(), "a thing and its state \"" + ts.said() + "\" after a colon", headlines);
            return;
        }
        LeadTags.SegmentState ss = LeadTags.segmentState(first);
        if (ss == null) {
            ss = keyedSegment(first);
        }
        if (ss != null && ss.action() != Action.NONE) {
            r.named = !ss.subject().isEmpty();
            said(r, ss.action(), ss.subject(), "a segment \"" + ss.said() + "\" between middle dots", headlines);
        }
    }

    /** Fills {@code r} with an open's or a close's reading of the first headline, said {@code how}. */
    private static void said(Reading r, Action action, String rest, String how, List<String> headlines) {
        r.state = action == Action.OPEN ? "failed" : "recovered";
        r.rest = rest;
        r.where = how + " in \"" + Headlines.clip(headlines.get(0)) + "\"";
        r.matched = headlines.get(0);
        r.strong = true;
    }

    /** A segment "key: value" between middle dots. */
    private static final Pattern KEYED_SEGMENT =
            Pattern.compile("^(?<key>\\p{L}[\\p{L} ]{1,20}?)\\s*:\\s*[*_`]?(?<value>[^*_`·]{2,40}?)[*_`]?$");

    /**
     * A status key in any language and its state as a segment of a line drawn with middle dots, the check before it:
     * "X-tee turvaserver … · Ajatempliteenus ei vasta · olek: VIGA"; null when no segment is one.
     */
    private static LeadTags.SegmentState keyedSegment(String line) {
        String[] seg = LeadTags.MIDDLE_DOT.split(line.strip());
        for (int i = 1; i < seg.length; i++) {
            Matcher m = KEYED_SEGMENT.matcher(seg[i].strip());
            if (!m.matches() || !STATUS_KEYS.contains(m.group("key").strip().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String v = m.group("value").strip();
            Action a = StateWords.ofOrEnglish(v);
            return a == null
                    ? null
                    : new LeadTags.SegmentState(
                            a, seg[i - 1].replaceAll("[*_`]", "").strip(), v);
        }
        return null;
    }

    /** An update of an alert (acknowledged, escalated, a note, a group still firing): none, or empty. */
    private Optional<Finding> alertUpdate(MessageView view, String text, List<String> headlines) {
        // 0. an update of an alert ("Incident #12 acknowledged by …", "Alert escalated to …") changes no state; so do a
        // group still firing with a section of resolved alerts, the always-firing Watchdog, and a line saying who took
        // the alert or added a note
        if (!headlines.isEmpty()
                && (UPDATE.matcher(headlines.get(0)).find()
                        || (FIRING_TAG.matcher(headlines.get(0)).find()
                                && (RESOLVED_SECTION.matcher(text).find()
                                        || FIRING_WATCHDOG
                                                .matcher(headlines.get(0))
                                                .find()))
                        || ACTED_LINE.matcher(text).find()
                        || onlyAlwaysFiring(text)
                        || mixedItems(text)
                        || PVE_FENCED.matcher(headlines.get(0)).find()
                        || updateToPerson(view.text().strip().split("\n", 2)[0]))) {
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("an update (\"" + Headlines.clip(headlines.get(0)) + "\"), not a change of state")));
        }
        return Optional.empty();
    }

    /** A group's counts in its title: "BlackboxProbeFailed| [ACTIVE:0, RESOLVED:1]", "[FIRING:0, RESOLVED:2]". */
    private static final Pattern COUNTED_GROUP = Pattern.compile(
            "(?i)\\[(?:active|firing):\\s*(?<active>\\d+)\\s*,\\s*resolved:\\s*(?<resolved>\\d+)\\s*\\]");

    /** A group whose title counts none of its alerts still active and some resolved: its close, or empty. */
    private Optional<Finding> noneStillActive(
            MessageView view, String text, Map<String, String> labels, List<String> headlines, List<String> why) {
        if (headlines.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = COUNTED_GROUP.matcher(headlines.get(0));
        if (!m.find() || Integer.parseInt(m.group("resolved")) == 0) {
            return Optional.empty();
        }
        if (Integer.parseInt(m.group("active")) != 0) {
            // some resolved, some still active: the group's update, neither its open nor its close
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("a group counting some still active (\"" + m.group().strip() + "\"): its update"),
                    true));
        }
        Reading r = new Reading();
        r.state = "resolved";
        r.where = "a group counting none still active (\"" + m.group().strip() + "\")";
        r.matched = headlines.get(0);
        r.rest = headlines.get(0).substring(0, m.start()).replaceAll("[|·•\\s]+$", "");
        r.strong = true;
        return finding(view, text, labels, headlines, why, r);
    }

    /** A button that acts on an alert still open: "Resolve", "Acknowledge", "Ack". */
    private static final Pattern OPEN_ALERT_BUTTON = Pattern.compile("(?i)^\\W*(?:resolve|acknowledge|ack)\\W*$");

    /** A button of an alert's triage besides: "Archive", "Ignore", "Snooze", "Mute", "Silence", "Escalate". */
    private static final Pattern TRIAGE_BUTTON =
            Pattern.compile("(?i)^\\W*(?:archive|ignore|snooze|mute|silence|escalate)\\W*$");

    /**
     * A bot's card that says no state but offers to resolve or acknowledge what it shows and to triage it otherwise
     * ("Resolve" and "Archive": an error tracker's performance issue, an incident tool's card): what it shows is open.
     * One such button alone is no state (a card may offer an action on anything).
     */
    private static void offeredResolve(MessageView view, List<String> headlines, Reading r) {
        if (r.state != null
                || !view.bot()
                || headlines.isEmpty()
                || view.buttons().stream()
                        .noneMatch(b -> OPEN_ALERT_BUTTON.matcher(b).matches())
                || view.buttons().stream()
                        .noneMatch(b -> TRIAGE_BUTTON.matcher(b).matches())) {
            return;
        }
        r.state = "triggered";
        r.where = "a card offering to resolve or acknowledge \"" + Headlines.clip(headlines.get(0)) + "\"";
        r.matched = headlines.get(0);
        r.rest = headlines.get(0);
        r.strong = true;
    }

    /**
     * A card's status on a line of its own under a headline naming an alert: who closed it ("Closed by Alertmanager",
     * "Resolved by Dana Ruiz", as GoAlert, Grafana OnCall and Opsgenie cards show it in their context line), or that
     * nobody took it yet ("Unacknowledged").
     */
    static final Pattern STATUS_BY_LINE = Pattern.compile(
            "(?im)^[\\s*_]*(?:(?<close>closed|resolved|auto-?resolved)\\s+by\\s+[^\\n]{1,40}|(?<open>unacknowledged))[\\s*_.]*$");

    /** Reads a card's status line ({@link #STATUS_BY_LINE}) when nothing else said a state and its headline names an alert. */
    private static void statusByLine(MessageView view, List<String> headlines, Reading r) {
        if (r.state != null
                || !view.bot()
                || headlines.isEmpty()
                || !GenericWords.ALERT_NOUNS.matcher(headlines.get(0)).find()
                || TICKET_LEAD.matcher(headlines.get(0)).find()) {
            return;
        }
        Matcher m = STATUS_BY_LINE.matcher(view.text());
        if (!m.find()) {
            return;
        }
        r.state = m.group("close") != null ? "resolved" : "triggered";
        r.where =
                "a card's status line \"" + m.group().strip() + "\" under \"" + Headlines.clip(headlines.get(0)) + "\"";
        r.matched = headlines.get(0);
        r.rest = headlines.get(0);
        r.strong = true;
    }

    /** A listed alert led by its state: "• *resolved* - NodeFilesystemAlmostFull - …", "- firing: …". */
    private static final Pattern STATE_ITEM =
            Pattern.compile("(?im)^[ \\t]*[•*·-][ \\t]*[*_]*(?<state>firing|resolved)[*_]*[ \\t]*[-–—:·]");

    /**
     * Whether the message lists its group's alerts each led by its state, some firing and some resolved: the group
     * still fires with fewer alerts, an update.
     */
    private static boolean mixedItems(String text) {
        boolean firing = false;
        boolean resolved = false;
        Matcher m = STATE_ITEM.matcher(text);
        while (m.find()) {
            boolean f = m.group("state").equalsIgnoreCase("firing");
            firing |= f;
            resolved |= !f;
        }
        return firing && resolved;
    }

    /** The state phrase leading the text's first line, else the first title's, or null. */
    private LeadTags.LeadTag firstLeadTag(MessageView view) {
        LeadTags.LeadTag leadState = LeadTags.leadTag(view.text().strip().split("\n", 2)[0]);
        if (leadState == null && !view.titles().isEmpty()) {
            leadState = LeadTags.leadTag(view.titles().get(0));
        }
        return leadState;
    }

    /** The state phrase leading the line when it says an update: none, or empty. */
    private Optional<Finding> leadTagUpdate(LeadTags.LeadTag leadState) {
        if (leadState != null && leadState.action() == Action.NONE) {
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("an update (\"" + leadState.tag() + "\" leading the line), not a change of state")));
        }
        return Optional.empty();
    }

    /** A bot's numbered incident on the first line: its open, close or update, or empty. */
    private Optional<Finding> numberedIncidentFinding(MessageView view, String text) {
        LeadTags.NumberedIncident incident =
                view.bot() ? LeadTags.numberedIncident(view.text().strip().split("\n", 2)[0]) : null;
        if (incident != null) {
            // "Faʻalavelave #207 · Fale mālūlū · …", "[#58 ПЎШИДА] Хати навъбандӣ 2 — …", "Isigameko 31 — Pasteuriser:
            // 🟢 KUVALIWE": a bot's numbered incident; the thing it is about is the service, it has no check
            if (incident.action() == Action.NONE) {
                return Optional.of(new Finding(
                        Classification.none("generic", "builtin"),
                        List.of("a numbered incident's update (\"" + Headlines.clip(incident.said()) + "\")")));
            }
            return Optional.of(new Finding(
                    new Classification(
                            incident.action(),
                            incident.subject(),
                            "",
                            Optional.empty(),
                            incident.action() == Action.CLOSE ? Durations.statedIn(text) : Optional.empty(),
                            "generic",
                            "builtin"),
                    List.of("a numbered incident (\"" + Headlines.clip(incident.said()) + "\") about \""
                            + incident.subject() + "\"")));
        }
        return Optional.empty();
    }

    /**
     * An alarm's state in the ISA-18.2 model as SCADA alarm servers print it, a segment of a line between bars or
     * middle dots: "In Alarm, Unacknowledged" (open), "In Alarm, Acknowledged" (an acknowledgement, none), "Normal,
     * Unacknowledged" / "Normal, Acknowledged" / "Returned to Normal" (close): "[FTAE] In Alarm, Unacknowledged | Line 2
     * | PMP2_LowFlow | …".
     */
    private static final Pattern ALARM_STATE_MODEL = Pattern.compile("(?i)(?:^|[|·]\\s*)(?:\\[[^\\]\\n]{1,20}\\]\\s*)?"
            + "(?<state>in\\s+alarm|active|normal|returned\\s+to\\s+normal|return\\s+to\\s+normal)"
            + ",?\\s+(?<ack>unacknowledged|unacked|acknowledged|acked)\\s*(?:[|·]|$)");

    private Optional<Finding> alarmStateModel(MessageView view, List<String> headlines) {
        if (!view.bot() || headlines.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = ALARM_STATE_MODEL.matcher(headlines.get(0));
        if (!m.find()) {
            return Optional.empty();
        }
        boolean alarm = m.group("state").toLowerCase(Locale.ROOT).matches("in\\s+alarm|active");
        boolean acked = !m.group("ack").toLowerCase(Locale.ROOT).startsWith("un");
        if (alarm && acked) {
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("an alarm acknowledged while in alarm (\""
                            + m.group().strip() + "\")")));
        }
        String[] seg = headlines.get(0).substring(m.end()).split("\\s*[|·]\\s*");
        String subject = String.join(
                " · ",
                java.util.Arrays.stream(seg).filter(x -> !x.isBlank()).limit(2).toList());
        return Optional.of(new Finding(
                new Classification(
                        alarm ? Action.OPEN : Action.CLOSE,
                        seg.length > 0 ? seg[0].strip() : "",
                        subject,
                        Optional.empty(),
                        Optional.empty(),
                        "generic",
                        "builtin"),
                List.of("an alarm's state \"" + m.group("state") + ", " + m.group("ack") + "\" (ISA-18.2)")));
    }

    /** A tool's own record a bot posted (a log record, a tool's documented notification), via ToolRecords. */
    private Optional<Finding> toolRecord(MessageView view) {
        return view.bot() ? ToolRecords.logRecordOrTool(view) : Optional.empty();
    }

    /** The first headline's "incident/alert" state: an update is none; else it fills the head state. */
    private Optional<Finding> headlineState(List<String> headlines, Reading r) {
        for (String h : headlines) {
            if (!GenericWords.ANY_STATE.matcher(h).find()) {
                continue; // the patterns below each try every state word at every position: look once first
            }
            Matcher ns = StateSentences.NOUN_STATE.matcher(h);
            Matcher sn = StateSentences.STATE_NOUN.matcher(h);
            boolean snFound = sn.find();
            if (snFound
                    && StateSentences.FROM_TOOL_ONLY
                            .matcher(sn.group("rest").strip())
                            .matches()) {
                continue; // "New alert from UptimeRobot": a fallback naming the tool; the state is further on
            }
            String w = ns.find() ? ns.group("state") : snFound ? sn.group("state") : null;
            if (w != null && GenericWords.action(w.toLowerCase(Locale.ROOT)) == Action.NONE) {
                return Optional.of(new Finding(
                        Classification.none("generic", "builtin"),
                        List.of("an update (\"" + Headlines.clip(h) + "\"), not a change of state")));
            }
            if (w != null) {
                r.headState = w;
                break; // the first headline that states something decides; later lines are details
            }
        }
        return Optional.empty();
    }

    /** Reads a script's key=value line (its state key, a node condition or a value past its threshold). */
    private void keyValueLine(String text, List<String> headlines, Reading r) {
        // 0b. a script's key=value line: its state key ("state=STOPPED", "level=ALARM"), a Kubernetes node condition
        // ("condition=MemoryPressure status=True") or a value past the threshold beside it ("verdi=96.4 grense=95.0")
        if (!headlines.isEmpty()) {
            KeyValueStates.KeyValueState kv = KeyValueStates.logfmtState(headlines.get(0));
            String kvLine = headlines.get(0);
            if (kv == null) {
                // the same pairs one to a line ("status=FEL\njobb=…\nserver=…"), after at most a title line
                kvLine = KeyValueStates.logfmtBlock(text);
                kv = kvLine == null ? null : KeyValueStates.logfmtState(kvLine);
                if (kv != null
                        && GenericWords.action(kv.state()) == Action.CLOSE
                        && !BLOCK_RECOVERED.matcher(text).find()) {
                    kv = null; // "status=OK" with a job's size and time: a run report, unless it names the failure
                    // it ends
                }
            }
            if (kv != null) {
                r.state = kv.state();
                r.rest = kv.name();
                r.hostState = kv.where();
                r.named = !r.rest.isEmpty();
                r.where = "a key=value line \"" + Headlines.clip(kvLine) + "\"";
                r.matched = kvLine;
                r.strong = true;
            }
        }
    }

    /** Reads Unraid's importance, server and subject; a notice that ends nothing is none. */
    private Optional<Finding> importanceSubject(List<String> headlines, Reading r) {
        // 0c. Unraid's notification: the importance, the server in brackets, the subject ("Warning [NAS] - Disk 3 is
        // hot (52 C)"); a notice that ends nothing is none
        Matcher imp = headlines.isEmpty() ? null : IMPORTANCE_SERVER_SUBJECT.matcher(headlines.get(0));
        if (r.state == null && imp != null && imp.find()) {
            String line0 = headlines.get(0);
            String subject = imp.group("subject");
            String about = SUBJECT_VERB.matcher(subject).replaceFirst("").strip();
            if (imp.group("imp").equals("Notice")) {
                if (!BACK_TO_NORMAL.matcher(subject).find()) {
                    // a notice of normal importance that ends nothing ("Parity check finished (0 errors)")
                    return Optional.of(new Finding(
                            Classification.none("generic", "builtin"),
                            List.of("a notice of normal importance (\"" + Headlines.clip(line0) + "\")"),
                            true));
                }
                r.state = "recovered";
            } else {
                r.state = "failed";
            }
            if (r.state != null) {
                r.hostState = about.isEmpty() ? null : about;
                r.rest = subject; // what happened names it; the disk or pool it happened to is the service
                r.keepName = true;
                r.named = true;
                r.where = "an importance \"" + imp.group("imp") + "\" and a server before \"" + Headlines.clip(subject)
                        + "\"";
                r.matched = line0;
                r.strong = true;
            }
        }
        return Optional.empty();
    }

    /** Reads tools' documented notifications (Mage, Synology DSM, HCP Terraform, Duplicati, …). */
    private void toolNotification(MessageView view, String text, List<String> headlines, Reading r) {
        // 6f. tools' documented notifications: Mage's pipeline run failed or past its SLA, Synology DSM's "[NAS]
        // Storage
        // Pool 1 on NAS has degraded", HCP Terraform's health assessment (drift, a failed check), Duplicati's backup
        // report that failed or warned, Metabase's question alert, Proxmox VE's fence and vzdump status, Coolify's
        // server unreachable or revived
        if (r.state == null && !headlines.isEmpty()) {
            String all = view.text();
            Matcher mage = MAGE_RUN.matcher(all);
            Matcher dsm = DSM_SUBJECT.matcher(all);
            Matcher tfc = TFC_HEALTH.matcher(all);
            Matcher dup = DUPLICATI_REPORT.matcher(all);
            Matcher meta = METABASE_ALERT.matcher(all);
            Matcher fence = PVE_FENCE.matcher(all);
            Matcher vz = LookAlikes.PVE_VZDUMP.matcher(all);
            Matcher srv = SERVER_REACH.matcher(text);
            Matcher zed = LookAlikes.ZED_SUBJECT.matcher(all);
            Matcher xo = LookAlikes.XO_REPORT.matcher(all);
            Matcher dt = view.titles().isEmpty()
                    ? null
                    : DT_TITLE.matcher(view.titles().get(0).strip());
            if (xo.find() && !xo.group("st").equalsIgnoreCase("success")) {
                r.state = "failed";
                r.rest = "";
                Matcher vm = XO_FAILED_ITEM.matcher(all);
                if (vm.find()) {
                    r.hostState = vm.group("name").strip(); // the VM (or its job) that failed
                } else {
                    Matcher err = XO_ERROR.matcher(all);
                    Matcher host = GenericWords.HOST_WORD.matcher(err.find() ? err.group(1) : "");
                    while (host.find()) {
                        if (AlertNames.hostLike(host.group())) {
                            r.hostState = host.group(); // "remote nfs-nas02 is not accessible": what it could not reach
                            break;
                        }
                    }
                }
                r.where = "a backup report's \"" + Headlines.clip(xo.group().strip()) + "\"";
            } else if (dt != null && dt.matches()) {
                r.state = "failed";
                String component = view.field("component");
                String project = view.field("project");
                if (dt.group("vuln") != null) {
                    r.rest = view.field("vulnid");
                    String[] gav = component.split("\\s*:\\s*");
                    r.hostState = gav.length == 3 ? gav[1] : component; // "group : name : version": the name
                } else {
                    r.rest = "";
                    Matcher pr = DT_PROJECT.matcher(project.isEmpty() ? view.text() : "project " + project);
                    r.hostState = pr.find() ? pr.group(1) : null;
                }
                r.hostState = r.hostState == null || r.hostState.isBlank() ? null : r.hostState;
                r.where = "a Dependency-Track notification \"" + Headlines.clip(dt.group()) + "\"";
            } else if (mage.find()) {
                r.state = "failed";
                r.rest = mage.group("name");
                r.where = "Mage's pipeline notification \"" + Headlines.clip(mage.group()) + "\"";
            } else if (dsm.find()) {
                String verb = dsm.group("verb").toLowerCase(Locale.ROOT);
                r.state = verb.contains("repaired")
                                || verb.contains("healthy")
                                || verb.contains("recovered")
                                || verb.contains("normal")
                        ? "recovered"
                        : "failed";
                String what = dsm.group("what").strip();
                Matcher task = DSM_TASK.matcher(what);
                if (task.find()) {
                    r.rest = task.group(1);
                } else {
                    r.rest = "";
                    r.hostState = what;
                }
                r.where = "a NAS's subject \"" + Headlines.clip(dsm.group()) + "\"";
            } else if (tfc.find()) {
                r.state = "failed";
                r.rest = "";
                r.hostState = tfc.group("ws");
                r.where = "a workspace's health assessment \"" + Headlines.clip(tfc.group()) + "\"";
            } else if (dup.find() && DUPLICATI_BAD.matcher(all).find()) {
                r.state = "failed";
                r.rest = dup.group("name").strip();
                r.where = "a backup report that failed or warned (\"" + Headlines.clip(dup.group()) + "\")";
            } else if (meta.find()) {
                r.state = "failed";
                r.rest = meta.group("name").strip();
                r.where = "a question's alert \"" + Headlines.clip(meta.group()) + "\"";
            } else if (fence.find()) {
                r.state = "failed";
                r.rest = "";
                r.hostState = fence.group("node");
                r.where = "a cluster fencing a node (\"" + Headlines.clip(fence.group()) + "\")";
            } else if (vz.find() && vz.group("st").equalsIgnoreCase("failed")) {
                r.state = "failed";
                r.rest = "";
                r.hostState = vz.group("host").replaceFirst("\\..*$", "");
                r.where = "a backup's status \"" + Headlines.clip(vz.group()) + "\"";
            } else if (zed.find() && KeyValueStates.zedState(zed, all) != null) {
                r.state = KeyValueStates.zedState(zed, all);
                r.rest = "";
                r.hostState = zed.group("pool");
                r.where = "a ZFS event \"" + Headlines.clip(zed.group().strip()) + "\"";
            } else if (srv.find()) {
                r.state = srv.group("st").toLowerCase(Locale.ROOT).startsWith("unreach") ? "failed" : "recovered";
                r.rest = "";
                r.hostState = srv.group("server");
                r.where = "a server's reachability \"" + Headlines.clip(srv.group()) + "\"";
            }
            if (r.state != null) {
                r.named = !r.rest.isEmpty();
                r.keepName = true;
                r.matched = headlines.get(0);
                r.strong = true;
                if (r.rest.isEmpty()) {
                    r.rest = FindingNames.nameFrom(
                            headlines.get(0)); // what the subject says, the thing it is about beside it
                }
            }
        }
    }

    /** Reads IaC drift, a schedule's handler, a go/no-go report, no data, a measurement past its limit. */
    private void driftScheduleOrMark(MessageView view, List<String> headlines, Reading r) {
        // 6g. documented formats of IaC drift (env0), Windmill's schedule handlers and Cerberus's go/no-go report
        if (r.state == null && !headlines.isEmpty()) {
            String all = view.text();
            Matcher drift = DRIFT_IN.matcher(all);
            Matcher sched = SCHEDULE_RUN.matcher(all);
            Matcher nogo = GO_NO_GO_FALSE.matcher(all);
            Matcher noLonger = NO_LONGER.matcher(headlines.get(0));
            Matcher lead = Marks.MARK_LEAD.matcher(all.strip().split("\n", 2)[0]);
            // plain words only: a bold or quoted state or host before the dash is read by the stages after this one
            Matcher thing = lead.find() && !lead.group("rest").matches("(?s).*[*`\\[].*")
                    ? THING_DASH_MEASURE.matcher(
                            SlackText.normalise(lead.group("rest")).strip())
                    : null;
            if (drift.find()) {
                r.state = drift.group("no") == null ? "failed" : "recovered";
                r.hostState = drift.group("env");
                r.rest = "drift"; // what is wrong with the environment: the alert's name beside it
                r.where = "a drift notification \"" + Headlines.clip(drift.group()) + "\"";
            } else if (sched.find()) {
                r.state = sched.group("st").equalsIgnoreCase("failed") ? "failed" : "recovered";
                Matcher script = SCRIPT_LINE.matcher(all);
                r.rest = script.find() ? script.group("path") : sched.group("sched");
                r.where = "a schedule's handler \"" + Headlines.clip(sched.group()) + "\"";
            } else if (nogo.find()) {
                r.state = "failed";
                r.hostState = nogo.group("what").replaceFirst("[.,]+$", "");
                r.rest = "";
                r.where = "a go/no-go report naming \"" + Headlines.clip(r.hostState) + "\"";
            } else if (NO_DATA_MARK.matcher(all.strip().split("\n", 2)[0]).find()) {
                // "❔ Kiln K1 — no data from the humidity sensors for 15 min": an unknown state's mark, the thing, a
                // dash, and how long nothing came, as checkers mark no data
                Matcher nd = NO_DATA_MARK.matcher(all.strip().split("\n", 2)[0]);
                nd.find();
                r.state = "failed";
                r.hostState = nd.group("thing").strip();
                r.rest = "no data";
                r.where = "an unknown state's mark over \"" + Headlines.clip(nd.group("thing")) + "\"";
            } else if (noLonger.find()) {
                r.state = "recovered";
                r.rest = "";
                r.where = "a state it is no longer in \"" + Headlines.clip(noLonger.group()) + "\"";
            } else if (thing != null
                    && thing.find()
                    && Boolean.TRUE.equals(Thresholds.limitCrossed(Thresholds.asciiDigits(thing.group("what"))))
                    && sameUnitBeside(Thresholds.asciiDigits(thing.group("what")))) {
                // "🧊 Cold room 4 — temperature 6,8 °C (max 4 °C)": a pictograph, the thing, a dash, a measurement
                // past its limit in the same unit
                r.state = "failed";
                r.hostState = thing.group("thing").strip();
                String measured = FindingNames.checkName(Thresholds.asciiDigits(thing.group("what")));
                r.rest = measured == null ? "" : measured; // what is measured: "temperature"
                r.where = "a measurement past its limit for \"" + Headlines.clip(r.hostState) + "\"";
            }
            if (r.state != null) {
                r.named = !r.rest.isEmpty();
                r.keepName = true;
                r.matched = headlines.get(0);
                r.strong = true;
            }
        }
    }

    /** Reads a status field or label. */
    private void statusField(
            MessageView view, Map<String, String> labels, List<String> headlines, boolean alertish, Reading r) {
        // 1. a status field or label
        // a card's field may be in the template's language; a label in a script's text or a JSON payload's key is read
        // in English (a job's "status": "հաջող" is its result, as "success" would be)
        boolean scriptRecord = r.state == null
                && (view.text().strip().startsWith("{")
                        || KeyValueStates.LOGFMT_PAIR
                                .matcher(view.text().strip())
                                .lookingAt());
        for (String key : r.state != null ? List.<String>of() : STATUS_KEYS) {
            String v = view.field(key);
            boolean field = !v.isEmpty() && !scriptRecord;
            if (v.isEmpty()) {
                v = labels.getOrDefault(key, "");
            }
            if (v.isEmpty() && key.contains(" ")) {
                // Azure's common alert schema and JSON payloads write the key as one word ("monitorCondition")
                String joined = key.replace(" ", "");
                v = view.field(joined).isEmpty() ? labels.getOrDefault(joined, "") : view.field(joined);
            }
            String s = lastState(WAS_STATE.matcher(v).replaceAll(""));
            if (s == null && field) {
                // the value in the template's language ("Durum: Çözüldü"), as the English word the reading knows
                String lead = StateWords.leadingPhrase(v, false);
                s = lead == null ? null : StateWords.of(lead) == Action.OPEN ? "triggered" : "resolved";
            }
            if (s != null && r.headState != null && GenericWords.action(s.toLowerCase(Locale.ROOT)) == Action.NONE) {
                continue; // "Incident #142 created" with "Current State: Identified": the headline says what happened
            }
            if (s != null
                    && v.strip().length() <= 40
                    && (alertish || !isWeak(s))
                    && !(headlines.size() > 0
                            && TICKET_LEAD.matcher(headlines.get(0)).find())) {
                r.state = s;
                r.where = "status field \"" + key + ": " + v.strip() + "\"";
                r.strong = alertish;
                break;
            }
        }
    }

    /** Reads a status line written without its colon. */
    private void statusLine(String text, Reading r) {
        // 1b. a status line written without its colon: PRTG's "Status Down on 17.02.2026 14:52:09"
        if (r.state == null) {
            Matcher sl = STATUS_LINE.matcher(text);
            if (sl.find()) {
                r.state = sl.group("state");
                r.where = "status line \"" + Headlines.clip(sl.group().strip()) + "\"";
                r.strong = true;
            }
        }
    }

    /** Reads a tag leading a headline. */
    private void headlineTag(List<String> headlines, boolean alertish, Reading r) {
        // 2. a tag leading a headline
        if (r.state == null) {
            for (String h : headlines) {
                Matcher m = GenericWords.TAG.matcher(h);
                boolean found = m.find() && tagSays(m, alertish);
                if (!found) {
                    m = TAG_FIRST.matcher(h);
                    found = m.find() && m.group("open") != null && tagSays(m, alertish);
                }
                if (!found) {
                    // a relay's own segment before the tool's tag: "[TALF] Grafana · [RESOLVED] Shop p95 latency"
                    Matcher relay = GenericWords.RELAY_PREFIX.matcher(h);
                    if (relay.find()
                            && !GenericWords.ANY_STATE
                                    .matcher(relay.group("prefix"))
                                    .find()) {
                        m = GenericWords.TAG.matcher(h.substring(relay.end()));
                        found = m.find() && m.group("open") != null && tagSays(m, alertish);
                    }
                }
                if (found) {
                    r.state = m.group("state");
                    Matcher moved = TRANSITION.matcher(m.group("rest"));
                    if (m.group("open") == null && moved.find()) {
                        // "OK → ALARM · EngineCPU …": the state it moved from, then the one it is in
                        r.state = moved.group("to");
                    }
                    Matcher ending = SEVERITY_THEN_STATE.matcher(h);
                    if (RX_SEVERITY.matcher(r.state).matches() && ending.find()) {
                        // "[CRITICAL] TALF-POS03: CLEARED": the tag says how bad, the word ending the line what
                        // happened
                        r.state = ending.group("state");
                    }
                    r.rest = m.group(0).matches("(?is).*\\b" + Pattern.quote(r.state) + "\\s+by\\s+.*")
                            ? ""
                            : m.group("rest");
                    String pre = m.group("pre");
                    if (m.group("open") != null && !pre.isBlank()) {
                        // "[monitor name] [Down] message": the monitor is named before the state; of a chain, the
                        // one nearest it ("[prometheus][TargetDown][firing]": the source, then the rule)
                        String[] parts = pre.split("\\]");
                        for (int i = parts.length - 1; i >= 0; i--) {
                            String name = parts[i].replace("[", "").strip();
                            if (!name.isEmpty()
                                    && !AlertNames.PRIORITY_TAG.matcher(name).matches()) {
                                r.rest = name;
                                break;
                            }
                        }
                    }
                    r.where = "tag leading \"" + Headlines.clip(h) + "\"";
                    r.matched = h;
                    String w = m.group("state");
                    r.strong = m.group("open") != null || w.equals(w.toUpperCase(Locale.ROOT)) || alertish;
                    break;
                }
            }
        }
    }

    /** The state a tag's state moved to, after an arrow: "OK → ALARM", "ok -> firing". */
    private static final Pattern TRANSITION =
            Pattern.compile("(?i)^(?:→|->|=>|⇒|➜|➔)\\s*(?<to>" + GenericWords.STATE + ")\\b");

    /** A severity a tag may lead with, which a state ending the same line overrides. */
    private static final Pattern RX_SEVERITY =
            Pattern.compile("(?i)critical|crit|warning|warn|major|minor|high|medium|low|error|severe|fatal|disaster");

    /** A state in capitals ending a line after a colon: "… TALF-POS03: CLEARED", "… web-02: TRIGGERED". */
    private static final Pattern SEVERITY_THEN_STATE =
            Pattern.compile(":\\s+(?<state>TRIGGERED|FIRING|RESOLVED|RECOVERED|CLEARED|OK)\\s*[.!]?$");

    /** Reads a check tool's summary by state ("CRITICALs:"). */
    private void pluralState(List<String> headlines, Reading r) {
        // 2a. a check tool's summary by state ("CRITICALs: / is 96.42 (outside range [:95])", Munin's mail)
        if (r.state == null) {
            for (String line : headlines) {
                Matcher ps = PLURAL_STATE.matcher(line);
                if (ps.find()) {
                    r.state = ps.group("state");
                    r.where = "\"" + ps.group("state") + "s:\" in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
            }
        }
    }

    /** Reads a heartbeat that did not report or a saved log search that matched. */
    private void missedOrSearch(List<String> headlines, Reading r) {
        // 2b. a heartbeat that did not report, a saved log search that matched
        if (r.state == null) {
            for (String line : headlines) {
                Matcher mn = MISSED_NAMED.matcher(line);
                if (mn.find()) {
                    r.state = "missing";
                    r.rest = mn.group("name");
                    r.named = true;
                    r.where = "a missed check-in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
                Matcher hb = HEARTBEAT.matcher(line);
                if (hb.find()) {
                    r.state = hb.group("open") != null ? "failed" : "recovered";
                    r.rest = hb.group("name");
                    r.named = true;
                    r.where = "a heartbeat's \"" + (hb.group("open") != null ? hb.group("open") : hb.group("close"))
                            + "\" in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
                Matcher ls = LOG_SEARCH.matcher(line);
                if (ls.find()) {
                    r.state = "triggered";
                    r.rest = ls.group("name");
                    r.named = true;
                    r.where = "a saved search's matches in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
            }
        }
    }

    /** Reads a headline that calls itself an alert and names it, with no state word. */
    private void alertHeadline(MessageView view, List<String> headlines, Reading r) {
        // 4. a headline that calls itself an alert and names it, with no state word ("Splunk Alert: Failed logins")
        if (r.state == null) {
            for (String line : headlines) {
                Matcher ex = EXCEPTION_HEADLINE.matcher(line);
                if (ex.find() && view.bot()) {
                    r.state = "new";
                    r.rest = line.substring(ex.start("name")).replaceFirst("\\s+[—–-]\\s+https?://\\S+.*$", "");
                    if (ex.group("project") != null) {
                        r.hostState = ex.group("project").strip();
                    }
                    r.where = "an error tracker's headline \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
                Matcher ban = BAN_DECISION.matcher(line);
                if (ban.find()) {
                    r.state = "detected";
                    r.rest = ban.group("scenario") != null ? ban.group("scenario") : line;
                    r.named = ban.group("scenario") != null;
                    r.hostState = ban.group("machine");
                    r.keepName = true;
                    r.where = "a ban decision in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
                Matcher cert = CERT_EXPIRY.matcher(line);
                if (cert.find()
                        && (cert.group("past") == null
                                || line.substring(0, cert.start()).matches("[^\\p{L}\\p{N}]*"))) {
                    // (an expiry already past only as the line's subject: a run's report naming it keeps its own name)
                    r.state = "warning";
                    r.rest = cert.group("name").toLowerCase(Locale.ROOT).matches("(?:ssl|tls)\\b.*")
                            ? cert.group("name").toUpperCase(Locale.ROOT).substring(0, 3) + " certificate"
                            : "Certificate";
                    if (cert.group("host") != null) {
                        r.hostState = cert.group("host");
                    }
                    r.where = "a certificate expiring in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
                Matcher af = ALERT_FOR.matcher(line);
                if (af.find()) {
                    r.state = "alerting";
                    r.hostState = af.group("host");
                    r.rest = af.group("rest");
                    r.where = "\"alert for " + af.group("host") + "\" in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
                Matcher a = ALERT_HEADLINE.matcher(line);
                if (!a.find()) {
                    a = NUMBERED_INCIDENT.matcher(line);
                }
                if (a.find(0) && !FindingNames.nameFrom(a.group("rest")).isEmpty()) {
                    r.state = "alerting";
                    r.rest = a.group("rest");
                    // "Sumo Logic Alert: ResolvedCritical - Nginx 5xx burst": a state word may lead what follows
                    Matcher lead = LEADING_STATE.matcher(r.rest);
                    if (lead.find()) {
                        r.state = lead.group("state");
                        r.rest = lead.group("rest");
                    }
                    r.where = "an alert's headline \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                    break;
                }
            }
        }
    }

    /** Reads a security engine's decision field under a title that names no state. */
    private void decisionField(Map<String, String> labels, List<String> headlines, Reading r) {
        // 4b. a security engine's decision field ("Decision: ban for 24h") under a title that names no state
        if (r.state == null
                && !headlines.isEmpty()
                && DECISION_VALUE.matcher(labels.getOrDefault("decision", "")).find()) {
            r.state = "detected";
            r.rest = Headlines.first(labels, "scenario", "reason", "rule");
            r.rest = r.rest.isEmpty() ? headlines.get(0) : r.rest;
            r.named = true;
            r.keepName = true;
            String machine = Headlines.first(labels, "machine", "host", "agent");
            r.hostState = machine.isEmpty() ? null : machine;
            r.where = "a decision field \"" + labels.get("decision") + "\"";
            r.matched = headlines.get(0);
            r.strong = true;
        }
    }

    /** Reads a titled notification that says an alert rule sent it. */
    private void alertRuleNotification(MessageView view, String text, List<String> headlines, Reading r) {
        // 5. a titled notification that says an alert rule sent it (Sentry's issue alerts carry no state word)
        if (r.state == null && !view.titles().isEmpty() && !headlines.isEmpty()) {
            Matcher v = VIA_ALERT_RULE.matcher(text);
            if (v.find() || (v = SIGNATURE.matcher(text)).find()) {
                r.state = "triggered";
                r.rest = headlines.get(0);
                r.where = "a notification \"" + v.group() + "\" titled \"" + Headlines.clip(headlines.get(0)) + "\"";
                r.matched = headlines.get(0);
                r.strong = true;
            }
        }
    }

    /** Reads a mark and a state over a host's line (or beside it after a middle dot). */
    private void markOverHostLine(MessageView view, List<String> headlines, Reading r) {
        // 5b. a short line of a mark and the state in the team's words, then a line naming the host, a dash and the
        // check
        // with its value: the measurement beside its limit says which way it went ("*🔻 حرج*\nbng-02 — sessions: 41,870
        // (الحد الأدنى 55,000)"), and without one the mark's colour does ("*⛔ …*\nolt-05 — …")
        // the same on one line, the bold state, a middle dot, then the host's line: "*🔴 CRÍTIC* · scada-srv01 —
        // disk_C:
        // 96 % (llindar 90 %)"
        Matcher boldDot = view.titles().isEmpty()
                ? BOLD_STATE_DOT.matcher(view.text().strip().split("\n", 2)[0].strip())
                : null;
        boolean oneLine = boldDot != null && boldDot.find();
        if (r.state == null
                && (headlines.size() >= 2 || oneLine)
                && view.titles().isEmpty()) {
            String h0 = oneLine
                    ? boldDot.group("state").strip()
                    : STRONG_MARKS
                            .matcher(view.text().strip().split("\n", 2)[0].strip())
                            .replaceAll("")
                            .strip(); // the raw line: its mark is what the headline drops
            String hostLine =
                    oneLine ? SlackText.normalise(boldDot.group("line")).strip() : headlines.get(1);
            Matcher hc = HOST_DASH_CHECK.matcher(hostLine);
            Matcher ml = Marks.MARK_LEAD.matcher(h0);
            if (ml.find()
                    && h0.codePointCount(0, h0.length()) <= 40
                    && !h0.contains("[")
                    && hc.find()
                    && AlertNames.hostLike(hc.group("host"))) {
                Boolean crossed = Thresholds.limitCrossed(hc.group("rest"));
                String colour = Marks.markColour(h0);
                String checkLine =
                        hc.group("check") == null ? hc.group("rest") : hc.group("check") + ": " + hc.group("rest");
                if (crossed == null && NO_ANSWER.matcher(hc.group("rest")).find()) {
                    crossed = true; // "ping (3 intents fallits)": no answer
                } else if (crossed == null && PING_ANSWERED.matcher(checkLine).find()) {
                    crossed = false; // "ping 18 ms": it answers
                }
                if (oneLine && boldDot.group("sep") == null) {
                    // the bold state right before the host's line: "*🔴 KRİTİK* db-01 — `free_mem`: 3 % (eşik 5 %)"; a
                    // red or amber mark opens and a green one closes whichever way the limit reads (a minimum it
                    // does not name), a mark of neither colour opens only past the limit or with no answer
                    if ("red".equals(colour) || "amber".equals(Marks.markAmber(h0))) {
                        crossed = true;
                    } else if ("green".equals(colour)) {
                        crossed = false;
                    } else if (crossed == null && silentReach(checkLine)) {
                        crossed = true;
                    } else if (!Boolean.TRUE.equals(crossed)) {
                        crossed = null;
                    }
                    colour = null;
                }
                if (Boolean.TRUE.equals(crossed) || (crossed == null && "red".equals(colour))) {
                    r.state = "failed";
                } else if (Boolean.FALSE.equals(crossed) || (crossed == null && "green".equals(colour))) {
                    r.state = "recovered";
                }
                if (r.state != null) {
                    r.hostState = hc.group("host");
                    r.rest = hc.group("check") == null ? hc.group("rest") : hc.group("check");
                    r.named = hc.group("check") != null;
                    r.keepName = true;
                    r.where = "a state line \"" + Headlines.clip(h0) + "\" over a host's line \""
                            + Headlines.clip(hostLine) + "\"";
                    r.matched = headlines.get(0);
                    r.strong = true;
                }
            }
        }
    }

    /** Reads a capital tag in the team's language leading a host. */
    private void capitalTagHost(List<String> headlines, Reading r) {
        // 6b. a capital tag in the team's language leading a host, its meaning read from what follows: a measurement
        // beside its limit or no answer to a ping ("0/5") opens, how long it was out closes
        if (r.state == null && !headlines.isEmpty()) {
            String line = headlines.get(0);
            Matcher ct = CAPS_TAG_HOST.matcher(line);
            if (ct.find() && AlertNames.hostLike(ct.group("host"))) {
                String after = Thresholds.asciiDigits(ct.group("rest"));
                Boolean crossed = Thresholds.limitCrossed(after);
                Matcher days = DAYS_LEFT_LIMIT.matcher(after);
                if (CERT_LEFT.matcher(after).find() && crossed == null && days.find()) {
                    // "tls_cert expires in 9 days (limit 14)" with the unit written once: days left under the limit
                    r.state = Integer.parseInt(days.group("value")) < Integer.parseInt(days.group("limit"))
                            ? "failed"
                            : null;
                } else if (CERT_LEFT.matcher(after).find() && crossed != null) {
                    // "tls_cert спливає через 9 днів (поріг 14)": days left, the limit a minimum
                    r.state = crossed ? null : "failed";
                } else if (Thresholds.OVER_THRESHOLD.matcher(line).find()
                        || NO_ANSWER.matcher(after).find()
                        || Boolean.TRUE.equals(Thresholds.limitCrossed(after))) {
                    r.state = "failed";
                } else if (ct.group("ip") != null
                        && OUTAGE_LASTED.matcher(after).find()) {
                    r.state = "recovered";
                } else if (crossed == null
                        && (LASTED_SEGMENT.matcher(after).find()
                                || PING_ANSWERED.matcher(after).find())) {
                    // "[V REDU] erp-db01 · disk_/var/lib/pgsql 71 % · trajalo 1 h 12 min": how long it lasted, in a
                    // segment of its own after the measurement; "[SPET DOSEGLJIV] vpn-gw01 · ping 0 % izgub": it
                    // answers again (a tag with a number in it, a reminder's "[STILL ACTIVE 35 min]", matches no tag)
                    r.state = "recovered";
                } else if (crossed == null && silentReach(after)) {
                    // "[NO RESPONDE] pos-3 · http_health — 3 checks in a row without an answer": no figure at all
                    r.state = "failed";
                } else if (ct.group("tag") != null
                        && !KeyValueStates.NOT_A_STATE_TOKEN
                                .matcher(ct.group("tag").strip())
                                .matches()
                        && Boolean.FALSE.equals(Thresholds.limitCrossed(after))
                        && sameUnitBeside(after)) {
                    // "[НОРМА] elev-db01 · disk_/var 71% (поріг 90%)": the measurement back within its limit
                    r.state = "recovered";
                }
                String tagWord = ct.group("tag") != null ? ct.group("tag") : ct.group("tag2");
                Action said = tagWord == null ? null : StateWords.of(tagWord.strip());
                if (r.state != null && (said == Action.OPEN || said == Action.CLOSE)) {
                    // the tag is a state word the lexicon knows: it says what it is, whatever follows reads as
                    r.state = said == Action.CLOSE ? "recovered" : "failed";
                }
                if (r.state != null) {
                    String thing = ct.group("host") + (ct.group("place") == null ? "" : ct.group("place"));
                    Matcher tag = TAG_VALUE.matcher(after);
                    // "[ADVARSEL] VV-Lystrup · temp_retur = 58 °C (maks. 55)": the station, then the tag measured
                    // the check named before its value, unless the host is given with its address: then the line
                    // is about the host's reachability ("DOWN router-1 (10.0.0.1) – ping 0/5"), not a check
                    String check = ct.group("ip") == null ? FindingNames.checkName(after) : null;
                    r.rest = tag.find() ? tag.group("tag") : check != null ? check : thing;
                    r.named = !r.rest.equals(thing);
                    r.keepName = !r.rest.equals(thing);
                    r.hostState = thing;
                    r.where = "a capital tag \"" + (ct.group("tag") != null ? ct.group("tag") : ct.group("tag2"))
                            + "\" leading a host in \"" + Headlines.clip(line) + "\"";
                    r.matched = line;
                    r.strong = true;
                }
            }
        }
    }

    /** Reads a table in a code block with a state column. */
    private void tableRow(MessageView view, List<String> headlines, Reading r) {
        // 6c. a table in a code block with a state column: a row in a failing state opens, a row back to ok that says
        // what it was closes ("pg3 repl_lag 41s 30s CRIT", "pg3 repl_lag 0.4s 30s ok (was CRIT 18m)")
        if (r.state == null) {
            String[] row = TableStates.tableState(view.text());
            if (row != null) {
                r.state = row[0];
                r.rest = row[1];
                r.hostState = row[2].isEmpty() ? null : row[2];
                r.named = !r.rest.isEmpty();
                r.keepName = true;
                r.where = "a table's state column (" + row[3] + ")";
                r.matched = headlines.isEmpty() ? null : headlines.get(0);
                r.strong = true;
            }
        }
    }

    /** Reads a Kubernetes object's event as Flux's notification-controller posts it. */
    private void kubernetesEvent(MessageView view, List<String> headlines, Reading r) {
        // 6d. a Kubernetes object's event as Flux's notification-controller posts it: the object alone as the author
        // line ("kustomization/apps.flux-system", "helmrelease/redis.podaci"), the event's message under it, the
        // attachment red for an error (its info events are green and say nothing failed)
        Matcher k8s =
                K8S_OBJECT_AUTHOR.matcher(view.text().strip().split("\n", 2)[0].strip());
        if (k8s.matches() && view.text().strip().contains("\n") && "red".equals(view.attachmentColour())) {
            if (r.state == null) {
                r.state = "failed";
                r.rest = "";
                r.where = "a Kubernetes object's error event (" + k8s.group() + ")";
                r.matched = headlines.isEmpty() ? null : headlines.get(0);
                r.strong = true;
            }
            r.hostState = k8s.group();
        }
    }

    /** Reads tools' documented notifications and general shapes (AWX, Harbor, pipe cells, exit codes). */
    private Optional<Finding> documentedShapes(MessageView view, String text, List<String> headlines, Reading r) {
        // 6e. tools' documented notifications and general shapes: AWX's job status, an event type in capitals ending in
        // a failure (Harbor), Unraid's importance and server before the subject, a status line of cells between pipes
        // (a mark and the state in the team's words, the host, the check and its value), a script's non-zero exit code
        if (r.state == null && !headlines.isEmpty()) {
            String first =
                    SlackText.normalise(view.text().strip().split("\n", 2)[0]).strip();
            String line0 = headlines.get(0);
            Matcher awx = LookAlikes.AWX_JOB.matcher(line0);
            Matcher evt = EVENT_TYPE_FAILED.matcher(text);
            Matcher exit = TableStates.EXIT_NONZERO.matcher(line0);
            String[] cells = PIPE_CELLS.split(first);
            Matcher clock = CLOCK_MISSED.matcher(first);
            if (clock.find()) {
                r.state = "missing";
                r.rest = clock.group("name");
                r.named = true;
                r.keepName = true;
                r.where =
                        "a clock leading \"" + Headlines.clip(first) + "\" with the times it was expected and checked";
                r.matched = line0;
                r.strong = true;
            } else if (awx.find()) {
                String st = awx.group("state");
                if (st.equals("failed") || st.equals("error")) {
                    r.state = "failed";
                    r.rest = awx.group("name");
                    r.named = true;
                    r.keepName = true;
                    r.where = "an automation job's status \"" + st + "\" in \"" + Headlines.clip(line0) + "\"";
                    r.matched = line0;
                    r.strong = true;
                }
            } else if (evt.find()
                    || (EVENT_TYPE.matcher(text).find()
                            && JSON_JOB_FAILED.matcher(text).find())) {
                r.state = "failed";
                Matcher w = JSON_WHERE.matcher(text);
                String dest = null;
                while (w.find()) {
                    dest = w.group("where"); // the last: the destination after the source
                }
                r.hostState = dest;
                r.where = "an event type that failed in \""
                        + Headlines.clip(text.strip().replace('\n', ' ')) + "\"";
                r.matched = null;
                r.strong = true;
            } else if (cells.length >= 3
                    && PIPE_STATE_CELL.matcher(cells[0]).matches()
                    && AlertNames.hostLike(cells[1])) {
                Matcher ck = CHECK_LEAD.matcher(cells[2]);
                String colour = Marks.markColour(cells[0]);
                if ("red".equals(colour)) {
                    r.state = "failed";
                } else if ("green".equals(colour)) {
                    r.state = "recovered";
                } else if (colour == null && NO_ANSWER.matcher(cells[2]).find()) {
                    r.state = "failed";
                }
                if (r.state != null) {
                    r.rest = ck.find() ? ck.group("check") : "";
                    r.named = !r.rest.isEmpty();
                    r.keepName = true;
                    r.hostState = cells[1];
                    r.where = "a status line of cells \"" + Headlines.clip(first) + "\"";
                    r.matched = line0;
                    r.strong = true;
                }
            } else if (view.bot() && TableStates.runCells(first) != null) {
                TableStates.RunCells run = TableStates.runCells(first);
                if (run.action() == Action.NONE) {
                    return Optional.of(new Finding(
                            Classification.none("generic", "builtin"),
                            List.of("a run's later try failing again (\"" + Headlines.clip(first)
                                    + "\"), not a new alert")));
                }
                r.state = run.action() == Action.CLOSE ? "recovered" : "failed";
                r.rest = run.name();
                r.named = true;
                r.keepName = true;
                r.where = "a run's line of cells with a state cell in capitals, \"" + Headlines.clip(first) + "\"";
                r.matched = line0;
                r.strong = true;
            } else if (TableStates.scheduledNotRun(line0) != null && KeyValueStates.logfmtState(line0) == null) {
                r.state = "missing";
                r.rest = TableStates.scheduledNotRun(line0);
                r.named = true;
                r.keepName = true;
                r.where = "a job's line with the time it was due and a later check, and no run's length, in \""
                        + Headlines.clip(line0) + "\"";
                r.matched = line0;
                r.strong = true;
            } else if (exit.find() && KeyValueStates.logfmtState(line0) == null) {
                Matcher job = TableStates.JOB_KEY.matcher(line0);
                r.state = "failed";
                r.rest = job.find() ? job.group("name") : "";
                r.named = !r.rest.isEmpty();
                r.keepName = true;
                r.where = "a non-zero exit code in \"" + Headlines.clip(line0) + "\"";
                r.matched = line0;
                r.strong = true;
            }
        }
        return Optional.empty();
    }

    /** Reads an app's on-call card: a numbered thing's header and buttons to take it. */
    private void onCallCard(MessageView view, List<String> headlines, Reading r) {
        // 6g. an app's on-call card: a header naming a numbered thing ("Силос С-7", "Boiler 1") and buttons to take it
        // or
        // pass it on, no colour but red or amber: the card is the alert, whatever language its words are in
        if (r.state == null && view.buttons().size() >= 2 && !view.titles().isEmpty() && !headlines.isEmpty()) {
            String colour = view.attachmentColour();
            Matcher thing = CARD_THING.matcher(view.titles().get(0));
            if ((view.colours().isEmpty() || "red".equals(colour) || "amber".equals(colour)) && thing.find()) {
                r.state = "failed";
                r.hostState = thing.group("thing");
                r.rest = FindingNames.nameFrom(headlines.get(0));
                r.named = true;
                r.keepName = true;
                r.where = "an on-call card with buttons (" + String.join(", ", view.buttons()) + ") under \""
                        + Headlines.clip(headlines.get(0)) + "\"";
                r.matched = headlines.get(0);
                r.strong = true;
            }
        }
    }

    /** Reads a warning sign over a named thing and how long ago it was last heard from. */
    private void warnedThing(MessageView view, List<String> headlines, Reading r) {
        // 6h. a warning sign, a few words and a colon, then a named thing and, in brackets, how long ago it was last
        // heard from: "⚠️ ni utripa: cisterna-gps-07 (zadnji pred 16 min)", a watcher's missed beat in its own words
        if (r.state == null && view.titles().isEmpty()) {
            Matcher w = WARNED_THING.matcher(view.text().strip());
            if (w.matches() && AlertNames.hostLike(w.group("thing"))) {
                r.state = "missing";
                r.rest = w.group("thing");
                r.named = true;
                r.keepName = true;
                r.where = "a warning sign over \"" + Headlines.clip(w.group("what")) + "\" naming " + w.group("thing");
                r.matched = headlines.isEmpty() ? null : headlines.get(0);
                r.strong = true;
            }
        }
    }

    /** Reads a state phrase leading the first line in the team's language, before a separator. */
    private void leadPhrase(List<String> headlines, LeadTags.LeadTag leadState, Reading r) {
        // 6i. a state phrase leading the first line in the team's language, before a separator: the host and the check
        // after it ("⛔ CRÍTICO — erp-db01 :: disco /var = 94 % (limiar 90 %)", "WEDI'I ADFER :: lims-db01 › cof rhydd
        // …")
        if (r.state == null
                && leadState != null
                && !headlines.isEmpty()
                && !StateWords.MAINTENANCE.matcher(headlines.get(0)).find()) {
            r.state = leadState.action() == Action.CLOSE ? "recovered" : "failed";
            r.rest = leadState.rest();
            Matcher lh = LEAD_HOST.matcher(leadState.rest());
            if (lh.find() && AlertNames.hostLike(lh.group("host"))) {
                r.hostState = lh.group("host");
                String check = leadCheck(lh.group("after"));
                r.rest = check.isEmpty() ? r.hostState : check;
                r.named = !check.isEmpty();
                r.keepName = true;
            }
            r.where = "\"" + leadState.tag() + "\" leading the first line";
            r.matched = headlines.get(0);
            r.strong = true;
        }
    }

    /** Reads a bot's title naming a thing and its condition either side of a dash. */
    private Optional<Finding> dashTitle(MessageView view, List<String> headlines, Reading r) {
        // 6j. a bot's title naming a thing and its condition either side of a dash, in the team's words: too high,
        // lost, stopped (an open); back, in range, running again (a close); still (an update)
        if (r.state == null && !headlines.isEmpty()) {
            String t = view.titles().isEmpty()
                    ? view.text().strip().split("\n", 2)[0]
                    : view.titles().get(0);
            Matcher dt = DASH_TITLE.matcher(t.strip());
            if (t.length() <= 160
                    && dt.find()
                    && !StateWords.MAINTENANCE.matcher(t).find()) {
                String a = dt.group("a").strip();
                String b = dt.group("b").strip();
                String bCond = b.split("[:,(]", 2)[0];
                // a person named on one side ("📣 <@U0AB12> paged — 10 min no answer") makes it a hand-off, no thing's
                // state
                Action said =
                        THING_SIDE.matcher(a).find() && !MENTIONED.matcher(t).find()
                                ? StateWords.condition(bCond)
                                : null;
                String thing = a;
                if (said == null && THING_SIDE.matcher(b).find()) {
                    said = StateWords.condition(a, true);
                    thing = b;
                }
                String colour = view.attachmentColour();
                if (said == Action.NONE) {
                    return Optional.of(new Finding(
                            Classification.none("generic", "builtin"),
                            List.of("an update (\"" + Headlines.clip(t)
                                    + "\" says it is still so), not a change of state")));
                }
                if (said != null
                        && !(said == Action.OPEN && "green".equals(colour))
                        && !(said == Action.CLOSE && "red".equals(colour))) {
                    r.state = said == Action.CLOSE ? "recovered" : "failed";
                    r.rest = thing;
                    r.hostState = thing;
                    r.keepName = true;
                    r.where = "a title's condition after its dash \"" + Headlines.clip(t) + "\"";
                    r.matched = headlines.get(0);
                    r.strong = true;
                }
            }
        }
        return Optional.empty();
    }

    /** Reads a heartbeat bot's unit and how long it has been without a sign. */
    private void heartbeatUnit(MessageView view, List<String> headlines, Reading r) {
        // 6k. a heartbeat bot's unit and how long it has been without a sign (an open), or back and how long it was
        // without (a close)
        if (r.state == null && !headlines.isEmpty() && view.titles().isEmpty()) {
            Matcher ul = UNIT_LINE.matcher(view.text().strip().split("\n", 2)[0].strip());
            if (ul.find() && !StateWords.MAINTENANCE.matcher(ul.group()).find()) {
                String phrase = ul.group("phrase");
                String[] words = phrase.split("[\\s,·•|]+");
                String head = String.join(" ", Arrays.copyOfRange(words, 0, Math.min(3, words.length)));
                if (SILENT_FOR.matcher(phrase).find()
                        || SILENT_FOR_LAST.matcher(phrase).find()) {
                    r.state = "failed";
                } else if (SILENT_LASTED.matcher(phrase).find() || StateWords.condition(head) == Action.CLOSE) {
                    r.state = "recovered";
                }
                if (r.state != null) {
                    r.rest = ul.group("id");
                    r.unit = r.rest;
                    r.named = true;
                    r.keepName = true;
                    r.where =
                            "a unit \"" + ul.group("id") + "\" and its sign of life \"" + Headlines.clip(phrase) + "\"";
                    r.matched = headlines.get(0);
                    r.strong = true;
                }
            }
        }
    }

    /** Reads a heartbeat's unit with a mark before it and a separator before what it says. */
    private void markedUnit(MessageView view, List<String> headlines, Reading r) {
        // 6l. the same with a mark before the unit, whatever its letters, and a separator before what it says: "nabız ✗
        // sensor-b3 · son sinyal 27 dk önce" (a red mark and how long: an open), "♡ gps-12 · no pulse 31 min", "♥
        // gps-12 ·
        // pulse back" (a whole heart: a close)
        if (r.state == null && !headlines.isEmpty() && view.titles().isEmpty()) {
            Matcher ml =
                    MARK_UNIT_LINE.matcher(view.text().strip().split("\n", 2)[0].strip());
            if (ml.find() && !StateWords.MAINTENANCE.matcher(ml.group()).find()) {
                String phrase = ml.group("phrase");
                String[] words = phrase.split("[\\s,·•|]+");
                String head = String.join(" ", Arrays.copyOfRange(words, 0, Math.min(3, words.length)));
                String mark = ml.group("mark");
                boolean red = mark.codePoints().anyMatch(c -> "✗✘❌🔴♡🤍🖤💔⛔".indexOf(Character.toString(c)) >= 0);
                boolean whole = mark.codePoints().anyMatch(c -> "♥❤💚💓💗".indexOf(Character.toString(c)) >= 0);
                boolean green = whole || mark.codePoints().anyMatch(c -> "✓✔✅🟢".indexOf(Character.toString(c)) >= 0);
                Action said = StateWords.condition(head);
                if (SILENT_FOR.matcher(phrase).find()
                        || SILENT_FOR_LAST.matcher(phrase).find()
                        || (red
                                && said != Action.CLOSE
                                && said != Action.NONE
                                && HOW_LONG.matcher(phrase).find())) {
                    r.state = "failed";
                } else if (green
                        && (whole || SILENT_LASTED.matcher(phrase).find() || said == Action.CLOSE)
                        && said != Action.OPEN
                        && said != Action.NONE) {
                    r.state = "recovered";
                }
                if (r.state != null) {
                    r.rest = ml.group("id");
                    r.unit = r.rest;
                    r.named = true;
                    r.keepName = true;
                    r.where = "a unit \"" + ml.group("id") + "\" after a mark and its sign of life \""
                            + Headlines.clip(phrase) + "\"";
                    r.matched = headlines.get(0);
                    r.strong = true;
                }
            }
        }
    }

    /** Reads an app's coloured attachment whose colour alone says the state. */
    private void colouredAttachment(MessageView view, List<String> headlines, Reading r) {
        // 7. an app's coloured attachment with a title and nothing else that says a state: the colour is the state
        if (r.state == null && !view.titles().isEmpty() && !headlines.isEmpty()) {
            String colour = view.attachmentColour();
            if (colour != null
                    && !colourBacked(colour, headlines)
                    && !namedColourPictograph(view)
                    && !(colour.equals("red")
                            && !view.fields().isEmpty()
                            && NUMBERED_THING.matcher(headlines.get(0)).find()
                            && !ScriptWords.MARK_NOT_NEW
                                    .matcher(headlines.get(0))
                                    .find())) {
                // (a red card whose title names a numbered thing, a room, a vehicle, a device, and gives its details in
                // fields: "Kühlraum KR-3 zu warm", "รถ 70-4412 ขาดการติดต่อ GPS"; not one still active)
                colour = null;
            }
            if (colour != null) {
                r.state = colour.equals("green") ? "recovered" : "failed";
                r.rest = headlines.get(0);
                r.where = "the attachment's colour (" + colour + ") under \"" + Headlines.clip(headlines.get(0)) + "\"";
                r.matched = headlines.get(0);
                r.strong = true;
            }
        }
        if (r.state == null && view.bot()) {
            // a card of fields naming its alarm ("Alarm Name: push-dispatch-dlq-not-empty"), red or green: the colour
            // is the state a template that prints no state word gives it
            String name = NAMING_KEYS.stream()
                    .map(k -> view.fields().get(k))
                    .filter(v -> v != null && !v.isBlank())
                    .findFirst()
                    .orElse(null);
            String colour = name == null ? null : view.attachmentColour();
            if (colour != null && (colour.equals("green") || colour.equals("red"))) {
                r.state = colour.equals("green") ? "recovered" : "failed";
                r.rest = name;
                r.named = true;
                r.where = "the attachment's colour (" + colour + ") of a card naming its alarm \""
                        + Headlines.clip(name) + "\"";
                r.matched = headlines.isEmpty() ? name : headlines.get(0);
                r.strong = true;
            }
        }
    }

    /**
     * The fields that name an alert by its rule ("Alarm Name", "alertname", "Monitor Name", "Rule Name"): the part of
     * {@link FindingNames#ALERT_KEYS} that names nothing but an alert's rule.
     */
    private static final List<String> NAMING_KEYS =
            List.of("alarm name", "alertname", "alert name", "monitor name", "rule name", "alert rule");

    /** Reads the host and check after a lead phrase that said the same state. */
    private void leadHostCheck(LeadTags.LeadTag leadState, Reading r) {
        if (leadState != null
                && leadState.action()
                        == GenericWords.action(r.state.toLowerCase(Locale.ROOT).replace('_', ' '))) {
            // the state phrase leading the line said the same: the host and check after it name the alert
            // ("⛔ KRIITILINE — ladu-db01 :: ketas /var = 96 % (lävi 90 %)": ladu-db01, ketas /var)
            Matcher lh = LEAD_HOST.matcher(leadState.rest());
            if (lh.find() && AlertNames.hostLike(lh.group("host"))) {
                String check = leadCheck(lh.group("after"));
                if (!check.isEmpty()) {
                    r.hostState = lh.group("host");
                    r.rest = check;
                    r.named = true;
                    r.keepName = true;
                }
            }
        }
    }

    /** Reads the host from pipe cells, a Kubernetes object field or GitLab's project, unless named whole. */
    private void hostFromFirstLine(MessageView view, Reading r) {
        if (!r.keepName) {
            // a status line of cells between pipes names its host and check in its cells, whatever gave its state
            String first =
                    SlackText.normalise(view.text().strip().split("\n", 2)[0]).strip();
            String[] cells = PIPE_CELLS.split(first);
            if (cells.length >= 3 && PIPE_STATE_CELL.matcher(cells[0]).matches() && AlertNames.hostLike(cells[1])) {
                Matcher ck = CHECK_LEAD.matcher(cells[2]);
                r.rest = ck.find() ? ck.group("check") : "";
                r.named = !r.rest.isEmpty();
                r.keepName = true;
                r.hostState = cells[1];
            }
            // a Kubernetes event's object field ("object: Pod/kundeportal-7c9d8b6f5-x2k4q"): the object it is about
            Matcher obj = K8S_KIND_NAME.matcher(view.field("object").strip());
            if (r.hostState == null && obj.matches()) {
                r.hostState = obj.group("name");
            }
            // GitLab's alert management: "Alert firing in payments/ledger", the project the alert is in
            Matcher in = ALERT_FIRING_IN.matcher(first);
            if (in.find()) {
                r.hostState = in.group("project");
                r.wholeHost = true;
            }
        }
    }

    /** Turns the reading into a finding: its action, the alert and service names, priority and duration. */
    private Optional<Finding> finding(
            MessageView view,
            String text,
            Map<String, String> labels,
            List<String> headlines,
            List<String> why,
            Reading r) {
        String word = r.state.toLowerCase(Locale.ROOT).replace('_', ' ');
        if (GenericWords.WEAK.contains(word) && !r.strong) {
            return Optional.empty();
        }
        // "from a job's failure …", "from the status field …": an article only where the place has none
        why.add("state \"" + r.state + "\" from " + (ARTICLED.matcher(r.where).lookingAt() ? "" : "the ") + r.where);
        Action action = GenericWords.action(word);
        if (action == Action.CLOSE
                && (r.matched != null
                        ? REOCCURRED.matcher(r.matched).find()
                        : !headlines.isEmpty()
                                && REOCCURRED.matcher(headlines.get(0)).find())) {
            action = Action.OPEN; // "Resolved error re-occurred": back again
            why.add("a resolved problem back again");
        }
        if (action == Action.OPEN) {
            Matcher handled = HANDLED_BY.matcher(text);
            if (handled.find()) {
                // an alert card updated in place once someone took it ("Status: Firing" … "Acknowledged by @alice"):
                // the alert was already open, this is its update
                return Optional.of(new Finding(
                        Classification.none("generic", "builtin"),
                        List.of("an open alert's update (\"" + Headlines.clip(handled.group())
                                + "\"), not a new alert")));
            }
        }

        // the alert's name: a field that names it, a quoted name, what follows the state, a title
        // the message's fields and the labels in its text (core folds fields in as "Key: value" lines alike)
        String alert = r.named ? "" : Headlines.first(labels, FindingNames.ALERT_KEYS);
        String service = Headlines.firstNonBlank(
                Headlines.first(labels, FindingNames.SERVICE_KEYS), Headlines.find(FindingNames.SERVICE_TAG, text));
        if (!alert.isEmpty()) {
            why.add("alert name from a field or label");
        } else {
            String name = FindingNames.nameFrom(r.rest);
            if (name.isEmpty() && r.unit != null) {
                name = r.unit; // "LKW-12": a unit named like a host is what the heartbeat is of
            }
            String matchedLine = r.matched;
            boolean stateInTitle = r.matched != null
                    && headlines.indexOf(matchedLine) >= 0
                    && headlines.indexOf(matchedLine) < view.titles().size();
            if (!view.titles().isEmpty() && !stateInTitle && !r.where.startsWith("tag") && !r.keepName) {
                // the state came from a field, a pretext or a context line: the title names the alert
                String fromTitle = FindingNames.nameFrom(FindingNames.stripTag(headlines.get(0)));
                if (!fromTitle.isEmpty()) {
                    name = fromTitle;
                }
            }
            if (name.isEmpty()
                    || FindingNames.INCIDENT_ID.matcher(name).replaceFirst("").isEmpty()
                    || ID_TITLE.matcher(name).matches()) {
                for (String t : headlines) {
                    if (t.equals(r.matched)) {
                        continue;
                    }
                    Matcher ns = StateSentences.NOUN_STATE.matcher(t);
                    Matcher is = StateSentences.IS_STATE.matcher(t);
                    Matcher sn = StateSentences.STATE_NOUN.matcher(t);
                    String candidate = ns.find() && !ns.group("rest").isBlank()
                            ? FindingNames.nameFrom(ns.group("rest"))
                            : sn.find() && !sn.group("rest").isBlank()
                                    ? FindingNames.nameFrom(sn.group("rest"))
                                    : is.find() && !is.group("name").isBlank()
                                            ? FindingNames.nameFrom(is.group("name"))
                                            : FindingNames.nameFrom(FindingNames.stripTag(t));
                    if (!candidate.isEmpty()
                            && !ID_TITLE.matcher(candidate).matches()
                            && !FindingNames.INCIDENT_ID
                                    .matcher(candidate)
                                    .replaceFirst("")
                                    .isEmpty()) {
                        name = candidate;
                        break;
                    }
                }
            }
            // (a service named beside its host, "Service disk /data on host es-node-04", keeps its slash)
            FindingNames.Named split =
                    r.keepName ? new FindingNames.Named(name, service) : FindingNames.hostSlashCheck(name, service);
            name = split.alert();
            service = split.service();
            Matcher onHost = CHECK_ON_HOST.matcher(name);
            if (onHost.matches()
                    && (service.equalsIgnoreCase(onHost.group("check"))
                            || (service.isEmpty() && !onHost.group("check").contains(" ")))) {
                // "ping4 on app-2": a check (by its id, or as the "service" field names it) and the host it runs on;
                // "High CPU on db-3" stays the alert's name
                service = onHost.group("host");
                name = onHost.group("check");
            }
            if (r.hostState != null && service.isEmpty()) {
                service = K8S_OBJECT_AUTHOR.matcher(r.hostState).matches() || r.wholeHost
                        ? r.hostState // "kustomization/apps.flux-system": the object whole
                        : r.hostState.replaceFirst("(?i)^https?://", "").replaceFirst("/.*$", "");
            }
            alert = name;
            why.add("alert name from the headline");
        }
        if (service.isEmpty()) {
            service = Headlines.find(FindingNames.FOR_GROUP, text); // Kibana: "rule 'x' is active for group 'checkout'"
        }
        String host = Headlines.first(labels, "host", "hostname", "host name");
        if (!host.isEmpty() && service.equalsIgnoreCase(SlackText.cleanName(alert))) {
            service = host; // Nagios and Icinga call a check a "service" and name its host beside it
        }
        Optional<FindingNames.Names> names = FindingNames.named(view, labels, headlines, alert, service, why);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        alert = names.get().alert();
        service = names.get().service();
        if (r.unit != null
                && (service.isEmpty() || r.unit.contains(service))
                && (alert.isEmpty() || r.unit.contains(alert))) {
            // a heartbeat's unit is what its alert is of, whole, whatever its letters ("CAMIÓN-07", "POS-ĦAMRUN-2"):
            // no host and check split out of it
            alert = r.unit;
            service = "";
        }
        String firstLine = view.text().strip().split("\n", 2)[0].strip();
        Matcher forKind = ALERT_FOR_KIND.matcher(firstLine);
        Matcher theKind = THE_KIND_IS.matcher(firstLine);
        if (forKind.find()) {
            // "Clock Skew alert with severity level 'SEVERE' for universe 'abonentet-prod' is firing": the alert's
            // name, and what it is of
            alert = forKind.group("name").strip();
            service = forKind.group("what");
        } else if (theKind.find()) {
            // "The HealthCheck booking-api is failing", "The backups for Shop are healthy": the thing is the service
            service = theKind.group("what").strip();
            alert = "";
        }
        String rawFirst = view.text().strip().split("\n", 2)[0];
        int code = alert.isEmpty() ? -1 : rawFirst.indexOf("`" + alert + "` — ");
        if (code >= 0
                && NUMERAL_WORD.matcher(service).matches()
                && rawFirst.indexOf(service) > code + alert.length() + 2) {
            // "💔 …: `collar-reader-3` — imizuzu engu-25 ithule": the unit a bot writes in code before its dash is what
            // it names; a numeral written with a prefix in the prose after the dash ("engu-25", of 25) is no host
            service = "";
        }
        Matcher beat = HEART_UNIT.matcher(SlackText.normalise(rawFirst).strip());
        if (beat.matches() && AlertNames.hostLike(beat.group("unit"))) {
            // "💔 Пульс жоқ: avtotarazy-1 — …", "💤 flowmeter-a2 — …": a heartbeat's unit is what its alert is of,
            // whole
            alert = beat.group("unit");
            service = "";
        }
        if (action == Action.OPEN
                && ALWAYS_FIRING
                        .matcher(SlackText.cleanName(alert).replaceAll("[*_`]", ""))
                        .find()) {
            // "FIRING: Watchdog", "*[SPUSTENÉ]* `Watchdog`", "[ALERTA ACTIVA ×1] `Watchdog`": the alert that always
            // fires, in whatever words it is said to fire, is no incident
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"),
                    List.of("the always-firing \"" + SlackText.cleanName(alert) + "\", no incident")));
        }
        Optional<String> priority = names.get().priority();
        Optional<Long> duration = Optional.empty();
        if (action == Action.CLOSE) {
            duration = Durations.statedIn(text);
            if (duration.isEmpty()) {
                Matcher d = RESOLVED_IN.matcher(text);
                if (d.find()) {
                    duration = Durations.parse(d.group(1).strip());
                }
            }
        }
        return Optional.of(new Finding(
                new Classification(
                        action,
                        service,
                        SlackText.cleanName(alert),
                        action == Action.NONE ? Optional.empty() : priority,
                        duration,
                        "generic",
                        "builtin"),
                why));
    }

    /** Whether a message is a tool's documented alert (a pipeline's failed run, a failed backup report): no look-alike. */
    private static boolean documentedAlert(MessageView view) {
        String t = view.text();
        Matcher xo = LookAlikes.XO_REPORT.matcher(t);
        return MAGE_RUN.matcher(t).find()
                || (xo.find() && !xo.group("st").equalsIgnoreCase("success"))
                || (!view.titles().isEmpty()
                        && DT_TITLE.matcher(view.titles().get(0).strip()).matches())
                || TFC_HEALTH.matcher(t).find()
                || (DUPLICATI_REPORT.matcher(t).find()
                        && DUPLICATI_BAD.matcher(t).find())
                || METABASE_ALERT.matcher(t).find()
                || DRIFT_IN.matcher(t).find()
                || SCHEDULE_RUN.matcher(t).find()
                || GO_NO_GO_FALSE.matcher(t).find()
                || BACKUP_HEALTH.matcher(t).find();
    }

    /** An alert named, then what it is of by its kind and a quoted name: "Clock Skew alert … for universe 'x' is firing". */
    private static final Pattern ALERT_FOR_KIND = Pattern.compile(
            "^(?<name>[\\p{L}\\d][^'\"\\n]{1,60}?)\\s+alert\\s+(?:with\\s+[^\\n]{0,60}?\\s+)?for\\s+\\p{L}+\\s+['\"](?<what>[^'\"\\s]{2,60})['\"]"
                    + "\\s+(?:is|has\\s+been)\\s+\\p{L}+");
    /** "The HealthCheck booking-api is failing", "The backups for Shop are unhealthy": a thing of a kind and its state. */
    private static final Pattern THE_KIND_IS = Pattern.compile(
            "^(?:\\p{L}+:\\s+)?The\\s+(?:healthcheck|health\\s+check|backups\\s+(?:for|of))\\s+(?<what>[^.\\n]{2,60}?)"
                    + "\\s+(?:is|are)\\s+(?:failing|recovered|healthy|unhealthy)\\b");

    /**
     * A backup monitor's verdict on an application's backups ("The backups for Shop are unhealthy", "… are healthy"):
     * monitoring, not a backup's run report.
     */
    private static final Pattern BACKUP_HEALTH =
            Pattern.compile("(?i)\\bbackups\\s+(?:for|of)\\s+[^\\n]{1,80}?\\s+are\\s+(?:un)?healthy\\b");

    /**
     * Whether a card's colours are all Slack's named ones ({@code danger}, {@code warning}, {@code good}: a script's
     * own choice of state, not a brand's hex) and its title is led by a pictograph saying what it is about ("⚡ …",
     * "🔋 …"): the colour then is the state.
     */
    private static boolean namedColourPictograph(MessageView view) {
        if (view.colours().isEmpty() || view.titles().isEmpty()) {
            return false;
        }
        for (String c : view.colours()) {
            if (!NAMED_COLOUR.matcher(c.strip()).matches()) {
                return false;
            }
        }
        return PICTOGRAPH_LEAD.matcher(view.titles().get(0)).find();
    }

    private static final Pattern NAMED_COLOUR = Pattern.compile("(?i)danger|warning|good");
    private static final Pattern PICTOGRAPH_LEAD = Pattern.compile("^\\s*\\p{So}\\x{FE0F}?\\s*\\p{L}");

    /** Whether a measurement and the limit beside it both write their unit, the same one ("71% (поріг 90%)"). */
    private static boolean sameUnitBeside(String line) {
        Matcher m = Thresholds.LIMIT_BESIDE.matcher(line);
        return m.find()
                && m.group("unit") != null
                && m.group("unit2") != null
                && m.group("unit")
                        .replace(" ", "")
                        .equalsIgnoreCase(m.group("unit2").replace(" ", ""));
    }

    /**
     * A numbered thing a card's header names: a word and its number ("Силос С-7", "Sterilizer 3", "Boiler 1"), a word
     * of what kind between ("Zorilnica sira Z1"), or the word in a script without capitals ("কম্প্রেসার C-3").
     */
    private static final Pattern CARD_THING = Pattern.compile(
            "(?<![\\p{L}\\d])(?<thing>(?:\\p{Lu}\\p{Ll}{1,15}(?:\\s\\p{Ll}{2,15})?|\\p{Lo}[\\p{Lo}\\p{M}]{1,15})"
                    + "\\s(?:\\p{Lu}{1,3}-?)?\\d{1,4})(?![\\p{L}\\d])");

    /** A certificate's time left: the limit beside it is the fewest days it may have. */
    private static final Pattern CERT_LEFT = Pattern.compile("(?i)(?<![\\p{L}])(?:cert\\p{L}*|tls|ssl)(?![\\p{L}])");

    /** Mage's pipeline notifications: "Failed to run Pipeline `etl` with Trigger 7 …", "SLA passed for pipeline `x` …". */
    private static final Pattern MAGE_RUN = Pattern.compile(
            "(?i)^\\W*(?:Failed\\s+to\\s+run\\s+Pipeline|SLA\\s+passed\\s+for\\s+pipeline)\\s+`(?<name>[^`\\n]{1,120})`");
    /** Synology DSM's system notification: "[NAS] Storage Pool 1 on NAS has degraded", "… has been repaired". */
    private static final Pattern DSM_SUBJECT = Pattern.compile(
            "^\\W*\\[(?<nas>[^\\]\\n]{1,40})\\]\\s+(?<what>[^\\n]{2,120}?)"
                    + "\\s+on\\s+\\k<nas>\\s+(?:has|have|is)\\s+(?<verb>degraded|failed|crashed|been\\s+repaired[^\\n]*|recovered"
                    + "|returned\\s+to\\s+normal|reached\\s+the\\s+[^\\n]{0,40}threshold|become\\s+(?:degraded|unhealthy|crashed))\\b");
    /** A task's name in brackets in a NAS's subject: "Hyper Backup task [1C to C2]". */
    private static final Pattern DSM_TASK = Pattern.compile("\\[([^\\]\\n]{1,80})\\]");
    /** HCP Terraform's health assessment: "Health assessment: *Drift detected* in workspace `prod-dns`". */
    private static final Pattern TFC_HEALTH = Pattern.compile(
            "(?i)^\\W*Health\\s+assessment:\\s*\\*?"
                    + "(?:drift\\s+detected|checks?\\s+failed|assessment\\s+failed)\\*?\\s+in\\s+workspace\\s+`?(?<ws>[\\w.-]+)`?");
    /**
     * Infrastructure drift as IaC platforms notify it, HCP Terraform's health assessment aside: env0's drift events
     * (docs.env0.com "Drift Detection": "Drift detected", "No drift detected" in an environment), the same words for a
     * workspace or stack.
     */
    private static final Pattern DRIFT_IN =
            Pattern.compile("(?i)^\\W*(?<no>no\\s+)?drift\\s+detected\\*?\\s+(?:in|for)\\s+"
                    + "(?:environment|workspace|stack)\\s+\\*?`?(?<env>[\\w.-]+)");
    /**
     * Windmill's schedule error and recovery handlers (windmill.dev "Error handling": a schedule's on_failure and
     * on_recovery, Slack pre-set handler): "Schedule `f/team/sync_15min` failed" / "… recovered after 2 failures", the
     * script's path on a line "Script: `f/team/sync`".
     */
    private static final Pattern SCHEDULE_RUN = Pattern.compile(
            "(?i)^\\W*(?::[a-z_]+:\\s*)?schedule\\s+`(?<sched>[\\w/.-]+)`\\s+(?<st>failed|recovered)\\b");

    private static final Pattern SCRIPT_LINE =
            Pattern.compile("(?im)^\\s*(?:script|flow):\\s*`?(?<path>[\\w/.-]+)`?\\s*$");
    /**
     * Cerberus's (krkn-chaos) Slack report of a failed iteration (cerberus/slack/slack_client.py: "Cerberus found
     * issues in: … Hence, setting the go/no-go signal to false"), the component it names after its kind.
     */
    private static final Pattern GO_NO_GO_FALSE = Pattern.compile(
            "(?is)found\\s+issues\\s+in:\\s*\\*?(?:\\w+:\\s*)?(?<what>[\\w.,/-]+).*?go/no-go\\s+signal\\s+to\\s+false");

    /**
     * A state it is no longer in, as Burrow's notifier templates and many checkers word a recovery ("A kafka consumer is
     * no longer lagging", "api is no longer degraded").
     */
    private static final Pattern NO_LONGER = Pattern.compile(
            "(?i)\\bis\\s+no\\s+longer\\s+(?:lagging|failing|down|degraded"
                    + "|unhealthy|unreachable|firing|alerting|critical|in\\s+alarm|stale|missing|offline|late|behind)\\b");
    /**
     * An unknown state's mark (a grey question mark) before a thing, a dash, and an amount of time at the end: no data
     * for so long ("❔ Kiln K1 — no data from the sensors for 15 min").
     */
    private static final Pattern NO_DATA_MARK = Pattern.compile("^\\s*(?::grey_question:|❔)\\s*"
            + "(?<thing>[\\p{L}\\d][^—–\\n:]{1,40}?)\\s[—–]\\s[^\\n]*\\s\\p{Nd}+\\s?\\p{L}{1,5}\\.?\\s*$");
    /** A thing, a dash, then what is measured of it: "Cold room 4 — temperature 6,8 °C (max 4 °C)". */
    private static final Pattern THING_DASH_MEASURE =
            Pattern.compile("^(?<thing>[\\p{L}\\d][^—–\\n:]{1,40}?)\\s[—–]\\s(?<what>[^\\n]+)$");

    /** Duplicati's report: "Duplicati Backup report for docs", then "Failed: …" or "ParsedResult: Warning". */
    private static final Pattern DUPLICATI_REPORT = Pattern.compile(
            "(?i)^\\W*Duplicati\\s+(?:Backup|Restore)\\s+report\\s+for\\s+(?<name>[^\\n]{1,80})$", Pattern.MULTILINE);

    private static final Pattern DUPLICATI_BAD =
            Pattern.compile("(?im)^\\s*(?:Failed:\\s+\\S|ParsedResult:\\s*(?:Warning|Error|Fatal)\\b)");
    /** Metabase's alert on a question: "Alert: Failed renewals has results", "… has gone below its goal". */
    private static final Pattern METABASE_ALERT = Pattern.compile(
            "^\\W*Alert:\\s+(?<name>[^\\n]{2,120}?)\\s+has\\s+"
                    + "(?:results|gone\\s+(?:below|above)\\s+its\\s+goal|reached\\s+its\\s+goal)\\W*$",
            Pattern.MULTILINE);
    /** Proxmox VE's HA manager fencing a node: "FENCE: Try to fence node 'pve3'". */
    private static final Pattern PVE_FENCE =
            Pattern.compile("^\\W*FENCE:\\s+Try\\s+to\\s+fence\\s+node\\s+'(?<node>[^'\\n]+)'");
    /** Proxmox VE's fence done: an update of the node's failure, not its end. */
    private static final Pattern PVE_FENCED = Pattern.compile("^\\W*SUCCEED:\\s+fencing:");
    /** The first item a report lists under its failures: "## 1 Failure\n\n### mes-db02". */
    private static final Pattern XO_FAILED_ITEM = Pattern.compile(
            "(?m)^#{1,3}\\s+\\d+\\s+(?:Failure|Interrupted|Interruption)s?\\s*\\n(?:\\s*\\n)*#{3}\\s+(?<name>\\S[^\\n]{0,80})$");
    /** A report's error line: "- **Error**: remote nfs-nas02 is not accessible: …". */
    private static final Pattern XO_ERROR = Pattern.compile("(?m)^\\W*\\*\\*Error\\*\\*:\\s*(.{1,200})$");
    /**
     * OWASP Dependency-Track's notification titles as its Slack publisher shows them (the notification's title,
     * NotificationConstants.Title): a new vulnerability or vulnerable dependency opens, on its component, named by its
     * id; a BOM whose processing or validation failed (level ERROR) opens on its project. Its informational ones, a BOM
     * consumed or processed, an analysis decision, are reports ({@code LookAlikes.DT_INFO}).
     */
    private static final Pattern DT_TITLE = Pattern.compile(
            "(?<vuln>New\\s+Vulnerab(?:ility|le\\s+Dependency)\\s+Identified)|Bill\\s+of\\s+Materials\\s+(?:Processing|Validation)\\s+Failed");
    /** The project a notification names: "… a BOM for project mes-backend 3.8.0". */
    private static final Pattern DT_PROJECT = Pattern.compile("\\bproject\\s+([\\w.-]*[\\p{L}][\\w.-]*)");
    /**
     * A warning sign, one to three words and a colon, a thing named with a digit, then how long since it was last heard
     * from in brackets, the whole message: "⚠️ ni utripa: cisterna-gps-07 (zadnji pred 16 min)".
     */
    private static final Pattern WARNED_THING = Pattern.compile(
            "^(?:⚠\\x{FE0F}?|:warning:)\\s*(?<what>[\\p{L}\\p{M}]+(?:\\s[\\p{L}\\p{M}]+){0,2}):\\s+"
                    + "(?<thing>[\\p{L}\\d][\\w.-]*\\d[\\w.-]*)\\s+\\((?:[\\p{L}\\p{M}]+\\s){0,3}\\d+\\s?\\p{L}{1,5}\\.?\\)$");
    /** A server's reachability (Coolify): "Your server 'vps-1' is unreachable", "Your server 'vps-1' revived". */
    private static final Pattern SERVER_REACH = Pattern.compile(
            "(?i)\\bserver\\s+'(?<server>[^'\\n]{1,80})'\\s+(?:is\\s+)?(?<st>unreachable|revived|reachable\\s+again)\\b");

    /** Slack's bold and italics marks around a line. */
    private static final Pattern STRONG_MARKS = Pattern.compile("^[*_]+|[*_]+$");
    /** A host, a dash, then what is wrong with it, a check's name and a colon first when it has one. */
    private static final Pattern HOST_DASH_CHECK =
            Pattern.compile("^\\W*(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])\\s+[—–]\\s+"
                    + "(?:(?<check>\\p{L}[\\w./]*[\\w])\\s*:\\s+)?(?<rest>\\S.*)$");
    /** What a block of key=value lines that says OK must name to be a recovery: an earlier failure, "again". */
    private static final Pattern BLOCK_RECOVERED = Pattern.compile(
            "(?i)\\b(?:was\\s+(?:failing|failed|down)|again|after\\s+\\d+\\s+failed|igen|igjen|misslyckade|mislykkede|mislykkedes"
                    + "|recovered|resolved|trở\\s+lại)\\b",
            Pattern.UNICODE_CASE);

    /** An alert's name under its label in a group key or a label list: {@code alertname="Watchdog"}. */
    private static final Pattern ALERTNAME_LABEL =
            Pattern.compile("(?i)\\balertname[\"'`]?\\s*[:=]\\s*[\"'`]?(?<name>[\\w.:-]+)");

    /**
     * Every alert a message names by its label is kube-prometheus's always-firing Watchdog or InfoInhibitor
     * ({@code Group key: {}:{alertname="Watchdog", …}}): the pipeline's heartbeat, whatever status the card shows.
     */
    private static boolean onlyAlwaysFiring(String text) {
        Matcher m = ALERTNAME_LABEL.matcher(text);
        boolean any = false;
        while (m.find()) {
            if (!ALWAYS_FIRING.matcher(m.group("name")).find()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static final Pattern FIRING_TAG = Pattern.compile("\\[FIRING(?::\\s*\\d+)?\\]|\\bFIRING\\b");
    /** kube-prometheus's Watchdog and InfoInhibitor, named after the tag: always firing, by design. */
    private static final String ALWAYS_FIRING_NAMES = "(?:Watchdog|InfoInhibitor)\\b";

    static final Pattern ALWAYS_FIRING = Pattern.compile("^\\s*" + ALWAYS_FIRING_NAMES);
    private static final Pattern FIRING_WATCHDOG =
            Pattern.compile("\\[FIRING(?::\\s*\\d+)?\\]\\s*" + ALWAYS_FIRING_NAMES);
    /** A grouped notification's section of alerts that resolved ("*Alerts Resolved:*", "**Resolved**"). */
    static final Pattern RESOLVED_SECTION =
            Pattern.compile("(?im)^[\\s*_#>]*(?:alerts?\\s+)?resolved(?:\\s+alerts?)?[\\s*_]*:?[\\s*_]*$");
    /**
     * Who took the alert or added a note, on a line of its own: "*Note added* by Priya", "Sam took ownership of …" (not
     * "Acknowledged by": a resolution's context lists who acknowledged it before).
     */
    private static final Pattern ACTED_LINE =
            Pattern.compile("(?im)^[\\s*_>]*note\\s+added[\\s*_]+by\\b|^[^\\n]{1,60}?\\stook\\s+ownership\\s+of\\b");
    /**
     * A tag in capitals leading a host, bracketed or not: "[KRITICKÉ] web-02: …", "ALHAALLA reititin-pori-01
     * (10.20.1.1) – …", "[ELÉRHETETLEN] raktar-vpn-gw (10.8.0.1) – …".
     */
    private static final Pattern CAPS_TAG_HOST = Pattern.compile(
            "^[^\\p{L}\\p{N}\\[\\]]*(?:\\[(?<tag>\\p{Lu}[\\p{Lu} ]{2,30})\\]|(?<tag2>\\p{Lu}{4,30}(?:\\s\\p{Lu}{4,30})?)"
                    // a tag in a script without capitals (Bengali, Devanagari, Thai): its letters and marks alone
                    + "|\\[(?<tagc>\\p{Lo}[\\p{Lo}\\p{M} ]{1,30})\\])"
                    // a bar after the tag: "KRITIEK | pakhuis-app01 » http_reaksie = 8,4 s (drempel 3 s)"
                    + "(?:\\s*\\|)?"
                    + "\\s+(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])(?<place>\\s\\p{Lu}\\p{Ll}+(?=\\s+[·•|]))?(?:\\s+\\((?<ip>\\d{1,3}(?:\\.\\d{1,3}){3})\\))?"
                    + "(?:\\s*(?:::|[:\\-–—·•|»›])\\s*|(?<=\\))\\s+)(?<rest>\\S.*)$");
    /**
     * No answer to a ping: "ping 0/5", "ping 100 % loss (3/3 …)", "ping (3 attempts failed)", "ping (৩/৩ ব্যর্থ)": replies
     * counted as none, every packet lost, or a count of failed tries in brackets where a round trip would be.
     */
    private static final Pattern NO_ANSWER = Pattern.compile(
            "(?i)\\bping\\w*\\s+(?:0\\s*/\\s*[1-9]\\d*\\b|100\\s?%|\\(\\s*\\p{Nd}+(?:\\s*/\\s*\\p{Nd}+)?\\s+\\p{L})");
    /** A ping that answered: its round trip in milliseconds, or no packet lost ("ping 18 ms", "ping 0 % loss"). */
    private static final Pattern PING_ANSWERED = Pattern.compile(
            "(?i)\\bping\\w*\\s*[:=]?\\s*(?:\\p{Nd}+(?:[.,]\\p{Nd}+)?\\s?ms\\b|(?:\\p{L}{2,15}\\s*[:=]?\\s*)?0\\s?%)");
    /** A state in bold, a middle dot or a bar, then the line it is about: "*🔴 CRÍTIC* · scada-srv01 — disk_C: 96 %". */
    private static final Pattern BOLD_STATE_DOT =
            Pattern.compile("^\\*(?<state>[^*\\n\\[\\]]{2,40})\\*\\s+(?<sep>[·•|]\\s+)?(?<line>\\S.*)$");
    /**
     * How long it lasted, the line's last segment after a middle dot or bar: a word, then one or two amounts of time
     * ("· trajalo 1 h 12 min", "· স্থায়িত্ব ১ ঘ ১০ মি"), no size ("· prosto 6 GB").
     */
    private static final Pattern LASTED_SEGMENT = Pattern.compile(
            "[·•|]\\s*[\\p{L}\\p{M}]{3,20}\\s+(?:\\p{Nd}+\\s?(?![KMGTP]?i?B\\b)[\\p{L}\\p{M}]{1,5}\\.?\\s*){1,2}$");
    /**
     * A reachability check (ping, HTTP, TCP, a port, DNS, SSH) named first: when its line gives no round trip, no
     * success code and no share lost, it says in words that it got no answer ("http_health — 3 checks in a row
     * without an answer", "ping: 5 tries, 0 replies", "ping — no reply after 4 attempts").
     */
    private static final Pattern REACH_CHECK =
            Pattern.compile("(?i)^`?(?:ping|icmp|https?|tcp|port|dns|ssh)(?:[\\w.-]*)`?(?=[\\s:=—–-]|$)");
    /** What shows a reachability check answered: a round trip, a success code, a share (of loss). */
    private static final Pattern REACH_ANSWERED = Pattern.compile("(?i)\\d\\s?(?:ms|s|%)(?!\\p{L})|\\b[23]\\d\\d\\b");

    /** Whether a reachability check's line says without a figure that it got no answer. */
    private static boolean silentReach(String after) {
        return REACH_CHECK.matcher(after.strip()).find()
                && !REACH_ANSWERED.matcher(after).find()
                && !PING_ANSWERED.matcher(after).find();
    }

    /** Days left beside a limit written without a unit: "expires in 9 days (limit 14)", "9 dienām (limits 14)". */
    private static final Pattern DAYS_LEFT_LIMIT =
            Pattern.compile("(?<value>\\p{Nd}+)\\s+\\p{L}{2,12}\\s*[(（]\\s*\\p{L}"
                    + "[\\p{L}.]{0,14}\\s*[:=]?\\s*(?<limit>\\p{Nd}+)\\s*(?:\\p{L}{1,12})?\\s*[)）]");

    /** How long an outage lasted, at the end of the line: "katko 12 min", "kiesés 9 perc". */
    private static final Pattern OUTAGE_LASTED = Pattern.compile("\\s\\d+\\s*\\p{L}{1,5}\\.?\\s*$");
    /** A title naming what is wrong, a dash, then the thing it is wrong with: "Sor elakadt – refund-queue". */
    private static final Pattern TITLE_ENTITY =
            Pattern.compile("^\\W*\\p{L}[^\\n]{2,80}?\\s[–—-]\\s+([\\p{L}\\d][\\w.-]*[\\p{L}\\d])\\s*$");

    /** A bot's title of a thing and a condition either side of a dash: "Cámara C3 — temperatura alta". */
    private static final Pattern DASH_TITLE =
            Pattern.compile("^(?:[\\s\\p{So}\\p{Sk}\\p{Cs}\\x{FE0F}\\x{200D}*_]|:[a-z0-9_+-]+:)*"
                    + "(?<a>[^—–\\[\\]\\n]{2,70}?)\\s+[—–]\\s+(?<b>[^—–\\[\\]\\n]{2,90})$");
    /** A person mentioned in Slack's markup: "<@U0AB12CD>". */
    private static final Pattern MENTIONED = Pattern.compile("<@[UW][A-Z0-9]{2,}(?:\\|[^>]*)?>");

    /** A title's side naming a thing: a capital or a digit in it ("Cámara de conxelado C3", "safle Llandysul"). */
    private static final Pattern THING_SIDE = Pattern.compile("^[^:]*[\\p{Lu}\\p{N}][^:]*$");
    /** The word for without, no, in the languages {@link StateWords} knows. */
    private static final String WITHOUT = "no|without|sen|sin|sem|sans|senza|ohne|kein|keine|zonder|geen|uden|utan"
            + "|uten|ingen|bez|без|нет|няма|нема|немає|χωρίς|dim|heb|gan|bla|walang|wala|tanpa|tiada|không|yok|yoxdur"
            + "|ilman|nincs|fără|fara|sonder|sense|l-ebda|ebda|pa(?!\\s+[rd]in(?![\\p{L}]))|asnjë|ללא|אין|بدون|无|沒有|没有|なし|없음|არ|გარეშე";
    /**
     * A heartbeat bot's line: maybe its name, a unit in capitals, then what it says of it: "CAMIÓN-07 sen latexo 20 min",
     * "TANCER-04 dim curiad ers 25 mun" (no sign for so long: an open), "CAMIÓN-07 volveu, 33 min sen sinal", "TANCER-04
     * yn ôl · 41 mun heb signal" (back, or how long it was without: a close).
     */
    private static final Pattern UNIT_LINE = Pattern.compile(
            "^(?:[\\p{So}\\p{Cs}\\x{FE0F}\\x{200D}]+\\s*|:[a-z0-9_+-]+:\\s*)?(?:[\\p{L}\\d_-]{2,24}(?::|\\s*[▸›»|·])\\s+)?(?<id>\\p{Lu}[\\p{Lu}\\p{N}_.]*(?:-[\\p{Lu}\\p{N}_.]+)+|\\p{Lu}{2,}[\\p{Lu}_.]*\\p{N}+[\\p{Lu}\\p{N}]*)"
                    + "\\s+(?<phrase>\\S.{1,100})$");

    /**
     * A heartbeat bot's line with a mark before its unit: maybe the bot's name, a mark, a unit with a digit whatever its
     * case ("sensor-b3", "gps-ОХ-4410"), a separator, then what it says of it.
     */
    private static final Pattern MARK_UNIT_LINE = Pattern.compile(
            "^(?:[\\p{L}\\d_-]{2,24}\\s+)?(?<mark>[\\p{So}\\x{2713}\\x{2714}\\x{2717}\\x{2718}\\x{2661}\\x{2665}\\x{FE0F}]+)\\s*"
                    + "(?<id>(?=[^\\s·•|]*\\p{N})[\\p{L}\\p{N}_.]+(?:-[\\p{L}\\p{N}_.]+)+)\\s+[·•|—–]\\s+(?<phrase>\\S.{1,100})$");
    /** How long, as a number and a short unit word: "27 dəq", "31 мин", "2h". */
    private static final Pattern HOW_LONG =
            Pattern.compile("(?u)(?<![\\p{L}\\p{N}])\\p{N}+\\s*\\p{L}{1,6}\\.?(?![\\p{L}])");

    private static final Pattern SILENT_FOR = Pattern.compile("(?iu)^(?:" + WITHOUT
            + ")\\s+(?:[\\p{L}\\p{M}'’]+\\s+){1,2}?(?:[\\p{L}]{1,8}\\s+)?\\p{N}+\\s*\\p{L}{1,6}\\.?(?![\\p{L}])");
    /**
     * The same with the verb last, as Georgian, Turkish or Hungarian write it: "— 30 წთ სიგნალი არ არის" (30 min, signal
     * is not), "20 dk sinyal yok".
     */
    private static final Pattern SILENT_FOR_LAST = Pattern.compile("(?iu)^(?:[—–-]\\s*)?\\p{N}+\\s*\\p{L}{1,6}\\.?\\s+"
            + "[\\p{L}\\p{M}]+\\s+(?:არ არის|არაა|არ მოდის|yok|yoxdur|nincs|нет|няма|없음|なし|ไม่มี)(?![\\p{L}\\p{M}])");

    private static final Pattern SILENT_LASTED =
            Pattern.compile("(?iu)(?:^|[\\s,·•|])\\p{N}+\\s*\\p{L}{1,6}\\.?\\s+(?:" + WITHOUT + ")\\s+\\p{L}+\\s*$");
    /** A host, its address, a separator, then what is checked on it: "erp-db01 :: disco …", "wms-db02 | mysql …". */
    private static final Pattern LEAD_HOST = Pattern.compile(
            "^(?<host>[\\p{L}\\d][\\p{L}\\p{M}\\p{N}_.-]*[\\p{L}\\p{M}\\d])(?:\\s+\\((?<ip>[\\d.:a-fA-F]{7,40})\\))?"
                    + "\\s*(?:::|[|›»·—–:▸▶►│┃¦➔" + LeadTags.MORE_ARROWS + "]|\\s-\\s)\\s*(?<after>\\S.*)$");
    /** The check named before its value: up to "=", ": ", " (", or a number standing alone. */
    private static final Pattern LEAD_CHECK = Pattern.compile(
            "^(?<check>(?:\\p{L}|\\p{N}+\\p{L})[^=\\n]{0,60}?)\\s*(?:=|:\\s|\\s\\(|\\s[-+]?\\p{N}[\\p{N}.,/]*(?![\\p{L}\\p{N}])|\\s·|$)");

    /**
     * The check a lead tag's host line names before its value: "disco /var/lib/postgresql", "mysql replication lag";
     * an identifier alone when one leads ("cert_expiry เหลือ 9 วัน": cert_expiry); the first two words of a sentence.
     */
    private static String leadCheck(String after) {
        Matcher lc = LEAD_CHECK.matcher(after);
        String check = lc.find() ? lc.group("check").strip() : "";
        String[] words = check.split("\\s+");
        if (words.length > 1 && words[0].matches(".*\\p{L}.*[_.][\\p{L}\\p{N}].*")) {
            return words[0];
        }
        return words.length > 4 ? words[0] + " " + words[1] : check;
    }

    /** A place in a reason that already has its article ("a job's failure", "an all-clear", "the …"). */
    private static final Pattern ARTICLED = Pattern.compile("(?:a|an|the|no)\\s");

    /**
     * A heartbeat bot's line: a heart or a sleeping mark, maybe what it says of the beat before a colon, then the unit,
     * maybe details after a dash.
     */
    private static final Pattern HEART_UNIT = Pattern.compile(
            "^(?:💔|💚|❤️?|❤|🩷|💓|💗|💙|🖤|🫀|💤)\\x{FE0F}?\\s*(?:[^:\\n`]{1,40}:\\s*)?`?(?<unit>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])`?"
                    + "(?:\\s+[—–]\\s+.*)?$");

    /** A numeral with a short prefix of letters, as some languages write one: "engu-25", "angu-2". */
    private static final Pattern NUMERAL_WORD = Pattern.compile("\\p{Ll}{1,5}-\\d{1,3}");

    /** A line led by a word or two, then a person named: "📣 Escalated to <@U1> — …", "Ardaithe chuig <@U1>". */
    private static final Pattern WORDS_TO_PERSON = Pattern.compile(
            "^[^\\p{L}<]*(?<w1>\\p{L}[\\p{L}\\p{M}'’-]*)(?:\\s+(?<w2>\\p{L}[\\p{L}\\p{M}'’-]*))?(?:\\s+\\p{L}[\\p{L}\\p{M}'’-]*)?\\s+<@[UW]");

    /**
     * Whether a line says, in any language {@link StateWords} knows, that an alert was escalated, acknowledged or is
     * reminded of, to or by a person it names: its first word (or two) an update's and a mention within three words.
     */
    static boolean updateToPerson(String line) {
        Matcher m = WORDS_TO_PERSON.matcher(line);
        if (!m.find()) {
            return false;
        }
        String w1 = m.group("w1");
        // (a short word for still alone says nothing before a person: "Still <@U1> on it?")
        return (StateWords.of(w1) == Action.NONE && StateWords.key(w1).length() > 5)
                || (m.group("w2") != null && StateWords.of(w1 + " " + m.group("w2")) == Action.NONE);
    }
    /**
     * An event's type in capitals, its last word a failure ("SCANNING_FAILED", "QUOTA_WARNING", "QUOTA_EXCEED"), as a
     * webhook names it in an "event_type" field (Harbor's Slack webhook).
     */
    private static final Pattern EVENT_TYPE_FAILED = Pattern.compile(
            "(?m)^[\\W_]*event[_ ]?type\\W*:\\W*(?<type>[A-Z]+(?:_[A-Z]+)*_(?:FAILED|FAILURE|ERROR|WARNING|EXCEED|EXCEEDED|BREACHED|DOWN))\\b");
    /** An event's type in capitals, as a webhook names it in an "event_type" field. */
    private static final Pattern EVENT_TYPE =
            Pattern.compile("(?m)^[\\W_]*event[_ ]?type\\W*:\\W*(?<type>[A-Z]+(?:_[A-Z]+)*)\\b");
    /** A job's status in a JSON payload that failed: {@code "job_status": "Failed"}. */
    private static final Pattern JSON_JOB_FAILED = Pattern.compile(
            "\"(?:job_status|status|state)\"\\s*:\\s*\"(?:failed|failure|error)\"", Pattern.CASE_INSENSITIVE);
    /** A payload's key naming the destination or the project an event is about. */
    private static final Pattern JSON_WHERE =
            Pattern.compile("\"(?:registry_name|namespace|project)\"\\s*:\\s*\"(?<where>[\\w.-]{2,80})\"");
    /**
     * Unraid's notification subject: the importance (Alert, Warning or Notice), the server in brackets, a dash and what
     * happened ("Warning [NAS] - Disk 3 is hot (52 C)", "Notice [NAS] - Disk 3 returned to normal temperature").
     */
    private static final Pattern IMPORTANCE_SERVER_SUBJECT = Pattern.compile(
            "^\\W*(?<imp>Alert|Warning|Notice)\\s+\\[(?<server>[^\\]\\n]{1,40})\\]\\s+-\\s+(?<subject>\\S[^\\n]{2,160}?)\\W*$");
    /** A subject saying a thing is back to normal: "returned to normal temperature", "back to normal utilization". */
    private static final Pattern BACK_TO_NORMAL =
            Pattern.compile("(?i)\\b(?:returned|back|is\\s+back|went\\s+back)\\s+to\\s+normal\\b");
    /** What a subject is about: the words before its verb ("Disk 3", "Cache pool"). */
    private static final Pattern SUBJECT_VERB = Pattern.compile(
            "(?i)\\s+(?:is|are|in|has|have|was|returned|went|back|reached|exceeded|failed|reports?)\\b.*$");
    /**
     * A status line of cells between pipes: a mark and the state in words (any language), the host, the check and its
     * value: "🔴 วิกฤต | wms-db01 | disk_root 94% (เกณฑ์ 90%)".
     */
    private static final Pattern PIPE_CELLS = Pattern.compile("\\s+\\|\\s+");

    private static final Pattern PIPE_STATE_CELL =
            Pattern.compile("^\\s*(?::[a-z0-9_+-]+:|[\\p{So}✓✔✗✘‼])\\x{FE0F}?\\s*\\p{L}[\\p{L}\\p{M}\\d .]{0,40}$");
    private static final Pattern CHECK_LEAD = Pattern.compile("^(?<check>\\p{L}[\\w.]*[\\w])\\b");
    /** A tag and its value leading what follows a host: "temp_retur = 58 °C", "tryk_fremløb = 2,1 bar". */
    private static final Pattern TAG_VALUE =
            Pattern.compile("^(?<tag>\\p{L}[\\p{L}\\d]*(?:[_.]/?[\\p{L}\\d]+)+)(?:\\s*=\\s*|\\s+)-?\\d");
    /** GitLab's alert management through its Slack integration: "Alert firing in group/project". */
    private static final Pattern ALERT_FIRING_IN =
            Pattern.compile("^\\W*Alert\\s+firing\\s+in\\s+(?<project>[\\w.-]+(?:/[\\w.-]+)+)\\s*$");
    /** A Kubernetes object as an event names it: "Pod/kundeportal-7c9d8b6f5-x2k4q". */
    private static final Pattern K8S_KIND_NAME = Pattern.compile("^[A-Z][A-Za-z]+/(?<name>[a-z0-9][a-z0-9.-]{1,252})$");
    /**
     * A clock leading a bot's line, a name joined by dashes or underscores, and the times it was expected and checked:
     * "⏰ aflaesning-nat … (forventet 02:00, tjekket 02:45)": a run that did not come.
     */
    private static final Pattern CLOCK_MISSED = Pattern.compile(
            "^\\s*(?:⏰|⌛|:alarm_clock:|:hourglass:)\\x{FE0F}?\\s*(?<name>\\p{L}[\\p{L}\\d]*(?:[-_][\\p{L}\\d]+)+)\\s+\\p{L}"
                    + "[^\\n]*?\\d{1,2}:\\d{2}[^\\n\\d]{1,30}\\d{1,2}:\\d{2}");

    /** A thing named with a number in it, as devices, rooms and vehicles are: "70-4412", "CR-07", "P12", "ups3". */
    private static final Pattern NUMBERED_THING =
            Pattern.compile("(?<![\\w-])(?:\\d+-\\d+|\\p{L}{1,6}-?\\d+)(?![\\w-])");

    /** A Kubernetes object as Flux names an event's source: kind, a slash, name and namespace. */
    private static final Pattern K8S_OBJECT_AUTHOR =
            Pattern.compile("[a-z]{3,30}/[a-z0-9][a-z0-9.-]{0,80}\\.[a-z0-9][a-z0-9-]{0,62}");

    /** A title that is a tool's name and "alert" and nothing else: "FastNetMon Alert!". */
    private static final Pattern CALLS_ITSELF_ALERT =
            Pattern.compile("(?i)^\\W*[\\p{L}\\d][\\p{L}\\d .-]{0,40}?\\s+(?:alert|alarm)\\W*$");

    /**
     * Whether an attachment's colour is backed by what the message says: the headline calls itself an alert, a
     * measurement beside its limit is over it (red, amber) or under it (green), or a red attachment's title carries a
     * state word in capitals. A colour alone is no state: builds, deploys, feeds and tickets are coloured too.
     */
    private static boolean colourBacked(String colour, List<String> headlines) {
        if (CALLS_ITSELF_ALERT.matcher(headlines.get(0)).matches()) {
            return true; // "FastNetMon Alert!": the title is only what it is, the colour says its state
        }
        boolean green = colour.equals("green");
        Matcher te = TITLE_ENTITY.matcher(headlines.get(0));
        if (!green && te.find() && AlertNames.hostLike(te.group(1))) {
            return true; // "Visszatérítési sor elakadt – refund-queue": what is wrong, a dash, the thing it is wrong
            // with
        }
        for (String h : headlines) {
            if (!green && Boolean.TRUE.equals(Thresholds.limitCrossed(h))) {
                return true; // "9.5 °C (เกณฑ์ 2–8 °C)": past the limit beside it, whatever word names the limit
            }
            Matcher over = Thresholds.OVER_THRESHOLD.matcher(h);
            if (over.find()) {
                over.reset();
                if (Thresholds.overThreshold(over) != green) {
                    return true;
                }
            }
        }
        if (green) {
            // a green attachment that names the failures it ends: "berhasil lagi ✅ / setelah 3 kali gagal"
            return GenericWords.FAILED_WORDS
                    .matcher(String.join("\n", headlines))
                    .find();
        }
        // "ALARMĂ: replicare întârziată", "AVERTISMENT: memorie ridicată": a red or amber title led by one word in
        // capitals, whatever the language, and what is wrong after its colon
        return GenericWords.CAPS_STATE_ANY.matcher(headlines.get(0)).find()
                || CAPS_WORD_COLON.matcher(headlines.get(0)).find();
    }

    /** A title led by one word in capitals and a colon, in any script. */
    private static final Pattern CAPS_WORD_COLON = Pattern.compile("^\\W*\\p{Lu}{4,20}:\\s+\\p{L}");

    /**
     * A title that names only a tool's numbered alert, maybe with its state word: "PagerDuty #40211 발생", "Opsgenie-larm
     * #5120"; the alert's own name is in the lines under it.
     */
    private static final Pattern ID_TITLE =
            Pattern.compile("\\W*(?:[\\p{L}][\\p{L}.-]*\\s+){0,2}#[\\w-]{1,12}(?:\\s+[\\p{L}\\p{M}]+)?\\W*");

    private static boolean isWeak(String state) {
        return GenericWords.WEAK.contains(state.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    /** Whether a tag match is a real tag, not a sentence that happens to start with a state word. */
    /** Whether a tag found leading a headline says a state: a tag, and a word that is one or stands out as one. */
    private static boolean tagSays(Matcher m, boolean alertish) {
        return GenericWords.tagged(m)
                && (!isWeak(m.group("state"))
                        || alertish
                        || m.group("open") != null
                        || m.group("state").equals(m.group("state").toUpperCase(Locale.ROOT)));
    }

    /** The new state in a value such as {@code Triggered}, {@code ALARM} or {@code OK -> ALARM}; null when none. */
    private static String lastState(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = GenericWords.ANY_STATE.matcher(value);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** The lines a tool puts its state in: the first three lines of the text, titles and header blocks. */
    /** A status line without a colon, the state then a time or nothing: "Status Down on 17.02.2026 14:52:09". */
    private static final Pattern STATUS_LINE = Pattern.compile(
            "(?im)^[\\s>*_]*status\\s+(?<state>down|up|warning|critical|unusual)[*_]?(?:\\s+(?:on|at|since)\\s+\\d[^\\n]*)?\\s*$");
    /** The state a status field says it was before: PRTG's "Status: Up (was: Down)". */
    private static final Pattern WAS_STATE =
            Pattern.compile("(?i)\\(\\s*(?:was|previously|prev|from|before|vorher|antes|era)\\b[^)]*\\)");
}
