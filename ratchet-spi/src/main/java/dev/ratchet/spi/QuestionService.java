package dev.ratchet.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The questions people asked in the channels the bot is in, stored with their messages beside the alert annotation:
 * the {@code classifier} module records them and their first answers, other modules (docrag's automatic answers, the
 * report's unanswered questions and time to first answer) read them instead of guessing from a trailing {@code ?}.
 * Methods query or update the database, may block briefly, and may be called from any thread. Lists are oldest first
 * and leave deleted messages out; every {@code limit} is 1 to 10,000 ({@link IllegalArgumentException} otherwise).
 *
 * @since 0.2
 */
public interface QuestionService {

    /**
     * Records that a message asks a question: who asked and how it was recognised, and the first answer when
     * {@code question} has one (an answer recorded before is kept when it is earlier). Idempotent.
     *
     * @since 0.2
     */
    void record(Question question);

    /**
     * Records that a message recorded as a question is not one (it was edited). Idempotent; a no-op for a message
     * never recorded.
     *
     * @since 0.2
     */
    void retract(MessageRef message);

    /**
     * Records the first answer to a recorded question: a reply posted in its thread with {@code answerTs}. Only an
     * earlier answer than the one stored replaces it; a no-op for a message not recorded as a question. Idempotent.
     *
     * @since 0.2
     */
    void answered(MessageRef question, String answerTs);

    /** The question a stored message asks, from the message itself (no query); empty when it asks none. @since 0.2 */
    Optional<Question> of(Message message);

    /**
     * The questions of a channel posted in {@code [from, to)}.
     *
     * @param unansweredOnly only the questions no one answered (yet)
     * @since 0.2
     */
    List<Question> inChannel(String channelId, Instant from, Instant to, boolean unansweredOnly, int limit);
}
