package dev.ratchet.spi;

import java.util.List;
import java.util.Set;

/**
 * A Ratchet module: one capability of the bot (a runbook, a report, a classifier...), packaged as its own jar
 * and found with {@link java.util.ServiceLoader} through a {@code META-INF/services/dev.ratchet.spi.RatchetModule}
 * entry.
 *
 * <p>Discovering a module does not enable it: the launcher enables only the modules it is told to
 * ({@code --modules}, {@code --disable}). For an enabled module the lifecycle is:
 * <ol>
 *   <li>{@link #configOptions()} is read and every option is validated against flags, environment and the
 *       {@code .env} file <em>before any module starts</em>; a bad value stops the launch with a message that
 *       names the key and the fix;</li>
 *   <li>{@link #start(ModuleContext)} is called once, in the launcher's module order, on the launcher's
 *       thread;</li>
 *   <li>{@link #stop()} is called once at shutdown, in reverse order, even if a later module failed to start.</li>
 * </ol>
 *
 * <p>Implementations need a public no-argument constructor. Every hook has a no-op default, so a module
 * overrides only what it needs.
 *
 * @since 0.1
 */
public interface RatchetModule {

    /**
     * The module's id: kebab-case ({@code [a-z][a-z0-9-]*}), unique among the modules found, stable across
     * releases. It keys the module's configuration ({@code RATCHET_<ID>_<KEY>}), logger, jobs, routes
     * ({@code /api/modules/<id>/}) and stored state. Two modules with the same id refuse to start.
     *
     * <p>Called often and from any thread: return a constant.
     *
     * @since 0.1
     */
    String id();

    /**
     * One line saying what the module does, shown by {@code ratchet modules}. Return a constant.
     *
     * @since 0.1
     */
    default String description() {
        return "";
    }

    /**
     * The module's version, shown by {@code ratchet modules}. The default reads {@code Implementation-Version}
     * from the jar's manifest and falls back to {@code "dev"}.
     *
     * @since 0.1
     */
    default String version() {
        String v =
                getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The ids of the modules this one needs enabled beside it ({@code runbook} reads the alerts that
     * {@code classifier} records, so it returns {@code Set.of("classifier")}). The launcher refuses to start an
     * enabled module whose needs are not enabled too, naming the missing module, and {@code ratchet modules} lists
     * them. Needing a module says nothing of start order: read what it produces through the services
     * ({@code ctx.alerts()}, {@code ctx.messages()}), and order handlers with their {@link Stage}.
     *
     * <p>Called before {@link #start(ModuleContext)}, possibly several times and for modules that are not enabled;
     * must not do I/O. Return a constant. The default needs nothing.
     *
     * @since 0.2
     */
    default Set<String> requires() {
        return Set.of();
    }

    /**
     * The configuration this module reads, declared so that it can be validated before anything starts and
     * documented by {@code ratchet modules --config}. Keys are relative to the module: option {@code max-threads}
     * of module {@code runbook} is set with {@code RATCHET_RUNBOOK_MAX_THREADS} or
     * {@code --set runbook.max-threads=5}.
     *
     * <p>Called once, before {@link #start(ModuleContext)}; must not do I/O.
     *
     * @since 0.1
     */
    default List<ConfigOption<?>> configOptions() {
        return List.of();
    }

    /**
     * Starts the module: read configuration from {@link ModuleContext#config()} and register handlers, tools,
     * jobs, schedules and routes on {@code ctx}. Registration is only possible during this call.
     *
     * <p>Called once, on the launcher's thread, after every enabled module's configuration has been validated.
     * It may do short I/O (open a file, check a binary exists) but must not block for long: long work belongs
     * in a job. Throwing aborts the launch; modules already started are stopped in reverse order, and the
     * exception's message is shown to the operator, so make it say what to fix.
     *
     * @since 0.1
     */
    default void start(ModuleContext ctx) throws Exception {}

    /**
     * Stops the module and releases what {@link #start(ModuleContext)} acquired. Called once at shutdown on the
     * launcher's thread, in the reverse of start order, after the job server stopped handing the module work.
     * Must not throw; an exception is logged and the other modules are still stopped.
     *
     * @since 0.1
     */
    default void stop() {}
}
