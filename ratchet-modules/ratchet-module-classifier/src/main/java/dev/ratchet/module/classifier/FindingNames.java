package dev.ratchet.module.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alert's name and service as the generic recogniser reads them: from a field or label that names them (the
 * alert, service, priority and incident keys tools use), else from the headline without its tags, ids, state and the
 * poster's own name signing it; and the check a tagged host's line names. Used by {@link GenericRecogniser} for its
 * findings, and by {@link BuiltinClassifier} and {@link LearnedRecogniser} to name what they recognise the same way.
 */
final class FindingNames {

    private FindingNames() {}

    private static final Pattern RX_6 = Pattern.compile("^(?:\\[[^\\]\\n]{1,40}\\]\\s*)+(?=\\S)");
    private static final Pattern RX_7 = Pattern.compile("\\s*\\(by [^)]*\\)\\s*$");
    private static final Pattern RX_8 = Pattern.compile("^(?i)(?:service|host)\\s+alert\\s*:\\s*");
    private static final Pattern RX_9 = Pattern.compile("\\s*\\((?:https?://|www\\.)[^)]*\\)");
    private static final Pattern RX_10 = Pattern.compile("\\s+(?:since|at|via|for group)\\b.*$");
    private static final Pattern RX_11 = Pattern.compile("[*]+$");
    private static final Pattern RX_12 = Pattern.compile("\\s+[·•|]\\s+");
    private static final Pattern RX_13 = Pattern.compile("\\s*[\\[(][^\\])]*[\\])]\\s*$");

    static final Pattern FOR_GROUP = Pattern.compile("(?i)\\bfor\\s+group\\s+['‘\"“]?([\\w.:/-]+)");

    /** Field and label names that name the alert, most telling first. */
    static final String[] ALERT_KEYS = {
        "alertname",
        "alert name",
        "alarm name",
        "alert rule",
        "rule name",
        "alert",
        "rule",
        "monitor",
        "monitor name",
        "check",
        "check name",
        "trigger",
        "trigger name",
        "condition",
        "condition name",
        "problem name",
        "alert title"
    };
    /** Field and label names that name the service concerned, most telling first. */
    static final String[] SERVICE_KEYS = {
        "service",
        "services",
        "impacted service",
        "affected service",
        "component",
        "app",
        "application",
        "routing key",
        "affected services",
        "impacted services",
        "entity label",
        "impacted entity",
        "entity",
        "entity name",
        "host",
        "hostname",
        "host name",
        "impacted host",
        "affected host",
        "hosts",
        "computer",
        "machine",
        "server",
        "dataset",
        "affected resource",
        // where the alert is, when nothing names a service: the host, address or resource it concerns
        "resource",
        "resource name",
        "device",
        "device name",
        "asset",
        "container name",
        "container.name",
        "container_name",
        "container",
        // a project holds many of the above: it names the service only when nothing closer does
        "project",
        "target",
        "agent",
        "agent name",
        "node",
        "instance",
        "url",
        "monitor url",
        "endpoint",
        "domain",
        "website",
        "site"
    };

    static final Pattern INCIDENT_ID = Pattern.compile("^(?:\\[?#\\d+\\]?|#?[A-Z][A-Z0-9]{0,9}-\\d+)\\s*[:\\-–]?\\s*");
    static final Pattern HOST_SLASH_CHECK = Pattern.compile(
            "^(?:(?:service|host)\\s+alert\\s*:\\s*)?([\\w.-]+)\\s*/\\s*([^/\\s].*?)$", Pattern.CASE_INSENSITIVE);
    /** A state the tool appended in capitals ("… is CRITICAL **"); "Service is down" is part of a name. */
    private static final Pattern TRAILING_STATE = Pattern.compile("\\s+(?:is|are)\\s+(?:now\\s+)?[A-Z][A-Z_]+\\b.*$");

    private static final Pattern LEADING_ID = Pattern.compile(
            "^(?i)(?:alert\\s+group|alert|incident|issue|problem)\\s+\\[?(?:#?\\d+|[A-Z]+-\\d+)\\]?\\s*[:\\-–]?\\s*");

    static final Pattern SERVICE_TAG = Pattern.compile("(?<![\\w/.-])service:([\\w.-]+)");
    private static final Pattern PRIORITY_P = Pattern.compile("\\b(P[0-5])\\b");

    private static final Pattern STATE_BEFORE_NAME =
            Pattern.compile("(?i)^(?:(?:" + GenericWords.STATE + ")\\b[\\s:!-]*)+");
    private static final Pattern STATE_AFTER_NAME = Pattern.compile(
            "(?i)[\\s:-]+(?:is\\s+|are\\s+|has\\s+been\\s+|now\\s+)*(?:" + GenericWords.STATE + ")[.!]*$");

    /** An alert's names, read once its state is known (by the learned stage). */
    record Names(String alert, String service, Optional<String> priority, List<String> why) {}

    /**
     * The alert's name and service as the generic recogniser reads them (a field or label that names them, else the
     * headline without its tags, ids and state), or empty for a look-alike or a message that names nothing.
     */
    static Optional<Names> names(MessageView view, String text, Map<String, String> labels) {
        List<String> headlines = Headlines.headlines(view, text);
        if (headlines.isEmpty() || LookAlikes.lookAlike(view, text, headlines)) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        String alert = Headlines.first(labels, ALERT_KEYS);
        String service =
                Headlines.firstNonBlank(Headlines.first(labels, SERVICE_KEYS), Headlines.find(SERVICE_TAG, text));
        if (!alert.isEmpty()) {
            why.add("alert name from a field or label");
        } else {
            for (String h : headlines) {
                String name = nameFrom(stripTag(h));
                name = STATE_AFTER_NAME
                        .matcher(STATE_BEFORE_NAME.matcher(name).replaceFirst(""))
                        .replaceFirst("")
                        .strip();
                if (!name.isEmpty()
                        && !INCIDENT_ID.matcher(name).replaceFirst("").isEmpty()) {
                    alert = name;
                    why.add("alert name from the headline");
                    break;
                }
            }
            Named split = hostSlashCheck(alert, service);
            alert = split.alert();
            service = split.service();
        }
        if (service.isEmpty()) {
            service = Headlines.find(FOR_GROUP, text);
        }
        return named(view, labels, headlines, alert, service, why);
    }

    /** An alert's name and service while they are being read. */
    record Named(String alert, String service) {}

    /** "web-01/disk usage": the host (as the service, unless one is known) and the check. */
    static Named hostSlashCheck(String name, String service) {
        Matcher hs = HOST_SLASH_CHECK.matcher(name);
        if (!hs.matches()) {
            return new Named(name, service);
        }
        return new Named(hs.group(2), service.isEmpty() ? hs.group(1) : service);
    }

    /**
     * The names read, finished as both readers finish them: the service without a trailing bracket, the alert without
     * the poster's own name leading it, the priority; empty when no alert name is left.
     */
    static Optional<Names> named(
            MessageView view,
            Map<String, String> labels,
            List<String> headlines,
            String alert,
            String service,
            List<String> why) {
        // "HOST: db-03 SERVICE: pg_conns STATE: CRITICAL", "ACME-EXCH01 - Disk Space - Failed" with a Device and a
        // Service field: a headline naming both a machine and what its "service" field names is a check on that
        // machine (Nagios' and the RMM tools' sense of "service")
        String check = Headlines.first(labels, "service");
        String machine = Headlines.first(labels, "host", "hostname", "host name", "device", "computer", "machine");
        String lowerAlert = alert.toLowerCase(Locale.ROOT);
        if (!check.isEmpty()
                && !machine.isEmpty()
                && !check.equalsIgnoreCase(machine)
                && lowerAlert.contains(check.toLowerCase(Locale.ROOT))
                && lowerAlert.contains(machine.toLowerCase(Locale.ROOT))) {
            alert = check;
            service = machine;
        } else if (!check.isEmpty() && AlertNames.notificationOnly(alert)) {
            // Checkmk's and Nagios' "Service PROBLEM notification": the check is the "service" field, on its host
            alert = check;
            service = machine.isEmpty() ? "" : machine;
        }
        String onHost = AlertNames.hostOfComponent(service, Headlines.first(labels, "component"), machine);
        if (!onHost.isEmpty()) {
            service = onHost;
        }
        // "orders-svc · http.route=GET /api": a value and the attributes a tool lists after it on the same line
        String s = SlackText.withoutPort(
                RX_13.matcher(RX_12.split(service, 2)[0]).replaceAll("").strip());
        if (s.endsWith(")") && s.indexOf('(') < 0) {
            s = s.substring(0, s.length() - 1).strip(); // "container=redis-cache)": the end of a bracketed list
        }
        s = ENTITY_TYPE.matcher(s).replaceFirst(""); // Instana's "Service: checkout-api": the entity's type first
        if (s.contains(",") && Arrays.stream(s.split(",\\s*")).allMatch(AlertNames::hostLike)) {
            s = ""; // "Hosts: db-03, db-04, db-05": an alert over several hosts has none of them as its service
        }
        String a = withoutKind(withoutPoster(view, alert));
        if (a.isBlank()) {
            return Optional.empty();
        }
        for (int i = 0; AlertNames.countOnly(a) && i < headlines.size(); i++) {
            // "🔥 1 alert(s) firing" then "High CPU": a count of alerts names none, the line after it does
            String next = nameFrom(stripTag(headlines.get(i)));
            if (!next.isEmpty()
                    && !AlertNames.countOnly(next)
                    && !headlines.get(i).contains(a)) {
                a = next;
            }
        }
        String plain = SlackText.normalise(view.text());
        boolean fromField = why.contains("alert name from a field or label");
        AlertNames.Names refined = AlertNames.refined(plain, a, s, fromField);
        a = refined.alert();
        s = refined.service();
        // "High 5xx rate on search-api", "Checkout (shop.example.com)": the host a name ends on, after "on" or in
        // brackets, is the service when no field names one; a bracketed host that is the service is no part of the name
        for (Matcher on = ON_HOST_NAME.matcher(a); s.isEmpty() && on.find(); ) {
            s = AlertNames.hostLike(on.group(1)) ? on.group(1) : "";
        }
        // "Scheduled task nightly-invoices on acme.io did not run", "… detected on host WS-0423": the host the
        // headline's other lines name after "on", when neither a field nor the name gives one
        for (int i = 0; s.isEmpty() && i < Math.min(headlines.size(), 3); i++) {
            for (Matcher on = ON_HOST_NAME.matcher(
                            QUOTE_MARKS.matcher(headlines.get(i)).replaceAll(""));
                    s.isEmpty() && on.find(); ) {
                s = AlertNames.hostLike(on.group(1)) ? on.group(1) : "";
            }
        }
        // "web-01 - CPU Busy Percent", "acme-web-07: Disk usage": the service leading the name is no part of it
        Matcher lead = HOST_LEAD.matcher(a);
        if (lead.lookingAt() && a.length() - lead.end() >= 3 && s.equalsIgnoreCase(lead.group(1))) {
            a = a.substring(lead.end());
        }
        Matcher br = BRACKETED_HOST.matcher(a);
        if (br.find()
                && br.start() > 0
                && AlertNames.hostLike(br.group(1))
                && (s.isEmpty() || s.equalsIgnoreCase(br.group(1)))) {
            s = br.group(1);
            a = a.substring(0, br.start()).strip();
        }
        if (s.isEmpty()) {
            s = AlertNames.where(plain, labels); // a monitor's scope, the address a check probes
        }
        if (s.isEmpty()) {
            String keyed = AlertNames.keyedHost(plain); // "host=gw-sby-1", "Gazdă: pg-stocuri-02"
            s = a.contains("=" + keyed) ? "" : keyed; // "cpu:host=server01": the name says it whole
        }
        if (!fromField && !a.equals(AlertNames.givenId(plain))) {
            AlertNames.Names served =
                    AlertNames.serviceFromName(a, s, plain.strip().split("\n", 2)[0]);
            a = AlertNames.withoutTags(AlertNames.withoutMeasurement(served.alert()));
            s = served.service();
        }
        if (!s.isEmpty()) {
            why.add("service \"" + s + "\" from a field, label or tag");
        }
        return Optional.of(new Names(a, s, priority(view, labels, headlines), why));
    }

    private static final Pattern ENTITY_TYPE = Pattern.compile(
            "(?i)^(?:service|host|application|app|endpoint|process|container|database)\\s*:\\s*(?=\\S)");
    private static final Pattern QUOTE_MARKS = Pattern.compile("['‘’\"“”`*]");
    private static final Pattern ON_HOST_NAME = Pattern.compile(
            "(?i)\\bon\\s+(?:(?:host|node|server|instance|device)\\s+)?([\\p{L}\\d][\\w.-]*[\\p{L}\\d])(?![\\w.-])");
    private static final Pattern BRACKETED_HOST =
            Pattern.compile("\\s*\\(\\s*([\\p{L}\\d][\\w.-]*[\\p{L}\\d])(?::\\d{1,5})?\\s*\\)\\s*$");
    private static final Pattern HOST_LEAD = Pattern.compile("([\\p{L}\\d][\\w.-]*[\\p{L}\\d])\\s*[:\\-–|]\\s+(?=\\S)");

    /**
     * The kind of notice leading a name ("Incident: …", "Critical Alert: …", "Signal alert: …", "Regressed issue: …",
     * "Alert opened: …"), a severity leading it with a bar ("Sev1 | cpu-high-web") and the details after a dash
     * ("High error rate — monitor error-rate in project shop"): what is left is the alert's own name.
     */
    private static final Pattern KIND_LEAD = Pattern.compile("(?i)^(?:[\\p{L}-]+\\s+){0,2}?"
            + "(?:alert|alarm|incident|issue|problem|signal|signl|finding)"
            + "(?:\\s+(?:opened|created|triggered|fired|firing|resolved|closed|cleared))?\\s*:\\s+(?=\\S)");

    private static final Pattern SEVERITY_BAR = Pattern.compile("(?i)^sev(?:erity)?\\s*\\d\\s*[|·•]\\s*(?=\\S)");
    private static final Pattern DASH_DETAILS = Pattern.compile("\\s+[—–]\\s+.*$|\\s+[—–]\\s*$");

    private static String withoutKind(String alert) {
        String a = SEVERITY_BAR.matcher(alert).replaceFirst("");
        Matcher k = KIND_LEAD.matcher(a);
        if (k.lookingAt() && a.length() - k.end() >= 3) {
            a = a.substring(k.end());
        }
        String d = DASH_DETAILS.matcher(a).replaceFirst("").strip();
        // "ALERT_FAILURE — Checkout E2E": a state code before the dash, the name after it
        return d.length() >= 3 && !d.matches("[A-Z_]+") ? d : a;
    }

    /**
     * An alert's name without the poster's own name leading it ("ElastAlert: Disk watermark exceeded" posted by
     * ElastAlert is "Disk watermark exceeded"): the tool signs its headline, the name follows. Kept whole when nothing
     * would be left.
     */
    private static String withoutPoster(MessageView view, String alert) {
        // what \W matches may come first: leading quotes, emoji, bullets
        int end = Headlines.posterEnd(view, alert, c -> !isWordChar(c));
        if (end < 0) {
            return alert;
        }
        Matcher m = AFTER_POSTER.matcher(alert).region(end, alert.length());
        return m.lookingAt() && !alert.substring(m.end()).isBlank() ? alert.substring(m.end()) : alert;
    }

    private static boolean isWordChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** What follows a poster's name leading a headline: "ElastAlert: …", "Scout Alert - …". */
    private static final Pattern AFTER_POSTER =
            Pattern.compile("(?i)(?:\\s+(?:alert|alarm|notification))?\\s*[:\\-–|]\\s*");

    /** The priority or severity a field, a label or the headline's P-level gives. */
    private static Optional<String> priority(MessageView view, Map<String, String> labels, List<String> headlines) {
        return Optional.of(Headlines.firstNonBlank(
                        view.field("priority", "severity", "urgency", "level"),
                        Headlines.first(labels, "priority", "severity", "urgency"),
                        Headlines.find(PRIORITY_P, headlines.isEmpty() ? "" : headlines.get(0))))
                .filter(p -> !p.isEmpty())
                .map(SlackText::normalisePriority);
    }

    /**
     * The check a tagged host's line names, before its value: the first word, with the next when the value follows
     * it ("disk /var 95 %", "ping loss 18 %"), or null.
     */
    static String checkName(String after) {
        String head = after.strip()
                .split("\\s[—–-]\\s|:\\s|\\s*=\\s*|\\s(?=[-+]?\\p{Nd})|\\s\\(", 2)[0]
                .strip();
        String[] words = head.split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || !words[0].matches(".*\\p{L}.*") || head.length() > 60) {
            return null;
        }
        return words.length == 2 ? head : words[0];
    }

    static String stripTag(String headline) {
        Matcher m = GenericWords.TAG.matcher(headline);
        if (m.find() && GenericWords.tagged(m)) {
            return m.group("rest");
        }
        return headline;
    }

    /** A name from what follows (or precedes) a state: quoted, without ids, links, trailing state or parentheses. */
    static String nameFrom(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip();
        Matcher q = GenericWords.QUOTED.matcher(s);
        if (q.find() && q.start() < 40) {
            return q.group(1).strip();
        }
        s = RX_6.matcher(s).replaceAll("");
        s = RX_7.matcher(s).replaceAll("");
        s = RX_8.matcher(s).replaceAll("");
        s = TRAILING_STATE.matcher(s).replaceFirst("");
        s = RX_9.matcher(s).replaceAll("");
        s = RX_10.matcher(s).replaceAll("");
        s = RX_11.matcher(s).replaceAll("").strip();
        s = INCIDENT_ID.matcher(s).replaceFirst("");
        s = LEADING_ID.matcher(s).replaceFirst("");
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.strip();
    }
}
