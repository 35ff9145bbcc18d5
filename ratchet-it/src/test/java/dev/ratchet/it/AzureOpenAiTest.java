package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.llm.LlmDoctor;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.llm.Endpoint;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.llm.RecordedRequest;
import dev.ratchet.testkit.llm.ServerProfile;
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
 * The LLM layer against Azure OpenAI (issue 18): the stub behaves like an Azure OpenAI resource
 * ({@link ServerProfile#azure()}: deployment paths, {@code api-version}, the {@code api-key} header, Azure's errors)
 * on loopback, and {@code llm.provider=azure} makes Ratchet speak Azure to it through openai-java's own Azure support.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class AzureOpenAiTest {

    static final String KEY = "azure-key-5f1e0c9b7d2a4e31";
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
        stub = OpenAiStub.start()
                .profile(ServerProfile.azure()
                        .deployment("ops-chat", "gpt-4o-mini-2024-07-18")
                        .deployment("ops-embed", "text-embedding-3-small"))
                .requireApiKey(KEY);
    }

    @AfterEach
    void stop() {
        started.forEach(Ratchet::close);
        stub.close();
    }

    Ratchet ratchet(Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of(
                "llm.url", stub.azureEndpoint(), "llm.provider", "azure", "llm.model", "ops-chat", "llm.api-key", KEY));
        config.putAll(more);
        Ratchet r = Ratchet.start(
                db.config(config), ModuleRegistry.of(List.of()).enable(List.of(), List.of()), Clock.systemUTC());
        started.add(r);
        return r;
    }

    LlmService llm(Map<String, String> more) {
        return ratchet(more).llm().forModule("azure");
    }

    List<RecordedRequest> chats() {
        return stub.requests().stream()
                .filter(r -> r.endpoint().equals(java.util.Optional.of(Endpoint.CHAT_COMPLETIONS)))
                .toList();
    }

    @Test
    void a_json_call_goes_to_the_deployment_with_the_api_version_and_the_api_key() throws Exception {
        stub.onChat().whenAnyMessageContains("runbook").reply(RUNBOOK);

        assertThat(llm(Map.of()).json("runbook", List.of(ChatMessage.user("Write a runbook for DiskFull")), SCHEMA))
                .isEqualTo(RUNBOOK);

        assertThat(chats()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/openai/deployments/ops-chat/chat/completions");
            assertThat(r.query()).isEqualTo("api-version=2024-10-21");
            assertThat(r.headerNames()).contains("api-key").doesNotContain("authorization");
            assertThat(r.apiKey()).isEqualTo(RecordedRequest.ApiKey.ACCEPTED);
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(stub.lastChatRequest()
                        .json()
                        .path("response_format")
                        .path("type")
                        .asText())
                .isEqualTo("json_schema");
        var row = TestSql.of(started.get(0))
                .rows("select model, error from llm_calls where purpose = 'runbook' order by id desc limit 1")
                .get(0);
        assertThat(row.get("model")).isEqualTo("ops-chat");
        assertThat(row.get("error")).isNull();
    }

    @Test
    void an_api_version_before_structured_outputs_gets_json_object_learnt_once() throws Exception {
        stub.onChat().whenAnyMessageContains("runbook").reply(RUNBOOK);
        LlmService llm = llm(Map.of("llm.azure-api-version", "2024-06-01"));

        llm.json("runbook", List.of(ChatMessage.user("Write a runbook for DiskFull")), SCHEMA);
        llm.json("runbook", List.of(ChatMessage.user("Write a runbook for DiskFull")), SCHEMA);

        assertThat(chats()).allSatisfy(r -> assertThat(r.query()).isEqualTo("api-version=2024-06-01"));
        assertThat(stub.chatRequests())
                .extracting(r -> r.json().path("response_format").path("type").asText())
                .containsExactly("json_schema", "json_object", "json_object");
    }

    @Test
    void a_tool_loop_calls_the_tool_through_the_deployment() throws Exception {
        stub.onChat()
                .whenLastUserMessageContains("who owns")
                .replyWithToolCall("lookup_owner", "{\"service\": \"billing\"}");
        stub.onChat().whenToolResultPresent("lookup_owner").reply("team-payments owns billing.");
        List<Map<String, Object>> calls = new ArrayList<>();
        Tool lookup = new Tool(
                "lookup_owner",
                "Who owns a service.",
                "{\"type\": \"object\", \"required\": [\"service\"], \"properties\": {\"service\": {\"type\": \"string\"}}}",
                List.of(),
                false,
                (args, caller) -> {
                    calls.add(args);
                    return Map.of("owner", "team-payments");
                });

        LlmService.ToolLoop loop = llm(Map.of())
                .runTools(
                        "commands",
                        List.of(ChatMessage.user("who owns billing?")),
                        List.of(lookup),
                        new Tool.ToolCall("C1", "1.0", "U1"),
                        3);

        assertThat(loop.answer()).contains("team-payments owns billing.");
        assertThat(calls).containsExactly(Map.of("service", "billing"));
        assertThat(stub.chatRequests().get(0).tools()).extracting(t -> t.name()).containsExactly("lookup_owner");
        assertThat(chats())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.path()).isEqualTo("/openai/deployments/ops-chat/chat/completions"));
    }

    @Test
    void embeddings_come_from_the_embedding_deployment() throws Exception {
        LlmService llm = llm(Map.of("embedding.provider", "openai", "embedding.model", "ops-embed"));

        List<float[]> v = llm.embed(List.of("disk full on db-1", "lunch menu"));

        assertThat(v).hasSize(2);
        assertThat(v.get(0)).isEqualTo(stub.embed("disk full on db-1"));
        assertThat(stub.requests())
                .filteredOn(r -> r.endpoint().equals(java.util.Optional.of(Endpoint.EMBEDDINGS)))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.path()).isEqualTo("/openai/deployments/ops-embed/embeddings");
                    assertThat(r.query()).isEqualTo("api-version=2024-10-21");
                    assertThat(r.status()).isEqualTo(200);
                });
    }

    @Test
    void a_wrong_key_is_said_clearly_and_never_shown() {
        String wrong = "azure-key-wrong-77c0ffee";
        LlmService llm = llm(Map.of("llm.api-key", wrong, "llm.max-retries", "0"));

        assertThatThrownBy(() -> llm.chat("hello", List.of(ChatMessage.user("hello"))))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("the endpoint refused the API key (HTTP 401)")
                .hasMessageContaining("RATCHET_LLM_API_KEY")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(KEY);
        assertThat(stub.requests()).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(RecordedRequest.ApiKey.REJECTED));
        var runtime = started.get(0).llm();
        assertThat(runtime.problems().toString()).doesNotContain(wrong);
        assertThat(TestSql.of(started.get(0))
                        .rows("select coalesce(error, '') as error, request::text as request from llm_calls"))
                .allSatisfy(row -> assertThat(row.values().toString()).doesNotContain(wrong));
    }

    @Test
    void an_unknown_deployment_names_it_the_endpoint_and_the_setting() {
        LlmService llm = llm(Map.of("llm.model", "gpt-4o"));

        assertThatThrownBy(() -> llm.chat("hello", List.of(ChatMessage.user("hello"))))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("no deployment named gpt-4o at " + stub.azureEndpoint())
                .hasMessageContaining("set RATCHET_LLM_MODEL to the deployment name")
                .hasMessageNotContaining(KEY);
        assertThat(started.get(0).llm().problems()).containsOnlyKeys("model not found");
    }

    @Test
    void an_unknown_embedding_deployment_names_the_embedding_setting() {
        LlmService llm = llm(Map.of("embedding.provider", "openai", "embedding.model", "ada"));

        assertThatThrownBy(() -> llm.embed(List.of("disk full on db-1")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("no deployment named ada at " + stub.azureEndpoint())
                .hasMessageContaining("set RATCHET_EMBEDDING_MODEL to the deployment name");
    }

    @Test
    void doctor_checks_the_deployment_with_a_tiny_call_and_passes() {
        stub.onChat().whenJsonRequested().reply("{\"ok\": true}");
        stub.defaultReply("ok");
        Ratchet r = ratchet(Map.of("embedding.provider", "openai", "embedding.model", "ops-embed"));

        List<LlmDoctor.Check> checks = LlmDoctor.check(r.llm());

        assertThat(checks).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
        assertThat(checks)
                .extracting(c -> c.name() + ": " + c.detail())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("llm server: " + stub.azureEndpoint()
                                + " answers as Azure OpenAI (api-version 2024-10-21)"))
                .anySatisfy(line -> assertThat(line).startsWith("llm model: deployment ops-chat answers"))
                .anySatisfy(line -> assertThat(line).startsWith("context window: unknown: prompts are sent whole"))
                .anySatisfy(line -> assertThat(line).startsWith("json answers: response_format json_schema"))
                .anySatisfy(line -> assertThat(line).isEqualTo("tool calling: native"))
                .anySatisfy(line -> assertThat(line).startsWith("embedding model: ops-embed: 384 dimensions"));
        assertThat(stub.requests()).allSatisfy(q -> assertThat(q.status()).isEqualTo(200));
    }

    @Test
    void doctor_names_a_missing_deployment() {
        Ratchet r = ratchet(Map.of("llm.model", "gpt-4o"));

        List<LlmDoctor.Check> checks = LlmDoctor.check(r.llm());

        assertThat(checks)
                .filteredOn(c -> c.name().equals("llm model"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.ok()).isFalse();
                    assertThat(c.detail())
                            .contains("no deployment named gpt-4o")
                            .contains("RATCHET_LLM_MODEL");
                });
    }
}
