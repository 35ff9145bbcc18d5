package dev.ratchet.core.modules;

import dev.ratchet.spi.EventHandler;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.JobHandler;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.Tool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the started modules registered: handlers, tools, jobs, schedules, routes. Written while modules start
 * (one thread), read afterwards by job workers and HTTP threads.
 */
public final class Registrations {

    /** An event handler of a module. */
    public record Handler(String moduleId, String name, Subscription subscription, EventHandler handler) {
        /**
         * Whether this handler runs for an event. An edit also goes to ENRICH and BACKGROUND handlers of new messages,
         * so that classification and embeddings follow the new text.
         */
        public boolean wants(EventType type, boolean live) {
            boolean matches = subscription.events().contains(type)
                    || type == EventType.MESSAGE_EDITED
                            && subscription.stage() != dev.ratchet.spi.Stage.REACT
                            && (subscription.events().contains(EventType.MESSAGE)
                                    || subscription.events().contains(EventType.THREAD_REPLY));
            return matches && (live || subscription.backfill());
        }
    }

    /** A background job type of a module. */
    public record ModuleJob(String moduleId, String name, RetryPolicy retry, JobHandler handler) {}

    /** A recurring run of a module job. */
    public record Schedule(String moduleId, String jobName, String cronOrInterval, Map<String, Object> params) {}

    /** A JSON route of a module, under /api/modules/&lt;id&gt;/. */
    public record Route(String moduleId, HttpMethod method, String path, RouteHandler handler) {}

    /** A tool and the module that registered it. */
    public record RegisteredTool(String moduleId, Tool tool) {}

    private final List<Handler> handlers = new CopyOnWriteArrayList<>();
    private final Map<String, ModuleJob> jobs = new LinkedHashMap<>();
    private final List<Schedule> schedules = new CopyOnWriteArrayList<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, RegisteredTool> tools = new LinkedHashMap<>();
    // the first module that asked core to embed every message; its calls are recorded under it
    private volatile String messageEmbedder;

    synchronized void addHandler(Handler h) {
        if (handler(h.moduleId(), h.name()).isPresent()) {
            throw new IllegalArgumentException("module '" + h.moduleId() + "' registered the handler '" + h.name()
                    + "' twice; give each handler its own name");
        }
        handlers.add(h);
    }

    synchronized void addJob(ModuleJob j) {
        String key = j.moduleId() + ":" + j.name();
        if (jobs.putIfAbsent(key, j) != null) {
            throw new IllegalArgumentException(
                    "module '" + j.moduleId() + "' registered the job '" + j.name() + "' twice");
        }
    }

    synchronized void addSchedule(Schedule s) {
        if (!jobs.containsKey(s.moduleId() + ":" + s.jobName())) {
            throw new IllegalArgumentException("module '" + s.moduleId() + "' scheduled the job '" + s.jobName()
                    + "' before registering it; call ctx.job(\"" + s.jobName() + "\", ...) first");
        }
        schedules.add(s);
    }

    synchronized void addRoute(Route r) {
        for (Route existing : routes) {
            if (existing.moduleId().equals(r.moduleId())
                    && existing.method() == r.method()
                    && existing.path().equals(r.path())) {
                throw new IllegalArgumentException(
                        "module '" + r.moduleId() + "' registered " + r.method() + " " + r.path() + " twice");
            }
        }
        routes.add(r);
    }

    synchronized void addTool(String moduleId, Tool tool) {
        RegisteredTool previous = tools.putIfAbsent(tool.name(), new RegisteredTool(moduleId, tool));
        if (previous != null) {
            throw new IllegalArgumentException("the tool name '" + tool.name() + "' is taken by module '"
                    + previous.moduleId() + "'; tool names are shared by all modules, so prefix it with the module id");
        }
    }

    synchronized void embedMessages(String moduleId) {
        if (messageEmbedder == null) {
            messageEmbedder = moduleId;
        }
    }

    /** The module that asked core to embed every stored message ({@code ModuleContext#embedMessages}), if any. */
    public Optional<String> messageEmbedder() {
        return Optional.ofNullable(messageEmbedder);
    }

    public List<Handler> handlers() {
        return List.copyOf(handlers);
    }

    public Optional<Handler> handler(String moduleId, String name) {
        return handlers.stream()
                .filter(h -> h.moduleId().equals(moduleId) && h.name().equals(name))
                .findFirst();
    }

    /** The retired handlers a job was found for, each said once. */
    private final java.util.Set<String> retiredSaid = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Whether {@code name} is a retired handler of {@code moduleId}: this process runs the module, which no longer
     * registers the handler, so a job naming it was queued by an earlier version (after an upgrade), not by a process
     * with other modules. Said once per handler.
     */
    public boolean retired(String moduleId, String name) {
        boolean retired = handler(moduleId, name).isEmpty()
                && handlers.stream().anyMatch(h -> h.moduleId().equals(moduleId));
        if (retired && retiredSaid.add(moduleId + ":" + name)) {
            org.slf4j.LoggerFactory.getLogger(Registrations.class)
                    .info(
                            "{}:{}: jobs queued by an earlier version for a handler the module no longer has; their runs"
                                    + " are finished as skipped (said once)",
                            moduleId,
                            name);
        }
        return retired;
    }

    /**
     * The handler a queued job names; a process that does not run the module fails the job with the fix.
     *
     * @throws IllegalStateException naming the handler and the module to enable
     */
    public Handler requireHandler(String moduleId, String name) {
        return handler(moduleId, name)
                .orElseThrow(() -> new IllegalStateException("handler '" + name + "' of module '" + moduleId
                        + "' is not registered in this process; enable the module in every process that runs jobs"));
    }

    public synchronized Optional<ModuleJob> job(String moduleId, String name) {
        return Optional.ofNullable(jobs.get(moduleId + ":" + name));
    }

    public synchronized Collection<ModuleJob> jobs() {
        return new ArrayList<>(jobs.values());
    }

    public List<Schedule> schedules() {
        return List.copyOf(schedules);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public synchronized Collection<RegisteredTool> tools() {
        return new ArrayList<>(tools.values());
    }
}
