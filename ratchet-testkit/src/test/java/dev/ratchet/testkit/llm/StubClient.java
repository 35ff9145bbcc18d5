package dev.ratchet.testkit.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Clients pointed at a stub: the real openai-java one, and raw HTTP for what that client cannot send. */
final class StubClient {

    static final String KEY = "sk-test";

    private StubClient() {}

    /** The client as Ratchet builds it, minus retries so that each failure surfaces once. */
    static OpenAIClient openAi(OpenAiStub llm) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(llm.baseUrl())
                .apiKey(KEY)
                .maxRetries(0)
                .build();
    }

    static HttpResponse<String> post(OpenAiStub llm, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(llm.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
