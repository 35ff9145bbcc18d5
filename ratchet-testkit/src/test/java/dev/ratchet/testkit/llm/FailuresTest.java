package dev.ratchet.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private OpenAiStub llm;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        llm = OpenAiStub.start();
        llm.defaultReply("fine");
        client = StubClient.openAi(llm);
    }

    @AfterEach
    void stop() {
        client.close();
        llm.close();
    }

    private static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage(text)
                .build();
    }

    private ChatCompletion chat(OpenAIClient c) {
        return c.chat().completions().create(ask("hello"));
    }

    private void embed() {
        client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .input("x")
                        .build());
    }

    @Test
    void an_injected_429_surfaces_as_a_rate_limit_exception_with_retry_after_and_then_passes() {
        llm.failNext(1, 429);

        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> chat(client));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.headers().values("Retry-After")).containsExactly("1");
        assertThat(e.code()).contains("rate_limit_exceeded");
        assertThat(chat(client).choices().get(0).message().content()).contains("fine");
    }

    @Test
    void a_raw_reply_is_answered_200_as_it_is_and_recorded() {
        llm.onChat().whenLastUserMessageContains("raw").reply(ChatReply.raw("{\"choices\":\"nope\"}"));

        var answer = StubClient.post(
                llm,
                "/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"raw please\"}]}",
                "Bearer " + StubClient.KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"choices\":\"nope\"}");
        assertThat(llm.requests().get(0).status()).isEqualTo(200);
        // openai-java parses lazily: the completion is only found wanting when its choices are read
        ChatCompletion parsed = client.chat().completions().create(ask("raw again"));
        assertThat(catchThrowableOfType(OpenAIInvalidDataException.class, parsed::choices))
                .hasMessageContaining("choices");
    }

    @Test
    void an_injected_500_surfaces_as_an_internal_server_exception() {
        llm.failNext(2, 500);

        assertThat(catchThrowableOfType(InternalServerException.class, () -> chat(client))
                        .statusCode())
                .isEqualTo(500);
        assertThat(catchThrowableOfType(InternalServerException.class, () -> chat(client))
                        .type())
                .contains("server_error");
        assertThat(chat(client).choices()).hasSize(1);
    }

    @Test
    void the_clients_own_retries_get_past_a_single_429() {
        llm.failNext(1, 429);
        OpenAIClient retrying = OpenAIOkHttpClient.builder()
                .baseUrl(llm.baseUrl())
                .apiKey(StubClient.KEY)
                .maxRetries(2)
                .build();
        try {
            assertThat(chat(retrying).choices().get(0).message().content()).contains("fine");
        } finally {
            retrying.close();
        }

        assertThat(llm.requests()).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(llm.chatRequests()).hasSize(2);
    }

    @Test
    void a_malformed_body_surfaces_as_a_client_error() {
        llm.malformedNext(1);

        OpenAIInvalidDataException e = catchThrowableOfType(OpenAIInvalidDataException.class, () -> chat(client));

        assertThat(e).hasMessageContaining("Error reading response");
        assertThat(llm.requests())
                .singleElement()
                .extracting(RecordedRequest::status)
                .isEqualTo(200);
        assertThat(chat(client).choices().get(0).message().content()).contains("fine");
    }

    @Test
    void a_failure_for_one_endpoint_leaves_the_others_alone() {
        llm.failNext(Endpoint.EMBEDDINGS, 1, 503);

        assertThat(chat(client).choices()).hasSize(1);
        assertThat(catchThrowableOfType(InternalServerException.class, this::embed)
                        .statusCode())
                .isEqualTo(503);
        embed();
    }

    @Test
    void failures_queue_in_the_order_they_were_injected() {
        llm.failNext(1, 429).malformedNext(Endpoint.CHAT_COMPLETIONS, 1).failNext(1, 500);

        assertThat(catchThrowableOfType(RateLimitException.class, () -> chat(client)))
                .isNotNull();
        assertThat(catchThrowableOfType(OpenAIInvalidDataException.class, () -> chat(client)))
                .isNotNull();
        assertThat(catchThrowableOfType(InternalServerException.class, () -> chat(client)))
                .isNotNull();
        assertThat(chat(client).choices()).hasSize(1);
    }

    @Test
    void a_rule_can_answer_an_error_for_matching_prompts_only() {
        llm.onChat().whenLastUserMessageContains("overload").reply(ChatReply.error(503));

        assertThat(catchThrowableOfType(
                                InternalServerException.class,
                                () -> client.chat().completions().create(ask("overload me")))
                        .statusCode())
                .isEqualTo(503);
        assertThat(chat(client).choices()).hasSize(1);
    }

    @Test
    void a_rule_that_throws_fails_the_request_with_a_500_naming_the_rule() {
        llm.onChat()
                .when(r -> {
                    throw new IllegalStateException("broken predicate");
                })
                .reply("unreachable");

        InternalServerException e = catchThrowableOfType(InternalServerException.class, () -> chat(client));

        assertThat(e.getMessage()).contains("broken predicate");
    }
}
