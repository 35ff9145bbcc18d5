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
 * A window of more than 100,000 messages ranks words of middling frequency from the newest slice of the GIN index's
 * matches (the slice's {@code posted_at} entries ANDed with the words' postings): on a generated history of 120,000
 * messages (83 days at one a minute), words found together in 800-950 of them rank over all time exactly the newest 200
 * matches, as reading every match would; and words found in one message 80 days old still find it, with a common
 * word the GIN index leaves to the rows read as well.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class HybridSearchSliceTest {

    /** Found together in 0.6-0.8 % of generated messages (1 M: 6,662-7,811). */
    private static final List<String> MIDDLING = List.of("latency retry", "ingress memory", "disk backlog error");

    @Test
    void a_long_window_ranks_the_newest_matches_and_still_finds_an_old_rare_one(TestDatabase tdb) {
        Database db = tdb.database();
        db.migrate();
        SearchBench data = new SearchBench(db);
        data.generate(120_000, Instant.now(), tdb.settings().embeddingDimension());
        Instant newest = data.newest().orElseThrow();
        String old = newest.minus(Duration.ofDays(80)).getEpochSecond() + ".000300";
        String older = newest.minus(Duration.ofDays(81)).getEpochSecond() + ".000300";
        db.withHandle(h -> {
            h.createUpdate("""
                            insert into messages (channel_id, ts, team_id, attrs)
                            values ('CBENCH03', :ts, 'TBENCH',
                                    '{"text": "zeppelin quasar overheated on the east ring", "user": "UBENCH03"}')""").bind("ts", old).execute();
            h.createUpdate("""
                            insert into messages (channel_id, ts, team_id, attrs)
                            values ('CBENCH04', :ts, 'TBENCH',
                                    '{"text": "zeppelin error on the west ring", "user": "UBENCH04"}')""").bind("ts", older).execute();
            return h.execute("analyze messages");
        });
        Instant until = newest.plusSeconds(1);
        Instant since = until.minus(Duration.ofDays(365L * 100));
        HybridSearch hybrid = new HybridSearch(db, new MessageRepository(db));

        for (String words : MIDDLING) {
            long matches = db.withHandle(
                    h -> h.createQuery("select count(*) from messages where tsv @@ plainto_tsquery('english', :q)")
                            .bind("q", words)
                            .mapTo(Long.class)
                            .one());
            assertThat(matches).as("'%s' of middling frequency", words).isBetween(500L, 1_500L);
            List<String> expected = db.withHandle(
                    h -> h.createQuery("""
                            with newest as (
                              select channel_id, ts, posted_at, tsv from messages
                               where tsv @@ plainto_tsquery('english', :q)
                               order by posted_at desc limit 200)
                            select channel_id || '/' || ts from newest
                             order by ts_rank_cd(tsv, plainto_tsquery('english', :q)) desc, posted_at desc
                             limit 10""").bind("q", words).mapTo(String.class).list());
            List<String> hits =
                    keys(hybrid.search(new Search(words, null, List.of(), since, until, 10, true), Optional.empty()));
            assertThat(hits).as("'%s' over all time", words).hasSize(10).isEqualTo(expected);
        }

        List<String> rare = keys(hybrid.search(
                new Search("zeppelin quasar", null, List.of(), since, until, 10, true), Optional.empty()));
        assertThat(rare).as("a past occurrence, 80 days old").containsExactly("CBENCH03/" + old);
        // "error" (in most generated messages) is left out of the GIN index's condition and checked on each row read:
        // the other message with "zeppelin" is read and left out
        List<String> common = keys(
                hybrid.search(new Search("zeppelin error", null, List.of(), since, until, 10, true), Optional.empty()));
        assertThat(common).as("a rare word with a common one").containsExactly("CBENCH04/" + older);
    }

    private static List<String> keys(List<SearchHit> hits) {
        return hits.stream()
                .map(h -> h.message().channelId() + "/" + h.message().ts())
                .toList();
    }
}
