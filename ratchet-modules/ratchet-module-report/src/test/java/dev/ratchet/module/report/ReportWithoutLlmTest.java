package dev.ratchet.module.report;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.slack.SlackEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code llm.url=off} the report has every statistic and says that generation is off. */
@ExtendWith(RatchetDatabaseExtension.class)
class ReportWithoutLlmTest {

    static final String OPS = "C0OPSNOLLM";

    @Test
    void without_an_llm_the_report_says_generation_is_off_and_still_has_all_statistics(TestDatabase db) throws Exception {
        try (SlackEmulator slack = SlackEmulator.start()) {
            SeededWeek week = new SeededWeek(OPS);
            week.seed(slack, "team-ops");
            Map<String, String> flags = SeededWeek.flagsWithoutLlm(slack);
            ClassifierStandIn classifier = new ClassifierStandIn();
            try (Ratchet ratchet = Ratchet.start(db.config(flags),
                    ModuleRegistry.of(List.of(classifier, new ReportModule())).enable(List.of(), List.of()), Clock.systemUTC())) {
                ratchet.startJobServer();
                ratchet.startSlackEvents();
                week.classify(ratchet, classifier);

                Tool post = ratchet.registrations().tools().stream().filter(t -> t.tool().name().equals("post_channel_report"))
                        .findFirst().orElseThrow().tool();
                var posted = (ReportModule.PostedReport) post.function().call(Map.of("channel", OPS), new Tool.ToolCall(OPS, null, null));
                ChannelReport report = posted.report();

                assertThat(report.suggestions().generated()).isFalse();
                assertThat(report.suggestions().items()).isEmpty();
                assertThat(report.suggestions().note()).startsWith("Generation is off");
                assertThat(report.totals()).isEqualTo(new ChannelReport.Totals(4, 3, 3, 1, 1, 1));
                assertThat(report.alerts()).hasSize(3);
                assertThat(report.neverActedOn()).extracting(ChannelReport.AlertOccurrence::alert).containsExactly("DiskFull");
                assertThat(report.openTooLong()).extracting(ChannelReport.AlertOccurrence::alert).containsExactly("CertExpiry");
                assertThat(report.mostFrequent()).hasSize(3);

                Map<String, Object> message = slack.botPosts().get(0);
                assertThat(message.get("text").toString()).contains("Generation is off", "Never acted on: db-1 / DiskFull");
                assertThat(message.get("blocks").toString()).contains("Generation is off", "api / HighLatency");
            }
        }
    }
}
