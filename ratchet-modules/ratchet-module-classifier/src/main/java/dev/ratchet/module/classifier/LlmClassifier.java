package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.kit.Schema;
import java.util.List;
import java.util.Optional;

/**
 * The optional last resort for bot messages nothing else recognised: the chat model answers JSON valid against
 * {@link Answer}'s schema. Generation being off, over budget or answering invalid JSON all mean "not an alert": a missed
 * classification is better than a job retried against a model that is not there.
 */
final class LlmClassifier {

    /** The model's answer; its JSON Schema is derived from it. */
    record Answer(
            @Schema(description = "open: an alert starts firing; close: an alert resolves; none: anything else")
            Verdict action,

            @Schema(description = "the affected service, or empty")
            String service,

            @Schema(description = "the alert's name, the same when it fires and resolves")
            String alert,

            @Schema(description = "priority or severity as written (P1, critical), or empty")
            String priority) {}

    /** {@link Action} as the schema spells it: the constants are the JSON words. */
    enum Verdict {
        open,
        close,
        none
    }

    private static final String SYSTEM = """
            You classify Slack messages posted by monitoring and alerting integrations for an on-call team.
            Answer "open" only when the message reports an alert or incident starting to fire, "close" only when it \
            reports one resolving or recovering, and "none" for everything else (deploys, CI builds, reports, \
            acknowledgements, chatter). Use the alert's name as the tool writes it, without incident numbers.""";

    private static final int MAX_TEXT = 4000;

    private final LlmService llm;

    LlmClassifier(LlmService llm) {
        this.llm = llm;
    }

    /** The model's classification; {@link Action#NONE} when it says so or cannot answer. */
    Classification classify(String username, String text, System.Logger log) {
        if (!llm.chatAvailable()) {
            return Classification.none("llm", "llm");
        }
        String body = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "\n[...]" : text;
        try {
            Answer answer = llm.json(
                    "classify",
                    List.of(
                            ChatMessage.system(SYSTEM),
                            ChatMessage.user("Posted by: " + (username == null ? "(unknown)" : username)
                                    + "\n\nMessage:\n" + body)),
                    Answer.class);
            return parse(answer);
        } catch (LlmUnavailableException e) {
            log.log(System.Logger.Level.DEBUG, "LLM classification unavailable: {0}", e.getMessage());
            return Classification.none("llm", "llm");
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "LLM classification answer unreadable: {0}", e.getMessage());
            return Classification.none("llm", "llm");
        }
    }

    static Classification parse(Answer answer) {
        Action action = Action.of(answer.action().name()).orElse(Action.NONE);
        if (action == Action.NONE) {
            return Classification.none("llm", "llm");
        }
        return new Classification(
                action,
                answer.service(),
                answer.alert(),
                Optional.of(answer.priority()).filter(p -> !p.isBlank()).map(BuiltinClassifier::normalisePriority),
                Optional.empty(),
                "llm",
                "llm");
    }
}
