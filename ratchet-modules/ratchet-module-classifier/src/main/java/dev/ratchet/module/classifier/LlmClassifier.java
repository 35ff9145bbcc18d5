package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.spi.kit.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional last resort for bot messages nothing else recognised: the chat model answers JSON valid against
 * {@link Answer}'s schema. Generation being off, over budget or answering invalid JSON all mean "not an alert": a missed
 * classification is better than a job retried against a model that is not there.
 *
 * <p>It learns from the workspace: the prompt carries, as few-shot examples, recent messages of the same integration
 * (same bot id, or same username) in the channel with what was decided about them (an alert firing or resolving, as
 * recorded, or nothing); and each decision is kept per integration and <em>template shape</em> (the text with numbers,
 * ids, links and mentions normalised), so the next message of the same template is decided without asking again.
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

    private static final String EXAMPLES = """
            Earlier messages of the same integration in this channel follow, each with how it was classified; \
            classify the last message the same way when it has the same form.""";

    private static final int MAX_TEXT = 4000;
    private static final int MAX_EXAMPLE_TEXT = 600;
    /** Few-shot examples per prompt: up to this many alerts and half as many other messages. */
    static final int MAX_ALERT_EXAMPLES = 4;

    static final int MAX_OTHER_EXAMPLES = 2;
    /** How far back the history of an integration is read for examples. */
    static final Duration HISTORY = Duration.ofDays(30);

    private static final int HISTORY_LIMIT = 500;
    /** How long a decision per template is kept: templates change with the tools' releases. */
    static final Duration CACHE_TTL = Duration.ofDays(30);

    private static final Pattern LINK = Pattern.compile("<(?:https?|mailto):[^>]*>|\\bhttps?://\\S+");
    private static final Pattern MENTION = Pattern.compile("<[@#!][^>]*>");
    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{7,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*");

    private final ModuleContext ctx;

    LlmClassifier(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** The model's classification of a bot message; {@link Action#NONE} when it says so or cannot answer. */
    Classification classify(Message m, String username) {
        LlmService llm = ctx.llm();
        System.Logger log = ctx.logger();
        String poster = m.botId().orElse(username == null ? "" : username);
        String key = "llm-template:" + sha256(poster + "\n" + shape(m.text()));
        Optional<Classification> cached = ctx.store().get(key).flatMap(v -> fromCache(v, m.text()));
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!llm.chatAvailable()) {
            return Classification.none("llm", "llm");
        }
        String body = cut(m.text(), MAX_TEXT);
        List<ChatMessage> prompt = new ArrayList<>();
        prompt.add(ChatMessage.system(SYSTEM));
        List<ChatMessage> examples = examples(m, username);
        if (!examples.isEmpty()) {
            prompt.add(ChatMessage.system(EXAMPLES));
            prompt.addAll(examples);
        }
        prompt.add(ChatMessage.user(question(username, body)));
        try {
            Answer answer = llm.json("classify", prompt, Answer.class);
            Classification c = parse(answer);
            ctx.store().put(key, toCache(c), CACHE_TTL);
            return c;
        } catch (LlmUnavailableException e) {
            log.log(System.Logger.Level.DEBUG, "LLM classification unavailable: {0}", e.getMessage());
            return Classification.none("llm", "llm");
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "LLM classification answer unreadable: {0}", e.getMessage());
            return Classification.none("llm", "llm");
        }
    }

    private static String question(String username, String text) {
        return "Posted by: " + (username == null || username.isBlank() ? "(unknown)" : username) + "\n\nMessage:\n"
                + text;
    }

    /**
     * Few-shot examples from the integration's own history in the channel, newest first: each a user turn (the
     * message) and an assistant turn (the answer it got: the recorded alert event, or none).
     */
    List<ChatMessage> examples(Message m, String username) {
        List<ChatMessage> alerts = new ArrayList<>();
        List<ChatMessage> others = new ArrayList<>();
        Set<String> shapes = new HashSet<>();
        // the last day, then the week, then the month, the newest first
        for (Message h : new RecentMessages(
                ctx.messages(),
                m.channelId(),
                m.postedAt(),
                List.of(Duration.ofDays(1), Duration.ofDays(7), HISTORY),
                HISTORY_LIMIT)) {
            if (h.ts().equals(m.ts()) || h.deleted() || !samePoster(h, m, username) || !shapes.add(shape(h.text()))) {
                continue;
            }
            Optional<AlertEvent> event = ctx.alerts().of(h);
            List<ChatMessage> into = event.isPresent() ? alerts : others;
            if (into.size() / 2 >= (event.isPresent() ? MAX_ALERT_EXAMPLES : MAX_OTHER_EXAMPLES)) {
                continue;
            }
            into.add(ChatMessage.user(question(username(h, username), cut(h.text(), MAX_EXAMPLE_TEXT))));
            into.add(new ChatMessage("assistant", JsonText.write(answerOf(event))));
            if (alerts.size() / 2 >= MAX_ALERT_EXAMPLES && others.size() / 2 >= MAX_OTHER_EXAMPLES) {
                break;
            }
        }
        List<ChatMessage> out = new ArrayList<>(alerts);
        out.addAll(others);
        return out;
    }

    private static boolean samePoster(Message h, Message m, String username) {
        if (!h.isFromBot()) {
            return false;
        }
        if (m.botId().isPresent() && m.botId().equals(h.botId())) {
            return true;
        }
        return username != null
                && !username.isBlank()
                && username.equals(h.attrs().get("username"));
    }

    private static String username(Message h, String fallback) {
        return h.attrs().get("username") instanceof String u ? u : fallback;
    }

    private static Map<String, Object> answerOf(Optional<AlertEvent> event) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(
                "action",
                // an open resolved in place reads as its resolution now: its text was edited into it
                event.map(e -> e.action() == AlertEvent.Action.OPEN && !e.resolvedInPlace() ? "open" : "close")
                        .orElse("none"));
        a.put("service", event.map(AlertEvent::service).orElse(""));
        a.put("alert", event.map(AlertEvent::alert).orElse(""));
        a.put("priority", event.flatMap(AlertEvent::priority).orElse(""));
        return a;
    }

    /**
     * The template a message was rendered from: links, mentions, ids and numbers replaced by placeholders, spaces
     * collapsed. "QUEUE STUCK on worker-7 (depth 1532)" and "QUEUE STUCK on worker-3 (depth 88)" have one shape.
     */
    static String shape(String text) {
        String t = text == null ? "" : text;
        t = LINK.matcher(t).replaceAll("<url>");
        t = MENTION.matcher(t).replaceAll("<mention>");
        t = UUID.matcher(t).replaceAll("<id>");
        t = HEX.matcher(t).replaceAll("<id>");
        t = NUMBER.matcher(t).replaceAll("#");
        return t.replaceAll("\\s+", " ").strip();
    }

    private static Map<String, Object> toCache(Classification c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("action", c.action().word());
        v.put("service", c.service());
        v.put("alert", c.alert());
        c.priority().ifPresent(p -> v.put("priority", p));
        return v;
    }

    /**
     * The cached decision applied to this message: the same action and priority; a service or alert name that is a
     * single word of the template taken from this message ("worker-7" becomes this message's "worker-3").
     */
    private static Optional<Classification> fromCache(Map<String, Object> v, String text) {
        Optional<Action> action = Action.of(v.get("action") instanceof String s ? s : null);
        if (action.isEmpty()) {
            return Optional.empty();
        }
        if (action.get() == Action.NONE) {
            return Optional.of(Classification.none("llm", "llm"));
        }
        return Optional.of(new Classification(
                action.get(),
                localised(v.get("service"), text),
                localised(v.get("alert"), text),
                Optional.ofNullable(v.get("priority")).map(Object::toString),
                Optional.empty(),
                "llm",
                "llm-cache"));
    }

    private static String localised(Object cached, String text) {
        String value = cached instanceof String s ? s : "";
        if (value.isBlank() || text.contains(value) || value.contains(" ")) {
            return value;
        }
        String wanted = shape(value);
        if (wanted.equals(value)) {
            return value; // no number or id in it: it is the template's own word
        }
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (shape(m.group()).equals(wanted)) {
                return m.group();
            }
        }
        return value;
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "\n[...]" : text;
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
                Optional.of(answer.priority()).filter(p -> !p.isBlank()).map(SlackText::normalisePriority),
                Optional.empty(),
                "llm",
                "llm");
    }
}
