package dev.ratchet.module.docrag;

import dev.ratchet.core.docs.MarkdownChunker;
import dev.ratchet.core.llm.LocalEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (outside surefire's patterns; run with {@code -Dtest=SentenceVectorsDump}): writes the
 * vectors the sentence-level evidence was fitted from (fixture README), with the in-process embedder and no database:
 * {@code dump} every handbook sentence ({@link Evidence#sentences} of each chunk, embedded alone and after its heading
 * path) and every fixture question as searched ({@code -Dout}, default {@code /tmp/docsidk2-vec.tsv}); {@code ablate}
 * each question with one typed word dropped (measured and left out).
 */
class SentenceVectorsDump {

    static String vec(float[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) b.append(',');
            b.append(v[i]);
        }
        return b.toString();
    }

    @Test
    void dump() throws Exception {
        Path fixture = DocsRelevanceTest.fixture();
        LocalEmbedder emb = new LocalEmbedder();
        MarkdownChunker chunker = new MarkdownChunker(1200);
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(fixture.resolve("handbook"))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                MarkdownChunker.Split split = chunker.split(name, Files.readString(p));
                List<MarkdownChunker.Chunk> chunks = split.chunks();
                for (int c = 0; c < chunks.size(); c++) {
                    MarkdownChunker.Chunk chunk = chunks.get(c);
                    List<String> sentences = Evidence.sentences(chunk.text());
                    List<String> withHeading = sentences.stream()
                            .map(s -> chunk.heading() + "\n" + s)
                            .toList();
                    List<float[]> a = emb.embed(sentences);
                    List<float[]> b = emb.embed(withHeading);
                    for (int s = 0; s < sentences.size(); s++) {
                        out.append(String.join(
                                        "\t",
                                        "S",
                                        name,
                                        String.valueOf(c),
                                        chunk.heading(),
                                        sentences.get(s).replaceAll("\\s+", " "),
                                        vec(a.get(s)),
                                        vec(b.get(s))))
                                .append('\n');
                    }
                }
            }
        }
        for (String part :
                List.of("tuning.tsv", "heldout.tsv", "heldout2.tsv", "heldout3.tsv", "heldout4.tsv", "heldout5.tsv")) {
            List<DocsRelevanceTest.Question> qs = DocsRelevanceTest.questions(part);
            List<float[]> v =
                    emb.embed(qs.stream().map(q -> DocragModule.query(q.text())).toList());
            for (int i = 0; i < qs.size(); i++) {
                out.append(String.join(
                                "\t", "Q", part, String.valueOf(i), qs.get(i).text(), vec(v.get(i))))
                        .append('\n');
            }
        }
        Files.writeString(Path.of(System.getProperty("out", "/tmp/docsidk2-vec.tsv")), out);
    }

    @Test
    void ablate() throws Exception {
        LocalEmbedder emb = new LocalEmbedder();
        StringBuilder out = new StringBuilder();
        for (String part :
                List.of("tuning.tsv", "heldout.tsv", "heldout2.tsv", "heldout3.tsv", "heldout4.tsv", "heldout5.tsv")) {
            List<DocsRelevanceTest.Question> qs = DocsRelevanceTest.questions(part);
            for (int i = 0; i < qs.size(); i++) {
                String text = qs.get(i).text();
                List<String> toks = List.of(text.split("\\s+"));
                List<String> variants = new ArrayList<>();
                List<String> dropped = new ArrayList<>();
                for (int t = 0; t < toks.size(); t++) {
                    List<String> rest = new ArrayList<>(toks);
                    dropped.add(rest.remove(t));
                    variants.add(DocragModule.query(String.join(" ", rest)));
                }
                List<float[]> v = emb.embed(variants);
                for (int t = 0; t < variants.size(); t++) {
                    out.append(String.join("\t", "A", part, String.valueOf(i), dropped.get(t), vec(v.get(t))))
                            .append('\n');
                }
            }
        }
        Files.writeString(Path.of(System.getProperty("out", "/tmp/docsidk2-abl.tsv")), out);
    }
}
