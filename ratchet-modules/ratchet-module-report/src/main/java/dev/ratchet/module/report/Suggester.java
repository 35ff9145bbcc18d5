package dev.ratchet.module.report;

import dev.ratchet.module.report.ChannelReport.AlertStats;
import dev.ratchet.module.report.ChannelReport.Suggestion;
import dev.ratchet.module.report.ChannelReport.Suggestions;
import dev.ratchet.module.report.ChannelReporter.Firing;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.kit.LlmFallback;
import dev.ratchet.spi.kit.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Asks the LLM for up to three suggestions for reducing toil, grounded in the period's statistics and alert threads.
 * Without a chat model, or when the call fails, says why in general words instead (the detail is logged): the statistics stand on their
 * own.
 */
final class Suggester {

    static final String PURPOSE = "report-suggestions";
    static final int MAX_SUGGESTIONS = 3;
    /** Threads quoted to the model: enough to ground suggestions, small enough for a 7B model's context. */
    static final int MAX_THREADS = 12;

    static final int MAX_MESSAGES_PER_THREAD = 8;
    static final int MAX_MESSAGE_LENGTH = 300;

    /** The model's answer; its JSON Schema is derived from it. */
    record Answer(@Schema(maxItems = MAX_SUGGESTIONS) List<Item> suggestions) {}

    /** One suggestion as the model wrote it. */
    record Item(
            @Schema(minLength = 1) String title,
            @Schema(minLength = 1) String detail) {}

    static final String SYSTEM = """
            You help an on-call team reduce operational toil. You get one Slack channel's alert statistics for a period \
            and excerpts of its alert threads. Suggest at most three concrete changes that would reduce toil: tune or \
            remove a noisy alert, automate a repeated fix, write a runbook, fix a recurring root cause, route an alert \
            nobody acts on. Base every suggestion on the statistics and threads given, name the alert or service it is \
            about, and do not invent facts. Answer in JSON: {"suggestions": [{"title": "...", "detail": "..."}]}, \
            a short imperative title and one to three sentences of detail.""";

    private final LlmService llm;
    private final System.Logger log;

    Suggester(LlmService llm, System.Logger log) {
        this.llm = llm;
        this.log = log;
    }

    Suggestions suggest(
            String channel, ReportPeriod period, List<AlertStats> alerts, List<Firing> firings, SlackService slack) {
        if (!llm.chatAvailable()) {
            return off(LlmFallback.before(llm));
        }
        if (firings.isEmpty()) {
            return new Suggestions(false, "No alerts fired in this period, so there is nothing to suggest.", List.of());
        }
        Answer answer;
        try {
            answer = llm.json(
                    PURPOSE,
                    List.of(
                            ChatMessage.system(SYSTEM),
                            ChatMessage.user(prompt(channel, period, alerts, firings, slack))),
                    Answer.class);
        } catch (Exception e) {
            // LlmUnavailableException (no model, unreachable, budget spent), an invalid answer, or anything else: the
            // report is still worth posting without suggestions
            // the detail (a schema violation, the provider's error) goes to the log, the report says why in general
            if (e instanceof LlmUnavailableException unavailable && llm.chatConfigured()) {
                return off(LlmFallback.logged(log, "report of " + channel + ": no suggestions", unavailable));
            }
            log.log(System.Logger.Level.WARNING, "report of " + channel + ": no suggestions: " + e.getMessage());
            return off(LlmFallback.of(llm, e));
        }
        return new Suggestions(true, null, suggestions(answer, slack));
    }

    private static Suggestions off(LlmFallback why) {
        return new Suggestions(false, why.sentence() + ": no suggestions, statistics only.", List.of());
    }

    /** The suggestions in the model's (schema-valid) answer, at most three, blank ones dropped. */
    static List<Suggestion> suggestions(Answer answer, SlackService slack) {
        List<Suggestion> out = new ArrayList<>();
        for (Item item : answer.suggestions()) {
            if (!item.title().isBlank() && out.size() < MAX_SUGGESTIONS) {
                out.add(new Suggestion(
                        slack.readable(item.title().strip()),
                        slack.readable(item.detail().strip())));
            }
        }
        return out;
    }

    /** The statistics and the threads of the alerts that fired most, names rendered, sizes bounded. */
    static String prompt(
            String channel, ReportPeriod period, List<AlertStats> alerts, List<Firing> firings, SlackService slack) {
        StringBuilder p = new StringBuilder();
        p.append("Channel ")
                .append(channel)
                .append(", ")
                .append(period.days())
                .append(" days from ")
                .append(period.since())
                .append(" to ")
                .append(period.until())
                .append(".\n\nAlerts (service / alert: firings, ")
                .append("resolved, mean time open, never resolved):\n");
        for (AlertStats a : alerts.subList(0, Math.min(30, alerts.size()))) {
            p.append("- ")
                    .append(a.service())
                    .append(" / ")
                    .append(a.alert())
                    .append(": ")
                    .append(a.firings())
                    .append(" firings, ")
                    .append(a.closed())
                    .append(" resolved, mean open ")
                    .append(a.meanOpenSeconds() == null ? "n/a" : Durations.format(a.meanOpenSeconds()))
                    .append(", ")
                    .append(a.neverClosed())
                    .append(" never resolved\n");
        }
        long unanswered = firings.stream().filter(f -> f.responders().isEmpty()).count();
        p.append("\n")
                .append(unanswered)
                .append(" of ")
                .append(firings.size())
                .append(" firings got no reply from a person.\n");

        // the threads with most human discussion first: they say how alerts are handled
        List<Firing> quoted = new ArrayList<>(firings);
        quoted.sort(Comparator.comparingInt((Firing f) -> f.responders().size())
                .reversed()
                .thenComparing((Firing f) -> f.thread().size(), Comparator.reverseOrder()));
        p.append("\nAlert threads:\n");
        for (Firing f : quoted.subList(0, Math.min(MAX_THREADS, quoted.size()))) {
            p.append("\n## ")
                    .append(f.key())
                    .append(" fired ")
                    .append(f.message().postedAt())
                    .append(f.closed() ? ", resolved after " + Durations.format(f.openSeconds()) : ", not resolved")
                    .append('\n');
            int n = 0;
            for (Message m : f.thread()) {
                if (m.deleted() || n++ >= MAX_MESSAGES_PER_THREAD) {
                    continue;
                }
                String who = m.botId()
                        .or(m::userId)
                        .map(id -> "@" + slack.displayName(id))
                        .orElse("someone");
                String text = slack.readable(m.text()).replaceAll("\\s+", " ").strip();
                if (text.length() > MAX_MESSAGE_LENGTH) {
                    text = text.substring(0, MAX_MESSAGE_LENGTH) + "…";
                }
                p.append(who).append(": ").append(text).append('\n');
            }
        }
        return p.toString();
    }
}
