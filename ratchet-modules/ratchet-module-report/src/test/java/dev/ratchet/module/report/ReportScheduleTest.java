package dev.ratchet.module.report;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RatchetDatabaseExtension.class)
class ReportScheduleTest {

    static Ratchet start(TestDatabase db, Map<String, String> flags) {
        return Ratchet.start(db.config(flags), ModuleRegistry.of(List.of(new ReportModule())).enable(List.of(), List.of()), Clock.systemUTC());
    }

    @Test
    void no_schedule_is_registered_by_default(TestDatabase db) {
        try (Ratchet ratchet = start(db, Map.of())) {
            assertThat(ratchet.registrations().schedules()).isEmpty();
            assertThat(ratchet.registrations().job("report", "weekly")).isPresent();
        }
    }

    @Test
    void schedule_and_channels_register_the_weekly_job_on_the_cron(TestDatabase db) {
        try (Ratchet ratchet = start(db, Map.of("report.schedule", "0 9 * * MON", "report.channels", "C0OPS,C0HELP"))) {
            assertThat(ratchet.registrations().schedules())
                    .containsExactly(new Registrations.Schedule("report", "weekly", "0 9 * * MON", Map.of()));
            // the job server accepts it (JobRunr refuses some characters in recurring job ids)
            ratchet.startJobServer();
            java.util.List<String> recurring = ratchet.database().withHandle(h -> h.createQuery(
                    "select trim(id) from ratchet_jobs.jobrunr_recurring_jobs order by 1").mapTo(String.class).list());
            assertThat(recurring).contains("report.weekly");
        }
    }

    @Test
    void a_schedule_without_channels_stops_the_launch_naming_the_setting_to_fix(TestDatabase db) {
        assertThatThrownBy(() -> start(db, Map.of("report.schedule", "0 9 * * MON")).close())
                .hasMessageContaining("RATCHET_REPORT_CHANNELS");
    }

    @Test
    void a_schedule_that_is_not_a_five_field_cron_is_a_configuration_error(TestDatabase db) {
        assertThatThrownBy(() -> start(db, Map.of("report.schedule", "every monday", "report.channels", "C0OPS")).close())
                .hasMessageContaining("report.schedule").hasMessageContaining("5-field cron");
    }
}
