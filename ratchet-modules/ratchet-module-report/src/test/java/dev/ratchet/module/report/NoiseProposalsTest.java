package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ratchet.module.report.ChannelReport.NoisyAlert;
import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.testkit.TestBot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The weekly report's noise section without an LLM: the noisiest alerts of the last 30 days, a rule-worded change each. */
class NoiseProposalsTest {

    static final List<String> PROPOSALS = List.of(
            "`PodCrashLooping` on search: 14 firings in 30 days, 12 resolved within 5m with nobody acting → add "
                    + "`for: 10m`",
            "`HighLatency` on api: 6 firings in 30 days, 4 fired again within 30m of resolving → add hysteresis: "
                    + "`keep_firing_for: 30m` (or a wider gap between the firing and the resolving threshold)",
            "`JobLate` on batch: 4 firings in 30 days, 4 outside working hours (Mon-Fri 09:00-18:00 UTC) and 4 resolved "
                    + "with nobody acting → route it to business hours (an Alertmanager route with "
                    + "`active_time_intervals: [business-hours]`) instead of paging",
            "`BackupStale` on db: 3 firings in 30 days, never acted on → lower its severity to a ticket "
                    + "(`severity: ticket`) or delete it");

    static TestBot bot;

    @BeforeAll
    static void start() {
        ClassifierStandIn classifier = new ClassifierStandIn();
        bot = TestBot.with(classifier, new ReportModule())
                .clock(SeededMonth.CLOCK)
                .start();
        new SeededMonth(CHANNEL).store(bot, classifier);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void the_weekly_report_proposes_a_rule_change_for_each_noisy_alert_from_its_figures() throws Exception {
        ChannelReport report = (ChannelReport) bot.callTool("channel_report", "{\"days\": 7}");

        ChannelReport.Noise noise = report.noise();
        assertThat(noise.days()).isEqualTo(30);
        assertThat(noise.worded()).isEqualTo("rules");
        assertThat(noise.note()).isNull();
        // noisiest first (resolved with nobody acting + flaps); CertExpiry fired once: no noise to tune
        assertThat(noise.alerts())
                .extracting(
                        NoisyAlert::alert,
                        NoisyAlert::firings,
                        NoisyAlert::flaps,
                        NoisyAlert::nobodyActed,
                        NoisyAlert::quickNobodyActed,
                        NoisyAlert::outsideWorkingHours,
                        NoisyAlert::kind,
                        NoisyAlert::change)
                .containsExactly(
                        tuple("PodCrashLooping", 14, 0, 12, 12, 0, "for", "for: 10m"),
                        tuple("HighLatency", 6, 4, 5, 0, 0, "hysteresis", "keep_firing_for: 30m"),
                        tuple("JobLate", 4, 0, 4, 0, 4, "business-hours", "active_time_intervals: [business-hours]"),
                        tuple("BackupStale", 3, 0, 3, 0, 0, "lower-severity", "severity: ticket"));
        assertThat(noise.alerts()).extracting(NoisyAlert::proposal).containsExactlyElementsOf(PROPOSALS);
    }

    @Test
    void the_noise_section_is_in_the_post_and_the_text() throws Exception {
        ChannelReport report = (ChannelReport) bot.callTool("channel_report", "{\"days\": 7}");
        ReportMessage message = ReportMessage.of(report);
        assertThat(message.blocksJson())
                .contains("Noise and tuning proposals* (last 30 days)")
                .contains("add `for: 10m`")
                .contains("`keep_firing_for: 30m`");
        assertThat(message.text())
                .contains("Noisiest: search / PodCrashLooping, api / HighLatency, batch / JobLate, db / BackupStale.");

        Object text = bot.callTool("channel_report", "{\"days\": 7, \"format\": \"text\"}");
        assertThat(((Map<?, ?>) text).get("text").toString())
                .contains("noise over the last 30 days (rules):\nproposal: " + PROPOSALS.get(0) + "\nproposal: "
                        + PROPOSALS.get(1));
    }

    @Test
    void a_noise_window_shorter_than_the_report_grows_to_the_report_period() throws Exception {
        // a 60-day report covers the previous PodCrashLooping firings too: 18, 16 of them quick with nobody acting
        ChannelReport report = (ChannelReport) bot.callTool("channel_report", "{\"days\": 60}");
        assertThat(report.noise().days()).isEqualTo(60);
        assertThat(report.noise().alerts().get(0).proposal())
                .isEqualTo("`PodCrashLooping` on search: 18 firings in 60 days, 16 resolved within 5m with nobody "
                        + "acting → add `for: 10m`");
    }
}
