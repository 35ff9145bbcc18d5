package dev.ratchet.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelsAndKeysTest {

    private static final String CHAT =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private OpenAiStub llm;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        llm = OpenAiStub.start();
        llm.defaultReply("hello");
        client = StubClient.openAi(llm);
    }

    @AfterEach
    void stop() {
        client.close();
        llm.close();
    }

    @Test
    void models_lists_the_configured_names_in_order() {
        llm.models("qwen2.5:7b", "gpt-4o-mini");

        assertThat(client.models().list().data()).extracting(Model::id).containsExactly("qwen2.5:7b", "gpt-4o-mini");
        assertThat(client.models().list().data()).allSatisfy(m -> {
            assertThat(m.ownedBy()).isNotBlank();
            assertThat(m.created()).isPositive();
        });
    }

    @Test
    void a_listed_model_can_be_retrieved_and_an_unlisted_one_is_not_found() {
        llm.models("qwen2.5:7b");

        assertThat(client.models().retrieve("qwen2.5:7b").id()).isEqualTo("qwen2.5:7b");
        assertThat(catchThrowableOfType(
                                NotFoundException.class, () -> client.models().retrieve("gpt-5"))
                        .code())
                .contains("model_not_found");
    }

    @Test
    void the_required_api_key_is_accepted() {
        llm.requireApiKey(StubClient.KEY);

        assertThat(client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("gpt-4o-mini")
                                .addUserMessage("hi")
                                .build())
                        .choices())
                .hasSize(1);
        assertThat(llm.requests())
                .singleElement()
                .extracting(RecordedRequest::apiKey)
                .isEqualTo(RecordedRequest.ApiKey.ACCEPTED);
    }

    @Test
    void a_wrong_api_key_is_refused_with_401_without_echoing_it() {
        llm.requireApiKey("sk-the-right-one");

        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class, () -> client.models().list());

        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.code()).contains("invalid_api_key");
        assertThat(e.getMessage()).doesNotContain(StubClient.KEY).doesNotContain("sk-the-right-one");
        assertThat(llm.requests())
                .singleElement()
                .extracting(RecordedRequest::apiKey)
                .isEqualTo(RecordedRequest.ApiKey.REJECTED);
    }

    @Test
    void a_missing_api_key_is_refused_with_401_when_one_is_required() {
        llm.requireApiKey(StubClient.KEY);

        HttpResponse<String> response = StubClient.post(llm, "/chat/completions", CHAT, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("You didn't provide an API key");
        assertThat(llm.chatRequests())
                .singleElement()
                .satisfies(r -> assertThat(r.lastUserMessage()).contains("hi"));
        assertThat(llm.requests())
                .singleElement()
                .extracting(RecordedRequest::apiKey)
                .isEqualTo(RecordedRequest.ApiKey.NONE);
    }

    @Test
    void without_a_required_key_any_key_or_none_is_accepted() {
        assertThat(StubClient.post(llm, "/chat/completions", CHAT, null).statusCode())
                .isEqualTo(200);
        assertThat(StubClient.post(llm, "/chat/completions", CHAT, "Bearer anything")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void the_api_key_appears_in_no_recorded_request_and_no_to_string() {
        llm.requireApiKey(StubClient.KEY);
        client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage("hi")
                        .build());

        assertThat(llm.toString()).doesNotContain(StubClient.KEY);
        assertThat(llm.requests()).allSatisfy(r -> {
            assertThat(r.toString()).doesNotContain(StubClient.KEY);
            assertThat(r.body()).doesNotContain(StubClient.KEY);
        });
        assertThat(llm.lastChatRequest().toString()).doesNotContain(StubClient.KEY);
    }

    @Test
    void an_unknown_path_is_answered_404_in_openais_shape() {
        HttpResponse<String> response = StubClient.post(llm, "/completions", "{}", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\"").contains("Invalid URL (POST /v1/completions)");
    }

    @Test
    void reset_forgets_rules_failures_and_requests_but_keeps_the_key() {
        llm.requireApiKey(StubClient.KEY);
        llm.onChat().reply("scripted");
        llm.failNext(5, 500);
        llm.reset();

        assertThat(llm.requests()).isEmpty();
        HttpResponse<String> keyless = StubClient.post(llm, "/chat/completions", CHAT, null);
        assertThat(keyless.statusCode()).isEqualTo(401);
        HttpResponse<String> unmatched = StubClient.post(llm, "/chat/completions", CHAT, "Bearer " + StubClient.KEY);
        assertThat(unmatched.statusCode()).isEqualTo(400);
        assertThat(unmatched.body()).contains("no_rule_matched");
    }

    @Test
    void the_base_url_is_all_a_client_needs_to_reach_the_stub() {
        OpenAIClient configured = OpenAIOkHttpClient.builder()
                .baseUrl(llm.baseUrl())
                .apiKey("sk-any")
                .maxRetries(0)
                .build();
        try {
            assertThat(configured.models().list().data()).isNotEmpty();
        } finally {
            configured.close();
        }
        assertThat(llm.baseUrl()).isEqualTo("http://127.0.0.1:" + llm.port() + "/v1");
    }
}
