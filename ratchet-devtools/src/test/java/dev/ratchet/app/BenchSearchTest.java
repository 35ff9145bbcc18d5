package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ratchet bench search} on a small generated history: it prints its table and drops its schema; no timings checked. */
@ExtendWith(RatchetDatabaseExtension.class)
class BenchSearchTest {

    @Test
    void a_generated_history_is_searched_over_every_window_beside_the_go_shape_then_its_schema_dropped(
            TestDatabase db) {
        DevtoolsCli.Result run = DevtoolsCli.ratchet(
                "--db-url", db.jdbcUrl(), "bench", "search", "--generate", "2000", "--queries", "5");

        assertThat(run.code())
                .as("stderr: %s%nstdout: %s", run.err(), run.out())
                .isZero();
        assertThat(run.out())
                .contains("generated 2000 messages in schema ratchet_bench_search")
                .contains("bench search: 2000 messages (2000 with embeddings) in schema ratchet_bench_search")
                .containsPattern(
                        "machine: [0-9]+ cores, load -?[0-9.]+; PostgreSQL [0-9.]+.*, pgvector [0-9.]+, shared_buffers")
                .contains("messages_tsv (gin)")
                // the messages have no HNSW index (V20), and 2,000 embedded are too few for the IVFFlat one
                .doesNotContain("(hnsw)", "(ivfflat)")
                .contains("relevance cut off") // search.relevance-cut's default, as the bot runs it
                .contains("window     messages  hybrid p50 / p95 ms  Go shape p50 / p95 ms");
        String number = "[0-9.]+ / [0-9.]+ +";
        for (String window : new String[] {"1 day +1440", "7 days +2000", "30 days +2000", "all time +2000"}) {
            // every query's semantic half finds the exact nearest neighbours on so small a window
            assertThat(run.out()).containsPattern(window + "  +" + number + number + "[0-9.]+x / [0-9.]+x +1\\.00");
            // and its CPU per search, the bench process's and its PostgreSQL backends', the JIT apart
            assertThat(run.out())
                    .containsPattern("(?m)^" + window + " .* -?[0-9.]+ \\(-?[0-9.]+ \\+ [0-9.]+; JIT [0-9.]+\\)$");
        }
        assertThat(run.out()).containsPattern("(?m)^  CPU by thread \\(1 day\\), ms/search: ");
        int schemas = TestSql.of(db)
                .count("select count(*) from information_schema.schemata where schema_name like 'ratchet_bench%'");
        assertThat(schemas).as("the bench schemas are dropped").isZero();
    }

    @Test
    void a_bad_option_is_refused_naming_it_and_a_valid_value() {
        DevtoolsCli.Result run = DevtoolsCli.ratchet("bench", "search", "--generate", "10");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--generate must be at least 100, e.g. --generate 1000000");
        DevtoolsCli.Result window = DevtoolsCli.ratchet("bench", "search", "--windows", "1d,week");
        assertThat(window.code()).isEqualTo(2);
        assertThat(window.err()).contains("--windows takes 1d, 7d, 30d and all, comma-separated; 'week' is none");
    }

    @Test
    void windows_limits_the_table_to_the_windows_asked_for(TestDatabase db) {
        DevtoolsCli.Result run = DevtoolsCli.ratchet(
                "--db-url",
                db.jdbcUrl(),
                "bench",
                "search",
                "--generate",
                "200",
                "--queries",
                "2",
                "--windows",
                "1d",
                "--each");
        assertThat(run.code())
                .as("stderr: %s%nstdout: %s", run.err(), run.out())
                .isZero();
        assertThat(run.out()).containsPattern("1 day +200 ").doesNotContain("7 days", "30 days", "all time");
        // --each: a line per query, its window, times and words
        assertThat(run.out())
                .containsPattern("(?m)^  1 day +[0-9.]+ ms  Go shape +[0-9.]+ ms  semantic half +[0-9.]+ ms  \".+\"$");
        assertThat(run.out().lines().filter(l -> l.startsWith("  1 day "))).hasSize(2);
    }

    @Test
    void generated_messages_are_stored_oldest_first_as_ingestion_appends_them(TestDatabase db) {
        DevtoolsCli.Result run = DevtoolsCli.ratchet(
                "--db-url",
                db.jdbcUrl(),
                "bench",
                "search",
                "--generate",
                "300",
                "--keep",
                "--queries",
                "2",
                "--windows",
                "1d");
        assertThat(run.code())
                .as("stderr: %s%nstdout: %s", run.err(), run.out())
                .isZero();
        TestSql sql = TestSql.of(db);
        // heap order is time order: a newest-first scan reads the table's pages in turn, as on an ingested history
        assertThat(sql.count("""
                        select count(*) from (
                          select posted_at, lag(posted_at) over (order by ctid) as before
                            from ratchet_bench_search.messages) m
                         where posted_at <= before""")).as("messages stored before an older one").isZero();
        assertThat(sql.count("select count(*) from ratchet_bench_search.messages where embedding is not null"))
                .isEqualTo(300);
        assertThat(sql.count("select count(distinct embedding::text) from ratchet_bench_search.messages"))
                .as("each message its own vector")
                .isEqualTo(300);
        assertThat(sql.count("select count(distinct channel_id) from ratchet_bench_search.messages"))
                .isEqualTo(20);
        sql.execute("drop schema ratchet_bench_search cascade");
        sql.execute("drop schema if exists ratchet_bench_search_jobs cascade");
    }

    @Test
    void an_empty_database_is_refused_naming_the_fix(TestDatabase db) {
        DevtoolsCli.Result run = DevtoolsCli.ratchet("--db-url", db.jdbcUrl(), "bench", "search");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("schema ratchet").contains("--generate N");
    }
}
