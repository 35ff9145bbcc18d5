package dev.ratchet.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIIoException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {

    private OpenAiStub llm;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        llm = OpenAiStub.start();
        client = StubClient.openAi(llm);
    }

    @AfterEach
    void stop() {
        client.close();
        llm.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String userMessage) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(userMessage);
    }

    private ChatCompletion create(ChatCompletionCreateParams.Builder params) {
        return client.chat().completions().create(params.build());
    }

    private static ChatCompletionFunctionTool searchTool() {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("search_messages")
                        .description("Searches the Slack history")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("query", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
    }

    @Test
    void plain_completion_answers_the_scripted_text_with_usage() {
        llm.onChat().whenLastUserMessageContains("hello").reply("Hi there, how can I help?");

        ChatCompletion completion = create(ask("hello bot"));

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("Hi there, how can I help?");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(choice.message().toolCalls().orElse(List.of())).isEmpty();
        assertThat(completion.model()).isEqualTo("gpt-4o-mini");
        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isPositive();
            assertThat(usage.completionTokens()).isEqualTo(6);
            assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        });
    }

    @Test
    void token_counts_are_the_same_for_the_same_exchange() {
        llm.defaultReply("Same answer every time.");

        long first = create(ask("count me")).usage().orElseThrow().totalTokens();
        long second = create(ask("count me")).usage().orElseThrow().totalTokens();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void json_mode_request_carries_its_response_format_and_gets_the_scripted_json() {
        llm.onChat()
                .whenJsonRequested()
                .whenLastUserMessageContains("runbook")
                .reply("{\"overview\": \"Restart the pool\"}");

        ChatCompletion completion = create(ask("Draft a runbook as JSON")
                .responseFormat(ResponseFormatJsonObject.builder().build()));

        assertThat(completion.choices().get(0).message().content()).contains("{\"overview\": \"Restart the pool\"}");
        assertThat(llm.lastChatRequest().responseFormat()).hasValueSatisfying(format -> {
            assertThat(format.type()).isEqualTo("json_object");
            assertThat(format.json()).isTrue();
        });
    }

    @Test
    void json_schema_request_exposes_the_schema_name_and_schema() {
        llm.defaultReply("{\"valid\": true}");

        create(ask("Check this")
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name("verdict")
                                .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .build())
                                .build())
                        .build()));

        assertThat(llm.lastChatRequest().responseFormat()).hasValueSatisfying(format -> {
            assertThat(format.type()).isEqualTo("json_schema");
            assertThat(format.schemaName()).isEqualTo("verdict");
            assertThat(format.schema()).isEqualTo("{\"type\":\"object\"}");
        });
    }

    @Test
    void json_mode_without_the_word_json_in_the_messages_is_refused_as_openai_does() {
        llm.defaultReply("{}");

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> create(ask("Draft a runbook")
                        .responseFormat(ResponseFormatJsonObject.builder().build())));

        assertThat(e.getMessage()).contains("must contain the word 'json'");
        assertThat(e.param()).contains("messages");
    }

    @Test
    void tool_call_is_parsed_by_the_client_and_the_follow_up_round_with_its_result_is_answered() {
        llm.onChat()
                .whenAnyMessageMatches(Pattern.compile("(?i)database"))
                .replyWithToolCall("search_messages", "{\"query\":\"db\"}");
        llm.onChat().whenToolResultPresent("search_messages").reply("The database was restarted at 10:02.");

        ChatCompletionCreateParams.Builder params =
                ask("What happened to the database?").addTool(searchTool());
        ChatCompletion first = create(params);

        ChatCompletion.Choice choice = first.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessage assistant = choice.message();
        assertThat(assistant.content()).isEmpty();
        List<ChatCompletionMessageToolCall> calls = assistant.toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        ChatCompletionMessageFunctionToolCall call = calls.get(0).asFunction();
        assertThat(call.id()).startsWith("call_");
        assertThat(call.function().name()).isEqualTo("search_messages");
        assertThat(call.function().arguments()).isEqualTo("{\"query\":\"db\"}");
        assertThat(llm.lastChatRequest().tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("search_messages");
            assertThat(tool.description()).isEqualTo("Searches the Slack history");
            assertThat(tool.parameters()).contains("\"query\"");
        });

        ChatCompletion second = create(params.addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(call.id())
                        .content("10:02 <@U1> restarted db-primary")
                        .build()));

        assertThat(second.choices().get(0).message().content()).contains("The database was restarted at 10:02.");
        assertThat(second.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        ChatRequest followUp = llm.lastChatRequest();
        assertThat(followUp.toolResult("search_messages")).contains("10:02 <@U1> restarted db-primary");
        assertThat(followUp.messages())
                .extracting(ChatRequest.Message::role)
                .containsExactly("user", "assistant", "tool");
        assertThat(followUp.messages().get(1).toolCalls())
                .singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(call.id()));
    }

    @Test
    void several_tool_calls_in_one_turn_reach_the_client_in_order() {
        llm.onChat()
                .whenToolOffered("search_messages")
                .reply(ChatReply.toolCalls(List.of(
                        ToolCall.of("search_messages", "{\"query\":\"a\"}"),
                        new ToolCall("call_fixed", "search_messages", "{\"query\":\"b\"}"))));

        List<ChatCompletionMessageToolCall> calls = create(ask("search twice").addTool(searchTool()))
                .choices()
                .get(0)
                .message()
                .toolCalls()
                .orElseThrow();

        assertThat(calls)
                .extracting(c -> c.asFunction().function().arguments())
                .containsExactly("{\"query\":\"a\"}", "{\"query\":\"b\"}");
        assertThat(calls.get(1).asFunction().id()).isEqualTo("call_fixed");
    }

    @Test
    void tool_message_that_answers_no_call_is_refused_as_openai_does() {
        llm.defaultReply("unreachable");

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> create(ask("hi")
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId("call_nowhere")
                                .content("x")
                                .build())));

        assertThat(e.getMessage()).contains("must be a response to a preceeding message with 'tool_calls'");
    }

    @Test
    void reply_sequence_gives_successive_answers_then_repeats_the_last() {
        llm.onChat().whenLastUserMessageContains("extract").replySequence("not json", "{\"valid\": true}");

        List<String> answers = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> create(ask("extract the facts, as json"))
                        .choices()
                        .get(0)
                        .message()
                        .content()
                        .orElseThrow())
                .toList();

        assertThat(answers).containsExactly("not json", "{\"valid\": true}", "{\"valid\": true}");
    }

    @Test
    void a_sequence_can_call_a_tool_and_then_answer() {
        ChatRule rule = llm.onChat().replySequence(ChatReply.toolCall("search_messages", "{}"), ChatReply.text("done"));

        ChatCompletion first = create(ask("go").addTool(searchTool()));
        ChatCompletionMessage assistant = first.choices().get(0).message();
        String callId = assistant.toolCalls().orElseThrow().get(0).asFunction().id();
        ChatCompletion second = create(ask("go")
                .addTool(searchTool())
                .addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(callId)
                        .content("[]")
                        .build()));

        assertThat(second.choices().get(0).message().content()).contains("done");
        assertThat(rule.timesMatched()).isEqualTo(2);
    }

    @Test
    void the_most_recently_registered_matching_rule_answers() {
        llm.onChat().reply("general");
        llm.onChat().whenLastUserMessageContains("special").reply("specific");

        assertThat(create(ask("a special case")).choices().get(0).message().content())
                .contains("specific");
        assertThat(create(ask("an ordinary case")).choices().get(0).message().content())
                .contains("general");
    }

    @Test
    void a_predicate_rule_sees_the_typed_request() {
        llm.onChat()
                .when(r -> r.systemPrompt().orElse("").startsWith("You are Ratchet")
                        && r.temperature().orElse(1.0) == 0.0
                        && r.maxTokens().orElse(0) == 300
                        && "gpt-4o-mini".equals(r.model()))
                .reply("matched");

        ChatCompletion completion = create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("You are Ratchet, an operations assistant.")
                .addUserMessage("status?")
                .temperature(0.0)
                .maxCompletionTokens(300));

        assertThat(completion.choices().get(0).message().content()).contains("matched");
    }

    @Test
    void recorded_requests_expose_the_prompt() {
        llm.defaultReply("ok");

        create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("Summarise the thread.")
                .addUserMessage("<@U1> the deploy failed")
                .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.AUTO)
                .addTool(searchTool()));

        assertThat(llm.chatRequests()).singleElement().satisfies(request -> {
            assertThat(request.systemPrompt()).contains("Summarise the thread.");
            assertThat(request.lastUserMessage()).contains("<@U1> the deploy failed");
            assertThat(request.toolChoice()).contains("auto");
            assertThat(request.json().path("messages").size()).isEqualTo(2);
        });
        assertThat(llm.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
            assertThat(recorded.endpoint()).contains(Endpoint.CHAT_COMPLETIONS);
            assertThat(recorded.status()).isEqualTo(200);
            assertThat(recorded.body()).contains("the deploy failed");
        });
    }

    @Test
    void an_unmatched_prompt_is_refused_with_a_message_quoting_it() {
        llm.onChat().whenLastUserMessageContains("runbook").reply("unused");

        BadRequestException e =
                catchThrowableOfType(BadRequestException.class, () -> create(ask("something nobody scripted")));

        assertThat(e.getMessage()).contains("no chat rule matched").contains("\"something nobody scripted\"");
        assertThat(e.code()).contains("no_rule_matched");
    }

    @Test
    void the_default_reply_answers_what_no_rule_matches() {
        llm.onChat().whenLastUserMessageContains("runbook").reply("runbook answer");
        llm.defaultReply("fallback");

        assertThat(create(ask("anything")).choices().get(0).message().content()).contains("fallback");
    }

    @Test
    void a_reply_longer_than_max_tokens_is_cut_with_finish_reason_length() {
        llm.defaultReply("one two three four five six");

        ChatCompletion completion = create(ask("long answer please").maxCompletionTokens(3));

        assertThat(completion.choices().get(0).message().content()).contains("one two three");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
    }

    @Test
    void streaming_is_refused_with_an_openai_error() {
        llm.defaultReply("unused");

        HttpResponse<String> response = StubClient.post(
                llm,
                "/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Bearer " + StubClient.KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"stream\"").contains("\"type\":\"invalid_request_error\"");
    }

    @Test
    void an_unknown_model_is_refused_once_models_are_set() {
        llm.models("qwen2.5:7b").defaultReply("ok");

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> create(ask("hi")));

        assertThat(e.code()).contains("model_not_found");
        assertThat(create(ask("hi").model("qwen2.5:7b")).model()).isEqualTo("qwen2.5:7b");
    }

    @Test
    void a_delayed_reply_outlasts_a_client_timeout_shorter_than_the_delay() {
        llm.onChat()
                .whenLastUserMessageContains("slow")
                .delay(Duration.ofSeconds(5))
                .reply("late");
        llm.onChat().whenLastUserMessageContains("fast").reply("prompt");

        OpenAIClient impatient = OpenAIOkHttpClient.builder()
                .baseUrl(llm.baseUrl())
                .apiKey(StubClient.KEY)
                .maxRetries(0)
                .timeout(Duration.ofMillis(200))
                .build();
        try {
            Throwable timedOut = catchThrowableOfType(
                    OpenAIIoException.class,
                    () -> impatient
                            .chat()
                            .completions()
                            .create(ask("slow please").build()));
            assertThat(timedOut).isNotNull();
        } finally {
            impatient.close();
        }
        assertThat(create(ask("fast please")).choices().get(0).message().content())
                .contains("prompt");
        assertThat(llm.chatRequests())
                .extracting(r -> r.lastUserMessage().orElseThrow())
                .containsExactly("slow please", "fast please");
    }
}
