package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Graceful shutdown: closing a Ratchet lets a running job finish within {@code jobs.shutdown-grace}, and a job still
 * running after it is handed back, so that another process runs it again.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class ShutdownTest {

    /** A handler that, when {@code blocking}, waits until released (or interrupted) on its first event. */
    static final class Blocker implements RatchetModule {
        final boolean blocking;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger finished = new AtomicInteger();
        final AtomicBoolean interrupted = new AtomicBoolean();

        Blocker(boolean blocking) {
            this.blocking = blocking;
        }

        @Override
        public String id() {
            return "blocker";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on("hold", Subscription.to(EventType.MESSAGE), e -> {
                entered.countDown();
                if (blocking) {
                    try {
                        release.await();
                    } catch (InterruptedException ie) {
                        interrupted.set(true);
                        throw ie;
                    }
                }
                finished.incrementAndGet();
            });
        }
    }

    static Ratchet start(TestDatabase db, Blocker module, String grace) {
        Ratchet ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off", "jobs.shutdown-grace", grace)),
                ModuleRegistry.of(List.of(module)).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
        return ratchet;
    }

    /** Starts a Ratchet whose handler blocks, feeds it the message {@code ts}, and waits until the handler runs. */
    static Ratchet startBlocked(TestDatabase db, Blocker blocker, String grace, String ts) throws InterruptedException {
        Ratchet ratchet = start(db, blocker, grace);
        ingest(ratchet, ts);
        assertThat(blocker.entered.await(30, TimeUnit.SECONDS)).isTrue();
        return ratchet;
    }

    static void ingest(Ratchet ratchet, String ts) {
        ratchet.ingestor()
                .ingest(Json.write(Map.of(
                        "type",
                        "event_callback",
                        "team_id",
                        "T_SHUT",
                        "event_id",
                        "EvShut" + ts.replace(".", ""),
                        "event",
                        Map.of(
                                "type",
                                "message",
                                "channel",
                                "C_SHUT",
                                "user",
                                "U_ALICE",
                                "text",
                                "hold on",
                                "ts",
                                ts,
                                "event_ts",
                                ts))));
    }

    static Map<String, Object> run(TestDatabase db, String ts) {
        List<Map<String, Object>> rows = TestSql.of(db)
                .rows(
                        "select state, attempts from module_runs where event_key = ? and module_id = 'blocker' and handler = 'hold'",
                        "message:C_SHUT:" + ts);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one run, got " + rows.size());
        }
        return rows.get(0);
    }

    static String jobState(TestDatabase db, String ts) {
        return TestSql.of(db)
                .string(
                        "select state from " + db.settings().jobsSchema()
                                + ".jobrunr_jobs where cast(jobasjson as jsonb) ->> 'jobName' = ?",
                        "blocker:hold message:C_SHUT:" + ts);
    }

    /** Whether {@code t} is inside JobRunr's server stop, which waits for the running jobs. */
    static boolean stoppingJobServer(Thread t) {
        return Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals("org.jobrunr.server.BackgroundJobServer")
                        && f.getMethodName().equals("stop"));
    }

    @Test
    void running_job_finishes_and_is_recorded_done_before_close_returns(TestDatabase db) throws Exception {
        Blocker blocker = new Blocker(true);
        Ratchet ratchet = startBlocked(db, blocker, "30s", "1700000001.000100");

        Thread closer = new Thread(ratchet::close, "test-closer");
        closer.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> stoppingJobServer(closer));
        assertThat(blocker.finished).hasValue(0); // close is waiting on the job
        blocker.release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(closer.isAlive()).isFalse();
        assertThat(blocker.interrupted).isFalse();
        assertThat(blocker.finished).hasValue(1);
        assertThat(run(db, "1700000001.000100")).containsEntry("state", "done").containsEntry("attempts", 1);
        assertThat(jobState(db, "1700000001.000100")).isEqualTo("SUCCEEDED");
    }

    @Test
    void job_still_running_after_the_grace_is_handed_back_and_another_process_runs_it(TestDatabase db)
            throws Exception {
        Blocker stuck = new Blocker(true);
        startBlocked(db, stuck, "1s", "1700000002.000200").close();

        assertThat(stuck.interrupted).isTrue();
        assertThat(stuck.finished).hasValue(0);
        assertThat(run(db, "1700000002.000200")).containsEntry("state", "retrying");
        assertThat(jobState(db, "1700000002.000200")).isIn("SCHEDULED", "ENQUEUED"); // JobRunr's retry

        Blocker next = new Blocker(false);
        try (Ratchet second = start(db, next, "30s")) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "done".equals(run(db, "1700000002.000200").get("state")));
            assertThat(next.finished).hasValue(1);
            assertThat(run(db, "1700000002.000200")).containsEntry("attempts", 2);
        }
    }
}
