package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpellingTest {

    static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : Evidence.tokens(text)) {
            if (!w.isEmpty()) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        return counts;
    }

    static final Map<String, Integer> PAGES = counts("Staging shuts down overnight. Kafka consumers read the topic."
            + " Use the breakglass role; PgBouncer pools connections. Severity levels. Launches need a review."
            + " We spend money and send alerts. The approved change.");

    @Test
    void typing_slips_are_corrected_to_the_pages_words() {
        assertThat(Spelling.correct("how do i get stagign to shut down overnight", PAGES))
                .isEqualTo("how do i get staging to shut down overnight");
        assertThat(Spelling.correct("which kafak cluster, and the conusmers?", PAGES))
                .isEqualTo("which kafka cluster, and the consumers?");
        assertThat(Spelling.correct("who reviews brekglass use", PAGES)).isEqualTo("who reviews breakglass use");
        assertThat(Spelling.correct("pgbouncr mode", PAGES)).isEqualTo("pgbouncer mode");
        assertThat(Spelling.correct("downgrade the severty", PAGES)).isEqualTo("downgrade the severity");
    }

    @Test
    void known_words_short_words_and_other_stems_are_left_as_typed() {
        assertThat(Spelling.correct("staging review", PAGES)).isEqualTo("staging review");
        // "spends" is not "sends" (its stem, spend, is on the pages), "approve" not "approved" (the last letter)
        assertThat(Spelling.correct("team spends to approve", PAGES)).isEqualTo("team spends to approve");
        // digits next to the word: a name, not a slip
        assertThat(Spelling.correct("stagign1 and kafak2", PAGES)).isEqualTo("stagign1 and kafak2");
    }
}
