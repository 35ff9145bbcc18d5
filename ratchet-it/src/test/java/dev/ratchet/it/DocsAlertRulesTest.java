package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.docs.DocsSources;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.DocsService;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.github.GitHubEmulator;
import dev.ratchet.testkit.github.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An alert-rules source ({@code alert_rules: true}): its YAML files kept whole, nothing else, never searched. */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsAlertRulesTest {

    static final String RULES = "groups:\n  - name: a\n    rules:\n      - alert: Up\n        expr: up == 0\n";

    @Test
    void an_alert_rules_source_keeps_its_yaml_files_whole_and_out_of_search(TestDatabase db, @TempDir Path dir)
            throws Exception {
        try (GitHubEmulator github = GitHubEmulator.start()) {
            Repo repo = github.createRepo("acme/rules", "main");
            repo.commit("main")
                    .put("rules/a.yml", RULES)
                    .put("rules/b.yaml", RULES.replace("Up", "Down"))
                    .put("README.md", "# Our alert rules\n\nUp fires when a target is down.\n")
                    .push();
            Files.writeString(dir.resolve("token"), github.token());
            Path sources = dir.resolve("sources.yaml");
            Files.writeString(
                    sources,
                    "sources:\n  - id: alert-rules\n    kind: github\n    repo: acme/rules\n    api_url: "
                            + github.apiUrl() + "\n    token_file: token\n    alert_rules: true\n");
            try (Ratchet ratchet = Ratchet.start(
                    db.config(Map.of("llm.url", "off", "docs.sources-file", sources.toString())),
                    ModuleRegistry.of(List.of()).enable(List.of(), List.of()),
                    Clock.systemUTC())) {
                ratchet.docs().refresh(ratchet.docs().sources().get(0));
                DocsService docs = ratchet.docs();
                assertThat(docs.alertRuleSources()).containsExactly("alert-rules");
                assertThat(docs.alertRuleFiles("alert-rules"))
                        .extracting(DocsService.Document::path, DocsService.Document::content)
                        .containsExactly(
                                org.assertj.core.api.Assertions.tuple("rules/a.yml", RULES),
                                org.assertj.core.api.Assertions.tuple("rules/b.yaml", RULES.replace("Up", "Down")));
                assertThat(docs.alertRuleFiles("alert-rules").get(0).revision()).isEqualTo(repo.head("main"));
                assertThat(docs.search("alert when a target is down", 5)).isEmpty();
                assertThat(docs.canProposeChanges("alert-rules")).isFalse();
                assertThatThrownBy(() -> docs.alertRuleFiles("handbook"))
                        .isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("set alert_rules: true on a git or github source");
            }
        }
    }

    @Test
    void alert_rules_takes_true_or_false(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(
                sources, "sources:\n  - id: rules\n    kind: github\n    repo: acme/rules\n    alert_rules: maybe\n");
        assertThatThrownBy(() -> DocsSources.read(sources))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("(rules): alert_rules must be true or false, was 'maybe'");
    }
}
