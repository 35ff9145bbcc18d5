package dev.ratchet.app;

import static dev.ratchet.app.CommandLineTest.ratchet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.app.CommandLineTest.Result;
import dev.ratchet.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Modules that need the classifier are refused without it, and {@code ratchet modules} shows what each needs. */
class ModuleDependenciesTest {

    @Test
    void modules_runbook_without_classifier_is_exit_3_naming_the_fix() {
        Result r = ratchet("--modules", "runbook", "modules");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("runbook needs classifier: add it or drop runbook");
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void disabling_classifier_refuses_every_module_that_needs_it() {
        Result r = ratchet("--disable", "classifier", "modules");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err())
                .contains(
                        "runbook needs classifier: add it or drop runbook",
                        "recent-activity needs classifier: add it or drop recent-activity",
                        "report needs classifier: add it or drop report");
    }

    /** A row of {@code ratchet modules --json}: a module's id and the ids of the modules it requires. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record ModuleRow(String id, List<String> requires) {}

    @Test
    void modules_lists_what_each_module_needs_as_text_and_json() {
        Result text = ratchet("modules");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("(?m)^runbook .*\\n    needs: classifier$");

        Result json = ratchet("--modules", "classifier,report", "modules", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, List<String>> requires = new java.util.HashMap<>();
        for (ModuleRow row : Json.MAPPER.convertValue(readRows(json.out()), ModuleRow[].class)) {
            requires.put(row.id(), row.requires());
        }
        assertThat(requires.get("report")).containsExactly("classifier");
        assertThat(requires.get("runbook")).containsExactly("classifier");
        assertThat(requires.get("recent-activity")).containsExactly("classifier");
        assertThat(requires).containsEntry("classifier", List.of()).containsEntry("usage", List.of());
    }

    private static Object readRows(String out) {
        try {
            return Json.MAPPER.readValue(out, Object.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }
}
