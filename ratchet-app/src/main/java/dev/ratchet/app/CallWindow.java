package dev.ratchet.app;

import dev.ratchet.core.StartupException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** Which recorded LLM calls a command reads: {@code --since}, {@code --until}, {@code --module} (a picocli mixin). */
final class CallWindow {

    @Option(
            names = "--since",
            required = true,
            paramLabel = "WHEN",
            description = "A date (2026-11-01), an instant (2026-11-01T12:00:00Z) or an age (7d, 12h).")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "End, exclusive (default: now).")
    String until;

    @Option(names = "--module", paramLabel = "ID", description = "Only this module's calls.")
    String module;

    Instant from() {
        return when(since, "--since");
    }

    Instant to() {
        return until == null ? Instant.now() : when(until, "--until");
    }

    static Instant when(String text, String flag) {
        String t = text.trim();
        try {
            if (t.matches("\\d+[dhm]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
                return Instant.now().minus(d);
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    flag + " " + text + ": give a date (2026-11-01), an instant (2026-11-01T12:00:00Z) or an age (7d)");
        }
    }
}
