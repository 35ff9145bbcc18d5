package dev.ratchet.core.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.ratchet.core.Json;
import dev.ratchet.core.ops.RatchetMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack Web API as JSON maps, through the Slack SDK's HTTP client (so Bolt and Ratchet share its configuration).
 * Ratchet keeps messages as Slack's JSON, not the SDK's typed models, because those drop fields (attachments'
 * details, blocks, metadata) that modules read.
 */
public final class SlackApi {

    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);

    private final Slack slack;
    private final String token;
    private final String prefix;
    private final RatchetMetrics metrics;

    public SlackApi(SlackSettings settings) {
        this(settings, RatchetMetrics.disabled());
    }

    /** @param metrics where each call is counted by method and outcome */
    public SlackApi(SlackSettings settings, RatchetMetrics metrics) {
        this.metrics = metrics;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(config);
        this.token = settings.botToken();
        this.prefix = settings.apiUrl();
    }

    /** The SDK instance, for Bolt. */
    public Slack slack() {
        return slack;
    }

    /**
     * Calls a Web API method once.
     *
     * @throws SlackCallException on {@code ok:false}, an HTTP error, HTTP 429 (with its Retry-After) or no answer
     */
    public Map<String, Object> call(String method, Map<String, String> params) throws SlackCallException {
        try {
            Map<String, Object> answer = send(method, params);
            metrics.slackCall(method, "ok");
            return answer;
        } catch (SlackCallException e) {
            metrics.slackCall(
                    method,
                    e.isRateLimited()
                            ? "rate_limited"
                            : e.error().startsWith("http_")
                                    ? "http_error"
                                    : e.getCause() != null ? "no_answer" : "error");
            throw e;
        }
    }

    /**
     * The scopes the token was granted, which Slack sends in the {@code x-oauth-scopes} header of its answers
     * ({@code auth.test} here); empty when the answer had no such header.
     *
     * @throws SlackCallException as {@link #call} does
     */
    public java.util.Optional<java.util.Set<String>> grantedScopes() throws SlackCallException {
        String[] header = {null};
        send("auth.test", Map.of(), response -> header[0] = response.header("x-oauth-scopes"));
        if (header[0] == null) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> scopes = new java.util.TreeSet<>();
        for (String scope : header[0].split(",")) {
            if (!scope.isBlank()) {
                scopes.add(scope.trim());
            }
        }
        return java.util.Optional.of(scopes);
    }

    private Map<String, Object> send(String method, Map<String, String> params) throws SlackCallException {
        return send(method, params, response -> {});
    }

    private Map<String, Object> send(
            String method, Map<String, String> params, java.util.function.Consumer<Response> headers)
            throws SlackCallException {
        FormBody.Builder form = new FormBody.Builder();
        params.forEach((k, v) -> {
            if (v != null) {
                form.add(k, v);
            }
        });
        try (Response response = slack.getHttpClient().postFormWithBearerHeader(prefix + method, token, form.build())) {
            if (response.code() == 429) {
                String header = response.header("Retry-After");
                long seconds = header == null ? 1 : Math.max(1, Long.parseLong(header.trim()));
                throw new SlackCallException(method, "ratelimited", Duration.ofSeconds(seconds), null);
            }
            String body = response.body() == null ? "" : response.body().string();
            headers.accept(response);
            if (response.code() != 200) {
                throw new SlackCallException(method, "http_" + response.code(), null, null);
            }
            Map<String, Object> json = Json.readMap(body);
            if (!Boolean.TRUE.equals(json.get("ok"))) {
                throw new SlackCallException(
                        method, String.valueOf(json.getOrDefault("error", "unknown_error")), null, null);
            }
            return json;
        } catch (IOException | NumberFormatException e) {
            throw new SlackCallException(
                    method, "no answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", null, e);
        } catch (IllegalArgumentException e) {
            throw new SlackCallException(method, "malformed answer (" + e.getMessage() + ")", null, e);
        }
    }

    /**
     * Calls a method, waiting out up to {@code maxWaits} rate limits (HTTP 429 with Retry-After). For calls on a
     * person's behalf (a post, a lookup) where waiting a few seconds beats failing.
     */
    public Map<String, Object> callPatiently(String method, Map<String, String> params, int maxWaits)
            throws SlackCallException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call(method, params);
            } catch (SlackCallException e) {
                if (!e.isRateLimited() || attempt >= maxWaits) {
                    throw e;
                }
                log.info(
                        "Slack rate-limited {}; waiting {} s as asked",
                        method,
                        e.retryAfter().orElseThrow().toSeconds());
                try {
                    Thread.sleep(e.retryAfter().orElseThrow().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
