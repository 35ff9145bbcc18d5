package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 106 and 108 (2026-12-08: a Jakarta team's Indonesian templates, a Stockholm team's
 * Swedish ones, nobody here had read), written here in other words than theirs: a relay's tool name, a drawn separator
 * and the template's state in capitals ("Datadog ▸ UTLÖST ▸ …"); a state tag with a count ("[MENYALA x2]"); Swedish
 * UTLÖST, AKTIVERAD, ÅTERHÄMTAT, STÄNGD and "ärende"; Indonesian MENYALA, DIPICU, TERPICU, DIAKTIFKAN, DITUTUP and
 * "insiden".
 */
class IndonesianSwedishShapesTest {

    @Test
    void a_tool_name_a_drawn_separator_and_the_state_in_capitals() {
        assertThat(action("relay", "Grafana ▸ UTLÖST ▸ Köer för betalningar över 5k ▸ prod"))
                .contains(Action.OPEN);
        assertThat(action("relay", "Grafana ▸ ÅTERHÄMTAT ▸ Köer för betalningar över 5k ▸ prod"))
                .contains(Action.CLOSE);
        // a tool's name and a separator before words that are no state say nothing
        assertThat(action("relay", "Grafana ▸ veckorapport ▸ 12 larm, 3 incidenter"))
                .isEmpty();
    }

    @Test
    void a_state_tag_with_a_count() {
        assertThat(action("relay", "[MENYALA x3] PaymentQueueBacklog")).contains(Action.OPEN);
    }

    @Test
    void swedish_and_indonesian_nouns_and_states() {
        assertThat(action("relay", "Sentry-ärende AKTIVERAD: Betalkön växer")).contains(Action.OPEN);
        assertThat(action("relay", "Sentry-ärende STÄNGD: Betalkön växer")).contains(Action.CLOSE);
        assertThat(action("relay", "DIPICU · Antrian pembayaran penuh")).contains(Action.OPEN);
        assertThat(action("relay", "DITUTUP · Antrian pembayaran penuh")).contains(Action.CLOSE);
    }
}
