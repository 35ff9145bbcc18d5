package dev.ratchet.core.modules;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventHandler;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.JobHandler;
import dev.ratchet.spi.Jobs;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.ModuleConfig;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.ModuleStore;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.Tool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@link ModuleContext} of one module: records its registrations while it starts, then hands out services. */
public final class ModuleScope implements ModuleContext {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PATH = Pattern.compile("[a-z0-9{}_.\\-/]*");

    private final String moduleId;
    private final List<ConfigOption<?>> declared;
    private final RatchetConfig config;
    private final Registrations registrations;
    private final Services services;
    private final System.Logger logger;
    private volatile boolean sealed;

    public ModuleScope(
            String moduleId,
            List<ConfigOption<?>> declared,
            RatchetConfig config,
            Registrations registrations,
            Services services) {
        this.moduleId = moduleId;
        this.declared = List.copyOf(declared);
        this.config = config;
        this.registrations = registrations;
        this.services = services;
        this.logger = new Slf4jSystemLogger("ratchet." + moduleId);
    }

    /** Ends the registration phase. */
    void seal() {
        sealed = true;
    }

    private void registering(String what, String name) {
        if (sealed) {
            throw new IllegalStateException("module '" + moduleId + "' tried to register " + what + " '" + name
                    + "' after start(); register everything inside start()");
        }
    }

    private static String checkName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name '" + name + "' must be kebab-case ([a-z][a-z0-9-]*)");
        }
        return name;
    }

    @Override
    public String moduleId() {
        return moduleId;
    }

    @Override
    public void on(String name, Subscription subscription, EventHandler handler) {
        registering("the handler", name);
        registrations.addHandler(new Registrations.Handler(
                moduleId,
                checkName("handler", name),
                Objects.requireNonNull(subscription, "subscription"),
                Objects.requireNonNull(handler, "handler")));
    }

    @Override
    public void embedMessages() {
        registering("the message embeddings", "embedMessages");
        registrations.embedMessages(moduleId);
    }

    @Override
    public void tool(Tool tool) {
        registering("the tool", tool.name());
        registrations.addTool(moduleId, tool);
    }

    @Override
    public void job(String name, RetryPolicy retry, JobHandler handler) {
        registering("the job", name);
        registrations.addJob(new Registrations.ModuleJob(
                moduleId,
                checkName("job", name),
                Objects.requireNonNull(retry, "retry"),
                Objects.requireNonNull(handler, "handler")));
    }

    @Override
    public void schedule(String name, String cronOrInterval, Map<String, Object> params) {
        registering("the schedule of", name);
        checkSchedule(cronOrInterval);
        registrations.addSchedule(new Registrations.Schedule(
                moduleId, name, cronOrInterval, params == null ? Map.of() : Map.copyOf(params)));
    }

    private void checkSchedule(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "module '" + moduleId + "': a schedule needs a cron expression or an ISO-8601 duration");
        }
        if (spec.startsWith("P")) {
            Duration d = Duration.parse(spec);
            if (d.compareTo(Duration.ofSeconds(5)) < 0) {
                throw new IllegalArgumentException("module '" + moduleId + "': schedule " + spec
                        + " is shorter than 5 seconds, the job server's smallest interval");
            }
        } else if (spec.trim().split("\\s+").length != 5 && spec.trim().split("\\s+").length != 6) {
            throw new IllegalArgumentException("module '" + moduleId + "': schedule '" + spec
                    + "' is neither a 5-field cron expression nor an ISO-8601 duration like PT15M");
        }
    }

    @Override
    public void route(HttpMethod method, String path, RouteHandler handler) {
        registering("the route", path);
        String p = path == null ? "" : path.replaceAll("^/+", "");
        if (!PATH.matcher(p).matches()) {
            throw new IllegalArgumentException(
                    "route path '" + path + "' may hold lower-case letters, digits, '-', '_', '.', '/' and {params}");
        }
        registrations.addRoute(
                new Registrations.Route(moduleId, Objects.requireNonNull(method), p, Objects.requireNonNull(handler)));
    }

    @Override
    public List<Tool> tools() {
        return registrations.tools().stream()
                .map(r -> traced(r.moduleId(), r.tool()))
                .toList();
    }

    /** {@code tool} whose calls are spans of the caller's trace ({@code tool <name>}). */
    private static Tool traced(String owner, Tool tool) {
        Tool.ToolFunction f = tool.function();
        return new Tool(
                tool.name(),
                tool.description(),
                tool.inputSchema(),
                tool.examples(),
                tool.writes(),
                (args, call) -> dev.ratchet.core.ops.Tracing.inSpan(
                        "tool " + tool.name(), io.opentelemetry.api.trace.SpanKind.INTERNAL, span -> {
                            span.setAttribute("ratchet.module", owner);
                            return f.call(args, call);
                        }));
    }

    @Override
    public Jobs jobs() {
        return services.jobs().apply(moduleId);
    }

    @Override
    public ModuleConfig config() {
        return new ModuleConfig() {
            @Override
            public <T> T get(ConfigOption<T> option) {
                return find(option)
                        .orElseThrow(() -> new java.util.NoSuchElementException("module '" + moduleId + "' option "
                                + option.key() + " is not set and has no default; use find()"));
            }

            @Override
            public <T> Optional<T> find(ConfigOption<T> option) {
                if (declared.stream().noneMatch(o -> o.key().equals(option.key()))) {
                    throw new IllegalArgumentException("module '" + moduleId + "' reads the option " + option.key()
                            + " without declaring it in configOptions()");
                }
                return config.find(moduleId + ".", option);
            }
        };
    }

    @Override
    public SlackService slack() {
        return services.slack().apply(moduleId);
    }

    @Override
    public MessageService messages() {
        return services.messages().apply(moduleId);
    }

    @Override
    public dev.ratchet.spi.AlertService alerts() {
        return services.alerts() != null ? services.alerts() : ModuleContext.super.alerts();
    }

    @Override
    public dev.ratchet.spi.QuestionService questions() {
        return services.questions() != null ? services.questions() : ModuleContext.super.questions();
    }

    @Override
    public LlmService llm() {
        return services.llm().apply(moduleId);
    }

    @Override
    public dev.ratchet.spi.BotActivity activity() {
        return services.activity();
    }

    @Override
    public dev.ratchet.spi.DocsService docs() {
        return services.docs();
    }

    @Override
    public ModuleStore store() {
        return services.store().apply(moduleId);
    }

    @Override
    public Clock clock() {
        return services.clock();
    }

    @Override
    public System.Logger logger() {
        return logger;
    }
}
