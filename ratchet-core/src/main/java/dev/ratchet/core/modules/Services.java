package dev.ratchet.core.modules;

import dev.ratchet.spi.AlertService;
import dev.ratchet.spi.BotActivity;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.Jobs;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.ModuleStore;
import dev.ratchet.spi.QuestionService;
import dev.ratchet.spi.SlackService;
import java.time.Clock;
import java.util.function.Function;

/**
 * The service implementations handed to modules, each made per module (so that calls are attributed to it).
 *
 * @param slack    Slack, per module id
 * @param messages stored messages, per module id (annotations are namespaced by it)
 * @param llm      LLM and embeddings, per module id (calls are recorded under it)
 * @param store    module state, per module id
 * @param jobs     job enqueueing, per module id
 * @param activity the bot's posts and LLM usage
 * @param clock    the clock
 * @param alerts   the alert events, shared by every module; null when not available (the context then says so)
 * @param questions the questions people asked, shared by every module; null when not available
 */
public record Services(
        Function<String, SlackService> slack,
        Function<String, MessageService> messages,
        Function<String, LlmService> llm,
        Function<String, ModuleStore> store,
        Function<String, Jobs> jobs,
        BotActivity activity,
        DocsService docs,
        Clock clock,
        AlertService alerts,
        QuestionService questions) {

    /** Services without alert events, for tests that start modules which do not read them. */
    public Services(
            Function<String, SlackService> slack,
            Function<String, MessageService> messages,
            Function<String, LlmService> llm,
            Function<String, ModuleStore> store,
            Function<String, Jobs> jobs,
            BotActivity activity,
            DocsService docs,
            Clock clock) {
        this(slack, messages, llm, store, jobs, activity, docs, clock, null, null);
    }
}
