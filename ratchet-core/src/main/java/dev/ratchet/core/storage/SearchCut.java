package dev.ratchet.core.storage;

import dev.ratchet.core.storage.HybridSearch.Evidence;
import dev.ratchet.core.storage.HybridSearch.Scored;
import java.util.ArrayList;
import java.util.List;

/**
 * The relevance cut of message search ({@code search.relevance-cut}): of the hits, those the evidence model finds likely
 * enough to be relevant, so that a query with one related thread returns that thread rather than it and four neighbours.
 *
 * <p>The evidence of a hit ({@link Evidence}, read with the hits' rows): its message's cosine distance to the query,
 * how much farther that is than the closest candidate's ({@code gap}), and how many of the query's words (stemmed, as
 * the full-text index has them) its thread lacks. The model is a logistic regression of "this hit is relevant" on those
 * three, fitted by {@code SearchCutExperiment} (ratchet-it, run with {@code -Dtest='SearchCutExperiment*'}) on the hits
 * of the tuning queries of both relevance fixtures together ({@code MessageSearchRelevanceTest}'s {@code tuning.tsv},
 * 60 queries, and {@code SearchRelevanceTest}'s 20: 350 hits), L2 1.0 on standardised features, the features and the
 * threshold chosen by leave-one-query-out. A hit is kept when its probability is {@link #THRESHOLD} or more; the first
 * hit also when it is {@link #FIRST_THRESHOLD} or more, so that a query with an answer keeps its best match.
 *
 * <p>Off by default: the two fixtures disagree on what the hits after the first are. On the history (threads, one
 * thread per hit) the cut raised precision@5 from 0.30 to 0.69 at recall@5 0.90 (from 0.93); on {@code
 * SearchRelevanceTest}'s pool of single messages, where the second to fifth hits are often further messages about the
 * same problem, at the distances of the history's unrelated threads (0.29-0.41, no shared word), it raised precision
 * from 0.55 to 0.79 but lowered recall from 0.85 to 0.65. No threshold of any model fitted there (distance, gap,
 * words missing from the message or thread, their rarity among the candidates, the ranks, the distance to the first
 * hit) kept that recall at 0.85 with a cut worth having (best: 0.35-0.38 precision on the history at recall 0.80 there).
 */
public final class SearchCut {

    private SearchCut() {}

    /** Whether search cuts when {@code search.relevance-cut} is not set. */
    static final boolean BY_DEFAULT = false;

    /*
     * The model's log-odds: fitted by SearchCutExperiment on all 80 tuning queries of both fixtures (350 hits, 121
     * relevant), rounded; leave-one-query-out chose distance, gap and words missing from the thread among the features
     * listed above (forward selection by log-loss: 0.44 distance alone, 0.37 with missing words, 0.32 with the gap too;
     * no fourth feature lowered it by 0.002).
     */
    static final double INTERCEPT = 5.88;

    static final double PER_DISTANCE = -14.5;
    static final double PER_GAP = -18.8;
    static final double PER_MISSING_WORD = -0.755;

    /**
     * The probability a hit needs (log-odds -1.1). Leave-one-query-out, 0.20-0.27 all kept the history's recall@5 at
     * 0.90 with precision 0.64-0.70; 0.30 0.73 at 0.88, 0.40 0.76 at 0.86, 0.50 0.75 at 0.85 (the first hit kept).
     */
    public static final double THRESHOLD = 0.25;

    /**
     * The probability the first hit needs: 0.05 kept as much as keeping it always (5 hits over the three history queries
     * with nothing related either way), where the threshold alone lost 3 relevant threads (recall 0.87, MRR 0.86).
     */
    public static final double FIRST_THRESHOLD = 0.05;

    /** The log-odds that a hit with {@code evidence} is relevant; NaN without a distance (no query vector). */
    public static double logOdds(Evidence evidence) {
        double missing = evidence.words().size() - evidence.threadWords().size();
        double gap = evidence.distance() - evidence.bestDistance();
        return INTERCEPT + PER_DISTANCE * evidence.distance() + PER_GAP * gap + PER_MISSING_WORD * missing;
    }

    /** The probability that a hit with {@code evidence} is relevant (NaN without a distance). */
    public static double probability(Evidence evidence) {
        return 1 / (1 + Math.exp(-logOdds(evidence)));
    }

    /**
     * The hits kept, in order: all of them when {@code on} is false; those without a distance (no query vector, or a
     * message not embedded yet) are kept, as there is no evidence to cut them by.
     */
    static List<Scored> cut(List<Scored> hits, boolean on) {
        if (!on) {
            return hits;
        }
        List<Scored> kept = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            double p = probability(hits.get(i).evidence());
            if (Double.isNaN(p) || p >= (i == 0 ? Math.min(THRESHOLD, FIRST_THRESHOLD) : THRESHOLD)) {
                kept.add(hits.get(i));
            }
        }
        return kept;
    }
}
