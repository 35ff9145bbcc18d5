package dev.ratchet.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.spi.Tool;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one path by which the launcher's commands call a module's tool ({@code ratchet tool}, {@code report},
 * {@code monitor test}, {@code demo}, {@code docs ask}): find it among the enabled modules' tools, build its arguments from
 * {@code key=value} pairs typed by its input schema, call it and hand back its result as plain JSON values.
 */
final class ModuleTools {

    /** Exit code of bad usage, as picocli's own. */
    static final int USAGE = 2;

    private ModuleTools() {}

    /**
     * The registered tool called {@code name}.
     *
     * @throws StartupException exit 2, listing the tools there are, when no enabled module registered it
     */
    static Registrations.RegisteredTool find(Ratchet ratchet, String name) {
        return ratchet.registrations().tools().stream()
                .filter(t -> t.tool().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new StartupException(
                        USAGE,
                        "no tool '" + name + "' among the enabled modules; available: "
                                + String.join(", ", names(ratchet))
                                + " ('ratchet modules' shows which module registers which)"));
    }

    /** The enabled modules' tool names, sorted. */
    static List<String> names(Ratchet ratchet) {
        return ratchet.registrations().tools().stream()
                .map(t -> t.tool().name())
                .sorted()
                .toList();
    }

    /**
     * Calls the tool with {@code args} on behalf of {@code user} and returns its result as plain JSON values (maps,
     * lists, strings, numbers, booleans, null).
     *
     * @throws StartupException exit 2 for an unknown tool, or when the tool rejects its arguments
     */
    static Object call(Ratchet ratchet, String name, Map<String, Object> args, String user) throws Exception {
        Registrations.RegisteredTool tool = find(ratchet, name);
        Object result;
        try {
            result = tool.tool().function().call(args, new Tool.ToolCall(null, null, user));
        } catch (IllegalArgumentException e) {
            throw new StartupException(USAGE, name + ": " + e.getMessage(), e);
        }
        // as printed and served: records' fields in snake_case
        return Json.OUTPUT.readValue(Json.writeOutput(result), Object.class);
    }

    /**
     * The arguments object for {@code tool}: {@code input} (a JSON object, may be null) overlaid with each
     * {@code key=value}, the value typed by the property's schema type (integer, number, boolean, array or object as
     * JSON, string otherwise).
     *
     * @throws StartupException exit 2 naming the argument and the fix
     */
    static Map<String, Object> arguments(Tool tool, String input, List<String> pairs) {
        JsonNode schema = readSchema(tool);
        JsonNode properties = schema.path("properties");
        Map<String, Object> args = new LinkedHashMap<>();
        if (input != null) {
            try {
                Object parsed = Json.MAPPER.readValue(input, Object.class);
                if (!(parsed instanceof Map<?, ?> m)) {
                    throw bad(tool, "--input must be a JSON object, such as '{\"days\": 7}'");
                }
                m.forEach((k, v) -> args.put(String.valueOf(k), v));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw bad(
                        tool,
                        "--input is not valid JSON (" + e.getOriginalMessage()
                                + "); give an object, such as '{\"days\": 7}'");
            }
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw bad(tool, "--arg '" + pair + "' is not key=value; write it as --arg days=7");
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (properties.isObject() && properties.size() > 0 && !properties.has(key)) {
                throw bad(
                        tool,
                        "argument '" + key + "' is not one of " + tool.name() + "'s: "
                                + String.join(", ", fieldNames(properties)));
            }
            args.put(
                    key,
                    typed(tool, key, value, properties.path(key).path("type").asText("string")));
        }
        for (JsonNode required : schema.path("required")) {
            if (!args.containsKey(required.asText())) {
                throw bad(
                        tool,
                        "argument '" + required.asText() + "' is required: add --arg " + required.asText() + "=VALUE");
            }
        }
        return args;
    }

    private static Object typed(Tool tool, String key, String value, String type) {
        try {
            return switch (type) {
                case "integer" -> Long.parseLong(value.trim());
                case "number" -> Double.parseDouble(value.trim());
                case "boolean" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException();
                    }
                    yield Boolean.parseBoolean(value);
                }
                case "array", "object" -> Json.MAPPER.readValue(value, Object.class);
                default -> value;
            };
        } catch (Exception e) {
            String example = switch (type) {
                case "integer" -> "a whole number, such as " + key + "=7";
                case "number" -> "a number, such as " + key + "=0.5";
                case "boolean" -> "true or false";
                case "array" -> "a JSON array, such as " + key + "='[\"a\",\"b\"]'";
                default -> "a JSON object, such as " + key + "='{\"k\":\"v\"}'";
            };
            throw bad(tool, "argument '" + key + "' is " + type + ", not '" + value + "': give " + example);
        }
    }

    private static JsonNode readSchema(Tool tool) {
        try {
            return Json.MAPPER.readTree(tool.inputSchema());
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static List<String> fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> i = properties.fieldNames(); i.hasNext(); ) {
            names.add(i.next());
        }
        return names;
    }

    private static StartupException bad(Tool tool, String message) {
        return new StartupException(USAGE, tool.name() + ": " + message);
    }

    /**
     * The text of a result that is text for people ({@code {"text": ...}}, as tools return it when asked for
     * {@code format=text}), so that commands print what the module rendered without knowing its fields.
     *
     * @throws IllegalStateException when the result has no {@code text}
     */
    static String text(Object result) {
        if (result instanceof Map<?, ?> m && m.get("text") instanceof String text) {
            return text;
        }
        throw new IllegalStateException("the tool returned no text: " + Json.write(result));
    }

    /**
     * Prints a result for people: a {@code text} field (the whole result of a tool asked for {@code format=text}, or
     * a runbook's text) as it is, otherwise the values as indented lines.
     */
    static void printReadable(PrintWriter out, Object result) {
        if (result instanceof Map<?, ?> m && m.get("text") instanceof String text) {
            out.println(text);
            return;
        }
        print(out, result, "");
    }

    private static void print(PrintWriter out, Object value, String indent) {
        if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.println(indent + "{}");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (scalar(e.getValue())) {
                    out.println(indent + e.getKey() + ": " + e.getValue());
                } else {
                    out.println(indent + e.getKey() + ":");
                    print(out, e.getValue(), indent + "  ");
                }
            }
        } else if (value instanceof List<?> l) {
            if (l.isEmpty()) {
                out.println(indent + "(none)");
            }
            for (Object o : l) {
                if (scalar(o)) {
                    out.println(indent + "- " + o);
                } else {
                    out.println(indent + "-");
                    print(out, o, indent + "  ");
                }
            }
        } else {
            out.println(indent + value);
        }
    }

    private static boolean scalar(Object value) {
        return !(value instanceof Map<?, ?> m && !m.isEmpty()) && !(value instanceof List<?> l && !l.isEmpty());
    }
}
