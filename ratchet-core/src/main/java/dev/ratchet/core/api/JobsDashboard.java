package dev.ratchet.core.api;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.ThreadSafeStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's dashboard ({@code /dashboard}: jobs, retries, recurring jobs, servers) on its own port of the API's host.
 *
 * <p>JobRunr's {@code JobRunrDashboardWebServer} binds every interface and leaves its static files outside its
 * optional basic authentication, so instead its three handlers (static files, {@code /api}, {@code /sse}; their paths
 * are fixed by its front end, hence the separate port) are mounted on a server of ours, bound to the API's host and
 * behind the API's token rule. A browser sends the token as the password of HTTP Basic authentication (any user name),
 * which the 401 here asks it for.
 */
final class JobsDashboard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobsDashboard.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<HttpExchangeHandler> handlers;

    JobsDashboard(StorageProvider storage, String host, int port, TokenCheck tokens) {
        StorageProvider shared = new ThreadSafeStorageProvider(storage);
        JsonMapper json = new JacksonJsonMapper();
        this.handlers = List.of(
                new JobRunrStaticFileHandler(),
                new JobRunrApiHandler(shared, json, false),
                new JobRunrSseHandler(shared, json));
        this.server = ApiServer.bind("api.dashboard", host, port);
        // server-sent events hold a thread each while a dashboard is open
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ratchet-dashboard");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        Filter access = new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                if (tokens.allows(exchange.getRequestHeaders())) {
                    chain.doFilter(exchange);
                    return;
                }
                try (exchange) {
                    exchange.getResponseHeaders()
                            .set("WWW-Authenticate", "Basic realm=\"Ratchet jobs dashboard\", charset=\"UTF-8\"");
                    exchange.sendResponseHeaders(401, -1);
                }
            }

            @Override
            public String description() {
                return "the API token";
            }
        };
        for (HttpExchangeHandler h : handlers) {
            server.createContext(h.getContextPath(), h).getFilters().add(access);
        }
        server.createContext("/", exchange -> {
                    try (exchange) {
                        exchange.getResponseHeaders().set("Location", "/dashboard");
                        exchange.sendResponseHeaders(302, -1);
                    }
                })
                .getFilters()
                .add(access);
        server.start();
        log.info(
                "jobs dashboard on http://{}:{}/dashboard{}",
                host,
                port(),
                tokens.required() ? " (the API token as the Basic password)" : "");
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        for (HttpExchangeHandler h : handlers) {
            try {
                h.close();
            } catch (RuntimeException e) {
                log.debug("closing the dashboard's {}: {}", h.getContextPath(), e.toString());
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
