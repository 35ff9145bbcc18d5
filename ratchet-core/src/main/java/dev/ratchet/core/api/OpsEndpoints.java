package dev.ratchet.core.api;

import dev.ratchet.spi.RouteHandler.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * For operators and probes: {@code /healthz} (the process answers; open even when a token is required, so a load
 * balancer needs no secret), {@code /readyz} (the database answers, the Slack event connection is up when this
 * process receives events, the job server runs: 200, or 503 naming what failed), {@code /version} and
 * {@code /metrics} (Prometheus text format).
 */
final class OpsEndpoints {

    /** Written at build time by Maven resource filtering; the commit from buildnumber-maven-plugin ("unknown" without git). */
    private static final String BUILD_INFO = "/dev/ratchet/core/build.properties";

    private OpsEndpoints() {}

    static void register(Routes routes, ApiServices services) {
        routes.add("GET", "healthz", request -> Response.ok(Map.of("status", "ok")));
        routes.add("GET", "readyz", request -> readiness(services));
        Map<String, Object> version = version();
        routes.add("GET", "version", request -> Response.ok(version));
        routes.add(
                "GET",
                "metrics",
                request -> Response.ok(new ApiServer.Text(
                        "text/plain; version=0.0.4; charset=utf-8",
                        services.metrics().scrape())));
    }

    /** One readiness check: its state as shown, and whether it passes. */
    private record Check(String name, String state, boolean ok) {
        static Check of(String name, boolean ok, String good, String bad) {
            return new Check(name, ok ? good : bad, ok);
        }
    }

    private static Response readiness(ApiServices services) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.of("database", services.storage().isHealthy(), "ok", "unreachable"));
        checks.add(services.slack()
                .map(s -> !services.receivingSlackEvents().getAsBoolean()
                        ? new Check("slack", "not receiving events in this process", true)
                        : Check.of("slack", s.connection().connected(), "ok", "disconnected"))
                .orElse(new Check("slack", "not configured", true)));
        checks.add(Check.of(
                "jobs",
                services.jobs().serverRunning(),
                "ok",
                services.jobs().serverRecovering()
                        ? "job server stopped on a database failure; restarting when the database answers"
                        : "job server not running"));
        Map<String, Object> states = new LinkedHashMap<>();
        checks.forEach(c -> states.put(c.name(), c.state()));
        List<String> failed = checks.stream()
                .filter(c -> !c.ok())
                .map(c -> c.name() + " (" + c.state() + ")")
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failed.isEmpty() ? "ready" : "not_ready");
        body.put("checks", states);
        if (failed.isEmpty()) {
            return Response.ok(body);
        }
        body.put("error", Map.of("code", "not_ready", "message", "failed: " + String.join(", ", failed)));
        return new Response(503, body);
    }

    static Map<String, Object> version() {
        Properties build = new Properties();
        try (InputStream in = OpsEndpoints.class.getResourceAsStream(BUILD_INFO)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // no build information: reported as unknown
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", known(build.getProperty("version")));
        v.put("git_commit", known(build.getProperty("git.commit")));
        v.put("java", Runtime.version().toString());
        v.put("java_vendor", System.getProperty("java.vendor"));
        return v;
    }

    /** A filtered value, or null where the build had none (the placeholder is left as is). */
    private static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") || value.equals("unknown") ? null : value;
    }
}
