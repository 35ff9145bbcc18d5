package dev.ratchet.core.ops;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import java.util.List;

/**
 * How the process logs, from {@code log.*}. The launcher sets up logging before the configuration is read (from
 * {@code --log-level}, {@code --log-format} and their variables); the options are declared here so that they are
 * validated and listed with the others.
 *
 * @param level  error, warn, info, debug or trace
 * @param format text, or json (one object per line)
 */
public record LogSettings(String level, String format) {

    public static final ConfigOption<String> LOG_LEVEL = ConfigOption.oneOf(
                    "log.level", "info", "error", "warn", "info", "debug", "trace")
            .describedAs("log level");
    public static final ConfigOption<String> LOG_FORMAT = ConfigOption.oneOf("log.format", "text", "text", "json")
            .describedAs(
                    "log lines as text, or json (one object per line: time, level, logger, thread, message, exception)");

    /** The {@code log.*} options. */
    public static List<ConfigOption<?>> options() {
        return List.of(LOG_LEVEL, LOG_FORMAT);
    }

    public static LogSettings from(RatchetConfig config) {
        return new LogSettings(config.get(LOG_LEVEL), config.get(LOG_FORMAT));
    }
}
