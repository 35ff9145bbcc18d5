package dev.ratchet.spi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person asking for help in a message, as recognised by the {@code classifier} module and stored with it: not a
 * rhetorical question, not a bot's. Read and written through {@link QuestionService}.
 *
 * @param message    the message that asks
 * @param at         when it was posted
 * @param askedBy    the Slack user id of the person who asked, {@code ""} when unknown
 * @param answeredTs the ts of the first answer in its thread (a reply by another person that is not a "+1" or a
 *                   "same here"), empty while unanswered
 * @param method     how it was recognised ({@code builtin}); {@code ""} when unknown
 * @since 0.2
 */
public record Question(MessageRef message, Instant at, String askedBy, Optional<String> answeredTs, String method) {

    public Question {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        askedBy = askedBy == null ? "" : askedBy;
        answeredTs = answeredTs == null ? Optional.empty() : answeredTs;
        method = method == null ? "" : method;
    }

    /** Whether someone answered it in its thread. @since 0.2 */
    public boolean answered() {
        return answeredTs.isPresent();
    }

    /** How long the first answer took; empty while unanswered. @since 0.2 */
    public Optional<Duration> timeToFirstAnswer() {
        return answeredTs.map(ts -> {
            BigDecimal micros = new BigDecimal(ts).movePointRight(6);
            Instant answeredAt = Instant.EPOCH.plusNanos(micros.longValue() * 1_000);
            Duration d = Duration.between(at, answeredAt);
            return d.isNegative() ? Duration.ZERO : d;
        });
    }
}
