package dev.ratchet.core.storage;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;

import java.util.List;

/**
 * How search ranks, from {@code search.*}.
 *
 * @param maxDistance the semantic ranking's floor, a cosine distance (2: none); see {@link HybridSearch}
 */
public record SearchSettings(double maxDistance) {

    /** The semantic ranking's relevance floor; the default is measured, see {@code HybridSearch.DEFAULT_MAX_DISTANCE}. */
    public static final ConfigOption<String> SEARCH_MAX_DISTANCE = ConfigOption.string("search.max-distance", String.valueOf(HybridSearch.DEFAULT_MAX_DISTANCE))
            .validatedBy(SearchSettings::isMaxDistance, "a cosine distance above 0 and at most 2 (e.g. 0.4), or off")
            .describedAs("search leaves out of its semantic ranking the messages at this cosine distance from the query or farther"
                    + " (those found by words always stay); 2 or off: no floor");

    /** The {@code search.*} options. */
    public static List<ConfigOption<?>> options() {
        return List.of(SEARCH_MAX_DISTANCE);
    }

    public static SearchSettings from(RatchetConfig config) {
        return new SearchSettings(HybridSearch.maxDistance(config.get(SEARCH_MAX_DISTANCE)));
    }

    private static boolean isMaxDistance(String value) {
        try {
            HybridSearch.maxDistance(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
