package dev.ratchet.module.docupdate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetException;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.Stage;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.LlmFallback;
import dev.ratchet.spi.kit.ModelText;
import dev.ratchet.spi.kit.Schema;
import dev.ratchet.spi.kit.ToolInputs;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes a documentation change from a thread: finds the document the thread is about (the closest chunk in the
 * indexed documentation), asks the LLM for a minimal edit that keeps the document's structure and style (new facts
 * that fit nowhere go to a FAQ section), and returns the unified diff.
 *
 * <p>Two tools. {@code propose_doc_update} only shows the diff; it never writes. {@code open_doc_pull_request} is a
 * write tool, so the {@code commands} agent runs it only after the requester's explicit {@code yes} in the thread:
 * where the document's source can propose changes ({@code write: true}) it pushes a branch named after the thread with
 * the edit and replies with the change request's link (a GitHub source's pull request, a git source's
 * {@code change_url}) or, when the host has none, the branch's name, and the diff; elsewhere it replies with the diff
 * and says why no pull request was opened. One thread opens at most one pull request: the outcome is kept in the module
 * store by thread for {@link #RESULT_KEPT}, and the branch name makes the Git host's side idempotent too, so a retried
 * job, a crash after the host answered, or a second request in the thread links the same pull request.
 *
 * <p>With {@code docupdate.code-channel} set, it also proposes changes from code: see {@link CodeChangeProposals}.
 */
public final class DocupdateModule implements RatchetModule {

    /** How long a thread's pull-request outcome is kept; by then the pull request has long been merged or closed. */
    static final Duration RESULT_KEPT = Duration.ofDays(30);

    /** The model's edit; its JSON Schema is derived from it. */
    record Edit(@Schema(name = "new_content") String newContent, String summary) {}

    /** The tools' input: the thread, by default the one the request came from. */
    public record Request(Optional<String> channel, Optional<String> threadTs) {}

    /**
     * A proposed change.
     *
     * @param pullRequestUrl the change request for it (a pull request, or the page to open one from the branch), or null
     * @param branch         the branch pushed with the change, or null when nothing was pushed
     * @param note           why no pull request was opened, or null
     */
    public record Proposal(
            String sourceId,
            String path,
            String url,
            String summary,
            String diff,
            String pullRequestUrl,
            String branch,
            String note) {

        /** The Slack reply: the change request's link (or the pushed branch, or why there is none) and the diff. */
        public String toSlack() {
            String head = pullRequestUrl != null
                    ? "Proposed the change to `" + path + "`" + (branch == null ? "" : " on branch `" + branch + "`")
                            + ": " + pullRequestUrl
                    : branch != null
                            ? "Pushed branch `" + branch + "` with the change to `" + path
                                    + "`; open a pull request from it to merge it"
                            : "Proposed change to `" + path + "`" + (note == null ? "" : " (" + note + ")");
            // the summary and the diff's new lines are the model's: no broadcasts or mentions, links show their target,
            // and the diff is text in a code block
            return head + "\n" + ModelText.neutralise(summary, Set.of()) + "\n```\n" + BlockKit.escape(diff) + "\n```";
        }
    }

    /** A proposal with what a pull request needs. */
    private record Draft(DocsService.Document doc, String summary, String newContent, String diff) {}

    private volatile ModuleContext ctx;
    private volatile CodeChangeProposals code;

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(CodeChangeProposals.CHANNEL, CodeChangeProposals.INTERVAL);
    }

    @Override
    public String id() {
        return "docupdate";
    }

    @Override
    public String description() {
        return "proposes a documentation change from a thread: a unified diff, or a pull request where the source allows it";
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        this.code = new CodeChangeProposals(context);
        context.job(CodeChangeProposals.JOB, RetryPolicy.DEFAULT, params -> code.check());
        if (code.enabled()) {
            context.schedule(
                    CodeChangeProposals.JOB,
                    context.config().get(CodeChangeProposals.INTERVAL).toString(),
                    Map.of());
            context.on(
                    "code-yes",
                    new Subscription(EnumSet.of(EventType.THREAD_REPLY), Stage.REACT, false, RetryPolicy.DEFAULT),
                    code::reply);
        }
        context.tool(ToolInputs.tool(
                "propose_doc_update",
                "Propose an update to the team's documentation from what the current Slack thread established: finds the document "
                        + "the thread is about and returns a unified diff of a minimal edit. Does not change anything.",
                Request.class,
                List.of("what would the docs change look like?", "show me a diff of the runbook with this fix"),
                false,
                (input, call) -> propose(
                        input.channel().orElse(call.channelId()),
                        input.threadTs().orElse(call.threadTs()))));
        context.tool(ToolInputs.tool(
                "open_doc_pull_request",
                "Update the team's documentation with what the current Slack thread established: opens a pull request (or pushes a "
                        + "branch for one) with a minimal edit of the document the thread is about, where its Git host allows it, and "
                        + "replies with the link and the diff.",
                Request.class,
                List.of(
                        "update the docs with this",
                        "add this fix to the runbook",
                        "open a docs pull request for this"),
                true,
                (input, call) -> openPullRequest(
                                input.channel().orElse(call.channelId()),
                                input.threadTs().orElse(call.threadTs()),
                                call.userId())
                        .toSlack()));
    }

    /** Checks the code sources for new commits now, as the {@code code-changes} job does. */
    public void checkCodeChanges() throws Exception {
        code.check();
    }

    /** The proposal for a thread; writes nothing. */
    public Proposal propose(String channel, String threadTs) throws LlmUnavailableException {
        Draft d = draft(channel, threadTs);
        String note = ctx.docs().canProposeChanges(d.doc().sourceId())
                ? "ask me to update the docs with this to open a pull request"
                : null;
        return new Proposal(d.doc().sourceId(), d.doc().path(), d.doc().url(), d.summary(), d.diff(), null, null, note);
    }

    /**
     * Opens the pull request for a thread where the document's source allows it, else proposes the diff only. At most
     * one pull request per thread: a second call within {@link #RESULT_KEPT} returns the first one's outcome without
     * asking the LLM again.
     */
    public Proposal openPullRequest(String channel, String threadTs, String requester)
            throws LlmUnavailableException, RatchetException {
        String key = "pull-request:" + channel + ":" + threadTs;
        Optional<Map<String, Object>> done = ctx.store().get(key);
        if (done.isPresent()) {
            Map<String, Object> p = done.get();
            return new Proposal(
                    str(p, "source"),
                    str(p, "path"),
                    str(p, "url"),
                    str(p, "summary"),
                    str(p, "diff"),
                    str(p, "pull_request"),
                    str(p, "branch"),
                    null);
        }
        Draft d = draft(channel, threadTs);
        DocsService.Document doc = d.doc();
        if (d.newContent().equals(doc.content())) {
            return new Proposal(
                    doc.sourceId(),
                    doc.path(),
                    doc.url(),
                    d.summary(),
                    d.diff(),
                    null,
                    null,
                    "the edit changes nothing");
        }
        if (!ctx.docs().canProposeChanges(doc.sourceId())) {
            return new Proposal(
                    doc.sourceId(),
                    doc.path(),
                    doc.url(),
                    d.summary(),
                    d.diff(),
                    null,
                    null,
                    "source " + doc.sourceId() + " has no write access configured, so no pull request was opened");
        }
        String branch = "ratchet/docs-"
                + (channel + "-" + threadTs).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String body = d.summary() + "\n\nProposed by Ratchet from a Slack thread: "
                + ctx.slack().permalink(channel, threadTs)
                + (requester == null ? "" : "\nRequested by " + ctx.slack().displayName(requester) + ".");
        DocsService.ChangeRequest pr = ctx.docs()
                .proposeChange(
                        doc.sourceId(),
                        doc.path(),
                        doc.revision(),
                        d.newContent(),
                        branch,
                        "Docs: " + firstLine(d.summary()),
                        body);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("source", doc.sourceId());
        outcome.put("path", doc.path());
        outcome.put("url", doc.url() == null ? "" : doc.url());
        outcome.put("summary", d.summary());
        outcome.put("diff", d.diff());
        outcome.put("pull_request", pr.url() == null ? "" : pr.url()); // a plain git source without change_url has none
        outcome.put("branch", pr.branch());
        ctx.store().put(key, outcome, RESULT_KEPT);
        return new Proposal(doc.sourceId(), doc.path(), doc.url(), d.summary(), d.diff(), pr.url(), pr.branch(), null);
    }

    private Draft draft(String channel, String threadTs) throws LlmUnavailableException {
        if (channel == null || threadTs == null) {
            throw new IllegalArgumentException(
                    "docupdate needs a thread: ask in the thread whose conclusions should go into the docs");
        }
        List<Message> thread = ctx.messages().thread(channel, threadTs);
        if (thread.isEmpty()) {
            throw new IllegalArgumentException("no stored thread " + threadTs + " in " + channel);
        }
        StringBuilder conversation = new StringBuilder();
        for (Message m : thread) {
            String who = m.userId()
                    .map(ctx.slack()::displayName)
                    .orElse(String.valueOf(m.attrs().getOrDefault("username", "a bot")));
            conversation
                    .append(who)
                    .append(": ")
                    .append(ctx.slack().readable(m.text()))
                    .append('\n');
        }
        List<DocsService.DocHit> hits = ctx.docs().search(conversation.toString(), 3);
        if (hits.isEmpty()) {
            throw new IllegalArgumentException("no documentation is indexed; configure docs.sources-file");
        }
        DocsService.DocHit best = hits.get(0);
        DocsService.Document doc = ctx.docs()
                .document(best.sourceId(), best.path())
                .orElseThrow(
                        () -> new IllegalStateException("document " + best.path() + " disappeared during the refresh"));
        if (!ctx.llm().chatAvailable()) {
            throw new LlmUnavailableException(LlmFallback.before(ctx.llm()).text()
                    + ": docupdate needs an LLM to write the edit of " + doc.path());
        }
        Edit answer = ctx.llm()
                .json(
                        "docupdate",
                        List.of(
                                ChatMessage.system(
                                        "You maintain the team's documentation. Given a document and a Slack thread, write the whole document "
                                                + "again with a minimal edit that adds what the thread established. Keep its structure, headings and style; change "
                                                + "nothing else. New facts that fit no existing section go to a 'FAQ' section at the end."),
                                ChatMessage.user("Document " + doc.path() + ":\n" + doc.content() + "\n\nThread:\n"
                                        + conversation)),
                        Edit.class);
        String updated = answer.newContent();
        List<String> before = Arrays.asList(doc.content().split("\n", -1));
        List<String> after = Arrays.asList(updated.split("\n", -1));
        Patch<String> patch = DiffUtils.diff(before, after);
        String diff = String.join(
                "\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + doc.path(), "b/" + doc.path(), before, patch, 3));
        return new Draft(doc, answer.summary(), updated, diff.isEmpty() ? "(no change)" : diff);
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("update from a Slack thread");
        return line.length() > 72 ? line.substring(0, 71) + "…" : line;
    }

    private static String str(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null || "".equals(v) ? null : String.valueOf(v);
    }
}
