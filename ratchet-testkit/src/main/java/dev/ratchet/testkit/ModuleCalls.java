package dev.ratchet.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ratchet.core.Json;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.Tool;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls a module's tools and routes the way their callers (the commands agent, the JSON API) do, in process. */
final class ModuleCalls {

    private static final String API = "/api/modules/";
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private ModuleCalls() {}

    static Object callTool(Tool tool, String argumentsJson, Tool.ToolCall call) throws Exception {
        JsonNode arguments;
        try {
            arguments = Json.MAPPER.readTree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the arguments of '" + tool.name() + "' are not JSON: " + e.getOriginalMessage());
        }
        List<String> problems = SCHEMAS.getSchema(Json.MAPPER.readTree(tool.inputSchema())).validate(arguments).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the arguments of '" + tool.name() + "' do not fit its input schema: "
                    + String.join("; ", problems));
        }
        return tool.function().call(Json.MAPPER.convertValue(arguments, Json.MAP_TYPE), call);
    }

    static TestBot.RouteAnswer route(
            List<Registrations.Route> routes, HttpMethod method, String pathAndQuery, String body) {
        Call call = find(routes, method, pathAndQuery, body);
        if (call == null) {
            return new TestBot.RouteAnswer(
                    404,
                    Json.write(Map.of(
                            "error",
                            "no route " + method + " "
                                    + URI.create(pathAndQuery).getPath())));
        }
        return answer(call.handler(), call.request());
    }

    static RouteHandler.Response handle(
            List<Registrations.Route> routes, HttpMethod method, String pathAndQuery, String body) throws Exception {
        Call call = find(routes, method, pathAndQuery, body);
        if (call == null) {
            throw new IllegalArgumentException(
                    "no route " + method + " " + URI.create(pathAndQuery).getPath());
        }
        return call.handler().handle(call.request());
    }

    private record Call(RouteHandler handler, RouteHandler.Request request) {}

    /** The route that answers the request, with the request as its handler gets it; null when none does. */
    private static Call find(List<Registrations.Route> routes, HttpMethod method, String pathAndQuery, String body) {
        URI uri = URI.create(pathAndQuery);
        String path = uri.getPath();
        if (path == null || !path.startsWith(API)) {
            throw new IllegalArgumentException(
                    "'" + pathAndQuery + "' is not a module route; they are " + API + "<module-id>/<path>");
        }
        String rest = path.substring(API.length());
        int slash = rest.indexOf('/');
        String moduleId = slash < 0 ? rest : rest.substring(0, slash);
        String[] segments = (slash < 0 ? "" : rest.substring(slash + 1)).split("/", -1);
        for (Registrations.Route r : routes) {
            Map<String, String> params =
                    r.moduleId().equals(moduleId) && r.method() == method ? match(r.path(), segments) : null;
            if (params != null) {
                return new Call(
                        r.handler(),
                        new RouteHandler.Request(params, query(uri.getRawQuery()), body == null ? "" : body));
            }
        }
        return null;
    }

    private static TestBot.RouteAnswer answer(RouteHandler handler, RouteHandler.Request request) {
        try {
            RouteHandler.Response response = handler.handle(request);
            return new TestBot.RouteAnswer(response.status(), Json.write(response.body()));
        } catch (IllegalArgumentException e) {
            return new TestBot.RouteAnswer(400, Json.write(Map.of("error", String.valueOf(e.getMessage()))));
        } catch (Exception e) {
            // the API answers 500 without details; a test is better served by seeing what failed
            return new TestBot.RouteAnswer(500, Json.write(Map.of("error", e.toString())));
        }
    }

    /** The {@code {name}} captures when {@code template} matches the path segments, else null. */
    private static Map<String, String> match(String template, String[] segments) {
        String[] parts = template.split("/", -1);
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
            if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                params.put(parts[i].substring(1, parts[i].length() - 1), segment);
            } else if (!parts[i].equals(segment)) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
