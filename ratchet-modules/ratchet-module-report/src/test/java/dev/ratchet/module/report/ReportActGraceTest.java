package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A firing nobody answered yet is not "never acted on" while it is younger than {@code report.act-grace}. */
class ReportActGraceTest {

    static final String OPS = "C0OPSGRACE";

    @Test
    void an_alert_posted_45_seconds_ago_is_not_never_acted_on_but_one_posted_two_hours_ago_is() throws Exception {
        ClassifierStandIn classifier = new ClassifierStandIn();
        Instant now = Instant.now();
        String[] ts = new String[2];
        try (TestBot bot = TestBot.with(classifier, new ReportModule())
                .slack(slack -> {
                    slack.addChannel(OPS, "team-ops");
                    slack.botJoins(OPS);
                    ts[0] = slack.seedIntegration(
                            OPS,
                            SeededWeek.ALERTMANAGER,
                            "alertmanager",
                            "",
                            List.of(Map.of("title", "[FIRING:1] DiskFull db-1", "text", "disk 97%")),
                            now.minus(Duration.ofHours(2)));
                    ts[1] = slack.seedIntegration(
                            OPS,
                            SeededWeek.ALERTMANAGER,
                            "alertmanager",
                            "",
                            List.of(Map.of("title", "[FIRING:1] HighLatency api", "text", "p99 > 2s")),
                            now.minus(Duration.ofSeconds(45)));
                })
                .start()) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> classifier.ctx.messages().get(OPS, ts[0]).isPresent()
                            && classifier.ctx.messages().get(OPS, ts[1]).isPresent());
            classifier
                    .ctx
                    .messages()
                    .annotate(OPS, ts[0], Map.of("action", "open", "service", "db-1", "alert", "DiskFull"));
            classifier
                    .ctx
                    .messages()
                    .annotate(OPS, ts[1], Map.of("action", "open", "service", "api", "alert", "HighLatency"));

            Tool tool = bot.tools("report").stream()
                    .filter(t -> t.name().equals("channel_report"))
                    .findFirst()
                    .orElseThrow();
            ChannelReport report =
                    (ChannelReport) tool.function().call(Map.of("channel", OPS), new Tool.ToolCall(OPS, null, null));

            assertThat(report.totals().firings()).isEqualTo(2);
            assertThat(report.neverActedOn())
                    .extracting(ChannelReport.AlertOccurrence::alert)
                    .containsExactly("DiskFull");
            assertThat(report.totals().neverActedOn()).isEqualTo(1);
        }
    }
}
