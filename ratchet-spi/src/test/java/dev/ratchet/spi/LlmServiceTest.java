package dev.ratchet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.spi.kit.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmServiceTest {

    enum Verdict {
        open,
        close,
        none
    }

    record Answer(
            Verdict action, @Schema(name = "alert_name") String alertName) {}

    /** An LlmService written against 0.1: only the string-schema json, answering a fixed text. */
    static final class Fixed implements LlmService {
        final List<String> schemas = new ArrayList<>();
        final String answer;

        Fixed(String answer) {
            this.answer = answer;
        }

        public boolean chatAvailable() {
            return true;
        }

        public String chat(String purpose, List<ChatMessage> messages) {
            return answer;
        }

        public String json(String purpose, List<ChatMessage> messages, String jsonSchema) {
            schemas.add(jsonSchema);
            return answer;
        }

        public ToolLoop runTools(
                String purpose, List<ChatMessage> messages, List<Tool> tools, Tool.ToolCall caller, int maxRounds) {
            throw new UnsupportedOperationException();
        }

        public Optional<String> chatModel() {
            return Optional.of("fixed");
        }

        public String embeddingModel() {
            return "none";
        }

        public List<float[]> embed(List<String> texts) {
            return List.of();
        }
    }

    @Test
    void the_record_form_sends_the_derived_schema_and_returns_the_record() throws Exception {
        Fixed llm = new Fixed("{\"action\": \"open\", \"alert_name\": \"DiskFull\"}");
        assertThat(llm.json("classify", List.of(LlmService.ChatMessage.user("x")), Answer.class))
                .isEqualTo(new Answer(Verdict.open, "DiskFull"));
        assertThat(llm.schemas).containsExactly(dev.ratchet.spi.kit.ToolInputs.schemaOf(Answer.class));
        assertThat(llm.schemas.get(0))
                .contains("\"enum\": [\"open\", \"close\", \"none\"]")
                .contains("\"required\": [\"action\", \"alert_name\"]");
    }

    @Test
    void an_answer_that_does_not_bind_is_an_invalid_answer() {
        Fixed llm = new Fixed("{\"action\": \"maybe\", \"alert_name\": \"DiskFull\"}");
        assertThatThrownBy(() -> llm.json("classify", List.of(), Answer.class))
                .isInstanceOf(LlmAnswerInvalidException.class)
                .hasMessageContaining("classify")
                .hasMessageContaining("Answer");
    }
}
