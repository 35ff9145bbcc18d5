package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.kit.ToolInputs;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ReportModuleDiscoveryTest {

    @Test
    void the_module_is_found_by_the_service_loader_under_the_id_report() {
        assertThat(ServiceLoader.load(RatchetModule.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(m -> {
                    assertThat(m).isInstanceOf(ReportModule.class);
                    assertThat(m.id()).isEqualTo("report");
                    assertThat(m.configOptions())
                            .extracting(ConfigOption::key)
                            .containsExactly(
                                    "long-open",
                                    "act-grace",
                                    "days",
                                    "schedule",
                                    "channels",
                                    "flap-window",
                                    "short-firing",
                                    "noise-days",
                                    "noise-min-firings",
                                    "time-zone",
                                    "channel-time-zones",
                                    "working-hours",
                                    "handoff-times",
                                    "handoff-channels",
                                    "handoff-to");
                });
    }

    @Test
    void the_tool_input_takes_an_optional_channel_and_days() {
        assertThat(ToolInputs.schemaOf(ReportModule.ReportInput.class))
                .contains("\"channel\": {\"type\": \"string\"}", "\"days\": {\"type\": \"integer\"}")
                .doesNotContain("required");
    }

    @Test
    void working_hours_and_time_zones_are_checked_before_start() {
        assertThat(ReportModule.WORKING_HOURS.parse("Sun-Thu 08-17")).isEqualTo("Sun-Thu 08-17");
        assertThatThrownBy(() -> ReportModule.WORKING_HOURS.parse("weekdays"))
                .hasMessageContaining("'weekdays' is out of range")
                .hasMessageContaining("Mon-Fri 09:00-18:00");
        assertThatThrownBy(() -> ReportModule.TIME_ZONE.parse("Mars/Olympus"))
                .hasMessageContaining("a time zone id such as Europe/Berlin");
        assertThat(ReportModule.CHANNEL_TIME_ZONES.parse("C0123ABC=Europe/Berlin, C0456DEF=Asia/Tokyo"))
                .containsExactly("C0123ABC=Europe/Berlin", "C0456DEF=Asia/Tokyo");
        assertThatThrownBy(() -> ReportModule.CHANNEL_TIME_ZONES.parse("team-ops=Europe/Berlin"))
                .hasMessageContaining("C0123ABC=Europe/Berlin");
    }

    @Test
    void hand_off_times_and_recipients_are_checked_before_start() {
        assertThat(ReportModule.HANDOFF_TIMES.parse("09:00, 21:00")).containsExactly("09:00", "21:00");
        assertThatThrownBy(() -> ReportModule.HANDOFF_TIMES.parse("9am"))
                .hasMessageContaining("'9am' is out of range")
                .hasMessageContaining("09:00,21:00");
        assertThat(ReportModule.HANDOFF_TO.parse("U0123ABC,C0123ABC=S0ONCALL")).hasSize(2);
        assertThatThrownBy(() -> ReportModule.HANDOFF_TO.parse("@oncall")).hasMessageContaining("C0123ABC=S0123ABC");
    }

    @Test
    void channels_are_accepted_as_ids_or_slack_links_and_names_are_refused() {
        assertThat(ReportModule.channelId("C0123ABC")).isEqualTo("C0123ABC");
        assertThat(ReportModule.channelId("<#C0123ABC|team-ops>")).isEqualTo("C0123ABC");
        assertThat(ReportModule.channelId(" #C0123ABC ")).isEqualTo("C0123ABC");
        assertThatThrownBy(() -> ReportModule.channelId("#team-ops")).hasMessageContaining("give its id");
    }
}
