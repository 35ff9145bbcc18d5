package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ratchet bench embed} on a few sentences: the raw model, Ratchet's embedder, the pipeline and the import each
 * print a rate beside the raw one; no timings checked.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class BenchEmbedTest {

    @Test
    void raw_embedder_pipeline_and_import_rates_are_printed_in_one_run_then_the_bench_schema_dropped(TestDatabase db) {
        DevtoolsCli.Result run = DevtoolsCli.ratchet(
                "--db-url", db.jdbcUrl(), "bench", "embed", "--sentences", "6", "--batch", "3", "--import", "24");

        assertThat(run.code())
                .as("stderr: %s%nstdout: %s", run.err(), run.out())
                .isZero();
        assertThat(run.out())
                .containsPattern(
                        "bench embed: model bge-small-en-v1.5-q, 6 sentences of [0-9]+-[0-9]+ words; [0-9]+ cores")
                .containsPattern(
                        "raw model \\(langchain4j \\+ ONNX Runtime, no Ratchet code\\): [0-9]+/s one per call, [0-9]+/s embedAll in batches of 3; raw = [0-9]+/s")
                .containsPattern(
                        "Ratchet embedder: [0-9]+/s one per call, [0-9]+/s in batches of 3 \\(batched / one per call = [0-9.]+\\)")
                .containsPattern(
                        "pipeline \\(live message stored -> embedding stored; .*\\): 6 messages stored in [0-9.]+ s \\(4 at once\\), all embedded after [0-9.]+ s: [0-9]+/s = [0-9]+% of raw")
                .containsPattern(
                        "import of a generated export \\(24 messages, [0-9]+ alerts, [0-9]+ thread replies, 4 channels\\): .* [0-9]+ messages/s = [0-9]+% of raw")
                .containsPattern("raw model one per call again at the end: [0-9]+/s");
        int schemas = TestSql.of(db)
                .count("select count(*) from information_schema.schemata where schema_name like 'ratchet_bench%'");
        assertThat(schemas).as("the bench schemas are dropped").isZero();
    }

    @Test
    void a_bad_option_is_refused_naming_it_and_a_valid_value() {
        DevtoolsCli.Result run = DevtoolsCli.ratchet("bench", "embed", "--import", "-1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--import must be 0 (skip) or more, e.g. --import 100000");
        DevtoolsCli.Result senders = DevtoolsCli.ratchet("bench", "embed", "--senders", "0");
        assertThat(senders.code()).isEqualTo(2);
        assertThat(senders.err()).contains("--senders must be at least 1, e.g. --senders 4");
    }

    @Test
    void concurrent_senders_deliver_every_message_once_and_a_failure_is_rethrown() throws InterruptedException {
        java.util.concurrent.ConcurrentHashMap<Integer, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BenchEmbed.deliver(500, 4, i -> {
            seen.merge(i, 1, Integer::sum);
            threads.add(Thread.currentThread().getName());
        });
        assertThat(seen).hasSize(500);
        assertThat(seen.values()).containsOnly(1);
        assertThat(threads).allMatch(t -> t.startsWith("bench-sender-"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchEmbed.deliver(100, 3, i -> {
                    if (i == 42) {
                        throw new IllegalStateException("refused 42");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("refused 42");
    }
}
