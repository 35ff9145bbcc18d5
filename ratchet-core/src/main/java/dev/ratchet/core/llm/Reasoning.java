package dev.ratchet.core.llm;

import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessage;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reasoning model's thinking, told apart from its answer. qwen3, deepseek-r1 and the like put
 * {@code <think>…</think>} before the answer in {@code content} (some chat templates open the tag in the prompt, so
 * the answer holds only the closing tag), or send the thinking in a {@code reasoning_content} (vLLM, LM Studio,
 * DeepSeek) or {@code reasoning} (Ollama, OpenRouter) field. Nothing of it is parsed as JSON, posted, or sent back to
 * the model; it is recorded in {@code llm_calls.reasoning}.
 *
 * @param answer    the content without the thinking, trimmed; empty when the model only thought (cut off mid-thought)
 * @param reasoning the thinking, or null when there was none
 */
record Reasoning(String answer, String reasoning) {

    static final String[] FIELDS = {"reasoning_content", "reasoning"};
    private static final Pattern THINK = Pattern.compile(
            "<(think|thinking|reasoning)>(.*?)(?:</\\1>|\\z)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOSE_ONLY = Pattern.compile("\\A(.*?)</(think|thinking|reasoning)>", Pattern.DOTALL);

    /** Splits {@code content}; {@code field} is a {@code reasoning_content} the server sent apart, or null. */
    static Reasoning split(String content, String field) {
        StringBuilder thought = new StringBuilder(field == null ? "" : field.strip());
        String rest = content == null ? "" : content;
        Matcher close = CLOSE_ONLY.matcher(rest);
        if (close.find() && !close.group(1).toLowerCase(java.util.Locale.ROOT).contains("<" + close.group(2))) {
            append(thought, close.group(1));
            rest = rest.substring(close.end());
        }
        Matcher m = THINK.matcher(rest);
        StringBuilder answer = new StringBuilder();
        int at = 0;
        while (m.find()) {
            answer.append(rest, at, m.start());
            append(thought, m.group(2));
            at = m.end();
        }
        answer.append(rest.substring(at));
        return new Reasoning(answer.toString().strip(), thought.length() == 0 ? null : thought.toString());
    }

    /** The first choice's message split. */
    static Reasoning of(ChatCompletion completion) {
        if (completion.choices().isEmpty()) {
            return new Reasoning("", null);
        }
        return of(completion.choices().get(0).message());
    }

    static Reasoning of(ChatCompletionMessage message) {
        return split(message.content().orElse(null), field(message).orElse(null));
    }

    /** The message without its thinking: what is sent back to the model in a later round. */
    static ChatCompletionMessage withoutThinking(ChatCompletionMessage message) {
        Reasoning r = of(message);
        if (r.reasoning() == null) {
            return message;
        }
        ChatCompletionMessage.Builder b = message.toBuilder();
        for (String f : FIELDS) {
            b.removeAdditionalProperty(f);
        }
        return b.content(message.content().isPresent() ? Optional.of(r.answer()) : Optional.empty())
                .build();
    }

    private static Optional<String> field(ChatCompletionMessage message) {
        for (String f : FIELDS) {
            JsonValue v = message._additionalProperties().get(f);
            if (v != null) {
                Optional<String> s = v.asString();
                if (s.isPresent() && !s.get().isBlank()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    private static void append(StringBuilder thought, String part) {
        String p = part.strip();
        if (p.isEmpty()) {
            return;
        }
        if (thought.length() > 0) {
            thought.append("\n\n");
        }
        thought.append(p);
    }
}
