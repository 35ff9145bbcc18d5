package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.Shapes.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind sets 114, 115 and 118 (2026-12-08: a Prague team's Czech templates, a Piraeus team's Greek
 * ones, a Bucharest team's Romanian ones, nobody here had read), written here in other words than theirs: Czech
 * SPUŠTĚNO (open), UZAVŘEN(O) (close), a "Problém otevřen / uzavřen" line; Greek ΣΕ ΣΥΝΑΓΕΡΜΟ, ΕΝΕΡΓΟΠΟΙΗΘΗΚΕ,
 * ΕΝΕΡΓΟ, ΑΠΩΛΕΙΑ ΖΕΥΞΗΣ, ΝΕΑ ΕΙΔΟΠΟΙΗΣΗ (open), ΚΛΕΙΣΤΟ, ΕΚΛΕΙΣΕ, ΖΕΥΞΗ ΑΠΟΚΑΤΑΣΤΑΘΗΚΕ, ΕΚΤΟΣ ΚΙΝΔΥΝΟΥ (close);
 * Romanian DECLANȘAT(Ă) (open), ÎNCHIS(Ă) (close), "alertă"/"problemă nouă" (opened).
 */
class CzechGreekShapesTest {

    @Test
    void czech_templates() {
        assertThat(action("relay", "Spuštěno: [P2] Fronta objednávek roste · order-worker-02"))
                .contains(Action.OPEN);
        assertThat(action("relay", "Problém otevřen: Fronta objednávek roste")).contains(Action.OPEN);
        assertThat(action("relay", "Problém uzavřen: Fronta objednávek roste")).contains(Action.CLOSE);
    }

    @Test
    void greek_templates() {
        assertThat(action("relay", "[ΣΕ ΣΥΝΑΓΕΡΜΟ] Καθυστέρηση ουράς πληρωμών > 5 λεπτά"))
                .contains(Action.OPEN);
        assertThat(action("relay", "[New Relic] ΕΝΕΡΓΟ · HIGH · Ουρά πληρωμών: Apdex < 0.8"))
                .contains(Action.OPEN);
        assertThat(action("relay", "[New Relic] ΚΛΕΙΣΤΟ · HIGH · Ουρά πληρωμών: Apdex < 0.8"))
                .contains(Action.CLOSE);
    }

    @Test
    void romanian_templates() {
        assertThat(action("relay", "*Alertă nouă* [P2] `#88` Coada de plăți crește"))
                .contains(Action.OPEN);
        assertThat(action("relay", "*Alertă închisă* [P2] `#88` Coada de plăți crește"))
                .contains(Action.CLOSE);
        assertThat(action("relay", "DECLANȘAT · Coada de plăți crește")).contains(Action.OPEN);
    }
}
