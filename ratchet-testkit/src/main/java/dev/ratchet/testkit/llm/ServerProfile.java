package dev.ratchet.testkit.llm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link OpenAiStub} behaves beyond the ideal OpenAI model: the differences of the OpenAI-compatible servers that
 * people actually run, each as the server shows it on the wire. Immutable; start from a server and add quirks.
 *
 * <pre>{@code
 * llm.profile(ServerProfile.ollama().contextWindow(4096).withoutTools("gemma:2b").thinking(Thinking.THINK_TAGS));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #openai()}: the ideal model (the stub's default); a prompt over the {@linkplain #contextWindow window}
 *   is refused 400 {@code context_length_exceeded}.</li>
 *   <li>{@link #ollama()}: {@code POST /api/show} answers the model's {@code model_info} (its trained
 *   {@code <arch>.context_length}) and {@code parameters} ({@code num_ctx} when {@linkplain #numCtx set}); a model
 *   not listed by {@link OpenAiStub#models} is 404 {@code model "…" not found, try pulling it first}; a model
 *   {@linkplain #withoutTools without a tool template} answers a request with {@code tools} 400
 *   {@code registry.ollama.ai/library/<model> does not support tools}; a prompt over the window (2048 tokens unless
 *   set) is <em>silently truncated</em>: its start is dropped and the request is marked {@link ChatRequest#truncated()}.
 *   </li>
 *   <li>{@link #vllm()}: over the window, 400 {@code This model's maximum context length is …}.</li>
 *   <li>{@link #lmstudio()}: {@code json_schema} only: {@code json_object} is 400.</li>
 *   <li>{@link #azure()}: Azure OpenAI's data plane (dated API versions). Requests go to
 *   {@code POST /openai/deployments/{deployment}/chat/completions?api-version=…} and
 *   {@code …/embeddings?api-version=…} ({@code GET /openai/models?api-version=…} lists {@link OpenAiStub#models});
 *   the deployment decides the model, and the body's {@code model} is ignored ({@link ChatRequest#model()} is the
 *   deployment). The key goes in an {@code api-key} header: without one, or with another than
 *   {@link OpenAiStub#requireApiKey} set, the answer is 401 {@code {"error": {"code": "401", "message": "Access
 *   denied due to invalid subscription key or wrong API endpoint. …"}}}; an {@code Authorization: Bearer} header
 *   alone is taken for a Microsoft Entra token and refused 401 too. No {@code api-version} is 404
 *   {@code Resource not found}, as Azure answers it; one that is not {@code YYYY-MM-DD} or {@code YYYY-MM-DD-preview}
 *   is 400 {@code API version not supported}. A deployment outside {@link #deployments} (when set) is 404
 *   {@code DeploymentNotFound}. {@code json_schema} needs api-version 2024-08-01-preview or later (400 before it);
 *   {@code tools} are served. The OpenAI paths ({@code /v1/…}) are 404. Completions carry Azure's content filter
 *   results.</li>
 * </ul>
 */
public final class ServerProfile {

    /** The server whose conventions are followed. */
    public enum Server {
        OPENAI,
        OLLAMA,
        VLLM,
        LMSTUDIO,
        /** Azure OpenAI: deployment paths, {@code api-version}, {@code api-key}. */
        AZURE
    }

    /** How a reasoning model's thinking comes back. */
    public enum Thinking {
        /** No thinking. */
        NONE,
        /** {@code <think>…</think>} before the answer in {@code content} (qwen3, deepseek-r1 on Ollama). */
        THINK_TAGS,
        /** A {@code reasoning_content} field beside {@code content} (vLLM's reasoning parser, DeepSeek's API). */
        REASONING_CONTENT
    }

    /** Which {@code response_format} types are served; the others are refused 400. */
    public enum JsonModes {
        SCHEMA_AND_OBJECT,
        /** {@code json_object} only (Ollama before 0.5, older llama.cpp servers). */
        OBJECT_ONLY,
        /** {@code json_schema} only (LM Studio). */
        SCHEMA_ONLY,
        /** No {@code response_format} at all. */
        NONE
    }

    /** The thinking a {@link Thinking} profile adds to every text answer. */
    public static final String THOUGHT =
            "The user wants an answer. Let me think step by step: {\"not\": \"the answer\"}.";

    // each profile is built by a factory or a wither and not changed after it is returned
    final Server server;
    Thinking thinking = Thinking.NONE;
    JsonModes jsonModes = JsonModes.SCHEMA_AND_OBJECT;
    Set<String> modelsWithoutTools = Set.of();
    boolean ignoresTools;
    Integer contextWindow;
    Integer numCtx;
    Map<String, Integer> trainedContext = Map.of();
    /** Azure: the deployments served, by name, with the model each runs; empty serves any name as its own model. */
    Map<String, String> deployments = Map.of();

    private ServerProfile(Server server) {
        this.server = server;
    }

    /** A copy of this profile, for a wither to change one thing of. */
    private ServerProfile copy() {
        ServerProfile p = new ServerProfile(server);
        p.thinking = thinking;
        p.jsonModes = jsonModes;
        p.modelsWithoutTools = modelsWithoutTools;
        p.ignoresTools = ignoresTools;
        p.contextWindow = contextWindow;
        p.numCtx = numCtx;
        p.trainedContext = trainedContext;
        p.deployments = deployments;
        return p;
    }

    /** OpenAI itself: every feature, no window unless {@linkplain #contextWindow set}. */
    public static ServerProfile openai() {
        return new ServerProfile(Server.OPENAI);
    }

    /** Ollama (0.5 or later) with its OpenAI-compatible endpoint and a default context of 2048 tokens. */
    public static ServerProfile ollama() {
        return new ServerProfile(Server.OLLAMA);
    }

    /** vLLM's OpenAI-compatible server. */
    public static ServerProfile vllm() {
        return new ServerProfile(Server.VLLM);
    }

    /** LM Studio's server. */
    public static ServerProfile lmstudio() {
        return new ServerProfile(Server.LMSTUDIO).json(JsonModes.SCHEMA_ONLY);
    }

    /** Azure OpenAI, with any deployment name served until {@linkplain #deployments(String...) some are set}. */
    public static ServerProfile azure() {
        return new ServerProfile(Server.AZURE);
    }

    /**
     * Azure: the deployments of the resource, each running the model of its name; a request to any other is 404
     * {@code DeploymentNotFound}. Adds to those set before.
     */
    public ServerProfile deployments(String... names) {
        ServerProfile p = this;
        for (String name : names) {
            p = p.deployment(name, name);
        }
        return p;
    }

    /**
     * Azure: a deployment named {@code name} running {@code model} (the {@code model} its answers name, as Azure's
     * answers name the model version rather than the deployment).
     */
    public ServerProfile deployment(String name, String model) {
        if (server != Server.AZURE) {
            throw new IllegalStateException("deployments are Azure OpenAI's: start from ServerProfile.azure()");
        }
        Map<String, String> d = new LinkedHashMap<>(deployments);
        d.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(model, "model"));
        ServerProfile p = copy();
        p.deployments = Collections.unmodifiableMap(d);
        return p;
    }

    /** Every text answer carries the model's thinking, as {@code mode} says. */
    public ServerProfile thinking(Thinking mode) {
        ServerProfile p = copy();
        p.thinking = Objects.requireNonNull(mode);
        return p;
    }

    /** The {@code response_format} types served. */
    public ServerProfile json(JsonModes modes) {
        ServerProfile p = copy();
        p.jsonModes = Objects.requireNonNull(modes);
        return p;
    }

    /** Requests with {@code tools} for these models are refused as the server refuses them. */
    public ServerProfile withoutTools(String... models) {
        Set<String> m = new LinkedHashSet<>(modelsWithoutTools);
        m.addAll(List.of(models));
        ServerProfile p = copy();
        p.modelsWithoutTools = Collections.unmodifiableSet(m);
        return p;
    }

    /** {@code tools} are dropped silently: the model never sees them and never calls one. */
    public ServerProfile ignoringTools() {
        ServerProfile p = copy();
        p.ignoresTools = true;
        return p;
    }

    /**
     * The context window served, in the stub's tokens (whitespace-separated words, plus one per message): longer
     * prompts are refused or, on Ollama, truncated.
     */
    public ServerProfile contextWindow(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("a context window holds at least one token, not " + tokens);
        }
        ServerProfile p = copy();
        p.contextWindow = tokens;
        return p;
    }

    /**
     * Ollama: {@code num_ctx} set in the model file, shown by {@code /api/show} under {@code parameters} and served as
     * the window.
     */
    public ServerProfile numCtx(int tokens) {
        ServerProfile p = copy();
        p.contextWindow = tokens;
        p.numCtx = tokens;
        return p;
    }

    /** Ollama: the context length the model was trained for, as {@code /api/show} shows it in {@code model_info}. */
    public ServerProfile trainedContext(String model, int tokens) {
        Map<String, Integer> t = new LinkedHashMap<>(trainedContext);
        t.put(model, tokens);
        ServerProfile p = copy();
        p.trainedContext = Collections.unmodifiableMap(t);
        return p;
    }

    /** The window in force: the set one, or Ollama's default of 2048 tokens, or none. */
    Integer window() {
        if (contextWindow != null) {
            return contextWindow;
        }
        return server == Server.OLLAMA ? 2048 : null;
    }

    @Override
    public String toString() {
        return "ServerProfile[" + server + ", thinking " + thinking + ", json " + jsonModes + ", without tools "
                + modelsWithoutTools + (ignoresTools ? ", ignoring tools" : "") + ", window " + window()
                + (deployments.isEmpty() ? "" : ", deployments " + deployments.keySet()) + "]";
    }
}
