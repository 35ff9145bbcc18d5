package dev.ratchet.module.docrag;

import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.LlmFallback;
import dev.ratchet.spi.kit.ModelText;
import dev.ratchet.spi.kit.Schema;
import dev.ratchet.spi.kit.ToolInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers questions from the indexed documentation ({@code ctx.docs()}): the closest chunks across the whole corpus
 * (by embedding distance, never by path order), a grounded answer from the LLM that cites them, and links to the
 * source files at their revision. When no chunk is close enough it says it does not know rather than inventing; with
 * no LLM it returns the most relevant passages with links. Channels listed in {@code auto-channels} get new questions
 * answered automatically; elsewhere it answers through its tool (the {@code commands} agent, {@code @ratchet}) and
 * {@code GET /api/modules/docrag/answer?q=...}.
 */
public final class DocragModule implements RatchetModule {

    static final ConfigOption<List<String>> AUTO_CHANNELS = ConfigOption.list("auto-channels", List.of())
            .describedAs(
                    "channels whose new questions (as the classifier module recognises them: a person asking for help,"
                            + " not answered yet) are answered automatically");
    static final ConfigOption<Integer> PASSAGES =
            ConfigOption.integer("passages", 4, 1, 10).describedAs("passages given to the answer");
    static final ConfigOption<Integer> MAX_DISTANCE = ConfigOption.integer("max-distance-percent", 35, 1, 100)
            .describedAs(
                    "a passage counts as relevant when its cosine distance to the question is below this percentage");

    /** The model's answer, citing passages by number; its JSON Schema is derived from it. */
    record Generated(
            boolean known,
            String answer,
            @Schema(minimum = 1) List<Integer> sources) {}

    /** The tool's input. */
    public record Question(String question) {}

    /** An answer: text, whether the docs knew, and the cited sources. */
    public record Answer(boolean known, String text, List<Map<String, Object>> sources, boolean generated) {}

    private ModuleContext ctx;
    private List<String> autoChannels;
    private int passages;
    private double maxDistance;

    @Override
    public String id() {
        return "docrag";
    }

    @Override
    public String description() {
        return "answers questions from the documentation, citing its sources, or says it does not know";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(AUTO_CHANNELS, PASSAGES, MAX_DISTANCE);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        this.autoChannels = context.config().get(AUTO_CHANNELS);
        this.passages = context.config().get(PASSAGES);
        this.maxDistance = context.config().get(MAX_DISTANCE) / 100.0;
        context.tool(ToolInputs.tool(
                "answer_from_docs",
                "Answer a question from the team's documentation (runbooks, handbooks), with links to the files used. "
                        + "Says when the documentation does not cover it.",
                Question.class,
                List.of("how do I get VPN access?", "what does the runbook say about db-1 disk full?"),
                false,
                (input, call) -> answer(input.question())));
        context.on("auto-answer", Subscription.to(EventType.MESSAGE), this::onMessage);
        context.route(
                HttpMethod.GET,
                "answer",
                request -> RouteHandler.Response.ok(answer(request.query("q")
                        .filter(q -> !q.isBlank())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "the query parameter q is required, e.g. q=how%20do%20I%20get%20VPN%20access%3F")))));
    }

    void onMessage(ChannelEvent event) throws Exception {
        Message m = event.message();
        if (!autoChannels.contains(m.channelId()) || m.isFromBot() || m.deleted()) {
            return;
        }
        // the classifier's question recognition (ENRICH, done before this REACT handler), on the message as stored now:
        // a person asking for help, not a rhetorical "?", and not already answered in its thread
        boolean openQuestion = ctx.messages()
                .get(m.channelId(), m.ts())
                .flatMap(stored -> ctx.questions().of(stored))
                .filter(q -> !q.answered())
                .isPresent();
        if (!openQuestion) {
            return;
        }
        Answer answer = answer(m.text());
        if (!answer.known()) {
            return; // in auto mode, silence beats "I don't know" on every question
        }
        ctx.slack().post("docrag:" + event.key(), SlackService.Post.reply(m.channelId(), m.ts(), render(answer)));
    }

    /** Answers {@code question} from the docs. */
    public Answer answer(String question) throws LlmUnavailableException {
        List<DocsService.DocHit> hits = ctx.docs().search(question, passages).stream()
                .filter(h -> h.distance() < maxDistance)
                .toList();
        if (hits.isEmpty()) {
            return new Answer(
                    false,
                    "I don't know: the documentation has nothing close enough to this question.",
                    List.of(),
                    false);
        }
        List<Map<String, Object>> sources = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            DocsService.DocHit h = hits.get(i);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("n", i + 1);
            source.put("path", h.path());
            source.put("heading", h.heading());
            source.put("url", h.url());
            sources.add(source);
            context.append('[')
                    .append(i + 1)
                    .append("] ")
                    .append(h.path())
                    .append(h.heading().isEmpty() ? "" : " — " + h.heading())
                    .append('\n')
                    .append(h.text())
                    .append("\n\n");
        }
        LlmFallback why = LlmFallback.before(ctx.llm());
        if (ctx.llm().chatAvailable()) {
            try {
                Generated a = ctx.llm()
                        .json(
                                "docrag",
                                List.of(
                                        ChatMessage.system(
                                                "Answer the question using only the numbered documentation passages. Cite the passages you used "
                                                        + "by number in 'sources'. If they do not answer it, set known to false."),
                                        ChatMessage.user("Passages:\n" + context + "Question: " + question)),
                                Generated.class);
                List<Map<String, Object>> cited = new ArrayList<>();
                for (int i : a.sources()) {
                    if (i >= 1 && i <= sources.size() && !cited.contains(sources.get(i - 1))) {
                        cited.add(sources.get(i - 1));
                    }
                }
                return a.known()
                        ? new Answer(
                                true,
                                // the model's words: no broadcasts or unasked mentions, links show their target
                                ModelText.neutralise(a.answer(), ModelText.mentionsIn(question)),
                                cited.isEmpty() ? sources : cited,
                                true)
                        : new Answer(
                                false, "I don't know: the closest documentation does not answer this.", sources, true);
            } catch (LlmUnavailableException e) {
                why = LlmFallback.of(e);
                ctx.logger().log(System.Logger.Level.WARNING, "docrag answers with passages only: " + e.getMessage());
            }
        }
        StringBuilder text = new StringBuilder(why.sentence() + "; the most relevant passages:\n");
        for (int i = 0; i < hits.size(); i++) {
            String body = hits.get(i).text().replace('\n', ' ');
            text.append("[")
                    .append(i + 1)
                    .append("] ")
                    .append(BlockKit.escape(BlockKit.truncate(body, 300)))
                    .append('\n'); // documents are not mrkdwn
        }
        return new Answer(true, text.toString().strip(), sources, false);
    }

    /** Slack mrkdwn with links to the sources; source labels are escaped, the answer is mrkdwn already. */
    static String render(Answer a) {
        StringBuilder b = new StringBuilder(a.text());
        if (!a.sources().isEmpty()) {
            b.append("\n\nSources:");
            for (Map<String, Object> s : a.sources()) {
                Object url = s.get("url");
                String label =
                        s.get("path") + (String.valueOf(s.get("heading")).isEmpty() ? "" : " — " + s.get("heading"));
                b.append("\n• ")
                        .append(url == null ? BlockKit.escape(label) : BlockKit.link(String.valueOf(url), label));
            }
        }
        b.append("\n_Answered by Ratchet's docrag module from the documentation. React with :+1: or :-1:._");
        return b.toString();
    }
}
