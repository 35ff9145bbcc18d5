package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.llm.LocalEmbedder;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.OpenAiStub;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The in-process embedding model, the dimension check and re-embedding. */
@ExtendWith(RatchetDatabaseExtension.class)
class EmbeddingTest {

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void related_sentences_are_closer_than_unrelated_ones() {
        LocalEmbedder embedder = new LocalEmbedder();
        List<float[]> v = embedder.embed(List.of(
                "The database ran out of disk space on db-1",
                "Postgres primary volume is full, writes failing",
                "Lunch is served in the cafeteria at noon"));
        assertThat(v).allSatisfy(x -> assertThat(x).hasSize(384));
        double related = cosine(v.get(0), v.get(1));
        double unrelated = cosine(v.get(0), v.get(2));
        assertThat(related).isGreaterThan(unrelated + 0.1);
    }

    /** A vector for each text, all alike: the batch's storing is under test, not the model. */
    private static List<float[]> vectors(List<String> texts) {
        float[] v = new float[384];
        java.util.Arrays.fill(v, 0.1f);
        return texts.stream().map(t -> v).toList();
    }

    @Test
    void a_batch_does_not_hold_up_writes_to_its_messages_and_keeps_no_vector_of_a_text_edited_meanwhile(TestDatabase db)
            throws Exception {
        TestSql sql = TestSql.of(db);
        var messages = db.storage().messages();
        messages.upsert("T1", "C-EDIT", "4000000011.000000", null, Map.of("text", "disk full on db-1"));
        messages.upsert("T1", "C-EDIT", "4000000012.000000", null, Map.of("text", "api latency is high"));
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            int embedded = db.storage().embeddings().embedNewest(32, texts -> {
                // while the model runs: the classifier annotates one message, and the other is edited (its vector
                // forgotten, as an edit's dispatch does); neither may wait for the batch
                java.util.concurrent.Future<?> writes = other.submit(() -> {
                    sql.execute("update messages set attrs = attrs || '{\"classifier\": {\"action\": \"open\"}}'"
                            + " where channel_id = 'C-EDIT' and ts = '4000000011.000000'");
                    messages.upsert(
                            "T1", "C-EDIT", "4000000012.000000", null, Map.of("text", "api latency is back to normal"));
                    db.storage().embeddings().forget("C-EDIT", "4000000012.000000");
                });
                try {
                    writes.get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the writes waited for the embedding batch", e);
                }
                return vectors(texts);
            });
            assertThat(embedded).isGreaterThanOrEqualTo(2); // with any other test's messages left unembedded
            assertThat(sql.count("select count(*) from messages where channel_id = 'C-EDIT' and embedding is not null"
                            + " and ts = '4000000011.000000' and attrs -> 'classifier' is not null"))
                    .isEqualTo(1);
            // the edited message kept no vector of its old text; the next batch embeds the new one
            assertThat(sql.count("select count(*) from messages where channel_id = 'C-EDIT' and embedding is null"
                            + " and ts = '4000000012.000000'"))
                    .isEqualTo(1);
            List<String> next = new java.util.ArrayList<>();
            db.storage().embeddings().embedNewest(32, texts -> {
                next.addAll(texts);
                return vectors(texts);
            });
            assertThat(next).contains("api latency is back to normal");
            assertThat(sql.count("select count(*) from messages where channel_id = 'C-EDIT' and embedding is null"))
                    .isZero();
        } finally {
            other.shutdownNow();
            sql.execute("delete from messages where channel_id = 'C-EDIT'");
        }
    }

    @Test
    void concurrent_batches_take_different_messages(TestDatabase db) throws Exception {
        TestSql sql = TestSql.of(db);
        for (int i = 1; i <= 3; i++) {
            db.storage()
                    .messages()
                    .upsert("T1", "C-TWO", "400000000" + i + ".000000", null, Map.of("text", "message " + i));
        }
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            List<String> first = new java.util.ArrayList<>();
            List<String> second = new java.util.ArrayList<>();
            db.storage().embeddings().embedNewest(2, texts -> {
                first.addAll(texts);
                // another batch while this one runs (another job, or another process's)
                try {
                    other.submit(() -> db.storage().embeddings().embedNewest(2, more -> {
                                second.addAll(more);
                                return vectors(more);
                            }))
                            .get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return vectors(texts);
            });
            // the newest first (these are the newest messages of the database: their ts is in 2096)
            assertThat(first).containsExactly("message 3", "message 2");
            // the next newest the first batch does not hold (then, maybe, another test's message)
            assertThat(second).startsWith("message 1").doesNotContain("message 2", "message 3");
            assertThat(sql.count("select count(*) from messages where channel_id = 'C-TWO' and embedding is null"))
                    .isZero();
        } finally {
            other.shutdownNow();
            sql.execute("delete from messages where channel_id = 'C-TWO'");
        }
    }

    @Test
    void a_database_of_another_dimension_refuses_to_start_and_names_reembed(TestDatabase db) {
        TestSql sql = TestSql.of(db);
        db.storage().messages().upsert("T1", "C-DIM", "1700000000.000000", null, Map.of("text", "disk full on db-1"));
        sql.execute("update messages set embedding = array_fill(0.1::real, array[384])::vector"
                + " where channel_id = 'C-DIM'");
        // search's binary codes (V11) follow the embedding through triggers
        assertThat(sql.count("select count(*) from message_codes where channel_id = 'C-DIM'"))
                .isEqualTo(1);
        // a model of another dimension: the column's type changes (no trigger names the column) and the codes go too
        db.storage().embeddings().prepare(256);
        assertThat(sql.count("select count(*) from message_codes where channel_id = 'C-DIM'"))
                .isZero();
        try {
            assertThatThrownBy(() -> Ratchet.start(
                            db.config(Map.of()),
                            ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                            Clock.systemUTC()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("256-dimension embeddings")
                    .hasMessageContaining("384-dimension")
                    .hasMessageContaining("ratchet reembed");
        } finally {
            db.storage().embeddings().prepare(384);
            sql.execute("delete from messages where channel_id = 'C-DIM'");
        }
    }

    @Test
    void reembed_recomputes_every_embedding_in_the_background(TestDatabase db) {
        var messages = db.storage().messages();
        db.storage().transaction(() -> {
            for (int i = 0; i < 150; i++) {
                messages.upsert(
                        "T1",
                        "C-EMB",
                        (1700000000 + i) + ".000000",
                        null,
                        Map.of("text", "message number " + i + " about deploys"));
            }
            messages.upsert("T1", "C-EMB", "1700009999.000000", null, Map.of("text", ""));
            return null;
        });
        try (Ratchet ratchet = Ratchet.start(
                db.config(Map.of()), ModuleRegistry.of(List.of()).enable(List.of(), List.of()), Clock.systemUTC())) {
            ratchet.startJobServer();
            assertThat(ratchet.reembedding().remaining()).isEqualTo(150);
            ratchet.reembedding().start("test");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ratchet.reembedding().remaining() == 0);
        }
        int embedded = TestSql.of(db)
                .count("select count(*) from messages where channel_id = 'C-EMB' and embedding is not null");
        assertThat(embedded).isEqualTo(150);
    }

    /** Asks core to embed every message, as the classifier does; registers nothing else. */
    static class Embeds implements RatchetModule {
        @Override
        public String id() {
            return "embeds";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.embedMessages();
        }
    }

    static Ratchet embedding(TestDatabase db) {
        Ratchet ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off", "jobs.workers", "4")),
                ModuleRegistry.of(List.of(new Embeds())).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
        return ratchet;
    }

    @Test
    void stored_messages_are_embedded_once_each_in_batches_by_two_job_servers_and_again_after_an_edit(TestDatabase db) {
        String channel = "C-BATCH";
        try (Ratchet a = embedding(db);
                Ratchet b = embedding(db)) {
            for (int i = 0; i < 300; i++) {
                (i % 2 == 0 ? a : b)
                        .ingestor()
                        .storeHistory(
                                "T1",
                                channel,
                                Map.of("ts", (1700100000 + i) + ".000000", "user", "U1", "text", "deploy " + i));
            }
            a.ingestor().storeHistory("T1", channel, Map.of("ts", "1700109999.000000", "user", "U1", "text", ""));
            a.jobs().dispatcher().wake();
            b.jobs().dispatcher().wake();
            String embedded = "select count(*) from messages where channel_id = ? and embedding is not null";
            await().atMost(Duration.ofSeconds(120)).until(() -> TestSql.of(db).count(embedded, channel) == 300);
            // each message was embedded once: the recorded embedding calls hold 300 inputs in all, in batches
            assertThat(TestSql.of(db)
                            .count(
                                    "select coalesce(sum((request ->> 'inputs')::int), 0) from llm_calls where module_id = ?",
                                    "embeds"))
                    .isEqualTo(300);
            assertThat(TestSql.of(db).count("select count(*) from llm_calls where module_id = ?", "embeds"))
                    .isLessThan(300);

            String vector = "select coalesce(embedding::text, '') from messages where channel_id = ? and ts = ?";
            String before = TestSql.of(db).string(vector, channel, "1700100007.000000");
            a.ingestor()
                    .ingest(Json.write(Map.of(
                            "type",
                            "event_callback",
                            "team_id",
                            "T1",
                            "event_id",
                            "Ev-edit-7",
                            "event_time",
                            1700100100L,
                            "event",
                            Map.of(
                                    "type",
                                    "message",
                                    "subtype",
                                    "message_changed",
                                    "channel",
                                    channel,
                                    "ts",
                                    "1700100100.000000",
                                    "message",
                                    Map.of(
                                            "ts",
                                            "1700100007.000000",
                                            "user",
                                            "U1",
                                            "text",
                                            "the disk of db-1 is full")))));
            // the edit forgot the old vector and the next job embedded the new text
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String now = TestSql.of(db).string(vector, channel, "1700100007.000000");
                return !now.isEmpty() && !now.equals(before);
            });
        }
    }

    @Test
    void a_text_embedded_lately_as_a_message_or_a_search_query_is_not_run_through_the_model_again(TestDatabase db) {
        String channel = "C-KNOWN";
        String alert = "[FIRING:1] DiskFull (db-1 critical)";
        String vector = "select coalesce(embedding::text, '') from messages where channel_id = ? and ts = ?";
        String inputs = "select coalesce(sum((request ->> 'inputs')::int), 0) from llm_calls where module_id = ?";
        // a module of its own: the other tests count the inputs recorded for "embeds" in the same database
        Embeds module = new Embeds() {
            @Override
            public String id() {
                return "embeds-known";
            }
        };
        try (Ratchet ratchet = Ratchet.start(
                // one worker: batches one after the other, so that each finds what the one before put in the cache
                // (two batches at once can each run a text neither has seen: the cache saves later runs, it does not
                // make concurrent ones wait; with four workers the CI saw 4 inputs for the 2 texts)
                db.config(Map.of("llm.url", "off", "jobs.workers", "1")),
                ModuleRegistry.of(List.of(module)).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            ratchet.startJobServer();
            // the job server keeps the messages' IVFFlat index (VectorLists) as a core recurring job
            assertThat(ratchet.jobs().recurringJobIds()).contains("search-vector-lists");
            // the same alert firing three times, and a question asked twice, in one burst
            for (int i = 0; i < 5; i++) {
                ratchet.ingestor()
                        .storeHistory(
                                "T1",
                                channel,
                                Map.of(
                                        "ts",
                                        (1700300000 + i) + ".000000",
                                        "user",
                                        "U1",
                                        "text",
                                        i % 2 == 0 ? alert : "is db-1 healthy?"));
            }
            ratchet.jobs().dispatcher().wake();
            String embedded = "select count(*) from messages where channel_id = ? and embedding is not null";
            await().atMost(Duration.ofSeconds(120)).until(() -> TestSql.of(db).count(embedded, channel) == 5);
            // two texts, each run through the model once, whichever batches the five messages fell into
            assertThat(TestSql.of(db).count(inputs, "embeds-known")).isEqualTo(2);
            String first = TestSql.of(db).string(vector, channel, "1700300000.000000");
            assertThat(TestSql.of(db).string(vector, channel, "1700300004.000000"))
                    .isEqualTo(first);
            assertThat(first).isNotEqualTo(TestSql.of(db).string(vector, channel, "1700300001.000000"));

            // the alert firing again: its text is known, no model call
            ratchet.ingestor()
                    .storeHistory("T1", channel, Map.of("ts", "1700300010.000000", "user", "U1", "text", alert));
            // a text a search embedded first (the runbook's query without an LLM is the alert's text) is taken
            // from there for the stored message
            String searched = "[FIRING:1] HighLatency (api critical)";
            assertThat(ratchet.messages()
                            .search(new dev.ratchet.spi.MessageService.Search(
                                    "HighLatency",
                                    searched,
                                    List.of(),
                                    java.time.Instant.parse("2023-11-01T00:00:00Z"),
                                    java.time.Instant.now(),
                                    5,
                                    false)))
                    .isNotNull();
            ratchet.ingestor()
                    .storeHistory("T1", channel, Map.of("ts", "1700300011.000000", "user", "U1", "text", searched));
            ratchet.jobs().dispatcher().wake();
            await().atMost(Duration.ofSeconds(60)).until(() -> TestSql.of(db).count(embedded, channel) == 7);
            assertThat(TestSql.of(db).count(inputs, "embeds-known")).isEqualTo(2);
            assertThat(TestSql.of(db).string(vector, channel, "1700300010.000000"))
                    .isEqualTo(first);
            assertThat(TestSql.of(db).string(vector, channel, "1700300011.000000"))
                    .isNotEmpty()
                    .isNotEqualTo(first);
        }
    }

    @Test
    void whether_a_message_waits_for_its_embedding_or_a_run_is_open_is_read_from_the_queues(TestDatabase db) {
        String channel = "C-QUEUED";
        try (Ratchet ratchet = Ratchet.start(
                // a schema of its own: the other tests' messages are not in its queue
                db.config(Map.of("llm.url", "off", "jobs.workers", "2", "db.schema", "queued_test")),
                ModuleRegistry.of(List.of(new Embeds())).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            assertThat(ratchet.storage().embeddings().anyQueued()).isFalse();
            // a message without text is never embedded: it does not count as waiting
            ratchet.ingestor().storeHistory("T1", channel, Map.of("ts", "1700300000.000000", "user", "U1", "text", ""));
            assertThat(ratchet.storage().embeddings().anyQueued()).isFalse();
            ratchet.ingestor()
                    .storeHistory("T1", channel, Map.of("ts", "1700300001.000000", "user", "U1", "text", "disk full"));
            // no job server yet: the message waits
            assertThat(ratchet.storage().embeddings().anyQueued()).isTrue();
            String key = "test:" + channel;
            ratchet.storage().moduleRuns().insert(key, "embeds", "none", "ENRICH", "queued", "{}");
            assertThat(ratchet.storage().moduleRuns().anyUnfinished()).isTrue();
            ratchet.storage().moduleRuns().finish(key, "embeds", "none", "done", null);
            assertThat(ratchet.storage().moduleRuns().anyUnfinished()).isFalse();

            ratchet.startJobServer();
            ratchet.jobs().dispatcher().wake();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !ratchet.storage().embeddings().anyQueued());
            assertThat(ratchet.storage().messages().countEmbedded(channel)).isEqualTo(1);
        }
    }

    @Test
    void a_text_the_embedder_refuses_is_marked_and_does_not_stall_the_others(TestDatabase db) {
        String channel = "C-POISON";
        try (OpenAiStub stub = OpenAiStub.start().embeddingInputLimit(50);
                Ratchet ratchet = Ratchet.start(
                        db.config(Map.of(
                                "llm.url",
                                stub.baseUrl(),
                                "embedding.provider",
                                "openai",
                                "embedding.model",
                                "stub-embed",
                                "llm.max-retries",
                                "0")),
                        ModuleRegistry.of(List.of(new Embeds())).enable(List.of(), List.of()),
                        Clock.systemUTC())) {
            ratchet.startJobServer();
            // the newest message is a pasted log of 60 words, more than the endpoint takes (OpenAI answers 400)
            for (int i = 0; i < 10; i++) {
                String text = i == 9 ? "log line ".repeat(30).strip() : "disk full on db-" + i;
                ratchet.ingestor()
                        .storeHistory(
                                "T1", channel, Map.of("ts", (1700200000 + i) + ".000000", "user", "U1", "text", text));
            }
            ratchet.jobs().dispatcher().wake();
            String embedded = "select count(*) from messages where channel_id = ? and embedding is not null";
            await().atMost(Duration.ofSeconds(120)).until(() -> TestSql.of(db).count(embedded, channel) == 9);
            // a later message is embedded as usual: the refused one does not hold the queue. When a job took the
            // pasted log alone (it can, if it ran while the messages were being stored), a lone failure cannot
            // tell a refused text from an absent endpoint and leaves it; the next batch with it tells them apart
            ratchet.ingestor()
                    .storeHistory(
                            "T1", channel, Map.of("ts", "1700200010.000000", "user", "U1", "text", "db-1 is back"));
            ratchet.jobs().dispatcher().wake();
            String mark =
                    "select coalesce(attrs ->> 'embedding_error', '') from messages where channel_id = ? and ts = ?";
            // up to the embedding queue's once-a-minute retry after a lone failure, and on a loaded machine more
            await().atMost(Duration.ofSeconds(180))
                    .until(() -> TestSql.of(db).count(embedded, channel) == 10
                            && TestSql.of(db)
                                    .string(mark, channel, "1700200009.000000")
                                    .equals("refused"));
            assertThat(TestSql.of(db)
                            .count(
                                    "select count(*) from messages where channel_id = ? and (attrs ->> 'embedding_error') is not null",
                                    channel))
                    .isEqualTo(1);
            assertThat(ratchet.storage().embeddings().anyQueued())
                    .as("the refused text has left the queue")
                    .isFalse();
        }
    }
}
