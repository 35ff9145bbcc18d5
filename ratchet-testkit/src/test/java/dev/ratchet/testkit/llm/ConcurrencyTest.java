package dev.ratchet.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private OpenAiStub llm;
    private OpenAIClient client;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @BeforeEach
    void start() {
        llm = OpenAiStub.start();
        // Generous, yet far below the slow rule's minute: a stub that served one request at a time would fail here.
        client = OpenAIOkHttpClient.builder()
                .baseUrl(llm.baseUrl())
                .apiKey(StubClient.KEY)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        client.close();
        llm.close();
    }

    private String ask(String text) {
        return client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage(text)
                        .build())
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();
    }

    @Test
    void concurrent_requests_each_get_their_own_answer_and_are_all_recorded() {
        llm.onChat()
                .replyWith(r -> ChatReply.text("echo: " + r.lastUserMessage().orElseThrow()));

        List<CompletableFuture<String>> answers = IntStream.range(0, 16)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> ask("question " + i), threads))
                .toList();

        assertThat(answers)
                .extracting(CompletableFuture::join)
                .containsExactlyElementsOf(IntStream.range(0, 16)
                        .mapToObj(i -> "echo: question " + i)
                        .toList());
        assertThat(llm.chatRequests()).hasSize(16);
    }

    @Test
    void a_slow_reply_does_not_hold_up_other_requests() {
        llm.onChat()
                .whenLastUserMessageContains("slow")
                .delay(Duration.ofMinutes(1))
                .reply("late");
        llm.onChat().whenLastUserMessageContains("fast").reply("at once");

        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> ask("slow please"), threads);
        await().until(() -> llm.chatRequests().size() == 1);

        assertThat(ask("fast please")).isEqualTo("at once");
        assertThat(slow).isNotDone();
    }
}
