package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.docs.Documentation;
import dev.ratchet.core.docs.Documentation.RefreshResult;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two refreshes of one source never run at once: the second, from this process or another, skips itself. */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsRefreshLockTest {

    @Test
    void of_two_refreshes_at_once_one_does_the_work_and_the_other_is_skipped(TestDatabase db, @TempDir Path dir)
            throws Exception {
        try (Ratchet ratchet = start(db, dir, "handbook");
                Connection blocker = TestSql.of(db).connect()) {
            DocsSources.Source source = ratchet.docs().sources().get(0);
            // hold the source's status row, so that the first refresh stops (holding its lock) at its first write
            one(blocker, "insert into docs_sources (id, kind, attrs) values ('handbook', 'folder', '{}') returning id");
            blocker.setAutoCommit(false);
            one(blocker, "select id from docs_sources where id = 'handbook' for update");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                // nothing waits yet; this first look also takes the activity snapshot the check must not keep
                assertThat(waitingOnTheRow(blocker)).isFalse();
                Future<RefreshResult> first = pool.submit(() -> ratchet.docs().refresh(source));
                await().atMost(Duration.ofSeconds(120)).until(() -> waitingOnTheRow(blocker));

                RefreshResult second = ratchet.docs().refreshUnlessRunning(source);
                assertThat(second.skipped()).isTrue();
                assertThat(second.changed()).isZero();

                blocker.commit();
                RefreshResult done = first.get(180, TimeUnit.SECONDS);
                assertThat(done.skipped()).isFalse();
                assertThat(done.changed()).isEqualTo(2);
                assertThat(documents(db, "handbook")).isEqualTo(2);
            } finally {
                pool.shutdownNow();
            }
            RefreshResult after = ratchet.docs().refresh(source); // the lock went with the first refresh
            assertThat(after.skipped()).isFalse();
            assertThat(after.documents()).isEqualTo(2);
        }
    }

    @Test
    void a_refresh_is_skipped_while_another_process_holds_the_sources_lock(TestDatabase db, @TempDir Path dir)
            throws Exception {
        try (Ratchet ratchet = start(db, dir, "runbooks");
                Connection otherProcess = TestSql.of(db).connect()) {
            DocsSources.Source source = ratchet.docs().sources().get(0);
            long key = Documentation.lockKey("runbooks");
            assertThat(one(otherProcess, "select pg_try_advisory_lock(?)", key)).isEqualTo(true);
            assertThat(ratchet.docs().refreshUnlessRunning(source).skipped()).isTrue();
            assertThat(ratchet.docs().status())
                    .noneMatch(row -> row.get("id").equals("runbooks")); // a skipped refresh writes nothing

            // `ratchet docs refresh` (refresh) waits for the running one instead, then does its own
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<RefreshResult> waiting = pool.submit(() -> ratchet.docs().refresh(source));
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> ((Number)
                                                one(
                                                        otherProcess,
                                                        "select count(*) from pg_locks where locktype = 'advisory' and not granted"))
                                        .intValue()
                                == 1);
                assertThat(waiting).isNotDone();
                one(otherProcess, "select pg_advisory_unlock(?)", key);
                RefreshResult result = waiting.get(180, TimeUnit.SECONDS);
                assertThat(result.skipped()).isFalse();
                assertThat(result.changed()).isEqualTo(2);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Whether a refresh's statement is waiting for the row lock the blocker holds. The blocker's transaction stays open,
     * and PostgreSQL keeps the activity statistics a transaction first read until it ends, so the snapshot is dropped
     * before each look: without it, a first look taken before the refresh reached its insert (the model loads first, slow
     * on a loaded machine) was all the test ever saw, and it waited in vain.
     */
    private static boolean waitingOnTheRow(Connection blocker) throws SQLException {
        one(blocker, "select pg_stat_clear_snapshot()::text");
        return ((Number) one(blocker, """
                        select count(*) from pg_stat_activity
                         where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'
                           and query like 'insert into docs_sources%'""")).longValue() == 1;
    }

    /** The first column of the one row {@code sql} returns, on {@code c} (whose session holds the test's locks). */
    private static Object one(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    private static long documents(TestDatabase db, String sourceId) {
        return TestSql.of(db).number("select count(*) from docs_documents where source_id = ?", sourceId);
    }

    private static Ratchet start(TestDatabase db, Path dir, String id) throws Exception {
        Path docs = Files.createDirectories(dir.resolve(id));
        Files.writeString(
                docs.resolve("databases.md"), "# Databases\n\nRun `logrotate -f` when db-1 runs out of disk.\n");
        Files.writeString(docs.resolve("office.md"), "# Office\n\nLunch is served at noon.\n");
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(sources, "sources:\n  - id: " + id + "\n    kind: folder\n    path: " + id + "\n");
        return Ratchet.start(
                db.config(Map.of("llm.url", "off", "docs.sources-file", sources.toString())),
                ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                Clock.systemUTC());
    }
}
