package dev.ratchet.core.storage;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import java.util.List;

/**
 * How search ranks, and what it may quote where, from {@code search.*}.
 *
 * @param maxDistance     the semantic ranking's floor, a cosine distance (2: none); see {@link HybridSearch}
 * @param sameChannelOnly {@code search.quote-from=same-channel}: what a module shows in a channel comes from that
 *                        channel only, not from public ones too (see {@code MessageService.searchVisibleIn})
 * @param relevanceCut    {@code search.relevance-cut}: hits the evidence model finds less likely to be relevant than
 *                        this probability are left out ({@link SearchCut#OFF}: none; see {@link SearchCut})
 */
public record SearchSettings(double maxDistance, boolean sameChannelOnly, double relevanceCut) {

    /** Where what modules post into a channel may quote from; private channels and DMs only ever into themselves. */
    public static final ConfigOption<String> SEARCH_QUOTE_FROM = ConfigOption.oneOf(
                    "search.quote-from", "public", "public", "same-channel")
            .describedAs("what a module posts into a channel may quote: messages of that channel and of public channels"
                    + " (public), or of that channel only (same-channel); a private channel's or a DM's messages are"
                    + " only ever quoted into it");

    /** The semantic ranking's relevance floor; the default is measured, see {@code HybridSearch.DEFAULT_MAX_DISTANCE}. */
    public static final ConfigOption<Double> SEARCH_MAX_DISTANCE = ConfigOption.decimal(
                    "search.max-distance", HybridSearch.DEFAULT_MAX_DISTANCE, 0, HybridSearch.NO_FLOOR)
            .validatedBy(d -> d > 0, "a cosine distance above 0 (e.g. 0.4)")
            .orWord("off", HybridSearch.NO_FLOOR)
            .orWord("none", HybridSearch.NO_FLOOR)
            .describedAs(
                    "search leaves out of its semantic ranking the messages at this cosine distance from the query or farther"
                            + " (those found by words always stay); 2 or off: no floor");

    /**
     * The relevance cut's probability threshold; off by default, {@code on} for {@link SearchCut#THRESHOLD}, or a
     * probability (the words of the boolean option it was are still taken); see {@link SearchCut} for what it measured.
     */
    public static final ConfigOption<Double> SEARCH_RELEVANCE_CUT = ConfigOption.decimal(
                    "search.relevance-cut", SearchCut.BY_DEFAULT, 0, 1)
            .validatedBy(p -> p < 1, "below 1 (a probability a hit needs; 1 would keep none)")
            .orWord("off", SearchCut.OFF)
            .orWord("on", SearchCut.THRESHOLD)
            .orWord("false", SearchCut.OFF)
            .orWord("true", SearchCut.THRESHOLD)
            .describedAs(
                    "search returns only the hits an evidence model (distance, distance to the best hit, the query's"
                            + " words their thread lacks, the margin over the next hit, the thread's distance) finds at least"
                            + " this likely to be relevant, so fewer than the limit: on = " + SearchCut.THRESHOLD
                            + " (precision@5 0.80, recall@5 0.87 on the tuning queries), lower keeps more (0.20: 0.69 / 0.89);"
                            + " off or 0: up to the limit");

    /** The {@code search.*} options. */
    public static List<ConfigOption<?>> options() {
        return List.of(SEARCH_MAX_DISTANCE, SEARCH_QUOTE_FROM, SEARCH_RELEVANCE_CUT);
    }

    public static SearchSettings from(RatchetConfig config) {
        return new SearchSettings(
                config.get(SEARCH_MAX_DISTANCE),
                config.get(SEARCH_QUOTE_FROM).equals("same-channel"),
                config.get(SEARCH_RELEVANCE_CUT));
    }
}
