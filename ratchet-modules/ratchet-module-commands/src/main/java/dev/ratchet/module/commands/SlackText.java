package dev.ratchet.module.commands;

import dev.ratchet.spi.kit.JsonText;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bounds of a Slack message, and tool results as plain values ({@link ResultText} writes them for people). */
final class SlackText {

    /** Slack shows about 4,000 characters of a message's text before truncating it; stay under. */
    static final int MAX_POST = 3_800;
    /** One tool result within a post. */
    static final int MAX_RESULT = 2_500;

    private SlackText() {}

    /** {@code text} cut to at most {@code max} characters, saying so when cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String tail = " … (cut, " + text.length() + " characters in all)";
        return text.substring(0, Math.max(0, max - tail.length())) + tail;
    }

    /**
     * A value as maps, lists and plain values for {@link JsonText#write}: records become maps of their components,
     * optionals their value or null; anything else unknown is written as its {@code toString()}.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Optional<?> o) {
            return plain(o.orElse(null));
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    rc.getAccessor().setAccessible(true);
                    out.put(rc.getName(), plain(rc.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    out.put(rc.getName(), "?");
                }
            }
            return out;
        }
        if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            return plain(java.util.Arrays.asList((Object[]) value));
        }
        return value.toString();
    }
}
