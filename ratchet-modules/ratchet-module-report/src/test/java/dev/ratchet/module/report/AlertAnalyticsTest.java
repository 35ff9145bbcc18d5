package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.module.report.AlertAnalytics.AlertFigures;
import dev.ratchet.module.report.AlertAnalytics.Figures;
import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alert analytics over a seeded month ({@link SeededMonth}): the figures exactly, as tool, text and route. */
class AlertAnalyticsTest {

    static TestBot bot;

    @BeforeAll
    static void start() {
        ClassifierStandIn classifier = new ClassifierStandIn();
        bot = TestBot.with(classifier, new ReportModule())
                .clock(SeededMonth.CLOCK)
                .api()
                .start();
        new SeededMonth(CHANNEL).store(bot, classifier);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    static AlertAnalytics analytics(int days) throws Exception {
        return (AlertAnalytics) bot.callTool("alert_analytics", "{\"days\": " + days + "}");
    }

    @Test
    void channel_figures_count_firings_flaps_nobody_acting_response_resolve_percentiles_and_out_of_hours()
            throws Exception {
        AlertAnalytics a = analytics(30);

        assertThat(a.channel()).isEqualTo(CHANNEL);
        assertThat(a.since()).isEqualTo("2026-10-31T12:00:00Z");
        assertThat(a.until()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(a.flapWindowSeconds()).isEqualTo(1800);
        assertThat(a.workingHours()).isEqualTo("Mon-Fri 09:00-18:00 UTC");
        // 28 firings, CertExpiry still open; 4 flaps of HighLatency; 12 + 5 + 4 + 3 resolved with nobody acting;
        // replies to 2 PodCrashLooping firings after 2 min and to CertExpiry after 1 h; JobLate's 4 at night
        assertThat(a.channelFigures()).isEqualTo(new Figures(28, 27, 4, 24, 3, 120L, 600L, 7200L, 4, 14));
        assertThat(a.previous().firings()).isEqualTo(4);
    }

    @Test
    void per_alert_figures_and_the_trend_against_the_previous_period() throws Exception {
        AlertAnalytics a = analytics(30);

        assertThat(a.alerts())
                .extracting(
                        AlertFigures::service,
                        AlertFigures::alert,
                        AlertFigures::figures,
                        AlertFigures::quickNobodyActed)
                .containsExactly(
                        tuple("search", "PodCrashLooping", new Figures(14, 14, 0, 12, 2, 120L, 180L, 1200L, 0, 0), 12),
                        // Bob's reaction on one firing is a person acting
                        tuple("api", "HighLatency", new Figures(6, 6, 4, 5, 0, null, 600L, 600L, 0, 0), 0),
                        tuple("batch", "JobLate", new Figures(4, 4, 0, 4, 0, null, 3600L, 3600L, 4, 100), 0),
                        tuple("db", "BackupStale", new Figures(3, 3, 0, 3, 0, null, 7200L, 7200L, 0, 0), 0),
                        tuple("gateway", "CertExpiry", new Figures(1, 0, 0, 0, 1, 3600L, null, null, 0, 0), 0));
        assertThat(a.alerts())
                .extracting(AlertFigures::alert, AlertFigures::previousFirings, AlertFigures::trend)
                .containsExactly(
                        tuple("PodCrashLooping", 4, "up"),
                        tuple("HighLatency", 0, "new"),
                        tuple("JobLate", 0, "new"),
                        tuple("BackupStale", 0, "new"),
                        tuple("CertExpiry", 0, "new"));
    }

    @Test
    void a_shorter_period_counts_only_its_firings() throws Exception {
        // Mon 23 Nov 12:00 to Mon 30 Nov 12:00: PodCrashLooping Tue to Fri (one handled by Alice), 5 the week
        // before; JobLate on Saturday night, BackupStale on Thursday, each once the week before; CertExpiry once
        AlertAnalytics a = analytics(7);

        assertThat(a.alerts())
                .extracting(
                        AlertFigures::alert,
                        x -> x.figures().firings(),
                        AlertFigures::previousFirings,
                        AlertFigures::trend)
                .containsExactly(
                        tuple("PodCrashLooping", 4, 5, "down"),
                        tuple("JobLate", 1, 1, "same"),
                        tuple("BackupStale", 1, 1, "same"),
                        tuple("CertExpiry", 1, 0, "new"));
        assertThat(a.channelFigures().firings()).isEqualTo(7);
        assertThat(a.previous().firings()).isEqualTo(7);
    }

    @Test
    void text_and_route_give_the_same_figures() throws Exception {
        Object text = bot.callTool("alert_analytics", "{\"days\": 30, \"format\": \"text\"}");
        assertThat(((Map<?, ?>) text).get("text").toString())
                .startsWith("28 firings (previous 30 days: 4), 27 resolved, 4 flaps (again within 30m of resolving), "
                        + "24 resolved with nobody acting\n"
                        + "first response median 2m; time to resolve p50 10m, p90 2h; 14% outside working hours "
                        + "(Mon-Fri 09:00-18:00 UTC)\n")
                .contains("- PodCrashLooping  search   fired 14 (up, previous 4), 0 flaps, 12 nobody acted, "
                        + "first response 2m, resolve p50 3m p90 20m, 0% out of hours");

        TestBot.RouteAnswer route =
                bot.api(HttpMethod.GET, "/api/modules/report/alerts?channel=" + CHANNEL + "&since=30");
        assertThat(route.status()).as(route.json()).isEqualTo(200);
        JsonNode json = route.tree();
        assertThat(json.at("/channel_figures/firings").asInt()).as(route.json()).isEqualTo(28);
        assertThat(json.at("/channel_figures/nobody_acted").asInt()).isEqualTo(24);
        assertThat(json.at("/channel_figures/p90_seconds_to_resolve").asLong()).isEqualTo(7200);
        assertThat(json.at("/alerts/1/figures/flaps").asInt()).isEqualTo(4);
        assertThat(json.at("/alerts/0/trend").asText()).isEqualTo("up");

        TestBot.RouteAnswer missing = bot.api(HttpMethod.GET, "/api/modules/report/alerts");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.tree().at("/error/message").asText()).contains("?channel=C0123ABC");
    }
}
