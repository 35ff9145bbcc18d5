package dev.ratchet.core.slack;

import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.MessageRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onboarding and thread backfill, one page per job so that the work is paced by Slack's limits without holding a
 * worker, resumes after a crash from the last committed page, and shows its progress (log lines, the channel's
 * {@code onboarding} attributes, the jobs dashboard).
 *
 * <p>Each page commits in one transaction: the messages (enrichment only, never replies), the jobs for threads with
 * replies, the progress, and the job for the next page. A 429 reschedules the same page after Slack's Retry-After; a
 * configured interval ({@code slack.history-interval}, one minute for non-Marketplace apps) spaces the pages of one
 * channel or thread, and a per-method gap keeps this process from bursting past it.
 */
public final class Onboarding {

    private static final Logger log = LoggerFactory.getLogger(Onboarding.class);

    private final Database db;
    private final MessageRepository messages;
    private final SlackApi api;
    private final SlackSettings settings;
    private final EventIngestor ingestor;
    private final SlackDirectory directory;
    private final JobSystem jobs;
    private final Map<String, Instant> nextCall = new ConcurrentHashMap<>();

    public Onboarding(
            Database db,
            SlackApi api,
            SlackSettings settings,
            EventIngestor ingestor,
            SlackDirectory directory,
            JobSystem jobs) {
        this.db = db;
        this.messages = new MessageRepository(db);
        this.api = api;
        this.settings = settings;
        this.ingestor = ingestor;
        this.directory = directory;
        this.jobs = jobs;
        jobs.registerHandler(ChannelPages.class, new ChannelPages());
        jobs.registerHandler(ThreadPages.class, new ThreadPages());
    }

    /**
     * Starts onboarding a channel unless it was started before (or {@code again}: start over, keeping what is
     * stored). Idempotent across processes.
     *
     * @return whether a job was enqueued
     */
    public boolean onboard(String teamId, String channelId, boolean again) {
        int generation = again ? (int) (System.currentTimeMillis() / 1000) : 0;
        return db.transaction(() -> {
            if (again) {
                directory.upsertChannel(
                        teamId,
                        channelId,
                        Map.of("onboarding", Map.of("state", "queued", "page", 0, "generation", generation)));
            }
            return jobs.enqueue(
                    new OnboardChannelJob(teamId, channelId, 0),
                    "onboard " + channelId,
                    "onboard:" + channelId + ":" + generation + ":0",
                    Duration.ZERO,
                    5,
                    "slack");
        });
    }

    /** Onboards every channel the bot is a member of that was never onboarded. */
    public int onboardMemberChannels(String teamId) throws SlackCallException {
        int started = 0;
        String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("types", "public_channel,private_channel");
            params.put("limit", "200");
            params.put("cursor", cursor);
            Map<String, Object> answer = api.callPatiently("users.conversations", params, 3);
            for (Object c : list(answer.get("channels"))) {
                if (c instanceof Map<?, ?> ch && onboard(teamId, String.valueOf(ch.get("id")), false)) {
                    started++;
                }
            }
            cursor = nextCursor(answer);
        } while (cursor != null);
        return started;
    }

    /** Runs pages of channel history. */
    public final class ChannelPages implements JobRequestHandler<OnboardChannelJob> {
        @Override
        public void run(OnboardChannelJob job) throws Exception {
            String channel = job.channelId();
            Map<String, Object> progress =
                    progress(directory.channel(channel).orElse(Map.of()).get("onboarding"));
            if (intOf(progress.get("page"), 0) != job.page() || "done".equals(progress.get("state"))) {
                log.debug("onboarding {}: page {} already done", channel, job.page());
                return;
            }
            if (job.page() == 0) {
                try {
                    Map<String, Object> info = api.callPatiently("conversations.info", Map.of("channel", channel), 3);
                    Map<?, ?> ch = info.get("channel") instanceof Map<?, ?> m ? m : Map.of();
                    Map<String, Object> attrs = new LinkedHashMap<>();
                    attrs.put("name", String.valueOf(ch.get("name")));
                    attrs.put("is_private", Boolean.TRUE.equals(ch.get("is_private")));
                    // DMs and group DMs have no is_private: quoting (MessageService.visibleIn) reads these
                    attrs.put("is_im", Boolean.TRUE.equals(ch.get("is_im")));
                    attrs.put("is_mpim", Boolean.TRUE.equals(ch.get("is_mpim")));
                    if (ch.get("topic") instanceof Map<?, ?> topic) {
                        attrs.put("topic", String.valueOf(topic.get("value")));
                    }
                    directory.upsertChannel(job.teamId(), channel, attrs);
                } catch (SlackCallException e) {
                    if (!handle(
                            e,
                            "onboarding " + channel,
                            () -> again(job, e.retryAfter().orElseThrow()))) {
                        fail(job, e);
                    }
                    return;
                }
            }
            int fetched = intOf(progress.get("fetched"), 0);
            int wanted = settings.onboardMessages() - fetched;
            if (wanted <= 0) {
                finish(job, fetched, intOf(progress.get("threads"), 0));
                return;
            }
            Optional<Duration> wait = pace("conversations.history");
            if (wait.isPresent()) {
                again(job, wait.get());
                return;
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("channel", channel);
            params.put("limit", Integer.toString(Math.min(settings.pageSize(), wanted)));
            params.put("cursor", (String) progress.get("cursor"));
            Map<String, Object> answer;
            try {
                answer = api.call("conversations.history", params);
            } catch (SlackCallException e) {
                if (!handle(
                        e,
                        "onboarding " + channel,
                        () -> again(job, e.retryAfter().orElseThrow()))) {
                    fail(job, e);
                }
                return;
            }
            List<?> page = list(answer.get("messages"));
            String next = nextCursor(answer);
            int total = fetched + page.size();
            int threads = db.transaction(() -> {
                int queued = 0;
                for (Object o : page) {
                    if (o instanceof Map<?, ?> raw) {
                        Map<String, Object> m = cast(raw);
                        ingestor.storeHistory(job.teamId(), channel, m);
                        if (intOf(m.get("reply_count"), 0) > 0
                                && jobs.enqueue(
                                        new BackfillThreadJob(job.teamId(), channel, (String) m.get("ts"), 0),
                                        "backfill " + channel + "/" + m.get("ts"),
                                        "backfill:" + channel + ":" + m.get("ts") + ":0",
                                        Duration.ZERO,
                                        5,
                                        "slack")) {
                            queued++;
                        }
                    }
                }
                boolean more = next != null && total < settings.onboardMessages() && !page.isEmpty();
                Map<String, Object> state = new LinkedHashMap<>(progress);
                state.put("state", more ? "running" : "done");
                state.put("page", job.page() + 1);
                state.put("cursor", next);
                state.put("fetched", total);
                state.put("threads", intOf(progress.get("threads"), 0) + queued);
                state.put(more ? "updated_at" : "finished_at", Instant.now().toString());
                directory.upsertChannel(job.teamId(), channel, Map.of("onboarding", state));
                if (more) {
                    jobs.enqueue(
                            new OnboardChannelJob(job.teamId(), channel, job.page() + 1),
                            "onboard " + channel + " page " + (job.page() + 1),
                            "onboard:" + channel + ":" + progress.getOrDefault("generation", 0) + ":"
                                    + (job.page() + 1),
                            settings.historyInterval(),
                            5,
                            "slack");
                }
                return queued;
            });
            log.info(
                    "onboarding {}: {} messages stored so far{}, {} thread(s) queued from this page",
                    channel,
                    total,
                    next != null && total < settings.onboardMessages() ? "" : " (done)",
                    threads);
        }

        private void again(OnboardChannelJob job, Duration delay) {
            jobs.enqueue(
                    new OnboardChannelJob(job.teamId(), job.channelId(), job.page()),
                    "onboard " + job.channelId() + " page " + job.page(),
                    null,
                    delay,
                    5,
                    "slack");
        }

        private void finish(OnboardChannelJob job, int fetched, int threads) {
            directory.upsertChannel(
                    job.teamId(),
                    job.channelId(),
                    Map.of(
                            "onboarding",
                            Map.of(
                                    "state",
                                    "done",
                                    "page",
                                    job.page() + 1,
                                    "fetched",
                                    fetched,
                                    "threads",
                                    threads,
                                    "finished_at",
                                    Instant.now().toString())));
        }

        private void fail(OnboardChannelJob job, SlackCallException e) {
            log.warn(
                    "onboarding {} stopped: {}. Invite the bot to the channel (/invite @ratchet) and run 'ratchet onboard {}' again.",
                    job.channelId(),
                    e.error(),
                    job.channelId());
            directory.upsertChannel(
                    job.teamId(),
                    job.channelId(),
                    Map.of(
                            "onboarding",
                            Map.of(
                                    "state",
                                    "failed",
                                    "page",
                                    job.page(),
                                    "error",
                                    e.error(),
                                    "updated_at",
                                    Instant.now().toString())));
        }
    }

    /** Runs pages of a thread's replies. */
    public final class ThreadPages implements JobRequestHandler<BackfillThreadJob> {
        @Override
        public void run(BackfillThreadJob job) throws Exception {
            String channel = job.channelId();
            String key = "backfill";
            Map<String, Object> parentAttrs =
                    messages.attrs(channel, job.threadTs()).orElse(Map.of());
            Map<String, Object> progress = progress(parentAttrs.get(key));
            if (intOf(progress.get("page"), 0) != job.page() || "done".equals(progress.get("state"))) {
                return;
            }
            Optional<Duration> wait = pace("conversations.replies");
            if (wait.isPresent()) {
                again(job, wait.get());
                return;
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("channel", channel);
            params.put("ts", job.threadTs());
            params.put("limit", Integer.toString(settings.pageSize()));
            params.put("cursor", (String) progress.get("cursor"));
            Map<String, Object> answer;
            try {
                answer = api.call("conversations.replies", params);
            } catch (SlackCallException e) {
                if (!handle(
                        e,
                        "thread backfill " + channel + "/" + job.threadTs(),
                        () -> again(job, e.retryAfter().orElseThrow()))) {
                    log.warn("thread backfill {}/{} stopped: {}", channel, job.threadTs(), e.error());
                }
                return;
            }
            String next = nextCursor(answer);
            db.transaction(() -> {
                int stored = intOf(progress.get("fetched"), 0);
                for (Object o : list(answer.get("messages"))) {
                    if (o instanceof Map<?, ?> raw) {
                        ingestor.storeHistory(job.teamId(), channel, cast(raw));
                        stored++;
                    }
                }
                Map<String, Object> state = Map.of(
                        "state",
                        next == null ? "done" : "running",
                        "page",
                        job.page() + 1,
                        "fetched",
                        stored,
                        "cursor",
                        next == null ? "" : next);
                messages.setBackfill(channel, job.threadTs(), state);
                if (next != null) {
                    jobs.enqueue(
                            new BackfillThreadJob(job.teamId(), channel, job.threadTs(), job.page() + 1),
                            "backfill " + channel + "/" + job.threadTs() + " page " + (job.page() + 1),
                            "backfill:" + channel + ":" + job.threadTs() + ":" + (job.page() + 1),
                            settings.historyInterval(),
                            5,
                            "slack");
                }
                return null;
            });
        }

        private void again(BackfillThreadJob job, Duration delay) {
            jobs.enqueue(
                    new BackfillThreadJob(job.teamId(), job.channelId(), job.threadTs(), job.page()),
                    "backfill " + job.channelId() + "/" + job.threadTs() + " page " + job.page(),
                    null,
                    delay,
                    5,
                    "slack");
        }
    }

    /**
     * Handles a failed call: a rate limit reschedules (returns true); a transport failure is thrown for JobRunr to
     * retry; a Slack error (not_in_channel, channel_not_found) returns false for the caller to record.
     */
    private boolean handle(SlackCallException e, String what, Runnable reschedule) throws SlackCallException {
        if (e.isRateLimited()) {
            Duration wait = e.retryAfter().orElseThrow();
            nextCall.merge(e.method(), Instant.now().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
            log.info("{}: Slack rate-limited {}; continuing in {} s", what, e.method(), wait.toSeconds());
            reschedule.run();
            return true;
        }
        if (e.error().startsWith("no answer") || e.error().startsWith("http_")) {
            throw e;
        }
        return false;
    }

    /**
     * Spaces calls of one method in this process by the configured interval: empty when a call may go now (and
     * books the slot), else how long to wait.
     */
    private Optional<Duration> pace(String method) {
        Instant now = Instant.now();
        Instant[] granted = new Instant[1];
        nextCall.compute(method, (m, next) -> {
            if (next == null || !next.isAfter(now)) {
                granted[0] = now;
                return now.plus(settings.historyInterval());
            }
            return next;
        });
        if (granted[0] != null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, nextCall.get(method)).plusMillis(10));
    }

    private static Map<String, Object> progress(Object value) {
        return value instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static int intOf(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static String nextCursor(Map<String, Object> answer) {
        if (answer.get("response_metadata") instanceof Map<?, ?> meta
                && meta.get("next_cursor") instanceof String c
                && !c.isBlank()) {
            return c;
        }
        return null;
    }
}
