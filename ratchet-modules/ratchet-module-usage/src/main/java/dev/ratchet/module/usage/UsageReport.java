package dev.ratchet.module.usage;

import dev.ratchet.spi.BotActivity.BotPost;
import dev.ratchet.spi.BotActivity.LlmUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The bot's usage over a period: what it posted where and for which module, the 👍/👎 people gave those posts, and its
 * LLM calls and tokens. Channels appear by id; people never appear at all (reactions are only counted), so the report
 * can be posted anywhere. Serialised as JSON by core for the {@code bot_usage} tool and the {@code /summary} route.
 *
 * @param since            start of the period, inclusive (ISO-8601)
 * @param until            end of the period, exclusive (ISO-8601)
 * @param days             the period's length in days
 * @param posts            the bot's posts in the period
 * @param postsByChannel   posts per channel, most first
 * @param postsByModule    posts per module, most first
 * @param feedbackByModule 👍/👎 per module, in the order of {@code postsByModule}
 * @param llmByModel       LLM calls per model and kind ({@code chat}, {@code embedding}), most calls first
 * @param llmByModule      LLM calls per module and kind, most calls first
 */
public record UsageReport(
        String since,
        String until,
        int days,
        long posts,
        List<ChannelPosts> postsByChannel,
        List<ModulePosts> postsByModule,
        List<ModuleFeedback> feedbackByModule,
        List<ModelLlmUsage> llmByModel,
        List<ModuleLlmUsage> llmByModule) {

    /** Reactions counted as 👍 (Slack names {@code +1} and {@code thumbsup} are the same emoji). */
    static final Set<String> UP = Set.of("+1", "thumbsup");
    /** Reactions counted as 👎. */
    static final Set<String> DOWN = Set.of("-1", "thumbsdown");

    /** Posts in one channel. */
    public record ChannelPosts(String channelId, long posts) {}

    /** Posts of one module. */
    public record ModulePosts(String moduleId, long posts) {}

    /**
     * Feedback on one module's posts.
     *
     * @param up                people who reacted 👍, summed over the posts (one per person and post)
     * @param down              people who reacted 👎, summed over the posts
     * @param postsWithFeedback posts that got at least one 👍 or 👎
     * @param feedbackShare     {@code postsWithFeedback / posts}, rounded to 3 decimals (0 when there are no posts)
     */
    public record ModuleFeedback(
            String moduleId, long posts, long up, long down, long postsWithFeedback, double feedbackShare) {}

    /** LLM usage of one model for one kind of call ({@code chat} or {@code embedding}). */
    public record ModelLlmUsage(
            String model,
            String kind,
            long calls,
            long errors,
            long promptTokens,
            long completionTokens,
            long totalTokens) {}

    /** LLM usage of one module for one kind of call ({@code chat} or {@code embedding}), over all models. */
    public record ModuleLlmUsage(
            String moduleId,
            String kind,
            long calls,
            long errors,
            long promptTokens,
            long completionTokens,
            long totalTokens) {}

    /** Builds the report from the bot's posts and LLM usage in {@code [since, until)}. */
    public static UsageReport of(Instant since, Instant until, int days, List<BotPost> posts, List<LlmUsage> llm) {
        Map<String, long[]> channels = new TreeMap<>();
        Map<String, long[]> modules = new TreeMap<>(); // posts, up, down, with feedback
        for (BotPost post : posts) {
            channels.computeIfAbsent(post.channelId(), k -> new long[1])[0]++;
            long[] m = modules.computeIfAbsent(post.moduleId(), k -> new long[4]);
            long up = people(post.reactions(), UP);
            long down = people(post.reactions(), DOWN);
            m[0]++;
            m[1] += up;
            m[2] += down;
            if (up + down > 0) {
                m[3]++;
            }
        }
        List<ChannelPosts> byChannel = new ArrayList<>();
        channels.forEach((id, n) -> byChannel.add(new ChannelPosts(id, n[0])));
        byChannel.sort(Comparator.comparingLong(ChannelPosts::posts).reversed());
        List<ModulePosts> byModule = new ArrayList<>();
        modules.forEach((id, n) -> byModule.add(new ModulePosts(id, n[0])));
        byModule.sort(Comparator.comparingLong(ModulePosts::posts).reversed());
        List<ModuleFeedback> feedback = new ArrayList<>();
        for (ModulePosts p : byModule) {
            long[] m = modules.get(p.moduleId());
            feedback.add(new ModuleFeedback(
                    p.moduleId(), m[0], m[1], m[2], m[3], Math.round(1000.0 * m[3] / m[0]) / 1000.0));
        }
        List<ModelLlmUsage> byModel = sum(llm, LlmUsage::model).entrySet().stream()
                .map(e -> new ModelLlmUsage(
                        e.getKey().get(0),
                        e.getKey().get(1),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        e.getValue()[3],
                        e.getValue()[2] + e.getValue()[3]))
                .sorted(Comparator.comparingLong(ModelLlmUsage::calls).reversed())
                .toList();
        List<ModuleLlmUsage> llmByModule = sum(llm, LlmUsage::moduleId).entrySet().stream()
                .map(e -> new ModuleLlmUsage(
                        e.getKey().get(0),
                        e.getKey().get(1),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        e.getValue()[3],
                        e.getValue()[2] + e.getValue()[3]))
                .sorted(Comparator.comparingLong(ModuleLlmUsage::calls).reversed())
                .toList();
        return new UsageReport(
                since.toString(),
                until.toString(),
                days,
                posts.size(),
                List.copyOf(byChannel),
                List.copyOf(byModule),
                List.copyOf(feedback),
                byModel,
                llmByModule);
    }

    /** Distinct people who reacted with any of {@code names} (a person using both aliases counts once). */
    private static long people(Map<String, List<String>> reactions, Set<String> names) {
        if (reactions == null) {
            return 0;
        }
        Set<String> who = new HashSet<>();
        int anonymous = 0;
        for (String name : names) {
            for (String user : reactions.getOrDefault(name, List.of())) {
                if (user == null) {
                    anonymous++;
                } else {
                    who.add(user);
                }
            }
        }
        return who.size() + anonymous;
    }

    /** Calls, errors, prompt and completion tokens keyed by [key, kind], in key then kind order. */
    private static Map<List<String>, long[]> sum(List<LlmUsage> llm, Function<LlmUsage, String> key) {
        Map<List<String>, long[]> out = new LinkedHashMap<>();
        llm.stream()
                .sorted(Comparator.comparing((LlmUsage u) -> String.valueOf(key.apply(u)))
                        .thenComparing(u -> String.valueOf(u.kind())))
                .forEach(u -> {
                    long[] s = out.computeIfAbsent(
                            List.of(String.valueOf(key.apply(u)), String.valueOf(u.kind())), k -> new long[4]);
                    s[0] += u.calls();
                    s[1] += u.errors();
                    s[2] += u.promptTokens();
                    s[3] += u.completionTokens();
                });
        return out;
    }
}
