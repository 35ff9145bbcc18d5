package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.llm.LlmCallExport;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.LlmAnswerInvalidException;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.ChatReply;
import dev.ratchet.testkit.llm.OpenAiStub;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The LLM layer through the real openai-java client against the OpenAI-compatible stub. */
@ExtendWith(RatchetDatabaseExtension.class)
class LlmTest {

    static final String SCHEMA = """
            {"type": "object", "required": ["overview", "steps"], "additionalProperties": false,
             "properties": {"overview": {"type": "string"}, "steps": {"type": "array", "items": {"type": "string"}, "minItems": 1}}}""";

    /** Captures its context so the test can call the LLM service as the module would. */
    static final class Asker implements RatchetModule {
        static final AtomicReference<ModuleContext> ctx = new AtomicReference<>();
        final String id;

        Asker(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void start(ModuleContext context) {
            ctx.compareAndSet(null, context);
            if (id.equals("budgeted")) {
                budgeted.set(context);
            }
        }

        static final AtomicReference<ModuleContext> budgeted = new AtomicReference<>();
    }

    static OpenAiStub stub;
    static Ratchet ratchet;
    static LlmService llm;
    static TestDatabase database;

    @BeforeAll
    static void start(TestDatabase db) {
        database = db;
        stub = OpenAiStub.start().models("qwen2.5:7b", "stub-embed");
        ratchet = Ratchet.start(
                db.config(Map.of(
                        "llm.url", stub.baseUrl(), "llm.model", "qwen2.5:7b", "llm.module-budgets", "budgeted=5")),
                ModuleRegistry.of(List.of(new Asker("asker"), new Asker("budgeted")))
                        .enable(List.of(), List.of()),
                Clock.systemUTC());
        llm = Asker.ctx.get().llm();
    }

    @AfterAll
    static void stop() {
        ratchet.close();
        stub.close();
    }

    @BeforeEach
    void resetStub() {
        stub.reset();
    }

    static int count(String sql) {
        return TestSql.of(ratchet).count(sql);
    }

    @Test
    void chat_answer_is_recorded_with_tokens_and_latency() throws Exception {
        stub.onChat().whenLastUserMessageContains("capital").reply("Paris.");
        String answer = llm.chat(
                "geography",
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is the capital of France?")));
        assertThat(answer).isEqualTo("Paris.");
        assertThat(llm.chatAvailable()).isTrue();
        var rows = TestSql.of(ratchet).rows("""
                select module_id, purpose, kind, model, prompt_tokens, completion_tokens, latency_ms, error,
                       request -> 'messages' -> 1 ->> 'content' as prompt, response -> 'choices' -> 0 -> 'message' ->> 'content' as answer
                  from llm_calls where purpose = 'geography'""");
        assertThat(rows).hasSize(1);
        var row = rows.get(0);
        assertThat(row)
                .containsEntry("module_id", "asker")
                .containsEntry("kind", "chat")
                .containsEntry("model", "qwen2.5:7b")
                .containsEntry("prompt", "What is the capital of France?")
                .containsEntry("answer", "Paris.");
        assertThat((Integer) row.get("prompt_tokens")).isPositive();
        assertThat((Integer) row.get("completion_tokens")).isPositive();
        assertThat(row.get("latency_ms")).isNotNull();
        assertThat(row.get("error")).isNull();
    }

    @Test
    void invalid_json_answer_is_sent_back_with_its_errors_and_the_valid_one_returned() throws Exception {
        stub.onChat()
                .whenAnyMessageContains("runbook for DiskFull")
                .replySequence(
                        "{\"overview\": \"disk full\"}",
                        "```json\n{\"overview\": \"disk full\", \"steps\": [\"rotate logs\"]}\n```");
        String json = llm.json("runbook", List.of(ChatMessage.user("Write a runbook for DiskFull")), SCHEMA);
        assertThat(json).isEqualTo("{\"overview\": \"disk full\", \"steps\": [\"rotate logs\"]}");
        assertThat(stub.chatRequests()).hasSize(2);
        assertThat(stub.chatRequests().get(0).responseFormat())
                .hasValueSatisfying(f -> assertThat(f.json()).isTrue());
        assertThat(stub.chatRequests().get(1).lastUserMessage())
                .hasValueSatisfying(m ->
                        assertThat(m).contains("not valid against the schema").contains("steps"));
    }

    @Test
    void answer_still_invalid_after_the_retries_is_an_error_not_data() {
        stub.onChat().whenAnyMessageContains("never valid").reply("{\"overview\": 42}");
        assertThatThrownBy(() -> llm.json("runbook", List.of(ChatMessage.user("never valid")), SCHEMA))
                .isInstanceOf(LlmAnswerInvalidException.class)
                .hasMessageContaining("not valid against its JSON schema after 3 attempts")
                .satisfies(e ->
                        assertThat(((LlmAnswerInvalidException) e).lastAnswer()).isEqualTo("{\"overview\": 42}"));
        assertThat(stub.chatRequests()).hasSize(3);
    }

    @Test
    void tool_loop_calls_the_tool_feeds_back_its_result_and_returns_the_answer() throws Exception {
        List<Map<String, Object>> calls = new ArrayList<>();
        Tool lookup = new Tool(
                "lookup_owner", "Who owns a service.", """
                {"type": "object", "required": ["service"], "properties": {"service": {"type": "string"}}}""", List.of("who owns api?"), false, (args, caller) -> {
                    calls.add(args);
                    return Map.of("owner", "team-payments");
                });
        stub.onChat()
                .whenLastUserMessageContains("who owns")
                .replyWithToolCall("lookup_owner", "{\"service\": \"billing\"}");
        stub.onChat().whenToolResultPresent("lookup_owner").reply("billing is owned by team-payments.");
        LlmService.ToolLoop loop = llm.runTools(
                "commands",
                List.of(ChatMessage.user("who owns billing?")),
                List.of(lookup),
                new Tool.ToolCall("C1", "1.0", "U1"),
                4);
        assertThat(loop.answer()).contains("billing is owned by team-payments.");
        assertThat(loop.stoppedAtBound()).isFalse();
        assertThat(calls).containsExactly(Map.of("service", "billing"));
        assertThat(loop.calls()).singleElement().satisfies(c -> {
            assertThat(c.tool()).isEqualTo("lookup_owner");
            assertThat(c.result()).contains("team-payments");
        });
        assertThat(stub.chatRequests().get(0).offersTool("lookup_owner")).isTrue();
        assertThat(stub.chatRequests().get(1).toolResult("lookup_owner"))
                .hasValueSatisfying(r -> assertThat(r).contains("team-payments"));
    }

    @Test
    void tool_loop_stops_at_its_bound_and_bad_arguments_are_reported_to_the_model() throws Exception {
        Tool lookup = new Tool(
                "lookup_owner",
                "Who owns a service.",
                """
                {"type": "object", "required": ["service"], "properties": {"service": {"type": "string"}}}""",
                List.of(),
                false,
                (args, caller) -> Map.of("owner", "nobody"));
        stub.onChat().whenLastUserMessageContains("loop forever").replyWithToolCall("lookup_owner", "{\"svc\": 1}");
        stub.onChat().whenToolResultPresent("lookup_owner").replyWithToolCall("lookup_owner", "{\"service\": \"x\"}");
        LlmService.ToolLoop loop = llm.runTools(
                "commands",
                List.of(ChatMessage.user("loop forever")),
                List.of(lookup),
                new Tool.ToolCall("C1", "1.0", "U1"),
                3);
        assertThat(loop.stoppedAtBound()).isTrue();
        assertThat(loop.answer()).isEmpty();
        assertThat(stub.chatRequests()).hasSize(3);
        assertThat(loop.calls()).hasSize(3);
        assertThat(loop.calls().get(0).failed()).isTrue();
        assertThat(loop.calls().get(0).result()).contains("invalid arguments").contains("service");
    }

    @Test
    void rate_limit_and_server_errors_are_retried_with_backoff() throws Exception {
        stub.onChat().whenLastUserMessageContains("retry me").reply("done");
        stub.failNext(1, 429);
        stub.failNext(1, 500);
        assertThat(llm.chat("retries", List.of(ChatMessage.user("retry me")))).isEqualTo("done");
        assertThat(stub.chatRequests()).hasSize(3);
        List<String> errors = TestSql.of(ratchet)
                .strings("select coalesce(error, 'ok') from llm_calls where purpose = 'retries' order by id");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).contains("429");
        assertThat(errors.get(1)).contains("500");
        assertThat(errors.get(2)).isEqualTo("ok");
    }

    @Test
    void answers_that_are_json_but_not_chat_completions_are_unavailable_and_recorded_as_errors() {
        List<String> bodies = List.of(
                "{\"choices\":\"nope\"}",
                "{}",
                "{\"choices\":[]}",
                "{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}",
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":{\"a\":1}}}]}");
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            String purpose = "malformed-" + i;
            stub.reset();
            stub.onChat().reply(ChatReply.raw(body));
            assertThatThrownBy(() -> llm.chat(purpose, List.of(ChatMessage.user("hello"))))
                    .as(body)
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessageContaining("malformed answer");
            List<String> errors = TestSql.of(ratchet)
                    .strings("select coalesce(error, 'ok') from llm_calls where purpose = '" + purpose
                            + "' order by id");
            // retried like any malformed answer, and every attempt recorded as the error it was
            assertThat(errors)
                    .as(body)
                    .hasSize(4)
                    .allSatisfy(e -> assertThat(e).startsWith("malformed answer (not a chat completion"));
        }
    }

    @Test
    void a_password_in_llm_url_is_in_no_error_and_no_reason_recorded(TestDatabase db) {
        try (OpenAiStub failing = OpenAiStub.start()) {
            failing.onChat().reply(ChatReply.error(500));
            String url = failing.baseUrl().replace("://", "://ratchet:S3cretPassw0rd@");
            try (Ratchet withPassword = Ratchet.start(
                    db.config(Map.of("llm.url", url, "llm.max-retries", "0")),
                    ModuleRegistry.of(List.of(new Asker("secretive"))).enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                LlmService service = withPassword.llm().forModule("secretive");
                assertThat(service.chatAvailable()).isTrue();
                assertThatThrownBy(() -> service.chat("x", List.of(ChatMessage.user("hello"))))
                        .isInstanceOf(LlmUnavailableException.class)
                        .hasMessageContaining("http://***@127.0.0.1")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3cretPassw0rd"));
                assertThat(TestSql.of(withPassword)
                                .strings("select error from llm_calls where module_id = 'secretive'"))
                        .isNotEmpty()
                        .noneMatch(e -> e.contains("S3cretPassw0rd"));
            }
        }
    }

    @Test
    void spent_budget_stops_generation_for_the_module() throws Exception {
        LlmService budgeted = Asker.budgeted.get().llm();
        stub.onChat()
                .whenLastUserMessageContains("spend")
                .reply("a long answer that spends the tiny budget of this module for the day");
        budgeted.chat("spend", List.of(ChatMessage.user("spend some tokens please, many words here to count")));
        int before = stub.chatRequests().size();
        assertThatThrownBy(() -> budgeted.chat("spend", List.of(ChatMessage.user("spend again"))))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("daily token budget of module budgeted (5 tokens) is spent");
        assertThat(stub.chatRequests()).hasSize(before); // failed fast, nothing sent
        assertThat(llm.chatAvailable()).isTrue(); // other modules are not affected
    }

    @Test
    void export_writes_chat_format_jsonl() {
        StringWriter out = new StringWriter();
        stub.onChat().whenLastUserMessageContains("export me").reply("exported answer");
        try {
            llm.chat("export", List.of(ChatMessage.user("export me")));
        } catch (LlmUnavailableException e) {
            throw new AssertionError(e);
        }
        int n = new LlmCallExport(ratchet.storage().llmCalls())
                .write(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60), "asker", out);
        assertThat(n).isPositive();
        String line = out.toString()
                .lines()
                .filter(l -> l.contains("export me"))
                .findFirst()
                .orElseThrow();
        assertThat(line)
                .contains("\"role\":\"user\"")
                .contains("\"content\":\"export me\"")
                .contains("{\"role\":\"assistant\",\"content\":\"exported answer\"}")
                .contains("\"label\":null")
                .contains("\"purpose\":\"export\"");
    }

    @Test
    void unreachable_llm_leaves_modules_working_and_chat_fails_with_a_typed_error(TestDatabase db) throws Exception {
        try (Ratchet off = Ratchet.start(
                db.config(Map.of("llm.url", "http://127.0.0.1:1/v1")),
                ModuleRegistry.of(List.of(new Asker("offline"))).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            LlmService service = off.llm().forModule("offline");
            assertThat(service.chatAvailable()).isFalse();
            assertThatThrownBy(() -> service.chat("x", List.of(ChatMessage.user("hello"))))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessageContaining("generation is off")
                    .hasMessageContaining("127.0.0.1:1");
            // embeddings are in-process and keep working
            assertThat(service.embed(List.of("still searchable"))).hasSize(1);
        }
    }

    @Test
    void remote_embeddings_of_another_dimension_refuse_to_start_and_name_reembed(TestDatabase db) {
        try (OpenAiStub wide = OpenAiStub.start().embeddingDimension(768)) {
            assertThatThrownBy(() -> Ratchet.start(
                            db.config(Map.of(
                                    "llm.url",
                                    wide.baseUrl(),
                                    "embedding.provider",
                                    "openai",
                                    "embedding.model",
                                    "nomic-embed-text")),
                            ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                            Clock.systemUTC()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("384-dimension embeddings")
                    .hasMessageContaining("768-dimension")
                    .hasMessageContaining("ratchet reembed");
        }
    }

    @Test
    void remote_embeddings_of_the_right_dimension_work(TestDatabase db) throws Exception {
        try (Ratchet remote = Ratchet.start(
                db.config(Map.of(
                        "llm.url", stub.baseUrl(), "embedding.provider", "openai", "embedding.model", "stub-embed")),
                ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            List<float[]> v =
                    remote.llm().forModule("x").embed(List.of("disk full on db-1", "db-1 disk is full", "lunch menu"));
            assertThat(v).hasSize(3).allSatisfy(x -> assertThat(x).hasSize(384));
            assertThat(stub.embeddingRequests()).isNotEmpty();
        }
    }
}
