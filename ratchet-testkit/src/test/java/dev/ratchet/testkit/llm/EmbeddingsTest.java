package dev.ratchet.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams.EncodingFormat;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {

    private static final String MODEL = "text-embedding-3-small";

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

    private List<Float> embed(String text, EncodingFormat format) {
        EmbeddingCreateParams.Builder params =
                EmbeddingCreateParams.builder().model(MODEL).input(text);
        if (format != null) {
            params.encodingFormat(format);
        }
        return client.embeddings().create(params.build()).data().get(0).embedding();
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i) * b.get(i);
            na += a.get(i) * a.get(i);
            nb += b.get(i) * b.get(i);
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void the_default_base64_encoding_and_float_give_identical_vectors() {
        String text = "The primary database ran out of connections";

        List<Float> base64 = embed(text, null);
        List<Float> floats = embed(text, EncodingFormat.FLOAT);

        assertThat(base64).hasSize(384).isEqualTo(floats);
        assertThat(llm.embeddingRequests())
                .extracting(EmbeddingRequest::encodingFormat)
                .containsExactly("base64", "float");
    }

    @Test
    void base64_on_the_wire_is_little_endian_float32() throws Exception {
        HttpResponse<String> response = StubClient.post(
                llm,
                "/embeddings",
                "{\"model\":\"" + MODEL + "\",\"input\":\"disk full on web-1\",\"encoding_format\":\"base64\"}",
                null);

        JsonNode body = new ObjectMapper().readTree(response.body());
        ByteBuffer bytes = ByteBuffer.wrap(
                        Base64.getDecoder().decode(body.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(decoded);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(decoded).containsExactly(llm.embed("disk full on web-1"));
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.at("/data/0/object").asText()).isEqualTo("embedding");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isPositive();
    }

    @Test
    void related_sentences_are_closer_than_unrelated_ones() {
        List<Float> outage = embed("The postgres database is down after the deploy", null);
        List<Float> related = embed("Database down again: postgres restarted", null);
        List<Float> unrelated = embed("Lunch menu for Friday: pizza and salad", null);

        assertThat(cosine(outage, related)).isGreaterThan(cosine(outage, unrelated) + 0.2);
    }

    @Test
    void vectors_are_deterministic_unit_length_and_match_what_the_stub_computes_for_tests() {
        List<Float> first = embed("cpu at 95% on worker-3", EncodingFormat.FLOAT);
        List<Float> again = embed("cpu at 95% on worker-3", EncodingFormat.FLOAT);

        assertThat(again).isEqualTo(first);
        assertThat(cosine(first, first)).isCloseTo(1.0, within(1e-6));
        double norm = Math.sqrt(first.stream().mapToDouble(f -> f * f).sum());
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        float[] expected = llm.embed("cpu at 95% on worker-3");
        assertThat(first).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(first.get(i)).isEqualTo(expected[i]);
        }
    }

    @Test
    void the_dimension_is_configurable_per_stub_and_per_request() {
        llm.embeddingDimension(64);

        assertThat(embed("short vectors", EncodingFormat.FLOAT)).hasSize(64);
        List<Float> asked = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(MODEL)
                        .input("asked for sixteen")
                        .dimensions(16)
                        .build())
                .data()
                .get(0)
                .embedding();
        assertThat(asked).hasSize(16);
        assertThat(llm.embeddingRequests().get(1).dimensions()).isEqualTo(16);
    }

    @Test
    void a_batch_gets_one_vector_per_text_in_order() {
        CreateEmbeddingResponse response = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(MODEL)
                        .inputOfArrayOfStrings(List.of("first text", "second text", "third text"))
                        .build());

        assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L, 2L);
        assertThat(response.data().get(1).embedding()).isEqualTo(embed("second text", null));
        assertThat(response.model()).isEqualTo(MODEL);
        assertThat(response.usage().promptTokens()).isEqualTo(6);
        assertThat(response.usage().totalTokens()).isEqualTo(6);
        assertThat(llm.embeddingRequests().get(0).inputs()).containsExactly("first text", "second text", "third text");
    }

    @Test
    void an_empty_input_is_refused_as_openai_does() {
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> embed("", null));

        assertThat(e.param()).contains("input");
    }
}
