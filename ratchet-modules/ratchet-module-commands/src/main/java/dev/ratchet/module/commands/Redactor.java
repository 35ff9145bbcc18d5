package dev.ratchet.module.commands;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values that {@code ${NAME}} references of one MCP server were expanded to, and text with each of them put back
 * as its reference: what is logged or told to the model about a server goes through {@link #redact}, because the SDK's
 * own messages may carry the expanded URL, arguments or headers. Thread-safe.
 */
final class Redactor {

    /** Shorter values are not redacted: they would garble every message and are no secret worth the name. */
    static final int MIN_LENGTH = 3;

    // value -> "${NAME}"
    private final Map<String, String> references = new ConcurrentHashMap<>();

    /** Remembers that {@code ${name}} was expanded to {@code value}. */
    void expanded(String name, String value) {
        if (value.length() >= MIN_LENGTH) {
            references.put(value, "${" + name + "}");
        }
    }

    /** {@code text} with every remembered value, as it is and URL-encoded, replaced by its reference; null stays null. */
    String redact(String text) {
        if (text == null || references.isEmpty()) {
            return text;
        }
        String out = text;
        // longest first, so that a value containing another is replaced whole
        for (Map.Entry<String, String> e : references.entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, String> x) -> x.getKey().length())
                        .reversed())
                .toList()) {
            String value = e.getKey();
            out = out.replace(value, e.getValue());
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            if (!encoded.equals(value)) {
                out = out.replace(encoded, e.getValue()).replace(encoded.replace("+", "%20"), e.getValue());
            }
        }
        return out;
    }
}
