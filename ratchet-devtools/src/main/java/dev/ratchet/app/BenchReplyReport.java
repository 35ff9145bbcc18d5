package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.jobs.EventJob;
import dev.ratchet.core.storage.ModuleRunRepository;
import dev.ratchet.spi.Stage;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.EnqueuedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.navigation.OffsetBasedPageRequest;

/**
 * The figures of {@code ratchet bench reply}: per event, the reply time and where it went, from what the bot
 * recorded (JobRunr's job states, {@code llm_calls}, {@code bot_posts}) once every event was answered. Every instant
 * comes from this machine's wall clock (the emulator's ts, JobRunr's {@code Instant.now()}, PostgreSQL's
 * {@code now()}), so the segments add up to the reply time, give or take the transaction that stamped each.
 */
final class BenchReplyReport {

    /** One module handler's job for one event: when it was enqueued and when a worker started it. */
    private record Run(String module, boolean enrich, Instant enqueued, Instant started) {}

    /** LLM time recorded for one event, in ms: chat requests, and the message's embedding (an ENRICH run). */
    private static final class Llm {
        long chat;
        int chatCalls;
        long embeddings;
    }

    private record Post(String module, Instant created) {}

    private final String channel;
    private final Map<String, List<Run>> runs = new HashMap<>(); // by event key
    private final Map<String, Llm> llm = new HashMap<>(); // by event key
    private final Map<String, Post> posts = new HashMap<>(); // first bot post by thread ts

    /** Succeeded jobs read per page: the report holds a page of JobRunr's jobs at a time, never all of them. */
    static final int PAGE = 500;

    /**
     * Reads what the bot recorded for the sampled events. JobRunr's succeeded jobs are read a page at a time, newest
     * first, down to the first sample's time (older jobs are another run's), and only the handler runs of sampled
     * events are kept: at 10 k events the jobs of the whole run never sit in the heap at once.
     */
    BenchReplyReport(Ratchet ratchet, String channel, List<BenchReply.Sample> samples) {
        this.channel = channel;
        Set<String> keys = new HashSet<>();
        Instant since = Instant.MAX;
        for (BenchReply.Sample s : samples) {
            keys.add("message:" + channel + ":" + s.ts());
            Instant sent = Instant.ofEpochSecond(0, micros(s.ts()) * 1_000L);
            since = sent.isBefore(since) ? sent : since;
        }
        Set<UUID> seen = new HashSet<>();
        for (long offset = 0; !keys.isEmpty(); offset += PAGE) {
            List<Job> page = ratchet.jobs()
                    .storage()
                    .getJobList(StateName.SUCCEEDED, new OffsetBasedPageRequest("updatedAt:DESC", offset, PAGE));
            for (Job job : page) {
                if (!seen.add(job.getId()) // a job that succeeded while paging shifts the pages by one
                        || !(job.getJobDetails().getJobParameters().get(0).getObject() instanceof EventJob e)
                        || !keys.contains(e.eventKey())) {
                    continue;
                }
                boolean enrich = ratchet.registrations()
                        .handler(e.moduleId(), e.handler())
                        .map(h -> h.subscription().stage() == Stage.ENRICH)
                        .orElse(false);
                Optional<Instant> enqueued = first(job, EnqueuedState.class);
                Optional<Instant> started = first(job, ProcessingState.class);
                if (enqueued.isPresent() && started.isPresent()) {
                    runs.computeIfAbsent(e.eventKey(), k -> new ArrayList<>())
                            .add(new Run(e.moduleId(), enrich, enqueued.get(), started.get()));
                }
            }
            if (page.size() < PAGE || page.get(page.size() - 1).getUpdatedAt().isBefore(since)) {
                break;
            }
        }
        // a REACT run the ENRICH job that released it ran in its own worker has no job: it started as that job's
        // ENRICH run finished (the run's last update), with no queue wait
        List<ModuleRunRepository.Updated> updated =
                ratchet.storage().moduleRuns().updated(new ArrayList<>(keys));
        Map<String, Instant> enrichedAt = new HashMap<>();
        for (ModuleRunRepository.Updated u : updated) {
            if (u.stage().equals("ENRICH")) {
                enrichedAt.merge(u.eventKey(), u.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        for (ModuleRunRepository.Updated u : updated) {
            List<Run> eventRuns = runs.get(u.eventKey());
            if (!u.stage().equals("REACT")
                    || eventRuns == null
                    || !enrichedAt.containsKey(u.eventKey())
                    || eventRuns.stream()
                            .anyMatch(r -> !r.enrich() && r.module().equals(u.moduleId()))) {
                continue;
            }
            Instant at = enrichedAt.get(u.eventKey());
            eventRuns.add(new Run(u.moduleId(), false, at, at));
        }
        ratchet.storage().llmCalls().perEvent(channel).forEach(row -> {
            Llm l = llm.computeIfAbsent(row.eventKey(), k -> new Llm());
            long ms = row.millis();
            if ("chat".equals(row.kind())) {
                l.chat += ms;
                l.chatCalls += (int) row.calls();
            } else {
                l.embeddings += ms;
            }
        });
        ratchet.storage()
                .botPosts()
                .threadPosts(channel)
                .forEach(p -> posts.putIfAbsent(p.threadTs(), new Post(p.moduleId(), p.createdAt())));
    }

    private static Optional<Instant> first(Job job, Class<? extends JobState> type) {
        return job.getJobStatesOfType(type).findFirst().map(JobState::getCreatedAt);
    }

    /** The reply time of each answered sample less the LLM chat time recorded for its event, in ms. */
    List<Double> withoutLlm(List<BenchReply.Sample> samples) {
        List<Double> out = new ArrayList<>();
        for (BenchReply.Sample s : samples) {
            if (s.replyTs() != null) {
                Llm l = llm.getOrDefault("message:" + channel + ":" + s.ts(), new Llm());
                out.add((micros(s.replyTs()) - micros(s.ts())) / 1e3 - l.chat);
            }
        }
        return out;
    }

    /** Prints the summary of one kind of event: reply time, LLM excluded, LLM and embedding time, the breakdown. */
    void print(PrintWriter out, String label, List<BenchReply.Sample> samples) {
        List<Double> total = new ArrayList<>();
        List<Double> withoutLlm = new ArrayList<>();
        List<Double> chat = new ArrayList<>();
        List<Double> chatCalls = new ArrayList<>();
        List<Double> embeddings = new ArrayList<>();
        Map<String, List<Double>> segments = new LinkedHashMap<>();
        for (String s : List.of(
                "delivery+ingest",
                "queue wait",
                "ENRICH stage",
                "REACT queue wait",
                "REACT work (LLM excluded)",
                "LLM",
                "Slack post")) {
            segments.put(s, new ArrayList<>());
        }
        String replier = "?";
        for (BenchReply.Sample s : samples) {
            if (s.replyTs() == null) {
                continue;
            }
            String key = "message:" + channel + ":" + s.ts();
            double sent = micros(s.ts()) / 1e3;
            double replied = micros(s.replyTs()) / 1e3;
            Llm l = llm.getOrDefault(key, new Llm());
            total.add(replied - sent);
            withoutLlm.add(replied - sent - l.chat);
            chat.add((double) l.chat);
            chatCalls.add((double) l.chatCalls);
            embeddings.add((double) l.embeddings);
            Post post = posts.get(s.ts());
            List<Run> eventRuns = runs.getOrDefault(key, List.of());
            Optional<Run> react = post == null
                    ? Optional.empty()
                    : eventRuns.stream()
                            .filter(r -> !r.enrich() && r.module().equals(post.module()))
                            .findFirst();
            Optional<Instant> enqueued =
                    eventRuns.stream().filter(Run::enrich).map(Run::enqueued).min(Instant::compareTo);
            Optional<Instant> started =
                    eventRuns.stream().filter(Run::enrich).map(Run::started).min(Instant::compareTo);
            if (react.isEmpty() || enqueued.isEmpty() || started.isEmpty()) {
                continue;
            }
            replier = post.module();
            segments.get("delivery+ingest").add(millis(enqueued.get()) - sent);
            segments.get("queue wait").add(millis(started.get()) - millis(enqueued.get()));
            segments.get("ENRICH stage").add(millis(react.get().enqueued()) - millis(started.get()));
            segments.get("REACT queue wait")
                    .add(millis(react.get().started()) - millis(react.get().enqueued()));
            segments.get("REACT work (LLM excluded)")
                    .add(millis(post.created()) - millis(react.get().started()) - l.chat);
            segments.get("LLM").add((double) l.chat);
            segments.get("Slack post").add(replied - millis(post.created()));
        }
        if (total.isEmpty()) {
            out.printf("%s: none of %d answered%n", label, samples.size());
            return;
        }
        out.printf(
                "%s (%d of %d answered, by %s): %s%n",
                label, total.size(), samples.size(), replier, BenchCommand.stats(total));
        out.printf("  LLM excluded: %s%n", BenchCommand.stats(withoutLlm));
        out.printf(
                "  LLM chat per event (llm_calls latency, %.0f call(s) p50): %s%n",
                BenchCommand.percentile(chatCalls, 50), BenchCommand.stats(chat));
        out.printf(
                "  message embedding recorded for the event (0 since core embeds messages in batches, off the reply path): %s%n",
                BenchCommand.stats(embeddings));
        StringBuilder b = new StringBuilder();
        for (var e : segments.entrySet()) {
            if (!e.getValue().isEmpty()) {
                b.append(b.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append(' ')
                        .append(String.format(
                                "%.1f/%.1f",
                                BenchCommand.percentile(e.getValue(), 50), BenchCommand.percentile(e.getValue(), 95)));
            }
        }
        out.printf(
                "  breakdown, p50/p95 ms (%d events): %s%n", segments.get("LLM").size(), b);
    }

    /**
     * The in-process embedding of one search query, timed apart: the REACT path embeds the runbook's semantic query
     * (recent activity), and query embeddings are not recorded in llm_calls.
     */
    static void printQueryEmbedding(PrintWriter out, Ratchet ratchet, String text)
            throws dev.ratchet.spi.LlmUnavailableException {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            ratchet.llm().embedder().embed(List.of(text + " " + i));
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        out.printf(
                "search query embedding (%s, in-process, on the REACT path of alerts; not subtracted): %s%n",
                ratchet.llm().embedder().model(), BenchCommand.stats(ms));
    }

    private static double millis(Instant i) {
        return i.getEpochSecond() * 1e3 + i.getNano() / 1e6;
    }

    /** A Slack ts ("1700000000.000100") in microseconds since the epoch. */
    private static long micros(String ts) {
        int dot = ts.indexOf('.');
        return Long.parseLong(ts.substring(0, dot)) * 1_000_000L + Long.parseLong(ts.substring(dot + 1));
    }
}
