package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.Question;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Questions, stored beside the classifier's alert annotation ({@code attrs.classifier}, left as it is) in
 * {@code attrs.question_classification} of the message: {@code asking} ({@code true}, or {@code false} once
 * retracted), {@code asked_by}, {@code method}, and once answered {@code answered_ts}. Snake case, like the Go
 * Ratchet's {@code incident_action}, so that no module id (kebab case) can collide with it; only messages recognised
 * as questions carry it. This class is the only one that knows the layout.
 */
public final class QuestionRepository {

    /** The key under {@code attrs}. */
    static final String KEY = "question_classification";

    private static final String Q = "m.attrs -> 'question_classification'";

    private final Database db;
    private final MessageRepository messages;

    public QuestionRepository(Database db) {
        this.db = db;
        this.messages = new MessageRepository(db);
    }

    /** Writes a question's fields, keeping a stored first answer unless this one is earlier. */
    public void record(Question question) {
        record(question, false);
    }

    /**
     * {@link #record(Question)}; {@code unflushed}, outside a transaction, with a commit that does not wait for the disk
     * ({@link Database#UNFLUSHED_COMMIT}): for a module run's own record (the classifier's, on a mention's way to its
     * reply), which its run, lost with it in a PostgreSQL crash, makes again.
     */
    public void record(Question question, boolean unflushed) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("asking", true);
        q.put("asked_by", question.askedBy());
        q.put("method", question.method());
        if (unflushed && !db.inOpenTransaction()) {
            messages.annotateUnflushed(
                    question.message().channelId(), question.message().ts(), KEY, q);
        } else {
            db.inTransaction(h -> {
                messages.annotate(
                        h, question.message().channelId(), question.message().ts(), KEY, q);
                return null;
            });
        }
        question.answeredTs().ifPresent(ts -> answered(question.message(), ts));
    }

    /** Marks a recorded question as none ({@code asking: false}); leaves a message never recorded alone. */
    public void retract(MessageRef message) {
        db.withHandle(h -> h.createUpdate("""
                        update messages
                           set attrs = jsonb_set(attrs, array[:key, 'asking'], 'false'::jsonb), updated_at = now()
                         where channel_id = :channel and ts = :ts and jsonb_typeof(attrs -> :key) = 'object'""")
                .bind("key", KEY)
                .bind("channel", message.channelId())
                .bind("ts", message.ts())
                .execute());
    }

    /** Sets the first answer of a recorded question, unless an earlier one is stored. */
    public void answered(MessageRef question, String answerTs) {
        db.withHandle(h -> h.createUpdate("update messages m"
                        + " set attrs = jsonb_set(attrs, array[:key, 'answered_ts'], to_jsonb(cast(:answer as text))),"
                        + " updated_at = now()"
                        + " where channel_id = :channel and ts = :ts and " + Q + " ->> 'asking' = 'true'"
                        + " and (" + Q + " ->> 'answered_ts' is null"
                        + " or cast(" + Q + " ->> 'answered_ts' as numeric) > cast(:answer as numeric))")
                .bind("key", KEY)
                .bind("answer", answerTs)
                .bind("channel", question.channelId())
                .bind("ts", question.ts())
                .execute());
    }

    /** The questions of a channel posted in {@code [from, to)}, oldest first, deleted messages left out. */
    public List<Question> find(String channelId, Instant from, Instant to, boolean unansweredOnly, int limit) {
        return db.withHandle(h -> h.createQuery("select m.channel_id, m.ts, m.posted_at, " + Q + " as q from messages m"
                        + " where m.channel_id = :channel and m.posted_at >= :from and m.posted_at < :to"
                        + " and coalesce(m.attrs ->> 'deleted', 'false') <> 'true'"
                        + " and " + Q + " ->> 'asking' = 'true'"
                        + " and (not :unanswered or " + Q + " ->> 'answered_ts' is null)"
                        + " order by m.posted_at, m.ts limit :limit")
                .bind("channel", channelId)
                .bind("from", utc(from))
                .bind("to", utc(to))
                .bind("unanswered", unansweredOnly)
                .bind("limit", limit)
                .map(QUESTION)
                .list());
    }

    private static final RowMapper<Question> QUESTION = (rs, ctx) -> question(
                    new MessageRef(rs.getString("channel_id"), rs.getString("ts")),
                    rs.getObject("posted_at", OffsetDateTime.class).toInstant(),
                    Json.readMap(rs.getString("q")))
            .orElseThrow(() -> new IllegalStateException("the query selects questions only"));

    /** The question a message carries in its attributes; empty when none (never recorded, or retracted). */
    public static Optional<Question> of(Message message) {
        return message.attrs().get(KEY) instanceof Map<?, ?> q
                ? question(MessageRef.of(message), message.postedAt(), q)
                : Optional.empty();
    }

    private static Optional<Question> question(MessageRef ref, Instant at, Map<?, ?> q) {
        if (!Boolean.TRUE.equals(q.get("asking"))) {
            return Optional.empty();
        }
        return Optional.of(new Question(
                ref,
                at,
                q.get("asked_by") instanceof String s ? s : "",
                Optional.ofNullable(q.get("answered_ts")).map(Object::toString),
                q.get("method") instanceof String s ? s : ""));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
