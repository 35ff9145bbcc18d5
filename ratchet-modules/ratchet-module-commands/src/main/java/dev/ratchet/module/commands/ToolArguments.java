package dev.ratchet.module.commands;

import dev.ratchet.spi.Tool;
import dev.ratchet.spi.kit.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's arguments read from its input schema: the properties, which are required, and whether unknown ones are
 * refused. Enough to fill arguments without an LLM and to check the ones an LLM proposes for a write tool before
 * asking the requester to confirm; the tool still validates what it receives.
 */
final class ToolArguments {

    /** Argument names that take the channel of the request. */
    static final Set<String> CHANNEL = Set.of("channel", "channel_id", "channelid");
    /** Argument names that take the request's text. */
    static final Set<String> TEXT = Set.of("query", "q", "text", "question", "request", "search");

    private final Map<String, Object> properties;
    private final List<String> required;
    private final boolean closed;

    private ToolArguments(Map<String, Object> properties, List<String> required, boolean closed) {
        this.properties = properties;
        this.required = required;
        this.closed = closed;
    }

    @SuppressWarnings("unchecked")
    static ToolArguments of(Tool tool) {
        Map<String, Object> schema;
        try {
            schema = JsonText.parseObject(tool.inputSchema());
        } catch (IllegalArgumentException e) {
            schema = Map.of();
        }
        Map<String, Object> properties =
                schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        List<String> required = new ArrayList<>();
        if (schema.get("required") instanceof List<?> r) {
            r.forEach(x -> required.add(String.valueOf(x)));
        }
        return new ToolArguments(properties, required, Boolean.FALSE.equals(schema.get("additionalProperties")));
    }

    List<String> required() {
        return required;
    }

    private String type(String name) {
        return properties.get(name) instanceof Map<?, ?> p && p.get("type") instanceof String t ? t : "";
    }

    /**
     * Arguments filled without a model: channel-like arguments (when required) get the request's channel,
     * text-like string arguments the request's text; anything else required cannot be guessed.
     *
     * @return the arguments, or null when a required one cannot be filled
     */
    Map<String, Object> fillTrivially(String request, String channel) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (String name : properties.keySet()) {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            boolean isString = type(name).equals("string") || type(name).isEmpty();
            if (isString && TEXT.contains(key)) {
                args.put(name, request);
            } else if (isString && CHANNEL.contains(key) && required.contains(name) && channel != null) {
                args.put(name, channel);
            }
        }
        for (String name : required) {
            if (!args.containsKey(name)) {
                return null;
            }
        }
        return args;
    }

    /** Words between a command word and its subject: "search *for* disk full". */
    private static final Set<String> LINKING = Set.of("for", "about", "on", "the", "me", "my", "all");

    /**
     * What a request is about, without the leading words naming the tool: "search for disk full" to
     * {@code search_messages} is "disk full". A command word left in the query would make the request itself the best
     * lexical match for its own search. The request as it is when nothing would remain.
     */
    static String subject(String request, Tool tool) {
        Set<String> toolWords =
                new java.util.HashSet<>(java.util.Arrays.asList(tool.name().split("_")));
        String[] words = request.trim().split("\\s+");
        int i = 0;
        boolean named = false;
        while (i < words.length) {
            String w = words[i].toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "");
            if (toolWords.contains(w)) {
                named = true;
            } else if (!(named && LINKING.contains(w))) {
                break;
            }
            i++;
        }
        if (!named || i == words.length) {
            return request;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length));
    }

    /**
     * Proposed arguments made acceptable: unknown ones dropped when the schema refuses them, a missing required
     * channel filled with the request's.
     */
    Map<String, Object> normalise(Map<String, Object> proposed, String channel) {
        Map<String, Object> args = new LinkedHashMap<>();
        proposed.forEach((k, v) -> {
            if (v != null && (!closed || properties.containsKey(k))) {
                args.put(k, v);
            }
        });
        for (String name : required) {
            if (!args.containsKey(name)
                    && CHANNEL.contains(name.toLowerCase(java.util.Locale.ROOT))
                    && channel != null) {
                args.put(name, channel);
            }
        }
        return args;
    }

    /** What is wrong with {@code args}: missing required arguments and values of the wrong basic type. */
    List<String> problems(Map<String, Object> args) {
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            if (!args.containsKey(name)) {
                problems.add("`" + name + "` is missing");
            }
        }
        args.forEach((name, value) -> {
            String type = type(name);
            boolean ok = switch (type) {
                case "string" -> value instanceof String;
                case "integer" ->
                    value instanceof Long || value instanceof Integer || value instanceof Double d && d == Math.rint(d);
                case "number" -> value instanceof Number;
                case "boolean" -> value instanceof Boolean;
                case "array" -> value instanceof List;
                case "object" -> value instanceof Map;
                default -> true;
            };
            if (!ok) {
                problems.add("`" + name + "` must be " + (type.startsWith("i") ? "an " : "a ") + type);
            }
        });
        return problems;
    }
}
