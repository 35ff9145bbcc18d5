package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.HybridSearch;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.Storage;
import dev.ratchet.core.storage.VectorLists;
import dev.ratchet.core.storage.VectorLists.Outcome;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.MessageService.SearchHit;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The messages' IVFFlat index kept by {@link VectorLists} (the recurring job {@code search-vector-lists}): built past
 * the threshold (lowered here from 10,000 to 1,000), not below it, rebuilt after fourfold growth, a failed build's
 * INVALID leftover dropped; and search's results the same without the index (binary codes) and with it.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class VectorListsTest {

    static final long MIN = 1_000;
    static Database db;
    static Storage storage;
    static TestSql sql;

    @BeforeAll
    static void setUp(TestDatabase test) {
        db = test.database();
        storage = test.storage();
        sql = TestSql.of(test);
    }

    @BeforeEach
    void empty() {
        sql.execute(
                "drop index if exists messages_embedding_ivf, messages_embedding_ivf_next, messages_embedding_ivf_old");
        sql.execute("truncate messages cascade");
    }

    /** Adds {@code n} messages with random embeddings, one a second from {@code from} back in time. */
    static void embedded(int n, int from) {
        sql.execute("""
                insert into messages (channel_id, ts, team_id, attrs, embedding)
                select 'C-NOISE', (extract(epoch from now())::bigint - ? - i)::text || '.000000', 'T1',
                       jsonb_build_object('text', 'routine chatter about lunch and weekend plans number ' || i),
                       (select array_agg(random() - 0.5)::real[] from generate_series(1, 384) where i > 0)::vector
                  from generate_series(1, ?) as i""", from, n);
    }

    static List<Map<String, Object>> indexes() {
        return sql.rows("""
                select c.relname as name, i.indisvalid as valid, obj_description(c.oid, 'pg_class') as comment,
                       array_to_string(c.reloptions, ',') as options
                  from pg_index i join pg_class c on c.oid = i.indexrelid
                 where i.indrelid = to_regclass('messages') and c.relname like 'messages_embedding%'
                 order by c.relname""");
    }

    @Test
    void below_the_threshold_nothing_is_built() {
        embedded(999, 0);
        assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.TOO_FEW);
        assertThat(indexes()).isEmpty();
    }

    @Test
    void built_past_the_threshold_then_rebuilt_when_the_messages_grew_fourfold() {
        embedded(1_000, 0);
        // messages without an embedding do not count
        sql.execute("update messages set embedding = null where ts in (select ts from messages limit 1)");
        assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.TOO_FEW);
        embedded(1, 5_000);
        VectorLists lists = new VectorLists(db, MIN);
        assertThat(lists.maintain()).isEqualTo(Outcome.BUILT);
        assertThat(indexes()).singleElement().satisfies(i -> {
            assertThat(i).containsEntry("name", "messages_embedding_ivf").containsEntry("valid", true);
            assertThat(i.get("comment")).isEqualTo("built over 1000 embedded messages");
            assertThat(i.get("options")).isEqualTo("lists=1");
        });
        assertThat(lists.maintain()).isEqualTo(Outcome.CURRENT);
        embedded(2_999, 10_000); // 3,999: not yet four times 1,000
        assertThat(lists.maintain()).isEqualTo(Outcome.CURRENT);
        embedded(1, 20_000);
        assertThat(lists.maintain()).isEqualTo(Outcome.REBUILT);
        assertThat(indexes()).singleElement().satisfies(i -> {
            assertThat(i).containsEntry("name", "messages_embedding_ivf").containsEntry("valid", true);
            assertThat(i.get("comment")).isEqualTo("built over 4000 embedded messages");
            assertThat(i.get("options")).isEqualTo("lists=4");
        });
        assertThat(lists.maintain()).isEqualTo(Outcome.CURRENT);
    }

    @Test
    void an_index_built_by_v9_counts_the_messages_its_lists_were_chosen_for() {
        embedded(1_000, 0);
        // as V9 built it: no comment, lists = n / 1000
        sql.execute("create index messages_embedding_ivf on messages"
                + " using ivfflat ((embedding::halfvec(384)) halfvec_cosine_ops) with (lists = 1)");
        embedded(2_999, 10_000);
        assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.CURRENT);
        embedded(1, 20_000);
        assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.REBUILT);
        assertThat(indexes()).extracting(i -> i.get("comment")).containsExactly("built over 4000 embedded messages");
    }

    @Test
    void a_failed_concurrent_builds_invalid_index_is_dropped_then_built_again() {
        embedded(1_000, 0);
        // a concurrent build that fails leaves its index INVALID under its name (here: a unique index over duplicates)
        for (String name : List.of("messages_embedding_ivf", "messages_embedding_ivf_next")) {
            assertThatThrownBy(() -> sql.execute("create unique index concurrently " + name + " on messages (team_id)"))
                    .hasMessageContaining("could not create unique index");
        }
        assertThat(indexes()).extracting(i -> i.get("valid")).containsExactly(false, false);
        // search does not take it for the IVFFlat index
        assertThat(sql.string("select exists (select from pg_index i join pg_class c on c.oid = i.indexrelid"
                        + " where c.relname = 'messages_embedding_ivf' and i.indisvalid)::text"))
                .isEqualTo("false");
        assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.BUILT);
        assertThat(indexes())
                .singleElement()
                .satisfies(i -> assertThat(i)
                        .containsEntry("name", "messages_embedding_ivf")
                        .containsEntry("valid", true));
    }

    @Test
    void one_process_at_a_time() throws Exception {
        embedded(1_000, 0);
        try (Connection other = sql.connect();
                Statement s = other.createStatement()) {
            try (ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + 0x697666 + ", 0)")) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
            assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.BUSY);
            assertThat(indexes()).isEmpty();
            s.execute("select pg_advisory_unlock(" + 0x697666 + ", 0)");
        }
        assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.BUILT);
    }

    @Test
    void a_long_windows_search_finds_the_same_without_the_index_and_with_it() {
        // more than CODES_WINDOW (20,000) messages in the window: the IVFFlat index when there is one, else the codes.
        // The background is 25,000 messages spread around the embeddings of 120 sentences of chatter (an IVFFlat
        // index learns its lists from real embeddings' clusters; uniformly random vectors have none)
        MessageRepository repo = storage.messages();
        LocalEmbedder embedder = new LocalEmbedder();
        List<String> chatter = new java.util.ArrayList<>();
        for (String who : List.of("Ana", "Bo", "Chen", "Dee", "Eli", "Fay")) {
            for (String what : List.of(
                    "lunch at the new ramen place",
                    "the football match on saturday",
                    "a birthday cake in the kitchen",
                    "the team offsite in the mountains",
                    "a new coffee machine on floor two",
                    "holiday photos from the beach",
                    "the book club meeting next week",
                    "parking spots near the office",
                    "a cat video that went around",
                    "the quiz night results",
                    "bike to work day",
                    "the new hire's welcome drinks",
                    "a recipe for banana bread",
                    "the office plants needing water",
                    "a concert ticket to give away",
                    "the weather for the weekend",
                    "a charity run in the park",
                    "board games after work",
                    "the printer jam on floor three",
                    "a movie recommendation")) {
                chatter.add(who + " talks about " + what);
            }
        }
        List<float[]> base = embedder.embed(chatter);
        Instant now = Instant.now();
        for (int i = 0; i < chatter.size(); i++) {
            String ts = (now.getEpochSecond() - 86400 * 20 + i) + ".000000";
            int n = i;
            storage.transaction(() -> repo.upsert("T1", "C-BASE", ts, null, Map.of("text", chatter.get(n))));
            repo.setEmbedding("C-BASE", ts, base.get(i));
        }
        sql.execute("select setseed(0.42)");
        sql.execute("""
                insert into messages (channel_id, ts, team_id, attrs, embedding)
                select 'C-NOISE', (extract(epoch from now())::bigint - 7200 - i)::text || '.000000', 'T1',
                       jsonb_build_object('text', 'more of ' || (b.attrs ->> 'text')),
                       (select array_agg(x + (random() - 0.5) * 0.03) from unnest(cast(b.embedding as real[])) x)::vector
                  from generate_series(1, 25000) as i
                  join (select row_number() over (order by ts) - 1 as k, attrs, embedding from messages
                         where channel_id = 'C-BASE') b on b.k = i % 120""");
        List<String> texts = List.of(
                "db-1 disk is full, postgres stopped accepting writes",
                "the postgres volume ran out of space again on the primary",
                "cafeteria menu for friday: pizza and salad",
                "deployed api v2.3 to production",
                "who has the keys to the meeting room?");
        List<float[]> vectors = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            String ts = (now.getEpochSecond() - 3600 + i) + ".000000";
            int n = i;
            storage.transaction(() -> repo.upsert("T1", "C-OPS", ts, null, Map.of("text", texts.get(n), "user", "U1")));
            repo.setEmbedding("C-OPS", ts, vectors.get(i));
        }
        sql.execute("vacuum analyze messages");
        sql.execute("vacuum analyze message_codes");
        float[] query = embedder.embed(List.of("database disk full")).get(0);
        Search search = new Search(
                "database disk full", null, List.of(), now.minusSeconds(86400 * 30), now.plusSeconds(60), 5, false);

        assertThat(new HybridSearch(db, repo).explain(search, query).split("---")[1])
                .contains("on message_codes")
                .doesNotContain("messages_embedding");
        List<String> withoutIndex = texts(search, query);
        assertThat(withoutIndex).startsWith(texts.get(0)).contains(texts.get(1));
        assertThat(new VectorLists(db, MIN).maintain()).isEqualTo(Outcome.BUILT);
        assertThat(new HybridSearch(db, repo).explain(search, query).split("---")[1])
                .contains("messages_embedding_ivf");
        assertThat(texts(search, query)).isEqualTo(withoutIndex);
    }

    private static List<String> texts(Search search, float[] query) {
        // a new instance: it reads whether the index exists afresh
        List<SearchHit> hits =
                storage.hybridSearch(HybridSearch.DEFAULT_MAX_DISTANCE).search(search, Optional.of(query));
        return hits.stream().map(h -> h.message().text()).toList();
    }
}
