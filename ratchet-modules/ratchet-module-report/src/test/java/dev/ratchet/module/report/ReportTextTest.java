package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report as text: the lines {@code ratchet report} and {@code ratchet demo} print, from a fixed report. */
class ReportTextTest {

    static ChannelReport report(ChannelReport.Suggestions suggestions) {
        return new ChannelReport(
                "C0OPS",
                "7d-2026-03-16",
                "2026-03-09T00:00:00Z",
                "2026-03-16T00:00:00Z",
                7,
                86400,
                new ChannelReport.Totals(7, 4, 6, 1, 1, 1),
                List.of(
                        new ChannelReport.AlertStats("api", "HighLatency", 3, 3, 0, 1530L),
                        new ChannelReport.AlertStats("billing-worker", "Queue backlog", 1, 0, 1, null),
                        new ChannelReport.AlertStats("checkout", "High error rate on checkout", 2, 2, 0, 1800L),
                        new ChannelReport.AlertStats("edge", "CertificateExpiringSoon", 1, 1, 0, 72000L)),
                List.of(new ChannelReport.AlertOccurrence(
                        "edge",
                        "CertificateExpiringSoon",
                        "P3",
                        "1773000000.000100",
                        "2026-03-10T07:00:00Z",
                        "alertmanager",
                        "cert expires",
                        true,
                        72000,
                        List.of())),
                List.of(new ChannelReport.AlertOccurrence(
                        "billing-worker",
                        "Queue backlog",
                        null,
                        "1773100000.000100",
                        "2026-03-11T16:00:00Z",
                        "alertmanager",
                        "backlog",
                        false,
                        287999,
                        List.of("bob", "Alice Smith"))),
                List.of(new ChannelReport.FrequentAlert("api", "HighLatency", 3)),
                suggestions);
    }

    @Test
    void without_suggestions_the_text_ends_with_why() {
        ChannelReport r = report(new ChannelReport.Suggestions(
                false, "Generation is off (no chat model is configured): no suggestions, statistics only.", List.of()));
        assertThat(ReportText.lines(r))
                .containsExactly(
                        "7 firings of 4 alerts; 6 resolved, 1 never resolved; 1 never acted on; 1 open too long",
                        "- HighLatency                  api             fired 3, mean open 25 min",
                        "- Queue backlog                billing-worker  fired 1, mean open n/a",
                        "- High error rate on checkout  checkout        fired 2, mean open 30 min",
                        "- CertificateExpiringSoon      edge            fired 1, mean open 1200 min",
                        "never acted on: CertificateExpiringSoon (edge) at 2026-03-10T07:00:00Z, posted by alertmanager",
                        "open too long: Queue backlog (billing-worker) at 2026-03-11T16:00:00Z, 79 h, responders: [bob, Alice Smith]",
                        "Generation is off (no chat model is configured): no suggestions, statistics only.");
        assertThat(ReportText.of(r))
                .isEqualTo(String.join("\n", ReportText.lines(r)))
                .doesNotEndWith("\n");
    }

    @Test
    void generated_suggestions_are_one_line_each() {
        ChannelReport r = report(new ChannelReport.Suggestions(
                true,
                null,
                List.of(
                        new ChannelReport.Suggestion(
                                "Raise the db pool", "HighLatency fired 3 times from pool exhaustion"),
                        new ChannelReport.Suggestion("Automate cert renewal", "renewals are done by hand"))));
        assertThat(ReportText.lines(r))
                .endsWith(
                        "open too long: Queue backlog (billing-worker) at 2026-03-11T16:00:00Z, 79 h, responders: [bob, Alice Smith]",
                        "suggestion: Raise the db pool: HighLatency fired 3 times from pool exhaustion",
                        "suggestion: Automate cert renewal: renewals are done by hand");
    }

    @Test
    void generated_suggestions_are_posted_pinging_nobody_and_showing_where_links_go() {
        ChannelReport r = report(new ChannelReport.Suggestions(
                true,
                null,
                List.of(new ChannelReport.Suggestion(
                        "<!channel> Raise the db pool",
                        "ask <@U0EVE0001>, see <https://evil.example|the pool runbook> & pool < 10"))));
        ReportMessage posted = ReportMessage.of(r);
        for (String text : List.of(posted.text(), posted.blocksJson())) {
            assertThat(text)
                    .doesNotContain("<!channel>", "<@U0EVE0001>", "|the pool runbook>")
                    .contains("@channel Raise the db pool");
        }
        assertThat(posted.blocksJson())
                .contains("ask @U0EVE0001, see the pool runbook (<https://evil.example>) &amp; pool &lt; 10");
    }

    @Test
    void an_empty_period_has_the_totals_and_the_note() {
        ChannelReport r = new ChannelReport(
                "C0OPS",
                "7d-2026-03-16",
                "2026-03-09T00:00:00Z",
                "2026-03-16T00:00:00Z",
                7,
                86400,
                new ChannelReport.Totals(0, 0, 0, 0, 0, 0),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new ChannelReport.Suggestions(false, "No alerts in this period.", List.of()));
        assertThat(ReportText.of(r))
                .isEqualTo("0 firings of 0 alerts; 0 resolved, 0 never resolved; 0 never acted on; 0 open too long\n"
                        + "No alerts in this period.");
    }
}
