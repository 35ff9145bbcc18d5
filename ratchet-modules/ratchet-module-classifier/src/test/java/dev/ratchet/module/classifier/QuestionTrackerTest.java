package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.Question;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Questions and their first answers recorded through {@code ctx.questions()}, live and from history. */
class QuestionTrackerTest {

    @Test
    void a_question_without_a_question_mark_is_recorded_and_its_first_real_answer_too() {
        try (TestBot bot = TestBot.with(new ClassifierModule())
                .set("classifier.embed", "false")
                .slack(s -> s.addUser("U0HELPER01", "helper", "Helper Person", "helper@example.com"))
                .start()) {
            TestBot.Sent question = bot.say("how do I get read access to the analytics bucket");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> bot.question(question.channel(), question.ts()).isPresent());
            Question q = bot.question(question.channel(), question.ts()).orElseThrow();
            assertThat(q.askedBy()).isEqualTo(TestBot.USER);
            assertThat(q.method()).isEqualTo("builtin");
            assertThat(q.answered()).isFalse();

            TestBot.Sent remark = bot.say("who knew a missing index could take down checkout? lesson learned");
            bot.awaitHandled(remark);
            assertThat(bot.question(remark.channel(), remark.ts())).isEmpty();

            // a "+1" is no answer; another person's reply is
            String plusOne = bot.slack().reply(question.channel(), question.ts(), "U0HELPER01", "+1");
            bot.awaitHandled(new TestBot.Sent(question.channel(), plusOne, question.ts()));
            assertThat(bot.question(question.channel(), question.ts())
                            .orElseThrow()
                            .answered())
                    .isFalse();
            String answer = bot.slack()
                    .reply(question.channel(), question.ts(), "U0HELPER01", "file a ticket in the DATA queue");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> bot.question(question.channel(), question.ts())
                            .flatMap(Question::answeredTs)
                            .equals(Optional.of(answer)));
            assertThat(bot.question(question.channel(), question.ts()).flatMap(Question::timeToFirstAnswer))
                    .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
        }
    }

    @Test
    void history_records_a_question_with_the_first_answer_its_thread_already_has() {
        try (TestBot bot = TestBot.with(new ClassifierModule())
                .set("classifier.embed", "false")
                .start()) {
            bot.history(
                    TestBot.CHANNEL,
                    TestBot.historic("1700000000.000100", null, "U0ASKER001", "is staging down for anyone else"),
                    TestBot.historic("1700000030.000100", "1700000000.000100", "U0OTHER001", "same here"),
                    TestBot.historic(
                            "1700000090.000100", "1700000000.000100", "U0OTHER002", "yes, the db is failing over"),
                    TestBot.historic("1700000500.000100", null, "U0ASKER001", "Deployed api v42 to prod, all green"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> bot.question(TestBot.CHANNEL, "1700000000.000100")
                            .map(Question::answered)
                            .orElse(false));
            Question q = bot.question(TestBot.CHANNEL, "1700000000.000100").orElseThrow();
            assertThat(q.answeredTs()).contains("1700000090.000100");
            assertThat(q.timeToFirstAnswer()).contains(Duration.ofSeconds(90));
            assertThat(bot.question(TestBot.CHANNEL, "1700000500.000100")).isEmpty();
        }
    }
}
