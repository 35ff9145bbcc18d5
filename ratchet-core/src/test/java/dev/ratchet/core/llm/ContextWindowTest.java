package dev.ratchet.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ContextWindowTest {

    @Test
    void openai_models_are_counted_with_their_encoding_and_others_estimated() {
        ToIntFunction<String> gpt4o = ContextWindow.counter("gpt-4o-mini");
        assertThat(gpt4o.applyAsInt("hello world")).isEqualTo(2);
        ToIntFunction<String> qwen = ContextWindow.counter("qwen2.5:7b");
        assertThat(qwen.applyAsInt("hello world")).isEqualTo(4); // 11 characters, 3 a token, rounded up
    }

    static List<ChatMessage> prompt(int threads, int words) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system("Write a runbook."));
        for (int t = 1; t <= threads; t++) {
            messages.add(ChatMessage.user("thread " + t + ": " + "restart the pool ".repeat(words / 3)));
        }
        messages.add(ChatMessage.user("DiskFull on db-1"));
        return messages;
    }

    @Test
    void the_oldest_context_goes_first_and_the_instructions_and_request_stay() throws Exception {
        ToIntFunction<String> tokens = ContextWindow.counter("gpt-4o");
        ContextWindow.Fitted f = ContextWindow.fit(prompt(10, 600), 4096, tokens);

        assertThat(f.trimmed()).isTrue();
        assertThat(f.estimate()).isLessThanOrEqualTo(ContextWindow.budget(4096));
        assertThat(f.messages().get(0).content()).isEqualTo("Write a runbook.");
        assertThat(f.messages().get(f.messages().size() - 1).content()).isEqualTo("DiskFull on db-1");
        assertThat(f.messages()).noneMatch(m -> m.content().startsWith("thread 1:"));
        assertThat(f.messages()).anyMatch(m -> m.content().startsWith("thread 10:"));
    }

    @Test
    void one_message_too_long_is_cut_in_its_middle_and_marked() throws Exception {
        ContextWindow.Fitted f = ContextWindow.fit(prompt(1, 30_000), 4096, ContextWindow.counter("gpt-4o"));

        assertThat(f.trimmed()).isTrue();
        assertThat(f.messages()).hasSize(3);
        assertThat(f.messages().get(1).content()).startsWith("thread 1:").contains(ContextWindow.LEFT_OUT);
        assertThat(f.estimate()).isLessThanOrEqualTo(ContextWindow.budget(4096));
    }

    @Test
    void a_prompt_that_fits_is_left_alone() throws Exception {
        List<ChatMessage> small = prompt(2, 30);
        assertThat(ContextWindow.fit(small, 4096, ContextWindow.counter("gpt-4o"))
                        .messages())
                .isSameAs(small);
    }

    @Test
    void instructions_that_cannot_fit_fail_naming_the_setting() {
        List<ChatMessage> huge =
                List.of(ChatMessage.system("x ".repeat(20_000)), ChatMessage.user("x ".repeat(20_000)));
        assertThatThrownBy(() -> ContextWindow.fit(huge, 100, ContextWindow.counter("qwen2.5:7b")))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("llm.context-window");
    }
}
