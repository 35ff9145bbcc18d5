package dev.ratchet.module.classifier;

import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.Question;
import java.util.List;
import java.util.Optional;

/**
 * Records the questions people ask ({@link QuestionClassifier}) through {@code ctx.questions()}, and their first
 * answers: a top-level message that asks is recorded with the first answer its thread already has (history, or
 * replies stored before this ran); a thread reply that answers a recorded question records itself as its answer.
 * Either order of the two messages' jobs ends with the earliest answer recorded. Runs in the ENRICH stage, on history too, so that
 * docrag's automatic answers (REACT) see the question and the report sees every answer.
 */
final class QuestionTracker {

    private final ModuleContext ctx;
    private final QuestionClassifier recogniser = new QuestionClassifier();

    QuestionTracker(ModuleContext ctx) {
        this.ctx = ctx;
    }

    void handle(ChannelEvent event) {
        Message m = event.message();
        if (m.isReply()) {
            reply(m);
            return;
        }
        QuestionClassifier.Verdict verdict = recogniser.classify(m.text(), m.isFromBot());
        if (m.deleted() || !verdict.asking()) {
            if (m.edited() || m.deleted()) {
                ctx.questions().retract(MessageRef.of(m)); // it may have asked before the edit
            }
            return;
        }
        List<Message> thread = ctx.messages().thread(m.channelId(), m.ts());
        Optional<String> answer = thread.stream()
                .filter(r -> !r.ts().equals(m.ts()))
                .filter(r -> answers(r, m))
                .map(Message::ts)
                .findFirst();
        ctx.questions()
                .record(new Question(MessageRef.of(m), m.postedAt(), m.userId().orElse(""), answer, "builtin"));
    }

    private void reply(Message reply) {
        Optional<Message> parent =
                ctx.messages().get(reply.channelId(), reply.threadTs().orElseThrow());
        if (parent.isEmpty() || ctx.questions().of(parent.get()).isEmpty()) {
            return; // not a question, or not recorded yet: its own job will find this reply in the thread
        }
        if (answers(reply, parent.get())) {
            ctx.questions().answered(MessageRef.of(parent.get()), reply.ts());
        }
    }

    private boolean answers(Message reply, Message question) {
        if (reply.deleted()) {
            return false;
        }
        boolean byAsker = reply.userId().isPresent() && reply.userId().equals(question.userId());
        return recogniser.answers(reply.text(), reply.isFromBot(), byAsker);
    }
}
