package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code format=text}: the tools return {@code {"text": ...}}, the report rendered by {@link ReportText}; json stays the default. */
class ReportTextFormatTest {

    @Test
    void format_text_returns_the_rendered_report_and_json_stays_the_default() throws Exception {
        ClassifierStandIn classifier = new ClassifierStandIn();
        // no grace: the alert fired a moment ago still counts as never acted on
        try (TestBot bot = TestBot.with(classifier, new ReportModule())
                .set("report.act-grace", "0s")
                .start()) {
            assertThat(bot.tools())
                    .filteredOn(t -> t.name().endsWith("channel_report"))
                    .hasSize(2)
                    .allSatisfy(t -> assertThat(t.inputSchema())
                            .contains("\"format\": {\"type\": \"string\", \"description\": \"json (the default)"));
            TestBot.Sent fired = bot.say("[FIRING:1] DiskFull db-1: disk 97%");
            bot.awaitHandled(fired);
            Map<String, Object> open = new LinkedHashMap<>();
            open.put("action", "open");
            open.put("service", "db-1");
            open.put("alert", "DiskFull");
            open.put("closed_ts", SeededWeek.ts(fired.ts(), 1800));
            open.put("duration_seconds", 1800);
            classifier.ctx.messages().annotate(CHANNEL, fired.ts(), open);

            // a report's period ends at a whole second, so the alert counts from the next second on
            ChannelReport report = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> (ChannelReport) bot.callTool("channel_report", "{}"),
                            r -> r.totals().firings() == 1);
            assertThat(bot.callTool("channel_report", "{\"format\": \"json\"}")).isInstanceOf(ChannelReport.class);
            Object text = bot.callTool("channel_report", "{\"format\": \"text\", \"days\": 7}");

            assertThat(text).isEqualTo(Map.of("text", ReportText.of(report)));
            List<String> lines = List.of(((String) ((Map<?, ?>) text).get("text")).split("\n"));
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0))
                    .isEqualTo(
                            "1 firings of 1 alerts; 1 resolved, 0 never resolved; 1 never acted on; 0 open too long");
            assertThat(lines.get(1)).isEqualTo("- DiskFull  db-1  fired 1, mean open 30 min");
            assertThat(lines.get(2))
                    .startsWith("never acted on: DiskFull (db-1) at "
                            + report.neverActedOn().get(0).firedAt() + ", posted by ");
            assertThat(lines.get(3)).startsWith("Generation is off");

            assertThatThrownBy(() -> bot.callTool("channel_report", "{\"format\": \"xml\"}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("format must be json or text, was 'xml'");
            assertThatThrownBy(() -> bot.callTool("post_channel_report", "{\"format\": \"xml\"}"))
                    .hasMessageContaining("format must be json or text");
            assertThat(bot.botPosts()).isEmpty();

            Object posted = bot.callTool("post_channel_report", "{\"format\": \"text\"}");
            assertThat(posted).isEqualTo(Map.of("text", ReportText.of(report)));
            assertThat(bot.botPosts()).hasSize(1);
        }
    }
}
