package dev.ratchet.spi;

import java.util.List;
import java.util.Map;

/**
 * Tool inputs as Java records: moved to {@link dev.ratchet.spi.kit.ToolInputs}, which this delegates to. Kept so
 * that module jars built against 0.1 still link.
 *
 * @since 0.1
 * @deprecated since 0.2: use {@link dev.ratchet.spi.kit.ToolInputs}; the SPI package holds the contract only
 */
@Deprecated(since = "0.2")
public final class ToolInputs {

    private ToolInputs() {}

    /** The code of a typed tool; see {@link dev.ratchet.spi.kit.ToolInputs.TypedFunction}. */
    @FunctionalInterface
    public interface TypedFunction<R extends Record> {
        Object call(R input, Tool.ToolCall call) throws Exception;
    }

    /** See {@link dev.ratchet.spi.kit.ToolInputs#tool}. */
    public static <R extends Record> Tool tool(
            String name,
            String description,
            Class<R> inputType,
            List<String> examples,
            boolean writes,
            TypedFunction<R> function) {
        return dev.ratchet.spi.kit.ToolInputs.tool(name, description, inputType, examples, writes, function::call);
    }

    /** See {@link dev.ratchet.spi.kit.ToolInputs#schemaOf}. */
    public static String schemaOf(Class<? extends Record> type) {
        return dev.ratchet.spi.kit.ToolInputs.schemaOf(type);
    }

    /** See {@link dev.ratchet.spi.kit.ToolInputs#read}. */
    public static <R extends Record> R read(Class<R> type, Map<String, Object> arguments) {
        return dev.ratchet.spi.kit.ToolInputs.read(type, arguments);
    }
}
