package dev.ratchet.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownChunkerTest {

    @Test
    void markdown_is_split_along_headings_with_front_matter_as_metadata() {
        String doc = """
                ---
                title: "Database runbook"
                owner: dba
                ---
                # Databases

                Intro paragraph.

                ## Disk full

                Run `logrotate -f`.

                ```
                # not a heading inside code
                ```

                ### Postgres

                Check WAL archives.
                """;
        MarkdownChunker.Split split = new MarkdownChunker(1000).split("db.md", doc);
        assertThat(split.frontMatter())
                .containsEntry("title", "Database runbook")
                .containsEntry("owner", "dba");
        assertThat(split.title()).isEqualTo("Database runbook");
        assertThat(split.chunks())
                .extracting(MarkdownChunker.Chunk::heading)
                .containsExactly("Databases", "Databases > Disk full", "Databases > Disk full > Postgres");
        assertThat(split.chunks().get(1).text()).contains("logrotate").contains("# not a heading inside code");
    }

    @Test
    void long_sections_are_cut_at_paragraphs_and_plain_text_by_paragraphs() {
        String para = "word ".repeat(50).strip();
        MarkdownChunker.Split split = new MarkdownChunker(300).split("notes.txt", para + "\n\n" + para + "\n\n" + para);
        assertThat(split.chunks()).hasSize(3);
        assertThat(split.title()).isEqualTo("notes.txt");
    }
}
