package dev.ratchet.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.LlmAnswerInvalidException;
import dev.ratchet.spi.LlmUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A module's fallback is logged once per reason when the LLM is unavailable, each time when an answer is unusable. */
class LlmFallbackTest {

    /** A logger that keeps what it was told, level and text. */
    static final class Kept implements System.Logger {
        final String name;
        final List<String> lines = new ArrayList<>();

        Kept(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            lines.add(level + " " + msgSupplier.get());
        }
    }

    @Test
    void an_unavailable_llm_is_warned_about_once_per_reason_and_an_unusable_answer_each_time() {
        Kept log = new Kept("fallback-test-" + System.nanoTime());
        LlmUnavailableException limited = new LlmUnavailableException("rate limited; resets in 12 s");
        assertThat(LlmFallback.logged(log, "runbook for disk full falls back", limited))
                .isEqualTo(LlmFallback.UNAVAILABLE);
        LlmFallback.logged(
                log, "runbook for cpu falls back", new LlmUnavailableException("rate limited; resets in 3 s"));
        LlmFallback.logged(
                log, "runbook for cpu falls back", new LlmUnavailableException("no answer: connect timeout"));
        LlmFallback.logged(log, "runbook for a falls back", new LlmAnswerInvalidException("invalid answer: x", "{}"));
        LlmFallback.logged(log, "runbook for b falls back", new LlmAnswerInvalidException("invalid answer: x", "{}"));
        assertThat(log.lines)
                .extracting(l -> l.substring(0, l.indexOf(' ')))
                .containsExactly("WARNING", "DEBUG", "WARNING", "WARNING", "WARNING");
        assertThat(log.lines.get(0))
                .startsWith("WARNING runbook for disk full falls back: rate limited; resets in 12 s")
                .contains("said once until the reason changes");
        assertThat(log.lines.get(3)).doesNotContain("said once");
    }
}
