package dev.ratchet.module.report;

import dev.ratchet.module.report.ChannelReport.Noise;
import dev.ratchet.module.report.ChannelReport.NoisyAlert;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.kit.BlockKit;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * The noise section's proposals as edits of the team's alert rules: for each noisy alert, the rule of that name in the
 * rule files of the alert-rules sources ({@code alert_rules: true} in {@code docs.sources-file}) and the edit its
 * proposal calls for ({@link AlertRuleEditor}), as one unified diff per file. Nothing is written until a person says
 * so: under a posted report the drafts are a thread reply, and a person's {@code yes} in that thread opens one pull
 * request per changed file through the documentation's pull-request path ({@link DocsService#proposeChange}), once;
 * the {@code open_alert_rule_pull_requests} tool is a write tool, which the commands agent runs only after a yes.
 */
final class RuleChanges {

    /** How long a drafted change and the pull requests opened from it are kept by their thread. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final ModuleContext ctx;

    RuleChanges(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The drafted rule changes of a channel's noise section.
     *
     * @param channel the channel whose noise they are
     * @param note    why nothing could be drafted (no alert-rules source), or null
     * @param alerts  one per noisy alert: where its rule is and what changes, or why nothing does
     * @param files   one per changed file, with its whole new text and the diff
     * @since 0.2
     */
    public record Draft(String channel, String note, List<AlertChange> alerts, List<FileChange> files) {
        public Draft {
            alerts = List.copyOf(alerts);
            files = List.copyOf(files);
        }
    }

    /**
     * One noisy alert's rule change.
     *
     * @param change the proposal's change ({@code for: 10m})
     * @param source the alert-rules source where the rule was found, or null
     * @param path   the rule file, or null when no rule of that name was found
     * @param edited whether an edit was drafted
     * @param note   what was drafted, or why nothing was
     * @since 0.2
     */
    public record AlertChange(
            String service,
            String alert,
            String kind,
            String change,
            String source,
            String path,
            boolean edited,
            String note) {}

    /**
     * The drafted change of one rule file.
     *
     * @param baseRevision the revision the file was read at, the pull request's base
     * @param newContent   the file's whole new text
     * @param diff         the unified diff, only the changed lines and three lines of context
     * @param alerts       the alerts whose rules it changes
     * @since 0.2
     */
    public record FileChange(
            String source, String path, String baseRevision, String newContent, String diff, List<String> alerts) {}

    /**
     * A pull request opened (or found open) for a file, or why none was.
     *
     * @param url    the pull request, or the page to open one from the pushed branch; null when none
     * @param branch the branch, or null when nothing was pushed
     * @since 0.2
     */
    public record Opened(String source, String path, String url, String branch, boolean created, String note) {}

    /** The drafts for {@code noise}: reads the rule files (the database), writes nothing. */
    Draft draft(String channel, Noise noise) {
        List<String> sources = ctx.docs().alertRuleSources();
        if (sources.isEmpty()) {
            return new Draft(
                    channel,
                    "no alert-rules source is configured: add a git or github source with alert_rules: true to "
                            + "docs.sources-file (see the README, \"Alert rule changes\")",
                    List.of(),
                    List.of());
        }
        // the files' texts as edited so far, by source and path, in the sources' order
        Map<String, DocsService.Document> originals = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, List<String>> editedAlerts = new LinkedHashMap<>();
        int fileCount = 0;
        for (String source : sources) {
            for (DocsService.Document doc : ctx.docs().alertRuleFiles(source)) {
                originals.put(key(doc), doc);
                texts.put(key(doc), doc.content());
                fileCount++;
            }
        }
        List<AlertChange> alerts = new ArrayList<>();
        for (NoisyAlert a : noise.alerts()) {
            String where = ruleFile(texts, a.alert(), a.service());
            if (where == null) {
                alerts.add(new AlertChange(
                        a.service(),
                        a.alert(),
                        a.kind(),
                        a.change(),
                        null,
                        null,
                        false,
                        "no rule named `" + a.alert() + "` in the alert-rules source(s) " + String.join(", ", sources)
                                + " (" + fileCount + " rule file(s)): nothing drafted"));
                continue;
            }
            DocsService.Document doc = originals.get(where);
            AlertRuleEditor.Edit edit = edit(texts.get(where), a);
            if (edit.applied()) {
                texts.put(where, edit.text());
                editedAlerts.computeIfAbsent(where, k -> new ArrayList<>()).add(a.alert());
            }
            alerts.add(new AlertChange(
                    a.service(),
                    a.alert(),
                    a.kind(),
                    a.change(),
                    doc.sourceId(),
                    doc.path(),
                    edit.applied(),
                    edit.applied() ? "`" + a.change() + "` in " + doc.path() : edit.note()));
        }
        List<FileChange> files = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : editedAlerts.entrySet()) {
            DocsService.Document doc = originals.get(e.getKey());
            String after = texts.get(e.getKey());
            files.add(new FileChange(
                    doc.sourceId(),
                    doc.path(),
                    doc.revision(),
                    after,
                    AlertRuleEditor.diff(doc.path(), doc.content(), after),
                    List.copyOf(e.getValue())));
        }
        return new Draft(channel, null, alerts, files);
    }

    /**
     * The file with the alerting rule named {@code alert}: the first (by source order, then path) with one about
     * {@code service} ({@link AlertRuleEditor#about}), else the first with one of that name. Files that are not YAML
     * are skipped.
     */
    private String ruleFile(Map<String, String> texts, String alert, String service) {
        String first = null;
        for (Map.Entry<String, String> e : texts.entrySet()) {
            try {
                List<MappingNode> rules = AlertRuleEditor.find(e.getValue(), alert);
                if (rules.stream().anyMatch(r -> AlertRuleEditor.about(r, service))) {
                    return e.getKey();
                }
                if (first == null && !rules.isEmpty()) {
                    first = e.getKey();
                }
            } catch (RuntimeException notYaml) {
                ctx.logger().log(Level.DEBUG, "alert rules: " + e.getKey() + " is not YAML: " + notYaml.getMessage());
            }
        }
        return first;
    }

    /** The edit the proposal's kind calls for. */
    static AlertRuleEditor.Edit edit(String text, NoisyAlert a) {
        String value = a.change().contains(":")
                ? a.change().substring(a.change().indexOf(':') + 1).replace(" ", "")
                : "";
        return switch (a.kind()) {
            case "for" -> AlertRuleEditor.setField(text, a.alert(), a.service(), "for", value, List.of("expr"));
            case "hysteresis" ->
                AlertRuleEditor.setField(
                        text, a.alert(), a.service(), "keep_firing_for", value, List.of("for", "expr"));
            case "lower-severity" -> AlertRuleEditor.setSeverity(text, a.alert(), a.service(), value);
            case "threshold" -> AlertRuleEditor.raiseThreshold(text, a.alert(), a.service());
            default ->
                AlertRuleEditor.Edit.refused("`" + a.change() + "` is an Alertmanager route, not a change to the rule:"
                        + " nothing drafted");
        };
    }

    /** The drafts as text for Slack or a terminal: a line per alert, then each file's diff. */
    static String text(Draft d, boolean slack) {
        StringBuilder s = new StringBuilder();
        if (d.note() != null) {
            return "Alert rule changes: " + d.note() + ".";
        }
        if (d.alerts().isEmpty()) {
            return "Alert rule changes: no noisy alert, nothing to change.";
        }
        s.append("Alert rule changes for the noisiest alerts:\n");
        for (AlertChange a : d.alerts()) {
            s.append("• `")
                    .append(a.alert())
                    .append("` on ")
                    .append(a.service())
                    .append(": ");
            s.append(a.note()).append('\n');
        }
        for (FileChange f : d.files()) {
            String diff = slack ? BlockKit.escape(f.diff()) : f.diff();
            s.append("```\n").append(diff).append("\n```\n");
        }
        return s.toString().strip();
    }

    /**
     * Opens one pull request per changed file (or finds it open: the branch is named after the channel, the day and
     * the file, so a retry opens nothing new). Writes to the Git host: call it only after a person said yes.
     */
    List<Opened> open(Draft d, String confirmedBy, String link) {
        List<Opened> opened = new ArrayList<>();
        String day = DAY.format(ctx.clock().instant());
        for (FileChange f : d.files()) {
            if (!ctx.docs().canProposeChanges(f.source())) {
                opened.add(new Opened(
                        f.source(),
                        f.path(),
                        null,
                        null,
                        false,
                        "source " + f.source() + " has no write access configured (write: true and a token):"
                                + " apply the diff by hand"));
                continue;
            }
            String branch = ("ratchet/alert-rules-" + d.channel() + "-" + day + "-" + f.path())
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9/-]+", "-")
                    .replaceAll("(?<=.)/+", "-")
                    .replaceFirst("^ratchet-", "ratchet/");
            StringBuilder body = new StringBuilder("Proposed by Ratchet from the alert noise in channel ")
                    .append(d.channel())
                    .append(":\n\n");
            for (AlertChange a : d.alerts()) {
                if (a.edited() && f.path().equals(a.path()) && f.source().equals(a.source())) {
                    body.append("- `")
                            .append(a.alert())
                            .append("` on ")
                            .append(a.service())
                            .append(": `")
                            .append(a.change())
                            .append("`\n");
                }
            }
            if (link != null) {
                body.append("\nThe proposal: ").append(link);
            }
            if (confirmedBy != null) {
                body.append("\nConfirmed by ").append(confirmedBy).append('.');
            }
            try {
                DocsService.ChangeRequest pr = ctx.docs()
                        .proposeChange(
                                f.source(),
                                f.path(),
                                f.baseRevision(),
                                f.newContent(),
                                branch,
                                "Alert rules: tune " + String.join(", ", f.alerts()),
                                body.toString());
                opened.add(new Opened(f.source(), f.path(), pr.url(), pr.branch(), pr.created(), null));
            } catch (Exception e) {
                opened.add(new Opened(
                        f.source(),
                        f.path(),
                        null,
                        null,
                        false,
                        "no pull request for " + f.path() + ": " + e.getMessage()));
            }
        }
        return opened;
    }

    static String text(List<Opened> opened) {
        if (opened.isEmpty()) {
            return "No rule file changed, so no pull request was opened.";
        }
        StringBuilder s = new StringBuilder();
        for (Opened o : opened) {
            if (o.note() != null) {
                s.append(o.note());
            } else if (o.url() != null) {
                s.append(o.created() ? "Opened the pull request for `" : "The pull request for `")
                        .append(o.path())
                        .append(o.created() ? "`: " : "` is already open: ")
                        .append(o.url());
            } else {
                s.append("Pushed branch `")
                        .append(o.branch())
                        .append("` with the change to `")
                        .append(o.path())
                        .append("`; open a pull request from it to merge it");
            }
            s.append('\n');
        }
        return s.toString().strip();
    }

    /**
     * Under a posted report, the drafts as a thread reply asking for a yes, kept by the thread; nothing when there is
     * no alert-rules source or no file to change. Failures are logged: the report stands without them.
     */
    void offer(String channel, String reportTs, String periodKey, Noise noise) {
        if (ctx.docs().alertRuleSources().isEmpty() || noise.alerts().isEmpty()) {
            return;
        }
        try {
            Draft d = draft(channel, noise);
            if (d.files().isEmpty()) {
                ctx.slack()
                        .post(
                                "report-rules:" + channel + ":" + periodKey,
                                SlackService.Post.reply(channel, reportTs, text(d, true)));
                return;
            }
            boolean writable = d.files().stream().allMatch(f -> ctx.docs().canProposeChanges(f.source()));
            String text = text(d, true) + "\n"
                    + (writable
                            ? "Reply `yes` in this thread to open a pull request per file with these changes."
                            : "Some rule sources have no write access configured: apply the diffs by hand.");
            // kept before the post: a yes can only come once the post is there
            ctx.store().put("rule-proposal:" + channel + ":" + reportTs, toMap(d), KEPT);
            ctx.slack()
                    .post(
                            "report-rules:" + channel + ":" + periodKey,
                            SlackService.Post.reply(channel, reportTs, text));
        } catch (Exception e) {
            ctx.logger()
                    .log(Level.WARNING, "report of " + channel + ": no alert rule changes drafted: " + e.getMessage());
        }
    }

    /** A thread reply: a person's {@code yes} under drafted rule changes opens their pull requests, once. */
    void reply(ChannelEvent event) throws Exception {
        Message m = event.message();
        if (!m.isReply() || m.isFromBot() || m.threadTs().isEmpty()) {
            return;
        }
        if (!m.text().strip().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "").equals("yes")) {
            return;
        }
        String thread = m.threadTs().get();
        Optional<Map<String, Object>> stored = ctx.store().get("rule-proposal:" + m.channelId() + ":" + thread);
        if (stored.isEmpty()) {
            return;
        }
        String doneKey = "rule-pull-requests:" + m.channelId() + ":" + thread;
        if (ctx.store().get(doneKey).isPresent()) {
            return; // opened once; the links are in the thread
        }
        Draft d = fromMap(stored.get());
        List<Opened> opened = open(
                d,
                m.userId().map(u -> ctx.slack().displayName(u)).orElse(null),
                ctx.slack().permalink(m.channelId(), thread));
        ctx.store().put(doneKey, Map.of("text", text(opened)), KEPT);
        ctx.slack()
                .post(
                        "report-rules-reply:" + m.channelId() + ":" + thread,
                        SlackService.Post.reply(m.channelId(), thread, text(opened)));
    }

    private static String key(DocsService.Document doc) {
        return doc.sourceId() + ":" + doc.path();
    }

    private static Map<String, Object> toMap(Draft d) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (AlertChange a : d.alerts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", a.service());
            m.put("alert", a.alert());
            m.put("kind", a.kind());
            m.put("change", a.change());
            m.put("source", a.source());
            m.put("path", a.path());
            m.put("edited", a.edited());
            m.put("note", a.note());
            alerts.add(m);
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileChange f : d.files()) {
            files.add(Map.of(
                    "source", f.source(),
                    "path", f.path(),
                    "base", f.baseRevision(),
                    "new_content", f.newContent(),
                    "diff", f.diff(),
                    "alerts", f.alerts()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", d.channel());
        m.put("alerts", alerts);
        m.put("files", files);
        return m;
    }

    private static Draft fromMap(Map<String, Object> m) {
        List<AlertChange> alerts = new ArrayList<>();
        for (Object o : (List<?>) m.get("alerts")) {
            Map<?, ?> a = (Map<?, ?>) o;
            alerts.add(new AlertChange(
                    str(a.get("service")),
                    str(a.get("alert")),
                    str(a.get("kind")),
                    str(a.get("change")),
                    str(a.get("source")),
                    str(a.get("path")),
                    Boolean.TRUE.equals(a.get("edited")),
                    str(a.get("note"))));
        }
        List<FileChange> files = new ArrayList<>();
        for (Object o : (List<?>) m.get("files")) {
            Map<?, ?> f = (Map<?, ?>) o;
            files.add(new FileChange(
                    str(f.get("source")),
                    str(f.get("path")),
                    str(f.get("base")),
                    str(f.get("new_content")),
                    str(f.get("diff")),
                    ((List<?>) f.get("alerts")).stream().map(String::valueOf).toList()));
        }
        return new Draft(str(m.get("channel")), null, alerts, files);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
