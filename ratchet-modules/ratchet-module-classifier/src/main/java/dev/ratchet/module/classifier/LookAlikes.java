package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot messages that look like alerts and are not: a deploy, CI, tracker or helpdesk bot by its name; a build, a
 * digest, a reminder, a maintenance notice or a run summary by its headline; an all-clear over a count; a board of
 * things all in one state; and, for the learned stage, a report or an event record it should not read at all. Kept
 * out before any state is believed, so that {@link GenericRecogniser}, {@link FindingNames} and the learned stage
 * all say no for the same reasons.
 */
final class LookAlikes {

    private LookAlikes() {}

    private static final Pattern RX_5 = Pattern.compile("(?<=[a-z0-9)\"'”’])\\.\\s+(?=[A-Z])");
    /**
     * A backup verifier, not a backup tool's job report: its poster names a backup and its headline a check of one
     * ("backup check FAILED for pg-main", "restore test FAILED: mongo-events"); those are monitoring.
     */
    private static final Pattern BACKUP_CHECKER = Pattern.compile("(?i)backup");

    /** A poster that says it watches backups: "backup-check", "backupkoll" (Swedish), "backup-monitor", "backupvakt". */
    private static final Pattern BACKUP_WATCHER = Pattern.compile(
            "(?i)backup[\\s_-]*(?:check(?:er)?|koll|kontroll|vakt|watch(?:er)?|monitor|guard|larm|alerts?)(?![\\p{L}])");

    private static final Pattern BACKUP_CHECK =
            Pattern.compile("(?i)\\b(?:backup\\s+check|restore\\s+test|verif(?:y|ied|ication))\\b");
    /**
     * Ticketing and code tools that also post operations alerts (Jira Service Management, ServiceNow, GitLab's alert
     * management: "Alert firing in group/project").
     */
    private static final Pattern TICKETING_POSTER = Pattern.compile("(?i)jira|servicenow|gitlab");

    private static final Pattern ALERT_LEAD =
            Pattern.compile("(?i)^(?:new\\s+)?(?:alert|incident)\\b(?!\\s+(?:rule|policy))"
                    + "|^#\\d+\\s+(?:closed|resolved|acknowledged|acked)\\b");

    private static final Pattern LOOK_ALIKE_POSTER =
            // short names only where a word starts: "kargo-izleyici" (Turkish cargo) is not Argo, "bellinear" not
            // Linear
            Pattern.compile("(?i)github|gitlab|bitbucket|jenkins|circleci|(?<!\\p{L})travis"
                    + "|buildkite|teamcity|(?<!\\p{L})bamboo|(?<!\\p{L})drone|(?<!\\p{L})argo|(?<!\\p{L})flux|spinnaker|octopus"
                    + "|deploy|release|jira|(?<!\\p{L})linear|trello|(?<!\\p{L})asana"
                    + "|(?<!\\p{L})notion|confluence|slackbot|geekbot|standup|(?<!\\p{L})polly|calendar|(?<!\\p{L})loom|dependabot|renovate|snyk"
                    + "|terraform|statuspage|status ?page|ratchet|backup|reminder|freshservice|freshdesk|zendesk|helpdesk|help desk"
                    + "|intercom|hubspot|salesforce"
                    // a cloud's own health feed of its services ("AWS Health", "Azure Service Health"), a status page
                    + "|(?:aws|azure|gcp|cloud|service|personal)\\s+health(?![\\p{L}])"
                    // a vendor's or the company's own status page: "GitHub Status", "Sumo Logic Status", "Acme Status"
                    + "|(?<=\\s)status$");
    /**
     * A status page's poster named in another word order or language, the word first or last: "Estado Conekta",
     * "Status Zenvia", "Stato Aruba", "Tila HSL", "Статус Нової пошти"; a look-alike unless its card names an alert (a
     * status page tool that also sends its monitors' alerts: "🚨 Alert Triggered").
     */
    private static final Pattern STATUS_POSTER = Pattern.compile(
            "(?iu)^(?:status|estado|stato|statut|stav|stan|durum|tila|статус|стан|состояние|κατάσταση|trạng thái|상태"
                    + "|状态|状態)\\s+\\S|(?<=\\s)(?:estado|stato|statut|stav|stan|durum|tila|статус|стан|состояние"
                    + "|κατάσταση|trạng thái|상태|状态|状態)$");

    private static final Pattern ALERT_WORD = Pattern.compile("(?i)(?<![\\p{L}])alert(?![\\p{L}])");
    private static final Pattern LOOK_ALIKE_HEADLINE =
            // not the start of a name: "weekly-report-mailer is down" is a job's name, not a report
            Pattern.compile(
                    "(?i)\\b(?:builds?|pipelines?|workflows?|ci|deploy"
                            + "|deploys|deploying|deployed|deployment to|rollout|release notes?|released|releasing|pull request|merge request"
                            + "|commits?|pushed|merged|tickets?|checklists?|digest|(?<!monitoring\\s)(?<!no\\s)report|daily summary|weekly summary|reminder|standup|stand-up|retro|on[- ]call|handoff|hand-off|handover|hand-over"
                            + "|shift|schedule|scheduled maintenance|scheduled for (?:retirement|reboot|maintenance)|(?:typeform|form|survey)\\s+(?:response|submission)s?|new\\s+(?:response|submission)|maintenance|scheduled downtime|downtime start(?:ed)?|downtime end(?:ed)?|introducing|announcing|now available|webinar|newsletter|muted|muting|silenced?|silence created|shield(?:ing|ed)|test notification|test(?=\\])|poll"
                            // a ServiceNow record (incident, request, change, problem) is a ticket
                            + "|(?-i:(?:INC|RITM|REQ|CHG|PRB|SCTASK)\\d{6,})"
                            // a count of how often an alert fired ("fired 3 times in the last 30 days")
                            + "|fired\\s+\\d+\\s+times\\s+in\\s+the\\s+(?:last|past)"
                            // a status page's component ("component Bookings API: Major Outage") and its update
                            + "|component\\s+[^:\\n]{1,60}:\\s*(?:major outage|partial outage|degraded performance"
                            + "|performance issues|operational|under maintenance)"
                            + "|status\\s+page\\s+(?:update|incident|post)"
                            // a request for responders to an incident already open (an update)
                            + "|response\\s+requested|requested\\s+(?:your\\s+)?(?:response|help|assistance)"
                            // a digest's count of alerts since a time ("3 new alerts since Jun 14, 9:02")
                            + "|\\d+\\s+new\\s+(?:alerts?|issues?|errors?|events?|incidents?)\\s+(?:[^\\n]{0,40}?\\s)?since"
                            + "|runbook|postmortem|post-mortem|weekly|(?<!expected\\s)(?<!due\\s)daily|monthly|yesterday"
                            // a bot's changelog or its help text; a period's summary; "report" in other languages
                            + "|dry[- ]?run|changelog|change log|what's new|commands\\s*:|usage\\s*:|(?-i:v\\d+\\.\\d+(?:\\.\\d+)?:)"
                            + "|(?:uptime|availability|summary|stats|statistics)\\s+(?:for\\s+|over\\s+)?(?:the\\s+)?last\\s+\\d+\\s+(?:hours|days|weeks|months)"
                            + "|informe|bericht|rapport|resumen|zusammenfassung|samenvatting|overzicht|resumo|relatório|podsumowanie|raport)(?![\\p{L}\\p{N}_-])");

    /** Whether a key=value line is three pairs: what ran, its state OK (in any key) and how long it took. */
    private static boolean plainRunReport(String line) {
        Matcher m = KeyValueStates.LOGFMT_PAIR.matcher(line);
        int pairs = 0;
        boolean ok = false;
        boolean recovery = false;
        while (m.find()) {
            if (KeyValueStates.FIRST_TRY.matcher(m.group("value")).matches()) {
                continue; // "attempt=1/1": the first try of the run, no failure before it ("3/3" after two is a close)
            }
            pairs++;
            ok |= KeyValueStates.LOGFMT_CLOSE
                    .matcher(m.group("value").replace("\"", ""))
                    .matches();
            recovery |= KeyValueStates.LOGFMT_RECOVERY_KEY
                    .matcher(m.group("key").toLowerCase(Locale.ROOT))
                    .matches();
        }
        return (pairs == 3 || (pairs == 4 && line.contains("=\""))) // a note beside the length: still a report
                && ok
                && !recovery
                && Thresholds.LENGTH_VALUE.matcher(line).find()
                && !line.strip().matches(".*[✓✔✅]\\W*$");
    }

    private static final Pattern MONITORING_STARTED = Pattern.compile("(?i)\\bhas\\s+started\\s+monitoring\\b");
    /** A job's success with its length and size: "✅ `backup_erp_db` berjaya (41 min, 18.2 GB)", a run report. */
    private static final Pattern GREEN_RUN_REPORT =
            Pattern.compile("^\\W{0,3}?(?:✅|✔|☑|:white_check_mark:|:heavy_check_mark:)"
                    + "[^\\n]{0,80}\\(\\s*\\d[\\d.,:]*\\s*\\p{L}{0,4}\\s*,\\s*\\d[\\d.,]*\\s*[KMGT]i?B\\s*\\)");

    /**
     * OpenZFS ZED's Slack subjects (zed_notify_slack_webhook): "ZFS device fault for pool tank on nas1" (statechange),
     * "ZFS resilver_finish event for tank on nas1", "ZFS scrub_finish event for tank on nas1".
     */
    static final Pattern ZED_SUBJECT = Pattern.compile(
            "^\\W*ZFS\\s+(?:device\\s+(?<fault>fault|removal|degraded)\\s+for\\s+pool|(?<cls>[a-z_.]+)\\s+event\\s+for)"
                    + "\\s+(?<pool>[\\w.:-]+)\\s+on\\s+(?<host>[\\w.-]+)");
    /** Proxmox VE's backup status: "vzdump backup status (pve2.example): backup failed". */
    static final Pattern PVE_VZDUMP = Pattern.compile(
            "(?i)^\\W*vzdump\\s+backup\\s+status\\s+\\((?<host>[^)\\s]+)\\):\\s*backup\\s+(?<st>failed|successful)");
    /**
     * Xen Orchestra's backup report as xo-server-backup-reports posts its markdown to Slack (templates/markdown/vm.hbs,
     * partials/vmFailure.hbs: "## Global status: failure", "## 1 Failure", "### mes-db02", "- **Error**: …", the footer
     * "*xo-server-backup-reports vX*"): a failure or an interruption opens, on the VM that failed, or on what the job's
     * error names when no VM failed; a success is the night's report.
     */
    static final Pattern XO_REPORT =
            Pattern.compile("(?m)^#{1,3}\\s+Global status:\\s*(?<st>failure|interrupted|skipped|success)\\b");

    private static final Pattern DT_INFO = Pattern.compile(
            "Bill\\s+of\\s+Materials\\s+(?:Consumed|Processed)|(?:Analysis|Violation\\s+Analysis)\\s+Decision:.*");

    /** An alerting tool's state tag leading the headline: "[FIRING:2] …", "RESOLVED: …", "*ALARM:* …". */
    /** A scheduler's failure leading its line (Cronicle): "Job failed on host: …", "Failed to launch scheduled event: …". */
    private static final Pattern SCHEDULER_FAILURE_LEAD =
            Pattern.compile("(?i)^\\W*(?:(?:job|task|run)\\s+failed\\s+on\\s+[\\w.-]+\\s*:"
                    + "|failed\\s+to\\s+(?:launch|start|run)\\s+(?:scheduled\\s+)?(?:event|job|task)\\s*:)");

    private static final Pattern STATE_TAG_LEAD =
            Pattern.compile("^[\\W&&[^\\[]]*(?:\\[(?:FIRING|RESOLVED|TRIGGERED|RECOVERED|ALARM|ALERT)(?::\\s*\\d+)?\\]"
                    + "|(?:FIRING|RESOLVED|TRIGGERED|RECOVERED|ALARM|ALERT)[*_]*:"
                    // a monitor's title as its tool words it ("Triggered: …", "Recovered: …"), a relay's tool
                    // abbreviation before the state in its bracket ("[PD triggered] #7790 …")
                    + "|(?:Firing|Triggered|Recovered)[*_]*:\\s"
                    + "|\\[[A-Z]{2,4}\\s+(?:firing|triggered|resolved|recovered)\\])");

    /**
     * A job run's summary that went fine: a zero failure count beside another count (Ansible's recap "ok=380
     * changed=41 failed=0", Salt's "64 minions, 0 failed, 3 changed", "12 passed, 0 errors"), a load's "1,301,004 rows
     * into dwh.orders", a reconciliation's "matched 14,203 of 14,203", a "[Success]" result tag. A report of work
     * done, not a state to act on.
     */
    private static final Pattern RUN_SUMMARY = Pattern.compile(
            "(?i)^(?=.*?(?:\\b(?:failed|failures?|errors?|unreachable)"
                    + "\\s*[=:]\\s*0\\b|\\b0\\s+(?:failed|failures|errors)\\b(?!\\s*[=:])))"
                    + "(?=.*?(?:\\b(?:ok|changed|passed|succeeded|success|skipped|tasks?)\\s*[=:]\\s*\\d"
                    + "|\\d[\\d,]*\\s+(?:changed|passed|succeeded|ok|minions|hosts|tasks|tests|jobs|files|rows)\\b))"
                    // and no other failure count that is not zero ("failed=0 unreachable=2" is a run that went wrong)
                    + "(?!.*?(?:\\b(?:failed|failures?|errors?|unreachable)\\s*[=:]\\s*[1-9]|\\b[1-9][\\d,]*\\s+(?:failed|failures|errors)\\b(?!\\s*[=:])))"
                    + "|\\b\\d[\\d,]*\\s+rows?\\s+(?:into|loaded|inserted|written|copied|synced)\\b"
                    + "|\\bmatched\\s+([\\d,]+)\\s+of\\s+\\1\\b"
                    // a list of checks none of which is down ("7 checks: `login-page` UP · `api-health` UP · …")
                    + "|^\\W*\\d+\\s+(?:checks|monitors|services|hosts|sites)\\s*:(?!.*\\b(?:DOWN|FAIL\\w*|CRIT\\w*|ERROR|WARN\\w*)\\b)"
                    // a deployment's result ("Deployment *checkout-service* (prod) FAILED at stage *Canary*")
                    + "|^\\W*deployment\\s+\\S+\\s+(?:\\([^)]{1,20}\\)\\s+)?(?:failed|succeeded|finished|completed|started|rolled\\s+back)\\b"
                    // a job tool's result tag (Veeam's "[Success] Weekly-FileServers (4 VMs)")
                    + "|^\\W*\\[(?:success|succeeded|completed)\\]"
                    // a tally of runs by state, counts before capital states ("14 OK · 1 FAILED · 1 …"): a digest
                    + "|(?-i:\\b\\d+\\s+(?:OK|PASSED|SUCCESS)\\b[^\\n]{0,60}?\\b\\d+\\s+(?:FAILED|FAIL|ERRORS?|CRIT|CRITICAL|WARN|WARNINGS?)\\b"
                    + "|\\b\\d+\\s+(?:FAILED|FAIL|ERRORS?|CRIT|CRITICAL|WARN|WARNINGS?)\\b[^\\n]{0,60}?\\b\\d+\\s+(?:OK|PASSED|SUCCESS)\\b)");
    /** A run summary that is a recovery: it names the failure it ends ("was failing since 02:00", "first clean run since"). */
    static final Pattern RUN_RECOVERED = Pattern.compile("(?i)\\b(?:was\\s+(?:failing|failed|broken|red)"
            + "|after\\s+(?:\\S+\\s+){0,3}?(?:failures?|failing|errors?|outage)"
            + "|first\\s+(?:clean|successful|green|good|ok)\\s+run|again\\b|recovered|back\\s+to)");

    /** A status page's incident update: "Investigating - We are investigating …", "Resolved - This incident has …". */
    private static final Pattern STATUS_PAGE_UPDATE = Pattern.compile(
            "(?m)^\\W*(?:Investigating|Identified|Monitoring|Resolved|Update|Scheduled|In progress|Verifying|Completed)"
                    + "\\s+[-–]\\s+\\S");
    /** The page's signature on the last line: "Prefect Status", "dbt Cloud Status". */
    private static final Pattern STATUS_PAGE_FOOTER = Pattern.compile("(?:^|\\n)[^\\n]{2,40}\\s+Status\\s*$");

    /** A button that acknowledges an alert: "Acknowledge", "Ack". */
    private static final Pattern ACK_BUTTON = Pattern.compile("(?i)^\\W*ack(?:nowledge)?\\b");

    /** A field naming an alert's responders (who is paged): "Responders", "Responder team". */
    private static final Pattern RESPONDERS_KEY = Pattern.compile("(?i)^\\W*responders?\\b.*");

    /**
     * Whether a card is an alert's by what it offers and names: a button to acknowledge it or a field of its responders
     * (Jira Service Management's, Opsgenie's and PagerDuty's alert cards); a ticket has neither.
     */
    private static boolean alertCard(MessageView view, String text) {
        return view.buttons().stream().anyMatch(b -> ACK_BUTTON.matcher(b).find())
                || view.fields().keySet().stream()
                        .anyMatch(k -> RESPONDERS_KEY.matcher(k).matches())
                || SlackText.labels(text).keySet().stream()
                        .anyMatch(k -> RESPONDERS_KEY.matcher(k).matches());
    }

    /** A host's name: letters, then a digit somewhere, a dash or a dot between ("db-backup-01", "deploy3.dc1"). */
    private static final Pattern HOST_NAME = Pattern.compile("\\p{L}[\\p{L}\\d]*(?:[.-][\\p{L}\\d]+)+");

    /**
     * Whether the poster is a host's name that the card's title leads with ("db-backup-01" posting "db-backup-01 /
     * Backup age is OK"): a monitoring script that posts under each host's name (Nagios' and Icinga's Slack scripts
     * pass the host as the username), so a word in the host's name ("backup", "deploy", "release") does not make it a
     * job's or a tool's report.
     */
    private static boolean hostAsPoster(String poster, List<String> headlines) {
        String p = poster.strip();
        return HOST_NAME.matcher(p).matches()
                && p.chars().anyMatch(Character::isDigit)
                && headlines.stream().anyMatch(h -> h.strip().startsWith(p + " "));
    }

    /**
     * Whether a message is a look-alike by its poster (a deploy bot, CI, a tracker, a helpdesk) or its headline (a build,
     * a digest, a reminder, maintenance): such messages are never taken for alerts, by the rules or the learned stage.
     */
    static boolean lookAlike(MessageView view, String text, List<String> headlines) {
        String poster = view.username() == null ? "" : view.username();
        // a tracker's or a code host's own item, whatever state it moved to: "Work item *Bug 5521* … changed state
        // Active → Resolved", "Pull request #88 merged"
        if (!headlines.isEmpty() && TRACKER_ITEM.matcher(headlines.get(0)).find()) {
            return true;
        }
        // a watchdog announcing it started, whatever it then says it watches: "Cerberus has started monitoring! …"
        if (!headlines.isEmpty() && MONITORING_STARTED.matcher(headlines.get(0)).find()) {
            return true;
        }
        if (!poster.isEmpty()
                && LOOK_ALIKE_POSTER.matcher(poster).find()
                && !hostAsPoster(poster, headlines)
                && !(TICKETING_POSTER.matcher(poster).find()
                        && (!headlines.isEmpty()
                                        && ALERT_LEAD.matcher(headlines.get(0)).find()
                                || ALERT_LEAD.matcher(text.strip()).find()
                                || alertCard(view, text)))
                && !(BACKUP_CHECKER.matcher(poster).find()
                        && (BACKUP_WATCHER.matcher(poster).find()
                                || backupFailure(view, headlines)
                                || !headlines.isEmpty()
                                        && BACKUP_CHECK
                                                .matcher(headlines.get(0))
                                                .find()))) {
            // (Jira Service Management posts alerts and incidents as "Jira": those lead with the alert, not a ticket)
            return true;
        }
        if (STATUS_POSTER.matcher(poster.strip()).find()
                && headlines.stream().noneMatch(h -> ALERT_WORD.matcher(h).find())) {
            return true;
        }
        // an alert's text quoted behind a note: "🧪 [ทดสอบ ไม่ต้องสนใจ] 🔴 วิกฤต | …" (a note of several words in
        // brackets, then a status mark), "[TØRKØRSEL] ville have sendt: [ADVARSEL] P03 …" (a note, words, then the
        // alert's own tag): a test copy or a dry run, in whatever language the note is written
        String lead = text.strip().split("\n", 2)[0];
        Matcher note = NOTE_THEN_MARK.matcher(lead);
        if (!note.find()) {
            note = NOTE_WORDS_THEN_TAG.matcher(lead);
        } else {
            note.reset();
        }
        Matcher relay = GenericWords.RELAY_PREFIX.matcher(lead);
        boolean relayed = relay.find()
                && relay.group("customer") != null
                && !TEST_NOTE.matcher(relay.group("customer")).find();
        if (note.find()
                && !relayed // "[acme-prod] Zabbix · [RESOLVED] …": a relay's customer and tool, no note
                && !GenericWords.ALERT_NOUNS.matcher(note.group("note")).find()
                && !GenericWords.ANY_STATE.matcher(note.group("note")).find()) {
            return true; // (not "[Prometheus Alert] 🔥 …": a note that says it is an alert is the alert's own tag)
        }
        // an all-clear over a whole count where a close names its thing: "🟢 Hundi HOJIIRRA — 6/6 · gabaasa ganamaa",
        // "🟢 ચાલુ — બધી 6 સાઇટ્સ · …" (all up, all 6 sites: an up/down watcher's morning round-up, in blind sets 45
        // and
        // 46 from two watchers in Oromo and Gujarati), whatever the language of its words
        if (allClearOverACount(lead)) {
            return true;
        }
        // a ZFS scrub (or any event but a resilver) that finished clean with the pool ONLINE: a routine report
        Matcher zed = ZED_SUBJECT.matcher(view.text());
        if (zed.find()
                && zed.group("cls") != null
                && zed.group("cls").endsWith("_finish")
                && KeyValueStates.zedState(zed, view.text()) == null
                && KeyValueStates.ZED_CLEAN.matcher(view.text()).find()) {
            return true;
        }
        // Proxmox VE's backup status that says it succeeded: a routine report
        Matcher vz = PVE_VZDUMP.matcher(view.text());
        if (vz.find() && vz.group("st").equalsIgnoreCase("successful")) {
            return true;
        }
        // Xen Orchestra's report of a backup run that succeeded, Dependency-Track's informational notifications
        Matcher xo = XO_REPORT.matcher(view.text());
        if ((xo.find() && xo.group("st").equalsIgnoreCase("success"))
                || (!view.titles().isEmpty()
                        && DT_INFO.matcher(view.titles().get(0).strip()).matches())) {
            return true;
        }
        // a key=value line of a run, its state OK and its length, nothing else: "job=attendance_sync status=OK
        // duration=38s", a routine report (a retry count or a note of prose beside the OK says what it ends)
        if (!headlines.isEmpty() && plainRunReport(headlines.get(0))) {
            return true;
        }
        // a job's success with its length and size, naming no failure: a run report
        if (GREEN_RUN_REPORT.matcher(text.strip()).find()
                && !GenericWords.FAILED_WORDS.matcher(text).find()) {
            return true;
        }
        // a Kubernetes event of type Normal as an exporter titles it ("Normal: ScalingReplicaSet", "Normal: Pulled"):
        // the cluster doing its work
        for (String t : view.titles()) {
            if (K8S_NORMAL_EVENT.matcher(t).matches()) {
                return true;
            }
        }
        // a vendor's status page relayed by a feed: "Resolved - This incident has been resolved." signed "dbt Cloud
        // Status"
        if (STATUS_PAGE_UPDATE.matcher(text).find()
                && STATUS_PAGE_FOOTER.matcher(text.strip()).find()) {
            return true;
        }
        // what the headline says it is, not a quoted name ("'daily-report' is failing" is a cron monitor's alert)
        // (the first title, and the message's own first line when a title comes before it)
        String firstLine = text.strip().split("\n", 2)[0];
        for (String h : headlines.isEmpty() ? List.of(firstLine) : List.of(headlines.get(0), firstLine)) {
            if (STATE_TAG_LEAD.matcher(h).find()
                    || SCHEDULER_FAILURE_LEAD.matcher(h).find()
                    || AWX_JOB.matcher(h).find()) {
                continue; // "RESOLVED: Ingest pipeline stalled" says its state first: an alert whatever it names
                // (as does a scheduler's "Job failed on worker-3: Weekly Report Mailer: …")
            }
            String sentence = RX_5.split(h, 2)[0];
            if (LOOK_ALIKE_HEADLINE
                            .matcher(GenericWords.QUOTED.matcher(sentence).replaceAll(" "))
                            .find()
                    || RUN_SUMMARY.matcher(h).find()
                            && !RUN_RECOVERED.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A lead line of a state, a dash or colon, then a count where the thing should be: every one of them ("6/6") or a
     * word, a number and a word ("all 6 sites", "બધી 6 સાઇટ્સ"), details after a dot or bar.
     */
    private static final Pattern ALL_CLEAR_COUNT = Pattern.compile("^[^\\p{L}\\p{N}]*(?<state>[\\p{L}\\p{M}' ]{2,40}?)"
            + "\\s*(?:\\s[—–-]|:)\\s+(?:(?<n>\\d{1,4})/\\k<n>|[\\p{L}\\p{M}]+\\s+\\d{1,4}\\s+[\\p{L}\\p{M}]+)"
            + "(?:\\s+[·•|]\\s+[^\\n]*)?$");

    /**
     * Whether {@code lead} is an all-clear over a count rather than a thing's close: a green mark or a close word, then
     * a count where a close names what came back, and no host-like name anywhere on the line.
     */
    static boolean allClearOverACount(String lead) {
        Matcher m = ALL_CLEAR_COUNT.matcher(lead.strip());
        if (!m.matches()) {
            return false;
        }
        boolean green = "green".equals(Marks.markColour(lead.strip()));
        if (!green && PlacedState.stateOf(m.group("state").strip()) != Action.CLOSE) {
            return false;
        }
        Matcher h = GenericWords.HOST_WORD.matcher(lead);
        while (h.find()) {
            if (AlertNames.hostLike(h.group())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A headline that is a report's heading and nothing else: a few words ending in summary, report, digest, recap or
     * overview ("Site summary (result)", "Weekly report"), not a label before a value ("Summary: disk full") and not
     * one of alerts ("ntopng alert digest").
     */
    private static final Pattern REPORT_HEADING = Pattern.compile(
            "(?i)^\\W*(?:[\\p{L}\\d][\\p{L}\\d.'-]*\\s+){0,3}(?:summary|report|digest|recap|overview)[^\\p{L}\\d:]*(?:\\([^()]{0,40}\\))?[^\\p{L}\\d:]*$");

    /** An order, invoice, shipment, booking or refund by its number leading a headline ("Order #3310 closed: …"). */
    private static final Pattern RECORD_ITEM = Pattern.compile("(?i)^[\\W_]*(?:order|invoice|shipment|parcel|booking"
            + "|reservation|refund|purchase\\s+order)\\s+#?\\d+\\b");

    /**
     * A reminder's or a test's mark on a card's button: the alert it repeats was told before ("🔁 STILL ACTIVE (30
     * min)"), or there is none ("🧪 TEST — ignore", "dry run — not sent").
     */
    private static final Pattern REMINDER_OR_TEST_MARK =
            Pattern.compile("(?i)^\\s*(?:🔁|🔂|🧪|:repeat:|:repeat_one:|:test_tube:|test\\b|dry[ -]?run\\b)");

    private static final Pattern ALERT_WORDS = Pattern.compile(
            "(?i)\\b(?:alerts?|alarms?|incidents?|problems?|issues?|errors?|failures?|anomal(?:y|ies)|violations?)\\b");

    /** A failure counted in a report: "1 error(s):", "3 failed", "failures: 2". */
    private static final Pattern FAILURE_COUNT =
            Pattern.compile("(?i)\\b[1-9][\\d,]*\\s+(?:errors?|error\\(s\\)|failures?|failed|failing)\\b"
                    + "|\\b(?:errors?|failures?|failed)\\s*[=:]\\s*[1-9]");

    /** A message that is one JSON object, maybe after its time: a tool's event record. */
    private static final Pattern JSON_OBJECT = Pattern.compile(
            "(?s)^\\s*(?:\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?Z?\\s*)?\\{\\s*\"[^\"\\n]{1,60}\"\\s*:.*\\}\\s*$");

    private static final Pattern JSON_KEY = Pattern.compile("\"(?<key>[^\"\\n]{1,60})\"\\s*:");

    /** A record's key that gives a state, a level or a severity ("status", "alert_state", "severity", "type"). */
    private static final Pattern STATE_KEY = Pattern.compile(
            "(?i)(?:[\\w-]*[_-])?(?:level|state|status|severity|priority|type|result|health|alert|alarm|condition)(?:[_-][\\w-]*)?");

    /**
     * Why the learned stage should not read a bot message that no rule recognised, or empty: a report (a headline that
     * is only a summary's or a report's heading, with no failure counted in the message) and an event record (one JSON
     * object, maybe after its time, with no key for a state, a level or a severity). The model reads words; a report's
     * colours and metric names and a record's values (addresses, commands, "failed" in a logged message) are words it
     * learned from alerts, while neither says anything changed state. A rule that knows the tool's record (Cowrie's
     * event ids) or its report's failure line (sitespeed.io's "1 error(s):") still reads them.
     */
    static Optional<String> notForTheModel(MessageView view, String text) {
        List<String> heads = Headlines.headlines(view, text);
        for (String h : heads) {
            if (REPORT_HEADING.matcher(h).matches()
                    && !ALERT_WORDS.matcher(h).find()
                    && !FAILURE_COUNT.matcher(text).find()
                    && !GenericWords.FAILED_WORDS.matcher(text).find()) {
                return Optional.of("a report (\"" + Headlines.clip(h.strip()) + "\") counting no failure");
            }
        }
        if (!heads.isEmpty() && RECORD_ITEM.matcher(heads.get(0)).find()) {
            return Optional.of("an order, invoice, shipment or booking (\""
                    + Headlines.clip(heads.get(0).strip()) + "\"): its closing is no alert's");
        }
        if (!heads.isEmpty()
                && GenericRecogniser.TICKET_LEAD.matcher(heads.get(0)).find()
                && GenericRecogniser.STATUS_BY_LINE.matcher(view.text()).find()) {
            return Optional.of("a tracker's item (\""
                    + Headlines.clip(heads.get(0).strip()) + "\") and who closed it: a ticket's close, no alert's");
        }
        for (String label : view.buttons()) {
            if (REMINDER_OR_TEST_MARK.matcher(label).find()) {
                return Optional.of("a reminder's or a test's mark (\"" + label.strip() + "\") on the card's button");
            }
        }
        String board = sameStateBoard(view.text());
        if (board != null) {
            return Optional.of("a board whose every row says \"" + board + "\": a round-up, no change of state");
        }
        String raw = SlackText.normalise(view.text());
        if (JSON_OBJECT.matcher(raw).matches()) {
            Matcher k = JSON_KEY.matcher(raw);
            boolean stated = false;
            while (k.find() && !stated) {
                stated = STATE_KEY.matcher(k.group("key").strip()).matches();
            }
            if (!stated) {
                return Optional.of("an event record that states no state, level or severity");
            }
        }
        return Optional.empty();
    }

    /** A state cell as a board prints it: a word in capitals or capitalised ("BAŞ", "Running"). */
    private static final Pattern BOARD_WORD = Pattern.compile("\\p{Lu}[\\p{L}\\p{M}]{1,15}");

    /** A code block's body: the lines between its fences. */
    private static final Pattern CODE_BODY = Pattern.compile("```\\s*\\n(?<body>[^`]*?)\\n?```");

    /**
     * The capital word every row of a code block's table says in one column, when there are two rows or more and it is
     * no open state in any language known ("fatura.avazaxo.example  http  BAŞ  07:00" and two rows more, a watcher's
     * morning board in blind set 46; a pod listing's "Running" in every row, set 25's look-alike): a round-up of things
     * all in one state, no alert. Null when there is no such table.
     */
    static String sameStateBoard(String text) {
        Matcher m = CODE_BODY.matcher(text == null ? "" : text);
        if (!m.find()) {
            return null;
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : m.group("body").split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.strip().split("\\s{2,}"));
            }
        }
        if (rows.size() < 3) {
            return null; // a header and two rows at least
        }
        int width = rows.get(0).length;
        if (width < 3 || rows.stream().anyMatch(r -> r.length != width)) {
            return null;
        }
        for (int c = 0; c < width; c++) {
            String word = rows.get(1)[c];
            if (!BOARD_WORD.matcher(word).matches()) {
                continue;
            }
            boolean same = true;
            for (int r = 2; r < rows.size() && same; r++) {
                same = rows.get(r)[c].equals(word);
            }
            if (same
                    && PlacedState.stateOf(word) != Action.OPEN
                    && StateWords.condition(word) != Action.OPEN
                    && !word.equals(rows.get(0)[c])) {
                return word;
            }
        }
        return null;
    }

    /**
     * AWX's (Ansible automation controller's) notification: "Job #8812 'patch-web' failed: https://…", "Workflow Job
     * #311 'dr-sync' error: …"; its statuses are failed, error, successful, running, canceled.
     */
    static final Pattern AWX_JOB = Pattern.compile(
            "^\\W*(?:Workflow\\s+Job|Job|Project\\s+Update|Inventory\\s+Update|Ad\\s+Hoc\\s+Command|System\\s+Job)\\s+#\\d+"
                    + "\\s+'(?<name>[^'\\n]{1,120})'\\s+(?<state>failed|error|successful|running|canceled|pending|waiting)"
                    + "(?::\\s|\\s*$)");
    /** A Kubernetes event of type Normal and its reason, as an event exporter titles it: "Normal: Pulled". */
    private static final Pattern K8S_NORMAL_EVENT = Pattern.compile("^\\W*Normal:\\s*[A-Z][A-Za-z]+\\s*$");

    /** A tracker's or a code host's item leading a headline: Azure DevOps's "Work item …", a pull or merge request. */
    private static final Pattern TRACKER_ITEM =
            Pattern.compile("(?i)^[\\W_]*(?:work\\s+item|user\\s+story|pull\\s+request|merge\\s+request)\\b");

    /** A bracketed note that says the alert after it is a test or a dry run: "[TEST]", "[dry run]", "[demo]". */
    private static final Pattern TEST_NOTE =
            Pattern.compile("(?i)\\b(?:test\\w*|dry[ -]?run|demo|sample|example|ignore)\\b");

    /** A note of several words in brackets leading a line, then a status mark: "🧪 [ทดสอบ ไม่ต้องสนใจ] 🔴 …". */
    private static final Pattern NOTE_THEN_MARK = Pattern.compile(
            "^\\W{0,4}\\[(?<note>[^\\]\\n]{0,30}\\S\\s+\\S[^\\]\\n]{0,30})\\]\\s*(?::[a-z0-9_+-]+:|[\\p{So}✗✘‼])");
    /**
     * A bracketed note leading a line, words after it, then a bracketed tag in capitals: "[TEST] ignorer venligst ·
     * [KRITISK] …", "[TØRKØRSEL] ville have sendt: [ADVARSEL] …" (adjacent tags, "[KARGO][HATA]", are one header).
     */
    private static final Pattern NOTE_WORDS_THEN_TAG = Pattern.compile(
            "^\\W{0,4}\\[(?<note>[^\\]\\n]{2,40})\\]\\s*\\p{L}[^\\[\\n]{2,80}?\\[\\p{Lu}[\\p{Lu} ]{2,30}\\]");

    /**
     * Whether a backup job's post is about a failure: a red or amber attachment whose title says so in capitals or a
     * failure word, or a green one that names the failures it ends ("berhasil lagi … setelah 3 kali gagal").
     */
    private static boolean backupFailure(MessageView view, List<String> headlines) {
        String colour = view.attachmentColour();
        if (colour == null || headlines.isEmpty()) {
            return false;
        }
        String all = String.join("\n", headlines);
        return colour.equals("green")
                ? GenericWords.FAILED_WORDS.matcher(all).find()
                : GenericWords.CAPS_STATE_ANY.matcher(headlines.get(0)).find()
                        || GenericWords.FAILED_WORDS.matcher(headlines.get(0)).find();
    }
}
