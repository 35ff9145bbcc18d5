package dev.ratchet.module.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.Question;
import dev.ratchet.spi.Tool;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's questions: asked, answered, the median time to a first answer, and the unanswered ones by name. */
class ReportQuestionsTest {

    static String ts(Instant at) {
        return at.getEpochSecond() + ".000100";
    }

    @Test
    void report_counts_questions_and_lists_the_unanswered_with_the_median_time_to_first_answer() throws Exception {
        ClassifierStandIn classifier = new ClassifierStandIn();
        try (TestBot bot = TestBot.with(classifier, new ReportModule())
                .slack(s -> s.addUser("U0CAROL01", "carol", "Carol Diaz", "carol@example.com"))
                .start()) {
            Instant now = Instant.now();
            String q1 = ts(now.minus(Duration.ofDays(3)));
            String q2 = ts(now.minus(Duration.ofDays(2)));
            String q3 = ts(now.minus(Duration.ofDays(1)));
            String q4 = ts(now.minus(Duration.ofHours(5)));
            String statement = ts(now.minus(Duration.ofHours(4)));
            bot.history(
                    TestBot.CHANNEL,
                    TestBot.historic(q1, null, "U0CAROL01", "how do I get VPN access"),
                    TestBot.historic(q2, null, "U0CAROL01", "anyone know why CI is red on main"),
                    TestBot.historic(q3, null, "U0CAROL01", "where is the runbook for <@U0CAROL01>'s queue?"),
                    TestBot.historic(q4, null, "U0CAROL01", "is staging down for anyone else"),
                    TestBot.historic(statement, null, "U0CAROL01", "who knew? lesson learned"));
            // as the classifier records them: three answered after 10 min, 30 min and 2 h, one not (yet)
            var questions = classifier.ctx.questions();
            questions.record(
                    question(bot, q1, Optional.of(ts(Instant.parse(iso(q1)).plusSeconds(600)))));
            questions.record(
                    question(bot, q2, Optional.of(ts(Instant.parse(iso(q2)).plusSeconds(1800)))));
            questions.record(question(bot, q3, Optional.empty()));
            questions.record(
                    question(bot, q4, Optional.of(ts(Instant.parse(iso(q4)).plusSeconds(7200)))));

            ChannelReport report = (ChannelReport) bot.tools("report").stream()
                    .filter(t -> t.name().equals("channel_report"))
                    .findFirst()
                    .orElseThrow()
                    .function()
                    .call(Map.of("channel", TestBot.CHANNEL), new Tool.ToolCall(TestBot.CHANNEL, null, null));

            ChannelReport.Questions q = report.questions();
            assertThat(q.asked()).isEqualTo(4);
            assertThat(q.answered()).isEqualTo(3);
            assertThat(q.unanswered()).isEqualTo(1);
            assertThat(q.medianSecondsToFirstAnswer()).isEqualTo(1800L);
            assertThat(q.unansweredQuestions()).singleElement().satisfies(u -> {
                assertThat(u.ts()).isEqualTo(q3);
                assertThat(u.askedBy()).isEqualTo("carol");
                assertThat(u.text()).isEqualTo("where is the runbook for @carol's queue?");
            });
            assertThat(ReportText.of(report))
                    .contains("questions: 4 asked, 3 answered, 1 unanswered; median time to first answer 30m");
            assertThat(ReportMessage.of(report).blocksJson())
                    .contains("*Questions*")
                    .contains("median time to first answer");
        }
    }

    static String iso(String ts) {
        return Instant.ofEpochSecond(Long.parseLong(ts.substring(0, ts.indexOf('.'))))
                .toString();
    }

    static Question question(TestBot bot, String ts, Optional<String> answeredTs) {
        Instant at = bot.message(TestBot.CHANNEL, ts).orElseThrow().postedAt();
        return new Question(new MessageRef(TestBot.CHANNEL, ts), at, "U0CAROL01", answeredTs, "builtin");
    }
}
