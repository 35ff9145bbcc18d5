package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ratchet bench reply} end to end on a few events: it answers them all and prints its summary; no timings checked. */
@ExtendWith(RatchetDatabaseExtension.class)
class BenchReplyTest {

    @Test
    void every_alert_and_mention_is_answered_and_the_summary_printed_then_the_bench_schema_dropped(TestDatabase db) {
        DevtoolsCli.Result run = DevtoolsCli.ratchet(
                "--db-url",
                db.jdbcUrl(),
                "bench",
                "reply",
                "--events",
                "3",
                "--concurrency",
                "2",
                "--rate",
                "4",
                "--duration",
                "PT2S");

        assertThat(run.code())
                .as("stderr: %s%nstdout: %s", run.err(), run.out())
                .isZero();
        assertThat(run.out())
                .contains("bench reply: 3 alerts and 3 mentions, LLM delay PT0S, concurrency 2")
                .contains("modules classifier, recent-activity, runbook, commands")
                .contains("history: 56 messages, 9 past alert threads")
                .containsPattern(
                        "alert -> runbook reply \\(3 of 3 answered, by runbook\\): p50 [0-9.]+ ms, p95 [0-9.]+ ms, max [0-9.]+ ms")
                .containsPattern("mention -> commands reply \\(3 of 3 answered, by commands\\): p50 [0-9.]+ ms")
                .containsPattern("LLM excluded: p50 [0-9.]+ ms")
                .containsPattern("LLM chat per event \\(llm_calls latency, 1 call\\(s\\) p50\\)")
                .containsPattern(
                        "breakdown, p50/p95 ms \\(3 events\\): delivery\\+ingest [0-9.]+/[0-9.]+, queue wait .*, Slack post [0-9.]+/[0-9.]+")
                .contains("search query embedding (")
                .containsPattern("6 events in [0-9.]+ s")
                .containsPattern("CPU per event answered, ms: bench process \\(the bot, emulated Slack and LLM\\)"
                        + " [0-9.]+, PostgreSQL backends of these connections \\([0-9]+\\) [0-9.]+; total [0-9.]+ ms")
                .containsPattern("by thread \\(those alive at the end; pool names' digits as N\\), ms per event: ")
                .containsPattern(
                        "rate 4.0/s: 8 events fired in [0-9.]+ s \\([0-9.]+/s\\), 8 answered; event -> reply, LLM"
                                + " excluded: p50 [0-9.]+ ms, p95 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms; unfinished module"
                                + " runs a third of the way in [0-9]+, at the end [0-9]+, peak [0-9]+; RSS [0-9]+ MB")
                .containsPattern("highest rate held: 4.0 events/s|no rate held")
                .containsPattern("memory: RSS [0-9]+ MB");
        int schemas = TestSql.of(db)
                .count("select count(*) from information_schema.schemata where schema_name like 'ratchet_bench%'");
        assertThat(schemas).as("the bench schemas are dropped").isZero();
    }

    @Test
    void with_bot_process_the_bot_runs_as_a_child_and_its_own_memory_is_printed_at_each_checkpoint(TestDatabase db) {
        DevtoolsCli.Result run = DevtoolsCli.ratchet(
                "--db-url",
                db.jdbcUrl(),
                "bench",
                "reply",
                "--bot-process",
                "--events",
                "10",
                "--concurrency",
                "2",
                "--checkpoint",
                "10");

        assertThat(run.code())
                .as("stderr: %s%nstdout: %s", run.err(), run.out())
                .isZero();
        String bot = "memory: bot RSS [0-9]+ MB \\(VmRSS of the bot process [0-9]+: [0-9]+ MB anonymous, [0-9]+ MB"
                + " file-backed\\); its JVM \\(/metrics\\): heap [0-9]+ MB committed \\([0-9]+ MB used\\)";
        assertThat(run.out())
                .containsPattern("bot process: pid [0-9]+, .*dev.ratchet.app.Main run")
                .as("without a distribution the bot gets bin/ratchet's defaults")
                .contains("java -Xms64m -Xmx384m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
                        + " -XX:-ShrinkHeapInSteps")
                .containsPattern("after onboarding: " + bot)
                .containsPattern("  10 of 20 events answered in [0-9]+ s; load [0-9.]+; " + bot)
                .containsPattern("  20 of 20 events answered in [0-9]+ s; load [0-9.]+; " + bot)
                .containsPattern("alert -> runbook reply \\(10 of 10 answered, by runbook\\)")
                .containsPattern("mention -> commands reply \\(10 of 10 answered, by commands\\)")
                .containsPattern("breakdown, p50/p95 ms \\(10 events\\): delivery\\+ingest")
                .containsPattern("CPU per event answered, ms: bench process [0-9.]+, bot process [0-9.]+, PostgreSQL"
                        + " backends of these connections \\([0-9]+\\) [0-9.]+; total [0-9.]+ ms")
                .containsPattern("(?m)^" + bot
                        + ".*; bench process \\(emulated Slack and LLM.*\\): RSS [0-9]+ MB, heap [0-9]+ MB used");
        int schemas = TestSql.of(db)
                .count("select count(*) from information_schema.schemata where schema_name like 'ratchet_bench%'");
        assertThat(schemas).as("the bench schemas are dropped").isZero();
    }

    @Test
    void a_bad_option_is_refused_naming_it_and_a_valid_value() {
        DevtoolsCli.Result run = DevtoolsCli.ratchet("bench", "reply", "--events", "0");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--events must be at least 1, e.g. --events 100");
        DevtoolsCli.Result rate = DevtoolsCli.ratchet("bench", "reply", "--rate", "0");
        assertThat(rate.code()).isEqualTo(2);
        assertThat(rate.err()).contains("--rate must be above 0 and at most 1000, e.g. --rate 2,4,8");
        DevtoolsCli.Result opts = DevtoolsCli.ratchet("bench", "reply", "--bot-java-opts", "-Xmx256m");
        assertThat(opts.code()).isEqualTo(2);
        assertThat(opts.err()).contains("--bot-java-opts and --dist go with --bot-process");
    }
}
