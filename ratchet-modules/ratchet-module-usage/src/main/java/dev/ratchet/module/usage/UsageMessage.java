package dev.ratchet.module.usage;

import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.SlackIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@link UsageReport} as a Slack message: Block Kit blocks, and a one-paragraph plain-text fallback for
 * notifications and screen readers.
 *
 * @param text       the plain-text fallback
 * @param blocksJson the Block Kit blocks as a JSON array
 */
record UsageMessage(String text, String blocksJson) {

    /** Lines shown per list before "… and N more", keeping each section well under Slack's limits. */
    static final int MAX_LINES = 15;

    private static final Pattern CHANNEL_ID = SlackIds.CHANNEL_ID;

    static UsageMessage of(UsageReport r) {
        String title = "Bot usage, last " + r.days() + (r.days() == 1 ? " day" : " days");
        String period = r.since().substring(0, Math.min(16, r.since().length())).replace('T', ' ') + " → "
                + r.until().substring(0, Math.min(16, r.until().length())).replace('T', ' ') + " UTC";
        long up = r.feedbackByModule().stream()
                .mapToLong(UsageReport.ModuleFeedback::up)
                .sum();
        long down = r.feedbackByModule().stream()
                .mapToLong(UsageReport.ModuleFeedback::down)
                .sum();
        long chatCalls = r.llmByModel().stream()
                .filter(u -> u.kind().equals("chat"))
                .mapToLong(UsageReport.ModelLlmUsage::calls)
                .sum();
        long chatTokens = r.llmByModel().stream()
                .filter(u -> u.kind().equals("chat"))
                .mapToLong(UsageReport.ModelLlmUsage::totalTokens)
                .sum();

        String summary = r.posts() + plural(r.posts(), " post", " posts") + " in "
                + r.postsByChannel().size()
                + plural(r.postsByChannel().size(), " channel", " channels") + " by "
                + r.postsByModule().size()
                + plural(r.postsByModule().size(), " module", " modules") + "; 👍 " + up + " 👎 " + down + "; "
                + chatCalls + plural(chatCalls, " LLM call", " LLM calls") + ", " + chatTokens + " tokens.";

        BlockKit blocks = BlockKit.empty()
                .header(title)
                .context(BlockKit.escape(period))
                .section("*" + BlockKit.escape(summary) + "*");
        if (r.posts() > 0) {
            List<String> channels = new ArrayList<>();
            r.postsByChannel().forEach(c -> channels.add(channel(c.channelId()) + "  " + c.posts()));
            List<String> modules = new ArrayList<>();
            r.postsByModule().forEach(m -> modules.add(code(m.moduleId()) + "  " + m.posts()));
            blocks = blocks.fields(
                    List.of("*Posts per channel*\n" + lines(channels), "*Posts per module*\n" + lines(modules)));
            List<String> feedback = new ArrayList<>();
            r.feedbackByModule()
                    .forEach(f -> feedback.add(code(f.moduleId()) + "  👍 " + f.up() + " · 👎 " + f.down() + " · "
                            + percent(f.feedbackShare()) + " of " + f.posts() + plural(f.posts(), " post", " posts")
                            + " got feedback"));
            blocks = blocks.section("*Feedback*\n" + lines(feedback));
        }
        blocks = blocks.divider();
        if (r.llmByModel().isEmpty()) {
            blocks = blocks.section("*LLM*\nno LLM or embedding calls in this period");
        } else {
            for (String kind : List.of("chat", "embedding")) {
                List<String> byModel = new ArrayList<>();
                r.llmByModel().stream()
                        .filter(u -> u.kind().equals(kind))
                        .forEach(u -> byModel.add(code(u.model()) + "  "
                                + usage(
                                        u.calls(),
                                        u.errors(),
                                        u.promptTokens(),
                                        u.completionTokens(),
                                        u.totalTokens())));
                List<String> byModule = new ArrayList<>();
                r.llmByModule().stream()
                        .filter(u -> u.kind().equals(kind))
                        .forEach(u -> byModule.add(code(u.moduleId()) + "  "
                                + usage(
                                        u.calls(),
                                        u.errors(),
                                        u.promptTokens(),
                                        u.completionTokens(),
                                        u.totalTokens())));
                if (!byModel.isEmpty()) {
                    String label = kind.equals("chat") ? "LLM chat" : "Embeddings";
                    blocks = blocks.fields(List.of(
                            "*" + label + " per model*\n" + lines(byModel),
                            "*" + label + " per module*\n" + lines(byModule)));
                }
            }
        }
        return new UsageMessage(title + " (" + period + "): " + summary, blocks.toJson());
    }

    private static String usage(long calls, long errors, long prompt, long completion, long total) {
        String s = calls + plural(calls, " call", " calls");
        if (errors > 0) {
            s += " (" + errors + plural(errors, " error", " errors") + ")";
        }
        if (total > 0) {
            s += ", " + total + " tokens (" + prompt + " in, " + completion + " out)";
        }
        return s;
    }

    /** A channel mention by id, which Slack renders as the channel's name; anything else is shown as escaped text. */
    private static String channel(String id) {
        return id != null && CHANNEL_ID.matcher(id).matches() ? "<#" + id + ">" : code(String.valueOf(id));
    }

    private static String code(String s) {
        return "`" + BlockKit.escape(String.valueOf(s).replace('`', '\'')) + "`";
    }

    private static String lines(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return String.join("\n", lines);
        }
        return String.join("\n", lines.subList(0, MAX_LINES)) + "\n… and " + (lines.size() - MAX_LINES) + " more";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
