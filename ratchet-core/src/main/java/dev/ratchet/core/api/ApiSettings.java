package dev.ratchet.core.api;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the API listens and how it is protected, from {@code api.*}. The token is kept here and in the server's
 * token check only; {@link #toString()} leaves it out so it cannot reach a log line.
 *
 * @param addressKey the option the address came from, named in errors ({@code api.address} or {@code api.worker-address})
 * @param dashboard  the dashboard's port when it is on (0: any free port)
 */
public record ApiSettings(String addressKey, String host, int port, Optional<String> token, OptionalInt dashboard) {

    /** The port {@code api.dashboard=on} means: JobRunr's usual one. */
    static final int DASHBOARD_PORT = 8000;

    public static final ConfigOption<Boolean> API_ENABLED = ConfigOption.bool("api.enabled", true)
            .describedAs("whether 'ratchet run' serves the JSON API, /healthz, /readyz, /version and /metrics");
    public static final ConfigOption<String> API_ADDRESS = ConfigOption.string("api.address", "127.0.0.1:8080")
            .validatedBy(a -> a.matches(".+:\\d{1,5}"), "host:port, e.g. 127.0.0.1:8080")
            .describedAs("where the JSON API listens; beyond loopback it needs api.token");
    public static final ConfigOption<String> API_TOKEN = ConfigOption.string("api.token", null)
            .secret()
            .validatedBy(t -> t.length() >= 16, "at least 16 characters, e.g. from 'openssl rand -hex 32'")
            .describedAs("bearer token the API requires (always when set; required to listen beyond loopback)");
    public static final ConfigOption<String> API_DASHBOARD = ConfigOption.string("api.dashboard", "off")
            .validatedBy(d -> d.matches("off|on|\\d{1,5}"), "off, on (port 8000) or a port number")
            .describedAs(
                    "JobRunr's jobs dashboard on the API's host: off, on (port 8000) or a port; same token rule as the API");
    public static final ConfigOption<String> API_WORKER_ADDRESS = ConfigOption.string("api.worker-address", null)
            .validatedBy(a -> a.matches(".+:\\d{1,5}"), "host:port, e.g. 127.0.0.1:8081")
            .describedAs("where 'ratchet worker' serves /healthz, /readyz, /version and /metrics; unset: not served");

    /** The {@code api.*} options. */
    public static List<ConfigOption<?>> options() {
        return List.of(API_ENABLED, API_ADDRESS, API_TOKEN, API_DASHBOARD, API_WORKER_ADDRESS);
    }

    /** Whether {@code api.enabled}: {@code ratchet run} serves the API, a worker its health endpoints. */
    public static boolean enabled(RatchetConfig config) {
        return config.get(API_ENABLED);
    }

    /** The API of {@code ratchet run}: {@code api.address}, {@code api.token}, {@code api.dashboard}. */
    public static ApiSettings from(RatchetConfig config) {
        String dashboard = config.get(API_DASHBOARD);
        OptionalInt port = switch (dashboard) {
            case "off" -> OptionalInt.empty();
            case "on" -> OptionalInt.of(DASHBOARD_PORT);
            default -> OptionalInt.of(Integer.parseInt(dashboard));
        };
        return of(API_ADDRESS.key(), config.get(API_ADDRESS), config.find(API_TOKEN), port);
    }

    /** The health and metrics endpoints of {@code ratchet worker}, when {@code api.worker-address} is set. */
    public static Optional<ApiSettings> forWorker(RatchetConfig config) {
        return config.find(API_WORKER_ADDRESS)
                .map(address -> of(API_WORKER_ADDRESS.key(), address, config.find(API_TOKEN), OptionalInt.empty()));
    }

    static ApiSettings of(String key, String address, Optional<String> token, OptionalInt dashboard) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon).replaceAll("^\\[|]$", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port > 65535 || dashboard.orElse(0) > 65535) {
            throw new StartupException(StartupException.CONFIG, key + ": ports go up to 65535");
        }
        return new ApiSettings(key, host, port, token.filter(t -> !t.isBlank()), dashboard);
    }

    /** Whether the address is a loopback one, reachable only from this machine. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    addressKey + ": unknown host '" + host + "'; use an IP address or a resolvable name");
        }
    }

    /**
     * Refuses, before anything starts (no migration, no module, no port), an API this process would serve beyond
     * loopback without a token: {@code api.address} for the full API ({@code ratchet run}), {@code api.worker-address}
     * for the ops endpoints ({@code ratchet worker}). Nothing to check when {@code api.enabled} is false.
     *
     * @throws StartupException naming the options to set
     */
    public static void checkBeforeStart(RatchetConfig config, boolean fullApi) {
        Optional<ApiSettings> served;
        try {
            served = !enabled(config) ? Optional.empty() : fullApi ? Optional.of(from(config)) : forWorker(config);
        } catch (IllegalArgumentException e) {
            return; // a malformed value: the configuration's validation names it, with every other problem
        }
        served.ifPresent(ApiSettings::requireTokenBeyondLoopback);
    }

    /**
     * Refuses an address beyond loopback without a token.
     *
     * @throws StartupException naming the options to set
     */
    void requireTokenBeyondLoopback() {
        if (token.isEmpty() && !loopback()) {
            throw new StartupException(
                    StartupException.CONFIG,
                    addressKey + " is " + host + ":" + port
                            + ", beyond loopback, and api.token is not set: set RATCHET_API_TOKEN (at least 16 characters, e.g. from "
                            + "'openssl rand -hex 32') or listen on 127.0.0.1");
        }
    }

    @Override
    public String toString() {
        return "ApiSettings[" + host + ":" + port + (token.isPresent() ? ", token set" : ", no token") + "]";
    }
}
