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
 * @param relevanceCut    {@code search.relevance-cut}: hits the evidence model finds unlikely to be relevant are left
 *                        out (see {@link SearchCut})
 */
public record SearchSettings(double maxDistance, boolean sameChannelOnly, boolean relevanceCut) {

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

    /** The relevance cut; off by default, see {@link SearchCut} for what it measured. */
    public static final ConfigOption<Boolean> SEARCH_RELEVANCE_CUT = ConfigOption.bool(
                    "search.relevance-cut", SearchCut.BY_DEFAULT)
            .describedAs(
                    "search returns only the hits an evidence model (distance, distance to the best hit, the query's"
                            + " words their thread lacks, the margin over the next hit, the thread's distance) finds likely"
                            + " to be relevant, so fewer than the limit; off: up to the limit");

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
