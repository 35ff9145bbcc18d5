package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.report.ChannelReport.NoisyAlert;
import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.ChatReply;
import dev.ratchet.testkit.llm.OpenAiStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With a model configured it words the noise proposals; any failure of it leaves the rules' wording. */
class NoiseWordingTest {

    static final String WORDED = """
            {"proposals": [
              {"text": "PodCrashLooping on search fired 14 times and 12 cleared within 5 minutes untouched: add `for: 10m`."},
              {"text": "HighLatency on api flapped 4 times in 6 firings: add `keep_firing_for: 30m`. <!channel>"},
              {"text": "JobLate on batch fires at night and nobody acts: route it with `active_time_intervals: [business-hours]`."},
              {"text": "Nobody acted on BackupStale on db: make it a ticket (`severity: ticket`) or delete it."}
            ]}""";

    static TestBot bot;
    static OpenAiStub llm;

    @BeforeAll
    static void start() {
        ClassifierStandIn classifier = new ClassifierStandIn();
        bot = TestBot.with(classifier, new ReportModule())
                .clock(SeededMonth.CLOCK)
                .llm()
                .start();
        llm = bot.llm();
        new SeededMonth(CHANNEL).store(bot, classifier);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @BeforeEach
    void reset() {
        llm.reset();
        llm.onChat().whenAnyMessageContains("reduce operational toil").reply("{\"suggestions\": []}");
    }

    @Test
    void the_model_words_each_proposal_from_the_figures_and_the_change() throws Exception {
        llm.onChat().whenAnyMessageContains("reduce alert noise").reply(WORDED);

        ChannelReport report = (ChannelReport) bot.callTool("channel_report", "{\"days\": 7}");

        assertThat(report.noise().worded()).isEqualTo("llm");
        assertThat(report.noise().note()).isNull();
        assertThat(report.noise().alerts())
                .extracting(NoisyAlert::proposal)
                .first()
                .isEqualTo("PodCrashLooping on search fired 14 times and 12 cleared within 5 minutes untouched: add "
                        + "`for: 10m`.");
        assertThat(report.noise().alerts())
                .extracting(NoisyAlert::kind)
                .containsExactly("for", "hysteresis", "business-hours", "lower-severity");
        // the model's words are neutralised in the post: no broadcast
        assertThat(ReportMessage.of(report).blocksJson())
                .contains("flapped 4 times")
                .doesNotContain("<!channel>");

        String prompt = llm.chatRequests().stream()
                .map(r -> r.lastUserMessage().orElse(""))
                .filter(p -> p.contains("Change:"))
                .findFirst()
                .orElseThrow();
        assertThat(prompt)
                .contains(
                        "1. PodCrashLooping on search: 14 firings, 0 flaps, 12 resolved with nobody acting (12 of them "
                                + "quickly), 0 outside working hours. Change: for: 10m.")
                .contains("2. HighLatency on api: 6 firings, 4 flaps");
    }

    @Test
    void an_answer_that_does_not_fit_leaves_the_rules_wording_and_says_why() throws Exception {
        llm.onChat().whenAnyMessageContains("reduce alert noise").reply("{\"proposals\": [{\"text\": \"only one\"}]}");

        ChannelReport report = (ChannelReport) bot.callTool("channel_report", "{\"days\": 7}");

        assertThat(report.noise().worded()).isEqualTo("rules");
        assertThat(report.noise().note())
                .isEqualTo("The model's answer could not be used: proposals in the rules' wording.");
        assertThat(report.noise().alerts())
                .extracting(NoisyAlert::proposal)
                .containsExactlyElementsOf(NoiseProposalsTest.PROPOSALS);
    }

    @Test
    void an_unreachable_model_leaves_the_rules_wording() throws Exception {
        llm.onChat().whenAnyMessageContains("reduce alert noise").reply(ChatReply.error(500));

        ChannelReport report = (ChannelReport) bot.callTool("channel_report", "{\"days\": 7}");

        assertThat(report.noise().worded()).isEqualTo("rules");
        assertThat(report.noise().note()).startsWith("The LLM is unavailable");
        assertThat(report.noise().alerts())
                .extracting(NoisyAlert::proposal)
                .containsExactlyElementsOf(NoiseProposalsTest.PROPOSALS);
    }
}
