package dev.ratchet.testkit.llm;

import java.util.Objects;

/**
 * A function call made by the assistant: seen in a request's assistant messages, or scripted in a
 * {@link ChatReply#toolCalls}.
 *
 * @param id        the call's id ({@code call_...}), which the {@code tool} message answering it repeats; when
 *                  scripting, {@code null} lets the stub number it
 * @param name      the function's name
 * @param arguments the arguments as a JSON text, as OpenAI sends them (a string, not an object)
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }

    /** A call the stub will give an id. */
    public static ToolCall of(String name, String arguments) {
        return new ToolCall(null, name, arguments);
    }
}
