package dev.ratchet.module.classifier;

import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional last resort for bot messages nothing else recognised: the chat model answers JSON valid against
 * {@link #SCHEMA}. Generation being off, over budget or answering invalid JSON all mean "not an alert": a missed
 * classification is better than a job retried against a model that is not there.
 */
final class LlmClassifier {

    static final String SCHEMA = """
            {"type": "object", "additionalProperties": false,
             "properties": {
               "action": {"type": "string", "enum": ["open", "close", "none"],
                          "description": "open: an alert starts firing; close: an alert resolves; none: anything else"},
               "service": {"type": "string", "description": "the affected service, or empty"},
               "alert": {"type": "string", "description": "the alert's name, the same when it fires and resolves"},
               "priority": {"type": "string", "description": "priority or severity as written (P1, critical), or empty"}
             },
             "required": ["action", "service", "alert", "priority"]}""";

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
            String answer = llm.json("classify", List.of(ChatMessage.system(SYSTEM),
                    ChatMessage.user("Posted by: " + (username == null ? "(unknown)" : username) + "\n\nMessage:\n" + body)), SCHEMA);
            return parse(answer);
        } catch (LlmUnavailableException e) {
            log.log(System.Logger.Level.DEBUG, "LLM classification unavailable: {0}", e.getMessage());
            return Classification.none("llm", "llm");
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "LLM classification answer unreadable: {0}", e.getMessage());
            return Classification.none("llm", "llm");
        }
    }

    static Classification parse(String answer) {
        Map<String, Object> a = JsonText.parseObject(answer);
        Action action = Action.of(a.get("action") instanceof String s ? s : null).orElse(Action.NONE);
        if (action == Action.NONE) {
            return Classification.none("llm", "llm");
        }
        return new Classification(action, str(a.get("service")), str(a.get("alert")),
                Optional.of(str(a.get("priority"))).filter(p -> !p.isBlank()).map(BuiltinClassifier::normalisePriority),
                Optional.empty(), "llm", "llm");
    }

    private static String str(Object v) {
        return v == null ? "" : v.toString();
    }
}
