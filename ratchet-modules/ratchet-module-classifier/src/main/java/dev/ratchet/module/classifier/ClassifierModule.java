package dev.ratchet.module.classifier;

import dev.ratchet.module.classifier.Classification.Action;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.AlertService;
import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.Stage;
import dev.ratchet.spi.Subscription;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code classifier} module: embeds every message, and recognises alerts firing ({@code open}) and resolving
 * ({@code close}) in bot messages, pairing each close with its open.
 *
 * <p>It records what it recognises as {@link AlertEvent}s through {@link AlertService}, the contract other modules
 * (runbook, report, recent-activity) read: messages that are not alerts get no event at all; a message that was an
 * alert and was edited into something else is retracted. {@code source} is the tool ({@code alertmanager},
 * {@code grafana}, {@code datadog}, {@code pagerduty}, {@code opsgenie}, {@code cloudwatch}, {@code sentry},
 * {@code newrelic}, {@code generic} for a tool only the generic recogniser knows, or {@code binary} / {@code llm}),
 * {@code method} is {@code builtin}, {@code binary} or {@code llm}. Events written by {@code ratchet import
 * --from-go-db} ({@code method: imported}) are kept on messages this module does not recognise, and paired like its
 * own. Once paired, the open and the close point at each other and both have a duration (what the close
 * states, else close minus open); a close that states a duration has it even unpaired. An open whose own message is
 * edited into its resolution (as the Slack apps of PagerDuty, Opsgenie or incident.io resolve an alert) stays an open,
 * {@linkplain AlertEvent#resolvedInPlace() resolved in place}: paired with itself, its duration from its posting to the
 * edit; edited back into firing it is {@linkplain AlertService#reopen reopened}. History first seen resolved is a
 * close, as the edit was not seen.
 *
 * <p>Handlers run in the ENRICH stage, on live messages and on backfilled history, and again when a message is edited.
 */
public final class ClassifierModule implements RatchetModule {

    /** The module id. */
    public static final String ID = "classifier";

    static final ConfigOption<String> BINARY = ConfigOption.string("incident-classification-binary", null)
            .describedAs(
                    "executable asked (without a shell) to classify bot messages the built-in recognisers do not know: "
                            + "{\"username\",\"text\"} on stdin, {\"action\":\"open_incident|close_incident|none\",\"service\",\"alert\",\"priority\":\"HIGH|LOW\",\"duration\"} on stdout, "
                            + "as the Go Ratchet's binaries answer; a bare name is looked up on the PATH");
    static final ConfigOption<Duration> BINARY_TIMEOUT = ConfigOption.duration("binary-timeout", Duration.ofSeconds(5))
            .validatedBy(d -> !d.isZero() && d.compareTo(Duration.ofMinutes(5)) <= 0, "more than 0 and at most 5m")
            .describedAs("how long one run of the classifier binary may take before it is killed");
    static final ConfigOption<Integer> BINARY_MAX_OUTPUT = ConfigOption.integer(
                    "binary-max-output", 65_536, 1_024, 16 * 1024 * 1024)
            .describedAs("bytes of stdout accepted from the classifier binary; more is an error");
    static final ConfigOption<Boolean> LLM_FALLBACK = ConfigOption.bool("llm-fallback", false)
            .describedAs(
                    "ask the chat model to classify bot messages that neither the built-in recognisers nor the binary recognise");
    static final ConfigOption<Boolean> EMBED =
            ConfigOption.bool("embed", true).describedAs("store an embedding of every message for semantic search");
    static final ConfigOption<Duration> PAIRING_WINDOW = ConfigOption.duration("pairing-window", Duration.ofDays(14))
            .validatedBy(d -> !d.isZero(), "more than 0")
            .describedAs("how far apart an alert's open and close may be and still be paired");

    static final ConfigOption<Duration> REPEAT_WINDOW = ConfigOption.duration("repeat-window", Duration.ofHours(12))
            .orWord("off", Duration.ZERO)
            .describedAs("an alert that opens while one like it from the same poster is still open (opened within this"
                    + " long and not closed: a re-notification, a severity change) is no new alert: no runbook, not"
                    + " counted again; off to record every notification as an alert");

    /**
     * The {@code method} of alert events that {@code ratchet import --from-go-db} read from a Go Ratchet's database: a
     * message this module does not recognise keeps such an event instead of having it retracted.
     */
    static final String IMPORTED = "imported";

    static final ConfigOption<Boolean> QUESTIONS = ConfigOption.bool("questions", true)
            .describedAs("recognise people's questions and their first answers (docrag's automatic answers and the"
                    + " report's unanswered questions read them)");

    static final ConfigOption<Boolean> POSTER_HISTORY = ConfigOption.bool("poster-history", true)
            .describedAs("read a bot message no recogniser knows in the light of the same bot's earlier messages in the"
                    + " channel and what was decided about them: the same template as its messages the recognisers took"
                    + " for an alert (and never for anything else), a close in green naming its one open alert, and the"
                    + " learned stage at 0.5 rather than 0.7 for a bot known to post alerts; not with a binary, whose"
                    + " answer is final");

    static final ConfigOption<List<String>> INTEGRATION_USERS = ConfigOption.list("integration-users", List.of())
            .describedAs("user ids (U…) whose top-level messages are read as an integration's, for scripts and"
                    + " workflows that post alerts with a person's token; messages from any account that carry an"
                    + " integration's attachments or Block Kit sections are read so already");

    private static final int MAX_CANDIDATES = 10_000;
    /** The unpaired opens of a channel a close with no exact match looks through for alike names. */
    private static final int MAX_SIMILAR_CANDIDATES = 500;

    private static final int MAX_FALLBACK_ALERT_NAME = 120;
    /** The open alerts of the poster's services a new one is compared with, the newest first. */
    private static final int MAX_REPEAT_READS = 25;

    private final BuiltinClassifier builtin = new BuiltinClassifier();
    /** The tool-specific recognisers alone: with a binary configured, the generic one comes after the binary. */
    private final BuiltinClassifier specificOnly = new BuiltinClassifier(java.util.Set.of("generic"));

    private ModuleContext ctx;
    private Optional<ExternalClassifier> external = Optional.empty();
    private Optional<LlmClassifier> llm = Optional.empty();
    private boolean embed;
    private Duration pairingWindow;
    private Duration repeatWindow = Duration.ZERO;
    private java.util.Set<String> integrationUsers = java.util.Set.of();
    private boolean posterHistory;

    /** Needed by {@link java.util.ServiceLoader}. */
    public ClassifierModule() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Recognises alerts firing and resolving in bot messages, pairs them, and embeds every message";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(
                BINARY,
                BINARY_TIMEOUT,
                BINARY_MAX_OUTPUT,
                LLM_FALLBACK,
                EMBED,
                PAIRING_WINDOW,
                REPEAT_WINDOW,
                QUESTIONS,
                INTEGRATION_USERS,
                POSTER_HISTORY);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        Optional<String> binary =
                context.config().find(BINARY).map(String::trim).filter(s -> !s.isEmpty());
        if (binary.isPresent()) {
            Path path;
            try {
                // a bare name is looked up on the PATH, as the Go Ratchet did
                path = ExternalClassifier.locate(binary.get(), System.getenv("PATH"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ID + "." + BINARY.key() + ": " + e.getMessage()
                        + ". Set RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY (or --set " + ID + "." + BINARY.key()
                        + "=PATH) to an executable file or a program on the PATH, or unset it.");
            }
            Optional<String> problem = ExternalClassifier.problemWith(path);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(ID + "." + BINARY.key() + ": " + path + " is "
                        + problem.get().replace("no such file", "not an existing file")
                        + ". Set RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY (or --set " + ID + "." + BINARY.key()
                        + "=PATH) to an executable file (chmod +x), or unset it.");
            }
            external = Optional.of(new ExternalClassifier(
                    path.toAbsolutePath(),
                    context.config().get(BINARY_TIMEOUT),
                    context.config().get(BINARY_MAX_OUTPUT)));
        }
        if (context.config().get(LLM_FALLBACK)) {
            llm = Optional.of(new LlmClassifier(context));
        }
        embed = context.config().get(EMBED);
        pairingWindow = context.config().get(PAIRING_WINDOW);
        repeatWindow = context.config().get(REPEAT_WINDOW);
        integrationUsers = java.util.Set.copyOf(context.config().get(INTEGRATION_USERS));
        posterHistory = context.config().get(POSTER_HISTORY);
        if (embed) {
            // core embeds every message in batches (one job per batch, not per message); no reply needs a message's
            // own embedding (searches embed their query)
            context.embedMessages();
        }
        // one job per message does both: classification (messages, and bots' replies in threads) and question
        // tracking (messages and replies). Both are idempotent, so a retry of one re-running the other changes nothing;
        // the questions go first since they are cheap and never call the LLM.
        boolean questions = context.config().get(QUESTIONS);
        QuestionTracker tracker = questions ? new QuestionTracker(context) : null;
        EnumSet<EventType> events = EnumSet.of(EventType.MESSAGE, EventType.THREAD_REPLY);
        context.on(
                "classify",
                new Subscription(events, Stage.ENRICH, false, RetryPolicy.DEFAULT).includingBackfill(),
                event -> {
                    if (tracker != null) {
                        tracker.handle(event);
                    }
                    classify(event);
                });
        context.logger()
                .log(
                        Level.INFO,
                        "classifier: built-in recognisers{0}{1}{2}{3}",
                        posterHistory && external.isEmpty() ? ", poster history" : "",
                        external.map(e -> ", binary " + e).orElse(""),
                        llm.isPresent() ? ", LLM fallback" : "",
                        embed ? ", embeddings on" : "");
    }

    void classify(ChannelEvent event) throws InterruptedException {
        Message m = event.message();
        // a bot's reply in a thread is read as any bot message is (a bridge posting an alert's resolve or its repeat
        // in the alert's thread, an app's update there); a person's never (classify(Message) reads bots only), nor
        // Ratchet's own posts
        if (m.deleted() || m.isOwn()) {
            return;
        }
        Optional<Classification> found = classify(m);
        Optional<AlertEvent> stored = ctx.alerts().of(m);
        if ((found.isEmpty() || !found.get().isAlert())
                && stored.isPresent()
                && IMPORTED.equals(stored.get().method())) {
            // imported from a Go Ratchet's database, where its own binary may have classified it: kept, and paired
            keepImported(stored.get());
            return;
        }
        boolean wasAlert = stored.isPresent();
        if (found.isEmpty() || !found.get().isAlert()) {
            if (wasAlert) {
                ctx.alerts().retract(MessageRef.of(m));
            }
            return;
        }
        Classification c = found.get();
        if (c.alert().isBlank()) {
            String line = m.text().strip().split("\n", 2)[0];
            c = new Classification(
                    c.action(),
                    c.service(),
                    line.length() > MAX_FALLBACK_ALERT_NAME ? line.substring(0, MAX_FALLBACK_ALERT_NAME) : line,
                    c.priority(),
                    c.durationSeconds(),
                    c.source(),
                    c.method());
        }
        Optional<AlertEvent> storedOpen = stored.filter(e -> e.action() == AlertEvent.Action.OPEN);
        if (c.action() == Action.CLOSE && storedOpen.isPresent() && m.edited()) {
            // an open edited into its resolution (PagerDuty's, Opsgenie's, incident.io's apps, chat.update): it fired,
            // so it stays an open, resolved in place
            resolveInPlace(storedOpen.get(), c, m);
            return;
        }
        if (c.action() == Action.OPEN) {
            Optional<AlertEvent> repeated = repeatedOpen(m, c);
            if (repeated.isPresent()) {
                if (wasAlert) {
                    ctx.alerts().retract(MessageRef.of(m));
                }
                ctx.logger()
                        .log(
                                Level.DEBUG,
                                "classifier: {0}/{1} repeats the alert {2} still open since {3}: not a new alert",
                                m.channelId(),
                                m.ts(),
                                repeated.get().alert(),
                                repeated.get().message().ts());
                return;
            }
        }
        // the event first, committed, so that an open and its close handled at the same time see each other
        AlertEvent alert = c.event(m);
        ctx.alerts().record(alert);
        if (c.action() == Action.OPEN
                && m.edited()
                && (stored.isEmpty() || stored.get().resolvedInPlace())) {
            // edited back into firing after it was resolved in place (or retracted in between): it fires again
            ctx.alerts().reopen(alert.message());
        }
        if (c.action() == Action.CLOSE) {
            pairClose(alert, c);
        } else {
            pairOpen(alert, c);
        }
    }

    /**
     * Resolves an open by the edit of its own message into its resolution: paired with itself, with the duration the
     * edit states, else from its posting to the edit (the time Slack gives the edit, {@code edited.ts}; the handler's
     * clock when there is none). Nothing when it is resolved already, in place (an edit of the resolution: nothing
     * to redo) or by a close of its own.
     */
    private void resolveInPlace(AlertEvent open, Classification c, Message m) {
        if (open.pairedTs().isPresent()) {
            return;
        }
        Optional<String> editedTs = m.attrs().get("edited") instanceof java.util.Map<?, ?> e
                        && e.get("ts") instanceof String ts
                        && ts.matches("\\d+(\\.\\d+)?")
                ? Optional.of(ts)
                : Optional.empty();
        // as a close's: whole seconds from ts to ts
        long seconds = c.durationSeconds()
                .orElseGet(() -> editedTs.map(
                                ts -> Pairing.secondsBetween(open.message().ts(), ts))
                        .orElseGet(() -> Duration.between(open.at(), ctx.clock().instant())
                                .toSeconds()));
        ctx.alerts().pair(open.message(), open.message(), Duration.ofSeconds(Math.max(0, seconds)));
        ctx.logger()
                .log(
                        Level.DEBUG,
                        "classifier: {0}/{1} was edited into its resolution: the alert {2} resolved in place after {3}s",
                        m.channelId(),
                        m.ts(),
                        open.alert(),
                        Math.max(0, seconds));
    }

    /**
     * The open alert {@code m} repeats ({@link Repeats}): an unpaired open of the same poster within the repeat window
     * before it, with the same words and no other service; empty when it is a new alert (or the window is off).
     */
    private Optional<AlertEvent> repeatedOpen(Message m, Classification c) {
        if (repeatWindow.isZero()) {
            return Optional.empty();
        }
        Optional<String> poster = poster(m);
        if (poster.isEmpty()) {
            return Optional.empty();
        }
        Instant at = m.postedAt();
        Repeats.Seen seen = new Repeats.Seen(
                Pairing.seconds(m.ts()),
                poster.get(),
                Repeats.words(MessageView.of(m).text()),
                c.service(),
                c.alert());
        List<AlertEvent> open = new java.util.ArrayList<>(
                ctx.alerts().open(m.channelId(), at.minus(repeatWindow), at, MAX_SIMILAR_CANDIDATES));
        java.util.Collections.reverse(open); // the newest first: a repeat follows the alert it repeats
        int read = 0;
        for (AlertEvent o : open) {
            if (Pairing.seconds(o.message().ts()) >= seen.ts()
                    || !(c.service().isBlank()
                            || o.service().isBlank()
                            || c.service().equalsIgnoreCase(o.service()))) {
                continue; // itself, a later one, or another service's
            }
            if (++read > MAX_REPEAT_READS) {
                break; // a channel with this many alerts open: the newest are the likely ones
            }
            Optional<Message> earlier =
                    ctx.messages().get(o.message().channelId(), o.message().ts());
            if (earlier.isPresent()
                    && Repeats.repeats(
                            seen,
                            new Repeats.Seen(
                                    Pairing.seconds(o.message().ts()),
                                    poster(earlier.get()).orElse(""),
                                    Repeats.words(MessageView.of(earlier.get()).text()),
                                    o.service(),
                                    o.alert()))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    private void keepImported(AlertEvent event) {
        if (event.pairedTs().isPresent()) {
            return;
        }
        Classification c = recorded(event);
        if (c.action() == Action.CLOSE) {
            pairClose(event, c);
        } else {
            pairOpen(event, c);
        }
    }

    /**
     * The classification of a top-level message: the tool-specific recognisers, then the operator's binary (whose
     * answer, even "none", is final: it was configured on purpose), then the generic recogniser, then the LLM; empty for
     * people (but for what only an integration can post, and for the configured integration users).
     */
    Optional<Classification> classify(Message m) throws InterruptedException {
        MessageView view = MessageView.of(m);
        boolean integrationUser = m.userId().filter(integrationUsers::contains).isPresent();
        if (!view.bot() && !integrationUser) {
            return Optional.empty(); // a person quoting an alert is not an alert
        }
        String username = m.attrs().get("username") instanceof String u ? u : null;
        Optional<Classification> c = (external.isPresent() ? specificOnly : builtin).classify(view);
        if (c.isPresent()) {
            return c;
        }
        if (external.isPresent()) {
            try {
                return Optional.of(external.get().classify(username, m.text()));
            } catch (ExternalClassifier.Failure f) {
                ctx.logger()
                        .log(
                                Level.WARNING,
                                "classifier: binary gave no classification for {0}/{1}: {2}; message left unclassified",
                                m.channelId(),
                                m.ts(),
                                f.getMessage());
                return Optional.empty();
            }
        }
        if (posterHistory) {
            Optional<Classification> h = fromPosterHistory(m, view);
            if (h.isPresent()) {
                return h;
            }
        }
        return llm.map(l -> l.classify(m, username));
    }

    /**
     * What the poster's earlier messages in the channel say of {@code m} ({@link PosterHistory}): read as the LLM
     * fallback reads a bot's history (the channel's stored messages, newest first, and the alert events recorded for
     * them), each re-read by the recognisers, whose decisions alone are evidence for a template.
     */
    private Optional<Classification> fromPosterHistory(Message m, MessageView view) {
        Optional<String> poster = poster(m);
        if (poster.isEmpty()) {
            return Optional.empty();
        }
        List<Message> earlier = earlierOf(m, poster.get());
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        PosterHistory history = new PosterHistory(builtin);
        for (Message h : earlier) {
            MessageView hv = MessageView.of(h);
            Optional<Classification> decided = recognised(h, hv);
            if (decided.isEmpty()) {
                // what came after the recognisers (the history itself, the LLM) as recorded
                decided = ctx.alerts().of(h).map(ClassifierModule::recorded);
            }
            history.learn(poster.get(), hv, decided);
        }
        return history.recall(poster.get(), view);
    }

    /** What the recognisers said of a poster's earlier message, remembered: the next message of the poster reads it again. */
    private Optional<Classification> recognised(Message h, MessageView view) {
        String key = h.channelId() + "/" + h.ts() + "/" + view.hashCode();
        synchronized (recognised) {
            Optional<Classification> known = recognised.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<Classification> c = builtin.classify(view);
        synchronized (recognised) {
            recognised.put(key, c);
        }
        return c;
    }

    private static final int MAX_RECOGNISED = 8_192;

    private final java.util.Map<String, Optional<Classification>> recognised =
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Optional<Classification>> eldest) {
                    return size() > MAX_RECOGNISED;
                }
            };

    /** How far back a poster's earlier messages are read, and how many of them at most. */
    static final Duration POSTER_HISTORY_BACK = LlmClassifier.HISTORY;

    static final int POSTER_HISTORY_MESSAGES = 60;
    private static final int WINDOW_LIMIT = 500;

    /** The poster's top-level messages before {@code m} in its channel, oldest first, the newest kept. */
    private List<Message> earlierOf(Message m, String poster) {
        List<Message> out = new java.util.ArrayList<>();
        // the last hour, day, week, month, the newest first
        for (Message h : new RecentMessages(
                ctx.messages(),
                m.channelId(),
                m.postedAt(),
                List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), POSTER_HISTORY_BACK),
                WINDOW_LIMIT)) {
            if (!h.ts().equals(m.ts())
                    && !h.deleted()
                    && !h.isReply()
                    && Pairing.seconds(h.ts()) < Pairing.seconds(m.ts())
                    && poster(h).equals(Optional.of(poster))) {
                out.add(h);
                if (out.size() >= POSTER_HISTORY_MESSAGES) {
                    break; // the older windows not read
                }
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** A recorded alert event as the classification it records. */
    private static Classification recorded(AlertEvent event) {
        return new Classification(
                event.action() == AlertEvent.Action.OPEN ? Action.OPEN : Action.CLOSE,
                event.service(),
                event.alert(),
                event.priority(),
                event.duration().map(Duration::toSeconds),
                event.source(),
                event.method());
    }

    private List<AlertEvent> candidates(
            AlertEvent.Action action, Classification c, String channel, Instant from, Instant to) {
        return ctx.alerts().occurrences(c.service(), c.alert(), action, channel, from, to, MAX_CANDIDATES);
    }

    private void pairClose(AlertEvent close, Classification c) {
        Instant at = close.at();
        // a close posted in an alert's thread resolves that alert, whatever names either reads ("✅" under the card)
        Optional<String> thread = ctx.messages()
                .get(close.message().channelId(), close.message().ts())
                .flatMap(Message::threadTs)
                .filter(t -> !t.equals(close.message().ts()));
        if (thread.isPresent()) {
            Optional<AlertEvent> parent = ctx
                    .alerts()
                    .open(close.message().channelId(), at.minus(pairingWindow), at, MAX_SIMILAR_CANDIDATES)
                    .stream()
                    .filter(o -> o.message().ts().equals(thread.get()))
                    .findFirst();
            if (parent.isPresent()) {
                link(parent.get(), close, c.durationSeconds());
                return;
            }
        }
        List<AlertEvent> opens = candidates(
                AlertEvent.Action.OPEN, c, close.message().channelId(), at.minus(pairingWindow), at.plusNanos(1_000));
        // with no open of exactly these names: one of the same integration whose names are alike, else its only one
        // still firing; each candidate's poster read once (both steps may ask of it)
        Optional<String> poster = poster(close.message());
        java.util.Map<String, Optional<String>> posters = new java.util.HashMap<>();
        Pairing.closeResolves(
                        close,
                        opens,
                        () -> ctx.alerts()
                                .open(close.message().channelId(), at.minus(pairingWindow), at, MAX_SIMILAR_CANDIDATES),
                        o -> poster.isPresent()
                                && posters.computeIfAbsent(o.message().ts(), ts -> poster(o.message()))
                                        .equals(poster))
                .ifPresent(o -> link(o, close, c.durationSeconds()));
    }

    /** Who posted a message: its bot and the name it posted under. */
    private Optional<String> poster(MessageRef ref) {
        return ctx.messages().get(ref.channelId(), ref.ts()).flatMap(ClassifierModule::poster);
    }

    private static Optional<String> poster(Message m) {
        return Optional.of(
                m.botId().or(m::userId).orElse("") + "/" + (m.attrs().get("username") instanceof String u ? u : ""));
    }

    private void pairOpen(AlertEvent open, Classification c) {
        Instant at = open.at();
        Instant until = at.plus(pairingWindow);
        List<AlertEvent> closes =
                candidates(AlertEvent.Action.CLOSE, c, open.message().channelId(), at, until);
        if (closes.isEmpty()) {
            return; // the usual case for a live alert: it is still firing
        }
        List<AlertEvent> opens =
                candidates(AlertEvent.Action.OPEN, c, open.message().channelId(), at, until);
        Pairing.closeFor(open, closes, opens).ifPresent(close -> {
            // the close's own classification, re-read from the stored text, says whether it stated a duration
            Optional<Long> stated = classifyQuietly(close).flatMap(Classification::durationSeconds);
            link(open, close, stated);
        });
    }

    private Optional<Classification> classifyQuietly(AlertEvent close) {
        Optional<Message> message =
                ctx.messages().get(close.message().channelId(), close.message().ts());
        return message.flatMap(m -> builtin.classify(MessageView.of(m)))
                .filter(Classification::isAlert)
                .or(() -> close.pairedTs().isEmpty() && close.duration().isPresent()
                        ? Optional.of(new Classification(
                                Action.CLOSE,
                                "",
                                "",
                                Optional.empty(),
                                Optional.of(close.duration().get().toSeconds()),
                                "",
                                ""))
                        : Optional.empty());
    }

    private void link(AlertEvent open, AlertEvent close, Optional<Long> stated) {
        long seconds = stated.orElseGet(() ->
                Pairing.secondsBetween(open.message().ts(), close.message().ts()));
        ctx.alerts().pair(open.message(), close.message(), Duration.ofSeconds(seconds));
    }
}
