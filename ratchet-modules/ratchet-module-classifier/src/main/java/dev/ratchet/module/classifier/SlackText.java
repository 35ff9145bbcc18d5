package dev.ratchet.module.classifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bot message's text says once its Slack markup is read: links to their labels, emoji codes and bold or code
 * markers away ({@link #normalise}), the {@code key: value} and {@code key="value"} pairs it prints ({@link #labels}),
 * a host without its port, an alert's name without incident numbers, tags and links ({@link #cleanName}), a priority
 * as the tools write it, and the metric dimension naming what a CloudWatch or OCI alarm watches. The low-level text
 * that {@link BuiltinClassifier} and the readers above it share; pure and thread-safe.
 */
final class SlackText {

    private SlackText() {}

    /** A Slack link with a label: {@code <https://x|label>}. */
    private static final Pattern SLACK_LINK = Pattern.compile("<([^<>|]*)\\|([^<>]*)>");

    /** A bare Slack link: {@code <https://x>}, {@code <mailto:x>}. */
    private static final Pattern SLACK_URL = Pattern.compile("<((?:https?|mailto)[^<>]*)>");

    /** An emoji code: {@code :red_circle:}. */
    private static final Pattern EMOJI = Pattern.compile("(?<![\\w/]):[a-z0-9_+'-]+:(?![\\w/])");

    /** Slack markup away: links to their labels, emoji codes and bold/code markers removed. */
    static String normalise(String text) {
        String t = SLACK_LINK.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
        t = SLACK_URL.matcher(t).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        t = EMOJI.matcher(t).replaceAll("");
        t = t.replace("*", "")
                .replace("`", "")
                .replace("~", "")
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&amp;", "&");
        return t;
    }

    /** A Prometheus label: {@code service="api"}. */
    private static final Pattern PROM_LABEL = Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    /** An unquoted label: {@code service=api}. */
    private static final Pattern BARE_LABEL = Pattern.compile("(?<![\\w\"=])([a-zA-Z_][a-zA-Z0-9_]*)=([^\\s\",]+)");

    /** Several {@code key: value} pairs on one line, set apart by two spaces or a bar ("host: db-03  path: /var"). */
    private static final Pattern SPACED_LABELS = Pattern.compile(
            "^[ \\t•·>*-]*[A-Za-z][\\w.-]{0,30}:[ \\t]+\\S.*?(?:[ \\t]{2,}|[ \\t]\\|[ \\t])[A-Za-z][\\w.-]{0,30}:[ \\t]+\\S");

    /** One {@code key: value} pair of such a line. */
    private static final Pattern SPACED_PAIR = Pattern.compile("^([A-Za-z][\\w.-]{0,30}):[ \\t]+(\\S.*?)$");

    /** A line holding one pair: {@code service: api}, {@code - severity = critical}. */
    private static final Pattern LABEL_LINE =
            Pattern.compile("(?m)^[ \\t•·>*-]*([A-Za-z][\\w .-]{0,40}?)[ \\t]*[:=][ \\t]*\"?([^\"\\n]*?)\"?[ \\t]*$");

    /** "service.name", "host_name", "host.hostname": an attribute named by its namespace. */
    private static final Pattern NAMESPACED_KEY =
            Pattern.compile("(service|host|app|application|node|pod|container)[._](?:name|hostname)");

    /** A run of white space. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * Key/value pairs the tools print one per line ({@code service: api}, {@code - severity = critical},
     * {@code Priority: P1}) or as Prometheus label sets ({@code service="api"}), keys lower-cased; the first wins.
     */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher prom = PROM_LABEL.matcher(text);
        while (prom.find()) {
            labels.putIfAbsent(
                    prom.group(1).toLowerCase(Locale.ROOT), prom.group(2).trim());
        }
        for (String line : text.split("\n")) {
            if (line.indexOf('=') < 0) {
                continue;
            }
            Matcher bare = BARE_LABEL.matcher(line);
            List<String[]> pairs = new ArrayList<>();
            while (bare.find()) {
                pairs.add(new String[] {bare.group(1).toLowerCase(Locale.ROOT), bare.group(2)});
            }
            if (pairs.size() >= 2) {
                pairs.forEach(kv -> labels.putIfAbsent(kv[0], kv[1]));
            }
        }
        for (String line : text.split("\n")) {
            if (SPACED_LABELS.matcher(line).find()) {
                for (String part :
                        line.strip().replaceFirst("^[•·>*-]+\\s*", "").split("[ \\t]{2,}|[ \\t]\\|[ \\t]")) {
                    Matcher kv = SPACED_PAIR.matcher(part.strip());
                    if (kv.matches()) {
                        labels.putIfAbsent(
                                kv.group(1).toLowerCase(Locale.ROOT),
                                kv.group(2).strip());
                    }
                }
            }
        }
        Matcher m = LABEL_LINE.matcher(text);
        while (m.find()) {
            String key = WHITESPACE
                    .matcher(m.group(1).trim().toLowerCase(Locale.ROOT))
                    .replaceAll(" ");
            String value = m.group(2).trim();
            if (!value.isEmpty() && !value.startsWith("//")) {
                labels.putIfAbsent(key, value);
            }
        }
        // OpenTelemetry and Elastic Common Schema name attributes by namespace ("service.name", "host.name",
        // "host.hostname", "k8s.pod.name"); Prometheus-style exporters write them with underscores: the namespace is
        // the key
        List<Map.Entry<String, String>> namespaced = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            Matcher ns = NAMESPACED_KEY.matcher(e.getKey());
            if (ns.matches()) {
                namespaced.add(Map.entry(ns.group(1), e.getValue()));
            }
        }
        namespaced.forEach(e -> labels.putIfAbsent(e.getKey(), e.getValue()));
        return labels;
    }

    /** Priorities as words in lower case ({@code critical}), P-levels in upper case ({@code P1}). */
    static String normalisePriority(String p) {
        String t = p.trim();
        return t.matches("(?i)p[1-5]") ? t.toUpperCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT);
    }

    /**
     * A host without the port after it ("10.0.3.21:9100" is 10.0.3.21), and a probed URL's host
     * ("https://api.example.com/health" is api.example.com); an address in brackets (IPv6) stays.
     */
    static String withoutPort(String host) {
        return host.replaceFirst("^(?i)https?://([^/\\s:]+)(?::\\d{1,5})?(?:/\\S*)?$", "$1")
                .replaceFirst("^([^\\s:\\[\\]]+):\\d{1,5}$", "$1");
    }

    /** An incident number leading a name: {@code #2345:}. */
    private static final Pattern INCIDENT_NUMBER = Pattern.compile("^\\s*#\\d+\\s*[:-]?\\s*");

    /** A priority tag ending a name: {@code (P1)}, {@code (critical)}. */
    private static final Pattern PRIORITY_TAG = Pattern.compile("\\s*\\((?:P[1-5]|critical|warning)\\)\\s*$");

    /** A link. */
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /** Quotes, colons, dashes and punctuation at either end. */
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\"“\\s:-]+|[\"”\\s.:,;-]+$");

    /** An alert's name without incident numbers, priority tags, links or trailing punctuation, so open and close agree. */
    static String cleanName(String raw) {
        String t = raw == null ? "" : raw;
        t = INCIDENT_NUMBER.matcher(t).replaceAll("");
        t = PRIORITY_TAG.matcher(t).replaceAll("");
        t = URL.matcher(t).replaceAll("");
        t = WHITESPACE.matcher(t).replaceAll(" ").trim();
        boolean drive = DRIVE_LAST.matcher(t).find();
        t = EDGE_PUNCTUATION.matcher(t).replaceAll("");
        return drive ? t + ":" : t; // "disk C:": a Windows drive keeps its colon
    }

    /** A Windows drive ending a name: "disk C:", "D:". */
    private static final Pattern DRIVE_LAST =
            Pattern.compile("(?iu)(?:disk|drive|volume|partition|laufwerk|disque|unidad|диск)\\s+(?-i:[A-Z]):\\s*$");

    /**
     * The metric dimensions that name what an alarm watches (the database, queue, table, function, load balancer…), as
     * the alarm's card, e-mail or JSON prints them: "DBInstanceIdentifier = orders-prod", "[QueueName = orders-dlq]",
     * "TableName: sessions", {@code {"value": "orders-prod", "name": "DBInstanceIdentifier"}}.
     */
    private static final String DIMENSIONS = "DBInstanceIdentifier|DBClusterIdentifier|QueueName|TableName|FunctionName"
            + "|LoadBalancer|TargetGroup|DistributionId|InstanceId|AutoScalingGroupName|ClusterName|ServiceName|BucketName"
            + "|CacheClusterId|ReplicationGroupId|ApiName|StateMachineArn|TopicName|StreamName|DeliveryStreamName"
            + "|DomainName|FileSystemId|VolumeId|NatGatewayId|BrokerName|Broker|EnvironmentName|ApplicationName|JobName"
            + "|DBProxyName|WorkGroup|resourceName|resourceDisplayName";

    private static final Pattern DIMENSION = Pattern.compile("\\b(?:" + DIMENSIONS
            + ")[\"']?\\s*[=:]\\s*[\"']?(?<value>[\\w./:-]*\\w)"
            + "|\"value\"\\s*:\\s*\"(?<json>[^\"\\n]+)\"\\s*,\\s*\"name\"\\s*:\\s*\"(?:" + DIMENSIONS + ")\""
            + "|\"name\"\\s*:\\s*\"(?:" + DIMENSIONS + ")\"\\s*,\\s*\"value\"\\s*:\\s*\"(?<json2>[^\"\\n]+)\"");

    /** The first dimension naming what the alarm watches, or empty. */
    static Optional<String> dimension(String text) {
        Matcher m = DIMENSION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(
                m.group("value") != null
                        ? m.group("value")
                        : m.group("json") != null ? m.group("json") : m.group("json2"));
    }
}
