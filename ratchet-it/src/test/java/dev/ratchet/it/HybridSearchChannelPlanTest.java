package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.SearchBench;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A search limited to a channel (recent activity's: an alert's channel, a week) is planned for its channel every time:
 * its statements' channel condition, written for any list of channels, is {@code channel_id = any('{C}')} only in a
 * custom plan, which reads the channel's rows from {@code messages_channel_posted_at}. The generic plan PostgreSQL
 * took for a prepared statement from its sixth use on a connection read the whole window from
 * {@code messages_posted_at} instead (on time-ordered history, as ingestion stores it: 2,581 buffers for a channel's
 * week at 1 M, 513 planned for it). Here the same channel search runs a dozen times on one connection, as a busy
 * channel's alerts do, and no statement of it may have run a generic plan there.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class HybridSearchChannelPlanTest {

    @Test
    void a_channel_search_never_runs_a_generic_plan(TestDatabase tdb) {
        Database db = tdb.database();
        db.migrate();
        SearchBench data = new SearchBench(db);
        data.generate(20_000, Instant.now(), tdb.settings().embeddingDimension()); // 14 days, in time order
        List<SearchBench.Sample> samples = data.samples(12, 3);
        Instant until = data.newest().orElseThrow().plusSeconds(1);
        Instant since = until.minus(Duration.ofDays(7));
        HybridSearch hybrid = new HybridSearch(db, new MessageRepository(db));

        List<Map<String, Object>> generic = db.inTransaction(h -> {
            // in a transaction: every statement of the searches on this one connection
            for (SearchBench.Sample sample : samples) {
                String words =
                        String.join(" ", List.of(sample.text().split(" ")).subList(0, 2));
                List<SearchHit> hits = hybrid.search(
                        new Search(words, null, List.of("CBENCH03"), since, until, 10, false),
                        new HybridSearch.Audience("CBENCH03", false),
                        Optional.of(sample.embedding()));
                assertThat(hits).as("'%s' in CBENCH03's week", words).isNotEmpty();
                assertThat(hits)
                        .allSatisfy(hit -> assertThat(hit.message().channelId()).isEqualTo("CBENCH03"))
                        .allSatisfy(hit -> assertThat(hit.message().postedAt())
                                .isAfterOrEqualTo(since)
                                .isBefore(until));
            }
            return h.createQuery("""
                            select statement, generic_plans, custom_plans from pg_prepared_statements
                             where statement like '%channel_id = any(cast($%' and generic_plans > 0""").mapToMap().list();
        });
        assertThat(generic).as("channel statements run on a generic plan").isEmpty();
    }
}
