package dev.ratchet.module.report;

import java.util.List;

/**
 * How a channel's alerts behaved over a period, per alert (service + name) and for the channel, with the previous
 * period of the same length for the trend: what the {@code alert_analytics} tool, the route
 * {@code GET /api/modules/report/alerts} and {@code ratchet alerts} return, and what the report's noise section is made
 * from. Plain records of strings, numbers and lists; times ISO-8601 UTC, durations whole seconds.
 *
 * @param channel           the channel id
 * @param since             period start, inclusive
 * @param until             period end, exclusive
 * @param days              the period's length in days
 * @param flapWindowSeconds a firing within this long after the same alert resolved is a flap ({@code report.flap-window})
 * @param workingHours      the channel's working hours and time zone ({@code Mon-Fri 09:00-18:00 UTC})
 * @param channelFigures    the figures of every firing of the channel
 * @param previous          the channel's figures over the previous period of the same length
 * @param alerts            per alert that fired in the period, most firings first
 * @since 0.2
 */
public record AlertAnalytics(
        String channel,
        String since,
        String until,
        int days,
        long flapWindowSeconds,
        String workingHours,
        Figures channelFigures,
        Figures previous,
        List<AlertFigures> alerts) {

    public AlertAnalytics {
        alerts = List.copyOf(alerts);
    }

    /**
     * The figures of a set of firings (opens posted in the period, deleted messages left out).
     *
     * @param firings                      how many
     * @param resolved                     of those, resolved since
     * @param flaps                        fired again within the flap window of the same alert resolving
     * @param nobodyActed                  resolved with no reply from a person in the thread and no person's reaction
     *                                     on the alert
     * @param responded                    got a reply from a person in the thread
     * @param medianSecondsToFirstResponse the median time from firing to the first person's reply, null when none
     * @param p50SecondsToResolve          the median time to resolve (nearest rank), null when none resolved
     * @param p90SecondsToResolve          the 90th percentile time to resolve (nearest rank), null when none resolved
     * @param outsideWorkingHours          fired outside the channel's working hours
     * @param outsideWorkingHoursPercent   that share of the firings, in whole percent (0 when none fired)
     * @since 0.2
     */
    public record Figures(
            int firings,
            int resolved,
            int flaps,
            int nobodyActed,
            int responded,
            Long medianSecondsToFirstResponse,
            Long p50SecondsToResolve,
            Long p90SecondsToResolve,
            int outsideWorkingHours,
            int outsideWorkingHoursPercent) {

        static final Figures NONE = new Figures(0, 0, 0, 0, 0, null, null, null, 0, 0);
    }

    /**
     * One alert's figures.
     *
     * @param service                 the service, {@code "unknown"} when the classifier found none
     * @param alert                   the alert's name
     * @param figures                 its figures over the period
     * @param quickNobodyActed        of its firings, those resolved within {@code report.short-firing} with nobody
     *                                acting: noise an alert rule's {@code for:} would have kept quiet
     * @param previousFirings         its firings over the previous period
     * @param trend                   {@code new} (did not fire before), {@code up}, {@code down} or {@code same}
     * @since 0.2
     */
    public record AlertFigures(
            String service, String alert, Figures figures, int quickNobodyActed, int previousFirings, String trend) {}
}
