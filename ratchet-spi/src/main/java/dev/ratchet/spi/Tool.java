package dev.ratchet.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named, described, JSON-schema'd function a module offers to the {@code commands} agent (and to other front
 * ends that list tools).
 *
 * @param name        snake_case, unique across all enabled modules ({@code search_messages})
 * @param description what it does and when to use it, written for the LLM that chooses tools
 * @param inputSchema a JSON Schema (draft 2020-12) for the arguments object, as JSON text
 * @param examples    a few requests a person might make that this tool answers; used to match requests to
 *                    tools when no LLM is configured
 * @param writes      whether it acts outside the conversation (posts elsewhere, opens a pull request); such tools
 *                    run only after the requester confirms
 * @param function    what runs when the tool is called
 * @since 0.1
 */
public record Tool(
        String name,
        String description,
        String inputSchema,
        List<String> examples,
        boolean writes,
        ToolFunction function) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public Tool {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name + "' must be snake_case, at most 64 characters");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(function, "function");
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /**
     * The code behind a tool. Runs on a worker thread and may block.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface ToolFunction {
        /**
         * Runs the tool.
         *
         * @param arguments the arguments, already validated against the tool's input schema
         * @param call      who asked, and where
         * @return a result that core serialises to JSON for the LLM: a String, a Map/List of plain values, or a
         *         record of such values
         * @throws Exception a failure, reported to the agent as the tool's error
         */
        Object call(Map<String, Object> arguments, ToolCall call) throws Exception;
    }

    /**
     * Where a tool call comes from.
     *
     * @param channelId the channel of the request
     * @param threadTs  the thread of the request
     * @param userId    the person who asked
     * @since 0.1
     */
    public record ToolCall(String channelId, String threadTs, String userId) {}
}
