package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.DocsService;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    static final DocsService.Document ON_CALL = new DocsService.Document(
            "handbook",
            "on-call.md",
            "r1",
            null,
            "On-call",
            "---\ntitle: On-call\n---\n# On-call\n\nHanding over on Mondays.\n\n## Expectations\n\nCarry your laptop.\n");

    @Test
    void the_words_a_page_shares_are_the_questions_stems_found_in_it() {
        Evidence laptop = Evidence.of("how do i request a new laptop");
        assertThat(laptop.shared(ON_CALL.title() + " " + ON_CALL.content())).containsExactly("laptop");
        // the word is on the page but names neither the page nor a section: evidence met in passing
        assertThat(laptop.shared(DocragModule.headings(ON_CALL))).isEmpty();
    }

    @Test
    void a_pages_headings_are_its_title_and_its_markdown_heading_lines() {
        assertThat(DocragModule.headings(ON_CALL)).isEqualTo("On-call\n# On-call\n## Expectations");
        assertThat(Evidence.of("what are the on call expectations").shared(DocragModule.headings(ON_CALL)))
                .containsExactlyInAnyOrder("call", "expect");
    }
}
