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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search ranks a window past a day by meaning on a second connection, beside the lexical ranking: on a generated history
 * of 25,000 messages (one a minute) a week takes the binary codes and 30 days the IVFFlat index, and both give exactly
 * the hits of the ranking run in the lexical ranking's own statement. A search that reuses its span's count and its
 * words' lexemes from an earlier search (no plan statement) and whose rankings return the hits' rows (no rows
 * statement) finds the same hits as a new search's first, and as the rows statement the relevance cut reads.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class HybridSearchBesideTest {

    @Test
    void a_large_window_ranked_beside_finds_the_same_hits_as_ranked_in_one_statement(TestDatabase tdb) {
        Database db = tdb.database();
        db.migrate();
        SearchBench data = new SearchBench(db);
        data.generate(25_000, Instant.now(), tdb.settings().embeddingDimension());
        Instant until = data.newest().orElseThrow().plusSeconds(1);
        MessageRepository repository = new MessageRepository(db);
        HybridSearch beside = new HybridSearch(db, repository, HybridSearch.DEFAULT_MAX_DISTANCE, true);
        HybridSearch along = new HybridSearch(db, repository, HybridSearch.DEFAULT_MAX_DISTANCE, false);
        List<SearchBench.Sample> samples = data.samples(8, 42);
        int compared = 0;
        for (Duration window : List.of(Duration.ofDays(7), Duration.ofDays(30))) {
            Instant since = until.minus(window);
            assertThat(data.windowSize(since, until))
                    .as("past the exact sort's 5,000")
                    .isGreaterThan(5_000);
            for (SearchBench.Sample s : samples) {
                String words = String.join(" ", List.of(s.text().split("\\s+")).subList(0, 2));
                Search search = new Search(words, null, List.of(), since, until, 10, true);
                List<String> a = keys(beside.search(search, Optional.of(s.embedding())));
                List<String> b = keys(along.search(search, Optional.of(s.embedding())));
                assertThat(a).as("%s over %s", words, window).isNotEmpty().isEqualTo(b);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(16);
        int reused = 0;
        for (Duration window : List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30))) {
            Instant since = until.minus(window);
            for (SearchBench.Sample s : samples) {
                String words = String.join(" ", List.of(s.text().split("\\s+")).subList(0, 3));
                Search search = new Search(words, null, List.of(), since, until, 10, true);
                // a new instance plans with a statement; `beside` has counted this span already, and after the first
                // search knows the words' lexemes too
                List<String> first = keys(new HybridSearch(db, repository, HybridSearch.DEFAULT_MAX_DISTANCE, true)
                        .search(search, Optional.of(s.embedding())));
                List<String> again = keys(beside.search(search, Optional.of(s.embedding())));
                List<String> twice = keys(beside.search(search, Optional.of(s.embedding())));
                List<String> read =
                        beside.scored(search, HybridSearch.Audience.ANYONE, Optional.of(s.embedding())).stream()
                                .limit(10)
                                .map(h -> h.hit().message().channelId() + "/"
                                        + h.hit().message().ts())
                                .toList();
                assertThat(again)
                        .as("%s over %s", words, window)
                        .isNotEmpty()
                        .isEqualTo(first)
                        .isEqualTo(twice)
                        .isEqualTo(read);
                reused++;
            }
        }
        assertThat(reused).isEqualTo(24);
        assertThat(Thread.getAllStackTraces().keySet())
                .as("the semantic ranking ran on its own thread")
                .anyMatch(t -> t.getName().equals("ratchet-search-semantic"));
    }

    private static List<String> keys(List<SearchHit> hits) {
        return hits.stream()
                .map(h -> h.message().channelId() + "/" + h.message().ts())
                .toList();
    }
}
