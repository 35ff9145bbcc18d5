package dev.ratchet.spi;

import java.util.Map;

/**
 * JSON text to plain Java values and back: moved to {@link dev.ratchet.spi.kit.JsonText}, which this delegates to.
 * Kept so that module jars built against 0.1 still link.
 *
 * @since 0.1
 * @deprecated since 0.2: use {@link dev.ratchet.spi.kit.JsonText}; the SPI package holds the contract only
 */
@Deprecated(since = "0.2")
public final class JsonText {

    private JsonText() {}

    /** See {@link dev.ratchet.spi.kit.JsonText#parse}. */
    public static Object parse(String json) {
        return dev.ratchet.spi.kit.JsonText.parse(json);
    }

    /** See {@link dev.ratchet.spi.kit.JsonText#parseObject}. */
    public static Map<String, Object> parseObject(String json) {
        return dev.ratchet.spi.kit.JsonText.parseObject(json);
    }

    /** See {@link dev.ratchet.spi.kit.JsonText#write}. */
    public static String write(Object value) {
        return dev.ratchet.spi.kit.JsonText.write(value);
    }
}
