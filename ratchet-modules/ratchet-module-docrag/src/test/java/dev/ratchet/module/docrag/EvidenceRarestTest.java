package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.DocsService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvidenceRarestTest {

    static final List<Set<String>> PAGES = List.of(
            Evidence.stems("PgBouncer pools the connections of every service to Postgres."),
            Evidence.stems("Postgres backups run nightly; restore tests run weekly."),
            Evidence.stems("Every service has an on-call rotation."));

    @Test
    void the_rarest_word_is_the_one_the_fewest_pages_hold() {
        assertThat(Evidence.of("max connections pgbouncer allows into postgres").rarest(PAGES))
                .isEqualTo(Evidence.stem("connections"));
        assertThat(Evidence.of("postgres backups").rarest(PAGES)).isEqualTo(Evidence.stem("backups"));
        assertThat(Evidence.of("mongodb quorum").rarest(PAGES)).isNull();
    }

    @Test
    void the_rare_word_is_looked_for_in_the_pages_three_closest_sentences() {
        Evidence words = Evidence.of("how often are restore tests");
        String rarest = words.rarest(PAGES);
        DocsService.DocHit hit = new DocsService.DocHit(
                "handbook",
                "backups.md",
                "r1",
                "",
                "Backups",
                "Restore tests run weekly.\n\nBackups run nightly.\n\nArchives are kept.\n\nSnapshots are encrypted.",
                0.2);
        // [headed best, bare best, then each sentence alone]
        Map<DocsService.DocHit, double[]> fourth = Map.of(hit, new double[] {0.8, 0.7, 0.1, 0.5, 0.6, 0.7});
        Map<DocsService.DocHit, double[]> first = Map.of(hit, new double[] {0.8, 0.9, 0.9, 0.5, 0.6, 0.7});
        assertThat(DocragModule.rareInPassage(words, rarest, List.of(hit), fourth))
                .isEqualTo(0.0);
        assertThat(DocragModule.rareInPassage(words, rarest, List.of(hit), first))
                .isEqualTo(1.0);
        // embeddings failed: the first chunk stands for the passage
        Map<DocsService.DocHit, double[]> failed = Map.of(hit, new double[] {0.8, 0.8});
        assertThat(DocragModule.rareInPassage(words, rarest, List.of(hit), failed))
                .isEqualTo(1.0);
        assertThat(DocragModule.rareInPassage(Evidence.of("kafka retention"), null, List.of(hit), first))
                .isEqualTo(0.5);
    }
}
