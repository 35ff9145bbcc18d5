package dev.ratchet.module.classifier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last reading of an alert's name and service, once a recogniser has taken them from a headline: what a runbook and
 * a report find the alert's history by must be the same words in the open and in its close, so the name is the check's
 * own identifier when the message gives one, without the measurement, severity or host a tool writes after it, and the
 * service is the host, resource or probed address the message names when no field does.
 *
 * <p>Pure and thread-safe; every method leaves what it does not recognise as it was.
 */
final class AlertNames {

    private AlertNames() {}

    /** An alert's name and service. */
    record Names(String alert, String service) {}

    /**
     * A check's identifier as scripts and tools print it beside their prose: {@code check=fleet_unreachable},
     * {@code [check: picking_sla]}, {@code "check": "redis_ping"}, {@code check cert-expiry}, {@code sjekk:
     * ams_completeness_hourly} (Norwegian), {@code kontroll=mem_usage} (Swedish), {@code job: settlement_recon}. An
     * identifier: words joined by {@code _}, {@code -} or {@code .}, or camelCase ({@code serfHealth}); "check failed"
     * is prose.
     */
    private static final Pattern CHECK_ID = Pattern.compile("(?<![\\p{L}\\d_.-])(?i:check|sjekk|kontroll|kontrol|job)"
            + "[\"']?(?:[ \\t]*[=:][ \\t]*|[ \\t]+)[\"'`\\[]?"
            + "(?<id>\\p{L}[\\p{L}\\d]*(?:[_.-][\\p{L}\\d]+)+|\\p{Ll}+\\p{Lu}[\\p{L}\\d]*)(?![\\p{L}\\d_./-])");

    /** A Kubernetes reason as scripts print it: "Reason: BackoffLimitExceeded", "reason=NodeNotReady". */
    private static final Pattern K8S_REASON = Pattern.compile(
            "(?<![\\p{L}])(?i:reason)\\s*[=:]\\s*(?<id>\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}*)+)(?![\\p{L}\\d])");

    /** A check's identifier (no spaces) and the host it ran on: "HTTP_latency on web-lb-01", "System.Disk.Usage on db-3". */
    private static final Pattern ID_ON_HOST =
            Pattern.compile("^(?<id>[\\p{L}][\\w.:/-]*)\\s+on\\s+(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])$");

    /** A check's identifier and the details a script writes after a dash: "http_health - connection refused on :443". */
    private static final Pattern ID_DASH_DETAILS = Pattern.compile(
            "^(?<id>\\p{L}[\\w.:/]*[_.][\\w.:/]*|\\p{L}[\\w.:/]*-[\\w.:/-]*(?=\\s*\\()|\\p{Ll}[\\p{Ll}\\d]*)"
                    + "(?:\\s*\\([^()\\n]{1,40}\\))?\\s+-\\s+\\S.*$");

    /** A severity a tool writes after the name: "High p99 latency - critical", "UDP Flood (Critical)". */
    private static final Pattern TRAILING_SEVERITY = Pattern.compile(
            "(?i)\\s*(?:\\s[-–|·]\\s*|\\()(?:critical|warning|warn|high|medium|low|info|major|minor|error|sev\\s?\\d|p[1-5])\\)?\\s*$");

    /** An identifier with the state a tool wrote after it in capitals: "db-disk-usage FIRING (CRITICAL)", "x OK". */
    private static final Pattern ID_CAPS_STATE = Pattern.compile(
            "^(?<id>\\p{L}[\\w.:/-]*[_.-][\\w.:/-]*)\\s+(?:FIRING|OK|RESOLVED|TRIGGERED|ALARM|ALERT|RECOVERED|state)(?:\\s*\\([A-Z]+\\))?$");

    /** A measurement or a count in brackets after a name: "(11%)", "(2 alerts)", "(urgency: high)". */
    private static final Pattern TRAILING_MEASURE = Pattern.compile(
            "(?i)\\s*\\((?:\\d[\\d.,]*\\s*%|\\d+\\s+(?:alerts?|groups?|events?)|(?:urgency|severity|priority)\\s*:\\s*\\w+"
                    + "|value\\s+-?\\d[\\d.,]*|(?:namespace|env|environment)\\s*:\\s*[\\w.-]+|(?:policy|condition|workflow)\\s*:[^()]*|[^()=\\s]+=[^()]*|\\s*[\\w.-]+/[\\w./-]+\\s*)\\)\\s*$");

    /** A host a name ends on after a dash: "Login failures spike - auth-api", "Origin Not Responding - www.acme.example". */
    private static final Pattern TRAILING_DASH_HOST =
            Pattern.compile("^(?<name>\\S.*?\\S)\\s+[-–]\\s+(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])$");

    /**
     * The address a check probes, as uptime tools print it: after an HTTP method ("GET https://…"), a label ("URL:",
     * "Address:", "Checked URL:"), in brackets after the check's name ("Acme API (https://api.example.com/healthz)", not
     * a Markdown link's target) or after "for" ("certificate for https://shop.acme.io"); or leading a line with at most
     * one step of path ("https://shop.example.com/checkout", "https://www.example.com returned 503"), which a link back
     * to the tool's own page ("https://cronitor.io/app/monitors/x") is not.
     */
    private static final Pattern PROBED_URL = Pattern.compile(
            "(?im)(?:(?<!\\])\\(\\s*|\\b(?:GET|POST|PUT|HEAD|DELETE|PATCH"
                    + "|HTTPS?)\\s+|^[\\s>•*_-]*(?:url|address|checked\\s+url|monitor\\s+url|endpoint|target|website)\\s*:\\s*|\\bfor\\s+)"
                    + "https?://(?<host>[\\p{L}\\d][\\w-]*(?:\\.[\\w-]+)+)(?::\\d{1,5})?(?:[/?#][^\\s)]*)?(?=[\\s),.:;]|$)"
                    + "|^[\\s>•*_-]*https?://(?<lead>[\\p{L}\\d][\\w-]*(?:\\.[\\w-]+)+)(?::\\d{1,5})?(?:/[^\\s/?#]*)?/?(?=\\s|$)");

    /** A scope in braces, as Datadog monitors print it: "[Triggered on {host:kafka-2}]", "{queue:orders-events,env:prod}". */
    private static final Pattern SCOPE_TAG = Pattern.compile(
            "\\{(?:[^{}\\n]*?[,\\s])?(?:host|service|app|queue|db|database|kube_deployment|container_name|instance)"
                    + ":(?<value>[\\w.-]+)[^{}\\n]*}");

    /** An Alertmanager title relayed whole: "[FIRING:1] KubeJobFailed for kube-state-metrics (job_name=…)". */
    private static final Pattern RELAYED_ALERTMANAGER = Pattern.compile(
            "^\\[(?:FIRING|RESOLVED)(?::\\s*\\d+)?\\]\\s*(?<name>\\p{L}[\\w.:-]*)(?:\\s+for\\s+.*|\\s*\\(.*\\))?$");
    /** A Datadog title relayed whole: "[P1] [Triggered on {queue:orders-events}] Orders queue depth". */
    private static final Pattern RELAYED_DATADOG =
            Pattern.compile("^(?:\\[P[1-5]\\]\\s*)?\\[(?:Re-)?(?:Triggered|Recovered"
                    + "|Warn|Warning|No Data)(?:\\s+on\\s+\\{[^}\\n]*\\})?\\]\\s*(?=\\S)");
    /** A summary in brackets and where it happened: "(Disk usage above 90% on db-02) on Database Tier. Assigned to …". */
    private static final Pattern BRACKETED_SUMMARY = Pattern.compile("^\\((?<name>[^()]{3,})\\)\\s+on\\s+\\S.*$");
    /** Where a message's own part ends: a bar between fields, or two spaces before the next field. */
    private static final Pattern FIELD_BREAK = Pattern.compile("\\s+\\|\\s+|\\s{2,}(?=\\p{L}[\\p{L} ]{0,20}:)");

    /**
     * The alert's own name in a title an incident tool relays from another tool (PagerDuty's and Opsgenie's incidents
     * carry the source's title): Alertmanager's tag and labels, Datadog's state and scope, a count of grouped alerts.
     */
    static String relayed(String title) {
        String t = title.strip();
        Matcher am = RELAYED_ALERTMANAGER.matcher(t);
        if (am.matches()) {
            return am.group("name");
        }
        Matcher bracketed = BRACKETED_SUMMARY.matcher(t);
        if (bracketed.matches()) {
            t = bracketed.group("name");
        }
        t = RELAYED_DATADOG.matcher(t).replaceFirst("");
        String bare = TRAILING_MEASURE.matcher(t).replaceFirst("");
        return bare.length() >= 3 ? bare : t;
    }

    /** A title's own part, before the fields a template lists after it ("… | Entity: public-api | Source: …"). */
    static String headPart(String title) {
        String head = FIELD_BREAK.split(title.strip(), 2)[0];
        return head.length() >= 3 ? head : title;
    }

    /**
     * The kind of check leading its name: "Monitor nightly-db-backup", "The service Customer Portal", "Your site Shop
     * API", "Scheduled task nightly-invoices", "Deadman check telegraf heartbeat", "cronjob invoice-sync".
     */
    private static final Pattern KIND_OF_CHECK =
            Pattern.compile("(?i)^(?:the\\s+|your\\s+)?(?:monitor|service|site|check"
                    + "|test|scheduled\\s+task|deadman\\s+check|automation|cron\\s?job|component|uptime\\s+test"
                    + "|missed\\s+heartbeat|heartbeat)\\s+"
                    + "(?!(?:monitor|service|check|test|is|has|was|on|for|alert)\\b|[-:]|\\S+:\\s)(?=\\S)");

    /** A numbered record leading the name: "Offense 4191 CLOSED: …", "Alarm 884230: …", "Lacework Alert #834577: …". */
    private static final Pattern NUMBERED_LEAD =
            Pattern.compile("^(?:\\p{L}[\\p{L}-]*\\s+){1,3}#?\\d{3,}(?:\\s+\\p{L}+)?\\s*:\\s+(?=\\S)");

    /** Where it happened, leading the name: "Event on pay-app-01 closed: …", "in Shop Web: TypeError: …". */
    private static final Pattern WHERE_LEAD = Pattern.compile(
            "^(?:(?:\\p{L}+\\s+){1,3}on\\s+(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])"
                    + "(?:\\s+\\p{L}+)?|in\\s+(?<project>\\p{L}[\\w.-]*(?:\\s\\p{L}[\\w.-]*)?))\\s*:\\s+(?<rest>\\S.*)$");

    /** Fields a template lists after the name on its line: "Host memory high · Entity: worker-03", "… | Host: nfs-02". */
    private static final Pattern FIELDS_AFTER = Pattern.compile(
            "\\s+[·•|]\\s+(?:\\p{L}[\\p{L} ]{0,20}:\\s|(?i:sev\\s?\\d|p[1-5]|critical|warning|high|medium|low)\\b).*$");

    /** A name that is a tool's word for an alert and its identifier: "Sev2 Azure Monitor Alert vm-cpu-high on vm-web-01". */
    private static final Pattern KIND_THEN_ID =
            Pattern.compile("(?i)^(?:\\S+\\s+){0,4}?(?:alarm|alert|monitor|rule)\\s+"
                    + "(?<id>\\p{L}[\\w.:/]*[_.-][\\w.:/-]*)(?:\\s+on\\s+(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d]))?$");

    /** A severity leading an identifier: "High KubeNodeNotReady", "Sev2 vm-cpu-high". */
    private static final Pattern SEVERITY_THEN_ID = Pattern.compile(
            "(?i)^(?:high|medium|low|critical|warning|info|major|minor|sev\\s?\\d|p[1-5])\\s+(?=(?-i:\\p{Lu}\\p{Ll}+\\p{Lu}\\w*|\\p{L}[\\w.]*[_.-][\\w.:/-]*)$)");

    /** A state an uptime monitor appends to the check's name: "Checkout page is down", "status is up (Timeout)". */
    private static final Pattern TRAILING_IS_STATE = Pattern.compile(
            "(?i)^(?<name>[^:]{3,}?)\\s+(?:is|are)\\s+(?:now\\s+)?(?:down|up|failing|degraded|recovered|back\\s+up)(?:\\s*\\([^)]*\\))?[.!]?$");

    /** A headline that says only what kind of notification it is: "Service PROBLEM notification", "RECOVERY notification". */
    private static final Pattern NOTIFICATION_ONLY = Pattern.compile(
            "(?i)^(?:service\\s+|host\\s+)?(?:problem|recovery|alert|acknowledgement|flapping\\w*|custom)\\s+notification$");

    /** Whether a name read from a headline is only the kind of notification (the check is in a field). */
    static boolean notificationOnly(String alert) {
        return NOTIFICATION_ONLY.matcher(alert.strip()).matches();
    }

    /**
     * A script's job or check named by its identifier, then what happened to it: "CRON nightly-export on batch-2 (exit
     * 1)", "SYNTHETIC login-flow (eu-west-1) …", "customer_sync finished 07:12", "domain-expiry tallyhq.io renewed",
     * "夜間バッチ ranking_aggregate 異常終了". An identifier: words joined by "_", "-" or ".", after at most a word
     * saying what kind of job it is.
     */
    private static final Pattern LEADING_ID =
            Pattern.compile("^(?:(?i:cron(?:\\s?job)?|synthetic|ansible|uptime|jobb?|job"
                    + "|batch|task|夜間バッチ|バッチ|ジョブ)\\s+)?(?<id>\\p{L}[\\p{L}\\d]*(?:[_.-][\\p{L}\\d]+)+)(?<!\\d)"
                    + "(?:\\s+[\\p{L}\\d][\\w-]*\\.[\\w.-]+)?(?=\\s*\\(|:\\s|\\s+-\\s|\\s+\\d{1,2}[:.]\\d{2}|\\s+\\p{IsHan}|\\s+\\p{IsKatakana}|\\s+\\p{IsHiragana}"
                    + "|\\s+(?:on|failed|finished|succeeded|completed|renewed|recovered|passing|passed|active|errored|started|ran"
                    + "|did|is|has|was|timed)\\b|$)");

    /**
     * What a synthetic test or a run says happened, leading the test's name: "Test failed: Checkout with saved card",
     * "Screenshot comparison failed: Pricing page", "Status Update: Billing API", "Slow action: SearchController#index".
     */
    private static final Pattern OUTCOME_LEAD = Pattern.compile("(?i)^(?:(?:test|check|run|synthetic(?:\\s+test)?"
            + "|screenshot\\s+comparison|transaction)\\s+(?:failed|passed|succeeded|recovered|errored|timed\\s+out)"
            + "|status\\s+update|slow\\s+action|fixed)\\s*:\\s+(?=\\S)");

    /** What a monitor says its state is now, after its name: "Billing API - is currently down", "… is currently". */
    private static final Pattern CURRENTLY = Pattern.compile("(?i)\\s*-?\\s+is\\s+currently\\b.*$");

    /**
     * A host after the name and a colon, numbered or with a domain: "Device Offline: core-sw-01" ("Cron:
     * nightly-billing" names a job, "AWS Budgets: S3-Data-Lake" a budget).
     */
    private static final Pattern COLON_HOST =
            Pattern.compile("^(?<name>[^:]{3,}?):\\s+(?<host>[\\p{L}\\d][\\w.-]*(?:\\d|\\.\\p{L}{2,}))$");

    /** The host a job ran on, right after its identifier: " on batch-2". */
    private static final Pattern ON_AFTER_ID = Pattern.compile("\\s+on\\s+([\\p{L}\\d][\\w.-]*[\\p{L}\\d])(?![\\w.-])");

    /**
     * Where a condition holds, named by its kind after "on": "Cluster load is high on cluster lkc-7yq2p", "disk /data on
     * host es-node-04 is in state critical", "Disk space running low on service pg-prod".
     */
    private static final Pattern ON_KIND_HOST = Pattern.compile(
            "(?i)^(?<name>\\S.*?)\\s+on\\s+(?:host|node|server|device"
                    + "|instance|cluster|service|vm)\\s+[`'\"]?(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])[`'\"]?(?:\\s.*)?$");

    /**
     * The details a tool writes after the name and a dash: a sentence ("Node is down - Node sql-prod-02 (10.20.4.12) is
     * Down"), a count ("- 3 groups triggered") or a state ("- Reset"); a short qualifier ("Login journey - Stockholm")
     * is part of the name.
     */
    private static final Pattern DASH_SENTENCE =
            Pattern.compile("^(?<name>\\S.{2,}?)\\s+-\\s+(?:\\d|(?:\\S+\\s+){3,}\\S"
                    + "|(?i:reset|resolved|cleared|ok|recovered)$).*$");

    /** A host leading the name before a separator: "web-01 - CPU Busy Percent", "ACME-WEB-07: Disk Free Space". */
    private static final Pattern HOST_LEAD =
            Pattern.compile("^(?<host>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])\\s*[:\\-–|]\\s+(?<rest>\\S.*)$");

    /**
     * The name and service finished: a check's identifier the message gives over the headline's prose, the identifier
     * without the host or details after it, the name without a trailing severity or measurement, and a host it ends on
     * after a dash as the service.
     *
     * @param text          the message's text, markup removed
     * @param nameFromField whether a field or label named the alert (then it is kept as it is)
     */
    static Names refined(String text, String alert, String service, boolean nameFromField) {
        String a = alert;
        String s = service;
        if (!nameFromField) {
            String local = localAlertName(text);
            String keyed = keyedCheck(text);
            String id = !local.isEmpty() ? local : !keyed.isEmpty() ? keyed : checkId(text);
            if (!id.isEmpty()) {
                a = id;
            } else {
                Matcher caps = CAPS_STATE_LEAD.matcher(a);
                if (caps.lookingAt() && a.length() - caps.end() >= 3) {
                    a = a.substring(caps.end()); // "PULIH api-pembayaran", "HJERTESLAG MANGLER: rtu-poller-3"
                }
            }
        }
        Matcher numbered = NUMBERED_LEAD.matcher(a);
        if (numbered.lookingAt() && a.length() - numbered.end() >= 3) {
            a = a.substring(numbered.end());
        }
        Matcher where = WHERE_LEAD.matcher(a);
        if (where.matches()) {
            String at = where.group("host") != null ? where.group("host") : where.group("project");
            if ((where.group("project") != null || hostLike(at)) && (s.isEmpty() || s.equalsIgnoreCase(at))) {
                a = where.group("rest");
                s = at;
            }
        }
        Matcher lead = HOST_LEAD.matcher(a);
        if (lead.matches()
                && lead.group("rest").length() >= 3
                && hostLike(lead.group("host"))
                && (s.isEmpty() || s.equalsIgnoreCase(lead.group("host")))) {
            a = lead.group("rest");
            s = lead.group("host");
        }
        Matcher leadingId = LEADING_ID.matcher(a);
        if (!nameFromField
                && !ID_ON_HOST.matcher(a).matches()
                && leadingId.find()
                && !leadingId.group("id").equalsIgnoreCase(s)
                && !leadingId.group(0).equals(a)) {
            Matcher onHost = ON_AFTER_ID.matcher(a.substring(leadingId.end()));
            if (s.isEmpty() && onHost.lookingAt() && hostLike(onHost.group(1))) {
                s = onHost.group(1); // "CRON nightly-export on batch-2 (exit 1)": the host it ran on
            }
            a = leadingId.group("id");
        }
        Matcher outcome = OUTCOME_LEAD.matcher(a);
        if (outcome.lookingAt() && a.length() - outcome.end() >= 3) {
            a = a.substring(outcome.end());
        }
        Matcher kind = KIND_OF_CHECK.matcher(a);
        if (kind.lookingAt() && a.length() - kind.end() >= 3) {
            a = a.substring(kind.end());
        }
        String head = FIELDS_AFTER.matcher(a).replaceFirst("");
        if (head.length() >= 3) {
            a = head;
        }
        String current = CURRENTLY.matcher(a).replaceFirst("");
        if (current.length() >= 3) {
            a = current;
        }
        Matcher colonHost = COLON_HOST.matcher(a);
        if (colonHost.matches()
                && hostLike(colonHost.group("host"))
                && (s.isEmpty() || s.equalsIgnoreCase(colonHost.group("host")))) {
            a = colonHost.group("name");
            s = colonHost.group("host");
        }
        Matcher onKind = ON_KIND_HOST.matcher(a);
        if (onKind.matches()
                && onKind.group("name").length() >= 3
                && hostLike(onKind.group("host"))
                && (s.isEmpty() || s.equalsIgnoreCase(onKind.group("host")))) {
            a = onKind.group("name");
            s = onKind.group("host");
        }
        Matcher isState = TRAILING_IS_STATE.matcher(a);
        if (isState.matches()) {
            a = isState.group("name");
        }
        Matcher sentence = DASH_SENTENCE.matcher(a);
        if (sentence.matches()) {
            a = sentence.group("name");
        }
        a = SEVERITY_THEN_ID.matcher(a).replaceFirst("");
        String measured = TRAILING_MEASURE.matcher(a).replaceFirst("");
        if (measured.length() >= 3) {
            a = measured.strip();
        }
        Matcher kindId = KIND_THEN_ID.matcher(a);
        if (kindId.matches()
                && (kindId.group("host") == null
                        || (hostLike(kindId.group("host"))
                                && (s.isEmpty() || s.equalsIgnoreCase(kindId.group("host")))))) {
            a = kindId.group("id");
            s = kindId.group("host") != null ? kindId.group("host") : s;
        }
        Matcher on = ID_ON_HOST.matcher(a);
        if (on.matches() && hostLike(on.group("host")) && (s.isEmpty() || s.equalsIgnoreCase(on.group("host")))) {
            a = on.group("id");
            s = on.group("host");
        }
        Matcher details = ID_DASH_DETAILS.matcher(a);
        if (details.matches() && details.group("id").length() >= 3) {
            a = details.group("id");
        }
        Matcher caps = ID_CAPS_STATE.matcher(a);
        if (caps.matches()) {
            a = caps.group("id");
        }
        String bare = TRAILING_MEASURE
                .matcher(TRAILING_SEVERITY.matcher(a).replaceFirst(""))
                .replaceFirst("");
        if (bare.length() >= 3) {
            a = bare.strip();
        }
        Matcher dash = TRAILING_DASH_HOST.matcher(a);
        if (dash.matches() && hostLike(dash.group("host")) && (s.isEmpty() || s.equalsIgnoreCase(dash.group("host")))) {
            a = dash.group("name");
            s = dash.group("host");
        }
        return new Names(a, s);
    }

    /**
     * The words scripts in many languages name a check or a job by, as a key: Indonesian "cek", Finnish "tarkistus",
     * Hungarian "ellenőrzés", Czech, Polish and Croatian "kontrola", Romanian "verificare", Greek "έλεγχος", Russian
     * "проверка" and the like.
     */
    private static final String CHECK_KEY_WORDS = "check|check_?name|cek|pemeriksaan|tarkistus|ellenőrzés|ellenorzes"
            + "|kontrola|kontrol|kontroll|sjekk|verificare|verifica|verificación|verificacion|verificação|prüfung"
            + "|pruefung|controle|contrôle|controllo|έλεγχος|проверка|kiểm\\s+tra|チェック|检查|檢查|점검|probe|job|jobb"
            + "|úloha|zadanie|görev|tehtävä|feladat|trabajo|tarefa|lavoro|taak|zadatak|sarcină|εργασία|задача";

    /**
     * A check named by its key: "cek=tcp/443", "tarkistus=levytila", "| ellenőrzés=cpu_terheles", or a field line
     * "Verificare: pg_replication_lag" whose value is one identifier.
     */
    private static final Pattern KEYED_CHECK = Pattern.compile("(?imU)(?:(?<![\\p{L}\\d_.-])(?:" + CHECK_KEY_WORDS
            + ")\\s*=\\s*[\"'`]?(?<id>[\\p{L}\\d][\\w./:-]*[\\p{L}\\d]|\\p{L}+)(?=[\\s,;|)\"'`]|$)"
            + "|^[\\s•·>*_-]*(?:" + CHECK_KEY_WORDS
            + ")[\\s*_]*[:：][\\s*_`]*(?<line>[\\p{L}\\d][\\w./:-]*[\\p{L}\\d])[\\s*_`]*$)");

    /** The check a key names in the message ("cek=tcp/443", "Verificare: mem_used"), or "". */
    static String keyedCheck(String text) {
        Matcher m = KEYED_CHECK.matcher(text);
        while (m.find()) {
            String id = m.group("id") != null ? m.group("id") : m.group("line");
            if (!id.matches("\\d[\\d.,]*")) {
                return id;
            }
        }
        return "";
    }

    /**
     * The words templates in many languages name a host by, as a key or a field: "Gazdă" (Romanian), "Värd"
     * (Swedish), "Palvelin" (Finnish), "Sunucu" (Turkish), "Poslužitelj" (Croatian), "Διακομιστής" (Greek) and the like.
     */
    private static final Pattern KEYED_HOST = Pattern.compile("(?imU)(?:(?<![\\p{L}\\d_.-])(?:host|hostname|host_name"
            + "|node|instance|server|queue|index|topic|bucket|vm)\\s*=\\s*[\"'`]?"
            + "|^[\\s•·>*_-]*(?:gazdă|gazda|värd|vert|vært|palvelin|isäntä|sunucu|serwer|szerver|kiszolgáló|poslužitelj|server"
            + "|servidor|serveur|hôte|máy\\s+chủ|ホスト|主机|主機|호스트|хост|узел|uzel|stroj|διακομιστής|κόμβος|node|instance"
            + "|instans|instanz)[\\s*_]*[:：][\\s*_`]*)(?<value>[\\p{L}\\d][\\w.:/-]*[\\p{L}\\d])");

    /** The host a key or a field line names in any of those languages, or "". */
    static String keyedHost(String text) {
        Matcher m = KEYED_HOST.matcher(text);
        while (m.find()) {
            if (hostLike(m.group("value")) || m.group("value").contains("_")) {
                return m.group("value");
            }
        }
        return "";
    }

    /**
     * One or two words in capitals leading a name, a state in the team's language ("PULIH api-pembayaran", "KUNNOSSA
     * lampo-db-02: …", "ALARMĂ: replicare întârziată", "PONOVNO DOSTUPAN vps-ri-2214"), before what names the alert: a
     * word in small letters or a host. Letters only, five or more ("CPU: usage", "DNS" and "PSP-BETA" stay).
     */
    private static final Pattern CAPS_STATE_LEAD = Pattern.compile(
            "^(?:\\p{Lu}{5,}[\\s:]+){1,2}(?!(?:in|on|at|of|for|to|from)\\s)(?=\\S*\\p{Ll}|[\\p{L}\\d][\\w.-]*[\\d.-])");

    /**
     * A measurement in a name and what follows it: "disk 93% used", "replication lag 94s", "bellek %91", "késés 48 mp"
     * (not a limit after a comparison: "Replication lag > 300s" names its threshold).
     */
    private static final Pattern MEASUREMENT_TAIL = Pattern.compile("(?U)(?<![<>≥≤=]\\s?)(?<![\\w.,/:-])"
            + "(?<!(?i:above|below|over|under|than|exceeds?|within|in|of|to|at|after|for|limit|threshold)\\s)(?:%\\s?\\d[\\d.,]*"
            + "|(?!\\d{3}s)\\d[\\d.,]*\\s?(?:%|ms|s|sn|sek|mp|m|min|dk|h|hrs?|k|[kKMGT]i?B|x)(?![\\w%]))(?:\\s.*)?$");

    /** A name without the measurement a script wrote in it and what follows ("disk 93% used" → "disk"). */
    static String withoutMeasurement(String alert) {
        Matcher m = MEASUREMENT_TAIL.matcher(alert);
        if (!m.find()) {
            return alert;
        }
        String head =
                alert.substring(0, m.start()).replaceAll("[\\s:=,(–—-]+$", "").strip();
        return head.length() >= 3 && head.chars().anyMatch(Character::isLetter) ? head : alert;
    }

    /** A word that could name a host or a service, as scripts write them: "orders-db", "`api-mitra`", "gw-sby-1". */
    private static final Pattern NAME_TOKEN = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{N}_.:/=-])[`*_\\[]?(?<token>[\\p{L}\\d][\\p{L}\\p{M}\\p{N}_.-]*[\\p{L}\\d])[`*_\\]]?"
                    + "(?![\\p{L}\\p{M}\\p{N}_/-]|\\.[\\p{L}\\p{N}_])");

    /** A measurement, a version, a percentile, a date or a time: "94s", "5xx", "p95", "v3.8.1", "2026-12-09". */
    private static final Pattern NOT_A_NAME = Pattern.compile(
            "(?i)\\d[\\d.,]*[a-z]{0,3}|p\\d+|v\\d[\\d.]*|\\d{1,4}[-./]\\d{1,2}[-./]\\d{1,4}|\\d+[.:]\\d+.*|(?:sev|p|x|v|rc|exit|http|tcp|udp)-?\\d{1,5}");

    /**
     * Whether a word names a host or a service as scripts write them: letters and digits ("db7", "web-03"), words
     * joined by dashes in small letters ("checkout-api"), a domain ("api.example.com"); not a measurement or a priority.
     */
    static boolean serviceLike(String token) {
        // (a host named like a region, "sw-sklad-2", is one: a region's middle word is a direction)
        boolean host = hostLike(token)
                || HOST_SHAPE.matcher(token).matches() && !REGION.matcher(token).matches();
        if (!host
                || NOT_A_NAME.matcher(token).matches()
                || TICKET_KEY.matcher(token).matches()
                || token.matches("[A-Z]{1,4}\\d{1,2}")) { // "EC2", "S3": a product's name
            return false;
        }
        boolean digit = token.chars().anyMatch(Character::isDigit);
        boolean letter = token.chars().anyMatch(Character::isLetter);
        if (digit && letter) {
            return true;
        }
        // "checkout-api", "orders.internal": small letters, each part two letters or more ("Top-up", "e-mail" are
        // words)
        return token.equals(token.toLowerCase(java.util.Locale.ROOT))
                && java.util.Arrays.stream(token.split("[.-]")).allMatch(part -> part.length() >= 2);
    }

    private static final Pattern HOST_SHAPE = Pattern.compile("(?=.*\\p{L})(?=.*[\\d.-])[\\p{L}\\d][\\w.-]*");
    private static final Pattern REGION = Pattern.compile(
            "(?i)[a-z]{2}-(?:north|south|east|west|central|northeast|northwest|southeast|southwest|gov-west|gov-east)-\\d");
    /** A ticket's or an incident's key: "INS-0432", "INC-231". */
    private static final Pattern TICKET_KEY = Pattern.compile("[A-Z]{2,5}-\\d{3,}|(?i:cve|ghsa)-.*");

    /** A service in code or bold, a dash, and what the line says of it: "`api-mitra` — latency p95 1.8s". */
    private static final Pattern QUOTED_SUBJECT =
            Pattern.compile("[`*](?<token>[\\p{L}\\d][\\w.-]*[\\p{L}\\d])[`*]\\s+[–—-]\\s+(?<words>\\S.*)$");

    /** Separators around a host that leads or ends a name: "gw-brh-02: pakketap", "Detak hilang: `x`". */
    private static final String AROUND = "[\\s:|·•,;()\\[\\]`*_–—-]*";

    /**
     * The service a name read from prose gives when nothing else did: the host or service word in it ("orders-db
     * replication lag 94s", "PING vpn-gw-2 (10.2.0.1) 100% loss"), taken out of the name when it leads or ends it; a
     * name that was only the service is none ("reititin-pori-01" / "reititin-pori-01"), or the measurement's words
     * the first line gives after it ("`api-pembayaran` — error rate 7.2%": "error rate").
     */
    static Names serviceFromName(String alert, String service, String firstLine) {
        String a = alert.strip();
        String s = service;
        Matcher quoted = QUOTED_SUBJECT.matcher(firstLine);
        if (s.isEmpty() && quoted.find() && quoted.group("token").equals(a) && serviceLike(a)) {
            // "`api-pembayaran` — error rate 7.2% (ambang 5%)": the service in code, then what is measured on it
            String words = withoutMeasurement(quoted.group("words"));
            if (!words.equals(quoted.group("words")) && words.split("\\s+").length <= 4) {
                return new Names(words, a);
            }
        }
        if (s.isEmpty()) {
            Matcher t = NAME_TOKEN.matcher(a);
            while (t.find()) {
                String token = t.group("token");
                String before = a.substring(0, t.start()).replaceAll(AROUND + "$", "");
                String after = a.substring(t.end()).replaceAll("^" + AROUND, "");
                // a host's number ends it ("gw-sby-1", "db7", "ACME-FS01"); digits inside name a check ("checkout-e2e",
                // "nginx-5xx-monitor", "latency.p95"); an address or a domain is a host whatever it ends on, but a
                // name that is only a domain is an uptime check's own ("api.example.com")
                boolean domain = token.matches("(?:[\\p{L}\\d-]+\\.)+\\p{L}{2,6}|\\d{1,3}(?:\\.\\d{1,3}){3}");
                boolean numbered = (token.matches("[^.]*\\d") || domain && !token.equals(a))
                        && (token.equals(token.toLowerCase(java.util.Locale.ROOT))
                                || token.equals(token.toUpperCase(java.util.Locale.ROOT)));
                // a word with dashes and no digit names a service only leading prose ("orders-db replication lag"):
                // alone or last it is a job's or a monitor's own name ("nightly-backup", "Cron: nightly-billing")
                boolean leading = before.isEmpty() && after.split("\\s+").length >= 2 && !after.startsWith(":");
                if (serviceLike(token)
                        && (numbered || leading)
                        && !token.contains("_")
                        && !token.matches("(?i).*\\.(?:ya?ml|json|sh|py|conf|txt)")) {
                    s = token;
                    if (!numbered) {
                        break; // "checkout-api 5xx errors": the name may be the service's and its check's together
                    }
                    if (before.isEmpty()) {
                        a = after;
                    } else if (after.isEmpty()) {
                        a = before;
                    }
                    break;
                }
            }
        }
        // a numbered host is no alert's name ("reititin-pori-01" / "reititin-pori-01"); a site's or a product's name
        // may be both ("api.example.com", "Customer Portal")
        if (!s.isEmpty()
                && (a.length() < 3
                        || a.equalsIgnoreCase(s)
                                && serviceLike(s)
                                && s.chars().anyMatch(Character::isDigit)
                                && !s.matches(".*\\.\\p{L}{2,}"))) {
            a = "";
            Matcher after = Pattern.compile(
                            "(?<![\\w.-])[`*_]?" + Pattern.quote(s) + "[`*_]?\\s+[–—-]\\s+(?<words>\\S.*)$")
                    .matcher(firstLine);
            if (after.find()) {
                String words = withoutMeasurement(after.group("words"));
                if (!words.equals(after.group("words")) && words.split("\\s+").length <= 4) {
                    a = words;
                }
            }
        }
        return new Names(a, s);
    }

    /** Tags a tool writes after the name ("Kafka consumer lag [kafka][prod]"), or a bracket left open ("Eshop 5xx ["). */
    private static final Pattern TRAILING_TAGS =
            Pattern.compile("(?:\\s*\\[[^\\[\\]\\s]{1,30}\\]){2,}\\s*$|\\s+\\[\\s*$");
    /** A name in angle brackets leading what a tool says of it: "<Memori Redis> servers.redis-1.memory failed". */
    private static final Pattern ANGLED_NAME = Pattern.compile("^<(?<name>[^<>|@:/]{3,80})>\\s+\\S.*$");
    /** An event's code in capitals after the name: "Node down (SYS_NODE_DOWN)". */
    private static final Pattern TRAILING_CODE = Pattern.compile("\\s*\\((?=[A-Z\\d]*_)[A-Z][A-Z\\d_]{3,}\\)\\s*$");

    /** A name without the tags, the event code or the details a tool writes around it. */
    static String withoutTags(String alert) {
        String a = alert;
        Matcher angled = ANGLED_NAME.matcher(a);
        if (angled.matches()) {
            a = angled.group("name").strip();
        }
        String t = TRAILING_CODE
                .matcher(TRAILING_TAGS.matcher(a).replaceFirst(""))
                .replaceFirst("")
                .strip();
        return t.length() >= 3 ? t : a;
    }

    /** The check's own identifier a field line, a key or a label in the message gives, or "". */
    static String givenId(String text) {
        String local = localAlertName(text);
        String keyed = keyedCheck(text);
        return !local.isEmpty() ? local : !keyed.isEmpty() ? keyed : checkId(text);
    }

    /** The check's identifier the message gives, or "" (the first one, in the order the message gives them). */
    static String checkId(String text) {
        Matcher m = CHECK_ID.matcher(text);
        if (m.find()) {
            return m.group("id");
        }
        Matcher r = K8S_REASON.matcher(text);
        return r.find() ? r.group("id") : "";
    }

    /**
     * Keys that say where an alert is when no service or host field does: what a problem affects ("Affected:",
     * "Impact:"), the group a log alert counts by, a Nightingale "ident", a workload, a droplet, a dataset.
     */
    private static final java.util.List<String> WHERE_KEYS = java.util.List.of(
            "affected",
            "impact",
            "affected entity",
            "kube_workload_name",
            "workload",
            "deployment",
            "ident",
            "droplets",
            "droplet",
            "dataset",
            "group");

    /** The same keys written inside a line: "Environment: production · Dataset: edge-proxy", "service=payments-webhook". */
    private static final Pattern INLINE_WHERE = Pattern.compile(
            "(?i)(?<![\\p{L}\\d_.-])(?<key>dataset|kube_workload_name|ident|service)\"?\\s*(?:=|:\\s|:(?=\"))\\s*\"?(?<value>[\\p{L}\\d][\\w.:/-]*[\\p{L}\\d])");

    /**
     * A field line naming the service or host in the languages templates are written in: Swedish, Norwegian, Danish,
     * German, Dutch, Spanish, Portuguese, Italian, French, Finnish, Turkish, Polish, Czech, Hungarian, Romanian,
     * Indonesian, Vietnamese, Russian, Japanese, Chinese and Korean ("Tjänst: labbsvar-api", "Dịch vụ: tms-api",
     * "サービス: 決済API", "主机: bj-app-17").
     */
    private static final Pattern LOCAL_WHERE_LINE =
            Pattern.compile("(?imU)^[\\s•·>*_-]*(?:tjänst|tjeneste|tjenesten|dienst"
                    + "|servicio|serviço|servizio|palvelu|hizmet|usługa|služba|szolgáltatás|serviciu|layanan|dịch\\s+vụ|サービス"
                    + "|服务|服務|서비스|сервис|служба|hôte|värd|vert|vært|máy\\s+chủ|ホスト|主机|主機|호스트|хост|узел|sunucu"
                    + "|palvelin|serwer|servidor|serveur|server|instanz|instans|instancia|instância|対象|对象|對象|대상)"
                    + "[\\s*_]*[:：][\\s*_`]*(?<value>[^\\s,;，、*_`]+)");

    /**
     * A field line naming the alert in the languages Chinese, Japanese, Korean and Russian templates are written in:
     * "告警名称: MysqlSlaveIoThreadNotRunning", "规则标题: 机器负载-CPU使用率过高", "アラート名: …", "알림 이름: …".
     */
    private static final Pattern LOCAL_ALERT_LINE = Pattern.compile(
            "(?imU)^[\\s•·>*_-]*(?:告警名称|报警名称|告警規則|告警规则"
                    + "|规则标题|规则名称|規則名稱|策略名称|アラート名|アラートルール|ルール名|알림\\s*이름|경보\\s*이름|규칙\\s*이름"
                    + "|название\\s+(?:алерта|правила|оповещения)|правило)[\\s*_]*[:：][\\s*_`]*(?<value>\\S[^\\n]*?)[\\s*_`]*$");

    /** The alert's name a field line in another language gives, or "". */
    static String localAlertName(String text) {
        Matcher m = LOCAL_ALERT_LINE.matcher(text);
        return m.find() ? m.group("value").strip() : "";
    }

    /** A name that is only a count or a state: "1 alert(s)", "2 firing", "1". */
    private static final Pattern COUNT_ONLY =
            Pattern.compile("(?i)^\\d+\\s*(?:alerts?(?:\\(s\\))?)?(?:\\s*(?:firing|resolved|triggered))?$");

    /** Whether a name read is only a count of alerts ("1 alert(s)", "2 firing"): the next line names the alert. */
    static boolean countOnly(String alert) {
        return COUNT_ONLY.matcher(alert.strip()).matches();
    }

    /**
     * A host leading the message's first line before a separator, numbered or with a domain: "db-prod-02 - CPU
     * Utilization is 94%", "app-02 | Sun, 30 Nov 2026".
     */
    private static final Pattern FIRST_LINE_HOST =
            Pattern.compile("[\\s>•*_`]*([\\p{L}\\d][\\w.-]*(?:\\d|\\.\\p{L}{2,}))[`*_]?\\s*[-–|:]\\s+(?=\\S)");

    /**
     * The host beside a component: Zabbix tags a check "component: cpu" on "Host: web-07"; the host is where the alert
     * is, the component a kind of check. Empty when that is not what was read.
     */
    static String hostOfComponent(String service, String component, String host) {
        if (service.isEmpty() || !service.equalsIgnoreCase(component) || host.isEmpty()) {
            return "";
        }
        String h = host.strip().split("[\\s\\[(]", 2)[0];
        return hostLike(h) && !component.contains("-") && !component.contains(".") ? h : "";
    }

    /** A state or count a tool writes in brackets after what it affects: "checkout-service (Degraded)". */
    private static final Pattern BRACKET_AFTER = Pattern.compile("\\s*\\([^()]*\\)\\s*$");

    /**
     * Where the alert is when nothing else names it: the scope a monitor's title gives in braces, a CloudWatch or OCI
     * alarm's dimension, a key that says what it affects, else the host of the address a check probes; "" when none
     * is there.
     */
    static String where(String text, java.util.Map<String, String> labels) {
        Matcher scope = SCOPE_TAG.matcher(text);
        if (scope.find()) {
            return scope.group("value");
        }
        for (String key : WHERE_KEYS) {
            String v = labels.get(key);
            if (v != null) {
                String bare = BRACKET_AFTER
                        .matcher(SlackText.normalise(v).strip().replace("\"", ""))
                        .replaceFirst("");
                if (hostLike(bare) && !bare.contains(" ")) {
                    return bare;
                }
            }
        }
        Matcher local = LOCAL_WHERE_LINE.matcher(text);
        if (local.find()) {
            return local.group("value");
        }
        Matcher inline = INLINE_WHERE.matcher(text);
        if (inline.find()) {
            return inline.group("value");
        }
        java.util.Optional<String> dimension = SlackText.dimension(text);
        if (dimension.isPresent()) {
            return dimension.get();
        }
        Matcher url = PROBED_URL.matcher(text);
        if (!url.find()) {
            Matcher lead = FIRST_LINE_HOST.matcher(text.strip());
            // an incident's or a ticket's key ("INC-231 - …") is no host
            return lead.lookingAt() && hostLike(lead.group(1)) && !lead.group(1).matches("[A-Z][A-Z0-9]{1,9}-\\d+")
                    ? lead.group(1)
                    : "";
        }
        url.reset();
        return url.find() ? (url.group("host") != null ? url.group("host") : url.group("lead")) : "";
    }

    /** A priority or a severity standing alone: "P1", "sev-2", "critical", "warning"; no host. */
    static final Pattern PRIORITY_TAG = Pattern.compile(
            "(?i)^(?:p[0-5]|sev[- ]?\\d|critical|high|medium|low" + "|warning|info|error|major|minor)$");

    private static final Pattern HOST_LIKE =
            Pattern.compile("(?=.*\\p{L})(?=.*[\\d.-])[\\p{L}\\d][\\p{L}\\p{M}\\p{N}_.-]*");

    /** A vulnerability's id or a cloud region: names with dashes and digits that are no host. */
    private static final Pattern NOT_A_HOST = Pattern.compile("(?i)^(?:(?:cve|ghsa)-.*|[a-z]{2}(?:-[a-z]+)+-\\d)$");

    /**
     * A host, address or workload name: letters with digits, dots or dashes, not a priority ("P1", "sev-2"), a CVE or a
     * region ("eu-west-1").
     */
    static boolean hostLike(String v) {
        return HOST_LIKE.matcher(v).matches()
                && !PRIORITY_TAG.matcher(v).matches()
                && !NOT_A_HOST.matcher(v).matches();
    }
}
