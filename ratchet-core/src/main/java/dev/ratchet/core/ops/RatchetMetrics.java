package dev.ratchet.core.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The process's metrics, in a Prometheus registry that {@code /metrics} scrapes. One instance per {@code Ratchet};
 * components record through the typed methods here, so metric names (all under {@code ratchet_}) and tags live in
 * one place. Tags are few and bounded (module id, handler, event type, Slack method, model, outcome), never channel
 * ids or text, so the number of series stays small whatever the workspace does.
 *
 * <p>Components built directly (tests, tools) use {@link #disabled()}, which records nothing.
 */
public final class RatchetMetrics implements AutoCloseable {

    /** Buckets of the latency histograms: module runs take milliseconds to a minute, LLM calls up to the timeout. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120)
    };

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus; // null when disabled
    private final List<AutoCloseable> binders = new ArrayList<>();
    // the meters recorded by name and tags (bounded sets: modules, handlers, models, outcomes, API methods)
    private final java.util.Map<List<String>, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<List<String>, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /** A Prometheus registry with the JVM and process metrics bound. */
    public RatchetMetrics() {
        this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.registry = prometheus;
        JvmGcMetrics gc = new JvmGcMetrics(); // listens to GC notifications until closed
        binders.add(gc);
        for (MeterBinder b : List.of(
                new JvmMemoryMetrics(),
                gc,
                new JvmThreadMetrics(),
                new ClassLoaderMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics(),
                new FileDescriptorMetrics())) {
            b.bindTo(registry);
        }
    }

    private RatchetMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.prometheus = null;
    }

    /** Metrics that record nothing (a composite registry with no members), for components built without a Ratchet. */
    public static RatchetMetrics disabled() {
        return new RatchetMetrics(new CompositeMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format; empty when {@link #disabled()}. */
    public String scrape() {
        return prometheus == null ? "" : prometheus.scrape();
    }

    /** A Slack event stored (not a duplicate, not ignored), by its Events API type. */
    public void eventIngested(String type) {
        counter("ratchet.events.ingested", "Slack events stored, by type", "type", tag(type))
                .increment();
    }

    /** A redelivered Slack event (same event_id) dropped. */
    public void eventDuplicate() {
        counter("ratchet.events.duplicate", "redelivered Slack events dropped by event_id")
                .increment();
    }

    /** A signed Slack event dropped because its shape is wrong (ids, ts, field types): never stored. */
    public void eventMalformed() {
        counter("ratchet.events.malformed", "Slack events dropped because their shape is wrong (never stored)")
                .increment();
    }

    /**
     * One run of a module handler or module job.
     *
     * @param outcome {@code ok}, {@code skipped}, {@code retrying} (failed, will be retried), {@code failed} (gave up),
     *                or {@code error} for a module job (JobRunr's retry policy decides what follows)
     */
    public void moduleRun(String module, String handler, String outcome, long nanos) {
        counter(
                        "ratchet.module.runs",
                        "module handler and job runs, by outcome",
                        "module",
                        tag(module),
                        "handler",
                        tag(handler),
                        "outcome",
                        outcome)
                .increment();
        timer("ratchet.module.run", "time a module handler or job took", "module", tag(module), "handler", tag(handler))
                .record(Duration.ofNanos(nanos));
    }

    /**
     * One Slack Web API call.
     *
     * @param outcome {@code ok}, {@code rate_limited}, {@code error} (an {@code ok:false} answer), {@code http_error}
     *                or {@code no_answer}
     */
    public void slackCall(String method, String outcome) {
        counter(
                        "ratchet.slack.api.calls",
                        "Slack Web API calls, by method and outcome",
                        "method",
                        tag(method),
                        "outcome",
                        outcome)
                .increment();
        if (outcome.equals("rate_limited")) {
            counter("ratchet.slack.rate.limited", "Slack Web API calls answered 429", "method", tag(method))
                    .increment();
        }
    }

    /**
     * One LLM request (chat or embeddings), every attempt counted.
     *
     * @param outcome {@code ok} or {@code error}
     */
    public void llmCall(
            String module, String model, String outcome, Integer promptTokens, Integer completionTokens, long millis) {
        counter(
                        "ratchet.llm.calls",
                        "LLM requests, by module, model and outcome",
                        "module",
                        tag(module),
                        "model",
                        tag(model),
                        "outcome",
                        outcome)
                .increment();
        tokens(module, model, "prompt", promptTokens);
        tokens(module, model, "completion", completionTokens);
        timer("ratchet.llm.call", "time an LLM request took", "module", tag(module), "model", tag(model))
                .record(Duration.ofMillis(millis));
    }

    private void tokens(String module, String model, String kind, Integer count) {
        if (count != null && count > 0) {
            counter(
                            "ratchet.llm.tokens",
                            "LLM tokens, by module, model and kind (prompt or completion)",
                            "module",
                            tag(module),
                            "model",
                            tag(model),
                            "kind",
                            kind)
                    .increment(count);
        }
    }

    /** A gauge read at each scrape; {@code value} should be cheap or cached, and may return NaN when unknown. */
    public void gauge(String name, String description, List<String> tags, Supplier<Number> value) {
        Gauge.builder(name, value)
                .description(description)
                .tags(tags.toArray(String[]::new))
                .strongReference(true)
                .register(registry);
    }

    /**
     * The counter of {@code name} with these tags (name, value, name, value...), registered at its first use: building
     * and registering a meter on every call (its id, its sorted tags, a timer's histogram configuration) cost more than
     * the count itself, several times per event on the reply path.
     */
    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(
                key(name, tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    /** The timer of {@code name} with these tags, with the {@link #BUCKETS} histogram, as {@link #counter}. */
    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(
                key(name, tags),
                k -> Timer.builder(name)
                        .description(description)
                        .tags(tags)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry));
    }

    private static List<String> key(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(java.util.Arrays.asList(tags));
        return key;
    }

    private static String tag(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception ignored) {
                // a binder that fails to unregister its listener holds only a reference to this registry
            }
        }
        registry.close();
    }
}
