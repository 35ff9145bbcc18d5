package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.kit.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises how common alerting tools render in Slack: Prometheus Alertmanager, Grafana, Datadog, PagerDuty,
 * Opsgenie, AWS CloudWatch (SNS and AWS Chatbot), Sentry and New Relic. It reads the text core stores for a message
 * (attachments' pretext, title, text and fields, and block text, folded in) and the name the integration posts under.
 *
 * <p>Only call it for messages posted by bots and integrations: a person quoting an alert is not an alert. It is pure
 * and thread-safe.
 *
 * <p>Recognisers are tried from the most specific format to the most generic, and each one needs the tool's own
 * markers (a bracketed {@code [FIRING:n]} status, the tool's name in the poster or the text, an incident number), so
 * that deploy bots and CI failures that merely say "failed" or "resolved" are not taken for alerts.
 */
public final class BuiltinClassifier {

    private static final java.util.concurrent.ConcurrentMap<String, Pattern> LINKS_TO =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The Opsgenie Slack app's attachment title: {@code #2345: message}. */
    private static final Pattern OPSGENIE_TITLE = Pattern.compile("(?m)^\\s*#\\d+\\s*:\\s*(.+)$");
    /** New Relic's "High error percentage on checkout-service": the condition on the entity. */
    private static final Pattern CONDITION_ON_ENTITY =
            Pattern.compile("^(.+?)\\s+(?:on|for)\\s+([\\w.:-]+)(?:\\s*\\((?:policy|condition)\\s*:[^()]*\\))?\\s*$");
    /** New Relic's legacy incident text: "Violation of 'Apdex < 0.7' for orders-service closed". */
    private static final Pattern NEWRELIC_VIOLATION = Pattern.compile("(?i)\\bviolation\\s+of\\s+'([^'\\n]{2,120})'");

    private static final Pattern SERVICE_TAG = Pattern.compile("(?<![\\w/.-])service:([\\w.-]+)");
    private static final Pattern PRIORITY_P = Pattern.compile("\\b(P[1-5])\\b");
    private static final Set<String> SEVERITY_WORDS = Set.of(
            "critical",
            "warning",
            "warn",
            "info",
            "error",
            "page",
            "ticket",
            "none",
            "high",
            "low",
            "medium",
            "major",
            "minor",
            "fatal",
            "emergency",
            "sev1",
            "sev2",
            "sev3",
            "sev4");
    private static final Set<String> ENV_WORDS =
            Set.of("prod", "production", "staging", "stage", "dev", "test", "qa", "preprod", "sandbox");

    // Alertmanager's default title: [{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{
    // end }}]
    // {{ .GroupLabels.SortedPairs.Values | join " " }} ({{ common labels values }}); Grafana's unified alerting copies
    // it.
    private static final Pattern AM_TITLE = Pattern.compile(
            "(?m)^\\s*\\[(?<state>FIRING|RESOLVED)(?::\\s*(?<count>\\d+))?(?<mixed>,\\s*RESOLVED:\\s*\\d+)?\\]\\s*(?<rest>.+)$");
    /** The same tag at the end of a custom title: "acme-portal - prod-use1 [RESOLVED:1]" (a count, so not a ticket's tag). */
    private static final Pattern AM_TRAILING = Pattern.compile(
            "(?m)^[\\s*_]*(?<rest>[^\\[\\n]{3,}?)[\\s*_]*\\[(?<state>FIRING|RESOLVED):\\s*(?<count>\\d+)(?<mixed>,\\s*RESOLVED:\\s*\\d+)?\\][\\s*_]*$");

    /** A label naming a host, once per alert a notification lists. */
    private static final Pattern HOST_LABEL =
            Pattern.compile("(?i)\\b(?:instance|host|hostname|node|nodename)\\b[\"*_ \\t]*[:=][\"*_ \\t]*([\\w.:/-]+)");

    private static final Pattern GRAFANA_LEGACY =
            Pattern.compile("(?m)^\\s*\\[(Alerting|OK|No Data|Pending|Paused)\\]\\s*(.+)$");
    /** The one scope a multi-alert monitor names in its title: "[Triggered on {host:batch-02}]". */
    private static final Pattern DATADOG_SCOPE = Pattern.compile(
            "\\bon\\s+\\{(?:[^{}\\n]*?[,\\s])?(?:host|service|app|kube_deployment|db|database):([\\w.-]+)[^{}\\n]*}");
    /** A monitor's scope after its name: "Postgres connections near max on {db:orders-primary}", "… on env:prod,service:x". */
    private static final Pattern DATADOG_SCOPE_TAIL =
            Pattern.compile("\\s+on\\s+(?:\\{[^{}\\n]*}|[\\w.-]+:[\\w.-]+(?:,[\\w.-]+:[\\w.-]+)*)\\s*$");
    /** A Grafana folder: one capitalised word. */
    private static final Pattern FOLDER_WORD = Pattern.compile("\\p{Lu}\\p{Ll}+");
    /** An alert rule's identifier: CamelCase or snake_case, one word. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\p{L}\\w*(?:\\p{Ll}\\p{Lu}|_)\\w*");

    private static final Pattern DATADOG = Pattern.compile(
            "(?im)^[\\s*_>]*(?:\\[P[1-5]\\]\\s*)?\\[?(Re-Triggered|Triggered|Recovered from Warn|Recovered from No Data|Recovered|Re-Warn|Warn|Warning|Re-No Data|No Data)(?!\\s+threshold)(?:\\s+on\\s+\\{[^}\\n]*\\})?\\]?\\s*:?\\s+(.+)$");
    private static final Pattern PAGERDUTY = Pattern.compile(
            "(?im)^\\s*(?:\\[pagerduty\\]\\s*)?(?:incident\\s+)?(Triggered|Resolved|Acknowledged|Unacknowledged|Escalated|Reassigned|Delegated)\\b\\s*(?:by\\s+[^:#]+?)?\\s*[:-]?\\s*(?:incident\\s+)?\\[?#(\\d+)\\]?\\s*[:-]?\\s*(.*)$");
    /** The PagerDuty app's reply in an incident's thread: "Sam Okafor resolved this incident." */
    private static final Pattern PAGERDUTY_ACTED =
            Pattern.compile("(?m)^\\s*\\p{Lu}[\\p{L}'.-]*(?:\\s+\\p{Lu}[\\p{L}'.-]*){0,3}\\s+"
                    + "(resolved|acknowledged|escalated|reassigned|triggered)\\s+this\\s+incident\\b");
    /** The PagerDuty Slack app's attachment: title {@code #4521 summary}, the state in a {@code Status} field. */
    private static final Pattern PAGERDUTY_TITLE = Pattern.compile("(?m)^\\s*\\[?#(\\d+)\\]?\\s*[:-]?\\s*(.+)$");

    /** A priority Opsgenie's templates print beside the message: "(P1)", "(P1, Payments)", "P2". */
    private static final Pattern OPSGENIE_PRIORITY = Pattern.compile("\\s*\\(\\s*P[1-5]\\b[^)]*\\)|\\bP[1-5]\\b");
    /** A bracketed word after the message: the entity or a state ("(es-logs)", "(state OK)"). */
    private static final Pattern OPSGENIE_OWN_BRACKET =
            Pattern.compile("\\s*\\(\\s*(?:state\\s+\\w+|([\\p{L}\\d][\\w.-]*[\\p{L}\\d]))\\s*\\)\\s*$");

    private static final Pattern OPSGENIE = Pattern.compile(
            "(?im)^\\s*(?:\\[opsgenie\\]\\s*)?(?:alert\\s+(created|closed|acknowledged|unacknowledged|escalated|assigned|snoozed|deleted)|(new|closed)\\s+alert)"
                    + "(?:\\s+by\\s+[^:]+)?\\s*:?\\s*(.*)$");
    /** The Opsgenie app's line of what was done to the alert: "*Closed* by Prometheus", "Sam took ownership of the alert". */
    private static final Pattern OPSGENIE_ACTED = Pattern.compile(
            "(?im)^[\\s*_>]*(?:(created|closed|acknowledged|unacknowledged|escalated|assigned|snoozed|deleted|note\\s+added"
                    + "|priority\\s+(?:changed|updated))[\\s*_]+by\\b|[^\\n]{1,60}?\\s(took\\s+ownership)\\s+of\\s+the\\s+alert\\b)");

    private static final Pattern CLOUDWATCH_SUBJECT = Pattern.compile(
            "(?m)^\\s*(?:Subject:\\s*)?(ALARM|OK|INSUFFICIENT_DATA)\\s*:\\s*[\"“]([^\"”]+)[\"”]\\s+in\\s+(.+)$");
    /**
     * A relay's headline naming the tool, then the state in capitals and the alarm: "*CloudWatch* ALARM :red_circle:
     * *dlq-not-empty*", "CloudWatch OK | api-5xx | eu-west-1 | was ALARM" (Chatbot's own "CloudWatch Alarm | …" names
     * no state there).
     */
    private static final Pattern CLOUDWATCH_LEAD = Pattern.compile(
            "(?m)^[\\s*_>]*(?::[a-z0-9_+-]+:\\s*)*(?:AWS\\s+)?CloudWatch[\\s*_]+(?:(?:ALARM|OK|INSUFFICIENT_DATA)\\s*(?:→|->)\\s*)?(ALARM|OK|INSUFFICIENT_DATA)\\b[\\s*_:|]*(?::[a-z0-9_+-]+:[\\s*_]*)*([\\w.:/-]+)");

    private static final Pattern CLOUDWATCH_CHATBOT =
            Pattern.compile("(?im)^\\s*CloudWatch Alarm\\s*[|:]\\s*([^|\\n]+?)\\s*\\|");
    private static final Pattern CLOUDWATCH_STATE = Pattern.compile(
            "(?i)(?:\\bto\\b|->|→|\\bstate\\b\\s*:?|\\bis now\\b|\\bin\\b)\\s*\\b(ALARM|OK|INSUFFICIENT_DATA)\\b");
    private static final Pattern SENTRY_DIGEST =
            Pattern.compile("(?i)^\\W*(?:weekly|daily|monthly)\\s+(?:report|summary|digest)\\b");
    private static final Pattern SENTRY_STATE = Pattern.compile(
            "(?im)^\\s*(?:\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+){0,2}\\s+(?=marked\\s+as\\s+resolved))?(?:issue\\s+)?(new issue|first seen|regression|regressed|escalating|critical|warning|resolved|marked as resolved|unresolved|ignored|archived|assigned)\\b\\s*(?:by\\s+[^:]+)?\\s*[:-]?\\s*(.*)$");
    private static final Pattern NEWRELIC_STATE = Pattern.compile(
            "(?im)^\\s*(?:new\\s+relic\\s+alert\\s*[-–:]\\s*)?(?:\\[?(critical|warning|high|medium|low)\\]?\\s+)?(?:incident|issue)\\s+(?:#\\d+\\s+)?(opened|activated|created|acknowledged|closed|resolved)\\b\\s*(?:by\\s+[^:]+)?\\s*[:-]?\\s*(.*)$");
    /** New Relic workflows' default Slack message: "CRITICAL priority issue is ACTIVATED". */
    private static final Pattern NEWRELIC_PRIORITY_ISSUE = Pattern.compile(
            "(?im)^\\s*(critical|high|medium|low)\\s+priority\\s+issue\\s+is\\s+(ACTIVATED|CREATED|CLOSED|ACKNOWLEDGED)\\b");

    private static final Pattern NEWRELIC_ISSUE_STATE =
            Pattern.compile("(?im)^\\s*(?:issue\\s+)?state\\s*:\\s*(ACTIVATED|CREATED|CLOSED|ACKNOWLEDGED)\\s*$");

    private final Set<String> disabled;
    private final LearnedRecogniser learned;

    /** All recognisers. */
    public BuiltinClassifier() {
        this(Set.of());
    }

    /**
     * Without the tool-specific recognisers named in {@code disabled} ({@code alertmanager}, {@code pagerduty}, ...): how
     * leave-one-tool-out scoring measures what the generic recogniser finds on its own.
     */
    public BuiltinClassifier(Set<String> disabled) {
        this(disabled, LearnedRecogniser.shipped());
    }

    /** With {@code learned} as the stage behind the rules (null: none), for scoring a model trained without a tool. */
    BuiltinClassifier(Set<String> disabled, LearnedRecogniser learned) {
        this.disabled = Set.copyOf(disabled);
        this.learned = learned;
    }

    /**
     * The same recognisers with the learned stage deciding from {@link PosterHistory#ALERTER_THRESHOLD} on: how the
     * messages of a poster known to post alerts are read.
     */
    BuiltinClassifier forAlertingPosters() {
        return new BuiltinClassifier(
                disabled, learned == null ? null : learned.withThreshold(PosterHistory.ALERTER_THRESHOLD));
    }

    /**
     * The alert's names in a message as the generic recogniser reads them, once something else has said it is an
     * alert; empty for a look-alike (a deploy, a build, a digest) or a message that names nothing.
     */
    Optional<FindingNames.Names> names(MessageView message) {
        String text = SlackText.normalise(message.text());
        Map<String, String> labels = SlackText.labels(text);
        message.fields()
                .forEach((k, v) -> labels.putIfAbsent(k, SlackText.normalise(v).strip()));
        return FindingNames.names(message, text, labels);
    }

    /** What recognised a message, its classification, and why. */
    public record Recognition(String recogniser, Classification classification, List<String> why) {}

    private record Named(String name, Recogniser recogniser) {}

    private final GenericRecogniser generic = new GenericRecogniser();

    /** The tool-specific recognisers, most specific first; the generic one comes after them all. */
    private List<Named> specific() {
        return List.of(
                new Named("pagerduty", this::pagerDuty),
                new Named("opsgenie", this::opsgenie),
                new Named("cloudwatch", this::cloudWatch),
                new Named("grafana", (t, l, p, labels) -> grafanaOrAlertmanager(t, l, p, labels, true)),
                new Named("alertmanager", (t, l, p, labels) -> grafanaOrAlertmanager(t, l, p, labels, false)),
                new Named("datadog", this::datadog),
                new Named("sentry", this::sentry),
                new Named("newrelic", this::newRelic));
    }

    /** The names of the recognisers, in the order they are tried ({@code generic} last). */
    public List<String> recognisers() {
        List<String> names = new ArrayList<>();
        specific().forEach(n -> names.add(n.name()));
        names.add("generic");
        names.add("learned");
        return names;
    }

    /**
     * Classifies a bot message.
     *
     * @param username the name the integration posted under ({@code attrs.username}), may be null
     * @param rawText  the message text with attachments and blocks folded in
     * @return empty when no recogniser knows the format; otherwise its classification, possibly
     *         {@link Action#NONE} (a known tool saying something that neither opens nor closes an alert)
     */
    public Optional<Classification> classify(String username, String rawText) {
        return classify(MessageView.ofText(username, true, rawText));
    }

    /** Classifies a bot message (the caller checks it is one: a person quoting an alert is not an alert). */
    public Optional<Classification> classify(MessageView message) {
        return recognise(message).map(Recognition::classification);
    }

    /**
     * Classifies a bot message and says which recogniser did and why: the tool-specific recognisers first, then the
     * generic one.
     */
    public Optional<Recognition> recognise(MessageView message) {
        if (message.fields().containsKey(MessageView.REPLY_TO)) {
            // a reply in a thread is read as any message is; only a bare close mark says more for being one
            MessageView alone = message.withField(MessageView.REPLY_TO, null);
            if (message.bot() && BARE_CLOSE_MARK.matcher(message.text().strip()).matches()) {
                return Optional.of(new Recognition(
                        "generic",
                        new Classification(
                                Action.CLOSE, "", "", Optional.empty(), Optional.empty(), "generic", "builtin"),
                        List.of("a bot's bare close mark (\"" + message.text().strip()
                                + "\") in an alert's thread: the alert it answers is resolved")));
            }
            return recognise(alone);
        }
        String fallback = message.fields().get(MessageView.FALLBACK_LEAD);
        if (fallback != null) {
            MessageView without = message.withField(MessageView.FALLBACK_LEAD, null);
            Optional<Recognition> first = recognise(without);
            if (first.isPresent() || without.fields().containsKey(MessageView.STATE_LEAD)) {
                return first;
            }
            // the title and text say no state: the state tag of the fallback under them leads the title
            return recognise(without.withField(MessageView.STATE_LEAD, fallback))
                    .filter(r -> r.classification().isAlert())
                    .map(r -> {
                        List<String> why = new ArrayList<>(r.why());
                        why.add("the state from the attachment's fallback (\"" + fallback
                                + "\"): its title and text say none");
                        return new Recognition(r.recogniser(), r.classification(), why);
                    });
        }
        String lead = message.fields().get(MessageView.STATE_LEAD);
        if (lead != null) {
            // a state kept only in a menu's option or a header, read as the line leading the text
            Map<String, String> fields = new LinkedHashMap<>(message.fields());
            fields.remove(MessageView.STATE_LEAD);
            message = new MessageView(
                    message.username(),
                    message.bot(),
                    lead + "\n" + message.text(),
                    fields,
                    message.titles(),
                    message.colours(),
                    message.buttons());
        }
        String before = message.fields().get(MessageView.EDITED_FROM);
        MessageView now = message;
        if (before != null) {
            // the text before an edit is no field of the card: read only to tell an update from an open
            Map<String, String> fields = new LinkedHashMap<>(message.fields());
            fields.remove(MessageView.EDITED_FROM);
            now = new MessageView(
                    message.username(),
                    message.bot(),
                    message.text(),
                    fields,
                    message.titles(),
                    message.colours(),
                    message.buttons());
        }
        MessageView view = now;
        return recogniseState(view)
                .map(r -> testNotification(view, r))
                .map(r -> resolvedCard(view, r))
                .map(r -> before == null ? r : stillOpenEdit(view, before, r));
    }

    /**
     * A close mark and nothing else, as a hub posts it in the thread of the alert it resolved ("✅",
     * ":white_check_mark:", ":large_green_circle:").
     */
    private static final Pattern BARE_CLOSE_MARK = Pattern.compile(
            "(?:✅|✔️?|☑️?|🟢|:white_check_mark:|:heavy_check_mark:|:ballot_box_with_check:|:large_green_circle:)");

    /** A button that undoes a resolve: "Unresolve" (Grafana OnCall, Sentry), "Reopen", "Re-open incident". */
    private static final Pattern UNDO_RESOLVE = Pattern.compile("(?i)^\\W*(?:un-?resolve|re-?open)\\b");

    /** A button that resolves: "Resolve", "Close alert", "Mark as resolved". */
    private static final Pattern RESOLVE = Pattern.compile("(?i)^\\W*(?:resolve|close|mark\\s+(?:as\\s+)?resolved)\\b");

    /**
     * A card whose buttons offer to undo its resolve ("Unresolve", "Reopen") and not to resolve it is resolved, though
     * its body still shows the alert as it fired ("*Status*: firing"): the app replaced its buttons when someone
     * resolved it, as Grafana OnCall's and Sentry's Slack apps do, and an open read from the body is its close.
     */
    private static Recognition resolvedCard(MessageView message, Recognition r) {
        if (r.classification().action() != Action.OPEN
                || message.buttons().stream()
                        .noneMatch(b -> UNDO_RESOLVE.matcher(b).find())
                || message.buttons().stream().anyMatch(b -> RESOLVE.matcher(b).find())) {
            return r;
        }
        Classification c = r.classification();
        List<String> why = new ArrayList<>(r.why());
        why.add("the card offers to undo its resolve (a button \"Unresolve\" or \"Reopen\"): it was resolved");
        return new Recognition(
                r.recogniser(),
                new Classification(
                        Action.CLOSE,
                        c.service(),
                        c.alert(),
                        Optional.empty(),
                        c.durationSeconds(),
                        c.source(),
                        c.method()),
                why);
    }

    /**
     * An edit of a bot's message that opened and still opens ("🔴 Incident #4 · open" edited to "🟠 Incident #4 ·
     * acknowledged") is the open's update: the open was the message first posted. An edit into a close closes it, and
     * an edit of a closed message back into firing opens it again.
     */
    private Recognition stillOpenEdit(MessageView message, String before, Recognition r) {
        if (r.classification().action() != Action.OPEN) {
            return r;
        }
        boolean wasOpen = recogniseState(MessageView.ofText(message.username(), message.bot(), before))
                .map(p -> p.classification().action() == Action.OPEN)
                .orElse(false);
        if (!wasOpen) {
            return r;
        }
        List<String> why = new ArrayList<>(r.why());
        why.add("an edit of a message that already opened: the open's update");
        return new Recognition(
                r.recogniser(),
                Classification.none(
                        r.classification().source(), r.classification().method()),
                why);
    }

    /** A test notification a tool sends when it is set up ("[FIRING:1] Test Alert", "This is a test") opens nothing. */
    private static final Pattern TEST_NOTIFICATION = Pattern.compile(
            // (not a data test's alert: "dbt test alert", "data test alert" are alerts on a failed test)
            // (letters around, not \b: markup's underscores are word characters: "_Test notification_")
            "(?i)(?<![\\p{L}\\p{N}])(?:(?<!\\b(?:dbt|data|schema|quality)\\s)test(?:ing)?[\\s_-]*(?:alert|alarm|notification|message|incident|issue|page|event)s?"
                    // a relay's catch-all for what it cannot read: "Debug Payload Received"
                    + "|debug\\s+(?:payload|message|event|output)"
                    // a notifier's test about its sample: "Example Service is back online."
                    + "|(?<![\\p{L}])(?:example|sample)\\s+(?:service|monitor|check|host|site)(?![\\p{L}])"
                    + "|notification\\s+test|this\\s+is\\s+(?:just\\s+)?a\\s+test)(?![\\p{L}\\p{N}])"
                    // a test alert named in one word, in any language: "TestAlert", "TestNotifica", "TestowyAlarm"
                    + "|(?<![\\p{L}\\p{N}])(?-i:Test\\p{Ll}{0,4}(?:Alert|Alarm|Alarme|Alerta|Notifica\\p{Ll}*"
                    + "|Notification|Meldung|Melding|Message|Event))(?!\\p{Ll})"
                    // a test notification said in the team's language ("bu bir deneme bildirimidir", "notifica di
                    // prova", "powiadomienie testowe", "testmelding")
                    + "|(?<![\\p{L}])(?:deneme\\s+bildirim|test\\s+bildirim|notificaci[oó]n\\s+de\\s+prueba|mensaje\\s+de\\s+prueba"
                    + "|alerta\\s+de\\s+(?:prueba|teste)|notifica[cç][aã]o\\s+de\\s+teste|notifica\\s+di\\s+prova"
                    + "|messaggio\\s+di\\s+prova|notification\\s+de\\s+test|message\\s+de\\s+test|alerte\\s+de\\s+test"
                    + "|testbenachrichtigung|testnachricht|testmelding|testbericht|powiadomienie\\s+testowe"
                    + "|wiadomo[sś][cć]\\s+testowa|testmeddelande|testlarm|notifikasi\\s+(?:uji|tes))"
                    // a monitor named just "TEST" ("“TEST” is DOWN.")
                    + "|[\"“'‘]test[\"”'’]"
                    // a notification whose kind says it is a test: "SMART error (EmailTest) detected", "[Test]"
                    + "|\\(\\w*test\\)|\\[test\\]"
                    // an exercise: "(fire drill)", "DR drill", "failover drill"
                    + "|\\b(?:fire|evacuation|dr|disaster[ -]recovery|failover|chaos|incident|tabletop)\\s+drill\\b"
                    // a copy led by TEST and a dash or colon: "TEST – ignorera: 🔴 LARM …", "TEST: …"
                    + "|^\\W*(?-i:TEST)\\s*[:\\-–—]"
                    // the same in the team's language, the word in capitals: "TESTI – älä välitä: …", "[TESZT] …"
                    + "|^\\W*(?-i:TES[TZ][A-Z]{0,2})\\s*[:\\-–—\\]]");

    /**
     * A card's message under its label ("*Message:*\nTEST – trigger check, ignore"), as Kener's trigger test and tools
     * that send a sample alert write the message their user typed.
     */
    private static final Pattern MESSAGE_BODY =
            Pattern.compile("(?im)^\\W*(?:message|description|details|summary)\\s*:[ \\t]*\\n?[ \\t]*([^\\n]+)");

    private static Recognition testNotification(MessageView message, Recognition r) {
        if (!r.classification().isAlert()) {
            return r;
        }
        if (testNotification(message, r.classification().alert())) {
            List<String> why = new ArrayList<>(r.why());
            why.add("a test notification: it opens and closes nothing");
            return new Recognition(
                    r.recogniser(),
                    Classification.none(
                            r.classification().source(), r.classification().method()),
                    why);
        }
        return r;
    }

    /**
     * A sentence anywhere in a notification that says the whole of it is a test: "This is a test message.  Please
     * ignore it." (a script's pretext above a real-looking card), "This is only a test.", a tool's sample event.
     */
    private static final Pattern TEST_SENTENCE = Pattern.compile(
            "(?i)(?<![\\p{L}])this\\s+is\\s+(?:just\\s+|only\\s+)?a\\s+test"
                    + "(?:\\s+(?:message|notification|alert|page|event))?\\s*(?:[.!]|[-–—,:]?\\s*please\\s+ignore|$)"
                    // a tool's sample event sent to try the integration: "This is an example Python exception"
                    + "|(?<![\\p{L}])this\\s+is\\s+an?\\s+(?:example|sample)\\s+(?:[\\w-]+\\s+)?"
                    + "(?:exception|error|alert|event|notification|message|incident)s?(?![\\p{L}])"
                    // a person's run of a flow ("test from Power Automate — ignore"), a step's sample data ("Title:
                    // Sample incident")
                    + "|^\\W*test(?:ing)?\\b[^\\n]{0,80}?\\bignore\\b"
                    + "|^\\W*(?:title|summary|name|alert|incident|description)\\W*:\\W*sample\\s+"
                    + "(?:incident|alert|event|issue|error|monitor)(?![\\p{L}])",
            Pattern.MULTILINE);

    /**
     * Whether a message read as alert {@code alert} is a tool's test notification: its title, first line, alert name or
     * a card's message under its label says so ("[FIRING:1] Test Alert", "*Notification test*", "This is a test").
     */
    static boolean testNotification(MessageView message, String alert) {
        String head = message.titles().isEmpty() ? "" : message.titles().get(0);
        String first = message.text().strip().split("\n", 2)[0];
        if (TEST_NOTIFICATION.matcher(head).find()
                || TEST_NOTIFICATION.matcher(first).find()
                || TEST_NOTIFICATION.matcher(alert).find()) {
            return true;
        }
        if (TEST_SENTENCE.matcher(message.text()).find()
                || BARE_TEST.matcher(first).matches()) {
            return true;
        }
        for (Map.Entry<String, String> f : message.fields().entrySet()) {
            // a card's field saying what sent it: "Signal: Metric · test notification"
            if (!f.getKey().startsWith("\u0000")
                    && TEST_NOTIFICATION.matcher(f.getValue()).find()) {
                return true;
            }
        }
        Matcher body = MESSAGE_BODY.matcher(SlackText.normalise(message.text()));
        while (body.find()) {
            if (TEST_NOTIFICATION.matcher(body.group(1).strip()).find()) {
                return true;
            }
        }
        return false;
    }

    /** A first line that is only the word "test": someone publishing to the alarm's topic by hand. */
    private static final Pattern BARE_TEST = Pattern.compile("(?i)^\\W*test(?:ing)?(?:\\s+\\d{1,4})?\\W*$");

    /** A message that is one fenced code block and nothing else: its inside. */
    private static final Pattern WHOLE_CODE_BLOCK = Pattern.compile("(?s)^\\s*```\\s*\\n(.*?)\\n?\\s*```\\s*$");

    /** An aligned row of a monospace card: a key of one or two words, two spaces or more, its value. */
    private static final Pattern ALIGNED_ROW = Pattern.compile("^(\\S+(?: \\S+)?)[ \\t]{2,}(\\S.*)$");

    /**
     * A bot's message that is only a code block of aligned rows ("STATE     🔴 CRITICAL" / "HOST      db01"), as check
     * runners post a monospace card: read as the card it is, each row a field "key: value". A person pasting an alert
     * quotes it beside words of their own or posts as no bot, so only a bot's whole message is read so; null when it is
     * not one.
     */
    static MessageView codeBlockCard(MessageView message) {
        if (!message.bot()) {
            return null;
        }
        Matcher whole = WHOLE_CODE_BLOCK.matcher(message.text());
        if (!whole.matches() || whole.group(1).contains("```")) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>(message.fields());
        List<String> rows = new ArrayList<>();
        String state = null;
        List<String> others = new ArrayList<>();
        for (String line : whole.group(1).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher row = ALIGNED_ROW.matcher(line.strip());
            if (!row.matches()) {
                return null;
            }
            String value = row.group(2).strip();
            rows.add(row.group(1) + ": " + value);
            fields.putIfAbsent(row.group(1).toLowerCase(Locale.ROOT), value);
            String words = StateWords.trimmed(value);
            if (state == null && !words.isEmpty() && StateWords.of(words) != null) {
                state = value;
            } else {
                others.add(value);
            }
        }
        if (rows.size() < 2) {
            return null;
        }
        if (state != null) {
            // the row whose whole value is a state leads, a tag before what it is of: "🔴 CRITICAL — db01 · disk /"
            rows.add(0, state + " — " + String.join(" · ", others));
        }
        return new MessageView(
                message.username(),
                true,
                String.join("\n", rows),
                fields,
                message.titles(),
                message.colours(),
                message.buttons());
    }

    /** The scalar members of a parsed JSON value, each under its own key (the first of a key kept), at most 60. */
    private static void leaves(Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> object) {
            for (Map.Entry<?, ?> e : object.entrySet()) {
                if (into.size() >= 60) {
                    return;
                }
                Object v = e.getValue();
                if (v instanceof Map<?, ?> || v instanceof List<?>) {
                    leaves(v, into);
                } else if (v != null && !v.toString().isBlank()) {
                    into.putIfAbsent(e.getKey().toString(), v.toString().strip().replace('\n', ' '));
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(v -> leaves(v, into));
        }
    }

    /** A flat JSON object, the whole message: string, number and literal values only. */
    private static final Pattern FLAT_JSON = Pattern.compile(
            "(?s)^\\s*\\{(\\s*\"[^\"\\n]{1,40}\"\\s*:\\s*(?:\"[^\"\\n]*\"|[-\\w.]+)\\s*,?)+\\s*\\}\\s*$");

    private static final Pattern JSON_PAIR =
            Pattern.compile("\"(?<key>[^\"\\n]{1,40})\"\\s*:\\s*(?:\"(?<s>[^\"\\n]*)\"|(?<v>[-\\w.]+))");

    /**
     * A bot's message that is one JSON object ({"job": "x", "status": "failed", "attempt": "1/3"}), as a script posts
     * its run record or a relay a tool's whole payload: read as the key=value line it is ("job=x status=failed
     * attempt=1/3"), nested members by their own keys; null when not one.
     */
    /** A tool's payload in a code block, a short label before it: "newrelic:\n```{ … }```". */
    private static final Pattern LABELLED_JSON_BLOCK =
            Pattern.compile("(?s)^(?:[\\p{L}\\p{N} ._-]{1,30}:\\s*\\n)?```(?:json)?\\s*(?<json>\\{.*\\})\\s*```$");

    static MessageView jsonRecord(MessageView message) {
        if (!message.bot()) {
            return null;
        }
        Map<String, String> members = new LinkedHashMap<>();
        String body = message.text();
        Matcher block = LABELLED_JSON_BLOCK.matcher(body.strip());
        if (block.matches()) {
            body = block.group("json"); // the payload in a code block under a label: "newrelic:\n```{ … }```"
        }
        if (FLAT_JSON.matcher(body).matches()) {
            Matcher m = JSON_PAIR.matcher(body);
            while (m.find()) {
                members.putIfAbsent(m.group("key"), m.group("s") != null ? m.group("s") : m.group("v"));
            }
        } else if (body.strip().startsWith("{")) {
            // a tool's whole payload posted raw, nested (an SNS-to-Slack function posting the alarm's message:
            // {"AlarmName": …, "NewStateValue": "ALARM", "Trigger": {…}}): its scalar members, wherever they nest
            try {
                leaves(JsonText.parseObject(body.strip()), members);
            } catch (RuntimeException notJson) {
                return null;
            }
        }
        List<String> pairs = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>(message.fields());
        for (Map.Entry<String, String> e : members.entrySet()) {
            String key = e.getKey().strip().replaceAll("\\s+", "_");
            String value = e.getValue();
            pairs.add(key + "=" + (value.matches("[^\\s=\"]+") ? value : "\"" + value.replace("\"", "") + "\""));
            fields.putIfAbsent(key.toLowerCase(Locale.ROOT), value);
        }
        if (pairs.size() < 2) {
            return null;
        }
        return new MessageView(
                message.username(),
                true,
                String.join(" ", pairs),
                fields,
                message.titles(),
                message.colours(),
                message.buttons());
    }

    /** A heartbeat's line that is only a weather emoji and a name (":thunder_cloud_and_rain: `nas-02`"). */
    private static final Pattern WEATHER_LINE = Pattern.compile(
            "^\\s*(?::(?<code>[a-z_]+):|(?<sym>[⛈🌩🌧🌪☀🌞]))\\x{FE0F}?\\s+(?<name>`?[\\p{L}\\p{N}][\\w.:/@-]*`?)\\s*$",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern STORM = Pattern.compile(
            "thunder_cloud_and_rain|thunderstorm|lightning(?:_cloud)?|cloud_with_lightning(?:_and_rain)?|rain_cloud"
                    + "|cloud_with_rain|tornado(?:_cloud)?|⛈|🌩|🌧|🌪");
    private static final Pattern SUN = Pattern.compile("sunny|sun_with_face|☀|🌞");

    /** A line led by its time, or a run's start and end times, then a separator: "2027-03-02 02:00:04 → 02:03:51 · ". */
    private static final Pattern TIME_LEAD = Pattern.compile("^\\s*\\d{4}-\\d{2}-\\d{2}[ T]\\d{1,2}:\\d{2}(?::\\d{2})?"
            + "(?:\\s*(?:→|->|–|—|-)\\s*(?:\\d{1,2}:\\d{2}(?::\\d{2})?|—|–|-|…))?\\s*[·•|]\\s*"
            + "(?=(?::[a-z0-9_+-]+:|[\\p{So}✓✔✗✘]))");

    /** A row of a box-drawn table: "│ Estado   │ 🔴 abierto". */
    private static final Pattern BOX_ROW =
            Pattern.compile("^\\s*[│┃║]\\s*([^│┃║]+?)\\s*[│┃║]\\s*(\\S.*?)\\s*[│┃║]?\\s*$");

    /** A border of a box-drawn table: "┌────┬────", "└────┴────". */
    private static final Pattern BOX_BORDER = Pattern.compile("^\\s*[┌└├╔╚╠┏┗┣][─━═┬┴┼╦╩╬┳┻╋┐┘┤╗╝╣┓┛┫\\s]*$");

    /**
     * Where a bot keeps its state away from its text's start, read into a lead line: a heartbeat's weather emoji and
     * a name (storm an open, sun a close: ":thunder_cloud_and_rain: `nas-02`" reads "🔴 `nas-02`"); a run's line led
     * by its times ("2027-03-02 02:00:04 → 02:03:51 · ❌ …") reads from its mark when it fails on a first try, a green
     * one closes on a later try ("✅ … · `backup_db` · 2/3": the job's name leads), a plain success stays a report; a
     * bot's table of one run under its header whose cell is an open state ({@link #oneRowTable}); a machine's anomaly
     * code naming a problem, then "detected" ("GOAL_VIOLATION detected {…}"); a box-drawn table whose row is a state
     * ("│ Estado │ 🔴 abierto"), its mark leading the line over the table ("🔴 Incidente #12 · bomba P-3"). Null when
     * none is.
     */
    static MessageView statusLead(MessageView message) {
        if (!message.bot()) {
            return null;
        }
        String text = message.text().strip();
        String lead = null;
        Matcher w = WEATHER_LINE.matcher(text);
        if (w.matches()) {
            String e = w.group("code") != null ? w.group("code") : w.group("sym");
            boolean storm = STORM.matcher(e).matches();
            if (storm || SUN.matcher(e).matches()) {
                return withText(message, (storm ? "🔴 " : "🟢 ") + w.group("name"));
            }
            return null;
        }
        MessageView coded = footnotedCode(message, text);
        if (coded != null) {
            return coded;
        }
        MessageView shaped = lightsOrBar(message, text);
        if (shaped != null) {
            return shaped;
        }
        Matcher t = TIME_LEAD.matcher(text);
        boolean timed = t.find();
        String run = timed ? text.substring(t.end()) : text;
        String first = run.split("\n", 2)[0];
        Matcher mr = MARK_RUN.matcher(first);
        int tryNo = 0;
        if (mr.find()) {
            Matcher tc = TRY_COUNT.matcher(first);
            while (tc.find()) {
                int k = Integer.parseInt(tc.group("k"));
                if (k >= 1 && k <= Integer.parseInt(tc.group("n"))) {
                    tryNo = k;
                }
            }
            String colour = MessageView.labelState(mr.group("mark"), "");
            if ("🟢".equals(colour) && tryNo >= 2) {
                // a pass on a later try ends the failed ones: "✅ ERFOLGREICH · `backup_db` · Versuch 2/3"
                return withText(message, "🟢 " + mr.group("name") + "\n" + run);
            }
        }
        boolean green = mr.find(0) && "🟢".equals(MessageView.labelState(mr.group("mark"), ""));
        if (timed && tryNo < 2 && !green) {
            // (a later try failing again after its times is the first's update: left unread)
            return withText(message, run);
        }
        MessageView table = oneRowTable(message, text);
        if (table != null) {
            return table;
        }
        Matcher anomaly = ANOMALY_DETECTED.matcher(text);
        if (anomaly.find()) {
            return withText(message, "🔴 " + anomaly.group("code") + "\n" + text);
        }
        String[] lines = text.split("\n");
        String title = null;
        int rows = 0;
        for (String line : lines) {
            if (BOX_BORDER.matcher(line).matches()) {
                continue;
            }
            Matcher row = BOX_ROW.matcher(line);
            if (row.matches()) {
                rows++;
                String mark = lead == null ? MessageView.labelState(row.group(2), "") : null;
                if (mark != null) {
                    lead = mark;
                }
            } else if (rows == 0 && !line.isBlank()) {
                title = line.replaceAll("[*_`]", "").strip();
            }
        }
        if (lead == null || rows < 2 || title == null || title.isEmpty()) {
            return null;
        }
        return withText(message, lead + " " + title + "\n" + text);
    }

    /** A number with a superscript footnote mark on the first line: "code 2¹". */
    private static final Pattern FOOTNOTED = Pattern.compile("(?<!\\d)(?<code>\\d{1,3})(?<mark>[¹²³⁴⁵⁶⁷⁸⁹])");

    /** A legend's entry "2 = failed". */
    private static final Pattern LEGEND_ENTRY =
            Pattern.compile("^\\s*(?<code>\\d{1,3})\\s*[=:→-]\\s*(?<word>\\S.*?)\\s*$");

    /**
     * A run's result given as a number whose footnote below explains it ("`export` · code 2¹ … ¹ 0 = ok · 2 = failed"):
     * the number's meaning, when it is an open state in any language, opens for the code-quoted name ("🔴 `export`").
     * A meaning of success is left unread (a success is as often a first run as a failure's end). Null when none is.
     */
    static MessageView footnotedCode(MessageView message, String text) {
        String[] lines = text.split("\n");
        Matcher f = FOOTNOTED.matcher(lines[0]);
        if (!f.find()) {
            return null;
        }
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.startsWith(f.group("mark"))) {
                continue;
            }
            for (String entry : l.substring(f.group("mark").length()).split("[·•;|,]")) {
                Matcher e = LEGEND_ENTRY.matcher(entry);
                if (e.matches() && e.group("code").equals(f.group("code"))) {
                    if (StateWords.of(e.group("word")) != Action.OPEN) {
                        return null;
                    }
                    Matcher code = CODE_NAME.matcher(lines[0]);
                    String name = code.find()
                            ? "`" + code.group(1) + "`"
                            : lines[0].substring(0, f.start()).strip();
                    return withText(message, "🔴 " + name + "\n" + text);
                }
            }
            return null;
        }
        return null;
    }

    /** A history of three or more lights, oldest first, then the rest of the line: "🟢🟢🔴 · temp · 88 °C". */
    private static final Pattern LIGHTS =
            Pattern.compile("^\\s*(?<lights>(?:[🟢🟡🟠🔴]\\x{FE0F}?){3,12})\\s*[·•|:-]?\\s*(?<rest>.*)$");

    /** A bar of five to twenty squares, then its share: "🟥🟥🟥🟥🟥🟥🟥🟥🟥🟥 104 %", "🟩🟩🟩🟩🟩🟩⬜⬜⬜⬜ 63%". */
    private static final Pattern BAR =
            Pattern.compile("^\\s*(?<bar>(?:[🟥🟧🟨🟩⬜⬛]\\x{FE0F}?){5,20})\\s*(?<pct>\\d{1,3}(?:[.,]\\d+)?)\\s*%.*$");

    /** A code-quoted name: a footnoted result's, a struck-through line's. */
    private static final Pattern CODE_NAME = Pattern.compile("`([^`\\n]{1,80})`");

    /**
     * A failure's line repeated struck through, then an arrow and a green mark: "~❌ `sync` falló · 02:10~ → ✅ 03:20".
     */
    private static final Pattern STRUCK_REPEAT = Pattern.compile(
            "^\\s*~(?<line>[^~\\n]{3,200})~\\s*(?:→|->|⇒|⟶)\\s*(?:✅|☑️?|✔️?|🟢|:white_check_mark:|:heavy_check_mark:)");

    /**
     * A bot's state kept in emoji away from its words, read into a lead mark: a history of lights whose last is the
     * state (it changed: "🟢🟢🔴" opens, "🔴🔴🟢" closes; the same light throughout is no change: the lights are dropped); a bar of
     * squares coloured by the state ("🟥×10 104 %" opens, "🟩×6⬜×4 63 %" closes; an empty bar is none); a failure's
     * line repeated struck through then "→ ✅" (its close: the code-quoted name leads). The lines before lead after the
     * mark (a location path's last step, or the name line over a bar). Null when none is.
     */
    static MessageView lightsOrBar(MessageView message, String text) {
        Matcher s = STRUCK_REPEAT.matcher(text);
        if (s.find()) {
            Matcher code = CODE_NAME.matcher(s.group("line"));
            String name =
                    code.find() ? "`" + code.group(1) + "`" : s.group("line").replaceAll("^[^\\p{L}\\p{N}]+", "");
            return withText(message, "✅ " + name);
        }
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length && i < 3; i++) {
            Matcher l = LIGHTS.matcher(lines[i]);
            if (l.matches()) {
                List<String> colours = new ArrayList<>();
                l.group("lights")
                        .codePoints()
                        .filter(c -> c != 0xFE0F)
                        .forEach(c -> colours.add(MessageView.labelState(new String(Character.toChars(c)), "")));
                String last = colours.get(colours.size() - 1);
                if (last == null) {
                    return null;
                }
                if (colours.stream().allMatch(last::equals)) {
                    // the same light throughout is no change (a still-red reminder, an all-green daily line): its
                    // lights say no state
                    lines[i] = l.group("rest");
                    return withText(message, String.join("\n", lines));
                }
                String before = i == 0
                        ? ""
                        : lines[i - 1].replaceAll("^.*[›»>/]\\s*", "").strip() + " · ";
                return withText(message, last + " " + before + l.group("rest") + "\n" + text);
            }
            Matcher b = BAR.matcher(lines[i]);
            if (b.matches()) {
                String colour = null;
                for (int c : b.group("bar").codePoints().toArray()) {
                    String k = "⬜⬛".indexOf(new String(Character.toChars(c))) >= 0 || c == 0xFE0F
                            ? null
                            : MessageView.labelState(new String(Character.toChars(c)), "");
                    if (k != null) {
                        colour = k;
                    }
                }
                if (colour == null) {
                    return null;
                }
                String before = i == 0 ? "" : lines[i - 1].strip() + "\n";
                return withText(message, colour + " " + before + text);
            }
        }
        return null;
    }

    /** A run's line led by a status mark, then its state's words and the job's name in code: "✅ OK · `backup_db`". */
    private static final Pattern MARK_RUN = Pattern.compile(
            "^\\s*(?<mark>[\\p{So}✓✔✗✘])\\x{FE0F}?\\s*[^·•|`\\n]{1,40}\\s+[·•|]\\s+`(?<name>[\\p{L}\\d][\\w.:-]{1,80})`");

    /** A try counted "k/n": "Versuch 2/3". */
    private static final Pattern TRY_COUNT =
            Pattern.compile("(?<![\\d/.,:-])(?<k>\\d{1,2})\\s*/\\s*(?<n>\\d{1,2})(?![\\d/.,:-])");

    /** A machine's anomaly code naming a problem, then "detected": "GOAL_VIOLATION detected {…}", "DISK_FAILURE detected". */
    private static final Pattern ANOMALY_DETECTED = Pattern.compile(
            "^\\W*(?<code>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_?(?:FAILURE|FAILED|ERROR|VIOLATION|ANOMALY|OUTAGE|CRASH|TIMEOUT"
                    + "|UNAVAILABLE|OVERLOAD|BREACH|LEAK|DOWN)(?:_[A-Z0-9]+)*)\\s+detected\\b");

    /** A row of cells between bars: "a | b | c". */
    private static final Pattern BAR_SPLIT = Pattern.compile("\\s*\\|\\s*");

    /** English words a bot writes as a run's state in a table's cell. */
    private static final Pattern CELL_FAILED =
            Pattern.compile("FAILURE|FAILED|FAIL|ERROR|CRITICAL|TIMEOUT|TIMED_OUT|KILLED|ABORTED|DOWN");

    /**
     * A bot's code block that is a table of one row under its header ("processName | … | processState" / dashes /
     * "orders_sync | … | FAILURE"), as schedulers post a failed run: a cell in capitals that is an open state (English
     * or any language {@link StateWords} knows) leads with the last name-like cell before it (joined by an underscore
     * or a hyphen): "🔴 orders_sync". A row of successes, or of several runs, is a report: null.
     */
    static MessageView oneRowTable(MessageView message, String text) {
        Matcher block = Pattern.compile("(?s)```\\s*\\n?(.*?)```").matcher(text);
        if (!block.find()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String l : block.group(1).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        if (lines.size() != 3
                || !lines.get(1).matches("[-|+:= ]+")
                || !lines.get(0).contains("|")) {
            return null;
        }
        String[] head = BAR_SPLIT.split(lines.get(0).replaceAll("^\\||\\|$", ""));
        String[] row = BAR_SPLIT.split(lines.get(2).replaceAll("^\\||\\|$", ""));
        if (head.length < 3 || head.length != row.length) {
            return null;
        }
        for (int i = 0; i < row.length; i++) {
            String c = row[i].strip();
            boolean caps = c.matches("[\\p{Lu}_]{2,}(?: [\\p{Lu}]+){0,2}");
            if (!caps || !(CELL_FAILED.matcher(c).matches() || StateWords.of(c) == Classification.Action.OPEN)) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                String name = row[j].strip();
                if (name.matches("\\p{L}[\\p{L}\\d]*(?:[_-][\\p{L}\\d]+)+")) {
                    return withText(message, "🔴 " + name + "\n" + text);
                }
            }
            return null;
        }
        return null;
    }

    /**
     * A forwarder's header, then what it forwarded quoted: "SMS from AWS-ALERTS (on-call phone)" over "&gt;ALARM: …", an
     * SMS forwarder app's or a mail relay's post.
     */
    private static final Pattern FORWARDED_HEADER = Pattern.compile(
            "(?i)^[\\W&&[^\\n]]*(?:sms|text\\s+message|e-?mail|message|forwarded(?:\\s+message)?|fwd)\\s+(?:from|von|de|da|van)"
                    + "\\s+[^\\n]{1,80}$");

    /** The quoted message a forwarder's post carries, as if its sender had posted it; null for any other post. */
    private static MessageView forwardedQuote(MessageView message) {
        String text = message.text();
        if (!message.bot() || text == null) {
            return null;
        }
        String[] lines = text.strip().split("\n");
        if (lines.length < 2 || !FORWARDED_HEADER.matcher(lines[0].strip()).matches()) {
            return null;
        }
        StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            String q = l.startsWith("&gt;") ? l.substring(4) : l.startsWith(">") ? l.substring(1) : null;
            if (q == null) {
                return null; // (the forwarder's own words under the quote: not a forward alone)
            }
            quoted.append(q.strip()).append('\n');
        }
        return quoted.isEmpty() ? null : withText(message, quoted.toString().strip());
    }

    private static MessageView withText(MessageView m, String text) {
        return new MessageView(m.username(), m.bot(), text, m.fields(), m.titles(), m.colours(), m.buttons());
    }

    private Optional<Recognition> recogniseState(MessageView message) {
        PlacedState.Placed placed = PlacedState.text(message);
        if (placed != null && placed.lead() == null) {
            return Optional.of(
                    new Recognition("generic", Classification.none("generic", "builtin"), List.of(placed.why())));
        }
        if (placed != null) {
            // a state kept in a place of its own (a syslog PRI, a range's end, a board's marked row, a hashtag)
            message = withText(message, placed.whole() ? placed.lead() : placed.lead() + "\n" + message.text());
        }
        MessageView forwarded = forwardedQuote(message);
        if (forwarded != null) {
            message = forwarded;
        }
        MessageView card = codeBlockCard(message);
        if (card == null) {
            card = jsonRecord(message);
        }
        if (card == null) {
            card = statusLead(message);
        }
        if (card != null) {
            message = card;
        }
        String rawText = message.text();
        if (rawText == null || rawText.isBlank()) {
            return Optional.empty();
        }
        String text = SlackText.normalise(rawText);
        String poster = message.username() == null ? "" : message.username().toLowerCase(Locale.ROOT);
        String lower = text.toLowerCase(Locale.ROOT);
        Map<String, String> labels = SlackText.labels(text);
        message.fields()
                .forEach((k, v) -> labels.putIfAbsent(k, SlackText.normalise(v).strip()));
        for (Named r : specific()) {
            if (disabled.contains(r.name())) {
                continue;
            }
            Optional<Classification> c = r.recogniser().recognise(text, lower, poster, labels);
            if (c.isPresent()) {
                List<String> why = new ArrayList<>();
                why.add("the " + r.name() + " format"
                        + (poster.isEmpty() ? "" : " (posted as \"" + message.username() + "\")"));
                if (!labels.isEmpty()) {
                    why.add("fields and labels read: " + String.join(", ", labels.keySet()));
                }
                return Optional.of(new Recognition(r.name(), c.get(), why));
            }
        }
        if (!disabled.contains("generic")) {
            Optional<Finding> f = generic.recognise(message, text, labels);
            if (f.isPresent() && f.get().lookAlike()) {
                return Optional.empty(); // a look-alike the generic recogniser kept out stays out of the learned stage
            }
            if (f.isPresent()) {
                return Optional.of(new Recognition(
                        "generic", f.get().classification(), f.get().why()));
            }
        }
        if (disabled.contains("learned") || disabled.contains("generic") || learned == null) {
            return Optional.empty();
        }
        if (LookAlikes.notForTheModel(message, text).isPresent()) {
            return Optional.empty(); // a report or an event record: words the model learned from alerts, no state
        }
        return learned.recognise(message, text, labels)
                .map(f -> new Recognition("learned", f.classification(), f.why()));
    }

    @FunctionalInterface
    private interface Recogniser {
        Optional<Classification> recognise(String text, String lower, String poster, Map<String, String> labels);
    }

    // ---------------------------------------------------------------- Alertmanager and Grafana

    private Optional<Classification> grafanaOrAlertmanager(
            String text, String lower, String poster, Map<String, String> labels, boolean grafanaWanted) {
        boolean grafana = poster.contains("grafana") || posts(lower, "grafana");
        if (grafana != grafanaWanted) {
            return Optional.empty();
        }
        String source = grafana ? "grafana" : "alertmanager";
        Matcher m = AM_TITLE.matcher(text);
        if (!m.find()) {
            m = AM_TRAILING.matcher(text);
        }
        if (m.find(0)
                && GenericRecogniser.ALWAYS_FIRING.matcher(m.group("rest")).find()) {
            // kube-prometheus's Watchdog and InfoInhibitor fire always, by design: a heartbeat of the pipeline
            return Optional.of(Classification.none(source, "builtin"));
        }
        if (m.find(0)) {
            Action action = m.group("state").equals("FIRING") ? Action.OPEN : Action.CLOSE;
            String rest = m.group("rest").trim();
            boolean alertmanagerMarks = grafana
                    || m.group("count") != null
                    || labels.containsKey("alertname")
                    || rest.matches(".*\\([^()]*\\)\\s*$")
                    || poster.contains("alertmanager")
                    || poster.contains("prometheus");
            if (!alertmanagerMarks) {
                // a bare "[RESOLVED] some title" is other tools' style too: the generic recogniser reads those
                return Optional.empty();
            }
            if (action == Action.OPEN
                    && (m.group("mixed") != null
                            || GenericRecogniser.RESOLVED_SECTION.matcher(text).find())) {
                // a group still firing while some of its alerts resolved: an update, neither an opening nor a close
                return Optional.of(Classification.none(source, "builtin"));
            }
            List<String> inParens = new ArrayList<>();
            Matcher p = Pattern.compile("\\(([^()]*)\\)\\s*$").matcher(rest);
            String groupedLabels = rest;
            if (p.find()) {
                inParens.addAll(List.of(p.group(1).trim().split("\\s+")));
                groupedLabels = rest.substring(0, p.start()).trim();
            }
            String grouped = groupedLabels;
            boolean single = (m.group("count") == null || m.group("count").equals("1")) && oneHost(text);
            String alert = first(labels, "alertname")
                    // a template that prints the alertname as "Alert: KubeJobFailed" under a title of its own
                    .or(() -> first(labels, "alert").filter(a -> a.matches("[A-Za-z][\\w.:-]*")))
                    .orElseGet(
                            () -> grouped.isEmpty() ? "" : grafana ? grafanaTitle(grouped) : grouped.split("\\s+")[0]);
            String service = first(labels, "service", "app", "application", "app_kubernetes_io_name", "component")
                    // the host one alert concerns, its scrape port aside, before the job that scraped it (a group
                    // of several spans several hosts: the first one listed is not the group's)
                    .or(() -> single
                            ? first(labels, "instance", "host", "hostname", "node", "nodename")
                                    // the default title lists the labels common to the group (group labels, then the
                                    // others in brackets): a host left out differs within the group
                                    .filter(v -> inParens.size() < 2 || rest.contains(v))
                                    .map(SlackText::withoutPort)
                            : Optional.empty())
                    .or(() -> first(labels, "job"))
                    // Grafana prints its labels in the body; only Alertmanager's bare title needs guessing from the
                    // values
                    .orElseGet(() -> grafana
                            ? ""
                            : inParens.stream()
                                    .filter(v -> !v.isEmpty()
                                            && !SEVERITY_WORDS.contains(v.toLowerCase(Locale.ROOT))
                                            && !ENV_WORDS.contains(v.toLowerCase(Locale.ROOT))
                                            && !v.equals(alert))
                                    .findFirst()
                                    .orElse(""));
            Optional<String> priority = first(labels, "severity", "priority")
                    .or(() -> inParens.stream()
                            .filter(v -> SEVERITY_WORDS.contains(v.toLowerCase(Locale.ROOT)))
                            .findFirst())
                    .map(SlackText::normalisePriority);
            return Optional.of(new Classification(
                    action, service, SlackText.cleanName(alert), priority, Optional.empty(), source, "builtin"));
        }
        if (!grafana) {
            return Optional.empty();
        }
        Matcher legacy = GRAFANA_LEGACY.matcher(text);
        if (legacy.find()) {
            Action action = switch (legacy.group(1)) {
                case "Alerting", "No Data" -> Action.OPEN; // no data: the rule's query stopped answering
                case "OK" -> Action.CLOSE;
                default -> Action.NONE;
            };
            if (action == Action.NONE) {
                return Optional.of(Classification.none("grafana", "builtin"));
            }
            String service = first(labels, "service", "app", "application").orElse("");
            Optional<String> priority = first(labels, "severity", "priority").map(SlackText::normalisePriority);
            return Optional.of(new Classification(
                    action,
                    service,
                    SlackText.cleanName(legacy.group(2)),
                    priority,
                    Optional.empty(),
                    "grafana",
                    "builtin"));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- Datadog

    private Optional<Classification> datadog(String text, String lower, String poster, Map<String, String> labels) {
        if (!(poster.contains("datadog") || posts(lower, "datadoghq") || posts(lower, "dtdg.co"))) {
            return Optional.empty();
        }
        Matcher m = DATADOG.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String state = m.group(1).toLowerCase(Locale.ROOT);
        Action action = switch (state) {
            // "No Data" is the monitor's own alert state (notify_no_data): the metric stopped, someone has to look
            case "triggered", "warn", "warning", "no data" -> Action.OPEN;
            case "recovered", "recovered from warn", "recovered from no data" -> Action.CLOSE;
            // re-notifications change nothing an on-call engineer pairs
            default -> Action.NONE;
        };
        if (action == Action.NONE) {
            return Optional.of(Classification.none("datadog", "builtin"));
        }
        String title = m.group(2);
        Optional<String> priority = find(PRIORITY_P, title)
                .or(() -> find(PRIORITY_P, text))
                .or(() -> state.startsWith("warn") ? Optional.of("warning") : Optional.empty());
        String alert = SlackText.cleanName(
                DATADOG_SCOPE_TAIL.matcher(title.replaceAll("\\[P[1-5]]", "")).replaceFirst(""));
        String service = find(SERVICE_TAG, text)
                .or(() -> find(DATADOG_SCOPE, m.group()))
                .or(() -> first(labels, "service"))
                .orElse("");
        Optional<Long> duration = action == Action.CLOSE ? Durations.statedIn(text) : Optional.empty();
        return Optional.of(new Classification(action, service, alert, priority, duration, "datadog", "builtin"));
    }

    // ---------------------------------------------------------------- PagerDuty

    private Optional<Classification> pagerDuty(String text, String lower, String poster, Map<String, String> labels) {
        if (!(poster.contains("pagerduty") || posts(lower, "pagerduty.com"))) {
            return Optional.empty();
        }
        Matcher m = PAGERDUTY.matcher(text);
        String state;
        String summary;
        String number;
        if (m.find()) {
            state = m.group(1);
            number = m.group(2);
            summary = m.group(3);
        } else if ((m = PAGERDUTY_ACTED.matcher(text)).find()) {
            // the app's reply in the incident's thread: "Sam Okafor resolved this incident."
            state = m.group(1);
            number = "";
            summary = "";
        } else {
            Matcher t = PAGERDUTY_TITLE.matcher(text);
            String status = first(labels, "status").orElse("");
            if (!t.find()
                    || !status.matches("(?i)triggered|resolved|acknowledged|unacknowledged|escalated|reassigned")) {
                return Optional.empty();
            }
            state = status;
            number = t.group(1);
            summary = t.group(2);
        }
        Action action = switch (state.toLowerCase(Locale.ROOT)) {
            case "triggered" -> Action.OPEN;
            case "resolved" -> Action.CLOSE;
            default -> Action.NONE;
        };
        if (action == Action.NONE) {
            return Optional.of(Classification.none("pagerduty", "builtin"));
        }
        String title =
                summary.replaceAll("(?i)\\s+by\\s+\\S+(\\s+\\S+)?\\s*$", "").replaceAll("^\\s*\\((.*)\\)\\s*$", "$1");
        String alert =
                SlackText.cleanName(title.isBlank() && !number.isEmpty() ? "#" + number : AlertNames.relayed(title));
        String service = first(labels, "service", "impacted service").orElse("");
        Optional<String> priority = first(labels, "priority")
                .or(() -> find(PRIORITY_P, text))
                .or(() -> first(labels, "urgency"))
                .map(SlackText::normalisePriority);
        Optional<Long> duration = action == Action.CLOSE ? Durations.statedIn(text) : Optional.empty();
        return Optional.of(new Classification(action, service, alert, priority, duration, "pagerduty", "builtin"));
    }

    // ---------------------------------------------------------------- Opsgenie

    private Optional<Classification> opsgenie(String text, String lower, String poster, Map<String, String> labels) {
        if (!(poster.contains("opsgenie") || lower.contains("[opsgenie]") || posts(lower, "opsgenie.com"))) {
            return Optional.empty();
        }
        Matcher m = OPSGENIE.matcher(text);
        String verb;
        String headline = ""; // what the line of the action says after it
        if (m.find()) {
            verb = m.group(1) != null
                    ? m.group(1).toLowerCase(Locale.ROOT)
                    : m.group(2).toLowerCase(Locale.ROOT);
            headline = m.group(3);
        } else {
            Matcher acted = OPSGENIE_ACTED.matcher(text);
            if (!acted.find()) {
                return Optional.empty();
            }
            verb = acted.group(1) != null ? acted.group(1).toLowerCase(Locale.ROOT) : "took ownership";
        }
        Action action = switch (verb) {
            case "created", "new" -> Action.OPEN;
            case "closed" -> Action.CLOSE;
            default -> Action.NONE;
        };
        if (action == Action.NONE) {
            return Optional.of(Classification.none("opsgenie", "builtin"));
        }
        String title = headline;
        if (title.matches("(?i)^(?:(?:created|closed)\\s*)?(?:(?:via|by)\\b.*)?$")) {
            title = ""; // the Slack app's pretext says who acted; the attachment title names the alert
        }
        if (title.isBlank()) {
            Matcher t = OPSGENIE_TITLE.matcher(text);
            title = t.find() ? t.group(1) : first(labels, "message", "alert").orElse("");
        }
        Optional<String> priority =
                first(labels, "priority").or(() -> find(PRIORITY_P, text)).map(SlackText::normalisePriority);
        String service = first(labels, "service", "entity")
                .or(() -> find(SERVICE_TAG, text))
                .orElse("");
        String alert = SlackText.cleanName(AlertNames.relayed(
                OPSGENIE_PRIORITY.matcher(AlertNames.headPart(title)).replaceAll("")));
        Matcher own = OPSGENIE_OWN_BRACKET.matcher(alert);
        if (own.find()
                && own.start() > 0
                && (own.group(1) == null || service.isEmpty() || service.equalsIgnoreCase(own.group(1)))) {
            // "Payment provider webhook 5xx (payments-webhook)": the alert's own entity after its message
            service = own.group(1) == null ? service : own.group(1);
            alert = alert.substring(0, own.start()).strip();
        }
        Optional<Long> duration = action == Action.CLOSE ? Durations.statedIn(text) : Optional.empty();
        return Optional.of(new Classification(action, service, alert, priority, duration, "opsgenie", "builtin"));
    }

    // ---------------------------------------------------------------- CloudWatch (SNS subject, AWS Chatbot)

    private Optional<Classification> cloudWatch(String text, String lower, String poster, Map<String, String> labels) {
        String state;
        String alarm;
        Matcher m = CLOUDWATCH_SUBJECT.matcher(text);
        if (m.find()) {
            state = m.group(1);
            alarm = m.group(2);
        } else {
            Matcher chatbot = CLOUDWATCH_CHATBOT.matcher(text);
            Matcher lead = CLOUDWATCH_LEAD.matcher(text);
            if (lead.find()) {
                return cloudWatchResult(lead.group(1), lead.group(2), labels, text);
            }
            if (!chatbot.find(0)) {
                // an SNS-to-Slack function's attachment: "Alarm Name" and "Current State" fields
                Optional<String> name = first(labels, "alarm name", "alarmname");
                Optional<String> current = first(labels, "current state", "new state", "newstatevalue");
                if (name.isEmpty() || current.isEmpty() || !lower.contains("cloudwatch")) {
                    return Optional.empty();
                }
                alarm = name.get();
                state = current.get().toUpperCase(Locale.ROOT).replaceAll("[^A-Z_]", "");
                return cloudWatchResult(state, alarm, labels, text);
            }
            alarm = chatbot.group(1);
            Matcher s = CLOUDWATCH_STATE.matcher(text.substring(chatbot.end()));
            state = null;
            while (s.find()) {
                state = s.group(1).toUpperCase(Locale.ROOT); // the last state mentioned is the new one ("OK -> ALARM")
            }
            if (state == null) {
                return Optional.of(Classification.none("cloudwatch", "builtin"));
            }
        }
        return cloudWatchResult(state, alarm, labels, text);
    }

    private Optional<Classification> cloudWatchResult(
            String state, String alarm, Map<String, String> labels, String text) {
        Action action = switch (state) {
            case "ALARM" -> Action.OPEN;
            case "OK" -> Action.CLOSE;
            default -> Action.NONE;
        };
        if (action == Action.NONE) {
            return Optional.of(Classification.none("cloudwatch", "builtin"));
        }
        String service = first(labels, "service", "servicename")
                .or(() -> SlackText.dimension(text))
                .orElse("");
        return Optional.of(new Classification(
                action,
                service,
                SlackText.cleanName(alarm),
                first(labels, "priority", "severity"),
                Optional.empty(),
                "cloudwatch",
                "builtin"));
    }

    // ---------------------------------------------------------------- Sentry

    private Optional<Classification> sentry(String text, String lower, String poster, Map<String, String> labels) {
        if (!(poster.contains("sentry") || lower.contains("sentry.io"))) {
            return Optional.empty();
        }
        if (SENTRY_DIGEST.matcher(text).find()) {
            return Optional.of(Classification.none("sentry", "builtin")); // "Weekly Report for acme"
        }
        Matcher m = SENTRY_STATE.matcher(text);
        // the issue card's own "State: Regressed" line says it, before any line further on ("Resolved in 4.11.0")
        String stated = labels.getOrDefault("state", "").strip();
        Matcher s = SENTRY_STATE.matcher(stated);
        boolean fromState = !stated.isEmpty() && s.matches();
        if (!fromState && !m.find()) {
            return Optional.empty();
        }
        if (fromState) {
            m = s;
        }
        String state = m.group(1).toLowerCase(Locale.ROOT);
        Action action = switch (state) {
            // "Critical: rule" and "Warning: rule" are metric alerts' titles
            case "new issue", "first seen", "regression", "regressed", "escalating", "critical", "warning" ->
                Action.OPEN;
            case "resolved", "marked as resolved" -> Action.CLOSE;
            default -> Action.NONE;
        };
        if (action == Action.NONE) {
            return Optional.of(Classification.none("sentry", "builtin"));
        }
        String title =
                fromState ? text.strip().split("\n", 2)[0].replaceFirst("^\\[[^\\]\n]{1,60}\\]\\s*", "") : m.group(2);
        if (title.isBlank()) {
            title = nextLine(text, m.end());
        }
        String service = first(labels, "project", "service").orElse("");
        Optional<String> priority = first(labels, "priority", "level").map(SlackText::normalisePriority);
        return Optional.of(new Classification(
                action, service, SlackText.cleanName(title), priority, Optional.empty(), "sentry", "builtin"));
    }

    // ---------------------------------------------------------------- New Relic

    private Optional<Classification> newRelic(String text, String lower, String poster, Map<String, String> labels) {
        if (!(poster.contains("new relic") || poster.contains("newrelic") || lower.contains("newrelic.com"))) {
            return Optional.empty();
        }
        Action action;
        String title;
        Optional<String> priority;
        Matcher m = NEWRELIC_STATE.matcher(text);
        if (m.find()) {
            action = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "opened", "activated", "created" -> Action.OPEN;
                case "closed", "resolved" -> Action.CLOSE;
                default -> Action.NONE;
            };
            title = m.group(3);
            if (title.isBlank()) {
                title = nextLine(text, m.end());
            }
            priority = Optional.ofNullable(m.group(1));
        } else if (NEWRELIC_PRIORITY_ISSUE.matcher(text).find()) {
            Matcher pi = NEWRELIC_PRIORITY_ISSUE.matcher(text);
            pi.find();
            action = switch (pi.group(2).toUpperCase(Locale.ROOT)) {
                case "ACTIVATED", "CREATED" -> Action.OPEN;
                case "CLOSED" -> Action.CLOSE;
                default -> Action.NONE;
            };
            title = firstLine(text).equals(pi.group(0).strip()) ? nextLine(text, pi.end()) : firstLine(text);
            priority = Optional.of(pi.group(1));
        } else {
            Matcher issue = NEWRELIC_ISSUE_STATE.matcher(text);
            if (!issue.find()) {
                return Optional.empty();
            }
            action = switch (issue.group(1).toUpperCase(Locale.ROOT)) {
                case "ACTIVATED", "CREATED" -> Action.OPEN;
                case "CLOSED" -> Action.CLOSE;
                default -> Action.NONE;
            };
            title = firstLine(text);
            priority = Optional.empty();
        }
        if (action == Action.NONE) {
            return Optional.of(Classification.none("newrelic", "builtin"));
        }
        // "Critical violation of 'Monitor failed' for Homepage ping (policy: Synthetics)": the condition quoted
        Matcher violation = NEWRELIC_VIOLATION.matcher(title);
        if (violation.find()) {
            title = violation.group(1);
        }
        // "High error percentage on checkout-service": the condition on the entity
        Matcher on = CONDITION_ON_ENTITY.matcher(SlackText.cleanName(title));
        boolean split = on.matches()
                && first(labels, "entity", "service", "entity name").isEmpty();
        String alert = first(labels, "condition", "condition name", "alert condition")
                .orElse(split ? on.group(1) : SlackText.cleanName(title));
        String service = first(labels, "entity", "service", "application", "app", "entity name")
                .orElse(split ? on.group(2) : "");
        Optional<String> p =
                first(labels, "priority", "severity").or(() -> priority).map(SlackText::normalisePriority);
        Optional<Long> duration = action == Action.CLOSE ? Durations.statedIn(text) : Optional.empty();
        return Optional.of(
                new Classification(action, service, SlackText.cleanName(alert), p, duration, "newrelic", "builtin"));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Whether the text links to the tool ({@code https://app.datadoghq.com/...}): integrations link back to themselves,
     * while a deploy bot that merely names the tool ("deploy-datadog-agent") does not.
     */
    private static boolean posts(String lower, String host) {
        return LINKS_TO.computeIfAbsent(host, h -> Pattern.compile("https?://[^\\s]*" + Pattern.quote(h)))
                .matcher(lower)
                .find();
    }

    private static Optional<String> first(Map<String, String> labels, String... keys) {
        for (String k : keys) {
            String v = labels.get(k);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String firstLine(String text) {
        return text.strip().split("\n", 2)[0];
    }

    private static String nextLine(String text, int from) {
        for (String line : text.substring(Math.min(from, text.length())).split("\n")) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return "";
    }

    /**
     * A Grafana rule's name from the title's grouped values when no alertname label is printed: an identifier leading
     * them ("DiskSpaceLow Infrastructure") is the name; else the rule's title is written in words ("Payment webhook
     * errors", "Disk usage above 85%"), less the folder one capitalised word adds after it ("Disk usage Storage").
     */
    private static String grafanaTitle(String grouped) {
        String[] words = grouped.split("\\s+");
        if (IDENTIFIER.matcher(words[0]).matches()) {
            return words[0];
        }
        if (words.length >= 3
                && FOLDER_WORD.matcher(words[words.length - 1]).matches()
                && Character.isLowerCase(words[words.length - 2].charAt(0))) {
            return grouped.substring(0, grouped.lastIndexOf(words[words.length - 1]))
                    .strip();
        }
        return grouped;
    }

    /** Whether the host labels in {@code text} name one host at most (a group lists one per alert). */
    private static boolean oneHost(String text) {
        return HOST_LABEL
                        .matcher(text)
                        .results()
                        .map(r -> SlackText.withoutPort(r.group(1)))
                        .distinct()
                        .count()
                < 2;
    }
}
