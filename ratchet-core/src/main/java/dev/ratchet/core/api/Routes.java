package dev.ratchet.core.api;

import dev.ratchet.spi.RouteHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The route table: templates such as {@code api/channels/{id}/messages} whose {@code {name}} segments capture one
 * path segment each. A path that matches a template under another method is a 405, not a 404.
 */
final class Routes {

    /** One route; {@code template} (not the concrete path) labels metrics, so their cardinality stays bounded. */
    record Route(String method, String template, List<String> segments, RouteHandler handler) {}

    /** A route found for a request, with the values of its {@code {name}} segments. */
    record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, RouteHandler handler) {
        String t = template.replaceAll("^/+|/+$", "");
        List<String> segments = t.isEmpty() ? List.of() : List.of(t.split("/+"));
        for (Route r : routes) {
            if (r.method().equals(method) && r.segments().equals(segments)) {
                throw new IllegalArgumentException(method + " /" + t + " is registered twice");
            }
        }
        routes.add(new Route(method, "/" + t, segments, handler));
    }

    /**
     * The route for {@code method} and the decoded path {@code segments}.
     *
     * @throws ApiException 404 when no template matches the path, 405 (naming the allowed methods) when only
     *                      templates of other methods do
     */
    Match find(String method, List<String> segments) {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = match(r.segments(), segments);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Match(r, params);
            }
            allowed.add(r.method());
        }
        String path = "/" + String.join("/", segments);
        if (!allowed.isEmpty()) {
            throw new ApiException(
                    405,
                    "method_not_allowed",
                    method + " is not allowed on " + path + "; use " + String.join(" or ", allowed));
        }
        throw ApiException.notFound(
                "no endpoint " + path + "; GET /api/modules lists the modules' routes, the README the core ones");
    }

    private static Map<String, String> match(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), segments.get(i));
            } else if (!t.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
