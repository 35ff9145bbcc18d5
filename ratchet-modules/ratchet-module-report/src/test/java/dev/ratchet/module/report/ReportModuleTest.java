package dev.ratchet.module.report;

import static dev.ratchet.module.report.SeededWeek.ALERTMANAGER;
import static dev.ratchet.module.report.SeededWeek.ALICE;
import static dev.ratchet.module.report.SeededWeek.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratchet.module.report.ChannelReport.AlertOccurrence;
import dev.ratchet.module.report.ChannelReport.AlertStats;
import dev.ratchet.module.report.ChannelReport.FrequentAlert;
import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report module inside a real Ratchet: database, jobs, onboarding from the Slack emulator, the LLM stub. */
class ReportModuleTest {

    static final String OPS = "C0TEAMOPS";
    static final String HELP = "C0TEAMHELP";
    static final String SUGGESTIONS = """
            {"suggestions": [
              {"title": "Size the api database pool for peak load", "detail": "HighLatency fired twice and both times the pool was exhausted; raise it for good and alert on pool saturation."},
              {"title": "Route DiskFull to a person", "detail": "DiskFull on db-1 got no reply from anyone; page the owner instead of posting only."}
            ]}""";

    static TestBot bot;
    static SlackEmulator slack;
    static OpenAiStub llm;
    static SeededWeek ops;
    static SeededWeek help;

    @BeforeAll
    static void start() {
        ops = new SeededWeek(OPS);
        help = new SeededWeek(HELP);
        ClassifierStandIn classifier = new ClassifierStandIn();
        bot = TestBot.with(classifier, new ReportModule())
                .llm(stub -> stub.onChat()
                        .whenAnyMessageContains("reduce operational toil")
                        .reply(SUGGESTIONS))
                .slack(workspace -> {
                    ops.seed(workspace, "team-ops");
                    help.seed(workspace, "team-help");
                })
                .start();
        slack = bot.slack();
        llm = bot.llm();
        ops.classify(bot, classifier);
        help.classify(bot, classifier);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    static Tool tool(String name) {
        return bot.tools("report").stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static ChannelReport report(String channel) throws Exception {
        return (ChannelReport) tool("channel_report")
                .function()
                .call(Map.of("channel", channel), new Tool.ToolCall(channel, null, ALICE));
    }

    static String names(List<AlertOccurrence> occurrences) {
        return occurrences.stream()
                .map(o -> o.service() + " / " + o.alert())
                .toList()
                .toString();
    }

    @Test
    void the_report_for_a_seeded_week_lists_the_never_acted_on_alert_and_the_long_open_alert_by_name()
            throws Exception {
        ChannelReport report = report(OPS);

        assertThat(report.neverActedOn())
                .extracting(AlertOccurrence::service, AlertOccurrence::alert)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db-1", "DiskFull"));
        AlertOccurrence diskFull = report.neverActedOn().get(0);
        assertThat(diskFull.postedBy()).isEqualTo(slackName(ALERTMANAGER)).isNotEqualTo(ALERTMANAGER);
        assertThat(diskFull.text())
                .contains("@" + slackName(BOB))
                .doesNotContain(BOB)
                .doesNotContain("<@");
        assertThat(diskFull.priority()).isEqualTo("P1");

        assertThat(report.openTooLong())
                .extracting(AlertOccurrence::service, AlertOccurrence::alert)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gateway", "CertExpiry"));
        AlertOccurrence cert = report.openTooLong().get(0);
        assertThat(cert.closed()).isFalse();
        assertThat(cert.openSeconds()).isGreaterThan(Duration.ofHours(47).toSeconds());
        assertThat(cert.responders()).containsExactly(slackName(ALICE));

        ReportMessage message = ReportMessage.of(report);
        assertThat(message.blocksJson())
                .contains(
                        "*Never acted on*",
                        "db-1 / DiskFull",
                        "*Open too long*",
                        "gateway / CertExpiry",
                        "by " + slackName(ALERTMANAGER),
                        "handled by " + slackName(ALICE),
                        "@" + slackName(BOB),
                        "&amp; rising");
        assertThat(message.text()).contains("Never acted on: db-1 / DiskFull.", "Open too long: gateway / CertExpiry.");
        for (String id : List.of(ALICE, BOB, ALERTMANAGER)) {
            assertThat(message.blocksJson()).doesNotContain(id);
            assertThat(message.text()).doesNotContain(id);
        }
    }

    @Test
    void per_alert_statistics_count_firings_in_the_period_with_mean_open_time_and_never_resolved() throws Exception {
        ChannelReport report = report(OPS);

        // the resolve message and the firing from ten days ago are not firings of this week
        assertThat(report.totals()).isEqualTo(new ChannelReport.Totals(4, 3, 3, 1, 1, 1));
        assertThat(report.alerts())
                .containsExactly(
                        new AlertStats("api", "HighLatency", 2, 2, 0, 5400L),
                        new AlertStats("db-1", "DiskFull", 1, 1, 0, 1800L),
                        new AlertStats("gateway", "CertExpiry", 1, 0, 1, null));
        assertThat(report.mostFrequent()).first().isEqualTo(new FrequentAlert("api", "HighLatency", 2));
        assertThat(report.days()).isEqualTo(7);
        assertThat(report.longOpenThresholdSeconds()).isEqualTo(86_400);
    }

    @Test
    void suggestions_from_the_llm_appear_grounded_in_the_weeks_threads() throws Exception {
        ChannelReport report = report(OPS);

        assertThat(report.suggestions().generated()).isTrue();
        assertThat(report.suggestions().items())
                .extracting(ChannelReport.Suggestion::title)
                .containsExactly("Size the api database pool for peak load", "Route DiskFull to a person");
        assertThat(ReportMessage.of(report).blocksJson())
                .contains("Suggestions to reduce toil", "Route DiskFull to a person");

        String prompt = llm.lastChatRequest().lastUserMessage().orElseThrow();
        assertThat(prompt)
                .contains(
                        "api / HighLatency: 2 firings",
                        "pool exhausted again",
                        slackName(BOB) + ": same pool exhaustion")
                .doesNotContain(BOB)
                .doesNotContain(ALICE);
        assertThat(llm.lastChatRequest().responseFormat().orElseThrow().json()).isTrue();
    }

    @Test
    void the_report_serialises_to_json_with_every_section() throws Exception {
        Map<String, Object> json = JsonText.parseObject(TestBot.json(report(OPS)));

        assertThat(json)
                .containsKeys(
                        "channel",
                        "periodKey",
                        "since",
                        "until",
                        "totals",
                        "alerts",
                        "neverActedOn",
                        "openTooLong",
                        "mostFrequent",
                        "suggestions");
        assertThat(json.get("channel")).isEqualTo(OPS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> neverActedOn = (List<Map<String, Object>>) json.get("neverActedOn");
        assertThat(neverActedOn)
                .singleElement()
                .satisfies(o -> assertThat(o).containsEntry("alert", "DiskFull").containsEntry("closed", true));
    }

    @Test
    void posting_twice_with_the_same_key_posts_once() throws Exception {
        Tool post = tool("post_channel_report");
        assertThat(post.writes()).isTrue();
        assertThat(tool("channel_report").writes()).isFalse();

        var first = (ReportModule.PostedReport)
                post.function().call(Map.of("channel", OPS), new Tool.ToolCall(OPS, null, ALICE));
        var second = (ReportModule.PostedReport) post.function().call(Map.of(), new Tool.ToolCall(OPS, null, ALICE));

        assertThat(second.ts()).isEqualTo(first.ts());
        List<Map<String, Object>> posts = slack.botPosts().stream()
                .filter(p -> OPS.equals(p.get("channel")))
                .toList();
        assertThat(posts).hasSize(1);
        Map<String, Object> posted = posts.get(0);
        assertThat(posted.get("text").toString())
                .contains("Never acted on: db-1 / DiskFull")
                .doesNotContain(ALERTMANAGER);
        assertThat(TestBot.json(posted.get("blocks")))
                .contains("\"type\":\"header\"", "gateway / CertExpiry", slackName(ALICE));
    }

    @Test
    void the_weekly_job_posts_the_report_of_each_channel_over_whole_days() {
        bot.jobsOf("report").enqueue(ReportModule.WEEKLY, "test-weekly", Map.of("channels", List.of(HELP)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> slack.botPosts().stream().anyMatch(p -> HELP.equals(p.get("channel"))));
        Map<String, Object> posted = slack.botPosts().stream()
                .filter(p -> HELP.equals(p.get("channel")))
                .findFirst()
                .orElseThrow();
        assertThat(posted.get("text").toString())
                .contains("Never acted on: db-1 / DiskFull", "Open too long: gateway / CertExpiry");
    }

    @Test
    void the_route_answers_the_report_as_json_and_refuses_a_channel_name() throws Exception {
        RouteHandler.Response response =
                bot.handle(HttpMethod.GET, "/api/modules/report/channels/" + OPS + "?days=3", "");
        assertThat(response.status()).isEqualTo(200);
        ChannelReport report = (ChannelReport) response.body();
        assertThat(report.days()).isEqualTo(3);
        // three days back: the second HighLatency (3 days ago, just outside) and the DiskFull (4 days) are not in it
        assertThat(report.alerts()).extracting(AlertStats::alert).containsExactly("CertExpiry");

        assertThatThrownBy(() -> bot.handle(HttpMethod.GET, "/api/modules/report/channels/team-ops", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a channel id");
    }

    /** What the directory calls a person or bot: the report must show exactly this. */
    static String slackName(String id) {
        return bot.displayName(id);
    }
}
