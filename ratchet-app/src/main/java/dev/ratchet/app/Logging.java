package dev.ratchet.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sets up slf4j-simple before the first logger exists (it reads its settings once, from system properties): the level
 * from {@code --log-level} or {@code RATCHET_LOG_LEVEL}, timestamps, and quieter third-party libraries.
 */
final class Logging {

    private Logging() {
    }

    static void configure(List<String> args, Map<String, String> env) {
        String level = env.getOrDefault("RATCHET_LOG_LEVEL", "info");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--log-level=")) {
                level = a.substring("--log-level=".length());
            } else if (a.equals("--log-level") && i + 1 < args.size()) {
                level = args.get(i + 1);
            }
        }
        level = level.toLowerCase(Locale.ROOT);
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        // Libraries that narrate their own start-up at info: keep them to warnings unless debugging.
        String quiet = level.equals("debug") || level.equals("trace") ? level : "warn";
        for (String name : List.of("org.jobrunr", "com.zaxxer.hikari", "org.flywaydb", "com.slack.api", "org.jdbi")) {
            setDefault("org.slf4j.simpleLogger.log." + name, quiet);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
