package dev.ratchet.core.api;

import dev.ratchet.core.llm.LlmCallExport;
import dev.ratchet.core.modules.FoundModule;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.RouteHandler.Request;
import dev.ratchet.spi.RouteHandler.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search, documentation, LLM usage and the modules: {@code /api/search}, {@code /api/docs/status},
 * {@code /api/llm/usage}, {@code /api/llm/calls/export} (the JSONL of {@code ratchet llm-calls export}) and
 * {@code /api/modules}.
 */
final class CoreEndpoints {

    private final ApiServices services;

    private CoreEndpoints(ApiServices services) {
        this.services = services;
    }

    static void register(Routes routes, ApiServices services) {
        CoreEndpoints e = new CoreEndpoints(services);
        routes.add("GET", "api/search", e::search);
        routes.add(
                "GET",
                "api/docs/status",
                request -> Response.ok(new Params.Page(services.docs().status(), null)));
        routes.add("GET", "api/llm/usage", e::llmUsage);
        routes.add("GET", "api/llm/calls/export", e::export);
        routes.add("GET", "api/modules", e::modules);
    }

    /** Hybrid search (full text + embeddings, reciprocal rank fusion); people's messages unless include_bots=true. */
    private Response search(Request request) {
        String q = Params.required(request, "q", "q=disk%20full");
        Instant now = Instant.now();
        Instant since = Params.instant(request, "since", now).orElse(now.minus(Duration.ofDays(7)));
        Instant until = Params.instant(request, "until", now).orElse(now.plusSeconds(60));
        List<String> channels = Params.text(request, "channel").map(List::of).orElse(List.of());
        int limit = Params.integer(request, "limit", 10, 1, 100);
        boolean bots = Boolean.parseBoolean(Params.text(request, "include_bots").orElse("false"));
        MessageService.Search search = new MessageService.Search(q, null, channels, since, until, limit, bots);
        // a named channel: only what may be shown in it (MessageService.searchVisibleIn); none: the operator's search
        List<MessageService.SearchHit> hits = channels.isEmpty()
                ? services.messages().search(search)
                : services.messages().searchVisibleIn(channels.get(0), search);
        List<Map<String, Object>> items = new ArrayList<>();
        for (MessageService.SearchHit hit : hits) {
            Map<String, Object> item = ChannelEndpoints.message(hit.message(), services.directory());
            item.put("score", Math.round(hit.score() * 10_000) / 10_000.0);
            item.put("lexical_rank", hit.lexicalRank());
            item.put("semantic_rank", hit.semanticRank());
            items.add(item);
        }
        return Response.ok(new Params.Page(items, null));
    }

    /** Calls, errors, tokens and latency per model and per module over {@code [since, until)} (default the last 7 days). */
    private Response llmUsage(Request request) {
        Instant now = Instant.now();
        Instant since = Params.instant(request, "since", now).orElse(now.minus(Duration.ofDays(7)));
        Instant until = Params.instant(request, "until", now).orElse(now.plusSeconds(60));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", since);
        body.put("until", until);
        body.put("by_model", usage("model, kind", since, until));
        body.put("by_module", usage("module_id, kind", since, until));
        return Response.ok(body);
    }

    private List<Map<String, Object>> usage(String groupBy, Instant since, Instant until) {
        return services.storage().llmCalls().usage(groupBy.startsWith("model"), since, until).stream()
                .map(u -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(groupBy.startsWith("model") ? "model" : "module", u.key());
                    row.put("kind", u.kind());
                    row.put("calls", u.calls());
                    row.put("errors", u.errors());
                    row.put("prompt_tokens", u.promptTokens());
                    row.put("completion_tokens", u.completionTokens());
                    row.put("total_tokens", u.promptTokens() + u.completionTokens());
                    row.put("mean_latency_ms", u.meanLatencyMillis());
                    row.put("p95_latency_ms", u.p95LatencyMillis());
                    return row;
                })
                .toList();
    }

    /** Chat calls as chat-format JSONL, streamed; {@code since} defaults to 7 days back, {@code module} to all. */
    private Response export(Request request) {
        Instant now = Instant.now();
        Instant since = Params.instant(request, "since", now).orElse(now.minus(Duration.ofDays(7)));
        Instant until = Params.instant(request, "until", now).orElse(now.plusSeconds(60));
        String module = Params.text(request, "module").orElse(null);
        LlmCallExport export = new LlmCallExport(services.storage().llmCalls());
        return Response.ok(new ApiServer.Streamed(
                "application/x-ndjson; charset=utf-8", out -> export.write(since, until, module, out)));
    }

    /** Every module found: enabled, started, and what it registered (tools, jobs, routes). */
    private Response modules(Request request) {
        Registrations r = services.registrations();
        List<String> started = services.modules().startedIds();
        List<Map<String, Object>> items = new ArrayList<>();
        for (FoundModule m : services.modules().found()) {
            String id = m.id();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("description", m.module().description());
            row.put("version", m.module().version());
            row.put("source", m.source());
            row.put("enabled", services.modules().isEnabled(id));
            row.put("started", started.contains(id));
            row.put(
                    "tools",
                    r.tools().stream()
                            .filter(t -> t.moduleId().equals(id))
                            .map(t -> t.tool().name())
                            .toList());
            row.put(
                    "jobs",
                    r.jobs().stream()
                            .filter(j -> j.moduleId().equals(id))
                            .map(Registrations.ModuleJob::name)
                            .toList());
            row.put(
                    "handlers",
                    r.handlers().stream()
                            .filter(h -> h.moduleId().equals(id))
                            .map(Registrations.Handler::name)
                            .toList());
            row.put(
                    "routes",
                    r.routes().stream()
                            .filter(x -> x.moduleId().equals(id))
                            .map(x -> x.method() + " /api/modules/" + id + "/" + x.path())
                            .toList());
            items.add(row);
        }
        return Response.ok(new Params.Page(items, null));
    }
}
