package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.llm.ServerProfile;
import dev.ratchet.testkit.llm.ServerProfile.Thinking;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The LLM layer against the servers people run (issue 18): the stub behaves like Ollama, vLLM, LM Studio or a
 * reasoning model, and each difference is handled. Each test starts its own Ratchet, so that what is learnt about a
 * server and model (its JSON modes, whether it calls tools) starts afresh.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class ServerProfilesTest {

    static final String SCHEMA = """
            {"type": "object", "required": ["overview", "steps"], "additionalProperties": false,
             "properties": {"overview": {"type": "string"}, "steps": {"type": "array", "items": {"type": "string"}, "minItems": 1}}}""";
    static final String RUNBOOK = "{\"overview\": \"disk full\", \"steps\": [\"rotate logs\"]}";

    OpenAiStub stub;
    TestDatabase db;
    final List<Ratchet> started = new ArrayList<>();

    @BeforeEach
    void start(TestDatabase database) {
        db = database;
        stub = OpenAiStub.start();
    }

    @AfterEach
    void stop() {
        started.forEach(Ratchet::close);
        stub.close();
    }

    LlmService llm(String model, Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of("llm.url", stub.baseUrl(), "llm.model", model));
        config.putAll(more);
        Ratchet r = Ratchet.start(
                db.config(config), ModuleRegistry.of(List.of()).enable(List.of(), List.of()), Clock.systemUTC());
        started.add(r);
        return r.llm().forModule("profiles");
    }

    LlmService llm(String model) {
        return llm(model, Map.of());
    }

    Map<String, Object> lastCall(String purpose) {
        var rows = TestSql.of(started.get(started.size() - 1)).rows("""
                select reasoning, context_window, prompt_tokens, error,
                       response -> 'choices' -> 0 -> 'message' ->> 'content' as answer,
                       (response -> 'choices' -> 0 -> 'message' -> 'reasoning_content') is not null as has_field
                  from llm_calls where purpose = '%s' order by id desc limit 1""".formatted(purpose));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    static Tool lookup(List<Map<String, Object>> calls) {
        return new Tool("lookup_owner", "Who owns a service.", """
                {"type": "object", "required": ["service"], "properties": {"service": {"type": "string"}}}""", List.of(), false, (args, caller) -> {
            calls.add(args);
            return Map.of("owner", "team-payments");
        });
    }

    // ------------------------------------------------------------------------------------------ 3. reasoning

    @Test
    void think_tags_are_stripped_from_the_answer_and_kept_apart_in_llm_calls() throws Exception {
        stub.profile(ServerProfile.ollama().thinking(Thinking.THINK_TAGS));
        stub.onChat().whenLastUserMessageContains("capital").reply("Paris.");
        LlmService llm = llm("qwen3:8b");

        assertThat(llm.chat("geography", List.of(ChatMessage.user("What is the capital of France?"))))
                .isEqualTo("Paris.");
        Map<String, Object> row = lastCall("geography");
        assertThat(row.get("answer")).isEqualTo("Paris.");
        assertThat((String) row.get("reasoning")).isEqualTo(ServerProfile.THOUGHT);
    }

    @Test
    void json_after_thinking_is_parsed_without_the_thinking() throws Exception {
        // the thought holds JSON of its own: parsing the content whole would pick the wrong object, or none
        stub.profile(ServerProfile.vllm().thinking(Thinking.THINK_TAGS));
        stub.onChat().whenAnyMessageContains("runbook").reply(RUNBOOK);
        LlmService llm = llm("deepseek-r1:8b");

        assertThat(llm.json("runbook", List.of(ChatMessage.user("Write a runbook for DiskFull")), SCHEMA))
                .isEqualTo(RUNBOOK);
        assertThat(stub.chatRequests()).hasSize(1);
        assertThat(lastCall("runbook").get("reasoning")).isEqualTo(ServerProfile.THOUGHT);
        assertThat(lastCall("runbook").get("error")).isNull();
    }

    @Test
    void reasoning_content_field_is_kept_apart_and_not_sent_back_in_a_tool_loop() throws Exception {
        stub.profile(ServerProfile.vllm().thinking(Thinking.REASONING_CONTENT));
        stub.onChat()
                .whenLastUserMessageContains("who owns")
                .replyWithToolCall("lookup_owner", "{\"service\": \"billing\"}");
        stub.onChat().whenToolResultPresent("lookup_owner").reply("team-payments owns billing.");
        List<Map<String, Object>> calls = new ArrayList<>();
        LlmService llm = llm("qwq:32b");

        LlmService.ToolLoop loop = llm.runTools(
                "commands",
                List.of(ChatMessage.user("who owns billing?")),
                List.of(lookup(calls)),
                new Tool.ToolCall("C1", "1.0", "U1"),
                3);

        assertThat(loop.answer()).contains("team-payments owns billing.");
        Map<String, Object> row = lastCall("commands");
        assertThat(row.get("reasoning")).isEqualTo(ServerProfile.THOUGHT);
        assertThat(row.get("has_field")).isEqualTo(false);
        assertThat(stub.chatRequests().get(1).json().toString()).doesNotContain("step by step");
    }

    // ------------------------------------------------------------------------------------------ 4. no tool calling

    static final String PLAN_CALL = "{\"tool\": \"lookup_owner\", \"arguments\": {\"service\": \"billing\"}}";
    static final String PLAN_ANSWER = "{\"tool\": \"none\", \"answer\": \"team-payments owns billing.\"}";

    void scriptPlans() {
        stub.onChat()
                .whenJsonRequested()
                .whenLastUserMessageContains("who owns")
                .reply(PLAN_CALL);
        stub.onChat()
                .when(r -> r.lastUserMessage().orElse("").startsWith("Result of lookup_owner"))
                .reply(PLAN_ANSWER);
    }

    LlmService.ToolLoop askOwner(LlmService llm, List<Map<String, Object>> calls) throws Exception {
        return llm.runTools(
                "commands",
                List.of(ChatMessage.system("You help an on-call team."), ChatMessage.user("who owns billing?")),
                List.of(lookup(calls)),
                new Tool.ToolCall("C1", "1.0", "U1"),
                4);
    }

    @Test
    void a_model_ollama_refuses_tools_for_runs_the_tool_loop_on_json_plans() throws Exception {
        stub.profile(ServerProfile.ollama().withoutTools("gemma2:2b"));
        scriptPlans();
        List<Map<String, Object>> calls = new ArrayList<>();
        LlmService llm = llm("gemma2:2b");

        LlmService.ToolLoop loop = askOwner(llm, calls);

        assertThat(loop.answer()).contains("team-payments owns billing.");
        assertThat(loop.stoppedAtBound()).isFalse();
        assertThat(calls).containsExactly(Map.of("service", "billing"));
        assertThat(loop.calls())
                .singleElement()
                .satisfies(c -> assertThat(c.failed()).isFalse());
        assertThat(stub.requests().stream()
                        .filter(r -> r.chat().isPresent())
                        .findFirst()
                        .orElseThrow()
                        .status())
                .isEqualTo(400);
        assertThat(stub.chatRequests().get(1).messages())
                .anySatisfy(
                        m -> assertThat(m.content()).contains("lookup_owner").contains("Who owns a service."));

        // remembered: the next loop sends no tools at all
        int before = stub.chatRequests().size();
        askOwner(llm, calls);
        assertThat(stub.chatRequests().subList(before, stub.chatRequests().size()))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.tools()).isEmpty());
    }

    @Test
    void a_server_that_drops_tools_is_found_out_by_a_forced_call_and_planned_for() throws Exception {
        stub.profile(ServerProfile.vllm().ignoringTools());
        stub.onChat().when(r -> r.responseFormat().isEmpty()).reply("I cannot look that up.");
        scriptPlans();
        List<Map<String, Object>> calls = new ArrayList<>();

        LlmService.ToolLoop loop = askOwner(llm("llama3.2:1b"), calls);

        assertThat(loop.answer()).contains("team-payments owns billing.");
        assertThat(calls).containsExactly(Map.of("service", "billing"));
    }

    @Test
    void plan_arguments_invalid_against_the_schema_are_refused_and_fed_back() throws Exception {
        stub.profile(ServerProfile.ollama().withoutTools("gemma2:2b"));
        stub.onChat()
                .whenJsonRequested()
                .whenLastUserMessageContains("who owns")
                .reply("{\"tool\": \"lookup_owner\", \"arguments\": {\"svc\": 1}}");
        stub.onChat()
                .when(r -> r.lastUserMessage().orElse("").startsWith("Result of lookup_owner"))
                .reply(PLAN_ANSWER);
        List<Map<String, Object>> calls = new ArrayList<>();

        LlmService.ToolLoop loop = askOwner(llm("gemma2:2b"), calls);

        assertThat(calls).isEmpty();
        assertThat(loop.calls()).singleElement().satisfies(c -> {
            assertThat(c.failed()).isTrue();
            assertThat(c.result()).contains("invalid arguments").contains("service");
        });
        assertThat(stub.lastChatRequest().lastUserMessage())
                .hasValueSatisfying(m -> assertThat(m).contains("invalid arguments"));
    }

    @Test
    void a_model_that_calls_tools_is_probed_at_most_once() throws Exception {
        stub.profile(ServerProfile.ollama());
        stub.onChat().whenLastUserMessageContains("who owns").reply("Nobody knows.");
        List<Map<String, Object>> calls = new ArrayList<>();
        LlmService llm = llm("qwen2.5:7b");

        assertThat(askOwner(llm, calls).answer()).contains("Nobody knows.");
        assertThat(askOwner(llm, calls).answer()).contains("Nobody knows.");

        // the first text answer asked once whether tools are called at all (a forced call); the second did not
        assertThat(stub.chatRequests()).hasSize(3);
        assertThat(stub.chatRequests().get(1).toolChoice()).contains("ratchet_probe");
    }

    // ------------------------------------------------------------------------------------------ 2. structured outputs

    @Test
    void json_schema_is_asked_for_strict_when_the_schema_allows() throws Exception {
        stub.onChat().whenAnyMessageContains("runbook").reply(RUNBOOK);
        LlmService llm = llm("gpt-4o-mini");

        assertThat(llm.json("runbook", List.of(ChatMessage.user("Write a runbook")), SCHEMA))
                .isEqualTo(RUNBOOK);
        var format = stub.lastChatRequest().json().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema").path("required").toString())
                .contains("steps");

        String open = "{\"type\": \"object\", \"properties\": {\"overview\": {\"type\": \"string\"}}}";
        stub.onChat().whenAnyMessageContains("summary").reply("{\"overview\": \"ok\"}");
        llm.json("summary", List.of(ChatMessage.user("Write a summary")), open);
        assertThat(stub.lastChatRequest()
                        .json()
                        .path("response_format")
                        .path("json_schema")
                        .path("strict")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void a_server_with_json_object_only_is_learnt_once_and_remembered() throws Exception {
        stub.profile(ServerProfile.ollama().json(ServerProfile.JsonModes.OBJECT_ONLY));
        stub.onChat().whenAnyMessageContains("runbook").reply(RUNBOOK);
        LlmService llm = llm("qwen2.5:7b");

        assertThat(llm.json("runbook", List.of(ChatMessage.user("Write a runbook")), SCHEMA))
                .isEqualTo(RUNBOOK);
        assertThat(llm.json("runbook", List.of(ChatMessage.user("Write a runbook")), SCHEMA))
                .isEqualTo(RUNBOOK);

        assertThat(stub.chatRequests())
                .extracting(r -> r.json().path("response_format").path("type").asText())
                .containsExactly("json_schema", "json_object", "json_object");
    }

    @Test
    void a_server_without_response_format_gets_the_schema_in_the_prompt_and_answers_are_still_validated()
            throws Exception {
        stub.profile(ServerProfile.vllm().json(ServerProfile.JsonModes.NONE));
        stub.onChat().whenAnyMessageContains("runbook").replySequence("{\"overview\": \"disk full\"}", RUNBOOK);
        LlmService llm = llm("phi3:mini");

        assertThat(llm.json("runbook", List.of(ChatMessage.user("Write a runbook")), SCHEMA))
                .isEqualTo(RUNBOOK);

        assertThat(stub.chatRequests())
                .extracting(r -> r.json().path("response_format").path("type").asText("none"))
                .containsExactly("json_schema", "json_object", "none", "none");
        assertThat(stub.lastChatRequest().lastUserMessage())
                .hasValueSatisfying(m -> assertThat(m).contains("not valid against the schema"));
    }

    @Test
    void lm_studio_takes_json_schema_and_is_never_sent_json_object() throws Exception {
        stub.profile(ServerProfile.lmstudio());
        stub.onChat().whenAnyMessageContains("runbook").reply(RUNBOOK);

        assertThat(llm("qwen2.5-7b-instruct").json("runbook", List.of(ChatMessage.user("Write a runbook")), SCHEMA))
                .isEqualTo(RUNBOOK);
        assertThat(stub.chatRequests())
                .singleElement()
                .satisfies(r -> assertThat(
                                r.json().path("response_format").path("type").asText())
                        .isEqualTo("json_schema"));
    }

    // ------------------------------------------------------------------------------------------ 1. context window

    /** A runbook prompt: instructions, past threads (oldest first) and the alert, far over a 4k window. */
    static List<ChatMessage> runbookPrompt(int threads) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system("You write runbooks for an on-call team from how past alerts were handled."));
        for (int t = 1; t <= threads; t++) {
            StringBuilder thread = new StringBuilder("Past thread " + t + ":");
            for (int i = 0; i < 120; i++) {
                thread.append(" step ")
                        .append(i)
                        .append(" of thread ")
                        .append(t)
                        .append(" restarted the pool;");
            }
            messages.add(ChatMessage.user(thread.toString()));
        }
        messages.add(ChatMessage.user("Write a runbook for DiskFull on db-1."));
        return messages;
    }

    @Test
    void a_runbook_prompt_over_ollamas_window_is_trimmed_oldest_first_and_never_truncated() throws Exception {
        stub.profile(ServerProfile.ollama().numCtx(4096));
        stub.onChat().whenLastUserMessageContains("runbook for DiskFull").reply(RUNBOOK);
        LlmService llm = llm("qwen2.5:7b");
        List<ChatMessage> prompt = runbookPrompt(12);
        assertThat(prompt.stream()
                        .mapToInt(m -> m.content().split("\\s+").length)
                        .sum())
                .isGreaterThan(4096);

        assertThat(llm.json("runbook", prompt, SCHEMA)).isEqualTo(RUNBOOK);
        assertThat(llm.lastPromptTrimmed()).isTrue(); // for the post to say material was left out

        assertThat(stub.truncatedRequests()).isEmpty();
        String sent = stub.lastChatRequest().json().toString();
        assertThat(sent)
                .contains("Past thread 12:")
                .doesNotContain("Past thread 1:")
                .contains("DiskFull");
        Map<String, Object> row = lastCall("runbook");
        assertThat(row.get("context_window")).isEqualTo(4096);
        assertThat((Integer) row.get("prompt_tokens")).isLessThanOrEqualTo(4096);

        llm.json("runbook", List.of(ChatMessage.user("Write a runbook for DiskFull")), SCHEMA);
        assertThat(llm.lastPromptTrimmed()).isFalse();
    }

    @Test
    void tool_results_of_later_rounds_are_fitted_into_the_window_oldest_first() throws Exception {
        stub.profile(ServerProfile.ollama().numCtx(4096));
        stub.onChat()
                .when(q -> q.messages().stream()
                                .filter(m -> m.role().equals("tool"))
                                .count()
                        == 2)
                .reply("The disk filled with logs twice.");
        stub.onChat()
                .when(q -> q.messages().stream()
                                .filter(m -> m.role().equals("tool"))
                                .count()
                        < 2)
                .replyWithToolCall("fetch_logs", "{}");
        int[] batch = {0};
        Tool fetch = new Tool(
                "fetch_logs",
                "The latest logs.",
                "{\"type\": \"object\", \"properties\": {}}",
                List.of(),
                false,
                (args, caller) -> "batch-" + ++batch[0] + " " + "disk usage rose on db-1 /var/log ".repeat(180));
        LlmService llm = llm("qwen2.5:7b");

        LlmService.ToolLoop loop = llm.runTools(
                "commands",
                List.of(ChatMessage.system("You answer on-call questions."), ChatMessage.user("what filled the disk?")),
                List.of(fetch),
                new Tool.ToolCall("C1", "1.0", "U1"),
                4);

        assertThat(loop.answer()).contains("The disk filled with logs twice.");
        assertThat(llm.lastPromptTrimmed()).isTrue();
        assertThat(stub.truncatedRequests()).isEmpty();
        List<dev.ratchet.testkit.llm.ChatRequest> chats = stub.chatRequests();
        String last = chats.get(chats.size() - 1).json().toString();
        assertThat(last)
                .contains("what filled the disk?") // the request and the instructions stay
                .contains("You answer on-call questions.")
                .contains("batch-2 disk usage") // the newest result whole
                .doesNotContain("batch-1 disk usage")
                .contains("was left out to fit the model's context window");
    }

    @Test
    void without_fitting_ollama_would_have_cut_the_prompt_silently() throws Exception {
        // the stub's truncation, shown once, so that the test above means something
        stub.profile(ServerProfile.ollama().numCtx(4096));
        stub.defaultReply(RUNBOOK);
        LlmService llm = llm("qwen2.5:7b", Map.of("llm.context-window", "1000000"));

        llm.json("runbook", runbookPrompt(12), SCHEMA);

        assertThat(stub.truncatedRequests())
                .singleElement()
                .satisfies(r -> assertThat(r.json().toString()).doesNotContain("You write runbooks"));
    }

    @Test
    void the_configured_window_is_fitted_on_servers_that_refuse_long_prompts() throws Exception {
        stub.profile(ServerProfile.vllm().contextWindow(2000));
        stub.onChat().whenLastUserMessageContains("runbook for DiskFull").reply(RUNBOOK);

        assertThat(llm("qwen2.5:7b", Map.of("llm.context-window", "2000")).json("runbook", runbookPrompt(6), SCHEMA))
                .isEqualTo(RUNBOOK);
        assertThat(stub.requests().stream().filter(r -> r.chat().isPresent()))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void a_request_that_cannot_fit_at_all_fails_naming_the_setting() {
        stub.profile(ServerProfile.ollama());
        LlmService llm = llm("qwen2.5:7b");
        String huge = "word ".repeat(20_000);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> llm.chat("big", List.of(ChatMessage.system(huge), ChatMessage.user(huge))))
                .isInstanceOf(dev.ratchet.spi.LlmUnavailableException.class)
                .hasMessageContaining("context window of 2048 tokens")
                .hasMessageContaining("llm.context-window");
        assertThat(stub.chatRequests()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ 5. errors that say
    // what to do

    @Test
    void a_model_ollama_has_not_pulled_names_the_pull_and_the_setting() {
        stub.profile(ServerProfile.ollama()).models("llama3.2:1b");
        LlmService llm = llm("qwen2.5:7b");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> llm.chat("hello", List.of(ChatMessage.user("hello"))))
                .isInstanceOf(dev.ratchet.spi.LlmUnavailableException.class)
                .hasMessageContaining("run `ollama pull qwen2.5:7b`")
                .hasMessageContaining("RATCHET_LLM_MODEL")
                .hasMessageNotContaining("try pulling it first"); // the provider's words stay in llm_calls' request

        // said once, not per call, until a call succeeds
        org.assertj.core.api.Assertions.catchThrowable(() -> llm.chat("hello", List.of(ChatMessage.user("hello"))));
        var runtime = started.get(0).llm();
        assertThat(runtime.problems()).containsOnlyKeys("model not found");
        assertThat(runtime.problems().get("model not found")).contains("run `ollama pull qwen2.5:7b`");
        stub.models("llama3.2:1b", "qwen2.5:7b");
        stub.defaultReply("hi");
        org.assertj.core.api.Assertions.catchThrowable(() -> llm.chat("hello", List.of(ChatMessage.user("hello"))));
        assertThat(runtime.problems()).isEmpty();
    }

    @Test
    void a_rate_limit_says_when_it_resets() {
        stub.profile(ServerProfile.openai());
        LlmService llm = llm("gpt-4o-mini", Map.of("llm.max-retries", "0"));
        stub.failNext(dev.ratchet.testkit.llm.Endpoint.CHAT_COMPLETIONS, 1, 429);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> llm.chat("hello", List.of(ChatMessage.user("hello"))))
                .isInstanceOf(dev.ratchet.spi.LlmUnavailableException.class)
                .hasMessageContaining("rate limited (HTTP 429); the limit resets in 1s");
        assertThat(started.get(0).llm().problems().get("rate limited")).contains("the limit resets in 1s");
    }

    @Test
    void an_ollama_model_is_loaded_in_the_background_at_start() {
        stub.profile(ServerProfile.ollama());
        llm("qwen2.5:7b");

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() ->
                        stub.requests().stream().anyMatch(r -> r.path().equals("/api/generate") && r.status() == 200));
        assertThat(stub.chatRequests()).isEmpty();
    }
}
