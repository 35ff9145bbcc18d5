package dev.ratchet.core.llm;

import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.LlmUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The LLM part of {@code ratchet doctor}: the chat server (reachable, the model present, its context window, how it
 * answers JSON, whether it calls tools, the latency of a tiny call) and the embedding model. Each check is one line
 * with what was found or the fix. The calls are recorded in {@code llm_calls} under module {@code doctor}.
 */
public final class LlmDoctor {

    /** One check: its name, whether it passed, and what was found or what to do. */
    public record Check(String name, boolean ok, String detail) {}

    private LlmDoctor() {}

    public static List<Check> check(LlmRuntime rt) {
        List<Check> checks = new ArrayList<>();
        LlmSettings s = rt.settings;
        if (rt.backend == null) {
            checks.add(new Check("llm", true, "generation is off (llm.url=off): modules answer without a model"));
        } else {
            long t0 = System.nanoTime();
            Optional<String> down = rt.backend.unreachableReason();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (down.isPresent()) {
                checks.add(new Check(
                        "llm server",
                        false,
                        rt.backend.shownUrl() + ": " + down.get()
                                + (rt.backend.azure()
                                        ? "; set RATCHET_LLM_URL to the Azure OpenAI resource's endpoint "
                                                + "(https://NAME.openai.azure.com) and RATCHET_LLM_API_KEY to one of its keys"
                                        : "; start the server (ollama serve) or set RATCHET_LLM_URL")));
            } else {
                checks.add(new Check(
                        "llm server",
                        true,
                        rt.backend.shownUrl()
                                + (rt.backend.azure()
                                        ? " answers as Azure OpenAI (api-version " + rt.backend.azureApiVersion() + ")"
                                        : " answers")
                                + " (" + ms + " ms)"));
                chat(rt, s, checks);
            }
        }
        try {
            long t0 = System.nanoTime();
            int dim = rt.embedder.embed(List.of("ratchet doctor")).get(0).length;
            long ms = (System.nanoTime() - t0) / 1_000_000;
            boolean fits = dim == s.dimension();
            checks.add(new Check(
                    "embedding model",
                    fits,
                    rt.embedder.model() + ": " + dim + " dimensions (" + ms + " ms)"
                            + (fits
                                    ? ""
                                    : "; the database holds " + s.dimension()
                                            + ": run 'ratchet reembed', or configure the previous model")));
        } catch (LlmUnavailableException | RuntimeException e) {
            checks.add(new Check(
                    "embedding model",
                    false,
                    rt.embedder.model() + ": " + e.getMessage()
                            + "; check embedding.url and embedding.model, or use embedding.provider=local"));
        }
        return checks;
    }

    private static void chat(LlmRuntime rt, LlmSettings s, List<Check> checks) {
        if (rt.backend.azure()) {
            if (!deployment(rt, s, checks)) {
                return;
            }
        } else if (!listed(rt, s, checks)) {
            return;
        }
        context(rt, s, checks);
    }

    /**
     * Azure OpenAI lists the models a resource may deploy, not its deployments: whether the deployment named by
     * {@code llm.model} exists is asked of it, with a tiny chat call.
     */
    private static boolean deployment(LlmRuntime rt, LlmSettings s, List<Check> checks) {
        long t0 = System.nanoTime();
        try {
            new ModuleLlm("doctor", rt).chat("deployment", List.of(ChatMessage.user("Answer with the word ok.")));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            checks.add(new Check("llm model", true, "deployment " + s.model() + " answers (" + ms + " ms)"));
            return true;
        } catch (LlmUnavailableException e) {
            checks.add(new Check("llm model", false, e.getMessage()));
            return false;
        }
    }

    private static boolean listed(LlmRuntime rt, LlmSettings s, List<Check> checks) {
        try {
            List<String> ids = rt.backend.modelIds();
            boolean present = ids.isEmpty() || ids.contains(s.model());
            checks.add(new Check(
                    "llm model",
                    present,
                    present
                            ? s.model() + " is served"
                            : s.model() + " is not among the server's " + ids.size() + " models: run `ollama pull "
                                    + s.model() + "` (Ollama), or set RATCHET_LLM_MODEL to one of them"));
            return present;
        } catch (LlmUnavailableException e) {
            checks.add(new Check("llm model", false, e.getMessage()));
            return false;
        }
    }

    private static void context(LlmRuntime rt, LlmSettings s, List<Check> checks) {
        Optional<Integer> window = rt.context.tokens();
        checks.add(new Check(
                "context window",
                true,
                window.map(w -> w + " tokens" + (s.contextWindow() > 0 ? " (llm.context-window)" : " (Ollama num_ctx)")
                                + (w < 8192
                                        ? "; small for runbooks with past threads: prompts will be trimmed (a larger "
                                                + "num_ctx in a Modelfile, and llm.context-window, give more room)"
                                        : ""))
                        .orElse("unknown: prompts are sent whole; set llm.context-window to have them fitted")));
        ModuleLlm llm = new ModuleLlm("doctor", rt);
        long t0 = System.nanoTime();
        try {
            llm.json(
                    "doctor",
                    List.of(ChatMessage.user("Answer with the JSON object {\"ok\": true}.")),
                    "{\"type\": \"object\", \"required\": [\"ok\"], \"additionalProperties\": false, "
                            + "\"properties\": {\"ok\": {\"type\": \"boolean\"}}}");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            checks.add(new Check(
                    "json answers",
                    true,
                    switch (rt.capabilities.json()) {
                                case SCHEMA -> "response_format json_schema";
                                case OBJECT -> "response_format json_object (no json_schema)";
                                case PROMPT -> "schema in the prompt only (no response_format)";
                            }
                            + "; a tiny call took " + ms + " ms"));
        } catch (LlmUnavailableException e) {
            checks.add(new Check("json answers", false, e.getMessage()));
            return;
        }
        boolean tools = llm.callsTools();
        checks.add(new Check(
                "tool calling",
                true,
                tools && rt.capabilities.tools() == ServerCapabilities.Tools.NATIVE
                        ? "native"
                        : "not supported: the commands agent plans in JSON (a model with tool support, such as "
                                + "qwen2.5:7b, answers better)"));
    }
}
