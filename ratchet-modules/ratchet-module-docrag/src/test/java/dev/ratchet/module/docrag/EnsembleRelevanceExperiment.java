package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.docs.Documentation;
import dev.ratchet.core.llm.Embedder;
import dev.ratchet.core.storage.DocumentRepository;
import dev.ratchet.module.docrag.EmbeddingModelExperiment.Encoder;
import dev.ratchet.module.docrag.EmbeddingModelExperiment.Model;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.testkit.TestBot;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a test (outside surefire's patterns; run with {@code -Pembedding-models
 * -Dtest=EnsembleRelevanceExperiment}): docrag as shipped (the hybrid search, the page ranking, "I don't know"), once
 * as it is and once per variant with the search's meaning leg ranked by an ensemble of embedding models instead of
 * bge-small-q alone. Everything else is the real path: the words leg ({@code DocumentRepository.lexicalChunks}, the
 * same tsquery), the same reciprocal rank fusion (K 60, words' weight 0.15, the 40 best of each leg), each hit keeping
 * its bge distance (so "I don't know", its gates and evidence model, and the closest-sentence feature stay bge's), the
 * page ranking and evidence model unchanged (fitted on bge's search order). The ensemble ranks every stored chunk by
 * each model's cosine (bge from the stored vectors, e5-small-v2-q and all-MiniLM-L6-v2-q embedding the chunk as
 * Documentation embeds it, heading line then text, run as {@link EmbeddingModelExperiment} runs them), then fuses:
 * {@code zavg} (each model's cosines z-scored over all chunks, averaged) or {@code rrf10} (Σ 1 / (10 + rank)). A
 * second docrag instance sees a {@link ModuleContext} that is the real one but for {@code docs().search}. {@code
 * -Dvariants=} e.g. {@code bge,zavg:bge+e5+minilm,zavg:e5+minilm} ({@code bge} alone through the decorator: a check
 * that it reproduces the shipped search). Parts: DocsIdkExperiment's; part 8 only with {@code -Dheldout8=true}; parts
 * 12 and 13 never read; no question or miss is printed. {@code -Dout=} the report ({@code /tmp/ensemble-relevance.txt}).
 *
 * <p>Findings (branch ens19, 2026-12-06; in sample: the ranking and evidence model were fitted on these parts with
 * bge's search): right first / in three of 1383 answerable, IDK right of 481, false IDK, parts right-first better/worse
 * than shipped:
 *
 * <pre>
 * variant                top-1         top-3  IDK  false  +/-   tun ho1 ho2 ho3 ho4 ho5 ho6 ho7 ho9 ho10 ho11
 * shipped                0.902 (1248)  1343   127  16     -     50  21  37  51  109 189 181 170 155 143  142
 * bge (decorator)        identical to shipped, figure for figure (the decorator reproduces Documentation.search)
 * zavg bge+e5+minilm     0.903 (1249)  1338   127  22    3/2    52  21  37  52  108 189 182 168 155 143  142
 * zavg bge+e5            0.903 (1249)  1340   128  18    6/3    51  22  37  51  107 190 182 168 156 142  143
 * zavg e5+minilm         0.902 (1247)  1331   134  29    3/4    52  21  36  51  107 189 181 168 156 145  141
 * rrf10 bge+e5+minilm    0.905 (1252)  1335   125  24    6/2    52  22  37  52  107 189 182 169 156 144  142
 * </pre>
 *
 * The ensemble's +7.5 points of pure semantic ranking do not survive the words' leg and the page ranking (fitted on
 * bge's order, its closest-sentence feature bge's): no gain in right first, fewer in three, more false IDK. As page
 * ranking features instead it gains (EmbeddingEnsembleExperiment's Javadoc). Run: {@code ./mvnw -B -ntp -o test -pl
 * ratchet-modules/ratchet-module-docrag -am -Pembedding-models -Dtest=EnsembleRelevanceExperiment
 * -Dsurefire.failIfNoSpecifiedTests=false -Djapicmp.skip=true -Dratchet.cds.skip=true} (about 6 minutes).
 */
class EnsembleRelevanceExperiment {

    static Object field(Object o, String name) throws Exception {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // the superclass's
            }
        }
        throw new NoSuchFieldException(name + " in " + o.getClass());
    }

    /** Chunk key as Documentation.search keys hits (source, path, heading, content). */
    static String key(DocumentRepository.ChunkHit c) {
        return c.sourceId() + "\u0000" + c.path() + "\u0000" + c.heading() + "\u0000" + c.content();
    }

    /** The ensemble's search: the meaning leg re-ranked, the rest as Documentation.search. */
    static final class EnsembleSearch {
        final Documentation docs;
        final DocumentRepository repo;
        final Embedder bge;
        final Method orQuery, url;
        final List<Encoder> others; // e5-q, minilm-q
        final Map<String, float[][]> chunkVectors = new HashMap<>(); // key -> vector per other model

        EnsembleSearch(Documentation docs, List<Encoder> others) throws Exception {
            this.docs = docs;
            this.repo = (DocumentRepository) field(docs, "documents");
            this.bge = (Embedder) field(docs, "embedder");
            this.orQuery = Documentation.class.getDeclaredMethod("orQuery", String.class);
            this.orQuery.setAccessible(true);
            this.url = Documentation.class.getDeclaredMethod("url", String.class, String.class, String.class);
            this.url.setAccessible(true);
            this.others = others;
        }

        /** models: 0 bge, 1 e5, 2 minilm; fusion "zavg" or "rrf10"; "bge" alone when models is {0}. */
        List<DocsService.DocHit> search(String query, int limit, int[] models, String fusion) throws Exception {
            float[] q = bge.embed(List.of(query)).get(0);
            List<DocumentRepository.ChunkHit> all = repo.nearestChunks(q, 10_000); // every chunk, bge distance
            int n = all.size();
            double[][] sims = new double[3][n];
            float[][] qv = new float[others.size()][];
            for (int m = 0; m < others.size(); m++) qv[m] = others.get(m).query(query);
            for (int i = 0; i < n; i++) {
                DocumentRepository.ChunkHit c = all.get(i);
                sims[0][i] = 1 - c.distance();
                float[][] v = chunkVectors.get(key(c));
                if (v == null) {
                    v = new float[others.size()][];
                    String text = (c.heading().isEmpty() ? "" : c.heading() + "\n") + c.content();
                    for (int m = 0; m < others.size(); m++) v[m] = others.get(m).passage(text);
                    chunkVectors.put(key(c), v);
                }
                for (int m = 0; m < others.size(); m++) sims[m + 1][i] = EmbeddingModelExperiment.cos(qv[m], v[m]);
            }
            double[] score = new double[n];
            for (int m : models) {
                if (fusion.equals("rrf10")) {
                    Integer[] o = EmbeddingEnsembleExperiment.order(sims[m], sims[0]);
                    for (int r = 0; r < n; r++) score[o[r]] += 1.0 / (10 + r + 1);
                } else {
                    double[] z = EmbeddingEnsembleExperiment.z(sims[m]);
                    for (int i = 0; i < n; i++) score[i] += z[i];
                }
            }
            Integer[] order = EmbeddingEnsembleExperiment.order(score, sims[0]);
            int candidates = Math.max(40, limit);
            List<DocumentRepository.ChunkHit> semantic = new ArrayList<>();
            for (int r = 0; r < Math.min(candidates, n); r++) semantic.add(all.get(order[r]));
            String words = (String) orQuery.invoke(null, query);
            List<DocumentRepository.ChunkHit> lexical =
                    words.isEmpty() ? List.of() : repo.lexicalChunks(words, q, candidates);
            Map<String, DocumentRepository.ChunkHit> byKey = new LinkedHashMap<>();
            Map<String, Double> fused = new HashMap<>();
            for (List<DocumentRepository.ChunkHit> ranking : List.of(semantic, lexical)) {
                double weight = ranking == semantic ? 1 : 0.15; // Documentation.LEXICAL_WEIGHT
                for (int i = 0; i < ranking.size(); i++) {
                    DocumentRepository.ChunkHit c = ranking.get(i);
                    byKey.putIfAbsent(key(c), c);
                    fused.merge(key(c), weight / (60 + i + 1), Double::sum); // Documentation.RRF_K
                }
            }
            List<DocsService.DocHit> out = new ArrayList<>();
            for (var e : byKey.entrySet().stream()
                    .sorted(java.util.Comparator.comparingDouble(
                                    (Map.Entry<String, DocumentRepository.ChunkHit> x) -> -fused.get(x.getKey()))
                            .thenComparingDouble(x -> x.getValue().distance()))
                    .limit(limit)
                    .toList()) {
                DocumentRepository.ChunkHit c = e.getValue();
                out.add(new DocsService.DocHit(
                        c.sourceId(),
                        c.path(),
                        c.revision(),
                        (String) url.invoke(docs, c.sourceId(), c.path(), c.revision()),
                        c.heading(),
                        c.content(),
                        c.distance()));
            }
            return out;
        }
    }

    static Object call(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A docrag whose context is {@code real} but for docs().search, answered by {@code search}. */
    static DocragModule withSearch(ModuleContext real, DocsService realDocs, Searcher search) {
        DocsService docs = (DocsService) Proxy.newProxyInstance(
                DocsService.class.getClassLoader(), new Class<?>[] {DocsService.class}, (p, m, args) -> {
                    if (m.getName().equals("search") && args != null && args.length == 2) {
                        return search.search((String) args[0], (Integer) args[1]);
                    }
                    return call(m, realDocs, args);
                });
        Set<String> registrations = Set.of("on", "tool", "job", "schedule", "route");
        ModuleContext ctx = (ModuleContext) Proxy.newProxyInstance(
                ModuleContext.class.getClassLoader(), new Class<?>[] {ModuleContext.class}, (p, m, args) -> {
                    if (m.getName().equals("docs")) return docs;
                    if (registrations.contains(m.getName()) && m.getReturnType() == void.class) return null;
                    return call(m, real, args);
                });
        DocragModule docrag = new DocragModule();
        docrag.start(ctx);
        return docrag;
    }

    interface Searcher {
        List<DocsService.DocHit> search(String query, int limit) throws Exception;
    }

    @Test
    void measure(@TempDir Path dir) throws Exception {
        List<String> partNames = new ArrayList<>(DocsIdkExperiment.PARTS);
        if (Boolean.getBoolean("heldout8")) partNames.add("heldout8.tsv");
        List<String> variants = Arrays.asList(
                System.getProperty("variants", "bge,zavg:bge+e5+minilm,zavg:bge+e5,zavg:e5+minilm,rrf10:bge+e5+minilm")
                        .split(","));
        Map<String, Integer> index = Map.of("bge", 0, "e5", 1, "minilm", 2);
        List<Encoder> others = new ArrayList<>();
        for (String name : List.of("e5-q", "minilm-q")) {
            Model m = EmbeddingModelExperiment.MODELS.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            others.add(new Encoder(m));
        }
        StringBuilder out = new StringBuilder();
        DocragModule docrag = new DocragModule();
        try (TestBot bot = TestBot.with(docrag)
                .set("docs.sources-file", DocsRelevanceTest.handbook(dir).toString())
                .start()) {
            bot.refreshDocs();
            ModuleContext real = (ModuleContext) field(docrag, "ctx");
            DocsService realDocs = real.docs();
            Documentation documentation = realDocs instanceof Documentation d ? d : null;
            if (documentation == null) {
                for (Class<?> c = realDocs.getClass(); c != null && documentation == null; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        f.setAccessible(true);
                        if (f.get(realDocs) instanceof Documentation d) documentation = d;
                    }
                }
            }
            assertThat(documentation).as("the Documentation behind ctx.docs()").isNotNull();
            EnsembleSearch ensemble = new EnsembleSearch(documentation, others);

            Map<String, Map<String, DocsRelevanceTest.Score>> scores = new LinkedHashMap<>();
            Map<String, Long> nanos = new LinkedHashMap<>();
            List<String> rows = new ArrayList<>(List.of("shipped"));
            rows.addAll(variants);
            for (String row : rows) {
                DocragModule module;
                if (row.equals("shipped")) {
                    module = docrag;
                } else {
                    String fusion = row.contains(":") ? row.substring(0, row.indexOf(':')) : "zavg";
                    int[] models = Arrays.stream(
                                    (row.contains(":") ? row.substring(row.indexOf(':') + 1) : row).split("\\+"))
                            .mapToInt(index::get)
                            .toArray();
                    module = withSearch(real, realDocs, (qq, limit) -> ensemble.search(qq, limit, models, fusion));
                }
                Map<String, DocsRelevanceTest.Score> perPart = new LinkedHashMap<>();
                long t0 = System.nanoTime();
                for (String part : partNames) {
                    perPart.put(part, DocsRelevanceTest.score(module, DocsRelevanceTest.questions(part), false));
                }
                nanos.put(row, System.nanoTime() - t0);
                scores.put(row, perPart);
                System.out.printf("%s scored in %d s%n", row, (System.nanoTime() - t0) / 1_000_000_000);
            }

            out.append("right first / in three of the answerable; IDK right / false IDK; per part top-1 (top-3)\n\n");
            out.append("| variant | top-1 | top-3 | IDK right | false IDK | parts top-1 better/worse than shipped |");
            for (String part : partNames)
                out.append(' ').append(part.replace(".tsv", "")).append(" |");
            out.append(" s per pass |\n");
            Map<String, DocsRelevanceTest.Score> shipped = scores.get("shipped");
            for (var r : scores.entrySet()) {
                int a = 0, t1 = 0, t3 = 0, u = 0, idk = 0, fidk = 0, better = 0, worse = 0;
                StringBuilder cells = new StringBuilder();
                for (String part : partNames) {
                    DocsRelevanceTest.Score s = r.getValue().get(part);
                    a += s.answerable();
                    t1 += s.top1();
                    t3 += s.top3();
                    u += s.unanswerable();
                    idk += s.idkRight();
                    fidk += s.falseIdk();
                    if (s.top1() > shipped.get(part).top1()) better++;
                    if (s.top1() < shipped.get(part).top1()) worse++;
                    cells.append(String.format(
                            Locale.ROOT, " %.3f %d/%d (%d) |", s.top1Rate(), s.top1(), s.answerable(), s.top3()));
                }
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %.3f (%d/%d) | %.3f (%d) | %d/%d | %d/%d | %d/%d |%s %.0f |%n",
                        r.getKey(),
                        (double) t1 / a,
                        t1,
                        a,
                        (double) t3 / a,
                        t3,
                        idk,
                        u,
                        fidk,
                        a,
                        better,
                        worse,
                        cells,
                        nanos.get(r.getKey()) / 1e9));
            }
        } finally {
            for (Encoder e : others) e.close();
        }
        out.append(String.format(
                "load average at the end: %s%n",
                Files.readString(Path.of("/proc/loadavg")).trim()));
        Files.writeString(Path.of(System.getProperty("out", "/tmp/ensemble-relevance.txt")), out);
        System.out.println(out);
    }
}
