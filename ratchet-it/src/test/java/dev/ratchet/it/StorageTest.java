package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Json;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.core.storage.LlmCallRepository;
import dev.ratchet.core.storage.MessageIngest;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.MessageRepository.Upsert;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.core.storage.Storage;
import dev.ratchet.core.storage.VectorLists;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RatchetDatabaseExtension.class)
class StorageTest {

    static Database db;
    static Storage storage;
    static MessageRepository messages;
    static TestSql sql;

    @BeforeAll
    static void setUp(TestDatabase test) {
        db = test.database();
        storage = test.storage();
        messages = storage.messages();
        sql = TestSql.of(test);
    }

    @Test
    void an_event_stored_as_history_then_live_is_read_as_its_live_react_run_saw_it() {
        // onboarding stored the message first (its history run: live false), then its live event added a REACT run;
        // a REACT handler's filter (runbook's: live alerts only) must be judged on the live event
        messages.upsert("T1", "C-HL", "1700000090.000000", null, Map.of("text", "[FIRING:1] DiskFull", "bot_id", "B1"));
        ModuleRunRepository runs = new ModuleRunRepository(db);
        String key = "message:C-HL:1700000090.000000";
        String history =
                Json.write(Map.of("type", "MESSAGE", "channel", "C-HL", "ts", "1700000090.000000", "live", false));
        String live = Json.write(Map.of("type", "MESSAGE", "channel", "C-HL", "ts", "1700000090.000000", "live", true));
        runs.insertAll(List.of(key), "classifier", "classify", "ENRICH", "queued", List.of(history));
        runs.insertEach(
                key, live, List.of(new ModuleRunRepository.NewRun("runbook", "alert-opened", "REACT", "waiting")));

        var stored = runs.eventWithMessage(key).orElseThrow();
        assertThat(stored.event()).containsEntry("live", true);
        assertThat(stored.message()).map(Message::text).contains("[FIRING:1] DiskFull");
    }

    @Test
    void options_in_the_database_url_are_kept_beside_ratchets_own_on_both_pools(TestDatabase test) throws Exception {
        // a user's URL may carry its own server settings (options=-c ...); Ratchet adds search's IVFFlat settings to
        // every connection and synchronous_commit off to JobRunr's: each pool must have both, neither replacing the
        // other
        DatabaseSettings base = test.settings();
        String url = base.url() + (base.url().contains("?") ? "&" : "?") + "options="
                + java.net.URLEncoder.encode("-c statement_timeout=4321", java.nio.charset.StandardCharsets.UTF_8);
        Database withOptions = Database.connect(
                new DatabaseSettings(url, base.user(), base.password(), base.schema(), 2, base.embeddingDimension()));
        try {
            assertThat(settingsOf(withOptions.dataSource()))
                    .containsEntry("statement_timeout", "4321ms")
                    .containsEntry("ivfflat.probes", "5") // HybridSearch.LIST_OPTIONS
                    .containsEntry("synchronous_commit", "on");
            assertThat(settingsOf(withOptions.jobsDataSource()))
                    .containsEntry("statement_timeout", "4321ms")
                    .containsEntry("synchronous_commit", "off");
        } finally {
            withOptions.close();
        }
    }

    private static Map<String, String> settingsOf(javax.sql.DataSource source) throws Exception {
        try (var connection = source.getConnection();
                var rows = connection
                        .createStatement()
                        .executeQuery(
                                "select current_setting('statement_timeout'), current_setting('ivfflat.probes', true),"
                                        + " current_setting('synchronous_commit')")) {
            rows.next();
            Map<String, String> settings = new java.util.HashMap<>();
            settings.put("statement_timeout", rows.getString(1));
            settings.put("ivfflat.probes", String.valueOf(rows.getString(2)));
            settings.put("synchronous_commit", rows.getString(3));
            return settings;
        }
    }

    @Test
    void migrations_create_the_tables_and_applying_them_again_does_nothing() {
        List<String> tables = sql.strings(
                "select table_name from information_schema.tables where table_schema = 'ratchet' order by 1");
        assertThat(tables)
                .contains(
                        "channels",
                        "users",
                        "messages",
                        "llm_calls",
                        "bot_posts",
                        "docs_sources",
                        "docs_documents",
                        "docs_chunks",
                        "module_state",
                        "module_runs",
                        "settings");
        assertThat(db.migrate()).isZero();
        assertThat(db.pendingMigrations()).isZero();
        assertThat(db.schemaVersion()).isEqualTo("22");
    }

    @Test
    void embedding_dimension_is_recorded_in_the_database() {
        String dim = Integer.toString(storage.settings().embeddingDimension());
        String column = sql.string("""
                select format_type(atttypid, atttypmod) from pg_attribute
                 where attrelid = 'ratchet.messages'::regclass and attname = 'embedding'""");
        assertThat(dim).isEqualTo("384");
        assertThat(column).isEqualTo("vector(384)");
    }

    @Test
    void message_upsert_is_idempotent_on_channel_and_ts() {
        Map<String, Object> attrs = Map.of("text", "disk full on db-1", "user", "U1");
        assertThat(store("C-UP", "1700000000.000100", attrs)).isEqualTo(Upsert.INSERTED);
        assertThat(store("C-UP", "1700000000.000100", attrs)).isEqualTo(Upsert.UNCHANGED);
        assertThat(store(
                        "C-UP",
                        "1700000000.000100",
                        Map.of("text", "disk full on db-1 (edited)", "edited", Map.of("ts", "1700000100.000000"))))
                .isEqualTo(Upsert.UPDATED);

        int rows = messages.count("C-UP");
        Message stored = messages.get("C-UP", "1700000000.000100").orElseThrow();
        assertThat(rows).isEqualTo(1);
        assertThat(stored.text()).isEqualTo("disk full on db-1 (edited)");
        assertThat(stored.userId()).contains("U1");
        assertThat(stored.edited()).isTrue();
        assertThat(stored.teamId()).isEqualTo("T1");
        assertThat(stored.postedAt()).isEqualTo(Instant.ofEpochSecond(1700000000, 100_000));
    }

    @Test
    void annotations_are_kept_apart_per_module_and_survive_later_upserts() {
        storage.transaction(
                () -> messages.upsert("T1", "C-AN", "1700000001.000000", null, Map.of("text", "FIRING: HighLatency")));
        storage.transaction(() -> {
            messages.annotate("C-AN", "1700000001.000000", "classifier", Map.of("action", "open"));
            messages.annotate("C-AN", "1700000001.000000", "classifier", Map.of("service", "api"));
            return null;
        });
        storage.transaction(() -> messages.upsert(
                "T1",
                "C-AN",
                "1700000001.000000",
                null,
                Map.of("text", "FIRING: HighLatency", "reactions", Map.of("eyes", 1))));
        Message m = messages.get("C-AN", "1700000001.000000").orElseThrow();
        assertThat(m.attrs().get("classifier")).isEqualTo(Map.of("action", "open", "service", "api"));
        assertThat(m.attrs().get("reactions")).isEqualTo(Map.of("eyes", 1));
    }

    @Test
    void thread_returns_parent_then_replies_and_window_only_top_level_messages() {
        storage.transaction(() -> {
            messages.upsert("T1", "C-TH", "1700000010.000000", null, Map.of("text", "parent"));
            messages.upsert("T1", "C-TH", "1700000030.000000", "1700000010.000000", Map.of("text", "second reply"));
            messages.upsert("T1", "C-TH", "1700000020.000000", "1700000010.000000", Map.of("text", "first reply"));
            messages.upsert("T1", "C-TH", "1700000040.000000", null, Map.of("text", "another top-level"));
            return null;
        });
        assertThat(messages.thread("C-TH", "1700000010.000000"))
                .extracting(Message::text)
                .containsExactly("parent", "first reply", "second reply");
        assertThat(messages.window("C-TH", Instant.ofEpochSecond(1700000000), Instant.ofEpochSecond(1700000100), 10))
                .extracting(Message::text)
                .containsExactly("parent", "another top-level");
    }

    @Test
    void threads_reads_several_threads_with_one_query_each_as_thread_reads_it() {
        storage.transaction(() -> {
            messages.upsert("T1", "C-TS", "1700000110.000000", null, Map.of("text", "first alert"));
            messages.upsert("T1", "C-TS", "1700000130.000000", "1700000110.000000", Map.of("text", "later reply"));
            messages.upsert("T1", "C-TS", "1700000120.000000", "1700000110.000000", Map.of("text", "early reply"));
            messages.upsert("T1", "C-TS", "1700000140.000000", null, Map.of("text", "second alert"));
            messages.upsert("T1", "C-TS2", "1700000110.000000", null, Map.of("text", "same ts, other channel"));
            messages.upsert("T1", "C-TS2", "1700000150.000000", "1700000110.000000", Map.of("text", "its reply"));
            return null;
        });
        MessageRef first = new MessageRef("C-TS", "1700000110.000000");
        MessageRef second = new MessageRef("C-TS", "1700000140.000000");
        MessageRef other = new MessageRef("C-TS2", "1700000110.000000");
        MessageRef missing = new MessageRef("C-TS", "1700000199.000000");

        Map<MessageRef, List<Message>> threads = messages.threads(List.of(second, missing, first, other, second));

        // in the order asked, once each, every thread what thread() reads
        assertThat(threads.keySet()).containsExactly(second, missing, first, other);
        for (MessageRef ref : threads.keySet()) {
            assertThat(threads.get(ref)).isEqualTo(messages.thread(ref.channelId(), ref.ts()));
        }
        assertThat(threads.get(first))
                .extracting(Message::text)
                .containsExactly("first alert", "early reply", "later reply");
        assertThat(threads.get(second)).extracting(Message::text).containsExactly("second alert");
        assertThat(threads.get(other)).extracting(Message::text).containsExactly("same ts, other channel", "its reply");
        assertThat(threads.get(missing)).isEmpty();
        assertThat(messages.threads(List.of())).isEmpty();
    }

    @Test
    void nearest_neighbour_query_uses_the_ivfflat_index_once_built() {
        sql.execute("""
                insert into messages (channel_id, ts, team_id, attrs, embedding)
                select 'C-VEC', (1600000000 + i)::text || '.000000', 'T1', jsonb_build_object('text', 'message ' || i),
                       (select array_agg(random())::real[] from generate_series(1, 384) where i > 0)::vector
                  from generate_series(1, 2000) as i""");
        // V20 dropped the messages' HNSW index; the documentation's stays
        assertThat(sql.strings("select indexname from pg_indexes where schemaname = current_schema()"
                        + " and indexdef ilike '%using hnsw%' order by indexname"))
                .containsExactly("docs_chunks_embedding");
        assertThat(new VectorLists(db, 1_000).maintain()).isEqualTo(VectorLists.Outcome.BUILT);
        sql.execute("analyze messages");
        String query = "[" + "0.5,".repeat(383) + "0.5]";
        String nearest = "select channel_id, ts from messages"
                + " order by cast(embedding as halfvec(384)) <=> cast(cast(? as vector) as halfvec(384)) limit 5";
        assertThat(explain(nearest, query)).contains("Index Scan using messages_embedding_ivf");
        assertThat(sql.strings(nearest, query)).hasSize(5);
        sql.execute("drop index messages_embedding_ivf");
    }

    @Test
    void text_search_uses_the_gin_index() {
        sql.execute("""
                insert into messages (channel_id, ts, team_id, attrs)
                select 'C-TXT', (1500000000 + i)::text || '.000000', 'T1', jsonb_build_object('text', 'routine chatter about deploys number ' || i)
                  from generate_series(1, 20000) as i""");
        sql.execute(
                "insert into messages (channel_id, ts, team_id, attrs) values ('C-TXT', '1499999999.000000', 'T1', '{\"text\": \"postgres replication lag alert\"}')");
        sql.execute("vacuum analyze messages"); // flushes the GIN pending list, as autovacuum would
        String plan =
                explain("select ts from messages where tsv @@ websearch_to_tsquery('english', ?)", "replication lag");
        assertThat(plan).contains("messages_tsv");
    }

    private static Upsert store(String channel, String ts, Map<String, Object> attrs) {
        return storage.transaction(() -> messages.upsert("T1", channel, ts, null, attrs));
    }

    private String explain(String sql, String param) {
        return String.join("\n", StorageTest.sql.strings("explain " + sql, param));
    }

    @Test
    void nul_characters_in_text_and_json_are_stored_as_the_replacement_character() {
        new LlmCallRepository(db)
                .insert(new LlmCallRepository.NewCall(
                        "T1",
                        "nul-test",
                        "answer\0",
                        "chat",
                        "m",
                        Json.write(Map.of("messages", List.of("say \0 please"))),
                        Json.write(Map.of("content", "before\0after")),
                        1,
                        1,
                        1,
                        "failed at \0",
                        null,
                        null));
        var row = sql.rows(
                        "select purpose, error, request ->> 'messages' as request, response ->> 'content' as response"
                                + " from llm_calls where module_id = 'nul-test'")
                .get(0);
        assertThat(row)
                .containsEntry("purpose", "answer\uFFFD")
                .containsEntry("error", "failed at \uFFFD")
                .containsEntry("request", "[\"say \uFFFD please\"]")
                .containsEntry("response", "before\uFFFDafter");
    }

    @Test
    void a_new_message_its_runs_and_its_queues_marks_are_stored_by_one_statement_and_a_redelivery_stores_nothing() {
        MessageIngest ingest = new MessageIngest(db);
        String key = "message:C-ONE:1700000300.000000";
        List<ModuleRunRepository.NewRun> runs = List.of(
                new ModuleRunRepository.NewRun("classifier", "classify", "ENRICH", "enqueued"),
                new ModuleRunRepository.NewRun("tagger", "tag", "ENRICH", "queued"),
                new ModuleRunRepository.NewRun("runbook", "alert-opened", "REACT", "waiting"));
        List<String> queues = java.util.Arrays.asList(null, "module_queue:tagger:tag", null);
        sql.execute("delete from settings where key in ('module_queue:tagger:tag', 'one_statement_queue')");
        MessageIngest.Message message =
                new MessageIngest.Message("T1", "C-ONE", "1700000300.000000", null, Map.of("text", "[FIRING:1] X"));

        MessageIngest.Stored first = db.transaction(
                () -> ingest.store("Ev-ONE-1", "message", message, key, "{}", runs, queues, "one_statement_queue"));

        assertThat(first.duplicate()).isFalse();
        assertThat(first.upsert()).isEqualTo(Upsert.INSERTED);
        assertThat(first.runs()).isEqualTo(runs);
        assertThat(first.marked()).containsExactlyInAnyOrder("one_statement_queue", "module_queue:tagger:tag");
        assertThat(sql.count("select count(*) from slack_events where event_id = 'Ev-ONE-1'"))
                .isEqualTo(1);
        assertThat(sql.count("select count(*) from module_runs where event_key = ?", key))
                .isEqualTo(3);
        assertThat(sql.count(
                        "select count(*) from settings where key in ('module_queue:tagger:tag', 'one_statement_queue')"
                                + " and value = 'queued'"))
                .isEqualTo(2);

        // the same event again: nothing written, nothing marked
        MessageIngest.Stored again = db.transaction(() -> ingest.store(
                "Ev-ONE-1",
                "message",
                new MessageIngest.Message("T1", "C-ONE", "1700000300.000000", null, Map.of("text", "changed")),
                key,
                "{}",
                runs,
                queues,
                "one_statement_queue"));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.runs()).isEmpty();
        assertThat(again.marked()).isEmpty();
        assertThat(messages.get("C-ONE", "1700000300.000000"))
                .map(Message::text)
                .contains("[FIRING:1] X");

        // another event of the stored message (its app_mention, say): recorded, the message unchanged, no runs, and
        // the marks, on already, not asked
        MessageIngest.Stored other = db.transaction(
                () -> ingest.store("Ev-ONE-2", "message", message, key, "{}", runs, queues, "one_statement_queue"));
        assertThat(other.duplicate()).isFalse();
        assertThat(other.upsert()).isEqualTo(Upsert.UNCHANGED);
        assertThat(other.runs()).isEmpty();
        assertThat(other.marked()).isEmpty();

        // a transaction that fails after the statement leaves nothing of it
        MessageIngest.Message lost =
                new MessageIngest.Message("T1", "C-ONE", "1700000301.000000", null, Map.of("text", "lost"));
        try {
            db.transaction(() -> {
                ingest.store("Ev-ONE-3", "message", lost, key + "-lost", "{}", runs, queues, null);
                throw new IllegalStateException("crash before the commit");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(sql.count("select count(*) from slack_events where event_id = 'Ev-ONE-3'"))
                .isZero();
        assertThat(messages.get("C-ONE", "1700000301.000000")).isEmpty();
        assertThat(sql.count("select count(*) from module_runs where event_key = ?", key + "-lost"))
                .isZero();
    }
}
