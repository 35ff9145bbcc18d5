package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Stage;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Onboarding stopped midway (the process goes away) resumes in the next process without duplicates. */
@ExtendWith(RatchetDatabaseExtension.class)
class OnboardingResumeTest {

    static final class Indexer implements RatchetModule {
        @Override
        public String id() {
            return "indexer";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on(
                    "index",
                    Subscription.to(EventType.MESSAGE).inStage(Stage.ENRICH).includingBackfill(),
                    e -> {});
        }
    }

    @Test
    void interrupted_onboarding_resumes_where_it_stopped_without_duplicates(TestDatabase db) {
        try (SlackEmulator slack = SlackEmulator.start()) {
            slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addChannel("C_BIG", "big-channel");
            Instant base = Instant.now().minus(Duration.ofDays(3));
            for (int i = 0; i < 30; i++) {
                slack.seed("C_BIG", "U_ALICE", "line " + i, base.plusSeconds(i * 10L));
            }
            Map<String, String> flags = TestBot.slackFlags(slack);
            flags.put("slack.history-page-size", "5");
            flags.put("slack.history-interval", "1s"); // 6 pages, a second apart: time to stop midway
            var config = db.config(flags);

            Ratchet first = Ratchet.start(
                    config, ModuleRegistry.of(List.of(new Indexer())).enable(List.of(), List.of()), Clock.systemUTC());
            first.startJobServer();
            first.startSlackEvents();
            slack.botJoins("C_BIG");
            await().atMost(Duration.ofSeconds(30)).until(() -> page(first) >= 2);
            first.close();
            int storedAtStop = count(db, "select count(*) from messages where channel_id = 'C_BIG'");
            assertThat(storedAtStop).isBetween(10, 25);

            Ratchet second = Ratchet.start(
                    config, ModuleRegistry.of(List.of(new Indexer())).enable(List.of(), List.of()), Clock.systemUTC());
            try {
                second.startJobServer();
                // each page waits for the interval, then for JobRunr's poll (5 s) to pick its scheduled job: ~25 s on
                // an idle machine for the last three pages, several times that under load
                await().atMost(Duration.ofSeconds(180))
                        .until(() -> "done".equals(onboarding(second).get("state")));
                assertThat(count(db, "select count(*) from messages where channel_id = 'C_BIG'"))
                        .isEqualTo(30);
                assertThat(count(db, "select count(*) from module_runs where event_key like 'message:C_BIG:%'"))
                        .isEqualTo(30);
                assertThat(onboarding(second)).containsEntry("fetched", 30);
                // each page is fetched once, give or take the page in flight at the stop
                assertThat(slack.callCount("conversations.history")).isBetween(6, 8);
            } finally {
                second.close();
            }
        }
    }

    static int page(Ratchet r) {
        Object p = onboarding(r).get("page");
        return p instanceof Number n ? n.intValue() : 0;
    }

    static Map<String, Object> onboarding(Ratchet r) {
        Object o = r.directory().channel("C_BIG").orElse(Map.of()).get("onboarding");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
        return m;
    }

    static int count(TestDatabase db, String sql) {
        return TestSql.of(db).count(sql);
    }
}
