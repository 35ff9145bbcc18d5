package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.LlmService.ChatMessage;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.llm.OpenAiStub;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Prometheus metrics move with real work: events through the Slack emulator over Socket Mode, module runs, Web API
 * calls and a 429, LLM calls and tokens through the OpenAI-compatible stub, and the job gauges.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class MetricsTest {

    static SlackEmulator slack;
    static OpenAiStub llm;
    static Ratchet ratchet;

    /** Replies "pong" to "ping", asks the LLM about "ask", and fails (no retries) on "boom". */
    static final class Pinger implements RatchetModule {
        @Override
        public String id() {
            return "pinger";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on("answer", Subscription.to(EventType.MESSAGE).withRetry(RetryPolicy.NONE), e -> {
                String text = e.message().text();
                if (text.contains("boom")) {
                    throw new IllegalStateException("boom");
                }
                String reply =
                        text.contains("ask") ? ctx.llm().chat("answer", List.of(ChatMessage.user(text))) : "pong";
                ctx.slack()
                        .post(
                                "answer:" + e.key(),
                                SlackService.Post.reply(
                                        e.message().channelId(), e.message().ts(), reply));
            });
        }
    }

    @BeforeAll
    static void start(TestDatabase db) {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addChannel("C_MET", "team-metrics");
        slack.botJoins("C_MET");
        llm = OpenAiStub.start().models("qwen2.5:7b").defaultReply("the answer is four words");
        Map<String, String> flags = TestBot.slackFlags(slack);
        flags.put("llm.url", llm.baseUrl());
        flags.put("llm.model", "qwen2.5:7b");
        ratchet = Ratchet.start(
                db.config(flags),
                ModuleRegistry.of(List.of(new Pinger())).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.connectionCount() == 1);
    }

    @AfterAll
    static void stop() {
        ratchet.close();
        slack.close();
        llm.close();
    }

    static double metric(String name, String... labels) {
        return sum(ratchet.metrics().scrape(), name, labels);
    }

    /**
     * The sum of the samples of {@code name} in a Prometheus text exposition whose labels include every
     * {@code key=value} pair given (as {@code "key", "value", ...}); 0 when there is none.
     */
    static double sum(String scrape, String name, String... labels) {
        double total = 0;
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    void a_handled_message_counts_the_event_the_module_run_and_the_post() {
        double before = metric("ratchet_slack_api_calls_total", "method", "chat.postMessage", "outcome", "ok");
        String ts = slack.post("C_MET", "U_ALICE", "ping");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.repliesIn("C_MET", ts).size() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("ratchet_module_runs_total", "module", "pinger", "outcome", "ok") >= 1);

        assertThat(metric("ratchet_events_ingested_total", "type", "message")).isGreaterThanOrEqualTo(1);
        assertThat(metric("ratchet_module_run_seconds_count", "module", "pinger", "handler", "answer"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric("ratchet_slack_api_calls_total", "method", "chat.postMessage", "outcome", "ok"))
                .isEqualTo(before + 1);
        // the series carry no channel or user ids
        assertThat(ratchet.metrics().scrape()).doesNotContain("C_MET").doesNotContain("U_ALICE");
    }

    @Test
    void a_redelivered_event_counts_as_duplicate() {
        double before = metric("ratchet_events_duplicate_total");
        String ts = String.format("%d.000077", Instant.now().getEpochSecond() - 5);
        slack.deliver(
                Map.of(
                        "type",
                        "message",
                        "channel",
                        "C_MET",
                        "user",
                        "U_ALICE",
                        "text",
                        "delivered thrice",
                        "ts",
                        ts,
                        "event_ts",
                        ts,
                        "channel_type",
                        "channel"),
                3);
        slack.awaitAcked(Duration.ofSeconds(10));
        assertThat(metric("ratchet_events_duplicate_total")).isEqualTo(before + 2);
    }

    @Test
    void a_rate_limited_post_counts_a_429_and_then_succeeds() {
        slack.failNext("chat.postMessage", 1, 1);
        String ts = slack.post("C_MET", "U_ALICE", "ping after a limit");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> slack.repliesIn("C_MET", ts).size() == 1);
        assertThat(metric("ratchet_slack_rate_limited_total", "method", "chat.postMessage"))
                .isEqualTo(1);
        assertThat(metric("ratchet_slack_api_calls_total", "method", "chat.postMessage", "outcome", "rate_limited"))
                .isEqualTo(1);
    }

    @Test
    void an_llm_call_counts_the_call_its_tokens_and_its_latency() {
        String ts = slack.post("C_MET", "U_ALICE", "ask how many words");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> slack.repliesIn("C_MET", ts).size() == 1);
        assertThat(slack.repliesIn("C_MET", ts).get(0).get("text")).isEqualTo("the answer is four words");
        assertThat(metric("ratchet_llm_calls_total", "module", "pinger", "model", "qwen2.5:7b", "outcome", "ok"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric("ratchet_llm_tokens_total", "module", "pinger", "kind", "completion"))
                .isGreaterThanOrEqualTo(5);
        assertThat(metric("ratchet_llm_tokens_total", "module", "pinger", "kind", "prompt"))
                .isGreaterThan(0);
        assertThat(metric("ratchet_llm_call_seconds_count", "module", "pinger", "model", "qwen2.5:7b"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_failing_handler_counts_as_failed_and_the_job_gauges_see_it() {
        double before = metric("ratchet_module_runs_total", "module", "pinger", "outcome", "failed");
        slack.post("C_MET", "U_ALICE", "boom");
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        metric("ratchet_module_runs_total", "module", "pinger", "outcome", "failed") == before + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("ratchet_jobs", "state", "failed") >= 1);
        assertThat(ratchet.metrics().scrape())
                .contains("ratchet_jobs_by_module{module=\"pinger\",state=\"enqueued\"}")
                .contains("jvm_memory_used_bytes");
    }
}
