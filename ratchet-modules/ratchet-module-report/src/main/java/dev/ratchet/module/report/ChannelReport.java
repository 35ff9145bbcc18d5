package dev.ratchet.module.report;

import java.util.List;

/**
 * The report of one channel over one period: what the {@code channel_report} tool and the
 * {@code GET /api/modules/report/channels/{channel}} route return, and what the Slack post shows. Plain records of
 * strings, numbers, booleans and lists, so that any JSON serialiser writes them as is; times are ISO-8601 strings in
 * UTC, durations whole seconds. People and bots appear by display name, never by id; quoted texts have Slack's
 * mention markup rendered ({@code <@U123>} as {@code @Alice}).
 *
 * @param channel                   the channel id
 * @param periodKey                 identifies the period ({@code 7d-2026-03-16}: its length and the UTC date it ends
 *                                  on); posts are keyed by it, so a report is posted once per channel and period
 * @param since                     period start, inclusive
 * @param until                     period end, exclusive
 * @param days                      the period's length in days
 * @param longOpenThresholdSeconds  alerts open longer than this are "open too long" (option {@code long-open})
 * @param totals                    the channel's totals
 * @param alerts                    per service and alert, most firings first
 * @param neverActedOn              firings with no reply from a person in their thread, oldest first
 * @param openTooLong               firings closed after longer than the threshold, or still open and older than it,
 *                                  longest first
 * @param mostFrequent              the five alerts that fired most
 * @param suggestions               up to three suggestions for reducing toil, or why there are none
 * @param questions                 the questions people asked and how fast they were answered (since 0.2)
 * @param noise                     the noisiest alerts over the noise window, each with a tuning proposal (since 0.2)
 * @since 0.1
 */
public record ChannelReport(
        String channel,
        String periodKey,
        String since,
        String until,
        int days,
        long longOpenThresholdSeconds,
        Totals totals,
        List<AlertStats> alerts,
        List<AlertOccurrence> neverActedOn,
        List<AlertOccurrence> openTooLong,
        List<FrequentAlert> mostFrequent,
        Suggestions suggestions,
        Questions questions,
        Noise noise) {

    public ChannelReport {
        alerts = List.copyOf(alerts);
        neverActedOn = List.copyOf(neverActedOn);
        openTooLong = List.copyOf(openTooLong);
        mostFrequent = List.copyOf(mostFrequent);
        questions = questions == null ? Questions.NONE : questions;
        noise = noise == null ? Noise.NONE : noise;
    }

    /** A report without the noise section, as 0.2 made them before it. */
    public ChannelReport(
            String channel,
            String periodKey,
            String since,
            String until,
            int days,
            long longOpenThresholdSeconds,
            Totals totals,
            List<AlertStats> alerts,
            List<AlertOccurrence> neverActedOn,
            List<AlertOccurrence> openTooLong,
            List<FrequentAlert> mostFrequent,
            Suggestions suggestions,
            Questions questions) {
        this(
                channel,
                periodKey,
                since,
                until,
                days,
                longOpenThresholdSeconds,
                totals,
                alerts,
                neverActedOn,
                openTooLong,
                mostFrequent,
                suggestions,
                questions,
                Noise.NONE);
    }

    /** A report without questions, as 0.1 made them. */
    public ChannelReport(
            String channel,
            String periodKey,
            String since,
            String until,
            int days,
            long longOpenThresholdSeconds,
            Totals totals,
            List<AlertStats> alerts,
            List<AlertOccurrence> neverActedOn,
            List<AlertOccurrence> openTooLong,
            List<FrequentAlert> mostFrequent,
            Suggestions suggestions) {
        this(
                channel,
                periodKey,
                since,
                until,
                days,
                longOpenThresholdSeconds,
                totals,
                alerts,
                neverActedOn,
                openTooLong,
                mostFrequent,
                suggestions,
                Questions.NONE,
                Noise.NONE);
    }

    /** This report with {@code noise} as its noise section. */
    ChannelReport withNoise(Noise noise) {
        return new ChannelReport(
                channel,
                periodKey,
                since,
                until,
                days,
                longOpenThresholdSeconds,
                totals,
                alerts,
                neverActedOn,
                openTooLong,
                mostFrequent,
                suggestions,
                questions,
                noise);
    }

    /**
     * The noise section: the noisiest alerts of the channel over the last {@code days} (ending when the report's
     * period ends) and a concrete change to each alert rule, derived from the figures ({@link AlertAnalytics}).
     *
     * @param days   the window the figures cover (option {@code noise-days}, at least the report's period)
     * @param worded {@code llm} when the model worded the proposals, {@code rules} when they are the rule-based wording
     * @param note   why the rule-based wording is shown with a model configured (the model failed), null otherwise
     * @param alerts the noisiest alerts, noisiest first (resolved with nobody acting plus flaps), at most five
     * @since 0.2
     */
    public record Noise(int days, String worded, String note, List<NoisyAlert> alerts) {

        /** No noise section (a report made without one). */
        public static final Noise NONE = new Noise(0, "rules", null, List.of());

        public Noise {
            alerts = List.copyOf(alerts);
        }
    }

    /**
     * A noisy alert and the change proposed for its rule.
     *
     * @param service             the service
     * @param alert               the alert's name
     * @param firings             its firings over the noise window
     * @param flaps               of those, fired again within the flap window of resolving
     * @param nobodyActed         resolved with no reply or reaction from a person
     * @param quickNobodyActed    resolved within {@code report.short-firing} with nobody acting
     * @param outsideWorkingHours fired outside the channel's working hours
     * @param kind                the proposal's kind: {@code hysteresis} (flapping), {@code for} (short-lived),
     *                            {@code business-hours}, {@code lower-severity} (never acted on) or {@code threshold}
     * @param change              the rule change itself ({@code for: 10m}, {@code keep_firing_for: 30m}, ...)
     * @param proposal            the proposal as one sentence: the figures, then the change
     * @since 0.2
     */
    public record NoisyAlert(
            String service,
            String alert,
            int firings,
            int flaps,
            int nobodyActed,
            int quickNobodyActed,
            int outsideWorkingHours,
            String kind,
            String change,
            String proposal) {}

    /**
     * The questions people asked in the channel over the period, as the classifier module recognises them (a person
     * asking for help, not a rhetorical "?"), and their first answers in their threads.
     *
     * @param asked                      questions asked
     * @param answered                   of those, answered in their thread (by another person, or closed by the asker)
     * @param unanswered                 not answered when the report was made
     * @param medianSecondsToFirstAnswer the median time from a question to its first answer, null when none was answered
     * @param unansweredQuestions        the unanswered ones, oldest first, at most {@value ChannelReporter#TOP_QUESTIONS}
     * @since 0.2
     */
    public record Questions(
            int asked,
            int answered,
            int unanswered,
            Long medianSecondsToFirstAnswer,
            List<UnansweredQuestion> unansweredQuestions) {

        /** No question asked (or none recognised). */
        public static final Questions NONE = new Questions(0, 0, 0, null, List.of());

        public Questions {
            unansweredQuestions = List.copyOf(unansweredQuestions);
        }
    }

    /**
     * A question nobody answered.
     *
     * @param ts      the question's Slack ts (its thread)
     * @param askedAt when it was asked
     * @param askedBy the name of the person who asked
     * @param text    the question on one line, mentions rendered, shortened
     * @since 0.2
     */
    public record UnansweredQuestion(String ts, String askedAt, String askedBy, String text) {}

    /**
     * Channel totals over the period.
     *
     * @param firings        alert firings (messages the classifier marked {@code open})
     * @param distinctAlerts distinct service and alert pairs that fired
     * @param closed         firings that were resolved since
     * @param neverClosed    firings not resolved (yet)
     * @param neverActedOn   firings nobody replied to
     * @param openTooLong    firings open longer than the threshold
     * @since 0.1
     */
    public record Totals(
            int firings, int distinctAlerts, int closed, int neverClosed, int neverActedOn, int openTooLong) {}

    /**
     * One alert's statistics.
     *
     * @param service         the service, {@code "unknown"} when the classifier found none
     * @param alert           the alert's name
     * @param firings         how often it fired in the period
     * @param closed          how many of those firings were resolved
     * @param neverClosed     how many were not
     * @param meanOpenSeconds the mean time from firing to resolution of the resolved ones, null when none was
     * @since 0.1
     */
    public record AlertStats(
            String service, String alert, int firings, int closed, int neverClosed, Long meanOpenSeconds) {}

    /**
     * One firing of an alert.
     *
     * @param service     the service
     * @param alert       the alert's name
     * @param priority    the priority the classifier found, null when none
     * @param ts          the alert message's Slack ts (its thread)
     * @param firedAt     when it fired
     * @param postedBy    the name of the integration or person that posted it
     * @param text        the alert message on one line, mentions rendered, shortened
     * @param closed      whether it was resolved
     * @param openSeconds how long it was open: until resolved, or until the report was made when still open
     * @param responders  the names of the people who replied in its thread
     * @since 0.1
     */
    public record AlertOccurrence(
            String service,
            String alert,
            String priority,
            String ts,
            String firedAt,
            String postedBy,
            String text,
            boolean closed,
            long openSeconds,
            List<String> responders) {
        public AlertOccurrence {
            responders = List.copyOf(responders);
        }
    }

    /**
     * An alert among the most frequent.
     *
     * @since 0.1
     */
    public record FrequentAlert(String service, String alert, int firings) {}

    /**
     * The LLM's suggestions for reducing toil.
     *
     * @param generated whether the model was asked and answered
     * @param note      when not generated, why (for instance that generation is off); null otherwise
     * @param items     at most three suggestions; empty when not generated
     * @since 0.1
     */
    public record Suggestions(boolean generated, String note, List<Suggestion> items) {
        public Suggestions {
            items = List.copyOf(items);
        }
    }

    /**
     * One suggestion.
     *
     * @param title  a short imperative title
     * @param detail why and how, grounded in the period's threads
     * @since 0.1
     */
    public record Suggestion(String title, String detail) {}
}
