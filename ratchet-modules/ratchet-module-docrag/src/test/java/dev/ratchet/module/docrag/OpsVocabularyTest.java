package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.DocsService;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsVocabularyTest {

    @Test
    void abbreviations_and_jargon_are_spelled_out_after_the_question_as_typed() {
        assertThat(OpsVocabulary.expand("SEV-1 vs sev2?"))
                .isEqualTo("SEV-1 vs sev2? (severity 1 sev1, severity 2 sev2)");
        assertThat(OpsVocabulary.expand("k8s pod OOMKilled in prod"))
                .isEqualTo("k8s pod OOMKilled in prod (kubernetes, out of memory, production)");
        assertThat(OpsVocabulary.expand("a cert expires next month, what sev is that"))
                .isEqualTo("a cert expires next month, what sev is that (certificate, severity)");
    }

    @Test
    void words_are_matched_whole_and_a_question_without_any_is_unchanged() {
        assertThat(OpsVocabulary.expand("how do i get vpn")).isEqualTo("how do i get vpn");
        assertThat(OpsVocabulary.expand("products and dbx")).isEqualTo("products and dbx");
    }

    @Test
    void a_page_that_says_what_the_jargon_stands_for_shares_the_word() {
        DocsService.DocHit page = new DocsService.DocHit(
                "handbook", "rollbacks.md", "r1", null, "Rolling back", "Roll back production with shipit.", 0.3);
        assertThat(Evidence.of("revert prod, whats the cmd").agreement(List.of(page)))
                .isEqualTo(2.0 / 3);
        assertThat(Evidence.of("how do i expense a conference ticket").agreement(List.of(page)))
                .isZero();
    }
}
