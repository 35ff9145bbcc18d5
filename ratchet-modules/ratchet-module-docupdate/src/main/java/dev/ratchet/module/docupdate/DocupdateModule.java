package dev.ratchet.module.docupdate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.JsonText;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.ToolInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes a documentation change from a thread: finds the document the thread is about (the closest chunk in the
 * indexed documentation), asks the LLM for a minimal edit that keeps the document's structure and style (new facts
 * that fit nowhere go to a FAQ section), and returns the unified diff. It only proposes: it never writes, and it runs
 * only when asked (the {@code propose_doc_update} tool, which the {@code commands} agent calls for "update the docs
 * with this" in a thread). Opening a pull request on a Git host is not implemented yet.
 */
public final class DocupdateModule implements RatchetModule {

    static final String SCHEMA = """
            {"type": "object", "additionalProperties": false, "required": ["new_content", "summary"],
             "properties": {"new_content": {"type": "string"}, "summary": {"type": "string"}}}""";

    /** The tool's input: the thread, by default the one the request came from. */
    public record Request(Optional<String> channel, Optional<String> threadTs) {
    }

    /** A proposed change. */
    public record Proposal(String sourceId, String path, String url, String summary, String diff) {
    }

    private ModuleContext ctx;

    @Override
    public String id() {
        return "docupdate";
    }

    @Override
    public String description() {
        return "proposes a documentation change, as a unified diff, from what a thread established";
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        context.tool(ToolInputs.tool("propose_doc_update",
                "Propose an update to the team's documentation from what the current Slack thread established: finds the document "
                        + "the thread is about and returns a unified diff of a minimal edit. Does not change anything.",
                Request.class, List.of("update the docs with this", "add this fix to the runbook"), false,
                (input, call) -> propose(input.channel().orElse(call.channelId()), input.threadTs().orElse(call.threadTs()))));
    }

    /** The proposal for a thread. */
    public Proposal propose(String channel, String threadTs) throws LlmUnavailableException {
        if (channel == null || threadTs == null) {
            throw new IllegalArgumentException("propose_doc_update needs a thread: ask in the thread whose conclusions should go into the docs");
        }
        List<Message> thread = ctx.messages().thread(channel, threadTs);
        if (thread.isEmpty()) {
            throw new IllegalArgumentException("no stored thread " + threadTs + " in " + channel);
        }
        StringBuilder conversation = new StringBuilder();
        for (Message m : thread) {
            String who = m.userId().map(ctx.slack()::displayName).orElse(String.valueOf(m.attrs().getOrDefault("username", "a bot")));
            conversation.append(who).append(": ").append(m.text()).append('\n');
        }
        List<DocsService.DocHit> hits = ctx.docs().search(conversation.toString(), 3);
        if (hits.isEmpty()) {
            throw new IllegalArgumentException("no documentation is indexed; configure docs.sources-file");
        }
        DocsService.DocHit best = hits.get(0);
        DocsService.Document doc = ctx.docs().document(best.sourceId(), best.path()).orElseThrow(() ->
                new IllegalStateException("document " + best.path() + " disappeared during the refresh"));
        if (!ctx.llm().chatAvailable()) {
            throw new LlmUnavailableException("generation is off: docupdate needs an LLM to write the edit of " + doc.path());
        }
        Map<String, Object> answer = JsonText.parseObject(ctx.llm().json("docupdate", List.of(
                ChatMessage.system("You maintain the team's documentation. Given a document and a Slack thread, write the whole document "
                        + "again with a minimal edit that adds what the thread established. Keep its structure, headings and style; change "
                        + "nothing else. New facts that fit no existing section go to a 'FAQ' section at the end."),
                ChatMessage.user("Document " + doc.path() + ":\n" + doc.content() + "\n\nThread:\n" + conversation)), SCHEMA));
        String updated = String.valueOf(answer.get("new_content"));
        List<String> before = Arrays.asList(doc.content().split("\n", -1));
        List<String> after = Arrays.asList(updated.split("\n", -1));
        Patch<String> patch = DiffUtils.diff(before, after);
        String diff = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + doc.path(), "b/" + doc.path(), before, patch, 3));
        return new Proposal(doc.sourceId(), doc.path(), doc.url(), String.valueOf(answer.get("summary")), diff.isEmpty() ? "(no change)" : diff);
    }
}
