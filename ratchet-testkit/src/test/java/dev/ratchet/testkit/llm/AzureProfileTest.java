package dev.ratchet.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ServerProfile#azure()}: Azure OpenAI's paths, api-version, api-key and errors, over raw HTTP and openai-java. */
class AzureProfileTest {

    static final String KEY = "azure-test-key-0123456789";
    static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final ObjectMapper JSON = new ObjectMapper();

    OpenAiStub llm;
    final java.util.List<OpenAIClient> clients = new java.util.ArrayList<>();

    @BeforeEach
    void start() {
        llm = OpenAiStub.start()
                .profile(ServerProfile.azure()
                        .deployment("chat-prod", "gpt-4o-mini-2024-07-18")
                        .deployments("embed-prod"))
                .requireApiKey(KEY);
        llm.defaultReply("hello");
    }

    @AfterEach
    void stop() {
        clients.forEach(OpenAIClient::close);
        llm.close();
    }

    /** openai-java's own Azure support, the path mode set so that a loopback URL is Azure too. */
    OpenAIClient azure(String key, String version) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(llm.azureEndpoint())
                .credential(AzureApiKeyCredential.create(key))
                .azureServiceVersion(AzureOpenAIServiceVersion.fromString(version))
                .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                .maxRetries(0)
                .build();
        clients.add(client);
        return client;
    }

    HttpResponse<String> post(String pathAndQuery, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(llm.azureEndpoint() + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode error(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error");
    }

    @Test
    void openai_java_reaches_the_deployment_with_the_api_version_and_the_api_key() {
        {
            OpenAIClient client = azure(KEY, "2024-10-21");
            ChatCompletion completion = client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("chat-prod")
                            .addUserMessage("hi")
                            .build());

            assertThat(completion.choices().get(0).message().content()).contains("hello");
            assertThat(completion.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        }
        RecordedRequest r = llm.requests().get(0);
        assertThat(r.path()).isEqualTo("/openai/deployments/chat-prod/chat/completions");
        assertThat(r.query()).isEqualTo("api-version=2024-10-21");
        assertThat(r.headerNames()).contains("api-key").doesNotContain("authorization");
        assertThat(r.apiKey()).isEqualTo(RecordedRequest.ApiKey.ACCEPTED);
        assertThat(r.endpoint()).contains(Endpoint.CHAT_COMPLETIONS);
        assertThat(llm.lastChatRequest().model()).isEqualTo("chat-prod");
        assertThat(r.toString()).doesNotContain(KEY);
    }

    @Test
    void the_deployment_decides_the_model_whatever_the_body_says() throws IOException {
        HttpResponse<String> noModel = post(
                "/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21", CHAT, Map.of("api-key", KEY));
        HttpResponse<String> otherModel = post(
                "/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21",
                "{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("api-key", KEY));

        assertThat(noModel.statusCode()).isEqualTo(200);
        assertThat(otherModel.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(noModel.body()).path("prompt_filter_results").isArray())
                .isTrue();
        assertThat(llm.chatRequests()).extracting(ChatRequest::model).containsExactly("chat-prod", "chat-prod");
    }

    @Test
    void embeddings_go_to_the_embedding_deployment() {
        {
            OpenAIClient client = azure(KEY, "2024-10-21");
            var response = client.embeddings()
                    .create(EmbeddingCreateParams.builder()
                            .model("embed-prod")
                            .input("disk full on db-1")
                            .build());

            assertThat(response.data().get(0).embedding()).hasSize(384);
        }
        assertThat(llm.requests().get(0).path()).isEqualTo("/openai/deployments/embed-prod/embeddings");
        assertThat(llm.embeddingRequests())
                .singleElement()
                .satisfies(e -> assertThat(e.model()).isEqualTo("embed-prod"));
    }

    @Test
    void a_missing_or_wrong_key_is_401_with_azures_body_and_a_bearer_token_is_not_a_key() throws IOException {
        String path = "/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21";
        HttpResponse<String> none = post(path, CHAT, Map.of());
        HttpResponse<String> wrong = post(path, CHAT, Map.of("api-key", "not-the-key"));
        HttpResponse<String> bearer = post(path, CHAT, Map.of("Authorization", "Bearer " + KEY));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).path("code").asText()).isEqualTo("401");
        assertThat(error(none).path("message").asText()).startsWith("Access denied due to invalid subscription key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("not-the-key");
        assertThat(bearer.statusCode()).isEqualTo(401);
        assertThat(error(bearer).path("message").asText()).contains("Access token is missing");
        assertThat(llm.chatRequests()).hasSize(3); // recorded whole, refused or not

        {
            OpenAIClient client = azure("not-the-key", "2024-10-21");
            catchThrowableOfType(
                    UnauthorizedException.class,
                    () -> client.chat()
                            .completions()
                            .create(ChatCompletionCreateParams.builder()
                                    .model("chat-prod")
                                    .addUserMessage("hi")
                                    .build()));
        }
        assertThat(llm.requests().get(3).apiKey()).isEqualTo(RecordedRequest.ApiKey.REJECTED);
    }

    @Test
    void no_api_version_is_404_resource_not_found_and_a_malformed_one_400() throws IOException {
        HttpResponse<String> none =
                post("/openai/deployments/chat-prod/chat/completions", CHAT, Map.of("api-key", KEY));
        HttpResponse<String> malformed =
                post("/openai/deployments/chat-prod/chat/completions?api-version=latest", CHAT, Map.of("api-key", KEY));

        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(error(none).path("message").asText()).isEqualTo("Resource not found");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(error(malformed).path("message").asText()).isEqualTo("API version not supported");
    }

    @Test
    void an_unknown_deployment_is_404_deployment_not_found_and_openai_paths_are_not_served() throws IOException {
        HttpResponse<String> unknown = post(
                "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", CHAT, Map.of("api-key", KEY));
        HttpResponse<String> openAiPath = post("/v1/chat/completions", CHAT, Map.of("api-key", KEY));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).path("code").asText()).isEqualTo("DeploymentNotFound");
        assertThat(openAiPath.statusCode()).isEqualTo(404);

        {
            OpenAIClient client = azure(KEY, "2024-10-21");
            NotFoundException e = catchThrowableOfType(
                    NotFoundException.class,
                    () -> client.chat()
                            .completions()
                            .create(ChatCompletionCreateParams.builder()
                                    .model("gpt-4o")
                                    .addUserMessage("hi")
                                    .build()));
            assertThat(e.getMessage()).contains("deployment for this resource does not exist");
        }
    }

    @Test
    void json_schema_needs_a_recent_api_version_and_tools_are_served() {
        String schema = "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\","
                + "\"schema\":{\"type\":\"object\"}}}";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + schema + "}";

        assertThat(post(
                                "/openai/deployments/chat-prod/chat/completions?api-version=2024-06-01",
                                body,
                                Map.of("api-key", KEY))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(
                                "/openai/deployments/chat-prod/chat/completions?api-version=2024-08-01-preview",
                                body,
                                Map.of("api-key", KEY))
                        .statusCode())
                .isEqualTo(200);

        llm.onChat().whenToolOffered("lookup").replyWithToolCall("lookup", "{\"service\": \"billing\"}");
        {
            OpenAIClient client = azure(KEY, "2024-06-01");
            ChatCompletion c = client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("chat-prod")
                            .addUserMessage("who owns billing?")
                            .addTool(com.openai.models.chat.completions.ChatCompletionFunctionTool.builder()
                                    .function(com.openai.models.FunctionDefinition.builder()
                                            .name("lookup")
                                            .build())
                                    .build())
                            .build());
            assertThat(c.choices().get(0).message().toolCalls()).isPresent();

            BadRequestException refused = catchThrowableOfType(
                    BadRequestException.class,
                    () -> client.chat()
                            .completions()
                            .create(ChatCompletionCreateParams.builder()
                                    .model("chat-prod")
                                    .addUserMessage("hi")
                                    .responseFormat(com.openai.models.ResponseFormatJsonSchema.builder()
                                            .jsonSchema(com.openai.models.ResponseFormatJsonSchema.JsonSchema.builder()
                                                    .name("a")
                                                    .build())
                                            .build())
                                    .build()));
            assertThat(refused.getMessage())
                    .contains("json_schema is enabled only for api versions 2024-08-01-preview");
        }
    }

    @Test
    void models_are_listed_under_openai() {
        llm.models("gpt-4o-mini", "text-embedding-3-small");
        {
            OpenAIClient client = azure(KEY, "2024-10-21");
            assertThat(client.models().list().data())
                    .extracting(com.openai.models.models.Model::id)
                    .containsExactly("gpt-4o-mini", "text-embedding-3-small");
        }
        assertThat(llm.requests().get(0).path()).isEqualTo("/openai/models");
        assertThat(llm.requests().get(0).query()).isEqualTo("api-version=2024-10-21");
    }
}
