package dev.ratchet.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the bot itself did: its posts (with the reactions people put on them, the feedback loop) and its LLM usage.
 * Read-only; for usage reports. Methods query the database and may be called from any thread.
 *
 * @since 0.1
 */
public interface BotActivity {

    /** The bot's posts in {@code [since, until)}, oldest first. */
    List<BotPost> posts(Instant since, Instant until);

    /** LLM and embedding calls in {@code [since, until)}, grouped by module, model and kind. */
    List<LlmUsage> llmUsage(Instant since, Instant until);

    /**
     * One post of the bot.
     *
     * @param moduleId  the module that posted it
     * @param channelId where
     * @param ts        its Slack ts
     * @param threadTs  the thread it replied in, or null
     * @param postedAt  when
     * @param reactions emoji name → the people who reacted with it
     */
    record BotPost(
            String moduleId,
            String channelId,
            String ts,
            String threadTs,
            Instant postedAt,
            Map<String, List<String>> reactions) {}

    /**
     * LLM usage of one module with one model.
     *
     * @param kind {@code chat} or {@code embedding}
     */
    record LlmUsage(
            String moduleId,
            String model,
            String kind,
            long calls,
            long errors,
            long promptTokens,
            long completionTokens) {}
}
