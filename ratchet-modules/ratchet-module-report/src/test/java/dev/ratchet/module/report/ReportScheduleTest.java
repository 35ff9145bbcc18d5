package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.testkit.TestBot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {

    static TestBot start(Map<String, String> settings) {
        TestBot.Builder builder = TestBot.with(new ReportModule());
        settings.forEach(builder::set);
        return builder.start();
    }

    @Test
    void no_schedule_is_registered_by_default() {
        try (TestBot bot = start(Map.of())) {
            assertThat(bot.schedules()).isEmpty();
            assertThat(bot.jobs("report")).contains("weekly");
        }
    }

    @Test
    void schedule_and_channels_register_the_weekly_job_on_the_cron() {
        try (TestBot bot = start(Map.of("report.schedule", "0 9 * * MON", "report.channels", "C0OPS,C0HELP"))) {
            assertThat(bot.schedules())
                    .containsExactly(new TestBot.Schedule("report", "weekly", "0 9 * * MON", Map.of()));
            // the job server accepts it (JobRunr refuses some characters in recurring job ids)
            assertThat(bot.recurringJobs()).contains("report.weekly");
        }
    }

    @Test
    void a_schedule_without_channels_stops_the_launch_naming_the_setting_to_fix() {
        assertThatThrownBy(() -> start(Map.of("report.schedule", "0 9 * * MON")).close())
                .hasMessageContaining("RATCHET_REPORT_CHANNELS");
    }

    @Test
    void a_schedule_that_is_not_a_five_field_cron_is_a_configuration_error() {
        assertThatThrownBy(() -> start(Map.of("report.schedule", "every monday", "report.channels", "C0OPS"))
                        .close())
                .hasMessageContaining("report.schedule")
                .hasMessageContaining("5-field cron");
    }
}
