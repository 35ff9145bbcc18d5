package dev.ratchet.testkit.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A scripted chat answer: conditions on the request, then one reply method that registers the rule with its
 * {@link OpenAiStub}. Start one with {@link OpenAiStub#onChat()}.
 *
 * <pre>{@code
 * llm.onChat().whenLastUserMessageContains("database").replyWithToolCall("search_messages", "{\"query\":\"db\"}");
 * llm.onChat().whenToolResultPresent("search_messages").reply("The database was restarted at 10:02.");
 * }</pre>
 *
 * <h2>Matching</h2>
 * <ul>
 *   <li>All conditions of a rule must hold; a rule without conditions matches every request.</li>
 *   <li><b>The most recently registered matching rule answers.</b> Register general rules first and more specific
 *   ones after them (as above: the tool loop's second round still mentions "database", but the later rule about the
 *   tool result wins), and override a rule set up in {@code @BeforeEach} by registering another in the test.</li>
 *   <li>When no rule matches, the stub answers its {@linkplain OpenAiStub#defaultReply(String) default reply}, or
 *   else 400 with a message quoting the last user message.</li>
 *   <li>Matching happens after authentication, injected failures and request validation: an invalid request never
 *   reaches the rules.</li>
 * </ul>
 *
 * <p>Conditions and the reply are set by the test's thread before the rule is registered; after that the rule is
 * immutable apart from its sequence position and match count, and safe to share with the stub's threads. Predicates
 * run on the stub's threads, one request at a time.
 */
public final class ChatRule {

    private final OpenAiApi api;
    private final List<Predicate<ChatRequest>> conditions = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();
    private Duration delay = Duration.ZERO;
    private volatile Function<ChatRequest, ChatReply> answer;
    private List<ChatReply> sequence;
    private int sequenceIndex;
    private int matched;

    ChatRule(OpenAiApi api) {
        this.api = api;
    }

    // ---------------------------------------------------------------- conditions

    /** The last {@code user} message contains {@code text} (case-sensitive). */
    public ChatRule whenLastUserMessageContains(String text) {
        Objects.requireNonNull(text, "text");
        return when(
                "last user message contains \"" + text + "\"",
                r -> r.lastUserMessage().map(m -> m.contains(text)).orElse(false));
    }

    /** Some message, of any role (system prompts and tool results included), contains {@code text} (case-sensitive). */
    public ChatRule whenAnyMessageContains(String text) {
        Objects.requireNonNull(text, "text");
        return when(
                "a message contains \"" + text + "\"",
                r -> r.messages().stream().anyMatch(m -> m.content().contains(text)));
    }

    /** Some message, of any role, has content in which {@code pattern} is {@linkplain java.util.regex.Matcher#find found}. */
    public ChatRule whenAnyMessageMatches(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return when(
                "a message matches /" + pattern + "/",
                r -> r.messages().stream()
                        .anyMatch(m -> pattern.matcher(m.content()).find()));
    }

    /** The system (or developer) prompt contains {@code text} (case-sensitive). */
    public ChatRule whenSystemPromptContains(String text) {
        Objects.requireNonNull(text, "text");
        return when(
                "system prompt contains \"" + text + "\"",
                r -> r.systemPrompt().map(m -> m.contains(text)).orElse(false));
    }

    /**
     * The conversation holds the result of a call of the function {@code toolName}: the next round of a tool loop.
     * See {@link ChatRequest#toolResult(String)}.
     */
    public ChatRule whenToolResultPresent(String toolName) {
        Objects.requireNonNull(toolName, "toolName");
        return when(
                "a result of tool " + toolName + " is present",
                r -> r.toolResult(toolName).isPresent());
    }

    /** The request offers a function named {@code toolName} in {@code tools}. */
    public ChatRule whenToolOffered(String toolName) {
        Objects.requireNonNull(toolName, "toolName");
        return when("tool " + toolName + " is offered", r -> r.offersTool(toolName));
    }

    /** The request asks for {@code model}. */
    public ChatRule whenModel(String model) {
        Objects.requireNonNull(model, "model");
        return when("model is " + model, r -> model.equals(r.model()));
    }

    /** The request asks for a JSON answer ({@code response_format} {@code json_object} or {@code json_schema}). */
    public ChatRule whenJsonRequested() {
        return when(
                "JSON is requested",
                r -> r.responseFormat().map(ChatRequest.ResponseFormat::json).orElse(false));
    }

    /** Any condition over the parsed request. It runs on the stub's threads; an exception from it fails the request with 500. */
    public ChatRule when(Predicate<ChatRequest> condition) {
        return when("a custom condition", condition);
    }

    private ChatRule when(String description, Predicate<ChatRequest> condition) {
        requireUnregistered();
        conditions.add(Objects.requireNonNull(condition, "condition"));
        descriptions.add(description);
        return this;
    }

    /**
     * Answers only after {@code delay}, as a slow model would; other requests are served meanwhile. The request is
     * recorded as soon as it arrives.
     */
    public ChatRule delay(Duration delay) {
        requireUnregistered();
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        this.delay = delay;
        return this;
    }

    // ---------------------------------------------------------------- replies (each registers the rule)

    /** Registers the rule: matching requests get {@code content}, see {@link ChatReply#text}. */
    public ChatRule reply(String content) {
        return reply(ChatReply.text(content));
    }

    /** Registers the rule: matching requests get {@code reply}. */
    public ChatRule reply(ChatReply reply) {
        Objects.requireNonNull(reply, "reply");
        return replyWith(request -> reply);
    }

    /** Registers the rule: matching requests get a call of the function {@code name}, see {@link ChatReply#toolCall}. */
    public ChatRule replyWithToolCall(String name, String arguments) {
        return reply(ChatReply.toolCall(name, arguments));
    }

    /**
     * Registers the rule: successive matching requests get successive {@code contents}, and once they are used up the
     * last one again. For a model that needs a second attempt: {@code replySequence("not json", "{\"ok\":true}")}.
     */
    public ChatRule replySequence(String... contents) {
        return replySequence(Arrays.stream(contents).map(ChatReply::text).toArray(ChatReply[]::new));
    }

    /** Like {@link #replySequence(String...)}, for any replies: tool calls, errors, text. */
    public ChatRule replySequence(ChatReply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one reply");
        }
        List<ChatReply> list = List.of(replies);
        requireUnregistered();
        sequence = list;
        return register(request -> nextInSequence());
    }

    /**
     * Registers the rule: matching requests get what {@code answer} computes from them, for replies that depend on
     * the prompt. It runs on the stub's threads; an exception from it fails the request with 500.
     */
    public ChatRule replyWith(Function<ChatRequest, ChatReply> answer) {
        Objects.requireNonNull(answer, "answer");
        requireUnregistered();
        return register(answer);
    }

    // ---------------------------------------------------------------- introspection

    /** How many requests this rule has answered so far. */
    public int timesMatched() {
        synchronized (api) {
            return matched;
        }
    }

    @Override
    public String toString() {
        return "ChatRule[" + (descriptions.isEmpty() ? "any request" : String.join(" and ", descriptions))
                + (delay.isZero() ? "" : ", after " + delay) + "]";
    }

    // ---------------------------------------------------------------- used by the stub, under its lock

    boolean matches(ChatRequest request) {
        for (Predicate<ChatRequest> condition : conditions) {
            if (!condition.test(request)) {
                return false;
            }
        }
        return true;
    }

    ChatReply answer(ChatRequest request) {
        matched++;
        return Objects.requireNonNull(answer.apply(request), () -> this + " computed a null reply");
    }

    Duration delay() {
        return delay;
    }

    private ChatReply nextInSequence() {
        ChatReply next = sequence.get(Math.min(sequenceIndex, sequence.size() - 1));
        sequenceIndex++;
        return next;
    }

    private ChatRule register(Function<ChatRequest, ChatReply> answer) {
        this.answer = answer;
        api.addRule(this);
        return this;
    }

    private void requireUnregistered() {
        if (answer != null) {
            throw new IllegalStateException(this + " is already registered; start another with onChat()");
        }
    }
}
