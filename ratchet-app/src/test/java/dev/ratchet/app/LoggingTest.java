package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import dev.ratchet.core.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the launcher's Logback set-up writes to stderr. */
class LoggingTest {

    static final String TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp";

    /** Configures a fresh Logback context as the launcher does, logs through it, and returns what reached stderr. */
    static String logged(String format, Consumer<LoggerContext> logging) {
        String level = System.getProperty(Logging.LEVEL_PROPERTY);
        String fmt = System.getProperty(Logging.FORMAT_PROPERTY);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new LogbackMDCAdapter()); // what Logback's SLF4J provider does for its own context
        try {
            System.setProperty(Logging.LEVEL_PROPERTY, "debug");
            System.setProperty(Logging.FORMAT_PROPERTY, format);
            Logging.Setup setup = new Logging.Setup();
            setup.setContext(ctx);
            setup.configure(ctx);
            // the console appender as configured, writing where the test can read it instead of stderr
            ((OutputStreamAppender<ILoggingEvent>)
                            ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console"))
                    .setOutputStream(captured);
            logging.accept(ctx);
        } finally {
            ctx.stop();
            restore(Logging.LEVEL_PROPERTY, level);
            restore(Logging.FORMAT_PROPERTY, fmt);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        if (out.isEmpty()) {
            throw new AssertionError(
                    "nothing logged; Logback said " + ctx.getStatusManager().getCopyOfStatusList());
        }
        return out;
    }

    static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    static void leak(LoggerContext ctx) {
        // what the Slack SDK's debug line does with the token, and a driver quoting a URL with a password
        ctx.getLogger("com.slack.api.methods.impl.MethodsClientImpl")
                .debug("Sending an HTTP request (token: {}...)", TOKEN.substring(0, 16));
        ctx.getLogger("com.slack.api.bolt.App").debug("bot token {}", TOKEN);
        ctx.getLogger("org.postgresql.Driver")
                .warn(
                        "cannot connect",
                        new IllegalStateException("jdbc:postgresql://db/ratchet?user=r&password=S3cretPassw0rd"));
        ctx.getLogger("dev.ratchet.core.llm.OpenAiBackend")
                .info("chat request to http://ratchet:S3cretPassw0rd@llm.internal/v1 failed");
    }

    @Test
    void slack_tokens_and_passwords_in_urls_are_masked_in_text_lines() {
        String out = logged("text", LoggingTest::leak);
        assertThat(out)
                .contains("token: xoxb-***...")
                .contains("bot token xoxb-***")
                .contains("password=***")
                .contains("http://***@llm.internal/v1")
                .contains("IllegalStateException") // the stack trace is still there
                .doesNotContain("1234567890")
                .doesNotContain("S3cretPassw0rd");
    }

    static void traced(LoggerContext ctx) {
        ctx.getLogger("dev.ratchet.core.Ratchet").info("before");
        // what Tracing.inSpan does while a traced span runs
        ctx.getMDCAdapter().put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        ctx.getLogger("dev.ratchet.core.jobs.EventJobHandler").info("in the span");
        ctx.getMDCAdapter().remove("trace_id");
    }

    @Test
    void a_line_written_in_a_traced_span_carries_its_trace_id_as_text_and_json() {
        assertThat(logged("text", LoggingTest::traced).lines().toList())
                .satisfiesExactly(
                        l -> assertThat(l).endsWith("INFO Ratchet - before"),
                        l -> assertThat(l)
                                .endsWith(
                                        "INFO EventJobHandler - in the span trace_id=4bf92f3577b34da6a3ce929d0e0e4736"));
        List<String> json = logged("json", LoggingTest::traced).lines().toList();
        assertThat((java.util.Map<?, ?>) Json.readMap(json.get(0)).getOrDefault("mdc", java.util.Map.of()))
                .isEmpty();
        assertThat(Json.readMap(json.get(1)).get("mdc"))
                .isEqualTo(java.util.Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void slack_tokens_and_passwords_in_urls_are_masked_in_json_lines_which_stay_json() {
        String out = logged("json", LoggingTest::leak);
        assertThat(out).doesNotContain("1234567890").doesNotContain("S3cretPassw0rd");
        assertThat(out.lines().filter(l -> !l.isBlank()).toList())
                .hasSize(4)
                .allSatisfy(line -> assertThat(Json.readMap(line)).containsKey("formattedMessage"));
    }

    @Test
    void the_command_is_found_past_root_options_and_their_values() {
        assertThat(Logging.command(java.util.List.of("--db-url", "jdbc:x", "--set", "a=b", "report", "--json")))
                .isEqualTo("report");
        assertThat(Logging.command(java.util.List.of("--log-format=json", "run")))
                .isEqualTo("run");
        assertThat(Logging.command(java.util.List.of("--modules", "classifier", "demo")))
                .isEqualTo("demo");
        assertThat(Logging.command(java.util.List.of("--help"))).isEmpty();
    }

    @Test
    void a_one_shot_command_logs_only_ratchets_warnings_and_no_library_noise() {
        String quiet = System.getProperty(Logging.QUIET_PROPERTY);
        String level = System.getProperty(Logging.LEVEL_PROPERTY);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setProperty(Logging.QUIET_PROPERTY, "true");
            System.setProperty(Logging.LEVEL_PROPERTY, "info");
            Logging.Setup setup = new Logging.Setup();
            setup.setContext(ctx);
            setup.configure(ctx);
            ((OutputStreamAppender<ILoggingEvent>)
                            ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console"))
                    .setOutputStream(captured);
            ctx.getLogger("ai.djl.util.cuda.CudaUtils").warn("Failed to detect GPU count");
            ctx.getLogger("org.jobrunr.jobs.filters.JobCreationFilters").warn("JobRunr Pro can run slow filters");
            ctx.getLogger("org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor")
                    .warn("extension \"vector\" already exists");
            ctx.getLogger("dev.ratchet.core.Ratchet").info("modules started");
            ctx.getLogger("ratchet.runbook").info("runbook posted");
            ctx.getLogger("dev.ratchet.core.llm.LlmRuntime").warn("generation is off: no LLM");
            ctx.getLogger("ratchet.report").warn("report: a module warning");
        } finally {
            ctx.stop();
            restore(Logging.QUIET_PROPERTY, quiet);
            restore(Logging.LEVEL_PROPERTY, level);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("generation is off: no LLM", "report: a module warning")
                .doesNotContain("GPU", "JobRunr Pro", "already exists", "modules started", "runbook posted");
    }
}
