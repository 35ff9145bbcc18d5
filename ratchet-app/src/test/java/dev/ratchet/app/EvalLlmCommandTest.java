package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.llm.ServerProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ratchet eval llm}: recorded calls (as {@code llm_calls} holds them, with 👍/👎 on the posts they made) replayed
 * against the OpenAI stub behaving like two models, which score differently.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class EvalLlmCommandTest {

    static TestDatabase db;
    OpenAiStub llm;

    static final String TOOLS = """
            [{"type": "function", "function": {"name": "search_messages", "description": "Search the channel.",
              "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}},
             {"type": "function", "function": {"name": "get_alerts", "description": "The open alerts.",
              "parameters": {"type": "object", "properties": {}}}}]""";
    static final String SCHEMA = "{\\\"type\\\": \\\"object\\\", \\\"required\\\": [\\\"summary\\\"], "
            + "\\\"properties\\\": {\\\"summary\\\": {\\\"type\\\": \\\"string\\\"}}}";

    @BeforeAll
    static void database(TestDatabase database) {
        db = database;
        RatchetCommand.commandLine(Map.of(), Path.of("")).execute("--db-url", db.jdbcUrl(), "migrate");
        TestSql sql = TestSql.of(db);
        sql.execute("delete from llm_calls");
        // a tool-calling question answered with a search, 👍
        recorded(
                sql,
                1,
                "commands",
                "agent",
                toolRequest("why is the disk full on db-1?"),
                """
                {"choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                  "tool_calls": [{"id": "c1", "type": "function",
                    "function": {"name": "search_messages", "arguments": "{\\"query\\": \\"disk\\"}"}}]}}]}""",
                "{\"+1\": [\"U1\"]}",
                400);
        // a question the model answered in text, 👍
        recorded(
                sql,
                2,
                "commands",
                "agent",
                toolRequest("what is the status page url?"),
                textAnswer("status.example.com"),
                "{\"+1\": [\"U1\", \"U2\"]}",
                300);
        // a tool choice the team disliked: not a reference
        recorded(sql, 3, "commands", "agent", toolRequest("any alerts on checkout?"), """
                {"choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                  "tool_calls": [{"id": "c2", "type": "function",
                    "function": {"name": "get_alerts", "arguments": "{}"}}]}}]}""", "{\"-1\": [\"U1\"]}", 500);
        // a JSON call (schema in the prompt, json_schema response format), no feedback
        recorded(
                sql,
                4,
                "runbook",
                "summary",
                """
                {"model": "gpt-4o-mini", "messages": [
                  {"role": "system", "content": "Answer with one JSON object, and nothing else, valid against this JSON Schema:\\n%s"},
                  {"role": "user", "content": "Summarise the incident in the thread."}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "summary", "strict": false,
                   "schema": {"type": "object", "required": ["summary"], "properties": {"summary": {"type": "string"}}}}}}""".formatted(SCHEMA),
                textAnswer("{\\\"summary\\\": \\\"disk full\\\"}"),
                null,
                700);
        // doctor's own call: never replayed
        recorded(sql, 5, "doctor", "doctor", toolRequest("doctor"), textAnswer("ok"), null, 10);
    }

    static String toolRequest(String question) {
        return "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"system\", \"content\": \"You answer on-call "
                + "questions.\"}, {\"role\": \"user\", \"content\": \"" + question + "\"}], \"tools\": " + TOOLS + "}";
    }

    static String textAnswer(String text) {
        return "{\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", "
                + "\"content\": \"" + text + "\"}}]}";
    }

    /** A recorded call, the post it produced and the reactions on that post. */
    static void recorded(
            TestSql sql,
            int n,
            String module,
            String purpose,
            String request,
            String response,
            String reactions,
            int ms) {
        String ts = "1700000000.00000" + n;
        sql.execute(
                "insert into messages (channel_id, ts, team_id, attrs) values ('C_EVAL', ?, 'T1', cast(? as jsonb))",
                ts,
                reactions == null
                        ? "{\"text\": \"answer\"}"
                        : "{\"text\": \"answer\", \"reactions\": " + reactions + "}");
        long post = sql.number(
                "insert into bot_posts (module_id, post_key, channel_id, ts, event_key) values (?, ?, 'C_EVAL', ?, ?) returning id",
                module,
                "eval-" + n,
                ts,
                "e" + n);
        sql.execute(
                "insert into llm_calls (module_id, purpose, kind, model, request, response, latency_ms, event_key, bot_post_id) "
                        + "values (?, ?, 'chat', 'gpt-4o-mini', cast(? as jsonb), cast(? as jsonb), ?, ?, ?)",
                module,
                purpose,
                request,
                response,
                ms,
                "e" + n,
                post);
    }

    @BeforeEach
    void stub() {
        llm = OpenAiStub.start();
        llm.profile(ServerProfile.ollama()).models("qwen2.5:7b");
    }

    @AfterEach
    void close() {
        llm.close();
    }

    record Result(int code, String out, String err) {}

    Result eval(String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = RatchetCommand.commandLine(Map.of(), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--db-url",
                db.jdbcUrl(),
                "--set",
                "llm.url=" + llm.baseUrl(),
                "--set",
                "llm.model=qwen2.5:7b",
                "--set",
                "llm.max-retries=0",
                "eval",
                "llm",
                "--since",
                "7d"));
        args.addAll(java.util.List.of(more));
        return new Result(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void a_model_that_chooses_like_the_liked_answers_agrees_fully_and_answers_valid_json() {
        llm.onChat().whenJsonRequested().reply("{\"summary\": \"the disk of db-1 filled up\"}");
        llm.onChat().whenLastUserMessageContains("disk").replyWithToolCall("search_messages", "{\"query\": \"disk\"}");
        llm.onChat().whenLastUserMessageContains("alerts").replyWithToolCall("search_messages", "{\"query\": \"x\"}");
        llm.defaultReply("It is status.example.com.");

        Result r = eval();

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Replayed 4 recorded chat call(s) against qwen2.5:7b (recorded with gpt-4o-mini)")
                .contains("JSON answers   1/1 valid against their schema on the first try (100%)")
                .contains("tool choice    2/2 agree with the 👍 answers (100%)")
                .contains("latency        recorded p50 400 ms, p95 700 ms; qwen2.5:7b p50 ")
                .contains("failed         none")
                .doesNotContain("differ");
        // the recorded requests, sent with the configured model; the doctor's call left alone
        assertThat(llm.chatRequests())
                .hasSize(4)
                .allSatisfy(q -> assertThat(q.model()).isEqualTo("qwen2.5:7b"));
        assertThat(llm.chatRequests())
                .noneMatch(q -> q.lastUserMessage().orElse("").equals("doctor"));
        assertThat(TestSql.of(db).count("select count(*) from llm_calls where module_id = 'eval'"))
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_model_that_never_calls_tools_and_breaks_json_scores_lower_and_says_where() {
        llm.defaultReply("I cannot tell.");

        Result r = eval("--module", "commands");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Replayed 3 recorded chat call(s) of commands against qwen2.5:7b")
                .contains("no JSON calls")
                .contains("tool choice    1/2 agree with the 👍 answers (50%)")
                .contains("call ")
                .contains("(commands/agent): recorded search_messages, now a text answer");

        Result all = eval();
        assertThat(all.out())
                .contains("JSON answers   0/1 valid against their schema on the first try (0%)")
                .contains("(runbook/summary): the answer is not JSON");
    }

    @Test
    void a_server_that_does_not_answer_is_an_error_not_a_score() {
        Result r = eval("--limit", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--limit 0");

        llm.close();
        Result down = eval();
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("eval llm: generation is off").contains(llm.baseUrl());
        assertThat(down.out()).doesNotContain("Replayed");
    }
}
