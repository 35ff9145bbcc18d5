package dev.ratchet.core.storage;

import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.Question;
import dev.ratchet.spi.QuestionService;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link QuestionService} over the messages table, one for every module (questions are not namespaced by module). */
public final class StoredQuestions implements QuestionService {

    private final QuestionRepository repository;

    public StoredQuestions(QuestionRepository repository) {
        this.repository = repository;
    }

    @Override
    public void record(Question question) {
        // in a module run (the classifier's), the run's own bookkeeping: its commit need not wait for the disk
        repository.record(
                Objects.requireNonNull(question, "question"),
                dev.ratchet.core.jobs.CurrentEvent.get().isPresent());
    }

    @Override
    public void retract(MessageRef message) {
        repository.retract(Objects.requireNonNull(message, "message"));
    }

    @Override
    public void answered(MessageRef question, String answerTs) {
        Objects.requireNonNull(question, "question");
        if (answerTs == null || !answerTs.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException(
                    "an answer's ts is a Slack ts such as 1700000000.000100, was " + answerTs);
        }
        repository.answered(question, answerTs);
    }

    @Override
    public Optional<Question> of(Message message) {
        return QuestionRepository.of(Objects.requireNonNull(message, "message"));
    }

    @Override
    public List<Question> inChannel(String channelId, Instant from, Instant to, boolean unansweredOnly, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, was " + limit);
        }
        return repository.find(Objects.requireNonNull(channelId, "channelId"), from, to, unansweredOnly, limit);
    }
}
