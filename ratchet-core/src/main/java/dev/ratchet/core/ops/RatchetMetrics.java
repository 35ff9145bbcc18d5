package dev.ratchet.core.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's metrics, in a Prometheus registry that {@code /metrics} scrapes. One instance per {@code Ratchet};
 * components record into {@link #registry()} with names under {@code ratchet_}.
 */
public final class RatchetMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
