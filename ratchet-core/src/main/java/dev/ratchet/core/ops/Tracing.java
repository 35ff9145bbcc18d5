package dev.ratchet.core.ops;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenTelemetry tracing of Ratchet's work: one trace per Slack event, from receipt through storage to the module jobs
 * it causes (a job's span is a child of the event's, across processes: the event's W3C {@code traceparent} travels
 * with the job's data), and the LLM calls and Slack posts they make.
 *
 * <p>Off unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_TRACES_EXPORTER} (other than {@code none}) is set:
 * then the SDK's autoconfigure module reads every standard {@code OTEL_*} variable (protocol, headers, sampler,
 * resource, service name, defaulting to {@code ratchet}). Metrics stay on Micrometer and logs on SLF4J: OpenTelemetry
 * exports traces only unless {@code OTEL_METRICS_EXPORTER} / {@code OTEL_LOGS_EXPORTER} say otherwise. Off, every
 * span is OpenTelemetry's no-op and costs next to nothing. OpenTelemetry types stay in core; the SPI knows none.
 */
public final class Tracing {

    private static final String SCOPE = "dev.ratchet";
    private static volatile OpenTelemetry otel = OpenTelemetry.noop();
    private static volatile Tracer tracer = otel.getTracer(SCOPE);
    /** The SDK this class built from the environment, shut down on {@link #shutdown()}; null otherwise. */
    private static OpenTelemetrySdk owned;
    /** The callers of {@link #configure} that turned it on and have not {@linkplain #shutdown() stopped} yet. */
    private static int users;

    private Tracing() {}

    /** Whether the environment asks for traces: an OTLP endpoint, or a traces exporter other than none. */
    public static boolean wanted(Map<String, String> env) {
        String endpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        String tracesEndpoint = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "");
        String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "").trim();
        return !endpoint.isBlank() || !tracesEndpoint.isBlank() || (!exporter.isEmpty() && !exporter.equals("none"));
    }

    /**
     * Starts tracing when the environment asks for it ({@link #wanted}); otherwise leaves tracing as it is (off, or
     * what a test {@linkplain #install installed}). Returns whether tracing is on through the environment; each such
     * call is matched by one {@link #shutdown()}, and the last one stops the SDK.
     */
    public static synchronized boolean configure(Map<String, String> env) {
        if (!wanted(env)) {
            return false;
        }
        users++; // each Ratchet in this JVM (a test, the demo) shares the SDK until the last one stops
        if (owned != null) {
            return true;
        }
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", "ratchet");
        // traces only: metrics are Micrometer's (/metrics) and logs SLF4J's, unless the variables say otherwise
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        // the variables given, as properties: the SDK reads the process environment itself, and these say the same
        // there (a test or an embedding program passes its own)
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_")) {
                defaults.put(k.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), v);
            }
        });
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .build()
                .getOpenTelemetrySdk();
        owned = sdk;
        use(sdk);
        return true;
    }

    /** Test hook: trace through {@code openTelemetry} (an SDK with an in-memory exporter); null for off again. */
    public static synchronized void install(OpenTelemetry openTelemetry) {
        use(openTelemetry == null ? OpenTelemetry.noop() : openTelemetry);
    }

    /** Flushes and stops what {@link #configure} started, once its last user stops; tracing is off afterwards. */
    public static synchronized void shutdown() {
        if (owned != null && --users <= 0) {
            users = 0;
            owned.close();
            owned = null;
            use(OpenTelemetry.noop());
        }
    }

    private static void use(OpenTelemetry o) {
        otel = o;
        tracer = o.getTracer(SCOPE);
    }

    /** A span builder on Ratchet's tracer, under the current span. */
    public static SpanBuilder span(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind);
    }

    /** Runs {@code body} in a new span named {@code name} (a child of the current one), recording a failure. */
    public static <T, E extends Exception> T inSpan(String name, SpanKind kind, Traced<T, E> body) throws E {
        return inSpan(span(name, kind).startSpan(), body);
    }

    /** Runs {@code body} with {@code span} current, ending it afterwards and recording a failure. */
    public static <T, E extends Exception> T inSpan(Span span, Traced<T, E> body) throws E {
        // the trace id in the log lines written meanwhile (MDC trace_id: the JSON log's mdc, the text log's trace_id=)
        String outerTraceId = org.slf4j.MDC.get(MDC_TRACE_ID);
        if (span.getSpanContext().isValid()) {
            org.slf4j.MDC.put(MDC_TRACE_ID, span.getSpanContext().getTraceId());
        }
        try (Scope ignored = span.makeCurrent()) {
            return body.run(span);
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            if (outerTraceId == null) {
                org.slf4j.MDC.remove(MDC_TRACE_ID);
            } else {
                org.slf4j.MDC.put(MDC_TRACE_ID, outerTraceId);
            }
        }
    }

    /** The MDC key of the current trace id in log lines. */
    public static final String MDC_TRACE_ID = "trace_id";

    /** Work in a span. */
    @FunctionalInterface
    public interface Traced<T, E extends Exception> {
        T run(Span span) throws E;
    }

    /** The current span's W3C {@code traceparent}, to carry into a job; empty when no span is being recorded. */
    public static Optional<String> traceparent() {
        SpanContext c = Span.current().getSpanContext();
        if (!c.isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return Optional.ofNullable(carrier.get("traceparent"));
    }

    /** The context a {@link #traceparent()} came from, for a job's span to be its child; root when null. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of("traceparent", traceparent), GETTER);
    }

    /** The current trace id, for log lines and {@code llm_calls}; empty when no span is being recorded. */
    public static Optional<String> traceId() {
        SpanContext c = Span.current().getSpanContext();
        return c.isValid() ? Optional.of(c.getTraceId()) : Optional.empty();
    }

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
