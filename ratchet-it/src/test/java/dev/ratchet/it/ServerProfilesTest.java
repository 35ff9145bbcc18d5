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
}
