package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.Stage;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Module work as durable JobRunr jobs: transactional enqueue, stage order, retries, idempotent delivery. */
@ExtendWith(RatchetDatabaseExtension.class)
class JobsTest {

    /** What handlers saw, as "module:handler:channel:ts", in order. */
    static final Queue<String> calls = new ConcurrentLinkedQueue<>();
    /** Failures still to inject per channel, to exercise retries. */
    static final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    static Ratchet ratchet;
    static MessageRepository messages;

    static final class Enricher implements RatchetModule {
        @Override
        public String id() {
            return "enricher";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on(
                    "tag",
                    Subscription.to(EventType.MESSAGE)
                            .inStage(Stage.ENRICH)
                            .includingBackfill()
                            .withRetry(RetryPolicy.NONE),
                    e -> {
                        sleepALittle();
                        record(
                                "enricher:tag",
                                e.message().channelId(),
                                e.message().ts());
                        if (failuresLeft
                                        .getOrDefault("enrich:" + e.message().channelId(), new AtomicInteger())
                                        .getAndDecrement()
                                > 0) {
                            throw new IllegalStateException("injected enrichment failure");
                        }
                        ctx.messages()
                                .annotate(e.message().channelId(), e.message().ts(), Map.of("tagged", true));
                    });
        }
    }

    static final class Reactor implements RatchetModule {
        @Override
        public String id() {
            return "reactor";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on("reply", Subscription.to(EventType.MESSAGE).withRetry(new RetryPolicy(2)), e -> {
                Object tagged = e.message().attrs().get("enricher");
                record(
                        "reactor:reply" + (tagged == null ? "(untagged)" : ""),
                        e.message().channelId(),
                        e.message().ts());
                if (failuresLeft
                                .getOrDefault(e.message().channelId(), new AtomicInteger())
                                .getAndDecrement()
                        > 0) {
                    throw new IllegalStateException("injected failure");
                }
            });
            ctx.job(
                    "digest",
                    RetryPolicy.DEFAULT,
                    params -> record("reactor:digest", (String) params.get("channel"), "-"));
        }
    }

    /**
     * A REACT handler with a filter: only events of C-PICKY channels whose message the enricher tagged (so the filter
     * sees the ENRICH stage's annotation), and not those of C-PICKY-NOT.
     */
    static final class Picky implements RatchetModule {
        @Override
        public String id() {
            return "picky";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on(
                    "check",
                    Subscription.to(EventType.MESSAGE)
                            .when(e -> e.message().channelId().startsWith("C-PICKY"))
                            .when(e -> e.message().attrs().get("enricher") != null)
                            .when(e -> !e.message().channelId().equals("C-PICKY-NOT")),
                    e -> record(
                            "picky:check", e.message().channelId(), e.message().ts()));
        }
    }

    static void record(String what, String channel, String ts) {
        calls.add(what + ":" + channel + ":" + ts);
    }

    static void sleepALittle() throws InterruptedException {
        Thread.sleep(100); // long enough that a REACT run started too early would overtake the enrichment
    }

    @BeforeAll
    static void start(TestDatabase db) {
        ModuleRegistry registry = ModuleRegistry.of(List.of(new Enricher(), new Reactor(), new Picky()))
                .enable(List.of(), List.of());
        ratchet = Ratchet.start(db.config(Map.of("jobs.workers", "4")), registry, Clock.systemUTC());
        ratchet.startJobServer();
        messages = ratchet.storage().messages();
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    @BeforeEach
    void clear() {
        calls.clear();
        failuresLeft.clear();
    }

    /** Stores a message and dispatches its event in one transaction, as ingestion does; wakes the job server. */
    static int ingest(String channel, String ts, boolean live) {
        int enqueued = ratchet.storage().transaction(() -> {
            messages.upsert("T1", channel, ts, null, Map.of("text", "event in " + channel));
            return ratchet.jobs().dispatcher().dispatch(EventRef.message("T1", channel, ts, false, live));
        });
        ratchet.jobs().dispatcher().wake();
        return enqueued;
    }

    static List<String> callsIn(String channel) {
        return calls.stream().filter(c -> c.contains(":" + channel + ":")).toList();
    }

    static String runState(String channel, String module) {
        return TestSql.of(ratchet)
                .string(
                        "select state || '/' || attempts from module_runs where event_key like ? and module_id = ?",
                        "%:" + channel + ":%",
                        module);
    }

    @Test
    void live_event_runs_enrichment_before_reaction() {
        assertThat(ingest("C-LIVE", "1700000000.000001", true)).isEqualTo(1); // only ENRICH is enqueued at first
        await().atMost(Duration.ofSeconds(20)).until(() -> callsIn("C-LIVE").size() == 2);
        assertThat(callsIn("C-LIVE"))
                .containsExactly("enricher:tag:C-LIVE:1700000000.000001", "reactor:reply:C-LIVE:1700000000.000001");
        assertThat(runState("C-LIVE", "enricher")).isEqualTo("done/1");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> runState("C-LIVE", "reactor").equals("done/1"));
    }

    @Test
    void a_filtered_reaction_starts_only_for_the_events_its_filter_accepts_after_enrichment() {
        ingest("C-PICKY", "1700000000.000011", true);
        ingest("C-PICKY-NOT", "1700000000.000012", true);
        await().atMost(Duration.ofSeconds(20)).until(() -> callsIn("C-PICKY").size() == 3);
        assertThat(callsIn("C-PICKY"))
                .containsExactlyInAnyOrder(
                        "enricher:tag:C-PICKY:1700000000.000011",
                        "reactor:reply:C-PICKY:1700000000.000011",
                        "picky:check:C-PICKY:1700000000.000011");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> callsIn("C-PICKY-NOT").size() == 2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> runState("C-PICKY-NOT", "picky").equals("done/0"));
        assertThat(callsIn("C-PICKY-NOT"))
                .containsExactly(
                        "enricher:tag:C-PICKY-NOT:1700000000.000012", "reactor:reply:C-PICKY-NOT:1700000000.000012");
        assertThat(TestSql.of(ratchet)
                        .string(
                                "select last_error from module_runs where event_key like ? and module_id = 'picky'",
                                "%:C-PICKY-NOT:%"))
                .isEqualTo("skipped: filtered by the subscription");
        // no job at all for the rejected run; the accepted one had its job
        String jobs = "select count(*) from ratchet_jobs.jobrunr_jobs where jobasjson like ?";
        assertThat(TestSql.of(ratchet).count(jobs, "%picky:check message:C-PICKY-NOT:%"))
                .isZero();
        assertThat(TestSql.of(ratchet).count(jobs, "%picky:check message:C-PICKY:%"))
                .isEqualTo(1);
        // events of other channels: the filter rejects them, and their runs are done without a call
        assertThat(calls).noneMatch(c -> c.startsWith("picky:") && !c.contains(":C-PICKY:"));
    }

    @Test
    void a_filter_is_for_reactions_only() {
        assertThatThrownBy(() ->
                        Subscription.to(EventType.MESSAGE).inStage(Stage.ENRICH).when(e -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REACT");
        assertThat(Subscription.to(EventType.MESSAGE).filtered()).isFalse();
        assertThat(Subscription.to(EventType.MESSAGE).when(e -> true).filtered())
                .isTrue();
        assertThat(new Subscription(java.util.Set.of(EventType.MESSAGE), Stage.REACT, false, RetryPolicy.DEFAULT))
                .isEqualTo(Subscription.to(EventType.MESSAGE));
    }

    @Test
    void a_job_an_earlier_version_queued_for_a_retired_handler_is_finished_as_skipped_not_failed() {
        // as after an upgrade: the queue holds a job (and its run) for a handler the module no longer registers
        String key = "msg:T1:C-RETIRED:1700000000.000009";
        ratchet.storage().moduleRuns().insert(key, "reactor", "retired-handler", "ENRICH", "enqueued", "{}");
        assertThat(ratchet.jobs()
                        .enqueue(
                                new dev.ratchet.core.jobs.EventJob("reactor", "retired-handler", key),
                                "reactor:retired-handler " + key,
                                null,
                                null,
                                0,
                                "module:reactor"))
                .isTrue();
        String run =
                "select state || ' ' || coalesce(last_error, '') from module_runs where event_key = ? and handler = ?";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestSql.of(ratchet).string(run, key, "retired-handler"), s -> s.startsWith("done"));
        assertThat(TestSql.of(ratchet).string(run, key, "retired-handler")).isEqualTo("done skipped: handler retired");
        String failed = "select count(*) from ratchet_jobs.jobrunr_jobs where state = 'FAILED' and jobasjson like ?";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestSql.of(ratchet)
                                .count(
                                        "select count(*) from ratchet_jobs.jobrunr_jobs where state = 'SUCCEEDED'"
                                                + " and jobasjson like ?",
                                        "%retired-handler%")
                        == 1);
        assertThat(TestSql.of(ratchet).count(failed, "%retired-handler%")).isZero();
    }

    @Test
    void a_batch_job_an_earlier_version_queued_for_a_retired_handler_finishes_its_queued_runs_as_skipped() {
        String key = "msg:T1:C-RETIRED-BATCH:1700000000.000010";
        ratchet.storage().moduleRuns().insert(key, "reactor", "retired-batch", "ENRICH", "queued", "{}");
        assertThat(ratchet.jobs()
                        .enqueue(
                                new dev.ratchet.core.jobs.ModuleBatchJob("reactor", "retired-batch"),
                                "reactor:retired-batch batch",
                                null,
                                null,
                                0,
                                "module:reactor"))
                .isTrue();
        String run =
                "select state || ' ' || coalesce(last_error, '') from module_runs where event_key = ? and handler = ?";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestSql.of(ratchet).string(run, key, "retired-batch"), s -> s.startsWith("done"));
        assertThat(TestSql.of(ratchet).string(run, key, "retired-batch")).isEqualTo("done skipped: handler retired");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestSql.of(ratchet)
                                .count(
                                        "select count(*) from ratchet_jobs.jobrunr_jobs where state = 'SUCCEEDED'"
                                                + " and jobasjson like ?",
                                        "%retired-batch%")
                        == 1);
        assertThat(TestSql.of(ratchet)
                        .count(
                                "select count(*) from ratchet_jobs.jobrunr_jobs where state = 'FAILED' and jobasjson like ?",
                                "%retired-batch%"))
                .isZero();
    }

    @Test
    void job_enqueued_in_a_rolled_back_transaction_never_runs() throws InterruptedException {
        assertThatThrownBy(() -> ratchet.storage().transaction(() -> {
                    messages.upsert("T1", "C-RB", "1700000000.000002", null, Map.of("text", "never stored"));
                    assertThat(ratchet.jobs()
                                    .dispatcher()
                                    .dispatch(EventRef.message("T1", "C-RB", "1700000000.000002", false, true)))
                            .isEqualTo(1);
                    throw new IllegalStateException("ingest failed after enqueue");
                }))
                .hasMessageContaining("ingest failed after enqueue");
        ratchet.jobs().dispatcher().wake();
        Thread.sleep(6_000); // longer than one poll interval (5 s): a leaked job would have started by now

        int jobRows = TestSql.of(ratchet)
                .count(
                        "select count(*) from ratchet_jobs.jobrunr_jobs where jobsignature like '%EventJob%' and jobasjson like '%C-RB%'");
        int runRows = ratchet.storage().moduleRuns().countWhereEventKeyLike("%C-RB%");
        assertThat(callsIn("C-RB")).isEmpty();
        assertThat(jobRows).isZero();
        assertThat(runRows).isZero();
        assertThat(messages.get("C-RB", "1700000000.000002")).isEmpty();
    }

    @Test
    void failing_handler_is_retried_on_its_own_without_rerunning_the_others() {
        failuresLeft.put("C-RETRY", new AtomicInteger(1));
        ingest("C-RETRY", "1700000000.000003", true);
        await().atMost(Duration.ofSeconds(40))
                .until(() -> runState("C-RETRY", "reactor").equals("done/2"));
        assertThat(callsIn("C-RETRY"))
                .containsExactly(
                        "enricher:tag:C-RETRY:1700000000.000003",
                        "reactor:reply:C-RETRY:1700000000.000003",
                        "reactor:reply:C-RETRY:1700000000.000003");
        assertThat(runState("C-RETRY", "enricher")).isEqualTo("done/1");
    }

    @Test
    void enrichment_that_gives_up_still_releases_the_reaction() {
        failuresLeft.put("enrich:C-GIVEUP", new AtomicInteger(1));
        ingest("C-GIVEUP", "1700000000.000004", true);
        await().atMost(Duration.ofSeconds(20)).until(() -> callsIn("C-GIVEUP").size() == 2);
        assertThat(callsIn("C-GIVEUP"))
                .containsExactly(
                        "enricher:tag:C-GIVEUP:1700000000.000004",
                        "reactor:reply(untagged):C-GIVEUP:1700000000.000004");
        assertThat(runState("C-GIVEUP", "enricher")).startsWith("failed/1");
    }

    @Test
    void a_reaction_left_running_by_its_enrichment_job_gets_a_job_of_its_own() {
        // The first record of the reactor's run of C-UNREC as done fails, as with the database out at that moment. The
        // enricher's job, which took that run into its worker, fails for it: it has no retries (RetryPolicy.NONE), so
        // no attempt of it takes the run back, and the run stays running for no one until the safety net sees it.
        TestSql sql = TestSql.of(ratchet);
        sql.execute("create sequence jobs_test_unrecorded");
        sql.execute("""
                create function jobs_test_unrecorded() returns trigger language plpgsql as $$
                begin
                  if new.module_id = 'reactor' and new.state = 'done' and new.event_key like '%:C-UNREC:%'
                     and nextval('jobs_test_unrecorded') = 1 then
                    raise exception 'injected: the end of the run could not be recorded';
                  end if;
                  return new;
                end $$""");
        sql.execute("create trigger jobs_test_unrecorded before update on module_runs"
                + " for each row execute function jobs_test_unrecorded()");
        try {
            ingest("C-UNREC", "1700000000.000009", true);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> callsIn("C-UNREC").size() == 2);
            assertThat(sql.number("select last_value from jobs_test_unrecorded"))
                    .isEqualTo(1);
            // until the enricher's job has failed for good, the run is its job's, and the safety net leaves it alone
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ratchet.jobs().safetyNet().retakeStranded(Duration.ZERO) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> runState("C-UNREC", "reactor").equals("done/2"));
            assertThat(callsIn("C-UNREC"))
                    .containsExactly(
                            "enricher:tag:C-UNREC:1700000000.000009",
                            "reactor:reply:C-UNREC:1700000000.000009",
                            "reactor:reply:C-UNREC:1700000000.000009");
            assertThat(runState("C-UNREC", "enricher")).isEqualTo("done/1");
            assertThat(ratchet.jobs().safetyNet().retakeStranded(Duration.ZERO)).isZero();
        } finally {
            sql.execute("drop trigger jobs_test_unrecorded on module_runs");
            sql.execute("drop function jobs_test_unrecorded()");
            sql.execute("drop sequence jobs_test_unrecorded");
        }
    }

    @Test
    void redelivered_event_enqueues_nothing_and_runs_once() throws InterruptedException {
        assertThat(ingest("C-DUP", "1700000000.000005", true)).isEqualTo(1);
        assertThat(ingest("C-DUP", "1700000000.000005", true)).isZero();
        assertThat(ingest("C-DUP", "1700000000.000005", true)).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> callsIn("C-DUP").size() >= 2);
        Thread.sleep(1_000);
        assertThat(callsIn("C-DUP")).hasSize(2);
    }

    @Test
    void backfilled_history_gets_enrichment_only() throws InterruptedException {
        ingest("C-HIST", "1600000000.000006", false);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> runState("C-HIST", "enricher").equals("done/1"));
        Thread.sleep(1_000);
        assertThat(callsIn("C-HIST")).containsExactly("enricher:tag:C-HIST:1600000000.000006");
        int reactorRuns = TestSql.of(ratchet)
                .count("select count(*) from module_runs where event_key like '%C-HIST%' and module_id = 'reactor'");
        assertThat(reactorRuns).isZero();
    }

    @Test
    void module_job_with_a_dedup_key_runs_once() throws InterruptedException {
        var jobs = ratchet.jobs().jobsOf("reactor");
        jobs.enqueue("digest", "week-47", Map.of("channel", "C-JOB"));
        jobs.enqueue("digest", "week-47", Map.of("channel", "C-JOB"));
        await().atMost(Duration.ofSeconds(20)).until(() -> callsIn("C-JOB").size() == 1);
        Thread.sleep(1_000);
        assertThat(callsIn("C-JOB")).containsExactly("reactor:digest:C-JOB:-");
        assertThatThrownBy(() -> jobs.enqueue("nope", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no job 'nope'");
    }
}
