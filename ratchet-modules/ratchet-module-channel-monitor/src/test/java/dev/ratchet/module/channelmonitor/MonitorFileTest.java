package dev.ratchet.module.channelmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorFileTest {

    @TempDir
    Path dir;

    Path executable() throws IOException {
        return ChannelMonitorModuleTest.script(dir, "run.sh", "echo '{}'");
    }

    Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("monitors.yaml"), yaml);
    }

    String entry(String slug, String channel, String schema, String executable, String extra) {
        return """
                %s:
                  channel_id: %s
                  prompt: "{{user}} said {{text}}"
                  result_schema: %s
                  executable: %s
                %s""".formatted(slug, channel, schema, executable, extra);
    }

    @Test
    void a_good_entry_is_read_with_its_schema_as_json_and_a_relative_executable_resolved_against_the_file()
            throws Exception {
        executable();
        List<Monitor> monitors = MonitorFile.read(file(entry(
                "deploys",
                "C0123ABCD",
                "{type: object, properties: {deploy: {type: boolean}}, required: [deploy]}",
                "run.sh",
                "  executable_args: [--dry-run, 3]\n  timeout: 2s\n")));
        assertThat(monitors).singleElement().satisfies(m -> {
            assertThat(m.slug()).isEqualTo("deploys");
            assertThat(m.channelId()).isEqualTo("C0123ABCD");
            assertThat(m.schemaJson())
                    .isEqualTo(
                            "{\"type\":\"object\",\"properties\":{\"deploy\":{\"type\":\"boolean\"}},\"required\":[\"deploy\"]}");
            assertThat(m.executable()).isEqualTo(dir.resolve("run.sh").toAbsolutePath());
            assertThat(m.args()).containsExactly("--dry-run", "3");
            assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(m.prompt().render(Map.of("user", "bob", "text", "hi"))).isEqualTo("bob said hi");
        });
    }

    @Test
    void timeout_defaults_to_ten_seconds_and_an_empty_file_has_no_monitors() throws Exception {
        Path exe = executable();
        assertThat(MonitorFile.read(file(entry("a", "C0AAA", "{type: object}", exe.toString(), "")))
                        .get(0)
                        .timeout())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(MonitorFile.read(file("# nothing yet\n"))).isEmpty();
    }

    @Test
    void each_bad_entry_is_refused_naming_the_file_the_slug_and_the_key() throws Exception {
        String exe = executable().toString();
        Path notExecutable = Files.writeString(dir.resolve("plain.sh"), "echo");
        Map<String, List<String>> cases = Map.of(
                """
                        deploys:
                          channel_id: C0AAA
                          prompt: hi
                          executable: %s
                        """.formatted(exe), List.of("entry 'deploys'", "missing key 'result_schema'"),
                entry("deploys", "C0AAA", "{type: object}", exe, "  retries: 2\n"),
                        List.of("entry 'deploys'", "unknown key 'retries'"),
                entry("deploys", "C0AAA", "[a, b]", exe, ""),
                        List.of("entry 'deploys'", "key 'result_schema'", "JSON Schema object"),
                entry("deploys", "C0AAA", "{type: array}", exe, ""),
                        List.of("entry 'deploys'", "key 'result_schema'", "'object'"),
                entry(
                                "deploys",
                                "C0AAA",
                                "{type: object}",
                                dir.resolve("missing.sh").toString(),
                                ""),
                        List.of("entry 'deploys'", "key 'executable'", "does not exist"),
                entry("deploys", "C0AAA", "{type: object}", notExecutable.toString(), ""),
                        List.of("entry 'deploys'", "key 'executable'", "not executable"),
                entry("deploys", "'#team-ops'", "{type: object}", exe, ""),
                        List.of("entry 'deploys'", "key 'channel_id'", "#team-ops", "C0123ABCD"),
                entry("deploys", "C0AAA", "{type: object}", exe, "  timeout: forever\n"),
                        List.of("entry 'deploys'", "key 'timeout'"),
                entry("deploys", "C0AAA", "{type: object}", exe, "  executable_args: --flag\n"),
                        List.of("entry 'deploys'", "key 'executable_args'"),
                entry("deploys", "C0AAA", "{type: object}", exe, "").replace("{{text}}", "{{txet}}"),
                        List.of("entry 'deploys'", "key 'prompt'", "{{txet}}"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Path f = file(c.getKey());
            var thrown = assertThatThrownBy(() -> MonitorFile.read(f))
                    .as(c.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(f.toString());
            for (String part : c.getValue()) {
                thrown.hasMessageContaining(part);
            }
        }
    }

    @Test
    void a_duplicate_slug_is_refused() throws Exception {
        String exe = executable().toString();
        Path f = file(entry("a", "C0AAA", "{type: object}", exe, "") + entry("a", "C0BBB", "{type: object}", exe, ""));
        assertThatThrownBy(() -> MonitorFile.read(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("duplicate key a");
    }

    @Test
    void a_bare_executable_name_is_looked_up_on_path_first_then_beside_the_file() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path onPath = ChannelMonitorModuleTest.script(bin, "notify", "echo '{}'");
        Path beside = ChannelMonitorModuleTest.script(dir, "only-here", "echo '{}'");
        String path = "/nonexistent:" + bin;

        assertThat(MonitorFile.read(file(entry("a", "C0AAA", "{type: object}", "notify", "")), path)
                        .get(0)
                        .executable())
                .isEqualTo(onPath.toAbsolutePath());
        assertThat(MonitorFile.read(file(entry("a", "C0AAA", "{type: object}", "only-here", "")), path)
                        .get(0)
                        .executable())
                .isEqualTo(beside.toAbsolutePath());
        Path f = file(entry("a", "C0AAA", "{type: object}", "no-such-tool", ""));
        assertThatThrownBy(() -> MonitorFile.read(f, path))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("entry 'a', key 'executable'")
                .hasMessageContaining("'no-such-tool' is not on PATH");
    }

    @Test
    void a_go_template_prompt_renders_the_documented_fields_with_gos_spacing_and_trim_markers() {
        PromptTemplate t =
                PromptTemplate.of("A: {{.Message.Text}}|B: {{ .Message.User }}|C:  {{- .Message.Text -}}  .");
        assertThat(t.goStyle()).isTrue();
        assertThat(t.render(Map.of("raw_text", "<@U1> hi &amp; bye", "user_id", "U2")))
                .isEqualTo("A: <@U1> hi &amp; bye|B: U2|C:<@U1> hi &amp; bye.");
        assertThat(PromptTemplate.of("{{text}} and {{ user }}").goStyle()).isFalse();
    }

    @Test
    void any_other_template_action_fails_the_file_naming_the_slug_and_the_action() throws Exception {
        String exe = executable().toString();
        for (String prompt : List.of(
                "{{if .Message.Text}}yes{{end}}",
                "{{.Message.Channel}}",
                "{{.Message.Text | printf \"%q\"}}",
                "{{/* note */}} {{.Message.Text}}",
                "{{.Message.Text}} by {{user}}",
                "unclosed {{.Message.Text")) {
            Path f = file("""
                    go_entry:
                      channel_id: C0AAA
                      prompt: '%s'
                      result_schema: {type: object}
                      executable: %s
                    """.formatted(prompt.replace("'", "''"), exe));
            var thrown = assertThatThrownBy(() -> MonitorFile.read(f))
                    .as(prompt)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("entry 'go_entry', key 'prompt'");
            if (prompt.startsWith("{{if")) {
                thrown.hasMessageContaining("{{if .Message.Text}}").hasMessageContaining("not supported");
            }
            if (prompt.contains("Channel")) {
                thrown.hasMessageContaining("{{.Message.Channel}}");
            }
            if (prompt.contains("{{user}}")) {
                thrown.hasMessageContaining("mixes");
            }
        }
    }
}
