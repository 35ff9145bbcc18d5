package dev.ratchet.testkit.llm;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link ChatRule} answers: assistant text, function calls, an OpenAI error, or a raw body. Immutable; build one with the
 * static factories.
 *
 * <pre>{@code
 * llm.onChat().whenToolOffered("search_messages")
 *         .replySequence(ChatReply.toolCall("search_messages", "{\"query\":\"db\"}"), ChatReply.text("done"));
 * }</pre>
 */
public final class ChatReply {

    enum Kind {
        TEXT,
        TOOL_CALLS,
        ERROR,
        RAW
    }

    final Kind kind;
    final String content;
    final List<ToolCall> toolCalls;
    final String finishReason;
    final int status;

    private ChatReply(Kind kind, String content, List<ToolCall> toolCalls, String finishReason, int status) {
        this.kind = kind;
        this.content = content;
        this.toolCalls = List.copyOf(toolCalls);
        this.finishReason = finishReason;
        this.status = status;
    }

    /**
     * The assistant answers {@code content} with {@code finish_reason: stop}. When the request's
     * {@code max_completion_tokens} (or {@code max_tokens}) is smaller than the content's token estimate, the content
     * is cut there and {@code finish_reason} is {@code length}, as a real model would.
     */
    public static ChatReply text(String content) {
        return new ChatReply(Kind.TEXT, Objects.requireNonNull(content, "content"), List.of(), "stop", 200);
    }

    /** The assistant answers {@code content} as it is, with {@code finish_reason: length}, as if cut by a token limit. */
    public static ChatReply truncated(String content) {
        return new ChatReply(Kind.TEXT, Objects.requireNonNull(content, "content"), List.of(), "length", 200);
    }

    /**
     * The assistant calls one function ({@code finish_reason: tool_calls}, no content).
     *
     * @param arguments the arguments as JSON text, such as {@code {"query":"db"}}; sent as is, so that tests can also
     *                  script invalid arguments
     */
    public static ChatReply toolCall(String name, String arguments) {
        return toolCalls(List.of(ToolCall.of(name, arguments)));
    }

    /** The assistant calls several functions in one turn ({@code finish_reason: tool_calls}, no content). */
    public static ChatReply toolCalls(List<ToolCall> calls) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("a tool-call reply needs at least one call");
        }
        return new ChatReply(Kind.TOOL_CALLS, null, calls, "tool_calls", 200);
    }

    /**
     * The request fails with HTTP {@code status} and OpenAI's error body for it (429 also carries
     * {@code Retry-After: 1}).
     */
    public static ChatReply error(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
        }
        return new ChatReply(Kind.ERROR, null, List.of(), null, status);
    }

    /**
     * The request is answered HTTP 200 with {@code body} sent as it is, as {@code application/json}: for a server that
     * answers something that is not a chat completion, such as {@code {"choices":"nope"}}, {@code {}} or
     * {@code {"choices":[]}}. The body is not checked; it need not even be JSON.
     */
    public static ChatReply raw(String body) {
        return new ChatReply(Kind.RAW, Objects.requireNonNull(body, "body"), List.of(), null, 200);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TEXT -> "ChatReply.text(" + ChatRequest.abbreviate(content) + ", " + finishReason + ")";
            case TOOL_CALLS -> "ChatReply.toolCalls(" + toolCalls + ")";
            case ERROR -> "ChatReply.error(" + status + ")";
            case RAW -> "ChatReply.raw(" + ChatRequest.abbreviate(content) + ")";
        };
    }
}
