package dev.ratchet.spi;

import java.time.Clock;
import java.util.Map;

/**
 * What a module may register and use, handed to {@link RatchetModule#start(ModuleContext)}.
 *
 * <p>The {@code on}, {@code tool}, {@code job}, {@code schedule} and {@code route} methods register things and are
 * usable only during {@code start}; afterwards they throw {@link IllegalStateException}. Registering the same
 * name twice throws {@link IllegalArgumentException} naming it. The service accessors may be called at any time,
 * from any thread, and return thread-safe objects.
 *
 * @since 0.1
 */
public interface ModuleContext {

    /** The id of the module this context belongs to. @since 0.1 */
    String moduleId();

    /**
     * Subscribes {@code handler} to channel events. Each matching event becomes one durable job for this
     * handler, enqueued in the same database transaction that stores the event, retried on its own (per
     * {@link Subscription#retry()}) without re-running other modules.
     *
     * @param name   a name unique within the module, used in job names and logs ({@code "classify"})
     * @since 0.1
     */
    void on(String name, Subscription subscription, EventHandler handler);

    /**
     * Registers a tool the {@code commands} agent may call (and that other front ends may list).
     * @since 0.1
     */
    void tool(Tool tool);

    /**
     * Registers a background job type this module can enqueue with {@link #jobs()}. The handler runs on a job
     * worker thread, possibly in another process ({@code ratchet worker}); it must be safe to run again after a
     * crash (a job is retried per {@code retry}).
     *
     * @param name a name unique within the module ({@code "refresh"})
     * @since 0.1
     */
    void job(String name, RetryPolicy retry, JobHandler handler);

    /**
     * Runs the job {@code name} (registered with {@link #job}) on a recurring schedule, once per schedule across
     * all processes sharing the database.
     *
     * @param cronOrInterval a 5-field cron expression ({@code "0 9 * * MON"}) or an ISO-8601 duration
     *                       ({@code "PT15M"}, at least 5 seconds)
     * @since 0.1
     */
    void schedule(String name, String cronOrInterval, Map<String, Object> params);

    /**
     * Serves {@code handler} at {@code /api/modules/<id>/<path>}. Path segments written {@code {name}} are
     * captured into {@link RouteHandler.Request#pathParams()}.
     * @since 0.1
     */
    void route(HttpMethod method, String path, RouteHandler handler);

    /**
     * The tools of every enabled module (this one's included), as registered. Complete once all modules have started:
     * call it from handlers, not from {@code start}. For agents such as the {@code commands} module.
     *
     * @since 0.1
     */
    java.util.List<Tool> tools();

    /** Enqueues this module's jobs. @since 0.1 */
    Jobs jobs();

    /** This module's validated configuration. @since 0.1 */
    ModuleConfig config();

    /** Slack: post, reply in a thread, look up users, the bot's identity. @since 0.1 */
    SlackService slack();

    /** The stored messages of every channel the bot is in. @since 0.1 */
    MessageService messages();

    /**
     * The alerts fired and resolved in the channels the bot is in: recorded by the {@code classifier} module, read
     * by the others. The default throws {@link UnsupportedOperationException}; Ratchet's own context implements it.
     *
     * @since 0.2
     */
    default AlertService alerts() {
        throw new UnsupportedOperationException("this ModuleContext ("
                + getClass().getName() + ") has no alert service; it needs a Ratchet core of SPI 0.2 or later");
    }

    /**
     * The questions people asked in the channels the bot is in, and whether and when they were answered: recorded by
     * the {@code classifier} module, read by the others. The default throws {@link UnsupportedOperationException};
     * Ratchet's own context implements it.
     *
     * @since 0.2
     */
    default QuestionService questions() {
        throw new UnsupportedOperationException("this ModuleContext ("
                + getClass().getName() + ") has no question service; it needs a Ratchet core of SPI 0.2 or later");
    }

    /**
     * Asks core to keep an embedding of every stored message with text (live and history, top-level and thread
     * replies; not the bot's own posts, which search finds by their words), for semantic search. Core embeds them in batches in its own background job, which takes up to a batch
     * of messages still lacking an embedding, newest first, and stores their vectors together: far cheaper than a
     * handler job per message. Call during {@link RatchetModule#start}; calling it again, or from several modules,
     * changes nothing. The embedding calls are recorded under this module. The default throws
     * {@link UnsupportedOperationException}; Ratchet's own context implements it.
     *
     * @since 0.2
     */
    default void embedMessages() {
        throw new UnsupportedOperationException("this ModuleContext ("
                + getClass().getName() + ") cannot embed messages; it needs a Ratchet core of SPI 0.2 or later");
    }

    /** Chat, JSON output and embeddings; every call is recorded. @since 0.1 */
    LlmService llm();

    /** What the bot posted and how much it used the LLM, for usage reports. @since 0.1 */
    BotActivity activity();

    /** The indexed documentation. @since 0.1 */
    DocsService docs();

    /** Small key/value state owned by this module. @since 0.1 */
    ModuleStore store();

    /** The clock to use instead of {@code Instant.now()}, so tests can move time. @since 0.1 */
    Clock clock();

    /** The module's logger, named {@code ratchet.<id>}. @since 0.1 */
    System.Logger logger();
}
