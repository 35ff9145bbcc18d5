package dev.ratchet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.jobs.JobSettings;
import dev.ratchet.core.slack.SlackSettings;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.spi.ConfigOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatchetConfigTest {

    static final ConfigOption<Integer> THREADS = ConfigOption.integer("max-threads", 5, 1, 50);

    @Test
    void keys_map_to_ratchet_environment_variables() {
        assertThat(RatchetConfig.envName("runbook.max-threads")).isEqualTo("RATCHET_RUNBOOK_MAX_THREADS");
        assertThat(RatchetConfig.envName("db.url")).isEqualTo("RATCHET_DB_URL");
    }

    @Test
    void flags_beat_environment_which_beats_the_dotenv_file(@TempDir Path dir) throws IOException {
        Path dotenv = dir.resolve(".env");
        Files.writeString(dotenv, "# comment\nRATCHET_RUNBOOK_MAX_THREADS=7\nRATCHET_DB_USER=\"from-file\"\n");
        RatchetConfig fileOnly = RatchetConfig.load(Map.of(), Map.of(), dotenv);
        assertThat(fileOnly.get("runbook.", THREADS)).isEqualTo(7);
        assertThat(fileOnly.get(DatabaseSettings.DB_USER)).isEqualTo("from-file");

        RatchetConfig withEnv = RatchetConfig.load(Map.of(), Map.of("RATCHET_RUNBOOK_MAX_THREADS", "9"), dotenv);
        assertThat(withEnv.get("runbook.", THREADS)).isEqualTo(9);

        RatchetConfig withFlag = RatchetConfig.load(
                Map.of("runbook.max-threads", "11"), Map.of("RATCHET_RUNBOOK_MAX_THREADS", "9"), dotenv);
        assertThat(withFlag.get("runbook.", THREADS)).isEqualTo(11);
    }

    @Test
    void unset_option_takes_its_default() {
        assertThat(RatchetConfig.of(Map.of()).get("runbook.", THREADS)).isEqualTo(5);
        assertThat(RatchetConfig.of(Map.of()).get(JobSettings.JOBS_POLL_INTERVAL))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void bad_value_names_the_key_its_source_and_the_fix() {
        RatchetConfig config = RatchetConfig.load(Map.of(), Map.of("RATCHET_RUNBOOK_MAX_THREADS", "lots"), null);
        assertThatThrownBy(() -> config.get("runbook.", THREADS))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("runbook.max-threads")
                .hasMessageContaining("'lots'")
                .hasMessageContaining("RATCHET_RUNBOOK_MAX_THREADS in the environment")
                .hasMessageContaining("a whole number between 1 and 50");
    }

    @Test
    void out_of_range_value_is_refused() {
        RatchetConfig config = RatchetConfig.of(Map.of("runbook.max-threads", "500"));
        assertThatThrownBy(() -> config.get("runbook.", THREADS)).hasMessageContaining("out of range");
    }

    @Test
    void secret_values_never_appear_in_errors() {
        RatchetConfig config = RatchetConfig.of(Map.of("slack.bot-token", "hunter2-not-a-token"));
        assertThatThrownBy(() -> config.get(SlackSettings.SLACK_BOT_TOKEN))
                .hasMessageContaining("slack.bot-token")
                .hasMessageContaining("xoxb-")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void required_option_without_value_says_which_variable_to_set() {
        ConfigOption<String> file = ConfigOption.string("file", null).required();
        assertThatThrownBy(() -> RatchetConfig.of(Map.of()).find("channel-monitor.", file))
                .hasMessageContaining("channel-monitor.file is required")
                .hasMessageContaining("RATCHET_CHANNEL_MONITOR_FILE");
    }

    @Test
    void unknown_flag_key_is_an_error_with_a_suggestion_and_unknown_variable_a_warning() {
        RatchetConfig config = RatchetConfig.load(
                Map.of("runbook.max-thread", "3"),
                Map.of("RATCHET_DB_URI", "x", "RATCHET_TEST_DB_URL", "ignored", "PATH", "/bin"),
                null);
        RatchetConfig.Unknown unknown = config.unknownKeys(Set.of("runbook.max-threads", "db.url"), Set.of());
        assertThat(unknown.errors())
                .singleElement()
                .asString()
                .contains("--set runbook.max-thread")
                .contains("did you mean runbook.max-threads?");
        assertThat(unknown.warnings())
                .singleElement()
                .asString()
                .contains("RATCHET_DB_URI")
                .contains("did you mean RATCHET_DB_URL?");
    }

    @Test
    void keys_of_found_but_disabled_modules_are_not_unknown() {
        RatchetConfig config =
                RatchetConfig.load(Map.of("report.day", "mon"), Map.of("RATCHET_REPORT_DAY", "mon"), null);
        RatchetConfig.Unknown unknown = config.unknownKeys(Set.of(), Set.of("report."));
        assertThat(unknown.errors()).isEmpty();
        assertThat(unknown.warnings()).isEmpty();
    }

    @Test
    void malformed_dotenv_file_is_reported_by_name(@TempDir Path dir) throws IOException {
        Path dotenv = dir.resolve(".env");
        Files.writeString(dotenv, "RATCHET_DB_URL=ok\nthis line is not an assignment\n");
        assertThatThrownBy(() -> RatchetConfig.load(Map.of(), Map.of(), dotenv))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining(dotenv.toString())
                .hasMessageContaining("KEY=VALUE");
    }

    @Test
    void problems_are_collected_for_every_option() {
        RatchetConfig config = RatchetConfig.of(Map.of("db.pool-size", "0", "jobs.poll-interval", "1s"));
        List<String> problems = config.problems("", CoreOptions.all());
        assertThat(problems).hasSize(2);
        assertThat(String.join("\n", problems))
                .contains("db.pool-size")
                .contains("jobs.poll-interval")
                .contains("at least 5s");
    }
}
