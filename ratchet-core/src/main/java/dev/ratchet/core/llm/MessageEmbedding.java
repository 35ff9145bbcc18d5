package dev.ratchet.core.llm;

import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.EmbeddingRepository;
import dev.ratchet.core.storage.QueueFlags;
import dev.ratchet.spi.LlmService;
import dev.ratchet.spi.LlmUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every stored message embedded but the bot's own posts (marked {@code own} when stored, left out of the queue by
 * V14), when a module asked for it ({@code ModuleContext#embedMessages}): in batches by one
 * kind of job, not by a handler job per message. A job per message cost a JobRunr job, a module run claimed and
 * finished and a single-row update each, which held the pipeline to under half the model's rate.
 *
 * <p>Storing a message (or an edit, which forgets the old vector) enqueues an {@link EmbedMessagesJob} in the same
 * transaction, unless one is already enqueued and not yet started (a mark in {@code settings}, {@link QueueFlags}), so a
 * burst of messages makes a few jobs. A job clears the flag first, then embeds the newest messages lacking an embedding, a batch per
 * transaction ({@link EmbeddingRepository#embedNewest}: several jobs, in several processes, take different rows), and
 * after {@link #BATCHES_PER_RUN} batches hands its worker back by enqueuing the next. Retried or run twice, it finds
 * only what is still missing. A recurring run each minute catches anything a lost job or an unavailable embedding
 * endpoint left behind.
 *
 * <p>A text embedded lately, as a search query or as another message ({@link QueryEmbeddings}), is not run through
 * the model again: its vector is taken from there, and the vectors the model gives here are kept there. An alert's text
 * is so embedded once when the runbook searched with it (without an LLM, its semantic query is the alert's text) and
 * once per firing when the same alert fires again with the same text. Only the texts the model ran for are recorded in
 * {@code llm_calls} (a batch all of whose texts were known records nothing: no model call was made).
 */
public final class MessageEmbedding {

    private static final Logger log = LoggerFactory.getLogger(MessageEmbedding.class);
    /** Messages per transaction: one ONNX run each (about 0.1 s here), one multi-row update. */
    static final int BATCH = 32;
    /** Batches per job, so that a long import does not hold a worker for minutes. */
    static final int BATCHES_PER_RUN = 16;

    static final String RECURRING = "embed-messages";
    private static final Duration SAFETY_NET = Duration.ofMinutes(1);

    private final EmbeddingRepository embeddings;
    private final LlmRuntime llm;
    private final Registrations registrations;
    private final JobSystem jobs;
    private final QueueFlags flags;
    private final QueryEmbeddings known;

    public MessageEmbedding(Database db, LlmRuntime llm, Registrations registrations, JobSystem jobs) {
        this(db, llm, registrations, jobs, new QueryEmbeddings(llm.embedder()));
    }

    /** With {@code known}: the embeddings of texts embedded lately, shared with the search queries' (see above). */
    public MessageEmbedding(
            Database db, LlmRuntime llm, Registrations registrations, JobSystem jobs, QueryEmbeddings known) {
        this.known = known;
        this.embeddings = new EmbeddingRepository(db);
        this.llm = llm;
        this.registrations = registrations;
        this.jobs = jobs;
        this.flags = new QueueFlags(db);
        jobs.registerHandler(Runner.class, new Runner());
        jobs.dispatcher().onStored(this::stored);
        jobs.dispatcher()
                .onQueue(
                        QueueFlags.EMBEDDING,
                        () -> jobs.enqueue(new EmbedMessagesJob(), "embed messages", null, Duration.ZERO, 3, "core"));
    }

    /** Registers the recurring run that picks up what nothing else will; with the job server. */
    public void scheduleSafetyNet() {
        if (registrations.messageEmbedder().isPresent()) {
            jobs.scheduleRecurring(RECURRING, SAFETY_NET, new EmbedMessagesJob());
        }
    }

    /**
     * Called in the transaction that stored {@code event}: the embedding queue, when the message needs (again) an
     * embedding; the dispatcher enqueues the job unless one is enqueued and not started.
     */
    private Optional<String> stored(EventRef event) {
        if (registrations.messageEmbedder().isEmpty()) {
            return Optional.empty();
        }
        return switch (event.type()) {
            case MESSAGE_EDITED -> {
                embeddings.forget(event.channelId(), event.ts());
                yield Optional.of(QueueFlags.EMBEDDING);
            }
            case MESSAGE, THREAD_REPLY -> Optional.of(QueueFlags.EMBEDDING);
            default -> Optional.empty();
        };
    }

    /**
     * The texts' vectors; when the batch fails, each text alone, null for one the embedder refuses. When the first
     * texts alone fail too and none succeeded, it is the endpoint, not a text: the batch's failure is thrown, and the
     * messages are left for later.
     */
    static List<float[]> vectors(LlmService service, List<String> texts) throws LlmUnavailableException {
        try {
            return service.embed(texts);
        } catch (LlmUnavailableException batch) {
            if (texts.size() == 1) {
                throw batch; // alone, a refused text and an absent endpoint look the same: left for the next batch
            }
            List<float[]> out = new ArrayList<>();
            int succeeded = 0;
            for (String text : texts) {
                try {
                    out.add(service.embed(List.of(text)).get(0));
                    succeeded++;
                } catch (LlmUnavailableException one) {
                    if (succeeded == 0 && out.size() >= 1) {
                        throw batch; // the first two failed alone too: the endpoint, not a text
                    }
                    out.add(null);
                }
            }
            log.warn(
                    "{} of {} messages refused by the embedder; marked and left without an embedding",
                    texts.size() - succeeded,
                    texts.size());
            return out;
        }
    }

    /**
     * The texts' vectors as {@link #vectors} gives them, those of texts embedded lately taken from {@code known}
     * instead of the model, and the model's kept there; only the other texts are asked of {@code service}, each once
     * (a batch holding the same text twice runs it once).
     */
    static List<float[]> vectors(LlmService service, List<String> texts, QueryEmbeddings known)
            throws LlmUnavailableException {
        List<float[]> out = new ArrayList<>(texts.size());
        java.util.Map<String, List<Integer>> missing = new java.util.LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            Optional<float[]> v = known.known(texts.get(i));
            out.add(v.orElse(null));
            if (v.isEmpty()) {
                missing.computeIfAbsent(texts.get(i), t -> new ArrayList<>()).add(i);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        List<String> asked = new ArrayList<>(missing.keySet());
        List<float[]> embedded = vectors(service, asked);
        for (int j = 0; j < asked.size(); j++) {
            float[] v = embedded.get(j);
            List<Integer> at = missing.get(asked.get(j));
            for (int k = 0; k < at.size(); k++) {
                out.set(at.get(k), v == null || k == 0 ? v : v.clone());
            }
            known.remember(asked.get(j), v);
        }
        return out;
    }

    /** Embeds messages lacking an embedding, newest first; see {@link MessageEmbedding}. */
    public record EmbedMessagesJob() implements JobRequest {
        @Override
        public Class<Runner> getJobRequestHandler() {
            return Runner.class;
        }
    }

    /** Runs {@link EmbedMessagesJob}s. */
    public final class Runner implements JobRequestHandler<EmbedMessagesJob> {
        @Override
        public void run(EmbedMessagesJob job) {
            if (registrations.messageEmbedder().isEmpty()) {
                return; // no module of this process asked for embeddings
            }
            flags.markIdle(QueueFlags.EMBEDDING); // messages stored from now on enqueue the next job
            LlmService service = llm.forModule(registrations.messageEmbedder().get());
            for (int b = 0; b < BATCHES_PER_RUN; b++) {
                int n;
                try {
                    n = embeddings.embedNewest(BATCH, texts -> vectors(service, texts, known));
                } catch (LlmUnavailableException e) {
                    // left as they are: the next message, or the recurring run within a minute, tries again
                    log.warn("messages left without embeddings for now: {}", e.getMessage());
                    return;
                }
                if (n < BATCH) {
                    return; // none left, or the rest are being embedded by another job
                }
            }
            jobs.enqueue(new EmbedMessagesJob(), "embed messages", null, Duration.ZERO, 3, "core");
        }
    }
}
