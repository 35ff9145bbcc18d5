package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code llm.url=off} the report has every statistic and says that generation is off. */
class ReportWithoutLlmTest {

    static final String OPS = "C0OPSNOLLM";

    @Test
    void without_an_llm_the_report_says_generation_is_off_and_still_has_all_statistics() throws Exception {
        SeededWeek week = new SeededWeek(OPS);
        ClassifierStandIn classifier = new ClassifierStandIn();
        try (TestBot bot = TestBot.with(classifier, new ReportModule())
                .slack(slack -> week.seed(slack, "team-ops"))
                .start()) {
            SlackEmulator slack = bot.slack();
            week.classify(bot, classifier);

            Tool post = bot.tools("report").stream()
                    .filter(t -> t.name().equals("post_channel_report"))
                    .findFirst()
                    .orElseThrow();
            var posted = (ReportModule.PostedReport)
                    post.function().call(Map.of("channel", OPS), new Tool.ToolCall(OPS, null, null));
            ChannelReport report = posted.report();

            assertThat(report.suggestions().generated()).isFalse();
            assertThat(report.suggestions().items()).isEmpty();
            assertThat(report.suggestions().note()).startsWith("Generation is off");
            assertThat(report.totals()).isEqualTo(new ChannelReport.Totals(4, 3, 3, 1, 1, 1));
            assertThat(report.alerts()).hasSize(3);
            assertThat(report.neverActedOn())
                    .extracting(ChannelReport.AlertOccurrence::alert)
                    .containsExactly("DiskFull");
            assertThat(report.openTooLong())
                    .extracting(ChannelReport.AlertOccurrence::alert)
                    .containsExactly("CertExpiry");
            assertThat(report.mostFrequent()).hasSize(3);

            Map<String, Object> message = slack.botPosts().get(0);
            assertThat(message.get("text").toString()).contains("Generation is off", "Never acted on: db-1 / DiskFull");
            assertThat(message.get("blocks").toString()).contains("Generation is off", "api / HighLatency");
        }
    }
}
