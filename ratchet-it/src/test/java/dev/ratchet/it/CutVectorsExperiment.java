package dev.ratchet.it;

import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.SearchCut;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relevance cut of {@link MessageSearchRelevanceTest} with the vectors another CPU makes: the local model's vectors
 * depend on the instruction set ONNX Runtime's kernels use (see CUT_PRECISION_FLOOR there), and this scores the tuning
 * queries with the cut from a file of vectors instead of embedding here. Run only on demand: {@code
 * -Dtest=CutVectorsExperiment}. Each run writes {@code target/cut/texts.txt} (every message's and query's text),
 * {@code target/cut/classpath.txt} and {@code target/cut/evidence.tsv} (each query's hits before the cut: position,
 * message, thread, distance, best distance, words the thread lacks, next thread's distance, thread distance,
 * log-odds, probability, kept, relevant) and prints the cut's figures. To score another CPU's vectors on this one,
 * embed the texts with {@link #main} under valgrind (which shows programs no AVX-512: {@code valgrind --tool=none
 * --smc-check=all-non-file java -cp $(cat target/cut/classpath.txt) dev.ratchet.it.CutVectorsExperiment
 * target/cut/texts.txt avx2.tsv}, about 7 minutes) and run again with {@code -Dratchet.cut.vectors=$PWD/avx2.tsv}.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class CutVectorsExperiment {

    static final Path DIR = Path.of("target", "cut");

    /** Embeds the lines of {@code args[0]} (each distinct text once) into {@code args[1]}: text, tab, float bits. */
    public static void main(String[] args) throws IOException {
        LocalEmbedder embedder = new LocalEmbedder();
        StringBuilder out = new StringBuilder();
        for (String text : new LinkedHashSet<>(Files.readAllLines(Path.of(args[0])))) {
            float[] v = embedder.embed(List.of(text)).get(0);
            StringJoiner bits = new StringJoiner(",");
            for (float x : v) {
                bits.add(Integer.toHexString(Float.floatToRawIntBits(x)));
            }
            out.append(text).append('\t').append(bits).append('\n');
        }
        Files.writeString(Path.of(args[1]), out);
        System.exit(0);
    }

    static Map<String, float[]> read(Path file) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            String[] bits = f[1].split(",");
            float[] v = new float[bits.length];
            for (int i = 0; i < bits.length; i++) {
                v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(bits[i], 16));
            }
            vectors.put(f[0], v);
        }
        return vectors;
    }

    @Test
    void the_cut_with_given_vectors(TestDatabase db) throws IOException {
        MessageSearchRelevanceTest.start(db);
        try {
            Files.createDirectories(DIR);
            List<MessageSearchRelevanceTest.Query> queries = MessageSearchRelevanceTest.queries("tuning.tsv");
            try (PrintWriter t = new PrintWriter(Files.newBufferedWriter(DIR.resolve("texts.txt")))) {
                MessageSearchRelevanceTest.textById.values().forEach(t::println);
                queries.forEach(q -> t.println(q.text()));
            }
            Files.writeString(
                    DIR.resolve("classpath.txt"),
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            String given = System.getProperty("ratchet.cut.vectors");
            Map<String, float[]> vectors = given == null ? Map.of() : read(Path.of(given));
            if (given != null) {
                for (Map.Entry<String, String> e : MessageSearchRelevanceTest.idOf.entrySet()) {
                    String[] key = e.getKey().split("/");
                    MessageSearchRelevanceTest.messages.setEmbedding(
                            key[0], key[1], vectors.get(MessageSearchRelevanceTest.textById.get(e.getValue())));
                }
                TestSql.of(MessageSearchRelevanceTest.ratchet).execute("vacuum analyze messages");
            }
            HybridSearch search = new HybridSearch(
                    db.database(),
                    MessageSearchRelevanceTest.ratchet.storage().messages(),
                    HybridSearch.DEFAULT_MAX_DISTANCE,
                    false,
                    SearchCut.THRESHOLD);
            LocalEmbedder embedder = new LocalEmbedder();
            int returned = 0, relevant = 0, n = 0;
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(DIR.resolve("evidence.tsv")))) {
                for (MessageSearchRelevanceTest.Query q : queries) {
                    n++;
                    float[] v = given != null
                            ? vectors.get(q.text())
                            : embedder.embed(List.of(q.text())).get(0);
                    int kept = 0;
                    Set<String> seen = new java.util.HashSet<>();
                    for (HybridSearch.Scored s : search.scored(
                            MessageSearchRelevanceTest.search(q.text()),
                            HybridSearch.Audience.ANYONE,
                            Optional.of(v))) {
                        String key = s.hit().message().channelId() + "/"
                                + s.hit().message().ts();
                        String thread = MessageSearchRelevanceTest.threadOf.get(key);
                        HybridSearch.Evidence e = s.evidence();
                        double p = SearchCut.probability(e);
                        boolean keep = p >= SearchCut.THRESHOLD && kept < 5;
                        if (keep) {
                            kept++;
                            returned++;
                            if (q.relevant().contains(thread) && seen.add(thread)) {
                                relevant++;
                            }
                        }
                        w.printf(
                                "%d\t%s\t%d\t%s\t%s\t%.9f\t%.9f\t%d\t%.9f\t%.9f\t%.9f\t%.9f\t%s\t%s%n",
                                n,
                                q.text(),
                                e.position(),
                                MessageSearchRelevanceTest.idOf.get(key),
                                thread,
                                e.distance(),
                                e.bestDistance(),
                                e.words().size() - e.threadWords().size(),
                                e.nextDistance(),
                                e.threadDistance(),
                                SearchCut.logOdds(e),
                                p,
                                keep ? "kept" : "-",
                                q.relevant().contains(thread) ? "relevant" : "-");
                    }
                }
            }
            System.out.printf(
                    "%nrelevance cut, tuning, vectors %s: precision@5 %.3f (%d/%d)%n",
                    given == null ? "embedded here" : given, (double) relevant / returned, relevant, returned);
        } finally {
            MessageSearchRelevanceTest.stop();
        }
    }
}
