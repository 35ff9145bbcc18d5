package dev.ratchet.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.config.RatchetConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When an endpoint is spoken to as Azure OpenAI, and the endpoint openai-java is given then. */
class AzureSettingsTest {

    static LlmSettings settings(Map<String, String> flags) {
        return LlmSettings.from(RatchetConfig.of(flags));
    }

    @Test
    void azure_hosts_are_recognised_and_others_are_not() {
        assertThat(LlmSettings.azureHost("https://ops.openai.azure.com")).isTrue();
        assertThat(LlmSettings.azureHost("https://OPS.OpenAI.Azure.com/openai/"))
                .isTrue();
        assertThat(LlmSettings.azureHost("https://ops-multi.cognitiveservices.azure.com/"))
                .isTrue();
        assertThat(LlmSettings.azureHost("https://api.openai.com/v1")).isFalse();
        assertThat(LlmSettings.azureHost("http://localhost:11434/v1")).isFalse();
        assertThat(LlmSettings.azureHost("https://openai.azure.com.example.org/v1"))
                .isFalse();
        assertThat(LlmSettings.azureHost("not a url")).isFalse();
    }

    @Test
    void the_provider_setting_decides_over_the_host_for_chat_and_embeddings() {
        LlmSettings byHost =
                settings(Map.of("llm.url", "https://ops.openai.azure.com", "embedding.provider", "openai"));
        assertThat(byHost.azure()).isTrue();
        assertThat(byHost.embeddingAzure()).isTrue();
        assertThat(byHost.azureApiVersion()).isEqualTo("2024-10-21");
        assertThat(byHost.toString()).contains("Azure OpenAI 2024-10-21");

        LlmSettings loopback = settings(Map.of(
                "llm.url",
                "http://127.0.0.1:8080",
                "llm.provider",
                "azure",
                "llm.azure-api-version",
                "2025-03-01-preview"));
        assertThat(loopback.azure()).isTrue();
        assertThat(loopback.embeddingAzure()).isFalse(); // embeddings are in-process
        assertThat(loopback.azureApiVersion()).isEqualTo("2025-03-01-preview");

        assertThat(settings(Map.of("llm.url", "https://ops.openai.azure.com", "llm.provider", "openai"))
                        .azure())
                .isFalse();
        assertThat(settings(Map.of("llm.url", "http://localhost:11434/v1")).azure())
                .isFalse();
        assertThat(settings(Map.of("llm.url", "off", "llm.provider", "azure")).azure())
                .isFalse();
    }

    @Test
    void a_malformed_api_version_or_provider_is_a_configuration_problem() {
        assertThat(RatchetConfig.of(Map.of("llm.azure-api-version", "latest")).problems("", CoreOptions.all()))
                .anySatisfy(p -> assertThat(p).contains("llm.azure-api-version"));
        assertThat(RatchetConfig.of(Map.of("llm.provider", "bedrock")).problems("", CoreOptions.all()))
                .anySatisfy(p -> assertThat(p).contains("llm.provider"));
    }

    @Test
    void the_endpoint_given_to_openai_java_is_the_resource_root() {
        assertThat(OpenAiBackend.azureRoot("https://ops.openai.azure.com")).isEqualTo("https://ops.openai.azure.com");
        assertThat(OpenAiBackend.azureRoot("https://ops.openai.azure.com/")).isEqualTo("https://ops.openai.azure.com");
        assertThat(OpenAiBackend.azureRoot("https://ops.openai.azure.com/openai"))
                .isEqualTo("https://ops.openai.azure.com");
        assertThat(
                        OpenAiBackend.azureRoot(
                                "https://ops.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"))
                .isEqualTo("https://ops.openai.azure.com");
        assertThat(OpenAiBackend.azureRoot("https://gw.azure-api.net/team-a/openai/v1"))
                .isEqualTo("https://gw.azure-api.net/team-a");
        assertThat(OpenAiBackend.azureRoot("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(OpenAiBackend.azureRoot("https://gw.example.org/openaiproxy"))
                .isEqualTo("https://gw.example.org/openaiproxy");
        assertThat(OpenAiBackend.azureRoot("https://openai.example.org/")).isEqualTo("https://openai.example.org");
    }
}
