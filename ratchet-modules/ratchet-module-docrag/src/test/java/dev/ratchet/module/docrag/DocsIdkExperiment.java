package dev.ratchet.module.docrag;

import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.spi.DocsService;
import dev.ratchet.testkit.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a test (outside surefire's patterns; run with {@code -Dtest=DocsIdkExperiment}): fits the page
 * ranking and the "I don't know" evidence model of {@link DocragModule} on eleven parts of the relevance fixture
 * (tuning, held-out 1-7 and 9-11: 1864 questions, 481 unanswerable; held-out parts 8, 12 and 13, whose misses the
 * test never prints, are never read: part 8 was read here before 2026-12-06, docs19 took it out) and scores them
 * leave-one-part-out: for each part, the ranking (listwise softmax regression over {@code -Drank=} features, default
 * the shipped ones: the best chunk's place, weight, shared, the closest headed sentence, the page's BM25; several sets
 * separated by ';' are each reported) and the evidence model (logistic regression on the page shown first, with its
 * threshold: the one that maximises IDK right - {@code -Dcost} (5) x false IDK on the fitting parts) are fitted on the
 * other ten and score it. Reads each question's ranking from the module as shipped ({@link DocragModule#rank}: the
 * spelling correction, the search, its sentences and words), computes candidate features for each candidate page
 * (ranking: the array in {@code collect}; evidence: {@link #IDK_NAMES}), and prints for each evidence feature set
 * ({@code -Dsets=} index lists separated by ';', default the shipped model) the leave-one-part-out table (right first /
 * in three / IDK right / false IDK per part), the trade-off of one threshold over all parts' left-out scores, the
 * coefficients fitted on all parts (raw units), which {@link DocragModule} carries rounded, and their in-sample figures
 * per part (DocsRelevanceTest's, up to the rounding). {@code -Dforward=true} runs a forward selection from {@code
 * -Dstart=}; the features are kept in {@code -Dcache} (default /tmp/docs-idk-features.tsv) and read back with {@code
 * -Dreuse=true}. {@code -Dheldout8=<file>} also collects held-out part 8's features into that file, after the eleven
 * parts and apart from them (never fitted or scored here; scored once by {@code EmbeddingEnsembleExperiment#heldout8}
 * for the embedding ranking features' go/no-go). Findings: fixture README.
 */
class DocsIdkExperiment {

    static final List<String> PARTS = List.of(
            "tuning.tsv",
            "heldout.tsv",
            "heldout2.tsv",
            "heldout3.tsv",
            "heldout4.tsv",
            "heldout5.tsv",
            "heldout6.tsv",
            "heldout7.tsv",
            "heldout9.tsv",
            "heldout10.tsv",
            "heldout11.tsv");

    /** A candidate page of a question: the ranking's features, whether it answers, and the evidence features. */
    record Cand(String path, boolean gold, double[] rank, double[] idk) {}

    /** A question: its part, whether the handbook answers it, the search's best page's distance, its candidates. */
    record Q(int part, String text, boolean answerable, double searchDistance, List<Cand> cands) {}

    static final String[] IDK_NAMES = {
        "distance",
        "weight",
        "shared",
        "bareSentence",
        "headedSentence",
        "searchDistance",
        "words",
        "missing",
        "missingIdf(handbook)",
        "absentEverywhere",
        "elsewhere",
        "elsewhereIdf",
        "softMissing",
        "softMin",
        "sentMargin2nd",
        "sentMarginMean",
        "titleSim",
        "bare-title",
        "headed-bare",
        "bestSentShared",
        "bestSentShare",
        "rarestOnPage",
        "maxElsewhereIdf",
        "missingShare",
        "softMissingIdf",
        "headingSim",
        "bare-heading",
        "sentSoftRecall1",
        "sentSoftRecall3",
        "sentWorstWord",
        "globalSoftOov",
        "pageSoftRecallIdf",
        "sentExactRecall3",
        "sentenceMean",
        "bm25",
        "sentenceMargin",
        "coverShare",
        "coverMargin",
        "sentMarginOther",
        "sharedMargin",
        "bm25MarginOther",
        "uncoveredByAll",
        "rarestInBestChunk",
        "rarestInTop3Sent",
        "nonTitleCover",
        "nonTitleCoverChunk",
        "nonTitleCoverTop3",
        "chunkCoverIdf",
        "numMismatchTop3",
        "numMismatchChunk",
        "whoMismatchChunk",
        "yesnoMismatchChunk",
        "kindMismatchChunk",
        "rarest2OnPage",
        "nonTitleMissingMaxIdf",
        "asksNumber",
        "rareInPassage",
        "rarestInTop1Sent",
        "rarestInTop2Sent",
        "rarestInTop5Sent",
        "rarest2InTop3Sent",
        "rarestInPageTop3Chunks",
        "bigramsOnPage",
        "bigramsInTop3Sent",
        "digitsMissing",
        "lnRarestHandbookDf",
        "absentShare",
        "rarestAbsentIdfShare",
        "cooccurMissing",
        "fixedAbsent",
        "fixedAbsentShare",
        "fixedAbsentIdfShare",
        "fixedMissingIdfShare",
        "relevanceMargin",
    };

    /** Each handbook word (lower case) and how often it occurs, for a handbook-wide spelling correction. */
    static final Map<String, Integer> handbookCounts = new HashMap<>();

    static final java.util.regex.Pattern ASKS_NUMBER = java.util.regex.Pattern.compile(
            "\\b(how (many|much|long|often|old|big|fast|far|soon|quickly|frequently)|max|maximum|min|minimum|limit|"
                    + "rate|percent|percentage|number of|interval|timeout|ttl|threshold|budget|cost|price|size|seconds|"
                    + "minutes|hours|days|weeks|months|years)\\b|%");
    static final java.util.regex.Pattern HAS_NUMBER = java.util.regex.Pattern.compile(
            "\\d|\\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|once|twice|daily|"
                    + "weekly|monthly|hourly|nightly|annually|quarterly|yearly|every)\\b");
    static final java.util.regex.Pattern ASKS_WHO = java.util.regex.Pattern.compile(
            "\\b(who|whom|whose|contact|owner|owns|maintains|maintain|handles|chairs|approves|approve)\\b");
    static final java.util.regex.Pattern HAS_ROLE = java.util.regex.Pattern.compile(
            "\\b(team|teams|lead|leads|owner|owners|owns|on-call|oncall|engineer|engineers|manager|managers|commander|"
                    + "ic|sre|platform|security|finance|head|director|reviewer|reviewers|approver|approvers|author|"
                    + "codeowners|person|someone)\\b|@|#");
    static final java.util.regex.Pattern ASKS_YESNO = java.util.regex.Pattern.compile(
            "^(can|is|are|do|does|should|may|am|will|could)\\b|\\b(allowed|ok|okay|fine|permitted)\\b");
    static final java.util.regex.Pattern HAS_POLICY = java.util.regex.Pattern.compile(
            "\\b(must|never|only|always|not|no|may|should|allowed|required|requires|need|needs|cannot|can't|don't|"
                    + "do not|forbidden)\\b");

    static final Map<String, Double> globalBest = new HashMap<>();

    static Set<String> handbookTokens;

    /** Each page's text with its title three times and its headings twice, as stems in order, for BM25. */
    static final Map<String, List<String>> pageText = new HashMap<>();

    static double avgLen;

    /** BM25 (k1 1.2, b 0.75) of the page for the question's words, document frequencies over the handbook. */
    static double bm25(Evidence ev, String path, Map<String, List<String>> texts) {
        List<String> doc = texts.get(path);
        if (doc == null) return 0;
        double s = 0;
        int n = texts.size();
        for (var e : ev.words().entrySet()) {
            int df = 0;
            for (List<String> t : texts.values()) if (e.getValue().stream().anyMatch(t::contains)) df++;
            long tf = doc.stream().filter(e.getValue()::contains).count();
            if (tf == 0) continue;
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            s += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * doc.size() / avgLen));
        }
        return s;
    }

    /** The closest handbook word to {@code w} by the embedder. */
    static double globalSoft(String w) {
        return globalBest.computeIfAbsent(w, x -> {
            double best = -1;
            for (String t : handbookTokens) best = Math.max(best, cos(x, t));
            return best;
        });
    }

    /** IDF-weighted soft recall of the question's content words by a sentence: exact stem 1, else the closest word. */
    static double[] softRecall(Evidence ev, Map<String, String> tokenOf, Map<String, Double> idf, String sentence) {
        Set<String> stems = Evidence.stems(sentence);
        List<String> toks = Evidence.tokens(sentence).stream()
                .filter(t -> t.length() >= 2 && vectors.containsKey(t))
                .toList();
        double num = 0, den = 0, worst = 1, exact = 0;
        for (var e : tokenOf.entrySet()) {
            if (!content(e.getValue())) continue;
            double best;
            if (ev.words().get(e.getKey()).stream().anyMatch(stems::contains)) {
                best = 1;
                exact += idf.get(e.getKey());
            } else {
                best = -1;
                for (String t : toks) best = Math.max(best, cos(e.getValue(), t));
            }
            num += best * idf.get(e.getKey());
            den += idf.get(e.getKey());
            worst = Math.min(worst, best);
        }
        return new double[] {den == 0 ? 1 : num / den, worst, den == 0 ? 1 : exact / den};
    }

    static final Map<String, float[]> vectors = new HashMap<>();

    static LocalEmbedder embedder;

    static void embedAll(java.util.Collection<String> texts) {
        List<String> missing =
                texts.stream().filter(t -> !vectors.containsKey(t)).distinct().toList();
        for (int i = 0; i < missing.size(); i += 256) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + 256));
            List<float[]> v = embedder.embed(batch);
            for (int j = 0; j < batch.size(); j++) {
                vectors.put(batch.get(j), v.get(j));
            }
        }
    }

    static double cos(String a, String b) {
        float[] x = vectors.get(a), y = vectors.get(b);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static boolean content(String w) {
        return w.length() >= 2
                && !EXTRA_STOP.contains(w)
                && !Evidence.of(w).words().isEmpty();
    }

    static final Set<String> EXTRA_STOP = Set.of(
            "ago",
            "often",
            "long",
            "far",
            "ever",
            "still",
            "yet",
            "also",
            "too",
            "very",
            "really",
            "right",
            "ok",
            "okay",
            "going",
            "make",
            "use",
            "used",
            "using",
            "do",
            "doing",
            "done",
            "go",
            "let",
            "lets",
            "say",
            "said",
            "see",
            "look",
            "take",
            "put",
            "give",
            "keep",
            "than",
            "then",
            "them",
            "they",
            "their",
            "your",
            "his",
            "her",
            "he",
            "she",
            "him",
            "these",
            "those",
            "other",
            "another",
            "each",
            "every",
            "more",
            "most",
            "less",
            "least",
            "only",
            "own",
            "same",
            "such",
            "few",
            "both",
            "may",
            "might",
            "must",
            "shall",
            "over",
            "under",
            "again",
            "before",
            "after",
            "while",
            "during",
            "until",
            "because",
            "but",
            "what",
            "ll",
            "re",
            "ve",
            "d",
            "m",
            "don",
            "doesn",
            "isn",
            "aren",
            "wasn",
            "didn",
            "can",
            "cant",
            "dont",
            "whats",
            "hows",
            "wheres",
            "whos",
            "u",
            "ur",
            "pls",
            "plz",
            "thx",
            "ty",
            "yeah",
            "yep",
            "nope",
            "hmm",
            "guys",
            "folks",
            "team",
            "anybody",
            "somebody",
            "something",
            "anyone",
            "everyone",
            "everything",
            "nothing",
            "time",
            "day",
            "week");

    @Test
    void fit(@TempDir Path dir) throws Exception {
        embedder = new LocalEmbedder();
        Path fixture = DocsRelevanceTest.fixture();
        // the handbook's pages: words (stems), tokens, title
        Map<String, Set<String>> pageStems = new LinkedHashMap<>();
        Map<String, Set<String>> pageTokens = new LinkedHashMap<>();
        Map<String, String> titles = new HashMap<>();
        try (Stream<Path> files = Files.list(fixture.resolve("handbook"))) {
            for (Path p : files.sorted().toList()) {
                String text = Files.readString(p);
                String name = p.getFileName().toString();
                pageStems.put(name, Evidence.stems(text));
                Set<String> toks = new HashSet<>();
                for (String t : Evidence.tokens(text)) {
                    if (t.length() >= 2 && !t.matches("\\d+")) toks.add(t);
                    if (!t.isEmpty()) handbookCounts.merge(t, 1, Integer::sum);
                }
                pageTokens.put(name, toks);
                List<String> seq = new ArrayList<>();
                for (String l : text.lines().toList()) {
                    int times = l.startsWith("# ") ? 3 : l.startsWith("#") ? 2 : 1;
                    for (int k = 0; k < times; k++) for (String t : Evidence.tokens(l)) seq.add(Evidence.stem(t));
                }
                pageText.put(name, seq);
                titles.put(
                        name,
                        text.lines()
                                .filter(l -> l.startsWith("# "))
                                .findFirst()
                                .orElse(name)
                                .substring(2));
            }
        }
        avgLen = pageText.values().stream().mapToInt(List::size).average().orElse(1);
        Set<String> allTokens = new HashSet<>();
        pageTokens.values().forEach(allTokens::addAll);
        handbookTokens = allTokens;
        embedAll(allTokens);
        embedAll(titles.values());
        int n = pageStems.size();
        List<Q> questions = new ArrayList<>();
        Path cache = Path.of(System.getProperty("cache", "/tmp/docs-idk-features.tsv"));
        if (Boolean.getBoolean("reuse") && Files.exists(cache)) {
            questions = load(cache);
        } else {
            DocragModule docrag = new DocragModule();
            try (TestBot bot = TestBot.with(docrag)
                    .set("docs.sources-file", DocsRelevanceTest.handbook(dir).toString())
                    .start()) {
                bot.refreshDocs();
                for (int part = 0; part < PARTS.size(); part++) {
                    for (DocsRelevanceTest.Question q : DocsRelevanceTest.questions(PARTS.get(part))) {
                        questions.add(collect(docrag, part, q, pageStems, pageTokens, titles, n));
                    }
                }
                // -Dheldout8=<file>: held-out part 8's features, collected the same way into their own file (part
                // index 11) for a go/no-go scored once (EmbeddingEnsembleExperiment#heldout8); never in the fit here
                String heldout8 = System.getProperty("heldout8");
                if (heldout8 != null) {
                    long before = rankNanos;
                    List<Q> ho8 = new ArrayList<>();
                    for (DocsRelevanceTest.Question q : DocsRelevanceTest.questions("heldout8.tsv")) {
                        ho8.add(collect(docrag, PARTS.size(), q, pageStems, pageTokens, titles, n));
                    }
                    rankNanos = before;
                    save(Path.of(heldout8), ho8);
                    System.out.printf(
                            "held-out 8: %d questions collected to %s (not scored here)%n", ho8.size(), heldout8);
                }
            }
            save(cache, questions);
        }
        if (!questions.isEmpty() && rankNanos > 0) {
            System.out.printf(
                    "rank: %.1f ms a question (wall, load %.1f)%n",
                    rankNanos / 1e6 / questions.size(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
        System.out.printf(
                "collected %d questions, %d unanswerable%n",
                questions.size(),
                questions.stream().filter(q -> !q.answerable()).count());
        // the shipped model: distance, weight, shared, bareSentence of the page shown first, that sentence's margin
        // over
        // the other candidates' closest (sentMarginOther), whether its closest sentences hold the question's rarest
        // word (rareInPassage, as DocragModule computes it) and its BM25
        String sets = System.getProperty("sets", "0,1,2,3,38,56,34");
        // -Drank= may list several ranking feature sets separated by ';', each reported with every evidence set
        for (String ranking : System.getProperty("rank", "0,1,2,3,8").split(";")) {
            RANK_FEATURES = Arrays.stream(ranking.split(","))
                    .mapToInt(Integer::parseInt)
                    .toArray();
            rankings.clear();
            System.out.println("ranking features " + ranking);
            for (String set : sets.split(";")) {
                int[] fs = Arrays.stream(set.split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
                report(questions, fs, true);
            }
        }
        if (Boolean.getBoolean("forward")) {
            forward(questions);
        }
    }

    /** Wall time in {@link DocragModule#rank} over the collection. */
    static long rankNanos;

    static Q collect(
            DocragModule docrag,
            int part,
            DocsRelevanceTest.Question q,
            Map<String, Set<String>> pageStems,
            Map<String, Set<String>> pageTokens,
            Map<String, String> titles,
            int n) {
        long t0 = System.nanoTime();
        DocragModule.Ranking r = docrag.rank(q.text());
        rankNanos += System.nanoTime() - t0;
        String query = DocragModule.query(q.text());
        Evidence ev = Evidence.of(q.text());
        // raw question tokens by stem, for word embeddings
        Map<String, String> tokenOf = new LinkedHashMap<>();
        for (String w : Evidence.tokens(q.text())) {
            if (w.length() >= 2 && !w.matches("\\d+")) {
                String s = Evidence.stem(w);
                if (ev.words().containsKey(s)) tokenOf.putIfAbsent(s, w);
            }
        }
        // handbook-wide rarity of the question's words
        Map<String, Double> idf = ev.idf(pageStems.values());
        Map<String, Integer> df = new HashMap<>();
        for (var e : ev.words().entrySet()) {
            int c = 0;
            for (Set<String> st : pageStems.values()) {
                if (e.getValue().stream().anyMatch(st::contains)) c++;
            }
            df.put(e.getKey(), c);
        }
        List<String> toEmbed = new ArrayList<>(tokenOf.values());
        toEmbed.add(query);
        for (DocragModule.RankedDoc d : r.docs()) {
            for (DocsService.DocHit h : d.chunks()) {
                toEmbed.addAll(Evidence.sentences(h.text()));
                for (String s : Evidence.sentences(h.text())) toEmbed.add(Sentences.headed(h, s));
                if (!h.heading().isEmpty()) toEmbed.add(h.heading());
            }
        }
        embedAll(toEmbed);
        double searchDistance = r.docs().stream()
                .filter(d -> d.score() == 1.0)
                .mapToDouble(DocragModule.RankedDoc::distance)
                .findFirst()
                .orElse(r.docs().isEmpty() ? 2 : r.docs().get(0).distance());
        List<Cand> cands = new ArrayList<>();
        // each candidate's IDF-weighted coverage of the question's words (handbook-wide rarity), and the words no
        // candidate page holds, to compare a page with the best of the others
        double idfTotal = ev.words().keySet().stream().mapToDouble(idf::get).sum();
        Map<String, Double> cover = new HashMap<>();
        Set<String> coveredByAny = new HashSet<>();
        for (DocragModule.RankedDoc d : r.docs()) {
            List<String> sh = ev.sharedWith(pageStems.getOrDefault(d.path(), Set.of()));
            coveredByAny.addAll(sh);
            cover.put(
                    d.path(),
                    idfTotal == 0 ? 0 : sh.stream().mapToDouble(idf::get).sum() / idfTotal);
        }
        double uncoveredByAll = idfTotal == 0
                ? 0
                : ev.words().keySet().stream()
                                .filter(w -> !coveredByAny.contains(w))
                                .mapToDouble(idf::get)
                                .sum()
                        / idfTotal;
        for (DocragModule.RankedDoc d : r.docs()) {
            Set<String> stems = pageStems.getOrDefault(d.path(), Set.of());
            List<String> shared = ev.sharedWith(stems);
            List<String> missing = ev.words().keySet().stream()
                    .filter(w -> !shared.contains(w))
                    .toList();
            double missingIdf = missing.stream().mapToDouble(idf::get).sum();
            int absent = (int) missing.stream().filter(w -> df.get(w) == 0).count();
            int elsewhere = (int) missing.stream().filter(w -> df.get(w) > 0).count();
            double elsewhereIdf = missing.stream()
                    .filter(w -> df.get(w) > 0)
                    .mapToDouble(idf::get)
                    .sum();
            double maxElsewhereIdf = missing.stream()
                    .filter(w -> df.get(w) > 0)
                    .mapToDouble(idf::get)
                    .max()
                    .orElse(0);
            // soft coverage: each content word's closest word of the page, by the embedder
            Set<String> toks = pageTokens.getOrDefault(d.path(), Set.of());
            double softMissing = 0, softMissingIdf = 0, softMin = 1;
            for (var e : tokenOf.entrySet()) {
                double best;
                if (shared.contains(e.getKey())) {
                    best = 1;
                } else {
                    best = -1;
                    for (String t : toks) best = Math.max(best, cos(e.getValue(), t));
                }
                if (content(e.getValue())) {
                    softMissing += 1 - best;
                    softMissingIdf += (1 - best) * idf.get(e.getKey());
                    softMin = Math.min(softMin, best);
                }
            }
            // sentences of the page's chunks found
            List<double[]> sims = new ArrayList<>(); // [sim, sharedCount, share, softRecall, worst, exact]
            double headingSim = -1;
            for (DocsService.DocHit h : d.chunks()) {
                if (!h.heading().isEmpty()) headingSim = Math.max(headingSim, cos(query, h.heading()));
                for (String s : Evidence.sentences(h.text())) {
                    List<String> inSentence = ev.sharedWith(Evidence.stems(s));
                    double[] soft = softRecall(ev, tokenOf, idf, s);
                    sims.add(new double[] {
                        cos(query, s), inSentence.size(), ev.share(inSentence), soft[0], soft[1], soft[2]
                    });
                }
            }
            sims.sort((a, b) -> Double.compare(b[0], a[0]));
            double best = sims.isEmpty() ? 1 - d.distance() : sims.get(0)[0];
            double second = sims.size() > 1 ? sims.get(1)[0] : best - 0.1;
            double mean = sims.stream().mapToDouble(a -> a[0]).average().orElse(best);
            double titleSim = cos(query, titles.getOrDefault(d.path(), d.path()));
            if (headingSim < -0.5) headingSim = titleSim;
            // the question's rarest word present in the handbook: on this page?
            String rarest = ev.words().keySet().stream()
                    .filter(w -> df.get(w) > 0)
                    .min((a, b) -> Integer.compare(df.get(a), df.get(b)))
                    .orElse(null);
            double rarestOn = rarest == null ? 0.5 : shared.contains(rarest) ? 1 : 0;
            double sr3 = 0, ex3 = 0;
            for (int i = 0; i < Math.min(3, sims.size()); i++) {
                sr3 = Math.max(sr3, sims.get(i)[3]);
                ex3 = Math.max(ex3, sims.get(i)[5]);
            }
            double oov = 0, pageNum = 0, pageDen = 0;
            for (var e : tokenOf.entrySet()) {
                if (!content(e.getValue())) continue;
                if (df.get(e.getKey()) == 0) oov += 1 - globalSoft(e.getValue());
            }
            for (var e : tokenOf.entrySet()) {
                if (!content(e.getValue())) continue;
                double closest = 1;
                if (!shared.contains(e.getKey())) {
                    closest = -1;
                    for (String t : toks) closest = Math.max(closest, cos(e.getValue(), t));
                }
                pageNum += closest * idf.get(e.getKey());
                pageDen += idf.get(e.getKey());
            }
            // the best passage: the page's closest sentence alone, its chunk and the three closest sentences
            String bestSent = null;
            DocsService.DocHit bestChunk =
                    d.chunks().isEmpty() ? null : d.chunks().get(0);
            double bestSim = -2;
            List<Map.Entry<String, Double>> sents = new ArrayList<>();
            for (DocsService.DocHit h : d.chunks()) {
                for (String s : Evidence.sentences(h.text())) {
                    double c = cos(query, s);
                    sents.add(Map.entry(s, c));
                    if (c > bestSim) {
                        bestSim = c;
                        bestSent = s;
                        bestChunk = h;
                    }
                }
            }
            sents.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
            String top3 = String.join(
                    " ", sents.stream().limit(3).map(Map.Entry::getKey).toList());
            String chunkText = bestChunk == null ? "" : bestChunk.heading() + "\n" + bestChunk.text();
            Set<String> chunkStems = Evidence.stems(chunkText);
            Set<String> top3Stems = Evidence.stems(top3);
            Set<String> titleStems = Evidence.stems(titles.getOrDefault(d.path(), d.path()));
            List<String> byRarity = ev.words().keySet().stream()
                    .filter(w -> df.get(w) > 0)
                    .sorted((a, b) -> Integer.compare(df.get(a), df.get(b)))
                    .toList();
            String rare = byRarity.isEmpty() ? null : byRarity.get(0);
            double rarestInChunk =
                    rare == null ? 0.5 : ev.sharedWith(chunkStems).contains(rare) ? 1 : 0;
            double rarestInTop3 = rare == null ? 0.5 : ev.sharedWith(top3Stems).contains(rare) ? 1 : 0;
            java.util.function.IntFunction<Double> rareInTop = k -> {
                if (rare == null) return 0.5;
                Set<String> st = Evidence.stems(String.join(
                        " ", sents.stream().limit(k).map(Map.Entry::getKey).toList()));
                return ev.sharedWith(st).contains(rare) ? 1.0 : 0.0;
            };
            double rare2In3 = byRarity.isEmpty()
                    ? 0.5
                    : byRarity.stream()
                                    .limit(2)
                                    .filter(ev.sharedWith(top3Stems)::contains)
                                    .count()
                            / (double) Math.min(2, byRarity.size());
            double rareInChunks = rare == null
                    ? 0.5
                    : ev.sharedWith(Evidence.stems(String.join(
                                            " ",
                                            d.chunks().stream()
                                                    .limit(3)
                                                    .map(h -> h.heading() + " " + h.text())
                                                    .toList())))
                                    .contains(rare)
                            ? 1
                            : 0;
            double rare2 = byRarity.isEmpty()
                    ? 0.5
                    : byRarity.stream().limit(2).filter(shared::contains).count()
                            / (double) Math.min(2, byRarity.size());
            List<String> nonTitle = ev.words().keySet().stream()
                    .filter(w -> ev.words().get(w).stream().noneMatch(titleStems::contains))
                    .toList();
            double ntTotal = nonTitle.stream().mapToDouble(idf::get).sum();
            java.util.function.Function<Set<String>, Double> ntCover = st -> {
                List<String> held = ev.sharedWith(st);
                return ntTotal == 0
                        ? 1
                        : nonTitle.stream()
                                        .filter(held::contains)
                                        .mapToDouble(idf::get)
                                        .sum()
                                / ntTotal;
            };
            List<String> inChunk = ev.sharedWith(chunkStems);
            double chunkCover =
                    idfTotal == 0 ? 0 : inChunk.stream().mapToDouble(idf::get).sum() / idfTotal;
            double ntMissingMax = nonTitle.stream()
                    .filter(w -> !shared.contains(w))
                    .mapToDouble(idf::get)
                    .max()
                    .orElse(0);
            String ql = q.text().toLowerCase(java.util.Locale.ROOT);
            String cl = chunkText.toLowerCase(java.util.Locale.ROOT);
            boolean asksNumber = ASKS_NUMBER.matcher(ql).find();
            boolean numMismatchTop3 = asksNumber
                    && !HAS_NUMBER
                            .matcher(top3.toLowerCase(java.util.Locale.ROOT))
                            .find();
            boolean numMismatchChunk = asksNumber && !HAS_NUMBER.matcher(cl).find();
            boolean whoMismatch =
                    ASKS_WHO.matcher(ql).find() && !HAS_ROLE.matcher(cl).find();
            boolean yesnoMismatch =
                    ASKS_YESNO.matcher(ql).find() && !HAS_POLICY.matcher(cl).find();
            // adjacent question words (by stem, content words only) found adjacent on the page / in its passage
            List<String> qStems = new ArrayList<>();
            for (String w : Evidence.tokens(q.text())) {
                if (!w.isEmpty() && ev.words().containsKey(Evidence.stem(w))) qStems.add(Evidence.stem(w));
            }
            Set<String> qBigrams = new HashSet<>();
            for (int i = 0; i + 1 < qStems.size(); i++) qBigrams.add(qStems.get(i) + " " + qStems.get(i + 1));
            List<String> seq = pageText.getOrDefault(d.path(), List.of());
            Set<String> pageBigrams = new HashSet<>();
            for (int i = 0; i + 1 < seq.size(); i++) pageBigrams.add(seq.get(i) + " " + seq.get(i + 1));
            List<String> top3Seq =
                    Evidence.tokens(top3).stream().map(Evidence::stem).toList();
            Set<String> top3Bigrams = new HashSet<>();
            for (int i = 0; i + 1 < top3Seq.size(); i++) top3Bigrams.add(top3Seq.get(i) + " " + top3Seq.get(i + 1));
            double bigramsOnPage =
                    qBigrams.stream().filter(pageBigrams::contains).count();
            double bigramsInTop3 =
                    qBigrams.stream().filter(top3Bigrams::contains).count();
            Set<String> pageRawTokens = new HashSet<>(Evidence.tokens(String.join(
                    " ",
                    d.chunks().stream().map(h -> h.heading() + " " + h.text()).toList())));
            pageRawTokens.addAll(pageTokens.getOrDefault(d.path(), Set.of()));
            String allPage = String.join(" ", seq);
            double digitsMissing = Evidence.tokens(q.text()).stream()
                    .filter(t ->
                            t.matches(".*\\d.*") && !pageRawTokens.contains(t) && !allPage.contains(Evidence.stem(t)))
                    .count();
            double rarestDf = ev.words().keySet().stream()
                    .filter(w -> df.get(w) > 0)
                    .mapToInt(df::get)
                    .min()
                    .orElse(n);
            Evidence fixed = Evidence.of(Spelling.correct(q.text(), handbookCounts));
            Map<String, Double> fixedIdf = fixed.idf(pageStems.values());
            double fixedTotal =
                    fixedIdf.values().stream().mapToDouble(Double::doubleValue).sum();
            double fixedAbsent = 0, fixedAbsentIdf = 0, fixedMissingIdf = 0;
            List<String> fixedShared = fixed.sharedWith(stems);
            for (var e : fixed.words().entrySet()) {
                boolean anywhere = pageStems.values().stream()
                        .anyMatch(st -> e.getValue().stream().anyMatch(st::contains));
                if (!anywhere) {
                    fixedAbsent++;
                    fixedAbsentIdf += fixedIdf.get(e.getKey());
                }
                if (!fixedShared.contains(e.getKey())) fixedMissingIdf += fixedIdf.get(e.getKey());
            }
            double absentShare =
                    ev.words().isEmpty() ? 0 : (double) absent / ev.words().size();
            double absentIdf = ev.words().keySet().stream()
                    .filter(w -> df.get(w) == 0)
                    .mapToDouble(idf::get)
                    .sum();
            // missing words that never share a page with the words the page holds (co-occurrence in the handbook)
            double cooc = 0;
            for (String w : missing) {
                if (df.get(w) == 0) continue;
                boolean together = false;
                for (Map.Entry<String, Set<String>> pg : pageStems.entrySet()) {
                    if (ev.words().get(w).stream().noneMatch(pg.getValue()::contains)) continue;
                    if (shared.stream()
                            .anyMatch(s2 -> ev.words().get(s2).stream().anyMatch(pg.getValue()::contains))) {
                        together = true;
                        break;
                    }
                }
                if (!together) cooc++;
            }
            double[] idk = {
                d.distance(),
                d.weight(),
                d.shared(),
                d.bareSentence(),
                d.sentence(),
                searchDistance,
                ev.words().size(),
                missing.size(),
                missingIdf,
                absent,
                elsewhere,
                elsewhereIdf,
                softMissing,
                softMin,
                best - second,
                best - mean,
                titleSim,
                d.bareSentence() - titleSim,
                d.sentence() - d.bareSentence(),
                sims.isEmpty() ? 0 : sims.get(0)[1],
                sims.isEmpty() ? 0 : sims.get(0)[2],
                rarestOn,
                maxElsewhereIdf,
                ev.words().isEmpty() ? 0 : (double) missing.size() / ev.words().size(),
                softMissingIdf,
                headingSim,
                d.bareSentence() - headingSim,
                sims.isEmpty() ? 0 : sims.get(0)[3],
                sr3,
                sims.isEmpty() ? 0 : sims.get(0)[4],
                oov,
                pageDen == 0 ? 1 : pageNum / pageDen,
                ex3,
                mean,
                d.bm25(),
                d.bareSentence() - mean,
                cover.get(d.path()),
                cover.get(d.path()) - otherMax(r, d, x -> cover.get(x.path())),
                d.bareSentence() - otherMax(r, d, DocragModule.RankedDoc::bareSentence),
                d.shared() - otherMax(r, d, x -> (double) x.shared()),
                d.bm25() - otherMax(r, d, DocragModule.RankedDoc::bm25),
                uncoveredByAll,
                rarestInChunk,
                rarestInTop3,
                ntCover.apply(stems),
                ntCover.apply(chunkStems),
                ntCover.apply(top3Stems),
                chunkCover,
                numMismatchTop3 ? 1 : 0,
                numMismatchChunk ? 1 : 0,
                whoMismatch ? 1 : 0,
                yesnoMismatch ? 1 : 0,
                numMismatchChunk || whoMismatch ? 1 : 0,
                rare2,
                ntMissingMax,
                asksNumber ? 1 : 0,
                d.rareInPassage(),
                rareInTop.apply(1),
                rareInTop.apply(2),
                rareInTop.apply(5),
                rare2In3,
                rareInChunks,
                bigramsOnPage,
                bigramsInTop3,
                digitsMissing,
                Math.log(rarestDf + 1),
                absentShare,
                idfTotal == 0 ? 0 : absentIdf / idfTotal,
                cooc,
                fixedAbsent,
                fixed.words().isEmpty() ? 0 : fixedAbsent / fixed.words().size(),
                fixedTotal == 0 ? 0 : fixedAbsentIdf / fixedTotal,
                fixedTotal == 0 ? 0 : fixedMissingIdf / fixedTotal,
                // the shown page's relevance over the next page's (docs19: 108 -> 113 IDK right, 17 -> 20 false IDK)
                d.relevance() - otherMax(r, d, DocragModule.RankedDoc::relevance),
            };
            // the page's headed sentences (after the heading path) and headings, for the ranking
            List<Double> headed = new ArrayList<>();
            for (DocsService.DocHit h : d.chunks()) {
                for (String s : Evidence.sentences(h.text())) headed.add(cos(query, Sentences.headed(h, s)));
            }
            headed.sort(java.util.Comparator.reverseOrder());
            double headed2 =
                    headed.size() > 1 ? headed.get(1) : (headed.isEmpty() ? d.sentence() : headed.get(0)) - 0.1;
            double bestExact = 0;
            for (double[] s : sims) bestExact = Math.max(bestExact, s[5]);
            double[] rank = {
                Math.log(d.score()),
                d.weight(),
                d.shared(),
                d.sentence(),
                d.distance(),
                d.bareSentence(),
                titleSim,
                headingSim,
                d.bm25(),
                Math.log(1 + d.chunks().size()),
                headed2,
                d.lexical(),
                sims.isEmpty() ? 0 : sims.get(0)[5],
                bestExact,
                sims.isEmpty() ? 0 : sims.get(0)[3],
                sr3,
                pageDen == 0 ? 1 : pageNum / pageDen,
                softMissingIdf,
                missingIdf,
                rarestOn,
                bm25(ev, d.path(), pageText),
                cover.get(d.path()),
                cover.get(d.path()) - otherMax(r, d, x -> cover.get(x.path())),
            };
            cands.add(new Cand(d.path(), q.right(d.path()), rank, idk));
        }
        return new Q(part, q.text(), q.answerable(), searchDistance, cands);
    }

    /** The largest value among the question's other candidate pages (0 when there is none). */
    static double otherMax(
            DocragModule.Ranking r,
            DocragModule.RankedDoc d,
            java.util.function.ToDoubleFunction<DocragModule.RankedDoc> f) {
        return r.docs().stream().filter(x -> x != d).mapToDouble(f).max().orElse(0);
    }

    static String nums(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ",").append(v[i]);
        return b.toString();
    }

    static double[] parse(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** One line a question ("Q", part, answerable, search distance, text), then one a candidate page. */
    static void save(Path file, List<Q> qs) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (Q q : qs) {
            b.append(String.join("\t", "Q", "" + q.part(), "" + q.answerable(), "" + q.searchDistance(), q.text()))
                    .append('\n');
            for (Cand c : q.cands()) {
                b.append(String.join("\t", "C", c.path(), "" + c.gold(), nums(c.rank()), nums(c.idk())))
                        .append('\n');
            }
        }
        Files.writeString(file, b);
    }

    static List<Q> load(Path file) throws java.io.IOException {
        List<Q> qs = new ArrayList<>();
        List<Cand> cands = null;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("Q")) {
                cands = new ArrayList<>();
                qs.add(new Q(
                        Integer.parseInt(f[1]), f[4], Boolean.parseBoolean(f[2]), Double.parseDouble(f[3]), cands));
            } else {
                cands.add(new Cand(f[1], Boolean.parseBoolean(f[2]), parse(f[3]), parse(f[4])));
            }
        }
        return qs;
    }

    // ---------------------------------------------------------------- the page ranking: listwise softmax regression

    static int[] RANK_FEATURES = Arrays.stream(
                    System.getProperty("rank", "0,1,2,3,8").split(";")[0].split(","))
            .mapToInt(Integer::parseInt)
            .toArray();

    /** Raw-unit coefficients of a listwise softmax regression, L2 1 on standardised features, over {@code train}. */
    static double[] fitRanking(List<Q> train, int[] fs) {
        List<Q> qs = train.stream()
                .filter(q -> q.answerable() && q.cands().stream().anyMatch(Cand::gold))
                .toList();
        int k = fs.length;
        double[] mu = new double[k], sd = new double[k];
        int m = 0;
        for (Q q : qs)
            for (Cand c : q.cands()) {
                for (int j = 0; j < k; j++) mu[j] += c.rank()[fs[j]];
                m++;
            }
        for (int j = 0; j < k; j++) mu[j] /= m;
        for (Q q : qs)
            for (Cand c : q.cands()) for (int j = 0; j < k; j++) sd[j] += Math.pow(c.rank()[fs[j]] - mu[j], 2);
        for (int j = 0; j < k; j++) sd[j] = Math.sqrt(sd[j] / m) + 1e-12;
        double[] w = new double[k];
        for (int it = 0; it < 200; it++) {
            double[] g = new double[k];
            double[][] h = new double[k][k];
            for (int j = 0; j < k; j++) {
                g[j] = w[j];
                h[j][j] = 1;
            }
            for (Q q : qs) {
                int c = q.cands().size();
                double[][] x = new double[c][k];
                double[] s = new double[c];
                double max = -1e300;
                for (int i = 0; i < c; i++) {
                    for (int j = 0; j < k; j++) x[i][j] = (q.cands().get(i).rank()[fs[j]] - mu[j]) / sd[j];
                    for (int j = 0; j < k; j++) s[i] += w[j] * x[i][j];
                    max = Math.max(max, s[i]);
                }
                double z = 0;
                for (int i = 0; i < c; i++) z += (s[i] = Math.exp(s[i] - max));
                double[] ex = new double[k];
                double[][] exx = new double[k][k];
                for (int i = 0; i < c; i++) {
                    double p = s[i] / z;
                    for (int j = 0; j < k; j++) {
                        ex[j] += p * x[i][j];
                        for (int l = 0; l < k; l++) exx[j][l] += p * x[i][j] * x[i][l];
                    }
                }
                // gold: the first right candidate (the search's order)
                int gold = 0;
                while (!q.cands().get(gold).gold()) gold++;
                for (int j = 0; j < k; j++) {
                    g[j] -= x[gold][j] - ex[j];
                    for (int l = 0; l < k; l++) h[j][l] += exx[j][l] - ex[j] * ex[l];
                }
            }
            double[] step = solve(h, g);
            double norm = 0;
            for (int j = 0; j < k; j++) {
                w[j] -= step[j];
                norm += step[j] * step[j];
            }
            if (norm < 1e-14) break;
        }
        double[] raw = new double[fs.length];
        for (int j = 0; j < k; j++) raw[j] = w[j] / sd[j];
        return raw;
    }

    static double relevance(Cand c, int[] fs, double[] w) {
        double s = 0;
        for (int j = 0; j < fs.length; j++) s += w[j] * c.rank()[fs[j]];
        return s;
    }

    /** The candidates in the ranking's order (stable: ties keep the search's order). */
    static List<Cand> shown(Q q, int[] fs, double[] w) {
        List<Cand> out = new ArrayList<>(q.cands());
        out.sort((a, b) -> Double.compare(relevance(b, fs, w), relevance(a, fs, w)));
        return out;
    }

    // ---------------------------------------------------------------- "I don't know": logistic regression

    /** A fitted evidence model: raw-unit intercept and coefficients, and its threshold (log-odds). */
    record Model(double intercept, double[] w, double threshold) {
        double logit(double[] x, int[] fs) {
            double s = intercept;
            for (int j = 0; j < fs.length; j++) s += w[j] * x[fs[j]];
            return s;
        }
    }

    static final double SURE = Double.parseDouble(System.getProperty("sure", "0.30")), MAX = 0.42;

    /** What a false "I don't know" costs against a right one, for the threshold ({@code -Dcost}, default 5). */
    static final double FALSE_IDK_COST = Double.parseDouble(System.getProperty("cost", "5"));

    static boolean gated = true;

    static boolean decided(Q q) {
        return q.searchDistance() < MAX && (!gated || q.searchDistance() >= SURE);
    }

    /** Fits the evidence model on the shown-first page of {@code train}'s questions in the decision zone. */
    static Model fitIdk(List<Q> train, int[] rf, double[] rw, int[] fs) {
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (Q q : train) {
            if (!decided(q) || q.cands().isEmpty()) continue;
            xs.add(shown(q, rf, rw).get(0).idk());
            ys.add(q.answerable() ? 1 : 0);
        }
        int k = fs.length, m = xs.size();
        double[] mu = new double[k], sd = new double[k];
        for (double[] x : xs) for (int j = 0; j < k; j++) mu[j] += x[fs[j]] / m;
        for (double[] x : xs) for (int j = 0; j < k; j++) sd[j] += Math.pow(x[fs[j]] - mu[j], 2) / m;
        for (int j = 0; j < k; j++) sd[j] = Math.sqrt(sd[j]) + 1e-12;
        double[] w = new double[k + 1]; // [0] intercept
        for (int it = 0; it < 100; it++) {
            double[] g = new double[k + 1];
            double[][] h = new double[k + 1][k + 1];
            for (int j = 1; j <= k; j++) {
                g[j] = w[j];
                h[j][j] = 1;
            }
            h[0][0] = 1e-9;
            for (int i = 0; i < m; i++) {
                double[] z = new double[k + 1];
                z[0] = 1;
                for (int j = 0; j < k; j++) z[j + 1] = (xs.get(i)[fs[j]] - mu[j]) / sd[j];
                double s = 0;
                for (int j = 0; j <= k; j++) s += w[j] * z[j];
                double p = 1 / (1 + Math.exp(-s));
                for (int j = 0; j <= k; j++) {
                    g[j] += (p - ys.get(i)) * z[j];
                    for (int l = 0; l <= k; l++) h[j][l] += p * (1 - p) * z[j] * z[l];
                }
            }
            double[] step = solve(h, g);
            double norm = 0;
            for (int j = 0; j <= k; j++) {
                w[j] -= step[j];
                norm += step[j] * step[j];
            }
            if (norm < 1e-14) break;
        }
        double intercept = w[0];
        double[] raw = new double[k];
        for (int j = 0; j < k; j++) {
            raw[j] = w[j + 1] / sd[j];
            intercept -= raw[j] * mu[j];
        }
        Model model = new Model(intercept, raw, 0);
        // the threshold that maximises IDK right - 5 x false IDK on the fitting questions (the middle of the best gap)
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < m; i++) scored.add(new double[] {model.logit(xs.get(i), fs), ys.get(i)});
        scored.sort((a, b) -> Double.compare(a[0], b[0]));
        double bestGain = 0, bestT = scored.isEmpty() ? -10 : scored.get(0)[0] - 1;
        double gain = 0;
        for (int i = 0; i < scored.size(); i++) {
            gain += scored.get(i)[1] == 1 ? -FALSE_IDK_COST : 1;
            boolean boundary = i + 1 == scored.size() || scored.get(i + 1)[0] > scored.get(i)[0];
            if (boundary && gain > bestGain) {
                bestGain = gain;
                bestT = i + 1 == scored.size()
                        ? scored.get(i)[0] + 1e-9
                        : (scored.get(i)[0] + scored.get(i + 1)[0]) / 2;
            }
        }
        return new Model(intercept, raw, bestT);
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int r = 0; r < n; r++) {
                if (r == c || m[c][c] == 0) continue;
                double f = m[r][c] / m[c][c];
                for (int l = c; l <= n; l++) m[r][l] -= f * m[c][l];
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = m[i][i] == 0 ? 0 : m[i][n] / m[i][i];
        return x;
    }

    // ---------------------------------------------------------------- scoring

    /** Per part: answerable, top1, top3, unanswerable, idkRight, falseIdk; and every question's left-out logit. */
    record Lopo(int[][] table, Map<Q, Double> logits) {}

    static final Map<Integer, double[]> rankings = new HashMap<>();

    static Lopo lopo(List<Q> qs, int[] fs) {
        int[][] t = new int[PARTS.size() + 1][6];
        Map<Q, Double> logits = new java.util.IdentityHashMap<>();
        for (int part = 0; part < PARTS.size(); part++) {
            int p = part;
            List<Q> train = qs.stream().filter(q -> q.part() != p).toList();
            double[] rw = rankings.computeIfAbsent(p, x -> fitRanking(train, RANK_FEATURES));
            Model model = fitIdk(train, RANK_FEATURES, rw, fs);
            for (Q q : qs) {
                if (q.part() != p) continue;
                List<Cand> shown = shown(q, RANK_FEATURES, rw);
                boolean known;
                if (shown.isEmpty() || q.searchDistance() >= MAX) {
                    known = false;
                    logits.put(q, -99.0);
                } else if (!decided(q)) {
                    known = true;
                    logits.put(q, 99.0);
                } else {
                    double l = model.logit(shown.get(0).idk(), fs) - model.threshold();
                    logits.put(q, l);
                    known = l >= 0;
                }
                int[] row = t[part];
                if (q.answerable()) {
                    row[0]++;
                    if (!known) {
                        row[5]++;
                    } else {
                        if (shown.get(0).gold()) row[1]++;
                        if (shown.stream().limit(3).anyMatch(Cand::gold)) row[2]++;
                    }
                } else {
                    row[3]++;
                    if (!known) row[4]++;
                }
            }
        }
        for (int part = 0; part < PARTS.size(); part++) for (int j = 0; j < 6; j++) t[PARTS.size()][j] += t[part][j];
        return new Lopo(t, logits);
    }

    /**
     * The trade-off of one threshold over all parts' left-out logits: IDK right (of all unanswerable questions, those
     * past max-distance included) at 0, 1, 2, 3, 4, 6 and 10 false IDK by the model (the answerable questions past
     * max-distance, false IDK whatever the model says, not counted).
     */
    static String curve(Map<Q, Double> logits) {
        List<Map.Entry<Q, Double>> e = new ArrayList<>(logits.entrySet());
        e.sort(Map.Entry.comparingByValue());
        int fixed = (int) e.stream()
                .filter(x -> x.getValue() <= -99 && !x.getKey().answerable())
                .count();
        StringBuilder b = new StringBuilder();
        for (int allowed : new int[] {0, 1, 2, 3, 4, 6, 10}) {
            int falseIdk = 0, right = fixed, best = fixed;
            for (Map.Entry<Q, Double> x : e) {
                if (x.getValue() <= -99) continue;
                if (x.getValue() >= 99) break;
                if (x.getKey().answerable()) {
                    if (++falseIdk > allowed) break;
                } else {
                    right++;
                }
                best = Math.max(best, right);
            }
            b.append(String.format(" %d:%d", allowed, best));
        }
        return b.toString();
    }

    static void report(List<Q> qs, int[] fs, boolean table) {
        Lopo l = lopo(qs, fs);
        int[] all = l.table()[PARTS.size()];
        StringBuilder names = new StringBuilder();
        for (int f : fs) names.append(IDK_NAMES[f]).append(' ');
        System.out.printf(
                "%s%s| LOPO all: top-1 %d/%d top-3 %d IDK %d/%d falseIDK %d | one threshold (model false IDK:IDK right)%s%n",
                gated ? "[gated] " : "", names, all[1], all[0], all[2], all[4], all[3], all[5], curve(l.logits()));
        if (table) {
            for (int part = 0; part <= PARTS.size(); part++) {
                int[] r = l.table()[part];
                System.out.printf(
                        "| %-12s | %.2f (%d/%d) | %.2f (%d/%d) | %d/%d | %d/%d |%n",
                        part == PARTS.size() ? "all" : PARTS.get(part),
                        (double) r[1] / r[0],
                        r[1],
                        r[0],
                        (double) r[2] / r[0],
                        r[2],
                        r[0],
                        r[4],
                        r[3],
                        r[5],
                        r[0]);
            }
            // -DshippedRank=w1,w2,...: the in-sample fit on the ranking as shipped instead of one refitted on all parts
            String shippedRank = System.getProperty("shippedRank");
            double[] rw = shippedRank == null ? fitRanking(qs, RANK_FEATURES) : parse(shippedRank);
            Model m = fitIdk(qs, RANK_FEATURES, rw, fs);
            // in sample: the model fitted on all parts, as the module ships it (DocsRelevanceTest's figures)
            StringBuilder in = new StringBuilder("  in sample (top-1, IDK right, false IDK):");
            int[] sum = new int[3];
            for (int part = 0; part < PARTS.size(); part++) {
                int top1 = 0, right = 0, wrong = 0;
                for (Q q : qs) {
                    if (q.part() != part) continue;
                    List<Cand> shown = shown(q, RANK_FEATURES, rw);
                    boolean known = !shown.isEmpty()
                            && q.searchDistance() < MAX
                            && (!decided(q) || m.logit(shown.get(0).idk(), fs) >= m.threshold());
                    if (!q.answerable() && !known) right++;
                    if (q.answerable() && !known) wrong++;
                    if (q.answerable() && known && shown.get(0).gold()) top1++;
                }
                in.append(String.format(" %s %d/%d/%d;", PARTS.get(part), top1, right, wrong));
                sum[0] += top1;
                sum[1] += right;
                sum[2] += wrong;
            }
            System.out.println(in + String.format(" all %d/%d/%d", sum[0], sum[1], sum[2]));
            System.out.printf(
                    "  fitted on all: ranking %s; evidence intercept %.3f, %s, threshold %.3f (p %.3f)%n",
                    Arrays.toString(rw),
                    m.intercept(),
                    Arrays.toString(m.w()),
                    m.threshold(),
                    1 / (1 + Math.exp(-m.threshold())));
        }
    }

    /** IDK right - 5 x false IDK, leave-one-part-out, with the curve's IDK right at 1 and 3 false IDK to break ties. */
    static double gain(Lopo l) {
        int[] all = l.table()[PARTS.size()];
        String[] c = curve(l.logits()).trim().split(" ");
        return all[4]
                - FALSE_IDK_COST * all[5]
                + 0.01 * (Integer.parseInt(c[1].split(":")[1]) + Integer.parseInt(c[3].split(":")[1]));
    }

    static void forward(List<Q> qs) {
        for (boolean g : Boolean.getBoolean("ungated") ? new boolean[] {true, false} : new boolean[] {true}) {
            gated = g;
            List<Integer> chosen = new ArrayList<>(
                    Arrays.stream(System.getProperty("start", "0,1,2,3").split(","))
                            .map(Integer::valueOf)
                            .toList());
            report(qs, chosen.stream().mapToInt(Integer::intValue).toArray(), true);
            for (int round = 0; round < 3; round++) {
                int bestF = -1;
                double bestGain = gain(
                        lopo(qs, chosen.stream().mapToInt(Integer::intValue).toArray()));
                for (int f = 0; f < IDK_NAMES.length; f++) {
                    if (chosen.contains(f)) continue;
                    List<Integer> set = new ArrayList<>(chosen);
                    set.add(f);
                    int[] fs = set.stream().mapToInt(Integer::intValue).toArray();
                    report(qs, fs, false);
                    double gain = gain(lopo(qs, fs));
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestF = f;
                    }
                }
                if (bestF < 0) break;
                chosen.add(bestF);
                System.out.println("chosen: " + chosen);
                report(qs, chosen.stream().mapToInt(Integer::intValue).toArray(), true);
            }
        }
        gated = true;
    }
}
