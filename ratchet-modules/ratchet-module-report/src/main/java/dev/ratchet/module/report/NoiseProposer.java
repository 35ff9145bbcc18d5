package dev.ratchet.module.report;

import dev.ratchet.module.report.AlertAnalytics.AlertFigures;
import dev.ratchet.module.report.AlertAnalytics.Figures;
import dev.ratchet.module.report.ChannelReport.Noise;
import dev.ratchet.module.report.ChannelReport.NoisyAlert;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.kit.LlmFallback;
import dev.ratchet.spi.kit.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns alert analytics into the report's noise section: picks the noisiest alerts and proposes one concrete change to
 * each alert rule, by rules on the figures (first that applies):
 * <ol>
 *   <li>flapping (at least two flaps, a third of the firings or more) → hysteresis, {@code keep_firing_for};</li>
 *   <li>short-lived (at least two, half of the firings or more, resolved within {@code short-firing} with nobody
 *       acting) → {@code for:} twice that;</li>
 *   <li>mostly outside working hours (half or more) and mostly nobody acting → route to business hours;</li>
 *   <li>never acted on (every firing resolved with nobody acting) → lower the severity to a ticket or delete it;</li>
 *   <li>mostly nobody acting → raise the threshold or lower the severity.</li>
 * </ol>
 * The wording is the rules' own; with a chat model configured the model words each proposal from the same figures
 * and change, and any failure of it falls back to the rules' wording (the detail is logged).
 */
final class NoiseProposer {

    static final String PURPOSE = "report-noise";
    /** Noisy alerts listed in a report. */
    static final int TOP = 5;

    private final LlmService llm;
    private final System.Logger log;
    private final int minFirings;
    private final Duration flapWindow;
    private final Duration shortFiring;

    NoiseProposer(LlmService llm, System.Logger log, int minFirings, Duration flapWindow, Duration shortFiring) {
        this.llm = llm;
        this.log = log;
        this.minFirings = minFirings;
        this.flapWindow = flapWindow;
        this.shortFiring = shortFiring;
    }

    /** The model's answer: one sentence per proposal, in the order given. */
    record Answer(@Schema(maxItems = TOP) List<Wording> proposals) {}

    /** One proposal as the model words it. */
    record Wording(@Schema(minLength = 1) String text) {}

    static final String SYSTEM = """
            You help an on-call team reduce alert noise. You get a numbered list of noisy alerts of one Slack channel, \
            each with its figures and the change to its alert rule that the figures call for. For each, in the same \
            order, write one sentence for the team that states the key figures and proposes exactly that change \
            (keep the rule change verbatim, in backticks). Do not invent figures or other changes. Answer in JSON: \
            {"proposals": [{"text": "..."}]}, one entry per alert.""";

    /** The noise section of {@code analytics}, worded by the model when one is configured. */
    Noise noise(AlertAnalytics analytics) {
        List<NoisyAlert> noisy = new ArrayList<>();
        analytics.alerts().stream()
                .filter(a -> a.figures().firings() >= minFirings)
                .filter(a -> noise(a.figures()) > 0)
                .sorted(Comparator.comparingInt((AlertFigures a) -> noise(a.figures()))
                        .reversed()
                        .thenComparing(a -> a.figures().firings(), Comparator.reverseOrder())
                        .thenComparing(AlertFigures::service)
                        .thenComparing(AlertFigures::alert))
                .map(a -> propose(a, analytics))
                .filter(a -> a != null)
                .limit(TOP)
                .forEach(noisy::add);
        if (noisy.isEmpty() || !llm.chatConfigured()) {
            return new Noise(analytics.days(), "rules", null, noisy);
        }
        try {
            if (!llm.chatAvailable()) {
                throw new dev.ratchet.spi.LlmUnavailableException("the chat model is not available");
            }
            Answer answer = llm.json(
                    PURPOSE, List.of(ChatMessage.system(SYSTEM), ChatMessage.user(prompt(noisy))), Answer.class);
            if (answer.proposals().size() != noisy.size()) {
                throw new dev.ratchet.spi.LlmAnswerInvalidException(
                        "the model worded " + answer.proposals().size() + " proposals for " + noisy.size() + " alerts",
                        null);
            }
            List<NoisyAlert> worded = new ArrayList<>();
            for (int i = 0; i < noisy.size(); i++) {
                NoisyAlert a = noisy.get(i);
                String text = answer.proposals().get(i).text().strip();
                worded.add(new NoisyAlert(
                        a.service(),
                        a.alert(),
                        a.firings(),
                        a.flaps(),
                        a.nobodyActed(),
                        a.quickNobodyActed(),
                        a.outsideWorkingHours(),
                        a.kind(),
                        a.change(),
                        text.isEmpty() ? a.proposal() : text));
            }
            return new Noise(analytics.days(), "llm", null, worded);
        } catch (Exception e) {
            // unavailable, invalid or anything else: the rules' wording says the same, the detail goes to the log
            log.log(
                    System.Logger.Level.WARNING,
                    "report of " + analytics.channel() + ": noise proposals in the rules' wording: " + e.getMessage());
            return new Noise(
                    analytics.days(),
                    "rules",
                    LlmFallback.of(llm, e).sentence() + ": proposals in the rules' wording.",
                    noisy);
        }
    }

    /** How noisy: firings resolved with nobody acting, plus flaps. */
    static int noise(Figures f) {
        return f.nobodyActed() + f.flaps();
    }

    /** The proposal the rules make for {@code a}, or null when none applies. */
    NoisyAlert propose(AlertFigures a, AlertAnalytics analytics) {
        Figures f = a.figures();
        int n = f.firings();
        String head = "`" + a.alert() + "` on " + a.service() + ": " + n + " firings in " + analytics.days() + " days";
        String kind;
        String change;
        String proposal;
        if (f.flaps() >= 2 && f.flaps() * 3 >= n) {
            kind = "hysteresis";
            change = "keep_firing_for: " + Durations.format(flapWindow.toSeconds());
            proposal = head + ", " + f.flaps() + " fired again within " + Durations.format(flapWindow.toSeconds())
                    + " of resolving → add hysteresis: `" + change
                    + "` (or a wider gap between the firing and the resolving threshold)";
        } else if (a.quickNobodyActed() >= 2 && a.quickNobodyActed() * 2 >= n) {
            kind = "for";
            change = "for: " + Durations.format(shortFiring.multipliedBy(2).toSeconds());
            proposal = head + ", " + a.quickNobodyActed() + " resolved within "
                    + Durations.format(shortFiring.toSeconds()) + " with nobody acting → add `" + change + "`";
        } else if (f.outsideWorkingHoursPercent() >= 50 && f.nobodyActed() * 2 >= n) {
            kind = "business-hours";
            change = "active_time_intervals: [business-hours]";
            proposal = head + ", " + f.outsideWorkingHours() + " outside working hours (" + analytics.workingHours()
                    + ") and " + f.nobodyActed() + " resolved with nobody acting → route it to business hours "
                    + "(an Alertmanager route with `" + change + "`) instead of paging";
        } else if (f.nobodyActed() == n) {
            kind = "lower-severity";
            change = "severity: ticket";
            proposal = head + ", never acted on → lower its severity to a ticket (`" + change + "`) or delete it";
        } else if (f.nobodyActed() * 2 >= n) {
            kind = "threshold";
            change = "raise the threshold in expr";
            proposal = head + ", " + f.nobodyActed() + " resolved with nobody acting → raise its threshold in `expr` "
                    + "or lower its severity";
        } else {
            return null;
        }
        return new NoisyAlert(
                a.service(),
                a.alert(),
                n,
                f.flaps(),
                f.nobodyActed(),
                a.quickNobodyActed(),
                f.outsideWorkingHours(),
                kind,
                change,
                proposal);
    }

    /** The alerts, their figures and changes, numbered; no message text (figures only). */
    static String prompt(List<NoisyAlert> noisy) {
        StringBuilder p = new StringBuilder();
        int i = 1;
        for (NoisyAlert a : noisy) {
            p.append(i++)
                    .append(". ")
                    .append(a.alert())
                    .append(" on ")
                    .append(a.service())
                    .append(": ")
                    .append(a.firings())
                    .append(" firings, ")
                    .append(a.flaps())
                    .append(" flaps, ")
                    .append(a.nobodyActed())
                    .append(" resolved with nobody acting (")
                    .append(a.quickNobodyActed())
                    .append(" of them quickly), ")
                    .append(a.outsideWorkingHours())
                    .append(" outside working hours. Change: ")
                    .append(a.change())
                    .append(". Rule-based wording: ")
                    .append(a.proposal())
                    .append('\n');
        }
        return p.toString();
    }
}
