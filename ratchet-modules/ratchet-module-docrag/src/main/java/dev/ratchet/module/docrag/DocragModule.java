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
import java.util.Set;

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
    static final ConfigOption<Integer> MAX_DISTANCE = ConfigOption.integer("max-distance-percent", 42, 1, 100)
            .describedAs("the docs answer a question only when the best page's cosine distance to it is below this"
                    + " percentage (see sure-distance-percent and min-evidence-percent)");
    static final ConfigOption<Integer> SURE_DISTANCE = ConfigOption.integer("sure-distance-percent", 30, 1, 100)
            .describedAs("below this cosine distance (percent) the best page answers even when it shares none of the"
                    + " question's words (a paraphrase)");
    static final ConfigOption<Integer> MIN_EVIDENCE = ConfigOption.integer("min-evidence-percent", 21, 1, 99)
            .describedAs("between sure-distance-percent and max-distance-percent, the docs answer when the evidence"
                    + " model (the first page's distance, how many of the question's words it holds, how rare those"
                    + " are, how close its best sentence is and how close the other pages' best one, its BM25 and"
                    + " whether its closest sentences hold the question's rarest word) gives the"
                    + " question at least this probability (percent) of being answered");

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
    private double sureDistance;
    private double minEvidence;

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
        return List.of(AUTO_CHANNELS, PASSAGES, MAX_DISTANCE, SURE_DISTANCE, MIN_EVIDENCE);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        this.autoChannels = context.config().get(AUTO_CHANNELS);
        this.passages = context.config().get(PASSAGES);
        this.maxDistance = context.config().get(MAX_DISTANCE) / 100.0;
        this.sureDistance = context.config().get(SURE_DISTANCE) / 100.0;
        this.minEvidence = context.config().get(MIN_EVIDENCE) / 100.0;
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

    /** Chunks read from the search to rank documents from. */
    static final int CANDIDATES = 20;

    /** Chunks whose pages are the neighbourhood the question's words are weighed in (their rarity among those pages). */
    static final int NEIGHBOURHOOD = 50;

    /**
     * A document ranked from its chunks: its best chunks (best first), score, and the evidence for "I don't know": its
     * best chunk's distance, the share of the question's words its best chunk or the whole page holds ({@code
     * lexical}), how many of the question's words the page holds ({@code shared}) and their summed rarity among the
     * neighbourhood's pages ({@code weight}, see {@link Evidence#idf}), and the cosine similarity of the question to
     * the closest sentence of the page's chunks found, each sentence embedded after its heading path ({@code sentence},
     * for the ranking) and alone ({@code bareSentence}, for "I don't know"; see {@link Sentences}), and the page's BM25
     * for the question's words ({@code bm25}, for the ranking; see {@link Evidence#bm25}).
     */
    record RankedDoc(
            String path,
            List<DocsService.DocHit> chunks,
            double score,
            double distance,
            double lexical,
            int shared,
            double weight,
            double sentence,
            double bareSentence,
            double bm25,
            double rareInPassage) {

        /**
         * How likely this page is the one that answers, against the other candidates (a listwise logit, see {@link
         * #RANK_PER_RANK}): its best chunk's place in the search, the question's words it holds and their rarity,
         * its closest sentence and its BM25.
         */
        double relevance() {
            return RANK_PER_RANK * Math.log(score)
                    + RANK_PER_WEIGHT * weight
                    + RANK_PER_SHARED * shared
                    + RANK_PER_SENTENCE * sentence
                    + RANK_PER_BM25 * bm25;
        }
    }

    /** The documents for a question, best first, and whether the evidence says the docs answer it. */
    record Ranking(List<RankedDoc> docs, boolean known) {}

    /** Sentence vectors of the documentation's passages, kept across questions (see {@link Sentences}). */
    private final Sentences sentences = new Sentences();

    /**
     * What is searched for a question: the question with its ops abbreviations and jargon spelled out
     * ({@link OpsVocabulary}; tuning top-1 43 → 47 of 54, top-3 50 → 52, "I don't know" unchanged).
     */
    static String query(String question) {
        return OpsVocabulary.expand(question);
    }

    /** The search's chunks for a question (its typing slips corrected, as {@link #rank} does), for the test's dump. */
    List<DocsService.DocHit> hits(String typed) {
        return corrected(typed).pages().neighbourhood();
    }

    /** A question with its typing slips corrected, and the pages found for it. */
    record Corrected(String question, Pages pages) {}

    /**
     * The pages found for a question, and the question with its typing slips corrected against the words of those
     * pages ({@link Spelling}); searched again when any was.
     */
    Corrected corrected(String typed) {
        Pages pages = pages(typed);
        String question = Spelling.correct(typed, pages.counts());
        return question.equals(typed) ? new Corrected(typed, pages) : new Corrected(question, pages(question));
    }

    /** The search's best chunks for a question, their pages as stored, and how often each word occurs in them. */
    record Pages(
            List<DocsService.DocHit> neighbourhood,
            Map<String, DocsService.Document> stored,
            Map<String, Integer> counts) {}

    /**
     * The search's {@value #NEIGHBOURHOOD} best chunks for {@code question} (its order does not depend on the limit:
     * its first {@value #CANDIDATES} are the same) and their pages, read together, one query per source; a page not
     * stored counts by its chunks found.
     */
    Pages pages(String question) {
        List<DocsService.DocHit> neighbourhood = ctx.docs().search(query(question), NEIGHBOURHOOD);
        Map<String, Set<String>> paths = new LinkedHashMap<>();
        for (DocsService.DocHit h : neighbourhood) {
            paths.computeIfAbsent(h.sourceId(), s -> new java.util.LinkedHashSet<>())
                    .add(h.path());
        }
        Map<String, DocsService.Document> stored = new LinkedHashMap<>();
        paths.forEach((source, inSource) ->
                ctx.docs().documents(source, inSource).forEach(d -> stored.put(d.sourceId() + "/" + d.path(), d)));
        Map<String, Integer> counts = new java.util.HashMap<>();
        Set<String> counted = new java.util.HashSet<>();
        for (DocsService.DocHit h : neighbourhood) {
            String key = h.sourceId() + "/" + h.path();
            DocsService.Document d = stored.get(key);
            String text =
                    d == null ? h.heading() + "\n" + h.text() : counted.add(key) ? d.title() + "\n" + d.content() : "";
            for (String w : Evidence.tokens(text)) {
                if (!w.isEmpty()) {
                    counts.merge(w, 1, Integer::sum);
                }
            }
        }
        return new Pages(neighbourhood, stored, counts);
    }

    /**
     * Ranks documents from the search's chunks (fused by meaning and words) by their best chunk, so one page's many
     * chunks do not crowd out the next page (support from a page's other chunks, measured at 0.3 and 0.5 of their
     * reciprocal rank, put the right page first less often: 38 and 37 of 54 tuning questions against 44); the
     * evidence for an answer is each page's distance and the question's words the whole page holds (a question's words
     * are often spread over its sections, the name in one and the action in another: "need to repoint api.example.com
     * to the new LB" had none in its best chunk), weighed by their rarity among the pages of the best {@value
     * #NEIGHBOURHOOD} chunks. The pages are then ordered by their {@link RankedDoc#relevance}: the best chunk's place
     * with the page's distance and the question's words it holds (leave-one-part-out over the fixture's five parts,
     * right first 250 → 260 of 288, in the first three 281 → 288), since refitted with the closest sentence and the
     * page's BM25 (see {@link #RANK_PER_RANK}). The question is first corrected for typing slips against the words of
     * the pages found ({@link Spelling}), and searched again when a word changed.
     */
    Ranking rank(String typed) {
        Corrected corrected = corrected(typed);
        String question = corrected.question();
        Pages pages = corrected.pages();
        List<DocsService.DocHit> neighbourhood = pages.neighbourhood();
        Map<String, DocsService.Document> stored = pages.stored();
        List<DocsService.DocHit> hits = neighbourhood.subList(0, Math.min(CANDIDATES, neighbourhood.size()));
        Evidence words = Evidence.of(question);
        Map<String, Set<String>> pageWords = new LinkedHashMap<>();
        Map<String, List<String>> pageTerms = new LinkedHashMap<>();
        for (DocsService.DocHit h : neighbourhood) {
            String key = h.sourceId() + "/" + h.path();
            if (!pageWords.containsKey(key)) {
                DocsService.Document d = stored.get(key);
                pageWords.put(
                        key,
                        d != null
                                ? Evidence.stems(d.title() + "\n" + d.content())
                                : Evidence.stems(neighbourhood.stream()
                                        .filter(c -> c.sourceId().equals(h.sourceId())
                                                && c.path().equals(h.path()))
                                        .map(c -> c.heading() + "\n" + c.text())
                                        .collect(java.util.stream.Collectors.joining("\n"))));
                pageTerms.put(
                        key,
                        d != null
                                ? Evidence.terms(d.title(), d.content())
                                : Evidence.terms(
                                        h.path(),
                                        neighbourhood.stream()
                                                .filter(c -> c.sourceId().equals(h.sourceId())
                                                        && c.path().equals(h.path()))
                                                .map(c -> "## " + c.heading() + "\n" + c.text())
                                                .collect(java.util.stream.Collectors.joining("\n"))));
            }
        }
        Map<String, Double> idf = words.idf(pageWords.values());
        String rarest = words.rarest(pageWords.values());
        Map<String, Double> bm25 = words.bm25(pageTerms);
        // the question against each sentence of the candidate chunks (one embedding call, sentences cached)
        Map<DocsService.DocHit, double[]> closest = sentences.closest(ctx.llm(), query(question), hits);
        Map<String, List<DocsService.DocHit>> byDoc = new LinkedHashMap<>();
        Map<String, Double> score = new LinkedHashMap<>(); // 1 / the rank of the document's best chunk
        for (int i = 0; i < hits.size(); i++) {
            DocsService.DocHit h = hits.get(i);
            String key = h.sourceId() + "/" + h.path();
            List<DocsService.DocHit> chunks = byDoc.computeIfAbsent(key, k -> new ArrayList<>());
            if (chunks.isEmpty()) {
                score.put(key, 1.0 / (i + 1));
            }
            chunks.add(h);
        }
        List<RankedDoc> docs = byDoc.entrySet().stream()
                .map(e -> {
                    List<String> shared = words.sharedWith(pageWords.get(e.getKey()));
                    double distance = e.getValue().stream()
                            .mapToDouble(DocsService.DocHit::distance)
                            .min()
                            .orElse(2);
                    return new RankedDoc(
                            e.getValue().get(0).path(),
                            e.getValue(),
                            score.get(e.getKey()),
                            distance,
                            words.share(shared),
                            shared.size(),
                            shared.stream().mapToDouble(idf::get).sum(),
                            e.getValue().stream()
                                    .mapToDouble(h -> closest.get(h)[0])
                                    .max()
                                    .orElse(1 - distance),
                            e.getValue().stream()
                                    .mapToDouble(h -> closest.get(h)[1])
                                    .max()
                                    .orElse(1 - distance),
                            bm25.get(e.getKey()),
                            rareInPassage(words, rarest, e.getValue(), closest));
                })
                .sorted(java.util.Comparator.comparingDouble(RankedDoc::score).reversed())
                .toList();
        // the pages are shown by their relevance (a stable sort: ties keep the search's order); "I don't know" is
        // gated by the search's best page's distance and decided on the evidence of the page shown first
        List<RankedDoc> shown = docs.stream()
                .sorted(java.util.Comparator.comparingDouble(RankedDoc::relevance)
                        .reversed())
                .toList();
        boolean known = !docs.isEmpty() && known(docs.get(0), shown.get(0), otherSentence(shown));
        return new Ranking(shown, known);
    }

    /** How many of a page's closest sentences (alone) {@link #rareInPassage} reads. */
    static final int PASSAGE_SENTENCES = 3;

    /**
     * Whether the question's rarest word (see {@link Evidence#rarest}) is in the page's passage: its {@value
     * #PASSAGE_SENTENCES} closest sentences alone among its chunks found (1), or not (0); 0.5 when no nearby page holds
     * any of the question's words. When the sentences were not embedded, the page's first chunk stands for them.
     */
    static double rareInPassage(
            Evidence words, String rarest, List<DocsService.DocHit> chunks, Map<DocsService.DocHit, double[]> closest) {
        if (rarest == null) {
            return 0.5;
        }
        List<Map.Entry<String, Double>> sentences = new ArrayList<>();
        for (DocsService.DocHit h : chunks) {
            List<String> own = Evidence.sentences(h.text());
            double[] sims = closest.get(h);
            if (sims == null || sims.length != 2 + own.size()) {
                sentences.clear();
                sentences.add(Map.entry(chunks.get(0).text(), 1.0));
                break;
            }
            for (int k = 0; k < own.size(); k++) {
                sentences.add(Map.entry(own.get(k), sims[2 + k]));
            }
        }
        String passage = sentences.stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(PASSAGE_SENTENCES)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.joining(" "));
        return words.sharedWith(Evidence.stems(passage)).contains(rarest) ? 1 : 0;
    }

    /*
     * The page ranking: a listwise logistic (softmax) regression, L2 1.0 on standardised features, of "this page is the
     * right one" over the pages of the search's best CANDIDATES chunks, fitted on nine parts of the relevance fixture
     * (tuning, held-out 1-7 and 9: 1043 answerable questions; raw-unit coefficients, rounded; DocsIdkExperiment
     * reproduces the fit; refitted with part 9, the same features: the page's IDF-weighted coverage of the question's
     * words, alone or against the best other page's, handbook-wide BM25, the bare sentence, the heading similarity, the
     * chunk count or distance added gave no more right first pages leave-one-part-out). Its features: the best chunk's
     * place in the search (ln 1/place), the question's words the page holds and their rarity, the cosine similarity of
     * the question to the page's closest sentence (among its chunks found, each embedded after its heading path), and
     * the page's BM25 for the question's words (the whole page, its title three times and its headings twice, document
     * frequencies among the neighbourhood's pages). Scored leave-one-part-out (fitted on seven parts, ranking the
     * eighth), right first / in the first three of 854, IDK aside, with the spelling correction: 801 / 849 without
     * BM25, 808 / 850 with it (without the correction 796 -> 802); title or heading similarity, chunk count, a second
     * sentence, the best sentence's word share, the chunk's distance added to it: no better (fixture README). Earlier,
     * on six parts: 443 / 481 -> 450 / 484 with the sentence.
     */
    static final double RANK_PER_RANK = 0.447;
    static final double RANK_PER_WEIGHT = 0.101;
    static final double RANK_PER_SHARED = 0.340;
    static final double RANK_PER_SENTENCE = 32.63;
    static final double RANK_PER_BM25 = 0.507;

    /*
     * The evidence model for "I don't know": logistic regression (L2 1.0 on standardised features) of "the handbook
     * answers this question" on the page shown first (the page ranking's best): its best chunk's distance, how many of
     * the question's words the whole page holds (shared), their summed rarity (weight) and the cosine similarity of the
     * question to the closest sentence of its chunks found, embedded alone (bareSentence), and since part 9 that
     * sentence's margin over the closest sentence of the other candidate pages (weighted negatively: a question the
     * handbook answers usually has a second page that comes close too, one that names a page's topic and asks a detail
     * it lacks has one page alone; leave-one-part-out over nine parts, IDK right 86 -> 86 of 349, false IDK 13 -> 7 of
     * 1043; below sure-distance the docs answer anyway, so a small handbook's plain question is not refused); fitted on
     * nine parts of the relevance fixture (tuning, held-out 1-7 and 9: 1392 questions, 349 unanswerable), rounded;
     * min-evidence-percent (15 %) was the threshold that maximises IDK right - 5 x false IDK on them. Since part 10
     * (ten parts, 1616 questions, 411 unanswerable) it also reads the page's BM25 and whether the question's rarest
     * word (fewest nearby pages) is in the page's three closest sentences ({@link #rareInPassage}; weighted
     * negatively: a question that names a page's topic by its rare word and asks a detail the page lacks finds that
     * word in the passage, a paraphrase the handbook answers often does not): leave-one-part-out over ten parts IDK
     * right 99 -> 111 of 411, false IDK 10 -> 8 of 1205, right first 1102 -> 1103, in three 1177 -> 1178; fitted on
     * the ten parts with the page ranking as shipped (its ten-part refit puts 3 fewer right pages first in sample,
     * 1106 -> 1103, so the ranking keeps its nine-part fit); min-evidence-percent 21 %, the intercept moved by the
     * difference to the fitted threshold (p 0.212). Earlier (eight
     * parts) scored leave-one-part-out (ranking and evidence fitted on seven parts, with their own threshold, scoring
     * the eighth): IDK right 87/274 and false IDK 11/854 for the six-part model's features refitted so, 90/274 and
     * 8/854 with the spelling correction and BM25 in the ranking. Measured the same way and left out (fixture README):
     * each of 31 more features (the search's first page's distance, words missing or absent from every page, soft word
     * coverage by embedding, title/heading similarity, the best sentence's share, page BM25, ...): none gains IDK right
     * without adding false IDK. Earlier (six parts): the best chunk's or best sentence's share of the question's
     * (IDF-weighted) words, two adjacent sentences' share, words matched with one typo, the question's asked detail
     * (how long, how many, who, which command) against an answer of that kind in the best sentence, how much the
     * question's embedding moves when a word the page lacks is dropped, the agreement of the search's and the ranking's
     * first page, a page-calibrated distance, the sentence embedded after its heading; earlier still (five parts): the
     * words' share, the missing weight, the rarest word's coverage, words no nearby page holds, question bigrams, the
     * gap to the next page's distance (weighted negatively: it said no to a 3-page handbook's plain "how do I get VPN
     * access?").
     */
    static final double INTERCEPT = -10.505;
    static final double PER_DISTANCE = -4.967;
    static final double PER_WEIGHT = 0.2234;
    static final double PER_SHARED = 0.4400;
    static final double PER_SENTENCE = 15.96;
    static final double PER_SENTENCE_MARGIN = -8.091;
    static final double PER_RARE_IN_PASSAGE = -0.387;
    static final double PER_BM25 = 0.0562;

    /**
     * The closest sentence (alone) among the candidate pages other than the one shown first; 0 when it is the only
     * one.
     */
    static double otherSentence(List<RankedDoc> shown) {
        return shown.stream().skip(1).mapToDouble(RankedDoc::bareSentence).max().orElse(0);
    }

    /**
     * The evidence model's log-odds that the docs answer, from the page shown first and the closest sentence of the
     * other candidate pages (see {@link #known}).
     */
    static double evidence(RankedDoc first, double otherSentence) {
        return INTERCEPT
                + PER_DISTANCE * first.distance()
                + PER_WEIGHT * first.weight()
                + PER_SHARED * first.shared()
                + PER_SENTENCE * first.bareSentence()
                + PER_SENTENCE_MARGIN * (first.bareSentence() - otherSentence)
                + PER_RARE_IN_PASSAGE * first.rareInPassage()
                + PER_BM25 * first.bm25();
    }

    /**
     * Whether the docs answer: the search's best page is close in meaning (below sure-distance: a paraphrase may share
     * no word), or, below max-distance, the evidence model gives the page shown first a probability of answering at or
     * above min-evidence (21 %): more with a closer sentence, a second page that comes close too, more words shared,
     * rarer ones (a word every page has, "team", "per", counts for little, a page-specific one, "okta", for more).
     * Unanswerable questions that name a page's topic and ask for a detail it does not give ("how much is the weekly
     * oncall allowance in euros", "does pgbouncer run in transaction or session pooling mode", at 0.25-0.27) are still
     * answered: telling those apart takes reading the passage (the LLM's "not in the docs").
     */
    boolean known(RankedDoc searchFirst, RankedDoc shownFirst, double otherSentence) {
        if (searchFirst.distance() < sureDistance) {
            return true;
        }
        if (searchFirst.distance() >= maxDistance) {
            return false;
        }
        return evidence(shownFirst, otherSentence) >= Math.log(minEvidence / (1 - minEvidence));
    }

    /** Answers {@code question} from the docs. */
    public Answer answer(String question) throws LlmUnavailableException {
        Ranking ranking = rank(question);
        if (!ranking.known()) {
            return new Answer(
                    false,
                    "I don't know: the documentation has nothing close enough to this question.",
                    List.of(),
                    false);
        }
        // passages: the best page's two best chunks, then the best chunk of each next page, so that the model (which
        // reranks them by what it cites) sees the candidate pages rather than one page's every section
        List<DocsService.DocHit> hits = new ArrayList<>();
        List<RankedDoc> docs = ranking.docs();
        hits.addAll(
                docs.get(0).chunks().subList(0, Math.min(2, docs.get(0).chunks().size())));
        for (int i = 1; i < docs.size() && hits.size() < passages; i++) {
            hits.add(docs.get(i).chunks().get(0));
        }
        if (hits.size() > passages) {
            hits = hits.subList(0, passages);
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
            source.put("passage", BlockKit.truncate(h.text().replace('\n', ' '), 300));
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
                                                "Answer the question using only the numbered documentation passages. They come from"
                                                        + " different pages, the search's best guess first, and may all be beside the point."
                                                        + " Cite the passages you used by number in 'sources', the one that answers best"
                                                        + " first. If none answers the question, set known to false: it is not in the docs."),
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
                why = LlmFallback.logged(ctx.logger(), "docrag answers with passages only", e);
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
