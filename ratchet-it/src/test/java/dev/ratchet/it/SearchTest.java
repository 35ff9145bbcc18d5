package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hybrid search: both rankings come from their indexes, and relevant messages outrank unrelated ones. */
@ExtendWith(RatchetDatabaseExtension.class)
class SearchTest {

    static final AtomicReference<ModuleContext> ctx = new AtomicReference<>();
    static Ratchet ratchet;
    static MessageService messages;
    static final Instant NOW = Instant.now();

    static final class Searcher implements RatchetModule {
        @Override
        public String id() {
            return "searcher";
        }

        @Override
        public void start(ModuleContext context) {
            ctx.set(context);
        }
    }

    @BeforeAll
    static void start(TestDatabase db) {
        ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off")),
                ModuleRegistry.of(List.of(new Searcher())).enable(List.of(), List.of()),
                Clock.systemUTC());
        messages = ctx.get().messages();
        MessageRepository repo = ratchet.storage().messages();
        // background: many messages with random vectors, so the planner has a real table to choose plans for
        TestSql.of(ratchet).execute("""
                insert into messages (channel_id, ts, team_id, attrs, embedding)
                select 'C-NOISE', (extract(epoch from now())::bigint - 86400 * 3 + i)::text || '.000000', 'T1',
                       jsonb_build_object('text', 'routine chatter about lunch and weekend plans number ' || i),
                       (select array_agg(random() - 0.5)::real[] from generate_series(1, 384) where i > 0)::vector
                  from generate_series(1, 4000) as i""");
        List<String> texts = List.of(
                "db-1 disk is full, postgres stopped accepting writes",
                "the postgres volume ran out of space again on the primary",
                "cafeteria menu for friday: pizza and salad",
                "deployed api v2.3 to production",
                "who has the keys to the meeting room?");
        LocalEmbedder embedder = new LocalEmbedder();
        List<float[]> vectors = embedder.embed(texts);
        ratchet.storage().transaction(() -> {
            for (int i = 0; i < texts.size(); i++) {
                String ts = (NOW.getEpochSecond() - 3600 + i) + ".000000";
                repo.upsert("T1", "C-OPS", ts, null, Map.of("text", texts.get(i), "user", "U1"));
            }
            return null;
        });
        for (int i = 0; i < texts.size(); i++) {
            messages.setEmbedding("C-OPS", (NOW.getEpochSecond() - 3600 + i) + ".000000", vectors.get(i));
        }
        TestSql.of(ratchet).execute("vacuum analyze messages");
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    @Test
    void relevant_messages_outrank_unrelated_ones_and_meaning_counts_without_shared_words() {
        List<SearchHit> hits = messages.search(new Search(
                "database disk full", null, List.of("C-OPS"), NOW.minusSeconds(86400), NOW.plusSeconds(60), 5, false));
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).message().text()).isEqualTo("db-1 disk is full, postgres stopped accepting writes");
        assertThat(hits.get(0).lexicalRank()).isEqualTo(1);
        assertThat(hits.get(0).semanticRank()).isPositive();
        List<String> order = hits.stream().map(h -> h.message().text()).toList();
        // shares no word with the query ("space", "volume"), found by meaning, and ranked above the chatter
        assertThat(order).contains("the postgres volume ran out of space again on the primary");
        assertThat(order.indexOf("the postgres volume ran out of space again on the primary"))
                .isLessThan(
                        order.indexOf("cafeteria menu for friday: pizza and salad") < 0
                                ? Integer.MAX_VALUE
                                : order.indexOf("cafeteria menu for friday: pizza and salad"));
    }

    @Test
    void bots_are_excluded_unless_asked_for_and_the_window_is_respected() {
        var repo = ratchet.storage().messages();
        String ts = (NOW.getEpochSecond() - 60) + ".000000";
        ratchet.storage()
                .transaction(() -> repo.upsert(
                        "T1",
                        "C-OPS",
                        ts,
                        null,
                        Map.of("text", "[FIRING:1] DiskFull db-1 disk full", "bot_id", "B-AM")));
        Search humans = new Search(
                "disk full", null, List.of("C-OPS"), NOW.minusSeconds(86400), NOW.plusSeconds(60), 10, false);
        Search all =
                new Search("disk full", null, List.of("C-OPS"), NOW.minusSeconds(86400), NOW.plusSeconds(60), 10, true);
        Search old = new Search(
                "disk full",
                null,
                List.of("C-OPS"),
                NOW.minusSeconds(86400 * 30),
                NOW.minusSeconds(86400 * 2),
                10,
                true);
        assertThat(messages.search(humans)).noneMatch(h -> h.message().botId().isPresent());
        assertThat(messages.search(all)).anyMatch(h -> h.message().botId().isPresent());
        assertThat(messages.search(old)).isEmpty();
    }

    @Test
    void the_bots_own_posts_and_join_notices_are_not_found() {
        var repo = ratchet.storage().messages();
        long at = NOW.getEpochSecond() - 120;
        String text = "zookeeper quorum lost on the staging ensemble";
        float[] v = new LocalEmbedder().embed(List.of(text)).get(0);
        ratchet.storage().transaction(() -> {
            repo.upsert("T1", "C-NOTES", at + ".000000", null, Map.of("text", text, "user", "U1"));
            // what a module posted, quoting it (stored as the bot's own: attrs.own)
            repo.upsert(
                    "T1",
                    "C-NOTES",
                    (at + 1) + ".000000",
                    null,
                    Map.of("text", "Recent activity: " + text, "bot_id", "B-RATCHET", "own", true));
            repo.upsert(
                    "T1",
                    "C-NOTES",
                    (at + 2) + ".000000",
                    null,
                    Map.of(
                            "text",
                            "<@U2> has joined the channel (zookeeper staging)",
                            "user",
                            "U2",
                            "subtype",
                            "channel_join"));
            return null;
        });
        for (int i = 0; i < 3; i++) {
            messages.setEmbedding("C-NOTES", (at + i) + ".000000", v);
        }
        List<SearchHit> hits = messages.search(new Search(
                "zookeeper staging", null, List.of("C-NOTES"), NOW.minusSeconds(86400), NOW.plusSeconds(60), 5, true));
        assertThat(hits).extracting(h -> h.message().text()).containsExactly(text);
    }

    @Test
    void both_rankings_use_their_indexes() {
        float[] q = new LocalEmbedder().embed(List.of("database disk full")).get(0);
        // with the default floor: the distance filter sits outside the index scan, which the planner still uses
        String plans = ratchet.storage()
                .hybridSearch(HybridSearch.DEFAULT_MAX_DISTANCE)
                .explain(
                        new Search(
                                "database disk full",
                                null,
                                List.of(),
                                NOW.minusSeconds(86400 * 7),
                                NOW.plusSeconds(60),
                                10,
                                true),
                        q);
        assertThat(plans.split("---")[0]).contains("messages_tsv");
        // no IVFFlat index below 10,000 embedded messages (VectorLists), no HNSW index (V20): a long window's
        // semantic ranking reads the binary codes from their window index
        assertThat(plans.split("---")[1]).contains("message_codes_window");
    }
}
