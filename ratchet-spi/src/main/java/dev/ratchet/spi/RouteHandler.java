package dev.ratchet.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a JSON API request under {@code /api/modules/<id>/}. Runs on an HTTP worker thread; may block briefly.
 * Authentication has already been checked. Throwing {@link IllegalArgumentException} answers 400 with its message;
 * any other exception answers 500 and is logged.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RouteHandler {

    Response handle(Request request) throws Exception;

    /**
     * An incoming request.
     *
     * @param pathParams  values captured by {@code {name}} segments
     * @param queryParams query parameters, each possibly repeated
     * @param body        the request body as text, empty for none
     */
    record Request(Map<String, String> pathParams, Map<String, List<String>> queryParams, String body) {

        /** The first value of query parameter {@code name}. */
        public Optional<String> query(String name) {
            List<String> values = queryParams.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /**
     * A response: a status and a body that core serialises to JSON (a Map/List of plain values, a record of such
     * values, or a String).
     */
    record Response(int status, Object body) {
        public static Response ok(Object body) {
            return new Response(200, body);
        }
    }
}
