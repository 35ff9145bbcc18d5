package dev.ratchet.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.ratchet.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code llm_calls} stores of a request and a response, written once ({@link OpenAiBackend#written}), is the text
 * the three passes wrote (the client's mapper, parsed back into a tree, {@link Json#write} of the tree).
 */
class RecordedJsonTest {

    private static String threePasses(Object value) {
        return Json.write(OpenAiBackend.toJson(value));
    }

    @Test
    void a_request_is_written_once_as_the_three_passes_wrote_it() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("qwen2.5:7b")
                .addSystemMessage("Write a runbook.\n\t\"quoted\" \\ back/slash, NUL here:\0, bell \u0007, DEL \u007f")
                .addUserMessage("DiskFull on db-1 😀 é ü 日本 \u2028 \u00a0 </script>")
                .addAssistantMessage("freed 20G with `logrotate -f /etc/logrotate.conf`")
                .temperature(0.2)
                .topP(0.95)
                .maxCompletionTokens(512L)
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder()
                                .name("search")
                                .description("Searches the channel's history.")
                                .parameters(FunctionParameters.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .putAdditionalProperty(
                                                "properties",
                                                JsonValue.from(Map.of(
                                                        "query",
                                                        Map.of("type", "string", "maxLength", 400),
                                                        "score",
                                                        Map.of("type", "number", "minimum", 0.5, "maximum", 1e21))))
                                        .putAdditionalProperty("required", JsonValue.from(List.of("query")))
                                        .build())
                                .build())
                        .build())
                .responseFormat(StructuredOutput.jsonSchema(
                        "run book",
                        "{\"type\":\"object\",\"properties\":{\"steps\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                                + "\"confidence\":{\"type\":\"number\",\"minimum\":0.0,\"maximum\":1.0}},"
                                + "\"required\":[\"steps\",\"confidence\"],\"additionalProperties\":false}"))
                .build();

        String once = OpenAiBackend.written(params._body()).json();

        assertThat(once).isEqualTo(threePasses(params._body()));
        assertThat(once).doesNotContain("\\u0000").contains(String.valueOf(Json.NUL_REPLACEMENT));
    }

    @Test
    void a_response_is_written_once_as_the_three_passes_wrote_it() throws Exception {
        ChatCompletion completion = ObjectMappers.jsonMapper().readValue("""
                        {"id":"chatcmpl-1","object":"chat.completion","created":1733000000,"model":"qwen2.5:7b",
                         "system_fingerprint":"fp_1","unknown_field":{"nested":[1,2.5,-3e-7,null,true]},
                         "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
                           "message":{"role":"assistant","content":"1. check \\u0000 the disk 😀\\n2. é","refusal":null,
                             "tool_calls":[{"id":"call_1","type":"function",
                               "function":{"name":"search","arguments":"{\\"query\\":\\"db-1\\"}"}}]}}],
                         "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}}
                        """, ChatCompletion.class);

        String once = OpenAiBackend.written(completion).json();

        assertThat(once).isEqualTo(threePasses(completion));
        assertThat(once).contains("unknown_field").doesNotContain("\\u0000");
    }

    @Test
    void text_already_written_is_recorded_as_it_is_and_any_other_value_written() {
        assertThat(Json.writeOnce(new Json.Written("{\"a\":1}"))).isEqualTo("{\"a\":1}");
        assertThat(Json.writeOnce(Map.of("inputs", 2))).isEqualTo("{\"inputs\":2}");
    }
}
