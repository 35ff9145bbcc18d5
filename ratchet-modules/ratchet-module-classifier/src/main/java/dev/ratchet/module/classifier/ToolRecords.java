package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Finding.found;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tools' own texts read whole, each from its documentation or source: loggers' records (winston, Fluentd, Monolog),
 * daemons' notices as hook scripts relay them (upsmon, mdadm, keepalived, HAProxy, orchestrator), and the renderings
 * of tools met in the blind sets (ZMON, Fluent Bit, ARTEMIS, Iris, Versus Incident, Siren, Quay, Skyline, StreamAlert,
 * Cowrie, sitespeed.io, autoheal, BGPalerter, Laravel's failed-job monitor). Unlike the rest of {@link
 * GenericRecogniser}, which reads where a state is written whatever the tool, each of these knows one tool's words:
 * they are asked at one point of its reading (after a numbered incident, before the headlines' states), and what they
 * find is reported as the generic recogniser's.
 */
final class ToolRecords {

    private ToolRecords() {}

    /** A logger's line as winston's Slack transport writes it: "error: Redis connection … failed". */
    private static final Pattern LEVEL_PREFIX = Pattern.compile(
            "^(?<level>error|fatal|crit|critical|alert|emerg|emergency|warn|warning|notice|info|http|verbose|debug|silly):\\s+\\S");

    /** A log record relayed with its host in brackets and its level in capitals: "[erp-app01] ERROR pool exhausted". */
    private static final Pattern HOST_LEVEL = Pattern.compile(
            "^\\[(?<host>(?=[^\\]]*[\\p{Ll}\\d])[\\p{L}\\d][\\w.-]*)\\]\\s+(?<level>ERROR|FATAL|CRIT|CRITICAL|ALERT|EMERG|EMERGENCY)\\s+\\S");

    /** A log level that says something failed (an open), as PSR-3, syslog and winston name them. */
    private static final Pattern FAILING_LEVEL =
            Pattern.compile("(?i)error|err|fatal|crit|critical|alert|emerg|emergency");

    /** autoheal's webhook text: "Container /name (id) found to be unhealthy - Restarting container now …". */
    private static final Pattern AUTOHEAL = Pattern.compile(
            "^Container\\s+/?(?<name>[\\w.-]+)\\s+\\((?<id>[0-9a-f]{6,64})\\)\\s+found\\s+to\\s+be\\s+unhealthy\\s+-\\s+(?<what>.*)$");

    /** BGPalerter's channels, the title of its Slack report. */
    private static final Set<String> BGP_CHANNELS =
            Set.of("hijack", "visibility", "rpki", "path", "newprefix", "misconfiguration", "roa");

    /** A prefix a BGP report names: "203.0.113.0/24", its description after it in brackets when it is a monitored one. */
    private static final Pattern PREFIX = Pattern.compile(
            "(?<![\\w.:/])(?<prefix>(?:\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}|[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}/\\d{1,3})(?<described>\\s+\\()?");

    /** spatie/laravel-failed-job-monitor's Slack text: "A job failed at https://app.example". */
    private static final Pattern LARAVEL_JOB_FAILED =
            Pattern.compile("^A job failed at <?https?://(?<host>[^/\\s|>]+)");

    /** upsmon's (Network UPS Tools) default notify texts: "UPS ups1@host on battery", "Communications with UPS … lost". */
    private static final Pattern UPSMON =
            Pattern.compile("^(?:(?<comm>Communications with UPS) (?<cups>[\\w.-]+)(?:@\\S+)?"
                    + " (?<link>lost|established)|UPS (?<ups>[\\w.-]+)(?:@\\S+)?:? (?<what>on battery|on line power|battery is low"
                    + "|battery needs to be replaced|is unavailable|forced shutdown in progress))\\.?$");

    /** mdadm --monitor's event and array ("mdadm on db1: Fail event on /dev/md1, component /dev/sdb2"). */
    private static final Pattern MDADM_EVENT = Pattern.compile(
            "(?:^|:\\s)(?<event>[A-Z][A-Za-z]+|Rebuild\\d{1,2}) event (?:detected )?on (?:md device )?(?<md>/dev/md[\\w/.-]*)");

    /** keepalived's notify arguments: "INSTANCE VI_1 FAULT", "keepalived@lb-2: INSTANCE VI_1 → BACKUP". */
    private static final Pattern KEEPALIVED = Pattern.compile(
            "^(?:\\S*@(?<host>[\\w.-]+):?\\s+)?(?:INSTANCE|GROUP)\\s+(?<name>\\S+)\\s*(?:→|->|=>|:)?\\s*(?<state>FAULT|MASTER|BACKUP|STOP)\\b");

    /** HAProxy's health check lines: "Server be/web-2 is DOWN, reason: …", "backend be has no server available!". */
    private static final Pattern HAPROXY = Pattern.compile(
            "^(?:\\[\\w+\\]\\s+)?(?:(?:Health check for )?(?:backup )?[Ss]erver"
                    + " (?<server>[\\w.-]+/[\\w.-]+) is (?<state>DOWN|UP)\\b|backend (?<backend>[\\w.-]+) has no server available!)");

    /** orchestrator's recovery hooks: "Detected DeadMaster on db-1:3306", "Recovered from DeadMaster on db-1:3306". */
    private static final Pattern ORCHESTRATOR = Pattern.compile(
            "^(?<verb>Detected|Recovered from) (?<code>(?:Dead|Unreachable|Locked|AllMaster|Master|Intermediate|Co)[A-Za-z]+)"
                    + " on (?<instance>[\\w.-]+:\\d{2,5})");

    /**
     * Daemons' own texts as hook scripts relay them (from their documentation and sources): upsmon's notify messages,
     * mdadm's monitor events, keepalived's notify arguments, HAProxy's health checks, orchestrator's recovery hooks.
     */
    private static Optional<Finding> daemonLine(String t) {
        String line = t.split("\n", 2)[0].strip();
        Matcher u = UPSMON.matcher(line);
        if (u.matches()) {
            if (u.group("comm") != null) {
                return Optional.of(found(
                        u.group("link").equals("lost") ? Action.OPEN : Action.CLOSE,
                        u.group("cups"),
                        "communication",
                        "upsmon's communication notice"));
            }
            String what = u.group("what");
            String alert = what.startsWith("battery")
                    ? "battery"
                    : what.startsWith("is unavailable")
                            ? "communication"
                            : what.startsWith("forced") ? "shutdown" : "power";
            return Optional.of(found(
                    what.equals("on line power") ? Action.CLOSE : Action.OPEN,
                    u.group("ups"),
                    alert,
                    "upsmon's notice \"" + what + "\""));
        }
        Matcher md = MDADM_EVENT.matcher(line.replace("*", ""));
        if (md.find()) {
            String event = md.group("event");
            return Optional.of(
                    switch (event) {
                        case "Fail", "FailSpare", "DegradedArray", "SparesMissing", "DeviceDisappeared" ->
                            found(Action.OPEN, md.group("md"), event, "mdadm's " + event + " event");
                        case "RebuildFinished" ->
                            found(Action.CLOSE, md.group("md"), "DegradedArray", "mdadm's RebuildFinished event");
                        default ->
                            new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("mdadm's " + event + " event"),
                                    true);
                    });
        }
        Matcher k = KEEPALIVED.matcher(line);
        if (k.find()) {
            String host = k.group("host") == null ? "" : k.group("host");
            return Optional.of(
                    switch (k.group("state")) {
                        case "FAULT" -> found(Action.OPEN, host, k.group("name"), "keepalived's FAULT state");
                        case "BACKUP" ->
                            found(Action.CLOSE, host, k.group("name"), "keepalived's BACKUP state, out of fault");
                        default ->
                            new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("keepalived's " + k.group("state") + " state (a failover's other side)"));
                    });
        }
        Matcher h = HAPROXY.matcher(line);
        if (h.find()) {
            if (h.group("backend") != null) {
                return Optional.of(found(
                        Action.OPEN, h.group("backend"), "no server available", "HAProxy's backend without a server"));
            }
            return Optional.of(found(
                    h.group("state").equals("DOWN") ? Action.OPEN : Action.CLOSE,
                    h.group("server"),
                    "health check",
                    "HAProxy's health check"));
        }
        Matcher o = ORCHESTRATOR.matcher(line);
        if (o.find()) {
            return Optional.of(found(
                    o.group("verb").equals("Detected") ? Action.OPEN : Action.CLOSE,
                    o.group("instance"),
                    o.group("code"),
                    "orchestrator's " + o.group("verb") + " hook"));
        }
        return Optional.empty();
    }

    /**
     * A logger's record or a tool's documented notification read whole: winston's "error: …" under the app's name,
     * Fluentd's "[host] ERROR …", Monolog's card (title "Message", a Level field) under the app's name (a failing level
     * opens, a warning or notice is a look-alike); autoheal's unhealthy container (restarting opens, a failed restart is
     * its update); BGPalerter's channel report (the monitored prefix, the channel); Laravel's failed job (the app's host,
     * the job class). Empty when the message is none of these.
     */
    static Optional<Finding> logRecordOrTool(MessageView view) {
        String t = SlackText.normalise(view.text()).strip();
        String poster = view.username() == null ? "" : view.username().strip();
        Optional<Finding> real = realToolFormat(view, t, poster);
        if (real.isEmpty()) {
            real = moreRealToolFormats(view, t);
        }
        if (real.isPresent()) {
            return real;
        }
        Optional<Finding> daemon = daemonLine(t);
        if (daemon.isPresent()) {
            return daemon;
        }
        Matcher heal = AUTOHEAL.matcher(t);
        if (!t.contains("\n") && heal.matches()) {
            boolean failedRestart = heal.group("what").toLowerCase(Locale.ROOT).contains("failed to restart");
            return Optional.of(
                    failedRestart
                            ? new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("autoheal's failed restart of a container it already reported"))
                            : found(Action.OPEN, heal.group("name"), "", "autoheal's unhealthy container"));
        }
        Matcher lp = LEVEL_PREFIX.matcher(t);
        if (!t.contains("\n") && lp.find() && !poster.isEmpty()) {
            return Optional.of(
                    FAILING_LEVEL.matcher(lp.group("level")).matches()
                            ? found(Action.OPEN, poster, "", "a logger's \"" + lp.group("level") + ":\" line")
                            : new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("a logger's " + lp.group("level") + " line"),
                                    true));
        }
        Matcher hl = HOST_LEVEL.matcher(t);
        if (!t.contains("\n") && hl.find()) {
            return Optional.of(found(Action.OPEN, hl.group("host"), "", "a log record of level " + hl.group("level")));
        }
        String level = view.field("level");
        if (!level.isEmpty() && view.titles().contains("Message")) {
            String app = !poster.isEmpty() ? poster : view.field("footer");
            return Optional.of(
                    FAILING_LEVEL.matcher(level).matches()
                            ? found(Action.OPEN, app, "", "a logger's record of level " + level)
                            : new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("a logger's record of level " + level),
                                    true));
        }
        if (!view.titles().isEmpty()
                && BGP_CHANNELS.contains(view.titles().get(0).strip().toLowerCase(Locale.ROOT))) {
            Matcher p = PREFIX.matcher(t);
            String prefix = null;
            while (p.find()) {
                if (prefix == null || p.group("described") != null) {
                    prefix = p.group("prefix");
                    if (p.group("described") != null) {
                        break; // the monitored prefix, named with its description
                    }
                }
            }
            if (prefix != null) {
                return Optional.of(
                        found(Action.OPEN, prefix, view.titles().get(0).strip(), "a BGP monitor's channel report"));
            }
        }
        Matcher lj = LARAVEL_JOB_FAILED.matcher(t);
        if (lj.find() && !view.field("job class").isEmpty()) {
            return Optional.of(found(Action.OPEN, lj.group("host"), view.field("job class"), "a failed queued job"));
        }
        return Optional.empty();
    }

    /**
     * ZMON's subject (zmon-worker's {@code _get_subject}): "NEW ALERT: <name> on <entity>", "ALERT ENDED: … for
     * <str(duration)[:7]>" ("0:41:19", "11:04:3", "2 days,"), "ALERT ONGOING: …" (an update).
     */
    private static final Pattern ZMON_SUBJECT = Pattern.compile(
            "^(?<state>NEW ALERT|ALERT ENDED|ALERT ONGOING):\\s+(?<name>.+?)"
                    + "(?:\\s+on\\s+(?<entity>\\S+))?(?:\\s+for\\s+(?:\\d+\\s+days?,.{0,2}|\\d{1,2}:\\d{2}(?::\\d{0,2})?))?$");

    /** Fluent Bit's out_slack record: {@code ["timestamp": <sec>.<nsec>, {"k"=>"v", …}]}, msgpack's map printing. */
    private static final Pattern FLUENT_BIT_RECORD =
            Pattern.compile("^\\[\\s*\"timestamp\"\\s*:\\s*\\d{9,}(?:\\.\\d+)?\\s*,\\s*\\{(?<map>.*)\\}\\s*\\]$");

    /** A pair of msgpack's printed map: {@code "k"=>"v"} or {@code "k"=>37}. */
    private static final Pattern MSGPACK_PAIR =
            Pattern.compile("\"(?<k>[^\"]{1,40})\"=>(?:\"(?<s>(?:[^\"\\\\]|\\\\.)*)\"|(?<v>[-\\w.]+))");

    /** A log level leading a record's message: "FATAL:  could not write …", "[error] …", "ERROR …". */
    private static final Pattern MESSAGE_LEVEL = Pattern.compile(
            "^\\[?(?<level>(?i:fatal|panic|error|err|crit|critical|emerg|alert|warn|warning|info|notice|debug))\\]?(?::|\\s)");

    /**
     * A paging card: a red attachment titled as the tool's numbered incident ("Iris incident 48211") offering to claim
     * or acknowledge it, its text the page ("[app] body").
     */
    private static final Pattern PAGE_TITLE =
            Pattern.compile("^(?:\\p{L}[\\p{L}\\d]*\\s+)?incident\\s+#?\\d{1,9}$", Pattern.CASE_INSENSITIVE);

    private static final Pattern CLAIM_BUTTON = Pattern.compile("(?i)^\\W*(?:claim|ack(?:nowledge)?|take)\\b.*");

    /** A page's text: the application that sent it in brackets, then its body ("[grafana] db-2: disk above 90%"). */
    private static final Pattern PAGE_BODY = Pattern.compile("^\\[(?<app>[\\w .-]{1,40})\\]\\s+(?<body>\\S.*)$");

    /** An identifier in one word, as alert rules are named: "KubePodCrashLooping", "disk_space_low". */
    private static final Pattern RULE_NAME =
            Pattern.compile("(?:\\p{Lu}\\p{Ll}+){2,}\\w*|\\p{L}+(?:_\\p{L}[\\p{L}\\d]*)+");

    /**
     * Versus Incident's Slack template: "🔥 FIRING: <title> (<source>)" or "✅ RESOLVED: …", then "Severity:",
     * "Resource:", "Description:" lines.
     */
    private static final Pattern VERSUS_HEAD =
            Pattern.compile("^\\W*(?<state>FIRING|RESOLVED):\\s*(?<title>.+?)\\s+\\((?<source>[^()]{1,40})\\)\\W*$");

    private static final Pattern VERSUS_RESOURCE = Pattern.compile("(?m)^\\W*Resource:\\s*(?<resource>\\S.*?)\\s*$");

    /**
     * Siren's (Raystack) alert pretext: "(FIRING:1) (CRITICAL) name", "(RESOLVED) (CRITICAL) name" (the severity struck
     * through on resolve; marks and emoji already gone).
     */
    private static final Pattern SIREN_PRETEXT = Pattern.compile(
            "^\\W*\\((?<state>FIRING:\\d+|RESOLVED)\\)\\s*\\((?<severity>[A-Z]+)\\)\\s*(?<name>[\\w.:-]+)\\s*$");

    /** A service named in prose by its hyphenated name: "consumer lag of firehose-orders is …". */
    private static final Pattern HYPHENATED = Pattern.compile("(?<![\\w./-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\\w./-])");

    /**
     * Real tools' documented renderings read whole, from their sources: ZMON's subject, Fluent Bit's out_slack record
     * (a failing level opens, another level is a look-alike), an ARTEMIS hijack record (slacker_log_handler posting the
     * hijack logger's JSON), a paging card to claim a numbered incident (LinkedIn Iris), Versus Incident's template
     * and Siren's pretext (names: the alert and the resource). Empty when it is none of these.
     */
    private static Optional<Finding> realToolFormat(MessageView view, String t, String poster) {
        String first = t.split("\n", 2)[0].strip();
        Matcher zmon = ZMON_SUBJECT.matcher(first);
        if (!t.contains("\n") && zmon.matches()) {
            String entity = zmon.group("entity") == null ? "" : zmon.group("entity");
            String name = zmon.group("name").strip();
            return Optional.of(
                    switch (zmon.group("state")) {
                        case "NEW ALERT" -> found(Action.OPEN, entity, name, "ZMON's \"NEW ALERT\" subject");
                        case "ALERT ENDED" -> found(Action.CLOSE, entity, name, "ZMON's \"ALERT ENDED\" subject");
                        default ->
                            new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("ZMON's \"ALERT ONGOING\": an update of an alert still open"));
                    });
        }
        Matcher fb = FLUENT_BIT_RECORD.matcher(first);
        if (fb.matches()) {
            Map<String, String> pairs = new java.util.LinkedHashMap<>();
            Matcher p = MSGPACK_PAIR.matcher(fb.group("map"));
            while (p.find()) {
                pairs.putIfAbsent(
                        p.group("k").toLowerCase(Locale.ROOT), p.group("s") != null ? p.group("s") : p.group("v"));
            }
            String message = firstOf(pairs, "msg", "message", "log", "error");
            String level = firstOf(pairs, "level", "severity", "lvl", "log_level", "loglevel");
            if (level.isEmpty()) {
                Matcher ml = MESSAGE_LEVEL.matcher(message);
                level = ml.find() ? ml.group("level") : "";
            }
            if (!level.isEmpty()) {
                String what = MESSAGE_LEVEL.matcher(message).replaceFirst("").strip();
                what = what.split(":", 2)[0].strip();
                if (what.length() > 60) {
                    what = what.substring(0, 60).strip();
                }
                String service = firstOf(
                        pairs, "service", "app", "application", "pod_name", "container_name", "host", "hostname");
                return Optional.of(
                        FAILING_LEVEL.matcher(level).matches() || level.equalsIgnoreCase("panic")
                                ? found(
                                        Action.OPEN,
                                        service.isEmpty() ? poster : service,
                                        level + " log" + (what.isEmpty() ? "" : ": " + what),
                                        "a forwarded log record of level " + level)
                                : new Finding(
                                        Classification.none("generic", "builtin"),
                                        List.of("a forwarded log record of level " + level),
                                        true));
            }
        }
        String hijacker = view.field("hijack_as");
        String prefix = view.field("prefix");
        if (!hijacker.isEmpty() && !prefix.isEmpty()) {
            String type = view.field("type");
            return Optional.of(found(
                    Action.OPEN,
                    prefix.replace("\\/", "/"),
                    "BGP hijack" + (type.isEmpty() ? "" : " " + type),
                    "a BGP hijack record (AS" + hijacker + ")"));
        }
        if (!view.titles().isEmpty()
                && PAGE_TITLE.matcher(view.titles().get(0).strip()).matches()
                && "red".equals(view.attachmentColour())
                && view.buttons().stream().anyMatch(b -> CLAIM_BUTTON.matcher(b).matches())) {
            Matcher page = PAGE_BODY.matcher(first);
            String body = page.matches() ? page.group("body") : first;
            String[] sides = body.split(":\\s+", 2);
            String service = "";
            String alert = body;
            if (sides.length == 2) {
                String left = sides[0].strip();
                String right = sides[1].split("\\s+\\(|\\s+-\\s+", 2)[0].strip();
                if (RULE_NAME.matcher(left).matches()) {
                    alert = left;
                    service = right.split("\\s+", 2)[0];
                } else {
                    service = left;
                    alert = right;
                }
            }
            return Optional.of(found(
                    Action.OPEN,
                    service,
                    alert,
                    "a paging card (\"" + view.titles().get(0).strip() + "\") to claim"));
        }
        Matcher versus = VERSUS_HEAD.matcher(first);
        Matcher resource = VERSUS_RESOURCE.matcher(t);
        if (versus.matches() && resource.find() && t.contains("Description:")) {
            return Optional.of(found(
                    versus.group("state").equals("FIRING") ? Action.OPEN : Action.CLOSE,
                    resource.group("resource"),
                    versus.group("title").strip(),
                    "Versus Incident's " + versus.group("state") + " card from " + versus.group("source")));
        }
        Matcher siren = SIREN_PRETEXT.matcher(first);
        if (siren.matches()) {
            String rest = t.split("\n", 2).length > 1 ? t.split("\n", 2)[1] : "";
            Matcher svc = HYPHENATED.matcher(rest);
            return Optional.of(found(
                    siren.group("state").startsWith("FIRING") ? Action.OPEN : Action.CLOSE,
                    svc.find() ? svc.group() : "",
                    siren.group("name"),
                    "a (" + siren.group("state") + ") (" + siren.group("severity") + ") pretext"));
        }
        return Optional.empty();
    }

    /**
     * Quay's notification summaries (notificationevent.py): "Critical vulnerability detected in repository ns/repo in 3
     * tags", "4 High and 7 more vulnerabilities were detected in repository …" (its level: error for Critical, warning
     * for High and Medium, info below), "Repository Mirror started|failed|success for ns/repo".
     */
    private static final Pattern QUAY_VULNERABILITY = Pattern.compile(
            "^(?:\\d+\\s+)?(?<priority>Critical|High|Medium|Low|Negligible|Unknown)(?:\\s+and\\s+\\d+\\s+more)?"
                    + "\\s+vulnerabilit(?:y|ies)\\s+(?:was\\s+|were\\s+)?detected\\s+in\\s+repository\\s+(?<repo>\\S+)"
                    + "\\s+in\\s+\\d+\\s+tags?$");

    private static final Pattern QUAY_MIRROR =
            Pattern.compile("^Repository Mirror (?<state>started|failed|success) for (?<repo>\\S+)$");

    /**
     * A tool's title naming its alert in capitals after a dash, then the thing it is on: "Skyline Analyzer - ALERT on
     * stats.app.5xx_rate at 24 hours - 18.4 :: …", "Skyline Mirage - WATERFALL ALERT on …" (earthgecko/skyline's
     * alert_slack comment, its bold gone).
     */
    private static final Pattern DASH_ALERT_ON = Pattern.compile(
            "^(?<tool>\\p{Lu}[\\p{L}\\d]*(?:\\s+\\p{Lu}[\\p{L}\\d]*){0,3})\\s+[-–]\\s+(?:\\p{Lu}+\\s+)?ALERT\\s+on\\s+"
                    + "(?<thing>[\\w.:/@-]*\\w)(?:\\s|$)");

    /**
     * StreamAlert's Slack title (alert_processor/outputs/slack.py): "StreamAlert Rule Triggered: <rule>", the record's
     * keys below it one to a line ("hostIdentifier: …", "accountId: …").
     */
    private static final Pattern RULE_TRIGGERED = Pattern.compile(
            "^(?<tool>\\p{Lu}[\\p{L}\\d]*(?:\\s+\\p{Lu}[\\p{L}\\d]*){0,2})\\s+Rule Triggered:\\s*(?<rule>[\\w.:-]+)$");

    /** Cowrie's Slack output: the time, then the event's JSON ({@code json.dumps(entry, indent=4, sort_keys=True)}). */
    private static final Pattern COWRIE_EVENT = Pattern.compile("\"eventid\"\\s*:\\s*\"(?<event>cowrie\\.[\\w.-]+)\"");

    /** Cowrie's events that say an intruder got in or brought something: a honeypot's detections. */
    private static final Set<String> COWRIE_DETECTIONS =
            Set.of("cowrie.login.success", "cowrie.session.file_download", "cowrie.session.file_upload");

    /**
     * sitespeed.io's Slack summary (lib/plugins/slack/summary.js): "2 pages analyzed for site (5 runs, Chrome/desktop/
     * native)", "Site summary (result)", its metrics, then "1 error(s):" when a page could not be tested, each page an
     * attachment whose fields hold "browsertime error: …".
     */
    private static final Pattern SITESPEED_SUMMARY = Pattern.compile(
            "^\\d+\\s+pages?\\s+analyzed\\s+for\\s+(?<site>\\S+)\\s+\\(\\d+\\s+runs?,[^)]*\\)\\s*\\n\\s*Site summary\\b");

    private static final Pattern SITESPEED_ERRORS = Pattern.compile("(?m)^\\s*(?<n>\\d+)\\s+error\\(s\\):\\s*$");

    private static final Pattern SITESPEED_PAGE_ERROR = Pattern.compile(
            "(?m)^\\s*(?<url>https?://\\S+)\\s*\\n(?:(?!https?://)[^\\n]*\\n)*?\\s*[\\w-]+ error:\\s*\\S");

    /**
     * A log line relayed with its host first and its level in capitals before a colon, as logstash-output-slack's
     * format ("%{host} %{level}: %{message}") writes it: "web-7 ERROR: could not connect to db-1:5432". A line that says it is well again ("… recovered", "… back to normal") is a badly levelled info
     * line.
     */
    private static final Pattern HOST_LEVEL_COLON = Pattern.compile(
            "^(?<host>[a-z][a-z\\d]*(?:[.-][a-z\\d]+)+)\\s+(?<level>ERROR|FATAL|CRIT|CRITICAL|ALERT|EMERG|EMERGENCY|SEVERE)"
                    + ":\\s+(?<msg>\\S.*)$");

    /**
     * More real tools' documented renderings read whole, from their sources: Quay's summaries (a vulnerability at the
     * error or warning level and a failed mirror open, the mirror's success closes, its start is an info event),
     * Skyline's alert comment, Cowrie's event records (a login that succeeded or a file brought open; its other events
     * are the honeypot's log), sitespeed.io's summary (a page that could not be tested opens, the rest is a report) and
     * a host's log line at a failing level. Empty when it is none of these.
     */
    private static Optional<Finding> moreRealToolFormats(MessageView view, String t) {
        String first = t.split("\n", 2)[0].strip();
        Matcher vuln = QUAY_VULNERABILITY.matcher(first);
        if (vuln.matches()) {
            String priority = vuln.group("priority");
            boolean raised = priority.equals("Critical") || priority.equals("High") || priority.equals("Medium");
            return Optional.of(
                    raised
                            ? found(
                                    Action.OPEN,
                                    vuln.group("repo"),
                                    "vulnerability_found",
                                    "Quay's " + priority + " vulnerability summary")
                            : new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("Quay's " + priority + " vulnerability summary (its info level)"),
                                    true));
        }
        Matcher mirror = QUAY_MIRROR.matcher(first);
        if (mirror.matches()) {
            String repo = mirror.group("repo");
            return Optional.of(
                    switch (mirror.group("state")) {
                        case "failed" -> found(Action.OPEN, repo, "repo_mirror_sync", "Quay's mirror failure");
                        case "success" -> found(Action.CLOSE, repo, "repo_mirror_sync", "Quay's mirror success");
                        default ->
                            new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("Quay's mirror start: an info event"),
                                    true);
                    });
        }
        Matcher rule = RULE_TRIGGERED.matcher(first);
        if (rule.matches()) {
            String subject = "";
            for (String key : List.of("hostIdentifier", "hostname", "host", "org", "accountId", "account")) {
                Matcher v = Pattern.compile("(?m)^\\s*" + key + ":\\s*(?<v>\\S+)\\s*$")
                        .matcher(t);
                if (v.find()) {
                    subject = v.group("v");
                    break;
                }
            }
            return Optional.of(found(
                    Action.OPEN, subject, rule.group("rule"), "a \"" + rule.group("tool") + " Rule Triggered\" title"));
        }
        Matcher alertOn = DASH_ALERT_ON.matcher(first);
        if (alertOn.find()) {
            return Optional.of(found(
                    Action.OPEN,
                    alertOn.group("thing"),
                    alertOn.group("tool") + " anomaly",
                    "a title \"" + alertOn.group("tool") + " - ALERT on …\""));
        }
        Matcher cowrie = COWRIE_EVENT.matcher(t);
        if (TIMED_RECORD.matcher(t).find() && cowrie.find()) {
            String event = cowrie.group("event");
            Matcher sensor =
                    Pattern.compile("\"sensor\"\\s*:\\s*\"(?<s>[^\"]+)\"").matcher(t);
            String service = sensor.find() ? sensor.group("s") : "";
            return Optional.of(
                    COWRIE_DETECTIONS.contains(event)
                            ? found(Action.OPEN, service, event, "a honeypot's " + event + " event")
                            : new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("a honeypot's " + event + " event: its log, no detection"),
                                    true));
        }
        Matcher site = SITESPEED_SUMMARY.matcher(t);
        if (site.find()) {
            Matcher errors = SITESPEED_ERRORS.matcher(t);
            if (errors.find() && Integer.parseInt(errors.group("n")) > 0) {
                Matcher page = SITESPEED_PAGE_ERROR.matcher(t);
                return Optional.of(found(
                        Action.OPEN,
                        page.find() ? page.group("url") : site.group("site"),
                        "sitespeed.io page error",
                        "a performance run's summary counting " + errors.group("n") + " error(s)"));
            }
            return Optional.of(new Finding(
                    Classification.none("generic", "builtin"), List.of("a performance run's summary: a report"), true));
        }
        Matcher hl = HOST_LEVEL_COLON.matcher(first);
        if (!t.contains("\n") && hl.matches()) {
            return Optional.of(
                    LookAlikes.RUN_RECOVERED.matcher(hl.group("msg")).find()
                            ? new Finding(
                                    Classification.none("generic", "builtin"),
                                    List.of("a log line of level " + hl.group("level") + " saying it is well again"),
                                    true)
                            : found(
                                    Action.OPEN,
                                    hl.group("host"),
                                    hl.group("level").toLowerCase(Locale.ROOT) + " log",
                                    "a host's log line of level " + hl.group("level")));
        }
        return Optional.empty();
    }

    /** A record led by its time: "2027-05-28 11:05:27 {" (Cowrie), a JSON object after it. */
    private static final Pattern TIMED_RECORD =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?\\s*\\{");

    private static String firstOf(Map<String, String> pairs, String... keys) {
        for (String k : keys) {
            String v = pairs.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }
}
