package dev.ratchet.module.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@link TicketServer}'s tools over MCP Streamable HTTP on loopback: the SDK's own servlet transport in an embedded
 * Jetty, at {@code /mcp}, answering only requests with {@code Authorization: Bearer <token>} (401 otherwise, as an
 * OAuth-protected server would).
 */
final class HttpTicketServer implements AutoCloseable {

    private final Server jetty;
    private final McpSyncServer mcp;
    private final AtomicInteger refused = new AtomicInteger();

    private HttpTicketServer(String token, Path tickets) throws Exception {
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/mcp")
                .build();
        mcp = TicketServer.serve(McpServer.sync(transport), json, tickets);

        ServletContextHandler context = new ServletContextHandler();
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true); // the transport answers with server-sent events
        context.addServlet(servlet, "/mcp");
        Filter bearer = (request, response, chain) -> {
            if (!("Bearer " + token).equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                refused.incrementAndGet();
                HttpServletResponse r = (HttpServletResponse) response;
                r.setStatus(401);
                r.setHeader("WWW-Authenticate", "Bearer");
                r.getOutputStream().write("invalid token".getBytes(StandardCharsets.UTF_8));
                return;
            }
            chain.doFilter(request, response);
        };
        FilterHolder filter = new FilterHolder(bearer);
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));

        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        jetty.setHandler(context);
        jetty.start();
    }

    /** Starts a server on a free loopback port that accepts {@code token}, writing tickets to {@code tickets}. */
    static HttpTicketServer start(String token, Path tickets) throws Exception {
        return new HttpTicketServer(token, tickets);
    }

    /** The MCP endpoint. */
    String url() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/mcp";
    }

    /** How many requests were refused for a missing or wrong token. */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws Exception {
        mcp.closeGracefully();
        jetty.stop();
    }
}
