package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpsVocabularyTest {

    @Test
    void abbreviations_and_jargon_are_spelled_out_after_the_question_as_typed() {
        assertThat(OpsVocabulary.expand("SEV-1 vs sev2?"))
                .isEqualTo("SEV-1 vs sev2? (severity 1 sev1, severity 2 sev2)");
        assertThat(OpsVocabulary.expand("k8s pod OOMKilled in prod"))
                .isEqualTo("k8s pod OOMKilled in prod (kubernetes, out of memory, production)");
    }

    @Test
    void words_are_matched_whole_and_a_question_without_any_is_unchanged() {
        assertThat(OpsVocabulary.expand("how do i get vpn")).isEqualTo("how do i get vpn");
        assertThat(OpsVocabulary.expand("products and dbx")).isEqualTo("products and dbx");
    }
}
