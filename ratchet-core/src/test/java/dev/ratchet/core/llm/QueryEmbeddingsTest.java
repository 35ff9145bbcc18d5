package dev.ratchet.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryEmbeddingsTest {

    /** An embedder that writes each text's length into its vector and records what it was asked. */
    static final class Recording implements Embedder {
        final List<String> asked = new ArrayList<>();

        @Override
        public synchronized List<float[]> embed(List<String> texts) {
            asked.addAll(texts);
            return texts.stream().map(t -> new float[] {t.length(), 1f}).toList();
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String model() {
            return "recording";
        }
    }

    @Test
    void a_repeated_query_is_embedded_once_and_each_caller_gets_its_own_copy() throws Exception {
        Recording embedder = new Recording();
        QueryEmbeddings queries = new QueryEmbeddings(embedder);
        float[] first = queries.embed("HighCPU checkout");
        first[0] = -1; // a caller changing its vector changes nobody else's
        float[] again = queries.embed("HighCPU checkout");
        assertThat(again).containsExactly(16f, 1f);
        assertThat(queries.embed("disk full")).containsExactly(9f, 1f);
        assertThat(embedder.asked).containsExactly("HighCPU checkout", "disk full");
    }

    @Test
    void a_vector_remembered_from_a_message_serves_the_query_of_the_same_text_and_the_other_way_round()
            throws Exception {
        Recording embedder = new Recording();
        QueryEmbeddings known = new QueryEmbeddings(embedder);
        assertThat(known.known("DiskFull db-1")).isEmpty();
        known.remember("DiskFull db-1", new float[] {7f, 1f});
        known.remember("refused", null); // a text the embedder refused is not kept
        assertThat(known.embed("DiskFull db-1")).containsExactly(7f, 1f);
        assertThat(known.known("refused")).isEmpty();
        known.embed("HighLatency api");
        float[] got = known.known("HighLatency api").orElseThrow();
        got[0] = -1; // a copy
        assertThat(known.known("HighLatency api").orElseThrow()).containsExactly(15f, 1f);
        assertThat(embedder.asked).containsExactly("HighLatency api");
    }

    @Test
    void the_least_recently_used_query_is_forgotten_past_the_capacity() throws Exception {
        Recording embedder = new Recording();
        QueryEmbeddings queries = new QueryEmbeddings(embedder);
        queries.embed("q0");
        for (int i = 1; i <= QueryEmbeddings.CAPACITY; i++) {
            queries.embed("q" + i);
            queries.embed("q1"); // kept in use
        }
        embedder.asked.clear();
        queries.embed("q1");
        queries.embed("q0");
        assertThat(embedder.asked).containsExactly("q0");
    }
}
