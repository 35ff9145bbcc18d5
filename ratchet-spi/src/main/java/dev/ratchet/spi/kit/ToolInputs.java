package dev.ratchet.spi.kit;

import dev.ratchet.spi.Tool;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tool inputs as Java records: the JSON Schema of a record type, and the record built from the arguments the model
 * sent. Supports components of type String, boolean, int, long, double (and their boxes), enums,
 * records, {@code List<String>}, {@code List<Long>}, {@code List<Double>}, lists of records, and {@code Optional<T>} of
 * those for optional arguments; every other component is required. {@link Schema} on a component names its JSON
 * property, describes it and bounds it.
 *
 * <pre>
 * record SearchInput(String query, Optional&lt;String&gt; channel, Optional&lt;Integer&gt; days) {}
 * ctx.tool(ToolInputs.tool("search_messages", "Search recent messages.", SearchInput.class, List.of("what happened to db-1?"), false,
 *         (input, call) -&gt; search(input.query(), input.channel(), input.days())));
 * </pre>
 *
 * @since 0.2 (0.1 as {@code dev.ratchet.spi.ToolInputs})
 */
public final class ToolInputs {

    private ToolInputs() {}

    /** The code of a typed tool. */
    @FunctionalInterface
    public interface TypedFunction<R extends Record> {
        Object call(R input, Tool.ToolCall call) throws Exception;
    }

    /** A {@link Tool} whose input schema is derived from {@code inputType} and whose function receives the record. */
    public static <R extends Record> Tool tool(
            String name,
            String description,
            Class<R> inputType,
            List<String> examples,
            boolean writes,
            TypedFunction<R> function) {
        String schema = schemaOf(inputType);
        return new Tool(
                name,
                description,
                schema,
                examples,
                writes,
                (arguments, call) -> function.call(read(inputType, arguments), call));
    }

    /**
     * The JSON Schema (an object with one property per component) of a record type, as JSON text. Components may be
     * records (or lists of records) themselves, and carry {@link Schema} keywords.
     */
    public static String schemaOf(Class<? extends Record> type) {
        StringBuilder properties = new StringBuilder();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Type t = c.getGenericType();
            boolean optional = c.getType() == Optional.class;
            if (optional) {
                t = ((ParameterizedType) t).getActualTypeArguments()[0];
            } else {
                required.add(nameOf(c));
            }
            if (properties.length() > 0) {
                properties.append(", ");
            }
            Schema keywords = c.getAnnotation(Schema.class);
            String schema = schemaOfType(t, type, c.getName(), keywords);
            if (keywords != null && !keywords.description().isEmpty()) {
                schema = schema.substring(0, schema.length() - 1) + ", \"description\": "
                        + JsonText.write(keywords.description()) + "}";
            }
            properties.append('"').append(nameOf(c)).append("\": ").append(schema);
        }
        StringBuilder schema = new StringBuilder(
                        "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {")
                .append(properties)
                .append("}");
        if (!required.isEmpty()) {
            schema.append(", \"required\": [");
            for (int i = 0; i < required.size(); i++) {
                schema.append(i == 0 ? "" : ", ")
                        .append('"')
                        .append(required.get(i))
                        .append('"');
            }
            schema.append(']');
        }
        return schema.append('}').toString();
    }

    private static String nameOf(RecordComponent c) {
        Schema keywords = c.getAnnotation(Schema.class);
        return keywords == null || keywords.name().isEmpty() ? c.getName() : keywords.name();
    }

    @SuppressWarnings("unchecked")
    private static String schemaOfType(Type t, Class<?> owner, String component, Schema keywords) {
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            String bounds = keywords == null
                    ? ""
                    : (keywords.minItems() > 0 ? ", \"minItems\": " + keywords.minItems() : "")
                            + (keywords.maxItems() >= 0 ? ", \"maxItems\": " + keywords.maxItems() : "");
            return "{\"type\": \"array\", \"items\": "
                    + schemaOfType(p.getActualTypeArguments()[0], owner, component, keywords) + bounds + "}";
        }
        if (t instanceof Class<?> c) {
            if (c == String.class) {
                return keywords == null || keywords.minLength() <= 0
                        ? "{\"type\": \"string\"}"
                        : "{\"type\": \"string\", \"minLength\": " + keywords.minLength() + "}";
            }
            if (c == boolean.class || c == Boolean.class) {
                return "{\"type\": \"boolean\"}";
            }
            String minimum = keywords == null || keywords.minimum() == Long.MIN_VALUE
                    ? ""
                    : ", \"minimum\": " + keywords.minimum();
            if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
                return "{\"type\": \"integer\"" + minimum + "}";
            }
            if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
                return "{\"type\": \"number\"" + minimum + "}";
            }
            if (c.isEnum()) {
                StringBuilder values = new StringBuilder();
                for (Object constant : c.getEnumConstants()) {
                    values.append(values.length() == 0 ? "" : ", ")
                            .append('"')
                            .append(((Enum<?>) constant).name())
                            .append('"');
                }
                return "{\"type\": \"string\", \"enum\": [" + values + "]}";
            }
            if (c.isRecord()) {
                return schemaOf((Class<? extends Record>) c);
            }
        }
        throw new IllegalArgumentException(
                owner.getSimpleName() + "." + component + ": type " + t.getTypeName()
                        + " is not supported in tool inputs; use String, boolean, int, long, double, an enum, a record, a List or an Optional of those");
    }

    /** Builds the record from validated arguments (numbers may arrive as any JSON number; nested records as objects). */
    public static <R extends Record> R read(Class<R> type, Map<String, Object> arguments) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String name = nameOf(c);
            Object raw = arguments.get(name);
            if (c.getType() == Optional.class) {
                Type inner = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
                values[i] = raw == null ? Optional.empty() : Optional.of(convert(raw, inner, name));
            } else {
                if (raw == null) {
                    throw new IllegalArgumentException("missing argument '" + name + "'");
                }
                values[i] = convert(raw, c.getGenericType(), name);
            }
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build " + type.getSimpleName() + " from the arguments: " + e, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object raw, Type t, String name) {
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (!(raw instanceof List<?> list)) {
                throw new IllegalArgumentException("argument '" + name + "' must be an array");
            }
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(convert(o, p.getActualTypeArguments()[0], name));
            }
            return List.copyOf(out);
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) {
            return raw.toString();
        }
        if (c == boolean.class || c == Boolean.class) {
            return raw instanceof Boolean b ? b : Boolean.parseBoolean(raw.toString());
        }
        if (raw instanceof Number n) {
            if (c == int.class || c == Integer.class) {
                return n.intValue();
            }
            if (c == long.class || c == Long.class) {
                return n.longValue();
            }
            if (c == double.class || c == Double.class) {
                return n.doubleValue();
            }
            if (c == float.class || c == Float.class) {
                return n.floatValue();
            }
        }
        if (c.isEnum()) {
            return Enum.valueOf((Class<Enum>) c, raw.toString());
        }
        if (c.isRecord()) {
            if (!(raw instanceof Map<?, ?> object)) {
                throw new IllegalArgumentException("argument '" + name + "' must be an object");
            }
            return read((Class<Record>) c, (Map<String, Object>) object);
        }
        throw new IllegalArgumentException("argument '" + name + "' is not a " + c.getSimpleName());
    }
}
