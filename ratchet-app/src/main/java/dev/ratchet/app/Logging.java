package dev.ratchet.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.ratchet.core.config.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Logging through Logback, configured in code (no XML to ship or override by accident): to stderr, as text lines or
 * as JSON objects one a line ({@code --log-format json} or {@code RATCHET_LOG_FORMAT=json}), at the level of
 * {@code --log-level} or {@code RATCHET_LOG_LEVEL}, with the libraries that narrate their own start-up kept to
 * warnings. {@link #configure} runs before the first logger exists and leaves its choice in system properties, which
 * {@link Setup} (found by Logback through {@code ServiceLoader}) reads when Logback initialises; without them, as in
 * tests, the defaults apply: text at info.
 */
public final class Logging {

    static final String LEVEL_PROPERTY = "ratchet.log.level";
    static final String FORMAT_PROPERTY = "ratchet.log.format";
    static final String QUIET_PROPERTY = "ratchet.log.quiet";
    /**
     * Libraries' lines that are noise at any level but debug: the embeddings runtime's GPU probe, native library and
     * tokenizer notes, JobRunr's advert for its Pro edition's job filters, Flyway's notices (such as "extension vector
     * already exists").
     */
    private static final List<String> NOISE = List.of("ai.djl", "org.jobrunr.jobs.filters", "org.flywaydb");

    private static final List<String> CHATTY =
            List.of("org.jobrunr", "com.zaxxer.hikari", "org.flywaydb", "com.slack.api", "org.jdbi");

    private Logging() {}

    static void configure(List<String> args, Map<String, String> env) {
        String asked = option(args, "--log-level", env.get("RATCHET_LOG_LEVEL"));
        String level = asked != null ? asked : "info";
        String format = option(args, "--log-format", env.getOrDefault("RATCHET_LOG_FORMAT", "text"));
        setDefault(LEVEL_PROPERTY, level.toLowerCase(Locale.ROOT));
        setDefault(FORMAT_PROPERTY, format.toLowerCase(Locale.ROOT));
        // the services log their work at info; a one-shot command prints what was asked for, and only Ratchet's own
        // warnings beside it, unless a level was asked for
        setDefault(QUIET_PROPERTY, Boolean.toString(asked == null && !SERVICES.contains(command(args))));
    }

    /** The commands that run until stopped and whose log is their output. */
    static final java.util.Set<String> SERVICES = java.util.Set.of("run", "worker");

    /** The root options that take a value (as the next argument when not written {@code --name=value}). */
    private static final java.util.Set<String> VALUED = java.util.Set.of(
            "--db-url", "--env-file", "--log-format", "--log-level", "--plugins", "--disable", "--modules", "--set");

    /** The subcommand named on a command line: its first argument that is neither an option nor an option's value. */
    static String command(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                if (VALUED.contains(a)) {
                    i++;
                }
                continue;
            }
            return a;
        }
        return "";
    }

    private static String option(List<String> args, String name, String fallback) {
        String value = fallback;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(name + "=")) {
                value = a.substring(name.length() + 1);
            } else if (a.equals(name) && i + 1 < args.size()) {
                value = args.get(i + 1);
            }
        }
        return value;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * For commands whose output is a conversation or a report (shell, bench reply): Ratchet's and the modules' info
     * lines would interleave with it, so warnings only (errors for the embeddings library), unless a level was asked
     * for with {@code --log-level} or {@code RATCHET_LOG_LEVEL}.
     */
    static void quietUnlessLevelAsked(RatchetCommand root, picocli.CommandLine.Model.CommandSpec spec) {
        if (root.logLevel != null
                || spec.commandLine().getParseResult().hasMatchedOption("--log-level")
                || root.environment.containsKey("RATCHET_LOG_LEVEL")) {
            return;
        }
        for (var quiet : Map.of("dev.ratchet", Level.WARN, "ratchet", Level.WARN, "ai.djl", Level.ERROR)
                .entrySet()) {
            if (org.slf4j.LoggerFactory.getLogger(quiet.getKey()) instanceof Logger logger) {
                logger.setLevel(quiet.getValue());
            }
        }
    }

    /** Sets up Logback's context from the chosen level and format; listed in {@code META-INF/services}. */
    @ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY) // before Logback's logback.xml lookup and its fallback
    public static final class Setup extends ContextAwareBase implements Configurator {

        @Override
        public ExecutionStatus configure(LoggerContext ctx) {
            String level = System.getProperty(LEVEL_PROPERTY, "info");
            boolean json = "json".equals(System.getProperty(FORMAT_PROPERTY));
            Encoder<ILoggingEvent> encoder;
            if (json) {
                JsonLines lines = new JsonLines();
                lines.setContext(ctx);
                lines.start();
                encoder = lines;
            } else {
                PatternLayoutEncoder text = new PatternLayoutEncoder();
                text.setContext(ctx);
                // " trace_id=…" only while a traced span runs (Tracing), nothing otherwise
                text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%thread] %level %logger{0} - %msg"
                        + "%replace( trace_id=%X{trace_id}){' trace_id=$', ''}%n");
                text.setCharset(StandardCharsets.UTF_8);
                text.start();
                encoder = text;
            }
            encoder = new Redacting(encoder);
            encoder.start();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(ctx);
            console.setName("console");
            console.setTarget("System.err");
            console.setEncoder(encoder);
            console.start();
            Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            Level rootLevel = Level.toLevel(level, Level.INFO);
            root.setLevel(rootLevel);
            root.addAppender(console);
            // Libraries that narrate their own start-up at info: keep them to warnings unless debugging.
            Level quiet = rootLevel.isGreaterOrEqual(Level.INFO) ? Level.WARN : rootLevel;
            CHATTY.forEach(name -> ctx.getLogger(name).setLevel(quiet));
            if (rootLevel.isGreaterOrEqual(Level.INFO)) {
                NOISE.forEach(name -> ctx.getLogger(name).setLevel(Level.ERROR));
            }
            if (Boolean.getBoolean(QUIET_PROPERTY)) {
                // a one-shot command: Ratchet's own warnings, and only errors from libraries
                root.setLevel(Level.ERROR);
                ctx.getLogger("dev.ratchet").setLevel(Level.WARN);
                ctx.getLogger("ratchet").setLevel(Level.WARN);
                CHATTY.forEach(name -> ctx.getLogger(name).setLevel(Level.ERROR));
            }
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
    }

    /**
     * Masks credentials in every encoded line, whoever logged it (the Slack SDK's debug lines print the start of the
     * bot token; drivers and HTTP clients may quote a URL with a password): the whole line, message and stack trace,
     * goes through {@link Redaction#redact}.
     */
    static final class Redacting extends EncoderBase<ILoggingEvent> {
        private final Encoder<ILoggingEvent> inner;

        Redacting(Encoder<ILoggingEvent> inner) {
            this.inner = inner;
        }

        @Override
        public byte[] headerBytes() {
            return inner.headerBytes();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            byte[] line = inner.encode(event);
            if (line == null) {
                return null;
            }
            return Redaction.redact(new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return inner.footerBytes();
        }
    }

    /**
     * Logback's JSON encoder with the fields an operator's log pipeline wants: {@code level}, {@code threadName},
     * {@code loggerName}, {@code formattedMessage}, {@code throwable} (class, message, frames, causes), and
     * {@code time} as ISO-8601 (Logback writes only epoch milliseconds).
     */
    static final class JsonLines extends JsonEncoder {
        JsonLines() {
            setWithSequenceNumber(false);
            setWithTimestamp(false);
            setWithNanoseconds(false);
            setWithContext(false);
            setWithMessage(false);
            setWithArguments(false);
            setWithFormattedMessage(true);
            setWithMarkers(false);
        }

        @Override
        protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
            sb.append(",\"time\":\"")
                    .append(Instant.ofEpochMilli(event.getTimeStamp()))
                    .append('"');
        }
    }
}
