package dev.ratchet.module.docupdate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.ModelText;
import dev.ratchet.spi.kit.Schema;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Documentation changes proposed from code changes. For each source marked {@code code: true}, a recurring job reads
 * the commits since the revision it handled last (the first run only notes the head), finds the document closest in
 * meaning to their diff, and asks the LLM whether the diff changes behaviour that document describes; if it does, it
 * posts the proposed edit (summary and diff) in {@link #CHANNEL} and keeps it by the post. A person's {@code yes} in
 * that post's thread opens the pull request (where the document's source has {@code write: true}), once: the branch
 * is named after the commits and the document, and the outcome is kept by thread.
 */
final class CodeChangeProposals {

    static final ConfigOption<String> CHANNEL = ConfigOption.string("code-channel", "")
            .describedAs("Slack channel id where documentation changes proposed from the commits of code sources"
                    + " (code: true in docs.sources-file) are posted; empty: code changes are not watched");
    static final ConfigOption<Duration> INTERVAL = ConfigOption.duration("code-check-interval", Duration.ofMinutes(15))
            .validatedBy(d -> d.compareTo(Duration.ofSeconds(5)) >= 0, "at least 5s")
            .describedAs("how often the code sources are checked for new commits");
    static final String JOB = "code-changes";

    private static final int MAX_DIFF_CHARS = 8_000;

    /** The model's verdict and edit; its JSON Schema is derived from it. */
    record CodeEdit(
            @Schema(name = "describes_changed_behaviour") boolean describesChangedBehaviour,
            @Schema(name = "new_content") String newContent,
            String summary) {}

    private final ModuleContext ctx;
    private final String channel;

    CodeChangeProposals(ModuleContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.config().get(CHANNEL).strip();
    }

    boolean enabled() {
        return !channel.isEmpty();
    }

    /** The job: every code source once. */
    void check() throws Exception {
        if (!enabled()) {
            return;
        }
        for (String sourceId : ctx.docs().codeSources()) {
            String key = "code-revision:" + sourceId;
            Optional<String> last =
                    ctx.store().get(key).map(m -> m.get("revision")).map(String::valueOf);
            DocsService.CodeChanges changes = ctx.docs().codeChanges(sourceId, last.orElse(null));
            if (last.isPresent()
                    && !changes.toRevision().equals(last.get())
                    && !changes.files().isEmpty()) {
                propose(changes);
            }
            ctx.store().put(key, Map.of("revision", changes.toRevision()));
        }
    }

    private void propose(DocsService.CodeChanges changes) throws Exception {
        String diff = changes.files().stream()
                .map(f -> "--- " + f.path() + " (" + f.status() + ")\n" + f.patch())
                .collect(Collectors.joining("\n"));
        if (diff.length() > MAX_DIFF_CHARS) {
            diff = diff.substring(0, MAX_DIFF_CHARS) + "\n(cut)";
        }
        List<DocsService.DocHit> hits = ctx.docs().search(diff, 3);
        if (hits.isEmpty()) {
            return;
        }
        DocsService.DocHit best = hits.get(0);
        Optional<DocsService.Document> found = ctx.docs().document(best.sourceId(), best.path());
        if (found.isEmpty() || !ctx.llm().chatAvailable()) {
            ctx.logger()
                    .log(
                            Level.INFO,
                            "docupdate: commits {0} of {1} not compared with the docs: {2}",
                            range(changes),
                            changes.sourceId(),
                            found.isEmpty() ? "the document disappeared" : "generation is off");
            return;
        }
        DocsService.Document doc = found.get();
        CodeEdit edit = ctx.llm()
                .json(
                        "docupdate-code",
                        List.of(
                                ChatMessage.system(
                                        "You maintain the team's documentation. Given a document and the code diff of new commits, decide "
                                                + "whether the diff changes behaviour that the document describes. If it does, write the whole "
                                                + "document again with a minimal edit that makes it match the new behaviour; keep its structure, "
                                                + "headings and style; change nothing else. If it does not, set describes_changed_behaviour "
                                                + "to false and return the document unchanged."),
                                ChatMessage.user("Document " + doc.path() + ":\n" + doc.content() + "\n\nCode diff ("
                                        + changes.sourceId() + ", " + range(changes) + "):\n" + diff)),
                        CodeEdit.class);
        if (!edit.describesChangedBehaviour() || edit.newContent().equals(doc.content())) {
            ctx.logger()
                    .log(
                            Level.DEBUG,
                            "docupdate: commits {0} of {1} change nothing {2} describes",
                            range(changes),
                            changes.sourceId(),
                            doc.path());
            return;
        }
        List<String> before = Arrays.asList(doc.content().split("\n", -1));
        List<String> after = Arrays.asList(edit.newContent().split("\n", -1));
        Patch<String> patch = DiffUtils.diff(before, after);
        String docDiff = String.join(
                "\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + doc.path(), "b/" + doc.path(), before, patch, 3));
        boolean writable = ctx.docs().canProposeChanges(doc.sourceId());
        String text = "Commits `" + range(changes) + "` of " + changes.sourceId() + " change behaviour that `"
                + doc.path() + "`" + (doc.url() == null ? "" : " (" + doc.url() + ")") + " describes:\n"
                + ModelText.neutralise(edit.summary(), Set.of()) + "\n```\n" + BlockKit.escape(docDiff) + "\n```\n"
                + (writable
                        ? "Reply `yes` in this thread to open a pull request with this change."
                        : "Source " + doc.sourceId() + " has no write access configured: apply it by hand.");
        SlackService.PostedMessage posted = ctx.slack()
                .post(
                        "code:" + changes.sourceId() + ":" + changes.toRevision() + ":" + doc.sourceId() + ":"
                                + doc.path(),
                        new SlackService.Post(channel, null, text, null));
        Map<String, Object> proposal = new LinkedHashMap<>();
        proposal.put("source", doc.sourceId());
        proposal.put("path", doc.path());
        proposal.put("base", doc.revision());
        proposal.put("new_content", edit.newContent());
        proposal.put("summary", edit.summary());
        proposal.put("code_source", changes.sourceId());
        proposal.put("range", range(changes));
        ctx.store()
                .put("code-proposal:" + posted.channelId() + ":" + posted.ts(), proposal, DocupdateModule.RESULT_KEPT);
    }

    /** A thread reply: a person's {@code yes} under a proposal opens its pull request, once. */
    void reply(ChannelEvent event) throws Exception {
        Message m = event.message();
        if (!m.isReply() || m.isFromBot() || m.threadTs().isEmpty()) {
            return;
        }
        if (!m.text().strip().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "").equals("yes")) {
            return;
        }
        String thread = m.threadTs().get();
        Optional<Map<String, Object>> proposal = ctx.store().get("code-proposal:" + m.channelId() + ":" + thread);
        if (proposal.isEmpty()) {
            return;
        }
        String doneKey = "code-pull-request:" + m.channelId() + ":" + thread;
        if (ctx.store().get(doneKey).isPresent()) {
            return; // one pull request per proposal; its link is already in the thread
        }
        Map<String, Object> p = proposal.get();
        String source = String.valueOf(p.get("source"));
        String path = String.valueOf(p.get("path"));
        String text;
        if (!ctx.docs().canProposeChanges(source)) {
            text = "Source " + source + " has no write access configured, so no pull request was opened.";
        } else {
            String range = String.valueOf(p.get("range"));
            String branch = ("ratchet/docs-code-" + range + "-" + path)
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9/]+", "-")
                    .replaceAll("/+", "-")
                    .replaceFirst("^ratchet-docs-", "ratchet/docs-");
            String summary = String.valueOf(p.get("summary"));
            String body = summary + "\n\nProposed by Ratchet from the commits " + range + " of "
                    + p.get("code_source") + ": " + ctx.slack().permalink(m.channelId(), thread)
                    + m.userId()
                            .map(u -> "\nConfirmed by " + ctx.slack().displayName(u) + ".")
                            .orElse("");
            DocsService.ChangeRequest pr = ctx.docs()
                    .proposeChange(
                            source,
                            path,
                            String.valueOf(p.get("base")),
                            String.valueOf(p.get("new_content")),
                            branch,
                            "Docs: " + firstLine(summary),
                            body);
            ctx.store()
                    .put(
                            doneKey,
                            Map.of("pull_request", String.valueOf(pr.url()), "branch", pr.branch()),
                            DocupdateModule.RESULT_KEPT);
            text = pr.url() != null
                    ? "Opened the pull request for `" + path + "`: " + pr.url()
                    : "Pushed branch `" + pr.branch() + "` with the change to `" + path
                            + "`; open a pull request from it to merge it";
        }
        ctx.slack()
                .post(
                        "code-reply:" + m.channelId() + ":" + thread,
                        SlackService.Post.reply(m.channelId(), thread, text));
    }

    private static String range(DocsService.CodeChanges changes) {
        return shortSha(changes.fromRevision()) + ".." + shortSha(changes.toRevision());
    }

    private static String shortSha(String revision) {
        return revision == null ? "" : revision.length() > 7 ? revision.substring(0, 7) : revision;
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("update from code changes");
        return line.length() > 72 ? line.substring(0, 71) + "…" : line;
    }
}
