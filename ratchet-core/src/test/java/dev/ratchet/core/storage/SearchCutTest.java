package dev.ratchet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.storage.HybridSearch.Evidence;
import dev.ratchet.core.storage.HybridSearch.Scored;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageService.SearchHit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The relevance cut's decision on given evidence (the evidence itself is read and measured in ratchet-it). */
class SearchCutTest {

    static final List<String> WORDS = List.of("disk", "full");

    /** A hit at {@code distance} whose thread holds {@code held} of the query's two words. */
    static Scored hit(int position, double distance, double best, int held, double thread, double next) {
        Message m = new Message(
                "T1",
                "C1",
                position + ".000000",
                Optional.empty(),
                Optional.of("U1"),
                Optional.empty(),
                "text " + position,
                Instant.EPOCH,
                false,
                false,
                Map.of());
        return new Scored(
                new SearchHit(m, 0.01, 0, position),
                new Evidence(
                        position,
                        distance,
                        best,
                        WORDS,
                        Set.copyOf(WORDS.subList(0, held)),
                        Set.copyOf(WORDS.subList(0, held)),
                        Map.of("disk", 1, "full", 1),
                        20,
                        thread,
                        next));
    }

    @Test
    void a_close_hit_holding_the_words_is_kept_and_a_far_one_lacking_them_is_not() {
        Scored close = hit(1, 0.15, 0.15, 2, 0.15, 0.30);
        Scored far = hit(2, 0.30, 0.15, 0, 0.30, 0.31);
        assertThat(SearchCut.probability(close.evidence())).isGreaterThan(0.9);
        assertThat(SearchCut.probability(far.evidence())).isLessThan(SearchCut.THRESHOLD);
        assertThat(SearchCut.cut(List.of(close, far), SearchCut.THRESHOLD, 5)).containsExactly(close);
        assertThat(SearchCut.cut(List.of(close, far), SearchCut.OFF, 5)).containsExactly(close, far);
    }

    @Test
    void a_thread_closer_as_a_whole_and_a_wide_margin_to_the_next_hit_raise_the_probability() {
        double alone = SearchCut.probability(hit(1, 0.25, 0.2, 1, 0.25, 0.26).evidence());
        assertThat(SearchCut.probability(hit(1, 0.25, 0.2, 1, 0.20, 0.26).evidence()))
                .isGreaterThan(alone);
        assertThat(SearchCut.probability(hit(1, 0.25, 0.2, 1, 0.25, 0.32).evidence()))
                .isGreaterThan(alone);
        // no next thread among the candidates: a typical margin, no thread distance: the message's own
        assertThat(SearchCut.probability(
                        hit(1, 0.25, 0.2, 1, Double.NaN, Double.NaN).evidence()))
                .isCloseTo(
                        SearchCut.probability(hit(1, 0.25, 0.2, 1, 0.25, 0.25 + SearchCut.NO_MARGIN)
                                .evidence()),
                        within(1e-9));
    }

    @Test
    void the_hits_left_out_make_room_for_later_ones_up_to_the_limit() {
        List<Scored> hits = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            // odd positions relevant-looking, even ones not
            hits.add(i % 2 == 1 ? hit(i, 0.15, 0.15, 2, 0.15, 0.30) : hit(i, 0.32, 0.15, 0, 0.32, 0.32));
        }
        List<Scored> kept = SearchCut.cut(hits, SearchCut.THRESHOLD, 3);
        assertThat(kept).containsExactly(hits.get(0), hits.get(2), hits.get(4));
        assertThat(SearchCut.cut(hits, SearchCut.OFF, 3)).containsExactly(hits.get(0), hits.get(1), hits.get(2));
    }

    @Test
    void a_hit_without_a_distance_is_kept() {
        Scored unembedded = hit(1, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
        assertThat(SearchCut.cut(List.of(unembedded), SearchCut.THRESHOLD, 5)).containsExactly(unembedded);
    }

    @Test
    void a_lower_threshold_keeps_more_and_the_setting_takes_on_off_and_a_probability() {
        Scored close = hit(1, 0.15, 0.15, 2, 0.15, 0.30);
        Scored middling = hit(2, 0.27, 0.15, 1, 0.27, 0.29);
        double p = SearchCut.probability(middling.evidence());
        assertThat(p).isBetween(0.05, SearchCut.THRESHOLD);
        assertThat(SearchCut.cut(List.of(close, middling), SearchCut.THRESHOLD, 5))
                .containsExactly(close);
        assertThat(SearchCut.cut(List.of(close, middling), p - 0.01, 5)).containsExactly(close, middling);

        assertThat(setting(null)).isEqualTo(SearchCut.OFF);
        assertThat(setting("on")).isEqualTo(SearchCut.THRESHOLD);
        assertThat(setting("true")).isEqualTo(SearchCut.THRESHOLD);
        assertThat(setting("off")).isEqualTo(SearchCut.OFF);
        assertThat(setting("0")).isEqualTo(SearchCut.OFF);
        assertThat(setting("0.2")).isEqualTo(0.2);
        for (String bad : List.of("1", "1.5", "-0.1", "maybe")) {
            assertThatThrownBy(() -> setting(bad))
                    .as(bad)
                    .hasMessageContaining("search.relevance-cut")
                    .hasMessageContaining("or on");
        }
    }

    private static double setting(String value) {
        return SearchSettings.from(RatchetConfig.of(value == null ? Map.of() : Map.of("search.relevance-cut", value)))
                .relevanceCut();
    }
}
