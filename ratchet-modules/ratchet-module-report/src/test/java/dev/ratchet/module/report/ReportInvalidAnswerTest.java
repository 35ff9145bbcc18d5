package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model answer that does not fit the schema: the report says it could not be used, never the schema error. */
class ReportInvalidAnswerTest {

    static final String OPS = "C0OPSINVAL";

    @Test
    void an_invalid_answer_is_reported_as_unusable_not_as_generation_off_and_no_schema_error_is_posted()
            throws Exception {
        SeededWeek week = new SeededWeek(OPS);
        ClassifierStandIn classifier = new ClassifierStandIn();
        try (TestBot bot = TestBot.with(classifier, new ReportModule())
                .llm(stub -> stub.onChat()
                        .whenAnyMessageContains("reduce operational toil")
                        .reply("{\"tips\": [\"rotate logs\"]}"))
                .slack(slack -> week.seed(slack, "team-ops"))
                .start()) {
            week.classify(bot, classifier);
            Tool post = bot.tools("report").stream()
                    .filter(t -> t.name().equals("post_channel_report"))
                    .findFirst()
                    .orElseThrow();
            var posted = (ReportModule.PostedReport)
                    post.function().call(Map.of("channel", OPS), new Tool.ToolCall(OPS, null, null));

            assertThat(posted.report().suggestions().note())
                    .isEqualTo("The model's answer could not be used: no suggestions, statistics only.");
            Map<String, Object> message = bot.slack().botPosts().get(0);
            assertThat(message.get("text").toString() + message.get("blocks"))
                    .contains("The model's answer could not be used")
                    .doesNotContain("$:")
                    .doesNotContain("required property")
                    .doesNotContain("Generation is off");
        }
    }
}
